"""The chip picker: choose which values of one dashboard column (service, stage, RAG) to show."""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import SelectionList, Static

from pmo.present.terminal import safe


class ChipPicker(ModalScreen[frozenset[str] | None]):
    """A multi-select list of one column's values; none ticked means all."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "apply", "Apply", priority=True, id="chips.apply"),
        Binding("escape", "cancel", "Cancel", id="chips.cancel"),
        Binding("n", "none", "Untick all (show all)", id="chips.none"),
    ]

    def __init__(self, label: str, values: Iterable[str], chosen: Iterable[str]) -> None:
        super().__init__()
        self.label = label
        self.values = list(values)
        self.chosen = frozenset(chosen)

    def compose(self) -> ComposeResult:
        with Vertical(id="chip-box"):
            yield Static(
                Content(f"Show programmes by {self.label} (none ticked: all)"), id="chip-title"
            )
            yield Static("Space tick · Enter apply · n untick all · Esc cancel", id="chip-hint")
            yield SelectionList[str](
                *[(Content(safe(v, newlines=False)), v, v in self.chosen) for v in self.values],
                id="chip-list",
            )

    def on_mount(self) -> None:
        self.query_one("#chip-list", SelectionList).focus()

    def selected(self) -> frozenset[str]:
        picked: SelectionList[str] = self.query_one("#chip-list", SelectionList)
        return frozenset(picked.selected)

    def action_apply(self) -> None:
        self.dismiss(self.selected())

    def action_cancel(self) -> None:
        self.dismiss(None)

    def action_none(self) -> None:
        self.query_one("#chip-list", SelectionList).deselect_all()
