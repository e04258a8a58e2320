"""Where a list's cursor and scroll were: taken before a reload, put back after it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from textual.widgets import DataTable


@dataclass(frozen=True, slots=True)
class Spot:
    """A list's cursor (by row key) and the place on screen of its row."""

    key: str | None
    """The cursor row's key (None: a row without one)."""
    row: int
    """The cursor row's index: the fallback when its key is gone."""
    column: int
    """The cursor's column (the heatmaps move by cell)."""
    above: int
    """Lines between the top of the list's view and the cursor row: the row keeps its place
    on screen even when a reload moves it in the list."""
    scroll_x: float


def row_top(table: DataTable[Any], row: int) -> int:
    """The first line of row ``row`` in the table's rows (rows may be taller than one line)."""
    return sum(r.height for r in table.ordered_rows[:row])


def spot_of(table: DataTable[Any]) -> Spot:
    """Where ``table``'s cursor and scroll are now."""
    row, column = table.cursor_coordinate
    key: str | None = None
    if 0 <= row < table.row_count:
        value = table.ordered_rows[row].key.value
        key = None if value is None else str(value)
    above = round(row_top(table, row) - table.scroll_y)
    return Spot(key, row, column, above, table.scroll_x)


def restore(table: DataTable[Any], spot: Spot) -> None:
    """Put the cursor back on ``spot``'s row (by key when it is still there, else at its old
    index) and scroll so that row is where it was on screen."""
    if table.row_count == 0:
        return
    if spot.key is not None and spot.key in table.rows:
        row = table.get_row_index(spot.key)
    else:
        row = min(spot.row, table.row_count - 1)
    column = min(spot.column, max(len(table.columns) - 1, 0))
    table.move_cursor(row=row, column=column, animate=False, scroll=False)
    y = max(row_top(table, row) - spot.above, 0)
    table.call_after_refresh(table.scroll_to, x=spot.scroll_x, y=y, animate=False)


@dataclass(frozen=True, slots=True)
class Memory:
    """Where the user is in a screen of lists, beyond its data: each list's spot, the grid
    cells whose list is open below the grid (Enter on a cell), the list with the focus."""

    spots: Mapping[str, Spot] = field(default_factory=dict)
    """Table id -> its spot."""
    opened: Mapping[str, tuple[int, int]] = field(default_factory=dict)
    """Grid table id -> the (row, column) of the cell whose list is shown."""
    focus: str | None = None
    """The id of the table with the focus."""
    scenario: ScenarioState | None = None
    """The Q1 scenario's in/out choices (a view with a scenario)."""


@dataclass(frozen=True, slots=True)
class ScenarioState:
    """What the officer chose on the scenario tab, kept across a reload."""

    chosen: frozenset[str]
    """The programmes in."""
    candidates: frozenset[str]
    """Every candidate then: one new since takes its default (in if committed)."""
    before: frozenset[str]
    """The set when the optimiser last ran (what it changed is marked against it)."""
    changed: frozenset[str]
    """The rows the optimiser changed (marked ◀)."""
    reconsider: bool
    """Whether the optimiser may stop committed work."""
