"""A per-user cache of parsed portfolio files, so that unchanged files are not parsed again.

The portfolio's YAML is the only truth; this is a derived copy of what reading each file gave
(its model and its own problems), kept as JSON under the user's cache directory and checked
file by file against the file's stamp (mtime, ctime, size, inode). Anything unexpected (a
missing, corrupt, foreign or outdated cache) means the file is simply read again.

Like git's index, a stamp is only trusted when the file had been left alone for a while before
the cache was written (the cache file's own mtime is the clock): a file rewritten within the
same timestamp tick as it was read could otherwise keep its stamp with new content.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, TypeAdapter, ValidationError

from pmo.cachedir import cache_dir as cache_dir  # re-exported: callers find it here
from pmo.model import DmtNote, Portfolio, Programme, Update
from pmo.problem import Problem
from pmo.store.files import Refused, read_regular
from pmo.store.stamps import CachedReading, CacheStamp, Kind

FORMAT = 1
SETTLE_NS = 2_000_000_000
"""A file's stamp must be this much older than the cache file for its entry to be trusted."""
MAX_CACHE_BYTES = 512 * 1024 * 1024


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


class CachedProblem(_Strict):
    line: int
    col: int
    path: str
    code: str
    message: str
    severity: Literal["error", "warning"]


class _Entry(_Strict):
    file: str
    stamp: tuple[int, int, int, int]
    problems: list[CachedProblem]


class PortfolioEntry(_Entry):
    model: Portfolio | None


class ProgrammeEntry(_Entry):
    model: Programme | None


class UpdateEntry(_Entry):
    model: Update | None


class DmtEntry(_Entry):
    model: DmtNote | None


class CacheFile(_Strict):
    format: int
    key: str
    root: str
    portfolio: list[PortfolioEntry]
    programme: list[ProgrammeEntry]
    update: list[UpdateEntry]
    dmt: list[DmtEntry]


ENTRY_TYPES: dict[Kind, Any] = {
    "portfolio": PortfolioEntry,
    "programme": ProgrammeEntry,
    "update": UpdateEntry,
    "dmt": DmtEntry,
}


@functools.cache
def _adapter() -> TypeAdapter[CacheFile]:
    """Built on first use: building the validator of every model takes a moment."""
    return TypeAdapter(CacheFile)


def code_key() -> str:
    """A hash of the code that decides what reading a file gives: a new pmo means a new cache."""
    import pydantic

    import pmo.model
    import pmo.problem

    digest = hashlib.sha256(f"{FORMAT}:{pydantic.VERSION}".encode())
    files = sorted(Path(pmo.model.__file__).parent.glob("*.py"))
    files += sorted(Path(__file__).parent.glob("*.py"))  # this package: pmo.store
    files.append(Path(pmo.problem.__file__))
    for file in files:
        digest.update(file.name.encode())
        digest.update(file.read_bytes())
    return digest.hexdigest()


@dataclass(slots=True)
class _Stored:
    kind: Kind
    stamp: CacheStamp
    model: BaseModel | None
    problems: tuple[CachedProblem, ...]
    tree: Any = None


@dataclass(slots=True)
class LoadCache:
    """Cached readings of one portfolio's files, from disk and from this process's last load."""

    root: Path
    directory: Path | None = None
    """Where the cache file lives (None: in memory only)."""
    entries: dict[str, _Stored] = field(default_factory=dict)
    """By file path as a string (``str(path)``: cheaper to hash than Path)."""
    trusted_before: int = 0
    """Stamps newer than this (ns) are not trusted."""
    hits: int = 0
    misses: int = 0
    changed: bool = False
    key: str = ""

    @property
    def file(self) -> Path | None:
        if self.directory is None:
            return None
        name = hashlib.sha256(str(self.root.resolve()).encode()).hexdigest()[:20]
        return self.directory / f"portfolio-{name}.json"

    def open(self) -> LoadCache:
        """Read the cache file, if there is a usable one; never raises.

        Building thousands of models triggers collections that scan them all again: callers
        pause the cyclic garbage collector around this and the load (the TUI does).
        """
        self.key = code_key()
        self.hits = self.misses = 0
        self.changed = False
        if self.entries:  # already in memory from an earlier load in this process
            return self
        file = self.file
        if file is None:
            return self
        try:
            st = file.stat()
            raw = read_regular(file, MAX_CACHE_BYTES)  # never a FIFO, never unbounded
            parsed = _adapter().validate_json(raw)
        except (OSError, Refused, ValidationError, ValueError):
            return self
        if parsed.format != FORMAT or parsed.key != self.key:
            return self
        if parsed.root != str(self.root.resolve()):
            return self
        self.trusted_before = st.st_mtime_ns - SETTLE_NS
        base = str(self.root)
        for kind in ENTRY_TYPES:
            for entry in getattr(parsed, kind):
                self.entries[os.path.join(base, entry.file)] = _Stored(
                    kind, entry.stamp, entry.model, tuple(entry.problems)
                )
        return self

    def get(self, file: Path, kind: Kind, stamp: CacheStamp | None) -> CachedReading | None:
        """The cached reading of ``file`` if its stamp is unchanged (and old enough)."""
        stored = self.entries.get(str(file))
        if (
            stamp is None
            or stored is None
            or stored.kind != kind
            or stored.stamp != stamp
            or max(stamp[0], stamp[1]) >= self.trusted_before
        ):
            self.misses += 1
            return None
        self.hits += 1
        problems = [
            Problem(file, p.line, p.col, p.path, p.code, p.message, p.severity)
            for p in stored.problems
        ]
        return CachedReading(stored.model, problems, stored.tree)

    def put(
        self,
        file: Path,
        kind: Kind,
        stamp: CacheStamp | None,
        model: BaseModel | None,
        problems: list[Problem],
        tree: Any = None,
    ) -> None:
        """Remember what reading ``file`` gave (not if a problem points into another file)."""
        if stamp is None or any(p.file != file for p in problems):
            self.entries.pop(str(file), None)
            return
        cached = tuple(
            CachedProblem(
                line=p.line,
                col=p.col,
                path=p.path,
                code=p.code,
                message=p.message,
                severity=p.severity,
            )
            for p in problems
        )
        self.entries[str(file)] = _Stored(kind, stamp, model, cached, tree)
        self.changed = True

    def forget_missing(self, seen: Iterable[Path]) -> None:
        """Drop entries of files that were not part of this load (deleted or renamed)."""
        keep = {str(f) for f in seen}
        gone = [f for f in self.entries if f not in keep]
        for f in gone:
            del self.entries[f]
        self.changed = self.changed or bool(gone)

    def save(self) -> bool:
        """Write the cache file atomically if anything changed; False if it could not be.

        Written entry by entry (the file of a large portfolio is tens of MB: it is never
        held in memory whole).
        """
        from pmo.store.write import atomic_write_bytes

        file = self.file
        if file is None or not self.changed:
            return True
        try:
            file.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            # private whatever the folder or an older cache file says: it holds the portfolio
            atomic_write_bytes(file, self._chunks(), mode=0o600)
            self.trusted_before = file.stat().st_mtime_ns - SETTLE_NS
        except OSError:
            return False
        self.changed = False
        return True

    def _chunks(self) -> Iterator[bytes]:
        """The cache file as JSON pieces: a CacheFile, one entry at a time."""
        head = {"format": FORMAT, "key": self.key or code_key(), "root": str(self.root.resolve())}
        yield json.dumps(head, ensure_ascii=False, separators=(",", ":")).encode()[:-1]
        prefix = str(self.root) + os.sep
        items = sorted(self.entries.items())
        for kind, entry_type in ENTRY_TYPES.items():
            yield f',"{kind}":['.encode()
            first = True
            for path, stored in items:
                if stored.kind != kind or not path.startswith(prefix):
                    continue
                rel = path[len(prefix) :].replace(os.sep, "/")
                entry = entry_type.model_construct(
                    file=rel, stamp=stored.stamp, problems=list(stored.problems), model=stored.model
                )
                yield (b"" if first else b",") + entry.model_dump_json(by_alias=True).encode()
                first = False
            yield b"]"
        yield b"}"
