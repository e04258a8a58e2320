"""One rule of what is unreadable (DESIGN.md §10): a programme.yaml, programme folder or update
with any error from `pmo validate` is not used, and the programme stays counted and listed as
unreadable with the file named, alike in `pmo status`, the report and the TUI dashboard."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any, NamedTuple

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable

from pmo.cli import main
from pmo.tui.app import PmoApp
from pmo.tui.dashboard import DashboardScreen
from pmo.tui.quality import QualityScreen
from test_catalogue import ALPHA, BASE, BETA, NOV, apply_edits
from tui_pilot import drive

TODAY = date(2026, 11, 23)
DECISION = "Approve a two-week extension"  # asked in alpha's November update


class Case(NamedTuple):
    breaks: Callable[[Path], None]
    unreadable: str  # the programme counted as unreadable
    named: str  # the file named for it, relative to the portfolio
    programmes: int  # programmes counted, the unreadable one included


def _edit(edits: dict[str, Any]) -> Callable[[Path], None]:
    return lambda root: apply_edits(root, edits)


def _copy_alpha(root: Path) -> None:
    shutil.copytree(root / "programmes" / "alpha", root / "programmes" / "alpha-copy")


CASES = {
    "missing-programme-yaml": Case(_edit({BETA: None}), "beta", "programmes/beta", 2),
    "duplicate-programme-id": Case(
        _copy_alpha, "alpha-copy", "programmes/alpha-copy/programme.yaml:1", 3
    ),
    "period-mismatch": Case(
        _edit({NOV: ("period: 2026-11", "period: 2026-10")}),
        "alpha",
        "programmes/alpha/updates/2026-11.yaml:1",
        2,
    ),
    "duplicate-milestone-id": Case(
        _edit({ALPHA: ("  - id: lot-2-awarded", "  - id: routing-live")}),
        "alpha",
        "programmes/alpha/programme.yaml:33",
        2,
    ),
}


@pytest.fixture
def root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The catalogue's clean two-programme portfolio, copied; today is 2026-11-23."""
    target = tmp_path / "portfolio"
    shutil.copytree(BASE, target)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr("pmo.clock.today", lambda: TODAY)
    return target


def _status(root: Path, capsys: pytest.CaptureFixture[str]) -> tuple[dict[str, Any], str]:
    assert main(["status", str(root), "--period", "2026-11", "--format", "json"]) == 0
    out, err = capsys.readouterr()
    return json.loads(out), err


def _report(root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    out = tmp_path / "reports"
    assert main(["report", str(root), "--period", "2026-11", "--out", str(out)]) == 0
    capsys.readouterr()
    (markdown,) = (out / "2026-11").glob("*.md")
    return markdown.read_text(encoding="utf-8")


def _dashboard(root: Path) -> dict[str, str]:
    """Each programme the TUI dashboard lists, with its status."""
    shown: dict[str, str] = {}

    async def scenario(app: PmoApp, pilot: Pilot[None]) -> None:
        screen = app.screen
        assert isinstance(screen, DashboardScreen)
        shown.update({row.programme: row.rag for row in screen.rows})

    drive(scenario, root)
    return shown


@pytest.mark.parametrize("case", list(CASES.values()), ids=list(CASES))
def test_a_programme_file_with_an_error_is_unreadable_alike_everywhere(
    case: Case, root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    case.breaks(root)
    status, warned = _status(root, capsys)
    rows = {s["programme"]: s for s in status["q2"]["statuses"]}
    assert rows[case.unreadable]["status"] == "unreadable"
    assert status["q2"]["counts"]["unreadable"] == 1
    assert case.named in " ".join(status["q2_sentences"])
    assert case.named in warned  # stderr: what is left out, and where
    report = _report(root, tmp_path, capsys)
    confidence = next(line for line in report.splitlines() if "Data confidence" in line)
    assert "1 unreadable (" in confidence and "0 unreadable" not in confidence
    assert case.named in report
    assert "1 error and " in report and "1 errors" not in report  # the annex's count
    assert DECISION not in report or case.unreadable != "alpha"  # its data is not used
    dashboard = _dashboard(root)
    assert len(dashboard) == case.programmes
    assert dashboard[case.unreadable] == "unreadable"
    assert [p for p, s in dashboard.items() if s == "unreadable"] == [case.unreadable]
    assert {p for p, s in rows.items() if s["status"] == "unreadable"} == {case.unreadable}


def test_a_clean_portfolio_has_nothing_unreadable_anywhere(
    root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, warned = _status(root, capsys)
    assert status["q2"]["counts"]["unreadable"] == 0 and warned == ""
    assert DECISION in _report(root, tmp_path, capsys)  # the decision test above can fail
    assert "unreadable" not in _dashboard(root).values()


def test_enter_on_a_folder_without_programme_yaml_opens_its_problem(root: Path) -> None:
    (root / BETA).unlink()
    apply_edits(root, {NOV: ("path_to_green: Re-plan", "next_steps: Re-plan")})  # listed first
    found: list[str] = []

    async def scenario(app: PmoApp, pilot: Pilot[None]) -> None:
        app.open_programme("beta")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, QualityScreen)
        table = screen.query_one("#quality", DataTable)
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        assert key is not None
        found.append(screen.by_key[key].code)

    drive(scenario, root)
    assert found == ["missing-programme-file"]
