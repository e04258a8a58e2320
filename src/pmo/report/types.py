"""The report's data: one frozen tree holding everything each section shows (renderers read it)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from pmo.present.numbers import DASH
from pmo.present.rag import MOVE
from pmo.report.types_changes import WhatChanged
from pmo.report.types_decisions import AskTotal, DecisionLog
from pmo.report.types_groups import ByGroup
from pmo.report.types_q import (
    BenefitItem,
    FinanceItem,
    MilestoneItem,
    Q1Section,
    Q2Section,
    Q3Section,
    RiskItem,
)
from pmo.report.types_raid import Raid, Registers
from pmo.report.types_summary import Summary
from pmo.report.types_trend import NO_TRENDS, Trends

Trend = Literal["better", "worse", "same", "new", "none"]
#: The glyph printed for each trend (``none``: no comparison possible, e.g. stale on one side).
ARROWS: dict[str, str] = {**{t: MOVE[t] for t in ("better", "worse", "same", "new")}, "none": DASH}
TREND_WORDS: dict[str, str] = {
    "better": "better than last month",
    "worse": "worse than last month",
    "same": "same as last month",
    "new": "new in this report",
    "none": "no comparison (stale or missing in one of the months)",
}


@dataclass(frozen=True, slots=True)
class TrendBasis:
    """What the trends compare with: last month's snapshot (what DMT was told) or the data."""

    source: Literal["snapshot", "computed"]
    period: str
    note: str
    """One sentence for the report saying which it was (and why, when computed)."""


@dataclass(frozen=True, slots=True)
class Header:
    """The report's title block and what is missing from it."""

    portfolio: str
    office: str
    period: str
    period_label: str  # "November 2026"
    previous_period: str
    programmes: int  # programmes in the portfolio (valid programme.yaml files)
    reporting: int  # programmes due to report in the period
    updates: int  # updates received for the period
    meeting: str | None  # ISO date of the DMT meeting (dmt/YYYY-MM.yaml), if any
    headline: str | None  # the PMO's headline from dmt/YYYY-MM.yaml, if any
    rag_scale: str  # three-point | five-point
    notes: tuple[str, ...]  # what is missing or could not be done, said plainly


@dataclass(frozen=True, slots=True)
class Answer:
    """One portfolio question answered: its one-line answer and every sentence behind it."""

    key: Literal["q1", "q2", "q3"]
    question: str
    one_line: str
    sentences: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Figure:
    """A headline number DMT was told (kept in the snapshot, compared next month)."""

    key: str
    label: str
    value: float
    kind: Literal["count", "money", "percent"]
    text: str


@dataclass(frozen=True, slots=True)
class StatusCount:
    """How many programmes have a status now and (when known) in the previous report."""

    status: str
    count: int
    previous: int | None


@dataclass(frozen=True, slots=True)
class RagCell:
    """One rating in the grid with its trend since the previous report."""

    rag: str | None  # a RAG rating, "stale"/"missing" for the overall of a late programme, or None
    trend: Trend
    arrow: str  # ARROWS[trend]; "" for a dimension with nothing to compare


@dataclass(frozen=True, slots=True)
class DashboardRow:
    """One programme in the dashboard: overall status and each dimension, with trends."""

    programme: str
    name: str
    status: str  # red ... green, stale or missing
    previous_status: str | None  # in the previous report (None: not in it)
    overall: RagCell
    dimensions: tuple[RagCell, ...]  # in Dashboard.dimensions order
    flags: tuple[str, ...]  # evidence flag kinds (see analysis.q2_evidence.FlagKind)
    watermelon: bool
    latest: str | None  # period of the latest update on or before the report's period


@dataclass(frozen=True, slots=True)
class Dashboard:
    """The RAG grid: ratings worst first (red ... green), then stale, missing, unreadable."""

    dimensions: tuple[str, ...]
    counts: tuple[StatusCount, ...]  # statuses with a count now or before, best first
    rows: tuple[DashboardRow, ...]  # every programme due to report
    basis: TrendBasis
    grid: tuple[DashboardRow, ...] = ()  # the rows the pack shows (all, or the worst; limits)
    more: str = ""  # the sentence on the rows left out ('' when all are shown)


@dataclass(frozen=True, slots=True)
class DecisionItem:
    """A decision asked of DMT this period."""

    source: str  # "PMO" or the asking programme's name
    programme: str | None  # programme id; None for the PMO's portfolio-level asks
    title: str
    by: str | None  # ISO date
    detail: str | None  # the background (``background``, or the older ``detail``)
    ref: str | None = None
    recommendation: str | None = None
    options: tuple[str, ...] = ()
    cost: tuple[tuple[str, float], ...] = ()  # (FY, £) of the recommendation
    cost_text: str | None = None  # "£1.1m in 2026/27"; "£85k in 2026/27 (funded elsewhere)"
    from_envelope: bool = True
    urgent: bool = False  # needed by the meeting day or earlier


@dataclass(frozen=True, slots=True)
class StatusChange:
    """A programme whose overall status differs from the previous report."""

    programme: str
    name: str
    before: str | None  # None: not in the previous report
    after: str | None  # None: no longer in this report
    trend: Trend


@dataclass(frozen=True, slots=True)
class FigureChange:
    """A headline figure now and in the previous report."""

    key: str
    label: str
    before: str
    after: str
    delta: str  # "+2", "-£85k", "no change"
    changed: bool


@dataclass(frozen=True, slots=True)
class Changes:
    """What changed since the previous report."""

    basis: TrendBasis
    statuses: tuple[StatusChange, ...]  # by name
    figures: tuple[FigureChange, ...]  # in Figure order
    previous_headline: str | None  # the previous month's PMO headline, if known


@dataclass(frozen=True, slots=True)
class QualityItem:
    """One data-quality problem (error or warning) for the annex."""

    file: str  # relative to the portfolio root, "/" separated
    line: int
    severity: str
    code: str
    field: str
    message: str


@dataclass(frozen=True, slots=True)
class QualityGroup:
    """Data-quality problems of one kind (severity and code), counted, with an example."""

    severity: str
    code: str
    count: int
    files: int
    example: str  # the first one's message
    where: str  # the first one's file:line


@dataclass(frozen=True, slots=True)
class Quality:
    """The data-quality annex."""

    errors: int
    warnings: int
    items: tuple[QualityItem, ...]  # errors first, then by file and line; () when grouped
    note: str
    groups: tuple[QualityGroup, ...] = ()  # set instead of items when there are many
    grouped: str = ""  # the sentence saying they are grouped and where to see each one


@dataclass(frozen=True, slots=True)
class StripCell:
    """One month in a programme's RAG strip."""

    period: str
    status: str | None  # RAG, stale, missing, or None (not due to report)


@dataclass(frozen=True, slots=True)
class LatestUpdate:
    """A programme's latest update on or before the period, as the manager wrote it."""

    period: str
    current: bool  # the update is for the report's period
    submitted: str
    by: str
    overall: str
    ratings: tuple[tuple[str, str | None], ...]  # (dimension, RAG) in DIMENSIONS order
    summary: str
    path_to_green: str | None
    achievements: tuple[str, ...]
    next: tuple[str, ...]
    decisions: tuple[str, ...]
    assurance: str | None  # the PMO's rating, if recorded
    assurance_note: str | None


@dataclass(frozen=True, slots=True)
class FyLine:
    """A programme's money in one financial year."""

    fy: str
    budget: float | None
    cost: float | None  # business-case cost (capital + revenue)
    savings: float | None  # business-case cashable savings


@dataclass(frozen=True, slots=True)
class ProgrammePage:
    """One page per programme: overview, latest update, RAG strip, milestones, risks, benefits."""

    programme: str
    name: str
    kind: str
    parent: str | None  # parent programme's name
    service: str
    stage: str
    sro: str
    manager: str
    mandatory: bool
    summary: str | None
    start: str | None
    end: str | None  # "baseline 2027-07-31, current ..., forecast ..."
    business_case: str  # "FBC approved (DMT, 2025-03-12)" or "none"
    objectives: tuple[tuple[str, int], ...]  # (objective title, contribution 1..3)
    priority_rank: int | None
    priority_score: float | None
    status: str | None  # this period's status; None when not due to report
    trend: Trend
    arrow: str
    flags: tuple[str, ...]  # evidence flag reasons
    update: LatestUpdate | None
    strip: tuple[StripCell, ...]  # last six periods, oldest first
    milestones: tuple[MilestoneItem, ...]  # key milestones by date
    risks: tuple[RiskItem, ...]  # top open risks, highest score first
    benefits: tuple[BenefitItem, ...]
    finance: FinanceItem | None  # the period's FY position from its update
    money: tuple[FyLine, ...]  # budget, cost and savings by FY


@dataclass(frozen=True, slots=True)
class RagKeyEntry:
    """A rating and what it means, in the PMO's words from portfolio.yaml."""

    rating: str
    definition: str


@dataclass(frozen=True, slots=True)
class ReportData:
    """The whole monthly DMT report as data; Markdown and HTML are renderers of it."""

    header: Header
    summary: Summary
    answers: tuple[Answer, ...]  # Q1, Q2, Q3
    figures: tuple[Figure, ...]
    decisions: tuple[DecisionItem, ...]
    asks: tuple[AskTotal, ...]  # money asked by FY against headroom
    asks_notes: tuple[str, ...]  # the asks in sentences: totals, needed-by dates
    decision_log: DecisionLog
    raid: Raid
    registers: Registers  # as reported this month (kept in snapshot.json)
    what_changed: WhatChanged
    by_group: ByGroup
    dashboard: Dashboard
    q1: Q1Section
    q2: Q2Section
    q3: Q3Section
    changes: Changes
    quality: Quality
    programmes: tuple[ProgrammePage, ...]  # by name
    rag_key: tuple[RagKeyEntry, ...]
    trend_key: tuple[RagKeyEntry, ...]  # (arrow, meaning)
    glossary: tuple[RagKeyEntry, ...] = ()  # (term, meaning), A to Z
    trends: Trends = NO_TRENDS  # up to twelve months, oldest first
    # the requests the body's table lists (decisions[:decisions_brief]); with more, the
    # sentence saying so and the annex lists them all
    decisions_brief: int = 0
    decisions_more: str = ""
