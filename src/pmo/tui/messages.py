"""Messages screens post to the app (messages up): the app decides what each one does."""

from __future__ import annotations

from pathlib import Path

from textual.message import Message


class OpenProgramme(Message):
    """Show one programme's screen (on ``tab``; ``focus``: the risk id to show there)."""

    def __init__(self, programme_id: str, tab: str | None = None, focus: str | None = None) -> None:
        super().__init__()
        self.programme_id = programme_id
        self.tab = tab
        self.focus = focus


class OpenView(Message):
    """Show a portfolio view by name (see ``pmo.tui.views.VIEWS``)."""

    def __init__(self, name: str) -> None:
        super().__init__()
        self.name = name


class OpenQuality(Message):
    """Show the data-quality view."""


class OpenInEditor(Message):
    """Open a file at a line in $EDITOR, then reload."""

    def __init__(self, path: Path, line: int) -> None:
        super().__init__()
        self.path = path
        self.line = line


class RecordAssurance(Message):
    """Ask for the PMO's assurance rating and note on a programme's update."""

    def __init__(self, programme_id: str) -> None:
        super().__init__()
        self.programme_id = programme_id


class DraftUpdate(Message):
    """Draft a programme's next monthly update."""

    def __init__(self, programme_id: str) -> None:
        super().__init__()
        self.programme_id = programme_id


class GenerateReport(Message):
    """Write the month's DMT report in the background."""
