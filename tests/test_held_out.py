"""Held-out probes of issue 11's rules, each in every front end the issue names: `pmo status`
(text and JSON), `pmo scenario`, the report (Markdown and HTML) and the TUI."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable

from pmo.cli import main
from pmo.tui.app import PmoApp
from pmo.tui.banner import UnreadableBanner
from pmo.tui.programme import ProgrammeScreen
from test_honest_everywhere import ALPHA, NOV, edit, nowhere, run_all
from test_honest_everywhere import root as root  # the fixture: the catalogue's base, copied
from tui_pilot import drive, plain, tab_text

NEGATIVE_PERCENT = r"(?<![\w£])[-−]\d+(\.\d+)?%"


def _update(root: Path, period: str, submitted: str | None = None) -> Path:
    """A copy of alpha's November update for ``period`` (submitted on ``submitted``)."""
    text = (root / NOV).read_text(encoding="utf-8").replace("2026-11", period)
    if submitted is not None:
        text = re.sub(r"submitted: .*", f"submitted: {submitted}", text)
    path = root / "programmes" / "alpha" / "updates" / f"{period}.yaml"
    path.write_text(text, encoding="utf-8")
    return path


# --- 7. a benefit moving away: values, never a negative percentage, in every table -------


def test_a_benefit_worse_than_its_baseline_reads_moving_away_in_every_table_not_a_negative_percent(
    root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edit(root, NOV, "cost-per-pupil: 6050", "cost-per-pupil: 6800")
    out = run_all(root, capsys)
    row = next(line for line in out.markdown.splitlines() if "| Lower transport cost" in line)
    assert "| moving away from target |" in row
    nowhere(out, NEGATIVE_PERCENT)
    assert "moving away from target" in out.html_text
    seen: dict[str, Any] = {}

    async def scenario(app: PmoApp, pilot: Pilot[None]) -> None:
        await pilot.press("b")
        await pilot.pause()
        table: DataTable[Any] = app.screen.query_one("#benefits", DataTable)
        seen["q3"] = [plain(c).strip() for c in table.get_row("alpha/cost-per-pupil")]
        app.open_programme("alpha")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ProgrammeScreen)
        screen.action_show_tab("benefits")
        await pilot.pause()
        seen["programme"] = " ".join(tab_text(screen, 220).split())

    drive(scenario, root, period="2026-11")
    assert "moving away from target" in seen["q3"]
    assert not any(re.search(NEGATIVE_PERCENT, cell) for cell in seen["q3"])
    assert "moving away from target" in seen["programme"]
    assert not re.search(NEGATIVE_PERCENT, seen["programme"])


def test_sample_reports_show_no_negative_realisation() -> None:
    reports = Path(__file__).resolve().parents[1] / "reports"
    for page in sorted(reports.glob("*/dmt-report.md")):
        for line in page.read_text(encoding="utf-8").splitlines():
            if line.startswith("|") and re.search(r"\| (off track|at risk|on track)", line):
                assert not re.search(NEGATIVE_PERCENT, line), (page, line)


# --- 1. never hide: the TUI's banner says what status says, and only for unused files ----


def _banner(root: Path) -> str | None:
    seen: dict[str, str | None] = {}

    async def scenario(app: PmoApp, pilot: Pilot[None]) -> None:
        banner = app.screen.query_one(UnreadableBanner)
        seen["text"] = str(banner.render()) if banner.display else None

    drive(scenario, root, period=None)
    return seen["text"]


def test_tui_banner_says_what_status_says_of_an_unreadable_programme(
    root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edit(root, ALPHA, "summary: A small programme for the error catalogue.\n", "summary: [x\n")
    main(["status", str(root)])
    err = capsys.readouterr().err
    assert "1 programme cannot be read: counted as unreadable, none of its figures used" in err
    assert _banner(root) == (
        "⚠ 1 programme cannot be read: counted as unreadable, none of its figures used — press v"
    )


def test_tui_banner_is_silent_for_a_file_that_was_read_and_used(root: Path) -> None:
    # submitted in the future: an error of pmo validate, but the file was read and is used
    _update(root, "2026-12", submitted="2026-12-01")
    assert _banner(root) is None


# --- 3. the reporting period: an update before the programme started is never used ------


def test_an_update_before_the_programme_started_is_an_error_and_never_used(
    root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    march = _update(root, "2026-03", submitted="2026-03-20")
    march.write_text(
        march.read_text(encoding="utf-8").replace("cost-per-pupil: 6050", "cost-per-pupil: 1"),
        encoding="utf-8",
    )
    assert main(["validate", str(root)]) == 1
    said = capsys.readouterr().out
    assert "update for 2026-03 is before the programme started (2026-04-01)" in said
    out = run_all(root, capsys)
    nowhere(out, r"£1 \(2026-03\)")  # its benefit measurement is not used
    main(["status", str(root)])
    err = capsys.readouterr().err
    assert "1 update file with errors not used" in err
    assert "programmes/alpha/updates/2026-03.yaml:1" in err
    assert _banner(root) == "⚠ 1 update file with errors not used — press v"


def test_an_early_update_never_moves_the_period_in_the_tui_or_raises_the_banner(
    root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _update(root, "2026-12", submitted="2026-11-22")  # filed early: a warning only
    out = run_all(root, capsys)
    assert out.status_json["period"] == out.scenario_json["period"] == "2026-11"
    seen: dict[str, Any] = {}

    async def scenario(app: PmoApp, pilot: Pilot[None]) -> None:
        seen["period"] = app.loaded.period if app.loaded else None
        seen["banner"] = app.screen.query_one(UnreadableBanner).display

    drive(scenario, root, period=None)
    assert seen == {"period": "2026-11", "banner": False}


def test_report_warning_for_a_later_file_points_to_pmo_validate_not_only_the_annex(
    root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _update(root, "9999-12")
    out = root.parent / "reports"
    assert main(["report", "--portfolio", str(root), "--out", str(out)]) == 0
    err = capsys.readouterr().err
    assert "programmes/alpha/updates/9999-12.yaml:1" in err
    assert f"`pmo validate {root}` lists them" in err
    assert "9999-12" not in (out / "2026-11" / "dmt-report.md").read_text(encoding="utf-8")
