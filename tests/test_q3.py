"""Q3: benefit realisation, status, forecast, overdue measurement, savings by FY, data quality."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from factories import data, portfolio, programme, update
from pmo.analysis.q3 import BenefitRef, BenefitStatus, Measurement, q3, q3_sentences
from pmo.analysis.q3_benefits import Forecast, benefit_position, status_of
from pmo.model import Benefit


def benefit(bid: str = "b", **overrides: Any) -> dict[str, Any]:
    """An "up" benefit: 100 on 2026-06-30, planned 160 by end of 2026-08 (62 days later)."""
    base: dict[str, Any] = {
        "id": bid,
        "title": f"Benefit {bid}",
        "kind": "non-financial",
        "owner": "Head of Service",
        "measure": "A count",
        "direction": "up",
        "baseline": {"value": 100, "date": "2026-06-30"},
        "target": {"value": 160, "by": "2026-08-31"},
        "profile": {"2026-08": 160},
    }
    return {**base, **overrides}


def one(period: str, bdef: dict[str, Any], actuals: dict[str, float]) -> BenefitStatus:
    """Assess a single benefit of programme 'alpha' whose actuals are {period: value}."""
    ups = [update(p, benefits={bdef["id"]: v}) for p, v in actuals.items()]
    d = data(programmes=[programme("alpha", benefits=[bdef])], updates={"alpha": ups})
    (result,) = q3(d, period).benefits
    return result


def test_planned_value_is_interpolated_in_days_between_baseline_and_profile_point() -> None:
    # 2026-07-31 is 31 of the 62 days from 2026-06-30 to 2026-08-31: half way, 100 -> 130.
    assert one("2026-07", benefit(), {}).planned == pytest.approx(130)
    assert one("2026-08", benefit(), {}).planned == pytest.approx(160)


def test_realisation_of_an_up_benefit_is_share_of_planned_rise() -> None:
    b = one("2026-07", benefit(), {"2026-07": 127})
    assert b.actual == Measurement("2026-07", 127)
    assert b.realisation == pytest.approx(90)  # (127 - 100) / (130 - 100)
    assert b.status == "on track"


def test_realisation_of_a_down_benefit_counts_a_fall_as_progress() -> None:
    down = benefit(
        direction="down", target={"value": 40, "by": "2026-08-31"}, profile={"2026-08": 40}
    )
    # planned at 2026-07 is 100 - 30 = 70; actual 76 fell 24 of the planned 30
    b = one("2026-07", down, {"2026-07": 76})
    assert b.realisation == pytest.approx(80)  # (76 - 100) / (70 - 100) = -24 / -30
    # 6 above the planned 70: within 10% of it now; but at 80% of the planned pace it is
    # forecast to reach 52 against the 40 target (needs 46 or less): at risk, not on track
    assert b.status == "at risk"
    assert one("2026-07", down, {"2026-07": 72}).status == "on track"  # 93% of the pace
    worse = one("2026-07", down, {"2026-07": 106})
    assert worse.realisation == pytest.approx(-20)  # rose 6 when it should fall 30
    assert worse.status == "off track"


def test_latest_actual_is_the_last_reported_on_or_before_the_period() -> None:
    b = one("2026-08", benefit(), {"2026-07": 115, "2026-08": 148, "2026-09": 170})
    assert b.actual == Measurement("2026-08", 148)
    assert b.realisation == pytest.approx(80)  # (148 - 100) / (160 - 100)


@pytest.mark.parametrize(
    ("actual", "forecast", "expected"),
    [
        (172.0, None, "on track"),  # ahead
        (144.0, None, "on track"),  # 16 short of 160: exactly 10% of the planned value
        (144.0, True, "on track"),  # within tolerance now and forecast to reach the target
        (144.0, False, "at risk"),  # within tolerance now, but forecast to miss the target
        (143.9, True, "at risk"),  # behind beyond tolerance, but forecast to reach it
        (143.9, None, "at risk"),  # behind beyond tolerance, moving toward the target
        (143.9, False, "off track"),  # behind and forecast to miss the target
        (95.0, None, "off track"),  # moved away from the baseline of 100
        (95.0, True, "off track"),  # moved away, whatever else
    ],
)
def test_status_is_tolerance_now_and_the_forecast_then_direction(
    actual: float, forecast: bool | None, expected: str
) -> None:
    model = Benefit.model_validate(benefit())
    trend = None if forecast is None else Forecast(date(2026, 8, 31), 150.0, forecast)
    assert status_of(model, actual, 160.0, trend, 10) == expected


def test_status_uses_the_portfolio_benefit_tolerance() -> None:
    bdef = benefit()
    ups = {"alpha": [update("2026-08", benefits={"b": 130})]}  # 30 short of 160
    wide = portfolio(tolerances={"schedule_days": 30, "cost_percent": 5, "benefit_percent": 50})
    d = data(wide, [programme("alpha", benefits=[bdef])], ups)
    assert q3(d, "2026-08").benefits[0].status == "on track"  # within 50% of 160; half the way
    d = data(portfolio(), [programme("alpha", benefits=[bdef])], ups)
    assert q3(d, "2026-08").benefits[0].status == "off track"  # beyond 10%; forecast misses
    narrow = {"alpha": [update("2026-08", benefits={"b": 148})]}  # 12 short: within 16
    d = data(portfolio(), [programme("alpha", benefits=[bdef])], narrow)
    assert q3(d, "2026-08").benefits[0].status == "at risk"  # but 80% of the change, not 90%


def test_a_benefit_inside_tolerance_is_on_track_only_on_pace_and_sentences_give_values() -> None:
    # 61 measured against 62.7 planned, 10% tolerance: within tolerance of the plan now
    eet = benefit(
        unit="%",
        baseline={"value": 55, "date": "2026-06-30"},
        profile={"2026-08": 62.7},
        target={"value": 70, "by": "2027-03-31"},
    )
    b = one("2026-08", eet, {"2026-08": 62})  # 7 of the 7.7 planned: 91% of the pace
    assert b.status == "on track"
    assert b.forecast is not None and b.forecast.meets_target
    # the same 61 with no movement from a baseline of 61: on plan now, but at the pace so
    # far (none) it stays at 61 against the 70 target: at risk, and said in values
    still = one(
        "2026-08", {**eet, "baseline": {"value": 61, "date": "2026-06-30"}}, {"2026-08": 61}
    )
    assert still.status == "at risk"
    assert benefit_position(still) == (
        "61% against 62.7% planned; at the pace so far 61% by 2027-03-31 against the 70% target"
    )
    slipping = benefit(
        unit="GBP",
        direction="down",
        baseline={"value": 1150, "date": "2026-06-30"},
        profile={"2026-08": 1150},
        target={"value": 1050, "by": "2027-03-31"},
    )
    result = q3(
        data(
            programmes=[programme("alpha", benefits=[slipping])],
            updates={"alpha": [update("2026-08", benefits={"b": 1260})]},
        ),
        "2026-08",
    )
    (found,) = result.benefits
    assert found.status == "not started"  # the plan has not moved yet: no realisation
    moving = benefit(
        unit="GBP",
        direction="down",
        baseline={"value": 1150, "date": "2026-06-30"},
        profile={"2026-08": 1100},
        target={"value": 1050, "by": "2027-03-31"},
    )
    result = q3(
        data(
            programmes=[programme("alpha", benefits=[moving])],
            updates={"alpha": [update("2026-08", benefits={"b": 1260})]},
        ),
        "2026-08",
    )
    assert result.benefits[0].status == "off track"
    assert (
        "£1,260 against £1,100 planned; moving away from the £1,050 target"
        in (q3_sentences(result)[0])
    )
    assert "-" not in q3_sentences(result)[0].split(";")[0]


def test_an_actual_is_compared_with_the_plan_for_its_own_month() -> None:
    """Measured quarterly: on plan in 2026-09, still on track in 2026-11 though the plan has
    moved on since (the measurement is not yet overdue)."""
    slow = benefit(
        baseline={"value": 0, "date": "2026-06-30"},
        profile={"2026-09": 30, "2026-12": 60},
        target={"value": 120, "by": "2027-06-30"},
    )
    b = one("2026-11", slow, {"2026-09": 29})
    assert (b.planned, b.planned_then, b.status, b.overdue) == (
        pytest.approx(50, abs=0.5),
        30,
        "on track",
        False,
    )
    assert b.realisation == pytest.approx(29 / 30 * 100)
    behind = one("2026-11", slow, {"2026-09": 20})  # a third behind its own month's plan
    assert behind.status in ("at risk", "off track")
    assert benefit_position(behind).startswith("20 against 30 planned for 2026-09")


def test_not_started_before_the_plan_moves_and_no_data_once_it_has() -> None:
    early = benefit(
        baseline={"value": 100, "date": "2026-06-30"},
        profile={"2026-08": 100, "2026-10": 140},
        target={"value": 140, "by": "2026-10-31"},
    )
    assert one("2026-08", early, {}).status == "not started"
    later = one("2026-09", early, {})
    assert later.status == "no data"
    assert later.realisation is None


def test_qualitative_and_no_baseline_benefits_have_no_realisation() -> None:
    qual = one("2026-08", benefit(kind="qualitative"), {"2026-08": 1})
    assert (qual.status, qual.realisation, qual.overdue, qual.forecast) == (
        "qualitative",
        None,
        False,
        None,
    )
    nobase = one("2026-08", benefit(baseline=None), {"2026-08": 150})
    assert (nobase.status, nobase.realisation) == ("no baseline", None)


def test_forecast_without_a_plan_profile_is_the_straight_line_and_says_so() -> None:
    # no profile: baseline 100 on 2026-06-30, actual 131 at end of 2026-07 (31 days): +1 a
    # day; target date 2026-10-31 is 123 days after the baseline -> 223.
    up = benefit(target={"value": 220, "by": "2026-10-31"}, profile={})
    fc = one("2026-07", up, {"2026-07": 131}).forecast
    assert fc is not None
    assert (fc.by, fc.method) == (date(2026, 10, 31), "straight line")
    assert fc.value == pytest.approx(223)
    assert fc.meets_target
    short = one(
        "2026-07", benefit(target={"value": 250, "by": "2026-10-31"}, profile={}), {"2026-07": 131}
    )
    assert short.forecast is not None  # 100 + 31 x 123 / 31 = 223: 82% of the 150 asked
    assert short.forecast.value == pytest.approx(223)
    assert not short.forecast.meets_target
    assert short.status == "at risk"  # within 10% of the planned 137.8 now, but too slow
    assert "on its straight-line trend 223 by 2026-10-31 against the 250 target" in (
        benefit_position(short)
    )


def test_a_back_loaded_plan_followed_is_on_track_and_forecast_to_reach_its_target() -> None:
    # flat for a year, then most of the change late: a straight line through the actuals
    # would miss the target, the benefit's own plan at its pace reaches it
    late = benefit(
        baseline={"value": 0, "date": "2026-01-31"},
        profile={"2026-06": 10, "2027-06": 20, "2027-12": 100},
        target={"value": 100, "by": "2027-12-31"},
    )
    b = one("2026-12", late, {"2026-12": 15})  # plan at 2026-12: 10 + 10 x 183 / 365 = 15
    assert b.forecast is not None
    assert b.forecast.method == "plan-relative"
    assert b.forecast.value == pytest.approx(100, abs=0.5)
    assert b.forecast.meets_target
    assert b.status == "on track"
    ahead = one("2026-12", late, {"2026-12": 16})  # within tolerance and a little ahead
    assert ahead.status == "on track" and ahead.forecast and ahead.forecast.value > 100


def test_on_plan_now_but_too_slow_is_at_risk_and_never_on_track() -> None:
    # baseline 50 -> 100 planned by 2026-08 -> target 200 by 2027-08: 92 is within 10% of
    # 100 now, but 42 of the planned 50 (84%) carried on reaches 176, short of 185 (90%)
    slow = benefit(
        baseline={"value": 50, "date": "2026-06-30"},
        profile={"2026-08": 100},
        target={"value": 200, "by": "2027-08-31"},
    )
    b = one("2026-08", slow, {"2026-08": 92})
    assert b.forecast is not None and b.forecast.value == pytest.approx(176)
    assert not b.forecast.meets_target
    assert b.status == "at risk"
    behind = one("2026-08", slow, {"2026-08": 80})  # 20 short of 100, forecast 140
    assert behind.status == "off track"
    away = one("2026-08", slow, {"2026-08": 45})  # below the baseline of 50
    assert away.status == "off track"
    assert away.forecast is not None and away.forecast.value < 50
    assert benefit_position(away).endswith("moving away from the 200 target")


def test_status_and_forecast_agree_for_every_measured_benefit() -> None:
    """Whatever the actual: on track implies the forecast reaches the target, and a forecast
    that misses it is at risk or off track (never on track)."""
    plan = benefit(
        baseline={"value": 40, "date": "2026-03-31"},
        profile={"2026-06": 45, "2026-12": 70},
        target={"value": 100, "by": "2027-06-30"},
    )
    for value in range(30, 120, 3):
        b = one("2026-09", plan, {"2026-09": float(value)})
        assert b.forecast is not None
        if b.status == "on track":
            assert b.forecast.meets_target, value
        if not b.forecast.meets_target:
            assert b.status in ("at risk", "off track"), value


def test_forecast_of_a_down_benefit_meets_target_at_or_below_it() -> None:
    down = benefit(
        direction="down", target={"value": 40, "by": "2026-08-31"}, profile={"2026-08": 40}
    )
    fc = one("2026-07", down, {"2026-07": 69}).forecast  # -1 a day for 62 days -> 38
    assert fc is not None
    assert fc.value == pytest.approx(38)
    assert fc.meets_target
    close = one("2026-07", down, {"2026-07": 72}).forecast  # -> 44: 56 of the 60 asked
    assert close is not None and close.value == pytest.approx(44) and close.meets_target
    slow = one("2026-07", down, {"2026-07": 85}).forecast  # -15/31 a day -> 70
    assert slow is not None
    assert slow.value == pytest.approx(70)
    assert not slow.meets_target


def test_measurement_is_overdue_when_the_latest_actual_is_three_months_old() -> None:
    long = benefit(target={"value": 220, "by": "2027-06-30"}, profile={"2027-06": 220})
    assert not one("2026-09", long, {"2026-07": 110}).overdue  # 2 months old
    stale = one("2026-10", long, {"2026-07": 110})  # 3 months old
    assert stale.overdue
    assert stale.actual == Measurement("2026-07", 110)
    assert one("2026-10", long, {}).overdue  # never measured while the plan moves


def test_measurement_is_not_overdue_while_the_plan_is_at_baseline() -> None:
    flat = benefit(profile={"2026-12": 100, "2027-06": 160}, target=None)
    assert not one("2026-11", flat, {}).overdue


def _cashable(bid: str) -> dict[str, Any]:
    return benefit(bid, kind="cashable", unit="GBP")


def test_cashable_savings_by_fy_scale_business_case_by_capped_realisation() -> None:
    # alpha's cashable benefits at 2026-08 (plan 160): 60%, 200% (capped 150%), -50% (capped 0)
    # -> mean fraction (0.6 + 1.5 + 0) / 3 = 0.7. The non-cashable one (10%) is ignored.
    alpha = programme(
        "alpha",
        business_case={
            "stage": "FBC",
            "status": "approved",
            "savings": {"2026/27": 300_000, "2027/28": 400_000},
        },
        benefits=[_cashable("c1"), _cashable("c2"), _cashable("c3"), benefit("n1")],
    )
    beta = programme(  # committed, nothing measured: fraction 0
        "beta",
        business_case={
            "stage": "FBC",
            "status": "approved",
            "savings": {"2026/27": 100_000, "2028/29": 50_000},
        },
    )
    pipe = programme(
        "gamma",
        stage="pipeline",
        business_case={"stage": "SOC", "status": "draft", "savings": {"2026/27": 999}},
    )
    closed = programme(
        "delta",
        stage="closed",
        business_case={"stage": "FBC", "status": "approved", "savings": {"2026/27": 777}},
    )
    actuals = {"c1": 136, "c2": 220, "c3": 70, "n1": 106}
    d = data(
        programmes=[closed, pipe, beta, alpha],
        updates={"alpha": [update("2026-08", benefits=actuals)]},
    )
    result = q3(d, "2026-08")
    rows = [
        (
            y.fy,
            y.target,
            y.planned,
            y.pipeline,
            None if y.forecast is None else round(y.forecast, 6),
            y.unforecast,
            None if y.at_risk is None else round(y.at_risk, 6),
            y.unidentified,
            (y.own, y.estimated, y.without),
        )
        for y in result.savings
    ]
    assert rows == [
        ("2026/27", 500_000, 400_000, 999, 210_000, 100_000, 90_000, 100_000, (0, 1, 1)),
        ("2027/28", 800_000, 400_000, 0, 280_000, 0, 120_000, 400_000, (0, 1, 0)),
        ("2028/29", None, 50_000, 0, None, 50_000, None, None, (0, 0, 1)),  # no forecast: unknown
    ]
    fractions = {(s.programme_id, s.fy): s.fraction for s in result.savings_lines}
    assert fractions == {
        ("alpha", "2026/27"): pytest.approx(0.7),
        ("alpha", "2027/28"): pytest.approx(0.7),
        ("beta", "2026/27"): None,
        ("beta", "2028/29"): None,
    }
    sentences = q3_sentences(result)
    assert (
        "Savings 2026/27: target £500k; planned £400k (£100k unidentified); forecast £210k "
        "(£90k at risk), from 1 estimate from benefit measures and 1 programme with no forecast "
        "(£100k planned, not counted)." in sentences
    )
    assert (
        "Savings 2028/29: no savings target set for 2028/29; planned £50k; no forecast: no "
        "programme gave one and none has a measured cashable benefit to estimate from." in sentences
    )


def test_data_quality_lists_missing_owner_baseline_measure_and_disbenefits() -> None:
    alpha = programme(
        "alpha",
        benefits=[
            benefit("ok"),
            benefit("no-owner", owner=None),
            benefit("no-base", baseline=None),
            benefit("no-measure", measure=None),
            benefit("harm", disbenefit=True, direction="down"),
        ],
    )
    closed = programme("old", stage="closed", benefits=[benefit("gone", owner=None)])
    quality = q3(data(programmes=[alpha, closed]), "2026-08").quality
    assert quality.no_owner == (BenefitRef("alpha", "no-owner", "Benefit no-owner"),)
    assert quality.no_baseline == (BenefitRef("alpha", "no-base", "Benefit no-base"),)
    assert quality.no_measure == (BenefitRef("alpha", "no-measure", "Benefit no-measure"),)
    assert quality.disbenefits == (BenefitRef("alpha", "harm", "Benefit harm"),)


def test_benefits_of_closed_programmes_are_left_out_and_the_rest_sorted() -> None:
    progs = [
        programme("zeta", benefits=[benefit("b2"), benefit("a1")]),
        programme("alpha", benefits=[benefit("x")]),
        programme("old", stage="closed", benefits=[benefit("y")]),
    ]
    result = q3(data(programmes=progs), "2026-08")
    assert [(b.programme_id, b.benefit_id) for b in result.benefits] == [
        ("alpha", "x"),
        ("zeta", "a1"),
        ("zeta", "b2"),
    ]


def test_ahead_and_behind_lists_and_the_status_sentence() -> None:
    ids = ("fast", "fine", "slow", "stuck", "sliding", "down")
    later = {"value": 160, "by": "2026-12-31"}  # the plan reaches 160 in August, then holds
    progs = [programme("alpha", benefits=[benefit(i, target=later) for i in ids])]
    # plan at 2026-08 is 160 (10% tolerance: 16); the target asks for 60 (10%: 6)
    actuals = {"fast": 180, "fine": 157, "slow": 151, "stuck": 130, "sliding": 120, "down": 95}
    d = data(programmes=progs, updates={"alpha": [update("2026-08", benefits=actuals)]})
    result = q3(d, "2026-08")
    assert [b.benefit_id for b in result.ahead] == ["fast"]  # 20 over: beyond 10% of 160
    assert [b.benefit_id for b in result.behind] == ["down", "sliding", "stuck", "slow"]
    status = {b.benefit_id: b.status for b in result.benefits}
    assert status == {
        "fast": "on track",
        "fine": "on track",  # 57 of the 60: forecast 157, within 6 of 160
        "slow": "at risk",  # within 16 of 160 now, but forecast 151: short by more than 6
        "stuck": "off track",  # behind beyond 16 and forecast 130
        "sliding": "off track",
        "down": "off track",  # below its baseline
    }
    sentences = q3_sentences(result)
    assert sentences[0] == (
        "2 of 6 measured benefits are on track, 1 at risk and 3 off track; furthest behind is "
        "Alpha's 'Benefit down': 95 against 160 planned; moving away from the 160 target."
    )
    assert sentences[1] == (
        "Forecast at the target dates, along each benefit's own plan at the pace achieved so "
        "far: 2 of 6 measured benefits reach their target (at least 90% of the change it asks "
        "for) and 4 do not (1 at risk: within tolerance of the plan now but too slow; 3 off "
        "track)."
    )


def test_sentences_for_a_portfolio_without_benefits() -> None:
    assert q3_sentences(q3(data(programmes=[programme("alpha")]), "2026-08")) == [
        "No open programme has benefits recorded.",
        "Savings 2026/27: target £500k; planned £0 (£500k unidentified); no forecast.",
        "Savings 2027/28: target £800k; planned £0 (£800k unidentified); no forecast.",
    ]
