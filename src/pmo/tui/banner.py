"""The banner every screen shows while any file cannot be read: what is and is not used."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from pmo.tui.loading import Loaded


def unreadable_summary(loaded: Loaded) -> str | None:
    """'1 programme cannot be read: counted as unreadable, none of its figures used — press v'
    (None when every file was read). The words of ``pmo status``'s warning
    (:func:`pmo.analysis.data.left_out_summary`): a programme's file with any error, one a
    cross-file check found included, is not used and is counted here."""
    return f"{loaded.unused} — press v" if loaded.unused else None


class UnreadableBanner(Static):
    """One line, on every screen, while any file cannot be read (hidden when all can)."""

    def __init__(self, loaded: Loaded) -> None:
        summary = unreadable_summary(loaded)
        text = Text(f"⚠ {summary}", style="bold") if summary else Text("")
        super().__init__(text, classes="unreadable-banner", markup=False)
        self.display = summary is not None
