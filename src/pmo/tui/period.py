"""Switching the reporting period inside the app: a list of the months with updates."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option


class PeriodPicker(ModalScreen[str | None]):
    """Choose the reporting month (latest first; Enter chooses, Escape keeps the current)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="period.cancel"),
        Binding("j", "down", "Down", show=False, id="period.down"),
        Binding("k", "up", "Up", show=False, id="period.up"),
        Binding("g", "edge(0)", "Latest month", show=False, id="period.first"),
        Binding("G", "edge(1)", "Earliest month", show=False, id="period.last"),
    ]

    def __init__(self, periods: Sequence[str], current: str) -> None:
        super().__init__()
        self.periods = sorted({*periods, current}, reverse=True)
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical(id="period-box"):
            yield Static(Text("Reporting period", style="bold"), id="period-title")
            yield Static(
                Text(f"Now {self.current}. Enter shows another month, Esc keeps this one."),
                id="period-hint",
            )
            yield OptionList(
                *[
                    Option(f"{p}  (current)" if p == self.current else p, id=p)
                    for p in self.periods
                ],
                id="period-list",
            )

    def on_mount(self) -> None:
        options = self.query_one("#period-list", OptionList)
        options.highlighted = self.periods.index(self.current)
        options.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)

    def action_down(self) -> None:
        self.query_one("#period-list", OptionList).action_cursor_down()

    def action_up(self) -> None:
        self.query_one("#period-list", OptionList).action_cursor_up()

    def action_edge(self, last: int) -> None:
        """g the first (latest) month, G the last, as in every list."""
        options = self.query_one("#period-list", OptionList)
        if last:
            options.action_last()
        else:
            options.action_first()

    def action_cancel(self) -> None:
        self.dismiss(None)
