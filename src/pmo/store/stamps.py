"""What a file's freshness is judged by, and what ``load_portfolio`` asks of a load cache."""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, Protocol

from pydantic import BaseModel

from pmo.problem import Problem

CacheStamp = tuple[int, int, int, int]
"""(mtime_ns, ctime_ns, size, inode): a cached reading is reused only while all four match."""

Kind = Literal["portfolio", "programme", "update", "dmt"]
"""The four kinds of portfolio file."""


def stamp_of(file: Path) -> CacheStamp | None:
    """What a file's freshness is judged by, or None when it cannot be stat'ed."""
    try:
        st = os.stat(file)
    except OSError:
        return None
    return st.st_mtime_ns, st.st_ctime_ns, st.st_size, st.st_ino


@dataclass(slots=True)
class CachedReading:
    """A cached reading of one file: its model, the problems reading it found, and its node
    tree when it was read in this process (None from the cache file: read again if needed)."""

    model: BaseModel | None
    problems: list[Problem]
    tree: Any = None


class ReadCache(Protocol):
    """What loading needs of a cache of file readings (``pmo.store.cache.LoadCache`` is one)."""

    hits: int

    def get(self, file: Path, kind: Kind, stamp: CacheStamp | None) -> CachedReading | None: ...

    def put(
        self,
        file: Path,
        kind: Kind,
        stamp: CacheStamp | None,
        model: BaseModel | None,
        problems: list[Problem],
        tree: Any = None,
    ) -> None: ...

    def forget_missing(self, seen: Iterable[Path]) -> None: ...
