"""SQL tables derived from the monthly updates (and DMT decisions)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import ForeignKeyConstraint
from sqlmodel import Field, SQLModel

from pmo.index.tables_portfolio import doc
from pmo.index.tables_programme import PID, PROGRAMME_FK
from pmo.model import Assurance, Decision, Finance, RagRatings, Update


class UpdateRow(SQLModel, table=True):
    """A programme's monthly highlight report; period is its file name."""

    __tablename__ = "pmo_programme_update"

    programme_id: str = Field(primary_key=True, foreign_key=PROGRAMME_FK, description=PID)
    period: str = Field(primary_key=True, description=doc(Update, "period"))
    update_status: str | None = Field(default=None, description=doc(Update, "status"))
    submitted: date = Field(description=doc(Update, "submitted"))
    submitted_by: str | None = Field(default=None, description=doc(Update, "by"))
    overall: str = Field(description=doc(RagRatings, "overall"))
    schedule: str | None = Field(default=None, description=doc(RagRatings, "schedule", "RAG: "))
    cost: str | None = Field(default=None, description=doc(RagRatings, "cost", "RAG: "))
    scope: str | None = Field(default=None, description=doc(RagRatings, "scope", "RAG: "))
    resources: str | None = Field(default=None, description=doc(RagRatings, "resources", "RAG: "))
    risks: str | None = Field(default=None, description=doc(RagRatings, "risks", "RAG: "))
    benefits: str | None = Field(default=None, description=doc(RagRatings, "benefits", "RAG: "))
    summary: str | None = Field(default=None, description=doc(Update, "summary"))
    path_to_green: str | None = Field(default=None, description=doc(Update, "path_to_green"))
    achievements: str | None = Field(
        default=None, description=doc(Update, "achievements", "One per line: ")
    )
    next_steps: str | None = Field(default=None, description=doc(Update, "next", "One per line: "))
    spend_to_date: float | None = Field(default=None, description=doc(Finance, "spend_to_date"))
    forecast_outturn: float | None = Field(
        default=None, description=doc(Finance, "forecast_outturn")
    )
    finance_narrative: str | None = Field(default=None, description=doc(Finance, "narrative"))
    assurance_rag: str | None = Field(default=None, description=doc(Assurance, "rag"))
    assurance_note: str | None = Field(default=None, description=doc(Assurance, "note"))
    assurance_by: str | None = Field(default=None, description=doc(Assurance, "by"))
    assurance_date: date | None = Field(default=None, description=doc(Assurance, "date"))


class BenefitMeasurementRow(SQLModel, table=True):
    """A benefit measurement: an actual reported in a month's update (plan: pmo_benefit_profile)."""

    __tablename__ = "pmo_benefit_measurement"
    __table_args__ = (
        ForeignKeyConstraint(
            ["programme_id", "benefit_id"],
            ["pmo_benefit.programme_id", "pmo_benefit.benefit_id"],
        ),
        ForeignKeyConstraint(
            ["programme_id", "period"],
            ["pmo_programme_update.programme_id", "pmo_programme_update.period"],
        ),
    )

    programme_id: str = Field(primary_key=True, description=PID)
    benefit_id: str = Field(primary_key=True, description="The benefit measured")
    period: str = Field(primary_key=True, description="The update's month YYYY-MM")
    value: float = Field(description="Measured value in the benefit's unit")


class DecisionRow(SQLModel, table=True):
    """An ask of DMT: from a programme's update, or (programme_id NULL) from a DMT note."""

    __tablename__ = "pmo_decision"

    pk: int = Field(primary_key=True, description="Row number")
    programme_id: str | None = Field(
        default=None,
        foreign_key=PROGRAMME_FK,
        index=True,
        description="The programme asking; NULL: the PMO (a DMT note)",
    )
    period: str = Field(description="Month YYYY-MM of the update or DMT note")
    title: str = Field(description=doc(Decision, "title"))
    needed_by: date | None = Field(default=None, description=doc(Decision, "by"))
    detail: str | None = Field(default=None, description=doc(Decision, "detail"))
