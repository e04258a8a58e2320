"""Q2 (delivering well): status, movement, exceptions, evidence, schedule, cost, sentences."""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import Any

import pytest

from factories import data, portfolio, programme, update
from pmo.analysis.benefit_math import planned_value, planned_value_at, shortfall, trajectory
from pmo.analysis.q2 import q2, q2_sentences
from pmo.analysis.q2_evidence import Evidence, milestone_slip
from pmo.model import Benefit, DmtNote, Milestone

P = "2026-11"


def benefit(**overrides: Any) -> Benefit:
    base: dict[str, Any] = {
        "id": "b",
        "title": "Places",
        "kind": "non-financial",
        "owner": "Head",
        "measure": "Count",
        "direction": "up",
        "baseline": {"value": 100, "date": "2026-03-31"},
        "profile": {"2026-09": 160, "2027-03": 220},
        "target": {"value": 250, "by": "2027-09-30"},
    }
    return Benefit.model_validate({**base, **overrides})


def pick(obj: object, *names: str) -> str:
    return " ".join(str(getattr(obj, n)) for n in names)


def flags(ev: tuple[Evidence, ...], pid: str) -> list[str]:
    """A programme's flags as 'kind: reason'."""
    return [f"{f.kind}: {f.reason}" for e in ev if e.programme == pid for f in e.flags]


# --- planned_value -----------------------------------------------------------------------


def test_planned_value_up() -> None:
    up = benefit()
    # between two profile points: 2026-09-30 (160) .. 2027-03-31 (220), 92 of 182 days in
    assert planned_value(up, "2026-12") == pytest.approx(160 + 60 * 92 / 182)
    assert planned_value(up, "2026-09") == 160
    # before the first profile point, from the baseline 2026-03-31 (100): 91 of 183 days in
    assert planned_value(up, "2026-06") == pytest.approx(100 + 60 * 91 / 183)
    assert planned_value(up, "2026-01") == 100  # before the baseline date
    # after the last profile point, towards the target 2027-09-30 (250); flat after it
    assert planned_value(up, "2027-06") == pytest.approx(220 + 30 * 91 / 183)
    assert planned_value(up, "2028-01") == 250


def test_planned_value_down_benefit() -> None:
    down = benefit(
        direction="down",
        baseline={"value": 6200, "date": "2025-03-31"},
        profile={"2026-03": 6100, "2026-09": 5900},
        target={"value": 5400, "by": "2028-03-31"},
    )
    assert planned_value(down, "2025-09") == pytest.approx(6200 - 100 * 183 / 365)
    assert planned_value(down, "2026-06") == pytest.approx(6100 - 200 * 91 / 183)
    assert planned_value(down, "2027-03") == pytest.approx(5900 - 500 * 182 / 548)
    assert planned_value(down, "2029-01") == 5400
    assert shortfall(down, 6000, 5900) == 100  # behind: higher than planned
    assert shortfall(down, 5800, 5900) == -100  # ahead


def test_planned_value_without_points_and_same_date_target() -> None:
    bare = benefit(baseline=None, profile={}, target=None)
    assert planned_value(bare, P) is None
    assert trajectory(bare) == []
    clash = benefit(profile={"2027-09": 240})  # target 250 by 2027-09-30 wins
    assert planned_value_at(clash, date(2027, 9, 30)) == 250
    assert shortfall(benefit(), 150, 160) == 10


# --- status, counts and movement ----------------------------------------------------------


def test_stale_missing_and_not_due() -> None:
    d = data(
        programmes=[
            programme("stale"),
            programme("late-oct"),
            programme("never"),
            programme("idea", stage="pipeline"),
        ],
        updates={
            "stale": [update("2026-09")],
            "late-oct": [update("2026-10", submitted="2026-10-31")],
        },
    )
    q = q2(d, P)
    by = {s.programme: s for s in q.statuses}
    assert set(by) == {"stale", "late-oct", "never"}  # the pipeline idea is not due
    assert pick(by["stale"], "status", "latest", "age_days") == "stale 2026-09 71"
    assert by["stale"].previous is None and by["stale"].overall is None
    assert pick(by["late-oct"], "status", "previous", "movement") == "missing green unknown"
    assert (by["never"].status, by["never"].latest) == ("missing", None)
    assert (q.counts.stale, q.counts.missing, q.counts.total) == (1, 2, 3)
    compliance = [pick(r, "programme", "status") for r in q.compliance]
    assert compliance == ["late-oct missing", "never missing", "stale stale"]
    stale = "latest update is 2026-09, 71 days old at the end of 2026-11 (limit 35)"
    assert flags(q.evidence, "stale") == [f"stale-update: {stale}"]
    never = "no update for 2026-11 (it has never reported)"
    assert flags(q.evidence, "never") == [f"missing-update: {never}"]
    late = "no update for 2026-11 (latest is 2026-10)"
    assert flags(q.evidence, "late-oct") == [f"missing-update: {late}"]


def test_movement_when_previous_period_missing() -> None:
    d = data(
        programmes=[programme("gap"), programme("first"), programme("worse"), programme("up")],
        updates={
            "gap": [update("2026-09"), update("2026-11", "red")],
            "first": [update("2026-11", "amber")],
            "worse": [update("2026-10"), update("2026-11", "red")],
            "up": [update("2026-10", "red"), update("2026-11", "amber")],
        },
    )
    q = q2(d, P)
    by = {s.programme: s for s in q.statuses}
    assert pick(by["gap"], "previous", "previous_status", "movement") == "None stale unknown"
    assert (by["first"].previous, by["first"].movement) == (None, "new")
    assert (by["worse"].previous, by["worse"].movement) == ("green", "worse")
    assert by["up"].movement == "better"
    # gap was not reported last month, so it did not "move to red"
    assert pick(q.movements, "to_red", "new", "unknown") == "('worse',) ('first',) ('gap',)"
    assert pick(q.counts, "red", "amber", "total") == "2 2 4"
    assert pick(q.previous_counts, "green", "red", "stale", "missing", "total") == "1 1 1 1 4"


def test_grid_has_every_dimension_and_none_when_missing() -> None:
    d = data(
        programmes=[programme("a"), programme("b")],
        updates={"a": [update(P, "amber", rag={"cost": "red", "scope": "green"})]},
    )
    a, b = q2(d, P).grid
    dims = ("overall", "schedule", "cost", "scope", "resources", "risks", "benefits")
    assert pick(a, *dims) == "amber amber red green amber amber amber"
    assert (b.status, b.overall, b.cost) == ("missing", None, None)


# --- exceptions ------------------------------------------------------------------------


def test_amber_three_months_is_an_exception_two_is_not() -> None:
    d = data(
        programmes=[programme("three"), programme("two"), programme("broken")],
        updates={
            "three": [update("2026-08"), *(update(p, "amber") for p in ("2026-09", "2026-10", P))],
            "two": [update("2026-09"), update("2026-10", "amber"), update(P, "amber")],
            "broken": [update("2026-08", "amber"), update("2026-10", "amber"), update(P, "amber")],
        },
    )
    q = q2(d, P)
    runs = [pick(r, "programme", "months", "since") for r in q.exceptions.amber_runs]
    assert runs == ["three 3 2026-09"]
    assert "Three has been amber for 3 months running." in q2_sentences(q)
    assert not any("Two has been" in s for s in q2_sentences(q))


def test_rating_exceptions_and_assurance_difference() -> None:
    d = data(
        programmes=[programme("a"), programme("b"), programme("c")],
        updates={
            "a": [update(P, "amber", summary="Slow", path_to_green="Hire")],
            "b": [update(P, "red", assurance={"rag": "red"})],
            "c": [update(P, assurance={"rag": "amber", "note": "Optimistic"})],
        },
    )
    ex = q2(d, P).exceptions
    ratings = [pick(e, "programme", "overall", "summary", "path_to_green") for e in ex.ratings]
    assert ratings == [f"b red Update for {P} Re-plan", "a amber Slow Hire"]
    diffs = [pick(a, "programme", "self_assessed", "assurance", "note") for a in ex.assurance]
    assert diffs == ["c green amber Optimistic"]
    assert ex.count == 3


# --- evidence check ----------------------------------------------------------------------


def test_clean_programme_has_no_flags() -> None:
    fin = {"spend_to_date": 50_000, "forecast_outturn": 104_000}  # 4%: within tolerance
    clean = programme("clean", budget={"2026/27": 100_000})
    d = data(programmes=[clean], updates={"clean": [update(P, finance=fin)]})
    q = q2(d, P)
    assert q.evidence == ()
    assert q.watermelons == ()


def test_green_with_red_dimension_is_a_watermelon() -> None:
    cfg = portfolio(rag_scale="five-point")
    d = data(
        cfg,
        [programme("melon"), programme("ag"), programme("honest")],
        {
            "melon": [update(P, rag={"resources": "red"})],
            "ag": [update(P, "amber-green", rag={"cost": "red", "risks": "red"})],
            "honest": [update(P, "amber", rag={"resources": "red"})],
        },
    )
    q = q2(d, P)
    assert flags(q.evidence, "melon") == ["red-dimension: resources rated red"]
    red = ["red-dimension: cost rated red", "red-dimension: risks rated red"]
    assert flags(q.evidence, "ag") == red
    assert flags(q.evidence, "honest") == []
    assert [e.programme for e in q.watermelons] == ["ag", "melon"]
    assert (
        "2 programmes report green but the evidence disagrees: Ag (cost rated red; risks rated "
        "red); Melon (resources rated red)." in q2_sentences(q)
    )


def milestone(**overrides: Any) -> dict[str, Any]:
    return {"id": "go-live", "title": "Go live", "baseline": "2026-12-31", "key": True, **overrides}


def test_key_milestone_slip_beyond_tolerance() -> None:
    d = data(
        programmes=[
            programme("slip", milestones=[milestone(current="2027-01-31", forecast="2027-03-18")]),
            programme("edge", milestones=[milestone(forecast="2027-01-30")]),  # exactly 30 days
            programme("minor", milestones=[milestone(key=False, forecast="2027-06-30")]),
            programme("done", milestones=[milestone(baseline="2026-06-30", actual="2026-11-02")]),
        ],
        updates={pid: [update(P)] for pid in ("slip", "edge", "minor", "done")},
    )
    q = q2(d, P)
    assert flags(q.evidence, "slip") == [
        "milestone-slip: key milestone 'Go live' 46 days late against its current baseline"
    ]
    assert [e.programme for e in q.evidence] == ["slip"]


def test_unmet_milestone_past_its_forecast_is_late_by_at_least_the_period_end() -> None:
    overdue = Milestone.model_validate(milestone(baseline="2026-09-30", forecast="2026-10-15"))
    assert milestone_slip(overdue, P) == 61  # 2026-09-30 .. 2026-11-30
    met = Milestone.model_validate(milestone(baseline="2026-09-30", actual="2026-11-30"))
    assert milestone_slip(met, P) is None


def test_cost_variance_beyond_tolerance_without_narrative() -> None:
    budget = {"2026/27": 100_000}
    fin = {"spend_to_date": 60_000, "forecast_outturn": 110_000}
    d = data(
        programmes=[programme("over", budget=budget), programme("told", budget=budget)],
        updates={
            "over": [update(P, finance=fin)],
            "told": [update(P, finance={**fin, "narrative": "Agency costs"})],
        },
    )
    q = q2(d, P)
    reason = "forecast outturn £110k is 10.0% over the 2026/27 budget of £100k with no narrative"
    assert flags(q.evidence, "over") == [f"cost-variance: {reason}"]
    assert flags(q.evidence, "told") == []
    over, told = q.costs
    assert pick(over, "fy", "budget", "spend_to_date", "forecast_outturn") == (
        "2026/27 100000.0 60000.0 110000.0"
    )
    assert (over.variance, over.variance_percent, over.beyond_tolerance) == (10_000, 10.0, True)
    assert (told.narrative, told.beyond_tolerance) == ("Agency costs", True)
    assert q2_sentences(q)[-1] == (
        "Across 2 programmes, forecast outturn for 2026/27 is £220k against budgets of £200k "
        "(+£20k, +10.0%); 2 beyond the 5% tolerance: Over (+10.0%) and Told (+10.0%)."
    )


def test_only_a_benefit_off_track_is_evidence_not_one_at_risk() -> None:
    # baseline 50 (2026-03-31) -> 100 planned at 2026-11 -> target 200 by 2027-11-30
    up = {
        "baseline": {"value": 50, "date": "2026-03-31"},
        "profile": {P: 100},
        "target": {"value": 200, "by": "2027-11-30"},
    }
    down = {
        "id": "cost",
        "title": "Cost",
        "direction": "down",
        "unit": "GBP",
        "baseline": {"value": 1000, "date": "2026-03-31"},
        "profile": {P: 500},
        "target": None,
    }
    progs = [
        programme("away", benefits=[benefit(**down)]),
        programme("behind", benefits=[benefit(**up)]),
        programme("fine", benefits=[benefit(**up), benefit(**down)]),
    ]
    d = data(
        programmes=progs,
        updates={
            "away": [update(P, benefits={"cost": 1100})],  # moved away from the target
            # within 10% of the plan now, too slow to reach 200: at risk
            "behind": [update(P, benefits={"b": 92})],
            "fine": [update("2026-10", benefits={"b": 99}), update(P, benefits={"cost": 540})],
        },
    )
    q = q2(d, P)
    assert flags(q.evidence, "away") == [
        "benefit-off-track: benefit 'Cost' off track: £1,100 against £500 planned"
    ]
    assert flags(q.evidence, "behind") == []  # at risk in Q3, not evidence against green
    assert flags(q.evidence, "fine") == []  # within the 10% tolerance


def test_a_risk_at_the_escalation_score_is_not_evidence_against_the_rating() -> None:
    risks = [{"id": "r", "title": "Big", "category": "data", "likelihood": 5, "impact": 5}]
    q = q2(data(programmes=[programme("r", risks=risks)], updates={"r": [update(P)]}), P)
    assert q.evidence == ()


def test_a_tidy_green_programme_with_small_noise_is_not_flagged() -> None:
    """Everything a little off, each within the portfolio's tolerance: no flag, no watermelon."""
    ms = [
        milestone(id="late", current="2026-12-31", forecast="2027-01-25"),  # 25 of 30 days
        milestone(id="met", baseline="2026-10-31", actual="2026-11-20"),  # met 20 days late
        milestone(id="minor", key=False, baseline="2026-09-30", forecast="2027-03-31"),
    ]
    places = {
        "baseline": {"value": 0, "date": "2026-03-31"},
        "profile": {P: 100},
        "target": {"value": 200, "by": "2027-11-30"},
    }
    cost = {
        "id": "cost",
        "title": "Cost",
        "direction": "down",
        "unit": "GBP",
        "baseline": {"value": 1000, "date": "2026-03-31"},
        "profile": {P: 900},
        "target": {"value": 700, "by": "2027-11-30"},
    }
    risks = [
        {"id": "r1", "title": "Big", "category": "data", "likelihood": 4, "impact": 5},
        {"id": "r2", "title": "Small", "likelihood": 2, "impact": 2},
    ]
    tidy = programme(
        "tidy",
        budget={"2026/27": 1_000_000},
        milestones=ms,
        benefits=[benefit(**places), benefit(**cost)],
        risks=risks,
    )
    fin = {"spend_to_date": 600_000, "forecast_outturn": 1_040_000}  # 4% over, no narrative
    ups = [
        update("2026-10", benefits={"b": 80, "cost": 930}),
        update(
            P,
            rag={"schedule": "amber", "risks": "amber"},
            finance=fin,
            benefits={"b": 93, "cost": 985},
        ),  # 7% and £85 behind: within 10%
    ]
    q = q2(data(programmes=[tidy], updates={"tidy": ups}), P)
    assert q.evidence == ()
    assert not any("evidence" in s for s in q2_sentences(q))


def test_many_watermelons_are_named_three_at_a_time_with_their_reasons() -> None:
    progs = [programme(f"p{i:02d}") for i in range(12)]
    ups = {p.id: [update(P, rag={"cost": "red"})] for p in progs}
    (sentence,) = [
        s
        for s in q2_sentences(q2(data(programmes=progs, updates=ups), P))
        if "evidence disagrees" in s
    ]
    assert sentence.startswith("12 programmes report green but the evidence disagrees: P00 (")
    assert sentence.endswith("P02 (cost rated red); and 9 more.")  # MAX_DETAILED: 3 named


# --- schedule ----------------------------------------------------------------------------


def test_milestones_due_this_period_met_or_missed() -> None:
    ms = [
        milestone(id="met", title="Met", baseline="2026-11-15", actual="2026-11-10"),
        milestone(id="missed", title="Missed", baseline="2026-11-15", forecast="2026-12-20"),
        milestone(id="after", title="After", baseline="2026-11-15", actual="2026-12-02"),
        milestone(id="later", title="Later", baseline="2027-02-15", forecast="2027-02-15"),
    ]
    q = q2(data(programmes=[programme("a", milestones=ms)], updates={"a": [update(P)]}), P)
    due = [pick(m, "milestone", "due") for m in q.milestones]
    assert due == ["after missed", "met met", "missed missed", "later None"]
    assert "3 milestones were due in 2026-11: 1 met and 2 missed (A: 'After'; A: 'Missed')." in (
        q2_sentences(q)
    )


def test_rebaselined_milestone_slip_and_end_date_movement() -> None:
    ms = [
        milestone(id="re", baseline="2026-06-30", current="2026-08-31", forecast="2026-09-15"),
        milestone(id="same", baseline="2027-01-31", current="2027-01-31", forecast="2027-01-20"),
        milestone(id="none", baseline="2027-05-31"),
    ]
    end = {"baseline": "2027-03-31", "current": "2027-06-30", "forecast": "2027-07-31"}
    q = q2(data(programmes=[programme("a", milestones=ms, end=end)]), P)
    by = {m.milestone: m for m in q.milestones}
    assert pick(by["re"], "slip_vs_baseline", "slip_vs_current", "rebaselined") == "77 15 True"
    assert (by["same"].slip_vs_baseline, by["same"].rebaselined) == (-11, False)
    assert (by["none"].slip_vs_baseline, by["none"].slip_vs_current) == (None, None)
    (row,) = q.end_dates
    assert (row.projected, row.vs_baseline, row.vs_current) == (date(2027, 7, 31), 122, 31)


# --- compliance, decisions, sentences ------------------------------------------------------


def test_late_update_and_decisions() -> None:
    d = data(
        programmes=[programme("a"), programme("b")],
        updates={
            "a": [update(P, submitted="2026-12-03", decisions=[{"title": "Approve £85k"}])],
            "b": [update(P, decisions=[{"title": "Extend", "by": "2026-12-10"}])],
        },
    )
    d = dataclasses.replace(d, dmt={P: DmtNote.model_validate({"decisions": [{"title": "Pick"}]})})
    q = q2(d, P)
    assert [(r.programme, r.status, r.days_late) for r in q.compliance] == [("a", "late", 3)]
    assert [(x.programme, x.title, x.by) for x in q.decisions] == [
        (None, "Pick", None),
        ("a", "Approve £85k", None),
        ("b", "Extend", date(2026, 12, 10)),
    ]
    sentences = q2_sentences(q)
    assert "1 update was submitted after 2026-11 ended: A (3 days late)." in sentences
    assert sentences[-1] == "DMT is asked for 3 decisions: 1 from the PMO and 2 from programmes."


def test_headline_sentence_and_determinism() -> None:
    names = ["g1", "g2", "r1", "r2", "s1"]
    d = data(
        programmes=[programme(n) for n in names],
        updates={
            "g1": [update("2026-10"), update(P)],
            "g2": [update("2026-10"), update(P)],
            "r1": [update("2026-10", "amber"), update(P, "red")],
            "r2": [update("2026-10"), update(P, "red")],
            "s1": [update("2026-09")],
        },
    )
    q = q2(d, P)
    assert q2_sentences(q)[:2] == [
        "2 of 5 programmes are green, 2 red and 1 stale (2026-10: 3 green, 1 amber and 1 "
        "stale); 2 moved to red since 2026-10: R1 and R2.",
        "Since 2026-10, 2 got worse (R1 and R2).",
    ]
    assert q2(d, P) == q
    assert q2_sentences(q2(data(), P)) == ["No programmes are due to report for 2026-11."]


def test_sentences_name_at_most_five_programmes_and_count_the_rest() -> None:
    from pmo.present.words import join_detailed, join_words

    names = [f"P{i}" for i in range(1, 103)]
    assert join_words(names) == "P1, P2, P3, P4, P5 and 97 more"
    assert (
        join_detailed([f"{n} (late)" for n in names])
        == "P1 (late); P2 (late); P3 (late); and 99 more"
    )
    assert join_words(names[:3]) == "P1, P2 and P3"
