"""How long a list or a table cell in the DMT pack may run before it is summarised: every cap
in one place, so a small portfolio's pack is complete and a large one stays a board paper.

A cap bites only when a list is longer than it; what it leaves out is always counted ("and 37
more — see the programme pages"), never dropped silently, and lists are worst first, so what
is cut is the least pressing.
"""

from __future__ import annotations

ROWS = 25
"""Rows a table of programmes or items shows (worst first) before the rest are counted."""

NAMES_PER_CELL = 5
"""Names a table cell or a sentence lists before "+N more"."""

STATUS_ROWS = 25
"""Status changes listed one per programme; with more, they are grouped by move (e.g.
"Missing → Amber: 180 programmes") with the first few named."""
