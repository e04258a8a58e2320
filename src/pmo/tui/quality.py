"""Data quality: every validation problem of the portfolio, and a jump to it in $EDITOR."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import DataTable, Header, Static

from pmo.present.numbers import DASH
from pmo.problem import Problem
from pmo.tui.banner import UnreadableBanner
from pmo.tui.cells import TEXT_STYLE, user
from pmo.tui.footer import QuietFooter
from pmo.tui.loading import Loaded
from pmo.tui.messages import OpenInEditor
from pmo.tui.tables import ListTable

SEVERITY_STYLE = {"error": TEXT_STYLE["red"], "warning": TEXT_STYLE["amber"]}


class QualityScreen(Screen[None]):
    """The validation problems of the loaded portfolio, one a row; Enter opens the file."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", id="quality.back"),
    ]

    def __init__(self, loaded: Loaded, row: int = 0) -> None:
        super().__init__()
        self.loaded = loaded
        self.problems: list[Problem] = list(loaded.problems)
        self.start_row = row

    @property
    def row(self) -> int:
        """The row the cursor is on (kept across a reload and a return from $EDITOR)."""
        tables = self.query("#quality").results(DataTable)
        table = next(iter(tables), None)
        return table.cursor_row if table is not None else self.start_row

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
            Text(f"Data quality: {errors} error(s), {warnings} warning(s) — Enter opens the file"),
            id="quality-title",
        )
        table: DataTable[str | Text] = ListTable(
            id="quality", cursor_type="row", zebra_stripes=True
        )
        table.add_columns("Severity", "File", "Line", "Field", "Code", "Message")
        for index, p in enumerate(self.problems):
            table.add_row(
                Text(p.severity, style=SEVERITY_STYLE.get(p.severity, "")),
                user(self.relative(p), cut=True),
                Text(str(p.line) if p.line else DASH),
                user(p.path or DASH, cut=True),
                user(p.code),
                user(p.message, cut=True),
                key=str(index),
            )
        yield table
        yield Static("", id="quality-detail")
        yield QuietFooter()

    def on_mount(self) -> None:
        table = self.query_one("#quality", DataTable)
        if 0 < self.start_row < table.row_count:
            table.move_cursor(row=self.start_row, animate=False)
        table.focus()

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        """The highlighted problem in full (the table cuts long messages)."""
        key = event.row_key.value
        if key is None:
            return
        p = self.problems[int(key)]
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
        problem = self.problems[int(key)]
        self.post_message(OpenInEditor(problem.file, problem.line))
