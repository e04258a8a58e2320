"""Rows of pmo's analysis at a period (the same functions as `pmo status` and the report)."""

from __future__ import annotations

from pmo.analysis.answers import answer
from pmo.analysis.data import PortfolioData, from_loaded
from pmo.analysis.periods import period_range
from pmo.analysis.q2_status import statuses
from pmo.index.rows import RowSet
from pmo.store import LoadedPortfolio


def _statuses(out: RowSet, data: PortfolioData, period: str) -> None:
    """Every programme in every month from the first update to ``period``; not due included."""
    reported = data.periods()
    first = min(reported[0], period) if reported else period
    for month in period_range(first, period):
        listed = {s.programme: s for s in statuses(data, month)}
        for pid in data.all_ids():
            s = listed.get(pid)
            if s is None:
                out.add("status", programme_id=pid, period=month, status="not due")
                continue
            out.add(
                "status",
                programme_id=pid,
                period=month,
                status=s.status,
                overall=s.overall,
                previous_status=s.previous_status,
                movement=s.movement,
                latest_update=s.latest,
                age_days=s.age_days,
            )


def add_analysis(out: RowSet, loaded: LoadedPortfolio, period: str) -> list[str]:
    """Analysis rows for ``period``; a note instead when portfolio.yaml cannot be analysed."""
    data = from_loaded(loaded)
    if data is None:
        return ["warning: portfolio.yaml has errors, so the analysis tables are empty"]
    result = answer(data, period)
    _statuses(out, data, period)
    for ev in result.q2.evidence:
        for flag in ev.flags:
            out.add_pk(
                "evidence_flag",
                programme_id=ev.programme,
                period=period,
                flag=flag.kind,
                reason=flag.reason,
                watermelon=ev.watermelon,
            )
    exc = result.q2.exceptions
    for r in exc.ratings:
        out.add_pk(
            "exception",
            programme_id=r.programme,
            period=period,
            exception="rating",
            rating=r.overall,
            detail=r.path_to_green,
        )
    for run in exc.amber_runs:
        out.add_pk(
            "exception",
            programme_id=run.programme,
            period=period,
            exception="amber-run",
            rating="amber",
            detail=f"{run.months} months amber since {run.since}",
        )
    for a in exc.assurance:
        out.add_pk(
            "exception",
            programme_id=a.programme,
            period=period,
            exception="assurance",
            rating=a.assurance,
            detail=a.note,
        )
    for y in result.q1.affordability.years:
        out.add(
            "affordability",
            fy=y.fy,
            envelope=y.envelope,
            committed=y.committed,
            pipeline=y.pipeline,
            headroom=y.headroom,
            headroom_after_pipeline=y.headroom_after_pipeline,
            savings_target=y.savings_target,
            savings_committed=y.savings_committed,
            savings_pipeline=y.savings_pipeline,
            savings_gap=y.savings_gap,
        )
    for p in result.q1.priority:
        out.add(
            "priority",
            programme_id=p.programme,
            priority_rank=p.rank,
            score=p.score,
            attractiveness=p.attractiveness,
            achievability=p.achievability,
            committed=p.committed,
        )
    for b in result.q3.benefits:
        f = b.forecast
        out.add(
            "benefit_status",
            programme_id=b.programme_id,
            benefit_id=b.benefit_id,
            period=period,
            planned=b.compared_with,
            actual=b.actual.value if b.actual else None,
            actual_period=b.actual.period if b.actual else None,
            realisation=b.realisation,
            status=b.status,
            forecast_value=f.value if f else None,
            forecast_by=f.by if f else None,
            forecast_meets_target=f.meets_target if f else None,
            forecast_method=f.method if f else None,
            overdue=b.overdue,
        )
    for c in result.q1.capacity.cells:
        out.add(
            "capacity_month",
            role_id=c.role,
            period=c.month,
            capacity=c.capacity,
            confirmed=c.confirmed,
            total=c.total,
            gap=c.gap,
            utilisation=c.utilisation,
            over_confirmed=c.over_confirmed,
            over_total=c.over_total,
        )
    return []
