"""The savings position by financial year: target, planned, forecast, at risk, unidentified.

One definition, used by Q1, Q3, `pmo status`, the report and the TUI (never recomputed
elsewhere):

- **target**: portfolio.yaml ``savings_target`` for the year; None when none is set.
- **planned**: cashable ``savings`` in the business cases of committed programmes.
- **forecast**: for each committed programme, its own ``savings_forecast`` for the year from its
  latest update on or before the period that gives one; else the benefit-measure estimate
  (planned x the mean realisation of its cashable benefits, each capped to 0..150%); else none.
- **at risk** = planned - forecast, over the programmes that have a forecast (negative: ahead);
  the planned savings of programmes with no forecast at all are **unforecast**, never £0; when
  no programme has a forecast for the year, forecast and at risk are None ("no forecast").
- **unidentified** = target - planned (None without a target; negative: more planned than needed).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from pmo.analysis.classify import is_committed, is_pipeline, savings_by_fy
from pmo.analysis.data import PortfolioData
from pmo.analysis.q3_benefits import BenefitStatus
from pmo.present.numbers import money, signed_money
from pmo.present.words import join_words, plural

#: Bounds on the realisation fraction applied to planned savings.
FRACTION_FLOOR = 0.0
FRACTION_CAP = 1.5

Basis = Literal["programme forecast", "benefit measures"]


@dataclass(frozen=True, slots=True)
class SavingsLine:
    """One committed programme's planned savings in one FY and its forecast, with the basis.

    ``forecast`` is None when the programme gave no forecast for the year and none of its
    cashable benefits has a measured realisation (nothing to estimate from).
    """

    programme_id: str
    fy: str
    planned: float
    forecast: float | None
    basis: Basis | None
    fraction: float | None
    """The benefit-measure realisation fraction, when the forecast is estimated from it."""


@dataclass(frozen=True, slots=True)
class SavingsYear:
    """The portfolio's cashable savings position in one financial year (see the module doc)."""

    fy: str
    target: float | None
    planned: float
    pipeline: float  # savings in the cases of pipeline proposals (not in planned)
    forecast: float | None  # sum of the forecasts that exist (None: no programme has one)
    unforecast: float  # planned savings of programmes with no forecast for the year
    at_risk: float | None  # planned (of programmes with a forecast) - forecast (None: no forecast)
    unidentified: float | None  # target - planned
    own: int  # programmes whose forecast is their own savings_forecast
    estimated: int  # programmes whose forecast is estimated from benefit measures
    without: int  # programmes with planned savings and no forecast

    @property
    def has_target(self) -> bool:
        return self.target is not None


def realisation_fraction(benefits: Sequence[BenefitStatus]) -> float | None:
    """Mean of capped realisation fractions of cashable benefits with a realisation; else None."""
    fractions = [
        min(FRACTION_CAP, max(FRACTION_FLOOR, b.realisation / 100))
        for b in benefits
        if b.kind == "cashable" and b.realisation is not None
    ]
    return sum(fractions) / len(fractions) if fractions else None


def own_forecast(data: PortfolioData, programme_id: str, fy: str, period: str) -> float | None:
    """The programme's own savings forecast for ``fy``: from its latest update on or before
    ``period`` that gives one for that year."""
    updates = data.updates_of(programme_id)
    for p in sorted((p for p in updates if p <= period), reverse=True):
        value = updates[p].savings_forecast.get(fy)
        if value is not None:
            return value
    return None


def savings_lines(
    data: PortfolioData, benefits: Sequence[BenefitStatus], period: str
) -> tuple[SavingsLine, ...]:
    """Per committed programme and FY (planned or self-forecast): planned and forecast."""
    by_programme: dict[str, list[BenefitStatus]] = {}
    for b in benefits:
        by_programme.setdefault(b.programme_id, []).append(b)
    lines: list[SavingsLine] = []
    for prog in data.programmes.values():
        if not is_committed(prog):
            continue
        planned = savings_by_fy(prog)
        forecast_years = {
            fy for u in data.updates_of(prog.id).values() for fy in u.savings_forecast
        }
        fraction = realisation_fraction(by_programme.get(prog.id, []))
        for fy in sorted(set(planned) | forecast_years):
            amount = planned.get(fy, 0.0)
            own = own_forecast(data, prog.id, fy, period)
            if own is not None:
                lines.append(SavingsLine(prog.id, fy, amount, own, "programme forecast", None))
            elif amount > 0 and fraction is not None:
                lines.append(
                    SavingsLine(
                        prog.id, fy, amount, amount * fraction, "benefit measures", fraction
                    )
                )
            elif amount > 0:
                lines.append(SavingsLine(prog.id, fy, amount, None, None, None))
    return tuple(sorted(lines, key=lambda line: (line.fy, line.programme_id)))


def savings_years(data: PortfolioData, lines: Sequence[SavingsLine]) -> tuple[SavingsYear, ...]:
    """The savings position of every FY with a target, planned, pipeline or forecast savings."""
    targets = data.config.savings_target
    pipeline: dict[str, float] = {}
    for prog in data.programmes.values():
        if is_pipeline(prog):
            for fy, amount in savings_by_fy(prog).items():
                if amount:  # a year a proposal gives nothing is no savings year
                    pipeline[fy] = pipeline.get(fy, 0.0) + amount
    years = sorted(set(targets) | {line.fy for line in lines} | set(pipeline))
    out: list[SavingsYear] = []
    for fy in years:
        mine = [line for line in lines if line.fy == fy]
        known = [line for line in mine if line.forecast is not None]
        planned = sum(line.planned for line in mine)
        forecast = sum(line.forecast or 0.0 for line in known) if known else None
        target = targets.get(fy)
        out.append(
            SavingsYear(
                fy=fy,
                target=target,
                planned=planned,
                pipeline=pipeline.get(fy, 0.0),
                forecast=forecast,
                unforecast=sum(line.planned for line in mine if line.forecast is None),
                at_risk=None
                if forecast is None
                else sum(line.planned for line in known) - forecast,
                unidentified=None if target is None else target - planned,
                own=sum(1 for line in known if line.basis == "programme forecast"),
                estimated=sum(1 for line in known if line.basis == "benefit measures"),
                without=len(mine) - len(known),
            )
        )
    return tuple(out)


def savings_basis(year: SavingsYear) -> str:
    """Where the forecast comes from, in words: '2 programmes' own forecasts and 1 estimate...'"""
    parts = []
    if year.own:
        own = "programme's own forecast" if year.own == 1 else "programmes' own forecasts"
        parts.append(f"{year.own} {own}")
    if year.estimated:
        parts.append(f"{plural(year.estimated, 'estimate')} from benefit measures")
    if year.without:
        parts.append(
            f"{plural(year.without, 'programme')} with no forecast "
            f"({money(year.unforecast)} planned, not counted)"
        )
    return join_words(parts) if parts else "no programme has a forecast"


def savings_sentence(year: SavingsYear) -> str:
    """The savings position of one FY in one sentence (the same in Q1, Q3, status and report)."""
    if year.target is None:
        head = (
            f"Savings {year.fy}: no savings target set for {year.fy}; planned {money(year.planned)}"
        )
    else:
        gap = year.unidentified or 0.0
        if gap > 0:
            vs = f"{money(gap)} unidentified"
        elif gap < 0:
            vs = f"{money(-gap)} more than the target"
        else:
            vs = "meeting the target"
        head = (
            f"Savings {year.fy}: target {money(year.target)}; planned {money(year.planned)} ({vs})"
        )
    if year.forecast is None or year.at_risk is None:
        if year.planned == 0:
            return f"{head}; no forecast."
        return (
            f"{head}; no forecast: no programme gave one and none has a measured cashable "
            "benefit to estimate from."
        )
    risk = (
        f"{money(year.at_risk)} at risk"
        if year.at_risk > 0
        else f"{signed_money(-year.at_risk)} ahead of plan"
        if year.at_risk < 0
        else "none at risk"
    )
    return f"{head}; forecast {money(year.forecast)} ({risk}), from {savings_basis(year)}."


#: Consecutive years with no savings target are said in one sentence from this many on.
RUN_FROM = 4
"""(Also the envelope: years with none set, RUN_FROM or more in a row, are one span in Q1.)"""


def _merged(run: Sequence[SavingsYear]) -> SavingsYear:
    """Consecutive years without a target as one position (sums; None stays unknown)."""
    forecasts = [y.forecast for y in run if y.forecast is not None]
    risks = [y.at_risk for y in run if y.at_risk is not None]
    return SavingsYear(
        fy=f"{run[0].fy}–{run[-1].fy}",
        target=None,
        planned=sum(y.planned for y in run),
        pipeline=sum(y.pipeline for y in run),
        forecast=sum(forecasts) if forecasts else None,
        unforecast=sum(y.unforecast for y in run),
        at_risk=sum(risks) if risks else None,
        unidentified=None,
        own=max(y.own for y in run),
        estimated=max(y.estimated for y in run),
        without=max(y.without for y in run),
    )


def savings_sentences(years: Sequence[SavingsYear]) -> list[str]:
    """:func:`savings_sentence` for every year, except that a run of RUN_FROM or more
    consecutive years with no savings target is one sentence with its totals ("Savings
    2027/28–2055/56: no savings target set for 2027/28–2055/56 (29 years); planned £2.9m…"),
    never a long list of "not set". Q3, ``pmo status`` and the TUI say the same."""
    runs: list[list[SavingsYear]] = []
    for y in years:
        last = runs[-1] if runs else None
        if (
            last is not None
            and y.target is None
            and last[-1].target is None
            and int(y.fy[:4]) == int(last[-1].fy[:4]) + 1
        ):
            last.append(y)
        else:
            runs.append([y])
    out: list[str] = []
    for run in runs:
        if len(run) < RUN_FROM:
            out.extend(savings_sentence(y) for y in run)
            continue
        text = savings_sentence(_merged(run))
        span = f"{run[0].fy}–{run[-1].fy}"
        out.append(text.replace(f"set for {span};", f"set for {span} ({len(run)} years);", 1))
    return out
