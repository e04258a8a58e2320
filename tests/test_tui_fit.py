"""Any terminal size and the list keys everywhere: the Updates tab at 80 columns, j/k/g/G in
every list (the scenario's candidates too)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable, Static, TabbedContent

from pmo.model.update import DIMENSIONS
from pmo.present.rag import RAG_SHORT
from pmo.tui.app import PmoApp
from pmo.tui.programme import ProgrammeScreen
from pmo.tui.quality import QualityScreen, fitted_path
from pmo.tui.screens import HelpScreen
from pmo.tui.tables import FLEXIBLE_MINIMUM, ListTable
from pmo.tui.updates_tab import SHORT_HEADERS
from tui_pilot import drive, plain, sample_copy, screen_text, static_text, tab_text

PROG = "cast-operating-model"
UPDATE = Path("programmes") / PROG / "updates" / "2026-11.yaml"
RATED = {
    "overall: green": "overall: amber-green",
    "schedule: amber": "schedule: amber-red",
    "cost: green": "cost: amber-green",
    "resources: red": "resources: amber-red",
}
"""The widest ratings (amber-green, amber-red) in the November update."""


@pytest.fixture
def root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    copy = sample_copy(tmp_path, monkeypatch)
    path = copy / UPDATE
    text = path.read_text(encoding="utf-8")
    for old, new in RATED.items():
        assert old in text
        text = text.replace(old, new, 1)
    path.write_text(text, encoding="utf-8")
    config = copy / "portfolio.yaml"  # five-point ratings are errors on a three-point scale
    scale = config.read_text(encoding="utf-8").replace(
        "rag_scale: three-point", "rag_scale: five-point"
    )
    config.write_text(scale, encoding="utf-8")
    return copy


def shown_updates(app: PmoApp) -> tuple[ProgrammeScreen, list[str]]:
    """The Updates tab as drawn in its widget's width: its lines."""
    screen = app.screen
    assert isinstance(screen, ProgrammeScreen) and screen.active == "updates"
    width = screen.query_one("#tab-body", Static).content_region.width
    assert 0 < width <= app.size.width
    return screen, tab_text(screen, width).splitlines()


def test_at_80_by_24_every_rag_dimension_of_an_update_is_shown_whole(root: Path) -> None:
    async def scenario(app: PmoApp, pilot: Pilot[None]) -> None:
        app.open_programme(PROG, "updates")
        await pilot.pause()
        _, lines = shown_updates(app)
        header, november = lines[0], lines[1]
        for name in ("overall", *DIMENSIONS):
            assert SHORT_HEADERS[name] in header.split()
        assert "…" not in header
        assert november.split()[:8] == [
            "2026-11",
            RAG_SHORT["amber-green"],  # overall
            RAG_SHORT["amber-red"],  # schedule
            RAG_SHORT["amber-green"],  # cost
            RAG_SHORT["green"],  # scope
            RAG_SHORT["amber-red"],  # resources
            RAG_SHORT["green"],  # risks
            RAG_SHORT["green"],  # benefits
        ]
        assert "Programme remains" in november  # the summary keeps some room
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        legend = dict(app.screen.sections[1][1])
        assert any("A/G" in mark for mark in legend)  # the short forms are explained

    drive(scenario, root, size=(80, 24))


def test_a_wide_terminal_shows_the_rating_words_and_resizing_rebuilds_the_tab(
    root: Path,
) -> None:
    async def scenario(app: PmoApp, pilot: Pilot[None]) -> None:
        app.open_programme(PROG, "updates")
        await pilot.pause()
        _, lines = shown_updates(app)
        assert lines[0].split()[:3] == ["Period", "Overall", "Schedule"]
        assert lines[1].split()[:3] == ["2026-11", "amber-green", "amber-red"]
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        _, narrow = shown_updates(app)
        assert narrow[1].split()[:3] == ["2026-11", "A/G", "A/R"]

    drive(scenario, root, size=(160, 48))


def test_j_k_g_shift_g_home_and_end_move_in_the_scenario_candidates() -> None:
    async def scenario(app: PmoApp, pilot: Pilot[None]) -> None:
        await pilot.press("c")
        await pilot.pause()
        app.screen.query_one("#q1-tabs", TabbedContent).active = "q1-scenario"
        await pilot.pause()
        table = app.screen.query_one("#scenario-candidates", DataTable)
        table.focus()
        await pilot.pause()
        assert isinstance(table, ListTable) and table.row_count > 3
        await pilot.press("j", "j", "k")
        assert table.cursor_row == 1
        await pilot.press("G")
        assert table.cursor_row == table.row_count - 1
        await pilot.press("g")
        assert table.cursor_row == 0
        await pilot.press("end")
        assert table.cursor_row == table.row_count - 1
        await pilot.press("home")
        assert table.cursor_row == 0

    drive(scenario)


@pytest.mark.parametrize("key", ["c", "e", "b", "h", "v"])
def test_every_list_with_a_cursor_has_the_list_keys(key: str) -> None:
    async def scenario(app: PmoApp, pilot: Pilot[None]) -> None:
        await pilot.press(key)
        await pilot.pause()
        tables = list(app.screen.query(DataTable))
        assert tables
        for table in tables:
            if table.cursor_type != "none":
                assert isinstance(table, ListTable), table.id

    drive(scenario)


def test_at_80_columns_a_views_name_column_is_pinned_and_gives_way() -> None:
    async def scenario(app: PmoApp, pilot: Pilot[None]) -> None:
        await pilot.press("e")  # Q2, the RAG grid: short ratings, so nothing scrolls away
        await pilot.pause()
        await pilot.pause()
        grid = app.screen.query_one("#rag-grid", ListTable)
        name = grid.ordered_columns[0]
        longest = max(len(plain(c)) for c in grid.get_column_at(0))
        assert grid.fixed_columns == 1
        assert FLEXIBLE_MINIMUM <= name.width < longest  # cut to leave room for the ratings
        assert sum(c.get_render_width(grid) for c in grid.ordered_columns) <= 80
        await pilot.press("right_square_bracket", "right_square_bracket")  # Slippage: wide
        await pilot.pause()
        await pilot.pause()
        slips = app.screen.query_one("#slippage", ListTable)
        assert slips.fixed_columns == 1 and slips.virtual_size.width > 80
        before = slips.scroll_x
        await pilot.press("shift+right")
        await pilot.pause()
        assert slips.scroll_x > before  # the rest is reachable sideways, the name stays
        await pilot.press("shift+left")
        await pilot.pause()
        assert slips.scroll_x == before

    drive(scenario, size=(80, 24))


def test_at_220_columns_a_views_names_are_whole() -> None:
    async def scenario(app: PmoApp, pilot: Pilot[None]) -> None:
        await pilot.press("e")
        await pilot.pause()
        await pilot.pause()
        grid = app.screen.query_one("#rag-grid", ListTable)
        longest = max(len(plain(c)) for c in grid.get_column_at(0))
        assert grid.ordered_columns[0].width == longest
        assert grid.virtual_size.width <= 220

    drive(scenario, size=(220, 60))


@pytest.mark.parametrize("size", [(80, 24), (220, 60)])
def test_exceptions_share_the_width_between_name_and_detail(size: tuple[int, int]) -> None:
    async def scenario(app: PmoApp, pilot: Pilot[None]) -> None:
        await pilot.press("e", "right_square_bracket")
        await pilot.pause()
        await pilot.pause()
        table = app.screen.query_one("#exceptions", ListTable)
        name, detail = table.ordered_columns[0], table.ordered_columns[3]
        longest = max(len(plain(c)) for c in table.get_column_at(0))
        if size[0] >= 220:
            assert name.width == longest  # names whole, the detail takes the rest
            assert table.virtual_size.width <= size[0]
            assert detail.width >= 100
        else:
            assert name.width == FLEXIBLE_MINIMUM  # both give way, the detail pane has it all
            assert detail.width >= 30

    drive(scenario, size=size)


def test_at_80_columns_the_help_shows_what_each_key_does() -> None:
    async def scenario(app: PmoApp, pilot: Pilot[None]) -> None:
        await pilot.press("v", "question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        body = app.screen.query_one("#help-body", Static)
        width = body.content_region.width
        assert 0 < width <= 80
        text = tab_text_of(body, width)
        assert any(line.split()[:2] == ["escape", "Back"] for line in text)
        assert any(line.split()[:2] == ["q", "Quit"] for line in text)

    drive(scenario, size=(80, 24))


def test_at_80_columns_data_quality_shows_each_file_name_and_code_whole() -> None:
    async def scenario(app: PmoApp, pilot: Pilot[None]) -> None:
        await pilot.press("v")
        await pilot.pause()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, QualityScreen)
        table = screen.query_one("#quality", ListTable)
        assert table.fixed_columns == 0
        assert [plain(c.label) for c in table.ordered_columns] == [
            "Severity",
            "File",
            "Line",
            "Code",
        ]  # the field and the message: on the detail line
        width = sum(c.get_render_width(table) for c in table.ordered_columns)
        assert width <= 80 - 2
        shown = screen_text(app)
        for p in screen.problems:
            row = next(line for line in shown.splitlines() if f" {p.code}" in line)
            name = p.file.name
            end = f"updates/{name}" if p.file.parent.name == "updates" else f"/{name}"
            assert end in row, row  # the file's own name whole, the code whole
            assert p.file.parts[-3 if p.file.parent.name == "updates" else -2][:10] in row
        await pilot.press("down")
        await pilot.pause()
        second = screen.problems[1]
        detail = " ".join(static_text(screen, "#quality-detail", 78).split())
        assert second.message in detail

    drive(scenario, size=(80, 24))


def test_a_wide_data_quality_list_shows_the_message_beside_the_file() -> None:
    async def scenario(app: PmoApp, pilot: Pilot[None]) -> None:
        await pilot.press("v")
        await pilot.pause()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, QualityScreen)
        table = screen.query_one("#quality", ListTable)
        labels = [plain(c.label) for c in table.ordered_columns]
        assert labels[:2] == ["Severity", "File"] and labels[-1] == "Message"
        assert all(plain(c).startswith("programmes/") for c in table.get_column_at(1))
        assert "Message" in screen_text(app).splitlines()[2]

    drive(scenario, size=(140, 45))


@pytest.mark.parametrize(
    ("path", "width", "shown"),
    [
        ("portfolio.yaml", 20, "portfolio.yaml"),
        ("programmes/abc/programme.yaml", 40, "programmes/abc/programme.yaml"),
        (
            "programmes/connected-carers-assessments/programme.yaml",
            46,
            "…/connected-carers-assessments/programme.yaml",
        ),
        (
            "programmes/connected-carers-assessments/programme.yaml",
            38,
            "…/connected-carers-ass…/programme.yaml",
        ),
        (
            "programmes/short-breaks-gateway-digital/updates/2026-11.yaml",
            37,
            "…/short-breaks-…/updates/2026-11.yaml",
        ),
    ],
)
def test_a_long_file_path_is_cut_in_the_middle_keeping_its_name(
    path: str, width: int, shown: str
) -> None:
    assert fitted_path(path, width) == shown
    assert len(fitted_path(path, width)) <= width


def tab_text_of(widget: Static, width: int) -> list[str]:
    """A Static's content as printed in ``width`` cells: its lines."""
    import io

    from rich.console import Console

    console = Console(file=io.StringIO(), width=width)
    console.print(widget.content)
    return console.file.getvalue().splitlines()  # type: ignore[attr-defined,no-any-return]


@pytest.mark.parametrize("size", [(80, 24), (220, 60)])
def test_the_dashboard_shows_each_answers_first_sentence_whole_with_the_list_below(
    size: tuple[int, int],
) -> None:
    """An officer on a small terminal reads the verdicts whole (wrapped, never cut with …);
    the programme list keeps most of the screen."""
    seen: dict[str, Any] = {}

    async def scenario(app: PmoApp, pilot: Pilot[None]) -> None:
        assert app.loaded is not None
        a = app.loaded.answers
        seen["sentences"] = [s[0] for s in (a.q1_sentences, a.q2_sentences, a.q3_sentences)]
        seen["screen"] = screen_text(app)
        table = app.screen.query_one("#programmes", DataTable)
        seen["rows on screen"] = table.region.height - 1  # less its header

    drive(scenario, size=size)
    lines = seen["screen"].splitlines()
    chips = next(n for n, line in enumerate(lines) if "attention order" in line)
    shown = lines[1:chips]  # between the header and the chip bar
    assert "…" not in "\n".join(shown)
    words = " ".join(" ".join(shown).split())
    for label, sentence in zip(("Q1", "Q2", "Q3"), seen["sentences"], strict=True):
        assert f"{label} {sentence}" in words, sentence
    assert seen["rows on screen"] >= (10 if size == (80, 24) else 40)
