"""By service and SRO: counts by status and named exceptions per group."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class GroupRow:
    """One service area or SRO: how many programmes, by status, and the exceptions."""

    key: str
    label: str
    programmes: int
    counts: tuple[tuple[str, int], ...]  # (status, count), best first, non-zero only
    exceptions: tuple[str, ...]  # "Name (Red)", worst first, capped
    exceptions_more: int


@dataclass(frozen=True, slots=True)
class ByGroup:
    """The portfolio by service area and by SRO, worst first, each list capped."""

    definition: str  # what is counted and what an exception is
    services: tuple[GroupRow, ...]
    services_more: int
    sros: tuple[GroupRow, ...]
    sros_more: int
