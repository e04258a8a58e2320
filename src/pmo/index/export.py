"""`pmo export sqlite`: write the derived index to a SQLite file (atomically) or any SQL URL."""

from __future__ import annotations

import argparse
import contextlib
import os
import stat
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError

from pmo.index.build import IndexCounts, build_index
from pmo.store import LoadedPortfolio, NotAPortfolio, load_portfolio

EXIT_OK, EXIT_CANNOT_RUN = 0, 2

#: The tables named in the one-line summary, with their plural labels.
SUMMARY: tuple[tuple[str, str], ...] = (
    ("programme", "programmes"),
    ("programme_update", "updates"),
    ("milestone", "milestones"),
    ("risk", "risks"),
    ("issue", "issues"),
    ("benefit", "benefits"),
    ("benefit_measurement", "benefit measurements"),
    ("resource_demand", "resource demands"),
    ("decision", "decisions"),
)


def _fail(message: str) -> int:
    print(f"pmo export: {message}", file=sys.stderr)
    return EXIT_CANNOT_RUN


def _sqlite_fast(engine: Engine) -> None:
    """No journal or syncing while building a throwaway temp file (it is fsynced after)."""

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_conn: Any, _record: Any) -> None:
        cursor = dbapi_conn.cursor()
        cursor.execute("PRAGMA journal_mode=OFF")
        cursor.execute("PRAGMA synchronous=OFF")
        cursor.close()


def _new_file_mode(target: Path) -> int:
    """The existing file's permissions, else what a plain new file would get (mkstemp: 0600)."""
    try:
        return stat.S_IMODE(target.stat().st_mode)
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def write_sqlite(loaded: LoadedPortfolio, target: Path) -> IndexCounts:
    """Build into a temp file beside ``target``, then replace it: all or nothing."""
    fd, tmp_name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        engine = create_engine(f"sqlite:///{tmp}")
        _sqlite_fast(engine)
        try:
            counts = build_index(loaded, engine)
        finally:
            engine.dispose()
        with tmp.open("rb+") as handle:
            os.fsync(handle.fileno())
        tmp.chmod(_new_file_mode(target))
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    return counts


def write_url(loaded: LoadedPortfolio, url: str) -> IndexCounts:
    """Create the tables at ``url`` if missing and replace their rows."""
    engine = create_engine(url)
    try:
        return build_index(loaded, engine)
    finally:
        engine.dispose()


def _skipped(loaded: LoadedPortfolio, counts: IndexCounts) -> int:
    """Invalid files skipped by the build, plus files that loading could not read at all."""
    read = set(loaded.files())
    unread = {p.file for p in loaded.problems if p.severity == "error" and p.file not in read}
    return counts.skipped_files + len(unread)


def _warn_if_invalid(loaded: LoadedPortfolio, counts: IndexCounts) -> None:
    errors = sum(1 for p in loaded.problems if p.severity == "error")
    if not errors:
        return
    skipped = _skipped(loaded, counts)
    what = f"{errors} error{'' if errors == 1 else 's'}"
    if skipped:
        what = f"{skipped} invalid file{'' if skipped == 1 else 's'} skipped ({what})"
    print(f"pmo export: warning: {what}; run `pmo validate` to see them", file=sys.stderr)


def _summary(counts: IndexCounts) -> str:
    return ", ".join(f"{counts[table]} {label}" for table, label in SUMMARY)


def run_export(args: argparse.Namespace) -> int:
    """Entry point of ``pmo export sqlite [PATH] [--url URL] [--portfolio DIR]``."""
    path: str | None = args.path
    url: str | None = args.url
    if (path is None) == (url is None):
        return _fail("give exactly one of a SQLite file PATH or --url URL")
    started = time.perf_counter()
    try:
        loaded = load_portfolio(Path(args.portfolio))
    except NotAPortfolio as exc:
        return _fail(str(exc))
    shown = path or ""
    try:
        if path is not None:
            target = Path(path)
            if not target.parent.is_dir():
                return _fail(f"{path}: directory {target.parent} does not exist")
            if target.is_dir():
                return _fail(f"{path} is a directory; give a file name like portfolio.db")
            counts = write_sqlite(loaded, target)
        else:
            assert url is not None
            shown = make_url(url).render_as_string(hide_password=True)
            counts = write_url(loaded, url)
    except ArgumentError as exc:
        return _fail(f"not a database URL: {exc}")
    except (SQLAlchemyError, ModuleNotFoundError, OSError) as exc:
        detail = str(exc).splitlines()[0]  # SQLAlchemy appends a "Background on this error" line
        return _fail(f"could not write {shown or 'the database'}: {detail}")
    _warn_if_invalid(loaded, counts)
    elapsed = time.perf_counter() - started
    print(f"wrote {shown}: {_summary(counts)} ({elapsed:.2f}s)")
    return EXIT_OK
