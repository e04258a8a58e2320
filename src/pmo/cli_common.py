"""What several commands share: opening a portfolio for analysis, warning about files left out."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from pmo import clock
from pmo.analysis.data import PortfolioData, left_out
from pmo.opening import open_portfolio
from pmo.present.dates import future_period
from pmo.present.paths import shown_path
from pmo.present.terminal import safe
from pmo.present.words import MAX_LISTED, plural
from pmo.store import NotAPortfolio
from pmo.validate.dates import early_updates
from pmo.validate_cmd import DEFAULT_PORTFOLIO, NOT_FOUND_HERE, portfolio_root


class CannotRun(Exception):
    """The command cannot run on this input; the message says why (exit code 2)."""


def load_for_analysis(root: Path, period: str | None, command: str) -> tuple[PortfolioData, str]:
    """Open the portfolio (the default one found upwards, see `portfolio_root`); warn (stderr)
    about invalid files left out and updates filed early; choose the period."""
    root = portfolio_root(root)
    if root == Path(DEFAULT_PORTFOLIO) and not os.path.lexists(root):
        raise CannotRun(NOT_FOUND_HERE)
    warn_if_future(period, command)
    try:
        opened = open_portfolio(root, period, check=False)
    except NotAPortfolio as exc:
        raise CannotRun(str(exc)) from None
    data = opened.data
    if data is None:
        raise CannotRun(f"{root}/portfolio.yaml has errors; run `pmo validate {root}` to see them")
    for line in left_out(data, opened.loaded):
        print(
            safe(f"pmo {command}: warning: {line}; run `pmo validate {root}` to see them"),
            file=sys.stderr,
        )
    warn_filed_early(early_updates(opened.loaded, clock.today(), opened.period), command, root)
    return data, opened.period


def warn_filed_early(early: list[tuple[Path, str]], command: str, root: Path) -> None:
    """Say on stderr which updates are filed early (for a month after this one) and so not
    used, in `pmo validate`'s words (at most ``MAX_LISTED``, then how many more)."""
    for file, why in early[:MAX_LISTED]:
        line = f"pmo {command}: warning: {shown_path(file)}: {why}"
        print(safe(line, newlines=False), file=sys.stderr)
    if len(early) > MAX_LISTED:
        more = plural(len(early) - MAX_LISTED, "more update")
        line = f"pmo {command}: warning: {more} filed early; run `pmo validate {root}`"
        print(safe(line, newlines=False), file=sys.stderr)


def warn_if_future(period: str | None, command: str) -> None:
    """Say on stderr (a warning: the run goes on) when ``period`` is after this month."""
    why = future_period(period, clock.today())
    if why is not None:
        print(f"pmo {command}: warning: {why}", file=sys.stderr)
