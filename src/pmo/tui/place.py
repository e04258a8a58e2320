"""Where the user is (open programme or data-quality view, the dashboard's sort and filters)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from textual.screen import Screen

from pmo.tui.dashboard import DashboardScreen, DashboardState
from pmo.tui.programme import ProgrammeScreen
from pmo.tui.quality import QualityScreen


@dataclass(frozen=True, slots=True)
class Place:
    """Where the user is: open programme or quality view; the dashboard's sort, filters."""

    programme: str | None = None
    quality: bool = False
    dashboard: DashboardState | None = None


def place_of(stack: Sequence[Screen[object]]) -> Place:
    """The place shown by a screen stack (its top screen and its last dashboard)."""
    if not stack:
        return Place()
    screen = stack[-1]
    dashboards = [s for s in stack if isinstance(s, DashboardScreen)]
    return Place(
        programme=screen.programme_id if isinstance(screen, ProgrammeScreen) else None,
        quality=isinstance(screen, QualityScreen),
        dashboard=dashboards[-1].state if dashboards else None,
    )
