"""The scenario's 0-1 programme made smaller and tighter before HiGHS sees it (same optimum).

Fixed programmes leave the model (their use is taken off each limit); rows on the £0.01 /
0.01 FTE grid become integer rows divided by their coefficients' common factor with the
limit rounded down (a valid tightening: no set is lost); rows that can never bind and rows
implied by another are dropped; and where one free programme is worth at least as much as
another (ranking first on a tie) while needing no more of anything, ``x_worse <= x_better``
is added: the optimum (best value, then smallest rank sum) always satisfies it.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

#: Coefficients and limits are read on this grid (pence, hundredths of an FTE) when they lie on
#: it; rows off it stay as they are (scaled floats).
GRID = 100
#: An integer row whose coefficients exceed this after dividing by their common factor stays
#: a float row (HiGHS's numerics prefer small integers).
MAX_INT_COEF = 10_000_000
#: At most this many dominance rows per free programme (the strongest, by index).
MAX_DOMINANCE_PER_COLUMN = 4


@dataclass(frozen=True, slots=True)
class Reduced:
    """The model over the free columns: ``columns[k]`` is the original index of column k."""

    columns: list[int]
    forced_in: frozenset[int]
    matrix: Any  # numpy float array, rows × columns (dense: the models are small)
    rhs: Any  # numpy float array: row k is matrix[k] @ x <= rhs[k]
    pairs: list[tuple[int, int]]  # (worse, better) column pairs: x_worse <= x_better
    dropped: int  # rows dropped (never binding or implied)


def _on_grid(value: float) -> int | None:
    scaled = value * GRID
    whole = round(scaled)
    return whole if abs(scaled - whole) <= 1e-6 * max(1.0, abs(scaled)) else None


def reduce(
    values: Sequence[float],
    rows: Sequence[Any],  # LinearConstraint (not imported: scenario_solve imports this module)
    lower: Sequence[int],
    upper: Sequence[int],
    ranks: Sequence[int],
    tol: float,
) -> Reduced:
    """The smaller, tighter model; every set it allows satisfies ``rows`` within ``tol``."""
    import numpy as np

    n = len(values)
    forced_in = frozenset(i for i in range(n) if lower[i])
    columns = [i for i in range(n) if upper[i] and not lower[i]]
    where = {i: k for k, i in enumerate(columns)}
    matrix_rows: list[Any] = []
    rhs: list[float] = []
    units: list[float] = []  # an integer row's step in grid units; 0 for a float row
    for row in rows:
        slack = tol * row.scale
        free = np.zeros(len(columns))
        for i, v in row.coefs.items():
            if i in where:
                free[where[i]] = v
        used = math.fsum(v for i, v in sorted(row.coefs.items()) if i in forced_in)
        ints = [_on_grid(v) for v in row.coefs.values()]
        limit = _on_grid(row.limit)
        if limit is not None and all(v is not None for v in ints):
            whole = np.rint(free * GRID).astype(np.int64)
            step = int(np.gcd.reduce(np.abs(whole))) or 1
            fixed = sum(_on_grid(v) or 0 for i, v in row.coefs.items() if i in forced_in)
            room = math.floor((limit - fixed + slack * GRID) / step + 1e-9)
            if (np.abs(whole) // step).max(initial=0) <= MAX_INT_COEF:
                matrix_rows.append((whole // step).astype(np.float64))
                rhs.append(float(room))
                units.append(float(step))
                continue
        scale = row.scale
        matrix_rows.append(free / scale)
        rhs.append((row.limit - used + slack) / scale)
        units.append(0.0)
    matrix = np.asarray(matrix_rows, dtype=np.float64).reshape(len(matrix_rows), len(columns))
    bound = np.asarray(rhs, dtype=np.float64)
    keep = _useful_rows(matrix, bound, units)
    pairs = _dominance(
        matrix[keep],
        [values[i] for i in columns],
        [ranks[i] for i in columns],
    )
    return Reduced(columns, forced_in, matrix[keep], bound[keep], pairs, len(rows) - len(keep))


def _useful_rows(matrix: Any, rhs: Any, units: Sequence[float]) -> list[int]:
    """Rows that can bind and are not implied by another kept row (integer rows only)."""
    import numpy as np

    positive = np.clip(matrix, 0, None).sum(axis=1)
    nonneg = (matrix >= 0).all(axis=1)
    # a row all free programmes together cannot break never binds (an infeasible row stays)
    live = [k for k in range(len(rhs)) if not (nonneg[k] and positive[k] <= rhs[k])]
    exact = [k for k in live if units[k] and nonneg[k]]
    if not exact:
        return live
    # integer rows back in grid units, to compare rows divided by different steps
    lhs = np.asarray([matrix[k] * units[k] for k in exact])
    room = np.asarray([rhs[k] * units[k] for k in exact])
    implied: set[int] = set()
    for a, k in enumerate(exact):
        # row k follows from a row that needs at least as much of everything and allows no more
        covers = (lhs >= lhs[a]).all(axis=1) & (room <= room[a])
        identical = (lhs == lhs[a]).all(axis=1) & (room == room[a])
        # of identical rows, the first is kept
        covers &= ~identical | (np.arange(len(exact)) < a)
        covers[a] = False
        if covers.any():
            implied.add(k)
    return [k for k in live if k not in implied]


def _dominance(matrix: Any, values: Sequence[float], ranks: Sequence[int]) -> list[tuple[int, int]]:
    """(worse, better) column pairs: better is worth more (or the same, ranking first) and
    needs no more in any row."""
    import numpy as np

    n = len(values)
    pairs: list[tuple[int, int]] = []
    cols = matrix.T  # n × rows
    for worse in range(n):
        # better needs no more than worse anywhere
        lighter = (cols <= cols[worse]).all(axis=1) if len(matrix) else np.ones(n, dtype=bool)
        found = 0
        for better in np.flatnonzero(lighter):
            b = int(better)
            if b == worse:
                continue
            if values[b] > values[worse] or (
                values[b] == values[worse] and ranks[b] < ranks[worse]
            ):
                pairs.append((worse, b))
                found += 1
                if found >= MAX_DOMINANCE_PER_COLUMN:
                    break
    return pairs
