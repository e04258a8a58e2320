"""Flatten valid models into plain row dicts, by table name (pure: no SQL here)."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from pmo.model import DmtNote, Portfolio, Programme, Update
from pmo.store import LoadedPortfolio

Row = dict[str, Any]


class RowSet:
    """Rows by table name; surrogate ``pk`` values are numbered here, 1 up per table."""

    def __init__(self) -> None:
        self.tables: dict[str, list[Row]] = defaultdict(list)

    def add(self, table: str, **values: Any) -> None:
        """Add a row with a natural key."""
        self.tables[table].append(values)

    def add_pk(self, table: str, **values: Any) -> int:
        """Add a row with a surrogate key; returns the pk given to it."""
        rows = self.tables[table]
        pk = len(rows) + 1
        rows.append({"pk": pk, **values})
        return pk


def add_portfolio(out: RowSet, cfg: Portfolio) -> None:
    """portfolio.yaml: settings, objectives, criteria, capacity, envelope, savings target."""
    key = cfg.rag_key
    out.add(
        "portfolio",
        portfolio_id=1,
        name=cfg.name,
        office=cfg.office,
        stale_after_days=cfg.stale_after_days,
        escalate_at=cfg.risk.escalate_at,
        schedule_days=cfg.tolerances.schedule_days,
        cost_percent=cfg.tolerances.cost_percent,
        benefit_percent=cfg.tolerances.benefit_percent,
        rag_scale=cfg.rag_scale,
        rag_key_green=key.green,
        rag_key_amber=key.amber,
        rag_key_red=key.red,
        rag_key_amber_green=key.amber_green,
        rag_key_amber_red=key.amber_red,
    )
    for n, obj in enumerate(cfg.objectives, 1):
        out.add("objective", objective_id=obj.id, title=obj.title, weight=obj.weight, position=n)
    for n, crit in enumerate(cfg.criteria, 1):
        out.add(
            "criterion",
            criterion_id=crit.id,
            title=crit.title,
            weight=crit.weight,
            criterion_group=crit.group,
            position=n,
        )
    for n, category in enumerate(cfg.risk.categories, 1):
        appetite = cfg.risk.appetite.get(category)
        out.add("risk_category", category_id=category, appetite=appetite, position=n)
    for n, (role, plan) in enumerate(cfg.capacity.items(), 1):
        out.add("role", role_id=role, position=n)
        for when, fte in sorted(plan.items(), key=lambda kv: (kv[0] != "fte", kv[0])):
            out.add_pk(
                "capacity", role_id=role, from_period=None if when == "fte" else when, fte=fte
            )
    for fy, amount in cfg.envelope.items():
        out.add("envelope", fy=fy, amount=amount)
    for fy, amount in cfg.savings_target.items():
        out.add("savings_target", fy=fy, amount=amount)


def add_programme(out: RowSet, pid: str, prog: Programme) -> None:
    """programme.yaml; ``pid`` is the folder name (unique, and equal to id when valid)."""
    end, bc = prog.end, prog.business_case
    decided = bc.decided if bc else None
    out.add(
        "programme",
        programme_id=pid,
        name=prog.name,
        kind=prog.kind,
        parent_id=prog.parent,
        service=prog.service,
        sro=prog.sro,
        manager=prog.manager,
        stage=prog.stage,
        mandatory=prog.mandatory,
        start_date=prog.start,
        end_baseline=end.baseline if end else None,
        end_current=end.current if end else None,
        end_forecast=end.forecast if end else None,
        end_actual=end.actual if end else None,
        bc_stage=bc.stage if bc else None,
        bc_status=bc.status if bc else None,
        bc_decided=decided.date if decided else None,
        bc_decided_by=decided.by if decided else None,
        optimism_bias=bc.optimism_bias if bc else None,
        summary=prog.summary,
    )
    for obj, contribution in prog.objectives.items():
        out.add(
            "objective_contribution", programme_id=pid, objective_id=obj, contribution=contribution
        )
    for crit, score in prog.scores.items():
        out.add("score", programme_id=pid, criterion_id=crit, score=score)
    for fy, amount in prog.budget.items():
        out.add("budget", programme_id=pid, fy=fy, amount=amount)
    if bc:
        for fy, cost in bc.costs.items():
            out.add(
                "business_case_cost",
                programme_id=pid,
                fy=fy,
                capital=cost.capital,
                revenue=cost.revenue,
            )
        for fy, amount in bc.savings.items():
            out.add("business_case_saving", programme_id=pid, fy=fy, amount=amount)
    for m in prog.milestones:
        out.add(
            "milestone",
            programme_id=pid,
            milestone_id=m.id,
            title=m.title,
            baseline=m.baseline,
            current_baseline=m.current,
            forecast=m.forecast,
            actual=m.actual,
            is_key=m.key,
        )
    for r in prog.risks:
        t = r.target
        out.add(
            "risk",
            programme_id=pid,
            risk_id=r.id,
            title=r.title,
            cause=r.cause,
            effect=r.effect,
            category_id=r.category,
            owner=r.owner,
            likelihood=r.likelihood,
            impact=r.impact,
            score=r.likelihood * r.impact,
            target_likelihood=t.likelihood if t else None,
            target_impact=t.impact if t else None,
            target_score=t.likelihood * t.impact if t else None,
            proximity=r.proximity,
            response=r.response,
            actions=r.actions,
            status=r.status,
        )
    for i in prog.issues:
        out.add(
            "issue",
            programme_id=pid,
            issue_id=i.id,
            title=i.title,
            owner=i.owner,
            severity=i.severity,
            raised=i.raised,
            due=i.due,
            status=i.status,
            escalate=i.escalate,
        )
    for d in prog.dependencies:
        out.add("dependency", programme_id=pid, depends_on_id=d.programme, note=d.note)
    for res in prog.resources:
        out.add_pk(
            "resource_demand",
            programme_id=pid,
            role_id=res.role,
            fte=res.fte,
            from_period=res.from_,
            to_period=res.to,
            confirmed=res.confirmed,
        )
    for b in prog.benefits:
        base, target = b.baseline, b.target
        out.add(
            "benefit",
            programme_id=pid,
            benefit_id=b.id,
            title=b.title,
            kind=b.kind,
            objective_id=b.objective,
            owner=b.owner,
            measure=b.measure,
            unit=b.unit,
            direction=b.direction,
            baseline_value=base.value if base else None,
            baseline_date=base.date if base else None,
            target_value=target.value if target else None,
            target_by=target.by if target else None,
            disbenefit=b.disbenefit,
        )
        for period, value in b.profile.items():
            out.add(
                "benefit_profile", programme_id=pid, benefit_id=b.id, period=period, value=value
            )


def add_update(out: RowSet, pid: str, period: str, upd: Update) -> None:
    """One monthly update; ``period`` is its file name (unique within the programme)."""
    rag, fin, ass = upd.rag, upd.finance, upd.assurance
    out.add(
        "programme_update",
        programme_id=pid,
        period=period,
        update_status=upd.status,
        submitted=upd.submitted,
        submitted_by=upd.by,
        overall=rag.overall,
        schedule=rag.schedule,
        cost=rag.cost,
        scope=rag.scope,
        resources=rag.resources,
        risks=rag.risks,
        benefits=rag.benefits,
        summary=upd.summary,
        path_to_green=upd.path_to_green,
        achievements="\n".join(upd.achievements) or None,
        next_steps="\n".join(upd.next) or None,
        spend_to_date=fin.spend_to_date if fin else None,
        forecast_outturn=fin.forecast_outturn if fin else None,
        finance_narrative=fin.narrative if fin else None,
        assurance_rag=ass.rag if ass else None,
        assurance_note=ass.note if ass else None,
        assurance_by=ass.by if ass else None,
        assurance_date=ass.date if ass else None,
    )
    for benefit_id, value in upd.benefits.items():
        out.add(
            "benefit_measurement",
            programme_id=pid,
            benefit_id=benefit_id,
            period=period,
            value=value,
        )
    for dec in upd.decisions:
        out.add_pk(
            "decision",
            programme_id=pid,
            period=period,
            title=dec.title,
            needed_by=dec.by,
            detail=dec.detail,
        )


def add_dmt(out: RowSet, period: str, note: DmtNote) -> None:
    """A DMT note; its decisions join the programmes' with programme_id NULL."""
    out.add("dmt_note", period=period, meeting=note.meeting, headline=note.headline)
    for dec in note.decisions:
        out.add_pk(
            "decision",
            programme_id=None,
            period=period,
            title=dec.title,
            needed_by=dec.by,
            detail=dec.detail,
        )


def collect(loaded: LoadedPortfolio) -> tuple[RowSet, int]:
    """Rows from every valid model, and how many files were skipped.

    Skipped: files that did not validate, and updates of a programme whose programme.yaml
    did not (their rows would reference a programme that is not in the index).
    """
    out, skipped = RowSet(), 0
    if loaded.config is not None:
        if loaded.config.model is not None:
            add_portfolio(out, loaded.config.model)
        else:
            skipped += 1
    for folder, prog in loaded.programmes.items():
        if prog.model is None:
            skipped += 1 + len(prog.updates)
            continue
        add_programme(out, folder, prog.model)
        for period, src in prog.updates.items():
            if src.model is None:
                skipped += 1
            else:
                add_update(out, folder, period, src.model)
    for period, note in loaded.dmt.items():
        if note.model is None:
            skipped += 1
        else:
            add_dmt(out, period, note.model)
    return out, skipped
