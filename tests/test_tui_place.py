"""Place kept across a reload: each list's cursor (by item, not index) and scroll on every tab
of the screen on show and the screens below it; each programme tab's scroll."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.containers import VerticalScroll
from textual.pilot import Pilot
from textual.widgets import DataTable

from pmo.tui.app import PmoApp
from pmo.tui.dashboard import DashboardScreen
from pmo.tui.programme import ProgrammeScreen
from pmo.tui.quality import QualityScreen
from pmo.tui.spots import row_top
from pmo.tui.view_base import ViewScreen
from tui_pilot import drive, sample_copy, until

WATCH = 0.1
SMALL = (80, 24)


@pytest.fixture
def root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    return sample_copy(tmp_path, monkeypatch)


def touch(root: Path, programme: str) -> None:
    """A comment added at the top of ``programme``'s file: a change on disk, nothing else."""
    path = root / "programmes" / programme / "programme.yaml"
    path.write_text("# touched\n" + path.read_text(encoding="utf-8"), encoding="utf-8")


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


async def reloaded(
    app: PmoApp, pilot: Pilot[None], kind: type, first: object | None = None
) -> None:
    """Wait for a reload to replace the screen on show (``first``, default the one on show
    now) with a new one of ``kind``."""
    first = first or app.screen
    await until(pilot, lambda: app.screen is not first and isinstance(app.screen, kind))
    await pilot.pause()
    await pilot.pause()


def table(app: PmoApp, table_id: str) -> DataTable[object]:
    return app.screen.query_one(f"#{table_id}", DataTable)


def key_at_cursor(t: DataTable[object]) -> str:
    return str(t.ordered_rows[t.cursor_row].key.value)


def on_screen_line(t: DataTable[object]) -> int:
    """The cursor row's line in the list's view."""
    return round(row_top(t, t.cursor_row) - t.scroll_y)


def test_the_dashboard_keeps_its_cursor_row_on_screen_when_its_row_moves(root: Path) -> None:
    async def scenario(app: PmoApp, pilot: Pilot[None]) -> None:
        await pilot.press("1")  # by name
        t = table(app, "programmes")
        await pilot.press(*["j"] * 20)
        await pilot.pause()
        assert t.scroll_y > 0  # scrolled: 27 rows in 24 lines
        pid, line = key_at_cursor(t), on_screen_line(t)
        prog = root / "programmes" / pid / "programme.yaml"
        name = app.loaded.data.programmes[pid].name  # type: ignore[union-attr]
        first = app.screen
        edit(prog, f"name: {name}", "name: ZZZ last by name")  # its row moves to the end
        await reloaded(app, pilot, DashboardScreen, first)
        t = table(app, "programmes")
        assert key_at_cursor(t) == pid and t.cursor_row == t.row_count - 1
        assert on_screen_line(t) == line  # where it was on screen
        assert t.has_focus

    drive(scenario, root, watch=WATCH, size=SMALL)


def test_a_file_change_keeps_every_tab_of_a_view_at_its_row_and_scroll(root: Path) -> None:
    async def scenario(app: PmoApp, pilot: Pilot[None]) -> None:
        await pilot.press("e")  # Q2: RAG grid, exceptions, slippage
        await pilot.pause()
        await pilot.press(*["j"] * 18)
        grid = table(app, "rag-grid")
        await pilot.pause()
        assert grid.scroll_y > 0
        at_grid = (key_at_cursor(grid), grid.cursor_row, grid.scroll_y)
        await pilot.press("right_square_bracket", "j", "j", "j")
        exceptions = table(app, "exceptions")
        at_exceptions = (key_at_cursor(exceptions), exceptions.cursor_row)
        await pilot.press("right_square_bracket", "j", "j")
        slippage = table(app, "slippage")
        at_slippage = (key_at_cursor(slippage), slippage.cursor_row)
        first = app.screen
        touch(root, "cast-operating-model")  # another programme's file
        await reloaded(app, pilot, ViewScreen, first)
        view = app.screen
        assert isinstance(view, ViewScreen) and view.active_tab() == "q2-slippage"
        slippage = table(app, "slippage")
        assert (key_at_cursor(slippage), slippage.cursor_row) == at_slippage
        assert slippage.has_focus
        await pilot.press("left_square_bracket")
        await pilot.pause()
        await pilot.pause()
        exceptions = table(app, "exceptions")
        assert (key_at_cursor(exceptions), exceptions.cursor_row) == at_exceptions
        await pilot.press("left_square_bracket")
        await pilot.pause()
        await pilot.pause()
        grid = table(app, "rag-grid")
        assert (key_at_cursor(grid), grid.cursor_row, grid.scroll_y) == at_grid
        await pilot.press("escape")  # the dashboard below is the new one too
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)

    drive(scenario, root, watch=WATCH, size=SMALL)


def test_ctrl_r_reloads_keeping_the_open_cell_list_and_its_cursor(root: Path) -> None:
    async def scenario(app: PmoApp, pilot: Pilot[None]) -> None:
        await pilot.press("h")  # risk heatmap, the cursor on likelihood 4 x impact 4
        await pilot.pause()
        grid = table(app, "risk-grid")
        risks = table(app, "risk-cell")
        cell = None
        for row in range(grid.row_count):  # the fullest cell
            for column in range(1, len(grid.columns)):
                grid.move_cursor(row=row, column=column)
                await pilot.press("enter")
                if cell is None or risks.row_count > cell[2]:
                    cell = (row, column, risks.row_count)
        assert cell is not None and cell[2] >= 2
        grid.move_cursor(row=cell[0], column=cell[1])
        await pilot.press("enter", "tab", "j")
        await pilot.pause()
        assert risks.has_focus and risks.cursor_row == 1
        chosen = key_at_cursor(risks)
        first = app.screen
        await pilot.press("ctrl+r")
        await reloaded(app, pilot, ViewScreen, first)
        grid, risks = table(app, "risk-grid"), table(app, "risk-cell")
        assert grid.cursor_coordinate == (cell[0], cell[1])
        assert risks.row_count == cell[2] and key_at_cursor(risks) == chosen
        assert risks.has_focus

    drive(scenario, root, size=SMALL)


def test_a_programme_keeps_each_tabs_scroll_across_a_reload(root: Path) -> None:
    async def scenario(app: PmoApp, pilot: Pilot[None]) -> None:
        app.open_programme("send-sufficiency", "overview")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ProgrammeScreen)
        scroll = screen.query_one("#tab-scroll", VerticalScroll)
        scroll.scroll_to(y=3, animate=False)
        await pilot.pause()
        assert scroll.scroll_y == 3
        screen.action_show_tab("benefits")
        await pilot.pause()
        scroll.scroll_to(y=6, animate=False)
        await pilot.pause()
        assert scroll.scroll_y == 6
        first = app.screen
        touch(root, "cast-operating-model")
        await reloaded(app, pilot, ProgrammeScreen, first)
        screen = app.screen
        assert isinstance(screen, ProgrammeScreen) and screen.active == "benefits"
        scroll = screen.query_one("#tab-scroll", VerticalScroll)
        assert scroll.scroll_y == 6
        screen.action_show_tab("overview")
        await pilot.pause()
        assert scroll.scroll_y == 3

    drive(scenario, root, watch=WATCH, size=SMALL)


def test_data_quality_keeps_the_cursor_on_its_problem_when_one_above_is_fixed(
    root: Path,
) -> None:
    async def scenario(app: PmoApp, pilot: Pilot[None]) -> None:
        await pilot.press("v")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, QualityScreen)
        codes = [p.code for p in screen.problems]
        fixed, kept = codes.index("benefit-incomplete"), codes.index("variance-no-narrative")
        assert fixed < kept
        table(app, "quality").move_cursor(row=kept)
        await pilot.pause()
        first = app.screen
        edit(
            root / "programmes" / "school-places-capital" / "programme.yaml",
            "  - id: first-preference\n",
            "  - id: first-preference\n    owner: Head of Admissions\n",
        )
        await reloaded(app, pilot, QualityScreen, first)
        screen = app.screen
        assert isinstance(screen, QualityScreen)
        assert "benefit-incomplete" not in [p.code for p in screen.problems]
        t = table(app, "quality")
        assert t.cursor_row == kept - 1  # the same problem, one row up
        assert screen.problems[t.cursor_row].code == "variance-no-narrative"

    drive(scenario, root, watch=WATCH, size=SMALL)
