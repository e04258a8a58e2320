"""Q1 strategic fit: objective coverage by the live portfolio, and the priority ranking."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from pmo.analysis.classify import is_closed, is_committed, priority_score
from pmo.analysis.data import PortfolioData
from pmo.model import Criterion, Programme

CoverageFlag = Literal["none", "weak"]
PRIMARY = 3  # contribution that makes a programme a primary contributor
MATERIAL = 2  # an objective without a contributor at 2 or more is only weakly covered


@dataclass(frozen=True, slots=True)
class ObjectiveCoverage:
    """How the live (non-closed) programmes serve one objective."""

    objective: str
    title: str
    weight: float
    total: int  # sum of contributions
    primary: int  # programmes contributing 3
    contributors: tuple[tuple[str, int], ...]  # (programme id, 1..3), strongest first, then id
    flag: CoverageFlag | None  # none: no contributor; weak: none contributes 2 or more


@dataclass(frozen=True, slots=True)
class Coverage:
    """Objectives x programmes: ``matrix[i][j]`` is programme j's contribution to objective i."""

    objectives: tuple[ObjectiveCoverage, ...]  # in portfolio.yaml order
    programmes: tuple[str, ...]  # non-closed programme ids, sorted
    matrix: tuple[tuple[int, ...], ...]  # 0 where a programme does not contribute
    unaligned: tuple[str, ...]  # programmes serving no objective, sorted

    def contribution(self, objective: str, programme: str) -> int:
        """A programme's contribution to an objective (0 when none)."""
        i = [o.objective for o in self.objectives].index(objective)
        return self.matrix[i][self.programmes.index(programme)]


@dataclass(frozen=True, slots=True)
class PriorityRow:
    """A programme's weighted priority score and its place in the ranking."""

    programme: str
    name: str
    rank: int  # 1 = highest score; ties broken by id
    score: float  # sum(weight x score) / 100 over all criteria
    attractiveness: float  # weighted mean score over the attractiveness criteria (1..5)
    achievability: float  # weighted mean score over the achievability criteria (1..5)
    committed: bool  # False: pipeline (not yet funded)
    mandatory: bool
    stage: str


@dataclass(frozen=True, slots=True)
class UnscoredRow:
    """A live programme not scored against every weighted criterion: listed apart, never ranked
    (a missing score is unknown, not 0)."""

    programme: str
    name: str
    missing: tuple[str, ...]  # criteria ids without a score, in portfolio.yaml order
    committed: bool
    mandatory: bool
    stage: str


def missing_scores(prog: Programme, criteria: list[Criterion]) -> tuple[str, ...]:
    """The weighted criteria a programme has no score for."""
    return tuple(c.id for c in criteria if c.weight > 0 and c.id not in prog.scores)


def unscored(data: PortfolioData) -> tuple[UnscoredRow, ...]:
    """Live programmes missing a score on a weighted criterion, by name then id."""
    criteria = data.config.criteria
    rows = [
        UnscoredRow(p.id, p.name, gaps, is_committed(p), p.mandatory, p.stage)
        for p in live_programmes(data)
        if (gaps := missing_scores(p, criteria))
    ]
    return tuple(sorted(rows, key=lambda r: (r.name, r.programme)))


def live_programmes(data: PortfolioData) -> list[Programme]:
    """Non-closed programmes, sorted by id."""
    return sorted((p for p in data.programmes.values() if not is_closed(p)), key=lambda p: p.id)


def coverage(data: PortfolioData, period: str) -> Coverage:
    """Objective coverage by the live portfolio; ``period`` is accepted for a uniform signature."""
    del period
    progs = live_programmes(data)
    known = {o.id for o in data.config.objectives}
    rows: list[ObjectiveCoverage] = []
    matrix: list[tuple[int, ...]] = []
    for obj in data.config.objectives:
        cells = tuple(p.objectives.get(obj.id, 0) for p in progs)
        contributors = sorted(
            ((p.id, c) for p, c in zip(progs, cells, strict=True) if c > 0),
            key=lambda pc: (-pc[1], pc[0]),
        )
        flag: CoverageFlag | None = None
        if not contributors:
            flag = "none"
        elif max(c for _, c in contributors) < MATERIAL:
            flag = "weak"
        rows.append(
            ObjectiveCoverage(
                objective=obj.id,
                title=obj.title,
                weight=obj.weight,
                total=sum(cells),
                primary=sum(1 for c in cells if c >= PRIMARY),
                contributors=tuple(contributors),
                flag=flag,
            )
        )
        matrix.append(cells)
    unaligned = tuple(p.id for p in progs if not known.intersection(p.objectives))
    return Coverage(tuple(rows), tuple(p.id for p in progs), tuple(matrix), unaligned)


def group_score(prog: Programme, criteria: list[Criterion], group: str) -> float:
    """Weighted mean score over one criteria group, on the 1..5 scale (0 with no weight)."""
    chosen = [c for c in criteria if c.group == group]
    weight = sum(c.weight for c in chosen)
    if weight <= 0:
        return 0.0
    return sum(c.weight * prog.scores.get(c.id, 0) for c in chosen) / weight


def priority(data: PortfolioData, period: str) -> tuple[PriorityRow, ...]:
    """Live programmes scored on every weighted criterion, ranked by priority score (highest
    first, ties by id); the others are :func:`unscored`."""
    del period
    criteria = data.config.criteria
    scored = sorted(
        (
            (priority_score(p, criteria), p)
            for p in live_programmes(data)
            if not missing_scores(p, criteria)
        ),
        key=lambda sp: (-round(sp[0], 9), sp[1].id),
    )
    return tuple(
        PriorityRow(
            programme=p.id,
            name=p.name,
            rank=rank,
            score=score,
            attractiveness=group_score(p, criteria, "attractiveness"),
            achievability=group_score(p, criteria, "achievability"),
            committed=is_committed(p),
            mandatory=p.mandatory,
            stage=p.stage,
        )
        for rank, (score, p) in enumerate(scored, start=1)
    )
