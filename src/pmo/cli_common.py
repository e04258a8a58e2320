"""What several commands share: opening a portfolio for analysis, warning about files left out."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from pmo.analysis.data import PortfolioData, left_out
from pmo.opening import open_portfolio
from pmo.present.terminal import safe
from pmo.store import NotAPortfolio
from pmo.validate_cmd import DEFAULT_PORTFOLIO, NOT_FOUND_HERE, portfolio_root


class CannotRun(Exception):
    """The command cannot run on this input; the message says why (exit code 2)."""


def load_for_analysis(root: Path, period: str | None, command: str) -> tuple[PortfolioData, str]:
    """Open the portfolio (the default one found upwards, see `portfolio_root`); warn (stderr)
    about invalid files left out; choose the period."""
    root = portfolio_root(root)
    if root == Path(DEFAULT_PORTFOLIO) and not os.path.lexists(root):
        raise CannotRun(NOT_FOUND_HERE)
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
    return data, opened.period
