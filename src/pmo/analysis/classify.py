"""Programme stages classified (closed, committed, pipeline) and each one's cost, demand, score."""

from __future__ import annotations

from collections import defaultdict

from pmo.analysis.periods import period_range
from pmo.model import Criterion, Programme

APPROVED = ("approved", "approved-with-conditions")


def is_closed(prog: Programme) -> bool:
    """Closed programmes are history: no cost, no demand, no choice."""
    return prog.stage == "closed"


def is_committed(prog: Programme) -> bool:
    """Funded: an approved business case, or already in delivery/closing (money is being spent)."""
    if is_closed(prog):
        return False
    approved = prog.business_case is not None and prog.business_case.status in APPROVED
    return approved or prog.stage in ("delivery", "closing")


def is_pipeline(prog: Programme) -> bool:
    """Not yet committed: proposals awaiting a funding decision."""
    return not is_closed(prog) and not is_committed(prog)


def cost_by_fy(prog: Programme, *, optimism_bias: bool = False) -> dict[str, float]:
    """Business-case cost (capital + revenue) by financial year; optionally with optimism bias."""
    bc = prog.business_case
    if bc is None:
        return {}
    uplift = 1 + (bc.optimism_bias or 0) if optimism_bias else 1.0
    return {fy: (line.capital + line.revenue) * uplift for fy, line in sorted(bc.costs.items())}


def savings_by_fy(prog: Programme) -> dict[str, float]:
    """Cashable savings in the business case by financial year."""
    return dict(sorted(prog.business_case.savings.items())) if prog.business_case else {}


def demand_by_role_month(
    prog: Programme, *, confirmed_only: bool = False
) -> dict[tuple[str, str], float]:
    """FTE demanded of each (role, month) by a programme's resource lines."""
    out: dict[tuple[str, str], float] = defaultdict(float)
    for res in prog.resources:
        if confirmed_only and not res.confirmed:
            continue
        for month in period_range(res.from_, res.to):
            out[res.role, month] += res.fte
    return dict(out)


def priority_score(prog: Programme, criteria: list[Criterion]) -> float:
    """Weighted score sum(weight_c x score_c) / 100, on the 1..5 scale (unscored counts 0)."""
    return sum(c.weight * prog.scores.get(c.id, 0) for c in criteria) / 100
