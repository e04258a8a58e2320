"""Write the derived index to a SQLite file (built in memory, swapped in whole) or a SQL URL."""

from __future__ import annotations

import contextlib
import logging
import sqlite3
from pathlib import Path

from sqlalchemy import create_engine
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError
from sqlalchemy.pool import StaticPool

from pmo.index.build import GENERATOR, INFO, IndexCounts, build_index, first_line
from pmo.index.target import NOT_OURS, ExportError, check_file_target, write_atomically
from pmo.store import LoadedPortfolio

SQLITE_MAGIC = b"SQLite format 3\x00"
#: Databases pmo writes to: SQLite and PostgreSQL (both roll DDL back with the rows).
DIALECTS = {"sqlite": None, "postgresql": "postgresql+psycopg"}
POSTGRES_HINT = (
    "PostgreSQL needs the psycopg driver: install pmo with its postgres extra "
    "(`uv sync --extra postgres`, or `pip install 'pmo[postgres]'`)"
)


def sqlite_not_ours(path: Path) -> str | None:
    """None when ``path`` is a SQLite file pmo exported and nothing else was added to it."""
    try:
        with path.open("rb") as handle:
            if handle.read(16) != SQLITE_MAGIC:
                return NOT_OURS
    except OSError as exc:
        return f"cannot be read ({exc.strerror})"
    try:
        conn = sqlite3.connect(f"{path.absolute().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error:
        return NOT_OURS
    try:
        items = dict(conn.execute(f"SELECT item, value FROM {INFO.name}").fetchall())
        names = {
            str(name)
            for (name,) in conn.execute(
                "SELECT name FROM sqlite_master WHERE type IN ('table', 'view') "
                "AND name NOT LIKE 'sqlite_%'"
            )
        }
    except sqlite3.Error:
        return NOT_OURS
    finally:
        conn.close()
    if items.get("generator") != GENERATOR:
        return NOT_OURS
    others = sorted(names - set(items.values()) - {INFO.name})
    if others:
        return f"is a pmo export but also holds tables pmo did not create ({', '.join(others)})"
    return None


def write_sqlite(
    loaded: LoadedPortfolio, target: Path, period: str, force: bool = False
) -> IndexCounts:
    """Build the database in memory, then replace ``target`` with it in one rename."""
    check_file_target(target, sqlite_not_ours, force, "SQLite file", "portfolio.db")
    engine = create_engine("sqlite://", poolclass=StaticPool)
    try:
        counts = build_index(loaded, engine, shown=str(target), period=period)
        with engine.connect() as conn:
            raw = conn.connection.driver_connection
            assert isinstance(raw, sqlite3.Connection)
            data = raw.serialize()
    except SQLAlchemyError as exc:
        raise ExportError(f"could not build {target}: {first_line(exc)}") from None
    finally:
        engine.dispose()
    try:
        write_atomically(target, data)
    except OSError as exc:
        raise ExportError(f"could not write {target}: {exc.strerror or exc}") from None
    return counts


def database_url(url: str) -> URL:
    """The URL parsed, PostgreSQL pointed at psycopg 3; ExportError for anything else."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise ExportError(
            f"not a database URL: {url!r} (expected e.g. postgresql://host/db)"
        ) from None
    backend = parsed.get_backend_name()
    if backend not in DIALECTS:
        raise ExportError(
            f"pmo exports to SQLite and PostgreSQL (sqlite:///file.db, postgresql://host/db); "
            f"got {backend}"
        )
    driver = DIALECTS[backend]
    if driver and parsed.drivername == backend:
        parsed = parsed.set(drivername=driver)
    return parsed


def shown_url(url: str) -> str:
    """The URL as it may be printed: without its password."""
    with contextlib.suppress(ArgumentError):
        return make_url(url).render_as_string(hide_password=True)
    return "the database"


def write_url(loaded: LoadedPortfolio, url: str, period: str, rebuild: bool = False) -> IndexCounts:
    """Replace pmo's own tables at ``url`` in one transaction; nothing else is touched."""
    parsed = database_url(url)
    shown = shown_url(url)
    # psycopg logs "error ignored ... pipeline aborted" after a failed statement: the one-line
    # message below says what went wrong, and the user's terminal gets nothing else
    logging.getLogger("psycopg").setLevel(logging.CRITICAL)
    try:
        engine = create_engine(parsed)
    except ModuleNotFoundError as exc:
        hint = POSTGRES_HINT if parsed.get_backend_name() == "postgresql" else str(exc)
        raise ExportError(f"cannot connect to {shown}: {hint}") from None
    try:
        return build_index(loaded, engine, shown=shown, rebuild=rebuild, period=period)
    except SQLAlchemyError as exc:
        raise ExportError(
            f"could not write {shown}: {first_line(exc)}; nothing was changed"
        ) from None
    finally:
        engine.dispose()
