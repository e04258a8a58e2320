"""Markdown of the Q2 and Q3 sections (tables from the report data, user text escaped)."""

from __future__ import annotations

from pmo.analysis.q3_benefits import forecast_cell
from pmo.present.columns import SAVINGS_HEADERS
from pmo.present.numbers import (
    DASH,
    days,
    money,
    quantity,
    realisation,
    savings_forecast_cell,
    signed_money,
)
from pmo.present.words import (
    NO_FORECAST,
    NO_TARGET,
    NOT_SET,
    PATH_TO_GREEN_NONE,
    milestone_date,
    recorded,
)
from pmo.report.markdown_text import Raw, bullets, md_escape, rag, sentence, table
from pmo.report.types import ReportData
from pmo.report.types_q import (
    BenefitItem,
    EndDateItem,
    EvidenceItem,
    FinanceItem,
    MilestoneItem,
    Trajectory,
)


def _r(text: str) -> Raw:
    return Raw(text)


def milestone_rows(items: tuple[MilestoneItem, ...], with_name: bool) -> list[list[object]]:
    """Milestone table rows (optionally with the programme name first)."""
    rows: list[list[object]] = []
    for m in items:
        row: list[object] = [m.name] if with_name else []
        row += [
            m.title + (" (key)" if m.key and with_name else ""),
            m.baseline,
            m.current if m.rebaselined else "",
            milestone_date(m.actual, m.forecast, met_later=m.met_later),
            _r(days(m.slip_vs_current) + (" ⚠" if m.beyond_tolerance else "")),
            _r(days(m.slip_vs_baseline)),
        ]
        rows.append(row)
    return rows


MILESTONE_HEAD = [
    "Milestone",
    "Baseline",
    "Re-baselined to",
    "Actual / forecast",
    "vs current",
    "vs baseline",
]


def _exceptions(r: ReportData) -> list[str]:
    lines = ["### Exceptions", ""]
    if not r.q2.exceptions:
        return [
            *lines,
            "No programme is red or amber, none has been amber for 3 months, and "
            "PMO assurance agrees with every self-assessment.",
            "",
        ]
    lines += sentence(r.q2.exceptions_summary)
    for e in r.q2.exceptions:
        why = [f"{e.overall.upper() if e.overall == 'red' else e.overall}"]
        if e.amber_months:
            why.append(f"amber for {e.amber_months} months since {e.amber_since}")
        if e.assurance:
            why.append(f"PMO assurance {e.assurance}")
        lines.append(f"- **{md_escape(e.name)}** ({md_escape('; '.join(why))})")
        if e.summary:
            lines.append(f"  - Commentary: {md_escape(e.summary)}")
        if e.overall != "green":
            lines.append(f"  - Path to green: {md_escape(e.path_to_green or PATH_TO_GREEN_NONE)}")
        if e.assurance_note:
            lines.append(f"  - PMO assurance: {md_escape(e.assurance_note)}")
    return [*lines, "", *sentence(r.q2.exceptions_more)]


def evidence_table(items: tuple[EvidenceItem, ...]) -> list[str]:
    """Where the evidence disagrees with the rating, as a table."""
    rows = [
        (
            e.name,
            rag(e.status),
            "GREEN, EVIDENCE DISAGREES" if e.watermelon else "",
            "; ".join(e.reasons),
        )
        for e in items
    ]
    return table(["Programme", "Rated", "", "Evidence that disagrees"], rows)


def _evidence(r: ReportData) -> list[str]:
    lines = ["### Evidence check", ""]
    if not r.q2.evidence:
        return [*lines, "The evidence agrees with every rating.", ""]
    lines = [*lines, *sentence(r.q2.evidence_summary), *evidence_table(r.q2.evidence)]
    return [
        *lines,
        *sentence(r.q2.evidence_more),
        "Where a programme is rated green while the evidence says otherwise, the rating "
        "stays the manager's judgement; DMT sees both.",
        "",
    ]


def due_table(items: tuple[MilestoneItem, ...]) -> list[str]:
    """Milestones due in the period, met or missed, as a table."""
    return table(
        ["Programme", "Milestone", "Due", "Result"],
        [(m.name, m.title, m.current or m.baseline, m.due) for m in items],
    )


def end_dates_table(items: tuple[EndDateItem, ...]) -> list[str]:
    """Programmes expected to finish after their original end date, as a table."""
    return table(
        ["Programme", "Original end", "Expected end", "vs original", "vs current"],
        [
            (e.name, e.baseline, e.projected, _r(days(e.vs_baseline)), _r(days(e.vs_current)))
            for e in items
        ],
        "lllrr",
    )


def _milestones(r: ReportData) -> list[str]:
    q = r.q2
    lines = ["### Milestones slipped", ""]
    if q.milestones:
        lines += table(
            ["Programme", *MILESTONE_HEAD], milestone_rows(q.milestones, True), "lllllrr"
        )
        lines += [
            f"Days late against the current and original baselines; ⚠ beyond the "
            f"{q.schedule_days}-day tolerance.",
            "",
            *sentence(q.milestones_more),
        ]
    else:
        lines += ["No open milestone is forecast after its baseline.", ""]
    if q.due:
        lines += [f"Milestones due in {r.header.period}:", ""]
        lines += due_table(q.due)
        lines += sentence(q.due_more)
    if q.end_dates:
        lines += ["Programmes expected to finish after their original end date:", ""]
        lines += end_dates_table(q.end_dates)
        lines += sentence(q.end_dates_more)
    return lines


def finance_table(r: ReportData, items: tuple[FinanceItem, ...], every: bool) -> list[str]:
    """In-year finance as a table with its total (``every``: the total counts rows not shown)."""
    q = r.q2
    rows: list[list[object]] = [
        [
            f.name,
            _r(money(f.budget)),
            _r(money(f.spend_to_date)),
            _r(money(f.forecast_outturn)),
            _r(
                "⚠ against no budget"
                if f.no_budget
                else signed_money(f.variance)
                if f.variance is not None
                else DASH
            ),
            _r(
                ""  # no budget: no share of it
                if f.no_budget
                else (f"{f.variance_percent:+.1f}%" if f.variance_percent is not None else DASH)
                + (" ⚠" if f.beyond_tolerance else "")
            ),
            f.narrative,
        ]
        for f in items
    ]
    total = q.finance_forecast - q.finance_budget
    share = f"{100 * total / q.finance_budget:+.1f}%" if q.finance_budget else DASH
    if q.finance_budget:  # no programme with a budget and a forecast: no total, never £0
        rows.append(
            [
                _r(
                    "**Total** (every programme with budget and forecast)"
                    if every
                    else "**Total** (with budget and forecast)"
                ),
                _r(money(q.finance_budget)),
                "",
                _r(money(q.finance_forecast)),
                _r(signed_money(total)),
                _r(share),
                "",
            ]
        )
    head = [
        "Programme",
        "Budget",
        "Spend to date",
        "Forecast outturn",
        "Variance",
        "%",
        "Narrative",
    ]
    return [
        *table(head, rows, "lrrrrrl"),
        f"⚠ beyond the {q.cost_percent:g}% cost tolerance.",
        "",
    ]


def _finance(r: ReportData) -> list[str]:
    q = r.q2
    lines = [f"### Finance {r.q1.current_fy}", ""]
    if not q.finance:
        return [*lines, "No budgets or finance figures for this financial year.", ""]
    return [
        *lines,
        *sentence(q.finance_note),
        *finance_table(r, q.finance, bool(q.finance_more)),
        *sentence(q.finance_more),
    ]


def _compliance(r: ReportData) -> list[str]:
    lines = ["### Reporting compliance", ""]
    if not r.q2.compliance:
        return [*lines, "Every programme due to report sent its update on time.", ""]
    rows = [(c.name, rag(c.status), c.detail) for c in r.q2.compliance]
    return [
        *lines,
        *table(["Programme", "Status", "Detail"], rows),
        *sentence(r.q2.compliance_more),
    ]


def q2_section(r: ReportData) -> list[str]:
    """Q2: exceptions, evidence flags, milestones, finance, reporting compliance."""
    return [
        "## Q2 Delivering well",
        "",
        *_exceptions(r),
        *_evidence(r),
        *_milestones(r),
        *_finance(r),
        *_compliance(r),
    ]


def benefit_rows(items: tuple[BenefitItem, ...], with_name: bool) -> list[list[object]]:
    """Benefit table rows (optionally with the programme name first)."""
    rows: list[list[object]] = []
    for b in items:
        row: list[object] = [b.programme_name] if with_name else []
        actual = quantity(b.actual, b.unit) + (f" ({b.actual_period})" if b.actual_period else "")
        row += [
            b.title,
            recorded(b.owner),
            _r(quantity(b.baseline, b.unit)),
            _r(quantity(b.planned, b.unit)),
            actual if b.actual is not None else "",
            _r(realisation(b.realisation)),
            b.status + (", overdue" if b.overdue else ""),
            f"{quantity(b.target, b.unit)} by {b.target_by}" if b.target_by else "",
            forecast_cell(b.forecast, b.meets_target, b.forecast_method, b.unit),
        ]
        rows.append(row)
    return rows


BENEFIT_HEAD = [
    "Benefit",
    "Owner",
    "Baseline",
    "Planned (same month)",
    "Latest actual",
    "Realisation",
    "Status",
    "Target",
    "Forecast at target date",
]


def trajectory_table(items: tuple[Trajectory, ...]) -> list[str]:
    """Benefit trajectories as a table: planned path, latest actuals, forecast."""
    rows = []
    for t in items:
        recent = " → ".join(f"{quantity(v, t.unit)} ({p})" for p, v in t.actual[-4:])
        plan = " → ".join(f"{quantity(v, t.unit)} ({p})" for p, v in t.planned)
        ahead = f"{quantity(t.forecast[1], t.unit)} ({t.forecast[0]})" if t.forecast else DASH
        if t.forecast and t.forecast_method == "straight line":
            ahead += ", straight line"
        rows.append((t.programme_name, t.title, t.status, plan, recent, ahead))
    head = ["Programme", "Benefit", "Status", "Planned path", "Latest actuals", "Forecast"]
    return table(head, rows)


def q3_section(r: ReportData) -> list[str]:
    """Q3: savings against plan and target, benefits at risk, trajectories, data quality."""
    q = r.q3
    lines = ["## Q3 Benefits", "", "### Cashable savings by financial year", ""]
    lines += table(
        SAVINGS_HEADERS,
        [
            (
                s.fy,
                _r(money(s.target) if s.target is not None else NOT_SET),
                _r(money(s.planned)),
                _r(signed_money(s.unidentified) if s.unidentified is not None else NO_TARGET),
                _r(savings_forecast_cell(s.forecast)),
                _r(signed_money(s.at_risk) if s.at_risk is not None else NO_FORECAST),
                s.basis,
            )
            for s in q.savings
        ],
        "lrrrrrl",
    ) or ["No savings target or planned savings.", ""]
    lines += [
        "Planned: cashable savings in committed business cases. Forecast: each programme's own "
        "savings_forecast, else business-case savings × the measured realisation of its "
        "cashable benefits; programmes with neither are not counted in the forecast.",
        "",
    ]
    if q.counts:
        lines += [
            "Benefits by status: " + md_escape(", ".join(f"{n} {s}" for s, n in q.counts)) + ".",
            "",
        ]
        if q.status_rule:
            lines += [md_escape(q.status_rule), ""]
    for title, items, empty, more in (
        (
            "Benefits at risk or off track",
            q.at_risk,
            "No measured benefit is behind profile.",
            q.at_risk_more,
        ),
        ("Benefits ahead of profile", q.ahead, "No benefit is ahead of profile.", q.ahead_more),
        ("Measurements overdue", q.overdue, "No measurement is overdue.", q.overdue_more),
    ):
        lines += [f"### {title}", ""]
        lines += table(["Programme", *BENEFIT_HEAD], benefit_rows(items, True)) or [empty, ""]
        lines += sentence(more)
    lines += ["### Benefit trajectories: furthest behind and ahead of profile", ""]
    lines += trajectory_table(q.trajectories[: q.trajectories_brief]) or [
        "No benefit has been measured yet.",
        "",
    ]
    lines += sentence(q.trajectories_more)
    lines += ["### Benefit data quality", ""]
    lines += (
        [*bullets(q.quality), ""]
        if q.quality
        else ["Every benefit has an owner, a baseline and a measure.", ""]
    )
    return lines
