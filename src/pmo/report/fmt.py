"""Number and date formatting shared by the report's renderers (deterministic, no locale)."""

from __future__ import annotations

from pmo.analysis.text import fmt_money, fmt_number

__all__ = [
    "days",
    "fte",
    "money",
    "number",
    "opt",
    "pct",
    "period_label",
    "signed_money",
    "signed_number",
    "value",
]

MONTHS: tuple[str, ...] = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def money(amount: float | None) -> str:
    """£1.2m, £85k, £900; "–" for None."""
    return "–" if amount is None else fmt_money(amount)


def signed_money(amount: float) -> str:
    """+£85k, -£1.2m, £0."""
    text = fmt_money(amount)
    return f"+{text}" if amount > 0 and not text.startswith("-") and text != "£0" else text


def pct(percent: float | None, places: int = 0) -> str:
    """A percentage already scaled to 0..100: 72%, -248%; "–" for None."""
    return "–" if percent is None else f"{fmt_number(percent, places)}%"


def fte(amount: float) -> str:
    """FTE to two decimals at most: 7, 7.5, 0.25."""
    return fmt_number(amount, 2)


def number(amount: float, places: int = 2) -> str:
    """A plain number with at most ``places`` decimals."""
    return fmt_number(amount, places)


def signed_number(amount: float, places: int = 2) -> str:
    """+2, -1.5, 0."""
    text = fmt_number(amount, places)
    return f"+{text}" if amount > 0 and text != "0" else text


def value(amount: float | None, unit: str | None) -> str:
    """A benefit value with its unit: £5,980 / £1.2m, 72.5%, 36.9 beds; "–" for None."""
    if amount is None:
        return "–"
    if unit in ("GBP", "£"):
        if abs(amount) >= 10_000:
            return fmt_money(amount)
        sign = "-" if amount < 0 else ""
        return f"{sign}£{abs(amount):,.0f}"
    text = fmt_number(amount, 1)
    if abs(amount) >= 10_000:
        whole, _, frac = text.partition(".")
        text = f"{int(whole):,}" + (f".{frac}" if frac else "")
    if unit == "%":
        return f"{text}%"
    return f"{text} {unit}" if unit else text


def days(count: int | None) -> str:
    """+45 d, -3 d, 0 d; "–" for None."""
    if count is None:
        return "–"
    return f"+{count} d" if count > 0 else f"{count} d"


def opt(text: str | None) -> str:
    """The text, or "–" when there is none."""
    return text if text else "–"


def period_label(period: str) -> str:
    """November 2026."""
    return f"{MONTHS[int(period[5:7]) - 1]} {period[:4]}"
