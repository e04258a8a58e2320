"""Trends over up to twelve months: RAG mix, in-year forecast against budget, the savings
position and the share of benefits on track.

Each earlier month comes from that month's own report (the ``trend`` block of its
snapshot.json: what DMT was told) where one exists, otherwise it is computed from the
portfolio files as they are now, and the report says which. Months before the first monthly
update are not shown.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

from pmo.analysis.answers import Answers
from pmo.analysis.data import PortfolioData
from pmo.analysis.periods import add_months
from pmo.analysis.q2_delivery import CostRow, costs
from pmo.analysis.q2_status import RagCounts, counts_for, statuses
from pmo.analysis.q3 import Q3, q3
from pmo.model.types import fy_of_period
from pmo.present.words import plural
from pmo.report.types_trend import TrendMonth, Trends, TrendSource

__all__ = ["MONTHS", "month_from_json", "month_json", "month_of", "trends"]

MONTHS = 12
_AMBER = ("amber-red", "amber", "amber-green")
_NO_UPDATE = ("stale", "missing", "unreadable")
_COUNTS = ("red", "amber", "green", "no_update", "on_track", "measured")
_MONEY = ("budget", "forecast", "savings_target", "savings_forecast")
_BIGGEST = 1e15  # beyond any money the model accepts: such a number is not a figure


def month_of(answers: Answers, source: TrendSource) -> TrendMonth:
    """A month's trend figures from its answers."""
    q2 = answers.q2
    return _month(answers.period, source, q2.counts, q2.costs, answers.q3)


def _computed(data: PortfolioData, period: str) -> TrendMonth:
    """A month computed from the data: only the parts of the answers the trends use (the
    same functions, so the same definitions; a quarter of the time of all three answers)."""
    readable = tuple(s for s in statuses(data, period) if s.programme in data.programmes)
    return _month(
        period,
        "computed",
        counts_for(data, period),
        costs(data, readable, period),
        q3(data, period),
    )


def _month(
    period: str, source: TrendSource, counts: RagCounts, cost_rows: Sequence[CostRow], q: Q3
) -> TrendMonth:
    fy = fy_of_period(period)
    rows = [r for r in cost_rows if r.budget and r.forecast_outturn is not None]
    saving = next((s for s in q.savings if s.fy == fy), None)
    return TrendMonth(
        period=period,
        source=source,
        red=counts.red,
        amber=sum(counts.count(s) for s in _AMBER),
        green=counts.green,
        no_update=sum(counts.count(s) for s in _NO_UPDATE),
        fy=fy,
        budget=round(sum(r.budget or 0.0 for r in rows), 2) if rows else None,
        forecast=round(sum(r.forecast_outturn or 0.0 for r in rows), 2) if rows else None,
        savings_target=saving.target if saving else None,
        savings_forecast=(
            round(saving.forecast, 2) if saving and saving.forecast is not None else None
        ),
        on_track=q.count("on track"),
        measured=len(q.measured),
    )


def month_json(month: TrendMonth) -> dict[str, Any]:
    """The month as the ``trend`` block of its snapshot.json."""
    doc: dict[str, Any] = {"fy": month.fy}
    for key in _COUNTS + _MONEY:
        doc[key] = getattr(month, key)
    return doc


def _count(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= _BIGGEST


def _money(value: Any) -> bool:
    return value is None or (
        isinstance(value, int | float)
        and not isinstance(value, bool)
        and math.isfinite(value)
        and abs(value) <= _BIGGEST
    )


def month_from_json(doc: Mapping[str, Any], period: str) -> TrendMonth | None:
    """A month from its snapshot.json, or None when it has no usable ``trend`` block (an
    older or hand-edited snapshot): that month is then computed instead."""
    block = doc.get("trend")
    if doc.get("period") != period or not isinstance(block, dict):
        return None
    if not isinstance(block.get("fy"), str) or len(block["fy"]) > 20:
        return None
    if not all(_count(block.get(k)) for k in _COUNTS) or not all(
        _money(block.get(k)) for k in _MONEY
    ):
        return None

    def money(key: str) -> float | None:
        return None if block[key] is None else float(block[key])

    return TrendMonth(
        period=period,
        source="snapshot",
        red=block["red"],
        amber=block["amber"],
        green=block["green"],
        no_update=block["no_update"],
        fy=block["fy"],
        budget=money("budget"),
        forecast=money("forecast"),
        savings_target=money("savings_target"),
        savings_forecast=money("savings_forecast"),
        on_track=block["on_track"],
        measured=block["measured"],
    )


def trends(data: PortfolioData, now: Answers, snapshots: Mapping[str, Mapping[str, Any]]) -> Trends:
    """Up to ``MONTHS`` months ending with this report's, from ``snapshots`` (period -> that
    month's snapshot.json) where valid, else computed."""
    period = now.period
    updated = [p for p in data.periods() if p <= period]
    first = max(updated[0] if updated else period, add_months(period, 1 - MONTHS))
    months: list[TrendMonth] = []
    at = first
    while at < period:
        doc = snapshots.get(at)
        found = month_from_json(doc, at) if doc is not None else None
        months.append(found or _computed(data, at))
        at = add_months(at, 1)
    months.append(month_of(now, "report"))
    return Trends(tuple(months), _note(months))


def _note(months: list[TrendMonth]) -> str:
    told = sum(1 for m in months if m.source == "snapshot")
    computed = sum(1 for m in months if m.source == "computed")
    span = plural(len(months), "month")
    if len(months) == 1:
        return "Only this month: there are no earlier monthly updates to show a trend."
    if computed == 0:
        return f"{span}: every earlier month as reported to DMT at the time."
    if told == 0:
        return (
            f"{span}: the earlier months are computed from the portfolio files as they are "
            "now (no earlier report's snapshot.json was found); they may differ from what "
            "DMT was told."
        )
    return (
        f"{span}: {plural(told, 'earlier month')} as reported to DMT at the time, "
        f"{computed} computed from the portfolio files as they are now (no report's "
        "snapshot.json for them); computed months may differ from what DMT was told."
    )
