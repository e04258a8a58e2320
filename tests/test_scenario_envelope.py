"""A year with no envelope in the scenario: named, listed as "no envelope", never £0."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import DataTable, TabbedContent

from factories import data, portfolio, programme
from pmo.analysis.data import PortfolioData
from pmo.analysis.q1 import q1, q1_sentences
from pmo.analysis.q1_resources import capacity
from pmo.analysis.scenario import optimise
from pmo.analysis.scenario_frontier import answer_with_frontier, frontier
from pmo.cli import main
from pmo.model import Programme
from pmo.report.sections_q1 import scenario_headline
from pmo.tui.app import PmoApp
from tui_pilot import drive, plain

SAMPLE = Path(__file__).resolve().parents[1] / "portfolio"
PERIOD = "2026-11"
CRITERIA = ("strategic-fit", "statutory", "financial", "deliverability", "readiness")
UNSET = "No envelope is set for 2027/28: affordability there is unknown"  # as pmo status says


def prog(pid: str, costs: dict[str, int], stage: str = "business-case", score: int = 3) -> Any:
    """A programme with the same score on every criterion and costs in £ by FY."""
    bc = {
        "stage": "FBC",
        "status": "approved" if stage == "delivery" else "draft",
        "costs": {fy: {"revenue": c} for fy, c in costs.items()},
    }
    return programme(pid, stage=stage, scores=dict.fromkeys(CRITERIA, score), business_case=bc)


def gap_year() -> PortfolioData:
    """Envelopes for 2026/27 and 2028/29 but none for 2027/28, where a proposal costs £9m."""
    progs: list[Programme] = [
        prog("live", {"2026/27": 500_000, "2027/28": 1_000_000}, stage="delivery"),
        prog("big", {"2027/28": 9_000_000}, score=4),
        prog("small", {"2026/27": 100_000, "2028/29": 100_000}),
    ]
    return data(portfolio(envelope={"2026/27": 1_000_000, "2028/29": 1_000_000}), progs)


def sample_without(tmp_path: Path, line: str) -> Path:
    """A copy of the sample portfolio with one line of portfolio.yaml removed."""
    root = tmp_path / "portfolio"
    shutil.copytree(SAMPLE, root)
    yaml = root / "portfolio.yaml"
    text = yaml.read_text(encoding="utf-8")
    assert line in text
    yaml.write_text(text.replace(line, ""), encoding="utf-8")
    return root


def run(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    assert main(["scenario", *args]) == 0
    return capsys.readouterr().out


def test_a_year_without_an_envelope_is_listed_with_none_and_not_limited() -> None:
    result = optimise(gap_year(), PERIOD)
    assert result.years == ("2026/27", "2028/29") and result.unset_years == ("2027/28",)
    assert "big" in result.chosen  # £9m in 2027/28: not limited there, never against £0
    totals = {t.fy: t for t in result.totals}
    assert list(totals) == ["2026/27", "2027/28", "2028/29"]
    assert (totals["2027/28"].envelope, totals["2027/28"].left) == (None, None)
    assert totals["2027/28"].cost == 10_000_000
    assert (totals["2026/27"].envelope, totals["2026/27"].left) == (1_000_000, 400_000)


def test_the_frontier_scales_only_the_years_with_an_envelope() -> None:
    points = frontier(gap_year(), PERIOD, (0.5, 1.0))
    assert [p.envelope_total for p in points] == [1_000_000, 2_000_000]
    # the unset year is not limited at any size: "big" is in at every scale
    assert all(p.value is not None and p.value >= 4 for p in points)


def test_with_no_envelope_ahead_there_is_no_frontier_and_no_money_years() -> None:
    d = data(portfolio(envelope={"2025/26": 1_000_000}), [prog("p", {"2025/26": 10})])
    result, points = answer_with_frontier(d, PERIOD)
    assert points == [] and frontier(d, PERIOD) == []
    assert (result.years, result.unset_years, result.totals) == ((), (), ())


def test_cli_names_the_missing_year_lists_it_and_never_shows_it_as_money(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = sample_without(tmp_path, "  2027/28: 4000000")
    out = run(capsys, str(root), "--period", PERIOD)
    header = out.splitlines()[0]
    assert "envelope x1 for 2026/27 and 2028/29 (none set for 2027/28)" in header
    assert f"{UNSET}, so the scenario does not limit spending there." in out
    row = next(line for line in out.splitlines() if line.strip().startswith("2027/28"))
    assert re.search(r"2027/28\s+no envelope\s+£[\d.]+[mk]\s+not limited", row)
    assert "spending in 2027/28 is not limited at any size" in out


def test_cli_with_no_envelope_ahead_says_so_and_shows_no_zero_frontier(
    capsys: pytest.CaptureFixture[str],
) -> None:
    out = run(capsys, str(SAMPLE), "--period", "2030-01")
    assert "no envelope set for any year ahead" in out.splitlines()[0]
    assert "No envelope is set for 2029/30 or any later year" in out
    assert "No efficient frontier: no year the scenario covers has an envelope" in out
    assert "£0" not in out and "no envelope years" not in out


def test_json_gives_the_missing_year_with_a_null_envelope(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = sample_without(tmp_path, "  2027/28: 4000000")
    doc = json.loads(run(capsys, str(root), "--period", PERIOD, "--format", "json"))
    assert doc["years"] == ["2026/27", "2028/29"] and doc["unset_years"] == ["2027/28"]
    totals = {t["fy"]: t for t in doc["totals"]}
    assert totals["2027/28"]["envelope"] is None and totals["2027/28"]["left"] is None
    assert totals["2027/28"]["cost"] > 0 and totals["2026/27"]["envelope"] == 8_400_000
    # the frontier scales the years with an envelope (2026/27 and 2028/29: £11.0m) only
    for point in doc["frontier"]:
        assert point["envelope_total"] == pytest.approx(point["scale"] * 11_000_000)
    empty = json.loads(run(capsys, str(SAMPLE), "--period", "2030-01", "--format", "json"))
    assert empty["frontier"] == [] and empty["totals"] == [] and empty["years"] == []


def test_status_and_scenario_say_the_missing_year_in_one_wording(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = sample_without(tmp_path, "  2027/28: 4000000")
    assert main(["status", str(root), "--period", PERIOD]) in (0, 1)
    status = re.sub(r"[\s│]+", " ", capsys.readouterr().out)
    assert "No envelope is set for 2027/28 (" in status
    assert "): affordability there is unknown." in status
    scenario = run(capsys, str(root), "--period", PERIOD)
    assert UNSET in scenario


def test_the_report_scenario_paragraph_names_the_missing_year() -> None:
    text = scenario_headline(gap_year(), PERIOD).text
    assert f"{UNSET}, so the scenario does not limit spending there." in text
    assert "£0" not in text


def test_q1_capacity_and_the_scenario_look_ahead_from_the_same_month() -> None:
    d = data(
        portfolio(envelope={"2026/27": 1}, capacity={"data-analyst": 1}),
        [
            programme(
                "p",
                stage="delivery",
                resources=[{"role": "data-analyst", "fte": 1, "from": "2026-11", "to": "2027-01"}],
            )
        ],
    )
    assert capacity(d, PERIOD).months[0] == optimise(d, PERIOD).horizon[0] == PERIOD


def test_q1_names_the_tightest_month_not_a_peak_it_does_not_pick_by() -> None:
    plan = {"fte": 9, "2027-04": 8}
    lines = [
        {"role": "project-manager", "fte": 9.25, "from": "2027-01", "to": "2027-01"},
        {"role": "project-manager", "fte": 8.75, "from": "2027-04", "to": "2027-04"},
    ]
    d = data(
        portfolio(capacity={"project-manager": plan}),
        [programme("p", stage="delivery", resources=lines)],
    )
    sentences = q1_sentences(q1(d, PERIOD))
    assert (
        "Project manager is over-allocated in 2 of the next 12 months (tightest month 2027-04: "
        "8.75 FTE against 8)." in sentences
    )
    assert not any("peak" in s for s in sentences)


def test_the_tui_scenario_tab_lists_the_year_as_no_envelope(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pmo import clock
    from tui_pilot import TODAY

    monkeypatch.setattr(clock, "today", lambda: TODAY)
    root = sample_without(tmp_path, "  2027/28: 4000000")
    seen: dict[str, str] = {}

    async def check(app: PmoApp, pilot: Any) -> None:
        await pilot.press("c")
        await pilot.pause()
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert app.screen.query_one("#q1-tabs", TabbedContent).active == "q1-scenario"
        costs: DataTable[Any] = app.screen.query_one("#scenario-costs", DataTable)
        row = costs.get_row("2027/28")
        seen["row"] = " | ".join(plain(c) for c in row)
        seen["summary"] = str(app.screen.query_one("#scenario-summary").render())

    drive(check, root)
    assert seen["row"].startswith("2027/28 | no envelope | £") and "not limited" in seen["row"]
    assert f"{UNSET}, so the scenario does not limit spending there." in " ".join(
        seen["summary"].split()
    )


def test_whole_life_costs_decades_out_are_not_a_no_envelope_year_each() -> None:
    d = data(
        portfolio(envelope={"2026/27": 1_000_000}),
        [prog("p", {"2026/27": 100_000, "2027/28": 5_000, "2040/41": 1_000, "2050/51": 1_000})],
    )
    result = optimise(d, PERIOD)  # the programme runs 2025-04 to 2027-03: its span ends 2027/28
    assert result.unset_years == ("2027/28",)
    assert [t.fy for t in result.totals] == ["2026/27", "2027/28"]
