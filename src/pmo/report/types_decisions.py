"""The decisions section's data: requests as papers, asks against headroom, the decision log."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class AskTotal:
    """The money asked of DMT in one financial year against that year's envelope headroom."""

    fy: str
    amounts: tuple[float, ...]  # each request's cost that year, largest first
    total: float
    headroom: float | None  # None: no envelope set for the year (unknown, never £0)
    over: float | None  # total - headroom when positive; None when within or unknown
    text: str  # "£1.1m + £85k asked against £805k headroom in 2026/27: £380k more ..."


@dataclass(frozen=True, slots=True)
class ActionItem:
    """An action DMT set on an earlier decision, and whether it is overdue."""

    action: str
    owner: str
    due: str  # ISO date
    done: str | None  # ISO date; None: still open
    decision: str  # the decision it came from
    meeting: str  # period of the meeting that set it (YYYY-MM)
    overdue: bool


@dataclass(frozen=True, slots=True)
class OutcomeItem:
    """What DMT decided on one earlier request."""

    decision: str
    source: str | None  # who asked ("PMO" or a programme's name); None when not matched
    outcome: str  # agreed | deferred | rejected | noted
    note: str | None
    actions: tuple[ActionItem, ...]


@dataclass(frozen=True, slots=True)
class DecisionLog:
    """Last meeting's outcomes and the actions still open from every earlier meeting."""

    period: str  # the previous meeting's period (YYYY-MM)
    meeting: str | None  # its date, when recorded
    outcomes: tuple[OutcomeItem, ...]
    open_actions: tuple[ActionItem, ...]  # overdue first, then by due date
    overdue: int
    note: str  # one sentence: what the log shows, or that nothing is recorded
