"""`pmo validate` with the caches: the last run's answer while nothing changed, else a reload
that parses only changed files (the TUI's per-file load cache).

The YAML stays the only truth. The answer of a run (its problems, period and counts) is kept
beside the load cache with a fingerprint of every name and stamp the load looks at, the day,
the ``--period`` asked for and a hash of the code; it is reused only when all of them match and
every file had been left alone for a while before it was written (the load cache's settle
rule). Anything else (a new, changed, renamed or deleted file, a new day, a new pmo, a damaged
memo) means the portfolio is validated again, with unchanged files taken from the load cache.
The hit path imports nothing heavy: no pydantic, no models.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import stat
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pmo.cachedir import cache_dir
from pmo.problem import Problem, error_count

if TYPE_CHECKING:
    from pmo.opening import OpenedPortfolio

FORMAT = 1
SETTLE_NS = 2_000_000_000  # as the load cache's (pmo.store.cache.SETTLE_NS; a test checks)
MAX_MEMO_BYTES = 64 * 1024 * 1024


@dataclass(slots=True)
class MemoProgramme:
    """A programme folder as the summary needs it: its update periods."""

    updates: dict[str, None]


@dataclass(slots=True)
class MemoLoaded:
    """What `pmo validate` prints about the loaded portfolio (counts and update periods)."""

    programmes: dict[str, MemoProgramme]
    dmt: dict[str, None]

    @property
    def update_count(self) -> int:
        return sum(len(p.updates) for p in self.programmes.values())


@dataclass(slots=True)
class MemoValidation:
    """A validation's answer as remembered: the same problems, period and counts."""

    loaded: MemoLoaded
    period: str
    problems: tuple[Problem, ...] = ()

    @property
    def errors(self) -> int:
        return error_count(self.problems)

    @property
    def warnings(self) -> int:
        return sum(p.severity == "warning" for p in self.problems)


def _stamp(path: str) -> tuple[Any, ...] | None:
    """What a file or folder is judged by: its link stamp, and its target's when it is one."""
    try:
        st = os.lstat(path)
    except OSError:
        return None
    stamp: tuple[Any, ...] = (st.st_mode, st.st_mtime_ns, st.st_ctime_ns, st.st_size, st.st_ino)
    if stat.S_ISLNK(st.st_mode):
        try:
            target = os.stat(path)
            stamp += (os.readlink(path), target.st_mode, target.st_mtime_ns, target.st_ctime_ns)
            stamp += (target.st_size, target.st_ino, os.path.realpath(path))
        except OSError:
            stamp += ("broken",)
    return stamp


def _listing(folder: str) -> list[str]:
    try:
        return sorted(os.listdir(folder))
    except OSError:
        return []


def fingerprint(root: Path) -> tuple[str, int]:
    """A hash of every name and stamp a load of ``root`` looks at, and the newest file time.

    Folders count by name and kind only (their times change with editors' temporary files);
    every file in portfolio.yaml, programmes/*/, programmes/*/updates/ and dmt/ by its stamp.
    """
    base = str(root)
    digest = hashlib.sha256(os.path.realpath(base).encode())
    newest = 0

    def add(rel: str) -> tuple[Any, ...] | None:
        nonlocal newest
        stamp = _stamp(os.path.join(base, rel))
        if stamp is not None and not stat.S_ISDIR(stamp[0]):
            newest = max(newest, stamp[1], stamp[2])
            if stat.S_ISLNK(stamp[0]) and len(stamp) > 7:
                newest = max(newest, stamp[7], stamp[8])
        elif stamp is not None:
            stamp = (stamp[0], stamp[4])
        digest.update(repr((rel, stamp)).encode())
        return stamp

    add("")
    add("portfolio.yaml")
    for top in ("programmes", "dmt"):
        for name in _listing(os.path.join(base, top)):
            rel = f"{top}/{name}"
            add(rel)
            if top == "dmt" or not os.path.isdir(os.path.join(base, rel)):
                continue
            for inner in _listing(os.path.join(base, rel)):
                add(f"{rel}/{inner}")
                if inner == "updates":
                    for update in _listing(os.path.join(base, rel, inner)):
                        add(f"{rel}/{inner}/{update}")
    return digest.hexdigest(), newest


def code_key() -> str:
    """A hash of the code that decides validate's answer: pmo's model, store and validate
    packages, problem.py, and the pydantic and PyYAML installed (without importing them)."""
    import pmo

    digest = hashlib.sha256(f"{FORMAT}:{sys.version}".encode())
    here = Path(pmo.__file__).parent
    files = [here / "problem.py"]
    for package in ("model", "store", "validate"):
        files += sorted((here / package).glob("*.py"))
    for name in ("pydantic", "pydantic_core", "yaml"):
        spec = importlib.util.find_spec(name)
        if spec is not None and spec.origin:
            folder = Path(spec.origin).parent
            files += [f for f in (folder / "version.py", folder / "__init__.py") if f.exists()]
    for file in files:
        digest.update(str(file).encode())
        digest.update(file.read_bytes())
    return digest.hexdigest()


def memo_file(root: Path) -> Path | None:
    """The memo of ``root``'s last validation (None: no cache directory)."""
    directory = cache_dir()
    if directory is None:
        return None
    name = hashlib.sha256(str(root.resolve()).encode()).hexdigest()[:20]
    return directory / f"validate-{name}.json"


def _header(root: Path, today: date, period: str | None, print_: str) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "key": code_key(),
        "root": str(root.resolve()),
        "today": today.isoformat(),
        "period_asked": period,
        "fingerprint": print_,
    }


def _recall(file: Path, header: dict[str, Any], root: Path) -> MemoValidation | None:
    """The remembered answer if the memo matches ``header`` and every file had settled."""
    try:
        st = file.stat()
        if st.st_size > MAX_MEMO_BYTES:
            return None
        doc = json.loads(file.read_bytes())
        if not isinstance(doc, dict) or any(doc.get(k) != v for k, v in header.items()):
            return None
        if int(doc["newest"]) >= st.st_mtime_ns - SETTLE_NS:
            return None
        base = str(root)
        problems = tuple(
            Problem(Path(os.path.join(base, rel)) if rel else root, line, col, path, code, msg, sev)
            for rel, line, col, path, code, msg, sev in doc["problems"]
        )
        programmes = {
            folder: MemoProgramme(dict.fromkeys(periods)) for folder, periods in doc["programmes"]
        }
        loaded = MemoLoaded(programmes, dict.fromkeys(doc["dmt"]))
        return MemoValidation(loaded, doc["period"], problems)
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _remember(
    file: Path, header: dict[str, Any], newest: int, root: Path, result: OpenedPortfolio
) -> None:
    """Write the memo atomically; silently not when a problem lies outside the portfolio."""
    from pmo.store.write import atomic_write_bytes

    base = str(root)
    problems = []
    for p in result.problems:
        text = str(p.file)
        if text == base:
            rel = ""
        elif text.startswith(base + os.sep):
            rel = text[len(base) + 1 :]
        else:
            return
        problems.append([rel, p.line, p.col, p.path, p.code, p.message, p.severity])
    loaded = result.loaded
    doc = {
        **header,
        "newest": newest,
        "period": result.period,
        "programmes": [[f, list(p.updates)] for f, p in loaded.programmes.items()],
        "dmt": list(loaded.dmt),
        "problems": problems,
    }
    try:
        file.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        atomic_write_bytes(file, json.dumps(doc, ensure_ascii=False).encode())
    except OSError:
        pass


def validate_with_cache(
    root: Path, today: date, period: str | None = None, *, cache: bool = True
) -> OpenedPortfolio | MemoValidation:
    """Validate ``root`` as ``open_portfolio`` does, using the caches unless ``cache`` is
    False (then nothing is read from or written to the cache directory). Node trees are not
    kept (a check that needs a position reads its file again).

    Raises NotAPortfolio as ``open_portfolio`` does.
    """
    if not cache:
        from pmo.opening import open_portfolio

        return open_portfolio(root, period, today=today, keep_trees=False)
    file = memo_file(root) if root.is_dir() else None
    print_, newest = "", 0
    if file is not None:
        print_, newest = fingerprint(root)
        header = _header(root, today, period, print_)
        remembered = _recall(file, header, root)
        if remembered is not None:
            return remembered
    from pmo.opening import open_portfolio
    from pmo.store.cache import LoadCache

    load_cache = LoadCache(root, file.parent if file is not None else None).open()
    result = open_portfolio(root, period, today=today, cache=load_cache, keep_trees=False)
    load_cache.save()
    if file is not None:
        again, newest_after = fingerprint(root)
        if again == print_:  # nothing changed while it ran
            _remember(file, header, max(newest, newest_after), root, result)
    return result
