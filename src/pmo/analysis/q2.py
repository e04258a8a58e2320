"""Q2 — are we delivering them effectively and efficiently? The bundle and its plain sentences."""

from __future__ import annotations

from dataclasses import dataclass

from pmo.analysis.data import PortfolioData
from pmo.analysis.periods import previous_period
from pmo.analysis.q2_delivery import (
    ComplianceRow,
    CostRow,
    DecisionAsked,
    EndDateRow,
    MilestoneProgress,
    compliance,
    costs,
    decisions,
    end_dates,
    milestones,
)
from pmo.analysis.q2_evidence import Evidence, evidence
from pmo.analysis.q2_exceptions import Exceptions, exceptions
from pmo.analysis.q2_status import (
    STATUS_ORDER,
    DimensionRatings,
    Movements,
    ProgrammeStatus,
    RagCounts,
    counts_for,
    grid,
    movements,
    statuses,
)
from pmo.present.numbers import money
from pmo.present.words import MAX_DETAILED, join_detailed, join_words, plural


@dataclass(frozen=True, slots=True)
class Q2:
    """Everything Q2 computes for one period; every collection is sorted deterministically."""

    period: str
    previous_period: str
    schedule_days: int
    cost_percent: float
    statuses: tuple[ProgrammeStatus, ...]
    """Programmes due to report (or reporting) in the period, by id."""
    counts: RagCounts
    previous_counts: RagCounts
    movements: Movements
    grid: tuple[DimensionRatings, ...]
    exceptions: Exceptions
    evidence: tuple[Evidence, ...]
    milestones: tuple[MilestoneProgress, ...]
    end_dates: tuple[EndDateRow, ...]
    costs: tuple[CostRow, ...]
    compliance: tuple[ComplianceRow, ...]
    decisions: tuple[DecisionAsked, ...]

    @property
    def watermelons(self) -> tuple[Evidence, ...]:
        """Programmes rated green (or amber-green) while the evidence disagrees."""
        return tuple(e for e in self.evidence if e.watermelon)


def q2(data: PortfolioData, period: str) -> Q2:
    """Answer Q2 for ``period`` (YYYY-MM) from the portfolio's data."""
    prev = previous_period(period)
    items = statuses(data, period)
    readable = tuple(s for s in items if s.programme in data.programmes)
    tolerances = data.config.tolerances
    return Q2(
        period=period,
        previous_period=prev,
        schedule_days=tolerances.schedule_days,
        cost_percent=tolerances.cost_percent,
        statuses=items,
        counts=counts_for(data, period),
        previous_counts=counts_for(data, prev),
        movements=movements(items),
        grid=grid(data, items, period),
        exceptions=exceptions(data, readable, period),
        evidence=evidence(data, readable, period),
        milestones=milestones(data, readable, period),
        end_dates=end_dates(data, readable),
        costs=costs(data, readable, period),
        compliance=compliance(data, items, period),
        decisions=decisions(data, readable, period),
    )


def _signed_percent(value: float) -> str:
    return f"{value:+.1f}%"


def _signed_money(value: float) -> str:
    return f"+{money(value)}" if value >= 0 else money(value)


def _counts_sentence(q: Q2, names: dict[str, str]) -> str:
    c = q.counts
    if c.total == 0:
        return f"No programmes are due to report for {q.period}."
    parts = [(c.count(s), s) for s in STATUS_ORDER if c.count(s)]
    first_n, first_s = parts[0]
    verb = "is" if first_n == 1 else "are"
    head = f"{first_n} of {plural(c.total, 'programme')} {verb} {first_s}"
    text = join_words([head, *(f"{n} {s}" for n, s in parts[1:])])
    p = q.previous_counts
    if p.total:
        before = join_words([f"{p.count(s)} {s}" for s in STATUS_ORDER if p.count(s)])
        text += f" ({q.previous_period}: {before})"
    to_red = q.movements.to_red
    if to_red:
        text += f"; {len(to_red)} moved to red since {q.previous_period}: "
        text += join_words([names[p] for p in to_red])
    return text + "."


def _movement_sentences(q: Q2, names: dict[str, str]) -> list[str]:
    m = q.movements
    parts = []
    if m.worse:
        parts.append(f"{len(m.worse)} got worse ({join_words([names[p] for p in m.worse])})")
    if m.better:
        parts.append(f"{len(m.better)} improved ({join_words([names[p] for p in m.better])})")
    out = [f"Since {q.previous_period}, {join_words(parts)}."] if parts else []
    if m.new:
        new = join_words([names[p] for p in m.new])
        out.append(f"{plural(len(m.new), 'programme')} reported for the first time: {new}.")
    return out


def _evidence_sentences(q: Q2) -> list[str]:
    out: list[str] = []
    melons = q.watermelons
    if melons:
        verb = "reports" if len(melons) == 1 else "report"
        detail = join_detailed(
            [f"{e.name} ({join_detailed([f.reason for f in e.flags], 2)})" for e in melons]
        )
        out.append(
            f"{plural(len(melons), 'programme')} {verb} green but the evidence disagrees: {detail}."
        )
    others = [e for e in q.evidence if not e.watermelon]
    if others:
        more = "other " if melons else ""
        out.append(
            f"The evidence check flags {len(others)} {more}"
            f"{'programme' if len(others) == 1 else 'programmes'}: "
            f"{join_words([e.name for e in others])}."
        )
    return out


def _exception_sentences(q: Q2) -> list[str]:
    out: list[str] = []
    reds = [e.name for e in q.exceptions.ratings if e.overall == "red"]
    if reds:
        out.append(
            f"{plural(len(reds), 'programme')} {'is' if len(reds) == 1 else 'are'} red: "
            f"{join_words(reds)}."
        )
    runs = q.exceptions.amber_runs
    if len(runs) == 1:
        out.append(f"{runs[0].name} has been amber for {runs[0].months} months running.")
    elif runs:
        detail = join_words([f"{r.name} ({r.months})" for r in runs])
        out.append(f"{len(runs)} programmes have been amber for 3 months or more: {detail}.")
    diffs = q.exceptions.assurance
    if diffs:
        detail = join_words(
            [f"{d.name} (self-assessed {d.self_assessed}, PMO {d.assurance})" for d in diffs],
            MAX_DETAILED,
        )
        out.append(
            "PMO assurance differs from the self-assessment for "
            f"{plural(len(diffs), 'programme')}: {detail}."
        )
    return out


def unreadable_sentence(q: Q2) -> str | None:
    """Which programmes cannot be read this period, and the file:line to fix for each."""
    rows = [s for s in q.statuses if s.status == "unreadable"]
    if not rows:
        return None
    detail = join_detailed([f"{s.name} ({s.fix})" for s in rows])
    verb = "is" if len(rows) == 1 else "are"
    return (
        f"{plural(len(rows), 'programme')} {verb} unreadable for {q.period} (a file with "
        f"format errors; no rating is shown until it is fixed): {detail}."
    )


def _compliance_sentences(q: Q2) -> list[str]:
    out: list[str] = []
    absent = [r for r in q.compliance if r.status in ("missing", "stale")]
    if absent:
        detail = join_words(
            [
                f"{r.name} ({r.status}" + (f", latest {r.latest})" if r.latest else ")")
                for r in absent
            ],
            MAX_DETAILED,
        )
        verb = "has" if len(absent) == 1 else "have"
        out.append(
            f"{plural(len(absent), 'programme')} {verb} no current update for {q.period}: {detail}."
        )
    late = [r for r in q.compliance if r.status == "late"]
    if late:
        detail = join_words([f"{r.name} ({plural(r.days_late or 0, 'day')} late)" for r in late])
        verb = "was" if len(late) == 1 else "were"
        out.append(
            f"{plural(len(late), 'update')} {verb} submitted after {q.period} ended: {detail}."
        )
    return out


def _schedule_sentences(q: Q2, names: dict[str, str]) -> list[str]:
    out: list[str] = []
    due = [m for m in q.milestones if m.due is not None]
    if due:
        met = sum(1 for m in due if m.due == "met")
        missed = [m for m in due if m.due == "missed"]
        text = f"{plural(len(due), 'milestone')} {'was' if len(due) == 1 else 'were'} due in "
        text += f"{q.period}: {met} met and {len(missed)} missed"
        if missed:
            listed = [f"{names[m.programme]}: '{m.title}'" for m in missed]
            text += f" ({join_detailed(listed)})"
        out.append(text + ".")
    slips = sum(1 for e in q.evidence for f in e.flags if f.kind == "milestone-slip")
    if slips:
        out.append(
            f"{plural(slips, 'key milestone')} {'is' if slips == 1 else 'are'} forecast more than "
            f"{q.schedule_days} days beyond {'its' if slips == 1 else 'their'} current baseline."
        )
    rebased = sum(1 for m in q.milestones if m.rebaselined)
    if rebased:
        verb = "has" if rebased == 1 else "have"
        out.append(f"{plural(rebased, 'milestone')} {verb} been re-baselined.")
    later = sorted((e for e in q.end_dates if e.vs_baseline > 0), key=lambda e: -e.vs_baseline)
    if later:
        worst = later[0]
        out.append(
            f"{plural(len(later), 'programme')} {'is' if len(later) == 1 else 'are'} expected to "
            f"finish after {'its' if len(later) == 1 else 'their'} original end date; the "
            f"furthest is {worst.name} ({worst.vs_baseline} days)."
        )
    return out


def _cost_sentences(q: Q2) -> list[str]:
    rows = [r for r in q.costs if r.budget and r.forecast_outturn is not None]
    if not rows:
        return _no_budget_sentence(q)
    budget = sum(r.budget or 0 for r in rows)
    forecast = sum(r.forecast_outturn or 0 for r in rows)
    variance = forecast - budget
    text = (
        f"Across {plural(len(rows), 'programme')}, forecast outturn for {rows[0].fy} is "
        f"{money(forecast)} against budgets of {money(budget)} "
        f"({_signed_money(variance)}, {_signed_percent(100 * variance / budget)})"
    )
    beyond = [r for r in rows if r.beyond_tolerance]
    if beyond:
        detail = join_words(
            [f"{r.name} ({_signed_percent(r.variance_percent or 0)})" for r in beyond]
        )
        text += f"; {len(beyond)} beyond the {q.cost_percent:g}% tolerance: {detail}"
    return [text + ".", *_no_budget_sentence(q)]


def _no_budget_sentence(q: Q2) -> list[str]:
    rows = [r for r in q.costs if r.no_budget]
    if not rows:
        return []
    detail = join_words([f"{r.name} ({money(r.forecast_outturn)})" for r in rows])
    n = len(rows)
    return [
        f"{plural(n, 'programme')} {'forecasts' if n == 1 else 'forecast'} spend against no "
        f"budget for {rows[0].fy}: {detail}."
    ]


def _decision_sentence(q: Q2) -> list[str]:
    if not q.decisions:
        return []
    pmo = sum(1 for d in q.decisions if d.programme is None)
    progs = len(q.decisions) - pmo
    sources = []
    if pmo:
        sources.append(f"{pmo} from the PMO")
    if progs:
        sources.append(f"{progs} from programmes")
    return [f"DMT is asked for {plural(len(q.decisions), 'decision')}: {join_words(sources)}."]


def q2_sentences(q: Q2) -> list[str]:
    """The Q2 answer in plain sentences with the numbers behind them, most important first."""
    names = {s.programme: s.name for s in q.statuses}
    return [
        _counts_sentence(q, names),
        *filter(None, [unreadable_sentence(q)]),
        *_movement_sentences(q, names),
        *_evidence_sentences(q),
        *_exception_sentences(q),
        *_compliance_sentences(q),
        *_schedule_sentences(q, names),
        *_cost_sentences(q),
        *_decision_sentence(q),
    ]
