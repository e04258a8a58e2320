"""RAID for DMT in Markdown: escalated and top risks with movement, issues, dependencies."""

from __future__ import annotations

from pmo.present.rag import MOVE
from pmo.present.words import recorded
from pmo.report.markdown_text import Raw, bullets, md_escape, rag, table
from pmo.report.types import ReportData
from pmo.report.types_raid import RaidDependency, RaidRisk

MOVE_SHOWN = {
    "up": f"{MOVE['worse']} up from",
    "down": f"{MOVE['better']} down from",
    "same": f"{MOVE['same']} same",
    "new": f"{MOVE['new']} new",
    "unknown": "not known",
}


def _move(r: RaidRisk) -> Raw:
    text = MOVE_SHOWN[r.move]
    if r.move in ("up", "down"):
        text += f" {r.previous}"
    return Raw(md_escape(text))


def _why(r: RaidRisk) -> str:
    if r.escalated == "PMO":
        return "escalated by the PMO"
    if r.escalated:
        return f"escalated ({r.escalated})"
    return "top risk"


def dependency_table(items: tuple[RaidDependency, ...]) -> list[str]:
    """Dependencies between programmes as a table, those at risk first."""
    return table(
        ["Programme", "Depends on", "Its status", "Why", "At risk"],
        [
            (
                x.name,
                x.on_name,
                rag(x.on_status),
                recorded(x.note),
                Raw("**yes**" if x.flagged else "no"),
            )
            for x in items
        ],
    )


def raid_section(r: ReportData) -> list[str]:
    """Risks, issues and dependencies DMT should see, worst first and capped."""
    raid = r.raid
    lines = ["## Risks, issues and dependencies for DMT", "", *bullets(raid.notes), ""]
    lines += ["### Escalated and top risks", ""]
    lines += table(
        ["Risk", "Programme", "Owner", "Score (L×I)", "Since last report", "Why listed"],
        [
            (
                x.title,
                x.name,
                recorded(x.owner),
                Raw(f"{x.score} ({x.likelihood}×{x.impact})"),
                _move(x),
                _why(x),
            )
            for x in raid.risks
        ],
        "lllrll",
    ) or ["The live programmes' risk registers record nothing open.", ""]
    if raid.risks_more:
        lines += [f"And {raid.risks_more} lower-scored open risks (see Q1, risk profile).", ""]
    lines += ["### Escalated issues", ""]
    lines += table(
        ["Issue", "Programme", "Owner", "Severity", "Raised", "Due"],
        [
            (
                x.title,
                x.name,
                recorded(x.owner),
                Raw(str(x.severity)),
                recorded(x.raised),
                Raw(f"**{x.due} (overdue)**" if x.overdue else md_escape(recorded(x.due))),
            )
            for x in raid.issues
        ],
        "lllrll",
    ) or ["No open issue is escalated to DMT.", ""]
    if raid.issues_more:
        lines += [f"And {raid.issues_more} more escalated issues.", ""]
    lines += ["### Dependencies between programmes", ""]
    if raid.dependencies:
        lines += ["The HTML report draws these as a diagram.", ""]
    lines += dependency_table(raid.dependencies[: raid.dependencies_brief]) or [
        "No dependencies between programmes are recorded.",
        "",
    ]
    if raid.dependencies_brief_more:
        lines += [md_escape(raid.dependencies_brief_more), ""]
    if raid.dependencies_more:
        lines += [f"And {raid.dependencies_more} more dependencies, none listed above.", ""]
    return lines
