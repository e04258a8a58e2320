"""Small inline portfolios for analysis tests: valid defaults, override what the test is about."""

from __future__ import annotations

from typing import Any

from pmo.analysis.data import PortfolioData
from pmo.model import Portfolio, Programme, Update


def _merge(base: dict[str, Any], overrides: dict[str, Any]) -> dict[str, Any]:
    return {**base, **overrides}


def portfolio(**overrides: Any) -> Portfolio:
    """portfolio.yaml with two objectives, five criteria, an envelope and two roles."""
    base: dict[str, Any] = {
        "name": "Test portfolio",
        "office": "Test PMO",
        "stale_after_days": 35,
        "objectives": [
            {"id": "safe", "title": "Keep children safe", "weight": 60},
            {"id": "sustain", "title": "Sustainable budgets", "weight": 40},
        ],
        "criteria": [
            {"id": "strategic-fit", "title": "Fit", "weight": 30, "group": "attractiveness"},
            {"id": "statutory", "title": "Statutory", "weight": 25, "group": "attractiveness"},
            {"id": "financial", "title": "Financial", "weight": 20, "group": "attractiveness"},
            {"id": "deliverability", "title": "Deliver", "weight": 15, "group": "achievability"},
            {"id": "readiness", "title": "Ready", "weight": 10, "group": "achievability"},
        ],
        "envelope": {"2026/27": 1_000_000, "2027/28": 1_000_000},
        "savings_target": {"2026/27": 500_000, "2027/28": 800_000},
        "capacity": {"programme-manager": 2, "business-analyst": {"fte": 3, "2027-04": 2}},
        "risk": {"escalate_at": 15, "appetite": {"safeguarding": 8}},
        "tolerances": {"schedule_days": 30, "cost_percent": 5, "benefit_percent": 10},
        "rag_key": {"green": "Good", "amber": "Issues", "red": "Trouble"},
    }
    return Portfolio.model_validate(_merge(base, overrides))


def programme(pid: str = "alpha", **overrides: Any) -> Programme:
    """A programme in delivery with an approved business case and nothing else."""
    base: dict[str, Any] = {
        "id": pid,
        "name": pid.replace("-", " ").title(),
        "kind": "programme",
        "service": "children-families",
        "sro": "Director",
        "manager": "Programme Manager",
        "stage": "delivery",
        "start": "2025-04-01",
        "end": {"baseline": "2027-03-31", "current": "2027-03-31", "forecast": "2027-03-31"},
        "objectives": {"safe": 3},
        "scores": {
            "strategic-fit": 3,
            "statutory": 3,
            "financial": 3,
            "deliverability": 3,
            "readiness": 3,
        },
        "business_case": {
            "stage": "FBC",
            "status": "approved",
            "decided": {"date": "2025-03-01", "by": "DMT"},
        },
    }
    return Programme.model_validate(_merge(base, overrides))


def update(period: str, overall: str = "green", **overrides: Any) -> Update:
    """A monthly update submitted on the 20th of its period, all dimensions as ``overall``."""
    dims = ("schedule", "cost", "scope", "resources", "risks", "benefits")
    base: dict[str, Any] = {
        "period": period,
        "submitted": f"{period}-20",
        "by": "Programme Manager",
        "rag": {"overall": overall, **dict.fromkeys(dims, overall)},
        "summary": f"Update for {period}",
    }
    if overall != "green":
        base["path_to_green"] = "Re-plan"
    if "rag" in overrides:
        overrides = {**overrides, "rag": {**base["rag"], **overrides["rag"]}}
    return Update.model_validate(_merge(base, overrides))


def data(
    config: Portfolio | None = None,
    programmes: list[Programme] | None = None,
    updates: dict[str, list[Update]] | None = None,
) -> PortfolioData:
    """PortfolioData from a config, programmes and {programme id: [updates]}."""
    progs = {p.id: p for p in sorted(programmes or [], key=lambda p: p.id)}
    ups = {
        pid: {u.period: u for u in sorted(items, key=lambda u: u.period)}
        for pid, items in (updates or {}).items()
    }
    return PortfolioData(config or portfolio(), progs, ups)
