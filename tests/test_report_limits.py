"""The caps on long lists: a short list is whole, a long one shows its worst few and counts
the rest, and the dashboard of a long portfolio keeps the programmes most in need of attention."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from factories import data, portfolio, programme, update
from pmo.report.data import build_report
from pmo.report.limits import (
    ANNEX,
    ANNEX_ROWS,
    BRIEF_SHOWN,
    BRIEF_WHOLE,
    REASONS_SHOWN,
    SHOWN,
    WHOLE,
    brief,
    cap,
    more_sentence,
    names_cell,
)
from pmo.report.markdown import render_markdown

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def sample_md() -> str:
    """The committed sample's November pack (tests/test_reports_current.py keeps it current)."""
    return (ROOT / "reports" / "2026-11" / "dmt-report.md").read_text(encoding="utf-8")


def test_a_list_up_to_the_cap_is_shown_whole() -> None:
    assert cap(list(range(WHOLE))) == (tuple(range(WHOLE)), 0)


def test_a_longer_list_shows_its_first_few_and_counts_the_rest() -> None:
    shown, more = cap(list(range(WHOLE + 1)))
    assert shown == tuple(range(SHOWN)) and more == WHOLE + 1 - SHOWN


def test_what_is_left_out_is_said_never_dropped() -> None:
    assert more_sentence(0, "programmes") == ""
    assert more_sentence(37, "programmes") == "And 37 more programmes — see the programme pages."
    assert names_cell(["A", "B"], 87) == "A; B +87 more"


def test_a_long_dashboard_keeps_red_then_no_update_then_amber_in_the_grids_order() -> None:
    n = WHOLE + 5
    progs = [programme(f"p{i:03d}") for i in range(n)]
    status = {0: "red", 1: "amber"}
    ups = {
        p.id: [update("2026-11", status.get(i, "green"))] for i, p in enumerate(progs) if i != 2
    }  # p002 never reported: missing
    r = build_report(data(portfolio(), progs, ups), "2026-11", None, [], Path("."))
    grid = [(g.programme, g.status) for g in r.dashboard.grid]
    assert len(grid) == SHOWN and len(r.dashboard.rows) == n
    assert grid[:2] == [("p000", "red"), ("p001", "amber")]  # the grid's own order
    assert grid[-1] == ("p002", "missing")  # kept although it sorts after green
    left = n - SHOWN
    assert f"And {left} more programmes ({left} green) — each is in the programme index" in (
        r.dashboard.more
    )
    md = render_markdown(r)
    assert r.dashboard.more.split(" — ")[0] in md


def test_a_detail_table_shows_its_worst_few_in_the_body_and_all_in_the_annex() -> None:
    assert brief(list(range(BRIEF_WHOLE))) == (tuple(range(BRIEF_WHOLE)), 0, (), 0)
    body, cut, annex, annex_cut = brief(list(range(BRIEF_WHOLE + 1)))
    assert body == tuple(range(BRIEF_SHOWN)) and cut == BRIEF_WHOLE + 1 - BRIEF_SHOWN
    assert annex == tuple(range(BRIEF_WHOLE + 1)) and annex_cut == 0
    body, cut, annex, annex_cut = brief(list(range(ANNEX_ROWS + 7)))
    assert len(annex) == ANNEX_ROWS and annex_cut == 7  # the rest: the programme pages


def test_the_samples_long_tables_are_cut_in_the_body_and_whole_in_the_annex_after_the_pages(
    sample_md: str,
) -> None:
    body, after = sample_md.split("\n## Programmes\n")
    annex = after.split("\n## Annex: detail tables\n")[1].split("\n## ")[0]
    ranking = body.split("### Priority ranking")[1].split("###")[0]
    assert ranking.count("\n| ") == BRIEF_SHOWN + 1  # header and the top few
    assert re.search(r"And \d+ more programmes ranked lower — " + ANNEX, ranking)
    full = annex.split("### Priority ranking")[1].split("###")[0]
    assert full.count("\n| ") == 27 + 1  # every scored programme, in the same order
    rows = [line for line in ranking.splitlines() if line.startswith("| ")]
    assert [line for line in full.splitlines() if line.startswith("| ")][: len(rows)] == rows
    for heading in ("Milestones slipped", "Finance", "Benefits at risk or off track"):
        assert f"### {heading}" in annex
    assert "## Annex: data quality" in after and "## Annex: data quality" not in body


def test_an_evidence_cell_gives_two_reasons_and_counts_the_rest(sample_md: str) -> None:
    cells = [
        line.rsplit(" | ", 1)[-1]
        for line in sample_md.split("### Evidence check")[1].split("###")[0].splitlines()
        if line.startswith("| ") and "more — see the programme page" in line
    ]
    assert cells, "no evidence cell was capped in the sample"
    for cell in cells:
        assert cell.count("; ") == REASONS_SHOWN and re.search(r"; \d+ more — see the", cell)
