"""Benefit arithmetic: the planned trajectory (baseline → profile → target) and shortfall."""

from __future__ import annotations

from datetime import date
from itertools import pairwise

from pmo.model import Benefit
from pmo.model.types import period_end

__all__ = ["planned_change", "planned_value", "planned_value_at", "shortfall", "trajectory"]


def trajectory(benefit: Benefit) -> list[tuple[date, float]]:
    """The planned points (date, value), ascending: baseline, profile at month ends, target.

    When two points fall on the same date the later source wins (target over profile over
    baseline): the target is the final word on where the benefit should be by its date.
    """
    points: dict[date, float] = {}
    if benefit.baseline is not None:
        points[benefit.baseline.date] = benefit.baseline.value
    for period, value in benefit.profile.items():
        points[period_end(period)] = value
    if benefit.target is not None:
        points[benefit.target.by] = benefit.target.value
    return sorted(points.items())


def planned_value_at(benefit: Benefit, day: date) -> float | None:
    """The planned value on ``day``, linear in days between trajectory points.

    Before the first point it is the first point's value (normally the baseline); after the
    last it is the last (normally the target). None when the benefit has no planned points.
    """
    points = trajectory(benefit)
    if not points:
        return None
    if day <= points[0][0]:
        return points[0][1]
    for (d0, v0), (d1, v1) in pairwise(points):
        if day <= d1:
            return v0 + (v1 - v0) * (day - d0).days / (d1 - d0).days
    return points[-1][1]


def planned_value(benefit: Benefit, period: str) -> float | None:
    """The planned value at the end of ``period`` (YYYY-MM); see :func:`planned_value_at`."""
    return planned_value_at(benefit, period_end(period))


def planned_change(benefit: Benefit, period: str) -> float | None:
    """Planned improvement from the baseline by the end of ``period``, signed as the values move.

    None without a baseline (nothing to measure the change from).
    """
    planned = planned_value(benefit, period)
    if benefit.baseline is None or planned is None:
        return None
    return planned - benefit.baseline.value


def shortfall(benefit: Benefit, actual: float, planned: float) -> float:
    """How far ``actual`` is behind ``planned`` in the benefit's better direction.

    Positive when behind, negative when ahead: for ``up`` it is planned − actual, for ``down``
    actual − planned.
    """
    return planned - actual if benefit.direction == "up" else actual - planned
