"""Exports never destroy what pmo did not create: files, special files, other tables, temps."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from pmo.cli import main
from test_index import _export, _query, make_portfolio


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return make_portfolio(tmp_path)


def _url(root: Path, db: Path, *extra: str) -> int:
    return main(["export", "sql", "--url", f"sqlite:///{db}", "--portfolio", str(root), *extra])


def _dump(db: Path) -> list[str]:
    with sqlite3.connect(db) as conn:
        return list(conn.iterdump())


def test_refuses_to_replace_a_file_that_is_not_a_pmo_export(
    root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = root / "portfolio.yaml"
    before = config.read_bytes()
    assert _export(root, config) == 2
    assert config.read_bytes() == before
    err = capsys.readouterr().err
    assert "is not a SQLite file pmo exported" in err
    assert "--force" in err


def test_force_replaces_a_file_that_is_not_a_pmo_export(root: Path, tmp_path: Path) -> None:
    db = tmp_path / "notes.db"
    db.write_text("my notes", encoding="utf-8")
    assert main(["export", "sqlite", str(db), "--portfolio", str(root), "--force"]) == 0
    assert _query(db, "select count(*) from pmo_programme") == [(2,)]


def test_refuses_a_pmo_export_that_holds_tables_of_someone_else(
    root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "index.db"
    assert _export(root, db) == 0
    with sqlite3.connect(db) as conn:
        conn.execute("create table my_notes (note text)")
    before = db.read_bytes()
    assert _export(root, db) == 2
    assert db.read_bytes() == before
    assert "tables pmo did not create (my_notes)" in capsys.readouterr().err


@pytest.mark.parametrize("force", [False, True])
def test_never_writes_to_a_device(
    root: Path, force: bool, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["export", "sqlite", "/dev/null", "--portfolio", str(root)]
    assert main(argv + (["--force"] if force else [])) == 2
    assert Path("/dev/null").is_char_device()
    assert "is a device" in capsys.readouterr().err


def test_never_writes_to_a_fifo(
    root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fifo = tmp_path / "index.db"
    os.mkfifo(fifo)
    assert main(["export", "sqlite", str(fifo), "--portfolio", str(root), "--force"]) == 2
    assert fifo.is_fifo()
    assert "FIFO" in capsys.readouterr().err


def test_refuses_a_directory(
    root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _export(root, tmp_path) == 2
    assert "is a directory" in capsys.readouterr().err


def test_does_not_write_through_a_symlink(root: Path, tmp_path: Path) -> None:
    precious = tmp_path / "precious.txt"
    precious.write_text("keep me", encoding="utf-8")
    link = tmp_path / "index.db"
    link.symlink_to(precious)
    assert _export(root, link) == 2
    assert link.is_symlink()
    assert main(["export", "sqlite", str(link), "--portfolio", str(root), "--force"]) == 0
    assert not link.is_symlink()  # the link itself was replaced ...
    assert precious.read_text(encoding="utf-8") == "keep me"  # ... never what it points to


def _dead_pid() -> int:
    proc = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        text=True,
        capture_output=True,
        check=True,
    )
    return int(proc.stdout)


def test_next_export_removes_temps_a_killed_export_left(root: Path, tmp_path: Path) -> None:
    db = tmp_path / "index.db"
    stale = tmp_path / f".index.db.pmo-{_dead_pid()}-0123abcd.tmp"
    live = tmp_path / f".index.db.pmo-{os.getppid()}-0123abcd.tmp"  # a running process's
    other = tmp_path / ".other.db.pmo-1-0123abcd.tmp"
    for path in (stale, live, other):
        path.write_bytes(b"partial")
    assert _export(root, db) == 0
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == sorted(
        [live.name, other.name]
    )


def test_export_killed_just_before_the_rename_leaves_nothing_once_rerun(
    root: Path, tmp_path: Path
) -> None:
    db = tmp_path / "index.db"
    code = (
        "import os, sys\n"
        "os.replace = lambda *a: os._exit(9)  # killed at the worst moment\n"
        "from pmo.cli import main\n"
        f"main(['export', 'sqlite', {str(db)!r}, '--portfolio', {str(root)!r}])\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.returncode == 9, proc.stderr
    assert not db.exists()
    assert _export(root, db) == 0
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_url_export_leaves_tables_of_the_same_plain_name_alone(root: Path, tmp_path: Path) -> None:
    db = tmp_path / "shared.db"
    with sqlite3.connect(db) as conn:
        conn.execute("create table risk (title text)")
        conn.execute("insert into risk values ('my own risk')")
    assert _url(root, db) == 0
    assert _query(db, "select title from risk") == [("my own risk",)]
    assert _query(db, "select count(*) from pmo_risk") == [(1,)]


def test_url_export_refuses_a_foreign_table_in_the_way(
    root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "shared.db"
    with sqlite3.connect(db) as conn:
        conn.execute("create table pmo_risk (title text)")
        conn.execute("insert into pmo_risk values ('mine')")
    before = _dump(db)
    assert _url(root, db) == 2
    assert _dump(db) == before
    err = capsys.readouterr().err
    assert "pmo_risk" in err
    assert "not create" in err


def test_failed_url_export_leaves_the_database_exactly_as_it_was(
    root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import pmo.index.build as build

    db = tmp_path / "shared.db"
    with sqlite3.connect(db) as conn:
        conn.execute("create table notes (note text)")
    before = _dump(db)
    real_fill = build.fill

    def fill_then_fail(conn: object, rowset: object, counts: object) -> None:
        real_fill(conn, rowset, counts)  # type: ignore[arg-type]
        raise build.ExportError("simulated failure after the tables were made")

    monkeypatch.setattr(build, "fill", fill_then_fail)
    assert _url(root, db) == 2
    assert _dump(db) == before  # no empty pmo tables, no pmo_export


def test_url_export_twice_gives_the_same_rows(root: Path, tmp_path: Path) -> None:
    db = tmp_path / "shared.db"
    assert _url(root, db) == 0
    first = _dump(db)
    assert _url(root, db) == 0
    assert _dump(db) == first


def test_older_layout_needs_rebuild_and_then_is_rebuilt(
    root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "shared.db"
    assert _url(root, db) == 0
    with sqlite3.connect(db) as conn:
        conn.execute("update pmo_export set value = '1' where item = 'layout'")
        conn.execute("create table pmo_old_thing (x int)")
        conn.execute("insert into pmo_export values ('table:99', 'pmo_old_thing')")
    capsys.readouterr()
    before = _dump(db)
    assert _url(root, db) == 2
    assert _dump(db) == before
    assert "--rebuild" in capsys.readouterr().err
    assert _url(root, db, "--rebuild") == 0
    from pmo.index.build import LAYOUT

    assert f"rebuilt pmo's tables: layout 1 -> {LAYOUT}" in capsys.readouterr().err
    assert _query(db, "select name from sqlite_master where name = 'pmo_old_thing'") == []
    assert _query(db, "select value from pmo_export where item = 'layout'") == [(str(LAYOUT),)]


@pytest.mark.parametrize(
    ("url", "expected"),
    [("mysql://u@localhost/db", "SQLite and PostgreSQL"), ("::nonsense", "not a database URL")],
)
def test_unsupported_urls_are_one_line_errors(
    root: Path, url: str, expected: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["export", "sql", "--url", url, "--portfolio", str(root)]) == 2
    err = capsys.readouterr().err
    assert expected in err
    assert "Traceback" not in err


def test_postgres_failure_is_one_line(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    url = "postgresql://nobody:secret@127.0.0.1:1/none"
    assert main(["export", "sql", "--url", url, "--portfolio", str(root)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "secret" not in err
    try:
        import psycopg  # noqa: F401
    except ImportError:
        assert "postgres extra" in err


def test_a_pmo_export_of_another_kind_is_named_by_the_kind_wanted(
    root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    gmpp = tmp_path / "gmpp.csv"
    argv = ["export", "gmpp", str(gmpp), "--portfolio", str(root), "--period", "2026-11"]
    assert main(argv) == 0
    before = gmpp.read_bytes()
    capsys.readouterr()
    assert main(["export", "xlsx", str(gmpp), "--portfolio", str(root)]) == 2
    err = capsys.readouterr().err
    assert "exists and is not a workbook pmo exported" in err and "--force" in err
    assert gmpp.read_bytes() == before
