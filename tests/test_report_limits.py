"""The caps on long lists: a short list is whole, a long one shows its worst few and counts
the rest, and the dashboard of a long portfolio keeps the programmes most in need of attention."""

from __future__ import annotations

from pathlib import Path

from factories import data, portfolio, programme, update
from pmo.report.data import build_report
from pmo.report.limits import SHOWN, WHOLE, cap, more_sentence, names_cell
from pmo.report.markdown import render_markdown


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
