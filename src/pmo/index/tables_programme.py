"""SQL tables derived from programmes/<id>/programme.yaml.

Every table carries ``programme_id`` (BI tools join on equal column names); list items are
keyed by their programme and their own id; every reference is a foreign key.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import ForeignKey, ForeignKeyConstraint
from sqlmodel import Field, SQLModel

from pmo.index.tables_portfolio import doc
from pmo.model import Benefit, BusinessCase, Issue, Milestone, Programme, ResourceDemand, Risk
from pmo.model.programme import BenefitTarget, BenefitValue, CostLine, Decided, EndDates

PROGRAMME_FK = "pmo_programme.programme_id"
PID = "The programme's id (its folder name)"


class ProgrammeRow(SQLModel, table=True):
    """A programme or project."""

    __tablename__ = "pmo_programme"

    programme_id: str = Field(primary_key=True, description=PID)
    name: str = Field(description=doc(Programme, "name"))
    kind: str = Field(description=doc(Programme, "kind"))
    parent_id: str | None = Field(  # checked at commit: a project may come before its parent
        default=None,
        sa_column_args=[ForeignKey(PROGRAMME_FK, deferrable=True, initially="DEFERRED")],
        description=doc(Programme, "parent"),
    )
    service: str = Field(description=doc(Programme, "service"))
    sro: str | None = Field(default=None, description=doc(Programme, "sro"))
    manager: str | None = Field(default=None, description=doc(Programme, "manager"))
    stage: str = Field(description=doc(Programme, "stage"))
    mandatory: bool = Field(description=doc(Programme, "mandatory"))
    start_date: date | None = Field(default=None, description=doc(Programme, "start"))
    end_baseline: date | None = Field(default=None, description=doc(EndDates, "baseline"))
    end_current: date | None = Field(default=None, description=doc(EndDates, "current"))
    end_forecast: date | None = Field(default=None, description=doc(EndDates, "forecast"))
    end_actual: date | None = Field(default=None, description=doc(EndDates, "actual"))
    bc_stage: str | None = Field(default=None, description=doc(BusinessCase, "stage"))
    bc_status: str | None = Field(default=None, description=doc(BusinessCase, "status"))
    bc_decided: date | None = Field(default=None, description=doc(Decided, "date"))
    bc_decided_by: str | None = Field(default=None, description=doc(Decided, "by"))
    optimism_bias: float | None = Field(
        default=None, description=doc(BusinessCase, "optimism_bias")
    )
    summary: str | None = Field(default=None, description=doc(Programme, "summary"))


class ObjectiveContributionRow(SQLModel, table=True):
    """How much a programme contributes to an objective, 1 some .. 3 primary."""

    __tablename__ = "pmo_objective_contribution"

    programme_id: str = Field(primary_key=True, foreign_key=PROGRAMME_FK, description=PID)
    objective_id: str = Field(
        primary_key=True, foreign_key="pmo_objective.objective_id", description="The objective"
    )
    contribution: int = Field(description="1 some .. 3 primary")


class ScoreRow(SQLModel, table=True):
    """A programme's score against a criterion, 1..5."""

    __tablename__ = "pmo_score"

    programme_id: str = Field(primary_key=True, foreign_key=PROGRAMME_FK, description=PID)
    criterion_id: str = Field(
        primary_key=True, foreign_key="pmo_criterion.criterion_id", description="The criterion"
    )
    score: int = Field(description="1 (low) .. 5 (high)")


class BudgetRow(SQLModel, table=True):
    """Approved budget in a financial year."""

    __tablename__ = "pmo_budget"

    programme_id: str = Field(primary_key=True, foreign_key=PROGRAMME_FK, description=PID)
    fy: str = Field(primary_key=True, description="Financial year, e.g. 2026/27")
    amount: float = Field(description=doc(Programme, "budget"))


class BusinessCaseCostRow(SQLModel, table=True):
    """Business case costs in a financial year (base-year prices): what Q1 counts as cost."""

    __tablename__ = "pmo_business_case_cost"

    programme_id: str = Field(primary_key=True, foreign_key=PROGRAMME_FK, description=PID)
    fy: str = Field(primary_key=True, description="Financial year, e.g. 2026/27")
    capital: float = Field(description=doc(CostLine, "capital"))
    revenue: float = Field(description=doc(CostLine, "revenue"))


class BusinessCaseSavingRow(SQLModel, table=True):
    """Cashable savings in a financial year."""

    __tablename__ = "pmo_business_case_saving"

    programme_id: str = Field(primary_key=True, foreign_key=PROGRAMME_FK, description=PID)
    fy: str = Field(primary_key=True, description="Financial year, e.g. 2026/27")
    amount: float = Field(description=doc(BusinessCase, "savings"))


class MilestoneRow(SQLModel, table=True):
    """A milestone with its baseline, current, forecast and actual dates."""

    __tablename__ = "pmo_milestone"

    programme_id: str = Field(primary_key=True, foreign_key=PROGRAMME_FK, description=PID)
    milestone_id: str = Field(primary_key=True, description=doc(Milestone, "id"))
    title: str = Field(description=doc(Milestone, "title"))
    baseline: date = Field(description=doc(Milestone, "baseline"))
    current_baseline: date | None = Field(default=None, description=doc(Milestone, "current"))
    forecast: date | None = Field(default=None, description=doc(Milestone, "forecast"))
    actual: date | None = Field(default=None, description=doc(Milestone, "actual"))
    is_key: bool = Field(description=doc(Milestone, "key"))


class RiskRow(SQLModel, table=True):
    """A risk; score = likelihood x impact, target_score likewise for the target."""

    __tablename__ = "pmo_risk"

    programme_id: str = Field(primary_key=True, foreign_key=PROGRAMME_FK, description=PID)
    risk_id: str = Field(primary_key=True, description=doc(Risk, "id"))
    title: str = Field(description=doc(Risk, "title"))
    cause: str | None = Field(default=None, description=doc(Risk, "cause"))
    effect: str | None = Field(default=None, description=doc(Risk, "effect"))
    category_id: str = Field(
        foreign_key="pmo_risk_category.category_id", description=doc(Risk, "category")
    )
    owner: str | None = Field(default=None, description=doc(Risk, "owner"))
    likelihood: int = Field(description=doc(Risk, "likelihood"))
    impact: int = Field(description=doc(Risk, "impact"))
    score: int = Field(description="likelihood x impact, 1..25")
    target_likelihood: int | None = Field(default=None, description="Target likelihood, 1..5")
    target_impact: int | None = Field(default=None, description="Target impact, 1..5")
    target_score: int | None = Field(default=None, description="target likelihood x impact")
    proximity: date | None = Field(default=None, description=doc(Risk, "proximity"))
    response: str = Field(description=doc(Risk, "response"))
    actions: str | None = Field(default=None, description=doc(Risk, "actions"))
    status: str = Field(description=doc(Risk, "status"))


class IssueRow(SQLModel, table=True):
    """An issue on a programme's log."""

    __tablename__ = "pmo_issue"

    programme_id: str = Field(primary_key=True, foreign_key=PROGRAMME_FK, description=PID)
    issue_id: str = Field(primary_key=True, description=doc(Issue, "id"))
    title: str = Field(description=doc(Issue, "title"))
    owner: str | None = Field(default=None, description=doc(Issue, "owner"))
    severity: int = Field(description=doc(Issue, "severity"))
    raised: date | None = Field(default=None, description=doc(Issue, "raised"))
    due: date | None = Field(default=None, description=doc(Issue, "due"))
    status: str = Field(description=doc(Issue, "status"))
    escalate: bool = Field(description=doc(Issue, "escalate"))


class DependencyRow(SQLModel, table=True):
    """programme_id depends on depends_on_id (another programme)."""

    __tablename__ = "pmo_dependency"

    programme_id: str = Field(primary_key=True, foreign_key=PROGRAMME_FK, description=PID)
    depends_on_id: str = Field(
        primary_key=True, foreign_key=PROGRAMME_FK, description="Id of the programme depended on"
    )
    note: str | None = Field(default=None, description="Why")


class ResourceDemandRow(SQLModel, table=True):
    """FTE of a role needed in each month from from_period to to_period inclusive."""

    __tablename__ = "pmo_resource_demand"

    pk: int = Field(primary_key=True, description="Row number")
    programme_id: str = Field(foreign_key=PROGRAMME_FK, index=True, description=PID)
    role_id: str = Field(foreign_key="pmo_role.role_id", description=doc(ResourceDemand, "role"))
    fte: float = Field(description=doc(ResourceDemand, "fte"))
    from_period: str = Field(description=doc(ResourceDemand, "from_"))
    to_period: str = Field(description=doc(ResourceDemand, "to"))
    confirmed: bool = Field(description=doc(ResourceDemand, "confirmed"))


class BenefitRow(SQLModel, table=True):
    """A benefit with its baseline and target."""

    __tablename__ = "pmo_benefit"

    programme_id: str = Field(primary_key=True, foreign_key=PROGRAMME_FK, description=PID)
    benefit_id: str = Field(primary_key=True, description=doc(Benefit, "id"))
    title: str = Field(description=doc(Benefit, "title"))
    kind: str = Field(description=doc(Benefit, "kind"))
    objective_id: str | None = Field(
        default=None,
        foreign_key="pmo_objective.objective_id",
        description=doc(Benefit, "objective"),
    )
    owner: str | None = Field(default=None, description=doc(Benefit, "owner"))
    measure: str | None = Field(default=None, description=doc(Benefit, "measure"))
    unit: str | None = Field(default=None, description=doc(Benefit, "unit"))
    direction: str = Field(description=doc(Benefit, "direction"))
    baseline_value: float | None = Field(default=None, description=doc(BenefitValue, "value"))
    baseline_date: date | None = Field(default=None, description=doc(BenefitValue, "date"))
    target_value: float | None = Field(default=None, description=doc(BenefitTarget, "value"))
    target_by: date | None = Field(default=None, description=doc(BenefitTarget, "by"))
    disbenefit: bool = Field(description=doc(Benefit, "disbenefit"))


BENEFIT_FK = ForeignKeyConstraint(
    ["programme_id", "benefit_id"], ["pmo_benefit.programme_id", "pmo_benefit.benefit_id"]
)


class BenefitProfileRow(SQLModel, table=True):
    """A benefit's planned value in a month, from its profile (actuals: pmo_benefit_measurement)."""

    __tablename__ = "pmo_benefit_profile"
    __table_args__ = (BENEFIT_FK,)

    programme_id: str = Field(primary_key=True, description=PID)
    benefit_id: str = Field(primary_key=True, description="The benefit")
    period: str = Field(primary_key=True, description="Month YYYY-MM")
    value: float = Field(description="Planned value in the benefit's unit")
