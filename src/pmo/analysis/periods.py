"""Month and financial-year arithmetic on YYYY-MM periods and YYYY/YY years."""

from __future__ import annotations

from functools import lru_cache

from pmo.model.types import fy_of_period, period_end, period_of

__all__ = [
    "add_months",
    "fy_of_period",
    "fy_periods",
    "months_between",
    "next_period",
    "period_end",
    "period_of",
    "period_range",
    "previous_period",
    "window_start",
]


@lru_cache(maxsize=65536)
def add_months(period: str, months: int) -> str:
    """``period`` moved by ``months`` (negative goes back)."""
    index = int(period[:4]) * 12 + int(period[5:7]) - 1 + months
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def window_start(period: str) -> str:
    """The first month looked ahead from a reporting period: the period itself (DESIGN §5,
    "from the period onwards"). Q1's capacity ("the next 12 months") and the scenario's
    capacity constraints both start here: one window, one definition."""
    return period


def previous_period(period: str) -> str:
    """The month before."""
    return add_months(period, -1)


def next_period(period: str) -> str:
    """The month after."""
    return add_months(period, 1)


def months_between(first: str, last: str) -> int:
    """Whole months from ``first`` to ``last`` (0 when equal, negative when last is earlier)."""
    return (int(last[:4]) - int(first[:4])) * 12 + int(last[5:7]) - int(first[5:7])


@lru_cache(maxsize=4096)
def period_range(first: str, last: str) -> tuple[str, ...]:
    """Every month from ``first`` to ``last`` inclusive (empty when last is before first)."""
    return tuple(add_months(first, i) for i in range(months_between(first, last) + 1))


def fy_periods(fy: str) -> tuple[str, ...]:
    """The twelve months of a financial year, April to March."""
    return period_range(f"{fy[:4]}-04", f"{int(fy[:4]) + 1:04d}-03")
