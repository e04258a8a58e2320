"""What several commands share: opening a portfolio for analysis, warning about files left out."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from pmo import clock
from pmo.analysis.data import PortfolioData, left_out
from pmo.opening import open_portfolio
from pmo.present.terminal import safe
from pmo.store import NotAPortfolio
from pmo.validate_cmd import DEFAULT_PORTFOLIO, NOT_FOUND_HERE, portfolio_root


class CannotRun(Exception):
    """The command cannot run on this input; the message says why (exit code 2)."""


def load_for_analysis(root: Path, period: str | None, command: str) -> tuple[PortfolioData, str]:
    """Open the portfolio (the default one found upwards, see `portfolio_root`) and run every
    check (a programme file with errors is unreadable); warn (stderr) about invalid files left
    out; choose the period."""
    root = portfolio_root(root)
    if root == Path(DEFAULT_PORTFOLIO) and not os.path.lexists(root):
        raise CannotRun(NOT_FOUND_HERE)
    warn_if_future(period, command)
    try:
        opened = open_portfolio(root, period)  # every check: a file with errors is not used
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
    return data, opened.period


def future_period(period: str | None) -> str | None:
    """Why a ``--period`` after the current month (``pmo.clock``) says little, or None: no
    update can be due for it yet, so every programme shows as missing or stale."""
    this_month = clock.today().strftime("%Y-%m")
    if period is None or period <= this_month:
        return None
    return (
        f"period {period} is after this month ({this_month}): no update is due for it yet, "
        "so every programme shows as missing or stale"
    )


def warn_if_future(period: str | None, command: str) -> None:
    """Say on stderr (a warning: the run goes on) when ``period`` is after this month."""
    why = future_period(period)
    if why is not None:
        print(f"pmo {command}: warning: {why}", file=sys.stderr)
