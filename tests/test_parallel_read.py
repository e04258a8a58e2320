"""Reading in worker processes gives exactly what reading in one process gives."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from pmo.store import LoadedPortfolio, load_portfolio, parallel
from pmo.store.cache import LoadCache
from pmo.validate import run_checks

SAMPLE = Path(__file__).resolve().parents[1] / "portfolio"
TODAY = date(2026, 11, 23)


@pytest.fixture
def root(tmp_path: Path) -> Path:
    """The sample with a broken update, a broken programme and a file that is not YAML."""
    copy = tmp_path / "portfolio"
    shutil.copytree(SAMPLE, copy)
    progs = copy / "programmes"
    update = progs / "send-sufficiency" / "updates" / "2026-11.yaml"
    update.write_text(update.read_text(encoding="utf-8") + "mystery: 1\n", encoding="utf-8")
    (progs / "care-leavers-offer" / "programme.yaml").write_text(
        "id: care-leavers-offer\nname: [unclosed\n", encoding="utf-8"
    )
    (progs / "fostering-recruitment" / "updates" / "2026-10.yaml").write_bytes(b"\xff\xfe")
    return copy


def everything(loaded: LoadedPortfolio) -> list[Any]:
    out: list[Any] = [loaded.config.model if loaded.config else None, loaded.problems]
    for name, prog in loaded.programmes.items():
        out += [name, prog.source.model, prog.source.problems]
        out += [(p, u.file, u.model, u.problems) for p, u in prog.updates.items()]
    out += [(p, d.model, d.problems) for p, d in loaded.dmt.items()]
    return out


@pytest.fixture
def in_workers(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel, "PARALLEL_MIN_FILES", 10)
    monkeypatch.setattr(parallel, "CHUNK", 7)
    monkeypatch.setattr(parallel, "workers", lambda: 2)


def test_worker_processes_read_exactly_what_one_process_reads(
    root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    alone = load_portfolio(root, keep_trees=False)
    monkeypatch.setattr(parallel, "PARALLEL_MIN_FILES", 10)
    monkeypatch.setattr(parallel, "CHUNK", 7)
    monkeypatch.setattr(parallel, "workers", lambda: 2)
    here: list[Path] = []
    real = parallel.Reader._read_here

    def counted(self: parallel.Reader, job: Any) -> None:
        here.append(job.source.file)
        real(self, job)

    monkeypatch.setattr(parallel.Reader, "_read_here", counted)
    shared = load_portfolio(root, keep_trees=False)
    assert here == [root / "portfolio.yaml"]  # every other file was read by a worker
    monkeypatch.undo()
    assert everything(shared) == everything(alone)
    assert any(p.line > 1 for p in alone.problems)
    assert run_checks(shared, TODAY, "2026-11") == run_checks(alone, TODAY, "2026-11")


def test_a_failing_worker_loses_nothing(
    root: Path, in_workers: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    alone = everything(load_portfolio(root))

    def broken(jobs: Any) -> Any:
        raise OSError("worker died")

    monkeypatch.setattr(parallel, "_read_chunk", broken)
    assert everything(load_portfolio(root)) == alone


def test_files_read_by_workers_go_into_the_load_cache(
    root: Path, tmp_path: Path, in_workers: None
) -> None:
    cache = LoadCache(root, tmp_path / "cache").open()
    first = load_portfolio(root, cache)
    assert cache.misses == len(first.files()) and cache.save()
    again = LoadCache(root, tmp_path / "cache").open()
    assert everything(load_portfolio(root, again)) == everything(first)
