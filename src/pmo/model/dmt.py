"""The dmt/YYYY-MM.yaml model: the PMO's note for a month's DMT and the decision log."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from pmo.model.types import Base, Date, Text
from pmo.model.update import Decision

Outcome = Literal["agreed", "deferred", "rejected", "noted"]


class DmtDecision(Decision):
    """A portfolio-level ask of DMT (the same small paper as a programme's ask)."""


class DmtAction(Base):
    """An action DMT set when deciding: who does what by when."""

    action: Text = Field(description="What is to be done")
    owner: Text = Field(description="Who does it (a role)")
    due: Date = Field(description="When it is due")
    done: Date | None = Field(default=None, description="When it was done (empty: still open)")


class DmtOutcome(Base):
    """What DMT decided on one request at this meeting (an entry in the decision log)."""

    decision: Text = Field(description="The request decided: its title or ref, as asked")
    outcome: Outcome = Field(description="agreed | deferred | rejected | noted")
    note: str | None = Field(default=None, description="Conditions or reasons, in brief")
    actions: list[DmtAction] = Field(default_factory=list, description="Actions DMT set")


class DmtNote(Base):
    """The PMO's note for one month's DMT meeting (optional)."""

    meeting: Date | None = Field(default=None, description="Date of the DMT meeting")
    headline: str | None = Field(default=None, description="One-line portfolio headline")
    decisions: list[DmtDecision] = Field(
        default_factory=list, description="Portfolio-level asks, added to those from updates"
    )
    outcomes: list[DmtOutcome] = Field(
        default_factory=list,
        description="What DMT decided at this meeting on the requests put to it",
    )
