"""The DMT report as one self-contained HTML page: Jinja2 (autoescaped), inline CSS and SVG."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from pmo.present.terminal import safe
from pmo.report import charts, fmt

if TYPE_CHECKING:
    from jinja2 import Environment

    from pmo.report.types import ReportData

__all__ = ["TEMPLATES", "render_html"]

TEMPLATES = Path(__file__).with_name("templates")

RAG_LABELS: dict[str, str] = {
    "red": "Red",
    "amber-red": "Amber/Red",
    "amber": "Amber",
    "amber-green": "Amber/Green",
    "green": "Green",
    "stale": "Stale",
    "missing": "Missing",
}
_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


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
        ),
        "savings": charts.savings_chart(
            [y.fy for y in q3.savings],
            [y.target for y in q3.savings],
            [y.planned for y in q3.savings],
            [y.realised for y in q3.savings],
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
            )
        )
        for i, t in enumerate(q3.trajectories, start=1)
    ]
    html = env.get_template("report.html.j2").render(
        r=report,
        chart={k: Markup(v) for k, v in chart.items()},
        trajectories=trajectories,
        css=Markup((TEMPLATES / "report.css").read_text(encoding="utf-8")),
    )
    return html


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
        money=fmt.money,
        signed_money=fmt.signed_money,
        pct=fmt.pct,
        num=num,
        value=fmt.value,
        days=fmt.days,
        rag_label=rag_label,
        month=month_label,
        heat=heat_class,
        risk_heat=risk_class,
    )
    return env


def num(value: float | None, places: int = 2) -> str:
    """A plain number with at most ``places`` decimals; "–" for None."""
    return "–" if value is None else fmt.number(value, places)


def rag_label(status: str | None) -> str:
    """The word printed in a RAG cell (the colour is never the only signal)."""
    if status is None:
        return "—"
    return RAG_LABELS.get(status, status.replace("-", " ").capitalize())


def month_label(period: str) -> str:
    """YYYY-MM as a short month: Nov 26."""
    try:
        year, month = int(period[:4]), int(period[5:7])
    except ValueError:
        return period
    if not 1 <= month <= 12:
        return period
    return f"{_MONTHS[month - 1]} {year % 100:02d}"


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
