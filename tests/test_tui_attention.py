"""Attention first: the default order, the PMO column, sort marks, and columns that fit."""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.text import Text
from textual.pilot import Pilot
from textual.widgets import DataTable, Static

from pmo.tui.app import PmoApp
from pmo.tui.dashboard import DashboardScreen
from pmo.tui.dashboard_rows import attention_key
from pmo.tui.programme import ProgrammeScreen
from pmo.tui.tables import fit_columns
from tui_pilot import drive, notifications, plain, sample_copy, settle, tab_text


def table(app: PmoApp) -> DataTable[Text]:
    return app.screen.query_one("#programmes", DataTable)


def statuses(app: PmoApp) -> list[str]:
    t = table(app)
    return [plain(t.get_cell(key, "3")).strip() for key in t.rows]


def test_attention_tiers_come_in_order() -> None:
    keys = [
        attention_key("green", 2, True, None, False),  # a watermelon
        attention_key("amber", 1, False, None, False),  # evidence flags
        attention_key("red", 0, False, None, False),
        attention_key("amber-red", 0, False, None, False),
        attention_key("green", 0, False, "red", False),  # the PMO rates it red
        attention_key("unreadable", 0, False, None, False),
        attention_key("stale", 0, False, None, False),
        attention_key("amber", 0, False, None, True),  # an amber run
        attention_key("amber", 0, False, None, False),
        attention_key("green", 0, False, None, False),
    ]
    assert keys == sorted(keys)


def test_the_dashboard_opens_in_attention_order_and_says_so() -> None:
    async def scenario(app: PmoApp, pilot: Pilot[None]) -> None:
        screen = app.screen
        assert isinstance(screen, DashboardScreen) and screen.sort_column is None
        rows = screen.visible_rows()
        assert [r.attention for r in rows] == sorted(r.attention for r in rows)
        shown = statuses(app)
        greens = [n for n, s in enumerate(shown) if s == "green" and not rows[n].attention[1]]
        no_report = [n for n, s in enumerate(shown) if s in ("stale", "missing")]
        assert no_report and greens and max(no_report) < min(greens)  # stale above plain green
        chips = str(screen.query_one("#chips", Static).render())
        assert chips.startswith("27 of 27 programmes, attention order")

    drive(scenario)


def test_sorting_marks_the_header_and_0_returns_to_attention() -> None:
    async def scenario(app: PmoApp, pilot: Pilot[None]) -> None:
        await pilot.press("4")
        await pilot.pause()
        labels = [plain(c.label) for c in table(app).ordered_columns]
        assert "RAG ▲" in labels
        await pilot.press("4")
        await pilot.pause()
        assert "RAG ▼" in [plain(c.label) for c in table(app).ordered_columns]
        await pilot.press("0")
        await pilot.pause()
        assert not [c for c in table(app).ordered_columns if "▲" in plain(c.label)]
        assert isinstance(app.screen, DashboardScreen) and app.screen.sort_column is None

    drive(scenario)


def test_the_pmo_rating_is_a_column_and_on_the_overview(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = sample_copy(tmp_path, monkeypatch)
    update = root / "programmes" / "care-leavers-offer" / "updates" / "2026-11.yaml"
    update.write_text(
        update.read_text(encoding="utf-8")
        + "assurance: { rag: red, note: evidence thin, by: PMO, date: 2026-11-20 }\n",
        encoding="utf-8",
    )

    async def scenario(app: PmoApp, pilot: Pilot[None]) -> None:
        t = table(app)
        assert plain(t.get_cell("care-leavers-offer", "6")).strip() == "red"
        rows = {r.programme: r for r in app.screen.visible_rows()}  # type: ignore[attr-defined]
        assert rows["care-leavers-offer"].attention[0] == 2  # the PMO's red tier
        app.open_programme("care-leavers-offer")
        await pilot.pause()
        assert isinstance(app.screen, ProgrammeScreen)
        body = tab_text(app.screen)
        assert "PMO assurance 2026-11  red  — evidence thin (PMO 2026-11-20)" in body

    drive(scenario, root)


def test_at_80_columns_the_name_stays_and_rag_words_are_whole() -> None:
    async def scenario(app: PmoApp, pilot: Pilot[None]) -> None:
        t = table(app)
        keys = [str(c.key.value) for c in t.ordered_columns]
        assert keys[0] == "0" and {"3", "5", "6"} <= set(keys)  # name, RAG, flags, PMO
        assert "2" not in keys and "1" not in keys  # stage and service went first
        assert t.fixed_columns == 1
        widths = {str(c.key.value): c.width for c in t.ordered_columns}
        words = [plain(r.cells[3]) for r in app.screen.visible_rows()]  # type: ignore[attr-defined]
        assert widths["3"] >= max(len(w) for w in words) >= len(" missing ")
        assert sum(w + 2 for w in widths.values()) <= 80
        footer = " ".join(k.key for k in app.screen.query("FooterKey"))  # type: ignore[attr-defined]
        assert footer.startswith("question_mark q")

    drive(scenario, size=(80, 24))


def test_at_220_columns_every_column_shows_and_names_are_whole() -> None:
    async def scenario(app: PmoApp, pilot: Pilot[None]) -> None:
        t = table(app)
        assert len(t.ordered_columns) == 10
        names = [r.cells[0] for r in app.screen.visible_rows()]  # type: ignore[attr-defined]
        longest = max(len(plain(n)) for n in names)
        assert t.ordered_columns[0].width == longest

    drive(scenario, size=(220, 60))


def test_fit_drops_in_order_and_gives_the_name_the_room_left() -> None:
    fit = fit_columns([40, 10, 10, 10], 50, flexible=0, minimum=20, drop_order=[2, 1])
    assert fit.shown == (0, 1, 3) and fit.widths[0] == 50 - 24 - 2
    wide = fit_columns([40, 10, 10, 10], 200, flexible=0, minimum=20, drop_order=[2, 1])
    assert wide.shown == (0, 1, 2, 3) and wide.widths[0] == 40


def test_j_k_g_and_shift_g_move_in_the_list() -> None:
    async def scenario(app: PmoApp, pilot: Pilot[None]) -> None:
        t = table(app)
        await pilot.press("j", "j", "k")
        assert t.cursor_row == 1
        await pilot.press("G")
        assert t.cursor_row == t.row_count - 1
        await pilot.press("g")
        assert t.cursor_row == 0
        await pilot.press("end")
        assert t.cursor_row == t.row_count - 1
        await pilot.press("home")
        assert t.cursor_row == 0

    drive(scenario)


def test_p_switches_the_reporting_period_in_the_app(monkeypatch: pytest.MonkeyPatch) -> None:
    notes = notifications(monkeypatch)

    async def scenario(app: PmoApp, pilot: Pilot[None]) -> None:
        await pilot.press("p")
        await pilot.pause()
        await pilot.press("down", "enter")  # the month before
        await settle(app, pilot)
        assert app.loaded is not None and app.loaded.period == "2026-10"
        assert isinstance(app.screen, DashboardScreen)

    drive(scenario)
    assert "Showing 2026-10" in notes
