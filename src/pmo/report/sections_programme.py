"""One page per programme: overview, latest update, RAG strip, milestones, risks, benefits."""

from __future__ import annotations

from pmo.analysis.answers import Answers
from pmo.analysis.classify import cost_by_fy, is_closed, savings_by_fy
from pmo.analysis.data import PortfolioData
from pmo.analysis.periods import add_months
from pmo.analysis.q1 import RiskExposure
from pmo.analysis.q2_delivery import milestone_row
from pmo.analysis.q2_status import status_in
from pmo.model import Programme
from pmo.model.update import DIMENSIONS
from pmo.present.rag import STATUS_SORT
from pmo.present.words import NO_SUMMARY, NOT_RECORDED, role_title
from pmo.report.sections_q1 import risk_item
from pmo.report.sections_q2 import finance_item, milestone_item
from pmo.report.sections_q3 import benefit_item
from pmo.report.types import (
    ARROWS,
    DashboardRow,
    FyLine,
    LatestUpdate,
    ProgrammePage,
    StripCell,
    Trend,
)

STRIP_MONTHS = 6
TOP_RISKS = 5


def _end(prog: Programme) -> str | None:
    end = prog.end
    if end is None:
        return None
    parts = [f"baseline {end.baseline.isoformat()}"]
    for label, day in (
        ("current", end.current),
        ("forecast", end.forecast),
        ("actual", end.actual),
    ):
        if day is not None:
            parts.append(f"{label} {day.isoformat()}")
    return ", ".join(parts)


def _case(prog: Programme) -> str:
    bc = prog.business_case
    if bc is None:
        return "none"
    text = f"{bc.stage} {bc.status}"
    if bc.decided is not None:
        text += f" ({bc.decided.by}, {bc.decided.date.isoformat()})"
    return text


def _update(data: PortfolioData, pid: str, period: str) -> LatestUpdate | None:
    found = data.latest_update(pid, period)
    if found is None:
        return None
    when, u = found
    return LatestUpdate(
        period=when,
        current=when == period,
        submitted=u.submitted.isoformat(),
        by=u.by or NOT_RECORDED,
        overall=u.rag.overall,
        ratings=tuple((dim, getattr(u.rag, dim)) for dim in DIMENSIONS),
        summary=u.summary or NO_SUMMARY,
        path_to_green=u.path_to_green,
        achievements=tuple(u.achievements),
        next=tuple(u.next),
        decisions=tuple(d.title for d in u.decisions),
        assurance=u.assurance.rag if u.assurance else None,
        assurance_note=u.assurance.note if u.assurance else None,
    )


def _strip(data: PortfolioData, pid: str, period: str) -> tuple[StripCell, ...]:
    months = [add_months(period, -i) for i in range(STRIP_MONTHS - 1, -1, -1)]
    return tuple(StripCell(m, status_in(data, pid, m)) for m in months)


def _money(prog: Programme) -> tuple[FyLine, ...]:
    costs, savings = cost_by_fy(prog), savings_by_fy(prog)
    fys = sorted(set(prog.budget) | set(costs) | set(savings))
    return tuple(FyLine(fy, prog.budget.get(fy), costs.get(fy), savings.get(fy)) for fy in fys)


def programme_page(
    data: PortfolioData,
    answers: Answers,
    prog: Programme,
    row: DashboardRow | None,
    risks: list[RiskExposure],
) -> ProgrammePage:
    """The page of one programme at the report's period."""
    period = answers.period
    names = {pid: p.name for pid, p in data.programmes.items()}
    objectives = {o.id: o.title for o in data.config.objectives}
    rank = next((r for r in answers.q1.priority if r.programme == prog.id), None)
    ev = next((e for e in answers.q2.evidence if e.programme == prog.id), None)
    cost = next((c for c in answers.q2.costs if c.programme == prog.id), None)
    tolerance = data.config.tolerances.schedule_days
    key = sorted((m for m in prog.milestones if m.key), key=lambda m: (m.baseline, m.id))
    move: Trend = row.overall.trend if row else "none"
    return ProgrammePage(
        programme=prog.id,
        name=prog.name,
        kind=prog.kind,
        parent=names.get(prog.parent, prog.parent) if prog.parent else None,
        service=role_title(prog.service),
        stage=prog.stage,
        sro=prog.sro or NOT_RECORDED,
        manager=prog.manager or NOT_RECORDED,
        mandatory=prog.mandatory,
        summary=prog.summary,
        start=prog.start.isoformat() if prog.start else None,
        end=_end(prog),
        business_case=_case(prog),
        objectives=tuple(
            (objectives.get(oid, oid), c)
            for oid, c in sorted(prog.objectives.items(), key=lambda oc: (-oc[1], oc[0]))
        ),
        priority_rank=rank.rank if rank else None,
        priority_score=rank.score if rank else None,
        status=row.status if row else None,
        trend=move,
        arrow=ARROWS[move] if row else "",
        flags=tuple(f.reason for f in ev.flags) if ev else (),
        update=_update(data, prog.id, period),
        strip=_strip(data, prog.id, period),
        milestones=tuple(
            milestone_item(milestone_row(prog.id, m, period), prog.name, period, tolerance)
            for m in key
        ),
        risks=tuple(risk_item(r, data) for r in risks[:TOP_RISKS]),
        benefits=tuple(
            benefit_item(b, data) for b in answers.q3.benefits if b.programme_id == prog.id
        ),
        finance=finance_item(cost) if cost else None,
        money=_money(prog),
    )


def programme_pages(
    data: PortfolioData, answers: Answers, rows: tuple[DashboardRow, ...]
) -> tuple[ProgrammePage, ...]:
    """A page for every programme that is not closed, in the dashboard's order (ratings worst
    first, then stale, missing, unreadable), then those not due to report; by name within each."""
    by_id = {r.programme: r for r in rows}
    risks: dict[str, list[RiskExposure]] = {}
    for r in answers.q1.risks.risks:
        risks.setdefault(r.programme, []).append(r)

    def worst(p: Programme) -> tuple[int, str, str]:
        row = by_id.get(p.id)
        rank = STATUS_SORT.get(row.status, len(STATUS_SORT)) if row else len(STATUS_SORT) + 1
        return (rank, p.name, p.id)

    live = sorted((p for p in data.programmes.values() if not is_closed(p)), key=worst)
    return tuple(
        programme_page(data, answers, p, by_id.get(p.id), risks.get(p.id, [])) for p in live
    )
