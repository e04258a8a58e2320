"""Pilot tests of the Q1 scenario tab: toggling programmes in/out and the optimiser."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from textual.pilot import Pilot
from textual.widgets import DataTable, TabbedContent

from pmo.analysis.scenario_whatif import WhatIf
from pmo.present.numbers import money
from pmo.tui.app import PmoApp
from pmo.tui.views_scenario import ScenarioPane
from tui_pilot import drive, plain

PaneScenario = Callable[[PmoApp, Pilot[None], ScenarioPane], Awaitable[None]]


def drive_pane(scenario: PaneScenario) -> None:
    """Open Q1, go to the Scenario tab (next after Capacity), then run the scenario."""

    async def on_pane(app: PmoApp, pilot: Pilot[None]) -> None:
        await pilot.press("c")
        await pilot.pause()
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert app.screen.query_one("#q1-tabs", TabbedContent).active == "q1-scenario"
        await scenario(app, pilot, app.screen.query_one(ScenarioPane))

    drive(on_pane)


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
    def cost(pane: ScenarioPane) -> float:
        return {t.fy: t.cost for t in pane.what_if.assess(pane.chosen).totals}["2027/28"]

    async def scenario(app: PmoApp, pilot: Pilot[None], pane: ScenarioPane) -> None:
        assert in_out(pane)["edge-of-care-service"] == "out"
        before, shown_before = cost(pane), cost_shown(pane, "2027/28")
        assert shown_before == money(before)
        await move_to(pilot, pane, "edge-of-care-service")
        await pilot.press("space")
        await pilot.pause()
        assert in_out(pane)["edge-of-care-service"] == "in"
        assert cost(pane) - before == 650_000
        assert cost_shown(pane, "2027/28") == money(before + 650_000)
        await pilot.press("space")
        await pilot.pause()
        assert cost_shown(pane, "2027/28") == shown_before

    drive_pane(scenario)


def test_mandatory_cannot_be_toggled_out() -> None:
    async def scenario(app: PmoApp, pilot: Pilot[None], pane: ScenarioPane) -> None:
        await move_to(pilot, pane, "send-sufficiency")
        await pilot.press("space")
        await pilot.pause()
        assert in_out(pane)["send-sufficiency"] == "in"
        messages = [n.message for n in app._notifications]
        assert any("mandatory" in m for m in messages)

    drive_pane(scenario)


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

    drive_pane(scenario)


def test_the_tab_shows_the_analysis_totals_for_the_optimisers_choice() -> None:
    from pmo.analysis.scenario import optimise
    from pmo.tui.loading import Loaded, load
    from tui_pilot import PERIOD, SAMPLE

    loaded = load(SAMPLE, PERIOD)
    assert isinstance(loaded, Loaded)
    result = optimise(loaded.data, PERIOD)
    assessed = WhatIf(loaded.data, PERIOD).assess(result.chosen)
    assert assessed.totals == result.totals
    by_role = {}
    for cell in result.utilisation:
        if cell.demand > 0 and cell.utilisation is not None:
            best = by_role.get(cell.role)
            if best is None or cell.utilisation > best:
                by_role[cell.role] = cell.utilisation
    shown = {p.role: p.utilisation for p in assessed.peaks if p.month is not None}
    assert shown == by_role
