"""Money, FTE, percentages, day counts and plain numbers as people read them (no locale)."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

DASH = "–"
"""What every renderer shows for "no value" (an en dash, the same in report, CLI and TUI)."""


def half_up(value: float, places: int = 0) -> Decimal:
    """``value`` rounded half away from zero (money convention, not banker's rounding)."""
    return Decimal(repr(float(value))).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


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


def capacity_use(utilisation: float | None, demand: float) -> str:
    """A role-month of the capacity heatmap: utilisation 0..1 as 85%; with no capacity
    recorded, the demand in FTE (0.5 FTE: there is nothing to divide by, never "/ 0");
    DASH for neither. The one cell the report and the TUI show."""
    if utilisation is not None:
        return pct(utilisation * 100)
    return f"{fte(demand)} FTE" if demand else DASH


def bcr(value: float | None) -> str:
    """A benefit-cost ratio to two decimals, 1.25; "under 0.01" for a tiny positive ratio
    (never a "0.00" that reads as no savings at all); DASH for None. Sentences and every
    table (report, TUI) use this one."""
    if value is None:
        return DASH
    if 0 < value < 0.005:
        return "under 0.01"
    return f"{value:.2f}"


NOT_WITHIN = "not within the case"
"""A payback that the case's own years never reach."""


def payback(years: float | None) -> str:
    """Years from first spend to payback, 2.5; NOT_WITHIN when never (report and TUI)."""
    return NOT_WITHIN if years is None else number(years, 1)


NO_FORECAST = "no forecast"
"""A savings forecast where no programme gave one or has a measure to estimate from."""


def savings_forecast_cell(value: float | None) -> str:
    """A year's savings forecast: £80k; "no forecast" for None (never £0). Report and TUI."""
    return NO_FORECAST if value is None else money(value)


MOVING_AWAY = "moving away from target"
"""A benefit's realisation cell when the actual has moved away from its baseline (the wrong
way): a negative percentage of plan is not something a director can act on."""


def realisation(percent: float | None) -> str:
    """A benefit's realisation, the share of the planned change achieved: 72%, 140%;
    :data:`MOVING_AWAY` below zero (worse than the baseline); DASH for None. The one cell
    every benefit table shows (report, TUI)."""
    if percent is None:
        return DASH
    if percent < 0 and number(percent, 0) != "0":
        return MOVING_AWAY
    return pct(max(percent, 0.0))


def days(count: int | None) -> str:
    """+45 d, -3 d, 0 d; DASH for None."""
    if count is None:
        return DASH
    return f"+{count} d" if count > 0 else f"{count} d"


def axis_money(value: float) -> str:
    """Short pounds for a chart axis, precise enough to tell ticks apart: £0, £850k, £1.25m.

    Whole thousands below £1m; millions with up to two decimals below £1bn; billions with up
    to two decimals (trailing zeros dropped). Negative amounts read -£40k.
    """
    amount = abs(value)
    sign = "-" if value < 0 and half_up(amount) > 0 else ""
    if amount >= 999_995_000:
        text = f"{number(amount / 1_000_000_000, 2)}bn"
    elif amount >= 999_500:
        text = f"{number(amount / 1_000_000, 2)}m"
    elif amount >= 1_000:
        text = f"{half_up(amount / 1_000)}k"
    else:
        text = f"{half_up(amount)}"
    return f"{sign}£{text}"


def quantity(amount: float | None, unit: str | None) -> str:
    """A measured value with its unit: £5,980 / £1.2m, 72.5%, 36.9 beds, 12,400; DASH for None.

    Money is in whole pounds below £10k (a measurement keeps its precision), else as ``money``;
    anything else has one decimal at most, with thousands separated from 10,000.
    """
    if amount is None:
        return DASH
    if unit in ("GBP", "£"):
        if abs(amount) >= 10_000:
            return money(amount)
        pounds = half_up(abs(amount))
        sign = "-" if amount < 0 and pounds > 0 else ""
        return f"{sign}£{pounds:,}"
    text = number(amount, 1)
    if abs(amount) >= 10_000:
        whole, _, frac = text.partition(".")
        text = f"{int(whole):,}" + (f".{frac}" if frac else "")
    if unit == "%":
        return f"{text}%"
    return f"{text} {unit}" if unit else text


def or_dash(text: object | None) -> str:
    """The value as text, or DASH when there is none (None or empty)."""
    return DASH if text is None or text == "" else str(text)
