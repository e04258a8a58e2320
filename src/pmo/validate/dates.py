"""Date checks: things that cannot have happened yet, orderings, and dates that must be given."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

from pmo.model import Programme
from pmo.model.types import period_of
from pmo.problem import Problem
from pmo.store import LoadedPortfolio
from pmo.validate.context import CheckContext
from pmo.validate.period import FIRST_YEAR, LAST_YEAR, in_range

_LIVE_STAGES = ("delivery", "closing")


def before_start(programme: Programme, period: str) -> bool:
    """An update for a month before its programme started: an error, and never used."""
    return programme.start is not None and period < period_of(programme.start)


def before_start_message(programme: Programme, period: str) -> str:
    """The one wording of :func:`before_start` (pmo validate, and what the figures leave out)."""
    return (
        f"update for {period} is before the programme started ({programme.start}); "
        "check the file name and period, or the programme's start date"
    )


def filed_early(period: str, current: str) -> str | None:
    """Why an update for ``period`` is set aside until its month, or None: it is for a month
    after the ``current`` one (YYYY-MM) -- the one wording of `pmo validate`, the TUI's
    data-quality view and the CLI's warnings."""
    if not in_range(period) or period <= current:
        return None
    return (
        f"filed early: {period} is after the current month {current}; it is not used "
        "until then and does not move the default reporting period"
    )


def early_updates(loaded: LoadedPortfolio, today: date, shown: str) -> list[tuple[Path, str]]:
    """Readable updates filed early (see `filed_early`) that the ``shown`` period does not use
    (it is before their month), sorted by file: (file, why)."""
    current = period_of(today)
    out = []
    for prog in loaded.programmes.values():
        for period, src in prog.updates.items():
            why = filed_early(period, current)
            if why is not None and src.model is not None and period > shown:
                out.append((src.file, why))
    return sorted(out)


def check_programme_dates(ctx: CheckContext) -> Iterator[Problem]:
    """Milestone and programme dates are consistent with each other and with today."""
    today = ctx.today
    for prog, model in ctx.programmes():
        s = prog.source
        for i, ms in enumerate(model.milestones):
            if ms.actual is not None and ms.actual > today:
                yield s.problem(
                    ("milestones", i, "actual"),
                    "future-actual",
                    f"actual date {ms.actual} is in the future (today is {today}); "
                    "use forecast until it has happened",
                )
            if ms.actual is None and ms.forecast is None:
                yield s.problem(
                    ("milestones", i),
                    "missing-forecast",
                    f"milestone '{ms.id}' has no actual date, so it needs a forecast date",
                )
        if model.end is not None and model.stage in _LIVE_STAGES and model.end.forecast is None:
            yield s.problem(
                ("end",), "missing-forecast", f"a programme in {model.stage} needs end.forecast"
            )
        if model.end is None and model.stage in _LIVE_STAGES:
            yield s.problem(
                ("stage",),
                "missing-end",
                f"a programme in {model.stage} needs end dates (end: baseline, current, forecast)",
            )
        if model.start and model.end and model.end.baseline < model.start:
            yield s.problem(
                ("end", "baseline"),
                "date-order",
                f"end {model.end.baseline} is before start {model.start}",
            )
        for i, res in enumerate(model.resources):
            if res.to < res.from_:
                yield s.problem(
                    ("resources", i, "to"), "date-order", f"to {res.to} is before from {res.from_}"
                )
        bc = model.business_case
        if bc and bc.decided and bc.decided.date > today:
            yield s.problem(
                ("business_case", "decided", "date"),
                "future-date",
                f"decision date {bc.decided.date} is in the future",
            )
        if bc and bc.status in ("approved", "approved-with-conditions") and bc.decided is None:
            yield s.problem(
                ("business_case", "decided"),
                "missing-decision",
                f"an {bc.status} business case needs decided: {{date, by}}",
                "warning",
            )
        for i, issue in enumerate(model.issues):
            if issue.raised and issue.raised > today:
                yield s.problem(
                    ("issues", i, "raised"),
                    "future-date",
                    f"raised date {issue.raised} is in the future",
                )


def check_update_dates(ctx: CheckContext) -> Iterator[Problem]:
    """An update is for a month within 2000-2100, not before its programme started, not after
    the current month (filed early: a warning), and was not submitted in the future."""
    current = period_of(ctx.today)
    for prog, period, src, update in ctx.updates():
        model = prog.source.model
        if not in_range(period):
            yield src.problem(
                ("period",),
                "period-out-of-range",
                f"period {period} is outside {FIRST_YEAR}-{LAST_YEAR}; name the file and "
                "period after the month reported (YYYY-MM)",
            )
        elif (early := filed_early(period, current)) is not None:
            yield src.problem(("period",), "filed-early", early, "warning")
        if model is not None and before_start(model, period):
            yield src.problem(
                ("period",), "update-before-start", before_start_message(model, period)
            )
        if update.submitted > ctx.today:
            yield src.problem(
                ("submitted",),
                "future-date",
                f"submitted {update.submitted} is in the future (today is {ctx.today})",
            )
