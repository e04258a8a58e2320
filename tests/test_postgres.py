"""`pmo export sql` into a real PostgreSQL: a throw-away cluster on a unix socket (no network).

Skips, saying why, where PostgreSQL or psycopg is not installed or cannot be started (.ci/run
installs Debian's postgresql when it runs as root with apt).
"""

from __future__ import annotations

import contextlib
import glob
import os
import pwd
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from pmo.cli import main
from pmo.index.views import VIEWS
from test_index import make_portfolio

VIEW_NAMES = [v.name for v in VIEWS]

SAMPLE = Path(__file__).resolve().parents[1] / "portfolio"


def _bin_dir() -> Path | None:
    found = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(p.split("/")[4])
    )
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


@pytest.fixture(scope="module")
def cluster() -> Iterator[str]:
    """A throw-away PostgreSQL cluster on a unix socket; yields a URL template with {db}."""
    psycopg = pytest.importorskip(
        "psycopg", reason="psycopg not installed: uv sync --extra postgres"
    )
    del psycopg
    bin_dir = _bin_dir()
    if bin_dir is None:
        pytest.skip("PostgreSQL is not installed (initdb not found)")
    prefix: list[str] = []
    base = Path(tempfile.mkdtemp(prefix="pmo-pg-"))
    if os.geteuid() == 0:  # initdb refuses root: run the server as Debian's postgres user
        try:
            user = pwd.getpwnam("postgres")
        except KeyError:
            shutil.rmtree(base)
            pytest.skip("running as root and there is no postgres user to run the server as")
        os.chown(base, user.pw_uid, user.pw_gid)
        prefix = ["runuser", "-u", "postgres", "--"]
    data, sock = base / "data", base / "sock"

    def run(*argv: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([*prefix, *argv], capture_output=True, text=True, timeout=120)

    run("mkdir", str(sock))
    made = run(str(bin_dir / "initdb"), "-D", str(data), "-A", "trust", "-U", "pmo",
               "-E", "UTF8", "--locale=C", "--no-sync")  # fmt: skip
    if made.returncode != 0:
        shutil.rmtree(base, ignore_errors=True)
        pytest.skip(f"initdb failed: {made.stderr.strip()[:200]}")
    options = f"-c listen_addresses='' -k {sock} -c fsync=off -c full_page_writes=off"
    started = run(str(bin_dir / "pg_ctl"), "-D", str(data), "-o", options, "-w",
                  "-l", str(base / "log"), "start")  # fmt: skip
    if started.returncode != 0:
        shutil.rmtree(base, ignore_errors=True)
        pytest.skip(f"PostgreSQL could not start: {started.stderr.strip()[:200]}")
    try:
        yield f"postgresql://pmo@/{{db}}?host={sock}"
    finally:
        run(str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop")
        shutil.rmtree(base, ignore_errors=True)


_counter = iter(range(1000))


@pytest.fixture
def url(cluster: str) -> str:
    """A new empty database in the cluster."""
    import psycopg

    name = f"t{next(_counter)}"
    with psycopg.connect(cluster.format(db="postgres"), autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")
    return cluster.format(db=name)


def _sql(url: str, statement: str) -> list[tuple[Any, ...]]:
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        cur = conn.execute(statement)
        return cur.fetchall() if cur.description else []


def _export(root: Path, url: str, *extra: str) -> int:
    return main(["export", "sql", "--url", url, "--portfolio", str(root), "--period", "2026-11",
                 *extra])  # fmt: skip


def test_export_twice_is_idempotent_and_the_views_answer(url: str, tmp_path: Path) -> None:
    assert _export(SAMPLE, url) == 0
    first = _sql(url, "select count(*) from pmo_programme_update")
    assert _export(SAMPLE, url) == 0
    assert _sql(url, "select count(*) from pmo_programme_update") == first
    db = tmp_path / "same.db"
    assert (
        main(["export", "sqlite", str(db), "--portfolio", str(SAMPLE), "--period", "2026-11"]) == 0
    )
    import sqlite3

    with sqlite3.connect(db) as lite:
        for view in VIEW_NAMES:
            expected = lite.execute(f"select count(*) from {view}").fetchone()[0]
            assert _sql(url, f"select count(*) from {view}") == [(expected,)], view
    statuses = dict(
        _sql(url, "select status, count(*) from pmo_v_status where period = '2026-11' group by 1")
    )
    assert statuses["red"] == 3
    assert _sql(url, "select count(*) from pmo_v_spend_by_year where over_envelope") == [(0,)]


def test_views_of_the_users_own_survive_a_re_export(url: str, tmp_path: Path) -> None:
    root = make_portfolio(tmp_path)
    assert _export(root, url) == 0
    _sql(url, "create view my_red as select programme_id from pmo_v_status where status = 'red'")
    _sql(url, "create table my_notes (note text)")
    assert _export(root, url) == 0
    assert _sql(url, "select count(*) from my_red") == [(0,)]
    assert _sql(url, "select count(*) from my_notes") == [(0,)]


def test_foreign_table_in_the_way_changes_nothing(
    url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_portfolio(tmp_path)
    _sql(url, "create table pmo_risk (title text)")
    assert _export(root, url) == 2
    assert "pmo_risk" in capsys.readouterr().err
    tables = _sql(url, "select tablename from pg_tables where schemaname = 'public'")
    assert tables == [("pmo_risk",)]


def test_failed_export_rolls_back_the_tables_too(
    url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import pmo.index.build as build

    root = make_portfolio(tmp_path)
    real_fill = build.fill

    def fill_then_fail(*args: Any) -> None:
        real_fill(*args)
        raise build.ExportError("simulated failure after the tables were made")

    monkeypatch.setattr(build, "fill", fill_then_fail)
    assert _export(root, url) == 2
    assert _sql(url, "select count(*) from pg_tables where schemaname = 'public'") == [(0,)]
    with contextlib.suppress(Exception):
        monkeypatch.undo()
