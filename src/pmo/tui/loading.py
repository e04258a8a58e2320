"""Loading a portfolio for the UI: plain Python, run in a worker thread."""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from pmo.analysis.answers import Answers, answer
from pmo.analysis.data import PortfolioData, left_out_summary
from pmo.analysis.data import left_out as left_out_lines
from pmo.opening import Checking, open_portfolio
from pmo.present.paths import shown_path
from pmo.problem import Problem
from pmo.store import NotAPortfolio
from pmo.store.cache import LoadCache


@dataclass(frozen=True, slots=True)
class Loaded:
    """Everything the screens show: the data, the answers and the problems found."""

    root: Path
    period: str
    data: PortfolioData
    answers: Answers
    problems: tuple[Problem, ...]
    left_out: tuple[str, ...]  # what files with format errors mean: what is and is not used
    unused: str | None = None  # the same in one line for the banner (None: every file used)


@dataclass(frozen=True, slots=True)
class Failed:
    """The portfolio cannot be shown: why, as lines (file:line: message)."""

    root: Path
    lines: tuple[str, ...]


def shown(path: Path) -> str:
    """A path relative to the working directory when it is below it."""
    return shown_path(path)


def load(
    root: Path,
    period: str | None,
    cache: LoadCache | None = None,
    step: Callable[[str], None] | None = None,
    started: Callable[[], None] | None = None,
) -> Loaded | Failed:
    """Load, analyse and check the portfolio at ``root``; never raises for bad input.

    With ``cache``, unchanged files are taken from it (the caller saves it afterwards).
    ``step`` is told what is being done, for a progress line; ``started`` is called once
    worker processes are reading the files (a large portfolio).
    """
    say = step or (lambda _: None)
    with _collector_paused():
        try:
            if cache is not None:
                say("Opening the cache of parsed files")
                cache.open()
            opened = open_portfolio(
                root, period, cache=cache, step=say, check=False, started=started
            )
        except NotAPortfolio as exc:
            return Failed(root, (str(exc),))
        data = opened.data
        if data is None:
            errors = [p for p in opened.loaded.problems if p.severity == "error"]
            lines = [p.render(shown(p.file)) for p in errors] or [
                f"{shown(root / 'portfolio.yaml')}: portfolio.yaml is invalid"
            ]
            return Failed(root, tuple(lines))
        checking = Checking(opened)  # by another process meanwhile, when the portfolio is large
        say(f"Checking and analysing {len(data.programmes):,} programmes for {opened.period}")
        answers = answer(data, opened.period)
        checked = checking.data()  # a check found an error: that file is unreadable too
        if checked is not None and checked is not data:
            data, answers = checked, answer(checked, opened.period)
        left_out = tuple(left_out_lines(data, opened.loaded))
        unused = left_out_summary(data, opened.loaded)
        return Loaded(root, opened.period, data, answers, checking.problems(), left_out, unused)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """The cyclic garbage collector paused while files are read and analysed, and what that
    built exempted from later collections (``gc.freeze``; the app settles memory again once
    the result is shown, and a reload collects what the last load left behind).

    Node trees and models hold no cycles (reference counting frees them), and re-scanning
    that growing heap on every allocation burst was most of the load time; once resumed, the
    first collection would scan all of it again, just before the dashboard is drawn.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if enabled:
            gc.enable()
