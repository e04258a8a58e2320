"""Decisions for DMT in Markdown: requests with recommendation and money, asks against
headroom, papers, last meeting's outcomes and open actions."""

from __future__ import annotations

from pmo.present.words import ASKER_UNKNOWN, NO_COST_STATED, NOT_RECORDED
from pmo.report.markdown_text import Raw, bullets, md_escape, table
from pmo.report.types import DecisionItem, ReportData


def _needed(d: DecisionItem) -> Raw:
    if not d.by:
        return Raw(NOT_RECORDED)
    return Raw(f"**{d.by} (by the meeting)**" if d.urgent else d.by)


def _asked(d: DecisionItem) -> Raw:
    text = f"**{md_escape(d.title)}**"
    if d.recommendation:
        text += f"<br>Recommendation: {md_escape(d.recommendation)}"
    return Raw(text)


def _paper(i: int, d: DecisionItem) -> list[str]:
    lines = [f"#### {i}. {md_escape(d.title)}", ""]
    facts = [f"From {md_escape(d.source)}"]
    if d.ref:
        facts.append(f"ref {md_escape(d.ref)}")
    if d.by:
        facts.append(f"needed by {d.by}" + (" (by the meeting)" if d.urgent else ""))
    facts.append(f"cost {md_escape(d.cost_text)}" if d.cost_text else NO_COST_STATED)
    lines += [" · ".join(facts), ""]
    if d.recommendation:
        lines += [f"**Recommendation:** {md_escape(d.recommendation)}", ""]
    if d.options:
        lines += ["Options considered:", "", *bullets(d.options), ""]
    if d.detail:
        lines += [f"Background: {md_escape(d.detail)}", ""]
    return lines


def _log(r: ReportData) -> list[str]:
    log = r.decision_log
    when = f" ({log.meeting})" if log.meeting else ""
    lines = [f"### Last meeting's decisions: {log.period}{when}", "", md_escape(log.note), ""]
    lines += table(
        ["Decision", "Asked by", "Outcome", "Note"],
        [
            (o.decision, o.source or ASKER_UNKNOWN, Raw(f"**{o.outcome}**"), o.note)
            for o in log.outcomes
        ],
    )
    if log.open_actions:
        lines += ["### Actions still open from earlier meetings", ""]
        lines += table(
            ["Action", "Owner", "Due", "Status", "From the decision"],
            [
                (
                    a.action,
                    a.owner,
                    Raw(a.due),
                    Raw("**OVERDUE**" if a.overdue else "open"),
                    f"{a.decision} ({a.meeting})",
                )
                for a in log.open_actions
            ],
        )
    return lines


def decisions_table(items: tuple[DecisionItem, ...]) -> list[str]:
    """Decision requests as a table, numbered from 1 in the report's order."""
    rows = [
        (Raw(str(i)), _asked(d), d.source, d.cost_text or NO_COST_STATED, _needed(d))
        for i, d in enumerate(items, 1)
    ]
    return table(["No.", "Decision and recommendation", "From", "Cost", "Needed by"], rows, "rllll")


def decisions_section(r: ReportData) -> list[str]:
    """The requests of this month, then the decision and action log."""
    lines = ["## Decisions for DMT", ""]
    if not r.decisions:
        lines += ["No decisions are asked of DMT this month.", ""]
        return [*lines, *_log(r)]
    lines += [*bullets(r.asks_notes), ""]
    lines += decisions_table(r.decisions[: r.decisions_brief])
    if r.decisions_more:
        lines += [md_escape(r.decisions_more), ""]
    papers = [(i, d) for i, d in enumerate(r.decisions, 1) if d.options or d.detail or d.ref]
    if papers:
        lines += ["### The papers", ""]
        for i, d in papers:
            lines += _paper(i, d)
    return [*lines, *_log(r)]
