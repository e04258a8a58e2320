"""What changed since the previous report, in Markdown: statuses (grouped when many),
dimension up- and downgrades, registers, headline figures."""

from __future__ import annotations

from pmo.report.markdown_text import Raw, bullets, md_escape, rag, table
from pmo.report.types import ARROWS, ReportData
from pmo.report.types_changes import StatusGroup


def _trend(trend: str) -> Raw:
    word = "no comparison" if trend == "none" else trend
    return Raw(f"{ARROWS[trend]} {word}")


def _names(g: StatusGroup) -> str:
    more = g.count - len(g.names)
    return "; ".join(g.names) + (f" +{more} more" if more > 0 else "")


def changes_section(r: ReportData) -> list[str]:
    """The changes section."""
    c, w = r.changes, r.what_changed
    lines = [f"## What changed since {c.basis.period}", "", md_escape(c.basis.note), ""]
    if c.previous_headline:
        lines += [f"> **{c.basis.period} headline:** {md_escape(c.previous_headline)}", ""]
    lines += [*bullets(w.notes), ""]
    if w.status_groups:
        lines += [f"### Status changes: {len(c.statuses)} programmes, grouped by move", ""]
        lines += table(
            [c.basis.period, r.header.period, "Programmes", "Including"],
            [
                (
                    rag(g.before or "not reported"),
                    rag(g.after or "not reported"),
                    Raw(str(g.count)),
                    _names(g),
                )
                for g in w.status_groups
            ],
            "llrl",
        )
    elif c.statuses:
        lines += ["### Status changes", ""]
        lines += table(
            ["Programme", c.basis.period, r.header.period, "Trend"],
            [
                (
                    s.name,
                    rag(s.before or "not reported"),
                    rag(s.after or "not reported"),
                    _trend(s.trend),
                )
                for s in c.statuses
            ],
        )
    else:
        lines += ["No programme's overall status changed.", ""]
    if w.dimensions:
        lines += ["### Ratings by dimension", ""]
        lines += table(
            ["Programme", "Dimension", c.basis.period, r.header.period, "Trend"],
            [
                (d.name, d.dimension, rag(d.before), rag(d.after), _trend(d.trend))
                for d in w.dimensions
            ],
        )
        if w.dimensions_more:
            lines += [f"And {w.dimensions_more} more dimension changes (see the dashboard).", ""]
    if w.items:
        lines += ["### Risks, issues and milestones", ""]
        lines += table(
            ["Change", "Programme", "Item", "Detail"],
            [(i.kind, i.name, i.title, i.detail) for i in w.items],
        )
        if w.items_more:
            lines += [f"And {w.items_more} more register changes (counted above).", ""]
    moved = [f for f in c.figures if f.changed]
    if moved:
        lines += ["### Headline figures", ""]
        lines += table(
            ["Figure", c.basis.period, r.header.period, "Change"],
            [(f.label, Raw(f.before), Raw(f.after), Raw(f.delta)) for f in moved],
            "lrrr",
        )
    same = [f.label for f in c.figures if not f.changed]
    if same:
        lines += [f"Unchanged: {md_escape(', '.join(same))}.", ""]
    return lines
