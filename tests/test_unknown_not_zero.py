"""Unknown is not zero, and one savings position: small inline portfolios, one rule a test."""

from __future__ import annotations

from typing import Any

from factories import data, portfolio, programme, update
from pmo.analysis.answers import answer
from pmo.analysis.q1 import q1, q1_sentences
from pmo.analysis.q2 import q2, q2_sentences
from pmo.analysis.q3 import q3, q3_sentences
from pmo.analysis.serialise import to_jsonable

P = "2026-11"
ALL_SCORES = {
    "strategic-fit": 3,
    "statutory": 3,
    "financial": 3,
    "deliverability": 3,
    "readiness": 3,
}


def case(**extra: Any) -> dict[str, Any]:
    return {"stage": "FBC", "status": "approved", **extra}


def test_a_year_without_envelope_says_so_and_never_exceeds_against_zero() -> None:
    prog = programme(
        end={"baseline": "2028-03-31", "current": "2028-03-31", "forecast": "2028-03-31"},
        business_case=case(costs={"2027/28": {"revenue": 50_000}}),
    )
    config = portfolio(envelope={"2026/27": 1_000_000})
    result = q1(data(config, [prog]), P)
    year = result.affordability.year("2027/28")
    assert year is not None
    assert (year.envelope, year.headroom, year.headroom_after_pipeline) == (None, None, None)
    sentences = q1_sentences(result)
    assert not any("against £0" in s or "exceeds" in s for s in sentences)
    assert sentences[0].startswith("Committed spend in 2026/27 is £0 against an envelope of £1.0m")
    assert any("No envelope is set for 2027/28" in s for s in sentences)


def test_affordability_covers_only_years_with_costs_within_the_programmes_horizon() -> None:
    prog = programme(business_case=case(costs={"2026/27": {"revenue": 10}}))
    config = portfolio(envelope={f"{y}/{(y + 1) % 100:02d}": 1 for y in range(2000, 2050)})
    years = q1(data(config, [prog]), P).affordability.years
    # alpha runs 2025-04-01 .. 2027-03-31: its horizon is 2025/26 to the year after it ends
    assert [y.fy for y in years] == ["2025/26", "2026/27", "2027/28"]
    later = q1(data(config, [programme("alpha", stage="pipeline")]), "2030-05").affordability
    assert [y.fy for y in later.years] == ["2025/26", "2026/27", "2027/28", "2030/31"]


def test_decades_of_business_case_costs_give_rows_only_within_the_programmes_dates() -> None:
    decades = {f"{y}/{(y + 1) % 100:02d}": {"revenue": 1_000} for y in range(2000, 2050)}
    prog = programme(
        start="2024-06-01",
        end={"baseline": "2028-09-30", "current": "2028-09-30", "forecast": "2029-01-31"},
        business_case=case(costs=decades),
    )
    result = q1(data(portfolio(envelope={"2026/27": 1_000_000}), [prog]), P)
    aff = result.affordability
    fys = ["2024/25", "2025/26", "2026/27", "2027/28", "2028/29", "2029/30"]
    assert [y.fy for y in aff.years] == fys  # start to the year after the (forecast) end
    assert aff.horizon == ("2024/25", "2029/30")
    assert (len(aff.outside_fys), aff.outside_cost) == (44, 44_000)
    sentences = q1_sentences(result)
    assert (
        "Business cases give £44k of costs in 2000/01–2023/24 and 2030/31–2049/50, outside "
        "every live programme's span (from its start to the year after its end): not in the "
        "affordability table." in sentences
    )
    unset = [s for s in sentences if s.startswith("No envelope is set for")]
    assert unset == [
        "No envelope is set for 2027/28 (£1k committed and pipeline), 2028/29 (£1k committed "
        "and pipeline) and 2029/30 (£1k committed and pipeline): affordability there is unknown."
    ]


def test_current_year_without_envelope() -> None:
    prog = programme(business_case=case(costs={"2026/27": {"revenue": 10_000}}))
    sentences = q1_sentences(q1(data(portfolio(envelope={}), [prog]), P))
    assert sentences[0].startswith("Committed spend in 2026/27 is £10k; no envelope is set")


def test_unscored_programmes_are_listed_apart_and_never_ranked() -> None:
    scored = programme("alpha", scores=ALL_SCORES)
    blank = programme("beta", scores={})
    partial = programme("gamma", scores={"statutory": 5})
    result = q1(data(portfolio(), [scored, blank, partial]), P)
    assert [r.programme for r in result.priority] == ["alpha"]
    assert [(r.programme, len(r.missing)) for r in result.unscored] == [("beta", 5), ("gamma", 4)]
    sentences = q1_sentences(result)
    assert "2 programmes are unscored (no score on every criterion) and not ranked: " in " ".join(
        sentences
    )
    assert not any("Beta (0.00)" in s for s in sentences)


def test_nothing_recorded_is_said_in_words() -> None:
    config = portfolio(capacity={})
    prog = programme(resources=[{"role": "data-analyst", "fte": 1, "from": P, "to": P}])
    sentences = q1_sentences(q1(data(config, [prog]), P))
    assert "No risks are recorded for any live programme." in sentences
    assert any(s.startswith("No capacity is recorded for Data analyst") for s in sentences)
    assert not any("No role is over-allocated" in s or "no open risks" in s for s in sentences)


def test_forecast_against_no_budget_is_an_exception() -> None:
    prog = programme(budget={})
    ups = {"alpha": [update(P, finance={"spend_to_date": 1, "forecast_outturn": 17_600_000})]}
    result = q2(data(portfolio(), [prog], ups), P)
    (ev,) = result.evidence
    assert [f.reason for f in ev.flags if f.kind == "no-budget"] == [
        "£17.6m forecast against no budget for 2026/27"
    ]
    assert ev.watermelon
    assert any("forecasts spend against no budget" in s for s in q2_sentences(result))


def test_savings_forecast_is_the_programmes_own_when_given_and_says_so() -> None:
    prog = programme(business_case=case(savings={"2026/27": 300_000}))
    ups = {"alpha": [update(P, savings_forecast={"2026/27": 250_000})]}
    d = data(portfolio(), [prog], ups)
    (year, _) = q3(d, P).savings
    assert (year.target, year.planned, year.forecast) == (500_000, 300_000, 250_000)
    assert (year.at_risk, year.unidentified, year.own) == (50_000, 200_000, 1)
    sentence = (
        "Savings 2026/27: target £500k; planned £300k (£200k unidentified); forecast £250k "
        "(£50k at risk), from 1 programme's own forecast."
    )
    assert sentence in q3_sentences(q3(d, P))
    assert sentence in q1_sentences(q1(d, P))


def test_one_savings_position_in_q1_q3_and_json() -> None:
    prog = programme(business_case=case(savings={"2026/27": 300_000, "2027/28": 100_000}))
    result = answer(data(portfolio(savings_target={"2026/27": 400_000}), [prog]), P)
    assert result.q1.savings == result.q3.savings
    doc = to_jsonable(result)
    assert doc["q1"]["savings"] == doc["q3"]["savings"]
    later = next(y for y in result.q3.savings if y.fy == "2027/28")
    assert (later.target, later.unidentified) == (None, None)
    assert any("no savings target set for 2027/28" in s for s in result.q3_sentences)
