"""Command palette providers: any programme, every view and every action; prefix matches first.

Entries post messages or run the app's own actions (the palette decides nothing itself).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from rich.text import Text
from textual.command import DiscoveryHit, Hit, Hits, Matcher, Provider
from textual.message import Message

from pmo.present.terminal import safe
from pmo.tui.loading import Loaded
from pmo.tui.messages import OpenProgramme, OpenView
from pmo.tui.views import VIEWS


def ranked(matcher: Matcher, query: str, text: str) -> float:
    """The fuzzy score, lifted so that prefix matches come first: the whole text starting
    with the query, then a word starting with it, then letters in order anywhere."""
    score = matcher.match(text)
    if score <= 0:
        return 0.0
    wanted, lower = " ".join(query.lower().split()), text.lower()
    if lower.startswith(wanted):
        return 0.7 + 0.3 * score
    if any(word.startswith(wanted) for word in lower.replace("(", " ").split()):
        return 0.4 + 0.3 * score
    return 0.4 * score


def highlight(text: str, query: str) -> Text:
    """``text`` as plain Text with the query's letters in bold (never parsed as markup)."""
    out = Text(text)
    wanted = [c for c in query.lower() if not c.isspace()]
    position = 0
    lower = text.lower()
    start = lower.find("".join(wanted))
    if wanted and start >= 0:  # a contiguous match: mark it whole
        out.stylize("bold underline", start, start + len(wanted))
        return out
    for char in wanted:
        found = lower.find(char, position)
        if found < 0:
            break
        out.stylize("bold underline", found, found + 1)
        position = found + 1
    return out


class ProgrammeCommands(Provider):
    """Command palette: jump to any programme by name or id."""

    def _items(self) -> list[tuple[str, str]]:
        loaded = getattr(self.app, "loaded", None)
        if not isinstance(loaded, Loaded):
            return []
        return [
            (pid, safe(f"{p.name} ({pid})", newlines=False))
            for pid, p in loaded.data.programmes.items()
        ]

    def _post(self, message: Message) -> None:
        self.app.post_message(message)

    async def discover(self) -> Hits:
        for pid, text in self._items():
            yield DiscoveryHit(
                Text(text), partial(self._post, OpenProgramme(pid)), help="Open programme"
            )

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for pid, text in self._items():
            score = ranked(matcher, query, text)
            if score > 0:
                yield Hit(
                    score,
                    highlight(text, query),
                    partial(self._post, OpenProgramme(pid)),
                    help="Open programme",
                )


ACTIONS: tuple[tuple[str, str, str], ...] = (
    ("Data quality: every validation problem", "app.data_quality", "v"),
    ("Generate the DMT report", "app.generate_report", "R"),
    ("Switch the reporting period", "app.switch_period", "p"),
    ("Reload the portfolio's files now", "app.reload_files", "ctrl+r"),
    ("Record PMO assurance on this programme", "app.current('record_assurance')", "a"),
    ("Draft an update for this programme", "app.current('draft_update')", "d"),
    ("Attention order (dashboard)", "app.dashboard('sort_attention')", "0"),
    ("Help: the keys of this screen", "app.help", "?"),
    ("Quit", "app.quit", "q"),
)
"""Palette entries for actions: (title, action, its key)."""


class ViewCommands(Provider):
    """Command palette: open a portfolio view or run an action (each says its key)."""

    def _items(self) -> list[tuple[str, Callable[[], object], str]]:
        views = [
            (text, partial(self.app.post_message, OpenView(name)), "Portfolio view")
            for name, text in VIEWS.items()
        ]
        actions = [
            (title, partial(self.app.run_action, action), f"Action (key {key})")
            for title, action, key in ACTIONS
        ]
        return [*views, *actions]

    async def discover(self) -> Hits:
        for text, run, help_text in self._items():
            yield DiscoveryHit(text, run, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for text, run, help_text in self._items():
            score = ranked(matcher, query, text)
            if score > 0:
                yield Hit(score, highlight(text, query), run, help=help_text)
