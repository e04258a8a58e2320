"""SQL tables derived from portfolio.yaml and the DMT notes."""

from __future__ import annotations

from datetime import date

from sqlmodel import Field, SQLModel


class PortfolioRow(SQLModel, table=True):
    """The portfolio's settings: one row."""

    __tablename__ = "pmo_portfolio"

    id: int = Field(default=1, primary_key=True)
    name: str
    office: str
    stale_after_days: int
    escalate_at: int
    schedule_days: int
    cost_percent: float
    benefit_percent: float
    rag_scale: str


class ObjectiveRow(SQLModel, table=True):
    """A strategic objective (pk is surrogate: ids are unique only by validation rule)."""

    __tablename__ = "pmo_objective"

    pk: int = Field(primary_key=True)
    id: str = Field(index=True)
    title: str
    weight: float
    position: int


class CriterionRow(SQLModel, table=True):
    """A prioritisation criterion."""

    __tablename__ = "pmo_criterion"

    pk: int = Field(primary_key=True)
    id: str = Field(index=True)
    title: str
    weight: float
    group: str
    position: int


class CapacityRow(SQLModel, table=True):
    """FTE of a role from a month on; from_period NULL is the starting FTE."""

    __tablename__ = "pmo_capacity"

    pk: int = Field(primary_key=True)
    role: str = Field(index=True)
    from_period: str | None = None
    fte: float


class EnvelopeRow(SQLModel, table=True):
    """Transformation funding available in a financial year."""

    __tablename__ = "pmo_envelope"

    fy: str = Field(primary_key=True)
    amount: float


class SavingsTargetRow(SQLModel, table=True):
    """Cashable savings the portfolio must deliver in a financial year."""

    __tablename__ = "pmo_savings_target"

    fy: str = Field(primary_key=True)
    amount: float


class DmtNoteRow(SQLModel, table=True):
    """The PMO's note for a month's DMT meeting."""

    __tablename__ = "pmo_dmt_note"

    period: str = Field(primary_key=True)
    meeting: date | None = None
    headline: str | None = None


class ExportInfoRow(SQLModel, table=True):
    """What pmo wrote: generator 'pmo', the layout version, and each table and view it made.

    pmo recognises its own export by this table, and replaces or deletes only what it lists.
    """

    __tablename__ = "pmo_export"

    item: str = Field(primary_key=True)
    value: str = Field(primary_key=True)
