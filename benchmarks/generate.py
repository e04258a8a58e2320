"""Generate a large synthetic but valid portfolio for benchmarks.

    uv run python benchmarks/generate.py OUT_DIR [--programmes N] [--periods N] [--seed N]

Everything is drawn from ``random.Random(seed)``, so the same arguments always write the same
bytes. Each programme has a programme.yaml of typical size (about 6 milestones, 6 risks, 2
issues, 3 benefits with profiles, 3 resource lines, a business case over 4 financial years and a
budget) and one update a month ending 2026-11 (12 by default: 2025-12 .. 2026-11) with every RAG
dimension, a path to green when not green, finance with a narrative and benefit measurements.

The text is written directly (f-strings, block style as a project manager would write it), not
through a YAML emitter: it is fast and reads like the hand-written files. All dates are on or
before 2026-11-22, so ``pmo validate OUT_DIR`` finds no errors on or after 2026-11-23.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import shutil
import sys
import time
from datetime import date, timedelta
from pathlib import Path

from pmo.model.portfolio import DEFAULT_RISK_CATEGORIES

LAST_PERIOD = (2026, 11)
LATEST_DAY = date(2026, 11, 22)
"""No generated date (actual, submitted, raised, decided) is later than this."""
FYS = ("2025/26", "2026/27", "2027/28", "2028/29")

OBJECTIVES = (
    ("safe", "Keep children safe through children's social care", 40),
    ("achieve", "Improve educational attainment", 30),
    ("sustain", "Plan for the future - places, transport and budgets", 30),
)
CRITERIA = (
    ("strategic-fit", "Contribution to objectives", 30, "attractiveness"),
    ("statutory", "Statutory duty or safeguarding need", 25, "attractiveness"),
    ("financial", "Financial return", 20, "attractiveness"),
    ("deliverability", "Deliverability and risk", 15, "achievability"),
    ("readiness", "Readiness and capacity", 10, "achievability"),
)
ROLES = (
    ("programme-manager", "Programme Manager"),
    ("project-manager", "Project Manager"),
    ("business-analyst", "Business Analyst"),
    ("change-manager", "Change Manager"),
    ("data-analyst", "Data Analyst"),
)
RISK_CATEGORIES = DEFAULT_RISK_CATEGORIES
SERVICES = ("children-families", "education-inclusion", "access-resources", "transformation")
SRO = {
    "children-families": "Assistant Director, Children and Families",
    "education-inclusion": "Assistant Director, Education and Inclusion",
    "access-resources": "Assistant Director, Access, Resources and Business Development",
    "transformation": "Head of Transformation, CSTP",
}
THEMES = (
    ("home-to-school-transport", "Home to School Transport Review", "access-resources"),
    ("send-sufficiency", "SEND Sufficiency and EHCP Demand", "education-inclusion"),
    ("childrens-homes", "Children's Homes Modernisation", "children-families"),
    ("fostering-recruitment", "Fostering Recruitment and Retention", "children-families"),
    ("placements-retender", "Placements Commissioning Retender", "access-resources"),
    ("care-leavers-offer", "Care Leavers' Offer to 25", "children-families"),
    ("family-support", "Family Support Service", "children-families"),
    ("front-door-mash", "Front Door and MASH Redesign", "children-families"),
    ("cast-operating-model", "CAST Operating Model", "children-families"),
    ("technology-enabled-care", "Technology Enabled Care", "transformation"),
    ("social-worker-workforce", "Social Worker Recruitment and Retention", "children-families"),
    ("elective-home-education", "Elective Home Education Monitoring", "education-inclusion"),
    ("school-places-plan", "School Places Plan Capital Programme", "education-inclusion"),
    ("early-years-entitlement", "Early Years Entitlement Expansion", "education-inclusion"),
    ("short-breaks-digital", "Short Breaks and Gateway Card Applications", "transformation"),
    ("post-16-accommodation", "Post-16 Accommodation", "access-resources"),
    ("regional-adoption", "Regional Adoption Agency", "children-families"),
    ("reunification-practice", "Reunification Practice", "children-families"),
    ("exploitation-response", "Exploitation and County Lines Response", "children-families"),
    ("missing-education", "Children Missing Education Tracking", "education-inclusion"),
    ("direct-payments", "Disabled Children's Direct Payments", "access-resources"),
    ("connected-carers", "Connected Carers Assessments", "children-families"),
    ("savings-programme", "Children's Services Savings Programme", "transformation"),
    ("data-platform", "Children's Data Platform", "transformation"),
)
MILESTONES = (
    "Business case approved by DMT",
    "Discovery and current-state mapping complete",
    "Options appraisal signed off",
    "Procurement launched",
    "Contract awarded",
    "New process live in pilot district",
    "Staff trained in new practice model",
    "Case management system changes live",
    "Roll-out to all districts complete",
    "Benefits baseline agreed with finance",
    "Mid-point review by the PMO",
    "Handover to business as usual",
    "Post-implementation review complete",
    "Provider engagement events held",
    "Policy approved by Cabinet Member",
)
RISKS = (
    (
        "provider-market",
        "Provider market cannot absorb the retender",
        "financial",
        "Few providers in rural districts",
        "Higher prices and unserved demand",
    ),
    (
        "recruitment",
        "Unable to recruit qualified staff",
        "workforce",
        "National shortage of qualified practitioners",
        "Delay and continued agency spend",
    ),
    (
        "demand-growth",
        "Demand grows faster than forecast",
        "financial",
        "Rising numbers of EHCPs and referrals",
        "Savings absorbed by demand",
    ),
    (
        "system-change",
        "Case management changes not delivered in time",
        "delivery",
        "IT supplier capacity shared with other councils",
        "Manual workarounds and delay",
    ),
    (
        "safeguarding-gap",
        "Safeguarding gap during transition",
        "safeguarding",
        "Two processes running in parallel",
        "A child's needs are missed at handover",
    ),
    (
        "partner-buy-in",
        "Partners do not commit resources",
        "partnership",
        "Competing priorities in health and police",
        "Reduced multi-agency offer",
    ),
    (
        "legal-challenge",
        "Legal challenge to policy change",
        "legal",
        "Families dispute the new eligibility criteria",
        "Delay and legal costs",
    ),
    (
        "data-quality",
        "Data quality too poor to track benefits",
        "data",
        "Inconsistent recording across teams",
        "Benefits cannot be evidenced",
    ),
    (
        "public-reaction",
        "Negative public and media reaction",
        "reputational",
        "Changes perceived as cuts",
        "Loss of trust and member pressure",
    ),
    (
        "capital-inflation",
        "Construction cost inflation",
        "financial",
        "Materials and labour prices rising",
        "Capital budget insufficient",
    ),
    (
        "staff-change-fatigue",
        "Change fatigue in frontline teams",
        "workforce",
        "Several programmes landing on the same teams",
        "Low adoption of new practice",
    ),
    (
        "dependency-slip",
        "Dependent programme slips",
        "delivery",
        "Shared milestones with another programme",
        "Knock-on delay to go-live",
    ),
)
OWNERS = (
    "Head of Transport",
    "Head of SEND",
    "Head of Service, Fostering",
    "Head of Commissioning",
    "Head of Children's Homes",
    "Principal Social Worker",
    "Head of Finance, Children's Services",
    "Head of Early Help",
    "Head of School Organisation",
    "Head of Performance and Data",
    "Service Manager, Front Door",
    "Head of Workforce Development",
)
ISSUES = (
    "Driver shortage on SEN routes",
    "Supplier missed a delivery date",
    "Key post vacant after resignation",
    "Budget code not set up by finance",
    "Data sharing agreement not yet signed",
    "Pilot site withdrew",
    "Backlog of assessments above plan",
    "Room availability delays training",
)
BENEFITS = (
    (
        "unit-cost",
        "Lower cost per child",
        "cashable",
        "Average weekly cost per child",
        "GBP",
        "down",
        1800.0,
        0.85,
    ),
    (
        "agency-spend",
        "Less agency social worker spend",
        "cashable",
        "Annual agency spend on social workers",
        "GBP",
        "down",
        2_400_000.0,
        0.7,
    ),
    (
        "placement-stability",
        "More stable placements",
        "non-financial",
        "Children with three or more moves in a year",
        "%",
        "down",
        11.0,
        0.75,
    ),
    (
        "timeliness",
        "Faster assessments",
        "non-financial",
        "Assessments completed within 45 days",
        "%",
        "up",
        72.0,
        1.2,
    ),
    (
        "in-house-carers",
        "More in-house foster carers",
        "non-cashable",
        "Approved in-house fostering households",
        "households",
        "up",
        310.0,
        1.15,
    ),
    (
        "attendance",
        "Better school attendance",
        "non-financial",
        "Persistent absence rate of children in need",
        "%",
        "down",
        28.0,
        0.8,
    ),
    (
        "avoided-placements",
        "Residential placements avoided",
        "cost-avoidance",
        "Residential placements avoided a year",
        "placements",
        "up",
        0.0,
        12.0,
    ),
    (
        "family-satisfaction",
        "Families feel listened to",
        "qualitative",
        "Annual family survey, agree or strongly agree",
        "%",
        "up",
        61.0,
        1.25,
    ),
)
ACHIEVEMENTS = (
    "Pilot district live",
    "Provider engagement event held",
    "Two posts recruited",
    "Options appraisal signed off",
    "Training delivered to frontline teams",
    "Data dashboard published",
    "Policy consultation closed",
    "Business case updated",
    "Contract lot 1 awarded",
    "Process maps agreed with practitioners",
)
NEXT = (
    "Award remaining contract lots",
    "Extend pilot to a second district",
    "Complete staff consultation",
    "Agree benefits baseline with finance",
    "Go live with case management changes",
    "Report progress to DMT",
    "Run lessons learned session",
    "Recruit remaining posts",
)
SUMMARIES = {
    "green": (
        "On track against plan; milestones met this month.",
        "Delivery on plan and within budget; no new issues.",
        "Good progress; benefits tracking ahead of profile.",
    ),
    "amber": (
        "Milestone slipped by three weeks; recovery plan in place.",
        "Spend ahead of profile while recruitment is delayed.",
        "Benefits behind profile; demand higher than forecast.",
    ),
    "red": (
        "Go-live missed; re-planning needed with a DMT decision.",
        "Supplier failure puts the key milestone at risk.",
        "Forecast overspend beyond tolerance; options being prepared.",
    ),
}
PATHS_TO_GREEN = (
    "Agency cover from next month; re-plan the key milestone by the end of the quarter.",
    "Recovery plan agreed with the SRO; weekly checkpoint until back on track.",
    "Savings re-profiled with finance; DMT to confirm the revised trajectory.",
    "Second supplier engaged; milestone re-baselined through change control.",
)
NARRATIVES = (
    "Spend on profile; forecast matches the approved budget.",
    "Underspend from vacant posts, expected to recover by year end.",
    "Forecast overspend from higher provider prices; mitigations in the recovery plan.",
    "Capital phasing moved to next year; revenue on budget.",
)
_PLAIN = re.compile(r"^[A-Za-z][A-Za-z0-9 ,.;()'/&£%+-]*$")
_YAML_WORDS = {"y", "n", "yes", "no", "on", "off", "true", "false", "null", "nan", "inf"}


def q(text: str, *, flow: bool = False) -> str:
    """``text`` as a YAML scalar: plain when that is safe, else double-quoted.

    ``flow``: the scalar sits inside ``{ ... }``, where a comma would end it.
    """
    if (
        _PLAIN.match(text)
        and text.lower() not in _YAML_WORDS
        and not text.endswith(" ")
        and not (flow and "," in text)
    ):
        return text
    return json.dumps(text, ensure_ascii=False)


def num(value: float) -> str:
    """A number to one decimal place, never in exponent form (YAML 1.1 would read a string)."""
    value = round(value, 1)
    return str(int(value)) if value.is_integer() else f"{value:.1f}"


def _periods(count: int) -> list[tuple[int, int]]:
    year, month = LAST_PERIOD
    out = []
    for _ in range(count):
        out.append((year, month))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return out[::-1]


def _add_months(day: date, months: int) -> date:
    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    return date(year, month, min(day.day, 28))


def _fy(year: int, month: int) -> str:
    start = year if month >= 4 else year - 1
    return f"{start}/{(start + 1) % 100:02d}"


def _money(rng: random.Random, low: int, high: int, step: int = 5000) -> int:
    return rng.randrange(low // step, high // step + 1) * step


def _rag(rng: random.Random, weights: tuple[int, int, int]) -> str:
    return rng.choices(("green", "amber", "red"), weights)[0]


def portfolio_yaml(programmes: int) -> str:
    """The portfolio.yaml text; envelope and targets scale with the number of programmes."""
    scale = max(1, programmes // 25)
    lines = [
        "name: Children's Services Transformation Portfolio (synthetic benchmark)",
        "office: CSTP Portfolio Management Office",
        "stale_after_days: 35",
        "objectives:",
    ]
    for ident, title, weight in OBJECTIVES:
        lines += [f"  - id: {ident}", f"    title: {q(title)}", f"    weight: {weight}"]
    lines.append("criteria:")
    for ident, title, weight, group in CRITERIA:
        lines.append(
            f"  - {{ id: {ident}, title: {q(title, flow=True)}, weight: {weight}, group: {group} }}"
        )
    lines.append("envelope:")
    for i, fy in enumerate(FYS):
        lines.append(f"  {fy}: {(4_200_000 - 300_000 * i) * scale}")
    lines.append("savings_target:")
    for i, fy in enumerate(FYS):
        lines.append(f"  {fy}: {(3_000_000 + 2_500_000 * i) * scale}")

    def fte(base: int) -> int:  # the contract caps a role at 100 FTE
        return min(100, base * scale)

    lines += [
        "capacity:",
        f"  programme-manager: {fte(5)}",
        f"  project-manager: {{ fte: {fte(9)}, 2027-04: {fte(8)} }}",
        f"  business-analyst: {fte(7)}",
        f"  change-manager: {fte(4)}",
        f"  data-analyst: {fte(2)}",
        "risk:",
        "  escalate_at: 15",
        "  appetite:",
        "    safeguarding: 8",
        "    financial: 12",
        "    reputational: 10",
        "tolerances:",
        "  schedule_days: 30",
        "  cost_percent: 5",
        "  benefit_percent: 10",
        "rag_scale: three-point",
        "rag_key:",
        "  green: Successful delivery to time, cost and quality is highly likely; no major issues.",
        "  amber: Delivery is feasible but significant issues need management attention.",
        "  red: Delivery appears unachievable without major re-planning or a DMT decision.",
        "",
    ]
    return "\n".join(lines)


class _Programme:
    """What the updates of a programme need to know about it."""

    __slots__ = ("benefits", "budget", "id", "manager", "profile_scale", "risk")

    def __init__(self, ident: str, manager: str) -> None:
        self.id = ident
        self.manager = manager
        self.budget: dict[str, int] = {}
        self.benefits: list[tuple[str, float, float, str]] = []
        """(id, baseline, target, unit) of each measured benefit."""
        self.risk = 0.0
        self.profile_scale = 1.0


def programme_yaml(
    rng: random.Random, index: int, ids: list[str], kinds: list[str]
) -> tuple[str, _Programme]:
    """The programme.yaml text of programme ``index`` and what its updates need."""
    ident = ids[index]
    _slug_base, name, service = THEMES[index % len(THEMES)]
    kind = kinds[index]
    manager = "Programme Manager, CSTP" if kind == "programme" else "Project Manager, CSTP"
    prog = _Programme(ident, manager)
    stage = rng.choices(
        ("delivery", "closing", "business-case", "feasibility", "pipeline"), (70, 8, 8, 7, 7)
    )[0]
    start = date(2024, 4, 1) + timedelta(days=rng.randrange(0, 540))
    end_base = _add_months(start, rng.randrange(18, 40))
    end_cur = end_base + timedelta(days=rng.choice((0, 0, 31, 61, 92)))
    end_fc = end_cur + timedelta(days=rng.choice((0, 0, 0, 14, 30, 45)))
    lines = [
        f"id: {ident}",
        f"name: {q(f'{name} {index + 1:04d}')}",
        f"kind: {kind}",
    ]
    if kind == "project":
        lines.append(f"parent: {ids[index - 1]}")
    lines += [
        f"service: {service}",
        f"sro: {q(SRO[service])}",
        f"manager: {q(manager)}",
        f"stage: {stage}",
        f"mandatory: {'true' if rng.random() < 0.3 else 'false'}",
        "summary: |",
        f"  {name}: review current arrangements, redesign the service with practitioners",
        "  and families, and deliver the changes in phases across the county's districts.",
        f"  Synthetic benchmark programme {index + 1} of {len(ids)}.",
        f"start: {start.isoformat()}",
        f"end: {{ baseline: {end_base}, current: {end_cur}, forecast: {end_fc} }}",
    ]
    objs = rng.sample([o[0] for o in OBJECTIVES], rng.randint(1, 3))
    contrib = ", ".join(f"{o}: {3 if i == 0 else rng.randint(1, 2)}" for i, o in enumerate(objs))
    scores = ", ".join(f"{c[0]}: {rng.randint(1, 5)}" for c in CRITERIA)
    lines += [f"objectives: {{ {contrib} }}", f"scores: {{ {scores} }}"]

    # business case and budget over four financial years
    approved = stage in ("delivery", "closing") or rng.random() < 0.3
    status = (
        rng.choice(("approved", "approved", "approved-with-conditions"))
        if approved
        else (rng.choice(("draft", "submitted")))
    )
    lines += [
        "business_case:",
        f"  stage: {'FBC' if approved else rng.choice(('SOC', 'OBC'))}",
        f"  status: {status}",
    ]
    if approved:
        decided = min(start + timedelta(days=rng.randrange(-60, 120)), LATEST_DAY)
        lines.append(f"  decided: {{ date: {decided}, by: DMT }}")
    lines.append("  costs:")
    yearly = _money(rng, 150_000, 900_000)
    for i, fy in enumerate(FYS):
        capital = _money(rng, 0, 400_000) if rng.random() < 0.4 else 0
        revenue = max(0, int(yearly * (1.0, 1.2, 0.8, 0.4)[i]) // 1000 * 1000)
        lines.append(f"    {fy}: {{ capital: {capital}, revenue: {revenue} }}")
        prog.budget[fy] = capital + revenue
    lines.append("  savings:")
    saving = _money(rng, 100_000, 1_500_000)
    for i, fy in enumerate(FYS):
        lines.append(f"    {fy}: {int(saving * (0.0, 0.5, 1.0, 1.2)[i])}")
    lines.append(f"  optimism_bias: {rng.choice((0.1, 0.15, 0.2, 0.25, 0.4))}")
    lines.append("budget:")
    for fy in FYS:
        lines.append(f"  {fy}: {prog.budget[fy]}")

    # milestones: spread between start and the current end
    lines.append("milestones:")
    span = (end_cur - start).days
    titles = rng.sample(MILESTONES, rng.randint(5, 7))
    for i, title in enumerate(titles):
        baseline = start + timedelta(days=span * (i + 1) // (len(titles) + 1))
        current = baseline + timedelta(days=rng.choice((0, 0, 0, 14, 30, 60)))
        forecast = current + timedelta(days=rng.choice((0, 0, 7, 21, 45)))
        actual = forecast - timedelta(days=rng.randrange(0, 10))
        lines += [
            f"  - id: m{i + 1}-{_slug(title)}",
            f"    title: {q(title)}",
            f"    baseline: {baseline}",
            f"    current: {current}",
        ]
        if actual <= LATEST_DAY:
            lines += [
                f"    forecast: {forecast if forecast <= LATEST_DAY else actual}",
                f"    actual: {actual}",
            ]
        else:
            lines += [f"    forecast: {forecast}", "    actual: null"]
        lines.append(f"    key: {'true' if i in (1, len(titles) - 2) else 'false'}")

    # risk register
    lines.append("risks:")
    worst = 0
    for rid, title, category, cause, effect in rng.sample(RISKS, rng.randint(5, 7)):
        likelihood, impact = rng.randint(1, 5), rng.randint(2, 5)
        worst = max(worst, likelihood * impact)
        proximity = date(2026, 12, 1) + timedelta(days=rng.randrange(0, 540))
        lines += [
            f"  - id: {rid}",
            f"    title: {q(title)}",
            f"    cause: {q(cause)}",
            f"    effect: {q(effect)}",
            f"    category: {category}",
            f"    owner: {q(rng.choice(OWNERS))}",
            f"    likelihood: {likelihood}",
            f"    impact: {impact}",
            f"    target: {{ likelihood: {max(1, likelihood - 2)}, impact: {max(1, impact - 1)} }}",
            f"    proximity: {proximity}",
            f"    response: {rng.choice(('treat', 'treat', 'treat', 'tolerate', 'transfer'))}",
            "    actions: Early engagement; monthly review at the programme board",
            f"    status: {'open' if rng.random() < 0.85 else 'closed'}",
        ]
    prog.risk = worst / 25

    lines.append("issues:")
    for n, title in enumerate(rng.sample(ISSUES, 2)):
        raised = date(2026, 6, 1) + timedelta(days=rng.randrange(0, 170))
        due = raised + timedelta(days=rng.randrange(30, 120))
        lines.append(
            f"  - {{ id: issue-{n + 1}, title: {q(title, flow=True)}, "
            f"owner: {q(rng.choice(OWNERS), flow=True)}, "
            f"severity: {rng.randint(1, 5)}, raised: {raised}, due: {due}, "
            f"status: {'open' if n == 0 else rng.choice(('open', 'closed'))}, "
            f"escalate: {'true' if rng.random() < 0.2 else 'false'} }}"
        )

    # only on programmes listed earlier: dependencies never go round in a circle
    deps = sorted(
        d for d in {rng.randrange(len(ids)) for _ in range(rng.randint(0, 2))} if d < index
    )
    if deps:
        lines.append("dependencies:")
        for dep in deps:
            lines.append(f"  - {{ programme: {ids[dep]}, note: Shared milestones and data }}")

    lines.append("resources:")
    first = f"{start.year:04d}-{start.month:02d}"
    last = f"{end_cur.year:04d}-{end_cur.month:02d}"
    role_ids = ["programme-manager" if kind == "programme" else "project-manager"]
    role_ids += rng.sample([r[0] for r in ROLES[2:]], rng.randint(1, 3))
    for role in role_ids:
        fte = rng.choice((0.2, 0.4, 0.5, 0.6, 0.8, 1.0))
        confirmed = "true" if rng.random() < 0.6 else "false"
        lines.append(
            f"  - {{ role: {role}, fte: {fte}, from: {first}, to: {last}, confirmed: {confirmed} }}"
        )

    lines.append("benefits:")
    for bid, title, bkind, measure, unit, direction, base_value, factor in rng.sample(
        BENEFITS, rng.randint(2, 4)
    ):
        baseline = round(base_value * rng.uniform(0.8, 1.2), 1) if base_value else 0.0
        target = round(baseline * factor, 1) if base_value else float(rng.randint(5, 20))
        lines += [
            f"  - id: {bid}",
            f"    title: {q(title)}",
            f"    kind: {bkind}",
            f"    objective: {objs[0]}",
            f"    owner: {q(rng.choice(OWNERS))}",
            f"    measure: {q(measure)}",
            f"    unit: {q(unit)}",
            f"    direction: {direction}",
            f"    baseline: {{ value: {num(baseline)}, date: 2025-03-31 }}",
            f"    target: {{ value: {num(target)}, by: 2028-03-31 }}",
            "    profile:",
        ]
        for step, month in enumerate(("2026-03", "2026-09", "2027-03", "2027-09", "2028-03")):
            value = baseline + (target - baseline) * (step + 1) / 5
            lines.append(f"      {month}: {num(value)}")
        prog.benefits.append((bid, baseline, target, unit))
    prog.profile_scale = rng.uniform(0.7, 1.2)
    lines.append("")
    return "\n".join(lines), prog


def _slug(text: str) -> str:
    words = re.sub(r"[^a-z0-9]+", " ", text.lower()).split()
    return "-".join(words[:4])


def update_yaml(rng: random.Random, prog: _Programme, year: int, month: int, step: int) -> str:
    """The text of one monthly highlight report."""
    period = f"{year:04d}-{month:02d}"
    submitted = min(date(year, month, rng.randint(14, 24)), LATEST_DAY)
    bad = 10 + int(40 * prog.risk)
    overall = _rag(rng, (100 - bad, bad, bad // 3))
    dims = {
        d: (overall if rng.random() < 0.5 else _rag(rng, (60, 30, 10)))
        for d in ("schedule", "cost", "scope", "resources", "risks", "benefits")
    }
    lines = [
        f"period: {period}",
        f"submitted: {submitted}",
        f"by: {q(prog.manager)}",
        "rag:",
        f"  overall: {overall}",
    ]
    lines += [f"  {d}: {v}" for d, v in dims.items()]
    lines.append(f"summary: {q(rng.choice(SUMMARIES[overall]))}")
    if overall != "green":
        lines.append(f"path_to_green: {q(rng.choice(PATHS_TO_GREEN))}")
    lines.append("achievements:")
    lines += [f"  - {q(a)}" for a in rng.sample(ACHIEVEMENTS, rng.randint(1, 3))]
    lines.append("next:")
    lines += [f"  - {q(n)}" for n in rng.sample(NEXT, rng.randint(1, 3))]
    if overall == "red" or rng.random() < 0.1:
        by = _add_months(date(year, month, 5), 1)
        lines += [
            "decisions:",
            f"  - title: {q(f'Approve change request {step + 1} to the plan')}",
            f"    by: {by}",
        ]
    fy = _fy(year, month)
    budget = prog.budget.get(fy, 0)
    months_in = (month - 4) % 12 + 1
    spend = int(budget * months_in / 12 * rng.uniform(0.8, 1.1))
    outturn = int(budget * rng.uniform(0.9, 1.12))
    lines += [
        "finance:",
        f"  spend_to_date: {spend}",
        f"  forecast_outturn: {outturn}",
        f"  narrative: {q(rng.choice(NARRATIVES))}",
    ]
    measured = [b for b in prog.benefits if rng.random() < 0.8]
    if measured:
        lines.append("benefits:")
        for bid, baseline, target, _unit in measured:
            progress = min(1.0, (step + 1) / 30 * prog.profile_scale) * rng.uniform(0.8, 1.2)
            value = baseline + (target - baseline) * progress
            lines.append(f"  {bid}: {num(value)}")
    if rng.random() < 0.15:
        lines += [
            "assurance:",
            f"  rag: {_rag(rng, (30, 50, 20))}",
            f"  note: {q('Assurance review by the PMO; evidence checked against the plan')}",
            "  by: PMO Lead",
            f"  date: {min(submitted + timedelta(days=3), LATEST_DAY)}",
        ]
    lines.append("")
    return "\n".join(lines)


def programme_ids(count: int) -> list[str]:
    """Unique slug ids, e.g. ``fostering-recruitment-0004``."""
    return [f"{THEMES[i % len(THEMES)][0]}-{i + 1:04d}" for i in range(count)]


def generate(root: Path, programmes: int = 1000, periods: int = 12, seed: int = 0) -> Path:
    """Write a synthetic portfolio into ``root`` (replacing its programmes/); return ``root``."""
    rng = random.Random(seed)
    root = Path(root)
    prog_root = root / "programmes"
    if prog_root.exists():
        shutil.rmtree(prog_root)
    prog_root.mkdir(parents=True)
    (root / "portfolio.yaml").write_text(portfolio_yaml(programmes), encoding="utf-8")
    ids = programme_ids(programmes)
    # every fifth is a project under the programme before it (which is never a project)
    kinds = ["project" if i % 5 == 4 else "programme" for i in range(programmes)]
    months = _periods(periods)
    for index in range(programmes):
        text, prog = programme_yaml(rng, index, ids, kinds)
        folder = prog_root / ids[index]
        updates = folder / "updates"
        updates.mkdir(parents=True)
        (folder / "programme.yaml").write_text(text, encoding="utf-8")
        for step, (year, month) in enumerate(months):
            (updates / f"{year:04d}-{month:02d}.yaml").write_text(
                update_yaml(rng, prog, year, month, step), encoding="utf-8"
            )
    return root


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write a synthetic valid portfolio.")
    parser.add_argument("out", type=Path, help="directory to write (programmes/ is replaced)")
    parser.add_argument("--programmes", type=int, default=1000)
    parser.add_argument("--periods", type=int, default=12, help="monthly updates ending 2026-11")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    started = time.perf_counter()
    generate(args.out, args.programmes, args.periods, args.seed)
    files = 1 + args.programmes * (1 + args.periods)
    print(f"wrote {files} files to {args.out} in {time.perf_counter() - started:.2f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
