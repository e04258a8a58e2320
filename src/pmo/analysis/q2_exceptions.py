"""Q2 exceptions: non-green ratings with their path to green, amber runs, PMO assurance views."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from pmo.analysis.data import PortfolioData
from pmo.analysis.periods import previous_period
from pmo.analysis.q2_status import ProgrammeStatus
from pmo.model import Update
from pmo.model.types import Rag
from pmo.present.rag import RAG_WORST_FIRST

#: Ratings that count as amber for an amber run (the amber band of a five-point scale).
AMBER_BAND: tuple[str, ...] = ("amber-red", "amber", "amber-green")
#: An amber run of at least this many periods is an exception.
AMBER_RUN_LIMIT = 3


@dataclass(frozen=True, slots=True)
class RagException:
    """A programme rated red or amber (any shade) this period, with its own account."""

    programme: str
    name: str
    overall: Rag
    summary: str | None  # None: the update gives no summary
    path_to_green: str | None


@dataclass(frozen=True, slots=True)
class AmberRun:
    """A programme amber for ``months`` consecutive periods ending at the period."""

    programme: str
    name: str
    months: int
    since: str
    """First period of the run."""


@dataclass(frozen=True, slots=True)
class AssuranceDifference:
    """The PMO's assurance rating differs from the programme's self-assessed overall."""

    programme: str
    name: str
    self_assessed: Rag
    assurance: Rag
    note: str | None


@dataclass(frozen=True, slots=True)
class Exceptions:
    """Everything in Q2 that needs DMT's attention because of a rating."""

    ratings: tuple[RagException, ...]
    """Worst first, then by programme id."""
    amber_runs: tuple[AmberRun, ...]
    """Longest first, then by programme id."""
    assurance: tuple[AssuranceDifference, ...]
    """By programme id."""

    @property
    def count(self) -> int:
        """Distinct programmes with at least one exception."""
        ids = {e.programme for e in self.ratings}
        ids |= {e.programme for e in self.amber_runs}
        ids |= {e.programme for e in self.assurance}
        return len(ids)


def amber_run(updates: Mapping[str, Update], period: str) -> int:
    """How many consecutive periods, ending at ``period``, the overall rating was amber.

    Any shade of amber counts; a period with no update ends the run.
    """
    months, current = 0, period
    while (update := updates.get(current)) is not None and update.rag.overall in AMBER_BAND:
        months += 1
        current = previous_period(current)
    return months


def exceptions(data: PortfolioData, items: tuple[ProgrammeStatus, ...], period: str) -> Exceptions:
    """Non-green ratings, amber runs of three or more, and assurance differences for ``period``."""
    ratings: list[RagException] = []
    runs: list[AmberRun] = []
    assurance: list[AssuranceDifference] = []
    for s in items:
        update = data.update(s.programme, period)
        if update is None:
            continue
        overall = update.rag.overall
        if overall != "green":
            ratings.append(
                RagException(s.programme, s.name, overall, update.summary, update.path_to_green)
            )
        months = amber_run(data.updates_of(s.programme), period)
        if months >= AMBER_RUN_LIMIT:
            since = period
            for _ in range(months - 1):
                since = previous_period(since)
            runs.append(AmberRun(s.programme, s.name, months, since))
        if update.assurance is not None and update.assurance.rag != overall:
            assurance.append(
                AssuranceDifference(
                    s.programme, s.name, overall, update.assurance.rag, update.assurance.note
                )
            )
    ratings.sort(key=lambda e: (RAG_WORST_FIRST[e.overall], e.programme))
    runs.sort(key=lambda r: (-r.months, r.programme))
    return Exceptions(tuple(ratings), tuple(runs), tuple(assurance))
