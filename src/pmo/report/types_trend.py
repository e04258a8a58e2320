"""The report's trends over up to twelve months, as data (built by report/history.py)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

TrendSource = Literal["report", "snapshot", "computed"]
#: How each month's figures were found, in words (the report's key to the Source column).
SOURCE_WORDS: dict[str, str] = {
    "report": "this report",
    "snapshot": "that month's report (its snapshot.json)",
    "computed": "computed now from the portfolio files",
}


@dataclass(frozen=True, slots=True)
class TrendMonth:
    """One month's position on the four trend measures."""

    period: str  # YYYY-MM
    source: TrendSource
    red: int
    amber: int  # amber-red, amber and amber-green
    green: int
    no_update: int  # stale, missing or unreadable
    fy: str  # the financial year the money below is for
    budget: float | None  # in-year budgets of the programmes that reported budget and forecast
    forecast: float | None  # their forecast outturn
    savings_target: float | None  # the year's cashable savings target (None: not set)
    savings_forecast: float | None
    on_track: int  # measured benefits on track
    measured: int  # benefits with a measured realisation

    @property
    def on_track_share(self) -> float | None:
        """Share of measured benefits on track, 0..100 (None: nothing measured)."""
        return 100.0 * self.on_track / self.measured if self.measured else None


@dataclass(frozen=True, slots=True)
class Trends:
    """The months shown, oldest first, and what the reader needs to know about them."""

    months: tuple[TrendMonth, ...]
    note: str  # where the figures come from


NO_TRENDS = Trends((), "")
