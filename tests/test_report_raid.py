"""RAID for DMT: escalated risks (by score or by the PMO), escalated issues, dependencies."""

from __future__ import annotations

from pathlib import Path

import pytest

from pmo.analysis.answers import answer
from pmo.analysis.data import PortfolioData
from pmo.opening import open_portfolio
from pmo.report import writer
from pmo.report.data import build_report
from pmo.report.html import render_html
from pmo.report.markdown import render_markdown
from pmo.report.registers import current_registers
from pmo.report.sections_raid import raid_section
from pmo.report.snapshot import parse_snapshot, snapshot

ROOT = Path(__file__).resolve().parents[1]
PORTFOLIO = ROOT / "portfolio"


@pytest.fixture(scope="module")
def data() -> PortfolioData:
    opened = open_portfolio(PORTFOLIO, "2026-11", as_at=writer.AS_AT)
    assert opened.data is not None
    return opened.data


def test_the_pmo_can_escalate_a_risk_below_the_escalation_score(data: PortfolioData) -> None:
    raid = raid_section(data, answer(data, "2026-11"), None, "2026-10")
    framework = next(r for r in raid.risks if r.risk == "framework-gap")
    assert (framework.score, framework.escalated) == (12, "PMO")
    assert raid.risks[0].escalated == "score" and raid.risks[0].score == 16
    assert [r.escalated is not None for r in raid.risks[:2]] == [True, True]  # escalated first


def test_open_escalated_issues_are_listed_most_severe_first(data: PortfolioData) -> None:
    raid = raid_section(data, answer(data, "2026-11"), None, "2026-10")
    titles = [i.title for i in raid.issues]
    assert "Driver shortage on SEN routes" in titles and len(titles) == 5
    assert [i.severity for i in raid.issues] == sorted(
        (i.severity for i in raid.issues), reverse=True
    )


def test_dependencies_on_a_programme_in_trouble_are_flagged_first(data: PortfolioData) -> None:
    raid = raid_section(data, answer(data, "2026-11"), None, "2026-10")
    flags = [d.flagged for d in raid.dependencies]
    assert flags == sorted(flags, reverse=True) and raid.flagged_dependencies == sum(flags)
    transport = next(
        d
        for d in raid.dependencies
        if d.programme == "home-to-school-transport" and d.on == "send-sufficiency"
    )
    assert (transport.on_status, transport.flagged) == ("red", True)


def test_without_last_months_scores_no_movement_is_claimed(data: PortfolioData) -> None:
    raid = raid_section(data, answer(data, "2026-11"), None, "2026-10")
    assert {r.move for r in raid.risks} == {"unknown"}
    assert any("Risk movement is not shown" in n for n in raid.notes)


def test_risk_movement_compares_with_the_scores_in_last_months_snapshot(
    data: PortfolioData,
) -> None:
    before = dict(current_registers(data, "2026-10").risks)
    before["send-sufficiency/specialist-places"] = 12
    del before["placements-retender/framework-gap"]
    raid = raid_section(data, answer(data, "2026-11"), before, "2026-10")
    moves = {r.risk: (r.move, r.previous) for r in raid.risks}
    assert moves["specialist-places"] == ("up", 12)
    assert moves["framework-gap"] == ("new", None)
    assert {m for m, _ in moves.values()} == {"up", "new", "same"}


def test_the_snapshot_keeps_the_registers_for_next_month(data: PortfolioData) -> None:
    report = build_report(data, "2026-11", None, [], PORTFOLIO)
    doc = snapshot(report)
    assert doc["registers"]["risks"]["placements-retender/framework-gap"]["score"] == 12
    previous = parse_snapshot(doc, "2026-11")
    assert previous.registers is not None
    assert previous.registers.issues["home-to-school-transport/driver-shortage"] == (
        "Driver shortage on SEN routes"
    )
    doc["registers"]["risks"]["x/y"] = {"score": 99}
    assert parse_snapshot(doc, "2026-11").registers is None  # not a score: nothing claimed


def test_both_renderers_show_the_raid_section(data: PortfolioData) -> None:
    report = build_report(data, "2026-11", None, [], PORTFOLIO)
    md, html = render_markdown(report), render_html(report)
    assert "## Risks, issues and dependencies for DMT" in md
    assert "| Current framework expires before new one is live |" in md
    assert "escalated by the PMO" in md and "escalated by the PMO" in html
    assert (
        md.index("## Decisions for DMT")
        < md.index("## Risks, issues")
        < md.index("## Portfolio dashboard")
    )
