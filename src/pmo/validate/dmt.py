"""Checks of dmt/YYYY-MM.yaml: the decision log names requests that were asked, no future dates."""

from __future__ import annotations

from collections.abc import Iterator

from pmo.model import Decision
from pmo.problem import Problem
from pmo.validate.context import CheckContext

LISTED = 5
"""A message lists at most this many known requests."""


def _key(text: str) -> str:
    return " ".join(text.split()).casefold()


def _asked(ctx: CheckContext, period: str) -> tuple[set[str], list[str]]:
    """Titles and refs (normalised) of the requests of ``period``, and their titles as written."""
    keys: set[str] = set()
    titles: list[str] = []
    papers: list[Decision] = []
    note = ctx.loaded.dmt.get(period)
    if note is not None and note.model is not None:
        papers.extend(note.model.decisions)
    for _prog, when, _src, update in ctx.updates():
        if when == period:
            papers.extend(update.decisions)
    for d in papers:
        keys.add(_key(d.title))
        titles.append(d.title)
        if d.ref:
            keys.add(_key(d.ref))
    return keys, titles


def check_decision_log(ctx: CheckContext) -> Iterator[Problem]:
    """Each outcome names a request asked for that month (by title or ref; a warning, so an
    oral request can still be logged), and no action is done in the future."""
    for period, src in sorted(ctx.loaded.dmt.items()):
        note = src.model
        if note is None or not note.outcomes:
            continue
        keys, titles = _asked(ctx, period)
        for i, outcome in enumerate(note.outcomes):
            if _key(outcome.decision) not in keys:
                known = "; ".join(titles[:LISTED]) + (" ..." if len(titles) > LISTED else "")
                yield src.problem(
                    ("outcomes", i, "decision"),
                    "unknown-decision",
                    f"no request titled or referenced '{outcome.decision}' was asked for "
                    f"{period}; "
                    + (f"known: {known}" if titles else "none was asked that month")
                    + "; copy the request's title or ref",
                    "warning",
                )
            for j, action in enumerate(outcome.actions):
                if action.done is not None and action.done > ctx.today:
                    yield src.problem(
                        ("outcomes", i, "actions", j, "done"),
                        "future-date",
                        f"done {action.done} is in the future (today is {ctx.today})",
                    )
