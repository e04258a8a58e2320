"""What several commands share: loading the valid part of a portfolio, and the default period."""

from __future__ import annotations

import sys
from pathlib import Path

from pmo import clock
from pmo.analysis.data import PortfolioData, from_loaded
from pmo.analysis.text import join_words
from pmo.present.terminal import safe
from pmo.store import NotAPortfolio, load_portfolio
from pmo.validate import default_period


def _shown(file: Path, root: Path) -> str:
    try:
        return str(file.relative_to(root))
    except ValueError:
        return str(file)


class CannotRun(Exception):
    """The command cannot run on this input; the message says why (exit code 2)."""


def load_for_analysis(root: Path, period: str | None, command: str) -> tuple[PortfolioData, str]:
    """Load the portfolio; warn (stderr) about invalid files left out; choose the period."""
    try:
        loaded = load_portfolio(root)
    except NotAPortfolio as exc:
        raise CannotRun(str(exc)) from None
    data = from_loaded(loaded)
    if data is None:
        raise CannotRun(f"{root}/portfolio.yaml has errors; run `pmo validate {root}` to see them")
    bad = sorted({_shown(p.file, root) for p in loaded.problems if p.severity == "error"})
    if bad:
        print(
            safe(
                f"pmo {command}: warning: {len(bad)} file(s) with errors were left out "
                f"({join_words(bad)}); run `pmo validate {root}` to see them",
                newlines=False,
            ),
            file=sys.stderr,
        )
    return data, period or default_period(loaded, clock.today())
