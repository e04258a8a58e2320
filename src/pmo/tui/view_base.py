"""The base of the portfolio views: a screen of tabbed tables; Escape goes back, ←/→ and [ ]
switch tabs, Enter on a row naming a programme opens it."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import DataTable, Header, Static, TabbedContent, TabPane

from pmo.tui.banner import UnreadableBanner
from pmo.tui.cells import Cell
from pmo.tui.loading import Loaded
from pmo.tui.messages import OpenProgramme
from pmo.tui.tables import ListTable

Legend = tuple[tuple[str, str], ...]


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

    def __init__(self, loaded: Loaded, tab: str | None = None) -> None:
        super().__init__()
        self.loaded = loaded
        self.start_tab = tab
        """The tab to open on (kept across a reload)."""
        self.details: dict[str, Text] = {}
        """Row key -> the row's full text, shown below a table with a ``#detail-<id>`` pane."""

    def on_mount(self) -> None:
        """The unreadable-files banner under the header (each view composes the rest)."""
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
    table_id: str, *columns: str, cursor: str = "row", widths: dict[int, int] | None = None
) -> DataTable[Cell]:
    """A zebra-striped list table with the given columns (``widths``: column index to width).

    Add rows of ``Text`` cells: a plain string cell is read as markup by the DataTable.
    """
    table: DataTable[Cell] = ListTable(id=table_id, zebra_stripes=True)
    table.cursor_type = cursor  # type: ignore[assignment]
    for n, name in enumerate(columns):
        table.add_column(name, width=(widths or {}).get(n))
    return table
