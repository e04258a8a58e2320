"""SQL tables derived from portfolio.yaml and the DMT notes (descriptions from the models)."""

from __future__ import annotations

from datetime import date
from typing import Any

from pydantic import BaseModel
from sqlmodel import Field, SQLModel

from pmo.model import Criterion, DmtNote, Objective, Portfolio
from pmo.model.portfolio import RagKey, RiskPolicy, Tolerances


def doc(model: type[BaseModel], name: str, prefix: str = "") -> Any:
    """The description of a model field, for a column that holds it (docs/sql.md shows it)."""
    field = model.model_fields[name]
    return f"{prefix}{field.description or ''}"


class PortfolioRow(SQLModel, table=True):
    """The portfolio's settings: one row."""

    __tablename__ = "pmo_portfolio"

    portfolio_id: int = Field(default=1, primary_key=True, description="Always 1")
    name: str = Field(description=doc(Portfolio, "name"))
    office: str = Field(description=doc(Portfolio, "office"))
    stale_after_days: int = Field(description=doc(Portfolio, "stale_after_days"))
    escalate_at: int = Field(description=doc(RiskPolicy, "escalate_at"))
    schedule_days: int = Field(description=doc(Tolerances, "schedule_days"))
    cost_percent: float = Field(description=doc(Tolerances, "cost_percent"))
    benefit_percent: float = Field(description=doc(Tolerances, "benefit_percent"))
    rag_scale: str = Field(description=doc(Portfolio, "rag_scale"))
    rag_key_green: str = Field(description=doc(RagKey, "green"))
    rag_key_amber: str = Field(description=doc(RagKey, "amber"))
    rag_key_red: str = Field(description=doc(RagKey, "red"))
    rag_key_amber_green: str | None = Field(default=None, description="What amber-green means")
    rag_key_amber_red: str | None = Field(default=None, description="What amber-red means")


class ObjectiveRow(SQLModel, table=True):
    """A strategic objective."""

    __tablename__ = "pmo_objective"

    objective_id: str = Field(primary_key=True, description=doc(Objective, "id"))
    title: str = Field(description=doc(Objective, "title"))
    weight: float = Field(description=doc(Objective, "weight"))
    position: int = Field(description="Order in portfolio.yaml, from 1")


class CriterionRow(SQLModel, table=True):
    """A prioritisation criterion."""

    __tablename__ = "pmo_criterion"

    criterion_id: str = Field(primary_key=True, description=doc(Criterion, "id"))
    title: str = Field(description=doc(Criterion, "title"))
    weight: float = Field(description=doc(Criterion, "weight"))
    criterion_group: str = Field(description=doc(Criterion, "group"))
    position: int = Field(description="Order in portfolio.yaml, from 1")


class RoleRow(SQLModel, table=True):
    """A role of the team's capacity (portfolio.yaml capacity)."""

    __tablename__ = "pmo_role"

    role_id: str = Field(primary_key=True, description="Role id, e.g. business-analyst")
    position: int = Field(description="Order in portfolio.yaml, from 1")


class CapacityRow(SQLModel, table=True):
    """FTE of a role from a month on; from_period NULL is the starting FTE."""

    __tablename__ = "pmo_capacity"

    pk: int = Field(primary_key=True, description="Row number")
    role_id: str = Field(foreign_key="pmo_role.role_id", index=True, description="The role")
    from_period: str | None = Field(
        default=None, description="Month YYYY-MM from which this FTE applies; NULL: from the start"
    )
    fte: float = Field(description="FTE available in the role")


class RiskCategoryRow(SQLModel, table=True):
    """A risk category allowed in the portfolio, with its appetite when set."""

    __tablename__ = "pmo_risk_category"

    category_id: str = Field(primary_key=True, description="Risk category id")
    appetite: int | None = Field(default=None, description=doc(RiskPolicy, "appetite"))
    position: int = Field(description="Order in portfolio.yaml, from 1")


class EnvelopeRow(SQLModel, table=True):
    """Transformation funding available in a financial year."""

    __tablename__ = "pmo_envelope"

    fy: str = Field(primary_key=True, description="Financial year, e.g. 2026/27")
    amount: float = Field(description=doc(Portfolio, "envelope"))


class SavingsTargetRow(SQLModel, table=True):
    """Cashable savings the portfolio must deliver in a financial year."""

    __tablename__ = "pmo_savings_target"

    fy: str = Field(primary_key=True, description="Financial year, e.g. 2026/27")
    amount: float = Field(description=doc(Portfolio, "savings_target"))


class DmtNoteRow(SQLModel, table=True):
    """The PMO's note for a month's DMT meeting."""

    __tablename__ = "pmo_dmt_note"

    period: str = Field(primary_key=True, description="Month YYYY-MM of the meeting")
    meeting: date | None = Field(default=None, description=doc(DmtNote, "meeting"))
    headline: str | None = Field(default=None, description=doc(DmtNote, "headline"))


class ExportInfoRow(SQLModel, table=True):
    """What pmo wrote: generator 'pmo', the layout version, and each table and view it made.

    pmo recognises its own export by this table, and replaces or deletes only what it lists.
    """

    __tablename__ = "pmo_export"

    item: str = Field(primary_key=True, description="generator, layout, table:NN or view:NN")
    value: str = Field(description="Its value: pmo, the layout number, a table or view name")
