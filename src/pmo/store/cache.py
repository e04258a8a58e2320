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
import gc
import hashlib
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, TypeAdapter, ValidationError

from pmo.model import DmtNote, Portfolio, Programme, Update
from pmo.problem import Problem
from pmo.store.files import Refused, read_regular

FORMAT = 1
SETTLE_NS = 2_000_000_000
"""A file's stamp must be this much older than the cache file for its entry to be trusted."""
MAX_CACHE_BYTES = 512 * 1024 * 1024

Stamp = tuple[int, int, int, int]
Kind = Literal["portfolio", "programme", "update", "dmt"]


def stamp_of(file: Path) -> Stamp | None:
    """What a file's freshness is judged by, or None when it cannot be stat'ed."""
    try:
        st = os.stat(file)
    except OSError:
        return None
    return st.st_mtime_ns, st.st_ctime_ns, st.st_size, st.st_ino


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
    import pmo.store

    digest = hashlib.sha256(f"{FORMAT}:{pydantic.VERSION}".encode())
    files = sorted(Path(pmo.model.__file__).parent.glob("*.py"))
    files += sorted(Path(pmo.store.__file__).parent.glob("*.py"))
    files.append(Path(pmo.problem.__file__))
    for file in files:
        digest.update(file.name.encode())
        digest.update(file.read_bytes())
    return digest.hexdigest()


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


@dataclass(slots=True)
class Hit:
    """A cached reading of one file: its model, the problems reading it found, and its node
    tree when it was read in this process (None from the cache file: read again if needed)."""

    model: BaseModel | None
    problems: list[Problem]
    tree: Any = None


@dataclass(slots=True)
class _Stored:
    kind: Kind
    stamp: Stamp
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

        The cyclic garbage collector is paused meanwhile, as in ``load_portfolio``: building
        thousands of models would otherwise trigger collections that scan them all again.
        """
        enabled = gc.isenabled()
        gc.disable()
        try:
            return self._open()
        finally:
            if enabled:
                gc.enable()

    def _open(self) -> LoadCache:
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

    def get(self, file: Path, kind: Kind, stamp: Stamp | None) -> Hit | None:
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
        return Hit(stored.model, problems, stored.tree)

    def put(
        self,
        file: Path,
        kind: Kind,
        stamp: Stamp | None,
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
        """Write the cache file atomically if anything changed; False if it could not be."""
        from pmo.store.write import atomic_write_bytes

        file = self.file
        if file is None or not self.changed:
            return True
        root = self.root.resolve()
        by_kind: dict[str, Any] = {kind: [] for kind in ENTRY_TYPES}
        prefix = str(self.root) + os.sep
        for path, stored in sorted(self.entries.items()):
            if not path.startswith(prefix):
                continue
            rel = path[len(prefix) :].replace(os.sep, "/")
            entry = ENTRY_TYPES[stored.kind].model_construct(
                file=rel, stamp=stored.stamp, problems=list(stored.problems), model=stored.model
            )
            by_kind[stored.kind].append(entry)
        doc = CacheFile.model_construct(
            format=FORMAT, key=self.key or code_key(), root=str(root), **by_kind
        )
        try:
            file.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            # private whatever the folder or an older cache file says: it holds the portfolio
            atomic_write_bytes(file, _adapter().dump_json(doc, by_alias=True), mode=0o600)
            self.trusted_before = file.stat().st_mtime_ns - SETTLE_NS
        except OSError:
            return False
        self.changed = False
        return True
