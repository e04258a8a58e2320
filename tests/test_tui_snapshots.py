"""SVG snapshots of the dashboard and a programme screen at 80x24, 140x45, 160x48, 220x60.

Today is frozen (through ``pmo.clock``) so the pictures never drift with the date.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from pmo import clock
from pmo.tui.app import make_app
from tui_pilot import TODAY

SAMPLE = Path(__file__).resolve().parents[1] / "portfolio"
SIZE = (140, 45)


@pytest.fixture(autouse=True)
def _frozen_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(clock, "today", lambda: TODAY)


async def _loaded(pilot: Pilot[None]) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def test_dashboard_snapshot(snap_compare: Any) -> None:
    assert snap_compare(make_app(SAMPLE, "2026-11"), terminal_size=SIZE, run_before=_loaded)


def test_programme_snapshot(snap_compare: Any) -> None:
    async def open_cast(pilot: Pilot[None]) -> None:
        await _loaded(pilot)
        app: Any = pilot.app
        app.open_programme("cast-operating-model")
        await pilot.pause()

    assert snap_compare(make_app(SAMPLE, "2026-11"), terminal_size=SIZE, run_before=open_cast)


def test_programme_benefits_snapshot(snap_compare: Any) -> None:
    async def open_benefits(pilot: Pilot[None]) -> None:
        await _loaded(pilot)
        app: Any = pilot.app
        app.open_programme("cast-operating-model")
        await pilot.pause()
        await pilot.press("left", "left", "left")
        await pilot.pause()

    assert snap_compare(make_app(SAMPLE, "2026-11"), terminal_size=SIZE, run_before=open_benefits)


def test_dashboard_at_80_by_24_snapshot(snap_compare: Any) -> None:
    """Name pinned, low-value columns dropped, RAG words whole, `?` and `q` in the footer."""
    assert snap_compare(make_app(SAMPLE, "2026-11"), terminal_size=(80, 24), run_before=_loaded)


def test_dashboard_at_220_by_60_snapshot(snap_compare: Any) -> None:
    """Every column, names in full."""
    assert snap_compare(make_app(SAMPLE, "2026-11"), terminal_size=(220, 60), run_before=_loaded)


def test_programme_at_80_by_24_snapshot(snap_compare: Any) -> None:
    """The tab bar on one line (‹ › for the tabs off to the side)."""

    async def open_milestones(pilot: Pilot[None]) -> None:
        await _loaded(pilot)
        app: Any = pilot.app
        app.open_programme("cast-operating-model", "milestones")
        await pilot.pause()

    assert snap_compare(
        make_app(SAMPLE, "2026-11"), terminal_size=(80, 24), run_before=open_milestones
    )


def test_q2_exceptions_at_220_by_60_snapshot(snap_compare: Any) -> None:
    async def exceptions(pilot: Pilot[None]) -> None:
        await _loaded(pilot)
        await pilot.press("e", "]")
        await pilot.pause()

    assert snap_compare(make_app(SAMPLE, "2026-11"), terminal_size=(220, 60), run_before=exceptions)


def test_dashboard_at_160_by_48_snapshot(snap_compare: Any) -> None:
    """The size most terminals open at: every column, the name with room to spare."""
    assert snap_compare(make_app(SAMPLE, "2026-11"), terminal_size=(160, 48), run_before=_loaded)


def test_programme_updates_at_160_by_48_snapshot(snap_compare: Any) -> None:
    """The Updates tab with every rating as a word and the summary taking the room left."""

    async def open_updates(pilot: Pilot[None]) -> None:
        await _loaded(pilot)
        app: Any = pilot.app
        app.open_programme("cast-operating-model", "updates")
        await pilot.pause()

    assert snap_compare(
        make_app(SAMPLE, "2026-11"), terminal_size=(160, 48), run_before=open_updates
    )


def test_programme_updates_at_80_by_24_snapshot(snap_compare: Any) -> None:
    """The Updates tab in 80 columns: every rating there, shortened (R, A/G, ...)."""

    async def open_updates(pilot: Pilot[None]) -> None:
        await _loaded(pilot)
        app: Any = pilot.app
        app.open_programme("cast-operating-model", "updates")
        await pilot.pause()

    assert snap_compare(
        make_app(SAMPLE, "2026-11"), terminal_size=(80, 24), run_before=open_updates
    )
