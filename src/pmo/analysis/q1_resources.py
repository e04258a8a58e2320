"""Q1 constraints: affordability by financial year and CSTP capacity by role and month."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from pmo.analysis.classify import (
    cost_by_fy,
    demand_by_role_month,
    is_closed,
    is_committed,
    savings_by_fy,
)
from pmo.analysis.data import PortfolioData
from pmo.analysis.periods import add_months, fy_of_period, window_start
from pmo.model import Programme
from pmo.model.portfolio import capacity_at

HORIZON_MONTHS = 12
_EPS = 1e-9  # float tolerance when comparing sums of FTE


@dataclass(frozen=True, slots=True)
class FyAffordability:
    """One FY: base costs (no optimism bias) against the envelope; cashable savings vs target.

    ``envelope`` and ``savings_target`` are None when portfolio.yaml sets none for the year:
    unknown, never £0, so headroom and gaps are None too. Savings are the business cases'
    (the same "planned" as the savings position of Q3).
    """

    fy: str
    envelope: float | None
    committed: float  # cost of committed programmes (approved, or in delivery/closing)
    pipeline: float  # cost of pipeline proposals
    headroom: float | None  # envelope - committed (negative: over)
    headroom_after_pipeline: float | None  # envelope - committed - pipeline
    savings_target: float | None
    savings_committed: float  # cashable savings in committed business cases
    savings_pipeline: float
    savings_gap: float | None  # target - committed savings (positive: short; unidentified)
    savings_gap_after_pipeline: float | None  # target - committed - pipeline savings


@dataclass(frozen=True, slots=True)
class Affordability:
    """The affordability rows, ascending: the FYs within some live programme's own span (see
    :func:`programme_horizon`) that have an envelope, a savings target, or business-case costs or
    savings; plus the reporting period's FY when it has an envelope or target.

    Business-case flows in FYs outside every live programme's span are not rows: they are
    totalled in ``outside_cost`` / ``outside_savings`` over ``outside_fys`` and said in words.
    """

    current_fy: str  # the FY of the reporting period
    years: tuple[FyAffordability, ...]
    horizon: tuple[str, str] | None = None  # first and last FY of the live programmes' dates
    outside_fys: tuple[str, ...] = ()
    outside_cost: float = 0.0
    outside_savings: float = 0.0

    def year(self, fy: str) -> FyAffordability | None:
        """The row of one financial year, if any."""
        return next((y for y in self.years if y.fy == fy), None)

    @property
    def unfunded(self) -> tuple[FyAffordability, ...]:
        """Years with committed spend but no envelope set."""
        return tuple(y for y in self.years if y.envelope is None and y.committed > 0)


def _minus(base: float | None, *amounts: float) -> float | None:
    return None if base is None else base - sum(amounts)


def _fy_of_day(day: date) -> str:
    return fy_of_period(f"{day.year:04d}-{day.month:02d}")


def _next_fy(fy: str) -> str:
    start = int(fy[:4]) + 1
    return f"{start}/{(start + 1) % 100:02d}"


def programme_horizon(prog: Programme) -> tuple[str, str] | None:
    """A programme's own span in FYs: from the FY it starts to the FY after the one it ends in
    (its latest end date: baseline, current or forecast; the year after carries final payments
    and the first full year of savings). A bound it does not give comes from its business case's
    costs and savings; None when it has neither dates nor flows."""
    flows = sorted(set(cost_by_fy(prog)) | set(savings_by_fy(prog)))
    end = prog.end
    ends = [d for d in (end.baseline, end.current, end.forecast) if d] if end else []
    first = _fy_of_day(prog.start) if prog.start is not None else (flows[0] if flows else None)
    last = _next_fy(_fy_of_day(max(ends))) if ends else (flows[-1] if flows else None)
    if first is None or last is None:
        return None
    return min(first, last), max(first, last)


def horizon_fys(spans: Iterable[tuple[str, str]]) -> Callable[[str], bool]:
    """Whether an FY lies within any of the programmes' own spans."""
    found = tuple(spans)
    return lambda fy: any(first <= fy <= last for first, last in found)


def affordability(data: PortfolioData, period: str) -> Affordability:
    """Committed and pipeline cost vs envelope, and cashable savings vs target, by FY."""
    cost: dict[tuple[bool, str], float] = defaultdict(float)
    saving: dict[tuple[bool, str], float] = defaultdict(float)
    spans: list[tuple[str, str]] = []
    for prog in data.programmes.values():
        if is_closed(prog):
            continue
        funded = is_committed(prog)
        span = programme_horizon(prog)
        if span is not None:
            spans.append(span)
        for fy, amount in cost_by_fy(prog).items():
            cost[funded, fy] += amount
        for fy, amount in savings_by_fy(prog).items():
            saving[funded, fy] += amount
    cfg = data.config
    within = horizon_fys(spans)
    flows = {fy for _, fy in cost} | {fy for _, fy in saving}
    fys = {fy for fy in flows | set(cfg.envelope) | set(cfg.savings_target) if within(fy)}
    now = fy_of_period(period)
    if now in cfg.envelope or now in cfg.savings_target:
        fys.add(now)
    outside = tuple(sorted(fy for fy in flows if fy not in fys))
    rows = []
    for fy in sorted(fys):
        envelope, target = cfg.envelope.get(fy), cfg.savings_target.get(fy)
        committed, pipeline = cost.get((True, fy), 0.0), cost.get((False, fy), 0.0)
        s_committed, s_pipeline = saving.get((True, fy), 0.0), saving.get((False, fy), 0.0)
        rows.append(
            FyAffordability(
                fy=fy,
                envelope=envelope,
                committed=committed,
                pipeline=pipeline,
                headroom=_minus(envelope, committed),
                headroom_after_pipeline=_minus(envelope, committed, pipeline),
                savings_target=target,
                savings_committed=s_committed,
                savings_pipeline=s_pipeline,
                savings_gap=_minus(target, s_committed),
                savings_gap_after_pipeline=_minus(target, s_committed, s_pipeline),
            )
        )
    return Affordability(
        current_fy=now,
        years=tuple(rows),
        horizon=(min(f for f, _ in spans), max(last for _, last in spans)) if spans else None,
        outside_fys=outside,
        outside_cost=sum(v for (_, fy), v in cost.items() if fy in outside),
        outside_savings=sum(v for (_, fy), v in saving.items() if fy in outside),
    )


@dataclass(frozen=True, slots=True)
class CapacityCell:
    """One role in one month: FTE available against FTE demanded."""

    role: str
    month: str
    capacity: float  # 0 for a role demanded but not in portfolio.yaml capacity
    confirmed: float  # demand on resource lines the PMO has confirmed
    total: float  # all demand of live programmes, pipeline included
    gap: float  # capacity - total (negative: over-allocated)
    utilisation: float | None  # total / capacity; None when capacity is 0
    over_confirmed: bool  # confirmed demand alone exceeds capacity (recorded roles only)
    over_total: bool  # all demand exceeds capacity


@dataclass(frozen=True, slots=True)
class RoleCapacity:
    """A role over the horizon: how often and how badly it is over-allocated."""

    role: str
    months_over: int  # months where all demand exceeds capacity
    months_over_confirmed: int  # months where confirmed demand exceeds capacity
    peak_month: str  # the tightest month: smallest gap (capacity - total), first if tied
    peak_total: float  # total demand in that month
    capacity_at_peak: float  # capacity in that month
    recorded: bool = True  # False: demanded but not in portfolio.yaml capacity (unknown)


@dataclass(frozen=True, slots=True)
class Capacity:
    """Capacity against demand for every role and month of the horizon."""

    months: tuple[str, ...]
    roles: tuple[RoleCapacity, ...]  # portfolio.yaml roles in order, then unknown roles by name
    cells: tuple[CapacityCell, ...]  # role by role, month by month
    over: tuple[CapacityCell, ...]  # cells over-allocated on confirmed or total demand

    def cell(self, role: str, month: str) -> CapacityCell | None:
        """One role-month, if in the horizon."""
        return next((c for c in self.cells if c.role == role and c.month == month), None)


def horizon(period: str, months: int = HORIZON_MONTHS) -> tuple[str, ...]:
    """``months`` consecutive months from ``window_start(period)`` (the period itself)."""
    return tuple(add_months(window_start(period), i) for i in range(months))


def capacity(data: PortfolioData, period: str, months: Sequence[str] | None = None) -> Capacity:
    """Capacity by role and month over ``months`` (default: 12 months from ``period``)."""
    span = tuple(months) if months is not None else horizon(period)
    in_span = set(span)
    confirmed: dict[tuple[str, str], float] = defaultdict(float)
    total: dict[tuple[str, str], float] = defaultdict(float)
    for prog in data.programmes.values():
        if is_closed(prog):
            continue
        for key, fte in demand_by_role_month(prog).items():
            total[key] += fte
        for key, fte in demand_by_role_month(prog, confirmed_only=True).items():
            confirmed[key] += fte
    plans = data.config.capacity
    extra = sorted({r for r, m in total if m in in_span and r not in plans})
    cells: list[CapacityCell] = []
    roles: list[RoleCapacity] = []
    for role in [*plans, *extra]:
        row = []
        for month in span:
            cap = capacity_at(plans[role], month) if role in plans else 0.0
            conf, tot = round(confirmed[role, month], 6), round(total[role, month], 6)
            row.append(
                CapacityCell(
                    role=role,
                    month=month,
                    capacity=cap,
                    confirmed=conf,
                    total=tot,
                    gap=round(cap - tot, 6),
                    utilisation=tot / cap if cap > 0 else None,
                    over_confirmed=role in plans and conf > cap + _EPS,
                    over_total=role in plans and tot > cap + _EPS,
                )
            )
        cells.extend(row)
        if row:
            peak = min(row, key=lambda c: c.gap)
            roles.append(
                RoleCapacity(
                    role=role,
                    months_over=sum(c.over_total for c in row),
                    months_over_confirmed=sum(c.over_confirmed for c in row),
                    peak_month=peak.month,
                    peak_total=peak.total,
                    capacity_at_peak=peak.capacity,
                    recorded=role in plans,
                )
            )
    over = tuple(c for c in cells if c.over_total or c.over_confirmed)
    return Capacity(span, tuple(roles), tuple(cells), over)
