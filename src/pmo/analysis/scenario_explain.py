"""Scenario results and their explanations: what binds each excluded programme, what breaks."""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from pmo.analysis.periods import fy_of_period, window_start
from pmo.analysis.scenario_solve import LinearConstraint
from pmo.present.dates import fy_runs
from pmo.present.numbers import fte, money
from pmo.present.words import NOT_LIMITED, join_words, no_envelope, role_name, role_title

#: optimal: proven best; best-found: the time limit came first (see the gap and bound);
#: infeasible: the programmes that must be in do not fit on their own.
Status = Literal["optimal", "best-found", "infeasible"]
ReasonKind = Literal["envelope", "capacity", "forced-out", "unvalued", "no-value", "lower-value"]


@dataclass(frozen=True, slots=True)
class Candidate:
    """A non-closed programme in the scenario, and how it is forced (if at all).

    ``committed``: live work (mandatory, approved or in delivery/closing), fixed in unless the
    committed work is reconsidered. ``unscored``: the criteria it has no score for; a proposal
    with any cannot be valued, so it is left out of the choice and named (``value`` then
    counts only the scored criteria).
    """

    id: str
    name: str
    stage: str
    value: float
    mandatory: bool
    included: bool
    pipeline: bool
    forced: Literal["in", "out"] | None
    costs: dict[str, float]
    committed: bool = False
    unscored: tuple[str, ...] = ()


def candidate_kind(cand: Candidate) -> Literal["mandatory", "committed", "proposal"]:
    """What a candidate is, in the words `pmo scenario` and the TUI's scenario tab both use:
    mandatory (statutory), committed (live work) or proposal (awaiting a funding decision)."""
    if cand.mandatory:
        return "mandatory"
    return "committed" if cand.committed else "proposal"


@dataclass(frozen=True, slots=True)
class Constraint:
    """The envelope in a financial year, or a role's capacity in a month."""

    kind: Literal["envelope", "capacity"]
    fy: str | None
    role: str | None
    month: str | None
    limit: float


@dataclass(frozen=True, slots=True)
class Reason:
    """Why an excluded candidate is out: the tightest constraint it would break, or a choice."""

    kind: ReasonKind
    text: str
    fy: str | None = None
    role: str | None = None
    month: str | None = None
    needs: float | None = None
    left: float | None = None
    others: int = 0  # further constraints it would also break


@dataclass(frozen=True, slots=True)
class Excluded:
    """A candidate left out of the optimum."""

    id: str
    name: str
    value: float
    pipeline: bool
    costs: dict[str, float]
    reason: Reason


@dataclass(frozen=True, slots=True)
class Violation:
    """A constraint the forced-in programmes alone break (the scenario is infeasible)."""

    kind: Literal["envelope", "capacity"]
    fy: str | None
    role: str | None
    month: str | None
    needs: float
    limit: float
    over: float
    programmes: tuple[str, ...]
    text: str


@dataclass(frozen=True, slots=True)
class FyTotal:
    """Cost of the chosen set in a financial year against the (scaled) envelope.

    ``envelope`` and ``left`` are None in a year with costs but no envelope set: unknown,
    never £0 (the scenario does not limit spending there)."""

    fy: str
    envelope: float | None
    cost: float
    left: float | None


@dataclass(frozen=True, slots=True)
class RoleMonth:
    """Demand of the chosen set on a role in a month against its capacity."""

    role: str
    month: str
    capacity: float
    demand: float
    utilisation: float | None  # demand / capacity; None when there is no capacity


@dataclass(frozen=True, slots=True)
class Stopped:
    """A live (committed) programme the scenario would stop, and what stopping it frees."""

    id: str
    name: str
    stage: str
    value: float
    costs: dict[str, float]  # £ by financial year shown (with or without an envelope)
    fte: dict[str, float]  # peak monthly FTE by role over the horizon


@dataclass(frozen=True, slots=True)
class FrontierPoint:
    """One point of the efficient frontier: optimum value at an envelope scale."""

    scale: float
    envelope_total: float
    value: float | None
    chosen_count: int
    status: Status
    bound: float | None = None  # proven upper bound on the value (= value when optimal)
    mip_gap: float = 0.0

    def as_dict(self) -> dict[str, Any]:
        """Plain data; an unknown gap (stopped before any bound) is None, never Infinity."""
        out: dict[str, Any] = _plain(dataclasses.asdict(self))
        return out


@dataclass(frozen=True, slots=True)
class ScenarioResult:
    """The scenario's answer. Totals and utilisation are of the forced set when infeasible.

    ``over_committed`` lists the constraints fixed work alone already breaks: nothing chosen
    adds to them, and the rest of the choice still has an answer.
    """

    period: str
    envelope_scale: float
    status: Status
    objective: float | None
    chosen: tuple[str, ...]
    excluded: tuple[Excluded, ...]
    pipeline_chosen: tuple[str, ...]
    forced_in: tuple[str, ...]
    forced_out: tuple[str, ...]
    violations: tuple[Violation, ...]  # broken by programmes forced in with include
    over_committed: tuple[Violation, ...]  # already broken by fixed (committed) work alone
    years: tuple[str, ...]
    horizon: tuple[str, ...]
    totals: tuple[FyTotal, ...]
    utilisation: tuple[RoleMonth, ...]
    candidates: tuple[Candidate, ...]
    mip_gap: float  # (bound − objective) / bound: 0 when proven optimal, inf when unknown
    solve_seconds: float = field(compare=False)
    bound: float | None = None  # proven upper bound on the value of any affordable set
    reconsider_committed: bool = False
    fixed: tuple[str, ...] = ()  # committed programmes held in (not reconsidered)
    unvalued: tuple[str, ...] = ()  # proposals that could not be valued (unscored), left out
    stopped: tuple[Stopped, ...] = ()  # live programmes the answer would stop
    freed: tuple[FyTotal, ...] = ()  # what stopping them frees, by FY shown
    time_limit: float | None = field(default=None, compare=False)
    uncapacitated: tuple[str, ...] = ()
    """Roles the programmes ask for with no capacity recorded: not a constraint (unknown)."""
    unset_years: tuple[str, ...] = ()
    """Financial years with costs but no envelope set: not a constraint (unknown, never £0);
    ``totals`` has each with ``envelope`` None."""

    @property
    def proven(self) -> bool:
        """True when the value is proven the best possible (never claim it otherwise)."""
        return self.status == "optimal"

    def as_dict(self) -> dict[str, Any]:
        """Plain data in a fixed key order, without the solve time (it is not data)."""
        out: dict[str, Any] = _plain(dataclasses.asdict(self))
        del out["solve_seconds"], out["time_limit"]
        out["proven"] = self.proven
        return out


def _plain(value: Any) -> Any:
    """Tuples as lists, recursively, and a non-finite number (an unknown gap or bound) as
    None: what json.loads would give back from strict JSON."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def _who(cands: Sequence[Candidate], ids: Sequence[int]) -> str:
    kinds = []
    if any(cands[i].mandatory for i in ids):
        kinds.append("mandatory")
    if any(cands[i].committed and not cands[i].mandatory and not cands[i].included for i in ids):
        kinds.append("committed")
    if any(cands[i].included and not cands[i].mandatory for i in ids):
        kinds.append("included")
    kind = " and ".join(kinds) if len(kinds) < 3 else "mandatory, committed and included"
    if len(ids) == 1:
        return f"{kind} programme {cands[ids[0]].id} alone needs"
    return f"{kind} programmes alone need"


def violations(
    cands: Sequence[Candidate],
    rows: Sequence[tuple[Constraint, LinearConstraint]],
    forced_in: frozenset[int],
) -> tuple[Violation, ...]:
    """Each constraint the forced-in set breaks on its own, with by how much."""
    out: list[Violation] = []
    for con, row in rows:
        needs = row.activity(forced_in)
        if row.fits(needs):
            continue
        ids = [i for i in sorted(row.coefs) if i in forced_in]
        over = needs - con.limit
        who = _who(cands, ids)
        if con.kind == "envelope":
            text = (
                f"{who} {money(needs)} in {con.fy} against an envelope of "
                f"{money(con.limit)}: {money(over)} over"
            )
        else:
            text = (
                f"{who} {fte(needs)} FTE of {role_name(con.role or '')} in {con.month} against a "
                f"capacity "
                f"of {fte(con.limit)} FTE: {fte(over)} FTE over"
            )
        programmes = tuple(cands[i].id for i in ids)
        out.append(
            Violation(
                con.kind, con.fy, con.role, con.month, needs, con.limit, over, programmes, text
            )
        )
    return tuple(out)


def explain_exclusions(
    cands: Sequence[Candidate],
    rows: Sequence[tuple[Constraint, LinearConstraint]],
    chosen: frozenset[int],
) -> tuple[Excluded, ...]:
    """For each candidate left out, the constraint with least slack it would break if added."""
    activity = [row.activity(chosen) for _, row in rows]
    touches: dict[int, list[int]] = {}
    for r, (_, row) in enumerate(rows):
        for i in row.coefs:
            touches.setdefault(i, []).append(r)
    out: list[Excluded] = []
    for i, cand in enumerate(cands):
        if i in chosen:
            continue
        if cand.forced == "out" and cand.unscored and not cand.committed:
            missing = ", ".join(cand.unscored)
            reason = Reason("unvalued", f"cannot be valued: no score for {missing}")
        elif cand.forced == "out":
            reason = Reason("forced-out", "forced out")
        else:
            reason = _binding(i, cand, rows, activity, touches.get(i, []))
        out.append(Excluded(cand.id, cand.name, cand.value, cand.pipeline, cand.costs, reason))
    return tuple(out)


def _binding(
    i: int,
    cand: Candidate,
    rows: Sequence[tuple[Constraint, LinearConstraint]],
    activity: Sequence[float],
    touched: Sequence[int],
) -> Reason:
    broken = []
    for r in touched:
        con, row = rows[r]
        need = row.coefs[i]
        if not row.fits(activity[r] + need):
            broken.append((con.limit - activity[r], -need, r))
    if not broken:
        if cand.value == 0:
            return Reason("no-value", "adds no priority value (unscored)")
        return Reason("lower-value", "lower value than alternatives")
    slack, neg_need, r = min(broken)
    con = rows[r][0]
    left = max(slack, 0.0)
    if con.kind == "envelope":
        text = f"envelope {con.fy}: needs {money(-neg_need)}, {money(left)} left"
    else:
        role = role_title(con.role or "")
        text = f"{role} in {con.month}: needs {fte(-neg_need)} FTE, {fte(left)} left"
    return Reason(
        con.kind, text, con.fy, con.role, con.month, -neg_need, left, others=len(broken) - 1
    )


def fy_totals(
    cands: Sequence[Candidate],
    years: Sequence[str],
    envelope: Mapping[str, float],
    scale: float,
    chosen: frozenset[int],
) -> tuple[FyTotal, ...]:
    """The chosen set's cost by FY against the scaled envelope (£, to the penny); a year
    ``envelope`` does not have is unknown: its envelope and what is left are None."""
    out = []
    for fy in years:
        cost = round(math.fsum(cands[i].costs.get(fy, 0.0) for i in sorted(chosen)), 2)
        if fy not in envelope:
            out.append(FyTotal(fy, None, cost, None))
            continue
        limit = envelope[fy] * scale
        out.append(FyTotal(fy, round(limit, 2), cost, round(limit - cost, 2)))
    return tuple(out)


def utilisation(
    capacity: Mapping[tuple[str, str], float],
    demand: Sequence[Mapping[tuple[str, str], float]],
    chosen: frozenset[int],
) -> tuple[RoleMonth, ...]:
    """The chosen set's demand on every role in every month of the horizon."""
    out = []
    for role, month in sorted(capacity):
        cap = capacity[role, month]
        need = round(math.fsum(demand[i].get((role, month), 0.0) for i in sorted(chosen)), 6)
        use = round(need / cap, 6) if cap > 0 else None
        out.append(RoleMonth(role, month, cap, need, use))
    return tuple(out)


def uncapacitated_note(result: ScenarioResult) -> str | None:
    """Roles asked for with no capacity recorded, in words (unknown, so not a constraint):
    the CLI, the report and the TUI say the same, naming each role by its title as Q1 does
    (the JSON's ``uncapacitated`` keeps the ids)."""
    if not result.uncapacitated:
        return None
    return (
        f"No capacity is recorded for {join_words([role_title(r) for r in result.uncapacitated])}: "
        f"{'that role is' if len(result.uncapacitated) == 1 else 'those roles are'} not a "
        "constraint (pmo cannot tell whether the chosen set fits)."
    )


def envelope_note(period: str, years: Sequence[str], unset: Sequence[str]) -> str | None:
    """Years the envelope does not limit, in words (unknown, never £0), from a result's
    ``period``, ``years`` and ``unset_years``: the CLI, the report and the TUI say the same,
    in pmo status's words (:func:`pmo.present.words.no_envelope`). None when every year with
    costs has an envelope."""
    if unset:
        return f"{no_envelope(join_words(fy_runs(unset)))}, {NOT_LIMITED}."
    if not years:
        first = fy_of_period(window_start(period))
        return (
            f"No envelope is set for {first} or any later year, and no programme has costs "
            "then: money does not limit this scenario."
        )
    return None


def frontier_note(result: ScenarioResult) -> str | None:
    """Why the frontier is left out (no year has an envelope to scale), or what it does not
    scale (years with no envelope stay unlimited at every size); None when neither."""
    if not result.years:
        return (
            "No efficient frontier: no year the scenario covers has an envelope, so a larger "
            "or smaller envelope would change nothing."
        )
    if result.unset_years:
        years = join_words(fy_runs(result.unset_years))
        return (
            f"The envelope totals are of the years with an envelope; spending in {years} is not "
            "limited at any size."
        )
    return None
