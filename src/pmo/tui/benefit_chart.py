"""A benefit's planned trajectory against its measurements, as a text chart (rich Text)."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from rich.text import Text

from pmo.analysis.benefit_math import planned_value_at, shortfall, trajectory
from pmo.analysis.periods import add_months, months_between, period_end, period_of
from pmo.model import Benefit
from pmo.model.update import Update
from pmo.present.terminal import safe
from pmo.tui.cells import TEXT_STYLE

__all__ = ["ACTUAL", "BEHIND", "PLANNED", "benefit_chart", "measurements", "tick"]

PLANNED = "·"
ACTUAL = "●"
BEHIND = "✕"
"""A measurement behind plan: a different shape, not only a different colour."""
LABEL_STEPS = (1, 2, 3, 6, 12, 24, 36, 60, 120)  # months between x-axis labels
MAX_CELLS_PER_MONTH = 4
PLANNED_STYLE = "#5fd7ff"
AHEAD_STYLE = TEXT_STYLE["green"]
BEHIND_STYLE = TEXT_STYLE["red"]


def measurements(updates: Mapping[str, Update], benefit_id: str, period: str) -> dict[str, float]:
    """The benefit's measured values by period, from monthly updates up to ``period``."""
    return {
        when: up.benefits[benefit_id]
        for when, up in sorted(updates.items())
        if when <= period and benefit_id in up.benefits
    }


def tick(value: float) -> str:
    """A short axis label: 1.2m, 350k, 19.5, 0.25."""
    size = abs(value)
    if size >= 1_000_000:
        return f"{value / 1_000_000:.3g}m"
    if size >= 10_000:
        return f"{value / 1_000:.3g}k"
    return f"{value:,.4g}"


def _span(benefit: Benefit, measured: Mapping[str, float]) -> tuple[str, int] | None:
    """(first period, number of months) the chart covers; None when there is nothing."""
    periods = [period_of(day) for day, _ in trajectory(benefit)] + list(measured)
    if not periods:
        return None
    first, last = min(periods), max(periods)
    return first, max(months_between(first, last) + 1, 2)


def _day_at(first: str, position: float) -> date:
    """The date ``position`` months after the end of month ``first`` (fractions interpolate)."""
    whole = math.floor(position)
    start = period_end(add_months(first, whole))
    if position == whole:
        return start
    end = period_end(add_months(first, whole + 1))
    return start + timedelta(days=round((end - start).days * (position - whole)))


def _x_labels(first: str, months: int, step: float, cells: int) -> str:
    """Period labels under the x axis, spaced so that they do not overlap."""
    every = next((k for k in LABEL_STEPS if k * step >= 8), LABEL_STEPS[-1])
    line = [" "] * (cells + 7)
    free = 0
    for month in range(0, months, every):
        col = round(month * step)
        if col >= free:
            line[col : col + 7] = add_months(first, month)
            free = col + 8
    return "".join(line).rstrip()


@dataclass(frozen=True, slots=True)
class _Plot:
    """A chart's plotted cells: the grid of marks and the value labels on the left."""

    step: float
    grid: list[list[tuple[str, str]]]
    labels: dict[int, str]
    label_width: int


def _plot(
    benefit: Benefit,
    measured: Mapping[str, float],
    first: str,
    months: int,
    cells: int,
    height: int,
) -> _Plot:
    """The planned line and the measurements over ``cells`` columns and ``height`` rows."""
    step = (cells - 1) / (months - 1)  # cells per month

    has_plan = bool(trajectory(benefit))
    planned: list[float | None] = [
        planned_value_at(benefit, _day_at(first, col / step)) if has_plan else None
        for col in range(cells)
    ]
    actual: dict[int, tuple[float, str, str]] = {}
    for when, value in sorted(measured.items()):
        col = round(months_between(first, when) * step)
        plan_then = planned_value_at(benefit, period_end(when)) if has_plan else None
        if plan_then is None:
            actual[col] = (value, "bold", ACTUAL)
        elif shortfall(benefit, value, plan_then) <= 0:
            actual[col] = (value, AHEAD_STYLE, ACTUAL)
        else:
            actual[col] = (value, BEHIND_STYLE, BEHIND)

    values = [v for v in planned if v is not None] + [v for v, _, _ in actual.values()]
    low, high = min(values), max(values)
    if high == low:
        pad = abs(high) * 0.1 or 1.0
        low, high = low - pad, high + pad

    def row_of(value: float) -> int:
        return round((high - value) / (high - low) * (height - 1))

    grid: list[list[tuple[str, str]]] = [[(" ", "")] * cells for _ in range(height)]
    for col, plan in enumerate(planned):
        if plan is not None:
            grid[row_of(plan)][col] = (PLANNED, PLANNED_STYLE)
    for col, (value, style, mark) in actual.items():
        grid[row_of(value)][col] = (mark, style)

    labels = {0: tick(high), height - 1: tick(low), (height - 1) // 2: tick((high + low) / 2)}
    label_width = max(len(label) for label in labels.values())
    return _Plot(step, grid, labels, label_width)


def benefit_chart(
    benefit: Benefit,
    measured: Mapping[str, float],
    width: int = 72,
    height: int = 9,
    *,
    total: int | None = None,
) -> Text:
    """The benefit's planned line (``·``) and measurements (``●``) over months, as text.

    Columns are months (up to four cells each, or several months a cell when there are more
    than ``width``); rows are values, highest at the top, labelled on the left. A measurement
    is a green ● when on or ahead of the plan for its month (in the benefit's better
    direction), a red ✕ when behind. Without measurements the planned line is drawn and the
    chart says so. With ``total``, the plot and its labels keep within that many cells.
    """
    better = "▲ higher is better" if benefit.direction == "up" else "▼ lower is better"
    unit = f" ({safe(benefit.unit)})" if benefit.unit else ""
    out = Text.assemble((safe(benefit.title), "bold"), unit, "  ", (better, "dim"), "\n")
    span = _span(benefit, measured)
    if span is None:
        out.append("No planned trajectory or measurements to chart.", style="dim")
        return out
    first, months = span
    cells = min(width, (months - 1) * MAX_CELLS_PER_MONTH + 1)
    while True:  # once more with fewer cells when the labels leave less than ``total``
        plot = _plot(benefit, measured, first, months, cells, height)
        if total is None or plot.label_width + 2 + cells <= total or cells <= 2:
            break
        cells = max(total - plot.label_width - 2, 2)
    step, grid, labels, label_width = plot.step, plot.grid, plot.labels, plot.label_width
    for row, line in enumerate(grid):
        label = labels.get(row)
        out.append(f"{label or '':>{label_width}} {'┤' if label else '│'}", style="dim")
        for char, style in line:
            out.append(char, style=style)
        out.append("\n")
    out.append(" " * label_width + " └" + "─" * cells + "\n", style="dim")
    out.append(" " * (label_width + 2) + _x_labels(first, months, step, cells) + "\n", style="dim")
    out.append(" " * (label_width + 2))
    out.append(PLANNED * 2, style=PLANNED_STYLE)
    out.append(" planned   ")
    out.append(ACTUAL, style=AHEAD_STYLE)
    out.append(" actual on/ahead of plan   ")
    out.append(BEHIND, style=BEHIND_STYLE)
    out.append(" actual behind")
    if not measured:
        out.append("\n" + " " * (label_width + 2) + "no measurements yet", style="italic yellow")
    return out
