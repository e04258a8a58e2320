"""`pmo tui` begins its first load before textual is imported: the app shows that load's result."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from pmo import validate
from pmo.store import parallel
from pmo.tui import early
from pmo.tui.early import EarlyLoad
from pmo.tui.loading import Failed, Loaded, load
from pmo.tui.start import launch
from tui_pilot import PERIOD, SAMPLE, SIZE


def test_the_app_shows_the_load_begun_before_it_was_made() -> None:
    async def main() -> None:
        app = launch(SAMPLE, PERIOD, cache=False, watch_interval=None)
        from pmo.tui.dashboard import DashboardScreen

        async with app.run_test(size=SIZE) as pilot:
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert isinstance(app.screen, DashboardScreen)
            assert app.early is None  # taken: a reload reads the files again
            expected = load(SAMPLE, PERIOD)
            assert isinstance(app.loaded, Loaded) and isinstance(expected, Loaded)
            assert app.loaded.problems == expected.problems
            assert app.loaded.answers == expected.answers

    asyncio.run(main())


def test_an_early_load_in_worker_processes_gives_what_a_load_gives(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(parallel, "PARALLEL_MIN_FILES", 10)
    monkeypatch.setattr(parallel, "workers", lambda: 2)
    monkeypatch.setattr(validate, "APART_MIN_FILES", 10)
    monkeypatch.setattr(validate, "workers", lambda: 2)
    said: list[str] = []
    begun = EarlyLoad(SAMPLE, PERIOD, None)
    assert begun.reading.wait(60)
    result = begun.result(said.append)
    expected = load(SAMPLE, PERIOD)
    assert isinstance(result, Loaded) and isinstance(expected, Loaded)
    assert result.problems == expected.problems and result.answers == expected.answers
    assert said and said[-1].startswith("Checking and analysing")


def test_a_folder_that_is_no_portfolio_fails_as_a_load_does(tmp_path: Path) -> None:
    result = EarlyLoad(tmp_path, None, None).result(lambda _: None)
    assert isinstance(result, Failed) and "no portfolio.yaml" in result.lines[0]


def test_an_unexpected_error_of_the_early_load_is_raised_where_the_app_waits(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def broken(*args: object) -> None:
        raise RuntimeError("a bug")

    monkeypatch.setattr(early, "load", broken)
    begun = EarlyLoad(SAMPLE, PERIOD, None)
    with pytest.raises(RuntimeError, match="a bug"):
        begun.result(lambda _: None)
