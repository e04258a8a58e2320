"""A PMO officer's morning at 80×24 and 220×60, played in tmux: what it found, kept fixed.

The RAG grid's ratings whole at 80 columns, the scenario's choices across a reload, the
milestone and benefit tabs fitted, summaries reflowed, an unreadable programme that leaves the
dashboard's columns alone and opens its problems, detail lines and Q3's status on a short
terminal, `R` that says where before writing, whole footer keys, and the help listing Enter.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, OptionList, Select, Static, TabbedContent
from textual.widgets._footer import FooterKey

from pmo.present.rag import RAG_SHORT
from pmo.present.terminal import reflow
from pmo.tui.actions import AssuranceForm
from pmo.tui.app import PmoApp
from pmo.tui.confirm import ConfirmWrite
from pmo.tui.dashboard import DashboardScreen
from pmo.tui.dashboard_rows import UNREADABLE_FLAGS
from pmo.tui.programme import ProgrammeScreen
from pmo.tui.quality import QualityScreen
from pmo.tui.screens import HelpScreen, help_sections
from pmo.tui.tables import ListTable
from pmo.tui.views_scenario import ScenarioPane
from tui_pilot import PERIOD, drive, notifications, plain, sample_copy, tab_text, until

SMALL = (80, 24)
LARGE = (220, 60)
WATCH = 0.1
PROG = "cast-operating-model"


@pytest.fixture
def root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    return sample_copy(tmp_path, monkeypatch)


def cell_texts(table: DataTable[Any], row: int) -> list[str]:
    return [plain(c).strip() for c in table.get_row_at(row)]


def test_q2_rag_grid_at_80_columns_shows_every_rating_as_letters_without_scrolling() -> None:
    async def scenario(app: PmoApp, pilot: Pilot[None]) -> None:
        await pilot.press("e")
        await pilot.pause()
        await pilot.pause()
        grid = app.screen.query_one("#rag-grid", ListTable)
        headers = [c.label.plain for c in grid.ordered_columns]
        assert headers == ["Programme", "Status", "Ovr", "Sch", "Cost", "Scp", "Res", "Rsk", "Ben"]
        assert grid.virtual_size.width <= SMALL[0] - 2  # nothing off to the side
        letters = set(RAG_SHORT.values()) | {"–"}
        for row in range(grid.row_count):
            assert set(cell_texts(grid, row)[2:]) <= letters
        key = str(grid.ordered_rows[3].key.value)
        grid.move_cursor(row=3)
        await pilot.resize_terminal(*LARGE)
        await pilot.pause()
        await pilot.pause()
        headers = [c.label.plain for c in grid.ordered_columns]
        assert headers[2:] == [
            "Overall",
            "Schedule",
            "Cost",
            "Scope",
            "Resources",
            "Risks",
            "Benefits",
        ]
        assert "green" in {t for row in range(grid.row_count) for t in cell_texts(grid, row)}
        assert str(grid.ordered_rows[grid.cursor_row].key.value) == key  # the cursor kept

    drive(scenario, size=SMALL)


def test_a_reload_keeps_the_scenarios_in_and_out_choices(root: Path) -> None:
    async def scenario(app: PmoApp, pilot: Pilot[None]) -> None:
        await pilot.press("c", "right_square_bracket")
        await pilot.pause()
        pane = app.screen.query_one(ScenarioPane)
        table = pane.query_one("#scenario-candidates", DataTable)
        outside = [c.id for c in pane.what_if.candidates if c.id not in pane.chosen]
        assert outside, "the sample has pipeline work left out today"
        table.move_cursor(row=table.get_row_index(outside[0]))
        await pilot.press("space")
        await pilot.pause()
        chosen = set(pane.chosen)
        assert outside[0] in chosen
        first = app.screen
        app.reload()
        await until(pilot, lambda: app.screen is not first and bool(app.screen.query(ScenarioPane)))
        await pilot.pause()
        again = app.screen.query_one(ScenarioPane)
        assert again is not pane
        assert again.chosen == chosen
        assert app.screen.query_one("#q1-tabs", TabbedContent).active == "q1-scenario"
        cell = again.query_one("#scenario-candidates", DataTable).get_cell(outside[0], "in/out")
        assert plain(cell).startswith("in")

    drive(scenario, root)


@pytest.mark.parametrize("size", [SMALL, LARGE])
def test_the_milestones_tab_keeps_every_milestone_name_and_both_slips(
    size: tuple[int, int],
) -> None:
    async def scenario(app: PmoApp, pilot: Pilot[None]) -> None:
        app.open_programme(PROG, "milestones")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ProgrammeScreen)
        width = screen.query_one("#tab-body", Static).content_region.width
        text = tab_text(screen, width)
        assert max(len(line) for line in text.splitlines()) <= width
        assert "Milestone" in text and "original" in text and "current" in text
        for m in screen.prog.milestones:  # each title's first word is on screen
            assert m.title.split()[0] in text
        assert "+95 d" in text and "+66 d" in text  # the late one, against both baselines

    drive(scenario, size=size)


def test_the_benefits_tab_at_80_columns_fits_its_table_and_charts() -> None:
    async def scenario(app: PmoApp, pilot: Pilot[None]) -> None:
        app.open_programme(PROG, "benefits")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ProgrammeScreen)
        width = screen.query_one("#tab-body", Static).content_region.width
        text = tab_text(screen, width)
        lines = text.splitlines()
        assert max(len(line) for line in lines) <= width
        assert "on track" in text and "Status" in lines[1] + lines[0]
        for b in screen.prog.benefits:
            assert b.title.split()[0] in text
        axes = [line for line in lines if "└" in line]
        assert len(axes) == len(screen.prog.benefits)  # each chart's axis on one line

    drive(scenario, size=SMALL)


def test_a_hard_wrapped_summary_is_reflowed_into_paragraphs() -> None:
    text = "Review the model of the 30\nteams: caseloads, sub-\nregional work.\n\n- one\n- two\n"
    assert (
        reflow(text)
        == "Review the model of the 30 teams: caseloads, sub-regional work.\n\n- one\n- two"
    )

    async def scenario(app: PmoApp, pilot: Pilot[None]) -> None:
        app.open_programme(PROG)
        await pilot.pause()
        text = tab_text(app.screen, 76)
        assert "Teams (CAST) and 4" in text.replace("\n", " ")  # no break where the YAML had one
        assert "Safeguarding\n Teams\n" not in text

    drive(scenario, size=SMALL)


def test_an_unreadable_programme_leaves_the_dashboard_columns_and_enter_lists_its_problems(
    root: Path,
) -> None:
    path = root / "programmes" / "childrens-homes-modernisation" / "programme.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "  bad: [unclosed\n", encoding="utf-8")

    async def scenario(app: PmoApp, pilot: Pilot[None]) -> None:
        screen = app.screen
        assert isinstance(screen, DashboardScreen)
        table = screen.query_one("#programmes", DataTable)
        headers = [c.label.plain for c in table.ordered_columns]
        assert headers == ["Programme", "RAG", "Δ", "Flags", "PMO", "Updated"]
        row = table.get_row_index("childrens-homes-modernisation")
        assert cell_texts(table, row)[1:4] == ["unreadable", "", UNREADABLE_FLAGS]
        table.move_cursor(row=row)
        await pilot.press("enter")
        await pilot.pause()
        quality = app.screen
        assert isinstance(quality, QualityScreen)
        problems = quality.query_one("#quality", DataTable)
        at = str(problems.ordered_rows[problems.cursor_row].key.value)
        assert at.startswith("programmes/childrens-homes-modernisation/programme.yaml")

    drive(scenario, root, size=SMALL)


def test_exception_details_and_q3_status_show_at_80_by_24() -> None:
    async def scenario(app: PmoApp, pilot: Pilot[None]) -> None:
        await pilot.press("e", "right_square_bracket")
        await pilot.pause()
        await pilot.pause()
        detail = app.screen.query_one("#detail-exceptions", Static)
        assert detail.region.height >= 2 and detail.region.bottom <= SMALL[1] - 1
        assert "path to green" in str(detail.render())
        await pilot.press("b")
        await pilot.pause()
        await pilot.pause()
        table = app.screen.query_one("#benefits", ListTable)
        status = table.ordered_columns[2]
        assert status.label.plain == "Status"
        left = sum(c.get_render_width(table) for c in table.ordered_columns[:3])
        assert left <= SMALL[0] - 4  # on screen without scrolling
        detail = app.screen.query_one("#detail-benefits", Static)
        assert detail.region.height >= 2 and "planned" in str(detail.render())

    drive(scenario, size=SMALL)


def test_r_says_where_the_report_goes_and_writes_nothing_without_y(
    root: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"

    async def scenario(app: PmoApp, pilot: Pilot[None]) -> None:
        app.report_out = out
        for answer in ("enter", "n", "escape"):
            await pilot.press("R")
            await pilot.pause()
            confirm = app.screen
            assert isinstance(confirm, ConfirmWrite)
            body = str(confirm.query_one("#confirm-body", Static).render())
            assert str(out / PERIOD) in body.replace("\n", "") and "dmt-report.html" in body
            await pilot.press(answer)
            await pilot.pause()
            await app.workers.wait_for_complete()
            assert isinstance(app.screen, DashboardScreen)
            assert not out.exists()

    drive(scenario, root)


@pytest.mark.parametrize("size", [SMALL, LARGE])
def test_the_footer_shows_only_whole_keys_help_and_quit_first(size: tuple[int, int]) -> None:
    async def scenario(app: PmoApp, pilot: Pilot[None]) -> None:
        for opening in ((), ("enter",), ("escape", "h")):
            await pilot.press(*opening)
            await pilot.pause()
            await pilot.pause()
            keys = [k for k in app.screen.query(FooterKey) if not k.has_class("-command-palette")]
            assert [k.key for k in keys[:2]] == ["question_mark", "q"]
            palette = app.screen.query(FooterKey).filter(".-command-palette").first()
            for key in keys:
                assert key.region.right <= palette.region.x, key.description  # never cut

    drive(scenario, size=size)


def test_a_refused_assurance_stops_saying_so_once_the_form_changes(root: Path) -> None:
    async def scenario(app: PmoApp, pilot: Pilot[None]) -> None:
        await pilot.press("a")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, AssuranceForm)
        await pilot.press("ctrl+s")
        await pilot.pause()
        problems = form.query_one("#assurance-problems", Static)
        assert "choose the PMO's rating" in str(problems.render())
        form.query_one("#assurance-rag", Select).value = "amber"
        await pilot.pause()
        assert str(problems.render()).strip() == ""
        form.query_one("#assurance-note", Input).value = "x"
        await pilot.press("enter")
        await pilot.pause()
        assert "Enter does not save" in str(problems.render())
        assert isinstance(app.screen, AssuranceForm)

    drive(scenario, root)


def test_every_list_screens_help_says_what_enter_opens() -> None:
    async def scenario(app: PmoApp, pilot: Pilot[None]) -> None:
        for opening in ((), ("e",), ("escape", "v")):
            await pilot.press(*opening)
            await pilot.pause()
            rows = [row for _, rows in help_sections(app.screen, PmoApp) for row in rows]
            assert any(key == "enter" and "programme" in what for key, what in rows)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)

    drive(scenario)


def test_a_reload_does_not_repeat_the_same_left_out_warning(
    root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    notes = notifications(monkeypatch)
    update = root / "programmes" / PROG / "updates" / "2026-11.yaml"
    text = update.read_text(encoding="utf-8")
    update.write_text(text.replace("period: 2026-11\n", "period: 2026-11\nstatus: draft\n", 1))

    async def scenario(app: PmoApp, pilot: Pilot[None]) -> None:
        said = [n for n in notes if "draft" in n]
        assert len(said) == 1 and "v lists every problem" in said[0]
        for _ in range(2):
            first = app.screen
            app.reload()
            await until(pilot, lambda first=first: app.screen is not first)  # type: ignore[misc]
            await pilot.pause()
        assert len([n for n in notes if "draft" in n]) == 1

    drive(scenario, root)


def test_a_long_programme_title_stays_on_one_line_at_80_columns() -> None:
    async def scenario(app: PmoApp, pilot: Pilot[None]) -> None:
        app.open_programme("placements-retender")
        await pilot.pause()
        await pilot.pause()
        title = app.screen.query_one("#prog-title", Static)
        assert title.region.height == 1

    drive(scenario, size=SMALL)


def test_capacity_opens_on_the_first_month_and_enter_lists_its_demand() -> None:
    async def scenario(app: PmoApp, pilot: Pilot[None]) -> None:
        await pilot.press("c")
        await pilot.pause()
        heat = app.screen.query_one("#capacity-heatmap", DataTable)
        assert heat.cursor_coordinate == (0, 1)  # the first role's first month, not its name
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.query_one("#capacity-demand", DataTable).row_count > 0

    drive(scenario, size=SMALL)


def test_the_scenario_totals_fit_80_columns_peak_month_included() -> None:
    async def scenario(app: PmoApp, pilot: Pilot[None]) -> None:
        await pilot.press("c", "right_square_bracket")
        await pilot.pause()
        await pilot.pause()
        peaks = app.screen.query_one("#scenario-peaks", DataTable)
        assert [c.label.plain for c in peaks.ordered_columns] == ["Role", "Peak", "Month"]
        assert peaks.region.right <= SMALL[0]
        assert peaks.region.x + peaks.virtual_size.width <= SMALL[0]

    drive(scenario, size=SMALL)


def test_the_period_list_has_the_list_keys() -> None:
    async def scenario(app: PmoApp, pilot: Pilot[None]) -> None:
        await pilot.press("p")
        await pilot.pause()
        options = app.screen.query_one("#period-list", OptionList)
        await pilot.press("G")
        assert options.highlighted == options.option_count - 1
        await pilot.press("g")
        assert options.highlighted == 0
        await pilot.press("j")
        assert options.highlighted == 1
        await pilot.press("escape")

    drive(scenario)


def test_a_slipped_milestone_flag_says_which_baseline() -> None:
    async def scenario(app: PmoApp, pilot: Pilot[None]) -> None:
        app.open_programme(PROG)
        await pilot.pause()
        text = " ".join(tab_text(app.screen, 160).split())
        assert "66 days late against its current baseline" in text

    drive(scenario)
