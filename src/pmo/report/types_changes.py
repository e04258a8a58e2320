"""What changed, beyond overall status: dimension moves, register changes, grouped statuses."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal


@dataclass(frozen=True, slots=True)
class DimensionChange:
    """One programme's rating of one dimension moved since the previous report."""

    programme: str
    name: str
    dimension: str
    before: str
    after: str
    trend: Literal["better", "worse"]


@dataclass(frozen=True, slots=True)
class ItemChange:
    """A risk or issue opened or closed, a risk score moved, a milestone re-baselined."""

    kind: str  # "risk opened", "risk closed", "risk up", "risk down", "issue opened", ...
    programme: str
    name: str
    title: str
    detail: str | None  # "12 → 16", "2026-08-31 → 2026-10-31"


@dataclass(frozen=True, slots=True)
class StatusGroup:
    """Status changes of many programmes, grouped by the move (a long list summarised)."""

    before: str | None
    after: str | None
    count: int
    names: tuple[str, ...]  # the first few, by name


@dataclass(frozen=True, slots=True)
class WhatChanged:
    """Everything that changed besides the overall statuses and headline figures."""

    dimensions: tuple[DimensionChange, ...]  # downgrades first, capped
    dimensions_more: int
    items: tuple[ItemChange, ...]  # by kind, then programme; capped
    items_more: int
    status_groups: tuple[StatusGroup, ...]  # set only when the status list is long
    notes: tuple[str, ...]
