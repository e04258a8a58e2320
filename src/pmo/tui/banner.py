"""The banner every screen shows while any file cannot be read: the figures leave it out."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual.widgets import Static

from pmo.present.words import join_words, plural
from pmo.tui.loading import Loaded


def unreadable_summary(loaded: Loaded) -> str | None:
    """'1 programme could not be read — press v for the problems' (None: all readable)."""
    data = loaded.data
    programmes = len(data.unreadable)
    updates = sum(len(ups) for ups in data.unreadable_updates.values())
    broken = [*data.unreadable.values()]
    broken += [u for ups in data.unreadable_updates.values() for u in ups.values()]
    counted = {u.where.split(":")[0] for u in broken}
    others = {
        where
        for where in (
            _relative(p.file, loaded.root) for p in loaded.problems if p.severity == "error"
        )
        if where not in counted
    }
    parts = []
    if programmes:
        parts.append(plural(programmes, "programme"))
    if updates:
        parts.append(plural(updates, "update file"))
    if others:
        parts.append(plural(len(others), "other file"))
    if not parts:
        return None
    return f"{join_words(parts)} could not be read, left out of the figures — press v"


def _relative(file: Path, root: Path) -> str:
    try:
        return str(file.relative_to(root))
    except ValueError:
        return str(file)


class UnreadableBanner(Static):
    """One line, on every screen, while any file cannot be read (hidden when all can)."""

    def __init__(self, loaded: Loaded) -> None:
        summary = unreadable_summary(loaded)
        text = Text(f"⚠ {summary}", style="bold") if summary else Text("")
        super().__init__(text, classes="unreadable-banner", markup=False)
        self.display = summary is not None
