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
from test_honest_everywhere import ALPHA, NOV, edit, everywhere, nowhere, run_all
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


# --- 2. unknown is not zero: no savings forecast is "no forecast", never £0 ---------------


def test_a_year_with_no_savings_forecast_says_no_forecast_everywhere_never_zero(
    root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edit(root, NOV, "benefits: { cost-per-pupil: 6050 }\n", "")  # nothing to estimate from
    out = run_all(root, capsys)
    (year,) = out.status_json["q3"]["savings"]
    assert (year["forecast"], year["at_risk"]) == (None, None)
    everywhere(out, r"Savings 2026/27: target £200k; planned £100k \(£100k unidentified\); no ")
    nowhere(out, r"savings forecast £0|forecast £0\b|\(£0 at risk\)")
    row = next(line for line in out.markdown.splitlines() if line.startswith("| 2026/27 | £200k"))
    assert "| no forecast | no forecast |" in row  # at risk: no forecast to compare with
    assert "Cashable savings forecast 2026/27" not in out.markdown  # no figure to compare
    assert "there is no 2026/27 savings forecast against the £200k target" in out.markdown
    seen: dict[str, Any] = {}

    async def scenario(app: PmoApp, pilot: Pilot[None]) -> None:
        await pilot.press("b")
        await pilot.pause()
        table: DataTable[Any] = app.screen.query_one("#savings", DataTable)
        seen["row"] = [plain(c).strip() for c in table.get_row("2026/27")]

    drive(scenario, root, period="2026-11")
    assert seen["row"][4:6] == ["no forecast", "no forecast"]  # at risk: as the report says


# --- 2. a forecast against a zero or missing budget: no variance, no £0 total ------------


@pytest.mark.parametrize("budget", ["budget:\n  2026/27: 0\n", ""], ids=["zero", "missing"])
def test_a_forecast_against_no_budget_reads_so_in_the_finance_tables_and_the_tui(
    root: Path, capsys: pytest.CaptureFixture[str], budget: str
) -> None:
    edit(root, ALPHA, "budget:\n  2026/27: 200000\n", budget)
    edit(root, NOV, "forecast_outturn: 205000", "forecast_outturn: 17600000")
    out = run_all(root, capsys)
    section = out.markdown.split("### Finance 2026/27")[1].split("###")[0]
    row = next(line for line in section.splitlines() if line.startswith("| Alpha"))
    assert "⚠ against no budget" in row
    assert "**Total**" not in section  # nothing has a budget and a forecast: no £0 total
    page = out.markdown.split("**Finance 2026/27:**")[1].splitlines()[0]
    assert page.startswith(" budget £0," if budget else " budget not set for 2026/27,")
    seen: dict[str, str] = {}

    async def scenario(app: PmoApp, pilot: Pilot[None]) -> None:
        app.open_programme("alpha")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ProgrammeScreen)
        screen.action_show_tab("finance")
        await pilot.pause()
        seen["finance"] = tab_text(screen, 200)

    drive(scenario, root, period="2026-11")
    assert "⚠ £17.6m forecast against no budget for 2026/27" in seen["finance"]


# --- 2. nothing recorded: risks and capacity ----------------------------------------------


def test_no_risks_recorded_is_said_in_the_raid_notes_and_the_tui_heatmap(
    root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = (root / ALPHA).read_text(encoding="utf-8")
    start, end = text.index("risks:\n"), text.index("dependencies:\n")
    (root / ALPHA).write_text(text[:start] + text[end:], encoding="utf-8")
    out = run_all(root, capsys)
    nowhere(out, r"0 open risks at or above")
    assert "No risks are recorded for any live programme (none can be escalated)." in out.markdown
    seen: dict[str, str] = {}

    async def scenario(app: PmoApp, pilot: Pilot[None]) -> None:
        await pilot.press("h")
        await pilot.pause()
        seen["title"] = str(app.screen.query_one("#view-title").render())

    drive(scenario, root, period="2026-11")
    assert seen["title"].startswith("Risk heatmap — no risks recorded, escalate at 15")


def test_no_capacity_recorded_shows_demand_not_a_share_of_zero_and_the_scenario_says_so(
    root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edit(
        root,
        Path("portfolio.yaml"),
        "capacity:\n  programme-manager: 2\n  business-analyst: { fte: 3, 2027-04: 2 }\n",
        "",
    )
    out = run_all(root, capsys)
    note = (
        "No capacity is recorded for Business analyst and Programme manager: those roles are "
        "not a constraint (pmo cannot tell whether the chosen set fits)."
    )
    assert out.scenario_json["uncapacitated"] == ["business-analyst", "programme-manager"]
    assert note in " ".join(out.scenario.split())
    assert note in out.markdown
    row = next(line for line in out.markdown.splitlines() if line.startswith("| Programme manager"))
    assert "| 1 FTE |" in row
    seen: dict[str, list[str]] = {}

    async def scenario(app: PmoApp, pilot: Pilot[None]) -> None:
        await pilot.press("c")
        await pilot.pause()
        heat: DataTable[Any] = app.screen.query_one("#capacity-heatmap", DataTable)
        seen["row"] = [plain(c).strip() for c in heat.get_row_at(0)]

    drive(scenario, root, period="2026-11")
    assert "1 FTE" in seen["row"] or "0.5 FTE" in seen["row"]
    assert not any(cell.endswith("/ 0") for cell in seen["row"])


def test_tui_scenario_shows_an_unscored_proposal_as_unscored_not_zero(root: Path) -> None:
    edit(
        root,
        Path("programmes/beta/programme.yaml"),
        "scores: { strategic-fit: 2, readiness: 4 }\n",
        "",
    )
    seen: dict[str, list[str]] = {}

    async def scenario(app: PmoApp, pilot: Pilot[None]) -> None:
        await pilot.press("c")
        await pilot.pause()
        table: DataTable[Any] = app.screen.query_one("#scenario-candidates", DataTable)
        seen["beta"] = [plain(c).strip() for c in table.get_row("beta")]

    drive(scenario, root, period="2026-11")
    assert seen["beta"][2] == "unscored"


# --- 2. long runs of years with nothing set are one span, not a list of "not set" ---------


def test_thirty_years_without_envelope_or_target_are_one_span_in_every_sentence(
    root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    years = range(2027, 2057)
    costs = "".join(
        f"    {y}/{(y + 1) % 100:02d}: {{ capital: 0, revenue: 1000 }}\n" for y in years
    )
    edit(root, ALPHA, "    2026/27: { capital: 0, revenue: 200000 }\n",
         "    2026/27: { capital: 0, revenue: 200000 }\n" + costs)  # fmt: skip
    savings = "".join(f"    {y}/{(y + 1) % 100:02d}: 100000\n" for y in range(2026, 2056))
    edit(root, ALPHA, "  savings:\n    2026/27: 100000\n", "  savings:\n" + savings)
    edit(root, ALPHA, "end: { baseline: 2027-07-31, current: 2027-07-31, forecast: 2027-08-31 }",
         "end: { baseline: 2056-07-31, current: 2056-07-31, forecast: 2056-08-31 }")  # fmt: skip
    out = run_all(root, capsys)
    everywhere(
        out,
        r"No envelope is set for 2027/28–2056/57 \(£30k committed and pipeline over 30 years\)",
    )
    everywhere(
        out, r"Savings 2027/28–2055/56: no savings target set for 2027/28–2055/56 \(29 years\)"
    )
    nowhere(out, r"Savings 2030/31|2030/31 \(£1k committed")
    said = [s for s in out.status_json["q3_sentences"] if s.startswith("Savings ")]
    assert len(said) == 2
    seen: dict[str, list[str]] = {}

    async def scenario(app: PmoApp, pilot: Pilot[None]) -> None:
        await pilot.press("b")
        await pilot.pause()
        sentences = app.screen.query_one("#savings-sentences").render()
        seen["sentences"] = str(sentences).splitlines()

    drive(scenario, root, period="2026-11")
    assert seen["sentences"] == said


# --- 6. economics: a tiny ratio is not a zero ---------------------------------------------


def test_a_tiny_benefit_cost_ratio_reads_under_0_01_in_the_report_and_tui(
    root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edit(root, ALPHA, "revenue: 200000 }", "revenue: 2000000000 }")  # £2bn against £100k saved
    out = run_all(root, capsys)
    row = next(
        line for line in out.markdown.splitlines() if line.startswith("| Alpha Programme | £2")
    )
    assert "| under 0.01 |" in row
    assert "under 0.01" in out.html_text
    nowhere(out, r"BCR 0(\.00)?\b")
    seen: dict[str, str] = {}

    async def scenario(app: PmoApp, pilot: Pilot[None]) -> None:
        app.open_programme("alpha")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ProgrammeScreen)
        screen.action_show_tab("business-case")
        await pilot.pause()
        seen["case"] = " ".join(tab_text(screen, 200).split())

    drive(scenario, root, period="2026-11")
    assert "BCR under 0.01" in seen["case"]
    assert "Simple payback (years from first spend) not within the case" in seen["case"]


# --- 5. the savings position lists only years with something in them ----------------------


def test_a_year_where_a_proposal_plans_nothing_gets_no_savings_sentence(
    root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with (root / "programmes" / "beta" / "programme.yaml").open("a", encoding="utf-8") as f:
        f.write(
            "business_case:\n  stage: SOC\n  status: draft\n"
            "  savings: { 2025/26: 0, 2026/27: 5000 }\n"
        )
    out = run_all(root, capsys)
    assert [y["fy"] for y in out.status_json["q3"]["savings"]] == ["2026/27"]
    nowhere(out, r"Savings 2025/26")


# --- 1. never hide: an unreadable programme is in the Q1 tables, apart -------------------


def test_an_unreadable_programme_stays_in_the_q1_tables_and_coverage_says_it_may_serve(
    root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edit(root, ALPHA, "summary: A small programme for the error catalogue.\n", "summary: [x\n")
    out = run_all(root, capsys)
    everywhere(
        out,
        r"No readable live programme serves the objective 'Plan for the future'; 1 programme "
        r"that cannot be read \(alpha\) is not counted and may serve it\.",
    )
    nowhere(out, r"No live programme serves the objective 'Plan for the future'")
    note = "Not in this table: alpha (its programme.yaml cannot be read; counted as unreadable)"
    assert out.markdown.count(note) == 2  # under coverage and under the priority ranking
    assert out.html_text.count(note) == 2
    seen: dict[str, list[str]] = {}

    async def scenario(app: PmoApp, pilot: Pilot[None]) -> None:
        await pilot.press("c")
        await pilot.pause()
        priority: DataTable[Any] = app.screen.query_one("#priority", DataTable)
        seen["priority"] = [plain(c).strip() for c in priority.get_row("alpha")]
        coverage: DataTable[Any] = app.screen.query_one("#coverage", DataTable)
        seen["coverage"] = [plain(c).strip() for c in coverage.get_row("alpha")]

    drive(scenario, root, period="2026-11")
    assert seen["priority"][1:3] == ["alpha", "unreadable"]
    assert seen["coverage"] == ["alpha (unreadable)", "?", "?"]


# --- 5. one savings position: Q1's affordability and Q3's savings table agree ------------


def test_q1_affordability_and_q3_savings_show_the_same_unidentified_savings_in_the_tui(
    root: Path,
) -> None:
    seen: dict[str, list[str]] = {}

    async def scenario(app: PmoApp, pilot: Pilot[None]) -> None:
        await pilot.press("c")
        await pilot.pause()
        afford: DataTable[Any] = app.screen.query_one("#affordability", DataTable)
        seen["q1"] = [plain(c).strip() for c in afford.get_row("2026/27")]
        seen["q1 head"] = [plain(c.label) for c in afford.columns.values()]
        await pilot.press("b")
        await pilot.pause()
        savings: DataTable[Any] = app.screen.query_one("#savings", DataTable)
        seen["q3"] = [plain(c).strip() for c in savings.get_row("2026/27")]

    drive(scenario, root, period="2026-11")
    assert seen["q1 head"][-1] == "Savings unidentified"
    assert seen["q1"][-1] == seen["q3"][3] == "+£100k"  # target £200k − planned £100k
