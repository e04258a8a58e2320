"""The dashboard: the three answers in a line each and a sortable, filterable programme table."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Input, Static

from pmo.model import Programme
from pmo.status_cmd import MOVE, RAG_STYLE
from pmo.tui.loading import Loaded
from pmo.tui.tables import FixedWidthTable, column_widths

COLUMNS: tuple[str, ...] = (
    "Programme",
    "Service",
    "Stage",
    "RAG",
    "Δ",
    "Flags",
    "Priority",
    "Next milestone",
    "Updated",
)
WIDTHS = {0: 36}  # widest: the name is cut with an ellipsis so every column fits in 140 columns
RAG_ORDER = {
    "red": 0,
    "amber-red": 1,
    "amber": 2,
    "amber-green": 3,
    "green": 4,
    "stale": 5,
    "missing": 6,
    "not due": 7,
}
MOVE_ORDER = {"worse": 0, "same": 1, "better": 2, "new": 3, "unknown": 4}
STAGES = ("pipeline", "feasibility", "business-case", "delivery", "closing", "closed")

SortValue = tuple[bool, str | float]


@dataclass(frozen=True, slots=True)
class Row:
    """One programme's row: cells to show, values to sort by, text to filter on."""

    programme: str
    cells: tuple[str | Text, ...]
    keys: tuple[SortValue, ...]
    search: str


def first_sentence(sentences: tuple[str, ...]) -> str:
    """The first sentence of an answer (or a dash)."""
    return sentences[0] if sentences else "—"


def next_key_milestone(prog: Programme) -> date | None:
    """The earliest key milestone not yet achieved (forecast, else current, else baseline)."""
    dates = [
        m.forecast or m.current or m.baseline for m in prog.milestones if m.key and m.actual is None
    ]
    return min(dates) if dates else None


def _key(value: str | float | None) -> SortValue:
    return (value is None, value if value is not None else "")


def build_rows(loaded: Loaded) -> list[Row]:
    """The dashboard rows, in programme-name order."""
    data, answers = loaded.data, loaded.answers
    statuses = {s.programme: s for s in answers.q2.statuses}
    evidence = {e.programme: e for e in answers.q2.evidence}
    priority = {p.programme: p for p in answers.q1.priority}
    rows: list[Row] = []
    for pid, prog in data.programmes.items():
        status = statuses.get(pid)
        # Programmes not yet due to report (pipeline, not started) are "not due", never missing.
        state = status.status if status else "not due"
        movement = status.movement if status else ""
        ev = evidence.get(pid)
        nflags = len(ev.flags) if ev else 0
        flag_cell = Text(f"⚠ {nflags}", style="bold red") if ev and ev.watermelon else str(nflags)
        if not nflags:
            flag_cell = ""
        pr = priority.get(pid)
        milestone = next_key_milestone(prog)
        latest = data.latest_update(pid, loaded.period)
        submitted = latest[1].submitted.isoformat() if latest else None
        rag = Text(f" {state} ", style=RAG_STYLE.get(state, ""))
        # Every cell is a Text: plain strings would be parsed as markup by the table.
        cells: tuple[str | Text, ...] = (
            Text(prog.name, overflow="ellipsis", no_wrap=True),
            Text(prog.service),
            Text(prog.stage),
            rag,
            Text(MOVE.get(movement, "")),
            Text(flag_cell) if isinstance(flag_cell, str) else flag_cell,
            Text(f"{pr.score:.2f}" if pr else "—"),
            Text(milestone.isoformat() if milestone else "—"),
            Text(submitted or "—"),
        )
        keys: tuple[SortValue, ...] = (
            _key(prog.name.lower()),
            _key(prog.service),
            _key(STAGES.index(prog.stage)),
            _key(RAG_ORDER.get(state, 9)),
            _key(MOVE_ORDER.get(movement, 9)),
            _key(-nflags - (100 if ev and ev.watermelon else 0)),
            _key(-pr.score if pr else None),
            _key(milestone.isoformat() if milestone else None),
            _key(submitted),
        )
        search = " ".join([pid, prog.name, prog.service, prog.stage, state]).lower()
        rows.append(Row(pid, cells, keys, search))
    rows.sort(key=lambda r: r.keys[0])
    return rows


class DashboardScreen(Screen[None]):
    """The portfolio at a glance."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("slash", "filter", "Filter", key_display="/", id="dashboard.filter"),
        Binding("s", "sort_next", "Sort by next column", id="dashboard.sort"),
        Binding("r", "reverse", "Reverse sort", id="dashboard.reverse"),
        *[
            Binding(
                str(n),
                f"sort({n - 1})",
                f"Sort by {COLUMNS[n - 1]}",
                show=False,
                id=f"dashboard.sort{n}",
            )
            for n in range(1, len(COLUMNS) + 1)
        ],
        Binding("escape", "clear_filter", "Clear filter", show=False, id="dashboard.clear"),
        Binding("c", "view('q1-view')", "Q1 capacity view", show=False, id="q1-view"),
        Binding("g", "view('q2-view')", "Q2 RAG grid view", show=False, id="q2-view"),
        Binding("b", "view('q3-view')", "Q3 benefits view", show=False, id="q3-view"),
        Binding("h", "view('risk-heatmap')", "Risk heatmap", show=False, id="risk-heatmap"),
        Binding("v", "data_quality", "Data quality", show=False, id="data-quality"),
        Binding("R", "generate_report", "Generate report", show=False, id="generate-report"),
    ]

    def __init__(self, loaded: Loaded) -> None:
        super().__init__()
        self.loaded = loaded
        self.rows = build_rows(loaded)
        self.sort_column = 0
        self.sort_reverse = False
        self.filter_text = ""

    def compose(self) -> ComposeResult:
        a = self.loaded.answers
        header = Text(no_wrap=True, overflow="ellipsis")
        for label, sentences in (
            ("Q1", a.q1_sentences),
            ("Q2", a.q2_sentences),
            ("Q3", a.q3_sentences),
        ):
            if header:
                header.append("\n")
            header.append(f"{label} ", style="bold cyan")
            header.append(first_sentence(sentences))
        yield Header()
        yield Static(header, id="answers")
        yield Input(placeholder="Filter programmes (Enter to keep, Esc to clear)", id="filter")
        table = FixedWidthTable(id="programmes", cursor_type="row", zebra_stripes=True)
        yield table
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#programmes", DataTable)
        widths = column_widths(COLUMNS, (row.cells for row in self.rows), WIDTHS)
        for n, name in enumerate(COLUMNS):
            table.add_column(name, key=str(n), width=widths[n])
        self.refresh_rows()
        table.focus()

    def visible_rows(self) -> list[Row]:
        """The rows that match the filter, in the chosen order."""
        words = self.filter_text.lower().split()
        rows = [r for r in self.rows if all(w in r.search for w in words)]
        col = self.sort_column
        return sorted(rows, key=lambda r: (r.keys[col], r.keys[0]), reverse=self.sort_reverse)

    def refresh_rows(self) -> None:
        table: DataTable[str | Text] = self.query_one("#programmes", DataTable)
        table.clear()
        for row in self.visible_rows():
            table.add_row(*row.cells, key=row.programme)

    def action_sort(self, column: int) -> None:
        if column == self.sort_column:
            self.sort_reverse = not self.sort_reverse
        else:
            self.sort_column, self.sort_reverse = column, False
        self.refresh_rows()

    def action_sort_next(self) -> None:
        self.sort_column, self.sort_reverse = (self.sort_column + 1) % len(COLUMNS), False
        self.refresh_rows()

    def action_reverse(self) -> None:
        self.sort_reverse = not self.sort_reverse
        self.refresh_rows()

    def on_data_table_header_selected(self, event: DataTable.HeaderSelected) -> None:
        self.action_sort(event.column_index)

    def action_filter(self) -> None:
        box = self.query_one("#filter", Input)
        box.add_class("shown")
        box.focus()

    def action_clear_filter(self) -> None:
        box = self.query_one("#filter", Input)
        box.value = ""
        box.remove_class("shown")
        self.query_one("#programmes", DataTable).focus()

    def action_generate_report(self) -> None:
        from pmo.tui.app import PmoApp
        from pmo.tui.report_action import generate_report

        if isinstance(self.app, PmoApp):
            generate_report(self.app)

    def action_data_quality(self) -> None:
        from pmo.tui.quality import QualityScreen

        self.app.push_screen(QualityScreen(self.loaded))

    def action_view(self, name: str) -> None:
        from pmo.tui.views_q1 import view_screen

        self.app.push_screen(view_screen(name, self.loaded))

    def on_input_changed(self, event: Input.Changed) -> None:
        self.filter_text = event.value
        self.refresh_rows()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.query_one("#programmes", DataTable).focus()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        from pmo.tui.app import PmoApp

        app = self.app
        if isinstance(app, PmoApp) and event.row_key.value is not None:
            app.open_programme(event.row_key.value)
