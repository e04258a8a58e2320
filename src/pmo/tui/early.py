"""`pmo tui`'s first load, begun before the UI's modules are imported (``pmo.tui.start``): it
runs on its own thread, and the app takes its result."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from pmo.store.cache import LoadCache
from pmo.tui.loading import Failed, Loaded, load


class EarlyLoad:
    """A load of the portfolio on its own thread from the moment it is made; the app's first
    load takes its result (``result``) instead of loading again."""

    def __init__(self, portfolio: Path, period: str | None, cache: LoadCache | None) -> None:
        self.portfolio = portfolio
        self.period = period
        self.cache = cache
        self.reading = threading.Event()
        """Set once worker processes are reading the files, or the load is over."""
        self._lock = threading.Lock()
        self._step: Callable[[str], None] | None = None
        self._last = ""
        self._result: Loaded | Failed | None = None
        self._error: BaseException | None = None
        self._done = threading.Event()
        threading.Thread(target=self._run, name="pmo-first-load", daemon=True).start()

    def _run(self) -> None:
        try:
            self._result = load(
                self.portfolio, self.period, self.cache, self._say, self.reading.set
            )
        except BaseException as exc:  # raised again where the app waits for the result
            self._error = exc
        finally:
            self.reading.set()
            self._done.set()

    def _say(self, what: str) -> None:
        with self._lock:  # in order, and never lost between the app asking and being told
            self._last = what
            if self._step is not None:
                self._step(what)

    def result(self, step: Callable[[str], None]) -> Loaded | Failed:
        """Wait for the load (in the app's loading worker); ``step`` is told what it is doing
        now and from then on. An unexpected error of the load is raised here."""
        with self._lock:
            self._step = step
            if self._last:
                step(self._last)
        self._done.wait()
        if self._error is not None:
            raise self._error
        assert self._result is not None  # set unless an error was
        return self._result
