"""What DMT is told each month, in comparable form: headline figures and programme states."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from pmo.analysis.answers import Answers
from pmo.analysis.q2_status import STATUS_ORDER
from pmo.model.update import DIMENSIONS
from pmo.present.numbers import money
from pmo.report.types import Figure
from pmo.report.types_raid import Registers

AMBER_BAND = ("amber-red", "amber", "amber-green")


@dataclass(frozen=True, slots=True)
class ProgrammeState:
    """A programme as reported in one month: its status and ratings."""

    name: str
    status: str
    overall: str | None
    rag: Mapping[str, str | None]  # dimension -> RAG (None when not rated or no update)
    flags: tuple[str, ...] = ()  # evidence flag kinds
    watermelon: bool = False
    latest: str | None = None


@dataclass(frozen=True, slots=True)
class Previous:
    """The previous month as DMT was told it (from its snapshot) or as the data now says."""

    period: str
    programmes: Mapping[str, ProgrammeState]
    counts: Mapping[str, int]
    figures: Mapping[str, float]
    headline: str | None = None
    labels: Mapping[str, str] = field(default_factory=dict)
    registers: Registers | None = None
    """Risks, issues and milestones as reported (None: not known, e.g. computed or an older
    snapshot; programme files keep only today's state, so no change is claimed)."""


def programme_states(answers: Answers) -> dict[str, ProgrammeState]:
    """Every programme due to report in the period, by id."""
    flags = {e.programme: e for e in answers.q2.evidence}
    out: dict[str, ProgrammeState] = {}
    for row in answers.q2.grid:
        status = next(s for s in answers.q2.statuses if s.programme == row.programme)
        ev = flags.get(row.programme)
        out[row.programme] = ProgrammeState(
            name=row.name,
            status=row.status,
            overall=row.overall,
            rag={dim: getattr(row, dim) for dim in DIMENSIONS},
            flags=tuple(f.kind for f in ev.flags) if ev else (),
            watermelon=ev.watermelon if ev else False,
            latest=status.latest,
        )
    return out


def status_counts(answers: Answers) -> dict[str, int]:
    """Programmes by status (every status, zeros included)."""
    return {s: answers.q2.counts.count(s) for s in STATUS_ORDER}


def _count(key: str, label: str, n: int) -> Figure:
    return Figure(key, label, float(n), "count", str(n))


def _money(key: str, label: str, amount: float) -> Figure:
    return Figure(key, label, round(amount, 2), "money", money(amount))


def key_figures(answers: Answers) -> tuple[Figure, ...]:
    """The headline numbers of the period, in the order the report lists them.

    Keys of money figures name their financial year, so a new year is never compared with
    the last one.
    """
    q1, q2, q3 = answers.q1, answers.q2, answers.q3
    c = q2.counts
    fy = q1.affordability.current_fy
    out = [
        _count("reporting", "Programmes due to report", c.total),
        _count("red", "Red", c.red),
        _count("amber", "Amber (any shade)", sum(c.count(s) for s in AMBER_BAND)),
        _count("green", "Green", c.green),
        _count("late", "Stale or missing updates", c.stale + c.missing),
        _count("exceptions", "Programmes with exceptions", q2.exceptions.count),
        _count("watermelons", "Rated green while the evidence disagrees", len(q2.watermelons)),
        _count("flagged", "Programmes with evidence flags", len(q2.evidence)),
        _count(
            "slipping",
            "Key milestones beyond schedule tolerance",
            sum(1 for e in q2.evidence for f in e.flags if f.kind == "milestone-slip"),
        ),
        _count("escalated", "Open risks at or over the escalation score", len(q1.risks.escalated)),
        _count("over_allocated", "Role-months over-allocated", len(q1.capacity.over)),
    ]
    year = q1.affordability.year(fy)
    if year is not None:
        out.append(_money(f"committed:{fy}", f"Committed spend {fy}", year.committed))
        if year.headroom is not None:
            out.append(_money(f"headroom:{fy}", f"Envelope headroom {fy}", year.headroom))
    counted = [r for r in q2.costs if r.budget and r.forecast_outturn is not None]
    if counted:
        variance = sum((r.forecast_outturn or 0) - (r.budget or 0) for r in counted)
        out.append(_money(f"variance:{fy}", f"Forecast outturn against budgets {fy}", variance))
    saving = next((s for s in q3.savings if s.fy == fy), None)
    if saving is not None:
        out.append(
            _money(f"savings_planned:{fy}", f"Cashable savings planned {fy}", saving.planned)
        )
        if saving.forecast is not None:  # no forecast is not £0: not a figure to compare
            out.append(
                _money(f"savings_forecast:{fy}", f"Cashable savings forecast {fy}", saving.forecast)
            )
    out += [
        _count("benefits_on_track", "Benefits on track", q3.count("on track")),
        _count("benefits_at_risk", "Benefits at risk or off track", len(q3.behind)),
        _count("decisions", "Decisions asked of DMT", len(q2.decisions)),
    ]
    return tuple(out)


def previous_from_answers(answers: Answers, headline: str | None) -> Previous:
    """The previous month computed from the data as it is now."""
    figures = key_figures(answers)
    return Previous(
        period=answers.period,
        programmes=programme_states(answers),
        counts=status_counts(answers),
        figures={f.key: f.value for f in figures},
        headline=headline,
        labels={f.key: f.label for f in figures},
    )
