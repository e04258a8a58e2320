"""Reading in worker processes gives exactly what reading in one process gives."""

from __future__ import annotations

import itertools
import os
import shutil
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from pmo import validate
from pmo.opening import Checking, open_portfolio
from pmo.store import LoadedPortfolio, forked, load_portfolio, parallel
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
    root: Path, in_workers: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    alone = load_portfolio(root, keep_trees=False)
    parent = os.getpid()
    real_claim = parallel._claim
    monkeypatch.setattr(  # this process takes no chunk: the worker reads them all
        parallel,
        "_claim",
        lambda claims, limit: None if os.getpid() == parent else real_claim(claims, limit),
    )
    here: list[Path] = []
    real = parallel.Reader._read_here

    def counted(self: parallel.Reader, job: Any, **how: bool) -> None:
        here.append(job.source.file)
        real(self, job, **how)

    monkeypatch.setattr(parallel.Reader, "_read_here", counted)
    shared = load_portfolio(root, keep_trees=False)
    assert here == [root / "portfolio.yaml"]  # every other file was read by a worker
    monkeypatch.undo()
    assert everything(shared) == everything(alone)
    assert any(p.line > 1 for p in alone.problems)
    assert run_checks(shared, TODAY, "2026-11") == run_checks(alone, TODAY, "2026-11")


def test_reading_shared_with_a_worker_gives_what_one_process_reads(
    root: Path, in_workers: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    shared = everything(load_portfolio(root))
    monkeypatch.setattr(parallel, "workers", lambda: 1)
    assert shared == everything(load_portfolio(root))


def test_chunks_cover_every_file_once_and_shrink_towards_the_end() -> None:
    bounds = parallel.chunk_bounds(10_000, 2)
    assert bounds[0][0] == 0 and bounds[-1][1] == 10_000
    assert all(a[1] == b[0] for a, b in itertools.pairwise(bounds))
    sizes = [end - start for start, end in bounds]
    assert max(sizes) == parallel.CHUNK and sizes[-1] < sizes[0]
    assert sizes == sorted(sizes, reverse=True)


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


@pytest.fixture
def checks_apart(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(validate, "APART_MIN_FILES", 10)
    monkeypatch.setattr(validate, "workers", lambda: 2)


def test_checks_shared_with_a_forked_process_find_the_same_problems(
    root: Path, checks_apart: None
) -> None:
    loaded = load_portfolio(root)
    assert validate.large(loaded)
    alone = run_checks(loaded, TODAY, "2026-11", apart=False)
    assert any(p.code == "unknown-field" or p.line > 1 for p in alone)
    assert run_checks(loaded, TODAY, "2026-11") == alone


def test_a_failing_checking_process_loses_nothing(
    root: Path, checks_apart: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    loaded = load_portfolio(root)
    alone = run_checks(loaded, TODAY, "2026-11", apart=False)

    def broken(func: Any, out: Any) -> None:
        raise OSError("checking process died")

    monkeypatch.setattr(forked, "_answer", broken)
    assert run_checks(loaded, TODAY, "2026-11") == alone


def test_checking_meanwhile_gives_what_opening_with_checks_gives(
    root: Path, checks_apart: None
) -> None:
    opened = open_portfolio(root, today=TODAY)
    later = open_portfolio(root, today=TODAY, check=False)
    assert later.problems != opened.problems  # the cross-file checks are still to come
    assert Checking(later, TODAY).problems() == opened.problems
