"""Live reload: poll the portfolio's YAML files and reload the app when they change.

Polling (no file-system notification dependency): every ``interval`` seconds a cheap
signature -- sorted (relative path, mtime_ns, size) of every ``*.yaml``/``*.yml`` file --
is computed off the UI thread. A change that two scans in a row agree on (so a file being
written is not read half done) reloads the app, keeping the user's place; an
unreadable portfolio shows the error screen and a later fix returns to where the user was.
While a modal screen (a form, the help) is open, or a load is running, nothing is
scanned: the change is picked up once it closes.
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual.app import App
from textual.screen import ModalScreen
from textual.worker import WorkerState

Signature = tuple[tuple[str, int, int], ...]
SUFFIXES = (".yaml", ".yml")


def signature(root: Path) -> Signature:
    """Sorted (relative path, mtime_ns, size) of the YAML files under ``root``; () if unreadable."""
    found: list[tuple[str, int, int]] = []
    pending = [""]
    while pending:
        rel = pending.pop()
        try:
            with os.scandir(root / rel if rel else root) as entries:
                for entry in entries:
                    name = f"{rel}/{entry.name}" if rel else entry.name
                    try:
                        if entry.is_dir(follow_symlinks=False):
                            if not entry.name.startswith("."):
                                pending.append(name)
                        elif entry.name.endswith(SUFFIXES):
                            st = entry.stat()
                            found.append((name, st.st_mtime_ns, st.st_size))
                    except OSError:
                        continue  # vanished while scanning: the next scan sees it
        except OSError:
            if not rel:
                return ()
    found.sort()
    return tuple(found)


class Watcher:
    """Polls the portfolio at ``root`` and calls ``changed()`` when its files change."""

    def __init__(
        self, app: App[Any], root: Path, changed: Callable[[], None], interval: float
    ) -> None:
        self.app = app
        self.root = root
        self.changed = changed
        self.interval = interval
        self.seen: Signature | None = None
        """The files as last loaded."""
        self.pending: Signature | None = None
        """A change seen once: it is reloaded when the next scan sees it unchanged."""
        self.rebase = True
        """The next scan only records the signature (after the app's own load or reload)."""

    def start(self) -> None:
        self.app.set_interval(self.interval, self.tick, name="watch-portfolio")

    def busy(self) -> bool:
        """A modal screen is open or a load is running: look again later."""
        if isinstance(self.app.screen, ModalScreen):
            return True
        return any(
            w.group == "load" and w.state in (WorkerState.PENDING, WorkerState.RUNNING)
            for w in self.app.workers
        )

    async def tick(self) -> None:
        try:
            if self.busy():
                return
            now = await asyncio.to_thread(signature, self.root)
            if self.busy():
                return
            if self.rebase or self.seen is None:
                self.seen, self.pending, self.rebase = now, None, False
                return
            if now == self.seen:
                self.pending = None
                return
            if now != self.pending:
                self.pending = now  # a write may be half done: reload once it holds still
                return
            self.seen, self.pending = now, None
            self.changed()
            self.rebase = False  # this scan is the baseline of that reload
        except Exception as exc:  # never take the app down for a failed scan
            self.app.log.warning(f"portfolio watch failed: {exc!r}")
