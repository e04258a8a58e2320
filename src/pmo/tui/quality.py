"""Data quality: every validation problem of the portfolio, and a jump to it in $EDITOR."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import DataTable, Header, Static

from pmo.present.numbers import DASH
from pmo.present.words import plural
from pmo.problem import Problem
from pmo.tui.banner import UnreadableBanner
from pmo.tui.cells import TEXT_STYLE, user
from pmo.tui.footer import QuietFooter
from pmo.tui.loading import Loaded
from pmo.tui.messages import OpenInEditor
from pmo.tui.spots import Spot, restore, spot_of
from pmo.tui.tables import ListTable

FIT_MARGIN = 2
"""The list's vertical scroll bar."""
SEVERITY_STYLE = {"error": TEXT_STYLE["red"], "warning": TEXT_STYLE["amber"]}


class QualityScreen(Screen[None]):
    """The validation problems of the loaded portfolio, one a row; Enter opens the file."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", id="quality.back"),
    ]

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
        errors = sum(p.severity == "error" for p in self.problems)
        warnings = len(self.problems) - errors
        yield Static(
            Text(
                f"Data quality: {plural(errors, 'error')}, {plural(warnings, 'warning')} — "
                "Enter opens the file"
            ),
            id="quality-title",
        )
        table = ListTable(id="quality", cursor_type="row", zebra_stripes=True)
        table.flexible, table.free = 1, 5  # the file and the message share the room left
        table.add_columns("Severity", "File", "Line", "Field", "Code", "Message")
        for key, p in self.by_key.items():
            table.add_row(
                Text(p.severity, style=SEVERITY_STYLE.get(p.severity, "")),
                user(self.relative(p), cut=True),
                Text(str(p.line) if p.line else DASH),
                user(p.path or DASH, cut=True),
                user(p.code),
                user(p.message, cut=True),
                key=key,
            )
        yield table
        yield Static("", id="quality-detail")
        yield QuietFooter()

    def on_mount(self) -> None:
        table = self.query_one("#quality", ListTable)
        self.fit()
        if self.start_spot is not None:
            restore(table, self.start_spot)
        elif self.start_programme is not None:
            self.show_programme(self.start_programme)
        table.focus()

    def show_programme(self, programme_id: str) -> None:
        """Move the cursor to the first problem in the programme's folder."""
        folder = f"programmes/{programme_id}/"
        table = self.query_one("#quality", ListTable)
        for key, p in self.by_key.items():
            if self.relative(p).replace("\\", "/").startswith(folder):
                table.move_cursor(row=table.get_row_index(key), animate=False)
                return

    def on_resize(self, event: events.Resize) -> None:
        self.fit()

    def fit(self) -> None:
        """Columns to the width: the file and the message take the room the others leave
        (the detail line below shows the problem whole)."""
        width = (self.size.width or self.app.size.width) - FIT_MARGIN
        self.query_one("#quality", ListTable).fit(width)

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
