"""Scenario optimiser (Q1): the most valuable set of programmes the envelope and team can carry."""

from __future__ import annotations

import difflib
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from pmo.analysis.classify import (
    cost_by_fy,
    demand_by_role_month,
    is_closed,
    is_pipeline,
    priority_score,
)
from pmo.analysis.data import PortfolioData
from pmo.analysis.periods import add_months, fy_of_period, months_between
from pmo.analysis.scenario_explain import (
    Candidate,
    Constraint,
    Excluded,
    FrontierPoint,
    FyTotal,
    RoleMonth,
    ScenarioResult,
    Status,
    Violation,
    explain_exclusions,
    fy_totals,
    utilisation,
    violations,
)
from pmo.analysis.scenario_solve import LinearConstraint, solve
from pmo.model import Programme
from pmo.model.portfolio import capacity_at

MAX_HORIZON = 36
DEFAULT_SCALES: tuple[float, ...] = (0.7, 0.8, 0.9, 1.0, 1.1, 1.2, 1.3)

__all__ = [
    "DEFAULT_SCALES",
    "Candidate",
    "Constraint",
    "Excluded",
    "FrontierPoint",
    "FyTotal",
    "RoleMonth",
    "ScenarioResult",
    "Violation",
    "frontier",
    "optimise",
]


@dataclass(frozen=True, slots=True)
class _Problem:
    """Everything about the choice that does not depend on the envelope scale."""

    period: str
    candidates: tuple[Candidate, ...]
    years: tuple[str, ...]
    envelope: dict[str, float]
    horizon: tuple[str, ...]
    capacity: dict[tuple[str, str], float]
    demand: tuple[dict[tuple[str, str], float], ...]

    def rows(self, scale: float) -> list[tuple[Constraint, LinearConstraint]]:
        """Envelope rows by FY, then capacity rows by role and month (only those with a need)."""
        out: list[tuple[Constraint, LinearConstraint]] = []
        for fy in self.years:
            limit = self.envelope[fy] * scale
            coefs = {i: c.costs[fy] for i, c in enumerate(self.candidates) if c.costs.get(fy)}
            out.append(
                (Constraint("envelope", fy, None, None, limit), LinearConstraint(limit, coefs))
            )
        for role, month in sorted(self.capacity):
            limit = self.capacity[role, month]
            coefs = {i: d[role, month] for i, d in enumerate(self.demand) if (role, month) in d}
            out.append(
                (Constraint("capacity", None, role, month, limit), LinearConstraint(limit, coefs))
            )
        return [(con, row) for con, row in out if row.coefs]


def _close(name: str, known: Sequence[str]) -> str:
    near = difflib.get_close_matches(name, known, n=3, cutoff=0.5)
    near += [k for k in known if name in k and k not in near][: 3 - len(near)]
    return f"; did you mean {', '.join(repr(k) for k in near)}?" if near else ""


def _check_ids(data: PortfolioData, include: set[str], exclude: set[str]) -> None:
    """Unknown, closed, contradictory or mandatory-excluded ids: one ValueError, a line each."""
    known = sorted(data.programmes)
    problems: list[str] = []
    for flag, ids in (("include", include), ("exclude", exclude)):
        for pid in sorted(ids):
            if pid not in data.programmes:
                problems.append(f"--{flag} {pid}: no such programme{_close(pid, known)}")
    for pid in sorted(include & exclude):
        problems.append(f"{pid}: both included and excluded")
    for pid in sorted(include & set(known)):
        if is_closed(data.programmes[pid]):
            problems.append(f"--include {pid}: the programme is closed, so not a candidate")
    for pid in sorted(exclude & set(known)):
        if data.programmes[pid].mandatory:
            problems.append(f"--exclude {pid}: mandatory (statutory), it stays in every scenario")
    if problems:
        raise ValueError("\n".join(problems))


def _horizon(progs: Iterable[Programme], period: str, horizon: int | None) -> tuple[str, ...]:
    if horizon is None:
        last = max((r.to for p in progs for r in p.resources), default=period)
        horizon = min(max(months_between(period, last) + 1, 0), MAX_HORIZON)
    if horizon < 0:
        raise ValueError(f"horizon must be a number of months >= 0, got {horizon}")
    return tuple(add_months(period, i) for i in range(horizon))


def _prepare(
    data: PortfolioData,
    period: str,
    include: Iterable[str],
    exclude: Iterable[str],
    horizon: int | None,
) -> _Problem:
    inc, exc = set(include), set(exclude)
    _check_ids(data, inc, exc)
    config = data.config
    progs = [data.programmes[pid] for pid in sorted(data.programmes)]
    progs = [p for p in progs if not is_closed(p)]
    first_fy = fy_of_period(period)
    years = tuple(fy for fy in sorted(config.envelope) if fy >= first_fy)
    months = _horizon(progs, period, horizon)
    month_set = set(months)
    capacity = {
        (role, month): capacity_at(plan, month)
        for role, plan in sorted(config.capacity.items())
        for month in months
    }
    candidates: list[Candidate] = []
    demand: list[dict[tuple[str, str], float]] = []
    for prog in progs:
        forced: Literal["in", "out"] | None = None
        if prog.mandatory or prog.id in inc:
            forced = "in"
        elif prog.id in exc:
            forced = "out"
        candidates.append(
            Candidate(
                id=prog.id,
                name=prog.name,
                stage=prog.stage,
                value=priority_score(prog, list(config.criteria)),
                mandatory=prog.mandatory,
                included=prog.id in inc,
                pipeline=is_pipeline(prog),
                forced=forced,
                costs=cost_by_fy(prog),
            )
        )
        demand.append(
            {
                key: fte
                for key, fte in sorted(demand_by_role_month(prog).items())
                if key[1] in month_set and key[0] in config.capacity and fte > 0
            }
        )
    envelope = {fy: float(config.envelope[fy]) for fy in years}
    return _Problem(period, tuple(candidates), years, envelope, months, capacity, tuple(demand))


def _ranks(problem: _Problem) -> list[int]:
    """Tie-break ranks: 1 for the cheapest candidate over the constrained years (then by id)."""
    spend = [math.fsum(c.costs.get(fy, 0.0) for fy in problem.years) for c in problem.candidates]
    order = sorted(range(len(spend)), key=lambda i: (spend[i], problem.candidates[i].id))
    ranks = [0] * len(spend)
    for position, i in enumerate(order):
        ranks[i] = position + 1
    return ranks


def _solve_at(problem: _Problem, scale: float) -> ScenarioResult:
    if not (math.isfinite(scale) and scale >= 0):
        raise ValueError(f"envelope scale must be a number >= 0, got {scale}")
    rows = problem.rows(scale)
    cands = problem.candidates
    forced_in = frozenset(i for i, c in enumerate(cands) if c.forced == "in")
    broken = violations(cands, rows, forced_in)
    mip_gap, seconds = 0.0, 0.0
    status: Status
    if broken:
        status, chosen = "infeasible", forced_in
    else:
        solved = solve(
            [c.value for c in cands],
            [row for _, row in rows],
            [1 if c.forced == "in" else 0 for c in cands],
            [0 if c.forced == "out" else 1 for c in cands],
            _ranks(problem),
        )
        if solved.chosen is None:  # pragma: no cover - forced-in fits, so x = forced is feasible
            raise RuntimeError("HiGHS found the scenario infeasible though the forced set fits")
        status, chosen, mip_gap, seconds = "optimal", solved.chosen, solved.mip_gap, solved.seconds
    feasible = status == "optimal"
    excluded = explain_exclusions(cands, rows, chosen) if feasible else ()
    return ScenarioResult(
        period=problem.period,
        envelope_scale=scale,
        status=status,
        objective=math.fsum(cands[i].value for i in sorted(chosen)) if feasible else None,
        chosen=tuple(cands[i].id for i in sorted(chosen)) if feasible else (),
        excluded=excluded,
        pipeline_chosen=tuple(
            cands[i].id for i in sorted(chosen) if feasible and cands[i].pipeline
        ),
        forced_in=tuple(c.id for c in cands if c.forced == "in"),
        forced_out=tuple(c.id for c in cands if c.forced == "out"),
        violations=broken,
        years=problem.years,
        horizon=problem.horizon,
        totals=fy_totals(cands, problem.years, problem.envelope, scale, chosen),
        utilisation=utilisation(problem.capacity, problem.demand, chosen),
        candidates=cands,
        mip_gap=mip_gap,
        solve_seconds=seconds,
    )


def optimise(
    data: PortfolioData,
    period: str,
    *,
    envelope_scale: float = 1.0,
    include: Iterable[str] = (),
    exclude: Iterable[str] = (),
    horizon: int | None = None,
) -> ScenarioResult:
    """The most valuable set of non-closed programmes the envelope and capacity allow.

    Maximises the total priority score subject to the envelope (× ``envelope_scale``) in each
    financial year from the period's on, and to capacity by role in each month of the horizon
    (default: from ``period`` to the last month of any resource line, at most 36). Mandatory and
    ``include`` programmes are forced in, ``exclude`` ones out; unknown ids raise ValueError.
    When the forced-in programmes alone break a constraint the result is ``infeasible`` and
    names each broken constraint; that is an answer, not an error. Among equal-value sets the
    one whose programmes rank cheaper (sum of ranks by constrained cost, then id) is chosen.
    """
    return _solve_at(_prepare(data, period, include, exclude, horizon), envelope_scale)


def frontier(
    data: PortfolioData,
    period: str,
    scales: Sequence[float] = DEFAULT_SCALES,
    *,
    include: Iterable[str] = (),
    exclude: Iterable[str] = (),
    horizon: int | None = None,
) -> list[FrontierPoint]:
    """The efficient frontier: the optimum value at each envelope scale, in ``scales`` order."""
    problem = _prepare(data, period, include, exclude, horizon)
    points: list[FrontierPoint] = []
    for scale in scales:
        result = _solve_at(problem, scale)
        points.append(
            FrontierPoint(
                scale=scale,
                envelope_total=math.fsum(problem.envelope[fy] * scale for fy in problem.years),
                value=result.objective,
                chosen_count=len(result.chosen),
                status=result.status,
            )
        )
    return points
