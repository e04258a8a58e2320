"""The app's own screens: the key help, and the problems when the portfolio cannot be shown."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, ClassVar

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.dom import DOMNode
from textual.screen import ModalScreen, Screen
from textual.widgets import Header, Static

from pmo.present.terminal import safe
from pmo.tui.footer import QuietFooter
from pmo.tui.loading import Failed, shown
from pmo.tui.tables import ListTable

KeyRows = Sequence[tuple[str, str]]
KEY_WIDTH = 24
"""The key column's widest (a long legend mark wraps): the rest is for what it does."""


KEY_NAMES = {
    "left": "←",
    "right": "→",
    "up": "↑",
    "down": "↓",
    "left_square_bracket": "[",
    "right_square_bracket": "]",
    "question_mark": "?",
    "space": "Space",
    "home": "Home",
    "end": "End",
    "escape": "Esc",
}
"""How a key Textual names in words reads in the help, where one binding has several keys."""


def key_label(binding: Binding) -> str:
    """The keys of ``binding`` as the help shows them: its ``key_display``, else each of its
    keys as typed ("left,left_square_bracket" reads "←/[")."""
    if binding.key_display:
        return binding.key_display
    keys = binding.key.split(",")
    if len(keys) == 1:
        return binding.key
    return "/".join(KEY_NAMES.get(k.strip(), k.strip()) for k in keys)


def binding_rows(classes: Iterable[type[DOMNode]]) -> list[tuple[str, str]]:
    """(key, description) for every declared binding of ``classes``."""
    rows: list[tuple[str, str]] = []
    for cls in classes:
        for item in cls.BINDINGS:
            if isinstance(item, Binding):
                what = item.tooltip or item.description or item.action
                rows.append((key_label(item), what))
    return rows


def help_sections(screen: Screen[Any], app: type[DOMNode]) -> list[tuple[str, KeyRows]]:
    """The help for ``screen``: its keys and its widgets' (a list's keys apart), what its
    marks mean (its ``LEGEND``), then the keys that work everywhere (``app``'s)."""
    title = (screen.__doc__ or type(screen).__name__).strip().splitlines()[0].rstrip(".")
    children = list(screen.walk_children())
    widgets = {
        type(w)
        for w in children
        if type(w).__module__.startswith("pmo.tui")
        and "BINDINGS" in vars(type(w))
        and not isinstance(w, ListTable)
    }
    lists = any(isinstance(w, ListTable) for w in children)
    rows = binding_rows([type(screen), *sorted(widgets, key=lambda c: c.__name__)])
    sections: list[tuple[str, KeyRows]] = [(f"This screen — {title}", rows)]
    legend: KeyRows = getattr(screen, "LEGEND", ())
    if legend:
        sections.append(("What the marks mean", legend))
    if lists:
        sections.append(("In every list", binding_rows([ListTable])))
    everywhere = [
        *binding_rows([app]),
        ("ctrl+p", "Command palette: any programme, view or action (type its first letters)"),
    ]
    sections.append(("Everywhere", everywhere))
    return sections


class HelpScreen(ModalScreen[None]):
    """Every key binding, by section (the app says which sections)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss", "Close help", id="help.close"),
        Binding(
            "question_mark", "dismiss", "Close help", key_display="?", show=False, id="help.toggle"
        ),
    ]

    def __init__(self, sections: Sequence[tuple[str, KeyRows]]) -> None:
        super().__init__()
        self.sections = [*sections, ("Help", binding_rows([HelpScreen]))]

    def compose(self) -> ComposeResult:
        parts: list[Text | Table] = []
        for title, rows in self.sections:
            # The title on its own line: in the key column it would take the width from
            # the descriptions in a narrow terminal.
            parts.append(Text(title, style="bold underline"))
            table = Table(box=None, show_header=False)
            table.add_column("Key", style="bold cyan", min_width=8, max_width=KEY_WIDTH)
            table.add_column("What it does", ratio=1)
            for key, what in rows:
                table.add_row(Text(key), Text(what))
            parts += [table, Text("")]
        with VerticalScroll(id="help-box"):
            yield Static(Group(*parts), id="help-body")

    async def action_dismiss(self, result: Any = None) -> None:
        self.dismiss(result)


class ErrorScreen(Screen[None]):
    """The portfolio cannot be shown: the problems, instead of a crash."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "app.quit", "Quit", id="error.quit"),
    ]

    def __init__(self, failed: Failed) -> None:
        super().__init__()
        self.failed = failed

    def compose(self) -> ComposeResult:
        root = safe(shown(self.failed.root), newlines=False)
        yield Header()
        yield Static(Text(f"Cannot show the portfolio at {root}"), id="error-title")
        with VerticalScroll(id="error-lines"):
            yield Static(Text(safe("\n".join(self.failed.lines))))
            yield Static(Text(f"\nRun `pmo validate {root}` for every problem."))
        yield QuietFooter()
