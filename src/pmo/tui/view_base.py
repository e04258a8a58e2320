"""The base of the portfolio views: a screen of tabbed tables; Escape goes back, ←/→ and [ ]
switch tabs, Enter on a row naming a programme opens it."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import DataTable, Header, Static, TabbedContent, TabPane

from pmo.tui.banner import UnreadableBanner
from pmo.tui.cells import Cell
from pmo.tui.loading import Loaded
from pmo.tui.messages import OpenProgramme
from pmo.tui.spots import Memory, Spot, restore, spot_of
from pmo.tui.tables import ListTable

Legend = tuple[tuple[str, str], ...]
FIT_MARGIN = 4
"""A tab's padding (1 a side) and a list's vertical scroll bar (2)."""


class ViewScreen(Screen[None]):
    """A portfolio view opened from the dashboard: Escape goes back."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", id="view.back"),
        Binding("left_square_bracket", "tab(-1)", "Prev tab", key_display="[", id="view.prev"),
        Binding("right_square_bracket", "tab(1)", "Next tab", key_display="]", id="view.next"),
        Binding(
            "left",
            "arrow(-1)",
            "Previous tab (in a grid: the cell to the left)",
            show=False,
            priority=True,
            id="view.left",
        ),
        Binding(
            "right",
            "arrow(1)",
            "Next tab (in a grid: the cell to the right)",
            show=False,
            priority=True,
            id="view.right",
        ),
    ]
    LEGEND: ClassVar[Legend] = ()
    """What the view's marks mean (shown by `?`)."""
    TAB_FOR: ClassVar[dict[str, str]] = {}
    """Table id -> the programme tab Enter opens from a row of that table."""

    def __init__(
        self, loaded: Loaded, tab: str | None = None, memory: Memory | None = None
    ) -> None:
        super().__init__()
        self.loaded = loaded
        self.start_tab = tab
        """The tab to open on (kept across a reload)."""
        self.details: dict[str, Text] = {}
        """Row key -> the row's full text, shown below a table with a ``#detail-<id>`` pane."""
        memory = memory or Memory()
        self.pending: dict[str, Spot] = dict(memory.spots)
        """Spots to put back, each when its table is first on show (a tab shown later)."""
        self.opened: dict[str, tuple[int, int]] = dict(memory.opened)
        """Grid id -> the cell whose list is shown below it (``open_cell``)."""
        self.start_focus = memory.focus

    def on_mount(self) -> None:
        """The unreadable-files banner under the header (each view composes the rest), the tab
        and the lists' places kept from before a reload."""
        headers = self.query(Header)
        if headers:
            self.mount(UnreadableBanner(self.loaded), after=headers.first())
        tabs = self.query(TabbedContent)
        if tabs and self.start_tab and self.start_tab != tabs.first().active:
            content = tabs.first()
            if self.start_tab in [pane.id for pane in content.query(TabPane)]:
                content.active = self.start_tab
                tables = content.get_pane(self.start_tab).query(DataTable)
                if tables:
                    tables.first().focus()
        for grid, (row, column) in self.opened.items():
            self.open_cell(grid, row, column)
        self.fit_tables()
        self.call_after_refresh(self.restore_spots, focus=self.start_focus)

    def on_resize(self, event: events.Resize) -> None:
        self.fit_tables()

    def fit_tables(self) -> None:
        """Fit each list to the screen's width: its name column takes the room left."""
        available = (self.size.width or self.app.size.width) - FIT_MARGIN
        for table in self.query(ListTable):
            table.fit(available)

    def open_cell(self, grid: str, row: int, column: int) -> None:
        """List what grid ``grid``'s cell at (``row``, ``column``) holds, below the grid
        (views with such grids say how)."""

    def memory(self) -> Memory:
        """Each list's spot (those still to be put back included), the open cells, the focus."""
        spots = {
            table.id: spot_of(table)
            for table in self.query(DataTable)
            if table.id and table.id not in self.pending
        }
        focused = self.focused
        focus = focused.id if isinstance(focused, DataTable) else None
        return Memory({**self.pending, **spots}, dict(self.opened), focus)

    def on_shown(self, table: DataTable[Cell]) -> bool:
        """Whether ``table`` is on show (not on a hidden tab)."""
        panes = [node for node in table.ancestors if isinstance(node, TabPane)]
        for pane in panes:
            content = next((n for n in pane.ancestors if isinstance(n, TabbedContent)), None)
            if content is not None and content.active != pane.id:
                return False
        return True

    def restore_spots(self, focus: str | None = None) -> None:
        """Put back the spots of the lists on show (the others when their tab is shown)."""
        for table in self.query(DataTable):
            if table.id in self.pending and self.on_shown(table):
                restore(table, self.pending.pop(table.id))
                if table.id == focus:
                    table.focus()

    def on_tabbed_content_tab_activated(self, event: TabbedContent.TabActivated) -> None:
        if self.pending:
            self.call_after_refresh(self.restore_spots)

    def active_tab(self) -> str | None:
        """The tab shown (None: a view without tabs)."""
        tabs = self.query(TabbedContent)
        return tabs.first().active if tabs else self.start_tab

    def action_back(self) -> None:
        self.dismiss()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Hide the tab keys on a view without tabs."""
        return action != "tab" or bool(self.query(TabbedContent))

    def action_arrow(self, delta: int) -> None:
        """←/→: in a grid of cells (the heatmaps) move the cursor, else switch tabs."""
        focused = self.focused
        if isinstance(focused, DataTable) and focused.cursor_type == "cell":
            if delta < 0:
                focused.action_cursor_left()
            else:
                focused.action_cursor_right()
        elif isinstance(focused, DataTable) and not self.query(TabbedContent):
            focused.scroll_relative(x=delta * 4, animate=False)
        else:
            self.action_tab(delta)

    def action_tab(self, delta: int) -> None:
        """Show the previous or next tab and focus its table."""
        tabs = self.query(TabbedContent)
        if not tabs:
            return
        content = tabs.first()
        ids = [pane.id for pane in content.query(TabPane) if pane.id]
        if content.active in ids:
            content.active = ids[(ids.index(content.active) + delta) % len(ids)]
            pane = content.get_pane(content.active)
            tables = pane.query(DataTable)
            if tables:
                tables.first().focus()

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        """Show the highlighted row's full text in the table's detail pane, if it has one."""
        for pane in self.query(f"#detail-{event.data_table.id}").results(Static):
            pane.update(self.details.get(str(event.row_key.value), Text("")))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        """Enter on a row naming a programme: that programme, on the matching tab."""
        table_id = event.data_table.id or ""
        if table_id not in self.TAB_FOR or event.row_key.value is None:
            return
        event.stop()
        pid, _, rest = str(event.row_key.value).partition("/")
        tab = self.TAB_FOR[table_id]
        if pid in self.loaded.data.programmes:
            self.post_message(OpenProgramme(pid, tab, rest if tab == "risks" and rest else None))


def new_table(
    table_id: str,
    *columns: str,
    cursor: str = "row",
    widths: dict[int, int] | None = None,
    name: int = 0,
    free: int | None = None,
) -> DataTable[Cell]:
    """A zebra-striped list table with the given columns (``widths``: column index to width),
    pinned up to its ``name`` column; without ``widths`` the name (and the ``free`` text
    column) take the room the others leave when the view fits its tables.

    Add rows of ``Text`` cells: a plain string cell is read as markup by the DataTable.
    """
    table = ListTable(id=table_id, zebra_stripes=True, fixed_columns=name + 1)
    table.cursor_type = cursor  # type: ignore[assignment]
    if widths is None and cursor != "cell":  # the name (and free text) take the room left
        table.flexible, table.free = name, free  # (ViewScreen.fit_tables); a grid keeps its labels
    for n, title in enumerate(columns):
        table.add_column(title, width=(widths or {}).get(n))
    return table
