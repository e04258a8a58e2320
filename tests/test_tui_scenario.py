"""Pilot tests of the Q1 scenario tab: toggling programmes in/out and the optimiser."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from rich.text import Text
from textual.pilot import Pilot
from textual.widgets import DataTable, TabbedContent

from pmo.tui.app import PmoApp, make_app
from pmo.tui.views_scenario import ScenarioPane

SAMPLE = Path(__file__).resolve().parents[1] / "portfolio"
PERIOD = "2026-11"
SIZE = (140, 45)

Scenario = Callable[[PmoApp, Pilot[None], ScenarioPane], Awaitable[None]]


def plain(value: object) -> str:
    return value.plain if isinstance(value, Text) else str(value)


def drive(scenario: Scenario) -> None:
    """Open Q1, go to the Scenario tab (next after Capacity), then run the scenario."""

    async def main() -> None:
        app = make_app(SAMPLE, PERIOD)
        async with app.run_test(size=SIZE) as pilot:
            await app.workers.wait_for_complete()
            await pilot.pause()
            await pilot.press("c")
            await pilot.pause()
            await pilot.press("right_square_bracket")
            await pilot.pause()
            assert app.screen.query_one("#q1-tabs", TabbedContent).active == "q1-scenario"
            pane = app.screen.query_one(ScenarioPane)
            await scenario(app, pilot, pane)

    asyncio.run(main())


def in_out(pane: ScenarioPane) -> dict[str, str]:
    table: DataTable[Any] = pane.query_one("#scenario-candidates", DataTable)
    return {str(key.value): plain(table.get_cell(key, "in/out")) for key in table.rows}


def cost_shown(pane: ScenarioPane, fy: str) -> str:
    table: DataTable[Any] = pane.query_one("#scenario-costs", DataTable)
    return plain(table.get_cell(fy, table.ordered_columns[2].key))


async def move_to(pilot: Pilot[None], pane: ScenarioPane, pid: str) -> None:
    table: DataTable[Any] = pane.query_one("#scenario-candidates", DataTable)
    assert table.has_focus
    table.move_cursor(row=table.get_row_index(pid))
    await pilot.pause()


def test_toggling_pipeline_in_changes_the_2027_28_total() -> None:
    async def scenario(app: PmoApp, pilot: Pilot[None], pane: ScenarioPane) -> None:
        assert in_out(pane)["edge-of-care-service"] == "out"
        before = cost_shown(pane, "2027/28")
        await move_to(pilot, pane, "edge-of-care-service")
        await pilot.press("space")
        await pilot.pause()
        assert in_out(pane)["edge-of-care-service"] == "in"
        after = cost_shown(pane, "2027/28")
        to_number = lambda s: float(s.strip("£").replace(",", ""))  # noqa: E731
        assert to_number(after) - to_number(before) == 650_000
        await pilot.press("space")
        await pilot.pause()
        assert cost_shown(pane, "2027/28") == before

    drive(scenario)


def test_mandatory_cannot_be_toggled_out() -> None:
    async def scenario(app: PmoApp, pilot: Pilot[None], pane: ScenarioPane) -> None:
        await move_to(pilot, pane, "send-sufficiency")
        await pilot.press("space")
        await pilot.pause()
        assert in_out(pane)["send-sufficiency"] == "in"
        messages = [n.message for n in app._notifications]
        assert any("mandatory" in m for m in messages)

    drive(scenario)


def test_optimise_sets_the_optimum() -> None:
    async def scenario(app: PmoApp, pilot: Pilot[None], pane: ScenarioPane) -> None:
        await pilot.press("o")
        await app.workers.wait_for_complete()
        await pilot.pause()
        shown = in_out(pane)
        assert shown["elective-home-education"] == "in"  # live work is fixed by default
        assert shown["independent-travel-training"] == "out"
        assert shown["social-care-ai-recording"] == "out"
        assert shown["edge-of-care-service"] == "in"
        assert sum(v == "in" for v in shown.values()) == 25
        messages = [n.message for n in app._notifications]
        assert any(m.startswith("optimal: value 89.45, 25 chosen") for m in messages)

    drive(scenario)
