"""Command palette providers: jump to a programme or a portfolio view (they post messages)."""

from __future__ import annotations

from functools import partial

from rich.text import Text
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.message import Message

from pmo.present.terminal import safe
from pmo.tui.loading import Loaded
from pmo.tui.messages import OpenProgramme, OpenView
from pmo.tui.views import VIEWS


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
            score = matcher.match(text)
            if score > 0:
                yield Hit(
                    score,
                    highlight(text, query),
                    partial(self._post, OpenProgramme(pid)),
                    help="Open programme",
                )


def highlight(text: str, query: str) -> Text:
    """``text`` as plain Text with the query's letters in bold (never parsed as markup)."""
    out = Text(text)
    wanted = [c for c in query.lower() if not c.isspace()]
    position = 0
    lower = text.lower()
    for char in wanted:
        found = lower.find(char, position)
        if found < 0:
            break
        out.stylize("bold underline", found, found + 1)
        position = found + 1
    return out


class ViewCommands(Provider):
    """Command palette: open a portfolio view (Q1, Q2, Q3, risk heatmap)."""

    async def discover(self) -> Hits:
        for name, text in VIEWS.items():
            yield DiscoveryHit(
                text, partial(self.app.post_message, OpenView(name)), help="Portfolio view"
            )

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, text in VIEWS.items():
            score = matcher.match(text)
            if score > 0:
                yield Hit(
                    score,
                    matcher.highlight(text),
                    partial(self.app.post_message, OpenView(name)),
                    help="Portfolio view",
                )
