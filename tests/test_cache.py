"""The load cache: unchanged files come from it, anything changed or doubtful is read again."""

from __future__ import annotations

import asyncio
import json
import os
import shutil
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from pmo.store import LoadedPortfolio, load_portfolio
from pmo.store import cache as cache_mod
from pmo.store.cache import LoadCache
from pmo.tui.app import PmoApp, make_app
from pmo.tui.dashboard import DashboardScreen
from pmo.validate import run_checks

SAMPLE = Path(__file__).resolve().parents[1] / "portfolio"
PERIOD = "2026-11"
UPDATE = Path("programmes/send-sufficiency/updates/2026-11.yaml")


@pytest.fixture
def root(tmp_path: Path) -> Path:
    copy = tmp_path / "portfolio"
    shutil.copytree(SAMPLE, copy)
    return copy


@pytest.fixture
def settled(monkeypatch: pytest.MonkeyPatch) -> None:
    """Trust stamps of files written just now (the real rule wants them 2 s old)."""
    monkeypatch.setattr(cache_mod, "SETTLE_NS", -60_000_000_000)


def models(loaded: LoadedPortfolio) -> list[Any]:
    out: list[Any] = [loaded.config.model if loaded.config else None]
    for prog in loaded.programmes.values():
        out.append(prog.source.model)
        out.extend(u.model for u in prog.updates.values())
    out.extend(d.model for d in loaded.dmt.values())
    return out


def cached_load(root: Path, directory: Path) -> tuple[LoadedPortfolio, LoadCache]:
    """A load in a fresh process's manner: a new LoadCache read from ``directory``."""
    cache = LoadCache(root, directory).open()
    loaded = load_portfolio(root, cache)
    assert cache.save()
    return loaded, cache


def test_second_load_takes_every_file_from_the_cache_and_gives_the_same_portfolio(
    root: Path, tmp_path: Path, settled: None
) -> None:
    _, cache1 = cached_load(root, tmp_path / "cache")
    assert cache1.hits == 0 and cache1.misses == 300
    second, cache2 = cached_load(root, tmp_path / "cache")
    assert cache2.hits == 300 and cache2.misses == 0
    fresh = load_portfolio(root)
    assert models(second) == models(fresh)
    assert sorted(second.problems) == sorted(fresh.problems)


def test_problems_found_across_files_keep_their_positions_from_cached_files(
    root: Path, tmp_path: Path, settled: None
) -> None:
    cached_load(root, tmp_path / "cache")
    second, cache = cached_load(root, tmp_path / "cache")
    assert cache.hits == 300
    today = date(2026, 11, 23)
    from_cache = run_checks(second, today, PERIOD)
    fresh = run_checks(load_portfolio(root), today, PERIOD)
    assert from_cache == fresh
    assert any(p.line > 1 for p in from_cache)  # positions came from re-reading the file


def test_a_changed_file_is_read_again(root: Path, tmp_path: Path, settled: None) -> None:
    cached_load(root, tmp_path / "cache")
    file = root / UPDATE
    text = file.read_text(encoding="utf-8")
    assert "overall: red" in text
    file.write_text(text.replace("overall: red", "overall: amber", 1), encoding="utf-8")
    again, cache = cached_load(root, tmp_path / "cache")
    assert cache.misses == 1
    assert again.programmes["send-sufficiency"].updates[PERIOD].model is not None
    assert again.programmes["send-sufficiency"].updates[PERIOD].model.rag.overall == "amber"


def test_a_file_made_invalid_shows_its_error_not_the_cached_model(
    root: Path, tmp_path: Path, settled: None
) -> None:
    cached_load(root, tmp_path / "cache")
    file = root / UPDATE
    file.write_text(file.read_text(encoding="utf-8") + "surprise: 1\n", encoding="utf-8")
    again, _ = cached_load(root, tmp_path / "cache")
    assert again.programmes["send-sufficiency"].updates[PERIOD].model is None
    assert any(p.file == file and p.severity == "error" for p in again.problems)


def test_a_deleted_file_leaves_the_cache(root: Path, tmp_path: Path, settled: None) -> None:
    cached_load(root, tmp_path / "cache")
    (root / UPDATE).unlink()
    again, cache = cached_load(root, tmp_path / "cache")
    assert PERIOD not in again.programmes["send-sufficiency"].updates
    assert str(root / UPDATE) not in cache.entries
    assert cache.file is not None
    assert UPDATE.as_posix() not in cache.file.read_text(encoding="utf-8")


def test_files_written_just_before_the_cache_are_not_trusted(
    root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file rewritten within the same timestamp tick could keep its stamp: like git's index,
    only stamps older than the cache file by SETTLE_NS are trusted."""
    # An hour's window, so a slow, loaded machine cannot make the copy look settled.
    monkeypatch.setattr(cache_mod, "SETTLE_NS", 3_600_000_000_000)
    cached_load(root, tmp_path / "cache")
    _, cache = cached_load(root, tmp_path / "cache")
    assert cache.hits == 0  # every file of the copy was written moments ago


@pytest.mark.parametrize(
    "damage",
    [
        lambda text: text[: len(text) // 2],  # cut short
        lambda text: "not json",
        lambda text: text.replace('"format":1', '"format":999'),
        lambda text: text.replace('"key":"', '"key":"x'),
        lambda text: text.replace('"overall":"red"', '"overall":"purple"'),
        lambda text: json.dumps({"format": 1}),
    ],
    ids=["truncated", "not-json", "other-format", "other-code", "invalid-model", "missing-parts"],
)
def test_a_damaged_or_foreign_cache_is_ignored_and_the_files_are_read(
    root: Path, tmp_path: Path, settled: None, damage: Any
) -> None:
    _, cache = cached_load(root, tmp_path / "cache")
    assert cache.file is not None
    cache.file.write_text(damage(cache.file.read_text(encoding="utf-8")), encoding="utf-8")
    again, cache2 = cached_load(root, tmp_path / "cache")
    assert cache2.hits == 0
    assert models(again) == models(load_portfolio(root))


def test_a_cache_of_another_directory_is_not_used(
    root: Path, tmp_path: Path, settled: None
) -> None:
    _, cache = cached_load(root, tmp_path / "cache")
    moved = tmp_path / "moved"
    root.rename(moved)
    other = LoadCache(moved, tmp_path / "cache")
    assert other.file is not None and cache.file is not None
    shutil.copy(cache.file, other.file)  # as if two paths hashed alike
    other.open()
    assert other.entries == {}


def test_an_unwritable_cache_directory_is_not_an_error(
    root: Path, tmp_path: Path, settled: None
) -> None:
    blocker = tmp_path / "blocker"
    blocker.write_text("a file where the cache directory should be", encoding="utf-8")
    cache = LoadCache(root, blocker / "pmo").open()
    loaded = load_portfolio(root, cache)
    assert not cache.save()
    assert models(loaded) == models(load_portfolio(root))


def test_the_cache_directory_is_private(root: Path, tmp_path: Path) -> None:
    _, cache = cached_load(root, tmp_path / "cache")
    assert cache.file is not None and cache.file.is_file()
    assert (tmp_path / "cache").stat().st_mode & 0o077 == 0


def test_cache_dir_follows_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PMO_CACHE_DIR", "/somewhere/pmo-cache")
    assert cache_mod.cache_dir() == Path("/somewhere/pmo-cache")
    monkeypatch.delenv("PMO_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", "/xdg")
    assert cache_mod.cache_dir() == Path("/xdg/pmo")
    monkeypatch.delenv("XDG_CACHE_HOME")
    assert cache_mod.cache_dir() == Path.home() / ".cache" / "pmo"

    def no_home() -> Path:
        raise RuntimeError("Could not determine home directory.")

    monkeypatch.setattr(Path, "home", no_home)
    assert cache_mod.cache_dir() is None  # no cache, rather than no app


def test_nothing_is_written_when_nothing_changed(root: Path, tmp_path: Path, settled: None) -> None:
    _, cache = cached_load(root, tmp_path / "cache")
    assert cache.file is not None
    before = cache.file.stat().st_mtime_ns
    os.utime(cache.file, ns=(before - 10_000_000_000, before - 10_000_000_000))
    marked = cache.file.stat().st_mtime_ns
    cached_load(root, tmp_path / "cache")
    assert cache.file.stat().st_mtime_ns == marked


def start_app(root: Path, cache: bool) -> PmoApp:
    """Run the app until the dashboard is shown and the cache saved; return it."""
    app = make_app(root, PERIOD, watch_interval=None, cache=cache)

    async def main() -> None:
        async with app.run_test(size=(140, 45)) as pilot:
            while not isinstance(app.screen, DashboardScreen):
                await pilot.pause(0.02)
            await app.workers.wait_for_complete()
            await pilot.pause(0.2)  # let the dashboard finish mounting before shutdown

    asyncio.run(main())
    return app


def test_the_app_starts_from_the_cache_its_last_start_left(
    root: Path, tmp_path: Path, settled: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PMO_CACHE_DIR", str(tmp_path / "cache"))
    first = start_app(root, cache=True)
    assert first.cache is not None and first.cache.misses == 300
    second = start_app(root, cache=True)
    assert second.cache is not None and second.cache.hits == 300
    assert second.loaded is not None and first.loaded is not None
    assert second.loaded.answers == first.loaded.answers


def test_the_app_without_a_cache_writes_none(
    root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PMO_CACHE_DIR", str(tmp_path / "cache"))
    app = start_app(root, cache=False)
    assert app.cache is None and app.loaded is not None
    assert not (tmp_path / "cache").exists()
