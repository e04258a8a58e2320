"""RAG ratings and statuses: the one order, label, terminal style and trend arrow for each."""

from __future__ import annotations

from pmo.present.numbers import DASH

RAG_WORST_FIRST: dict[str, int] = {
    "red": 0,
    "amber-red": 1,
    "amber": 2,
    "amber-green": 3,
    "green": 4,
}
"""RAG ratings, worst first: the order for comparing and sorting ratings."""

NO_RATING: tuple[str, ...] = ("stale", "missing", "unreadable", "not due")
"""Statuses that are not a rating: no update this period, none ever, file unreadable, not due."""

STATUS_ORDER: tuple[str, ...] = (
    "green",
    "amber-green",
    "amber",
    "amber-red",
    "red",
    "stale",
    "missing",
    "unreadable",
    "not due",
)
"""The order statuses are counted and listed in: best first, then the statuses without a rating."""

STATUS_SORT: dict[str, int] = {
    **RAG_WORST_FIRST,
    **{name: len(RAG_WORST_FIRST) + i for i, name in enumerate(NO_RATING)},
}
"""Sort key for any status (ratings worst first, then the no-rating statuses); unknown last."""

WORST_FIRST: dict[str, int] = {
    name: n
    for n, name in enumerate(
        (
            "red",
            "amber-red",
            "unreadable",
            "missing",
            "stale",
            "amber",
            "amber-green",
            "green",
            "not due",
        )
    )
}
"""Statuses worst first, as lists of programmes show them (the dashboard's RAG column, the
attention table of `pmo status`): a programme with no usable rating (unreadable, missing,
stale) may hide anything, so it comes after red but before amber and green — never below
every green; "not due" (proposals) last."""

RAG_STYLE: dict[str, str] = {
    "red": "bold #ffffff on #af0000",
    "amber-red": "bold #000000 on #ff8700",
    "amber": "bold #000000 on #ffaf00",
    "amber-green": "bold #000000 on #afd700",
    "green": "bold #000000 on #00af00",
    "stale": "bold #ffffff on #4e4e4e",
    "missing": "bold #ffffff on #4e4e4e",
    "unreadable": "bold #ffffff on #4e4e4e",
    "not due": "#b2b2b2",
}
"""Rich style for a status cell in a terminal (the word is shown too, never colour alone).

Explicit colours from the xterm 256-colour palette, so a 256-colour terminal shows exactly
these and no terminal theme can turn the text grey: each pair has a WCAG contrast of at
least 7:1 (tests/test_contrast.py measures them)."""

MOVE: dict[str, str] = {"better": "▲", "worse": "▼", "same": "▶", "new": "•", "unknown": "?"}
"""Trend arrow for a movement since the previous period."""

MOVE_WORDS: dict[str, str] = {
    "better": "improved",
    "worse": "worsened",
    "same": "unchanged",
    "new": "new this period",
    "unknown": "no earlier rating",
}
"""What each trend arrow means, in words (for screen readers, legends and help)."""


def is_rag(status: str | None) -> bool:
    """Whether a status is a RAG rating (not stale, missing, unreadable or not due)."""
    return status in RAG_WORST_FIRST


RAG_LABELS: dict[str, str] = {
    "red": "Red",
    "amber-red": "Amber/Red",
    "amber": "Amber",
    "amber-green": "Amber/Green",
    "green": "Green",
    "stale": "Stale",
    "missing": "Missing",
    "unreadable": "Unreadable",
    "not due": "Not due",
}
"""The word printed for a status where a capitalised label reads better (report cells)."""


RAG_SHORT: dict[str, str] = {
    "red": "R",
    "amber-red": "A/R",
    "amber": "A",
    "amber-green": "A/G",
    "green": "G",
}
"""The short form of a rating where a narrow table cannot hold the word (with a legend)."""


def rag_label(status: str | None) -> str:
    """The label of a status (the colour is never the only signal); DASH for None."""
    if status is None:
        return DASH
    return RAG_LABELS.get(status, status.replace("-", " ").capitalize())


BENEFIT_STATUS_ORDER: tuple[str, ...] = (
    "on track",
    "at risk",
    "off track",
    "not started",
    "no data",
    "no baseline",
    "qualitative",
)
"""The order benefit statuses are counted and listed in: best first."""

BENEFIT_STATUS_SORT: dict[str, int] = {
    name: i
    for i, name in enumerate(
        ("off track", "at risk", "no data", "not started", "no baseline", "qualitative", "on track")
    )
}
"""Sort key for a benefit status: the ones needing attention first."""
