"""Column headers two front ends share (report and TUI, or two TUI screens): written once."""

from __future__ import annotations

SAVINGS_HEADERS = (
    "FY",
    "Target",
    "Planned",
    "Unidentified (target − planned)",
    "Forecast",
    "At risk (planned − forecast)",
    "Forecast from",
)
"""The savings position by financial year: Q3's table in the report (Markdown and HTML) and
the TUI's Q3 Savings tab, cell for cell."""

MILESTONE_HEADERS = (
    "Milestone",
    "Key",
    "Original baseline",
    "Current baseline",
    "Forecast",
    "Actual",
    "Slip vs original",
    "Slip vs current",
)
"""A milestone's dates and slips in the TUI: a programme's Milestones tab and Q2's Slippage
(which adds the programme before and its flags after)."""
