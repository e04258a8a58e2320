"""The four trend charts (RAG mix, forecast against budget, savings, benefits on track) as
inline SVG small multiples, drawn like the other report charts (see charts.py)."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from pmo.present.dates import month_short
from pmo.report.charts import (
    AMBER,
    GREEN,
    PALETTE,
    RED,
    TEXT_PT,
    figure,
    money_axis,
    settings,
    svg,
)
from pmo.report.types_trend import TrendMonth

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = ["trend_charts"]

#: Bars and lines keep a dark edge or 3:1 colour against white (WCAG 1.4.11).
_EDGE = "#222222"
_NO_UPDATE = "#5d6b6c"


def _nan(values: Sequence[float | None]) -> list[float]:
    return [math.nan if v is None else v for v in values]


def _small(
    title: str,
    months: Sequence[TrendMonth],
    draw: Callable[[Axes, list[int]], None],
    chart_id: str,
    described_by: str,
) -> str:
    """One small chart: title, one slot per month (labels thinned to about four), a legend."""
    with settings():
        fig = figure(3.5, 2.5, (0.7, 0.62, 0.15, 0.32))
        fig.text(0.04, 0.97, title, ha="left", va="top", fontsize=TEXT_PT, fontweight="bold")
        ax = fig.add_subplot()
        x = list(range(len(months)))
        draw(ax, x)
        for i in range(1, len(months)):  # a new financial year: money starts again
            if months[i].fy != months[i - 1].fy:
                ax.axvline(i - 0.5, color="#6b6b6b", linestyle=":", linewidth=0.9)
        step = max(1, math.ceil(len(months) / 4))  # "May 26" at 9 pt: four fit
        ax.set_xticks(
            x[::-1][::step][::-1], [month_short(m.period) for m in months][::-1][::step][::-1]
        )
        ax.set_xlim(-0.6, len(months) - 0.4)
        fig.legend(
            loc="lower center", ncols=4, fontsize=TEXT_PT, handlelength=1.4, columnspacing=0.8
        )
        return svg(fig, chart_id, f"Trend: {title}", described_by)


def _rag_mix(ax: Axes, x: list[int], months: Sequence[TrendMonth]) -> None:
    bottom = [0.0] * len(months)
    for label, values, colour, hatch in (
        ("Red", [m.red for m in months], RED, None),
        ("Amber", [m.amber for m in months], AMBER, None),
        ("Green", [m.green for m in months], GREEN, None),
        ("No update", [m.no_update for m in months], "#ffffff", "///"),
    ):
        ax.bar(x, values, 0.7, bottom=bottom, label=label, color=colour, hatch=hatch,
               edgecolor=_NO_UPDATE if hatch else _EDGE, linewidth=0.5)  # fmt: skip
        bottom = [b + v for b, v in zip(bottom, values, strict=True)]
    ax.set_ylabel("Programmes", fontsize=TEXT_PT)
    from matplotlib.ticker import MaxNLocator

    ax.yaxis.set_major_locator(MaxNLocator(integer=True))


def _lines(
    ax: Axes,
    x: list[int],
    series: Sequence[tuple[str, Sequence[float | None], str, str, str]],
) -> None:
    for label, values, colour, style, marker in series:
        ax.plot(x, _nan(values), color=colour, linestyle=style, marker=marker, markersize=3.5,
                linewidth=1.4, label=label)  # fmt: skip


def trend_charts(months: Sequence[TrendMonth], described_by: str) -> list[str]:
    """The four trend charts for ``months`` (oldest first), each described by the table
    with id ``described_by``."""

    def money(
        ax: Axes, x: list[int], series: list[tuple[str, Sequence[float | None], str, str, str]]
    ) -> None:
        _lines(ax, x, series)
        money_axis(ax)

    def share(ax: Axes, x: list[int]) -> None:
        _lines(ax, x, [("On track", [m.on_track_share for m in months], PALETTE["blue"], "-", "o")])
        ax.set_ylim(0, 100)
        ax.set_ylabel("% of measured", fontsize=TEXT_PT)

    ink, blue, red = PALETTE["ink"], PALETTE["blue"], PALETTE["vermillion"]
    return [
        _small("RAG mix", months, lambda ax, x: _rag_mix(ax, x, months), "trend-rag", described_by),
        _small(
            "In-year forecast against budget",
            months,
            lambda ax, x: money(
                ax,
                x,
                [
                    ("Budget", [m.budget for m in months], ink, "--", "s"),
                    ("Forecast", [m.forecast for m in months], blue, "-", "o"),
                ],
            ),
            "trend-finance",
            described_by,
        ),
        _small(
            "Cashable savings this year",
            months,
            lambda ax, x: money(
                ax,
                x,
                [
                    ("Target", [m.savings_target for m in months], ink, "--", "s"),
                    ("Forecast", [m.savings_forecast for m in months], red, "-", "o"),
                ],
            ),
            "trend-savings",
            described_by,
        ),
        _small("Benefits on track", months, share, "trend-benefits", described_by),
    ]
