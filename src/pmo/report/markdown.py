"""render_markdown: the DMT report as GitHub-flavoured Markdown, all user text escaped."""

from __future__ import annotations

import re
from collections.abc import Callable

from pmo.report.markdown_decisions import decisions_section
from pmo.report.markdown_programme import programme_pages
from pmo.report.markdown_q import q2_section, q3_section
from pmo.report.markdown_q1 import q1_section
from pmo.report.markdown_raid import raid_section
from pmo.report.markdown_summary import summary_section
from pmo.report.markdown_text import Raw, bullets, md_escape, opt_int, rag, table
from pmo.report.markdown_trend import trends_section
from pmo.report.outline import OUTLINE, SectionId
from pmo.report.types import ARROWS, ReportData

__all__ = ["md_escape", "render_markdown"]


def _answers(r: ReportData) -> list[str]:
    lines = ["## The three questions: the evidence", ""]
    for a in r.answers:
        lines += [f"### {md_escape(a.question)}", "", f"**{md_escape(a.one_line)}**", ""]
        lines += [*bullets(a.sentences[1:]), ""] if len(a.sentences) > 1 else []
    return lines


def _dashboard(r: ReportData) -> list[str]:
    d = r.dashboard
    prev = r.header.previous_period
    lines = ["## Portfolio dashboard", "", md_escape(d.basis.note), ""]
    lines += table(
        ["Status", r.header.period, prev],
        [(rag(c.status), Raw(str(c.count)), Raw(opt_int(c.previous))) for c in d.counts],
        "lrr",
    )
    if not d.rows:
        return [*lines, "No programme is due to report this month.", ""]
    heads = ["Programme", "Overall", *[dim.capitalize() for dim in d.dimensions], "Flags"]
    rows = []
    for g in d.rows:
        flags = (
            f"{len(g.flags)}" + (" (rated green, evidence disagrees)" if g.watermelon else "")
            if g.flags
            else ""
        )
        rows.append(
            [
                g.name,
                rag(g.status, g.overall.arrow),
                *[rag(c.rag, c.arrow) for c in g.dimensions],
                Raw(flags),
            ]
        )
    lines += table(heads, rows, "l" * (len(heads) - 1) + "r")
    key = " · ".join(f"{e.rating} {e.definition}" for e in r.trend_key)
    return [*lines, f"Trend since {prev}: {md_escape(key)}.", ""]


def _trend(trend: str) -> Raw:
    word = "no comparison" if trend == "none" else trend
    return Raw(f"{ARROWS[trend]} {word}")


def _changes(r: ReportData) -> list[str]:
    c = r.changes
    lines = [f"## What changed since {c.basis.period}", "", md_escape(c.basis.note), ""]
    if c.previous_headline:
        lines += [f"> **{c.basis.period} headline:** {md_escape(c.previous_headline)}", ""]
    if c.statuses:
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


def _quality(r: ReportData) -> list[str]:
    q = r.quality
    lines = ["## Annex: data quality", "", md_escape(q.note), ""]
    if not q.items:
        return [*lines, "No problems found.", ""]
    lines += [f"{q.errors} errors and {q.warnings} warnings.", ""]
    rows = [(i.severity, i.file, Raw(str(i.line)), i.field, i.message) for i in q.items]
    return [*lines, *table(["Severity", "File", "Line", "Field", "Problem"], rows, "llrll")]


def _rag_key(r: ReportData) -> list[str]:
    lines = ["## Glossary and trend arrows", ""]
    lines += table(["Term", "Meaning"], [(e.rating, e.definition) for e in r.glossary])
    lines += ["The RAG key is in the executive summary.", ""]
    lines += table(["Trend", "Meaning"], [(e.rating, e.definition) for e in r.trend_key])
    return lines


def _nothing(_: ReportData) -> list[str]:
    return []


SECTIONS: dict[SectionId, Callable[[ReportData], list[str]]] = {
    "summary": summary_section,
    "contents": _nothing,  # Markdown viewers draw their own table of contents
    "decisions": decisions_section,
    "raid": raid_section,
    "answers": _answers,
    "dashboard": _dashboard,
    "trends": trends_section,
    "q1": q1_section,
    "q2": q2_section,
    "q3": q3_section,
    "changes": _changes,
    "quality": _quality,
    "programmes": programme_pages,
    "key": _rag_key,
}
"""How each section of the outline is written in Markdown."""


def render_markdown(report: ReportData) -> str:
    """The whole report as Markdown, in the order of ``OUTLINE`` (same report, same text)."""
    parts = [SECTIONS[section.id](report) for section in OUTLINE]
    parts.append(
        [
            "---",
            "",
            f"Generated by pmo from the portfolio files for {report.header.period}; the same "
            "files and period always give this same report.",
        ]
    )
    text = "\n".join(line for part in parts for line in part)
    return re.sub(r"\n{3,}", "\n\n", text).rstrip("\n") + "\n"
