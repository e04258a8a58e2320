"""Data quality: every validation problem of the portfolio, and a jump to it in $EDITOR."""

from __future__ import annotations

from typing import ClassVar

from rich.cells import cell_len
from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import DataTable, Header, Static

from pmo.present.numbers import DASH
from pmo.present.terminal import safe
from pmo.present.words import plural
from pmo.problem import Problem, error_count
from pmo.tui.banner import UnreadableBanner
from pmo.tui.cells import TEXT_STYLE, user
from pmo.tui.footer import QuietFooter
from pmo.tui.loading import Loaded
from pmo.tui.messages import OpenInEditor
from pmo.tui.spots import Spot, restore, spot_of
from pmo.tui.tables import CELL_PADDING, FLEXIBLE_MINIMUM, FREE_MINIMUM, ListTable

FIT_MARGIN = 2
"""The list's vertical scroll bar."""
SEVERITY_STYLE = {"error": TEXT_STYLE["red"], "warning": TEXT_STYLE["amber"]}
HEADERS = ("Severity", "File", "Line", "Field", "Code", "Message")
SEVERITY, FILE, LINE, FIELD, CODE, MESSAGE = range(len(HEADERS))
MESSAGE_MINIMUM = 20
"""The message shows in the list only with at least this many cells (else the detail line
below holds it, as it always holds the whole problem)."""


def fitted_path(path: str, width: int, *, short: bool = False) -> str:
    """A file's path in ``width`` cells, its file name kept whole: whole when it fits, else
    ``programmes/`` shown as ``…/`` (always, with ``short``: one column reads alike), then the
    folder cut in the middle (``…/connected-carers-ass…/programme.yaml``)."""
    if cell_len(path) <= width and not short:
        return path
    prefix = "programmes/"
    if path.startswith(prefix):
        path = "…/" + path[len(prefix) :]
        if cell_len(path) <= width:
            return path
    head, _, name = path.rpartition("/")
    tail = name
    if head.endswith("updates") and "/" in head:  # programmes/x/updates/2026-11.yaml
        head, _, folder = head.rpartition("/")
        tail = f"{folder}/{name}"
    room = width - cell_len(tail) - 2  # the "…" and the "/"
    if not head or room < 4:
        return path[: max(width - 1, 0)] + "…"
    return f"{head[:room]}…/{tail}"


def fitted_widths(needed: list[int], available: int) -> dict[int, int]:
    """The columns shown in ``available`` cells and their widths: severity, line and code
    whole; the file next, as much as it needs (at least ``FLEXIBLE_MINIMUM``); the message
    in the room left (if at least ``MESSAGE_MINIMUM``); the field whole only when the message
    keeps ``FREE_MINIMUM`` cells beside it. What is left out is on the detail line."""
    widths = {n: needed[n] for n in (SEVERITY, LINE, CODE)}
    room = available - sum(w + CELL_PADDING for w in widths.values()) - CELL_PADDING
    widths[FILE] = max(min(needed[FILE], room), min(FLEXIBLE_MINIMUM, needed[FILE]))
    room -= widths[FILE] + CELL_PADDING  # what the field and the message may share
    message = min(needed[MESSAGE], FREE_MINIMUM)
    if room - needed[FIELD] - CELL_PADDING >= message:
        widths[FIELD] = needed[FIELD]
        room -= needed[FIELD] + CELL_PADDING
    if room >= min(MESSAGE_MINIMUM, needed[MESSAGE]):
        widths[MESSAGE] = min(needed[MESSAGE], room)
    return dict(sorted(widths.items()))


class QualityScreen(Screen[None]):
    """The validation problems of the loaded portfolio, one a row; Enter opens the file."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", id="quality.back"),
    ]
    shown: dict[int, int] | None = None
    """The columns shown and their widths (``fit``); None before the list is filled."""

    def __init__(
        self, loaded: Loaded, spot: Spot | None = None, programme: str | None = None
    ) -> None:
        super().__init__()
        self.loaded = loaded
        self.start_programme = programme
        """A programme whose first problem the cursor starts on (its file is unreadable)."""
        self.problems: list[Problem] = list(loaded.problems)
        self.by_key: dict[str, Problem] = {}
        """Row key (the problem's file, field, code and message) -> the problem."""
        for p in self.problems:
            key = "\t".join((self.relative(p), p.path or "", p.code, p.message))
            n = 1
            while f"{key}\t{n}" in self.by_key:  # the same problem twice: told apart
                n += 1
            self.by_key[f"{key}\t{n}"] = p
        self.start_spot = spot

    @property
    def row(self) -> int:
        """The row the cursor is on."""
        tables = self.query("#quality").results(DataTable)
        table = next(iter(tables), None)
        return table.cursor_row if table is not None else 0

    def spot(self) -> Spot | None:
        """Where the cursor is (kept across a reload and a return from $EDITOR: on the same
        problem when it is still there, else at the same row)."""
        tables = self.query("#quality").results(DataTable)
        table = next(iter(tables), None)
        return spot_of(table) if table is not None else self.start_spot

    def relative(self, problem: Problem) -> str:
        """The problem's file relative to the portfolio."""
        try:
            return str(problem.file.absolute().relative_to(self.loaded.root.absolute()))
        except ValueError:
            return str(problem.file)

    def compose(self) -> ComposeResult:
        yield Header()
        yield UnreadableBanner(self.loaded)
        errors = error_count(self.problems)
        warnings = len(self.problems) - errors
        yield Static(
            Text(
                f"Data quality: {plural(errors, 'error')}, {plural(warnings, 'warning')} — "
                "Enter opens the file"
            ),
            id="quality-title",
        )
        yield ListTable(id="quality", cursor_type="row", zebra_stripes=True)
        yield Static("", id="quality-detail")
        yield QuietFooter()

    def cells(self, problem: Problem) -> tuple[str, ...]:
        """A problem's row, each cell's whole text (made safe for the terminal)."""
        return (
            problem.severity,
            safe(self.relative(problem), newlines=False),
            str(problem.line) if problem.line else DASH,
            safe(problem.path or DASH, newlines=False),
            safe(problem.code, newlines=False),
            safe(problem.message, newlines=False),
        )

    def on_mount(self) -> None:
        table = self.query_one("#quality", ListTable)
        self.fit()
        if self.start_spot is not None:
            restore(table, self.start_spot)
        elif self.start_programme is not None:
            self.show_programme(self.start_programme)
        table.focus()

    def show_programme(self, programme_id: str) -> None:
        """Move the cursor to the first problem in the programme's folder (or on the folder
        itself: one with no programme.yaml)."""
        folder = f"programmes/{programme_id}/"
        table = self.query_one("#quality", ListTable)
        for key, p in self.by_key.items():
            if f"{self.relative(p)}/".replace("\\", "/").startswith(folder):
                table.move_cursor(row=table.get_row_index(key), animate=False)
                return

    def on_resize(self, event: events.Resize) -> None:
        self.fit()

    def fit(self) -> None:
        """The columns for the width (``fitted_widths``): the list is filled again when they
        change, the cursor kept on its problem; the detail line below shows it whole."""
        width = (self.size.width or self.app.size.width) - FIT_MARGIN
        rows = {key: self.cells(p) for key, p in self.by_key.items()}
        needed = [cell_len(h) for h in HEADERS]
        for cells in rows.values():
            needed = [max(n, cell_len(c)) for n, c in zip(needed, cells, strict=True)]
        shown = fitted_widths(needed, width)
        short = any(cell_len(cells[FILE]) > shown[FILE] for cells in rows.values())
        if short:  # "programmes/" as "…/" in every row: what that saves may go to the message
            needed[FILE] = max(
                cell_len(fitted_path(c[FILE], needed[FILE], short=True)) for c in rows.values()
            )
            shown = fitted_widths(needed, width)
        if shown == self.shown:
            return
        self.shown = shown
        table = self.query_one("#quality", ListTable)
        keep = None
        if table.row_count:
            keep = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        table.clear(columns=True)
        for n, column_width in shown.items():
            table.add_column(HEADERS[n], width=column_width)
        for key, cells in rows.items():
            shown_cells = []
            for n, column_width in shown.items():
                text = fitted_path(cells[n], column_width, short=short) if n == FILE else cells[n]
                style = SEVERITY_STYLE.get(cells[n], "") if n == SEVERITY else ""
                shown_cells.append(Text(text, style=style, overflow="ellipsis", no_wrap=True))
            table.add_row(*shown_cells, key=key)
        if keep is not None and keep in table.rows:
            table.move_cursor(row=table.get_row_index(keep), animate=False)

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        """The highlighted problem in full (the table cuts long messages)."""
        key = event.row_key.value
        if key is None:
            return
        p = self.by_key[str(key)]
        where = f"{self.relative(p)}:{p.line}" if p.line else self.relative(p)
        field = f" {p.path}:" if p.path else ""
        self.query_one("#quality-detail", Static).update(
            user(f"{where}: {p.severity}{field} {p.message}")
        )

    def action_back(self) -> None:
        self.dismiss()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        key = event.row_key.value
        if key is None:
            return
        problem = self.by_key[str(key)]
        self.post_message(OpenInEditor(problem.file, problem.line))
