"""Q3 section of the report: savings against plan and target, trajectories, benefits at risk."""

from __future__ import annotations

from pmo.analysis.answers import Answers
from pmo.analysis.benefit_math import trajectory
from pmo.analysis.data import PortfolioData
from pmo.analysis.q3 import BenefitRef, BenefitStatus
from pmo.analysis.q3_benefits import status_rule
from pmo.analysis.q3_savings import savings_basis
from pmo.model.types import period_of
from pmo.present.rag import BENEFIT_STATUS_ORDER
from pmo.present.words import join_words, plural
from pmo.report.limits import ANNEX, TRAJECTORIES_BRIEF, brief, cap, more_sentence
from pmo.report.types_q import BenefitItem, Q3Section, SavingsYearItem, Trajectory


def benefit_item(b: BenefitStatus, data: PortfolioData) -> BenefitItem:
    """A benefit's assessment with its owner and target date from the programme file."""
    model = next(x for x in data.programmes[b.programme_id].benefits if x.id == b.benefit_id)
    return BenefitItem(
        programme=b.programme_id,
        programme_name=b.programme_name,
        benefit=b.benefit_id,
        title=b.title,
        kind=b.kind,
        unit=b.unit,
        direction=b.direction,
        owner=model.owner,
        baseline=b.baseline,
        planned=b.compared_with,
        actual=b.actual.value if b.actual else None,
        actual_period=b.actual.period if b.actual else None,
        target=b.target,
        target_by=model.target.by.isoformat() if model.target else None,
        realisation=round(b.realisation, 6) if b.realisation is not None else None,
        status=b.status,
        overdue=b.overdue,
        forecast=round(b.forecast.value, 6) if b.forecast else None,
        meets_target=b.forecast.meets_target if b.forecast else None,
        forecast_method=b.forecast.method if b.forecast else None,
    )


def _trajectory(b: BenefitStatus, data: PortfolioData, period: str) -> Trajectory | None:
    model = next(x for x in data.programmes[b.programme_id].benefits if x.id == b.benefit_id)
    planned: dict[str, float] = {}
    for day, value in trajectory(model):
        planned[period_of(day)] = value  # same month: the later point (target) wins
    updates = data.updates_of(b.programme_id)
    actual = tuple(
        (p, updates[p].benefits[b.benefit_id])
        for p in sorted(updates)
        if p <= period and b.benefit_id in updates[p].benefits
    )
    if len(planned) < 2 and not actual:
        return None
    return Trajectory(
        programme=b.programme_id,
        programme_name=b.programme_name,
        benefit=b.benefit_id,
        title=b.title,
        unit=b.unit,
        direction=b.direction,
        status=b.status,
        planned=tuple(sorted(planned.items())),
        actual=actual,
        target=b.target,
        forecast=(b.forecast.by.isoformat(), round(b.forecast.value, 6)) if b.forecast else None,
        forecast_method=b.forecast.method if b.forecast else None,
    )


def _refs(refs: tuple[BenefitRef, ...], names: dict[str, str]) -> str:
    shown = [f"{names[r.programme_id]}: '{r.title}'" for r in refs[:5]]
    if len(refs) > 5:
        shown.append(f"{len(refs) - 5} more")
    return join_words(shown)


def _quality(answers: Answers, names: dict[str, str]) -> tuple[str, ...]:
    q = answers.q3.quality
    out = []
    for refs, what in (
        (q.no_owner, "no owner"),
        (q.no_baseline, "no baseline"),
        (q.no_measure, "no measure"),
    ):
        if refs:
            out.append(f"{plural(len(refs), 'benefit')} with {what}: {_refs(refs, names)}.")
    if q.disbenefits:
        out.append(
            f"{plural(len(q.disbenefits), 'dis-benefit')} tracked: {_refs(q.disbenefits, names)}."
        )
    return tuple(out)


MAX_TRAJECTORIES = 12
"""Trajectory charts in the Q3 section: the benefits furthest behind, then furthest ahead."""


def q3_section(answers: Answers, data: PortfolioData) -> Q3Section:
    """Q3 as the report shows it."""
    q = answers.q3
    names = {pid: p.name for pid, p in data.programmes.items()}
    counts = tuple((s, q.count(s)) for s in BENEFIT_STATUS_ORDER if q.count(s))
    # The benefits DMT needs to see move: furthest behind first, then furthest ahead.
    trajectories = [
        t
        for b in (*q.behind, *q.ahead)
        if b.kind != "qualitative"
        and (t := _trajectory(b, data, answers.period)) is not None
        and t.actual
    ][:MAX_TRAJECTORIES]
    at_risk, at_risk_cut, at_risk_annex, at_risk_annex_cut = brief(
        [benefit_item(b, data) for b in q.behind]
    )
    in_body = min(len(trajectories), TRAJECTORIES_BRIEF)
    ahead, ahead_cut = cap([benefit_item(b, data) for b in q.ahead])
    overdue, overdue_cut = cap([benefit_item(b, data) for b in q.overdue])
    return Q3Section(
        sentences=answers.q3_sentences,
        benefit_percent=q.benefit_percent,
        savings=tuple(
            SavingsYearItem(
                y.fy,
                y.target,
                y.planned,
                y.forecast,
                y.at_risk,
                y.unidentified,
                y.unforecast,
                savings_basis(y),
            )
            for y in q.savings
        ),
        counts=counts,
        at_risk=at_risk,
        ahead=ahead,
        overdue=overdue,
        trajectories=tuple(trajectories),
        quality=_quality(answers, names),
        at_risk_more=more_sentence(
            at_risk_cut, "benefits at risk or off track, none further behind", ANNEX
        ),
        at_risk_annex=at_risk_annex,
        at_risk_annex_more=more_sentence(at_risk_annex_cut, "benefits at risk or off track"),
        trajectories_brief=in_body,
        trajectories_more=(
            f"And {plural(len(trajectories) - in_body, 'more benefit chart')} — {ANNEX}."
            if len(trajectories) > in_body
            else ""
        ),
        ahead_more=more_sentence(ahead_cut, "benefits ahead of profile"),
        overdue_more=more_sentence(overdue_cut, "benefits with measurements overdue"),
        status_rule=status_rule(q.benefit_percent),
    )
