"""Pilot tests of live reload (the portfolio watcher) and report generation from the UI."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable

from pmo.report import writer
from pmo.tui.app import ErrorScreen, PmoApp
from pmo.tui.confirm import ConfirmWrite
from pmo.tui.dashboard import DashboardScreen
from pmo.tui.programme import ProgrammeScreen
from pmo.tui.view_base import ViewScreen
from pmo.tui.watch import signature
from tui_pilot import PERIOD, drive, notifications, sample_copy, until

PROG = "care-leavers-offer"
NAME = "Care Leavers' Local Offer to 25"
WATCH = 0.1


@pytest.fixture
def root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    return sample_copy(tmp_path, monkeypatch)


@pytest.fixture
def notes(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    return notifications(monkeypatch)


def row_name(app: PmoApp, programme: str) -> str | None:
    """The programme's name as the dashboard shows it (None until its row is there)."""
    tables = app.screen.query("#programmes").results(DataTable)
    table: DataTable[object] | None = next(iter(tables), None)
    if table is None or programme not in table.rows:
        return None
    return str(table.get_cell(programme, "0"))


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_signature_sees_yaml_changes_only(root: Path) -> None:
    before = signature(root)
    assert "portfolio.yaml" in [rel for rel, _, _ in before]
    assert any(rel.endswith(f"{PROG}/programme.yaml") for rel, _, _ in before)
    (root / "notes.txt").write_text("not yaml", encoding="utf-8")
    assert signature(root) == before
    edit(root / "programmes" / PROG / "programme.yaml", NAME, NAME + " (renamed)")
    assert signature(root) != before
    assert signature(root / "missing") == ()


def test_editing_a_name_updates_the_dashboard(root: Path) -> None:
    async def scenario(app: PmoApp, pilot: Pilot[None]) -> None:
        assert isinstance(app.screen, DashboardScreen)
        assert row_name(app, PROG) == NAME
        edit(root / "programmes" / PROG / "programme.yaml", f"name: {NAME}", "name: Renamed Offer")
        await until(
            pilot,
            lambda: (
                isinstance(app.screen, DashboardScreen) and row_name(app, PROG) == "Renamed Offer"
            ),
        )

    drive(scenario, root, watch=WATCH)


def test_a_reload_keeps_the_dashboard_cursor_on_its_programme(root: Path) -> None:
    async def scenario(app: PmoApp, pilot: Pilot[None]) -> None:
        first = app.screen
        assert isinstance(first, DashboardScreen)
        await pilot.press("1")  # by name
        await pilot.pause()
        table = first.query_one("#programmes", DataTable)
        table.move_cursor(row=table.get_row_index(PROG))
        await pilot.pause()
        # renamed to sort first: the row moves, the cursor follows the programme
        edit(root / "programmes" / PROG / "programme.yaml", f"name: {NAME}", "name: AAA Offer")
        await until(pilot, lambda: app.screen is not first and row_name(app, PROG) == "AAA Offer")
        screen = app.screen
        assert isinstance(screen, DashboardScreen)
        assert screen.cursor() == PROG
        assert screen.query_one("#programmes", DataTable).cursor_row == 0

    drive(scenario, root, watch=WATCH)


def test_a_reload_keeps_the_programme_tab(root: Path) -> None:
    async def scenario(app: PmoApp, pilot: Pilot[None]) -> None:
        app.open_programme(PROG)
        await pilot.pause()
        first = app.screen
        assert isinstance(first, ProgrammeScreen)
        first.action_show_tab("milestones")
        other = sorted(p for p in (root / "programmes").iterdir() if p.name != PROG)[0]
        (other / "programme.yaml").write_text(
            "# a comment\n" + (other / "programme.yaml").read_text(encoding="utf-8"),
            encoding="utf-8",
        )
        await until(pilot, lambda: app.screen is not first)
        await until(pilot, lambda: isinstance(app.screen, ProgrammeScreen))
        screen = app.screen
        assert isinstance(screen, ProgrammeScreen) and screen.active == "milestones"

    drive(scenario, root, watch=WATCH)


def test_a_reload_keeps_the_open_view_and_its_tab_below_the_programme(root: Path) -> None:
    async def scenario(app: PmoApp, pilot: Pilot[None]) -> None:
        await pilot.press("e")
        await until(pilot, lambda: isinstance(app.screen, ViewScreen))
        await pilot.press("]", "]")  # Q2, slippage
        await until(pilot, lambda: app.screen.active_tab() == "q2-slippage")  # type: ignore[attr-defined]
        app.open_programme(PROG, "milestones")
        await pilot.pause()
        first = app.screen
        app.reload()
        await until(pilot, lambda: app.screen is not first)
        await until(pilot, lambda: isinstance(app.screen, ProgrammeScreen))
        await pilot.press("escape")
        await pilot.pause()
        view = app.screen
        assert isinstance(view, ViewScreen) and view.id == "q2-view"
        assert view.active_tab() == "q2-slippage"

    drive(scenario, root)


def test_reload_keeps_the_open_programme(root: Path) -> None:
    async def scenario(app: PmoApp, pilot: Pilot[None]) -> None:
        app.open_programme(PROG)
        await pilot.pause()
        first = app.screen
        assert isinstance(first, ProgrammeScreen)
        edit(root / "programmes" / PROG / "programme.yaml", f"name: {NAME}", "name: Renamed Offer")
        await until(pilot, lambda: app.screen is not first)
        await until(pilot, lambda: isinstance(app.screen, ProgrammeScreen))
        assert app.loaded is not None
        assert app.loaded.data.programmes[PROG].name == "Renamed Offer"

    drive(scenario, root, watch=WATCH)


def test_broken_portfolio_shows_errors_then_recovers(root: Path) -> None:
    portfolio = root / "portfolio.yaml"
    good = portfolio.read_text(encoding="utf-8")

    async def scenario(app: PmoApp, pilot: Pilot[None]) -> None:
        assert isinstance(app.screen, DashboardScreen)
        portfolio.write_text("name: [unclosed\n", encoding="utf-8")
        await until(pilot, lambda: isinstance(app.screen, ErrorScreen))
        portfolio.write_text(good, encoding="utf-8")
        await until(
            pilot, lambda: isinstance(app.screen, DashboardScreen) and row_name(app, PROG) == NAME
        )
        assert len(app.screen_stack) == 2  # the error screen is gone, not under the dashboard

    drive(scenario, root, watch=WATCH)


def test_no_reload_while_a_modal_is_open(root: Path) -> None:
    async def scenario(app: PmoApp, pilot: Pilot[None]) -> None:
        dashboard = app.screen
        await pilot.press("question_mark")
        await pilot.pause()
        edit(root / "programmes" / PROG / "programme.yaml", f"name: {NAME}", "name: Renamed Offer")
        await pilot.pause(0.5)
        assert app.screen_stack[1] is dashboard
        await pilot.press("escape")
        await until(pilot, lambda: app.screen is not dashboard)
        await until(
            pilot,
            lambda: (
                isinstance(app.screen, DashboardScreen) and row_name(app, PROG) == "Renamed Offer"
            ),
        )

    drive(scenario, root, watch=WATCH)


def test_generate_report_writes_the_files(
    root: Path, tmp_path: Path, notes: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    go = threading.Event()
    real = writer.generate

    def held(*args: Any) -> writer.Written:
        go.wait(5)  # the report runs until the test has looked at the UI meanwhile
        return real(*args)

    monkeypatch.setattr(writer, "generate", held)

    async def scenario(app: PmoApp, pilot: Pilot[None]) -> None:
        app.report_out = out
        await pilot.press("R")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmWrite)  # says where first
        await pilot.press("y")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, DashboardScreen)
        assert len(screen.query("#report-progress")) == 1  # the spinner while it runs
        await pilot.press("s")  # the UI answers keys meanwhile: attention order -> by name
        assert screen.sort_column == 0
        assert not notes
        go.set()
        await until(pilot, lambda: any("written" in n for n in notes), limit=8)
        await until(pilot, lambda: len(app.screen.query("#report-progress")) == 0)

    drive(scenario, root, watch=WATCH)
    folder = out / PERIOD
    for name in ("dmt-report.md", "dmt-report.html", "snapshot.json"):
        assert (folder / name).is_file(), name
    assert any(f"Report for {PERIOD} written" in n and "dmt-report.md" in n for n in notes)


def test_generate_report_error_is_a_notification(
    root: Path, tmp_path: Path, notes: list[str]
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")

    async def scenario(app: PmoApp, pilot: Pilot[None]) -> None:
        app.report_out = blocker / "reports"
        await pilot.press("R", "y")
        await until(pilot, lambda: any("Report not written" in n for n in notes))
        assert isinstance(app.screen, DashboardScreen)

    drive(scenario, root, watch=WATCH)
    assert not any("Traceback" in n for n in notes)


def test_recovery_from_errors_returns_to_the_open_programme(root: Path) -> None:
    programme = root / "programmes" / PROG / "programme.yaml"
    portfolio = root / "portfolio.yaml"
    good = portfolio.read_text(encoding="utf-8")

    async def scenario(app: PmoApp, pilot: Pilot[None]) -> None:
        app.open_programme(PROG)
        await pilot.pause()
        assert isinstance(app.screen, ProgrammeScreen)
        portfolio.write_text("name: [unclosed\n", encoding="utf-8")
        await until(pilot, lambda: isinstance(app.screen, ErrorScreen))
        # an edit that still fails keeps the place remembered
        edit(programme, f"name: {NAME}", "name: Renamed Offer")
        await pilot.pause(0.5)
        assert isinstance(app.screen, ErrorScreen)
        portfolio.write_text(good, encoding="utf-8")
        await until(pilot, lambda: isinstance(app.screen, ProgrammeScreen))
        screen = app.screen
        assert isinstance(screen, ProgrammeScreen) and screen.programme_id == PROG
        assert app.loaded is not None
        assert app.loaded.data.programmes[PROG].name == "Renamed Offer"
        assert [type(s) for s in app.screen_stack[1:]] == [DashboardScreen, ProgrammeScreen]
        assert app.place is None
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)

    drive(scenario, root, watch=WATCH)


def test_recovery_keeps_the_dashboard_filters_and_quality_view(root: Path) -> None:
    from dataclasses import replace

    from pmo.tui.dashboard import Filters
    from pmo.tui.quality import QualityScreen

    portfolio = root / "portfolio.yaml"
    good = portfolio.read_text(encoding="utf-8")

    async def scenario(app: PmoApp, pilot: Pilot[None]) -> None:
        dashboard = app.screen
        assert isinstance(dashboard, DashboardScreen)
        dashboard.sort_column = 3
        dashboard.set_filters(replace(Filters(text="care"), stage=frozenset({"delivery"})))
        await pilot.press("v")
        await pilot.pause()
        assert isinstance(app.screen, QualityScreen)
        await pilot.press("down", "down")
        await pilot.pause()
        assert app.screen.row == 2
        portfolio.write_text("name: [unclosed\n", encoding="utf-8")
        await until(pilot, lambda: isinstance(app.screen, ErrorScreen))
        portfolio.write_text(good, encoding="utf-8")
        await until(pilot, lambda: isinstance(app.screen, QualityScreen))
        await pilot.pause()
        assert isinstance(app.screen, QualityScreen) and app.screen.row == 2  # same row
        await pilot.press("escape")
        await pilot.pause()
        back = app.screen
        assert isinstance(back, DashboardScreen) and back is not dashboard
        assert back.filters == Filters(text="care", stage=frozenset({"delivery"}))
        assert back.sort_column == 3
        assert row_name(app, PROG) == NAME  # care leavers: delivery, matches "care"

    drive(scenario, root, watch=WATCH)
