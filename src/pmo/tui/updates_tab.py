"""A programme's Updates tab: a month a row, every RAG dimension in view at any width."""

from __future__ import annotations

from collections.abc import Mapping

from rich.console import RenderableType
from rich.table import Table
from rich.text import Text

from pmo.model.update import DIMENSIONS, Update
from pmo.tui.cells import grid, rag, user
from pmo.tui.tables import CELL_PADDING, column_widths

RATINGS: tuple[str, ...] = ("overall", *DIMENSIONS)
"""The rated columns, in table order."""
HEADERS: dict[str, str] = {name: name.capitalize() for name in RATINGS}
SHORT_HEADERS: dict[str, str] = {
    "overall": "Ovr",
    "schedule": "Sch",
    "cost": "Cost",
    "scope": "Scp",
    "resources": "Res",
    "risks": "Rsk",
    "benefits": "Ben",
}
"""The rated columns' headers where the full words do not fit (the `?` legend spells them)."""
SUMMARY_MINIMUM = 24
"""The summary keeps at least this many cells before the ratings are shortened."""

LEGEND: tuple[tuple[str, str], ...] = (
    (
        "Ovr Sch Cost Scp Res Rsk Ben (Updates)",
        "in a narrow terminal: overall, schedule, cost, scope, resources, risks, benefits",
    ),
    (
        "R A/R A A/G G (Updates)",
        "in a narrow terminal: red, amber-red, amber, amber-green, green (the colour too)",
    ),
)


def updates_table(
    updates: Mapping[str, Update], drafts: Mapping[str, Update], width: int
) -> RenderableType:
    """Every update (and draft), newest first, in ``width`` cells: the period and the ratings
    never cut, the summary taking the room left. When the words leave the summary less than
    ``SUMMARY_MINIMUM`` cells, the headers and ratings are shortened (R, A/G, ...)."""
    if not updates and not drafts:
        return Text("No updates.", style="dim")
    rows: list[tuple[str, Update, bool]] = []
    for period in sorted({*updates, *drafts}, reverse=True):
        draft = period not in updates
        rows.append((period, drafts[period] if draft else updates[period], draft))
    periods = [Text(f"{period} draft" if draft else period) for period, _, draft in rows]
    for short in (False, True):
        headers = [(SHORT_HEADERS if short else HEADERS)[name] for name in RATINGS]
        ratings = [
            [rag(getattr(up.rag, name), short=short) for name in RATINGS] for _, up, _ in rows
        ]
        lines = ([p, *r] for p, r in zip(periods, ratings, strict=True))
        needed = column_widths(["Period", *headers], lines, {})
        fixed = sum(needed) + CELL_PADDING * len(needed)
        if fixed + SUMMARY_MINIMUM <= width:
            break
    table: Table = grid("Period", *headers, "Summary")
    for column in table.columns[:-1]:  # the period and the ratings are never cut or wrapped
        column.no_wrap = True
    for period_cell, cells, (_, up, draft) in zip(periods, ratings, rows, strict=True):
        summary = user(up.summary.strip() if up.summary else None, cut=True)
        if draft:
            summary = Text.assemble(("draft, not counted: ", "bold"), summary)
        table.add_row(period_cell, *cells, summary)
    return table
