"""Tables for every list: the keys people expect (j/k, g/G, Home/End) and widths that fit."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

from rich.cells import cell_len
from rich.console import RenderableType
from rich.table import Table
from rich.text import Text
from textual.binding import Binding, BindingType
from textual.widgets import DataTable
from textual.widgets.data_table import RowKey

CELL_PADDING = 2
"""A DataTable draws one blank cell either side of each column."""


FLEXIBLE_MINIMUM = 20
"""A name column keeps at least this many cells (or what it needs, if less) when fitted."""
FREE_MINIMUM = 30
"""Free text keeps at least this many cells (or what it needs) before the name is whole."""
SIDEWAYS = 8
"""Cells a sideways scroll moves (Shift+←/→)."""


class ListTable(DataTable[Any]):
    """A DataTable with the list keys of lazygit, k9s and htop: j/k down/up, g/Home the first
    row, G/End the last (Ctrl+Home/End too; the mouse and arrows as usual), Shift+←/→
    sideways in a list wider than the screen."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "enter",
            "select_cursor",
            "Open what the row names: a programme (on the matching tab), a cell's list, a file",
            show=False,
            id="list.open",
        ),
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
        Binding("g,home", "scroll_top", "First row", key_display="g/Home", show=False),
        Binding("G,end", "scroll_bottom", "Last row", key_display="G/End", show=False),
        Binding(
            "shift+left",
            "sideways(-1)",
            "Scroll left (a list wider than the screen; the first column stays)",
            key_display="shift+←",
            show=False,
        ),
        Binding(
            "shift+right",
            "sideways(1)",
            "Scroll right",
            key_display="shift+→",
            show=False,
        ),
    ]

    flexible: int | None = None
    """The column (a name) that takes the room the others leave (``fit``)."""
    free: int | None = None
    """A column of free text sharing that room: the name first, then the text."""

    def action_sideways(self, step: int) -> None:
        self.scroll_relative(x=step * SIDEWAYS, animate=False)

    def needed(self) -> list[int]:
        """Each column's width for its header and its widest cell."""
        widths = []
        for n, column in enumerate(self.ordered_columns):
            if not column.auto_width:
                widths.append(column.width)
                continue
            width = cell_len(column.label.plain)
            for cell in self.get_column_at(n):
                plain = cell.plain if isinstance(cell, Text) else str(cell)
                width = max(width, cell_len(plain))
            widths.append(width)
        return widths

    def fit(self, available: int) -> None:
        """Give the flexible column (and the free text) the cells the others leave in
        ``available`` (each at most what it needs, at least ``FLEXIBLE_MINIMUM``); the others
        keep their full width, so what does not fit scrolls sideways, the name pinned."""
        flexible = self.flexible
        columns = self.ordered_columns
        if flexible is None or flexible >= len(columns):
            return
        needed = self.needed()
        pad = 2 * self.cell_padding
        free = self.free if self.free is not None and self.free < len(columns) else None
        flex = {flexible} | ({free} if free is not None else set())
        room = available - sum(w + pad for n, w in enumerate(needed) if n not in flex)
        room -= pad * len(flex)
        widths: dict[int, int] = {}
        if free is None:
            widths[flexible] = min(needed[flexible], room)
        else:  # the name first, leaving the free text some room; the text the rest
            keep = min(FREE_MINIMUM, needed[free])
            widths[flexible] = min(needed[flexible], max(room - keep, FLEXIBLE_MINIMUM))
            widths[free] = min(needed[free], max(room - widths[flexible], keep))
        changed = False
        for n, width in widths.items():
            width = max(width, min(FLEXIBLE_MINIMUM, needed[n]))
            column = columns[n]
            if column.auto_width or column.width != width:
                column.auto_width, column.width = False, width
                changed = True
        if changed:
            self._require_update_dimensions = True  # the table's width changed
            self._clear_caches()
            self.refresh(layout=True)


class FixedWidthTable(ListTable):
    """A list table that does not measure every cell of every new row.

    The base class measures each new cell to size auto-width columns; when every column has
    a fixed width (``add_column(width=...)``) that work changes nothing, and on a
    1,000-programme portfolio it was half a second per refill (each sort or filter keystroke).
    """

    def _update_dimensions(self, new_rows: Iterable[RowKey]) -> None:
        if any(column.auto_width for column in self.columns.values()):
            super()._update_dimensions(new_rows)
        else:
            super()._update_dimensions(())


def column_widths(
    headers: Sequence[str], rows: Iterable[Sequence[str | Text]], caps: dict[int, int]
) -> list[int]:
    """The width each column needs for its header and cells (``caps``: maximum by index)."""
    widths = [cell_len(h) for h in headers]
    for cells in rows:
        for n, cell in enumerate(cells):
            plain = cell.plain if isinstance(cell, Text) else cell
            size = cell_len(plain)
            if size > widths[n]:
                widths[n] = size
    return [min(w, caps[n]) if n in caps else w for n, w in enumerate(widths)]


@dataclass(frozen=True, slots=True)
class Fit:
    """Which columns to show and how wide, for a table of a given width."""

    shown: tuple[int, ...]
    """Column indexes, in table order."""
    widths: dict[int, int]


def fit_columns(
    needed: Sequence[int],
    available: int,
    *,
    flexible: int,
    minimum: int,
    drop_order: Sequence[int],
) -> Fit:
    """Fit columns needing ``needed`` cells each into ``available`` cells.

    The ``flexible`` column (a name, free text) takes the room left over, up to what it needs
    and at least ``minimum``; when even that does not fit, columns are dropped in
    ``drop_order`` (lowest value first). Columns never dropped keep their full width, so a
    RAG word is never cut.
    """
    shown = list(range(len(needed)))

    def fixed() -> int:
        return sum(needed[n] + CELL_PADDING for n in shown if n != flexible)

    dropping = list(drop_order)
    while available - fixed() - CELL_PADDING < min(minimum, needed[flexible]) and dropping:
        shown.remove(dropping.pop(0))
    room = max(available - fixed() - CELL_PADDING, min(minimum, needed[flexible]))
    widths = {n: needed[n] for n in shown}
    widths[flexible] = min(needed[flexible], room)
    return Fit(tuple(shown), widths)


def fitted_grid(
    width: int,
    headers: Sequence[str],
    rows: Sequence[Sequence[Text]],
    *,
    drop_order: Sequence[int],
    flexible: int = 0,
    minimum: int = FLEXIBLE_MINIMUM,
) -> Table:
    """A plain table (bold headers, no box) of ``rows`` fitted to ``width`` cells, as the
    views fit their lists: the ``flexible`` column (a name) wraps in the room the others
    leave, at least ``minimum`` cells; the others are never cut or wrapped, and when they
    leave too little room they are dropped in ``drop_order`` (lowest value first).
    A header may break into lines (``"Slip vs\noriginal"``): its widest line counts."""
    needed = [max(cell_len(line) for line in h.split("\n")) for h in headers]
    for cells in rows:
        for n, cell in enumerate(cells):
            needed[n] = max(needed[n], max(cell_len(line) for line in cell.plain.split("\n")))
    fit = fit_columns(
        needed, width, flexible=flexible, minimum=minimum, drop_order=list(drop_order)
    )
    table = Table(box=None, header_style="bold", pad_edge=False, expand=False)
    for n in fit.shown:
        if n == flexible:
            table.add_column(headers[n], min_width=min(minimum, needed[n]))
        else:
            table.add_column(headers[n], no_wrap=True, min_width=needed[n])
    for cells in rows:
        table.add_row(*(cells[n] for n in fit.shown))
    return table


def fitted_table(
    width: int, headers: Sequence[str], rows: Sequence[Sequence[Text]], drops: Sequence[int]
) -> RenderableType:
    """``rows`` as a table in ``width`` cells (``fitted_grid``): headers on one line when every
    column fits, else broken onto two lines (``Slip vs / original``) and, when that is not
    enough, the lowest-value columns (``drops``, first dropped first) left out."""
    table = fitted_grid(width, headers, rows, drop_order=())
    if len(table.columns) == len(headers) and _fits(table, width):
        return table
    two_lines = [_two_lines(h) if n else h for n, h in enumerate(headers)]
    return fitted_grid(width, two_lines, rows, drop_order=drops)


def _two_lines(header: str) -> str:
    """A header broken at the space that leaves its longer line shortest."""
    words = header.split(" ")
    if len(words) < 2:
        return header
    splits = [(" ".join(words[:n]), " ".join(words[n:])) for n in range(1, len(words))]
    first, second = min(splits, key=lambda pair: max(len(pair[0]), len(pair[1])))
    return f"{first}\n{second}"


def _fits(table: Table, width: int) -> bool:
    """Whether ``table``'s columns (the flexible one at its minimum) fit in ``width`` cells."""
    columns = table.columns
    return sum(c.min_width or 0 for c in columns) + 2 * (len(columns) - 1) <= width
