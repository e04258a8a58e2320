"""Money, FTE, percentages, day counts and plain numbers as people read them (no locale)."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

DASH = "–"
"""What every renderer shows for "no value" (an en dash, the same in report, CLI and TUI)."""


def half_up(value: float, places: int = 0) -> Decimal:
    """``value`` rounded half away from zero (money convention, not banker's rounding)."""
    return Decimal(repr(value)).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def _strip(text: str) -> str:
    return text[:-2] if text.endswith(".0") else text


def money(value: float | None) -> str:
    """GBP for people, one precision rule: £950, £1.2k, £5k, £805k, £7.6m, £35.7bn; DASH for None.

    Whole pounds below £1,000; thousands with one decimal below £10k (a trailing .0 dropped),
    whole thousands below £1m; millions with one decimal below £1bn; billions with one decimal.
    Rounds half up and moves to the next unit when rounding reaches it (999,600 is £1.0m).
    Negative amounts read -£1.2m; an amount that rounds to nothing reads £0.
    """
    if value is None:
        return DASH
    amount = abs(value)
    pounds = half_up(amount)
    sign = "-" if value < 0 and pounds > 0 else ""
    if pounds < 1000:
        return f"{sign}£{pounds}"
    tenths_k = half_up(amount / 1000, 1)
    if tenths_k < 10:
        return f"{sign}£{_strip(str(tenths_k))}k"
    thousands = half_up(amount / 1000)
    if thousands < 1000:
        return f"{sign}£{thousands}k"
    millions = half_up(amount / 1_000_000, 1)
    if millions < 1000:
        return f"{sign}£{millions}m"
    return f"{sign}£{half_up(amount / 1_000_000_000, 1)}bn"


def signed_money(value: float | None) -> str:
    """+£85k, -£1.2m, £0; DASH for None."""
    text = money(value)
    if value is not None and value > 0 and text != "£0":
        return f"+{text}"
    return text


def number(value: float | None, places: int = 2) -> str:
    """A number with at most ``places`` decimals and no trailing zeros: 8.5, 7, 0.25."""
    if value is None:
        return DASH
    text = f"{half_up(value, places):f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def signed_number(value: float | None, places: int = 2) -> str:
    """+2, -1.5, 0; DASH for None."""
    text = number(value, places)
    if value is not None and value > 0 and text != "0":
        return f"+{text}"
    return text


def fte(value: float | None) -> str:
    """FTE to two decimals at most: 7, 7.5, 0.25; DASH for None."""
    return number(value, 2)


def pct(percent: float | None, places: int = 0) -> str:
    """A percentage already scaled to 0..100: 72%, 4.5%; DASH for None."""
    return DASH if percent is None else f"{number(percent, places)}%"


def days(count: int | None) -> str:
    """+45 d, -3 d, 0 d; DASH for None."""
    if count is None:
        return DASH
    return f"+{count} d" if count > 0 else f"{count} d"
