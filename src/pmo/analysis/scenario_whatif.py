"""What-if scenarios: a hand-picked set of programmes priced against the envelope and capacity."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from pmo.analysis.data import PortfolioData
from pmo.analysis.scenario import _prepare
from pmo.analysis.scenario_explain import Candidate, FyTotal, RoleMonth, fy_totals, utilisation


@dataclass(frozen=True, slots=True)
class Peak:
    """A role's highest utilisation over the horizon for a chosen set, and its first month.

    ``utilisation`` is None when the set needs the role in a month with no capacity (that
    month is then ``month``); 0.0 with no month when the set does not need the role at all.
    """

    role: str
    month: str | None
    utilisation: float | None


@dataclass(frozen=True, slots=True)
class Assessment:
    """A chosen set's cost by financial year against the envelope, and each role's peak."""

    chosen: tuple[str, ...]
    totals: tuple[FyTotal, ...]
    peaks: tuple[Peak, ...]


def peaks(cells: Iterable[RoleMonth]) -> tuple[Peak, ...]:
    """Each role's peak utilisation (first month of the highest), by role."""
    best: dict[str, Peak] = {}
    for cell in sorted(cells, key=lambda c: (c.role, c.month)):
        now = best.setdefault(cell.role, Peak(cell.role, None, 0.0))
        if cell.demand <= 0 or now.utilisation is None:
            continue
        if cell.utilisation is None:
            best[cell.role] = Peak(cell.role, cell.month, None)
        elif cell.utilisation > now.utilisation:
            best[cell.role] = Peak(cell.role, cell.month, cell.utilisation)
    return tuple(best[role] for role in sorted(best))


class WhatIf:
    """The scenario's candidates for a period, prepared once; ``assess`` prices any set."""

    def __init__(self, data: PortfolioData, period: str) -> None:
        self._problem = _prepare(data, period, (), (), None, False)
        self._index = {c.id: i for i, c in enumerate(self._problem.candidates)}

    @property
    def candidates(self) -> tuple[Candidate, ...]:
        """Every non-closed programme, by id."""
        return self._problem.candidates

    @property
    def horizon(self) -> tuple[str, ...]:
        """The months capacity is checked over."""
        return self._problem.horizon

    @property
    def years(self) -> tuple[str, ...]:
        """Financial years with an envelope: the money constraints."""
        return self._problem.years

    @property
    def unset_years(self) -> tuple[str, ...]:
        """Financial years with costs but no envelope set: not limited (unknown, never £0)."""
        return self._problem.unset

    def today(self) -> frozenset[str]:
        """Today's portfolio: every mandatory or committed programme, no pipeline."""
        return frozenset(c.id for c in self.candidates if c.mandatory or not c.pipeline)

    def assess(self, chosen: Iterable[str]) -> Assessment:
        """The chosen set's cost by FY against the envelope and each role's peak utilisation."""
        picked = frozenset(self._index[pid] for pid in chosen if pid in self._index)
        p = self._problem
        return Assessment(
            chosen=tuple(sorted(p.candidates[i].id for i in picked)),
            totals=fy_totals(p.candidates, p.money_years, p.envelope, 1.0, picked),
            peaks=peaks(utilisation(p.capacity, p.demand, picked)),
        )
