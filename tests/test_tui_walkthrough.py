"""What a new user met walking through the TUI at 80×24: roles in words, the RAG grid's dashes
in line, the draft dialog's indents, dialogs titled by name, the exceptions' path to green."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.coordinate import Coordinate
from textual.pilot import Pilot
from textual.widgets import DataTable

from pmo.present.numbers import DASH
from pmo.present.words import NO_PATH_TO_GREEN, path_to_green, role_title
from pmo.tui.actions import AssuranceForm
from pmo.tui.app import PmoApp
from pmo.tui.confirm import ConfirmWrite
from pmo.tui.programme import ProgrammeScreen
from tui_pilot import drive, plain, sample_copy, screen_text, static_text, tab_text

SMALL = (80, 24)
ROLE_SLUGS = ("programme-manager", "project-manager", "business-analyst", "change-manager")


@pytest.fixture
def root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    return sample_copy(tmp_path, monkeypatch)


def test_capacity_heatmap_names_roles_in_words_keyed_by_their_slugs() -> None:
    async def scenario(app: PmoApp, pilot: Pilot[None]) -> None:
        await pilot.press("c")
        await pilot.pause()
        heat: DataTable[Any] = app.screen.query_one("#capacity-heatmap", DataTable)
        roles = [plain(heat.get_row_at(n)[0]) for n in range(heat.row_count)]
        keys = [str(row.key.value) for row in heat.ordered_rows]
        assert roles == [role_title(key) for key in keys]
        assert "Programme manager" in roles and "Business analyst" in roles
        heat.move_cursor(row=keys.index("business-analyst"), column=1)
        await pilot.press("enter")
        await pilot.pause()
        title = static_text(app.screen, "#capacity-demand-title", 200)
        assert title.startswith("Business analyst, ")
        assert not any(slug in screen_text(app) for slug in ROLE_SLUGS)

    drive(scenario, size=SMALL)


def test_resources_tab_names_roles_in_words() -> None:
    async def scenario(app: PmoApp, pilot: Pilot[None]) -> None:
        app.open_programme("home-to-school-transport")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ProgrammeScreen)
        screen.action_show_tab("resources")
        await pilot.pause()
        text = tab_text(screen, 80)
        assert "Programme manager" in text
        assert not any(slug in text for slug in ROLE_SLUGS)

    drive(scenario, size=SMALL)


def test_rag_grid_dashes_of_stale_and_missing_rows_line_up_with_the_letters() -> None:
    async def scenario(app: PmoApp, pilot: Pilot[None]) -> None:
        await pilot.press("e")
        await pilot.pause()
        lines = screen_text(app).splitlines()
        green = next(line for line in lines if "  green " in line and " G " in line)
        letters = [n for n, char in enumerate(green) if char == "G" and green[n - 1] == " "]
        for status in ("stale", "missing"):
            row = next(line for line in lines if f"  {status} " in line)
            dashes = [n for n, char in enumerate(row) if char == DASH]
            assert dashes == letters, (row, green)

    drive(scenario, size=SMALL)


def test_draft_dialog_keeps_the_indent_of_its_wrapped_lines(root: Path) -> None:
    async def scenario(app: PmoApp, pilot: Pilot[None]) -> None:
        app.open_programme("cast-operating-model")
        await pilot.pause()
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmWrite)
        lines = screen_text(app).splitlines()
        first = next(n for n, line in enumerate(lines) if "a copy of the 2026-11" in line)
        last = next(n for n, line in enumerate(lines) if "Nothing is written" in line)
        indent = len(lines[first - 1]) - len(lines[first - 1].lstrip("█ "))
        body = lines[first:last]
        assert len(body) >= 3  # the indented items wrap at 80 columns
        for line in body:
            assert len(line) - len(line.lstrip("█ ")) == indent + 2, line

    drive(scenario, root, size=SMALL)


def test_assurance_and_draft_dialogs_are_titled_with_the_programme_name(root: Path) -> None:
    async def scenario(app: PmoApp, pilot: Pilot[None]) -> None:
        assert app.loaded is not None
        name = app.loaded.data.name_of("cast-operating-model")
        app.open_programme("cast-operating-model")
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, AssuranceForm)
        title = static_text(app.screen, "#assurance-title", 200)
        assert name in title and "cast-operating-model" not in title
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmWrite)
        assert name in static_text(app.screen, "#confirm-title", 200)

    drive(scenario, root)


def test_exceptions_say_no_path_to_green_given_as_pmo_status_does() -> None:
    async def scenario(app: PmoApp, pilot: Pilot[None]) -> None:
        await pilot.press("e", "right_square_bracket")
        await pilot.pause()
        table: DataTable[Any] = app.screen.query_one("#exceptions", DataTable)
        keys = [str(row.key.value) for row in table.ordered_rows]
        rows = [
            table.get_row_at(n)
            for n, key in enumerate(keys)
            if key.startswith("short-breaks-gateway-digital/")
        ]
        details = [plain(cells[3]) for cells in rows if plain(cells[1]) == "rating"]
        assert details == [NO_PATH_TO_GREEN]
        row = keys.index(next(k for k in keys if k.startswith("short-breaks-gateway-digital/")))
        table.cursor_coordinate = Coordinate(row, 0)
        await pilot.pause()
        detail = static_text(app.screen, "#detail-exceptions", 200)
        assert NO_PATH_TO_GREEN in detail and "path to green: –" not in detail

    drive(scenario)


def test_path_to_green_is_worded_once_for_status_and_the_tui() -> None:
    assert path_to_green(None) == path_to_green("  ") == NO_PATH_TO_GREEN
    assert path_to_green(" Agency drivers ") == "path to green: Agency drivers"
