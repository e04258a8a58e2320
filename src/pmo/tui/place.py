"""Where the user is: programme, tab and scroll; view, tab and lists; data-quality row; the
dashboard's sort, filters, cursor and scroll."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from textual.screen import Screen

from pmo.tui.dashboard import DashboardScreen, DashboardState
from pmo.tui.programme import ProgrammeScreen
from pmo.tui.quality import QualityScreen
from pmo.tui.spots import Memory, Spot
from pmo.tui.view_base import ViewScreen


@dataclass(frozen=True, slots=True)
class Place:
    """Where the user is: open programme or quality view, open portfolio view; the
    dashboard's sort, filters and cursor; and where each of their lists is scrolled to."""

    programme: str | None = None
    tab: str | None = None
    """The open programme's tab."""
    risk: str | None = None
    """The risk marked ▶ on the open programme's Risks tab (opened from the heatmap)."""
    tab_scroll: Mapping[str, float] = field(default_factory=dict)
    """The open programme's tabs' scroll positions."""
    quality: bool = False
    quality_spot: Spot | None = None
    """The data-quality list's cursor (by problem) and scroll."""
    dashboard: DashboardState | None = None
    view: str | None = None
    """The portfolio view open (on top or below the programme), by name."""
    view_tab: str | None = None
    view_memory: Memory | None = None
    """Where the view's lists were (each tab's cursor and scroll, open cells, focus)."""


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
        view_memory=view.memory() if view else None,
        programme=programme.programme_id if programme else None,
        tab=programme.active if programme else None,
        risk=programme.focus_risk if programme else None,
        tab_scroll=programme.scroll_positions() if programme else {},
        quality=isinstance(screen, QualityScreen),
        quality_spot=screen.spot() if isinstance(screen, QualityScreen) else None,
        dashboard=dashboards[-1].state if dashboards else None,
    )
