"""The programmes/<id>/updates/YYYY-MM.yaml model: the monthly highlight report."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from pmo.model.types import Base, Date, FinancialYear, Money, Period, Rag, Slug, Text, Value


class RagRatings(Base):
    """The manager's RAG judgement; overall is never computed from the others."""

    overall: Rag = Field(description="Overall rating: the manager's judgement")
    schedule: Rag | None = Field(default=None, description="Time")
    cost: Rag | None = Field(default=None, description="Cost")
    scope: Rag | None = Field(default=None, description="Scope and quality")
    resources: Rag | None = Field(default=None, description="People and capacity")
    risks: Rag | None = Field(default=None, description="Risks and issues")
    benefits: Rag | None = Field(default=None, description="Benefits")


DIMENSIONS: tuple[str, ...] = ("schedule", "cost", "scope", "resources", "risks", "benefits")


class Decision(Base):
    """An ask of DMT this month: a small decision paper (all but the title optional)."""

    title: Text = Field(description="The decision asked of DMT")
    by: Date | None = Field(default=None, description="When the decision is needed")
    detail: str | None = Field(
        default=None, description="Background for the decision (older name of background)"
    )
    ref: str | None = Field(
        default=None, description="Reference for the decision log, e.g. SEND-2026-11-1"
    )
    background: str | None = Field(default=None, description="Why DMT is asked, in brief")
    recommendation: str | None = Field(default=None, description="What DMT is asked to agree")
    options: list[Text] = Field(
        default_factory=list, description="Options considered, the recommended one included"
    )
    cost: dict[FinancialYear, Money] = Field(
        default_factory=dict, description="Cost of the recommendation, GBP by financial year"
    )
    from_envelope: bool = Field(
        default=True,
        description="The cost falls on the transformation envelope (false: funded elsewhere)",
    )


class Finance(Base):
    """Current financial year position."""

    spend_to_date: Money = Field(description="Spend so far this financial year, GBP")
    forecast_outturn: Money = Field(description="Forecast spend for the whole year, GBP")
    narrative: str | None = Field(
        default=None, description="Explanation; needed when variance is beyond cost tolerance"
    )


class Assurance(Base):
    """The PMO's independent view (written by the PMO)."""

    rag: Rag = Field(description="PMO's rating")
    note: str | None = Field(default=None, description="Why the PMO rates it so")
    by: str | None = Field(default=None, description="Who in the PMO (a role)")
    date: Date | None = Field(default=None, description="When the assurance was recorded")


class Update(Base):
    """A programme's highlight report for one month."""

    period: Period = Field(description="The month reported, YYYY-MM; equals the file name")
    status: Literal["draft"] | None = Field(
        default=None,
        description="draft: started by the PMO or `pmo new update` and not yet the manager's; "
        "left out of every figure until the manager removes this line",
    )
    submitted: Date = Field(description="Date submitted")
    by: str | None = Field(default=None, description="Who submitted it (a role); recommended")
    rag: RagRatings = Field(description="RAG ratings")
    summary: str | None = Field(
        default=None, description="The month in a sentence or two; recommended"
    )
    path_to_green: str | None = Field(
        default=None, description="How it gets back to green; required when overall is not green"
    )
    achievements: list[str] = Field(default_factory=list, description="Done this month")
    next: list[str] = Field(default_factory=list, description="Planned next month")
    decisions: list[Decision] = Field(default_factory=list, description="Asks of DMT")
    finance: Finance | None = Field(default=None, description="Current financial year position")
    benefits: dict[Slug, Value] = Field(
        default_factory=dict, description="Benefit actuals measured this period, by benefit id"
    )
    savings_forecast: dict[FinancialYear, Money] = Field(
        default_factory=dict,
        description="The programme's own forecast of the cashable savings it will deliver, "
        "GBP by financial year (optional; without it pmo estimates from benefit measures)",
    )
    assurance: Assurance | None = Field(default=None, description="PMO assurance (PMO only)")
