"""The base of the portfolio views: a screen of tabbed tables; Escape goes back, [ ] switch tabs."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import DataTable, Header, TabbedContent, TabPane

from pmo.tui.banner import UnreadableBanner
from pmo.tui.cells import Cell
from pmo.tui.loading import Loaded


class ViewScreen(Screen[None]):
    """A portfolio view opened from the dashboard: Escape goes back."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", id="view.back"),
        Binding("left_square_bracket", "tab(-1)", "Prev tab", key_display="[", id="view.prev"),
        Binding("right_square_bracket", "tab(1)", "Next tab", key_display="]", id="view.next"),
    ]

    def __init__(self, loaded: Loaded) -> None:
        super().__init__()
        self.loaded = loaded

    def on_mount(self) -> None:
        """The unreadable-files banner under the header (each view composes the rest)."""
        headers = self.query(Header)
        if headers:
            self.mount(UnreadableBanner(self.loaded), after=headers.first())

    def action_back(self) -> None:
        self.dismiss()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Hide the tab keys on a view without tabs."""
        return action != "tab" or bool(self.query(TabbedContent))

    def action_tab(self, delta: int) -> None:
        """Show the previous or next tab (if the view has tabs) and focus its table."""
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


def new_table(
    table_id: str, *columns: str, cursor: str = "row", widths: dict[int, int] | None = None
) -> DataTable[Cell]:
    """A zebra-striped DataTable with the given columns (``widths``: column index to width).

    Add rows of ``Text`` cells: a plain string cell is read as markup by the DataTable.
    """
    table: DataTable[Cell] = DataTable(id=table_id, zebra_stripes=True)
    table.cursor_type = cursor  # type: ignore[assignment]
    for n, name in enumerate(columns):
        table.add_column(name, width=(widths or {}).get(n))
    return table
