"""Starting `pmo tui`: the first load is begun before textual is imported, which takes a while;
meanwhile worker processes are already reading the portfolio's files."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from pmo.store.cache import LoadCache, cache_dir
from pmo.tui.early import EarlyLoad

if TYPE_CHECKING:
    from pmo.tui.app import PmoApp


def launch(
    portfolio: Path,
    period: str | None = None,
    *,
    cache: bool = True,
    watch_interval: float | None = 1.0,
) -> PmoApp:
    """The app of `pmo tui` (see ``pmo.tui.app.make_app``), its first load begun before textual
    is imported: the import waits only until worker processes are reading the files (a large
    portfolio), or until the load is done (a small one: there is nothing to overlap)."""
    early = EarlyLoad(portfolio, period, LoadCache(portfolio, cache_dir()) if cache else None)
    early.reading.wait()
    from pmo.tui.app import make_app

    return make_app(portfolio, period, watch_interval, cache, early=early)
