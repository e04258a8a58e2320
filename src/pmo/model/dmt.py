"""The dmt/YYYY-MM.yaml model: the PMO's portfolio note for a month's DMT."""

from __future__ import annotations

from pydantic import Field

from pmo.model.types import Base, Date, Text


class DmtDecision(Base):
    """A portfolio-level ask of DMT."""

    title: Text = Field(description="The decision asked of DMT")
    by: Date | None = Field(default=None, description="When the decision is needed")
    detail: str | None = Field(default=None, description="Background for the decision")


class DmtNote(Base):
    """The PMO's note for one month's DMT meeting (optional)."""

    meeting: Date | None = Field(default=None, description="Date of the DMT meeting")
    headline: str | None = Field(default=None, description="One-line portfolio headline")
    decisions: list[DmtDecision] = Field(
        default_factory=list, description="Portfolio-level asks, added to those from updates"
    )
