"""Q1 (right portfolio): coverage, priority, money, capacity, risk, stage-gate, sentences."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from factories import data, portfolio, programme
from pmo.analysis.data import from_loaded
from pmo.analysis.q1 import (
    affordability,
    capacity,
    coverage,
    priority,
    q1,
    q1_sentences,
    risk_profile,
    stage_gate,
)
from pmo.store import load_portfolio

PORTFOLIO = Path(__file__).resolve().parents[1] / "portfolio"


def _case(status: str = "approved", **overrides: Any) -> dict[str, Any]:
    return {"stage": "FBC", "status": status, **overrides}


def _res(role: str, fte: float, first: str, last: str, confirmed: bool = False) -> dict[str, Any]:
    return {"role": role, "fte": fte, "from": first, "to": last, "confirmed": confirmed}


def _risk(rid: str, category: str, likelihood: int, impact: int, **extra: Any) -> dict[str, Any]:
    return {
        "id": rid,
        "title": rid.replace("-", " "),
        "category": category,
        "likelihood": likelihood,
        "impact": impact,
        **extra,
    }


# ---- objective coverage -----------------------------------------------------------------


def _three_objectives() -> Any:
    return portfolio(
        objectives=[
            {"id": "safe", "title": "Keep children safe", "weight": 50},
            {"id": "sustain", "title": "Sustainable budgets", "weight": 30},
            {"id": "achieve", "title": "Attainment", "weight": 20},
        ]
    )


def test_coverage_flags_objectives_with_no_or_only_weak_contributors() -> None:
    d = data(
        _three_objectives(),
        [
            programme("a", objectives={"safe": 3}),
            programme("b", objectives={"safe": 1, "sustain": 1}),
            programme("c", objectives={}),
            programme("d", stage="closed", objectives={"sustain": 3, "achieve": 3}),
        ],
    )
    cov = coverage(d, "2026-11")
    safe, sustain, achieve = cov.objectives
    assert (safe.total, safe.primary, safe.flag) == (4, 1, None)
    assert safe.contributors == (("a", 3), ("b", 1))
    assert (sustain.total, sustain.primary, sustain.flag) == (1, 0, "weak")
    assert (achieve.total, achieve.primary, achieve.flag) == (0, 0, "none")  # d is closed
    assert cov.programmes == ("a", "b", "c")
    assert cov.matrix == ((3, 1, 0), (0, 1, 0), (0, 0, 0))
    assert cov.contribution("sustain", "b") == 1
    assert cov.unaligned == ("c",)


def test_a_single_contribution_of_two_is_enough_to_avoid_the_weak_flag() -> None:
    d = data(programmes=[programme("a", objectives={"safe": 2, "sustain": 2})])
    assert [o.flag for o in coverage(d, "2026-11").objectives] == [None, None]


# ---- priority ---------------------------------------------------------------------------


def test_priority_ranks_by_weighted_score_ties_by_id_with_group_subscores() -> None:
    top = dict.fromkeys(("strategic-fit", "statutory", "financial", "deliverability"), 5)
    mixed = {
        "strategic-fit": 4,
        "statutory": 2,
        "financial": 3,
        "deliverability": 5,
        "readiness": 1,
    }
    d = data(
        programmes=[
            programme("zed"),  # all 3s -> 3.0
            programme("abc"),  # all 3s -> 3.0, wins the tie on id
            programme("mixed", stage="pipeline", business_case=_case("draft"), scores=mixed),
            programme("best", scores={**top, "readiness": 5}),
            programme("gone", stage="closed"),
        ]
    )
    rows = priority(d, "2026-11")
    assert [(r.programme, r.rank) for r in rows] == [
        ("best", 1),
        ("mixed", 2),
        ("abc", 3),
        ("zed", 4),
    ]
    m = rows[1]
    # (30x4 + 25x2 + 20x3 + 15x5 + 10x1) / 100 = 315 / 100
    assert m.score == pytest.approx(3.15)
    assert m.attractiveness == pytest.approx((30 * 4 + 25 * 2 + 20 * 3) / 75)  # 3.0667
    assert m.achievability == pytest.approx((15 * 5 + 10 * 1) / 25)  # 3.4
    assert (m.committed, rows[0].committed) == (False, True)
    assert rows[0].score == pytest.approx(5.0)


# ---- affordability ----------------------------------------------------------------------


def test_affordability_splits_committed_and_pipeline_cost_and_savings_by_fy() -> None:
    d = data(
        programmes=[
            programme(
                "approved",
                business_case=_case(
                    costs={
                        "2026/27": {"capital": 600_000, "revenue": 300_000},
                        "2027/28": {"revenue": 200_000},
                    },
                    savings={"2026/27": 200_000},
                    optimism_bias=0.5,  # not applied: the envelope funds base costs
                ),
            ),
            # in delivery without an approved case: money is being spent, so committed
            programme(
                "unapproved",
                business_case=_case("submitted", costs={"2026/27": {"revenue": 200_000}}),
            ),
            programme(
                "proposal",
                stage="pipeline",
                end={"baseline": "2028-03-31"},
                business_case=_case(
                    "draft",
                    costs={"2026/27": {"revenue": 300_000}, "2028/29": {"revenue": 50_000}},
                    savings={"2027/28": 400_000},
                ),
            ),
            programme(
                "old", stage="closed", business_case=_case(costs={"2026/27": {"revenue": 1}})
            ),
        ]
    )
    aff = affordability(d, "2026-11")
    assert aff.current_fy == "2026/27"
    assert [y.fy for y in aff.years] == ["2026/27", "2027/28", "2028/29"]
    now, nxt, last = aff.years
    assert (now.envelope, now.committed, now.pipeline) == (1_000_000, 1_100_000, 300_000)
    assert (now.headroom, now.headroom_after_pipeline) == (-100_000, -400_000)
    assert (now.savings_target, now.savings_committed, now.savings_gap) == (
        500_000,
        200_000,
        300_000,
    )
    assert (nxt.committed, nxt.pipeline, nxt.headroom) == (200_000, 0, 800_000)
    assert (nxt.savings_committed, nxt.savings_pipeline) == (0, 400_000)
    assert (nxt.savings_gap, nxt.savings_gap_after_pipeline) == (800_000, 400_000)
    assert (last.envelope, last.pipeline, last.headroom_after_pipeline) == (None, 50_000, None)

    sentences = q1_sentences(q1(d, "2026-11"))
    assert (
        "Committed spend in 2026/27 is £1.1m against an envelope of £1.0m (£100k over); "
        "the pipeline would add £300k." in sentences
    )
    assert (
        "Savings 2026/27: target £500k; planned £200k (£300k unidentified); no forecast: no "
        "programme gave one and none has a measured cashable benefit to estimate from." in sentences
    )
    assert not any("against £0" in s for s in sentences)
    assert (
        "No envelope is set for 2028/29 (£50k committed and pipeline): affordability there is "
        "unknown." in sentences
    )


# ---- capacity ---------------------------------------------------------------------------


def _capacity_data() -> Any:
    # factory capacity: programme-manager 2; business-analyst 3, then 2 from 2027-04
    return data(
        programmes=[
            programme(
                "alpha", resources=[_res("business-analyst", 0.5, "2027-02", "2027-05", True)]
            ),
            programme(
                "beta",
                stage="pipeline",
                business_case=_case("draft"),
                resources=[
                    _res("business-analyst", 2, "2027-03", "2027-04"),
                    _res("data-analyst", 1, "2027-01", "2027-01", True),
                ],
            ),
            programme(
                "closed",
                stage="closed",
                resources=[_res("business-analyst", 9, "2027-01", "2027-12")],
            ),
        ]
    )


def test_capacity_gap_follows_a_dated_capacity_change_and_fractional_demand() -> None:
    months = ["2027-01", "2027-02", "2027-03", "2027-04", "2027-05", "2027-06"]
    cap = capacity(_capacity_data(), "2026-11", months)
    assert cap.months == tuple(months)
    ba = [cap.cell("business-analyst", m) for m in months]
    assert [c.capacity for c in ba if c] == [3, 3, 3, 2, 2, 2]
    assert [c.confirmed for c in ba if c] == [0, 0.5, 0.5, 0.5, 0.5, 0]
    assert [c.total for c in ba if c] == [0, 0.5, 2.5, 2.5, 0.5, 0]
    assert [c.gap for c in ba if c] == [3, 2.5, 0.5, -0.5, 1.5, 2]
    april = cap.cell("business-analyst", "2027-04")
    assert april is not None
    assert april.utilisation == pytest.approx(1.25)
    assert (april.over_total, april.over_confirmed) == (True, False)
    march = cap.cell("business-analyst", "2027-03")
    assert march is not None and not march.over_total  # 2.5 of 3 before the change


def test_demand_on_a_role_without_capacity_is_unknown_not_over() -> None:
    cap = capacity(_capacity_data(), "2026-11", ["2027-01", "2027-02"])
    assert [r.role for r in cap.roles] == ["programme-manager", "business-analyst", "data-analyst"]
    da = cap.cell("data-analyst", "2027-01")
    assert da is not None
    assert (da.capacity, da.total, da.gap, da.utilisation) == (0, 1, -1, None)
    assert (da.over_confirmed, da.over_total) == (False, False)
    assert cap.over == ()
    assert [r.recorded for r in cap.roles] == [True, True, False]


def test_capacity_defaults_to_twelve_months_from_the_period_and_summarises_roles() -> None:
    cap = capacity(_capacity_data(), "2026-11")
    assert cap.months[0] == "2026-11" and cap.months[-1] == "2027-10" and len(cap.months) == 12
    ba = next(r for r in cap.roles if r.role == "business-analyst")
    assert (ba.months_over, ba.months_over_confirmed) == (1, 0)
    assert (ba.peak_month, ba.peak_total, ba.capacity_at_peak) == ("2027-04", 2.5, 2)
    sentences = q1_sentences(q1(_capacity_data(), "2026-11"))
    assert (
        "Business analyst is over-allocated in 1 of the next 12 months (tightest month 2027-04: "
        "2.5 FTE against 2)." in sentences
    )
    assert (
        "No capacity is recorded for Data analyst in portfolio.yaml, though programmes ask for "
        "up to 1 FTE in the next 12 months: it cannot be checked." in sentences
    )


# ---- risk -------------------------------------------------------------------------------


def test_risk_profile_flags_escalation_at_the_threshold_and_appetite_strictly_over() -> None:
    # factory policy: escalate_at 15, appetite safeguarding 8
    d = data(
        programmes=[
            programme(
                "alpha",
                risks=[
                    _risk(
                        "over-appetite", "safeguarding", 3, 3, target={"likelihood": 1, "impact": 3}
                    ),
                    _risk("at-appetite", "safeguarding", 2, 4),
                    _risk("shut", "financial", 5, 5, status="closed"),
                ],
            ),
            programme(
                "beta",
                risks=[_risk("big", "financial", 4, 4), _risk("at-escalation", "delivery", 5, 3)],
            ),
            programme("gone", stage="closed", risks=[_risk("old", "financial", 5, 5)]),
        ]
    )
    prof = risk_profile(d, "2026-11")
    assert [(r.programme, r.risk, r.score) for r in prof.risks] == [
        ("beta", "big", 16),
        ("beta", "at-escalation", 15),
        ("alpha", "over-appetite", 9),
        ("alpha", "at-appetite", 8),
    ]
    assert [r.risk for r in prof.escalated] == ["big", "at-escalation"]
    assert [r.risk for r in prof.over_appetite] == ["over-appetite"]
    over = prof.risks[2]
    assert (over.target_score, over.appetite, over.escalate) == (3, 8, False)
    assert prof.risks[0].appetite is None  # financial has no appetite in the factory
    assert [(c.key, c.open, c.escalate, c.over_appetite, c.highest) for c in prof.by_programme] == [
        ("alpha", 2, 0, 1, 9),
        ("beta", 2, 2, 0, 16),
    ]
    assert [(c.key, c.open) for c in prof.by_category] == [
        ("delivery", 1),
        ("financial", 1),
        ("safeguarding", 2),
    ]
    # grid[impact - 1][likelihood - 1]
    assert prof.grid[3][3] == 1  # 4 x 4
    assert prof.grid[2][4] == 1  # likelihood 5, impact 3
    assert prof.grid[2][2] == 1  # 3 x 3
    assert prof.grid[3][1] == 1  # likelihood 2, impact 4
    assert sum(map(sum, prof.grid)) == 4
    assert (
        "2 open risks are at or above the escalation score of 15 and 1 is over their category's "
        "appetite; the highest is 'big' (Beta, 16)." in q1_sentences(q1(d, "2026-11"))
    )


# ---- stage-gate -------------------------------------------------------------------------


def test_stage_gate_lists_delivery_and_closing_without_an_approved_case() -> None:
    d = data(
        programmes=[
            programme("no-case", business_case=None),
            programme("closing-draft", stage="closing", business_case=_case("draft")),
            programme("conditions", business_case=_case("approved-with-conditions")),
            programme("still-a-case", stage="business-case", business_case=_case("draft")),
            programme("closed-no-case", stage="closed", business_case=None),
        ]
    )
    gate = stage_gate(d, "2026-11")
    assert [(g.programme, g.stage, g.case_stage, g.case_status) for g in gate] == [
        ("closing-draft", "closing", "FBC", "draft"),
        ("no-case", "delivery", None, None),
    ]
    assert (
        "2 programmes are in delivery or closing without an approved business case: "
        "Closing Draft (FBC draft) and No Case (no business case)."
        in q1_sentences(q1(d, "2026-11"))
    )


def test_no_breach_says_every_delivery_programme_has_an_approved_case() -> None:
    sentences = q1_sentences(q1(data(programmes=[programme("a")]), "2026-11"))
    assert "Every programme in delivery has an approved business case." in sentences


# ---- the bundle -------------------------------------------------------------------------


def test_q1_is_deterministic_and_independent_of_programme_order() -> None:
    progs = [programme("b", objectives={"sustain": 1}), programme("a")]
    one = q1(data(programmes=progs), "2026-11")
    two = q1(data(programmes=list(reversed(progs))), "2026-11")
    assert one == two
    assert q1_sentences(one) == q1_sentences(two)


def test_sample_portfolio_tells_its_planted_q1_stories() -> None:
    d = from_loaded(load_portfolio(PORTFOLIO))
    assert d is not None
    result = q1(d, "2026-11")
    assert result.capacity.over  # a role over-allocated in some months
    assert any(y.headroom_after_pipeline < 0 <= y.headroom for y in result.affordability.years)
    assert result.stage_gate  # in delivery without an approved business case
    sentences = q1_sentences(result)
    assert any("over-allocated" in s for s in sentences)
    assert any("without an approved business case" in s for s in sentences)
