"""By service area and SRO, in Markdown: counts by status and named exceptions."""

from __future__ import annotations

from pmo.report.markdown_text import Raw, md_escape, rag, table
from pmo.report.types import ReportData
from pmo.report.types_groups import GroupRow


def _counts(g: GroupRow) -> Raw:
    return Raw(", ".join(f"{n} {rag(s)}" for s, n in g.counts))


def _exceptions(g: GroupRow) -> str:
    text = "; ".join(g.exceptions)
    return text + (f" +{g.exceptions_more} more" if g.exceptions_more else "")


def groups_section(r: ReportData) -> list[str]:
    """Service areas, then SROs, worst first."""
    b = r.by_group
    lines = ["## By service area and SRO", ""]
    if not b.services:
        return [*lines, "No programme is due to report this month.", ""]
    lines += [md_escape(b.definition), ""]
    for title, rows, more in (
        ("Service area", b.services, b.services_more),
        ("SRO", b.sros, b.sros_more),
    ):
        lines += table(
            [title, "Programmes", "By status", "Exceptions"],
            [(g.label, Raw(str(g.programmes)), _counts(g), _exceptions(g)) for g in rows],
            "lrll",
        )
        if more:
            lines += [f"And {more} more, none worse than the last listed.", ""]
    return lines
