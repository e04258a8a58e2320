"""Decisions as papers: asks against headroom, needed-by flags, the decision and action log."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from pmo.analysis.data import PortfolioData
from pmo.analysis.q1 import Affordability, FyAffordability
from pmo.model import DmtNote
from pmo.opening import open_portfolio
from pmo.report import writer
from pmo.report.data import build_report
from pmo.report.html import render_html
from pmo.report.markdown import render_markdown
from pmo.report.sections_decisions import ask_notes, ask_totals, decision_log
from pmo.report.types import DecisionItem, ReportData

ROOT = Path(__file__).resolve().parents[1]
PORTFOLIO = ROOT / "portfolio"


@pytest.fixture(scope="module")
def data() -> PortfolioData:
    opened = open_portfolio(PORTFOLIO, "2026-11", as_at=writer.AS_AT)
    assert opened.data is not None
    return opened.data


@pytest.fixture(scope="module")
def report(data: PortfolioData) -> ReportData:
    return build_report(data, "2026-11", None, [], PORTFOLIO)


def _ask(cost: float, fy: str = "2026/27", envelope: bool = True) -> DecisionItem:
    return DecisionItem("PMO", None, "Ask", None, None, cost=((fy, cost),), from_envelope=envelope)


def _aff(headroom: float | None) -> Affordability:
    year = FyAffordability(
        "2026/27", None if headroom is None else 1e6, 0, 0, headroom, None, None, 0, 0, None, None
    )
    return Affordability("2026/27", (year,))


def test_the_sample_totals_its_asks_against_the_headroom(report: ReportData) -> None:
    (total,) = report.asks
    assert total.text == (
        "£1.1m + £85k asked against £805k headroom in 2026/27: £380k more than the headroom, "
        "so DMT cannot agree them all from the envelope."
    )
    assert report.summary.attention[0].text == f"Decisions: {total.text}"
    assert report.summary.attention[0].anchor == "decisions"


def test_needed_by_the_meeting_day_is_flagged(report: ReportData) -> None:
    urgent = [d for d in report.decisions if d.urgent]
    later = [d for d in report.decisions if not d.urgent]
    assert all(d.by and d.by <= "2026-12-03" for d in urgent)
    assert {d.by for d in later} == {"2027-01-07"}
    assert any("needed by the meeting day (2026-12-03)" in n for n in report.asks_notes)


def test_a_paper_shows_recommendation_options_cost_and_background(report: ReportData) -> None:
    send = next(d for d in report.decisions if d.ref == "SEND-2026-11-1")
    assert send.cost_text == "£1.1m in 2026/27"
    assert send.recommendation and len(send.options) == 3
    assert send.detail and send.detail.startswith("Tenders for the satellite school")
    md = render_markdown(report)
    assert "#### 12. Approve £1.1m High Needs capital contingency" in md
    assert "**Recommendation:** Approve the £1.1m contingency" in md
    assert 'id="decision-12"' in render_html(report)


def test_asks_funded_elsewhere_are_not_totalled_against_the_envelope() -> None:
    totals = ask_totals([_ask(100_000), _ask(900_000, envelope=False)], _aff(500_000))
    assert [t.total for t in totals] == [100_000]
    assert totals[0].over is None and "within it (£400k left)" in totals[0].text


def test_no_envelope_means_the_asks_cannot_be_checked_not_that_they_fit() -> None:
    (t,) = ask_totals([_ask(100_000)], _aff(None))
    assert t.headroom is None and t.over is None
    assert "no envelope is set for 2026/27, so it cannot be checked" in t.text


def test_many_asks_are_counted_not_listed() -> None:
    (t,) = ask_totals([_ask(10_000 * i) for i in range(1, 8)], _aff(100_000))
    assert t.text.startswith("7 requests totalling £280k asked against £100k headroom")
    assert t.over == 180_000


def test_without_a_meeting_date_needed_by_cannot_be_checked() -> None:
    notes = ask_notes([_ask(1)], (), None, "2026-11")
    assert any("No meeting date is recorded (dmt/2026-11.yaml)" in n for n in notes)


def test_last_meetings_outcomes_and_overdue_actions(report: ReportData) -> None:
    log = report.decision_log
    assert (log.period, log.meeting) == ("2026-10", "2026-11-05")
    gateway = log.outcomes[0]
    assert gateway.decision.startswith("Commission a gateway review of Children's Homes")
    assert (gateway.source, gateway.outcome) == ("PMO", "agreed")
    mash = next(o for o in log.outcomes if o.outcome == "deferred")
    assert mash.source == "Front Door and MASH Redesign"
    assert [a.overdue for a in log.open_actions] == [True, True, False]  # overdue first
    assert all(a.done is None for a in log.open_actions)  # done actions are not open
    md = render_markdown(report)
    assert "### Last meeting's decisions: 2026-10 (2026-11-05)" in md
    assert "| Commission the gateway review from the corporate assurance team | Head of PMO |" in md


def test_no_note_for_last_month_says_outcomes_are_not_recorded(data: PortfolioData) -> None:
    log = decision_log(replace(data, dmt={}), "2026-11")
    assert log.outcomes == () and log.open_actions == ()
    assert "last meeting's outcomes are not recorded" in log.note


def test_a_note_without_outcomes_says_how_to_record_them(data: PortfolioData) -> None:
    dmt = {"2026-10": DmtNote(meeting=date(2026, 11, 5))}
    log = decision_log(replace(data, dmt=dmt), "2026-11")
    assert "records no outcomes" in log.note


def test_actions_are_overdue_against_the_meeting_not_the_clock(data: PortfolioData) -> None:
    dmt = dict(data.dmt)
    dmt["2026-11"] = dmt["2026-11"].model_copy(update={"meeting": date(2026, 11, 25)})
    log = decision_log(replace(data, dmt=dmt), "2026-11")
    assert log.overdue == 1  # due 2026-11-20 is before 25 November; 30 November is not
