"""The dashboard: the three answers, each whole, and a sortable, filterable programme table."""

from __future__ import annotations

from dataclasses import replace
from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Header, Input, Static

from pmo.present.terminal import safe
from pmo.tui.banner import UnreadableBanner
from pmo.tui.chips import ChipPicker
from pmo.tui.dashboard_rows import (
    ATTENTION,
    ATTENTION_TIERS,
    COLUMNS,
    DIMENSIONS,
    DROP_ORDER,
    NAME,
    NAME_MINIMUM,
    RAG_ORDER,
    DashboardState,
    Dimension,
    Filters,
    Row,
    build_rows,
    choices,
    first_sentence,
    matches,
    visible,
)
from pmo.tui.footer import QuietFooter
from pmo.tui.loading import Loaded
from pmo.tui.messages import DraftUpdate, OpenProgramme, RecordAssurance
from pmo.tui.spots import Spot, restore, spot_of
from pmo.tui.tables import Fit, FixedWidthTable, column_widths, fit_columns

__all__ = [
    "COLUMNS",
    "DashboardScreen",
    "DashboardState",
    "Filters",
    "Row",
    "build_rows",
    "chip_bar",
    "choices",
    "matches",
    "visible",
]

CHIP_KEYS: dict[Dimension, str] = {"service": "S", "stage": "T", "rag": "A"}  # shift: chips
MARKS = {False: " ▲", True: " ▼"}
"""The sorted column's header mark: ▲ in its first order (A→Z, worst RAG first), ▼ reversed."""
SCROLLBAR = 2


def chip_bar(filters: Filters, shown: int, total: int, order: str = "attention order") -> Content:
    """The chip bar: each dimension's choice (clickable), the typed filter, the count and the
    order. Built as Content with the user's values substituted as plain text (never markup).
    """
    parts: list[Content] = []
    for dimension, label in DIMENSIONS:
        chosen = filters.chip(dimension)
        value = ", ".join(choices((), dimension, chosen)) if chosen else "all"
        style = "bold reverse" if chosen else "$text"
        parts.append(
            Content.from_markup(
                f"[@click=screen.pick_chip('{dimension}')][bold $accent]$key[/] $label: "
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
    parts.append(Content.from_markup("[@click=screen.clear_all][bold $accent]x[/] clear[/]"))
    count = Content.from_markup(f"[bold]{shown}[/] of {total} programmes, $order  │  ", order=order)
    return count + Content("   ").join(parts)


class DashboardScreen(Screen[None]):
    """The portfolio at a glance, the programmes needing attention first."""

    LEGEND: ClassVar[tuple[tuple[str, str], ...]] = (
        ("Attention order", "; ".join(f"{n + 1}. {t}" for n, t in enumerate(ATTENTION_TIERS))),
        ("▲ / ▼ in a header", "the column sorted by; ▼ when reversed (r, or its key again)"),
        (
            "RAG",
            "the manager's rating this month; stale: the latest update is too old; "
            "missing: none yet; unreadable: a file with errors (v); not due: not reporting yet. "
            "Sorted (4): " + ", ".join(RAG_ORDER) + " — no usable rating comes before amber",
        ),
        ("PMO", "the PMO's assurance rating on this month's update (a records it)"),
        ("Δ", "since last month: ▲ improved, ▼ worsened, ▶ unchanged, • new, ? no earlier rating"),
        (
            "Flags n / ⚠ n",
            "n pieces of evidence disagree with the rating; ⚠: rated green (a watermelon)",
        ),
        ("Priority", "the weighted score, 1 to 5"),
        ("⚠ banner", "files that cannot be read: counted as unreadable, not used; v lists them"),
    )

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("slash", "filter", "Filter", key_display="/", id="dashboard.filter"),
        Binding("s", "sort_next", "Sort", tooltip="Sort by the next column", id="dashboard.sort"),
        Binding("r", "reverse", "Reverse sort", show=False, id="dashboard.reverse"),
        Binding(
            "0",
            "sort_attention",
            "Attention order",
            show=False,
            tooltip="Attention order (the default): evidence flags, red, PMO red, stale/"
            "missing/unreadable, amber runs, then the rest worst first",
            id="dashboard.attention",
        ),
        *[
            Binding(
                str(n),
                f"sort({n - 1})",
                f"Sort by {COLUMNS[n - 1]} (again: reverse)",
                show=False,
                id=f"dashboard.sort{n}",
            )
            for n in range(1, min(len(COLUMNS), 9) + 1)
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
        self.start_spot = state.spot
        self.needed = column_widths(COLUMNS, (row.cells for row in self.rows), {})
        """Each column's full width (header and longest cell)."""
        self.fit: Fit | None = None
        self.fitted_for = -1

    @property
    def state(self) -> DashboardState:
        """Sort, filters, the cursor's programme and its place on screen, to carry across a
        reload."""
        return DashboardState(
            self.sort_column, self.sort_reverse, self.filters, self.cursor(), self.spot()
        )

    def spot(self) -> Spot | None:
        """Where the cursor's row is on screen (None before the table is filled)."""
        tables = self.query("#programmes").results(DataTable)
        table = next(iter(tables), None)
        if table is None or table.row_count == 0:
            return self.start_spot if self.is_mounted else None
        return spot_of(table)

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
        # each answer's first sentence whole: wrapped under itself on a narrow terminal (an
        # officer reads the verdict at 80 columns too), never cut
        header = Table.grid(padding=(0, 1))
        header.add_column(no_wrap=True)
        header.add_column(overflow="fold")
        for label, sentences in (
            ("Q1", a.q1_sentences),
            ("Q2", a.q2_sentences),
            ("Q3", a.q3_sentences),
        ):
            sentence = safe(first_sentence(sentences), newlines=False)
            header.add_row(Text(label, style="bold cyan"), Text(sentence))
        yield Header()
        yield UnreadableBanner(self.loaded)
        with VerticalScroll(id="answers-box", can_focus=False):  # scrolls on a tiny terminal
            yield Static(header, id="answers")
        yield Static("", id="chips")
        yield Input(
            self.filters.text,
            placeholder="Filter programmes (Enter to keep, Esc to clear)",
            id="filter",
            classes="shown" if self.filters.text else "",
        )
        yield FixedWidthTable(
            id="programmes", cursor_type="row", zebra_stripes=True, fixed_columns=1
        )
        yield QuietFooter()

    def on_mount(self) -> None:
        self.refresh_rows(keep=self.start_at)
        table = self.query_one("#programmes", DataTable)
        if self.start_spot is not None:
            restore(table, self.start_spot)
        table.focus()

    def on_resize(self, event: events.Resize) -> None:
        if event.size.width != self.fitted_for:
            self.refresh_rows(keep=self.cursor())

    def visible_rows(self) -> list[Row]:
        """The rows that match the filters, in the chosen order."""
        return visible(self.rows, DashboardState(self.sort_column, self.sort_reverse, self.filters))

    def columns_for(self, width: int) -> Fit:
        """The columns shown at ``width`` cells (the sorted one with room for its mark)."""
        needed = list(self.needed)
        if self.sort_column is not None:
            needed[self.sort_column] += len(MARKS[False])
        drop = [n for n in DROP_ORDER if n != self.sort_column]
        return fit_columns(
            needed, width - SCROLLBAR, flexible=NAME, minimum=NAME_MINIMUM, drop_order=drop
        )

    def order_label(self) -> str:
        if self.sort_column is None:
            return "attention order" + (" (reversed)" if self.sort_reverse else "")
        return f"by {COLUMNS[self.sort_column]}{MARKS[self.sort_reverse]}"

    def refresh_rows(self, keep: str | None = None) -> None:
        """Fill the table: the columns that fit its width, the rows in the chosen order,
        the cursor on ``keep``'s row (by programme id) when it is still shown."""
        table: DataTable[str | Text] = self.query_one("#programmes", DataTable)
        width = self.size.width or self.app.size.width
        fit = self.columns_for(width)
        self.fit, self.fitted_for = fit, width
        table.clear(columns=True)
        for n in fit.shown:
            label = COLUMNS[n] + (MARKS[self.sort_reverse] if n == self.sort_column else "")
            table.add_column(Text(label), key=str(n), width=fit.widths[n])
        shown = self.visible_rows()
        for row in shown:
            table.add_row(*(row.cells[n] for n in fit.shown), key=row.programme)
        if keep is not None and keep in table.rows:
            table.move_cursor(row=table.get_row_index(keep), animate=False)
        self.query_one("#chips", Static).update(
            chip_bar(self.filters, len(shown), len(self.rows), self.order_label())
        )

    def set_filters(self, filters: Filters) -> None:
        if filters != self.filters:
            self.filters = filters
            self.refresh_rows(keep=self.cursor())

    def action_sort(self, column: int) -> None:
        if column == self.sort_column:
            self.sort_reverse = not self.sort_reverse
        else:
            self.sort_column, self.sort_reverse = column, False
        self.refresh_rows(keep=self.cursor())

    def action_sort_attention(self) -> None:
        self.sort_column, self.sort_reverse = ATTENTION, False
        self.refresh_rows(keep=self.cursor())

    def action_sort_next(self) -> None:
        current = -1 if self.sort_column is None else self.sort_column
        self.sort_column, self.sort_reverse = (current + 1) % len(COLUMNS), False
        self.refresh_rows(keep=self.cursor())

    def action_reverse(self) -> None:
        self.sort_reverse = not self.sort_reverse
        self.refresh_rows(keep=self.cursor())

    def on_data_table_header_selected(self, event: DataTable.HeaderSelected) -> None:
        self.action_sort(int(str(event.column_key.value)))

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

    def on_input_changed(self, event: Input.Changed) -> None:
        self.set_filters(replace(self.filters, text=event.value))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.query_one("#programmes", DataTable).focus()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        if event.row_key.value is not None:
            self.post_message(OpenProgramme(event.row_key.value))
