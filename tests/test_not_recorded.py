"""A risk's or an issue's field left out (owner, category, target, proximity, actions, dates)
and a benefit's owner read "(not recorded)" — the product's one wording for unknown values —
in every report table (Markdown and HTML) and in the TUI: never a dash, never "none"."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable

from pmo.present.words import NOT_RECORDED, recorded
from pmo.report.markdown_q import BENEFIT_HEAD
from pmo.tui.app import PmoApp
from pmo.tui.programme import ProgrammeScreen
from pmo.tui.views_risk import RiskHeatmapScreen
from test_honest_everywhere import ALPHA, edit, run_all
from test_honest_everywhere import root as root  # the fixture: the catalogue's base, copied
from tui_pilot import drive, plain, tab_text

RISK = "Operator market cannot absorb the retender"
ISSUE = "Depot lease not yet agreed"
BENEFIT = "Lower transport cost per pupil"


def _bare_risk_and_issue(root: Path) -> None:
    """Alpha's risk without category, owner or target (score 16: escalated, so in every risk
    table), an escalated issue without owner or dates and a benefit without an owner."""
    edit(root, ALPHA, "    category: financial\n    owner: Head of Transport\n", "")
    edit(root, ALPHA, "    likelihood: 3\n    impact: 4\n", "    likelihood: 4\n    impact: 4\n")
    edit(root, ALPHA, "    target: { likelihood: 2, impact: 3 }\n", "")
    edit(root, ALPHA, "    owner: Head of Transport\n    measure:", "    measure:")
    edit(
        root,
        ALPHA,
        "dependencies:\n",
        f"issues:\n  - {{ id: depot-lease, title: {ISSUE}, severity: 4, escalate: true }}\n"
        "dependencies:\n",
    )


def _cells(row: str) -> list[str]:
    """A Markdown table row's cells (none of this test's cells holds a pipe)."""
    return [cell.strip() for cell in row.strip().strip("|").split("|")]


def test_recorded_is_the_value_or_the_one_wording_for_unknown() -> None:
    assert recorded("Head of Transport") == "Head of Transport"
    assert recorded(None) == recorded("") == recorded("  ") == NOT_RECORDED == "(not recorded)"
    assert recorded(12) == "12"


def test_a_risk_and_an_issue_with_fields_left_out_read_not_recorded_in_every_report_table(
    root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _bare_risk_and_issue(root)
    out = run_all(root, capsys)
    risk_rows = [line for line in out.markdown.splitlines() if line.startswith(f"| {RISK}")]
    risk_rows += [line for line in out.markdown.splitlines() if f"| {RISK} |" in line]
    risk_rows = list(dict.fromkeys(risk_rows))
    assert len(risk_rows) >= 3  # Q1's risks for DMT's attention, RAID, the programme's page
    for row in risk_rows:
        assert NOT_RECORDED in _cells(row) and "–" not in _cells(row), row
    (issue_row,) = [line for line in out.markdown.splitlines() if line.startswith(f"| {ISSUE}")]
    assert _cells(issue_row).count(NOT_RECORDED) == 3, issue_row  # owner, raised, due
    assert "–" not in _cells(issue_row), issue_row

    benefit_rows = [  # the benefit tables (title, owner, ...), not the trajectories
        cells
        for line in out.markdown.splitlines()
        if f"| {BENEFIT} |" in line and len(cells := _cells(line)) >= len(BENEFIT_HEAD)
    ]
    assert benefit_rows
    for cells in benefit_rows:
        assert cells[cells.index(BENEFIT) + 1] == NOT_RECORDED, cells

    page = (root.parent / "reports" / "2026-11" / "dmt-report.html").read_text(encoding="utf-8")
    rows = re.findall(r"(?s)<tr>(?:(?!</tr>).)*</tr>", page)
    html_risks = [r for r in rows if RISK in r]
    html_issues = [r for r in rows if ISSUE in r]
    assert len(html_risks) >= 3 and len(html_issues) == 1
    for row in html_risks + html_issues:
        assert "<td>(not recorded)</td>" in row, row
        assert not re.search(r">\s*–\s*<", row), row
    assert html_issues[0].count("(not recorded)") == 3
    html_benefits = [r for r in rows if BENEFIT in r and "<td" in r]
    assert html_benefits and all("<td>(not recorded)</td>" in r for r in html_benefits)


def test_tui_shows_not_recorded_for_a_risk_and_an_issue_field_left_out(root: Path) -> None:
    _bare_risk_and_issue(root)
    seen: dict[str, Any] = {}

    async def scenario(app: PmoApp, pilot: Pilot[None]) -> None:
        await pilot.press("h")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, RiskHeatmapScreen)
        screen.show_cell(4, 4)
        cell: DataTable[Any] = screen.query_one("#risk-cell", DataTable)
        seen["heatmap"] = [plain(c) for c in cell.get_row("alpha/provider-market")]
        seen["detail"] = screen.details["alpha/provider-market"].plain
        await pilot.press("escape")
        await pilot.pause()
        app.open_programme("alpha")
        await pilot.pause()
        prog = app.screen
        assert isinstance(prog, ProgrammeScreen)
        prog.action_show_tab("risks")
        await pilot.pause()
        seen["risks"] = next(line for line in tab_text(prog, 220).splitlines() if RISK in line)
        prog.action_show_tab("issues")
        await pilot.pause()
        seen["issues"] = next(line for line in tab_text(prog, 220).splitlines() if ISSUE in line)

    drive(scenario, root, period="2026-11")
    _, title, owner, _, category = seen["heatmap"]
    assert (title, owner, category) == (RISK, NOT_RECORDED, NOT_RECORDED)
    assert seen["detail"].endswith("(owner (not recorded))")
    assert "none" not in seen["detail"]
    assert seen["risks"].count(NOT_RECORDED) == 2  # category and owner
    assert seen["issues"].count(NOT_RECORDED) == 3  # owner, raised, due
    assert "–" not in seen["risks"] + seen["issues"]
