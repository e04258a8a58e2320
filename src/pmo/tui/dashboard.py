"""The dashboard: the three answers in a line each and a sortable, filterable programme table."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from typing import ClassVar, Literal

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Input, Static

from pmo.analysis.q2_status import ProgrammeStatus
from pmo.model import Programme
from pmo.present.numbers import DASH
from pmo.present.rag import MOVE, RAG_STYLE, STATUS_SORT
from pmo.present.terminal import safe
from pmo.tui.banner import UnreadableBanner
from pmo.tui.chips import ChipPicker
from pmo.tui.loading import Loaded
from pmo.tui.messages import (
    DraftUpdate,
    GenerateReport,
    OpenProgramme,
    OpenQuality,
    OpenView,
    RecordAssurance,
)
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
RAG_ORDER = STATUS_SORT
MOVE_ORDER = {"worse": 0, "same": 1, "better": 2, "new": 3, "unknown": 4}
STAGES = ("pipeline", "feasibility", "business-case", "delivery", "closing", "closed")

SortValue = tuple[bool, str | float]
Dimension = Literal["service", "stage", "rag"]
DIMENSIONS: tuple[tuple[Dimension, str], ...] = (
    ("service", "Service"),
    ("stage", "Stage"),
    ("rag", "RAG"),
)
CHIP_KEYS: dict[Dimension, str] = {"service": "S", "stage": "T", "rag": "A"}  # shift: chips


@dataclass(frozen=True, slots=True)
class Row:
    """One programme's row: cells to show, values to sort by, text and chips to filter on."""

    programme: str
    cells: tuple[str | Text, ...]
    keys: tuple[SortValue, ...]
    search: str
    service: str = ""
    stage: str = ""
    rag: str = ""
    """The dashboard status: a RAG, or stale, missing or not due."""


@dataclass(frozen=True, slots=True)
class Filters:
    """What the dashboard shows: typed words (all must match) and chips (any value of each).

    An empty chip set means "all"; the chips and the words combine with AND.
    """

    text: str = ""
    service: frozenset[str] = frozenset()
    stage: frozenset[str] = frozenset()
    rag: frozenset[str] = frozenset()

    def chip(self, dimension: Dimension) -> frozenset[str]:
        """The values chosen for one dimension (empty: all)."""
        chosen: frozenset[str] = getattr(self, dimension)
        return chosen

    def with_chip(self, dimension: Dimension, values: Iterable[str]) -> Filters:
        """These filters with one dimension's chip set to ``values``."""
        chosen = frozenset(values)
        if dimension == "service":
            return replace(self, service=chosen)
        if dimension == "stage":
            return replace(self, stage=chosen)
        return replace(self, rag=chosen)

    def without_chips(self) -> Filters:
        """The typed words only."""
        return Filters(text=self.text)

    @property
    def has_chips(self) -> bool:
        return bool(self.service or self.stage or self.rag)


@dataclass(frozen=True, slots=True)
class DashboardState:
    """The user's view of the table, carried across a reload."""

    sort_column: int = 0
    sort_reverse: bool = False
    filters: Filters = field(default_factory=Filters)
    cursor: str | None = None
    """The programme the cursor is on (kept by id: rows may move or vanish in a reload)."""


def row_value(row: Row, dimension: Dimension) -> str:
    """The row's value for a chip dimension."""
    value: str = getattr(row, dimension)
    return value


def matches(row: Row, filters: Filters) -> bool:
    """Whether the row passes every chip and contains every typed word."""
    for dimension, _ in DIMENSIONS:
        chosen = filters.chip(dimension)
        if chosen and row_value(row, dimension) not in chosen:
            return False
    return all(word in row.search for word in filters.text.lower().split())


def visible(rows: Iterable[Row], state: DashboardState) -> list[Row]:
    """The rows that pass the filters, sorted by the chosen column (ties by name)."""
    col = state.sort_column
    shown = [r for r in rows if matches(r, state.filters)]
    return sorted(shown, key=lambda r: (r.keys[col], r.keys[0]), reverse=state.sort_reverse)


def _choice_order(dimension: Dimension, value: str) -> tuple[int, str]:
    if dimension == "stage":
        return (STAGES.index(value) if value in STAGES else len(STAGES), value)
    if dimension == "rag":
        return (RAG_ORDER.get(value, len(RAG_ORDER)), value)
    return (0, value)


def choices(rows: Iterable[Row], dimension: Dimension, chosen: Iterable[str] = ()) -> list[str]:
    """The values a chip can take: those in the rows, plus any already chosen, in a set order.

    Stages run in lifecycle order, RAG from worst to "not due", services alphabetically.
    """
    values = {row_value(r, dimension) for r in rows} | set(chosen)
    values.discard("")
    return sorted(values, key=lambda v: _choice_order(dimension, v))


def chip_bar(filters: Filters, shown: int, total: int) -> Content:
    """The chip bar: each dimension's choice (clickable), the typed filter and the count.

    Built as Content with the user's values substituted as plain text (never as markup).
    """
    parts: list[Content] = []
    for dimension, label in DIMENSIONS:
        chosen = filters.chip(dimension)
        value = ", ".join(choices((), dimension, chosen)) if chosen else "all"
        style = "bold reverse" if chosen else "dim"
        parts.append(
            Content.from_markup(
                f"[@click=screen.pick_chip('{dimension}')][bold cyan]$key[/] $label: "
                f"[{style}]$value[/][/]",
                key=CHIP_KEYS[dimension],
                label=label,
                value=safe(value, newlines=False),
            )
        )
    if filters.text.strip():
        parts.append(
            Content.from_markup(
                "Text: [bold reverse]$text[/]", text=safe(filters.text.strip(), newlines=False)
            )
        )
    parts.append(Content.from_markup("[@click=screen.clear_all][bold cyan]x[/] clear[/]"))
    count = Content.from_markup(f"  │  [bold]{shown}[/] of {total} programmes")
    return Content("   ").join(parts) + count


def first_sentence(sentences: tuple[str, ...]) -> str:
    """The first sentence of an answer (or a dash)."""
    return sentences[0] if sentences else DASH


def next_key_milestone(prog: Programme) -> date | None:
    """The earliest key milestone not yet achieved (forecast, else current, else baseline)."""
    dates = [
        m.forecast or m.current or m.baseline for m in prog.milestones if m.key and m.actual is None
    ]
    return min(dates) if dates else None


def _key(value: str | float | None) -> SortValue:
    return (value is None, value if value is not None else "")


def _unreadable_row(pid: str, status: ProgrammeStatus | None) -> Row:
    """A programme whose programme.yaml cannot be read: named, marked unreadable, never hidden."""
    name = safe(status.name if status else pid, newlines=False)
    fix = safe(status.fix, newlines=False) if status and status.fix else ""
    cells: tuple[str | Text, ...] = (
        Text(name, overflow="ellipsis", no_wrap=True),
        Text(DASH),
        Text(DASH),
        Text(" unreadable ", style=RAG_STYLE.get("unreadable", "")),
        Text(""),
        Text(f"fix {fix}", overflow="ellipsis", no_wrap=True),
        Text(DASH),
        Text(DASH),
        Text(DASH),
    )
    keys: tuple[SortValue, ...] = (
        _key(name.lower()),
        _key(None),
        _key(None),
        _key(RAG_ORDER["unreadable"]),
        _key(None),
        _key(None),
        _key(None),
        _key(None),
        _key(None),
    )
    search = " ".join([pid, name, "unreadable"]).lower()
    return Row(pid, cells, keys, search, "", "", "unreadable")


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
        if not nflags:
            flag_cell = Text("")
        elif ev and ev.watermelon:
            flag_cell = Text(f"⚠ {nflags}", style="bold red")
        else:
            flag_cell = Text(str(nflags))
        pr = priority.get(pid)
        milestone = next_key_milestone(prog)
        latest = data.latest_update(pid, loaded.period)
        submitted = latest[1].submitted.isoformat() if latest else None
        rag = Text(f" {state} ", style=RAG_STYLE.get(state, ""))
        # Every cell is a Text: plain strings would be parsed as markup by the table; user
        # text is made terminal-safe (control and bidi characters shown, not obeyed).
        cells: tuple[str | Text, ...] = (
            Text(safe(prog.name, newlines=False), overflow="ellipsis", no_wrap=True),
            Text(safe(prog.service, newlines=False)),
            Text(prog.stage),
            rag,
            Text(MOVE.get(movement, "")),
            flag_cell,
            Text(f"{pr.score:.2f}" if pr else DASH),
            Text(milestone.isoformat() if milestone else DASH),
            Text(submitted or DASH),
        )
        keys: tuple[SortValue, ...] = (
            _key(prog.name.lower()),
            _key(prog.service),
            _key(STAGES.index(prog.stage)),
            _key(RAG_ORDER.get(state, len(RAG_ORDER))),
            _key(MOVE_ORDER.get(movement, 9)),
            _key(-nflags - (100 if ev and ev.watermelon else 0)),
            _key(-pr.score if pr else None),
            _key(milestone.isoformat() if milestone else None),
            _key(submitted),
        )
        search = " ".join([pid, prog.name, prog.service, prog.stage, state]).lower()
        rows.append(Row(pid, cells, keys, search, prog.service, prog.stage, state))
    rows.extend(_unreadable_row(pid, statuses.get(pid)) for pid in data.unreadable)
    rows.sort(key=lambda r: r.keys[0])
    return rows


class DashboardScreen(Screen[None]):
    """The portfolio at a glance."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("slash", "filter", "Filter", key_display="/", id="dashboard.filter"),
        Binding("s", "sort_next", "Sort", tooltip="Sort by the next column", id="dashboard.sort"),
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
        *[
            Binding(
                CHIP_KEYS[dimension],
                f"pick_chip('{dimension}')",
                f"Filter by {label} (chips)",
                show=False,
                id=f"dashboard.chip-{dimension}",
            )
            for dimension, label in DIMENSIONS
        ],
        Binding("x", "clear_all", "Clear all filters", show=False, id="dashboard.clear-all"),
        Binding(
            "escape",
            "clear_filter",
            "Clear typed filter (then chips)",
            show=False,
            id="dashboard.clear",
        ),
        Binding(
            "c",
            "view('q1-view')",
            "Q1",
            tooltip="Q1 view: coverage, priority, affordability, capacity, scenario",
            id="q1-view",
        ),
        Binding(
            "g",
            "view('q2-view')",
            "Q2",
            tooltip="Q2 view: RAG grid, exceptions, slippage",
            id="q2-view",
        ),
        Binding("b", "view('q3-view')", "Q3", tooltip="Q3 view: benefits, savings", id="q3-view"),
        Binding("h", "view('risk-heatmap')", "Risks", tooltip="Risk heatmap", id="risk-heatmap"),
        Binding(
            "v",
            "data_quality",
            "Quality",
            tooltip="Data quality: every validation problem",
            id="data-quality",
        ),
        Binding(
            "a",
            "record_assurance",
            "Assure",
            show=False,
            tooltip="Record the PMO's assurance on the programme under the cursor",
            id="dashboard.assurance",
        ),
        Binding(
            "d",
            "draft_update",
            "Draft",
            show=False,
            tooltip="Draft the update of the programme under the cursor (confirms first)",
            id="dashboard.draft",
        ),
        Binding(
            "R",
            "generate_report",
            "Report",
            tooltip="Generate the DMT report into reports/",
            id="generate-report",
        ),
    ]

    def __init__(self, loaded: Loaded, state: DashboardState | None = None) -> None:
        super().__init__()
        self.loaded = loaded
        self.rows = build_rows(loaded)
        state = state or DashboardState()
        self.sort_column = state.sort_column
        self.sort_reverse = state.sort_reverse
        self.filters = state.filters
        self.start_at = state.cursor

    @property
    def state(self) -> DashboardState:
        """Sort, filters and the cursor's programme, to carry across a reload."""
        return DashboardState(self.sort_column, self.sort_reverse, self.filters, self.cursor())

    def cursor(self) -> str | None:
        """The programme id of the row the cursor is on (None before the table is filled)."""
        tables = self.query("#programmes").results(DataTable)
        table = next(iter(tables), None)
        if table is None or table.row_count == 0:
            return self.start_at if self.is_mounted else None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return str(key) if key is not None else None

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
            header.append(safe(first_sentence(sentences), newlines=False))
        yield Header()
        yield UnreadableBanner(self.loaded)
        yield Static(header, id="answers")
        yield Static("", id="chips")
        yield Input(
            self.filters.text,
            placeholder="Filter programmes (Enter to keep, Esc to clear)",
            id="filter",
            classes="shown" if self.filters.text else "",
        )
        table = FixedWidthTable(id="programmes", cursor_type="row", zebra_stripes=True)
        yield table
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#programmes", DataTable)
        widths = column_widths(COLUMNS, (row.cells for row in self.rows), WIDTHS)
        for n, name in enumerate(COLUMNS):
            table.add_column(name, key=str(n), width=widths[n])
        self.refresh_rows()
        if self.start_at is not None and self.start_at in table.rows:
            table.move_cursor(row=table.get_row_index(self.start_at), animate=False)
        table.focus()

    def visible_rows(self) -> list[Row]:
        """The rows that match the filters, in the chosen order."""
        return visible(self.rows, self.state)

    def refresh_rows(self) -> None:
        table: DataTable[str | Text] = self.query_one("#programmes", DataTable)
        table.clear()
        shown = self.visible_rows()
        for row in shown:
            table.add_row(*row.cells, key=row.programme)
        self.query_one("#chips", Static).update(chip_bar(self.filters, len(shown), len(self.rows)))

    def set_filters(self, filters: Filters) -> None:
        if filters != self.filters:
            self.filters = filters
            self.refresh_rows()

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
        """Esc: clear the typed filter; when there is none, clear the chips."""
        box = self.query_one("#filter", Input)
        if box.value or box.has_class("shown"):
            box.value = ""
            box.remove_class("shown")
            self.set_filters(replace(self.filters, text=""))
        else:
            self.set_filters(self.filters.without_chips())
        self.query_one("#programmes", DataTable).focus()

    def action_clear_all(self) -> None:
        box = self.query_one("#filter", Input)
        box.value = ""
        box.remove_class("shown")
        self.set_filters(Filters())
        self.query_one("#programmes", DataTable).focus()

    def action_pick_chip(self, dimension: Dimension) -> None:
        """Choose the values of one chip in a small multi-select list."""
        label = dict(DIMENSIONS)[dimension]
        chosen = self.filters.chip(dimension)

        def done(values: frozenset[str] | None) -> None:
            if values is not None:
                self.set_filters(self.filters.with_chip(dimension, values))

        picker = ChipPicker(label, choices(self.rows, dimension, chosen), chosen)
        self.app.push_screen(picker, done)

    def action_record_assurance(self) -> None:
        pid = self.cursor()
        if pid is not None:
            self.post_message(RecordAssurance(pid))

    def action_draft_update(self) -> None:
        pid = self.cursor()
        if pid is not None:
            self.post_message(DraftUpdate(pid))

    def action_generate_report(self) -> None:
        self.post_message(GenerateReport())

    def action_data_quality(self) -> None:
        self.post_message(OpenQuality())

    def action_view(self, name: str) -> None:
        self.post_message(OpenView(name))

    def on_input_changed(self, event: Input.Changed) -> None:
        self.set_filters(replace(self.filters, text=event.value))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.query_one("#programmes", DataTable).focus()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        if event.row_key.value is not None:
            self.post_message(OpenProgramme(event.row_key.value))
