"""Q2 section of the report: exceptions with commentary, evidence flags, slippage, finance."""

from __future__ import annotations

from collections import Counter
from datetime import date

from pmo.analysis.answers import Answers
from pmo.analysis.data import PortfolioData
from pmo.analysis.q2_delivery import ComplianceRow, CostRow, MilestoneProgress
from pmo.model.types import period_end
from pmo.present.rag import RAG_WORST_FIRST, STATUS_SORT
from pmo.present.words import NO_SUMMARY, plural
from pmo.report.limits import ANNEX, PAGES, REASONS_SHOWN, brief, cap, more_sentence
from pmo.report.types_q import (
    ComplianceItem,
    EndDateItem,
    EvidenceItem,
    ExceptionItem,
    FinanceItem,
    MilestoneItem,
    Q2Section,
)


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day is not None else None


def milestone_item(row: MilestoneProgress, name: str, period: str, tolerance: int) -> MilestoneItem:
    """A milestone row as the report shows it; an actual after the period's end is not shown."""
    met = row.actual is not None and row.actual <= period_end(period)
    return MilestoneItem(
        programme=row.programme,
        name=name,
        milestone=row.milestone,
        title=row.title,
        key=row.key,
        baseline=row.baseline.isoformat(),
        current=_iso(row.current),
        forecast=_iso(row.forecast),
        actual=_iso(row.actual) if met else None,
        slip_vs_baseline=row.slip_vs_baseline,
        slip_vs_current=row.slip_vs_current,
        rebaselined=row.rebaselined,
        due=row.due,
        beyond_tolerance=(row.slip_vs_current or 0) > tolerance and not met,
        met_later=row.actual is not None and not met,
    )


def finance_item(row: CostRow) -> FinanceItem:
    """A cost row as the report shows it."""
    return FinanceItem(
        programme=row.programme,
        name=row.name,
        fy=row.fy,
        budget=row.budget,
        spend_to_date=row.spend_to_date,
        forecast_outturn=row.forecast_outturn,
        variance=row.variance,
        variance_percent=row.variance_percent,
        beyond_tolerance=row.beyond_tolerance,
        narrative=row.narrative,
        no_budget=row.no_budget,
    )


def _exceptions(answers: Answers, data: PortfolioData) -> tuple[ExceptionItem, ...]:
    ex = answers.q2.exceptions
    ids = sorted(
        {e.programme for e in ex.ratings}
        | {r.programme for r in ex.amber_runs}
        | {a.programme for a in ex.assurance}
    )
    statuses = {s.programme: s for s in answers.q2.statuses}
    runs = {r.programme: r for r in ex.amber_runs}
    assurance = {a.programme: a for a in ex.assurance}
    out: list[ExceptionItem] = []
    for pid in ids:
        status = statuses[pid]
        run, view = runs.get(pid), assurance.get(pid)
        update = data.update(pid, answers.period)
        out.append(
            ExceptionItem(
                programme=pid,
                name=status.name,
                overall=status.overall or status.status,
                summary=(update.summary or NO_SUMMARY) if update else "",
                path_to_green=update.path_to_green if update else None,
                amber_months=run.months if run else None,
                amber_since=run.since if run else None,
                assurance=view.assurance if view else None,
                assurance_note=view.note if view else None,
            )
        )
    out.sort(key=lambda e: (RAG_WORST_FIRST.get(e.overall, 9), e.name, e.programme))
    return tuple(out)


def _evidence(answers: Answers) -> tuple[EvidenceItem, ...]:
    items = [
        EvidenceItem(
            programme=e.programme,
            name=e.name,
            status=e.status,
            watermelon=e.watermelon,
            kinds=tuple(f.kind for f in e.flags),
            reasons=_reasons([f.reason for f in e.flags]),
        )
        for e in answers.q2.evidence
    ]
    # rated green against the evidence first, then worst rating, then the most flags
    items.sort(
        key=lambda e: (
            not e.watermelon,
            STATUS_SORT.get(e.status, len(STATUS_SORT)),
            -len(e.kinds),
            e.name,
            e.programme,
        )
    )
    return tuple(items)


def _reasons(reasons: list[str]) -> tuple[str, ...]:
    """The first REASONS_SHOWN reasons, then how many more its programme page gives."""
    if len(reasons) <= REASONS_SHOWN + 1:
        return tuple(reasons)
    more = len(reasons) - REASONS_SHOWN
    return (*reasons[:REASONS_SHOWN], f"{more} more — see the programme page")


def _compliance(row: ComplianceRow) -> ComplianceItem:
    if row.status == "unreadable":
        detail = f"cannot be read: fix {row.fix}"
    elif row.status == "late":
        detail = f"submitted {plural(row.days_late or 0, 'day')} after the period ended"
    elif row.latest:
        detail = f"latest update {row.latest}, {plural(row.age_days or 0, 'day')} old"
    else:
        detail = "has never reported"
    return ComplianceItem(row.programme, row.name, row.status, row.latest, detail)


def _slipped(items: list[MilestoneItem]) -> tuple[MilestoneItem, ...]:
    """Open milestones forecast after a baseline (current or original), worst first."""
    late = [
        m
        for m in items
        if m.actual is None and ((m.slip_vs_current or 0) > 0 or (m.slip_vs_baseline or 0) > 0)
    ]
    late.sort(
        key=lambda m: (
            -(m.slip_vs_current or 0),
            -(m.slip_vs_baseline or 0),
            m.name,
            m.title,
        )
    )
    return tuple(late)


def _exceptions_summary(items: tuple[ExceptionItem, ...]) -> str:
    """A long exceptions list by kind, with counts."""
    by = Counter(e.overall for e in items)
    order = sorted(by, key=lambda s: (RAG_WORST_FIRST.get(s, 9), s))
    parts = [", ".join(f"{by[s]} {s}" for s in order)]
    runs = sum(1 for e in items if e.amber_months)
    views = sum(1 for e in items if e.assurance)
    if runs:
        parts.append(f"{runs} amber for three months or more")
    if views:
        parts.append(f"{views} where PMO assurance differs from the self-assessment")
    return f"{plural(len(items), 'programme')} with exceptions: " + "; ".join(parts) + "."


def _evidence_summary(items: tuple[EvidenceItem, ...]) -> str:
    """A long evidence list by kind of flag, with counts."""
    kinds = Counter(k for e in items for k in e.kinds)
    melons = sum(1 for e in items if e.watermelon)
    by = ", ".join(
        f"{k.replace('-', ' ')} {n}"
        for k, n in sorted(kinds.items(), key=lambda kn: (-kn[1], kn[0]))
    )
    return (
        f"The evidence disagrees with the rating of {plural(len(items), 'programme')} "
        f"({melons} rated green). Flags by kind: {by}."
    )


def _finance_worst(items: tuple[FinanceItem, ...]) -> tuple[FinanceItem, ...]:
    """Beyond tolerance first, then the largest variance either way."""
    return tuple(
        sorted(
            items,
            key=lambda f: (not f.beyond_tolerance, -abs(f.variance or 0.0), f.name, f.programme),
        )
    )


def q2_section(answers: Answers, data: PortfolioData) -> Q2Section:
    """Q2 as the report shows it; long lists capped (see report.limits), worst first."""
    q = answers.q2
    names = {s.programme: s.name for s in q.statuses}
    items = [milestone_item(m, names[m.programme], q.period, q.schedule_days) for m in q.milestones]
    due_all = sorted(
        (m for m in items if m.due is not None), key=lambda m: (m.due != "missed", m.name, m.title)
    )
    ends = sorted(
        (e for e in q.end_dates if e.vs_baseline > 0),
        key=lambda e: (-e.vs_baseline, e.name, e.programme),
    )
    finance_all = tuple(
        sorted((finance_item(c) for c in q.costs), key=lambda f: (f.name, f.programme))
    )
    counted = [f for f in finance_all if f.budget and f.forecast_outturn is not None]
    exceptions_all, evidence_all = _exceptions(answers, data), _evidence(answers)
    exceptions, exceptions_cut = cap(exceptions_all)
    evidence, evidence_cut, evidence_annex, evidence_annex_cut = brief(evidence_all)
    milestones, milestones_cut, milestones_annex, milestones_annex_cut = brief(_slipped(items))
    due, due_cut, due_annex, due_annex_cut = brief(due_all)
    finance, finance_cut, finance_annex, finance_annex_cut = brief(_finance_worst(finance_all))
    compliance, compliance_cut = cap([_compliance(r) for r in q.compliance])
    end_all = tuple(
        EndDateItem(
            programme=e.programme,
            name=e.name,
            baseline=e.baseline.isoformat(),
            projected=e.projected.isoformat(),
            vs_baseline=e.vs_baseline,
            vs_current=e.vs_current,
        )
        for e in ends
    )
    end_dates, end_cut, end_annex, end_annex_cut = brief(end_all)
    return Q2Section(
        sentences=answers.q2_sentences,
        schedule_days=q.schedule_days,
        cost_percent=q.cost_percent,
        exceptions=exceptions,
        evidence=evidence,
        milestones=milestones,
        due=due,
        end_dates=end_dates,
        finance=finance if finance_cut else finance_all,
        finance_budget=sum(f.budget or 0.0 for f in counted),
        finance_forecast=sum(f.forecast_outturn or 0.0 for f in counted),
        compliance=compliance,
        exceptions_summary=_exceptions_summary(exceptions_all) if exceptions_cut else "",
        exceptions_more=more_sentence(exceptions_cut, "programmes with exceptions"),
        evidence_summary=_evidence_summary(evidence_all) if evidence_cut else "",
        evidence_more=more_sentence(evidence_cut, "programmes with evidence flags", ANNEX),
        evidence_annex=evidence_annex,
        evidence_annex_more=more_sentence(evidence_annex_cut, "programmes with evidence flags"),
        milestones_more=more_sentence(
            milestones_cut, "slipped milestones, none slipped further", ANNEX
        ),
        milestones_annex=milestones_annex,
        milestones_annex_more=more_sentence(milestones_annex_cut, "slipped milestones", PAGES),
        due_more=more_sentence(
            due_cut, "milestones due this month (those missed are listed first)", ANNEX
        ),
        due_annex=due_annex,
        due_annex_more=more_sentence(due_annex_cut, "milestones due this month"),
        end_dates_more=more_sentence(
            end_cut, "programmes expected to finish late, none later", ANNEX
        ),
        end_dates_annex=end_annex,
        end_dates_annex_more=more_sentence(end_annex_cut, "programmes expected to finish late"),
        finance_note=(
            f"The {len(finance)} programmes with the largest variance against budget, beyond "
            "tolerance first; the total counts every programme."
            if finance_cut
            else ""
        ),
        finance_more=more_sentence(finance_cut, "programmes with finance figures", ANNEX),
        finance_annex=finance_annex,
        finance_annex_more=more_sentence(finance_annex_cut, "programmes with finance figures"),
        compliance_more=more_sentence(compliance_cut, "programmes that did not report on time"),
    )
