"""Loading a portfolio for the UI: plain Python, run in a worker thread."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pmo import clock
from pmo.analysis.answers import Answers, answer
from pmo.analysis.data import PortfolioData, from_loaded
from pmo.problem import Problem
from pmo.store import NotAPortfolio, load_portfolio
from pmo.validate import default_period, run_checks


@dataclass(frozen=True, slots=True)
class Loaded:
    """Everything the screens show: the data, the answers and the problems found."""

    root: Path
    period: str
    data: PortfolioData
    answers: Answers
    problems: tuple[Problem, ...]
    left_out: tuple[str, ...]  # files with errors that were left out


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


def load(root: Path, period: str | None) -> Loaded | Failed:
    """Load, analyse and check the portfolio at ``root``; never raises for bad input."""
    try:
        loaded = load_portfolio(root)
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
    problems = run_checks(loaded, today, chosen)
    left_out = sorted({shown(p.file) for p in loaded.problems if p.severity == "error"})
    return Loaded(root, chosen, data, answer(data, chosen), tuple(problems), tuple(left_out))
