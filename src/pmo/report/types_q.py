"""The report's Q1, Q2 and Q3 sections as data: numbers kept for charts, texts for reading."""

from __future__ import annotations

from dataclasses import dataclass

# ---- Q1: right portfolio -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CoverageRow:
    """How the live programmes serve one objective."""

    objective: str
    title: str
    weight: float
    primary: int  # programmes contributing 3
    contributors: int
    total: int  # sum of contributions
    flag: str | None  # "none" (no contributor) | "weak" (none contributes 2+) | None
    names: tuple[tuple[str, int], ...]  # (programme name, contribution), strongest first; capped
    names_more: int = 0  # contributors not named (see report.limits)


@dataclass(frozen=True, slots=True)
class PriorityItem:
    """A programme's place in the priority ranking."""

    rank: int
    programme: str
    name: str
    score: float
    attractiveness: float
    achievability: float
    stage: str
    funding: str  # mandatory | committed | pipeline


@dataclass(frozen=True, slots=True)
class AffordabilityYear:
    """One financial year: cost against the envelope, cashable savings against the target."""

    fy: str
    current: bool  # the FY of the report's period
    envelope: float | None  # None: no envelope set for the year (unknown, never £0)
    committed: float
    pipeline: float
    headroom: float | None  # envelope - committed
    headroom_after_pipeline: float | None
    savings_target: float | None  # None: no savings target set for the year
    savings_committed: float
    savings_pipeline: float


@dataclass(frozen=True, slots=True)
class HeatmapCell:
    """One role in one month: capacity, demand and utilisation (demand / capacity)."""

    role: str
    month: str
    capacity: float
    confirmed: float
    demand: float  # all demand of live programmes, pipeline included
    utilisation: float | None  # None when the role has no capacity
    over: bool  # demand exceeds capacity
    over_confirmed: bool  # confirmed demand alone exceeds capacity


@dataclass(frozen=True, slots=True)
class CapacityRole:
    """A role over the horizon."""

    role: str
    months_over: int
    months_over_confirmed: int
    peak_month: str
    peak_demand: float
    capacity_at_peak: float


@dataclass(frozen=True, slots=True)
class RiskItem:
    """An open risk with its residual score."""

    programme: str
    name: str  # programme name
    risk: str
    title: str
    category: str | None
    owner: str | None
    likelihood: int
    impact: int
    score: int
    target_score: int | None
    escalate: bool
    over_appetite: bool
    proximity: str | None
    actions: str | None


@dataclass(frozen=True, slots=True)
class RiskCategory:
    """Open risks in one category."""

    category: str | None  # None: risks recorded without a category (shown as NO_CATEGORY)
    open: int
    escalate: int
    over_appetite: int
    highest: int
    appetite: int | None  # None: not set for the category, or no category to look up


@dataclass(frozen=True, slots=True)
class ScenarioHeadline:
    """The what-if optimum in one paragraph (or why it could not be run)."""

    ran: bool
    status: str  # optimal | infeasible | not run
    value: float | None  # total priority value of the chosen set
    candidates: int
    chosen: int
    excluded: tuple[str, ...]  # names of the programmes left out
    pipeline_chosen: tuple[str, ...]  # names
    binding: str | None  # the main binding constraint, in words
    text: str  # the headline sentence(s)


@dataclass(frozen=True, slots=True)
class EconomicsItem:
    """A business case's cashable economics (Green Book, 3.5%, optimism bias applied)."""

    programme: str
    name: str
    cost: float  # undiscounted total, with optimism bias
    savings: float  # undiscounted total cashable savings
    pv_cost: float
    pv_savings: float
    npv: float
    bcr: float | None  # None: no cashable savings (n/a)
    payback: float | None  # simple payback in years from first spend
    cashable: bool  # False: BCR and payback are n/a (no cashable savings)


@dataclass(frozen=True, slots=True)
class GateItem:
    """A programme in delivery or closing without an approved business case."""

    programme: str
    name: str
    stage: str
    case: str  # "OBC draft" or "no business case"


@dataclass(frozen=True, slots=True)
class Q1Section:
    """Q1 — are these the right programmes?"""

    sentences: tuple[str, ...]
    coverage: tuple[CoverageRow, ...]
    unaligned: tuple[str, ...]  # names of programmes serving no objective
    priority: tuple[PriorityItem, ...]
    current_fy: str
    affordability: tuple[AffordabilityYear, ...]
    months: tuple[str, ...]  # the capacity horizon
    roles: tuple[CapacityRole, ...]
    capacity: tuple[HeatmapCell, ...]  # role by role, month by month
    escalate_at: int
    risk_grid: tuple[tuple[int, ...], ...]  # risk_grid[impact - 1][likelihood - 1] = open risks
    risks: tuple[RiskItem, ...]  # at/over the escalation score or over appetite
    open_risks: int
    categories: tuple[RiskCategory, ...]
    scenario: ScenarioHeadline
    economics: tuple[EconomicsItem, ...]
    gate: tuple[GateItem, ...]
    risks_recorded: int = 0  # by live programmes, open or closed: 0 is 'none recorded'
    unreadable: tuple[str, ...] = ()  # programmes not in coverage or priority: cannot be read
    # what a long list leaves out, in a sentence ('' when shown whole; see report.limits)
    priority_more: str = ""
    risks_more: str = ""
    economics_note: str = ""  # when capped: which cases are shown (lowest NPV first)
    economics_more: str = ""
    gate_more: str = ""
    # the annex's full tables when the body cuts them short (() when the body shows all)
    priority_annex: tuple[PriorityItem, ...] = ()
    risks_annex: tuple[RiskItem, ...] = ()
    risks_annex_more: str = ""
    priority_annex_more: str = ""
    economics_annex: tuple[EconomicsItem, ...] = ()
    economics_annex_more: str = ""


# ---- Q2: delivering well -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ExceptionItem:
    """A programme needing DMT's attention because of its rating, with its own account."""

    programme: str
    name: str
    overall: str
    summary: str
    path_to_green: str | None
    amber_months: int | None  # consecutive amber months, when 3 or more
    amber_since: str | None
    assurance: str | None  # PMO assurance rating when it differs from the self-assessment
    assurance_note: str | None


@dataclass(frozen=True, slots=True)
class EvidenceItem:
    """A programme whose evidence disagrees with its rating (never changing the rating)."""

    programme: str
    name: str
    status: str
    watermelon: bool
    kinds: tuple[str, ...]
    reasons: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class MilestoneItem:
    """A milestone's dates and slip (days) at the period."""

    programme: str
    name: str  # programme name
    milestone: str
    title: str
    key: bool
    baseline: str
    current: str | None
    forecast: str | None
    actual: str | None  # only when met by the period's end
    slip_vs_baseline: int | None
    slip_vs_current: int | None
    rebaselined: bool
    due: str | None  # met | missed, when due in the period
    beyond_tolerance: bool
    met_later: bool = False  # an actual after the period's end (not shown; the slips count it)


@dataclass(frozen=True, slots=True)
class EndDateItem:
    """A programme expected to finish after its original end date."""

    programme: str
    name: str
    baseline: str
    projected: str
    vs_baseline: int
    vs_current: int


@dataclass(frozen=True, slots=True)
class FinanceItem:
    """In-year finance: budget, spend to date, forecast outturn and variance."""

    programme: str
    name: str
    fy: str
    budget: float | None
    spend_to_date: float | None
    forecast_outturn: float | None
    variance: float | None  # forecast - budget (positive: overspend)
    variance_percent: float | None
    beyond_tolerance: bool
    narrative: str | None
    no_budget: bool = False  # a forecast with no (or a zero) budget: variance unknown, flagged


@dataclass(frozen=True, slots=True)
class ComplianceItem:
    """A programme that did not report on time."""

    programme: str
    name: str
    status: str  # missing | stale | late
    latest: str | None
    detail: str


@dataclass(frozen=True, slots=True)
class Q2Section:
    """Q2 — are we delivering them well?"""

    sentences: tuple[str, ...]
    schedule_days: int
    cost_percent: float
    exceptions: tuple[ExceptionItem, ...]  # worst first, then by name
    evidence: tuple[EvidenceItem, ...]  # watermelons first, then worst rating, most flags
    milestones: tuple[MilestoneItem, ...]  # open milestones late against a baseline, worst first
    due: tuple[MilestoneItem, ...]  # milestones due in the period, met or missed
    end_dates: tuple[EndDateItem, ...]  # latest first
    finance: tuple[FinanceItem, ...]  # by name
    finance_budget: float
    finance_forecast: float
    compliance: tuple[ComplianceItem, ...]
    # a long list's summary and what it leaves out ('' when shown whole; see report.limits)
    exceptions_summary: str = ""  # by kind, with counts
    exceptions_more: str = ""
    evidence_summary: str = ""  # flags by kind, with counts
    evidence_more: str = ""
    milestones_more: str = ""
    due_more: str = ""
    end_dates_more: str = ""
    finance_note: str = ""  # when capped: which programmes are shown
    finance_more: str = ""
    compliance_more: str = ""
    # the annex's full tables when the body cuts them short (() when the body shows all)
    evidence_annex: tuple[EvidenceItem, ...] = ()
    evidence_annex_more: str = ""
    milestones_annex: tuple[MilestoneItem, ...] = ()
    milestones_annex_more: str = ""
    finance_annex: tuple[FinanceItem, ...] = ()
    finance_annex_more: str = ""
    due_annex: tuple[MilestoneItem, ...] = ()
    due_annex_more: str = ""
    end_dates_annex: tuple[EndDateItem, ...] = ()
    end_dates_annex_more: str = ""


# ---- Q3: benefits --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SavingsYearItem:
    """The savings position of one FY (see pmo.analysis.q3_savings): target, planned,
    forecast, at risk (planned - forecast), unidentified (target - planned), and the basis."""

    fy: str
    target: float | None  # None: no savings target set
    planned: float
    forecast: float | None  # None: no programme has a forecast for the year
    at_risk: float | None  # None with no forecast
    unidentified: float | None
    unforecast: float  # planned savings of programmes with no forecast (not counted)
    basis: str  # where the forecast comes from, in words


@dataclass(frozen=True, slots=True)
class BenefitItem:
    """One benefit at the period: planned, latest actual, realisation and status."""

    programme: str
    programme_name: str
    benefit: str
    title: str
    kind: str
    unit: str | None
    direction: str
    owner: str | None
    baseline: float | None
    planned: float | None  # for the latest actual's month (what it is compared with)
    actual: float | None
    actual_period: str | None
    target: float | None
    target_by: str | None
    realisation: float | None  # percent of the planned change achieved
    status: str
    overdue: bool
    forecast: float | None  # value at the target date (Q3's one forecast; see forecast_method)
    meets_target: bool | None  # the forecast reaches the target within tolerance
    forecast_method: str | None = None  # "plan-relative" or "straight line"


@dataclass(frozen=True, slots=True)
class Trajectory:
    """A benefit's planned path and actuals, for a small chart."""

    programme: str
    programme_name: str
    benefit: str
    title: str
    unit: str | None
    direction: str
    status: str
    planned: tuple[tuple[str, float], ...]  # (YYYY-MM, value): baseline, profile, target
    actual: tuple[tuple[str, float], ...]  # (YYYY-MM, value) reported up to the period
    target: float | None
    forecast: tuple[str, float] | None = None  # (target date YYYY-MM-DD, forecast value)
    forecast_method: str | None = None  # "plan-relative" or "straight line"


@dataclass(frozen=True, slots=True)
class Q3Section:
    """Q3 — are the benefits being realised?"""

    sentences: tuple[str, ...]
    benefit_percent: float
    savings: tuple[SavingsYearItem, ...]
    counts: tuple[tuple[str, int], ...]  # (status, benefits), statuses with any
    at_risk: tuple[BenefitItem, ...]  # at risk and off track, largest shortfall first
    ahead: tuple[BenefitItem, ...]
    overdue: tuple[BenefitItem, ...]
    trajectories: tuple[Trajectory, ...]  # measured benefits with a plan, by programme name
    quality: tuple[str, ...]  # benefit data-quality findings in sentences
    at_risk_more: str = ""  # what a long list leaves out ('' when whole; see report.limits)
    ahead_more: str = ""
    overdue_more: str = ""
    status_rule: str = ""  # what the statuses and the forecast mean (q3_benefits.status_rule)
    # the annex's full table when the body cuts it short (() when the body shows all)
    at_risk_annex: tuple[BenefitItem, ...] = ()
    at_risk_annex_more: str = ""
    trajectories_brief: int = (
        0  # trajectories[:trajectories_brief] in the body, the rest in the annex
    )
    trajectories_more: str = ""  # the body's sentence on the charts in the annex
