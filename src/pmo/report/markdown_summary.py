"""The executive summary in Markdown: title block, verdicts, DMT's attention, confidence, key."""

from __future__ import annotations

from pmo.present.words import plural
from pmo.report.markdown_text import bullets, md_escape, rag, table
from pmo.report.types import ReportData


def header(r: ReportData) -> list[str]:
    """The title block: portfolio, period, meeting, counts and the PMO's headline."""
    h = r.header
    lines = [f"# {md_escape(h.portfolio)}: DMT report, {h.period_label}", ""]
    facts = [md_escape(h.office), f"period {h.period}"]
    if h.meeting:
        facts.append(f"DMT meeting {h.meeting}")
    facts.append(
        f"{plural(h.programmes, 'programme or project', 'programmes and projects')}, "
        f"{h.reporting} due to report, {plural(h.updates, 'update')} received"
    )
    lines += [" · ".join(facts), ""]
    if h.headline:
        lines += [f"> **PMO headline:** {md_escape(h.headline)}", ""]
    return lines


def summary_section(r: ReportData) -> list[str]:
    """Header, then the executive summary (at most two pages)."""
    s = r.summary
    lines = [*header(r), "## Executive summary", ""]
    for v in s.verdicts:
        lines += [f"- **{md_escape(v.label)} — {v.word}:** {md_escape(v.reason)}.", ""]
    lines += ["### For DMT's attention", ""]
    if s.attention:
        lines += [f"{i}. {md_escape(a.text)}" for i, a in enumerate(s.attention, 1)]
        lines.append("")
        if s.more_attention:
            lines += [f"And {s.more_attention} more in the sections below.", ""]
    else:
        lines += ["Nothing needs DMT's attention beyond the decisions below.", ""]
    lines += [f"**{md_escape(s.confidence)}**", ""]
    if r.header.notes:
        lines += ["**What is missing from this report:**", "", *bullets(r.header.notes), ""]
    lines += ["### RAG key", ""]
    lines += table(["Rating", "Meaning"], [(rag(e.rating), e.definition) for e in r.rag_key])
    return lines
