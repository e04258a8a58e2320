"""Loading a portfolio for the UI: plain Python, run in a worker thread."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from pmo import clock
from pmo.analysis.answers import Answers, answer
from pmo.analysis.data import PortfolioData, from_loaded
from pmo.analysis.data import left_out as left_out_lines
from pmo.problem import Problem
from pmo.store import NotAPortfolio, load_portfolio
from pmo.store.cache import LoadCache
from pmo.validate import default_period, run_checks


@dataclass(frozen=True, slots=True)
class Loaded:
    """Everything the screens show: the data, the answers and the problems found."""

    root: Path
    period: str
    data: PortfolioData
    answers: Answers
    problems: tuple[Problem, ...]
    left_out: tuple[str, ...]  # what files with format errors mean: what is and is not used


@dataclass(frozen=True, slots=True)
class Failed:
    """The portfolio cannot be shown: why, as lines (file:line: message)."""

    root: Path
    lines: tuple[str, ...]


def shown(path: Path) -> str:
    """A path relative to the working directory when it is below it."""
    try:
        return str(path.absolute().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def load(
    root: Path,
    period: str | None,
    cache: LoadCache | None = None,
    step: Callable[[str], None] | None = None,
) -> Loaded | Failed:
    """Load, analyse and check the portfolio at ``root``; never raises for bad input.

    With ``cache``, unchanged files are taken from it (the caller saves it afterwards).
    ``step`` is told what is being done, for a progress line.
    """
    say = step or (lambda _: None)
    try:
        if cache is not None:
            say("Opening the cache of parsed files")
            cache.open()
        say("Reading files")
        loaded = load_portfolio(root, cache)
    except NotAPortfolio as exc:
        return Failed(root, (str(exc),))
    data = from_loaded(loaded)
    if data is None:
        errors = [p for p in loaded.problems if p.severity == "error"]
        lines = [p.render(shown(p.file)) for p in errors] or [
            f"{shown(root / 'portfolio.yaml')}: portfolio.yaml is invalid"
        ]
        return Failed(root, tuple(lines))
    today = clock.today()
    chosen = period or default_period(loaded, today)
    reused = f" ({cache.hits:,} unchanged)" if cache is not None and cache.hits else ""
    say(f"Checking {len(loaded.files()):,} files{reused}")
    problems = run_checks(loaded, today, chosen)
    left_out = left_out_lines(data, loaded)
    say(f"Analysing {len(data.programmes):,} programmes for {chosen}")
    answers = answer(data, chosen)
    return Loaded(root, chosen, data, answers, tuple(problems), tuple(left_out))
