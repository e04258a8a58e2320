"""RAID for DMT: escalated risks and issues, top risks with movement, dependencies at risk."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

RiskMove = Literal["up", "down", "same", "new", "unknown"]


@dataclass(frozen=True, slots=True)
class Registers:
    """Open risks (score and title), open issues (title) and milestone dates as reported in
    a month, for comparing next month; keys are ``programme/item``."""

    risks: Mapping[str, int]
    risk_titles: Mapping[str, str]
    issues: Mapping[str, str]
    milestones: Mapping[str, str]  # current baseline, ISO date


@dataclass(frozen=True, slots=True)
class RaidRisk:
    """An open risk shown to DMT, why it is shown, and how its score moved."""

    programme: str
    name: str
    risk: str
    title: str
    owner: str | None
    likelihood: int
    impact: int
    score: int
    escalated: str | None  # "score", "PMO" or "score and PMO"; None: listed as a top risk only
    over_appetite: bool
    previous: int | None  # score in the previous report; None when not known
    move: RiskMove
    proximity: str | None


@dataclass(frozen=True, slots=True)
class RaidIssue:
    """An open issue escalated to DMT."""

    programme: str
    name: str
    issue: str
    title: str
    owner: str | None
    severity: int
    raised: str | None
    due: str | None
    overdue: bool  # due before the end of the period and still open


@dataclass(frozen=True, slots=True)
class RaidDependency:
    """One programme depending on another, flagged when the other is in trouble."""

    programme: str
    name: str
    status: str  # the depending programme's status
    on: str  # id of the programme depended on
    on_name: str
    on_status: str  # red ... green, stale, missing, unreadable, not due, unknown
    note: str | None
    flagged: bool  # the programme depended on is red, amber, stale, missing or unreadable


@dataclass(frozen=True, slots=True)
class Raid:
    """The RAID section: each list worst first and capped, with how many more there are."""

    escalate_at: int
    risks: tuple[RaidRisk, ...]
    risks_more: int
    issues: tuple[RaidIssue, ...]
    issues_more: int
    dependencies: tuple[RaidDependency, ...]
    dependencies_more: int
    flagged_dependencies: int
    notes: tuple[str, ...]  # the section in sentences: counts, basis of the movement
    # the body's table lists dependencies[:dependencies_brief] (at risk first); with more, the
    # sentence saying so, and the annex lists every one the diagram draws
    dependencies_brief: int = 0
    dependencies_brief_more: str = ""
