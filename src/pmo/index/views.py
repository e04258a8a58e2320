"""Views for the usual questions, over pmo's tables (names joined in; figures from the analysis)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class View:
    """A view pmo creates: its name, what it answers, and its SELECT."""

    name: str
    description: str
    select: str


VIEWS: tuple[View, ...] = (
    View(
        "pmo_v_status",
        "Status of every programme in every month, with its name, service and stage "
        "(stale, missing, unreadable and not due are statuses of their own, never NULL)",
        """SELECT s.programme_id, p.name, p.service, p.stage, s.period, s.status, s.overall,
       s.previous_status, s.movement, s.latest_update, s.age_days
FROM pmo_status s LEFT JOIN pmo_programme p ON p.programme_id = s.programme_id""",
    ),
    View(
        "pmo_v_exceptions",
        "Exceptions at the export period: red and amber ratings with the path to green, ambers "
        "running, PMO assurance differing from the self-assessment",
        """SELECT e.programme_id, p.name, p.service, e.period, e.exception, e.rating, e.detail,
       u.summary
FROM pmo_exception e
JOIN pmo_programme p ON p.programme_id = e.programme_id
LEFT JOIN pmo_programme_update u ON u.programme_id = e.programme_id AND u.period = e.period""",
    ),
    View(
        "pmo_v_evidence_flags",
        "Evidence flags at the export period (watermelons: green outside, red inside)",
        """SELECT f.programme_id, p.name, p.service, f.period, s.status, f.flag, f.reason,
       f.watermelon
FROM pmo_evidence_flag f
JOIN pmo_programme p ON p.programme_id = f.programme_id
LEFT JOIN pmo_status s ON s.programme_id = f.programme_id AND s.period = f.period""",
    ),
    View(
        "pmo_v_spend_by_year",
        "Committed and pipeline spend (business-case costs) by financial year against the "
        "envelope, and savings against the target: the report's Q1 affordability",
        """SELECT fy, envelope, committed, pipeline, headroom, headroom_after_pipeline,
       committed > envelope AS over_envelope, savings_target, savings_committed,
       savings_pipeline, savings_gap
FROM pmo_affordability""",
    ),
    View(
        "pmo_v_priority",
        "The priority ranking with each programme's name, stage and whether it is mandatory",
        """SELECT r.priority_rank, r.programme_id, p.name, p.service, p.stage, p.mandatory,
       r.committed, r.score, r.attractiveness, r.achievability
FROM pmo_priority r JOIN pmo_programme p ON p.programme_id = r.programme_id""",
    ),
    View(
        "pmo_v_benefit_realisation",
        "Each benefit's planned and actual value, realisation and forecast at the export period",
        """SELECT b.programme_id, p.name AS programme_name, b.benefit_id, d.title, d.kind, d.unit,
       d.direction, b.period, b.planned, b.actual, b.actual_period, b.realisation, b.status,
       d.target_value, d.target_by, b.forecast_value, b.forecast_meets_target,
       b.forecast_method, b.overdue
FROM pmo_benefit_status b
JOIN pmo_programme p ON p.programme_id = b.programme_id
JOIN pmo_benefit d ON d.programme_id = b.programme_id AND d.benefit_id = b.benefit_id""",
    ),
    View(
        "pmo_v_capacity",
        "Capacity against demand by role and month; over_total marks over-allocated months",
        """SELECT role_id, period, capacity, confirmed, total, gap, utilisation, over_confirmed,
       over_total
FROM pmo_capacity_month""",
    ),
)
