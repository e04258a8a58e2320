"""What several commands share: opening a portfolio for analysis, warning about files left out."""

from __future__ import annotations

import sys
from pathlib import Path

from pmo.analysis.data import PortfolioData, left_out
from pmo.opening import open_portfolio
from pmo.present.terminal import safe
from pmo.store import NotAPortfolio

NO_PATH_GIVEN = "portfolio"
"""The portfolio directory the commands default to (as pmo.validate_cmd.DEFAULT_PORTFOLIO)."""


class CannotRun(Exception):
    """The command cannot run on this input; the message says why (exit code 2)."""


def portfolio_root(root: Path) -> Path:
    """``root``; for the default ``portfolio`` with no portfolio.yaml there, the portfolio
    above the current folder (as `pmo validate` and git find theirs), when there is one."""
    from pmo.present.paths import shown_path
    from pmo.validate_cmd import DEFAULT_PORTFOLIO, PORTFOLIO_FILE, find_root

    if root != Path(DEFAULT_PORTFOLIO) or (root / PORTFOLIO_FILE).is_file():
        return root
    found = find_root(Path.cwd())
    return Path(shown_path(found)) if found is not None else root


def load_for_analysis(root: Path, period: str | None, command: str) -> tuple[PortfolioData, str]:
    """Open the portfolio (the default one found upwards, see `portfolio_root`); warn (stderr)
    about invalid files left out; choose the period."""
    root = portfolio_root(root)
    if root == Path(NO_PATH_GIVEN) and not root.exists():
        raise CannotRun(
            f"no ./{NO_PATH_GIVEN} folder here and no portfolio.yaml in this folder or above it; "
            "run pmo where the portfolio folder is, or give its path"
        )
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
