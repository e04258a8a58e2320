"""Where the user is: programme and tab, data-quality row, the dashboard's sort, filters, cursor."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from textual.screen import Screen

from pmo.tui.dashboard import DashboardScreen, DashboardState
from pmo.tui.programme import ProgrammeScreen
from pmo.tui.quality import QualityScreen
from pmo.tui.view_base import ViewScreen


@dataclass(frozen=True, slots=True)
class Place:
    """Where the user is: open programme or quality view; the dashboard's sort, filters."""

    programme: str | None = None
    tab: str | None = None
    """The open programme's tab."""
    quality: bool = False
    quality_row: int = 0
    dashboard: DashboardState | None = None
    view: str | None = None
    """The portfolio view open (on top or below the programme), by name."""
    view_tab: str | None = None


def place_of(stack: Sequence[Screen[object]]) -> Place:
    """The place shown by a screen stack (its top screen and its last dashboard)."""
    if not stack:
        return Place()
    screen = stack[-1]
    dashboards = [s for s in stack if isinstance(s, DashboardScreen)]
    programme = screen if isinstance(screen, ProgrammeScreen) else None
    views = [s for s in stack if isinstance(s, ViewScreen)]
    view = views[-1] if views else None
    return Place(
        view=view.id if view else None,
        view_tab=view.active_tab() if view else None,
        programme=programme.programme_id if programme else None,
        tab=programme.active if programme else None,
        quality=isinstance(screen, QualityScreen),
        quality_row=screen.row if isinstance(screen, QualityScreen) else 0,
        dashboard=dashboards[-1].state if dashboards else None,
    )
