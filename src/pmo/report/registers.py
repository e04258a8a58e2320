"""The registers as reported this month (open risks, open issues, milestone dates), kept in
snapshot.json so that next month's pack can say what opened, closed, moved or re-baselined."""

from __future__ import annotations

from pmo.analysis.data import PortfolioData
from pmo.model.types import period_end
from pmo.report.types_raid import Registers


def current_registers(data: PortfolioData, period: str) -> Registers:
    """Open risks and issues (raised by the end of ``period``) and every milestone's current
    date, of live programmes."""
    end = period_end(period)
    risks: dict[str, int] = {}
    titles: dict[str, str] = {}
    issues: dict[str, str] = {}
    milestones: dict[str, str] = {}
    for pid, p in data.programmes.items():
        if p.stage == "closed":
            continue
        for r in p.risks:
            if r.status == "open":
                risks[f"{pid}/{r.id}"] = r.likelihood * r.impact
                titles[f"{pid}/{r.id}"] = r.title
        for i in p.issues:
            if i.status == "open" and (i.raised is None or i.raised <= end):
                issues[f"{pid}/{i.id}"] = i.title
        for m in p.milestones:
            milestones[f"{pid}/{m.id}"] = (m.current or m.baseline).isoformat()
    return Registers(risks, titles, issues, milestones)
