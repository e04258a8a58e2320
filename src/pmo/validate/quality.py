"""Data-quality warnings: missing or stale updates, no path to green, unexplained variance."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Literal

from pmo.model import Programme, Update
from pmo.model.types import fy_of_period, period_end
from pmo.problem import Problem
from pmo.validate.context import CheckContext

REPORTING_STAGES = ("delivery", "closing")
QUARTER_ENDS = ("03", "06", "09", "12")
"""Months a quarterly programme reports for: the ends of the financial quarters."""
QUARTERLY_GRACE_DAYS = 61
"""In the two months between, a quarterly update stays current this much longer."""


@dataclass(frozen=True, slots=True)
class Reporting:
    """Whether a programme reported for a period: ok, missing (no file) or stale (too old)."""

    status: Literal["ok", "missing", "stale", "not-due"]
    latest: str | None
    """Period of the latest update on or before the period."""
    age_days: int | None
    """Age of that update at the period's end."""


def reporting(
    model: Programme, updates: Mapping[str, Update], period: str, stale_after_days: int
) -> Reporting:
    """Reporting status of one programme for ``period`` (DESIGN.md §2: stale is its own status)."""
    end = period_end(period)
    due = model.stage in REPORTING_STAGES and (model.start is None or model.start <= end)
    earlier = [p for p in updates if p <= period]
    latest = max(earlier) if earlier else None
    age = (end - updates[latest].submitted).days if latest else None
    if not due:
        return Reporting("not-due", latest, age)
    if model.reporting == "quarterly" and period[5:7] not in QUARTER_ENDS:
        # an off month: last quarter's update is the current one, for two more months
        if latest is None:
            return Reporting("not-due", None, None)
        if age is not None and age > stale_after_days + QUARTERLY_GRACE_DAYS:
            return Reporting("stale", latest, age)
        return Reporting("ok", latest, age)
    if age is not None and age > stale_after_days:
        return Reporting("stale", latest, age)
    if latest != period:
        return Reporting("missing", latest, age)
    return Reporting("ok", latest, age)


def check_reporting(ctx: CheckContext) -> Iterator[Problem]:
    """Every programme in delivery has a current update for the period."""
    cfg = ctx.config
    stale_after = cfg.stale_after_days if cfg else 35
    for prog, model in ctx.programmes():
        if ctx.period in prog.updates and prog.updates[ctx.period].model is None:
            continue  # the update is there but has errors; those are reported on it
        updates = {p: u.model for p, u in prog.updates.items() if u.model is not None}
        rep = reporting(model, updates, ctx.period, stale_after)
        if rep.status == "stale" and rep.latest == ctx.period:
            late = prog.updates[ctx.period]  # the file is there; its date makes it stale
            yield late.problem(
                ("submitted",),
                "stale-update",
                f"stale: this update says it was submitted on {updates[ctx.period].submitted}, "
                f"{rep.age_days} days before the end of {ctx.period} (limit {stale_after}); "
                "if it was copied from an earlier month, set submitted to the day you "
                "submit it",
                "warning",
            )
        elif rep.status == "stale":
            limit = stale_after
            if model.reporting == "quarterly" and ctx.period[5:7] not in QUARTER_ENDS:
                limit += QUARTERLY_GRACE_DAYS
            yield prog.source.problem(
                (),
                "stale-update",
                f"stale: latest update is {rep.latest}, {rep.age_days} days old at the end of "
                f"{ctx.period} (limit {limit}); add updates/{ctx.period}.yaml",
                "warning",
            )
        elif rep.status == "missing":
            since = f" (latest is {rep.latest})" if rep.latest else ""
            yield prog.source.problem(
                (),
                "missing-update",
                f"no update for {ctx.period}{since}; add updates/{ctx.period}.yaml",
                "warning",
            )


def check_path_to_green(ctx: CheckContext) -> Iterator[Problem]:
    """A non-green overall rating says how it gets back to green."""
    for _prog, _period, src, update in ctx.updates():
        if update.rag.overall != "green" and not (update.path_to_green or "").strip():
            yield src.problem(
                ("rag", "overall"),
                "no-path-to-green",
                f"overall is {update.rag.overall} but there is no path_to_green; "
                "say how it gets back to green",
                "warning",
            )


def cost_variance(model: Programme, update: Update, period: str) -> tuple[float, float] | None:
    """(variance in GBP, variance as % of budget) of forecast outturn against the year's budget."""
    if update.finance is None:
        return None
    budget = model.budget.get(fy_of_period(period))
    if not budget:
        return None
    variance = update.finance.forecast_outturn - budget
    return variance, 100 * variance / budget


def check_variance_narrative(ctx: CheckContext) -> Iterator[Problem]:
    """A forecast beyond cost tolerance is explained."""
    cfg = ctx.config
    if cfg is None:
        return
    tolerance = cfg.tolerances.cost_percent
    for prog, period, src, update in ctx.updates():
        model = prog.source.model
        if model is None or update.finance is None:
            continue
        var = cost_variance(model, update, period)
        if var and abs(var[1]) > tolerance and not (update.finance.narrative or "").strip():
            yield src.problem(
                ("finance", "forecast_outturn"),
                "variance-no-narrative",
                f"forecast outturn is {var[1]:+.1f}% against the {fy_of_period(period)} budget "
                f"(tolerance {tolerance:g}%) with no finance.narrative; explain the variance",
                "warning",
            )


def check_benefits_quality(ctx: CheckContext) -> Iterator[Problem]:
    """Each benefit has an owner, a baseline and a measure (qualitative ones need no baseline)."""
    for prog, model in ctx.programmes():
        for i, ben in enumerate(model.benefits):
            missing = []
            if not ben.owner:
                missing.append("owner")
            if ben.kind != "qualitative":
                if ben.baseline is None:
                    missing.append("baseline")
                if not ben.measure:
                    missing.append("measure")
            if missing:
                yield prog.source.problem(
                    ("benefits", i),
                    "benefit-incomplete",
                    f"benefit '{ben.id}' has no {' or '.join(missing)}",
                    "warning",
                )


def check_risks_quality(ctx: CheckContext) -> Iterator[Problem]:
    """Each risk has the recommended fields: a category (for the appetite check), an owner,
    a cause and an effect. Missing ones are warnings; the risk still counts everywhere."""
    for prog, model in ctx.programmes():
        for i, risk in enumerate(model.risks):
            missing = [
                name
                for name, value in (
                    ("category", risk.category),
                    ("owner", risk.owner),
                    ("cause", risk.cause),
                    ("effect", risk.effect),
                )
                if not (value or "").strip()
            ]
            if not missing:
                continue
            why = (
                "; without a category it is not compared with any risk appetite"
                if "category" in missing
                else ""
            )
            yield prog.source.problem(
                ("risks", i),
                "risk-incomplete",
                f"risk '{risk.id}' has no {' or '.join(missing)} (recommended){why}; "
                "it is still counted",
                "warning",
            )


def _missing(fields: tuple[tuple[str, str | None], ...]) -> list[str]:
    return [name for name, value in fields if not (value or "").strip()]


def check_programme_quality(ctx: CheckContext) -> Iterator[Problem]:
    """A programme names its SRO and manager (recommended: it is counted everywhere without)."""
    for prog, model in ctx.programmes():
        missing = _missing((("sro", model.sro), ("manager", model.manager)))
        if missing:
            yield prog.source.problem(
                (),
                "programme-incomplete",
                f"no {' or '.join(missing)} (recommended: a role, e.g. "
                f"`{missing[0]}: Assistant Director`); the programme is still counted, "
                "shown as not recorded",
                "warning",
            )


def check_update_quality(ctx: CheckContext) -> Iterator[Problem]:
    """An update says who submitted it and sums up the month (recommended: it counts without)."""
    for _prog, _period, src, update in ctx.updates():
        missing = _missing((("by", update.by), ("summary", update.summary)))
        if missing:
            yield src.problem(
                (),
                "update-incomplete",
                f"no {' or '.join(missing)} (recommended: "
                + " and ".join(
                    {"by": "who submitted it", "summary": "the month in a sentence or two"}[m]
                    for m in missing
                )
                + "); the update is still used",
                "warning",
            )
