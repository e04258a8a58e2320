"""Q2 delivery: milestone slippage, end dates, cost, reporting compliance, decisions for DMT."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from pmo.analysis.data import PortfolioData
from pmo.analysis.q2_status import ProgrammeStatus
from pmo.model import Decision, Milestone
from pmo.model.types import fy_of_period, period_end, period_of
from pmo.present.numbers import money
from pmo.validate.quality import cost_variance


@dataclass(frozen=True, slots=True)
class MilestoneProgress:
    """A milestone's dates, slip and whether it was due (and met) in the period."""

    programme: str
    milestone: str
    title: str
    key: bool
    baseline: date
    current: date | None
    forecast: date | None
    actual: date | None
    slip_vs_baseline: int | None
    """Days from the original baseline to the actual (or forecast) date; None without either."""
    slip_vs_current: int | None
    """Days from the current baseline (or the original when none) to the actual or forecast."""
    rebaselined: bool
    """The current baseline differs from the original."""
    due: Literal["met", "missed"] | None
    """Due this period (current or forecast date in it): met by the period's end, or missed."""


@dataclass(frozen=True, slots=True)
class EndDateRow:
    """How a programme's end date has moved: projected end against baseline and current."""

    programme: str
    name: str
    baseline: date
    current: date | None
    forecast: date | None
    projected: date
    """Actual end, else forecast, else current, else baseline."""
    vs_baseline: int
    """Days the projected end is after the original baseline (negative: earlier)."""
    vs_current: int
    """Days the projected end is after the current baseline (or the original when none)."""


@dataclass(frozen=True, slots=True)
class CostRow:
    """A programme's in-year finance position from this period's update."""

    programme: str
    name: str
    fy: str
    budget: float | None
    spend_to_date: float | None
    forecast_outturn: float | None
    variance: float | None
    """Forecast outturn minus budget, GBP (positive: overspend)."""
    variance_percent: float | None
    beyond_tolerance: bool
    narrative: str | None
    no_budget: bool = False  # a forecast outturn with no (or a zero) budget for the year


def against_no_budget(forecast: float, fy: str) -> str:
    """A forecast with no (or a zero) budget for its year, in the one wording every output
    uses: "£17.6m forecast against no budget for 2026/27"."""
    return f"{money(forecast)} forecast against no budget for {fy}"


@dataclass(frozen=True, slots=True)
class ComplianceRow:
    """A programme that did not report on time for the period."""

    programme: str
    name: str
    status: Literal["unreadable", "missing", "stale", "late"]
    latest: str | None
    """Period of the latest update on or before the period."""
    age_days: int | None
    """Age of the latest update at the period's end."""
    days_late: int | None
    """For a late update: days it was submitted after the period's end."""
    fix: str | None = None
    """For an unreadable programme: the file:line to fix and what is wrong."""


@dataclass(frozen=True, slots=True)
class DecisionAsked:
    """A decision asked of DMT this period, from a programme's update or the PMO's DMT note."""

    programme: str | None
    """The asking programme's id; None for the PMO's portfolio-level asks."""
    title: str
    by: date | None
    detail: str | None
    paper: Decision | None = field(default=None, compare=False, metadata={"json": False})
    """The request as written (recommendation, options, cost ...), for the report only."""


def _days(later: date, earlier: date) -> int:
    return (later - earlier).days


def milestone_row(programme_id: str, m: Milestone, period: str) -> MilestoneProgress:
    """One milestone's slip and due status for ``period``."""
    current = m.current or m.baseline
    done = m.actual or m.forecast
    in_period = period_of(current) == period or (
        m.forecast is not None and period_of(m.forecast) == period
    )
    due: Literal["met", "missed"] | None = None
    if in_period:
        due = "met" if m.actual is not None and m.actual <= period_end(period) else "missed"
    return MilestoneProgress(
        programme=programme_id,
        milestone=m.id,
        title=m.title,
        key=m.key,
        baseline=m.baseline,
        current=m.current,
        forecast=m.forecast,
        actual=m.actual,
        slip_vs_baseline=_days(done, m.baseline) if done else None,
        slip_vs_current=_days(done, current) if done else None,
        rebaselined=m.current is not None and m.current != m.baseline,
        due=due,
    )


def milestones(
    data: PortfolioData, items: tuple[ProgrammeStatus, ...], period: str
) -> tuple[MilestoneProgress, ...]:
    """Every milestone of the programmes in ``items``, by programme then baseline date and id."""
    rows = [
        milestone_row(s.programme, m, period)
        for s in items
        for m in data.programmes[s.programme].milestones
    ]
    rows.sort(key=lambda r: (r.programme, r.baseline, r.milestone))
    return tuple(rows)


def end_dates(data: PortfolioData, items: tuple[ProgrammeStatus, ...]) -> tuple[EndDateRow, ...]:
    """End-date movement of the programmes in ``items`` that have planned end dates, by id."""
    rows: list[EndDateRow] = []
    for s in items:
        end = data.programmes[s.programme].end
        if end is None:
            continue
        projected = end.actual or end.forecast or end.current or end.baseline
        rows.append(
            EndDateRow(
                programme=s.programme,
                name=s.name,
                baseline=end.baseline,
                current=end.current,
                forecast=end.forecast,
                projected=projected,
                vs_baseline=_days(projected, end.baseline),
                vs_current=_days(projected, end.current or end.baseline),
            )
        )
    return tuple(rows)


def costs(
    data: PortfolioData, items: tuple[ProgrammeStatus, ...], period: str
) -> tuple[CostRow, ...]:
    """Budget, spend, forecast and variance for the period's financial year, by programme id.

    Lists programmes with a budget for the year or finance in this period's update.
    """
    fy = fy_of_period(period)
    tolerance = data.config.tolerances.cost_percent
    rows: list[CostRow] = []
    for s in items:
        model = data.programmes[s.programme]
        update = data.update(s.programme, period)
        finance = update.finance if update else None
        budget = model.budget.get(fy)
        if budget is None and finance is None:
            continue
        var = cost_variance(model, update, period) if update else None
        rows.append(
            CostRow(
                programme=s.programme,
                name=s.name,
                fy=fy,
                budget=budget,
                spend_to_date=finance.spend_to_date if finance else None,
                forecast_outturn=finance.forecast_outturn if finance else None,
                variance=var[0] if var else None,
                variance_percent=var[1] if var else None,
                beyond_tolerance=var is not None and abs(var[1]) > tolerance,
                narrative=finance.narrative if finance else None,
                no_budget=finance is not None and finance.forecast_outturn > 0 and not budget,
            )
        )
    return tuple(rows)


def compliance(
    data: PortfolioData, items: tuple[ProgrammeStatus, ...], period: str
) -> tuple[ComplianceRow, ...]:
    """Programmes whose update for the period is missing, stale or late; by status then id."""
    order = {"unreadable": 0, "missing": 1, "stale": 2, "late": 3}
    end = period_end(period)
    rows: list[ComplianceRow] = []
    for s in items:
        if s.status == "unreadable":
            rows.append(
                ComplianceRow(s.programme, s.name, "unreadable", s.latest, None, None, s.fix)
            )
            continue
        if s.status in ("missing", "stale"):
            status: Literal["missing", "stale"] = "missing" if s.status == "missing" else "stale"
            rows.append(ComplianceRow(s.programme, s.name, status, s.latest, s.age_days, None))
            continue
        update = data.update(s.programme, period)
        if update is not None and update.submitted > end:
            late = _days(update.submitted, end)
            rows.append(ComplianceRow(s.programme, s.name, "late", period, None, late))
    rows.sort(key=lambda r: (order[r.status], r.programme))
    return tuple(rows)


def decisions(
    data: PortfolioData, items: tuple[ProgrammeStatus, ...], period: str
) -> tuple[DecisionAsked, ...]:
    """Decisions asked of DMT in ``period``: the PMO's first, then by programme id, as written."""
    rows: list[DecisionAsked] = []
    note = data.dmt.get(period)
    if note is not None:
        rows.extend(DecisionAsked(None, d.title, d.by, d.detail, d) for d in note.decisions)
    for s in items:
        update = data.update(s.programme, period)
        if update is not None:
            rows.extend(
                DecisionAsked(s.programme, d.title, d.by, d.detail, d) for d in update.decisions
            )
    return tuple(rows)
