"""How long a list or a table cell in the DMT pack may run before it is summarised: every cap
in one place, so a small portfolio's pack is complete and a large one stays a board paper.

A list of up to WHOLE rows is shown whole. A longer one shows its first SHOWN rows — lists are
worst first, so what is cut is the least pressing — and says how many more there are and where
to find them ("And 37 more programmes — see the programme pages."); nothing is dropped silently.
Names in one table cell or sentence work the same way with NAMES_WHOLE and NAMES_SHOWN
("A; B; C +87 more"). Status changes past STATUS_ROWS are grouped by move, one line each.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

T = TypeVar("T")

WHOLE = 40
"""A list of up to this many rows is shown whole."""
SHOWN = 10
"""Rows a longer list shows (its worst first) before the rest are counted."""
NAMES_WHOLE = 25
"""Names a table cell or sentence lists whole."""
NAMES_SHOWN = 5
"""Names a longer cell lists before "+N more"."""
STATUS_ROWS = 25
"""Status changes listed one per programme; with more, they are grouped by move (e.g.
"Missing → Amber: 180 programmes") with the first few named."""

PAGES = "see the programme pages"
"""Where the programmes a list leaves out can be read in full."""


def cap(items: Sequence[T], whole: int = WHOLE, shown: int = SHOWN) -> tuple[tuple[T, ...], int]:
    """The items the pack shows and how many it leaves out: all when there are at most
    ``whole``, else the first ``shown``."""
    if len(items) <= whole:
        return tuple(items), 0
    return tuple(items[:shown]), len(items) - shown


def cap_names(names: Sequence[str]) -> tuple[tuple[str, ...], int]:
    """Names for one cell or sentence: all up to NAMES_WHOLE, else the first NAMES_SHOWN."""
    return cap(names, NAMES_WHOLE, NAMES_SHOWN)


def names_cell(names: Sequence[str], more: int, sep: str = "; ") -> str:
    """Names joined, with "+N more" when some are left out."""
    return sep.join(names) + (f" +{more} more" if more else "")


def more_sentence(more: int, noun: str, where: str = PAGES) -> str:
    """'And 37 more programmes — see the programme pages.'; '' when nothing is left out.
    ``noun`` is plural (the count is always more than one when a list is cut)."""
    if not more:
        return ""
    return f"And {more} more {noun} — {where}." if where else f"And {more} more {noun}."
