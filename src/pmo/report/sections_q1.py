"""Q1 section of the report: coverage, priority, affordability, capacity, risk, scenario."""

from __future__ import annotations

from collections import Counter

from pmo.analysis.answers import Answers
from pmo.analysis.data import PortfolioData
from pmo.analysis.q1 import RiskExposure
from pmo.analysis.scenario_explain import envelope_note, uncapacitated_note
from pmo.present.words import join_words, plural, role_title
from pmo.report.limits import ANNEX, NAMES_SHOWN, NAMES_WHOLE, PAGES, brief, cap, more_sentence
from pmo.report.types_q import (
    AffordabilityYear,
    CapacityRole,
    CoverageRow,
    EconomicsItem,
    GateItem,
    HeatmapCell,
    PriorityItem,
    Q1Section,
    RiskCategory,
    RiskItem,
    ScenarioHeadline,
)


def names_of(data: PortfolioData) -> dict[str, str]:
    """Programme id -> name."""
    return {pid: prog.name for pid, prog in data.programmes.items()}


def risk_item(row: RiskExposure, data: PortfolioData) -> RiskItem:
    """A risk row of the analysis with its programme's name and actions."""
    prog = data.programmes[row.programme]
    actions = next((r.actions for r in prog.risks if r.id == row.risk), None)
    return RiskItem(
        programme=row.programme,
        name=prog.name,
        risk=row.risk,
        title=row.title,
        category=row.category,
        owner=row.owner,
        likelihood=row.likelihood,
        impact=row.impact,
        score=row.score,
        target_score=row.target_score,
        escalate=row.escalate,
        over_appetite=row.over_appetite,
        proximity=row.proximity.isoformat() if row.proximity else None,
        actions=actions,
    )


def _coverage(answers: Answers, names: dict[str, str]) -> tuple[CoverageRow, ...]:
    out = []
    for o in answers.q1.coverage.objectives:
        named, more = cap(o.contributors, NAMES_WHOLE, NAMES_SHOWN)
        out.append(
            CoverageRow(
                objective=o.objective,
                title=o.title,
                weight=o.weight,
                primary=o.primary,
                contributors=len(o.contributors),
                total=o.total,
                flag=o.flag,
                names=tuple((names[pid], c) for pid, c in named),
                names_more=more,
            )
        )
    return tuple(out)


def _priority(answers: Answers) -> tuple[PriorityItem, ...]:
    return tuple(
        PriorityItem(
            rank=r.rank,
            programme=r.programme,
            name=r.name,
            score=r.score,
            attractiveness=r.attractiveness,
            achievability=r.achievability,
            stage=r.stage,
            funding="mandatory" if r.mandatory else "committed" if r.committed else "pipeline",
        )
        for r in answers.q1.priority
    )


def _affordability(answers: Answers) -> tuple[AffordabilityYear, ...]:
    aff = answers.q1.affordability
    return tuple(
        AffordabilityYear(
            fy=y.fy,
            current=y.fy == aff.current_fy,
            envelope=y.envelope,
            committed=y.committed,
            pipeline=y.pipeline,
            headroom=y.headroom,
            headroom_after_pipeline=y.headroom_after_pipeline,
            savings_target=y.savings_target,
            savings_committed=y.savings_committed,
            savings_pipeline=y.savings_pipeline,
        )
        for y in aff.years
    )


def _capacity(answers: Answers) -> tuple[tuple[CapacityRole, ...], tuple[HeatmapCell, ...]]:
    cap = answers.q1.capacity
    roles = tuple(
        CapacityRole(
            role=role_title(r.role),
            months_over=r.months_over,
            months_over_confirmed=r.months_over_confirmed,
            peak_month=r.peak_month,
            peak_demand=r.peak_total,
            capacity_at_peak=r.capacity_at_peak,
        )
        for r in cap.roles
    )
    cells = tuple(
        HeatmapCell(
            role=role_title(c.role),
            month=c.month,
            capacity=c.capacity,
            confirmed=c.confirmed,
            demand=c.total,
            utilisation=round(c.utilisation, 6) if c.utilisation is not None else None,
            over=c.over_total,
            over_confirmed=c.over_confirmed,
        )
        for c in cap.cells
    )
    return roles, cells


def _categories(answers: Answers, data: PortfolioData) -> tuple[RiskCategory, ...]:
    appetite = data.config.risk.appetite
    return tuple(
        RiskCategory(
            category=c.key,
            open=c.open,
            escalate=c.escalate,
            over_appetite=c.over_appetite,
            highest=c.highest,
            appetite=appetite.get(c.key) if c.key is not None else None,
        )
        for c in answers.q1.risks.by_category
    )


def _binding(kinds: Counter[str], total: int) -> str | None:
    if not kinds:
        return None
    (top, n), *_ = sorted(kinds.items(), key=lambda kv: (-kv[1], kv[0]))
    return f"{top} ({n} of the {plural(total, 'programme')} left out)"


def scenario_headline(data: PortfolioData, period: str) -> ScenarioHeadline:
    """Run the scenario at the current envelope, committed work fixed (the default): which
    proposals fit; say so when it cannot run."""
    names = names_of(data)
    try:
        from pmo.analysis.scenario import optimise

        result = optimise(data, period)
    except Exception as exc:  # solver missing or failing: the report still goes out
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        return ScenarioHeadline(
            ran=False,
            status="not run",
            value=None,
            candidates=0,
            chosen=0,
            excluded=(),
            pipeline_chosen=(),
            binding=None,
            text=f"The scenario optimiser could not be run ({reason}); run pmo scenario "
            "to see the problem.",
        )
    proposals = [c for c in result.candidates if not c.committed]
    over = [v.text for v in result.over_committed]
    over_text = ""
    if over:
        which = "one limit" if len(over) == 1 else f"{len(over)} limits, the first"
        over_text = (
            f" Committed work alone already exceeds {which}: {over[0]}; no proposal may add to it."
        )
    unvalued = [names[pid] for pid in result.unvalued]
    unvalued_text = (
        f" {join_words(unvalued)} could not be valued (no score on every criterion), so "
        f"{'it was' if len(unvalued) == 1 else 'they were'} left out of the choice."
        if unvalued
        else ""
    )
    if result.status == "infeasible":  # pragma: no cover - only include can force this
        broken = [v.text for v in result.violations]
        return ScenarioHeadline(
            ran=True,
            status="infeasible",
            value=None,
            candidates=len(proposals),
            chosen=0,
            excluded=(),
            pipeline_chosen=(),
            binding=broken[0] if broken else None,
            text=f"No affordable scenario exists: {broken[0] if broken else 'see pmo scenario'}.",
        )
    chosen = set(result.chosen)
    kinds: Counter[str] = Counter()
    for e in result.excluded:
        r = e.reason
        if r.kind == "envelope":
            kinds[f"the {r.fy} envelope"] += 1
        elif r.kind == "capacity":
            kinds[f"{role_title(r.role or '')} capacity"] += 1
    binding = _binding(kinds, len(result.excluded))
    excluded = tuple(names[e.id] for e in result.excluded)
    funded = tuple(names[c.id] for c in proposals if c.id in chosen)
    valued = [c for c in proposals if c.id not in result.unvalued]
    if not proposals:
        text = "There are no proposals to choose among: committed work is fixed."
    elif not valued:
        text = f"None of the {plural(len(proposals), 'proposal')} could be valued."
    else:
        text = (
            f"With committed work fixed ({plural(len(result.fixed), 'programme')}), the best "
            f"affordable choice among the {plural(len(valued), 'proposal')}"
            + (" that can be valued" if unvalued else "")
            + (f" funds {join_words(list(funded))}." if funded else " funds none of them.")
        )
        left = [names[e.id] for e in result.excluded if e.reason.kind != "unvalued"]
        if left and funded:
            text += f" It leaves out {join_words(left)}."
        if binding:
            text += f" The limit that decides it is {binding}."
        if not result.proven:
            text += (
                f" This is the best plan found, not proven optimal (within "
                f"{result.mip_gap:.1%} of the best possible)."
            )
    text += over_text + unvalued_text
    money_note = envelope_note(result.period, result.years, result.unset_years)
    for note in (money_note, uncapacitated_note(result)):
        if note is not None and proposals:
            text += f" {note}"
    return ScenarioHeadline(
        ran=True,
        status=result.status,
        value=result.objective,
        candidates=len(proposals),
        chosen=len(funded),
        excluded=excluded,
        pipeline_chosen=funded,
        binding=binding,
        text=text,
    )


def _economics(answers: Answers) -> tuple[EconomicsItem, ...]:
    return tuple(
        EconomicsItem(
            programme=e.programme,
            name=e.name,
            cost=e.cost,
            savings=e.savings,
            pv_cost=e.pv_costs,
            pv_savings=e.pv_savings,
            npv=e.npv,
            bcr=e.bcr,
            payback=e.simple_payback,
            cashable=e.cashable,
        )
        for e in answers.q1.economics
    )


def _economics_more(items: tuple[EconomicsItem, ...], cut: int, where: str) -> str:
    """What a capped economics table leaves out, and how many cases have no cashable savings."""
    if not cut:
        return ""
    text = more_sentence(cut, "business cases, none of lower NPV", where)
    without = sum(1 for e in items if not e.cashable)
    if without:
        text += (
            f" Of all {len(items)}, {without} have no cashable savings: BCR and payback "
            "n/a (no cashable savings)."
        )
    return text


def _gate(answers: Answers) -> tuple[GateItem, ...]:
    return tuple(
        GateItem(
            programme=g.programme,
            name=g.name,
            stage=g.stage,
            case=f"{g.case_stage} {g.case_status}" if g.case_status else "no business case",
        )
        for g in answers.q1.stage_gate
    )


def q1_section(answers: Answers, data: PortfolioData) -> Q1Section:
    """Q1 as the report shows it."""
    names = names_of(data)
    roles, cells = _capacity(answers)
    risks = answers.q1.risks
    attention, risks_cut, risks_annex, risks_annex_cut = brief(
        [risk_item(r, data) for r in risks.risks if r.escalate or r.over_appetite]
    )
    priority, priority_cut, priority_annex, priority_annex_cut = brief(_priority(answers))
    economics = _economics(answers)
    worst_value = sorted(economics, key=lambda e: (e.npv, e.name, e.programme))
    shown_value, economics_cut, economics_annex, economics_annex_cut = brief(worst_value)
    gate, gate_cut = cap(_gate(answers))
    return Q1Section(
        sentences=answers.q1_sentences,
        coverage=_coverage(answers, names),
        unaligned=tuple(sorted(names[p] for p in answers.q1.coverage.unaligned)),
        unreadable=answers.q1.unreadable,
        priority=priority,
        priority_more=more_sentence(priority_cut, "programmes ranked lower", ANNEX),
        priority_annex=priority_annex,
        priority_annex_more=more_sentence(
            priority_annex_cut, "programmes ranked lower", "each page gives its programme's rank"
        ),
        current_fy=answers.q1.affordability.current_fy,
        affordability=_affordability(answers),
        months=answers.q1.capacity.months,
        roles=roles,
        capacity=cells,
        escalate_at=risks.escalate_at,
        risk_grid=risks.grid,
        risks=attention,
        risks_more=more_sentence(risks_cut, "such risks, none scored higher", ANNEX),
        risks_annex=risks_annex,
        risks_annex_more=more_sentence(risks_annex_cut, "such risks, none scored higher", ""),
        open_risks=len(risks.risks),
        risks_recorded=risks.recorded,
        categories=_categories(answers, data),
        scenario=scenario_headline(data, answers.period),
        economics=shown_value if economics_cut else economics,
        economics_note=(
            f"The {len(shown_value)} business cases with the lowest net present value, "
            "lowest first."
            if economics_cut
            else ""
        ),
        economics_more=_economics_more(economics, economics_cut, ANNEX),
        economics_annex=economics_annex,
        economics_annex_more=_economics_more(economics, economics_annex_cut, PAGES),
        gate=gate,
        gate_more=more_sentence(gate_cut, "programmes without an approved business case"),
    )
