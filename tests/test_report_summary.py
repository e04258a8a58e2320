"""The executive summary: verdicts computed from the analysis, attention items, confidence."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from pmo.analysis.answers import Answers, answer
from pmo.opening import open_portfolio
from pmo.report import writer
from pmo.report.data import build_report
from pmo.report.html import render_html
from pmo.report.markdown import render_markdown
from pmo.report.sections_summary import (
    MAX_ATTENTION,
    confidence_line,
    q1_verdict,
    q2_verdict,
    q3_verdict,
    summary,
)

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def sample() -> Answers:
    opened = open_portfolio(ROOT / "portfolio", "2026-11", as_at=writer.AS_AT)
    assert opened.data is not None
    return answer(opened.data, "2026-11")


def test_q1_verdict_names_the_year_and_the_overshoot(sample: Answers) -> None:
    v = q1_verdict(sample.q1)
    assert (v.word, v.reason) == (
        "Mostly",
        "2027/28 is £470k over the envelope unless DMT prioritises the pipeline",
    )


def test_q1_is_no_when_committed_spend_alone_is_over(sample: Answers) -> None:
    aff = sample.q1.affordability
    years = tuple(replace(y, headroom=-200_000.0) if y.fy == "2027/28" else y for y in aff.years)
    v = q1_verdict(replace(sample.q1, affordability=replace(aff, years=years)))
    assert v.word == "No"
    assert v.reason == "committed spend alone is £200k over the envelope in 2027/28"


def test_q1_without_an_envelope_is_unknown_never_yes(sample: Answers) -> None:
    aff = sample.q1.affordability
    years = tuple(
        replace(y, envelope=None, headroom=None, headroom_after_pipeline=None) for y in aff.years
    )
    v = q1_verdict(replace(sample.q1, affordability=replace(aff, years=years)))
    assert v.word == "Unknown" and "no funding envelope" in v.reason


def test_q2_verdict_counts_red_and_names_them(sample: Answers) -> None:
    v = q2_verdict(sample.q2)
    assert v.word == "Mostly"
    assert v.reason.startswith("11 of 23 green; 3 red (Children's Homes Modernisation,")
    assert "2 without a current rating" in v.reason
    assert "1 rated green against the evidence" in v.reason


def test_q2_with_nothing_due_is_unknown(sample: Answers) -> None:
    counts = replace(sample.q2.counts, total=0)
    assert q2_verdict(replace(sample.q2, counts=counts)).word == "Unknown"


def test_q2_with_a_third_red_is_no(sample: Answers) -> None:
    counts = replace(sample.q2.counts, red=12, green=5, amber=4, stale=1, missing=1)
    assert q2_verdict(replace(sample.q2, counts=counts)).word == "No"


def test_q3_verdict_takes_the_worse_of_benefits_and_savings(sample: Answers) -> None:
    v = q3_verdict(sample.q3, "2026/27")
    assert v.word == "Partly"  # savings forecast £2.1m of £3.5m: 60%; 24 of 39 on track: 62%
    assert v.reason == (
        "2026/27 savings forecast £2.1m against a £3.5m target; "
        "15 of 39 measured benefits not on track"
    )


def test_q3_with_nothing_measured_and_no_target_is_unknown(sample: Answers) -> None:
    empty = replace(sample.q3, benefits=(), savings=())
    assert q3_verdict(empty, "2026/27").word == "Unknown"


def test_attention_is_three_to_five_items_most_pressing_first(sample: Answers) -> None:
    s = summary(sample, updates=21, errors=0)
    assert 3 <= len(s.attention) <= MAX_ATTENTION
    assert s.attention[0].text.startswith("Affordability 2027/28")
    assert s.more_attention == 1  # no asks, RAID or log items given here
    assert {a.anchor for a in s.attention} <= {"q1", "q2", "q3", "decisions", "raid"}


def test_confidence_line_names_stale_and_missing(sample: Answers) -> None:
    line = confidence_line(sample, updates=21, errors=3)
    assert line.startswith("Data confidence: 21 of 23 updates received; 1 stale (Connected")
    assert "1 missing (Exploitation and County Lines Response)" in line
    assert "0 unreadable" in line and "3 format errors" in line


def test_both_renderers_show_the_verdicts_before_the_contents() -> None:
    opened = open_portfolio(ROOT / "portfolio", "2026-11", as_at=writer.AS_AT)
    assert opened.data is not None
    r = build_report(opened.data, "2026-11", None, list(opened.problems), ROOT / "portfolio")
    md, html = render_markdown(r), render_html(r)
    for v in r.summary.verdicts:
        assert f"{v.label} — {v.word}:" in md
        assert html.index(f'id="verdict-{v.key}"') < html.index('id="contents"')
    assert md.index("Data confidence:") < md.index("## Decisions for DMT")
