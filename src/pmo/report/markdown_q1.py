"""Markdown of the Q1 section: coverage, priority, affordability, capacity, risk, scenario."""

from __future__ import annotations

from pmo.analysis.q1 import not_scored_or_mapped
from pmo.present.numbers import (
    NOT_WITHIN,
    bcr,
    capacity_use,
    fte,
    money,
    number,
    signed_money,
)
from pmo.present.words import NO_ENVELOPE, NOT_SET, plural, recorded
from pmo.report.limits import names_cell
from pmo.report.markdown_text import Raw, bullets, md_escape, sentence, table
from pmo.report.types import ReportData
from pmo.report.types_q import EconomicsItem, PriorityItem, RiskItem


def _r(text: str) -> Raw:
    return Raw(text)


def _coverage(r: ReportData) -> list[str]:
    q = r.q1
    rows = [
        (
            c.title,
            _r(number(c.weight)),
            _r(str(c.primary)),
            _r(str(c.contributors)),
            {"none": "NOT COVERED", "weak": "weak"}.get(c.flag or "", "covered"),
            names_cell([f"{name} ({n})" for name, n in c.names], c.names_more),
        )
        for c in q.coverage
    ]
    lines = ["### Strategic coverage", ""]
    lines += table(
        [
            "Objective",
            "Weight",
            "Primary",
            "Contributors",
            "Coverage",
            "Programmes (contribution: 3 primary, 2 material, 1 some)",
        ],
        rows,
        "lrrrll",
    )
    if q.unaligned:
        lines += [f"Serving no objective: {md_escape(', '.join(q.unaligned))}.", ""]
    if q.unreadable:
        lines += [md_escape(not_scored_or_mapped(q.unreadable)), ""]
    return lines


def priority_table(items: tuple[PriorityItem, ...]) -> list[str]:
    """The priority ranking as a table."""
    rows = [
        (
            _r(str(p.rank)),
            p.name,
            _r(f"{p.score:.2f}"),
            _r(f"{p.attractiveness:.2f}"),
            _r(f"{p.achievability:.2f}"),
            p.stage,
            p.funding,
        )
        for p in items
    ]
    head = ["Rank", "Programme", "Score", "Attractiveness", "Achievability", "Stage", "Funding"]
    return table(head, rows, "rlrrrll")


def _priority(r: ReportData) -> list[str]:
    return [
        "### Priority ranking",
        "",
        *priority_table(r.q1.priority),
        *sentence(r.q1.priority_more),
        *([md_escape(not_scored_or_mapped(r.q1.unreadable)), ""] if r.q1.unreadable else []),
    ]


def _affordability(r: ReportData) -> list[str]:
    rows = [
        (
            _r(f"**{y.fy}**" if y.current else y.fy),
            _r(money(y.envelope) if y.envelope is not None else NOT_SET),
            _r(money(y.committed)),
            _r(money(y.pipeline)),
            _r(signed_money(y.headroom) if y.headroom is not None else NO_ENVELOPE),
            _r(
                signed_money(y.headroom_after_pipeline)
                if y.headroom_after_pipeline is not None
                else NO_ENVELOPE
            ),
            _r(money(y.savings_target) if y.savings_target is not None else NOT_SET),
            _r(money(y.savings_committed)),
            _r(money(y.savings_pipeline)),
        )
        for y in r.q1.affordability
    ]
    head = [
        "FY",
        "Envelope",
        "Committed",
        "Pipeline",
        "Headroom",
        "After pipeline",
        "Savings target",
        "Savings committed",
        "Savings pipeline",
    ]
    lines = ["### Affordability by financial year", ""]
    if not rows:
        return [*lines, "No envelope, savings target, costs or savings are recorded.", ""]
    lines += table(head, rows, "l" + "r" * 8)
    return [
        *lines,
        f"Costs exclude optimism bias; the current year ({r.q1.current_fy}) is bold.",
        "",
    ]


def _capacity(r: ReportData) -> list[str]:
    q = r.q1
    lines = ["### Capacity by role and month", ""]
    if not q.roles:
        return [*lines, "No capacity or resource demand is recorded.", ""]
    cells = {(c.role, c.month): c for c in q.capacity}
    rows = []
    for role in q.roles:
        row: list[object] = [role.role]
        for month in q.months:
            c = cells[role.role, month]
            text = capacity_use(c.utilisation, c.demand)
            if c.over_confirmed:
                text = f"**{text}**‼"
            elif c.over:
                text = f"**{text}**"
            row.append(_r(text))
        rows.append(row)
    lines += table(["Role", *[m[2:] for m in q.months]], rows, "l" + "r" * len(q.months))
    lines += [
        "Demand (all live programmes, pipeline included) as a share of capacity; **bold** is "
        "over-allocated, ‼ where confirmed allocations alone exceed capacity.",
        "",
    ]
    over = [
        f"{role.role}: over in {role.months_over} months, tightest month {role.peak_month}: "
        f"{fte(role.peak_demand)} FTE against {fte(role.capacity_at_peak)}"
        for role in q.roles
        if role.months_over
    ]
    return [*lines, *bullets(over), ""]


def attention_table(items: tuple[RiskItem, ...]) -> list[str]:
    """Risks at or over the escalation score or over appetite, as a table."""
    return table(
        ["Score", "Programme", "Risk", "Category", "Owner", "Why", "Proximity"],
        [
            (
                _r(str(k.score)),
                k.name,
                k.title,
                recorded(k.category),
                recorded(k.owner),
                ", ".join(
                    w
                    for w, on in (("escalate", k.escalate), ("over appetite", k.over_appetite))
                    if on
                ),
                recorded(k.proximity),
            )
            for k in items
        ],
        "rllllll",
    )


def _risk(r: ReportData) -> list[str]:
    q = r.q1
    lines = ["### Risk profile", ""]
    if not q.risks_recorded:
        return [*lines, "No risks are recorded for any live programme.", ""]
    if not q.open_risks:
        return [
            *lines,
            f"No risk is open ({plural(q.risks_recorded, 'risk')} recorded, all closed).",
            "",
        ]
    rows = []
    for impact in range(5, 0, -1):
        row: list[object] = [_r(str(impact))]
        for likelihood in range(1, 6):
            n = q.risk_grid[impact - 1][likelihood - 1]
            hot = impact * likelihood >= q.escalate_at
            row.append(_r(f"**{n}**" if hot and n else str(n) if n else "·"))
        rows.append(row)
    lines += table(["Impact ↓ / Likelihood →", "1", "2", "3", "4", "5"], rows, "crrrrr")
    lines += [
        f"{plural(q.open_risks, 'open risk')} by residual impact and likelihood; **bold** cells "
        "are at or "
        f"over the escalation score ({q.escalate_at}).",
        "",
    ]
    if q.risks:
        lines += [
            "Risks for DMT's attention (at or over the escalation score, or over appetite):",
            "",
        ]
        lines += attention_table(q.risks)
        lines += sentence(q.risks_more)
    return lines


def economics_cell(e: EconomicsItem, what: str) -> str:
    """BCR or payback as shown: n/a without cashable savings; "not within the case" if never."""
    if not e.cashable:
        return "n/a (no cashable savings)"
    if what == "bcr":
        return bcr(e.bcr)
    return f"{e.payback:.1f} y" if e.payback is not None else NOT_WITHIN


def economics_table(items: tuple[EconomicsItem, ...]) -> list[str]:
    """Business-case economics as a table."""
    return table(
        [
            "Programme",
            "Total cost (with optimism bias)",
            "Total cashable savings",
            "PV cost",
            "PV savings",
            "NPV",
            "BCR",
            "Payback from first spend",
        ],
        [
            (
                e.name,
                _r(money(e.cost)),
                _r(money(e.savings)),
                _r(money(e.pv_cost)),
                _r(money(e.pv_savings)),
                _r(signed_money(e.npv)),
                _r(economics_cell(e, "bcr")),
                _r(economics_cell(e, "payback")),
            )
            for e in items
        ],
        "lrrrrrrr",
    )


ECONOMICS_NOTE = (
    "Totals are undiscounted; PV (present value) is discounted at the Green Book rate of "
    "3.5% from the case's first year. Payback counts from the start of the first year "
    "with spend, flows spread evenly through each year."
)


def _economics(r: ReportData) -> list[str]:
    q = r.q1
    lines: list[str] = []
    if q.economics:
        lines += ["### Business-case economics", "", *sentence(q.economics_note)]
        lines += economics_table(q.economics)
        lines += [*sentence(q.economics_more), ECONOMICS_NOTE, ""]
    lines += ["### Stage-gate compliance", ""]
    if not q.gate:
        return [*lines, "Every programme in delivery has an approved business case.", ""]
    rows = [(g.name, g.stage, g.case) for g in q.gate]
    return [*lines, *table(["Programme", "Stage", "Business case"], rows), *sentence(q.gate_more)]


def q1_section(r: ReportData) -> list[str]:
    """Q1: coverage, priority, affordability, capacity, risk, economics, scenario."""
    return [
        "## Q1 Right portfolio",
        "",
        *_coverage(r),
        *_priority(r),
        *_affordability(r),
        *_capacity(r),
        *_risk(r),
        *_economics(r),
        "### Scenario: the best affordable portfolio",
        "",
        md_escape(r.q1.scenario.text),
        "",
    ]
