"""Q1 — are these the right programmes, subject to risk, resources and affordability?"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from pmo.analysis.data import PortfolioData
from pmo.analysis.economics import Economics, EconomicsYear, economics, portfolio_economics
from pmo.analysis.periods import add_months
from pmo.analysis.q1_coverage import (
    Coverage,
    ObjectiveCoverage,
    PriorityRow,
    coverage,
    priority,
)
from pmo.analysis.q1_resources import (
    Affordability,
    Capacity,
    CapacityCell,
    FyAffordability,
    RoleCapacity,
    affordability,
    capacity,
    horizon,
)
from pmo.analysis.q1_risk import (
    GateBreach,
    RiskCount,
    RiskProfile,
    RiskRow,
    risk_profile,
    stage_gate,
)
from pmo.present.numbers import money, number
from pmo.present.words import join_words, plural

__all__ = [
    "Q1",
    "Affordability",
    "Capacity",
    "CapacityCell",
    "Coverage",
    "Economics",
    "EconomicsYear",
    "FyAffordability",
    "GateBreach",
    "ObjectiveCoverage",
    "PriorityRow",
    "RiskCount",
    "RiskProfile",
    "RiskRow",
    "RoleCapacity",
    "affordability",
    "capacity",
    "coverage",
    "economics",
    "horizon",
    "portfolio_economics",
    "priority",
    "q1",
    "q1_sentences",
    "risk_profile",
    "stage_gate",
]


@dataclass(frozen=True, slots=True)
class Q1:
    """Everything Q1 computes for one reporting period."""

    period: str
    coverage: Coverage
    priority: tuple[PriorityRow, ...]  # rank order
    affordability: Affordability
    capacity: Capacity
    risks: RiskProfile
    economics: tuple[Economics, ...]  # live programmes with business-case flows, by id
    stage_gate: tuple[GateBreach, ...]  # by id
    unreadable: tuple[str, ...] = ()  # names of programmes left out: programme.yaml unreadable


def q1(data: PortfolioData, period: str, months: Sequence[str] | None = None) -> Q1:
    """Q1 for ``period``; capacity over ``months`` (default: the 12 months from ``period``)."""
    return Q1(
        period=period,
        coverage=coverage(data, period),
        priority=priority(data, period),
        affordability=affordability(data, period),
        capacity=capacity(data, period, months),
        risks=risk_profile(data, period),
        economics=tuple(portfolio_economics(data)),
        stage_gate=stage_gate(data, period),
        unreadable=unreadable_names(data),
    )


def unreadable_names(data: PortfolioData) -> tuple[str, ...]:
    """Names of the programmes whose programme.yaml cannot be read, by id."""
    return tuple(u.name for _, u in sorted(data.unreadable.items()))


def left_out_sentence(names: Sequence[str]) -> list[str]:
    """Says which unreadable programmes the figures that follow leave out (none: nothing)."""
    if not names:
        return []
    verb = "is" if len(names) == 1 else "are"
    return [
        f"These figures leave out {plural(len(names), 'programme')} whose programme.yaml "
        f"cannot be read ({join_words(list(names))}); {'it' if len(names) == 1 else 'they'} "
        f"{verb} counted as unreadable until fixed."
    ]


def _be(count: int) -> str:
    return "is" if count == 1 else "are"


def _pipeline_adds(amount: float, what: str) -> str:
    if amount > 0:
        return f"the pipeline would add {money(amount)}"
    return f"the pipeline has no {what} that year"


def _affordability_sentences(aff: Affordability) -> list[str]:
    out: list[str] = []
    now = aff.year(aff.current_fy)
    if now is not None:
        if now.envelope > 0:
            side = "over" if now.headroom < 0 else "headroom"
            out.append(
                f"Committed spend in {now.fy} is {money(now.committed)} against an envelope "
                f"of {money(now.envelope)} ({money(abs(now.headroom))} {side}); "
                f"{_pipeline_adds(now.pipeline, 'costs')}."
            )
        else:
            out.append(
                f"Committed spend in {now.fy} is {money(now.committed)} with no envelope "
                f"set; {_pipeline_adds(now.pipeline, 'costs')}."
            )
    ahead = [y for y in aff.years if y.fy >= aff.current_fy]
    alone = [y for y in ahead if y.headroom < 0 and y.fy != aff.current_fy]
    if alone:
        parts = [f"{y.fy} ({money(y.committed)} against {money(y.envelope)})" for y in alone]
        out.append(f"Committed spend alone exceeds the envelope in {join_words(parts)}.")
    with_pipeline = [y for y in ahead if y.headroom >= 0 > y.headroom_after_pipeline]
    if with_pipeline:
        parts = [
            f"{y.fy} ({money(y.committed + y.pipeline)} against {money(y.envelope)})"
            for y in with_pipeline
        ]
        out.append(f"Funding the whole pipeline would exceed the envelope in {join_words(parts)}.")
    return out


def _savings_sentences(aff: Affordability) -> list[str]:
    out: list[str] = []
    now = aff.year(aff.current_fy)
    if now is not None and (now.savings_target > 0 or now.savings_committed > 0):
        side = "short" if now.savings_gap > 0 else "ahead"
        out.append(
            f"Planned cashable savings in {now.fy} are {money(now.savings_committed)} "
            f"against a target of {money(now.savings_target)} "
            f"({money(abs(now.savings_gap))} {side}); "
            f"{_pipeline_adds(now.savings_pipeline, 'savings')}."
        )
    short = [y for y in aff.years if y.fy > aff.current_fy and y.savings_gap_after_pipeline > 0]
    if short:
        parts = [
            f"{y.fy} ({money(y.savings_committed + y.savings_pipeline)} against "
            f"{money(y.savings_target)})"
            for y in short
        ]
        out.append(f"Even with the pipeline, savings fall short of target in {join_words(parts)}.")
    return out


def _capacity_sentences(cap: Capacity, period: str) -> list[str]:
    n = len(cap.months)
    if cap.months == horizon(period, n):
        span = f"the next {n} months" if n != 1 else "this month"
    elif cap.months and list(cap.months) == [add_months(cap.months[0], i) for i in range(n)]:
        span = f"the {n} months {cap.months[0]} to {cap.months[-1]}"
    else:
        span = f"the {n} months shown"
    out = []
    for role in cap.roles:
        if role.months_over == 0:
            continue
        sentence = (
            f"{role.role} is over-allocated in {role.months_over} of {span} "
            f"(peak {number(role.peak_total)} FTE against {number(role.capacity_at_peak)})"
        )
        if role.months_over_confirmed:
            sentence += (
                f"; confirmed allocations alone exceed capacity in "
                f"{plural(role.months_over_confirmed, 'month')}"
            )
        out.append(sentence + ".")
    return out or [f"No role is over-allocated in {span}."]


def _coverage_sentences(cov: Coverage, names: dict[str, str]) -> list[str]:
    out = []
    for obj in cov.objectives:
        if obj.flag == "none":
            out.append(f"No live programme serves the objective '{obj.title}'.")
        elif obj.flag == "weak":
            out.append(
                f"The objective '{obj.title}' is only weakly served: "
                f"{plural(len(obj.contributors), 'programme')} contribute, none strongly."
            )
    if not out:
        out.append(
            f"Every one of the {len(cov.objectives)} objectives has at least one programme "
            "contributing strongly."
        )
    if cov.unaligned:
        out.append(
            f"{plural(len(cov.unaligned), 'programme')} {_be(len(cov.unaligned))} serving no "
            f"objective: {join_words([names[p] for p in cov.unaligned])}."
        )
    return out


def _priority_sentences(rows: tuple[PriorityRow, ...]) -> list[str]:
    if not rows:
        return []
    top = [f"{r.name} ({r.score:.2f})" for r in rows[:3]]
    out = [f"The highest priority scores are {join_words(top)}."]
    pipeline = [r for r in rows if not r.committed]
    if pipeline:
        best = pipeline[0]
        out.append(
            f"The highest-scoring pipeline proposal, {best.name}, ranks {best.rank} of "
            f"{len(rows)} ({best.score:.2f})."
        )
    return out


def _risk_sentences(risks: RiskProfile, names: dict[str, str]) -> list[str]:
    esc, over = len(risks.escalated), len(risks.over_appetite)
    if not risks.risks:
        return ["There are no open risks."]
    if esc == 0 and over == 0:
        return [
            f"None of the {plural(len(risks.risks), 'open risk')} is at or above the escalation "
            f"score of {risks.escalate_at} or over appetite."
        ]
    top = risks.risks[0]
    return [
        f"{plural(esc, 'open risk')} {_be(esc)} at or above the escalation score of "
        f"{risks.escalate_at} and {over} {_be(over)} over their category's appetite; the "
        f"highest is '{top.title}' ({names[top.programme]}, {top.score})."
    ]


def _gate_sentences(gate: tuple[GateBreach, ...]) -> list[str]:
    if not gate:
        return ["Every programme in delivery has an approved business case."]
    where = "delivery" if all(g.stage == "delivery" for g in gate) else "delivery or closing"
    items = [
        f"{g.name} ({g.case_stage} {g.case_status})"
        if g.case_status
        else f"{g.name} (no business case)"
        for g in gate
    ]
    return [
        f"{plural(len(gate), 'programme')} {_be(len(gate))} in {where} without an approved "
        f"business case: {join_words(items)}."
    ]


def _economics_sentences(econ: tuple[Economics, ...]) -> list[str]:
    cashable = [e for e in econ if e.savings > 0 and e.pv_costs > 0]
    cost_only = [e for e in econ if e.savings <= 0 and e.pv_costs > 0]
    out = []
    if cashable:
        negative = sorted((e for e in cashable if e.npv < 0), key=lambda e: (e.npv, e.programme))
        positive = len(cashable) - len(negative)
        sentence = (
            f"{positive} of the {plural(len(cashable), 'business case')} with cashable savings "
            f"{'has' if positive == 1 else 'have'} a positive NPV at 3.5% after optimism bias "
            f"(together {money(sum(e.npv for e in cashable))})"
        )
        if 0 < len(negative) <= 3:
            sentence += f"; {join_words([e.name for e in negative])} {_be(len(negative))} negative"
        elif negative:
            worst = min(negative, key=lambda e: (e.bcr or 0.0, e.programme))
            sentence += f"; the weakest is {worst.name} (BCR {number(worst.bcr or 0.0)})"
        out.append(sentence + ".")
    if cost_only:
        out.append(
            f"{plural(len(cost_only), 'business case')} {_be(len(cost_only))} justified by "
            "non-cashable benefits alone."
        )
    return out


def q1_sentences(result: Q1) -> list[str]:
    """The answer to Q1 in plain sentences with the numbers behind them."""
    names = {r.programme: r.name for r in result.priority}
    names.update({g.programme: g.name for g in result.stage_gate})
    return [
        *_affordability_sentences(result.affordability),
        *_savings_sentences(result.affordability),
        *_capacity_sentences(result.capacity, result.period),
        *_coverage_sentences(result.coverage, names),
        *_priority_sentences(result.priority),
        *_risk_sentences(result.risks, names),
        *_gate_sentences(result.stage_gate),
        *_economics_sentences(result.economics),
        *left_out_sentence(result.unreadable),
    ]
