"""SQL tables derived from the monthly updates (and DMT decisions)."""

from __future__ import annotations

from datetime import date

from sqlmodel import Field, SQLModel

from pmo.index.tables_programme import PROGRAMME_FK


class UpdateRow(SQLModel, table=True):
    """A programme's monthly highlight report; period is its file name."""

    __tablename__ = "pmo_programme_update"

    programme_id: str = Field(primary_key=True, foreign_key=PROGRAMME_FK)
    period: str = Field(primary_key=True)
    submitted: date
    by: str
    overall: str
    schedule: str | None = None
    cost: str | None = None
    scope: str | None = None
    resources: str | None = None
    risks: str | None = None
    benefits: str | None = None
    summary: str
    path_to_green: str | None = None
    spend_to_date: float | None = None
    forecast_outturn: float | None = None
    finance_narrative: str | None = None
    assurance_rag: str | None = None
    assurance_note: str | None = None


class BenefitMeasurementRow(SQLModel, table=True):
    """A benefit actual reported in a month's update."""

    __tablename__ = "pmo_benefit_measurement"

    programme_id: str = Field(primary_key=True, foreign_key=PROGRAMME_FK)
    benefit_id: str = Field(primary_key=True)
    period: str = Field(primary_key=True)
    value: float


class DecisionRow(SQLModel, table=True):
    """An ask of DMT: from a programme's update, or (programme_id NULL) from a DMT note."""

    __tablename__ = "pmo_decision"

    pk: int = Field(primary_key=True)
    programme_id: str | None = Field(default=None, foreign_key=PROGRAMME_FK, index=True)
    period: str
    title: str
    by: date | None = None
    detail: str | None = None
