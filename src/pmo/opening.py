"""Opening a portfolio: the one way to get its files read, its checks run and its period chosen."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from pmo import clock
from pmo.problem import Problem, error_count
from pmo.store import LoadedPortfolio, load_portfolio
from pmo.store.forked import Forked
from pmo.store.stamps import ReadCache
from pmo.validate import default_period, large, run_checks

if TYPE_CHECKING:
    from pmo.analysis.data import PortfolioData


@dataclass(frozen=True)
class OpenedPortfolio:
    """A portfolio as read: its files, the period, every problem found, and its valid data."""

    root: Path
    loaded: LoadedPortfolio
    period: str
    problems: tuple[Problem, ...]
    """Problems found reading the files and by every cross-file check, sorted (reading problems
    only when the checks were not asked for)."""

    @property
    def errors(self) -> int:
        return error_count(self.problems)

    @property
    def warnings(self) -> int:
        return sum(p.severity == "warning" for p in self.problems)

    @cached_property
    def data(self) -> PortfolioData | None:
        """The usable part, as the analysis takes it (None when portfolio.yaml is invalid):
        a programme file with any error in ``problems`` is unreadable (opened with
        ``check=False``, only errors found reading count: use :meth:`Checking.data`).

        Built on first use: `pmo validate` never needs it, so never imports the analysis.
        """
        from pmo.analysis.data import from_loaded

        return from_loaded(self.loaded, self.problems)


def open_portfolio(
    root: Path,
    period: str | None = None,
    *,
    today: date | None = None,
    check: bool = True,
    as_at: date | None = None,
    cache: ReadCache | None = None,
    step: Callable[[str], None] | None = None,
    keep_trees: bool = True,
    started: Callable[[], None] | None = None,
) -> OpenedPortfolio:
    """Read the portfolio at ``root``, choose the period and run every check.

    ``period`` defaults to the latest month with updates (else ``today``'s month); ``today``
    defaults to ``pmo.clock.today()``. Checks compare dates with ``as_at`` (default ``today``);
    ``check=False`` skips the cross-file checks. With an opened ``cache``, unchanged files come
    from it (the caller saves it). ``step`` is told what is being done, for a progress line.
    ``keep_trees=False`` keeps no node trees (a check needing a position reads the file again):
    far less memory for a large portfolio when nothing else will ask for positions.
    ``started`` is called once worker processes are reading the files (a large portfolio).
    Raises ``pmo.store.NotAPortfolio`` when ``root`` is not a portfolio at all; bad files are
    problems, never exceptions.
    """
    say = step or (lambda _: None)
    day = clock.today() if today is None else today
    say("Reading files")
    loaded = load_portfolio(root, cache, keep_trees=keep_trees, started=started)
    chosen = period or default_period(loaded, day)
    if not check:
        return OpenedPortfolio(root, loaded, chosen, tuple(loaded.problems))
    reused = f" ({cache.hits:,} unchanged)" if cache is not None and cache.hits else ""
    say(f"Checking {len(loaded.files()):,} files{reused}")
    problems = run_checks(loaded, day if as_at is None else as_at, chosen)
    return OpenedPortfolio(root, loaded, chosen, tuple(problems))


class Checking:
    """The cross-file checks of a portfolio opened with ``check=False``, run meanwhile by a
    forked process when it is large (the caller analyses it at the same time)."""

    def __init__(self, opened: OpenedPortfolio, as_at: date | None = None) -> None:
        self.opened = opened
        day = clock.today() if as_at is None else as_at
        loaded, period = opened.loaded, opened.period
        self.there = Forked(
            lambda: run_checks(loaded, day, period, apart=False), fork=large(loaded)
        )

    def problems(self) -> tuple[Problem, ...]:
        """Every problem, as ``open_portfolio`` with ``check=True`` gives them."""
        return tuple(self.there.result())

    def data(self) -> PortfolioData | None:
        """The usable part once the checks are done, as ``open_portfolio`` with ``check=True``
        gives it: ``opened.data`` itself (the same object) unless a check found an error,
        which makes that file unreadable too."""
        problems = self.problems()
        if error_count(problems) == self.opened.errors:
            return self.opened.data
        from pmo.analysis.data import from_loaded

        return from_loaded(self.opened.loaded, problems)
