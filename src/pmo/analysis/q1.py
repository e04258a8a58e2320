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
    UnscoredRow,
    coverage,
    priority,
    unscored,
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
    RiskExposure,
    RiskProfile,
    risk_profile,
    stage_gate,
)
from pmo.analysis.q3_benefits import assess_benefits
from pmo.analysis.q3_savings import (
    RUN_FROM,
    SavingsYear,
    savings_lines,
    savings_sentence,
    savings_years,
)
from pmo.present.dates import fy_runs
from pmo.present.numbers import bcr, money, number
from pmo.present.words import join_words, no_envelope, plural, role_title

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
    "RiskExposure",
    "RiskProfile",
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
    priority: tuple[PriorityRow, ...]  # rank order; fully scored programmes only
    affordability: Affordability
    capacity: Capacity
    risks: RiskProfile
    economics: tuple[Economics, ...]  # live programmes with business-case flows, by id
    stage_gate: tuple[GateBreach, ...]  # by id
    unreadable: tuple[str, ...] = ()  # names of programmes left out: programme.yaml unreadable
    savings: tuple[SavingsYear, ...] = ()  # the savings position by FY (the same as Q3's)
    unscored: tuple[UnscoredRow, ...] = ()  # not scored on every criterion: never ranked


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
        savings=savings_position(data, period),
        unscored=unscored(data),
    )


def savings_position(data: PortfolioData, period: str) -> tuple[SavingsYear, ...]:
    """The savings position by FY at ``period`` (see :mod:`pmo.analysis.q3_savings`)."""
    return savings_years(data, savings_lines(data, assess_benefits(data, period), period))


def not_scored_or_mapped(unreadable: Sequence[str]) -> str:
    """Under the coverage and priority tables: who is missing from them and why."""
    n = len(unreadable)
    return (
        f"Not in this table: {join_words(list(unreadable))} ({'its' if n == 1 else 'their'} "
        "programme.yaml cannot be read; counted as unreadable), so coverage and ranking may "
        "change once fixed."
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
    if now is None:
        out.append(
            f"No programme has costs in {aff.current_fy}"
            + ("." if aff.years else ", and no envelope is set for any year.")
        )
    elif now.envelope is None or now.headroom is None:
        out.append(
            f"Committed spend in {now.fy} is {money(now.committed)}; no envelope is set for "
            f"{now.fy}; {_pipeline_adds(now.pipeline, 'costs')}."
        )
    else:
        side = "over" if now.headroom < 0 else "headroom"
        out.append(
            f"Committed spend in {now.fy} is {money(now.committed)} against an envelope "
            f"of {money(now.envelope)} ({money(abs(now.headroom))} {side}); "
            f"{_pipeline_adds(now.pipeline, 'costs')}."
        )
    ahead = [y for y in aff.years if y.fy >= aff.current_fy]
    alone = [
        y for y in ahead if y.headroom is not None and y.headroom < 0 and y.fy != aff.current_fy
    ]
    if alone:
        parts = [f"{y.fy} ({money(y.committed)} against {money(y.envelope)})" for y in alone]
        out.append(f"Committed spend alone exceeds the envelope in {join_words(parts)}.")
    with_pipeline = [
        y
        for y in ahead
        if y.headroom is not None
        and y.headroom_after_pipeline is not None
        and y.headroom >= 0 > y.headroom_after_pipeline
    ]
    if with_pipeline:
        parts = [
            f"{y.fy} ({money(y.committed + y.pipeline)} against {money(y.envelope)})"
            for y in with_pipeline
        ]
        out.append(f"Funding the whole pipeline would exceed the envelope in {join_words(parts)}.")
    unset = [y for y in ahead if y.envelope is None and y.fy != aff.current_fy]
    if unset:
        out.append(no_envelope(join_words(_unset_parts(unset))) + ".")
    return out + _outside_sentence(aff)


def _unset_parts(unset: Sequence[FyAffordability]) -> list[str]:
    """Years with no envelope in words; RUN_FROM or more in a row as one span with its total
    ("2027/28–2055/56 (£29k committed and pipeline over 29 years)"), never a long list."""
    runs: list[list[FyAffordability]] = []
    for y in unset:
        if runs and int(y.fy[:4]) == int(runs[-1][-1].fy[:4]) + 1:
            runs[-1].append(y)
        else:
            runs.append([y])
    parts: list[str] = []
    for run in runs:
        if len(run) < RUN_FROM:
            parts += [
                f"{y.fy} ({money(y.committed + y.pipeline)} committed and pipeline)" for y in run
            ]
        else:
            total = sum(y.committed + y.pipeline for y in run)
            parts.append(
                f"{run[0].fy}–{run[-1].fy} ({money(total)} committed and pipeline over "
                f"{len(run)} years)"
            )
    return parts


def _outside_sentence(aff: Affordability) -> list[str]:
    if not aff.outside_fys:
        return []
    flows = [
        f"{money(amount)} of {what}"
        for amount, what in ((aff.outside_cost, "costs"), (aff.outside_savings, "savings"))
        if amount
    ]
    return [
        f"Business cases give {join_words(flows) or 'nothing'} in "
        f"{join_words(fy_runs(aff.outside_fys))}, outside every live programme's span "
        "(from its start to the year after its end): not in the affordability table."
    ]


def _savings_sentences(result: Q1) -> list[str]:
    fy = result.affordability.current_fy
    now = next((y for y in result.savings if y.fy == fy), None)
    if now is None:
        return [f"No savings target is set and no savings are planned for {fy}."]
    out = [savings_sentence(now)]
    if now.pipeline > 0:
        out.append(f"Pipeline proposals would add {money(now.pipeline)} of savings in {fy}.")
    short = [
        y
        for y in result.savings
        if y.fy > fy and y.unidentified is not None and y.unidentified - y.pipeline > 0
    ]
    if short:
        parts = [
            f"{y.fy} ({money(y.planned + y.pipeline)} against {money(y.target)})" for y in short
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
    unrecorded = [r for r in cap.roles if not r.recorded]
    for role in unrecorded:
        out.append(
            f"No capacity is recorded for {role_title(role.role)} in portfolio.yaml, though "
            f"programmes ask for up to {number(role.peak_total)} FTE in {span}: it cannot be "
            "checked."
        )
    for role in cap.roles:
        if role.months_over == 0 or not role.recorded:
            continue
        sentence = (
            f"{role_title(role.role)} is over-allocated in {role.months_over} of {span} "
            f"(tightest month {role.peak_month}: {number(role.peak_total)} FTE against "
            f"{number(role.capacity_at_peak)})"
        )
        if role.months_over_confirmed:
            sentence += (
                f"; confirmed allocations alone exceed capacity in "
                f"{plural(role.months_over_confirmed, 'month')}"
            )
        out.append(sentence + ".")
    if not any(r.recorded for r in cap.roles):
        return out or ["No capacity or demand for the team is recorded."]
    if len(out) == len(unrecorded):
        out.append(f"No role with recorded capacity is over-allocated in {span}.")
    return out


def _coverage_sentences(
    cov: Coverage, names: dict[str, str], unreadable: tuple[str, ...] = ()
) -> list[str]:
    out = []
    for obj in cov.objectives:
        if obj.flag == "none" and unreadable:  # never hide: the unreadable one may serve it
            n = len(unreadable)
            out.append(
                f"No readable live programme serves the objective '{obj.title}'; "
                f"{plural(n, 'programme')} that cannot be read ({join_words(list(unreadable))}) "
                f"{'is' if n == 1 else 'are'} not counted and may serve it."
            )
        elif obj.flag == "none":
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


def _priority_sentences(rows: tuple[PriorityRow, ...], apart: tuple[UnscoredRow, ...]) -> list[str]:
    out = []
    if rows:
        top = [f"{r.name} ({r.score:.2f})" for r in rows[:3]]
        out.append(f"The highest priority scores are {join_words(top)}.")
        pipeline = [r for r in rows if not r.committed]
        if pipeline:
            best = pipeline[0]
            out.append(
                f"The highest-scoring pipeline proposal, {best.name}, ranks {best.rank} of "
                f"{plural(len(rows), 'scored programme')} ({best.score:.2f})."
            )
    if apart:
        names = join_words([r.name for r in apart])
        n = len(apart)
        out.append(
            f"{plural(n, 'programme')} {'is' if n == 1 else 'are'} unscored (no score on every "
            f"criterion) and not ranked: {names}."
        )
    elif not rows:
        out.append("No programme is scored, so none is ranked.")
    return out


def _risk_sentences(risks: RiskProfile, names: dict[str, str]) -> list[str]:
    esc, over = len(risks.escalated), len(risks.over_appetite)
    out: list[str] = []
    if risks.recorded == 0:
        out.append("No risks are recorded for any live programme.")
    elif not risks.risks:
        out.append(f"None of the {plural(risks.recorded, 'recorded risk')} is open.")
    elif esc == 0 and over == 0:
        out.append(
            f"None of the {plural(len(risks.risks), 'open risk')} is at or above the escalation "
            f"score of {risks.escalate_at} or over appetite."
        )
    else:
        top = risks.risks[0]
        out.append(
            f"{plural(esc, 'open risk')} {_be(esc)} at or above the escalation score of "
            f"{risks.escalate_at} and {over} {_be(over)} over their category's appetite; the "
            f"highest is '{top.title}' ({names[top.programme]}, {top.score})."
        )
    if risks.uncategorised:
        n = len(risks.uncategorised)
        out.append(
            f"{plural(n, 'open risk')} {_be(n)} recorded without a category, so "
            f"{'it is' if n == 1 else 'they are'} not compared with any appetite."
        )
    if risks.recorded and risks.unrecorded:
        listed = join_words([names.get(p, p) for p in risks.unrecorded])
        n = len(risks.unrecorded)
        verb = "has" if n == 1 else "have"
        out.append(f"{plural(n, 'live programme')} {verb} no risks recorded: {listed}.")
    return out


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
    cashable = [e for e in econ if e.cashable and e.pv_costs > 0]
    cost_only = [e for e in econ if not e.cashable and e.pv_costs > 0]
    out = []
    if len(cashable) == 1:
        (e,) = cashable
        sign = "a positive" if e.npv >= 0 else "a negative"
        out.append(
            f"The one business case with cashable savings, {e.name}, has {sign} NPV at 3.5% "
            f"after optimism bias ({money(e.npv)})."
        )
    elif cashable:
        negative = sorted((e for e in cashable if e.npv < 0), key=lambda e: (e.npv, e.programme))
        positive = [e for e in cashable if e.npv >= 0]
        n = len(positive)
        sentence = (
            f"{n} of the {plural(len(cashable), 'business case')} with cashable savings "
            f"{'has' if n == 1 else 'have'} a positive NPV at 3.5% after optimism bias"
        )
        if positive:
            together = "" if n == 1 else "together "
            sentence += f" ({together}{money(sum(e.npv for e in positive))})"
        sentence += f"; the NPV of all {len(cashable)} is {money(sum(e.npv for e in cashable))}"
        if 0 < len(negative) <= 3:
            sentence += f"; {join_words([e.name for e in negative])} {_be(len(negative))} negative"
        elif negative:
            worst = min(negative, key=lambda e: (e.bcr or 0.0, e.programme))
            sentence += f"; the weakest is {worst.name} (BCR {bcr(worst.bcr or 0.0)})"
        out.append(sentence + ".")
    if cost_only:
        n = len(cost_only)
        out.append(
            f"{plural(n, 'business case')} {'has' if n == 1 else 'have'} no cashable savings "
            "(BCR and payback n/a): the case rests on non-cashable benefits or a statutory duty."
        )
    return out


def q1_sentences(result: Q1) -> list[str]:
    """The answer to Q1 in plain sentences with the numbers behind them."""
    names = {r.programme: r.name for r in result.priority}
    names.update({r.programme: r.name for r in result.unscored})
    names.update({g.programme: g.name for g in result.stage_gate})
    return [
        *_affordability_sentences(result.affordability),
        *_savings_sentences(result),
        *_capacity_sentences(result.capacity, result.period),
        *_coverage_sentences(result.coverage, names, result.unreadable),
        *_priority_sentences(result.priority, result.unscored),
        *_risk_sentences(result.risks, names),
        *_gate_sentences(result.stage_gate),
        *_economics_sentences(result.economics),
        *left_out_sentence(result.unreadable),
    ]
