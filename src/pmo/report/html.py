"""The DMT report as one self-contained HTML page: Jinja2 (autoescaped), inline CSS and SVG."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from pmo.analysis.q1 import not_scored_or_mapped
from pmo.present import words
from pmo.present.columns import SAVINGS_HEADERS
from pmo.present.dates import month_short
from pmo.present.numbers import (
    bcr,
    capacity_use,
    days,
    money,
    number,
    pct,
    quantity,
    realisation,
    savings_forecast_cell,
    signed_money,
)
from pmo.present.rag import rag_label
from pmo.present.terminal import safe
from pmo.present.words import PATH_TO_GREEN_NONE, recorded
from pmo.report import charts
from pmo.report.diagram import dependency_figure
from pmo.report.html_a11y import accessible_tables
from pmo.report.outline import OUTLINE
from pmo.report.types import TREND_WORDS

if TYPE_CHECKING:
    from jinja2 import Environment
    from markupsafe import Markup

    from pmo.report.types import ReportData
    from pmo.report.types_q import Trajectory

__all__ = ["TEMPLATES", "render_html"]

TEMPLATES = Path(__file__).with_name("templates")


def render_html(report: ReportData) -> str:
    """The report as an HTML document: same report in, same bytes out (no clock, fixed ids)."""
    from markupsafe import Markup

    env = _environment()
    q1, q3 = report.q1, report.q3
    afford = q1.affordability
    chart = {
        "affordability": charts.affordability_chart(
            [y.fy for y in afford],
            [y.envelope for y in afford],
            [y.committed for y in afford],
            [y.pipeline for y in afford],
            described_by="affordability-data" if afford else None,
        ),
        "savings": charts.savings_chart(
            [y.fy for y in q3.savings],
            [y.target for y in q3.savings],
            [y.planned for y in q3.savings],
            [y.forecast for y in q3.savings],
            described_by="savings-data" if q3.savings else None,
        ),
    }
    trajectories = [
        Markup(
            charts.benefit_trajectory(
                t.title,
                list(t.planned),
                list(t.actual),
                t.target,
                unit=t.unit,
                chart_id=f"benefit-{i}",
                described_by=f"benefit-{i}-data",
                forecast=t.forecast,
            )
        )
        for i, t in enumerate(q3.trajectories, start=1)
    ]
    html = env.get_template("report.html.j2").render(
        r=report,
        outline=OUTLINE,
        chart={k: Markup(v) for k, v in chart.items()},
        trajectories=trajectories,
        trajectory_rows=[_trajectory_rows(t) for t in q3.trajectories],
        trend_charts=[Markup(svg) for svg in _trend_charts(report)],
        dependency_diagram=Markup(
            dependency_figure(
                report.raid.dependencies,
                len(report.raid.dependencies) + report.raid.dependencies_more,
                described_by="dependencies-data",
            )
        ),
        css=Markup((TEMPLATES / "report.css").read_text(encoding="utf-8")),
    )
    return accessible_tables(html)


def _trend_charts(report: ReportData) -> list[str]:
    """The four trend charts, when there is more than one month to show."""
    months = report.trends.months
    if len(months) < 2:
        return []
    from pmo.report.charts_trend import trend_charts

    return trend_charts(months, described_by="trends-data")


def _trajectory_rows(t: Trajectory) -> list[tuple[str, str, str]]:
    """A benefit chart's data as text rows (when, planned, actual), in date order."""
    planned, actual = dict(t.planned), dict(t.actual)
    return [
        (when, quantity(planned.get(when), t.unit), quantity(actual.get(when), t.unit))
        for when in sorted(planned.keys() | actual.keys())
    ]


def _visible(value: object) -> object:
    """Every text from the data with its control, bidi and invisible characters shown (then
    autoescaped); the renderer's own markup (charts, CSS) is left as it is."""
    from markupsafe import Markup

    if isinstance(value, str) and not isinstance(value, Markup):
        return safe(value)
    return value


@cache
def _environment() -> Environment:
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        finalize=_visible,
    )
    env.filters.update(
        money=money,
        signed_money=signed_money,
        pct=pct,
        realisation=realisation,
        savings_forecast=savings_forecast_cell,
        capacity_use=capacity_use,
        bcr=bcr,
        not_scored_or_mapped=not_scored_or_mapped,
        num=number,
        value=quantity,
        days=days,
        rag_label=rag_label,
        recorded=recorded,
        month=month_short,
        heat=heat_class,
        risk_heat=risk_class,
        trend_words=lambda move: TREND_WORDS.get(move, move),
        css_string=css_string,
    )
    env.globals["SAVINGS_HEADERS"] = SAVINGS_HEADERS
    env.globals["PATH_TO_GREEN_NONE"] = PATH_TO_GREEN_NONE
    env.globals["words"] = words  # every wording for a missing value, as the Markdown says it
    return env


def css_string(value: str) -> Markup:
    """Text for inside a double-quoted CSS string in a ``<style>`` element: control and bidi
    characters shown (as everywhere), then everything but letters, digits and spaces as a
    six-digit CSS escape, so no quote, backslash, ``<`` or newline can end the string or the
    element."""
    from markupsafe import Markup

    return Markup(
        "".join(
            c if c.isascii() and (c.isalnum() or c == " ") else f"\\{ord(c):06x}"
            for c in safe(value)
        )
    )


def heat_class(utilisation: float | None, demand: float = 0.0) -> str:
    """Heatmap class for a utilisation ratio (1.0 = fully used): h0 idle .. h6 far over."""
    if utilisation is None:
        return "hna" if demand > 0 else "h0"
    if utilisation <= 0:
        return "h0"
    for limit, cls in ((0.5, "h1"), (0.8, "h2"), (1.0, "h3"), (1.2, "h4"), (1.5, "h5")):
        if utilisation <= limit + 1e-9:
            return cls
    return "h6"


def risk_class(score: int) -> str:
    """Heatmap class for a residual risk score (likelihood x impact, 1..25)."""
    for limit, cls in ((2, "h1"), (4, "h2"), (9, "h3"), (14, "h4"), (19, "h5")):
        if score <= limit:
            return cls
    return "h6"
