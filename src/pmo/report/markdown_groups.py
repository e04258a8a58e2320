"""By service area and SRO, in Markdown: counts by status and named exceptions."""

from __future__ import annotations

from pmo.report.markdown_text import Raw, md_escape, table
from pmo.report.types import ReportData
from pmo.report.types_groups import GroupRow


def _counts(g: GroupRow) -> Raw:
    return Raw(", ".join(f"{n} {md_escape(s)}" for s, n in g.counts))


def _exceptions(g: GroupRow) -> str:
    text = "; ".join(g.exceptions)
    if g.exceptions_more:
        text += f"; and {g.exceptions_more} more"
    return text


def groups_section(r: ReportData) -> list[str]:
    """Service areas, then SROs, worst first."""
    b = r.by_group
    lines = ["## By service area and SRO", ""]
    if not b.services:
        return [*lines, "No programme is due to report this month.", ""]
    lines += [
        "Programmes due to report this month; exceptions are red, stale, missing or unreadable.",
        "",
    ]
    for title, rows in (("Service area", b.services), ("SRO", b.sros)):
        lines += table(
            [title, "Programmes", "By status", "Exceptions"],
            [(g.label, Raw(str(g.programmes)), _counts(g), _exceptions(g)) for g in rows],
            "lrll",
        )
    if b.sros_more:
        lines += [f"And {b.sros_more} more SROs with fewer exceptions.", ""]
    return lines
