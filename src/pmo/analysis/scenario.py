"""Scenario optimiser (Q1): the most valuable set of programmes the envelope and team can carry.

By default committed work (mandatory, or with an approved case, or in delivery/closing) is
fixed in and the choice is among the proposals; ``reconsider_committed`` opens live work to the
choice too and names what it would stop. Capacity is constrained from the period on (the same
window as Q1's capacity); money in every financial year with an envelope from the period's on.
A year with costs but no envelope is not limited (unknown, never £0) and is named.
"""

from __future__ import annotations

import difflib
import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from pmo.analysis.classify import (
    cost_by_fy,
    demand_by_role_month,
    is_closed,
    is_committed,
    is_pipeline,
    priority_score,
)
from pmo.analysis.data import PortfolioData
from pmo.analysis.periods import add_months, fy_of_period, months_between, window_start
from pmo.analysis.q1_resources import horizon_fys, programme_horizon
from pmo.analysis.scenario_explain import (
    Candidate,
    Constraint,
    Excluded,
    FrontierPoint,
    FyTotal,
    RoleMonth,
    ScenarioResult,
    Status,
    Stopped,
    Violation,
    explain_exclusions,
    fy_totals,
    utilisation,
    violations,
)
from pmo.analysis.scenario_solve import LinearConstraint, solve
from pmo.model import Programme
from pmo.model.portfolio import Criterion, capacity_at

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
    "Stopped",
    "Violation",
    "constrained_years",
    "decision_months",
    "first_month",
    "is_fixed",
    "optimise",
    "unscored_criteria",
    "unset_years",
]


def first_month(period: str) -> str:
    """The first month the scenario constrains: ``window_start(period)``, the period itself
    (DESIGN §5: "from the period onwards"), as Q1's capacity window; earlier months are
    history."""
    return window_start(period)


def constrained_years(data: PortfolioData, period: str) -> tuple[str, ...]:
    """Financial years with an envelope from the one holding ``first_month(period)`` on."""
    first_fy = fy_of_period(first_month(period))
    return tuple(fy for fy in sorted(data.config.envelope) if fy >= first_fy)


def unset_years(data: PortfolioData, period: str) -> tuple[str, ...]:
    """Financial years from the one holding ``first_month(period)`` on in which a non-closed
    programme has costs but portfolio.yaml sets no envelope: money there is not limited (the
    envelope is unknown, never £0), and every output names them. As Q1's affordability table,
    only years within some live programme's own span count (whole-life costs decades out are
    Q1's one sentence, not a year each)."""
    first_fy = fy_of_period(first_month(period))
    envelope = data.config.envelope
    live = [p for p in data.programmes.values() if not is_closed(p)]
    within = horizon_fys(span for p in live if (span := programme_horizon(p)) is not None)
    costs = {fy for prog in live for fy, amount in cost_by_fy(prog).items() if amount}
    return tuple(sorted(fy for fy in costs if fy >= first_fy and fy not in envelope and within(fy)))


def decision_months(
    data: PortfolioData, period: str, horizon: int | None = None
) -> tuple[str, ...]:
    """Months constrained by capacity: from ``first_month(period)`` to the last resource line of
    any non-closed programme (at most MAX_HORIZON), or ``horizon`` months."""
    progs = [p for p in data.programmes.values() if not is_closed(p)]
    return _horizon(progs, first_month(period), horizon)


def is_fixed(prog: Programme, reconsider_committed: bool = False) -> bool:
    """In every scenario: mandatory, or committed (approved case, delivery, closing) unless the
    committed work is being reconsidered."""
    if is_closed(prog):
        return False
    return prog.mandatory or (is_committed(prog) and not reconsider_committed)


def unscored_criteria(prog: Programme, criteria: Sequence[Criterion]) -> tuple[str, ...]:
    """The weighted criteria a programme has no score for (any one: its value is unknown)."""
    return tuple(c.id for c in criteria if c.weight > 0 and c.id not in prog.scores)


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
    reconsider_committed: bool
    uncapacitated: tuple[str, ...] = ()  # roles asked for with no capacity: not a constraint
    unset: tuple[str, ...] = ()  # FYs with costs but no envelope: not a constraint (unknown)

    @property
    def money_years(self) -> tuple[str, ...]:
        """Every FY the scenario's money is shown for: with an envelope or without (unset)."""
        return tuple(sorted((*self.years, *self.unset)))

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


def _horizon(progs: Iterable[Programme], start: str, horizon: int | None) -> tuple[str, ...]:
    if horizon is None:
        last = max((r.to for p in progs for r in p.resources), default=start)
        horizon = min(max(months_between(start, last) + 1, 0), MAX_HORIZON)
    if horizon < 0:
        raise ValueError(f"horizon must be a number of months >= 0, got {horizon}")
    return tuple(add_months(start, i) for i in range(horizon))


def _forced(
    prog: Programme, inc: set[str], exc: set[str], reconsider: bool, unscored: bool
) -> Literal["in", "out"] | None:
    """Included, excluded (stop it), fixed (committed), unvalued (out), or free to choose."""
    if prog.id in inc:
        return "in"
    if prog.id in exc:
        return "out"
    if is_fixed(prog, reconsider):
        return "in"
    if unscored:  # cannot be valued: live work stays in, a proposal stays out
        return "in" if is_committed(prog) else "out"
    return None


def _prepare(
    data: PortfolioData,
    period: str,
    include: Iterable[str],
    exclude: Iterable[str],
    horizon: int | None,
    reconsider: bool,
) -> _Problem:
    inc, exc = set(include), set(exclude)
    _check_ids(data, inc, exc)
    config = data.config
    progs = [data.programmes[pid] for pid in sorted(data.programmes)]
    progs = [p for p in progs if not is_closed(p)]
    years = constrained_years(data, period)
    months = _horizon(progs, first_month(period), horizon)
    month_set = set(months)
    capacity = {
        (role, month): capacity_at(plan, month)
        for role, plan in sorted(config.capacity.items())
        for month in months
    }
    criteria = list(config.criteria)
    candidates: list[Candidate] = []
    demand: list[dict[tuple[str, str], float]] = []
    uncapacitated: set[str] = set()
    for prog in progs:
        unscored = unscored_criteria(prog, criteria)
        candidates.append(
            Candidate(
                id=prog.id,
                name=prog.name,
                stage=prog.stage,
                value=priority_score(prog, criteria),
                mandatory=prog.mandatory,
                included=prog.id in inc,
                pipeline=is_pipeline(prog),
                forced=_forced(prog, inc, exc, reconsider, bool(unscored)),
                costs=cost_by_fy(prog),
                committed=is_committed(prog) or prog.mandatory,
                unscored=unscored,
            )
        )
        needs = {
            key: fte
            for key, fte in sorted(demand_by_role_month(prog).items())
            if key[1] in month_set and fte > 0
        }
        demand.append({key: fte for key, fte in needs.items() if key[0] in config.capacity})
        uncapacitated |= {role for role, _ in needs if role not in config.capacity}
    envelope = {fy: float(config.envelope[fy]) for fy in years}
    return _Problem(
        period,
        tuple(candidates),
        years,
        envelope,
        months,
        capacity,
        tuple(demand),
        reconsider,
        tuple(sorted(uncapacitated)),
        unset_years(data, period),
    )


def _ranks(problem: _Problem) -> list[int]:
    """Tie-break ranks: 1 for the cheapest candidate over the constrained years (then by id)."""
    spend = [math.fsum(c.costs.get(fy, 0.0) for fy in problem.years) for c in problem.candidates]
    order = sorted(range(len(spend)), key=lambda i: (spend[i], problem.candidates[i].id))
    ranks = [0] * len(spend)
    for position, i in enumerate(order):
        ranks[i] = position + 1
    return ranks


def _stopped(problem: _Problem, chosen: frozenset[int]) -> tuple[Stopped, ...]:
    """Live programmes left out of ``chosen``, with their cost by FY and peak FTE by role."""
    out = []
    for i, cand in enumerate(problem.candidates):
        if i in chosen or not cand.committed:
            continue
        peaks: dict[str, float] = {}
        for (role, _), fte in problem.demand[i].items():
            peaks[role] = max(peaks.get(role, 0.0), fte)
        costs = {fy: cand.costs[fy] for fy in problem.money_years if cand.costs.get(fy)}
        out.append(Stopped(cand.id, cand.name, cand.stage, cand.value, costs, peaks))
    return tuple(out)


def _freed(problem: _Problem, stopped: Sequence[Stopped]) -> tuple[FyTotal, ...]:
    """What stopping them frees in each FY shown (``cost`` is the money freed; ``envelope``
    None in a year with no envelope set)."""
    if not stopped:
        return ()
    out = []
    for fy in problem.money_years:
        freed = round(math.fsum(s.costs.get(fy, 0.0) for s in stopped), 2)
        limit = problem.envelope.get(fy)
        out.append(FyTotal(fy, None if limit is None else round(limit, 2), freed, freed))
    return tuple(out)


def _solve_at(
    problem: _Problem,
    scale: float,
    time_limit: float | None,
    stop: Callable[[], bool] | None = None,
) -> ScenarioResult:
    if not (math.isfinite(scale) and scale >= 0):
        raise ValueError(f"envelope scale must be a number >= 0, got {scale}")
    if time_limit is not None and not (math.isfinite(time_limit) and time_limit > 0):
        raise ValueError(f"time limit must be a number of seconds > 0, got {time_limit}")
    cands = problem.candidates
    rows, over = _relaxed(cands, problem.rows(scale))
    forced_in = frozenset(i for i, c in enumerate(cands) if c.forced == "in")
    broken = violations(cands, rows, forced_in)
    mip_gap, seconds, bound = 0.0, 0.0, None
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
            time_limit=time_limit,
            stop=stop,
        )
        if solved.chosen is None:  # pragma: no cover - forced-in fits, so x = forced is feasible
            raise RuntimeError("HiGHS found the scenario infeasible though the forced set fits")
        status = "optimal" if solved.proven else "best-found"
        chosen, mip_gap, seconds = solved.chosen, solved.mip_gap, solved.seconds
        # stopped before HiGHS had any bound: the bound is unknown (None), the gap infinite
        bound = solved.bound if solved.bound is not None and math.isfinite(solved.bound) else None
    feasible = status != "infeasible"
    excluded = explain_exclusions(cands, rows, chosen) if feasible else ()
    stopped = _stopped(problem, chosen) if feasible else ()
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
        forced_out=tuple(c.id for c in cands if c.forced == "out" and not _unvalued(c)),
        violations=broken,
        over_committed=over,
        years=problem.years,
        horizon=problem.horizon,
        totals=fy_totals(cands, problem.money_years, problem.envelope, scale, chosen),
        utilisation=utilisation(problem.capacity, problem.demand, chosen),
        candidates=cands,
        mip_gap=mip_gap,
        solve_seconds=seconds,
        bound=bound,
        reconsider_committed=problem.reconsider_committed,
        fixed=tuple(c.id for c in cands if c.committed and c.forced == "in" and not c.included),
        unvalued=tuple(c.id for c in cands if _unvalued(c)),
        stopped=stopped,
        freed=_freed(problem, stopped),
        time_limit=time_limit,
        uncapacitated=problem.uncapacitated,
        unset_years=problem.unset,
    )


def _relaxed(
    cands: Sequence[Candidate], rows: list[tuple[Constraint, LinearConstraint]]
) -> tuple[list[tuple[Constraint, LinearConstraint]], tuple[Violation, ...]]:
    """Rows the fixed work (mandatory, committed) alone already breaks, relaxed to what it uses.

    Work that is fixed is a given, not a choice: where it alone exceeds the envelope or a
    role's capacity, that is reported (``over_committed``) and nothing chosen may add to it,
    but the choice among the rest still has an answer. Only programmes forced in with
    ``include`` can make the scenario infeasible.
    """
    fixed = frozenset(i for i, c in enumerate(cands) if c.forced == "in" and not c.included)
    over = violations(cands, rows, fixed)
    if not over:
        return rows, over
    out = []
    for con, row in rows:
        used = row.activity(fixed)
        out.append((con, LinearConstraint(used, row.coefs) if not row.fits(used) else row))
    return out, over


def _unvalued(cand: Candidate) -> bool:
    """A proposal left out of the choice because it has no score on some criterion."""
    return bool(cand.unscored) and not cand.committed and not cand.included


def optimise(
    data: PortfolioData,
    period: str,
    *,
    envelope_scale: float = 1.0,
    include: Iterable[str] = (),
    exclude: Iterable[str] = (),
    horizon: int | None = None,
    reconsider_committed: bool = False,
    time_limit: float | None = None,
    stop: Callable[[], bool] | None = None,
) -> ScenarioResult:
    """The most valuable set of non-closed programmes the envelope and capacity allow.

    Maximises the total priority score subject to the envelope (× ``envelope_scale``) in each
    financial year with an envelope from the period's on (a year with costs but no envelope is
    not limited and is named in ``unset_years``; ``totals`` gives it with ``envelope`` None),
    and to capacity by role in each month of the horizon (default: from ``period`` to the last
    month of any resource line, at most 36). Committed work (mandatory, approved, delivery,
    closing) is fixed in and the choice is among the proposals, unless ``reconsider_committed``
    (mandatory programmes stay in; ``stopped`` then names the live programmes left out and
    ``freed`` what that frees). Proposals without a score on every criterion cannot be valued:
    they are left out and named in ``unvalued``. ``include`` programmes are forced in,
    ``exclude`` ones out; unknown ids raise ValueError. When the forced-in programmes alone
    break a constraint the result is ``infeasible`` and names each broken constraint; that is an
    answer, not an error. Among equal-value sets the one whose programmes rank cheaper (sum of
    ranks by constrained cost, then id) is chosen.

    ``time_limit`` (seconds; None: until proven) stops the search with the best set found:
    status ``best-found`` with ``bound`` (proven upper bound) and ``mip_gap``; ``optimal`` only
    when proven. ``stop`` (polled during the search) ends it early the same way. The TUI shows
    a quick answer, then calls again with a longer limit in a worker to prove it.
    """
    problem = _prepare(data, period, include, exclude, horizon, reconsider_committed)
    return _solve_at(problem, envelope_scale, time_limit, stop)
