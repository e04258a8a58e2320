"""The portfolio views by name: Q1, Q2, Q3 and the risk heatmap."""

from __future__ import annotations

from pmo.tui.loading import Loaded
from pmo.tui.spots import Memory
from pmo.tui.view_base import ViewScreen
from pmo.tui.views_q1 import Q1Screen
from pmo.tui.views_q2 import Q2Screen
from pmo.tui.views_q3 import Q3Screen
from pmo.tui.views_risk import RiskHeatmapScreen

VIEWS: dict[str, str] = {
    "q1-view": "Q1: coverage, priority, affordability, capacity",
    "q2-view": "Q2: RAG grid, exceptions, slippage",
    "q3-view": "Q3: benefits and savings",
    "risk-heatmap": "Risk heatmap",
}
"""View name -> what it shows (for the command palette)."""

SCREENS: dict[str, type[ViewScreen]] = {
    "q1-view": Q1Screen,
    "q2-view": Q2Screen,
    "q3-view": Q3Screen,
    "risk-heatmap": RiskHeatmapScreen,
}


def view_screen(
    name: str, loaded: Loaded, tab: str | None = None, memory: Memory | None = None
) -> ViewScreen:
    """The portfolio view called ``name`` (a key of VIEWS), on ``tab`` if given (``memory``:
    where its lists were before a reload)."""
    screen = SCREENS[name](loaded, tab, memory)
    screen.id = name
    return screen
