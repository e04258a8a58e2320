"""Business-case economics (Green Book): PV at 3.5%, NPV, benefit-cost ratio, payback.

Conventions: year 0 is the case's first financial year (costs or savings), undiscounted; costs
carry the case's optimism bias; savings are its cashable savings, counted in every year they
are given, beyond the costed years too. Flows are spread evenly through each year, and payback
counts from the start of the first year with spend. BCR and payback are None (shown "n/a (no
cashable savings)") for a case without cashable savings.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from pmo.analysis.classify import cost_by_fy, is_closed, savings_by_fy
from pmo.analysis.data import PortfolioData
from pmo.model import Programme

#: HM Treasury Green Book social time preference rate, years 0-30.
DISCOUNT_RATE = 0.035


@dataclass(frozen=True, slots=True)
class EconomicsYear:
    """One financial year of a business case's cash flows (costs include optimism bias)."""

    fy: str
    year: int  # t: years from the business case's first FY (0 = first, undiscounted)
    cost: float
    saving: float
    factor: float  # 1 / (1 + rate) ** t
    pv_cost: float
    pv_saving: float


@dataclass(frozen=True, slots=True)
class Economics:
    """The cashable economics of one programme's business case."""

    programme: str
    name: str
    first_fy: str
    rate: float
    optimism_bias: float
    years: tuple[EconomicsYear, ...]  # every FY from the first to the last, gaps as zero
    cost_before_bias: float  # undiscounted base-year cost, without optimism bias
    cost: float  # undiscounted cost with optimism bias
    savings: float  # undiscounted cashable savings
    pv_costs: float  # with optimism bias
    pv_savings: float
    npv: float  # pv_savings - pv_costs
    bcr: float | None  # pv_savings / pv_costs; None without costs or cashable savings
    simple_payback: float | None  # years from first spend; None if never (or no savings)
    discounted_payback: float | None

    @property
    def cashable(self) -> bool:
        """Whether the case has cashable savings (without, BCR and payback are n/a)."""
        return self.savings > 0


def _fy_start(fy: str) -> int:
    return int(fy[:4])


def _fy_name(start: int) -> str:
    return f"{start:04d}/{(start + 1) % 100:02d}"


def payback(costs: Sequence[float], savings: Sequence[float]) -> float | None:
    """Years from first spend until cumulative savings catch up with cumulative costs, or None.

    Each year's flows are spread evenly through it, so the cumulative net moves in a straight
    line across the year. Counting starts at the beginning of the first year with a cost (t0):
    a cost of 100 in year 0 repaid by 60 a year from year 1 pays back 2.67 years after the
    spending started. None without any cost or saving, or if the flows never catch up.
    """
    first = next((t for t, cost in enumerate(costs) if cost > 0), None)
    if first is None or not any(s > 0 for s in savings):
        return None
    cum_net = sum(savings[t] - costs[t] for t in range(first))
    for t in range(first, len(costs)):
        before = cum_net
        cum_net += savings[t] - costs[t]
        if cum_net >= 0:
            if before < 0:
                return (t - first) + (-before) / (cum_net - before)
            return float(t - first)
    return None


def economics(prog: Programme, rate: float = DISCOUNT_RATE) -> Economics | None:
    """A programme's business-case economics; None without a business case or any flows.

    Costs are capital + revenue with the case's optimism bias; savings are its cashable savings.
    Discounting runs from the case's first FY (year 0 undiscounted, factor 1/(1+rate)^t).
    """
    bc = prog.business_case
    if bc is None:
        return None
    costs = cost_by_fy(prog, optimism_bias=True)
    base = cost_by_fy(prog)
    savings = savings_by_fy(prog)
    fys = sorted(set(costs) | set(savings))
    if not fys:
        return None
    first = _fy_start(fys[0])
    years: list[EconomicsYear] = []
    for t in range(_fy_start(fys[-1]) - first + 1):
        fy = _fy_name(first + t)
        cost, saving = costs.get(fy, 0.0), savings.get(fy, 0.0)
        factor = 1 / (1 + rate) ** t
        years.append(EconomicsYear(fy, t, cost, saving, factor, cost * factor, saving * factor))
    pv_costs = sum(y.pv_cost for y in years)
    pv_savings = sum(y.pv_saving for y in years)
    return Economics(
        programme=prog.id,
        name=prog.name,
        first_fy=fys[0],
        rate=rate,
        optimism_bias=bc.optimism_bias or 0.0,
        years=tuple(years),
        cost_before_bias=sum(base.values()),
        cost=sum(y.cost for y in years),
        savings=sum(y.saving for y in years),
        pv_costs=pv_costs,
        pv_savings=pv_savings,
        npv=pv_savings - pv_costs,
        bcr=pv_savings / pv_costs if pv_costs > 0 and pv_savings > 0 else None,
        simple_payback=payback([y.cost for y in years], [y.saving for y in years]),
        discounted_payback=payback([y.pv_cost for y in years], [y.pv_saving for y in years]),
    )


def portfolio_economics(data: PortfolioData, rate: float = DISCOUNT_RATE) -> list[Economics]:
    """Economics of every non-closed programme with business-case flows, sorted by id."""
    out = [economics(p, rate) for p in data.programmes.values() if not is_closed(p)]
    return sorted((e for e in out if e is not None), key=lambda e: e.programme)
