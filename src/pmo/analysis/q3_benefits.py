"""Q3 per benefit: planned value, latest actual, realisation %, status, forecast, overdue."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date
from typing import Literal

from pmo.analysis.benefit_math import planned_value, planned_value_at, shortfall
from pmo.analysis.classify import is_closed
from pmo.analysis.data import PortfolioData
from pmo.analysis.periods import months_between, period_end
from pmo.model import Programme
from pmo.model.programme import Benefit
from pmo.present.numbers import DASH, quantity

Status = Literal[
    "on track", "at risk", "off track", "not started", "no data", "no baseline", "qualitative"
]
#: How a benefit's forecast was made (see :class:`Forecast`).
Method = Literal["plan-relative", "straight line"]
#: Each method in words, for sentences ("... 36 beds by 2027-03-31 against the 42 beds target").
METHOD_WORDS: dict[str, str] = {
    "plan-relative": "at the pace so far",
    "straight line": "on its straight-line trend",
}
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
    """Where a benefit is forecast to be at its target date, and whether that reaches target.

    ``plan-relative``: the rest of the benefit's own planned trajectory at the pace achieved
    so far. With r the share of the planned change achieved by the latest actual,
    (actual - baseline) / (planned then - baseline), the forecast is
    baseline + r x (target - baseline): a benefit exactly on its plan is forecast to reach its
    target, one at 40% of its planned change to reach 40% of the change it targets, one that
    moved the wrong way to end beyond its baseline.

    ``straight line``: the same arithmetic where the plan has no profile point between the
    baseline and the target date (the plan is then a straight line, and so is the forecast:
    from the baseline, at its date, through the latest actual, at the end of its month, read
    at the target date); and that line itself where the plan had not yet moved from the
    baseline in the month measured (no planned change to compare with).

    ``meets_target``: the forecast achieves at least (100 - ``benefit_percent``) % of the
    change the target asks for (target - baseline), in the benefit's better direction: a
    benefit exactly on its plan meets it, and so does one within tolerance of its pace.
    """

    by: date
    value: float
    meets_target: bool
    method: Method = "plan-relative"


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
    off track when it has moved away from the baseline (the wrong way); else on track when
    the actual is within ``benefit_percent`` % of ``planned_then`` (or ahead) AND its
    :class:`Forecast` meets the target; at risk when only one of the two holds (on plan now
    but too slow to reach the target, or behind now but forecast to reach it); off track when
    neither does. So status and forecast agree: a benefit forecast to miss is never on track.

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


def within_tolerance(benefit: Benefit, value: float, wanted: float, allowed: float) -> bool:
    """``value`` is no more than ``allowed`` behind ``wanted`` (ahead always counts)."""
    return shortfall(benefit, value, wanted) <= allowed + 1e-9


def moved_away(benefit: Benefit, actual: float) -> bool:
    """``actual`` is worse than the baseline in the benefit's better direction."""
    return benefit.baseline is not None and shortfall(benefit, actual, benefit.baseline.value) > 0


def status_of(
    benefit: Benefit,
    actual: float,
    planned: float,
    forecast: Forecast | None,
    benefit_percent: float,
) -> Status:
    """The status of a measured benefit (see :class:`BenefitStatus`).

    Moved away from the baseline -> off track. Otherwise it turns on two questions, is the
    actual within ``benefit_percent`` % of the planned value (now), and does the forecast
    meet the target (see :class:`Forecast`; no forecast counts as yes):
    both -> on track; only one -> at risk; neither -> off track.
    """
    if moved_away(benefit, actual):
        return "off track"
    now = within_tolerance(benefit, actual, planned, benefit_percent / 100 * abs(planned))
    reaches = forecast is None or forecast.meets_target
    if now and reaches:
        return "on track"
    if now or reaches:
        return "at risk"
    return "off track"


def _has_plan_shape(benefit: Benefit) -> bool:
    """A profile point strictly between the baseline date and the target date."""
    if benefit.baseline is None or benefit.target is None:
        return False
    start, end = benefit.baseline.date, benefit.target.by
    return any(start < period_end(p) < end for p in benefit.profile)


def forecast_to_target(
    benefit: Benefit, actual: Measurement | None, benefit_percent: float = 0.0
) -> Forecast | None:
    """The benefit's value at its target date (see :class:`Forecast` for the methods).

    None without a baseline, a target or an actual, or when the plan had not moved by the
    month measured and that month does not end after the baseline date.
    """
    if benefit.baseline is None or benefit.target is None or actual is None:
        return None
    base, target = benefit.baseline.value, benefit.target.value
    seen = period_end(actual.period)
    planned_then = planned_value_at(benefit, seen)
    method: Method
    if planned_then is not None and not math.isclose(planned_then, base, abs_tol=1e-9):
        pace = (actual.value - base) / (planned_then - base)
        value = base + pace * (target - base)
        method = "plan-relative" if _has_plan_shape(benefit) else "straight line"
    else:
        start = benefit.baseline.date
        elapsed = (seen - start).days
        if elapsed <= 0:
            return None
        value = base + (actual.value - base) / elapsed * (benefit.target.by - start).days
        method = "straight line"
    meets = within_tolerance(benefit, value, target, benefit_percent / 100 * abs(target - base))
    return Forecast(benefit.target.by, value, meets, method)


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
    tolerance = data.config.tolerances.benefit_percent
    forecast = forecast_to_target(benefit, actual, tolerance) if measured else None
    behind: float | None = None
    then = planned_value(benefit, actual.period) if actual is not None else None
    if status == "measured":
        assert then is not None and actual is not None  # moving implies a planned value
        realisation = realisation_percent(baseline or 0.0, then, actual.value)
        behind = shortfall(benefit, actual.value, then)
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


def status_rule(benefit_percent: float) -> str:
    """The benefit statuses and the forecast in one paragraph: the legend everywhere."""
    tol = f"{benefit_percent:g}%"
    return (
        f"On track: within {tol} of the planned value for the month measured and forecast to "
        f"achieve at least {100 - benefit_percent:g}% of the change its target asks for; at "
        "risk: only one of the two; off track: neither, or moved away from its baseline. "
        "Forecast: the rest of the benefit's own plan at the pace achieved so far (a straight "
        "line from the baseline through the latest actual where the plan has no profile)."
    )


def forecast_cell(
    value: float | None, meets: bool | None, method: str | None, unit: str | None
) -> str:
    """A forecast for a table cell: "36 beds, misses" (with "(straight line)" when so)."""
    if value is None:
        return DASH
    how = " (straight line)" if method == "straight line" else ""
    return f"{quantity(value, unit)}, {'reaches' if meets else 'misses'}{how}"


def forecast_phrase(b: BenefitStatus) -> str | None:
    """Where the benefit is forecast to be at its target date, in values, with the method:
    "at the pace so far 36 beds by 2027-03-31 against the 42 beds target"."""
    if b.forecast is None or b.target is None:
        return None
    return (
        f"{METHOD_WORDS[b.forecast.method]} {quantity(b.forecast.value, b.unit)} by "
        f"{b.forecast.by} against the {quantity(b.target, b.unit)} target"
    )


def benefit_position(b: BenefitStatus) -> str:
    """A measured benefit in values: actual against planned, and where it is heading."""
    if b.actual is None or b.planned_then is None:
        return "not measured against plan"
    text = f"{quantity(b.actual.value, b.unit)} against {quantity(b.planned_then, b.unit)} planned"
    if b.period and b.actual.period != b.period:
        text += f" for {b.actual.period}"
    away = (
        b.baseline is not None
        and (b.actual.value - b.baseline) * (1 if b.direction == "up" else -1) < 0
    )
    phrase = forecast_phrase(b)
    if b.target is not None and away:
        text += f"; moving away from the {quantity(b.target, b.unit)} target"
    elif phrase is not None:
        text += f"; {phrase}"
    return text
