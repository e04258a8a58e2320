"""Q2 status: each programme's RAG or stale/missing/unreadable for a period, counts, movement."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, get_args

from pmo.analysis.data import PortfolioData
from pmo.analysis.periods import previous_period
from pmo.model.types import Rag
from pmo.present.rag import RAG_WORST_FIRST, is_rag
from pmo.present.rag import STATUS_ORDER as ALL_STATUSES
from pmo.validate.quality import reporting

Status = Literal[
    "red", "amber-red", "amber", "amber-green", "green", "stale", "missing", "unreadable"
]
Movement = Literal["better", "worse", "same", "new", "unknown"]

STATUS_ORDER: tuple[Status, ...] = tuple(s for s in ALL_STATUSES if s in get_args(Status))  # type: ignore[misc]
"""The statuses Q2 counts, in the one listing order of ``pmo.present.rag.STATUS_ORDER``."""


@dataclass(frozen=True, slots=True)
class ProgrammeStatus:
    """A programme's status for the period and how it moved since the previous one."""

    programme: str
    name: str
    status: Status
    """This period's overall RAG, or stale/missing/unreadable (never last month's RAG)."""
    overall: Rag | None
    """Overall RAG of this period's update (None when there is none)."""
    previous: Rag | None
    """Overall RAG of the previous period's update (None when there is none)."""
    previous_status: Status | None
    """Status in the previous period (None when it was not yet due to report)."""
    movement: Movement
    latest: str | None
    """Period of the latest update on or before the period."""
    age_days: int | None
    """Age of that update at the period's end."""
    fix: str | None = None
    """When unreadable: ``file:line`` of the first format error to fix, and what it is."""


@dataclass(frozen=True, slots=True)
class RagCounts:
    """How many programmes have each status in a period."""

    period: str
    green: int
    amber_green: int
    amber: int
    amber_red: int
    red: int
    stale: int
    missing: int
    total: int
    unreadable: int = 0

    def count(self, status: str) -> int:
        """The count of one status, named as in the YAML (e.g. ``amber-red``)."""
        value: int = getattr(self, status.replace("-", "_"))
        return value


@dataclass(frozen=True, slots=True)
class Movements:
    """Programme ids by how their overall RAG moved since the previous period."""

    to_red: tuple[str, ...]
    """Red now, reported a different RAG last period."""
    worse: tuple[str, ...]
    better: tuple[str, ...]
    same: tuple[str, ...]
    new: tuple[str, ...]
    """Reporting for the first time."""
    unknown: tuple[str, ...]
    """Stale, missing or unreadable now or last period: no comparison possible."""


@dataclass(frozen=True, slots=True)
class DimensionRatings:
    """One programme's ratings by dimension for the period (all None when stale or missing)."""

    programme: str
    name: str
    status: Status
    overall: Rag | None
    schedule: Rag | None
    cost: Rag | None
    scope: Rag | None
    resources: Rag | None
    risks: Rag | None
    benefits: Rag | None


def status_in(data: PortfolioData, programme_id: str, period: str) -> Status | None:
    """A programme's status for ``period``; None when it was not due and did not report.

    Unreadable when its programme.yaml, or its update for ``period``, has format errors.
    """
    if programme_id in data.unreadable or data.broken_update(programme_id, period):
        return "unreadable"
    update = data.update(programme_id, period)
    if update is not None:
        return update.rag.overall
    model = data.programmes[programme_id]
    rep = reporting(model, data.updates_of(programme_id), period, data.config.stale_after_days)
    if rep.status in ("stale", "missing"):
        return "stale" if rep.status == "stale" else "missing"
    if rep.status == "ok" and rep.latest is not None:  # quarterly, between quarters: current
        latest = data.update(programme_id, rep.latest)
        return latest.rag.overall if latest is not None else None
    return None


def movement(current: Status, previous: Status | None, reported_before: bool) -> Movement:
    """How a status moved: RAG against RAG compares; stale or missing on either side is unknown.

    ``reported_before`` says whether any update exists up to the previous period: without one,
    a programme that was not yet reporting (or never reported) is ``new``.
    """
    if not is_rag(current):
        return "unknown"
    if previous is not None and is_rag(previous):
        now, then = RAG_WORST_FIRST[current], RAG_WORST_FIRST[previous]
        return "better" if now > then else "worse" if now < then else "same"
    if previous is None or not reported_before:
        return "new"
    return "unknown"


def fix_of(data: PortfolioData, programme_id: str, period: str) -> str | None:
    """Where to fix an unreadable programme (or its update for ``period``), and what is wrong."""
    found = data.unreadable.get(programme_id) or data.broken_update(programme_id, period)
    if found is None:
        return None
    more = f" (and {found.errors - 1} more)" if found.errors > 1 else ""
    return f"{found.where}: {found.message}{more}"


def _unreadable_status(data: PortfolioData, pid: str, period: str) -> ProgrammeStatus:
    return ProgrammeStatus(
        programme=pid,
        name=data.name_of(pid),
        status="unreadable",
        overall=None,
        previous=None,
        previous_status=None,
        movement="unknown",
        latest=None,
        age_days=None,
        fix=fix_of(data, pid, period),
    )


def statuses(data: PortfolioData, period: str) -> tuple[ProgrammeStatus, ...]:
    """Status of every programme due to report (or reporting) in ``period``, sorted by id.

    A programme whose programme.yaml cannot be read is always listed, as unreadable.
    """
    prev = previous_period(period)
    out: list[ProgrammeStatus] = []
    for pid in data.all_ids():
        if pid in data.unreadable:
            out.append(_unreadable_status(data, pid, period))
            continue
        status = status_in(data, pid, period)
        if status is None:
            continue
        model = data.programmes[pid]
        updates = data.updates_of(pid)
        rep = reporting(model, updates, period, data.config.stale_after_days)
        this, last = updates.get(period), updates.get(prev)
        previous_status = status_in(data, pid, prev)
        reported_before = any(p <= prev for p in updates)
        out.append(
            ProgrammeStatus(
                programme=pid,
                name=model.name,
                status=status,
                overall=this.rag.overall if this else None,
                previous=last.rag.overall if last else None,
                previous_status=previous_status,
                movement=movement(status, previous_status, reported_before),
                latest=rep.latest,
                age_days=rep.age_days,
                fix=fix_of(data, pid, period) if status == "unreadable" else None,
            )
        )
    return tuple(out)


def rag_counts(period: str, items: tuple[Status | None, ...]) -> RagCounts:
    """Counts of each status among ``items`` (None items, not due, are not counted)."""
    found = [s for s in items if s is not None]
    by = {s: found.count(s) for s in STATUS_ORDER}
    return RagCounts(
        period=period,
        green=by["green"],
        amber_green=by["amber-green"],
        amber=by["amber"],
        amber_red=by["amber-red"],
        red=by["red"],
        stale=by["stale"],
        missing=by["missing"],
        total=len(found),
        unreadable=by["unreadable"],
    )


def counts_for(data: PortfolioData, period: str) -> RagCounts:
    """Status counts of the programmes due to report (or reporting) in ``period``."""
    return rag_counts(period, tuple(status_in(data, pid, period) for pid in data.all_ids()))


def movements(items: tuple[ProgrammeStatus, ...]) -> Movements:
    """Programme ids grouped by movement, each group sorted by id."""

    def ids(kind: Movement) -> tuple[str, ...]:
        return tuple(s.programme for s in items if s.movement == kind)

    to_red = tuple(
        s.programme
        for s in items
        if s.status == "red" and is_rag(s.previous_status) and s.previous_status != "red"
    )
    return Movements(
        to_red=to_red,
        worse=ids("worse"),
        better=ids("better"),
        same=ids("same"),
        new=ids("new"),
        unknown=ids("unknown"),
    )


def grid(
    data: PortfolioData, items: tuple[ProgrammeStatus, ...], period: str
) -> tuple[DimensionRatings, ...]:
    """Programme × dimension ratings for the period, in the order of ``items``."""
    rows: list[DimensionRatings] = []
    for s in items:
        update = data.update(s.programme, period)
        rag = update.rag if update else None
        rows.append(
            DimensionRatings(
                programme=s.programme,
                name=s.name,
                status=s.status,
                overall=rag.overall if rag else None,
                schedule=rag.schedule if rag else None,
                cost=rag.cost if rag else None,
                scope=rag.scope if rag else None,
                resources=rag.resources if rag else None,
                risks=rag.risks if rag else None,
                benefits=rag.benefits if rag else None,
            )
        )
    return tuple(rows)
