"""Enter drills in everywhere; view keys from anywhere; the palette finds views and actions."""

from __future__ import annotations

from typing import Any

from textual.coordinate import Coordinate
from textual.pilot import Pilot
from textual.widgets import DataTable, Static, TabbedContent

from pmo.tui.app import PmoApp
from pmo.tui.commands import ranked
from pmo.tui.programme import ProgrammeScreen
from pmo.tui.views_q1 import Q1Screen
from pmo.tui.views_q2 import Q2Screen
from pmo.tui.views_risk import RiskHeatmapScreen
from tui_pilot import SAMPLE, drive, plain, tab_text


async def enter_on(pilot: Pilot[None], table: DataTable[Any], row: int) -> None:
    table.focus()
    table.move_cursor(row=row)
    await pilot.pause()
    await pilot.press("enter")
    await pilot.pause()


def test_enter_on_q2_rows_opens_the_programme_on_the_matching_tab() -> None:
    async def scenario(app: PmoApp, pilot: Pilot[None]) -> None:
        for tab_key, table_id, tab in (
            ([], "rag-grid", "updates"),
            (["]"], "exceptions", "overview"),
            (["]", "]"], "slippage", "milestones"),
        ):
            await pilot.press("e", *tab_key)
            await pilot.pause()
            assert isinstance(app.screen, Q2Screen)
            table: DataTable[Any] = app.screen.query_one(f"#{table_id}", DataTable)
            key = str(table.coordinate_to_cell_key(Coordinate(0, 0)).row_key.value)
            await enter_on(pilot, table, 0)
            screen = app.screen
            assert isinstance(screen, ProgrammeScreen), table_id
            assert (screen.programme_id, screen.active) == (key.split("/")[0], tab)
            await pilot.press("escape")  # back to the view it came from
            await pilot.pause()
            assert isinstance(app.screen, Q2Screen)
            await pilot.press("escape")
            await pilot.pause()

    drive(scenario)


def test_enter_on_a_capacity_cell_lists_its_programmes_and_opens_one() -> None:
    async def scenario(app: PmoApp, pilot: Pilot[None]) -> None:
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, Q1Screen)
        heat: DataTable[Any] = app.screen.query_one("#capacity-heatmap", DataTable)
        months = [plain(c.label) for c in heat.ordered_columns]
        heat.cursor_coordinate = Coordinate(
            heat.get_row_index("business-analyst"), months.index("2026-11")
        )
        await pilot.press("enter")
        await pilot.pause()
        listed: DataTable[Any] = app.screen.query_one("#capacity-demand", DataTable)
        assert listed.row_count > 1 and listed.has_focus
        title = str(app.screen.query_one("#capacity-demand-title", Static).render())
        assert title.startswith(f"Business analyst, 2026-11: {listed.row_count} programme")
        cell = app.loaded.answers.q1.capacity.cells if app.loaded else ()
        total = next(c.total for c in cell if (c.role, c.month) == ("business-analyst", "2026-11"))
        shown = sum(float(plain(listed.get_row_at(i)[1])) for i in range(listed.row_count))
        assert (
            abs(shown - total) < 0.05 * listed.row_count
        )  # the cell's demand, programme by programme
        first = str(listed.coordinate_to_cell_key(Coordinate(0, 0)).row_key.value)
        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ProgrammeScreen)
        assert (screen.programme_id, screen.active) == (first, "resources")

    drive(scenario)


def test_enter_on_a_risk_opens_its_programme_risks_tab_on_it() -> None:
    async def scenario(app: PmoApp, pilot: Pilot[None]) -> None:
        await pilot.press("h")
        await pilot.pause()
        assert isinstance(app.screen, RiskHeatmapScreen)
        await pilot.press("enter")  # the cell at impact 4, likelihood 4
        await pilot.pause()
        cell: DataTable[Any] = app.screen.query_one("#risk-cell", DataTable)
        assert cell.row_count > 0
        key = str(cell.coordinate_to_cell_key(Coordinate(0, 0)).row_key.value)
        programme, risk = key.split("/")
        await enter_on(pilot, cell, 0)
        screen = app.screen
        assert isinstance(screen, ProgrammeScreen)
        assert (screen.programme_id, screen.active, screen.focus_risk) == (
            programme,
            "risks",
            risk,
        )
        marked = [line for line in tab_text(screen).splitlines() if "▶" in line]
        assert len(marked) == 1

    drive(scenario)


def test_view_keys_work_from_a_programme_and_a_view_is_never_opened_twice() -> None:
    async def scenario(app: PmoApp, pilot: Pilot[None]) -> None:
        await pilot.press("e")
        await pilot.pause()
        q2 = app.screen
        app.open_programme("cast-operating-model")
        await pilot.pause()
        await pilot.press("h")
        await pilot.pause()
        assert isinstance(app.screen, RiskHeatmapScreen)
        await pilot.press("e")  # Q2 is open below: back to it
        await pilot.pause()
        assert app.screen is q2
        assert len(app.screen_stack) == 3  # default, dashboard, Q2

    drive(scenario)


def test_left_and_right_switch_view_tabs_but_move_in_a_heatmap() -> None:
    async def scenario(app: PmoApp, pilot: Pilot[None]) -> None:
        await pilot.press("e", "right")
        await pilot.pause()
        assert app.screen.query_one("#q2-tabs", TabbedContent).active == "q2-exceptions"
        await pilot.press("left")
        assert app.screen.query_one("#q2-tabs", TabbedContent).active == "q2-grid"
        await pilot.press("c")  # Q1 opens on the capacity heatmap (cells)
        await pilot.pause()
        heat: DataTable[Any] = app.screen.query_one("#capacity-heatmap", DataTable)
        column = heat.cursor_coordinate.column
        await pilot.press("right")
        assert heat.cursor_coordinate.column == column + 1
        assert app.screen.query_one("#q1-tabs", TabbedContent).active == "q1-capacity"

    drive(scenario)


def test_the_palette_puts_prefix_matches_first() -> None:
    from textual.fuzzy import Matcher

    from pmo.tui.loading import Loaded, load

    loaded = load(SAMPLE, "2026-11")
    assert isinstance(loaded, Loaded)
    texts = [f"{p.name} ({pid})" for pid, p in loaded.data.programmes.items()]
    for query, first in (("send", "SEND Sufficiency"), ("indep", "Independent Travel")):
        matcher = Matcher(query)
        scores = sorted(((ranked(matcher, query, t), t) for t in texts), reverse=True)
        assert scores[0][1].startswith(first), scores[:3]
        assert scores[1][0] < scores[0][0]


def test_the_palette_lists_actions_with_their_keys() -> None:
    async def scenario(app: PmoApp, pilot: Pilot[None]) -> None:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"switch the rep")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "PeriodPicker"

    drive(scenario)
