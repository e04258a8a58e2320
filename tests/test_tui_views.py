"""Pilot and snapshot tests of the portfolio views (Q1, Q2, Q3, risk heatmap)."""

from __future__ import annotations

import re
from typing import Any

import pytest
from textual.coordinate import Coordinate
from textual.pilot import Pilot
from textual.widgets import DataTable, TabbedContent

from pmo.present.rag import RAG_STYLE
from pmo.tui.app import PmoApp, make_app
from pmo.tui.dashboard import DashboardScreen
from pmo.tui.views_q1 import Q1Screen
from pmo.tui.views_q2 import Q2Screen
from pmo.tui.views_q3 import Q3Screen
from pmo.tui.views_risk import RiskHeatmapScreen
from tui_pilot import PERIOD, SAMPLE, SIZE, drive, plain


@pytest.mark.parametrize(
    ("key", "screen", "name"),
    [
        ("c", Q1Screen, "q1-view"),
        ("e", Q2Screen, "q2-view"),
        ("b", Q3Screen, "q3-view"),
        ("h", RiskHeatmapScreen, "risk-heatmap"),
    ],
)
def test_binding_opens_view_and_escape_returns(key: str, screen: type, name: str) -> None:
    async def scenario(app: PmoApp, pilot: Pilot[None]) -> None:
        assert isinstance(app.screen, DashboardScreen)
        await pilot.press(key)
        await pilot.pause()
        assert isinstance(app.screen, screen)
        assert app.screen.id == name
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)

    drive(scenario)


def test_capacity_heatmap_shows_business_analyst_over() -> None:
    async def scenario(app: PmoApp, pilot: Pilot[None]) -> None:
        await pilot.press("c")
        await pilot.pause()
        tabs = app.screen.query_one("#q1-tabs", TabbedContent)
        assert tabs.active == "q1-capacity"
        heat: DataTable[Any] = app.screen.query_one("#capacity-heatmap", DataTable)
        months = [plain(c.label) for c in heat.ordered_columns]
        column = months.index("2026-11")
        cell = heat.get_cell_at(Coordinate(heat.get_row_index("business-analyst"), column))
        percent = int(plain(cell).strip().rstrip("%"))
        assert percent > 100
        assert str(cell.style) == RAG_STYLE["red"]

    drive(scenario)


def test_risk_heatmap_drills_into_specialist_places() -> None:
    async def scenario(app: PmoApp, pilot: Pilot[None]) -> None:
        await pilot.press("h")
        await pilot.pause()
        grid: DataTable[Any] = app.screen.query_one("#risk-grid", DataTable)
        assert grid.row_count == 5
        # start at the top-left cell (impact 5, likelihood 1), then walk to (L4, I4)
        grid.cursor_coordinate = Coordinate(0, 1)
        await pilot.press("down", "right", "right", "right", "enter")
        await pilot.pause()
        assert grid.cursor_coordinate == Coordinate(1, 4)
        cell: DataTable[Any] = app.screen.query_one("#risk-cell", DataTable)
        titles = [plain(cell.get_row_at(i)[1]) for i in range(cell.row_count)]
        assert any("specialist places" in t for t in titles)
        count = app.loaded.answers.q1.risks.grid[3][3] if app.loaded else -1
        assert cell.row_count == count

    drive(scenario)


def test_q2_grid_has_a_row_per_programme_in_the_grid() -> None:
    async def scenario(app: PmoApp, pilot: Pilot[None]) -> None:
        await pilot.press("e")
        await pilot.pause()
        grid: DataTable[Any] = app.screen.query_one("#rag-grid", DataTable)
        assert app.loaded is not None
        assert grid.row_count == len(app.loaded.answers.q2.grid) == 23
        assert app.screen.query_one("#slippage", DataTable).row_count > 0
        assert app.screen.query_one("#exceptions", DataTable).row_count > 0

    drive(scenario)


def test_q3_benefits_worst_first_and_savings() -> None:
    async def scenario(app: PmoApp, pilot: Pilot[None]) -> None:
        await pilot.press("b")
        await pilot.pause()
        table: DataTable[Any] = app.screen.query_one("#benefits", DataTable)
        assert app.loaded is not None
        assert table.row_count == len(app.loaded.answers.q3.benefits)
        statuses = [plain(table.get_row_at(i)[-1]).strip() for i in range(table.row_count)]
        assert statuses[-1] != "off track"
        assert "off track" not in statuses or statuses[0] == "off track"
        savings: DataTable[Any] = app.screen.query_one("#savings", DataTable)
        assert savings.row_count == len(app.loaded.answers.q3.savings)

    drive(scenario)


def test_the_savings_and_milestone_tables_have_one_set_of_headers_in_every_front_end() -> None:
    """The savings position reads the same in the TUI and the report (Markdown and HTML), and
    a milestone's columns the same on a programme's tab and in Q2's slippage."""
    from pmo.present.columns import MILESTONE_HEADERS, SAVINGS_HEADERS
    from pmo.tui import programme

    headers: dict[str, list[str]] = {}

    def labels(table: DataTable[Any]) -> list[str]:
        return [plain(c.label) for c in table.ordered_columns]

    async def scenario(app: PmoApp, pilot: Pilot[None]) -> None:
        await pilot.press("b")
        await pilot.pause()
        headers["savings"] = labels(app.screen.query_one("#savings", DataTable))
        await pilot.press("escape", "e")
        await pilot.pause()
        headers["slippage"] = labels(app.screen.query_one("#slippage", DataTable))

    drive(scenario)
    assert headers["savings"] == list(SAVINGS_HEADERS)
    assert headers["slippage"][1:-2] == list(MILESTONE_HEADERS)
    report = (SAMPLE.parent / "reports" / PERIOD / "dmt-report.md").read_text(encoding="utf-8")
    assert "| " + " | ".join(SAVINGS_HEADERS) + " |" in report.splitlines()
    page = (SAMPLE.parent / "reports" / PERIOD / "dmt-report.html").read_text(encoding="utf-8")
    thead = page.split('<table id="savings-data">')[1].split("</thead>")[0]
    assert re.findall(r"<th[^>]*>([^<]*)</th>", thead) == list(SAVINGS_HEADERS)
    assert programme.MILESTONE_HEADERS is MILESTONE_HEADERS  # the Milestones tab's columns


async def _loaded(pilot: Pilot[None]) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def test_capacity_heatmap_snapshot(snap_compare: Any) -> None:
    async def open_capacity(pilot: Pilot[None]) -> None:
        await _loaded(pilot)
        await pilot.press("c")
        await pilot.pause()

    assert snap_compare(make_app(SAMPLE, PERIOD), terminal_size=SIZE, run_before=open_capacity)


def test_risk_heatmap_snapshot(snap_compare: Any) -> None:
    async def open_heatmap(pilot: Pilot[None]) -> None:
        await _loaded(pilot)
        await pilot.press("h")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()

    assert snap_compare(make_app(SAMPLE, PERIOD), terminal_size=SIZE, run_before=open_heatmap)


def test_command_palette_opens_a_view() -> None:
    async def scenario(app: PmoApp, pilot: Pilot[None]) -> None:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"heatmap")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause(0.2)
        assert isinstance(app.screen, RiskHeatmapScreen)

    drive(scenario)


def test_brackets_switch_tabs() -> None:
    async def scenario(app: PmoApp, pilot: Pilot[None]) -> None:
        await pilot.press("e")
        await pilot.pause()
        tabs = app.screen.query_one("#q2-tabs", TabbedContent)
        assert tabs.active == "q2-grid"
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert tabs.active == "q2-exceptions"
        assert app.focused is app.screen.query_one("#exceptions", DataTable)
        await pilot.press("left_square_bracket", "left_square_bracket")
        await pilot.pause()
        assert tabs.active == "q2-slippage"

    drive(scenario)
