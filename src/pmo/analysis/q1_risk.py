"""Q1 risk and governance: the open-risk profile against appetite, and stage-gate compliance."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

from pmo.analysis.classify import APPROVED, is_closed
from pmo.analysis.data import PortfolioData

GATED_STAGES = ("delivery", "closing")  # stages that need an approved business case


@dataclass(frozen=True, slots=True)
class RiskExposure:
    """One open risk with its residual score against escalation and appetite."""

    programme: str
    risk: str
    title: str
    category: str | None  # None: not recorded, so not compared with any appetite
    owner: str | None
    likelihood: int
    impact: int
    score: int  # residual: likelihood x impact
    target_score: int | None  # target likelihood x impact, if set
    appetite: int | None  # the category's appetite, if set
    escalate: bool  # score >= escalate_at
    over_appetite: bool  # score > the category's appetite
    proximity: date | None


@dataclass(frozen=True, slots=True)
class RiskCount:
    """Open risks of one programme or category, and how many need attention."""

    key: str | None  # programme id or category; None: risks recorded without a category
    open: int
    escalate: int
    over_appetite: int
    highest: int  # highest residual score


@dataclass(frozen=True, slots=True)
class RiskProfile:
    """The portfolio's open risks: highest score first, then programme and risk id."""

    escalate_at: int
    risks: tuple[RiskExposure, ...]
    escalated: tuple[RiskExposure, ...]  # at or over the escalation score
    over_appetite: tuple[RiskExposure, ...]  # over their category's appetite
    by_programme: tuple[RiskCount, ...]  # sorted by programme id
    by_category: tuple[RiskCount, ...]  # sorted by category; risks with none (key None) last
    grid: tuple[tuple[int, ...], ...]  # grid[impact - 1][likelihood - 1] = count of risks
    recorded: int = 0  # risks recorded by live programmes, open or closed
    uncategorised: tuple[RiskExposure, ...] = ()  # open risks with no category: no appetite check
    unrecorded: tuple[str, ...] = ()  # live programmes with no risk recorded at all, by id


def _counts(rows: list[RiskExposure], key: str) -> tuple[RiskCount, ...]:
    groups: dict[str | None, list[RiskExposure]] = {}
    for row in rows:  # no category is its own group, never merged with a category's name
        groups.setdefault(getattr(row, key) or None, []).append(row)
    return tuple(
        RiskCount(
            key=name,
            open=len(items),
            escalate=sum(r.escalate for r in items),
            over_appetite=sum(r.over_appetite for r in items),
            highest=max(r.score for r in items),
        )
        for name, items in sorted(groups.items(), key=lambda kv: (kv[0] is None, kv[0] or ""))
    )


def risk_profile(data: PortfolioData, period: str) -> RiskProfile:
    """Open risks of live programmes, flagged against ``escalate_at`` and category appetite."""
    del period
    policy = data.config.risk
    rows: list[RiskExposure] = []
    recorded = 0
    unrecorded: list[str] = []
    for prog in data.programmes.values():
        if is_closed(prog):
            continue
        recorded += len(prog.risks)
        if not prog.risks:
            unrecorded.append(prog.id)
        for risk in prog.risks:
            if risk.status != "open":
                continue
            score = risk.likelihood * risk.impact
            appetite = policy.appetite.get(risk.category) if risk.category else None
            rows.append(
                RiskExposure(
                    programme=prog.id,
                    risk=risk.id,
                    title=risk.title,
                    category=risk.category,
                    owner=risk.owner,
                    likelihood=risk.likelihood,
                    impact=risk.impact,
                    score=score,
                    target_score=(
                        risk.target.likelihood * risk.target.impact if risk.target else None
                    ),
                    appetite=appetite,
                    escalate=score >= policy.escalate_at,
                    over_appetite=appetite is not None and score > appetite,
                    proximity=risk.proximity,
                )
            )
    rows.sort(key=lambda r: (-r.score, r.programme, r.risk))
    cells = Counter((r.impact, r.likelihood) for r in rows)
    grid = tuple(tuple(cells[i, lk] for lk in range(1, 6)) for i in range(1, 6))
    return RiskProfile(
        escalate_at=policy.escalate_at,
        risks=tuple(rows),
        escalated=tuple(r for r in rows if r.escalate),
        over_appetite=tuple(r for r in rows if r.over_appetite),
        by_programme=_counts(rows, "programme"),
        by_category=_counts(rows, "category"),
        grid=grid,
        recorded=recorded,
        uncategorised=tuple(r for r in rows if r.category is None),
        unrecorded=tuple(sorted(unrecorded)),
    )


@dataclass(frozen=True, slots=True)
class GateBreach:
    """A programme spending money (delivery/closing) without an approved business case."""

    programme: str
    name: str
    stage: str
    case_stage: str | None  # SOC | OBC | FBC | BJC; None when there is no business case
    case_status: str | None  # draft, submitted, ...; None when there is no business case


def stage_gate(data: PortfolioData, period: str) -> tuple[GateBreach, ...]:
    """Programmes in delivery or closing whose business case is missing or not approved."""
    del period
    out = []
    for prog in sorted(data.programmes.values(), key=lambda p: p.id):
        bc = prog.business_case
        if prog.stage in GATED_STAGES and (bc is None or bc.status not in APPROVED):
            out.append(
                GateBreach(
                    programme=prog.id,
                    name=prog.name,
                    stage=prog.stage,
                    case_stage=bc.stage if bc else None,
                    case_status=bc.status if bc else None,
                )
            )
    return tuple(out)
