"""The programmes/<id>/programme.yaml model: a programme or project and its plan."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from pmo.model.types import (
    Base,
    Contribution,
    Date,
    FinancialYear,
    Fte,
    Money,
    Period,
    Score,
    Slug,
    Text,
    Value,
)

Stage = Literal["pipeline", "feasibility", "business-case", "delivery", "closing", "closed"]
Level = Annotated[int, Field(ge=1, le=5)]


class EndDates(Base):
    """Planned end: original baseline, latest approved baseline, forecast."""

    baseline: Date = Field(description="Original planned end, never changed")
    current: Date | None = Field(default=None, description="Latest approved end date")
    forecast: Date | None = Field(default=None, description="Forecast end date")
    actual: Date | None = Field(default=None, description="Actual end date, once closed")


class Decided(Base):
    """Who approved a business case, and when."""

    date: Date = Field(description="Date of the decision")
    by: Text = Field(description="Decision-making body, e.g. DMT")


class CostLine(Base):
    """Costs in one financial year."""

    capital: Money = Field(default=0, description="Capital cost, GBP")
    revenue: Money = Field(default=0, description="Revenue cost, GBP")


class BusinessCase(Base):
    """The investment case and its approval."""

    stage: Literal["SOC", "OBC", "FBC", "BJC"] = Field(description="Five-case model stage")
    status: Literal[
        "draft", "submitted", "approved", "approved-with-conditions", "rejected", "deferred"
    ] = Field(description="Approval status")
    decided: Decided | None = Field(default=None, description="Approval decision, once made")
    costs: dict[FinancialYear, CostLine] = Field(
        default_factory=dict, description="Costs by financial year (base-year prices)"
    )
    savings: dict[FinancialYear, Money] = Field(
        default_factory=dict, description="Cashable savings by FY; count toward savings_target"
    )
    optimism_bias: float | None = Field(
        default=None, ge=0, le=2, description="Uplift on costs, e.g. 0.15 for 15%"
    )


class Milestone(Base):
    """A dated step; baseline never changes, current shows re-baselines."""

    id: Slug = Field(description="Milestone id, unique within the programme")
    title: Text = Field(description="What is delivered")
    baseline: Date = Field(description="Original baseline date, never changed")
    current: Date | None = Field(
        default=None, description="Latest approved baseline (re-baselines are visible)"
    )
    forecast: Date | None = Field(default=None, description="Forecast date; needed until met")
    actual: Date | None = Field(default=None, description="Date achieved")
    key: bool = Field(default=False, description="A key milestone, reported to DMT")


class Target(Base):
    """Residual risk the response aims for."""

    likelihood: Level = Field(description="1 rare .. 5 almost certain")
    impact: Level = Field(description="1 negligible .. 5 severe")


class Risk(Base):
    """An uncertain event that would affect delivery."""

    id: Slug = Field(description="Risk id, unique within the programme")
    title: Text = Field(description="The risk in a line")
    cause: str | None = Field(default=None, description="Cause")
    effect: str | None = Field(default=None, description="Effect if it happens")
    category: Slug | None = Field(
        default=None,
        description="Risk category from portfolio.yaml risk.categories; recommended (without "
        "one the risk is not compared with a category appetite)",
    )
    owner: str | None = Field(default=None, description="Risk owner (a role)")
    likelihood: Level = Field(description="Current likelihood, 1 rare .. 5 almost certain")
    impact: Level = Field(description="Current impact, 1 negligible .. 5 severe")
    target: Target | None = Field(default=None, description="Target likelihood and impact")
    proximity: Date | None = Field(default=None, description="When the risk could materialise")
    response: Literal["treat", "tolerate", "transfer", "terminate"] = Field(
        default="treat", description="Response strategy"
    )
    actions: str | None = Field(default=None, description="Mitigating actions")
    status: Literal["open", "closed"] = Field(default="open", description="open or closed")
    escalate: bool = Field(
        default=False, description="Escalated to DMT by the PMO, whatever its score"
    )


class Issue(Base):
    """Something that has happened and needs managing."""

    id: Slug = Field(description="Issue id, unique within the programme")
    title: Text = Field(description="The issue in a line")
    owner: str | None = Field(default=None, description="Issue owner (a role)")
    severity: Level = Field(description="1 minor .. 5 critical")
    raised: Date | None = Field(default=None, description="Date raised")
    due: Date | None = Field(default=None, description="Resolution due date")
    status: Literal["open", "closed"] = Field(default="open", description="open or closed")
    escalate: bool = Field(default=False, description="Escalated to DMT")


class Dependency(Base):
    """Another programme this one depends on."""

    programme: Slug = Field(description="Id of the programme depended on")
    note: str | None = Field(default=None, description="Why")


class ResourceDemand(Base):
    """Demand on CSTP capacity: FTE of a role over a month range."""

    role: Slug = Field(description="A role from portfolio.yaml capacity")
    fte: Fte = Field(gt=0, description="FTE needed in each month of the range")
    from_: Period = Field(alias="from", description="First month, YYYY-MM")
    to: Period = Field(description="Last month, YYYY-MM (inclusive)")
    confirmed: bool = Field(default=False, description="Allocation confirmed by the PMO")


class BenefitValue(Base):
    """A measured value and when it was measured."""

    value: Value = Field(description="Measured value, in the benefit's unit")
    date: Date = Field(description="Date of the measurement")


class BenefitTarget(Base):
    """Where the benefit should get to, by when."""

    value: Value = Field(description="Target value, in the benefit's unit")
    by: Date = Field(description="Date the target should be reached")


class Benefit(Base):
    """A measurable improvement the investment should bring (Q3)."""

    id: Slug = Field(description="Benefit id, unique within the programme")
    title: Text = Field(description="The benefit in a line")
    kind: Literal["cashable", "non-cashable", "cost-avoidance", "non-financial", "qualitative"] = (
        Field(description="cashable | non-cashable | cost-avoidance | non-financial | qualitative")
    )
    objective: Slug | None = Field(default=None, description="The objective it serves")
    owner: str | None = Field(default=None, description="Benefit owner (a role)")
    measure: str | None = Field(default=None, description="How it is measured")
    unit: str | None = Field(default=None, description="Unit, e.g. GBP, %, days")
    direction: Literal["up", "down"] = Field(default="up", description="Which way is better")
    baseline: BenefitValue | None = Field(default=None, description="Value before the change")
    target: BenefitTarget | None = Field(default=None, description="Target value and date")
    profile: dict[Period, Value] = Field(
        default_factory=dict, description="Planned trajectory, value by month YYYY-MM"
    )
    disbenefit: bool = Field(default=False, description="A negative consequence being tracked")


class Programme(Base):
    """programme.yaml: one programme or project, kept by its manager."""

    id: Slug = Field(description="The programme's id; equals its folder name")
    name: Text = Field(description="Programme name")
    kind: Literal["programme", "project"] = Field(description="programme or project")
    parent: Slug | None = Field(default=None, description="Programme a project belongs to")
    service: Slug = Field(
        description="The service (branch) it belongs to: one of portfolio.yaml services "
        "(default children-families, education-inclusion, access-resources, transformation)"
    )
    reporting: Literal["monthly", "quarterly"] = Field(
        default="monthly",
        description="How often it reports: monthly, or quarterly (updates due in June, "
        "September, December and March only)",
    )
    sro: str | None = Field(
        default=None, description="Senior Responsible Owner (a role); recommended"
    )
    manager: str | None = Field(
        default=None, description="Programme or project manager (a role); recommended"
    )
    stage: Stage = Field(description="Lifecycle stage")
    mandatory: bool = Field(default=False, description="Statutory: must stay in any scenario")
    summary: str | None = Field(default=None, description="What and why, in a paragraph")
    start: Date | None = Field(default=None, description="Start date")
    end: EndDates | None = Field(default=None, description="Planned end dates")
    objectives: dict[Slug, Contribution] = Field(
        default_factory=dict, description="Contribution to each objective, 1 some .. 3 primary"
    )
    scores: dict[Slug, Score] = Field(
        default_factory=dict, description="Score against each criterion, 1..5"
    )
    business_case: BusinessCase | None = Field(default=None, description="Business case")
    budget: dict[FinancialYear, Money] = Field(
        default_factory=dict, description="Approved budget, GBP by financial year"
    )
    milestones: list[Milestone] = Field(default_factory=list, description="Milestones")
    risks: list[Risk] = Field(default_factory=list, description="Risk register")
    issues: list[Issue] = Field(default_factory=list, description="Issue log")
    dependencies: list[Dependency] = Field(default_factory=list, description="Dependencies")
    resources: list[ResourceDemand] = Field(
        default_factory=list, description="Demand on CSTP capacity"
    )
    benefits: list[Benefit] = Field(default_factory=list, description="Benefits")
