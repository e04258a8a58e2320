"""The optimiser's bound and gap are honest when the search stops early: never below the optimum."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pytest

from pmo.analysis.scenario_solve import LinearConstraint, Solved, solve


def _instance(seed: int, on_grid: bool) -> tuple[list[float], list[LinearConstraint], list[int]]:
    """A portfolio-like knapsack: 40 programmes, money rows in £1k and FTE rows in quarters,
    a few mandatory; values on the 0.05 grid of priority scores (or off any grid)."""
    rng = np.random.default_rng(seed)
    n = 40
    if on_grid:
        values = [float(rng.integers(20, 100)) * 0.05 for _ in range(n)]
    else:
        values = [float(rng.uniform(1.0, 5.0)) * math.sqrt(2) for _ in range(n)]
    rows = []
    for _ in range(3):
        coefs = {i: 1000.0 * float(rng.integers(50, 800)) for i in range(n) if rng.random() < 0.4}
        rows.append(LinearConstraint(0.6 * math.fsum(coefs.values()), coefs))
    for _ in range(6):
        coefs = {i: 0.25 * float(rng.integers(1, 7)) for i in range(n) if rng.random() < 0.3}
        rows.append(LinearConstraint(0.25 * math.floor(0.5 * sum(coefs.values()) / 0.25), coefs))
    return values, rows, [int(k) for k in rng.permutation(n) + 1]


def _value(values: list[float], solved: Solved) -> float:
    assert solved.chosen is not None
    return math.fsum(values[i] for i in sorted(solved.chosen))


@pytest.mark.parametrize("on_grid", [True, False])
def test_a_stopped_search_reports_a_bound_at_least_the_proven_optimum(on_grid: bool) -> None:
    unproven = 0
    for seed in range(8 if on_grid else 3):  # off the grid: two exact solves, slower
        values, rows, ranks = _instance(seed, on_grid)
        n = len(values)
        lower = [1 if i % 13 == 0 else 0 for i in range(n)]
        upper = [1] * n
        exact = solve(values, rows, lower, upper, ranks)
        assert exact.proven and exact.mip_gap == 0
        optimum = _value(values, exact)
        stopped: list[Solved] = [solve(values, rows, lower, upper, ranks, stop=lambda: True)]
        stopped.append(solve(values, rows, lower, upper, ranks, time_limit=0.01))
        for early in stopped:
            found = _value(values, early)
            assert found <= optimum + 1e-9
            if early.proven:  # HiGHS finished before the stop: then it is the optimum
                assert early.mip_gap == 0 and abs(found - optimum) <= 1e-9
                continue
            unproven += 1
            assert early.bound is None or early.bound >= optimum - 1e-9
            if early.bound is not None and math.isfinite(early.bound):
                # the gap says how far the plan is from the bound, so it covers the optimum
                assert early.mip_gap == pytest.approx((early.bound - found) / early.bound)
                assert (optimum - found) / early.bound <= early.mip_gap + 1e-12
            else:
                assert early.mip_gap == math.inf
    assert unproven  # the stops did stop some searches: the checks above were exercised


def test_each_plan_it_returns_fits_every_row() -> None:
    values, rows, ranks = _instance(11, True)
    n = len(values)
    answers: list[Any] = [
        solve(values, rows, [0] * n, [1] * n, ranks, stop=lambda: True),
        solve(values, rows, [0] * n, [1] * n, ranks),
    ]
    for answer in answers:
        assert answer.chosen is not None
        assert all(r.fits(r.activity(answer.chosen)) for r in rows)
