"""Q3 per benefit: planned value, latest actual, realisation %, status, forecast, overdue."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date
from typing import Literal

from pmo.analysis.benefit_math import planned_value, shortfall
from pmo.analysis.classify import is_closed
from pmo.analysis.data import PortfolioData
from pmo.analysis.periods import months_between, period_end
from pmo.model import Programme
from pmo.model.programme import Benefit
from pmo.present.numbers import quantity

Status = Literal[
    "on track", "at risk", "off track", "not started", "no data", "no baseline", "qualitative"
]
#: Statuses of benefits whose realisation % could be computed, best first.
MEASURED: tuple[Status, ...] = ("on track", "at risk", "off track")
#: A benefit is overdue when its latest actual is this many months old (or missing).
OVERDUE_MONTHS = 3


@dataclass(frozen=True, slots=True)
class Measurement:
    """An actual reported in a monthly update: the period it was reported for and the value."""

    period: str
    value: float


@dataclass(frozen=True, slots=True)
class Forecast:
    """Straight line from the baseline point through the latest actual, read at the target date.

    Points are dated: the baseline at ``baseline.date``, an actual at the end of its period.
    ``meets_target`` honours direction (at or above the target for "up", at or below for "down").
    """

    by: date
    value: float
    meets_target: bool


@dataclass(frozen=True, slots=True)
class BenefitStatus:
    """One benefit of a non-closed programme, assessed at a period.

    ``planned`` is the planned value at the end of the period; ``planned_then`` at the end of
    the latest actual's period, which is what the actual is measured against.

    ``realisation`` is (actual - baseline) / (planned_then - baseline) x 100: the share of the
    planned movement achieved. It honours direction by itself: for a "down" benefit both
    the numerator and denominator are negative when it falls, so a fall is progress.
    None when there is no actual or baseline, or the plan has not moved from the baseline.

    ``status``: qualitative (kind qualitative, not measured); no baseline; not started (plan
    still at baseline, whether or not an actual exists); no data (plan has moved but nothing
    measured yet); otherwise, by :func:`status_of` with the portfolio's ``benefit_percent``:
    on track when the actual is within ``benefit_percent`` % of ``planned_then`` (or ahead);
    off track when it is behind and has moved away from the baseline (the wrong way) or its
    straight-line forecast misses the target by its date; else at risk (behind, moving toward
    a target it is forecast to reach).

    ``overdue``: the plan expects movement by now but the latest actual is missing or at least
    three months old (no actual in the period or the two before it).
    """

    programme_id: str
    programme_name: str
    benefit_id: str
    title: str
    kind: str
    unit: str | None
    direction: Literal["up", "down"]
    baseline: float | None
    target: float | None
    planned: float | None
    actual: Measurement | None
    realisation: float | None
    status: Status
    forecast: Forecast | None
    overdue: bool
    disbenefit: bool
    shortfall: float | None = None
    """How far the actual is behind ``planned_then``, in the benefit's unit (negative: ahead)."""
    planned_then: float | None = None
    """The planned value at the end of the latest actual's own period: what the actual is
    compared with (realisation, shortfall, status), like with like. A benefit measured
    quarterly is not "behind" in the months between merely because the plan moved on."""
    period: str = ""
    """The period assessed."""

    @property
    def compared_with(self) -> float | None:
        """The planned value the latest actual is measured against (else the period's)."""
        return self.planned_then if self.actual is not None else self.planned


def latest_actual(
    data: PortfolioData, programme_id: str, benefit_id: str, period: str
) -> Measurement | None:
    """The latest actual of a benefit reported on or before ``period``."""
    updates = data.updates_of(programme_id)
    for p in sorted((p for p in updates if p <= period), reverse=True):
        value = updates[p].benefits.get(benefit_id)
        if value is not None:
            return Measurement(p, value)
    return None


def realisation_percent(baseline: float, planned: float, actual: float) -> float | None:
    """(actual - baseline) / (planned - baseline) x 100; None when planned equals baseline."""
    if math.isclose(planned, baseline, rel_tol=0.0, abs_tol=1e-9):
        return None
    return (actual - baseline) / (planned - baseline) * 100


def status_of(
    benefit: Benefit,
    actual: float,
    planned: float,
    forecast: Forecast | None,
    benefit_percent: float,
) -> Status:
    """The status of a measured benefit (see :class:`BenefitStatus`): within
    ``benefit_percent`` % of the planned value (or ahead) -> on track; otherwise, moved away
    from the baseline, or forecast on its trend to miss the target by its date -> off track;
    else (behind, moving toward a target it is forecast to reach) -> at risk."""
    if shortfall(benefit, actual, planned) <= benefit_percent / 100 * abs(planned) + 1e-9:
        return "on track"
    if benefit.baseline is not None and shortfall(benefit, actual, benefit.baseline.value) > 0:
        return "off track"
    if forecast is not None and not forecast.meets_target:
        return "off track"
    return "at risk"


def forecast_to_target(benefit: Benefit, actual: Measurement | None) -> Forecast | None:
    """Extrapolate baseline -> latest actual in a straight line to the target date."""
    if benefit.baseline is None or benefit.target is None or actual is None:
        return None
    start, seen = benefit.baseline.date, period_end(actual.period)
    elapsed = (seen - start).days
    if elapsed <= 0:
        return None
    slope = (actual.value - benefit.baseline.value) / elapsed
    value = benefit.baseline.value + slope * (benefit.target.by - start).days
    if benefit.direction == "up":
        meets = value >= benefit.target.value
    else:
        meets = value <= benefit.target.value
    return Forecast(benefit.target.by, value, meets)


def _expects_movement(benefit: Benefit, planned: float | None, period: str) -> bool:
    """The plan has moved away from the baseline by ``period``."""
    if benefit.baseline is None:
        return any(month <= period for month in benefit.profile)
    if planned is None:
        return False
    return not math.isclose(planned, benefit.baseline.value, rel_tol=0.0, abs_tol=1e-9)


def assess_benefit(
    data: PortfolioData, prog: Programme, benefit: Benefit, period: str
) -> BenefitStatus:
    """Everything Q3 says about one benefit at ``period``."""
    planned = planned_value(benefit, period)
    actual = latest_actual(data, prog.id, benefit.id, period)
    baseline = benefit.baseline.value if benefit.baseline is not None else None
    moving = _expects_movement(benefit, planned, period)
    realisation: float | None = None
    status: Status | Literal["measured"]
    if benefit.kind == "qualitative":
        status = "qualitative"
    elif baseline is None:
        status = "no baseline"
    elif not moving:
        status = "not started"
    elif actual is None:
        status = "no data"
    else:
        status = "measured"
    measured = benefit.kind != "qualitative"
    forecast = forecast_to_target(benefit, actual) if measured else None
    behind: float | None = None
    then = planned_value(benefit, actual.period) if actual is not None else None
    if status == "measured":
        assert then is not None and actual is not None  # moving implies a planned value
        realisation = realisation_percent(baseline or 0.0, then, actual.value)
        behind = shortfall(benefit, actual.value, then)
        tolerance = data.config.tolerances.benefit_percent
        status = status_of(benefit, actual.value, then, forecast, tolerance)
    overdue = (
        measured
        and moving
        and (actual is None or months_between(actual.period, period) >= OVERDUE_MONTHS)
    )
    return BenefitStatus(
        programme_id=prog.id,
        programme_name=prog.name,
        benefit_id=benefit.id,
        title=benefit.title,
        kind=benefit.kind,
        unit=benefit.unit,
        direction=benefit.direction,
        baseline=baseline,
        target=benefit.target.value if benefit.target is not None else None,
        planned=planned,
        planned_then=then,
        period=period,
        actual=actual,
        shortfall=behind,
        realisation=realisation,
        status=status,
        forecast=forecast,
        overdue=overdue,
        disbenefit=benefit.disbenefit,
    )


def assess_benefits(data: PortfolioData, period: str) -> tuple[BenefitStatus, ...]:
    """Every benefit of every non-closed programme, sorted by programme id then benefit id."""
    rows = [
        assess_benefit(data, prog, benefit, period)
        for prog in data.programmes.values()
        if not is_closed(prog)
        for benefit in prog.benefits
    ]
    return tuple(sorted(rows, key=lambda r: (r.programme_id, r.benefit_id)))


def benefit_position(b: BenefitStatus) -> str:
    """A measured benefit in values: actual against planned, and where it is heading."""
    if b.actual is None or b.planned_then is None:
        return "not measured against plan"
    text = f"{quantity(b.actual.value, b.unit)} against {quantity(b.planned_then, b.unit)} planned"
    if b.period and b.actual.period != b.period:
        text += f" for {b.actual.period}"
    moved_away = (
        b.baseline is not None
        and (b.actual.value - b.baseline) * (1 if b.direction == "up" else -1) < 0
    )
    if b.target is not None and moved_away:
        text += f"; moving away from the {quantity(b.target, b.unit)} target"
    elif b.target is not None and b.forecast is not None and not b.forecast.meets_target:
        text += (
            f"; on its trend {quantity(b.forecast.value, b.unit)} by {b.forecast.by} against "
            f"the {quantity(b.target, b.unit)} target"
        )
    return text
