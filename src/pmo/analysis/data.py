"""The analysis input: the valid models of a portfolio, by id and period, nothing else."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from pmo.model import DmtNote, Portfolio, Programme, Update
from pmo.store import LoadedPortfolio


@dataclass(frozen=True, slots=True)
class PortfolioData:
    """A portfolio as the analysis sees it. Programmes are sorted by id; updates by period."""

    config: Portfolio
    programmes: Mapping[str, Programme]
    updates: Mapping[str, Mapping[str, Update]] = field(default_factory=dict)
    dmt: Mapping[str, DmtNote] = field(default_factory=dict)

    def updates_of(self, programme_id: str) -> Mapping[str, Update]:
        """A programme's updates by period (empty if none)."""
        return self.updates.get(programme_id, {})

    def update(self, programme_id: str, period: str) -> Update | None:
        """A programme's update for exactly ``period``."""
        return self.updates.get(programme_id, {}).get(period)

    def latest_update(self, programme_id: str, period: str) -> tuple[str, Update] | None:
        """The latest (period, update) on or before ``period``."""
        found = [p for p in self.updates.get(programme_id, {}) if p <= period]
        if not found:
            return None
        latest = max(found)
        return latest, self.updates[programme_id][latest]

    def periods(self) -> list[str]:
        """Every period that has at least one update, ascending."""
        return sorted({p for ups in self.updates.values() for p in ups})


def from_loaded(loaded: LoadedPortfolio) -> PortfolioData | None:
    """The valid part of a loaded portfolio (None when portfolio.yaml itself is invalid).

    Programmes whose programme.yaml is invalid are left out, and so are their updates.
    """
    if loaded.config is None or loaded.config.model is None:
        return None
    programmes: dict[str, Programme] = {}
    updates: dict[str, dict[str, Update]] = {}
    for folder in sorted(loaded.programmes):
        prog = loaded.programmes[folder]
        model = prog.source.model
        if model is None:
            continue
        programmes[model.id] = model
        updates[model.id] = {
            period: src.model
            for period, src in sorted(prog.updates.items())
            if src.model is not None
        }
    dmt = {p: s.model for p, s in sorted(loaded.dmt.items()) if s.model is not None}
    return PortfolioData(loaded.config.model, programmes, updates, dmt)
