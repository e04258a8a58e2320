"""The dependency diagram in the HTML report: programmes as boxes by status (word and colour),
arrows for "depends on", the at-risk ones dashed; one inline SVG figure, byte-stable."""

from __future__ import annotations

from collections.abc import Sequence

from markupsafe import escape

from pmo.present.rag import rag_label
from pmo.present.terminal import safe
from pmo.present.words import plural
from pmo.report.diagram_layout import (
    BAND,
    FONT,
    LINE,
    PAD,
    Box,
    Edge,
    Layout,
    Node,
    layout,
    text_width,
)
from pmo.report.types_raid import RaidDependency

__all__ = ["HOT", "MANY", "MAX_HEIGHT", "dependency_figure", "diagram_rows"]

MANY = 25
"""With more dependencies than this, the diagram shows only those at risk or involving a red
or amber programme."""
MAX_HEIGHT = 860
"""Tallest the drawing gets, in CSS px: with its caption it prints on one A4 page (1,001 px)."""
HOT = ("red", "amber-red", "amber")
"""Statuses that keep a dependency in the diagram when there are many."""
DIAGRAM_ID = "dependency-diagram"

_FONTS = "'DejaVu Sans', 'Segoe UI', Arial, Helvetica, sans-serif"
_INK, _MUTED, _RISK = "#1f2328", "#57606a", "#8a1f14"
_BAND = {  # the report's RAG colours (report.css); two for the split ratings
    "red": ("#c0392b",),
    "amber-red": ("#f39c12", "#c0392b"),
    "amber": ("#f39c12",),
    "amber-green": ("#f39c12", "#27ae60"),
    "green": ("#27ae60",),
}
_FILL = {
    "red": "#fbe9e7",
    "amber-red": "#fdeee0",
    "amber": "#fef3e0",
    "amber-green": "#f3f5e3",
    "green": "#e6f5ec",
    "stale": "#eef0f0",
}
_GREY = "#5d6b6c"


def diagram_rows(
    dependencies: Sequence[RaidDependency], total: int
) -> tuple[list[RaidDependency], bool]:
    """The dependencies to draw, in the table's order (at risk first, worst first), and
    whether they were narrowed to the at-risk ones and those touching red or amber because
    there are more than :data:`MANY`. A programme depending on itself is not drawn."""
    rows = [d for d in dependencies if d.programme != d.on]
    narrowed = total > MANY
    if narrowed:
        rows = [d for d in rows if d.flagged or d.status in HOT or d.on_status in HOT]
    return rows, narrowed


def _graph(rows: Sequence[RaidDependency]) -> tuple[list[Node], list[Edge]]:
    nodes: dict[str, Node] = {}
    edges: dict[tuple[str, str], Edge] = {}
    for d in rows:
        nodes.setdefault(d.programme, Node(d.programme, d.name, d.status))
        nodes.setdefault(d.on, Node(d.on, d.on_name, d.on_status))
        edges.setdefault((d.programme, d.on), Edge(d.programme, d.on, d.flagged))
    return list(nodes.values()), list(edges.values())


def dependency_figure(
    dependencies: Sequence[RaidDependency], total: int, *, described_by: str
) -> str:
    """The diagram and its caption as an HTML ``<figure>`` ("" when there is nothing to draw).

    ``dependencies``: the RAID table's rows; ``total``: all dependencies, listed or not;
    ``described_by``: the id of that table, the diagram's text alternative."""
    rows, narrowed = diagram_rows(dependencies, total)
    drawn = layout(*_graph(rows))
    cut = False
    while drawn.height > MAX_HEIGHT and len(rows) > 1:  # the least urgent go first
        rows.pop()
        cut = True
        drawn = layout(*_graph(rows))
    if not rows:
        return ""
    return (
        '<figure class="diagram">\n'
        + _svg(drawn, described_by)
        + f"<figcaption>{_esc(_caption(len(rows), total, narrowed, cut))}</figcaption>\n"
        + "</figure>\n"
    )


def _caption(shown: int, total: int, narrowed: bool, cut: bool) -> str:
    text = (
        "Each arrow points from a programme to one it depends on. Dashed dark red arrows are "
        "at risk: the programme depended on is red, amber, without a current update or "
        "unreadable. Each box gives the programme's status in words."
    )
    left = total - shown
    if left <= 0:
        return text + f" All {plural(total, 'dependency', 'dependencies')} are drawn."
    why = (
        "those at risk or involving a red or amber programme"
        + (", as many as fit on a page" if cut else "")
        if narrowed
        else "as many as fit on a page"
    )
    return text + (
        f" The diagram shows {shown} of the {plural(total, 'dependency', 'dependencies')} "
        f"({why}); {left} {'is' if left == 1 else 'are'} left out."
    )


def _n(v: float) -> str:
    return f"{v:.1f}".removesuffix(".0")


def _esc(text: str) -> str:
    """User text for SVG (which is HTML here): controls and bidi shown, then escaped."""
    return str(escape(safe(text, newlines=False)))


def _svg(drawn: Layout, described_by: str) -> str:
    w, h = _n(drawn.width), _n(drawn.height)
    out = [
        f'<svg id="{DIAGRAM_ID}" class="diagram" role="img" '
        f'aria-labelledby="{DIAGRAM_ID}-title" aria-describedby="{_esc(described_by)}" '
        f'width="{w}" height="{h}" viewBox="0 0 {w} {h}" font-family="{_FONTS}" '
        f'font-size="{FONT}" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{DIAGRAM_ID}-title">Diagram of the dependencies between programmes; '
        "the table below lists them</title>",
        "<defs>",
        _marker("arrow", _MUTED, 8),
        _marker("risk", _RISK, 11),
        "</defs>",
        *_legend(),
        '<g fill="none">',
    ]
    for flagged in (False, True):  # the at-risk arrows on top
        for r in drawn.routes:
            if r.edge.flagged == flagged:
                out.append(f'<path d="{r.path}" {_stroke(flagged)}/>')
    out.append("</g>")
    out += [_box(b) for b in drawn.boxes]
    out.append("</svg>")
    return "\n".join(out) + "\n"


def _marker(name: str, colour: str, size: int) -> str:
    return (
        f'<marker id="{DIAGRAM_ID}-{name}" viewBox="0 0 10 10" refX="9" refY="5" '
        f'markerWidth="{size}" markerHeight="{size}" markerUnits="userSpaceOnUse" '
        f'orient="auto"><path d="M0,0L10,5L0,10z" fill="{colour}"/></marker>'
    )


def _stroke(flagged: bool) -> str:
    if flagged:
        return (
            f'stroke="{_RISK}" stroke-width="2.4" stroke-dasharray="7 4" '
            f'marker-end="url(#{DIAGRAM_ID}-risk)"'
        )
    return f'stroke="{_MUTED}" stroke-width="1.3" marker-end="url(#{DIAGRAM_ID}-arrow)"'


def _legend() -> list[str]:
    """The two kinds of arrow, above the boxes."""
    out = []
    x = 0.0
    for flagged, words in ((False, "depends on"), (True, "depends on a programme in trouble")):
        out.append(f'<path d="M{_n(x)},11H{_n(x + 36)}" fill="none" {_stroke(flagged)}/>')
        out.append(f'<text x="{_n(x + 42)}" y="15" fill="{_INK}">{_esc(words)}</text>')
        x += 42 + text_width(words) + 24
    return out


def _box(b: Box) -> str:
    status = b.node.status
    bands = _BAND.get(status, (_GREY,) if status == "stale" else ())
    fill = _FILL.get(status, "#ffffff")
    dashed = ' stroke-dasharray="4 3"' if status not in _FILL else ""
    x, y = b.x, b.y
    parts = [
        "<g>",
        f'<rect x="{_n(x)}" y="{_n(y)}" width="{_n(b.width)}" height="{_n(b.height)}" rx="3" '
        f'fill="{fill}" stroke="{_GREY}" stroke-width="1"{dashed}/>',
    ]
    for i, colour in enumerate(bands):  # split ratings: top half one colour, bottom the other
        part = b.height / len(bands)
        parts.append(
            f'<rect x="{_n(x)}" y="{_n(y + i * part)}" width="{BAND}" height="{_n(part)}" '
            f'fill="{colour}"/>'
        )
    if any(line.endswith("…") for line in b.lines):
        parts.append(f"<title>{_esc(b.node.name)}</title>")
    tx = _n(x + BAND + PAD)
    base = y + PAD + 12
    parts.append(
        f'<text fill="{_INK}">'
        + "".join(
            f'<tspan x="{tx}" y="{_n(base + i * LINE)}">{_esc(line)}</tspan>'
            for i, line in enumerate(b.lines)
        )
        + "</text>"
    )
    parts.append(
        f'<text x="{tx}" y="{_n(base + len(b.lines) * LINE)}" fill="{_INK}" '
        f'font-weight="bold">{_esc(rag_label(status))}</text>'
    )
    parts.append("</g>")
    return "".join(parts)
