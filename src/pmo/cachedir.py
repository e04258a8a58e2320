"""Where pmo keeps its per-user caches (a leaf: imports nothing from pmo)."""

from __future__ import annotations

import os
from pathlib import Path


def cache_dir() -> Path | None:
    """``$PMO_CACHE_DIR``, else ``$XDG_CACHE_HOME/pmo``, else ``~/.cache/pmo`` (None when
    there is no home directory to find: no cache then)."""
    explicit = os.environ.get("PMO_CACHE_DIR")
    if explicit:
        return Path(explicit)
    xdg = os.environ.get("XDG_CACHE_HOME")
    if xdg:
        return Path(xdg) / "pmo"
    try:
        return Path.home() / ".cache" / "pmo"
    except RuntimeError:
        return None
