"""Markdown of the detail annex: the long per-programme tables the body of the pack cuts short."""

from __future__ import annotations

from pmo.report.markdown_decisions import decisions_table
from pmo.report.markdown_q import (
    BENEFIT_HEAD,
    MILESTONE_HEAD,
    benefit_rows,
    due_table,
    end_dates_table,
    evidence_table,
    finance_table,
    milestone_rows,
    trajectory_table,
)
from pmo.report.markdown_q1 import (
    ECONOMICS_NOTE,
    attention_table,
    economics_table,
    priority_table,
)
from pmo.report.markdown_raid import dependency_table
from pmo.report.markdown_text import sentence, table
from pmo.report.types import ReportData

ANNEX_NOTE = (
    "The tables the body of the pack cuts short, in full and in the same order (worst first); "
    "each programme's own page has its details."
)
NOTHING = "Every table is shown whole in the body of the pack; this annex has nothing to add."


def annex_section(r: ReportData) -> list[str]:
    """The detail annex (after the programme pages): each table the body cut, in full."""
    q1, q2, q3 = r.q1, r.q2, r.q3
    parts: list[str] = []
    if r.decisions_more:
        parts += ["### Decision requests", "", *decisions_table(r.decisions)]
    if r.raid.dependencies_brief_more:
        parts += ["### Dependencies between programmes", "", *dependency_table(r.raid.dependencies)]
    if q1.priority_annex:
        parts += ["### Priority ranking", "", *priority_table(q1.priority_annex)]
        parts += sentence(q1.priority_annex_more)
    if q1.risks_annex:
        parts += ["### Risks at or over the escalation score or over appetite", ""]
        parts += [*attention_table(q1.risks_annex), *sentence(q1.risks_annex_more)]
    if q1.economics_annex:
        parts += ["### Business-case economics, lowest net present value first", ""]
        parts += [*economics_table(q1.economics_annex), *sentence(q1.economics_annex_more)]
        parts += [ECONOMICS_NOTE, ""]
    if q2.evidence_annex:
        parts += ["### Evidence check: where the evidence disagrees with the rating", ""]
        parts += [*evidence_table(q2.evidence_annex), *sentence(q2.evidence_annex_more)]
    if q2.milestones_annex:
        parts += ["### Milestones slipped, worst first", ""]
        parts += table(
            ["Programme", *MILESTONE_HEAD], milestone_rows(q2.milestones_annex, True), "lllllrr"
        )
        parts += [
            f"Days late against the current and original baselines; ⚠ beyond the "
            f"{q2.schedule_days}-day tolerance.",
            "",
            *sentence(q2.milestones_annex_more),
        ]
    if q2.due_annex:
        parts += [
            f"### Milestones due in {r.header.period}, missed first",
            "",
            *due_table(q2.due_annex),
        ]
        parts += sentence(q2.due_annex_more)
    if q2.end_dates_annex:
        parts += ["### Programmes expected to finish after their original end date", ""]
        parts += [*end_dates_table(q2.end_dates_annex), *sentence(q2.end_dates_annex_more)]
    if q2.finance_annex:
        parts += [f"### Finance {q1.current_fy}, beyond tolerance first", ""]
        parts += finance_table(r, q2.finance_annex, bool(q2.finance_annex_more))
        parts += sentence(q2.finance_annex_more)
    if q3.at_risk_annex:
        parts += ["### Benefits at risk or off track, furthest behind first", ""]
        parts += table(["Programme", *BENEFIT_HEAD], benefit_rows(q3.at_risk_annex, True))
        parts += sentence(q3.at_risk_annex_more)
    rest = q3.trajectories[q3.trajectories_brief :]
    if rest:
        parts += ["### More benefit trajectories", "", *trajectory_table(rest)]
    lines = ["## Annex: detail tables", ""]
    return [*lines, ANNEX_NOTE, "", *parts] if parts else [*lines, NOTHING, ""]
