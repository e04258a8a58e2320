"""A value the portfolio leaves out reads as words saying why, the same in the report's Markdown
and HTML and in the TUI (pmo.present.words): a risk with no category, headroom with no envelope,
savings with no target, a decision's cost and date, a dependency's reason, a programme's dates,
a milestone's forecast, an outcome no request matches. Never a bare key, never a lone dash."""

from __future__ import annotations

import html
import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable

from factories import data, programme
from pmo.analysis.q1_risk import risk_profile
from pmo.analysis.q2_delivery import MilestoneProgress
from pmo.cli import main
from pmo.present.words import (
    ASKER_UNKNOWN,
    MET_LATER,
    NO_COST_STATED,
    NO_ENVELOPE,
    NO_FORECAST,
    NO_TARGET,
    NOT_COMPARED,
    NOT_RECORDED,
    NOT_SET,
    milestone_date,
)
from pmo.report.sections_q2 import milestone_item
from pmo.tui.app import PmoApp
from pmo.tui.cells import milestone_forecast_cell, money_cell
from pmo.tui.programme import ProgrammeScreen
from test_honest_everywhere import ALPHA, BASE, NOV, TODAY, edit
from tui_pilot import drive, plain, tab_text

PORTFOLIO = Path("portfolio.yaml")
MILESTONE = "Lot 2 contracts awarded"
DECISION = "Approve a two-week extension"
OUTCOME = "Close the old depot"


@dataclass(frozen=True)
class Report:
    """The November report of the edited catalogue portfolio, Markdown and HTML."""

    markdown: str
    page: str

    def md_row(self, starts: str) -> list[str]:
        """The cells of the one Markdown table row that starts with ``starts``."""
        (row,) = [line for line in self.markdown.splitlines() if line.startswith(f"| {starts}")]
        return [cell.strip() for cell in row.strip().strip("|").split("|")]

    def html_rows(self, text: str) -> list[list[str]]:
        """The cells (tags dropped, entities undone) of every HTML table row holding ``text``."""
        rows = re.findall(r"(?s)<tr>(?:(?!</tr>).)*</tr>", self.page)
        return [
            [
                html.unescape(re.sub(r"<[^>]+>", "", c)).strip()
                for c in re.findall(r"(?s)<td.*?</td>", r)
            ]
            for r in rows
            if text in html.unescape(r)
        ]


def _leave_out(root: Path) -> None:
    """Alpha's risk without a category, no envelope and no savings target, a decision with no
    date (and no cost), a dependency with no reason, no start or end dates, a key milestone
    with no forecast and a DMT outcome for a request nobody asked."""
    edit(root, ALPHA, "    category: financial\n", "")
    edit(root, PORTFOLIO, "envelope:\n  2026/27: 500000\n", "")
    edit(root, PORTFOLIO, "savings_target:\n  2026/27: 200000\n", "")
    edit(root, NOV, f"{{ title: {DECISION}, by: 2026-12-05 }}", f"{{ title: {DECISION} }}")
    edit(root, ALPHA, "{ programme: beta, note: Beta delivers the data }", "{ programme: beta }")
    edit(
        root,
        ALPHA,
        "start: 2026-04-01\n",
        "",
    )
    (root / "dmt").mkdir()
    (root / "dmt" / "2026-10.yaml").write_text(
        f"meeting: 2026-11-05\noutcomes:\n  - {{ decision: {OUTCOME}, outcome: noted }}\n",
        encoding="utf-8",
    )


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    target = tmp_path_factory.mktemp("missing") / "portfolio"
    shutil.copytree(BASE, target)
    _leave_out(target)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("pmo.clock.today", lambda: TODAY)
        yield target


@pytest.fixture(scope="module")
def report(root: Path) -> Report:
    out = root.parent / "reports"
    assert main(["report", "--portfolio", str(root), "--out", str(out), "--period", "2026-11"]) == 0
    folder = out / "2026-11"
    return Report(
        (folder / "dmt-report.md").read_text(encoding="utf-8"),
        (folder / "dmt-report.html").read_text(encoding="utf-8"),
    )


# --- the wordings themselves ------------------------------------------------------------


def test_milestone_date_is_the_actual_the_forecast_or_says_why_there_is_none() -> None:
    assert milestone_date("2026-09-10", "2026-09-15") == "2026-09-10"
    assert milestone_date(None, "2026-09-15") == "2026-09-15"
    assert milestone_date(None, None) == NOT_RECORDED == "(not recorded)"
    assert milestone_date(None, None, met_later=True) == MET_LATER == "met after the month"


def test_a_milestone_met_only_after_the_month_is_reported_as_met_later_not_as_unknown() -> None:
    row = MilestoneProgress(
        programme="alpha", milestone="m", title="M", key=True, baseline=date(2026, 9, 30),
        current=None, forecast=None, actual=date(2026, 10, 2), slip_vs_baseline=2,
        slip_vs_current=2, rebaselined=False, due=None,
    )  # fmt: skip
    item = milestone_item(row, "Alpha", "2026-09", 30)
    assert (item.actual, item.met_later) == (None, True)
    assert milestone_item(row, "Alpha", "2026-10", 30).met_later is False  # met in October


def test_a_risk_with_no_category_is_its_own_group_never_merged_with_a_category_name() -> None:
    risks = [
        {"id": "bare", "title": "No category", "likelihood": 2, "impact": 2},
        {
            "id": "named",
            "title": "Named",
            "category": "uncategorised",
            "likelihood": 2,
            "impact": 2,
        },
    ]
    portfolio_data = data(programmes=[programme("alpha", risks=risks)])
    keys = [(c.key, c.open) for c in risk_profile(portfolio_data, "2026-11").by_category]
    assert keys == [("uncategorised", 1), (None, 1)]  # no category last, apart from the slug


def test_tui_money_cell_says_why_a_figure_is_missing_when_told() -> None:
    assert money_cell(None, missing=NO_ENVELOPE).plain == "no envelope"
    assert money_cell(None).plain == "–"  # no reason given: the dash, as before
    assert money_cell(-5000.0, red_below=0, missing=NO_ENVELOPE).plain == "-£5k"


def test_tui_milestone_forecast_cell_says_not_recorded_only_while_unmet() -> None:
    assert milestone_forecast_cell(None, None).plain == NOT_RECORDED
    assert milestone_forecast_cell(None, date(2026, 9, 10)).plain == "–"
    assert milestone_forecast_cell(date(2026, 9, 15), None).plain == "2026-09-15"


# --- the report, Markdown and HTML alike ------------------------------------------------


def test_report_names_the_risks_with_no_category_group_in_words_never_uncategorised(
    report: Report,
) -> None:
    rows = report.html_rows(NOT_RECORDED)
    by_category = [
        r for r in rows if len(r) == 6
    ]  # category, open, escalate, over, highest, appetite
    assert by_category == [[NOT_RECORDED, "1", "0", "0", "12", NOT_COMPARED]]
    assert "uncategorised" not in report.page + report.markdown


def test_report_says_no_envelope_for_headroom_and_not_set_for_the_envelope(
    report: Report,
) -> None:
    md = report.md_row("**2026/27**")
    assert md[1] == NOT_SET and md[4] == md[5] == NO_ENVELOPE, md
    (html_row,) = [r for r in report.html_rows("2026/27") if r[0] == "2026/27 (now)"]
    assert html_row[1] == NOT_SET and html_row[4] == html_row[5] == NO_ENVELOPE, html_row


def test_report_says_no_target_for_unidentified_savings_without_a_target(report: Report) -> None:
    md = report.md_row("2026/27 | not set")
    assert md[3] == NO_TARGET, md
    html_rows = [r for r in report.html_rows("2026/27") if r[:2] == ["2026/27", NOT_SET]]
    assert html_rows and all(r[3] == NO_TARGET for r in html_rows), html_rows


def test_report_decision_with_no_cost_or_date_says_so_in_the_requests_table(
    report: Report,
) -> None:
    md = report.md_row("1 | **" + DECISION)
    assert md[3:] == [NO_COST_STATED, NOT_RECORDED], md
    (html_row,) = [r for r in report.html_rows(DECISION) if len(r) == 5]
    assert html_row[3:] == [NO_COST_STATED, NOT_RECORDED], html_row


def test_report_outcome_matching_no_request_says_the_asker_is_unknown(report: Report) -> None:
    assert report.md_row(OUTCOME)[1] == ASKER_UNKNOWN
    (html_row,) = [r for r in report.html_rows(OUTCOME) if r[0] == OUTCOME]
    assert html_row[1] == ASKER_UNKNOWN


def test_report_dependency_with_no_reason_says_not_recorded(report: Report) -> None:
    md_rows = [
        line
        for line in report.markdown.splitlines()
        if line.startswith("| Alpha Programme | Beta Project |")
    ]
    assert md_rows and all(f"| {NOT_RECORDED} |" in line for line in md_rows), md_rows
    html_rows = [r for r in report.html_rows("Alpha Programme") if r[1:2] == ["Beta Project"]]
    assert html_rows and all(r[3] == NOT_RECORDED for r in html_rows), html_rows


def test_report_programme_with_no_dates_says_not_recorded(report: Report) -> None:
    assert f"| Dates | start {NOT_RECORDED}; end {NOT_RECORDED} |" in report.markdown
    assert f"<dt>Dates</dt><dd>{NOT_RECORDED} to {NOT_RECORDED}</dd>" in report.page


def test_report_unmet_milestone_with_no_forecast_makes_the_programme_unreadable(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # no forecast for an unmet milestone is an error of pmo validate: the file is not used
    target = tmp_path / "portfolio"
    shutil.copytree(BASE, target)
    edit(
        target,
        ALPHA,
        "    baseline: 2027-01-31\n    forecast: 2027-02-28\n",
        "    baseline: 2027-01-31\n    key: true\n",
    )
    out = tmp_path / "reports"
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("pmo.clock.today", lambda: TODAY)
        assert main(["report", str(target), "--out", str(out), "--period", "2026-11"]) == 0
    capsys.readouterr()
    md = (out / "2026-11" / "dmt-report.md").read_text(encoding="utf-8")
    assert "1 unreadable (Alpha Programme)" in md


# --- the TUI ----------------------------------------------------------------------------


def test_tui_says_in_words_why_headroom_savings_dates_and_a_forecast_are_missing(
    root: Path,
) -> None:
    seen: dict[str, Any] = {}

    async def scenario(app: PmoApp, pilot: Pilot[None]) -> None:
        await pilot.press("c")
        await pilot.pause()
        afford: DataTable[Any] = app.screen.query_one("#affordability", DataTable)
        seen["afford"] = [plain(c) for c in afford.get_row("2026/27")]
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("b")
        await pilot.pause()
        savings: DataTable[Any] = app.screen.query_one("#savings", DataTable)
        seen["savings"] = [plain(c) for c in savings.get_row("2026/27")]
        await pilot.press("escape")
        await pilot.pause()
        app.open_programme("alpha")
        await pilot.pause()
        prog = app.screen
        assert isinstance(prog, ProgrammeScreen)
        seen["overview"] = tab_text(prog, 220)
        prog.action_show_tab("milestones")
        await pilot.pause()
        seen["milestone"] = next(
            line for line in tab_text(prog, 220).splitlines() if MILESTONE in line
        )

    drive(scenario, root, period="2026-11")
    afford = seen["afford"]
    assert afford[1] == NOT_SET and afford[4] == afford[5] == NO_ENVELOPE, afford
    assert afford[6] == NOT_SET and afford[8] == NO_TARGET, afford
    assert seen["savings"][3] == NO_TARGET, seen["savings"]
    # (end dates and an unmet milestone's forecast are required in delivery: errors, so
    # leaving them out would make alpha unreadable; only the start is left out here)
    line = next(x for x in seen["overview"].splitlines() if x.strip().startswith("Start"))
    assert NOT_RECORDED in line, line


def test_report_trends_say_no_forecast_for_a_month_without_a_savings_forecast(
    report: Report,
) -> None:
    md = report.md_row("Oct 26")
    assert md[4] == f"{NO_FORECAST} / {NOT_SET}", md
    (html_row,) = [r for r in report.html_rows("2026/27") if r[-1] == "computed"]
    assert html_row[-4:-2] == [NOT_SET, NO_FORECAST], html_row
