"""Q2 evidence check: flags where the data disagrees with a rating (never changing the rating).

Only hard evidence about the period counts, each judged against the portfolio's own tolerances,
so a tidy programme with small noise is never flagged:

- **red-dimension**: a dimension rated red under an overall green (or amber-green);
- **milestone-slip**: a key milestone met late, or forecast (or already overdue) more than
  ``schedule_days`` beyond its current baseline;
- **cost-variance**: the in-year forecast outturn beyond ``cost_percent`` of the budget with
  no narrative (the portfolio's rule: such a variance must be explained);
- **no-budget**: a forecast outturn against no (or a zero) budget for the year;
- **benefit-off-track**: a benefit off track by Q3's status (moved away from its baseline, or
  forecast to miss its target by more than ``benefit_percent``); at risk is not enough;
- **missing-update** / **stale-update**: no current update to rate the month by.

A risk at the escalation score is a risk, not evidence about delivery: Q1 lists those.
A programme rated green (or amber-green) with any flag is a *watermelon*.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from pmo.analysis.data import PortfolioData
from pmo.analysis.q2_delivery import against_no_budget
from pmo.analysis.q2_status import ProgrammeStatus, Status
from pmo.analysis.q3_benefits import assess_benefit, benefit_position
from pmo.model import Benefit, Milestone, Programme
from pmo.model.types import fy_of_period, period_end
from pmo.model.update import DIMENSIONS
from pmo.present.numbers import money
from pmo.validate.quality import cost_variance

FlagKind = Literal[
    "red-dimension",
    "milestone-slip",
    "cost-variance",
    "no-budget",
    "benefit-off-track",
    "missing-update",
    "stale-update",
]
#: Overall ratings that claim all is (nearly) well: a red dimension under them is a flag.
GREENISH: tuple[str, ...] = ("green", "amber-green")


@dataclass(frozen=True, slots=True)
class EvidenceFlag:
    """One piece of evidence that disagrees with the rating, and why."""

    programme: str
    kind: FlagKind
    reason: str


@dataclass(frozen=True, slots=True)
class Evidence:
    """A programme's evidence flags for the period (only programmes with flags are listed)."""

    programme: str
    name: str
    status: Status
    flags: tuple[EvidenceFlag, ...]
    watermelon: bool
    """Rated green (or amber-green) while the evidence disagrees: green outside, red inside."""


def milestone_slip(milestone: Milestone, period: str) -> int | None:
    """Days an unmet milestone is forecast beyond its current baseline at the end of ``period``.

    The current baseline is ``current`` (or ``baseline`` when there is none). A milestone met
    by the period's end has no slip (None). An unmet one whose forecast has already passed is
    at least as late as the period's end.
    """
    end = period_end(period)
    if milestone.actual is not None and milestone.actual <= end:
        return None
    reference = milestone.current or milestone.baseline
    projected = max(milestone.actual or milestone.forecast or reference, end)
    return (projected - reference).days


def latest_actual(
    data: PortfolioData, programme_id: str, benefit_id: str, period: str
) -> tuple[str, float] | None:
    """The latest (period, value) measured for a benefit on or before ``period``."""
    for p, update in sorted(data.updates_of(programme_id).items(), reverse=True):
        if p <= period and benefit_id in update.benefits:
            return p, update.benefits[benefit_id]
    return None


def benefit_off_track(
    data: PortfolioData, prog: Programme, benefit: Benefit, period: str
) -> str | None:
    """Why a benefit is off track at ``period`` (the Q3 status), or None.

    Only off track counts as evidence: moved away from its baseline, or forecast to miss its
    target by more than the portfolio's tolerance. A benefit at risk (behind, still moving
    toward a target it is forecast to reach) is Q3's concern, not evidence that a rating is
    wrong.
    """
    found = assess_benefit(data, prog, benefit, period)
    if found.status != "off track":
        return None
    return f"benefit '{benefit.title}' {found.status}: {benefit_position(found)}"


def _flags(
    data: PortfolioData, s: ProgrammeStatus, model: Programme, period: str
) -> list[EvidenceFlag]:
    pid, cfg = s.programme, data.config
    flags: list[EvidenceFlag] = []

    def add(kind: FlagKind, reason: str) -> None:
        flags.append(EvidenceFlag(pid, kind, reason))

    update = data.update(pid, period)
    if update is not None and update.rag.overall in GREENISH:
        for dim in DIMENSIONS:
            if getattr(update.rag, dim) == "red":
                add("red-dimension", f"{dim} rated red")
    for m in model.milestones:
        slip = milestone_slip(m, period) if m.key else None
        if slip is not None and slip > cfg.tolerances.schedule_days:
            add(
                "milestone-slip",
                f"key milestone '{m.title}' {slip} days late against its current baseline",
            )
    if update is not None and update.finance is not None:
        fy = fy_of_period(period)
        if update.finance.forecast_outturn > 0 and not model.budget.get(fy):
            add(
                "no-budget",
                against_no_budget(update.finance.forecast_outturn, fy),
            )
        var = cost_variance(model, update, period)
        narrative = (update.finance.narrative or "").strip()
        if var is not None and abs(var[1]) > cfg.tolerances.cost_percent and not narrative:
            side = "over" if var[0] > 0 else "under"
            budget = model.budget[fy_of_period(period)]
            add(
                "cost-variance",
                f"forecast outturn {money(update.finance.forecast_outturn)} is "
                f"{abs(var[1]):.1f}% {side} the {fy_of_period(period)} budget of "
                f"{money(budget)} with no narrative",
            )
    for b in model.benefits:
        reason = benefit_off_track(data, model, b, period)
        if reason is not None:
            add("benefit-off-track", reason)
    if s.status == "missing":
        since = f"latest is {s.latest}" if s.latest else "it has never reported"
        add("missing-update", f"no update for {period} ({since})")
    elif s.status == "stale":
        add(
            "stale-update",
            f"latest update is {s.latest}, {s.age_days} days old at the end of {period} "
            f"(limit {cfg.stale_after_days})",
        )
    return flags


def evidence(
    data: PortfolioData, items: tuple[ProgrammeStatus, ...], period: str
) -> tuple[Evidence, ...]:
    """Evidence flags of each programme in ``items`` that has any; watermelons first, then id."""
    out: list[Evidence] = []
    for s in items:
        flags = _flags(data, s, data.programmes[s.programme], period)
        if flags:
            watermelon = s.status in GREENISH
            out.append(Evidence(s.programme, s.name, s.status, tuple(flags), watermelon))
    out.sort(key=lambda e: (not e.watermelon, e.programme))
    return tuple(out)
