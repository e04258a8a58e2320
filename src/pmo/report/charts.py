"""Report charts as inline SVG strings (matplotlib's SVG backend; byte-stable, ids per chart)."""

from __future__ import annotations

import io
import math
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from typing import TYPE_CHECKING, Any

from pmo.present.numbers import axis_money, quantity

if TYPE_CHECKING:  # matplotlib is imported lazily: importing this module stays cheap
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure
    from matplotlib.typing import RcKeyType

__all__ = [
    "AMBER",
    "GREEN",
    "PALETTE",
    "RED",
    "STALE",
    "TEXT_PT",
    "affordability_chart",
    "benefit_trajectory",
    "savings_chart",
]

#: Okabe-Ito colours: distinguishable with the common colour-vision deficiencies. Lines and
#: marks are drawn in colours at least 3:1 against white (WCAG 1.4.11); sky (2.3:1) only fills
#: bars that have a blue edge.
PALETTE = {
    "blue": "#0072b2",
    "sky": "#56b4e9",
    "orange": "#e69f00",
    "vermillion": "#d55e00",
    "green": "#009e73",
    "grey": "#6b6b6b",
    "ink": "#222222",
}
RED, AMBER, GREEN, STALE = "#c0392b", "#f39c12", "#27ae60", "#7f8c8d"

TEXT_PT = 9
"""Smallest chart text, in SVG user units (1 pt at the chart's own size). Every chart prints no
smaller than its own size (the wide ones 691 px into the 695 px A4 text block, the small
multiples 336 px into half of it), so its text prints at 9 pt or more."""

#: Fixed settings: the output depends on these and the data only, never on a matplotlibrc.
_RC: dict[RcKeyType, Any] = {
    "svg.hashsalt": "pmo-report",
    "svg.fonttype": "none",  # text stays text: small, selectable, no glyph paths
    "svg.image_inline": True,
    "text.parse_math": False,  # a "$" in a programme name is just a dollar sign
    "text.usetex": False,
    "font.family": "sans-serif",
    "font.sans-serif": ["DejaVu Sans"],
    "font.size": TEXT_PT,
    "axes.titlesize": 10,
    "axes.titleweight": "bold",
    "axes.labelsize": TEXT_PT,
    "axes.edgecolor": "#888888",
    "axes.linewidth": 0.6,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.axisbelow": True,
    "axes.grid": True,
    "axes.grid.axis": "y",
    "grid.color": "#dddddd",
    "grid.linewidth": 0.6,
    "xtick.labelsize": TEXT_PT,
    "ytick.labelsize": TEXT_PT,
    "legend.fontsize": TEXT_PT,
    "legend.frameon": False,
    "hatch.linewidth": 0.8,
    "path.simplify": False,
}
#: Font stack written into the SVG: the browser's fonts, with matplotlib's metrics font first.
_FONT_STACK = "'DejaVu Sans', 'Segoe UI', Arial, Helvetica, sans-serif"
_ID_SAFE = re.compile(r"[^a-z0-9-]+")
_GEOMETRY = re.compile(r'(\s(?:d|x|y|x1|x2|y1|y2|transform)=")([^"]*)"')
_DECIMALS = re.compile(r"(\d\.\d\d)\d+")


@contextmanager
def _settings() -> Iterator[None]:
    """Matplotlib's own defaults plus ours, restored afterwards (no pyplot, no global figure)."""
    import matplotlib

    with matplotlib.rc_context():
        matplotlib.rcdefaults()
        matplotlib.rcParams.update(_RC)
        yield


def _figure(width: float, height: float, margins: tuple[float, float, float, float]) -> Figure:
    """A figure with fixed margins in inches (left, bottom, right, top): cheaper than a layout
    engine, which would draw the figure twice, and just as stable."""
    from matplotlib.figure import Figure

    left, bottom, right, top = margins
    fig = Figure(figsize=(width, height), dpi=72)
    fig.subplots_adjust(
        left=left / width, bottom=bottom / height, right=1 - right / width, top=1 - top / height
    )
    return fig


def _money_axis(ax: Axes) -> None:
    from matplotlib.ticker import FuncFormatter

    class Money(FuncFormatter):
        """Short pounds; whole pounds (below £10k) when short ones would repeat: £5,800 and
        £6,200 rather than £6k twice."""

        def format_ticks(self, values: Sequence[float]) -> list[str]:
            labels = [axis_money(v) for v in values]
            if len(set(labels)) < len(labels):
                labels = [quantity(v, "GBP") for v in values]
            return labels

    ax.yaxis.set_major_formatter(Money(lambda v, _pos: axis_money(v)))


def _no_data(ax: Axes) -> None:
    ax.text(0.5, 0.5, "No data", ha="center", va="center", transform=ax.transAxes, color="#666")
    ax.set_xticks([])
    ax.set_yticks([])


def _svg(fig: Figure, chart_id: str, label: str, described_by: str | None = None) -> str:
    """The figure as an SVG element: no prolog, no metadata, every id prefixed by ``chart_id``;
    ``described_by`` is the id of the element holding the chart's data as text (a table)."""
    from xml.sax.saxutils import quoteattr

    from matplotlib.backends.backend_svg import FigureCanvasSVG

    prefix = _ID_SAFE.sub("-", chart_id.lower()).strip("-") or "chart"
    FigureCanvasSVG(fig)
    buf = io.StringIO()
    fig.savefig(buf, format="svg", metadata={"Date": None, "Creator": None, "Format": None})
    svg = buf.getvalue()
    svg = svg[svg.index("<svg") :]  # drop the XML declaration, DOCTYPE and comment
    svg = re.sub(r"\s*<metadata>.*?</metadata>", "", svg, flags=re.DOTALL)
    svg = re.sub(r" +\n", "\n", svg)
    used = set(re.findall(r'url\(#([^)]+)\)|href="#([^"]+)"', svg))
    referenced = {a or b for a, b in used}
    # keep the ids something points at (clip paths, markers, hatches), prefixed; drop the rest
    svg = re.sub(
        r' id="([^"]+)"',
        lambda m: f' id="{prefix}-{m.group(1)}"' if m.group(1) in referenced else "",
        svg,
    )
    svg = re.sub(r"url\(#([^)]+)\)", lambda m: f"url(#{prefix}-{m.group(1)})", svg)
    svg = re.sub(r'href="#([^"]+)"', lambda m: f'href="#{prefix}-{m.group(1)}"', svg)
    # geometry to 1/100 pt (matplotlib writes 1/1,000,000): a third smaller, looks the same
    svg = _GEOMETRY.sub(lambda m: m.group(1) + _DECIMALS.sub(r"\1", m.group(2)) + '"', svg)
    svg = re.sub(r' transform="rotate\(-0 [^"]*\)"', "", svg)  # no-op rotations
    svg = _unwrap_bare_groups(re.sub(r"\n +", "\n", svg))
    # one font rule for the chart instead of one per text element
    svg = re.sub(r"font-family: [^;\"]+(; )?", "", svg)
    # matplotlib's stylesheet is "*{...}": scope it to this chart so it cannot leak into the page
    svg = svg.replace("*{", f"#{prefix} text{{font-family: {_FONT_STACK}}}\n#{prefix} *{{", 1)
    described = f" aria-describedby={quoteattr(described_by)}" if described_by else ""
    svg = svg.replace(
        "<svg ",
        f'<svg id="{prefix}" class="chart" role="img" aria-label={quoteattr(label)}{described} ',
        1,
    )
    return svg.rstrip() + "\n"


def _unwrap_bare_groups(svg: str) -> str:
    """Drop ``<g>`` wrappers without attributes (left after unused ids go) and their ends."""
    out: list[str] = []
    bare: list[bool] = []
    pos = 0
    for m in re.finditer(r"<g>\n?|<g\s[^>]*>|</g>\n?", svg):
        out.append(svg[pos : m.start()])
        tag = m.group()
        if tag.startswith("</g>"):
            if not bare.pop():
                out.append(tag)
        else:
            bare.append(tag.startswith("<g>"))
            if not bare[-1]:
                out.append(tag)
        pos = m.end()
    out.append(svg[pos:])
    return "".join(out)


def savings_chart(
    fys: Sequence[str],
    target: Sequence[float | None],
    planned: Sequence[float],
    forecast: Sequence[float | None],
    *,
    chart_id: str = "savings",
    described_by: str | None = None,
) -> str:
    """Cashable savings by financial year: target (none drawn where unset), planned and
    forecast as grouped bars."""
    targets = [math.nan if t is None else t for t in target]
    forecasts = [math.nan if f is None else f for f in forecast]  # no forecast: no bar
    known = [t for t in target if t is not None]
    with _settings():
        fig = _figure(7.2, 2.9, (0.85, 0.6, 0.1, 0.1))
        ax = fig.add_subplot()
        if not fys:
            _no_data(ax)
        else:
            x = list(range(len(fys)))
            width = 0.27
            series = (
                ("Target", targets, "#ffffff", PALETTE["ink"], "///"),
                ("Planned (business cases)", planned, PALETTE["sky"], PALETTE["blue"], ""),
                ("Forecast", forecasts, PALETTE["blue"], PALETTE["blue"], ""),
            )
            for i, (name, values, face, edge, hatch) in enumerate(series):
                xs = [p + (i - 1) * width for p in x]
                ax.bar(xs, list(values), width, label=name, color=face, edgecolor=edge,
                       hatch=hatch or None, linewidth=0.8)  # fmt: skip
            ax.set_xticks(x, list(fys))
            _money_axis(ax)
            ax.set_ylim(bottom=min(0.0, *known, *planned, *(f for f in forecast if f is not None)))
            fig.legend(loc="lower center", ncols=3)
        ax.set_ylabel("Cashable savings")
        return _svg(
            fig,
            chart_id,
            "Cashable savings by financial year: target, planned, forecast",
            described_by,
        )


def affordability_chart(
    fys: Sequence[str],
    envelope: Sequence[float | None],
    committed: Sequence[float],
    pipeline: Sequence[float],
    *,
    chart_id: str = "affordability",
    described_by: str | None = None,
) -> str:
    """Cost by financial year: committed and pipeline stacked, the funding envelope as a line."""
    with _settings():
        fig = _figure(7.2, 2.9, (0.85, 0.6, 0.1, 0.1))
        ax = fig.add_subplot()
        if not fys:
            _no_data(ax)
        else:
            x = list(range(len(fys)))
            ax.bar(x, list(committed), 0.55, label="Committed", color=PALETTE["blue"])
            ax.bar(x, list(pipeline), 0.55, bottom=list(committed), label="Pipeline",
                   color=PALETTE["orange"], edgecolor="#9a6a00", hatch="//",
                   linewidth=0.6)  # fmt: skip
            set_ = [(p, e) for p, e in zip(x, envelope, strict=True) if e is not None]
            ax.hlines([e for _, e in set_], [p - 0.38 for p, _ in set_],
                      [p + 0.38 for p, _ in set_], color=PALETTE["ink"], linewidth=2.2,
                      label="Envelope")  # fmt: skip
            ax.set_xticks(x, list(fys))
            _money_axis(ax)
            ax.set_ylim(bottom=0)
            fig.legend(loc="lower center", ncols=3)
        ax.set_ylabel("Cost")
        return _svg(
            fig, chart_id, "Cost by financial year against the funding envelope", described_by
        )


Point = tuple[str | date, float]


def _month_x(when: str | date) -> float:
    """Months since year 0 (fractional within a month), from a date, YYYY-MM or YYYY-MM-DD."""
    if isinstance(when, date):
        year, month, day = when.year, when.month, when.day
    else:
        year, month = int(when[:4]), int(when[5:7])
        day = int(when[8:10]) if len(when) >= 10 else 31  # a period's value is at its end
    return year * 12 + month - 1 + min(day, 31) / 31


def _month_ticks(lo: float, hi: float) -> tuple[list[float], list[str]]:
    names = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    first, last = int(lo), int(hi) + 1
    step = max(1, (last - first) // 5 + 1)
    step = next(s for s in (1, 2, 3, 6, 12, 24, 36, 60, 10**6) if s >= step)
    ticks = [m for m in range(first, last + 1) if m % step == 0] or [first]
    return [m + 1.0 for m in ticks], [f"{names[m % 12]} {m // 12 % 100:02d}" for m in ticks]


def benefit_trajectory(
    title: str,
    planned: Sequence[Point],
    actual: Sequence[Point],
    target: float | None,
    *,
    unit: str | None = None,
    chart_id: str = "benefit",
    described_by: str | None = None,
    forecast: Point | None = None,
) -> str:
    """One small multiple: planned trajectory, actuals and the target line for a benefit.

    No legend of its own (the page gives one for all of them): planned is a dashed blue
    line, actuals vermillion dots joined, the target a dotted green line, and the forecast
    (Q3's, at the target date) a thin dash-dot vermillion line from the latest actual.
    """
    with _settings():
        fig = _figure(3.5, 2.3, (0.7, 0.35, 0.22, 0.5))
        ax = fig.add_subplot()
        # a figure text, not an axes title: same look without a layout pass per chart
        fig.text(
            0.04, 0.97, _title(title), ha="left", va="top", fontsize=TEXT_PT, fontweight="bold"
        )
        xs = [_month_x(p) for p, _ in planned] + [_month_x(p) for p, _ in actual]
        if forecast is not None and actual:
            xs.append(_month_x(forecast[0]))
        if not xs:
            _no_data(ax)
        else:
            if planned:
                ax.plot([_month_x(p) for p, _ in planned], [v for _, v in planned],
                        color=PALETTE["blue"], linestyle="--", linewidth=1.4,
                        label="Planned")  # fmt: skip
            if actual:
                ax.plot([_month_x(p) for p, _ in actual], [v for _, v in actual],
                        color=PALETTE["vermillion"], marker="o", markersize=3.5, linewidth=1.4,
                        label="Actual")  # fmt: skip
            if forecast is not None and actual:
                ax.plot([_month_x(actual[-1][0]), _month_x(forecast[0])],
                        [actual[-1][1], forecast[1]], color=PALETTE["vermillion"],
                        linestyle=(0, (4, 2, 1, 2)), linewidth=1.0,
                        label="Forecast")  # fmt: skip
            if target is not None:
                ax.axhline(target, color=PALETTE["green"], linestyle=":", linewidth=1.2,
                           label="Target")  # fmt: skip
            ticks, labels = _month_ticks(min(xs), max(xs))
            ax.set_xticks(ticks, labels)
        if unit in ("GBP", "£"):
            _money_axis(ax)
        elif xs:
            from matplotlib.ticker import StrMethodFormatter

            ax.yaxis.set_major_formatter(StrMethodFormatter("{x:,.4g}"))
        if unit and unit not in ("GBP", "£"):
            ax.set_ylabel(_shorten(unit, 20), fontsize=TEXT_PT)
        return _svg(fig, chart_id, f"Benefit trajectory: {title}", described_by)


def _title(text: str) -> str:
    """At most two lines of about 38 characters: the full title is in the figure caption."""
    import textwrap

    lines = textwrap.wrap(" ".join(text.split()), 38) or [""]
    if len(lines) > 2:
        lines = [lines[0], _shorten(" ".join(lines[1:]), 38)]
    return "\n".join(lines)


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


#: The drawing helpers the other chart modules share (charts_trend.py).
settings, figure, money_axis, svg = _settings, _figure, _money_axis, _svg
