"""How long a list or a table cell in the DMT pack may run before it is summarised: every cap
in one place, so a small portfolio's pack is complete and a large one stays a board paper.

A list of up to WHOLE rows is shown whole. A longer one shows its first SHOWN rows — lists are
worst first, so what is cut is the least pressing — and says how many more there are and where
to find them ("And 37 more programmes — see the programme pages."); nothing is dropped silently.
Names in one table cell or sentence work the same way with NAMES_WHOLE and NAMES_SHOWN
("A; B; C; D; E +87 more"). Status changes past STATUS_ROWS are grouped by move, one line each.

The long per-programme tables (priority ranking, business-case economics, milestones slipped,
finance, benefits at risk, benefit trajectories) are detail a board reader looks up rather than
reads: the body of the pack shows up to BRIEF_WHOLE rows, else its worst BRIEF_SHOWN, and the
annex after the programme pages has the table in full (up to ANNEX_ROWS rows, then "see the
programme pages"); the body says how many more rows the annex has.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

from pmo.present.words import MAX_LISTED

T = TypeVar("T")

WHOLE = 40
"""A list of up to this many rows is shown whole."""
SHOWN = 10
"""Rows a longer list shows (its worst first) before the rest are counted."""
NAMES_WHOLE = 6
"""Names a table cell or sentence lists whole."""
NAMES_SHOWN = MAX_LISTED
"""Names a longer cell lists before "+N more" (as many as a sentence names: present.words)."""
BRIEF_WHOLE = 8
"""A per-programme detail table in the body of the pack shows up to this many rows whole."""
BRIEF_SHOWN = 6
"""Rows a longer detail table shows in the body (its worst first); the annex has them all."""
ANNEX_ROWS = 100
"""Rows a table in the annex shows before the rest are left to the programme pages."""
REASONS_SHOWN = 2
"""Reasons the evidence check gives per programme; the rest are counted (its page has them)."""
TRAJECTORIES_BRIEF = 2
"""Benefit trajectory charts in the body (furthest behind first); the others are in the annex."""
STATUS_ROWS = 25
"""Status changes listed one per programme; with more, they are grouped by move (e.g.
"Missing → Amber: 180 programmes") with the first few named."""

PAGES = "see the programme pages"
"""Where the programmes a list leaves out can be read in full."""
ANNEX = "see the annex after the programme pages"
"""Where a detail table the body cuts short is given in full."""


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


def brief(items: Sequence[T]) -> tuple[tuple[T, ...], int, tuple[T, ...], int]:
    """A detail table split between the body and the annex: the body's rows, how many more
    the annex has, the annex's rows (``()`` when the body shows them all) and how many the
    annex leaves to the programme pages."""
    body, cut = cap(items, BRIEF_WHOLE, BRIEF_SHOWN)
    if not cut:
        return body, 0, (), 0
    annex, annex_cut = cap(items, ANNEX_ROWS, ANNEX_ROWS)
    return body, cut, annex, annex_cut
