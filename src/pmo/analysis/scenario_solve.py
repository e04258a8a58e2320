"""The scenario's 0-1 programme, solved exactly by HiGHS: rows in, a proven-optimal set out."""

from __future__ import annotations

import math
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

#: Slack allowed on every constraint, relative to the row's scale (its limit or largest need).
#: Portfolio data sits on £ and 0.05 FTE grids, far coarser; this only absorbs float noise.
TOL = 1e-9
_SOLVER_TOL = 1e-10  # HiGHS's own feasibility tolerance on the row-scaled model: below TOL


@dataclass(frozen=True, slots=True)
class LinearConstraint:
    """One ≤ constraint: the sum of ``coefs[i] * x[i]`` may not exceed ``limit``."""

    limit: float
    coefs: Mapping[int, float]

    @property
    def scale(self) -> float:
        """The row's size, so tolerances are relative (£m envelopes and 0.5 FTE alike)."""
        return max(self.limit, max(self.coefs.values(), default=0.0), 1e-12)

    def activity(self, chosen: frozenset[int] | set[int]) -> float:
        """The row's left-hand side for a chosen set (summed in index order)."""
        return math.fsum(v for i, v in sorted(self.coefs.items()) if i in chosen)

    def fits(self, activity: float) -> bool:
        """Within the limit, allowing for float noise."""
        return activity <= self.limit + TOL * self.scale


@dataclass(frozen=True, slots=True)
class Solved:
    """The optimum (``chosen`` None when infeasible), HiGHS's final MIP gap and time taken."""

    chosen: frozenset[int] | None
    mip_gap: float
    seconds: float


def _highs() -> Any:
    import highspy

    # highspy.Highs() prints its banner on stdout before options can be set (it would corrupt
    # `--format json`); the core class it wraps does not, and has the methods used here.
    factory = getattr(highspy, "_Highs", None) or highspy.Highs
    solver = factory()
    for name, value in (
        ("output_flag", False),
        ("mip_rel_gap", 0.0),
        ("mip_abs_gap", 0.0),
        ("mip_feasibility_tolerance", _SOLVER_TOL),
        ("primal_feasibility_tolerance", _SOLVER_TOL),
        ("random_seed", 0),
    ):
        solver.setOptionValue(name, value)
    return solver


def _model(
    values: Sequence[float],
    rows: Sequence[LinearConstraint],
    lower: Sequence[int],
    upper: Sequence[int],
) -> Any:
    import highspy
    import numpy as np

    n = len(values)
    starts, index, coef, upper_rhs = [0], [], [], []
    for row in rows:
        scale = row.scale
        for i, value in sorted(row.coefs.items()):
            index.append(i)
            coef.append(value / scale)
        starts.append(len(index))
        upper_rhs.append(row.limit / scale + TOL)
    lp = highspy.HighsLp()
    lp.num_col_ = n
    lp.num_row_ = len(rows)
    lp.sense_ = highspy.ObjSense.kMaximize
    lp.col_cost_ = np.asarray(values, dtype=np.float64)
    lp.col_lower_ = np.asarray(lower, dtype=np.float64)
    lp.col_upper_ = np.asarray(upper, dtype=np.float64)
    lp.row_lower_ = np.full(len(rows), -highspy.kHighsInf)
    lp.row_upper_ = np.asarray(upper_rhs, dtype=np.float64)
    lp.a_matrix_.format_ = highspy.MatrixFormat.kRowwise
    lp.a_matrix_.num_col_ = n
    lp.a_matrix_.num_row_ = len(rows)
    lp.a_matrix_.start_ = np.asarray(starts, dtype=np.int32)
    lp.a_matrix_.index_ = np.asarray(index, dtype=np.int32)
    lp.a_matrix_.value_ = np.asarray(coef, dtype=np.float64)
    lp.integrality_ = [highspy.HighsVarType.kInteger] * n
    return lp


def _run(solver: Any) -> frozenset[int] | None:
    import highspy

    solver.run()
    status = solver.getModelStatus()
    if status == highspy.HighsModelStatus.kInfeasible:
        return None
    if status != highspy.HighsModelStatus.kOptimal:
        raise RuntimeError(f"HiGHS did not prove optimality: {solver.modelStatusToString(status)}")
    return frozenset(i for i, x in enumerate(solver.getSolution().col_value) if x > 0.5)


def _check(
    chosen: frozenset[int],
    rows: Sequence[LinearConstraint],
    lower: Sequence[int],
    upper: Sequence[int],
) -> None:
    broken = [r for r in rows if not r.fits(r.activity(chosen))]
    bounds = [i for i in range(len(lower)) if not lower[i] <= (i in chosen) <= upper[i]]
    if broken or bounds:
        raise RuntimeError("HiGHS returned a set that breaks a constraint (a pmo bug)")


def _on_grid(values: Sequence[float], ranks: Sequence[int]) -> list[int] | None:
    """Objective coefficients that rank by value first and ties by ``ranks``, exactly.

    Priority scores are weighted sums of 1..5 scores, so they sit on a grid (0.05 for integer
    weights). On it, ``value·B − rank`` with B > Σ ranks orders every set by value, then by
    smaller rank sum, in one solve. None when the values are on no grid (fall back to two).
    """
    for scale in (100, 10_000, 1_000_000):
        ints = [round(v * scale) for v in values]
        if all(abs(v * scale - i) <= 1e-6 for v, i in zip(values, ints, strict=True)):
            break
    else:
        return None
    step = math.gcd(*ints) or 1
    big = sum(ranks) + 1
    coefs = [i // step * big - r for i, r in zip(ints, ranks, strict=True)]
    return coefs if sum(abs(c) for c in coefs) < 2**40 else None


def solve(
    values: Sequence[float],
    rows: Sequence[LinearConstraint],
    lower: Sequence[int],
    upper: Sequence[int],
    ranks: Sequence[int],
) -> Solved:
    """Maximise Σ values·x over x ∈ {0,1}ⁿ within ``lower``/``upper`` subject to ``rows``.

    Among sets of equal value, the one with the smallest Σ ranks·x wins (``ranks`` ≥ 1), so
    equal-value alternatives resolve the same way every time. One exact solve when the values
    lie on a grid, else a second solve for the tie-break; each proven optimal (gap 0).
    """
    if not values:
        return Solved(frozenset(), 0.0, 0.0)
    solver = _highs()  # imports highspy and numpy: not part of the solve time
    started = time.perf_counter()
    rows = [r for r in rows if r.coefs]
    lexicographic = _on_grid(values, ranks)
    solver.passModel(_model(lexicographic or values, rows, lower, upper))
    first = _run(solver)
    if first is None:
        return Solved(None, 0.0, time.perf_counter() - started)
    _check(first, rows, lower, upper)
    gap = float(solver.getInfo().mip_gap)
    if lexicographic is not None:
        return Solved(first, gap, time.perf_counter() - started)
    best = math.fsum(values[i] for i in sorted(first))
    _tiebreak_phase(solver, values, ranks, first, best)
    second = _run(solver)
    if second is None:  # pragma: no cover - the first optimum is feasible here
        raise RuntimeError("HiGHS lost the optimum while breaking ties (a pmo bug)")
    _check(second, rows, lower, upper)
    if math.fsum(values[i] for i in sorted(second)) < best - TOL * max(1.0, abs(best)):
        raise RuntimeError("HiGHS tie-break lost value (a pmo bug)")  # pragma: no cover
    gap = max(gap, float(solver.getInfo().mip_gap))
    return Solved(second, gap, time.perf_counter() - started)


def _tiebreak_phase(
    solver: Any,
    values: Sequence[float],
    ranks: Sequence[int],
    first: frozenset[int],
    best: float,
) -> None:
    """Keep the optimum value as a row and minimise Σ ranks, warm-started from ``first``."""
    import highspy
    import numpy as np

    n = len(values)
    nonzero = [i for i in range(n) if values[i] != 0]
    if nonzero:
        scale = max(1.0, abs(best))
        solver.addRow(
            (best - TOL * scale) / scale,
            highspy.kHighsInf,
            len(nonzero),
            np.asarray(nonzero, dtype=np.int32),
            np.asarray([values[i] / scale for i in nonzero], dtype=np.float64),
        )
    solver.changeObjectiveSense(highspy.ObjSense.kMinimize)
    solver.changeColsCost(n, np.arange(n, dtype=np.int32), np.asarray(ranks, dtype=np.float64))
    start = highspy.HighsSolution()
    start.col_value = [1.0 if i in first else 0.0 for i in range(n)]
    solver.setSolution(start)
