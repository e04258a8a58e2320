"""Issue 11's rules hold in every front end: each test builds a small portfolio (the
catalogue's two programmes, edited) and reads `pmo status` (text and JSON), `pmo scenario`
(text and JSON) and the report (Markdown and HTML) for the one rule it is about."""

from __future__ import annotations

import html
import json
import re
import shutil
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from pmo.cli import main

BASE = Path(__file__).parent / "catalogue" / "base"
TODAY = date(2026, 11, 23)
ALPHA = Path("programmes/alpha/programme.yaml")
BETA = Path("programmes/beta/programme.yaml")
NOV = Path("programmes/alpha/updates/2026-11.yaml")


@dataclass
class Outputs:
    """What every front end said about one portfolio."""

    status: str
    status_json: dict[str, Any]
    scenario: str
    scenario_json: dict[str, Any]
    markdown: str
    html_text: str

    @property
    def texts(self) -> dict[str, str]:
        """Every human-readable output by name (JSON sentences joined; the terminal's
        wrapped lines and panel borders undone)."""
        doc = self.status_json
        sentences = " ".join(doc["q1_sentences"] + doc["q2_sentences"] + doc["q3_sentences"])
        return {
            "status": _unwrapped(self.status),
            "status json": sentences,
            "report md": self.markdown,
            "report html": self.html_text,
        }


@pytest.fixture
def root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    target = tmp_path / "portfolio"
    shutil.copytree(BASE, target)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr("pmo.clock.today", lambda: TODAY)
    return target


def edit(root: Path, file: Path, old: str, new: str) -> None:
    path = root / file
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, (file, old)
    path.write_text(text.replace(old, new), encoding="utf-8")


def _unwrapped(text: str) -> str:
    lines = [line.strip().strip("│").strip() for line in text.splitlines()]
    return " ".join(line for line in lines if line and line[0] not in "╭╰")


def _html_text(page: str) -> str:
    page = re.sub(r"(?s)<(style|svg)\b.*?</\1>", "", page)
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page)))


def run_all(root: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> Outputs:
    """Run every front end on ``root`` (exit code 0 each) and collect what it said."""

    def run(*args: str) -> str:
        code = main(list(args))
        out, err = capsys.readouterr()
        assert code == 0, (args, err)
        assert "Traceback" not in out + err
        return out

    where = str(root)
    status = run("status", where, *extra)
    status_json = json.loads(run("status", where, "--format", "json", *extra))
    scenario = run("scenario", where, *extra)
    scenario_json = json.loads(run("scenario", where, "--format", "json", *extra))
    out = root.parent / "reports"
    run("report", "--portfolio", where, "--out", str(out), *extra)
    month = status_json["period"]
    markdown = (out / month / "dmt-report.md").read_text(encoding="utf-8")
    page = (out / month / "dmt-report.html").read_text(encoding="utf-8")
    return Outputs(status, status_json, scenario, scenario_json, markdown, _html_text(page))


def nowhere(outputs: Outputs, pattern: str) -> None:
    """``pattern`` appears in no human-readable output."""
    found = {
        name: m.group(0) for name, text in outputs.texts.items() if (m := re.search(pattern, text))
    }
    assert found == {}, pattern


def everywhere(outputs: Outputs, pattern: str) -> None:
    """``pattern`` appears in every human-readable output."""
    missing = [name for name, text in outputs.texts.items() if not re.search(pattern, text)]
    assert missing == [], pattern


# --- 1. never hide ----------------------------------------------------------------------


def test_rule_1_a_programme_with_a_format_error_is_unreadable_everywhere(
    root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edit(root, ALPHA, "likelihood: 3\n", "likelihood: 9\n")
    out = run_all(root, capsys)
    everywhere(out, r"unreadable")
    everywhere(out, r"programmes/alpha/programme\.yaml:\d+")
    assert out.status_json["q2"]["counts"]["unreadable"] == 1
    assert out.status_json["programmes"] == 2
    nowhere(out, r"1 of 1 programme is (stale|missing)")


def test_rule_1_descriptive_fields_are_recommended_and_the_item_still_counts(
    root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edit(root, ALPHA, "    category: financial\n", "")
    edit(root, ALPHA, "    owner: Head of Transport\n    likelihood", "    likelihood")
    edit(root, ALPHA, "sro: Assistant Director\n", "")
    out = run_all(root, capsys)
    assert out.status_json["q2"]["counts"]["unreadable"] == 0
    (risk,) = out.status_json["q1"]["risks"]["risks"]
    assert risk["category"] is None and risk["programme"] == "alpha"
    assert "(not recorded)" in out.markdown and "(not recorded)" in out.html_text


# --- 2. unknown is not zero -------------------------------------------------------------


def test_rule_2_a_year_without_an_envelope_is_not_set_never_zero_or_exceeded(
    root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edit(
        root,
        ALPHA,
        "    2026/27: { capital: 0, revenue: 200000 }\n",
        "    2026/27: { capital: 0, revenue: 200000 }\n"
        "    2027/28: { capital: 0, revenue: 50000 }\n",
    )
    out = run_all(root, capsys)
    everywhere(out, r"[Nn]o envelope (is )?set for 2027/28|2027/28[^\n]*not set")
    nowhere(out, r"against £0\b|£0 envelope|exceeds[^.\n]*2027/28")
    years = {y["fy"]: y for y in out.status_json["q1"]["affordability"]["years"]}
    assert years["2027/28"]["envelope"] is None and years["2027/28"]["headroom"] is None
    assert out.scenario_json["years"] == ["2026/27"]  # no envelope, no constraint


def test_rule_2_affordability_stays_within_the_programmes_own_horizon(
    root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    decades = "".join(
        f"    {y}/{(y + 1) % 100:02d}: {{ capital: 0, revenue: 1000 }}\n"
        for y in range(2000, 2050)
        if y != 2026
    )
    edit(
        root,
        ALPHA,
        "    2026/27: { capital: 0, revenue: 200000 }\n",
        "    2026/27: { capital: 0, revenue: 200000 }\n" + decades,
    )
    out = run_all(root, capsys)
    years = [y["fy"] for y in out.status_json["q1"]["affordability"]["years"]]
    assert years == ["2026/27", "2027/28", "2028/29"]  # alpha: 2026-04 to 2027-08, +1 year
    rows = out.markdown.split("### Affordability by financial year")[1].split("###")[0]
    assert "2000/01" not in rows and "2049/50" not in rows
    everywhere(out, r"outside every live programme's span")


def test_rule_2_unscored_programmes_are_listed_apart_never_ranked(
    root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edit(root, BETA, "scores: { strategic-fit: 2, readiness: 4 }\n", "scores: { readiness: 4 }\n")
    out = run_all(root, capsys)
    everywhere(out, r"unscored")
    assert [r["programme"] for r in out.status_json["q1"]["priority"]] == ["alpha"]
    assert [r["programme"] for r in out.status_json["q1"]["unscored"]] == ["beta"]
    assert out.scenario_json["unvalued"] == ["beta"]
    assert "cannot be valued" in out.scenario
    nowhere(out, r"Beta Project \(0\.00\)|\(0\.00\)")


def test_rule_2_nothing_recorded_is_said_in_words(
    root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = (root / ALPHA).read_text(encoding="utf-8")
    start, end = text.index("risks:\n"), text.index("dependencies:\n")
    (root / ALPHA).write_text(text[:start] + text[end:], encoding="utf-8")
    edit(root, Path("portfolio.yaml"), "  programme-manager: 2\n", "")
    out = run_all(root, capsys)
    everywhere(out, r"[Nn]o risks (are )?recorded")
    everywhere(out, r"(?i)no capacity (is )?recorded for programme.manager")
    nowhere(out, r"[Nn]o open risks|No role is over-allocated")


def test_rule_2_a_forecast_against_no_budget_is_an_exception(
    root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edit(root, ALPHA, "budget:\n  2026/27: 200000\n", "budget: {}\n")
    edit(root, NOV, "forecast_outturn: 205000", "forecast_outturn: 17600000")
    out = run_all(root, capsys)
    everywhere(out, r"£17\.6m forecast(s)? against no budget|forecasts? spend against no budget")
    nowhere(out, r"variance –|[Bb]udget –")
    assert "budget not set for 2026/27" in out.markdown
    assert "against no budget" in out.html_text


# --- 3. the reporting period ------------------------------------------------------------


def test_rule_3_an_update_filed_early_never_moves_the_month(
    root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    dec = root / "programmes" / "alpha" / "updates" / "2026-12.yaml"
    dec.write_text((root / NOV).read_text().replace("2026-11", "2026-12"), encoding="utf-8")
    out = run_all(root, capsys)
    assert out.status_json["period"] == "2026-11"
    assert out.scenario_json["period"] == "2026-11"
    assert "2026-11" in out.status.splitlines()[0]
    assert "period 2026-11" in out.markdown and "period 2026-11" in out.html_text
    later = run_all(root, capsys, "--period", "2026-10")
    assert later.status_json["period"] == later.scenario_json["period"] == "2026-10"


# --- 4. scenario semantics --------------------------------------------------------------


def test_rule_4_committed_work_is_fixed_and_only_proposals_are_chosen(
    root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edit(root, ALPHA, "mandatory: true\n", "mandatory: false\n")
    out = run_all(root, capsys)
    doc = out.scenario_json
    assert doc["fixed"] == ["alpha"] and doc["stopped"] == []
    assert "alpha" in doc["chosen"]
    assert "committed fixed" in out.scenario
    assert re.search(r"[Cc]ommitted work fixed", out.markdown)
    main(["scenario", str(root), "--reconsider-committed", "--envelope-scale", "0.1"])
    text = capsys.readouterr().out
    assert "It would stop these live programmes:" in text and "alpha" in text


# --- 5. one savings position ------------------------------------------------------------


def test_rule_5_one_savings_sentence_in_status_json_and_report(
    root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with (root / NOV).open("a", encoding="utf-8") as f:
        f.write("savings_forecast: { 2026/27: 80000 }\n")
    out = run_all(root, capsys)
    sentence = (
        "Savings 2026/27: target £200k; planned £100k (£100k unidentified); forecast £80k "
        "(£20k at risk), from 1 programme's own forecast."
    )
    doc = out.status_json
    assert sentence in doc["q1_sentences"] and sentence in doc["q3_sentences"]
    (year,) = [y for y in doc["q3"]["savings"] if y["fy"] == "2026/27"]
    assert (year["target"], year["planned"], year["forecast"], year["at_risk"]) == (
        200000,
        100000,
        80000,
        20000,
    )
    assert doc["q1"]["savings"] == doc["q3"]["savings"]
    everywhere(out, re.escape(sentence))


# --- 6. economics -----------------------------------------------------------------------


def test_rule_6_a_case_without_cashable_savings_has_no_bcr_or_payback(
    root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edit(root, ALPHA, "  savings:\n    2026/27: 100000\n", "")
    out = run_all(root, capsys)
    assert "n/a (no cashable savings)" in out.markdown
    assert "n/a (no cashable savings)" in out.html_text
    nowhere(out, r"BCR 0\.00|payback never|0\.00 BCR")


# --- 7. benefit statuses ----------------------------------------------------------------


def test_rule_7_a_benefit_moving_away_is_off_track_in_values_not_negative_percent(
    root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edit(root, NOV, "cost-per-pupil: 6050", "cost-per-pupil: 6800")
    out = run_all(root, capsys)
    (b,) = out.status_json["q3"]["benefits"]
    assert b["status"] == "off track"
    everywhere(out, r"£6,800 against £6,\d{3} planned; moving away from the £5,400 target")
    nowhere(out, r"-\d+(\.\d+)?% of plan|−\d+(\.\d+)?% of plan")


def test_rule_7_a_benefit_within_tolerance_and_on_pace_is_on_track_everywhere(
    root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edit(root, NOV, "cost-per-pupil: 6050", "cost-per-pupil: 6040")  # 96% of the planned fall
    out = run_all(root, capsys)
    (b,) = out.status_json["q3"]["benefits"]
    assert b["status"] == "on track"
    assert b["forecast"]["meets_target"] is True
    assert b["forecast"]["method"] == "plan-relative"
    assert not any(
        f["kind"] == "benefit-off-track"
        for e in out.status_json["q2"]["evidence"]
        for f in e["flags"]
    )
    nowhere(out, r"Lower transport cost per pupil'? (is )?(off track|at risk)")
    everywhere(out, r"1 of 1 measured benefit is on track")
    everywhere(out, r"1 of 1 measured benefit reaches its target")


#: £6,150 against £6,033 planned is within 10% now, but 50 of the 167 planned fall (30%)
#: carried on along the plan reaches only £5,961 against the £5,400 target.
SLOW = (
    "£6,150 against £6,033 planned; at the pace so far £5,961 by 2028-03-31 against the "
    "£5,400 target"
)


def test_rule_7_status_and_forecast_agree_in_status_and_the_report(
    root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edit(root, NOV, "cost-per-pupil: 6050", "cost-per-pupil: 6150")
    out = run_all(root, capsys)
    (b,) = out.status_json["q3"]["benefits"]
    assert (b["status"], b["forecast"]["meets_target"]) == ("at risk", False)
    assert b["forecast"]["method"] == "plan-relative"
    assert b["forecast"]["value"] == pytest.approx(5960.53, abs=0.01)
    everywhere(out, re.escape(SLOW))
    everywhere(out, r"0 of 1 measured benefit is on track, 1 at risk and 0 off track")
    everywhere(
        out,
        r"0 of 1 measured benefit reaches its target \(at least 90% of the change it asks "
        r"for\) and 1 does not \(1 at risk: within tolerance of the plan now but too slow\)",
    )
    nowhere(out, r"1 of 1 measured benefit (is on track|reaches)")
    nowhere(out, r"-\d+(\.\d+)?% of plan|−\d+(\.\d+)?% of plan")
    # the report's benefit tables give the same forecast beside the status
    row = next(line for line in out.markdown.splitlines() if "| Lower transport cost" in line)
    assert "| at risk |" in row and "| £5,961, misses |" in row
    assert "forecast £5,961, misses" in out.html_text
    # the charts' forecast line and caption use the same forecast
    assert "forecast £5,961 by 2028-03-31" in out.html_text
    # the status legend in the report states the one definition
    everywhere_in = [out.markdown, out.html_text]
    for text in everywhere_in:
        assert "at risk: only one of the two" in text
    # at risk is not evidence against a rating
    assert not any(
        f["kind"] == "benefit-off-track"
        for e in out.status_json["q2"]["evidence"]
        for f in e["flags"]
    )


def test_rule_7_without_a_profile_the_forecast_is_a_straight_line_and_says_so(
    root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edit(root, ALPHA, "    profile: { 2026-09: 6100, 2027-03: 5900 }\n", "")
    out = run_all(root, capsys)
    (b,) = out.status_json["q3"]["benefits"]
    assert b["forecast"]["method"] == "straight line"
    everywhere(out, r"on a straight line from the baseline through the latest actual")
    assert "(straight line)" in out.markdown


# --- the TUI shows the same -------------------------------------------------------------


def test_tui_states_the_benefit_status_and_forecast_as_status_and_the_report(
    root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from textual.pilot import Pilot
    from textual.widgets import DataTable

    from pmo.tui.app import PmoApp
    from pmo.tui.programme import ProgrammeScreen
    from tui_pilot import drive, plain

    edit(root, NOV, "cost-per-pupil: 6050", "cost-per-pupil: 6150")
    out = run_all(root, capsys)
    row = next(line for line in out.markdown.splitlines() if "| Lower transport cost" in line)
    report_cells = [c.strip() for c in row.strip("|").split("|")]
    seen: dict[str, Any] = {}

    async def scenario(app: PmoApp, pilot: Pilot[None]) -> None:
        await pilot.press("b")
        await pilot.pause()
        table: DataTable[Any] = app.screen.query_one("#benefits", DataTable)
        seen["q3"] = [plain(c).strip() for c in table.get_row("alpha/cost-per-pupil")]
        seen["legend"] = " ".join(" ".join(pair) for pair in type(app.screen).LEGEND)
        app.open_programme("alpha")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ProgrammeScreen)
        screen.action_show_tab("benefits")
        await pilot.pause()
        seen["programme"] = _tab_text(screen)

    drive(scenario, root, period="2026-11")
    q3_row = seen["q3"]
    assert q3_row[2] == "at risk" and "at risk" in report_cells  # status beside the title
    assert q3_row[-1] == "£5,961, misses" and "£5,961, misses" in report_cells
    assert "only one of the two" in seen["legend"]
    assert "£5,961, misses" in seen["programme"]
    assert f"at risk: {SLOW}" in " ".join(seen["programme"].split())


def _tab_text(screen: Any) -> str:
    import io
    from typing import cast

    from rich.console import Console, RenderableType
    from textual.widgets import Static

    content = screen.query_one("#tab-body", Static).content
    console = Console(file=io.StringIO(), width=200)
    console.print(cast(RenderableType, content))
    return cast(str, console.file.getvalue())


def test_tui_states_the_one_savings_position_word_for_word(
    root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from textual.pilot import Pilot
    from textual.widgets import DataTable, Static

    from pmo.tui.app import PmoApp
    from tui_pilot import drive, plain

    with (root / NOV).open("a", encoding="utf-8") as f:
        f.write("savings_forecast: { 2026/27: 80000 }\n")
    edit(
        root, Path("portfolio.yaml"), "  2026/27: 200000\n", "  2026/27: 200000\n  2027/28: 50000\n"
    )
    out = run_all(root, capsys)
    said = [s for s in out.status_json["q3_sentences"] if s.startswith("Savings ")]
    assert len(said) == 2  # 2026/27 and 2027/28 (a target, nothing planned)
    section = out.markdown.split("### Cashable savings by financial year")[1]
    lines = section.strip().split("\n\n")[0].splitlines()[2:]  # after the head and rule
    report_rows = [[c.strip() for c in line.strip("|").split("|")] for line in lines]
    seen: dict[str, Any] = {}

    async def scenario(app: PmoApp, pilot: Pilot[None]) -> None:
        await pilot.press("b")
        await pilot.pause()
        sentences = app.screen.query_one("#savings-sentences", Static).content
        seen["sentences"] = str(sentences).splitlines()
        table: DataTable[Any] = app.screen.query_one("#savings", DataTable)
        seen["rows"] = [
            [plain(c).strip() for c in table.get_row_at(i)] for i in range(table.row_count)
        ]

    drive(scenario, root, period="2026-11")
    assert seen["sentences"] == said
    for sentence in said:
        everywhere(out, re.escape(sentence))
    assert seen["rows"] == report_rows


# --- the TUI shows the same -------------------------------------------------------------


def test_tui_lists_unscored_apart_and_a_year_without_envelope_as_not_set(root: Path) -> None:
    from textual.pilot import Pilot
    from textual.widgets import DataTable

    from pmo.tui.app import PmoApp
    from tui_pilot import drive, plain

    edit(root, BETA, "scores: { strategic-fit: 2, readiness: 4 }\n", "scores: { readiness: 4 }\n")
    edit(
        root,
        ALPHA,
        "    2026/27: { capital: 0, revenue: 200000 }\n",
        "    2026/27: { capital: 0, revenue: 200000 }\n"
        "    2027/28: { capital: 0, revenue: 50000 }\n",
    )

    async def scenario(app: PmoApp, pilot: Pilot[None]) -> None:
        await pilot.press("c")
        await pilot.pause()
        priority: DataTable[Any] = app.screen.query_one("#priority", DataTable)
        rows = [[plain(c) for c in priority.get_row_at(i)] for i in range(priority.row_count)]
        assert [(r[0], r[1], r[2]) for r in rows] == [
            ("1", "Alpha Programme", "3.70"),
            ("–", "Beta Project", "unscored"),
        ]
        afford: DataTable[Any] = app.screen.query_one("#affordability", DataTable)
        later = [plain(c) for c in afford.get_row("2027/28")]
        assert (later[1], later[4], later[5]) == ("not set", "no envelope", "no envelope")

    drive(scenario, root, period="2026-11")
