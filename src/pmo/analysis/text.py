"""Plain-English formatting of money, FTE and lists for report sentences."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal


def _half_up(value: float, places: int = 0) -> Decimal:
    """``value`` rounded half away from zero (money convention, not banker's rounding)."""
    return Decimal(repr(value)).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def fmt_money(value: float) -> str:
    """GBP in a sentence: £1.2m from a million, £85k from a thousand, else whole pounds (£900).

    Rounds half up, and moves to the next unit when rounding reaches it (999,600 is £1.0m,
    not £1000k). Negative amounts read -£1.2m.
    """
    amount = abs(value)
    pounds = _half_up(amount)
    sign = "-" if value < 0 and pounds > 0 else ""
    if pounds < 1000:
        return f"{sign}£{pounds}"
    thousands = _half_up(amount / 1000)
    if thousands < 1000:
        return f"{sign}£{thousands}k"
    return f"{sign}£{_half_up(amount / 1_000_000, 1)}m"


def fmt_number(value: float, places: int = 2) -> str:
    """A number with at most ``places`` decimals and no trailing zeros: 8.5, 7, 0.25."""
    text = f"{_half_up(value, places):f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


MAX_LISTED = 10
"""A sentence names at most this many things; the rest are counted ("and 92 more")."""


def join_words(items: Sequence[str], limit: int = MAX_LISTED) -> str:
    """'A', 'A and B', 'A, B and C'; past ``limit`` items, 'A, B, ... and 92 more'."""
    if not items:
        return ""
    if len(items) > limit:
        return f"{', '.join(items[:limit])} and {len(items) - limit} more"
    if len(items) == 1:
        return items[0]
    return f"{', '.join(items[:-1])} and {items[-1]}"


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    """'1 programme', '2 programmes' (or the given plural form)."""
    word = singular if count == 1 else (plural_form or f"{singular}s")
    return f"{count} {word}"
