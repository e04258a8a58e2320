"""SQL tables of pmo's own analysis at the export period, so SQL agrees with the report.

These hold what `pmo status` and the DMT report compute (status with stale/missing/not due/
unreadable, evidence flags, exceptions, affordability, priority, benefit realisation, capacity):
an analyst never re-derives them. A status or capacity row may name a programme or role that
has no row of its own (an unreadable programme.yaml; a role demanded but not in capacity), so
those two columns are deliberately not foreign keys.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import ForeignKeyConstraint
from sqlmodel import Field, SQLModel

from pmo.index.tables_programme import PID, PROGRAMME_FK

PERIOD = "Month YYYY-MM the figures are for"


class StatusRow(SQLModel, table=True):
    """Each programme's status in each month: a rating, stale, missing, unreadable or not due."""

    __tablename__ = "pmo_status"

    programme_id: str = Field(
        primary_key=True, description=f"{PID} (no foreign key: an unreadable one has no row)"
    )
    period: str = Field(primary_key=True, description="Month YYYY-MM")
    status: str = Field(
        description="green, amber-green, amber, amber-red, red, stale (update too old), missing "
        "(none), unreadable (programme.yaml has errors) or not due (not reporting yet)"
    )
    overall: str | None = Field(default=None, description="Overall RAG of this month's update")
    previous_status: str | None = Field(default=None, description="Status the month before")
    movement: str | None = Field(
        default=None, description="better, worse, same, new or unknown (vs the month before)"
    )
    latest_update: str | None = Field(default=None, description="Month of the latest update")
    age_days: int | None = Field(default=None, description="Age of the latest update at month end")


class EvidenceFlagRow(SQLModel, table=True):
    """Evidence that disagrees with a rating at the export period (it never changes the rating)."""

    __tablename__ = "pmo_evidence_flag"

    pk: int = Field(primary_key=True, description="Row number")
    programme_id: str = Field(foreign_key=PROGRAMME_FK, index=True, description=PID)
    period: str = Field(description=PERIOD)
    flag: str = Field(description="Kind of evidence, e.g. red-dimension, milestone-slip")
    reason: str = Field(description="The evidence in words")
    watermelon: bool = Field(description="Rated green or amber-green while evidence disagrees")


class ExceptionRow(SQLModel, table=True):
    """What needs DMT's attention because of a rating, at the export period."""

    __tablename__ = "pmo_exception"

    pk: int = Field(primary_key=True, description="Row number")
    programme_id: str = Field(foreign_key=PROGRAMME_FK, index=True, description=PID)
    period: str = Field(description=PERIOD)
    exception: str = Field(
        description="rating (red or amber), amber-run (amber months running) or assurance "
        "(PMO rating differs from the self-assessment)"
    )
    rating: str = Field(description="The overall (or, for assurance, the PMO's) rating")
    detail: str | None = Field(
        default=None, description="Path to green; months running; or the assurance note"
    )


class AffordabilityRow(SQLModel, table=True):
    """Cost and savings against the envelope and target by financial year (Q1)."""

    __tablename__ = "pmo_affordability"

    fy: str = Field(primary_key=True, description="Financial year, e.g. 2026/27")
    envelope: float | None = Field(
        default=None,
        description="Transformation funding available (NULL: none set for the year)",
    )
    committed: float = Field(
        description="Business-case costs of committed programmes (approved, or in delivery or "
        "closing): the report's committed spend"
    )
    pipeline: float = Field(description="Business-case costs of pipeline proposals")
    headroom: float | None = Field(
        default=None,
        description="envelope - committed (negative: over) (NULL: none set for the year)",
    )
    headroom_after_pipeline: float | None = Field(
        default=None,
        description="envelope - committed - pipeline (NULL: none set for the year)",
    )
    savings_target: float | None = Field(
        default=None,
        description="Cashable savings target (NULL: none set for the year)",
    )
    savings_committed: float = Field(description="Cashable savings in committed business cases")
    savings_pipeline: float = Field(description="Cashable savings in pipeline business cases")
    savings_gap: float | None = Field(
        default=None,
        description="target - committed savings (positive: short) (NULL: none set for the year)",
    )


class PriorityRow(SQLModel, table=True):
    """The priority ranking (weighted criteria), as in Q1."""

    __tablename__ = "pmo_priority"

    programme_id: str = Field(primary_key=True, foreign_key=PROGRAMME_FK, description=PID)
    priority_rank: int = Field(description="1 = highest score; ties broken by id")
    score: float = Field(description="sum(weight x score) / 100 over all criteria")
    attractiveness: float = Field(description="Weighted mean over attractiveness criteria, 1..5")
    achievability: float = Field(description="Weighted mean over achievability criteria, 1..5")
    committed: bool = Field(description="Funded (false: pipeline)")


class BenefitStatusRow(SQLModel, table=True):
    """Each benefit's realisation at the export period (Q3)."""

    __tablename__ = "pmo_benefit_status"
    __table_args__ = (
        ForeignKeyConstraint(
            ["programme_id", "benefit_id"],
            ["pmo_benefit.programme_id", "pmo_benefit.benefit_id"],
        ),
    )

    programme_id: str = Field(primary_key=True, description=PID)
    benefit_id: str = Field(primary_key=True, description="The benefit")
    period: str = Field(description=PERIOD)
    planned: float | None = Field(
        default=None,
        description="Planned value for the month of the latest actual (what it is compared "
        "with; the period when nothing is measured)",
    )
    actual: float | None = Field(default=None, description="Latest actual up to the period")
    actual_period: str | None = Field(default=None, description="Month of that actual")
    realisation: float | None = Field(
        default=None, description="Realisation, % of plan (100 = on plan; honours direction)"
    )
    status: str = Field(
        description="on track, at risk, off track, not started, no data, no baseline or "
        "qualitative (as pmo status and the report say)"
    )
    forecast_value: float | None = Field(
        default=None, description="Forecast value at the target date (see forecast_method)"
    )
    forecast_by: date | None = Field(default=None, description="Date of the forecast (target)")
    forecast_meets_target: bool | None = Field(
        default=None,
        description="The forecast achieves at least 100% less benefit_percent of the change "
        "the target asks for",
    )
    forecast_method: str | None = Field(
        default=None,
        description="plan-relative (the benefit's own plan at the pace achieved so far) or "
        "straight line (baseline through the latest actual: the plan has no profile)",
    )
    overdue: bool = Field(description="A measurement is overdue")


class CapacityMonthRow(SQLModel, table=True):
    """Capacity against demand by role and month (Q1)."""

    __tablename__ = "pmo_capacity_month"

    role_id: str = Field(
        primary_key=True,
        description="The role (no foreign key: demand may name a role not in "
        "capacity, shown with capacity 0)",
    )
    period: str = Field(primary_key=True, description="Month YYYY-MM")
    capacity: float = Field(description="FTE available")
    confirmed: float = Field(description="FTE demanded on lines the PMO confirmed")
    total: float = Field(description="FTE demanded by live programmes, pipeline included")
    gap: float = Field(description="capacity - total (negative: over-allocated)")
    utilisation: float | None = Field(default=None, description="total / capacity")
    over_confirmed: bool = Field(description="Confirmed demand alone exceeds capacity")
    over_total: bool = Field(description="All demand exceeds capacity")
