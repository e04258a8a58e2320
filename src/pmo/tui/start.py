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
    is imported. Starting cold (no cache file yet), the import waits until worker processes are
    reading the files (a large portfolio: they read on while it imports) or the load is done (a
    small one); with a cache file most files come from it, there is nothing to overlap, and
    the app shows its loading screen at once."""
    load_cache = LoadCache(portfolio, cache_dir()) if cache else None
    early = EarlyLoad(portfolio, period, load_cache)
    cache_file = load_cache.file if load_cache is not None else None
    if cache_file is None or not cache_file.is_file():
        early.reading.wait()
    from pmo.tui.app import make_app

    return make_app(portfolio, period, watch_interval, cache, early=early)
