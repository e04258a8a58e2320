"""Business-case economics: PV at 3.5%, NPV, BCR, simple and discounted payback, optimism bias."""

from __future__ import annotations

from typing import Any

import pytest

from factories import data, programme
from pmo.analysis.economics import DISCOUNT_RATE, economics, payback, portfolio_economics


def _case(**overrides: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "stage": "FBC",
        "status": "approved",
        "decided": {"date": "2026-03-01", "by": "DMT"},
        "costs": {
            "2026/27": {"capital": 100_000, "revenue": 0},
            "2027/28": {"capital": 0, "revenue": 20_000},
        },
        "savings": {"2027/28": 60_000, "2028/29": 90_000},
    }
    return {**base, **overrides}


# Cash flow used below (no optimism bias), discounted from 2026/27 = year 0:
#   t  FY        cost     saving   factor 1/1.035^t
#   0  2026/27   100,000        0  1
#   1  2027/28    20,000   60,000  1/1.035    = 0.966183575...
#   2  2028/29         0   90,000  1/1.071225 = 0.933510700...
# PV(costs)   = 100,000 + 20,000/1.035               = 119,323.6715
# PV(savings) = 60,000/1.035 + 90,000/1.071225       =  57,971.0145 + 84,015.9630 = 141,986.9775
# NPV         = 141,986.9775 - 119,323.6715          =  22,663.3060
# BCR         = 141,986.9775 / 119,323.6715          =   1.189931
# Payback counts from first spend, each year's flows spread evenly through it.
# Simple payback: cumulative net at year ends -100,000 (t0), -60,000 (t1), +30,000 (t2)
#   -> during year 2: 2 + 60,000 / 90,000 = 2.6667 years after spending started
# Discounted payback: cumulative -100,000 (t0), -100,000 + 40,000/1.035 = -61,352.657 (t1),
#   +22,663.306 (t2) -> 2 + 61,352.657 / 84,015.963 = 2 + (107,122.5 - 41,400) / 90,000 = 2.73025
def test_npv_bcr_and_paybacks_of_a_known_cash_flow_at_3_5_percent() -> None:
    e = economics(programme("alpha", business_case=_case()))
    assert e is not None
    assert e.rate == DISCOUNT_RATE == 0.035
    assert e.first_fy == "2026/27"
    assert [(y.fy, y.year) for y in e.years] == [("2026/27", 0), ("2027/28", 1), ("2028/29", 2)]
    assert e.years[0].factor == 1.0
    assert e.years[2].factor == pytest.approx(1 / 1.071225)
    assert e.cost == 120_000
    assert e.savings == 150_000
    assert e.pv_costs == pytest.approx(119_323.6715, abs=1e-4)
    assert e.pv_savings == pytest.approx(141_986.9775, abs=1e-4)
    assert e.npv == pytest.approx(22_663.3060, abs=1e-4)
    assert e.bcr == pytest.approx(1.189931, abs=1e-6)
    assert e.simple_payback == pytest.approx(2 + 60_000 / 90_000)
    assert e.discounted_payback == pytest.approx(2.73025)


# With optimism bias 0.2 every cost is x1.2: costs 120,000 (t0) and 24,000 (t1).
# PV(costs) = 1.2 x 119,323.6715 = 143,188.4058; NPV = 141,986.9775 - 143,188.4058 = -1,201.4283
# BCR = 141,986.9775 / 143,188.4058 = 0.991609
# Simple payback: -120,000, -84,000, +6,000 -> 2 + 84,000 / 90,000 = 2.9333 years
# Discounted cumulative ends at NPV < 0 -> never pays back.
def test_optimism_bias_uplifts_costs_but_not_savings() -> None:
    e = economics(programme("alpha", business_case=_case(optimism_bias=0.2)))
    assert e is not None
    assert e.optimism_bias == 0.2
    assert e.cost_before_bias == 120_000
    assert e.cost == pytest.approx(144_000)
    assert e.savings == 150_000
    assert e.pv_costs == pytest.approx(143_188.4058, abs=1e-4)
    assert e.npv == pytest.approx(-1_201.4283, abs=1e-4)
    assert e.bcr == pytest.approx(0.991609, abs=1e-6)
    assert e.simple_payback == pytest.approx(2 + 84_000 / 90_000)
    assert e.discounted_payback is None


def test_a_gap_year_is_zero_and_later_years_keep_their_distance_from_the_first() -> None:
    case = _case(costs={"2026/27": {"revenue": 100_000}}, savings={"2028/29": 107_122.5})
    e = economics(programme("alpha", business_case=case))
    assert e is not None
    assert [y.fy for y in e.years] == ["2026/27", "2027/28", "2028/29"]
    assert (e.years[1].cost, e.years[1].saving) == (0.0, 0.0)
    # 107,122.5 / 1.035^2 = 100,000 exactly: NPV 0, BCR 1, discounted payback at the end of year 2
    assert e.npv == pytest.approx(0.0, abs=1e-6)
    assert e.bcr == pytest.approx(1.0)
    assert e.discounted_payback == pytest.approx(3.0)
    # undiscounted: -100,000, -100,000, +7,122.5 -> 2 + 100,000 / 107,122.5
    assert e.simple_payback == pytest.approx(2 + 100_000 / 107_122.5)


def test_discounting_starts_at_the_first_fy_of_savings_when_they_come_before_costs() -> None:
    case = _case(costs={"2027/28": {"revenue": 10_000}}, savings={"2026/27": 5_000})
    e = economics(programme("alpha", business_case=case))
    assert e is not None
    assert e.first_fy == "2026/27"
    assert e.pv_costs == pytest.approx(10_000 / 1.035)
    assert e.simple_payback is None  # 5,000 never catches up with 10,000


def test_no_costs_means_no_bcr_and_no_payback() -> None:
    e = economics(programme("alpha", business_case=_case(costs={})))
    assert e is not None
    assert e.pv_costs == 0
    assert e.bcr is None
    assert e.simple_payback is None
    # the first FY is now 2027/28 (the first with a flow): 60,000 + 90,000 / 1.035
    assert e.first_fy == "2027/28"
    assert e.npv == pytest.approx(60_000 + 90_000 / 1.035)


def test_no_business_case_or_no_flows_gives_none() -> None:
    assert economics(programme("alpha", business_case=None)) is None
    assert economics(programme("alpha", business_case=_case(costs={}, savings={}))) is None


def test_payback_is_zero_when_first_year_savings_cover_its_costs_as_they_go() -> None:
    assert payback([100.0, 0.0], [150.0, 0.0]) == 0.0


def test_payback_lands_exactly_on_the_year_when_cumulative_net_reaches_zero() -> None:
    # -100 at the end of t0, -50 of t1, 0 of t2: three full years after spending started
    assert payback([100.0, 0.0, 0.0], [0.0, 50.0, 50.0]) == 3.0


def test_payback_waits_for_a_cost_before_counting_early_savings() -> None:
    # savings first (+10), spending starts in t1 (-30 at its end); t2 recovers 30 by its end:
    # two years from the start of the first year with spend
    assert payback([0.0, 40.0, 0.0], [10.0, 0.0, 30.0]) == pytest.approx(2.0)


def test_portfolio_economics_skips_closed_and_case_less_programmes_sorted_by_id() -> None:
    d = data(
        programmes=[
            programme("zeta", business_case=_case()),
            programme("alpha", business_case=_case()),
            programme("closed-one", stage="closed", business_case=_case()),
            programme("no-case", business_case=None),
        ]
    )
    assert [e.programme for e in portfolio_economics(d)] == ["alpha", "zeta"]


def test_payback_counts_from_first_spend_not_from_the_end_of_year_0() -> None:
    # 100 spent in year 0, 60 saved a year from year 1: cumulative -100, -40, +20, crossing
    # two thirds into year 2: 2.67 years after spending started (not 1.67)
    assert payback([100.0, 0.0, 0.0], [0.0, 60.0, 60.0]) == pytest.approx(2 + 40 / 60)


def test_a_case_without_cashable_savings_has_no_bcr_and_no_payback() -> None:
    e = economics(programme("alpha", business_case=_case(savings={})))
    assert e is not None
    assert not e.cashable
    assert (e.bcr, e.simple_payback, e.discounted_payback) == (None, None, None)


def test_savings_beyond_the_costed_years_are_counted() -> None:
    case = _case(costs={"2026/27": {"revenue": 100}}, savings={"2029/30": 200})
    e = economics(programme("alpha", business_case=case))
    assert e is not None
    assert e.savings == 200
    assert [y.fy for y in e.years][-1] == "2029/30"
    assert e.simple_payback == pytest.approx(3 + 100 / 200)
