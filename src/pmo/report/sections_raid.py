"""RAID for DMT: escalated and top risks with movement, escalated issues, dependencies."""

from __future__ import annotations

from collections.abc import Mapping

from pmo.analysis.answers import Answers
from pmo.analysis.data import PortfolioData
from pmo.model.types import period_end
from pmo.present.rag import STATUS_SORT
from pmo.present.words import plural
from pmo.report.limits import ANNEX, BRIEF_SHOWN, BRIEF_WHOLE, cap, more_sentence
from pmo.report.types_raid import Raid, RaidDependency, RaidIssue, RaidRisk, RiskMove
from pmo.report.types_summary import AttentionItem

TOP_RISKS = 10
"""Top risks by score shown besides the escalated ones."""
TROUBLE = ("red", "amber-red", "amber", "stale", "missing", "unreadable")
"""A programme depended on in one of these statuses puts its dependants at risk."""


def risk_key(programme: str, risk: str) -> str:
    """The key of a risk in snapshot.json (programme id / risk id)."""
    return f"{programme}/{risk}"


def _move(score: int, before: int | None, known: bool) -> RiskMove:
    if not known:
        return "unknown"
    if before is None:
        return "new"
    return "up" if score > before else "down" if score < before else "same"


def _risks(
    data: PortfolioData, result: Answers, previous: Mapping[str, int] | None
) -> tuple[list[RaidRisk], int]:
    names = {pid: p.name for pid, p in data.programmes.items()}
    flagged = {
        (pid, r.id)
        for pid, p in data.programmes.items()
        if p.stage != "closed"
        for r in p.risks
        if r.escalate and r.status == "open"
    }
    rows = []
    for e in result.q1.risks.risks:  # open risks of live programmes, highest score first
        by_pmo = (e.programme, e.risk) in flagged
        why = (
            "score and PMO"
            if e.escalate and by_pmo
            else "score"
            if e.escalate
            else "PMO"
            if by_pmo
            else None
        )
        before = previous.get(risk_key(e.programme, e.risk)) if previous is not None else None
        rows.append(
            RaidRisk(
                programme=e.programme,
                name=names.get(e.programme, e.programme),
                risk=e.risk,
                title=e.title,
                owner=e.owner,
                likelihood=e.likelihood,
                impact=e.impact,
                score=e.score,
                escalated=why,
                over_appetite=e.over_appetite,
                previous=before,
                move=_move(e.score, before, previous is not None),
                proximity=e.proximity.isoformat() if e.proximity else None,
            )
        )
    escalated = [r for r in rows if r.escalated]
    top = [r for r in rows if not r.escalated][: max(0, TOP_RISKS - len(escalated))]
    shown = escalated + top
    capped, cut = cap(shown)
    return list(capped), cut + (len(rows) - len(shown))


def _issues(data: PortfolioData, period: str) -> list[RaidIssue]:
    end = period_end(period)
    out = []
    for pid, p in data.programmes.items():
        if p.stage == "closed":
            continue
        for i in p.issues:
            if i.escalate and i.status == "open" and (i.raised is None or i.raised <= end):
                out.append(
                    RaidIssue(
                        programme=pid,
                        name=p.name,
                        issue=i.id,
                        title=i.title,
                        owner=i.owner,
                        severity=i.severity,
                        raised=i.raised.isoformat() if i.raised else None,
                        due=i.due.isoformat() if i.due else None,
                        overdue=i.due is not None and i.due < end,
                    )
                )
    out.sort(key=lambda i: (-i.severity, not i.overdue, i.due or "9999", i.name, i.issue))
    return out


def _dependencies(data: PortfolioData, result: Answers) -> list[RaidDependency]:
    status = {s.programme: s.status for s in result.q2.statuses}
    for pid in data.unreadable:
        status.setdefault(pid, "unreadable")
    out = []
    for pid, p in data.programmes.items():
        if p.stage == "closed":
            continue
        for d in p.dependencies:
            target = data.programmes.get(d.programme)
            if d.programme in data.unreadable:
                on_status, on_name = "unreadable", d.programme
            elif target is None:
                on_status, on_name = "unknown", d.programme
            else:
                on_status, on_name = status.get(d.programme, "not due"), target.name
            out.append(
                RaidDependency(
                    programme=pid,
                    name=p.name,
                    status=status.get(pid, "not due"),
                    on=d.programme,
                    on_name=on_name,
                    on_status=on_status,
                    note=d.note,
                    flagged=on_status in TROUBLE or on_status == "unknown",
                )
            )
    out.sort(
        key=lambda d: (
            not d.flagged,
            STATUS_SORT.get(d.on_status, len(STATUS_SORT)),
            d.on_name,
            d.name,
        )
    )
    return out


def raid_section(
    data: PortfolioData,
    result: Answers,
    previous_risks: Mapping[str, int] | None,
    previous_period: str,
) -> Raid:
    """RAID for DMT (pure). ``previous_risks``: last report's risk scores by
    :func:`risk_key`, or None when not known (then no movement is claimed)."""
    risks, risks_more = _risks(data, result, previous_risks)
    issues = _issues(data, result.period)
    deps = _dependencies(data, result)
    flagged = sum(1 for d in deps if d.flagged)
    at = result.q1.risks.escalate_at
    by_score = sum(1 for r in risks if r.escalated in ("score", "score and PMO"))
    by_pmo = sum(1 for r in risks if r.escalated in ("PMO", "score and PMO"))
    notes = [
        f"{plural(by_score, 'open risk')} at or above the escalation score of {at}; "
        f"{by_pmo} escalated by the PMO whatever the score."
        if result.q1.risks.recorded
        else "No risks are recorded for any live programme (none can be escalated).",
        f"{plural(len(issues), 'open issue')} escalated to DMT"
        + (f", {sum(1 for i in issues if i.overdue)} past their due date." if issues else "."),
        f"{plural(len(deps), 'dependency', 'dependencies')} between programmes; {flagged} on a "
        "programme that is red, amber, without a current update or unreadable.",
    ]
    if previous_risks is None:
        notes.append(
            f"Risk movement is not shown: the {previous_period} report's snapshot with risk "
            "scores is not available (programme files keep only today's scores)."
        )
    else:
        notes.append(f"Risk movement compares with the scores in the {previous_period} report.")
    drawn = cap(deps)[0]
    listed, unlisted = cap(drawn, BRIEF_WHOLE, BRIEF_SHOWN)
    return Raid(
        escalate_at=at,
        risks=tuple(risks),
        risks_more=risks_more,
        issues=cap(issues)[0],
        issues_more=cap(issues)[1],
        dependencies=cap(deps)[0],
        dependencies_more=cap(deps)[1],
        flagged_dependencies=flagged,
        notes=tuple(notes),
        dependencies_brief=len(listed),
        dependencies_brief_more=more_sentence(unlisted, "dependencies the diagram draws", ANNEX),
    )


def raid_attention(raid: Raid) -> list[AttentionItem]:
    """Summary items: escalated risks and issues, and dependencies on programmes in trouble."""
    out = []
    escalated = [r for r in raid.risks if r.escalated]
    if escalated:
        top = escalated[0]
        by_pmo = [r for r in escalated if r.escalated == "PMO"]
        text = (
            f"{plural(len(escalated), 'risk')} escalated to DMT; the highest is '{top.title}' "
            f"({top.name}, score {top.score})"
        )
        if by_pmo:
            pmo = by_pmo[0]
            text += f"; the PMO escalates '{pmo.title}' ({pmo.name}, score {pmo.score})"
        out.append(AttentionItem(text + ".", "raid"))
    if raid.issues:
        total = len(raid.issues) + raid.issues_more
        first = raid.issues[0]
        out.append(
            AttentionItem(
                f"{plural(total, 'open issue')} escalated to DMT, the most severe "
                f"'{first.title}' ({first.name}).",
                "raid",
            )
        )
    return out
