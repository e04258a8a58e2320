"""What changed beyond overall status, by service area and SRO, programme pages worst first.

Small inline portfolios: October's report is built, its snapshot kept (what DMT was told),
the programme files change, and November's report is compared with that snapshot.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from factories import data, portfolio, programme, update
from pmo.analysis.data import PortfolioData
from pmo.model import Programme, Update
from pmo.report.data import build_report
from pmo.report.html import render_html
from pmo.report.limits import NAMES_SHOWN, STATUS_ROWS
from pmo.report.markdown import render_markdown
from pmo.report.snapshot import snapshot
from pmo.report.types import ReportData

ROOT = Path(".")

RISK = {"id": "staff", "title": "Staff leave", "likelihood": 3, "impact": 3}
ISSUE = {"id": "late-bids", "title": "Late bids", "severity": 3, "raised": "2026-09-10"}
MILESTONE = {"id": "go-live", "title": "Go live", "baseline": "2027-01-31", "key": True,
             "forecast": "2027-01-31"}  # fmt: skip


def _prog(pid: str = "alpha", **kw: Any) -> Programme:
    base: dict[str, Any] = {"risks": [RISK], "issues": [ISSUE], "milestones": [MILESTONE]}
    return programme(pid, **(base | kw))


def _months(*pairs: tuple[str, str], **rag: str) -> list[Update]:
    return [update(period, overall, **({"rag": rag} if rag else {})) for period, overall in pairs]


def _report(d: PortfolioData, period: str, before: ReportData | None = None) -> ReportData:
    return build_report(d, period, snapshot(before) if before else None, [], ROOT)


def _pair(
    october: list[Programme], november: list[Programme], updates: dict[str, list[Update]]
) -> ReportData:
    first = _report(data(portfolio(), october, updates), "2026-10")
    return _report(data(portfolio(), november, updates), "2026-11", first)


def _kinds(r: ReportData) -> list[tuple[str, str, str | None]]:
    return [(i.kind, i.title, i.detail) for i in r.what_changed.items]


UPDATES = {"alpha": _months(("2026-10", "green"), ("2026-11", "green"))}


def test_a_risk_opened_since_last_month_is_listed_with_its_score() -> None:
    new = {"id": "fire", "title": "Fire safety", "likelihood": 4, "impact": 4}
    r = _pair([_prog()], [_prog(risks=[RISK, new])], UPDATES)
    assert _kinds(r) == [("risk opened", "Fire safety", "score 16")]
    assert "Registers since the 2026-10 report: 1 risk opened." in r.what_changed.notes


def test_a_risk_closed_and_an_issue_removed_say_which() -> None:
    closed = RISK | {"status": "closed"}
    r = _pair([_prog()], [_prog(risks=[closed], issues=[])], UPDATES)
    assert _kinds(r) == [("risk closed", "Staff leave", None),
                         ("issue removed", "Late bids", None)]  # fmt: skip


def test_risk_scores_moving_are_listed_up_before_down() -> None:
    other = {"id": "cost", "title": "Cost rise", "likelihood": 4, "impact": 4}
    before = _prog(risks=[RISK, other])
    after = _prog(risks=[RISK | {"likelihood": 5}, other | {"likelihood": 2}])
    r = _pair([before], [after], UPDATES)
    assert _kinds(r) == [
        ("risk score up", "Staff leave", "score 9 → 15"),
        ("risk score down", "Cost rise", "score 16 → 8"),
    ]


def test_an_issue_opened_and_a_milestone_re_baselined_are_listed() -> None:
    issue = {"id": "strike", "title": "Strike", "severity": 4, "raised": "2026-11-03"}
    moved = MILESTONE | {"current": "2027-03-31", "forecast": "2027-03-31"}
    r = _pair([_prog()], [_prog(issues=[ISSUE, issue], milestones=[moved])], UPDATES)
    assert _kinds(r) == [
        ("issue opened", "Strike", None),
        ("milestone re-baselined", "Go live", "2027-01-31 → 2027-03-31"),
    ]


def test_with_nothing_changed_in_the_registers_the_pack_says_so() -> None:
    r = _pair([_prog()], [_prog()], UPDATES)
    assert r.what_changed.items == ()
    assert any(n.startswith("No risk or issue opened or closed") for n in r.what_changed.notes)


def test_without_last_months_snapshot_no_register_change_is_claimed() -> None:
    issue = {"id": "strike", "title": "Strike", "severity": 4, "raised": "2026-11-03"}
    r = _report(data(portfolio(), [_prog(issues=[ISSUE, issue])], UPDATES), "2026-11")
    assert _kinds(r) == [("issue opened", "Strike", "raised 2026-11-03")]  # from its date
    assert any("cannot be compared" in n for n in r.what_changed.notes)


def test_dimension_downgrades_are_listed_before_upgrades() -> None:
    october = update("2026-10", "amber", rag={"resources": "amber", "scope": "red"})
    november = update("2026-11", "amber", rag={"resources": "red", "scope": "green"})
    ups = {"alpha": [october, november]}
    r = _pair([_prog()], [_prog()], ups)
    dims = [(d.dimension, d.before, d.after, d.trend) for d in r.what_changed.dimensions]
    assert dims == [("resources", "amber", "red", "worse"), ("scope", "red", "green", "better")]
    assert r.what_changed.notes[0] == "1 dimension rating downgraded and 1 upgraded since 2026-10."


def test_the_moving_over_allocation_window_is_not_reported_as_a_change() -> None:
    # capacity 2 PMs; demand 3 from 2026-11 to 2027-10: October's twelve months hold 11
    # over-allocated role-months, November's 12, with nothing in the portfolio changing
    demand = [{"role": "programme-manager", "fte": 3, "from": "2026-11", "to": "2027-10"}]
    p = _prog(resources=demand)
    r = _pair([p], [p], UPDATES)
    keys = {f.key for f in r.changes.figures}
    assert "over_allocated" not in keys
    before = _report(data(portfolio(), [p], UPDATES), "2026-10")
    figures = {f.key: f.value for f in before.figures}
    now = {f.key: f.value for f in r.figures}
    assert figures["over_allocated"] != now["over_allocated"]  # the window did move
    md = render_markdown(r)
    assert "a window that moves on every month, so that count is not compared" in md
    assert "Role-months over-allocated |" not in md.split("## What changed")[1]


def test_new_decision_requests_are_told_apart_from_ones_asked_again() -> None:
    ask = {"title": "Approve the retender", "by": "2026-12-01"}
    again = {"title": "Fund agency staff", "by": "2026-12-01"}
    ups = {"alpha": [update("2026-10", "amber", decisions=[again]),
                     update("2026-11", "amber", decisions=[ask, again])]}  # fmt: skip
    r = _pair([_prog()], [_prog()], ups)
    assert ("2 decision requests this month, 1 new; 1 asked again from 2026-10: "
            "Fund agency staff.") in r.what_changed.notes  # fmt: skip


def _many(n: int) -> tuple[list[Programme], dict[str, list[Update]]]:
    progs = [_prog(f"p{i:03d}") for i in range(n)]
    ups = {
        p.id: [update("2026-10", "green"), update("2026-11", "amber" if i % 3 else "red")]
        for i, p in enumerate(progs)
    }
    return progs, ups


def _status_changes(md: str) -> str:
    return md.split("### Status changes")[1].split("###")[0]


def test_a_long_list_of_status_changes_is_grouped_by_move_worst_first() -> None:
    progs, ups = _many(60)
    r = _pair(progs, progs, ups)
    groups = [(g.before, g.after, g.count) for g in r.what_changed.status_groups]
    assert groups == [("green", "red", 20), ("green", "amber", 40)]
    red, amber = r.what_changed.status_groups
    assert len(red.names) == len(amber.names) == NAMES_SHOWN  # each group names a few
    md = _status_changes(render_markdown(r))
    assert "| green | RED | 20 | P000; P003; P006; P009; P012 +15 more |" in md
    assert "| green | amber | 40 | P001; P002; P004; P005; P007 +35 more |" in md
    assert md.count("| green | amber |") == 1  # one line, not forty


def test_a_short_list_of_status_changes_is_shown_whole() -> None:
    progs, ups = _many(STATUS_ROWS)
    r = _pair(progs, progs, ups)
    assert r.what_changed.status_groups == ()
    assert len(r.changes.statuses) == STATUS_ROWS
    assert _status_changes(render_markdown(r)).count("| green | amber | ▼ worse |") == 16


def _groups_portfolio() -> ReportData:
    progs = [
        programme("a-red", service="education-inclusion", sro="Head of Inclusion"),
        programme("b-green", service="education-inclusion", sro="Head of Inclusion"),
        programme("c-amber", service="children-families", sro="Director"),
        programme("d-missing", service="access-resources", sro="Director"),
        programme("e-green", service="children-families"),
    ]
    ups = {
        "a-red": [update("2026-11", "red")],
        "b-green": [update("2026-11", "green")],
        "c-amber": [update("2026-11", "amber")],
        "e-green": [update("2026-11", "green")],
    }
    cfg = portfolio(services=["children-families", "education-inclusion", "access-resources"])
    return _report(data(cfg, progs, ups), "2026-11")


def test_service_areas_and_sros_are_counted_worst_first_with_exceptions_named() -> None:
    r = _groups_portfolio()
    services = [(g.label, g.programmes, g.counts, g.exceptions) for g in r.by_group.services]
    assert services == [
        ("Education inclusion", 2, (("green", 1), ("red", 1)), ("A Red (Red)",)),
        ("Access resources", 1, (("missing", 1),), ("D Missing (Missing)",)),
        ("Children families", 2, (("green", 1), ("amber", 1)), ()),
    ]
    assert [g.label for g in r.by_group.sros] == ["Head of Inclusion", "Director"]


def test_programme_pages_follow_the_dashboards_order_with_an_index() -> None:
    r = _groups_portfolio()
    order = [p.programme for p in r.programmes]
    assert order == ["a-red", "c-amber", "b-green", "e-green", "d-missing"]
    assert order == [row.programme for row in r.dashboard.rows]
    md = render_markdown(r).split("## Programmes")[1]
    assert "| 1 | A Red | RED | Education inclusion | Head of Inclusion |" in md
    pages = [md.index(f"### {name}") for name in ("A Red", "C Amber", "B Green", "D Missing")]
    assert pages == sorted(pages)
    html = render_html(r)
    index = html.split('aria-labelledby="programme-index-h"')[1].split("</nav>")[0]
    links = [index.index(f'href="#p-{pid}"') for pid in order]
    assert links == sorted(links)


def test_user_text_in_the_new_sections_is_escaped() -> None:
    evil = "<b>x</b> | *y*"
    progs = [programme("alpha", name=evil, sro=evil, risks=[RISK | {"title": evil}])]
    ups = {"alpha": [update("2026-10", "green"), update("2026-11", "red")]}
    before = _report(data(portfolio(), [programme("alpha", name=evil, sro=evil)], ups), "2026-10")
    r = _report(data(portfolio(), progs, ups), "2026-11", before)
    md, html = render_markdown(r), render_html(r)
    assert "<b>x</b>" not in md and "\\| \\*y\\*" in md
    assert "<b>x</b>" not in html and "&lt;b&gt;x&lt;/b&gt;" in html
