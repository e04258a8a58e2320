"""Table cells and styles for the TUI: user text made safe, RAG, money and dashes from pmo.present.

Every piece of text from the portfolio's files reaches a widget through ``user()``: a Rich
``Text`` (never markup) with control and bidi characters shown, not obeyed.
"""

from __future__ import annotations

from typing import Any

from rich.table import Table
from rich.text import Text

from pmo.present.numbers import DASH, money
from pmo.present.rag import RAG_SHORT, RAG_STYLE
from pmo.present.terminal import safe
from pmo.present.words import NOT_RECORDED, recorded

__all__ = [
    "DASH",
    "Cell",
    "cells",
    "grid",
    "money_cell",
    "opt",
    "rag",
    "recorded_cell",
    "score_style",
    "user",
    "utilisation_style",
]

Cell = str | Text
TEXT_STYLE = {"red": "bold #ff5f5f", "amber": "#ffaf00", "green": "#5fd75f"}
"""Coloured text (no fill) on the app's dark background: each at least 4.5:1."""
AMBER_RISK_AT = 8
"""Risk scores from here up to the escalation score are amber."""


def user(value: object, style: str = "", *, cut: bool = False) -> Text:
    """Text from the user's files as a Text: markup never applied, control characters shown.

    ``None`` is a dash. With ``cut``, the text stays on one line and is cut with an ellipsis.
    """
    if value is None:
        return Text(DASH, style=style or "dim")
    plain = safe(str(value), newlines=not cut)
    if cut:
        return Text(plain, style=style, overflow="ellipsis", no_wrap=True)
    return Text(plain, style=style)


def opt(value: object) -> Text:
    """Any optional value as a cell (a dash for nothing)."""
    return user(value)


def recorded_cell(value: object, *, cut: bool = False) -> Text:
    """A recommended field (a risk's owner or category, an issue's dates) as a cell: its value,
    or "(not recorded)" in grey when it is missing or blank, as the report says it."""
    shown = recorded(value)
    return user(shown, "dim" if shown == NOT_RECORDED else "", cut=cut)


def milestone_forecast_cell(forecast: object, actual: object) -> Text:
    """A milestone's forecast: its date; "(not recorded)" in grey while unmet without one (the
    report says it so); a dash once met (the actual says it all)."""
    return opt(forecast) if actual is not None else recorded_cell(forecast)


def rag(value: str | None, *, short: bool = False) -> Text:
    """A RAG rating or status as a coloured cell (the word is shown, never colour alone).

    ``short``: a rating as its letters (A/G) for a narrow table (its legend says so).
    """
    if value is None:  # padded as the words are, so a column's dashes line up with them
        return Text(f" {DASH} ", style="dim")
    word = RAG_SHORT.get(value, value) if short else value
    return Text(f" {safe(word, newlines=False)} ", style=RAG_STYLE.get(value, ""))


def money_cell(
    value: float | None, *, red_below: float | None = None, missing: str | None = None
) -> Text:
    """Money as a cell; red when below ``red_below``; ``missing`` (why there is no figure, e.g.
    "no envelope") in grey words for None, when given, rather than a dash."""
    if value is None and missing is not None:
        return Text(missing, style="dim")
    red = value is not None and red_below is not None and value < red_below
    return Text(money(value), style=TEXT_STYLE["red"] if red else "")


def grid(*columns: str) -> Table:
    """A plain table with bold headers (add rows of ``Text`` cells: strings are markup)."""
    table = Table(box=None, header_style="bold", pad_edge=False, expand=False)
    for name in columns:
        table.add_column(name)
    return table


def utilisation_style(utilisation: float | None) -> str:
    """Green under 85%, amber 85–100%, red over 100% (grey when there is no capacity)."""
    if utilisation is None:
        return RAG_STYLE["stale"]
    if utilisation > 1.0:
        return RAG_STYLE["red"]
    if utilisation >= 0.85:
        return RAG_STYLE["amber"]
    return RAG_STYLE["green"]


def score_style(score: int, escalate_at: int, *, text_only: bool = False) -> str:
    """Red at or over the portfolio's escalation score, amber from 8, else green.

    ``text_only``: a foreground colour (for a score in a list) instead of a filled cell.
    """
    if score >= escalate_at:
        return TEXT_STYLE["red"] if text_only else RAG_STYLE["red"]
    if score >= AMBER_RISK_AT:
        return TEXT_STYLE["amber"] if text_only else RAG_STYLE["amber"]
    return TEXT_STYLE["green"] if text_only else RAG_STYLE["green"]


def cells(*values: Any) -> tuple[Text, ...]:
    """Several user values as safe cells (a helper for table rows)."""
    return tuple(value if isinstance(value, Text) else user(value) for value in values)
