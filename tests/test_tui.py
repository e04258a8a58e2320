"""Pilot tests of the Textual UI on the sample portfolio (period fixed to 2026-11)."""

from __future__ import annotations

import asyncio
import io
import shutil
import time
from pathlib import Path
from typing import cast

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, Static

from pmo.tui.app import PmoApp, make_app
from pmo.tui.banner import UnreadableBanner
from pmo.tui.dashboard import DashboardScreen
from pmo.tui.dashboard_rows import RAG_ORDER
from pmo.tui.programme import ProgrammeScreen
from pmo.tui.screens import ErrorScreen, HelpScreen
from tui_pilot import PERIOD, SAMPLE, SIZE, drive


def table(app: PmoApp) -> DataTable[object]:
    return app.screen.query_one("#programmes", DataTable)


def first_row(app: PmoApp) -> str | None:
    return table(app).coordinate_to_cell_key((0, 0)).row_key.value


def shown(screen: ProgrammeScreen) -> str:
    """The text of the programme tab on show."""
    from rich.console import Console, RenderableType

    content = screen.query_one("#tab-body", Static).content
    assert not isinstance(content, str)
    console = Console(file=io.StringIO(), width=SIZE[0])
    console.print(cast(RenderableType, content))
    return console.file.getvalue()  # type: ignore[attr-defined,no-any-return]


def test_first_paint_time() -> None:
    async def main() -> float:
        started = time.perf_counter()
        app = make_app(SAMPLE, PERIOD)
        async with app.run_test(size=SIZE) as pilot:
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert isinstance(app.screen, DashboardScreen)
            return time.perf_counter() - started

    elapsed = asyncio.run(main())
    print(f"first paint (app start to dashboard ready): {elapsed:.2f}s")
    assert elapsed < 10


def test_dashboard_lists_every_programme() -> None:
    async def scenario(app: PmoApp, pilot: Pilot[None]) -> None:
        assert isinstance(app.screen, DashboardScreen)
        assert table(app).row_count == 27

    drive(scenario)


def shown_keys(app: PmoApp, column: int) -> list[object]:
    """The sort values of ``column`` in the order the dashboard shows its rows."""
    screen = app.screen
    assert isinstance(screen, DashboardScreen)
    by_id = {row.programme: row for row in screen.rows}
    return [by_id[str(key)].keys[column] for key in row_keys(app)]


def test_sorting_by_rag_puts_the_worst_first_and_again_reverses() -> None:
    async def scenario(app: PmoApp, pilot: Pilot[None]) -> None:
        await pilot.press("4")  # RAG, worst first
        await pilot.pause()
        ranks = [RAG_ORDER.get(status, 99) for status in shown_statuses(app)]
        assert ranks == sorted(ranks) and ranks[0] < ranks[-1]
        statuses = shown_statuses(app)
        assert statuses[0] == "red"
        # no usable rating (stale, missing) comes before amber and green, never below them
        assert statuses.index("stale") < statuses.index("amber")
        assert statuses.index("missing") < statuses.index("green")
        await pilot.press("4")  # again: reversed
        await pilot.pause()
        again = [RAG_ORDER.get(status, 99) for status in shown_statuses(app)]
        assert again == sorted(again, reverse=True)

    drive(scenario)


def shown_statuses(app: PmoApp) -> list[str]:
    screen = app.screen
    assert isinstance(screen, DashboardScreen)
    by_id = {row.programme: row for row in screen.rows}
    return [by_id[str(key)].rag for key in row_keys(app)]


def test_clicking_a_header_sorts_by_that_column() -> None:
    async def scenario(app: PmoApp, pilot: Pilot[None]) -> None:
        assert isinstance(app.screen, DashboardScreen)
        app.screen.on_data_table_header_selected(
            DataTable.HeaderSelected(table(app), table(app).ordered_columns[6].key, 6, "Priority")
        )
        await pilot.pause()
        keys = shown_keys(app, 6)  # (unscored, -score): highest priority first, unscored last
        assert keys == sorted(keys)  # type: ignore[type-var]
        assert keys[0] != keys[-1]

    drive(scenario)


def test_filter_reduces_rows() -> None:
    async def scenario(app: PmoApp, pilot: Pilot[None]) -> None:
        await pilot.press("slash")
        await pilot.pause()
        assert isinstance(app.focused, Input)
        await pilot.press(*"cast")
        await pilot.pause()
        assert 0 < table(app).row_count < 27
        await pilot.press("escape")
        await pilot.pause()
        assert table(app).row_count == 27

    drive(scenario)


def test_enter_opens_programme_and_escape_returns() -> None:
    async def scenario(app: PmoApp, pilot: Pilot[None]) -> None:
        await pilot.press("down", "down")
        await pilot.pause()
        wanted = table(app).coordinate_to_cell_key((2, 0)).row_key.value
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ProgrammeScreen)
        assert app.screen.programme_id == wanted
        await pilot.press("right")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)

    drive(scenario)


def test_every_tab_of_every_programme_renders() -> None:
    from rich.console import Console

    from pmo.tui.loading import Loaded, load

    loaded = load(SAMPLE, PERIOD)
    assert isinstance(loaded, Loaded)
    console = Console(file=io.StringIO(), width=SIZE[0])
    for pid in loaded.data.programmes:
        screen = ProgrammeScreen(loaded, pid)
        for tab, _ in screen.TABS:
            console.print(getattr(screen, "tab_" + tab.replace("-", "_"))())
    assert "Review the operating model" in console.file.getvalue()  # type: ignore[attr-defined]


def test_palette_reopens_from_a_programme_screen() -> None:
    async def scenario(app: PmoApp, pilot: Pilot[None]) -> None:
        app.open_programme("cast-operating-model")
        await pilot.pause()
        app.open_programme("send-sufficiency")
        await pilot.pause()
        assert isinstance(app.screen, ProgrammeScreen)
        assert app.screen.programme_id == "send-sufficiency"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)

    drive(scenario)


def test_question_mark_shows_help_with_every_binding() -> None:
    async def scenario(app: PmoApp, pilot: Pilot[None]) -> None:
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        titles = [title for title, _ in app.screen.sections]
        assert titles[0].startswith("This screen — The portfolio at a glance")
        assert titles[1:] == ["What the marks mean", "In every list", "Everywhere", "Help"]
        keys = {key for _, rows in app.screen.sections for key, _ in rows}
        assert {"0", "/", "S", "a", "d", "j", "g/Home", "G/End", "e", "p", "?", "q"} <= keys
        legend = dict(app.screen.sections[1][1])
        assert "watermelon" in legend["Flags n / ⚠ n"] and "▼ worsened" in legend["Δ"]
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)

    drive(scenario)


def test_command_palette_opens_cast() -> None:
    async def scenario(app: PmoApp, pilot: Pilot[None]) -> None:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"CAST")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ProgrammeScreen)
        assert "cast" in app.screen.programme_id

    drive(scenario)


def test_q_quits() -> None:
    async def scenario(app: PmoApp, pilot: Pilot[None]) -> None:
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running

    drive(scenario)


def test_invalid_portfolio_shows_error_screen(tmp_path: Path) -> None:
    (tmp_path / "portfolio.yaml").write_text("name: [unclosed\n", encoding="utf-8")

    async def scenario(app: PmoApp, pilot: Pilot[None]) -> None:
        assert isinstance(app.screen, ErrorScreen)
        assert app.failed is not None and app.failed.lines
        assert app.loaded is None

    drive(scenario, tmp_path)


def test_missing_portfolio_shows_error_screen(tmp_path: Path) -> None:
    async def scenario(app: PmoApp, pilot: Pilot[None]) -> None:
        assert isinstance(app.screen, ErrorScreen)

    drive(scenario, tmp_path / "nowhere")


def test_broken_programme_is_shown_as_unreadable_with_a_warning(tmp_path: Path) -> None:
    root = tmp_path / "portfolio"
    shutil.copytree(SAMPLE, root)
    victim = sorted((root / "programmes").iterdir())[0]
    (victim / "programme.yaml").write_text("id: [broken\n", encoding="utf-8")

    async def scenario(app: PmoApp, pilot: Pilot[None]) -> None:
        assert isinstance(app.screen, DashboardScreen)
        assert table(app).row_count == 27
        assert app.loaded is not None and app.loaded.left_out
        assert "unreadable" in str(table(app).get_cell(victim.name, "3"))
        for _ in range(2):  # the dashboard, then a programme: the banner stays
            banner = app.screen.query_one(UnreadableBanner)
            assert banner.display
            assert str(banner.render()) == (
                "⚠ 1 programme cannot be read: counted as unreadable, none of its figures used "
                "— press v"
            )
            app.open_programme("cast-operating-model")
            await pilot.pause()

    drive(scenario, root)


def test_no_banner_when_every_file_reads() -> None:
    async def scenario(app: PmoApp, pilot: Pilot[None]) -> None:
        assert not app.screen.query_one(UnreadableBanner).display

    drive(scenario)


def test_cli_tui_and_bare_pmo_run_the_app(monkeypatch: pytest.MonkeyPatch) -> None:
    from pmo import cli

    seen: list[tuple[Path, str | None]] = []
    monkeypatch.setattr(PmoApp, "run", lambda self: seen.append((self.portfolio, self.period)))
    assert cli.main(["tui", str(SAMPLE), "--period", PERIOD]) == 0
    assert cli.main([]) == 0
    assert seen == [(SAMPLE, PERIOD), (Path("portfolio"), None)]


def test_bare_pmo_inside_a_programme_folder_opens_the_portfolio_above(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from pmo import cli

    seen: list[Path] = []
    monkeypatch.setattr(PmoApp, "run", lambda self: seen.append(self.portfolio))
    monkeypatch.chdir(SAMPLE / "programmes" / "cast-operating-model")
    assert cli.main([]) == 0
    assert [p.resolve() for p in seen] == [SAMPLE.resolve()]


def test_bare_pmo_with_no_portfolio_here_or_above_says_so_in_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from pmo import cli

    monkeypatch.setattr(PmoApp, "run", lambda self: pytest.fail("the app should not start"))
    monkeypatch.chdir(tmp_path)
    assert cli.main([]) == 2
    err = capsys.readouterr().err
    assert err == (
        "pmo: no ./portfolio folder here and no portfolio.yaml in this folder or above it; "
        "run pmo where the portfolio folder is, or give its path\n"
    )


def row_keys(app: PmoApp) -> list[str]:
    t = table(app)
    return [str(t.coordinate_to_cell_key((n, 0)).row_key.value) for n in range(t.row_count)]


def chip_bar(app: PmoApp) -> str:
    from textual.widgets import Static

    return str(app.screen.query_one("#chips", Static).render())


async def pick(pilot: Pilot[None], key: str, *values: str) -> None:
    """Open the chip picker with ``key`` and tick ``values`` (by moving to them), then apply."""
    from textual.widgets import SelectionList

    from pmo.tui.chips import ChipPicker

    await pilot.press(key)
    await pilot.pause()
    picker = pilot.app.screen
    assert isinstance(picker, ChipPicker)
    options: SelectionList[str] = picker.query_one("#chip-list", SelectionList)
    for value in values:
        index = picker.values.index(value)
        while options.highlighted != index:
            await pilot.press("down" if (options.highlighted or 0) < index else "up")
        await pilot.press("space")
    await pilot.press("enter")
    await pilot.pause()
    assert isinstance(pilot.app.screen, DashboardScreen)


def expected(app: PmoApp, stages: set[str], rags: set[str], text: str = "") -> set[str]:
    """The programmes of the sample that have a stage and a status in the sets (and the text)."""
    assert isinstance(app.screen, DashboardScreen)
    return {
        r.programme
        for r in app.screen.rows
        if r.stage in stages and r.rag in rags and text in r.search
    }


def test_stage_and_rag_chips_filter_and_combine_with_typed_text() -> None:
    async def scenario(app: PmoApp, pilot: Pilot[None]) -> None:
        assert "27 of 27 programmes" in chip_bar(app)
        await pick(pilot, "T", "delivery")
        await pick(pilot, "A", "red", "amber")
        wanted = expected(app, {"delivery"}, {"red", "amber"})
        assert 0 < len(wanted) < 27
        assert set(row_keys(app)) == wanted
        assert "Stage: delivery" in chip_bar(app)
        assert "RAG: red, amber" in chip_bar(app)
        assert f"{len(wanted)} of 27 programmes" in chip_bar(app)
        await pilot.press("slash", *"children-families", "enter")
        await pilot.pause()
        narrower = expected(app, {"delivery"}, {"red", "amber"}, "children-families")
        assert 0 < len(narrower) < len(wanted)
        assert set(row_keys(app)) == narrower
        await pilot.press("4")  # sorting keeps the filter
        await pilot.pause()
        assert set(row_keys(app)) == narrower
        await pilot.press("escape")  # first the typed text goes
        await pilot.pause()
        assert set(row_keys(app)) == wanted
        await pilot.press("escape")  # then the chips
        await pilot.pause()
        assert table(app).row_count == 27
        assert "RAG: all" in chip_bar(app)


def test_tabs_are_built_when_first_shown() -> None:
    async def scenario(app: PmoApp, pilot: Pilot[None]) -> None:
        app.open_programme("cast-operating-model")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ProgrammeScreen)
        assert list(screen.built) == ["overview"]  # only the tab shown at open
        await pilot.press("right")
        await pilot.pause()
        assert screen.active == "business-case"
        assert list(screen.built) == ["overview", "business-case"]
        assert "Economics" in shown(screen)
        await pilot.press("left", "left")  # wraps round to the last tab
        await pilot.pause()
        assert screen.active == "finance"
        assert list(screen.built) == ["overview", "business-case", "finance"]
        await pilot.click("#tab-bar", offset=(3, 0))  # click the first title: back to Overview
        await pilot.pause()
        assert screen.active == "overview"
        assert len(screen.built) == 3  # built once, then kept

    drive(scenario)


def test_a_tab_comes_back_at_the_scroll_position_it_was_left_at() -> None:
    from textual.containers import VerticalScroll

    async def scenario(app: PmoApp, pilot: Pilot[None]) -> None:
        app.open_programme("send-sufficiency")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ProgrammeScreen)
        screen.action_show_tab("benefits")  # three charts: taller than the screen
        await pilot.pause()
        scroll = screen.query_one("#tab-scroll", VerticalScroll)
        assert scroll.max_scroll_y > 5
        scroll.scroll_to(y=5, animate=False)
        await pilot.pause()
        screen.action_show_tab("overview")
        await pilot.pause()
        assert scroll.scroll_y == 0
        screen.action_show_tab("benefits")
        await pilot.pause()
        assert scroll.scroll_y == 5

    drive(scenario)


def test_x_clears_every_filter_and_esc_in_the_picker_cancels() -> None:
    async def scenario(app: PmoApp, pilot: Pilot[None]) -> None:
        await pick(pilot, "S", "transformation")
        await pilot.press("slash", *"ai", "enter")
        await pilot.pause()
        assert 0 < table(app).row_count < 27
        await pilot.press("T", "space", "escape")  # ticked, then cancelled: nothing changes
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)
        assert not app.screen.filters.stage
        await pilot.press("x")
        await pilot.pause()
        assert table(app).row_count == 27
        assert app.screen.filters == app.screen.filters.__class__()
        assert not app.screen.query_one("#filter", Input).value

    drive(scenario)


def test_chips_sort_and_text_survive_a_reload() -> None:
    async def scenario(app: PmoApp, pilot: Pilot[None]) -> None:
        await pick(pilot, "T", "delivery")
        await pick(pilot, "A", "green")
        await pilot.press("slash", *"children", "enter", "7")
        await pilot.pause()
        before = app.screen
        shown = row_keys(app)
        assert 0 < len(shown) < 27
        app.reload()
        await app.workers.wait_for_complete()
        await pilot.pause()
        after = app.screen
        assert isinstance(after, DashboardScreen) and after is not before
        assert after.filters.stage == {"delivery"} and after.filters.rag == {"green"}
        assert after.filters.text == "children"
        assert after.query_one("#filter", Input).value == "children"
        assert after.sort_column == 6
        assert row_keys(app) == shown

    drive(scenario)


def test_chip_bindings_are_in_the_help() -> None:
    from pmo.tui.screens import binding_rows

    rows = dict(binding_rows([DashboardScreen]))
    assert rows["S"] == "Filter by Service (chips)"
    assert rows["T"] == "Filter by Stage (chips)"
    assert rows["A"] == "Filter by RAG (chips)"
    assert rows["x"] == "Clear all filters"


def test_help_shows_keys_as_typed_never_textual_key_names() -> None:
    import importlib
    import inspect
    import pkgutil

    from textual.binding import Binding

    import pmo.tui
    from pmo.tui.programme import ProgrammeScreen
    from pmo.tui.screens import binding_rows, key_label

    rows = dict(binding_rows([ProgrammeScreen]))
    assert rows["←/["] == "Previous tab"
    assert rows["j/↓"] == "Scroll down"
    labels = []
    for info in pkgutil.iter_modules(pmo.tui.__path__):
        if info.name in ("start", "early"):  # no bindings; importing them starts work
            continue
        module = importlib.import_module(f"pmo.tui.{info.name}")
        for _, cls in inspect.getmembers(module, inspect.isclass):
            for item in vars(cls).get("BINDINGS", []):
                if isinstance(item, Binding):
                    labels.append(key_label(item))
    assert labels
    assert [label for label in labels if "," in label or "_" in label] == []


def test_clicking_a_chip_opens_its_picker() -> None:
    from pmo.tui.chips import ChipPicker

    async def scenario(app: PmoApp, pilot: Pilot[None]) -> None:
        bar = chip_bar(app)
        await pilot.click("#chips", offset=(bar.index("Stage") + 1, 0))  # +1: the padding
        await pilot.pause()
        assert isinstance(app.screen, ChipPicker)
        assert app.screen.label == "Stage"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)


def test_benefits_tab_shows_a_trajectory_chart() -> None:
    async def scenario(app: PmoApp, pilot: Pilot[None]) -> None:
        app.open_programme("cast-operating-model")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ProgrammeScreen)
        assert "benefits" not in screen.built
        await pilot.press("left", "left", "left")  # Finance, Resources, Benefits
        await pilot.pause()
        assert screen.active == "benefits"
        text = shown(screen)
        assert "Realisation" in text  # the table stays above the charts
        assert text.index("Realisation") < text.index("▼ lower is better")
        assert "Lower average caseload per social worker (children)  ▼ lower is better" in text
        assert "Assessments completed within 45 days (%)  ▲ higher is better" in text
        assert text.count("·· planned") == 2
        assert "●" in text.split("·· planned")[0]  # measurements plotted in the first chart
        assert "no measurements yet" not in text

    drive(scenario)


def test_a_reload_frees_the_previous_dashboard_and_data() -> None:
    """Memory is settled after each load (the live heap is frozen out of garbage collection
    for smooth scrolling); what a reload replaces must still be freed, not leak."""
    import gc
    import weakref

    async def scenario(app: PmoApp, pilot: Pilot[None]) -> None:
        old = app.screen
        assert isinstance(old, DashboardScreen) and app.settled
        gone_screen = weakref.ref(old)
        gone_rows = weakref.ref(old.query_one("#programmes", DataTable))
        del old
        app.reload()
        deadline = time.monotonic() + 10
        while isinstance(app.screen, DashboardScreen) and app.screen is gone_screen():
            assert time.monotonic() < deadline
            await pilot.pause(0.05)
        while gone_screen() is not None or gone_rows() is not None:  # settled after a moment
            assert time.monotonic() < deadline, "the previous dashboard was never freed"
            await pilot.pause(0.05)
        assert gc.get_freeze_count() > 0

    drive(scenario)
