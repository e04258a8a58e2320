"""Q3 — are the potential benefits being realised? Per benefit, savings by FY, data quality."""

from __future__ import annotations

from dataclasses import dataclass

from pmo.analysis.classify import is_closed
from pmo.analysis.data import PortfolioData
from pmo.analysis.q1 import left_out_sentence, unreadable_names
from pmo.analysis.q3_benefits import (
    MEASURED,
    OVERDUE_MONTHS,
    BenefitStatus,
    Forecast,
    Measurement,
    Status,
    assess_benefits,
    benefit_position,
)
from pmo.analysis.q3_savings import (
    SavingsLine,
    SavingsYear,
    savings_lines,
    savings_sentences,
    savings_years,
)
from pmo.present.words import join_words, plural

__all__ = [
    "MEASURED",
    "OVERDUE_MONTHS",
    "Q3",
    "BenefitRef",
    "BenefitStatus",
    "DataQuality",
    "Forecast",
    "Measurement",
    "SavingsLine",
    "SavingsYear",
    "Status",
    "benefit_quality",
    "q3",
    "q3_sentences",
]


@dataclass(frozen=True, slots=True)
class BenefitRef:
    """A benefit named by its programme: for lists such as data-quality gaps."""

    programme_id: str
    benefit_id: str
    title: str


@dataclass(frozen=True, slots=True)
class DataQuality:
    """Benefits of non-closed programmes missing an owner, a baseline or a measure; dis-benefits."""

    no_owner: tuple[BenefitRef, ...]
    no_baseline: tuple[BenefitRef, ...]
    no_measure: tuple[BenefitRef, ...]
    disbenefits: tuple[BenefitRef, ...]


@dataclass(frozen=True, slots=True)
class Q3:
    """Q3 at a period: every benefit assessed, savings by FY, overdue measurements, data quality.

    ``benefits`` are sorted by (programme id, benefit id). ``ahead`` holds measured benefits
    better than their planned value by more than benefit_percent % of it, furthest ahead (as a
    share of the planned value) first; ``behind`` the at-risk and off-track ones, furthest
    behind (as a share of the planned value) first; ``overdue`` the benefits whose
    measurement is overdue, in ``benefits`` order. ``savings`` is by FY ascending and
    ``savings_lines`` by (FY, programme id).
    """

    period: str
    benefit_percent: float
    benefits: tuple[BenefitStatus, ...]
    ahead: tuple[BenefitStatus, ...]
    behind: tuple[BenefitStatus, ...]
    overdue: tuple[BenefitStatus, ...]
    savings: tuple[SavingsYear, ...]
    savings_lines: tuple[SavingsLine, ...]
    quality: DataQuality
    unreadable: tuple[str, ...] = ()
    """Names of programmes left out because their programme.yaml cannot be read."""
    unreadable_updates: tuple[str, ...] = ()
    """Names of programmes whose update for the period cannot be read (its measures unused)."""

    def count(self, status: str) -> int:
        """How many benefits have ``status``."""
        return sum(1 for b in self.benefits if b.status == status)

    @property
    def measured(self) -> tuple[BenefitStatus, ...]:
        """Benefits with a realisation % (on track, at risk or off track)."""
        return tuple(b for b in self.benefits if b.status in MEASURED)


def benefit_quality(data: PortfolioData) -> DataQuality:
    """Benefits with no owner, no baseline or no measure, and the dis-benefits, by id."""
    no_owner: list[BenefitRef] = []
    no_baseline: list[BenefitRef] = []
    no_measure: list[BenefitRef] = []
    disbenefits: list[BenefitRef] = []
    for prog in sorted(data.programmes.values(), key=lambda p: p.id):
        if is_closed(prog):
            continue
        for b in sorted(prog.benefits, key=lambda b: b.id):
            ref = BenefitRef(prog.id, b.id, b.title)
            if not b.owner:
                no_owner.append(ref)
            if b.baseline is None:
                no_baseline.append(ref)
            if not b.measure:
                no_measure.append(ref)
            if b.disbenefit:
                disbenefits.append(ref)
    return DataQuality(tuple(no_owner), tuple(no_baseline), tuple(no_measure), tuple(disbenefits))


def _realisation(b: BenefitStatus) -> float:
    return b.realisation if b.realisation is not None else 0.0


def _relative_shortfall(b: BenefitStatus) -> float:
    """How far behind plan, as a share of the planned value (for ordering)."""
    if b.shortfall is None or b.planned_then is None:
        return 0.0
    return b.shortfall / abs(b.planned_then) if b.planned_then else b.shortfall


def q3(data: PortfolioData, period: str) -> Q3:
    """Answer Q3 for ``period`` (YYYY-MM) from the portfolio data alone."""
    tolerance = data.config.tolerances.benefit_percent
    benefits = assess_benefits(data, period)
    ahead = sorted(
        (b for b in benefits if b.status in MEASURED and -_relative_shortfall(b) > tolerance / 100),
        key=lambda b: (_relative_shortfall(b), b.programme_id, b.benefit_id),
    )
    behind = sorted(
        (b for b in benefits if b.status in ("at risk", "off track")),
        key=lambda b: (-_relative_shortfall(b), b.programme_id, b.benefit_id),
    )
    lines = savings_lines(data, benefits, period)
    return Q3(
        period=period,
        benefit_percent=tolerance,
        benefits=benefits,
        ahead=tuple(ahead),
        behind=tuple(behind),
        overdue=tuple(b for b in benefits if b.overdue),
        savings=savings_years(data, lines),
        savings_lines=lines,
        quality=benefit_quality(data),
        unreadable=unreadable_names(data),
        unreadable_updates=tuple(
            data.programmes[pid].name
            for pid in sorted(data.unreadable_updates)
            if data.broken_update(pid, period) and pid in data.programmes
        ),
    )


def _named(b: BenefitStatus) -> str:
    return f"{b.programme_name}'s '{b.title}'"


def _pct(value: float) -> str:
    return f"{value:.0f}%"


def _status_sentence(result: Q3) -> str:
    measured = len(result.measured)
    if measured == 0:
        return "No benefit has a measured realisation yet."
    text = (
        f"{result.count('on track')} of {plural(measured, 'measured benefit')} "
        f"{'is' if measured == 1 else 'are'} on track, {result.count('at risk')} at risk "
        f"and {result.count('off track')} off track"
    )
    if result.behind:
        worst = result.behind[0]
        text += f"; furthest behind is {_named(worst)}: {benefit_position(worst)}"
    return text + "."


def _ahead_sentence(result: Q3) -> str | None:
    if not result.ahead:
        return None
    best = result.ahead[0]
    return (
        f"{plural(len(result.ahead), 'benefit')} {'is' if len(result.ahead) == 1 else 'are'} "
        f"ahead of profile; the furthest ahead is {_named(best)}: {benefit_position(best)}."
    )


def _waiting_sentence(result: Q3) -> str | None:
    parts = []
    for status in ("not started", "no data", "no baseline", "qualitative"):
        n = result.count(status)
        if n:
            parts.append(f"{n} {status}")
    if not parts:
        return None
    return f"Not measured against plan: {', '.join(parts)}."


def _overdue_sentence(result: Q3) -> str | None:
    if not result.overdue:
        return None
    names = ", ".join(_named(b) for b in result.overdue[:3])
    more = f" and {len(result.overdue) - 3} more" if len(result.overdue) > 3 else ""
    count = plural(len(result.overdue), "benefit")
    verb = "has" if len(result.overdue) == 1 else "have"
    return (
        f"{count} {verb} no measurement in the last {OVERDUE_MONTHS} months although the "
        f"plan expects movement: {names}{more}."
    )


def _forecast_sentence(result: Q3) -> str | None:
    """How many measured benefits are forecast to reach their target, and by which method:
    the forecast the statuses are made from, so the counts agree (a miss is never on track)."""
    with_forecast = [b for b in result.measured if b.forecast is not None]
    if not with_forecast:
        return None
    miss = [b for b in with_forecast if b.forecast is not None and not b.forecast.meets_target]
    reach = len(with_forecast) - len(miss)
    straight = sum(1 for b in with_forecast if b.forecast and b.forecast.method == "straight line")
    if straight == len(with_forecast):
        how = "on a straight line from the baseline through the latest actual"
    else:
        how = "along each benefit's own plan at the pace achieved so far"
        if straight:
            how += f" (a straight line for {straight} whose plan has no profile)"
    n = len(with_forecast)
    text = (
        f"Forecast at the target dates, {how}: {reach} of {plural(n, 'measured benefit')} "
        f"{'reaches its' if n == 1 else 'reach their'} target (at least "
        f"{100 - result.benefit_percent:g}% of the change it asks for) and {len(miss)} "
        f"{'does' if len(miss) == 1 else 'do'} not"
    )
    slow = sum(1 for b in miss if b.status == "at risk")
    if miss:
        parts = [f"{slow} at risk: within tolerance of the plan now but too slow"] if slow else []
        if len(miss) - slow:
            parts.append(f"{len(miss) - slow} off track")
        text += f" ({'; '.join(parts)})"
    unforecast = len(result.measured) - n
    if unforecast:
        text += f"; {unforecast} {'has' if unforecast == 1 else 'have'} no target to forecast"
    return text + "."


def _quality_sentence(quality: DataQuality) -> str:
    gaps = (
        f"{len(quality.no_owner)} with no owner, {len(quality.no_baseline)} with no baseline "
        f"and {len(quality.no_measure)} with no measure"
    )
    dis = plural(len(quality.disbenefits), "dis-benefit")
    return f"Benefit data quality: {gaps}; {dis} tracked."


def q3_sentences(result: Q3) -> list[str]:
    """Q3 in plain sentences with numbers, for the DMT report and ``pmo status``."""
    out: list[str] = []
    if not result.benefits:
        out.append("No open programme has benefits recorded.")
    else:
        out.append(_status_sentence(result))
        for optional in (
            _forecast_sentence(result),
            _ahead_sentence(result),
            _waiting_sentence(result),
            _overdue_sentence(result),
        ):
            if optional is not None:
                out.append(optional)
        out.append(_quality_sentence(result.quality))
    out.extend(savings_sentences(result.savings))
    if result.unreadable_updates:
        names = join_words(list(result.unreadable_updates))
        n = len(result.unreadable_updates)
        out.append(
            f"The {result.period} {'update' if n == 1 else 'updates'} of {names} cannot be "
            "read, so no benefit measurement from "
            f"{'it' if n == 1 else 'them'} is used; earlier measurements are shown instead."
        )
    return [*out, *left_out_sentence(result.unreadable)]
