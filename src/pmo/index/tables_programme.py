"""SQL tables derived from programmes/<id>/programme.yaml.

Mappings in the YAML (objectives, scores, budget, costs, savings, profile) have natural
composite keys; list items (milestones, risks, ...) get a surrogate ``pk`` because their
ids are unique only by validation rule, and the index is built from unvalidated files too.
"""

from __future__ import annotations

from datetime import date

from sqlmodel import Field, SQLModel

PROGRAMME_FK = "pmo_programme.id"


class ProgrammeRow(SQLModel, table=True):
    """A programme or project; id is its folder name."""

    __tablename__ = "pmo_programme"

    id: str = Field(primary_key=True)
    name: str
    kind: str
    parent: str | None = None
    service: str
    sro: str
    manager: str
    stage: str
    mandatory: bool
    start: date | None = None
    end_baseline: date | None = None
    end_current: date | None = None
    end_forecast: date | None = None
    end_actual: date | None = None
    bc_stage: str | None = None
    bc_status: str | None = None
    bc_decided: date | None = None
    bc_decided_by: str | None = None
    optimism_bias: float | None = None
    summary: str | None = None


class ObjectiveContributionRow(SQLModel, table=True):
    """How much a programme contributes to an objective, 1 some .. 3 primary."""

    __tablename__ = "pmo_objective_contribution"

    programme_id: str = Field(primary_key=True, foreign_key=PROGRAMME_FK)
    objective_id: str = Field(primary_key=True)
    contribution: int


class ScoreRow(SQLModel, table=True):
    """A programme's score against a criterion, 1..5."""

    __tablename__ = "pmo_score"

    programme_id: str = Field(primary_key=True, foreign_key=PROGRAMME_FK)
    criterion_id: str = Field(primary_key=True)
    score: int


class BudgetRow(SQLModel, table=True):
    """Approved budget in a financial year."""

    __tablename__ = "pmo_budget"

    programme_id: str = Field(primary_key=True, foreign_key=PROGRAMME_FK)
    fy: str = Field(primary_key=True)
    amount: float


class BusinessCaseCostRow(SQLModel, table=True):
    """Business case costs in a financial year (base-year prices)."""

    __tablename__ = "pmo_business_case_cost"

    programme_id: str = Field(primary_key=True, foreign_key=PROGRAMME_FK)
    fy: str = Field(primary_key=True)
    capital: float
    revenue: float


class BusinessCaseSavingRow(SQLModel, table=True):
    """Cashable savings in a financial year."""

    __tablename__ = "pmo_business_case_saving"

    programme_id: str = Field(primary_key=True, foreign_key=PROGRAMME_FK)
    fy: str = Field(primary_key=True)
    amount: float


class MilestoneRow(SQLModel, table=True):
    """A milestone with its baseline, current, forecast and actual dates."""

    __tablename__ = "pmo_milestone"

    pk: int = Field(primary_key=True)
    programme_id: str = Field(foreign_key=PROGRAMME_FK, index=True)
    id: str
    title: str
    baseline: date
    current: date | None = None
    forecast: date | None = None
    actual: date | None = None
    key: bool


class RiskRow(SQLModel, table=True):
    """A risk; score = likelihood x impact, target_score likewise for the target."""

    __tablename__ = "pmo_risk"

    pk: int = Field(primary_key=True)
    programme_id: str = Field(foreign_key=PROGRAMME_FK, index=True)
    id: str
    title: str
    cause: str | None = None
    effect: str | None = None
    category: str | None = None
    owner: str | None = None
    likelihood: int
    impact: int
    score: int
    target_likelihood: int | None = None
    target_impact: int | None = None
    target_score: int | None = None
    proximity: date | None = None
    response: str
    actions: str | None = None
    status: str


class IssueRow(SQLModel, table=True):
    """An issue on a programme's log."""

    __tablename__ = "pmo_issue"

    pk: int = Field(primary_key=True)
    programme_id: str = Field(foreign_key=PROGRAMME_FK, index=True)
    id: str
    title: str
    owner: str | None = None
    severity: int
    raised: date | None = None
    due: date | None = None
    status: str
    escalate: bool


class DependencyRow(SQLModel, table=True):
    """programme_id depends on depends_on (another programme's id)."""

    __tablename__ = "pmo_dependency"

    pk: int = Field(primary_key=True)
    programme_id: str = Field(foreign_key=PROGRAMME_FK, index=True)
    depends_on: str
    note: str | None = None


class ResourceDemandRow(SQLModel, table=True):
    """FTE of a role needed in each month from from_period to to_period inclusive."""

    __tablename__ = "pmo_resource_demand"

    pk: int = Field(primary_key=True)
    programme_id: str = Field(foreign_key=PROGRAMME_FK, index=True)
    role: str
    fte: float
    from_period: str
    to_period: str
    confirmed: bool


class BenefitRow(SQLModel, table=True):
    """A benefit with its baseline and target."""

    __tablename__ = "pmo_benefit"

    pk: int = Field(primary_key=True)
    programme_id: str = Field(foreign_key=PROGRAMME_FK, index=True)
    id: str
    title: str
    kind: str
    objective: str | None = None
    owner: str | None = None
    measure: str | None = None
    unit: str | None = None
    direction: str
    baseline_value: float | None = None
    baseline_date: date | None = None
    target_value: float | None = None
    target_by: date | None = None
    disbenefit: bool


class BenefitProfileRow(SQLModel, table=True):
    """A benefit's planned value in a month."""

    __tablename__ = "pmo_benefit_profile"

    benefit_pk: int = Field(primary_key=True, foreign_key="pmo_benefit.pk")
    period: str = Field(primary_key=True)
    programme_id: str = Field(foreign_key=PROGRAMME_FK, index=True)
    benefit_id: str
    value: float
