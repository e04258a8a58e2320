"""Pilot tests of the PMO actions: assurance form, drafting, and the data-quality view."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, Select, Static

from pmo.tui.actions import AssuranceForm, editor_command
from pmo.tui.app import PmoApp
from pmo.tui.confirm import ConfirmWrite
from pmo.tui.loading import shown
from pmo.tui.programme import ProgrammeScreen
from pmo.tui.quality import QualityScreen
from tui_pilot import PERIOD, drive, notifications, sample_copy, settle, static_text, until

PROG = "care-leavers-offer"
COMMENT = "# written by the programme manager, checked by the PMO"


@pytest.fixture
def root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    return sample_copy(tmp_path, monkeypatch)


@pytest.fixture
def notes(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    return notifications(monkeypatch)


def update_path(root: Path, period: str = PERIOD) -> Path:
    return root / "programmes" / PROG / "updates" / f"{period}.yaml"


async def open_form(app: PmoApp, pilot: Pilot[None]) -> AssuranceForm:
    app.open_programme(PROG)
    await pilot.pause()
    assert isinstance(app.screen, ProgrammeScreen)
    await pilot.press("a")
    await pilot.pause()
    form = app.screen
    assert isinstance(form, AssuranceForm)
    return form


def test_assurance_form_records_and_keeps_comments(root: Path, notes: list[str]) -> None:
    path = update_path(root)
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join([lines[0], COMMENT, *lines[1:]]) + "\n", encoding="utf-8")

    async def scenario(app: PmoApp, pilot: Pilot[None]) -> None:
        form = await open_form(app, pilot)
        assert form.rags == ("red", "amber", "green")
        form.query_one("#assurance-rag", Select).value = "amber"
        form.query_one("#assurance-note", Input).value = "Pathway slipping; watch January"
        await pilot.pause()
        preview = str(form.query_one("#assurance-preview", Static).content)
        assert shown(path) in preview and "rag amber" in preview
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert not isinstance(app.screen, AssuranceForm)
        assert isinstance(app.screen, ProgrammeScreen)  # reloaded, same programme
        assert any(n.startswith("Assurance recorded in ") for n in notes)
        assert app.loaded is not None
        update = app.loaded.data.update(PROG, PERIOD)
        assert update is not None and update.assurance is not None
        assert update.assurance.rag == "amber"

    drive(scenario, root)
    text = path.read_text(encoding="utf-8")
    assert COMMENT in text
    assert text.startswith("# yaml-language-server")
    assert "assurance:" in text
    assert "rag: amber" in text
    assert "by: PMO" in text


def test_assurance_starts_with_no_rating_and_enter_writes_nothing(
    root: Path, notes: list[str]
) -> None:
    path = update_path(root)
    before = path.read_text(encoding="utf-8")

    async def scenario(app: PmoApp, pilot: Pilot[None]) -> None:
        form = await open_form(app, pilot)
        assert form.query_one("#assurance-rag", Select).value is Select.NULL
        assert form.query_one("#assurance-note", Input).has_focus
        await pilot.press("enter")  # nothing chosen, empty note
        await pilot.pause()
        assert app.screen is form and "Enter does not save" in form.error
        form.query_one("#assurance-rag", Select).value = "red"
        await pilot.press(*"fine", "enter")
        await pilot.pause()
        assert app.screen is form
        await pilot.click("#assurance-cancel")
        await pilot.pause()
        assert not any(n.startswith("Assurance recorded") for n in notes)

    drive(scenario, root)
    assert path.read_text(encoding="utf-8") == before


def test_a_rating_that_differs_from_the_self_assessment_needs_a_note(
    root: Path, notes: list[str]
) -> None:
    path = update_path(root)
    before = path.read_text(encoding="utf-8")

    async def scenario(app: PmoApp, pilot: Pilot[None]) -> None:
        form = await open_form(app, pilot)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "choose the PMO's rating" in form.error
        assert form.self_assessed is not None
        other = next(r for r in form.rags if r != form.self_assessed)
        form.query_one("#assurance-rag", Select).value = other
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form and "a note saying why is required" in form.error

    drive(scenario, root)
    assert path.read_text(encoding="utf-8") == before


def test_assurance_refused_when_the_file_changed(root: Path, notes: list[str]) -> None:
    path = update_path(root)
    theirs = path.read_text(encoding="utf-8").replace(
        "summary:", "# the manager edited this meanwhile\nsummary:", 1
    )

    async def scenario(app: PmoApp, pilot: Pilot[None]) -> None:
        form = await open_form(app, pilot)
        path.write_text(theirs, encoding="utf-8")  # another writer, after the form read it
        form.query_one("#assurance-rag", Select).value = "red"
        form.query_one("#assurance-note", Input).value = "should not be written"
        await pilot.pause()
        await pilot.click("#assurance-save")
        await pilot.pause()
        assert app.screen is form  # still open, with the reason
        assert "changed on disk" in form.error
        assert not any(n.startswith("Assurance recorded") for n in notes)

    drive(scenario, root)
    assert path.read_text(encoding="utf-8") == theirs


def test_no_update_for_the_period_says_so(root: Path, notes: list[str]) -> None:
    async def scenario(app: PmoApp, pilot: Pilot[None]) -> None:
        app.open_programme("exploitation-county-lines")
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, ProgrammeScreen)
        assert any("no update for 2026-11" in n for n in notes)

    drive(scenario, root)


def test_draft_confirms_first_and_enter_writes_nothing(root: Path, notes: list[str]) -> None:
    async def scenario(app: PmoApp, pilot: Pilot[None]) -> None:
        app.open_programme(PROG)
        await pilot.pause()
        await pilot.press("d")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ConfirmWrite)
        body = static_text(dialog, "#confirm-body", 400)
        assert shown(update_path(root, "2026-12")) in body  # where
        assert "copy of the 2026-11 update" in body and "status: draft" in body  # what
        await pilot.press("enter")  # Cancel has the focus
        await settle(app, pilot)
        assert isinstance(app.screen, ProgrammeScreen)
        assert not update_path(root, "2026-12").exists()
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("escape")
        await settle(app, pilot)
        assert not update_path(root, "2026-12").exists()

    drive(scenario, root)
    assert not any(n.startswith("Drafted ") for n in notes)


def test_draft_writes_next_month_marked_draft_after_y(root: Path, notes: list[str]) -> None:
    async def scenario(app: PmoApp, pilot: Pilot[None]) -> None:
        app.open_programme(PROG)
        await pilot.pause()
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("y")
        await settle(app, pilot)
        assert any(n.startswith("Drafted ") for n in notes)

    drive(scenario, root)
    text = update_path(root, "2026-12").read_text(encoding="utf-8")
    assert "period: 2026-12\nstatus: draft\n" in text


def test_draft_is_for_the_reporting_month_when_missing_and_never_beyond_next(
    root: Path, notes: list[str]
) -> None:
    stale = "exploitation-county-lines"
    folder = root / "programmes" / stale / "updates"

    async def scenario(app: PmoApp, pilot: Pilot[None]) -> None:
        app.open_programme(stale)
        await pilot.pause()
        for _ in range(2):
            await pilot.press("d")
            await pilot.pause()
            await pilot.press("y")
            await settle(app, pilot)
            await until(pilot, lambda: isinstance(app.screen, ProgrammeScreen))
        await pilot.press("d")
        await settle(app, pilot)
        assert not isinstance(app.screen, ConfirmWrite)

    before = {p.stem for p in folder.iterdir()}
    assert "2026-11" not in before
    drive(scenario, root)
    assert {p.stem for p in folder.iterdir()} - before == {"2026-11", "2026-12"}
    assert any("nothing to draft" in n for n in notes)


def test_quality_view_lists_the_planted_warnings(root: Path, notes: list[str]) -> None:
    async def scenario(app: PmoApp, pilot: Pilot[None]) -> None:
        await pilot.press("v")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, QualityScreen)
        codes = {p.code for p in screen.problems}
        assert codes == {
            "missing-update",
            "stale-update",
            "no-path-to-green",
            "variance-no-narrative",
            "benefit-incomplete",
        }
        assert all(p.severity == "warning" for p in screen.problems)
        assert screen.query_one("#quality", DataTable).row_count == 5
        first = screen.problems[0]
        await pilot.press("enter")
        await pilot.pause()
        assert f"{shown(first.file)}:{first.line}" in notes[-1]
        assert isinstance(app.screen, QualityScreen)

    drive(scenario, root)


def test_editor_command() -> None:
    path = Path("/p/a.yaml")
    assert editor_command("vim", path, 7) == ["vim", "+7", "/p/a.yaml"]
    assert editor_command("code --wait", path, 7) == ["code", "--wait", "-g", "/p/a.yaml:7"]
    assert editor_command("/usr/bin/code-insiders", path, 0)[-1] == "/p/a.yaml:1"


def test_help_lists_the_actions() -> None:
    from pmo.tui.dashboard import DashboardScreen
    from pmo.tui.screens import binding_rows

    rows = dict(binding_rows([ProgrammeScreen]))
    assert rows["a"] == "Record the PMO's assurance rating and note (Ctrl+S saves)"
    assert rows["d"].startswith("Draft the reporting month's update (or next month's)")
    rows = dict(binding_rows([DashboardScreen]))
    assert rows["a"].startswith("Record the PMO's assurance on the programme under the cursor")
    assert rows["d"].startswith("Draft the update of the programme under the cursor")
    rows = dict(binding_rows([PmoApp]))
    assert rows["v"] == "Data quality: every validation problem (Enter opens the file)"
