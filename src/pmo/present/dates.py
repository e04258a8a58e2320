"""Months, periods and financial years as people read them: November 2026, Nov 26, 2027/28."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

MONTHS: tuple[str, ...] = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
"""Month names, January first."""

MONTHS_SHORT: tuple[str, ...] = tuple(name[:3] for name in MONTHS)
"""Three-letter month names: Jan .. Dec."""


def _year_month(period: str) -> tuple[int, int] | None:
    try:
        year, month = int(period[:4]), int(period[5:7])
    except ValueError:
        return None
    return (year, month) if 1 <= month <= 12 and period[4:5] == "-" else None


def period_label(period: str) -> str:
    """YYYY-MM as a month and year: November 2026 (the text itself when it is not a period)."""
    found = _year_month(period)
    return period if found is None else f"{MONTHS[found[1] - 1]} {found[0]}"


def month_short(period: str) -> str:
    """YYYY-MM as a short month: Nov 26 (the text itself when it is not a period)."""
    found = _year_month(period)
    return period if found is None else f"{MONTHS_SHORT[found[1] - 1]} {found[0] % 100:02d}"


def fy_runs(fys: Sequence[str]) -> list[str]:
    """Financial years as runs: 2000/01, 2001/02, 2030/31 -> '2000/01–2001/02', '2030/31'."""
    runs: list[list[str]] = []
    for fy in sorted(fys):
        if runs and int(fy[:4]) == int(runs[-1][-1][:4]) + 1:
            runs[-1].append(fy)
        else:
            runs.append([fy])
    return [run[0] if len(run) == 1 else f"{run[0]}–{run[-1]}" for run in runs]


AFTER_THIS_MONTH = "after this month"
"""The short mark of a period after the current month (the TUI's title), as the warning says."""


def future_period(period: str | None, today: date) -> str | None:
    """Why a chosen period after ``today``'s month says little, or None: no update can be due
    for it yet, so every programme without one filed early shows as missing or stale (the
    CLI's warning, the TUI's notice). ``today`` comes from ``pmo.clock`` at the caller."""
    this_month = today.strftime("%Y-%m")
    if period is None or period <= this_month:
        return None
    return (
        f"period {period} is {AFTER_THIS_MONTH} ({this_month}): no update is due for it yet, "
        "so every programme without one filed early shows as missing or stale"
    )
