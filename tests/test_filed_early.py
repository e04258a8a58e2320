"""An update filed early (for a month after the current one) is said in `pmo validate`'s words
by `pmo status`, `pmo scenario`, `pmo report` (stderr) and the TUI's data-quality view; never in
the report itself, which reads the same whatever day it is made."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from freezegun import freeze_time
from textual.pilot import Pilot

from pmo import clock
from pmo.cli import main
from pmo.tui.app import PmoApp
from pmo.tui.quality import QualityScreen
from pmo.validate.dates import filed_early
from tui_pilot import drive

TODAY = "2026-11-23"
PORTFOLIO = """\
name: Early Test Portfolio
office: Test PMO
stale_after_days: 35
objectives:
  - { id: safe, title: Keep children safe, weight: 100 }
criteria:
  - { id: strategic-fit, title: Contribution to objectives, weight: 100, group: attractiveness }
envelope: { 2026/27: 500000 }
savings_target: { 2026/27: 200000 }
capacity: { programme-manager: 2 }
risk: { escalate_at: 15 }
tolerances: { schedule_days: 30, cost_percent: 5, benefit_percent: 10 }
rag_key: { green: On track., amber: Issues need attention., red: Needs a DMT decision. }
"""
PROGRAMME = """\
id: alpha
name: Alpha Transport
kind: project
service: access-resources
sro: Assistant Director
manager: Project Manager
stage: delivery
start: 2026-04-01
end: { baseline: 2027-03-31, current: 2027-03-31, forecast: 2027-03-31 }
objectives: { safe: 2 }
scores: { strategic-fit: 3 }
"""
UPDATE = """\
period: {period}
submitted: 2026-11-20
by: Project Manager
rag: {{ overall: green }}
summary: On track.
"""
EARLY = "programmes/alpha/updates/2026-12.yaml"
WHY = filed_early("2026-12", "2026-11")


def _portfolio(tmp_path: Path, periods: tuple[str, ...] = ("2026-11", "2026-12")) -> Path:
    root = tmp_path / "portfolio"
    updates = root / "programmes" / "alpha" / "updates"
    updates.mkdir(parents=True)
    (root / "portfolio.yaml").write_text(PORTFOLIO, encoding="utf-8")
    (root / "programmes" / "alpha" / "programme.yaml").write_text(PROGRAMME, encoding="utf-8")
    for period in periods:
        (updates / f"{period}.yaml").write_text(UPDATE.format(period=period), encoding="utf-8")
    return root


@pytest.fixture
def root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return _portfolio(tmp_path)


def test_the_filed_early_wording_is_one_definition() -> None:
    assert WHY == (
        "filed early: 2026-12 is after the current month 2026-11; it is not used until then "
        "and does not move the default reporting period"
    )
    assert filed_early("2026-11", "2026-11") is None
    assert filed_early("9999-12", "2026-11") is None  # out of range: an error, not early


@pytest.mark.parametrize("command", ["status", "scenario"])
def test_status_and_scenario_say_an_update_filed_early_in_validates_words(
    root: Path, command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with freeze_time(TODAY):
        assert main(["validate", "portfolio"]) == 0
        said = capsys.readouterr().out
        assert main([command, "portfolio"]) == 0  # a warning: the run goes on
    err = capsys.readouterr().err
    assert f"portfolio/{EARLY}:1:9: warning period: {WHY}" in said
    assert f"pmo {command}: warning: portfolio/{EARLY}: {WHY}" in err.splitlines()


def test_status_for_the_early_month_itself_does_not_call_its_update_unused(
    root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with freeze_time(TODAY):
        assert main(["status", "portfolio", "--period", "2026-12"]) == 0
    err = capsys.readouterr().err
    assert "filed early:" not in err  # that month uses it; the future period is said instead
    assert "period 2026-12 is after this month (2026-11)" in err


def test_status_with_nothing_filed_early_says_nothing_of_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    _portfolio(tmp_path, ("2026-11",))
    with freeze_time(TODAY):
        assert main(["status", "portfolio"]) == 0
    assert "filed early:" not in capsys.readouterr().err


def test_many_updates_filed_early_are_listed_up_to_five_then_counted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    early = ("2026-12", "2027-01", "2027-02", "2027-03", "2027-04", "2027-05", "2027-06")
    _portfolio(tmp_path, ("2026-11", *early))
    with freeze_time(TODAY):
        assert main(["status", "portfolio"]) == 0
    lines = [line for line in capsys.readouterr().err.splitlines() if "filed early" in line]
    assert len(lines) == 6
    assert all("pmo status: warning: portfolio/programmes/alpha/updates/" in x for x in lines[:5])
    assert lines[5] == (
        "pmo status: warning: 2 more updates filed early; run `pmo validate portfolio`"
    )


def test_report_says_it_on_stderr_never_in_the_report_which_is_the_same_any_day(
    root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "reports"
    made = out / "2026-11" / "dmt-report.md"
    args = ["report", "portfolio", "--period", "2026-11", "--out", str(out)]
    with freeze_time(TODAY):
        assert main(args) == 0
    err = capsys.readouterr().err
    assert f"pmo report: warning: portfolio/{EARLY}: {WHY}" in err.splitlines()
    early_day = made.read_text(encoding="utf-8")
    assert "filed early" not in early_day and "2026-12.yaml" not in early_day
    with freeze_time("2026-12-02"):  # December now: the file is no longer early
        assert main(args) == 0
    assert "filed early:" not in capsys.readouterr().err
    assert made.read_text(encoding="utf-8") == early_day


def test_tui_data_quality_view_lists_an_update_filed_early_in_validates_words(
    root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(clock, "today", lambda: date(2026, 11, 23))
    seen: list[tuple[str, str, str]] = []

    async def scenario(app: PmoApp, pilot: Pilot[None]) -> None:
        await pilot.press("v")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, QualityScreen)
        seen.extend((screen.relative(p), p.severity, p.message) for p in screen.problems)

    drive(scenario, root, period=None)
    assert (EARLY, "warning", WHY) in seen
