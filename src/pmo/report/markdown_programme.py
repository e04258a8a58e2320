"""Markdown of the per-programme pages: overview, latest update, strip, milestones, risks, money."""

from __future__ import annotations

from pmo.present.numbers import DASH, money, signed_money
from pmo.present.words import PATH_TO_GREEN_NONE, recorded
from pmo.report.markdown_q import BENEFIT_HEAD, MILESTONE_HEAD, benefit_rows, milestone_rows
from pmo.report.markdown_text import Raw, bullets, md_escape, rag, table
from pmo.report.types import ProgrammePage, ReportData

CONTRIBUTION = {3: "primary", 2: "material", 1: "some"}


def _overview(p: ProgrammePage) -> list[str]:
    rows: list[tuple[str, object]] = [
        ("Kind", f"{p.kind}{' (statutory, mandatory)' if p.mandatory else ''}"),
        ("Service", p.service),
        ("Stage", p.stage),
        ("SRO", p.sro),
        ("Manager", p.manager),
    ]
    if p.parent:
        rows.append(("Part of", p.parent))
    rows.append(("Dates", f"start {recorded(p.start)}; end {recorded(p.end)}"))
    rows.append(("Business case", p.business_case))
    if p.objectives:
        rows.append(
            (
                "Objectives",
                "; ".join(f"{t} ({CONTRIBUTION.get(c, str(c))})" for t, c in p.objectives),
            )
        )
    if p.priority_rank is not None and p.priority_score is not None:
        rows.append(("Priority", Raw(f"rank {p.priority_rank}, score {p.priority_score:.2f}")))
    lines = table(["", "Overview"], rows)
    if p.summary:
        lines += [md_escape(p.summary), ""]
    return lines


def _update(p: ProgrammePage, period: str) -> list[str]:
    u = p.update
    if u is None:
        return ["**Latest update:** none has ever been received.", ""]
    when = "this month" if u.current else f"{u.period}, not this month"
    lines = [
        f"**Latest update** ({md_escape(when)}; submitted {u.submitted} by {md_escape(u.by)}): "
        f"overall {rag(u.overall)}; " + ", ".join(f"{dim} {rag(r)}" for dim, r in u.ratings if r),
        "",
        md_escape(u.summary),
        "",
    ]
    if u.path_to_green:
        lines += [f"*Path to green:* {md_escape(u.path_to_green)}", ""]
    elif u.overall != "green":
        lines += [f"*Path to green:* {PATH_TO_GREEN_NONE}.", ""]
    if u.assurance:
        note = f": {md_escape(u.assurance_note)}" if u.assurance_note else ""
        lines += [f"*PMO assurance:* {rag(u.assurance)}{note}", ""]
    for label, items in (
        ("Achievements", u.achievements),
        ("Next", u.next),
        ("Decisions asked of DMT", u.decisions if u.current else ()),
    ):
        if items:
            lines += [f"*{label}:*", "", *bullets(items), ""]
    del period
    return lines


def _money(p: ProgrammePage) -> list[str]:
    lines: list[str] = []
    f = p.finance
    if f is not None:
        variance = signed_money(f.variance) if f.variance is not None else DASH
        share = f" ({f.variance_percent:+.1f}%)" if f.variance_percent is not None else ""
        if not f.budget and f.forecast_outturn:  # unknown is not zero: an exception
            budget = f"not set for {f.fy}" if f.budget is None else money(f.budget)
            against = " ⚠ against no budget"
        else:
            budget, against = money(f.budget), f", variance {variance}{share}"
        lines += [
            f"**Finance {f.fy}:** budget {budget}, spend to date "
            f"{money(f.spend_to_date)}, forecast outturn {money(f.forecast_outturn)}{against}"
            f"{' ⚠ beyond tolerance' if f.beyond_tolerance else ''}.",
            "",
        ]
        if f.narrative:
            lines += [f"*Finance narrative:* {md_escape(f.narrative)}", ""]
    rows = [
        (line.fy, Raw(money(line.budget)), Raw(money(line.cost)), Raw(money(line.savings)))
        for line in p.money
    ]
    lines += table(["FY", "Budget", "Business-case cost", "Cashable savings"], rows, "lrrr")
    return lines


def programme_page(p: ProgrammePage, period: str) -> list[str]:
    """One programme's page."""
    status = rag(p.status, p.arrow) if p.status else Raw("not due to report")
    strip = " · ".join(f"{c.period[2:]} {rag(c.status) if c.status else DASH}" for c in p.strip)
    lines = [
        f"### {md_escape(p.name)}",
        "",
        f"Status {period}: **{status}** · last six months: {strip}",
        "",
        *_overview(p),
        *_update(p, period),
    ]
    if p.flags:
        lines += ["**Evidence flags:**", "", *bullets(p.flags), ""]
    if p.milestones:
        lines += [
            "**Key milestones:**",
            "",
            *table(MILESTONE_HEAD, milestone_rows(p.milestones, False), "llllrr"),
        ]
    if p.risks:
        rows = [
            (Raw(str(k.score)), k.title, *map(recorded, (k.category, k.owner, k.actions)))
            for k in p.risks
        ]
        lines += [
            "**Top open risks:**",
            "",
            *table(["Score", "Risk", "Category", "Owner", "Actions"], rows, "rllll"),
        ]
    if p.benefits:
        lines += ["**Benefits:**", "", *table(BENEFIT_HEAD, benefit_rows(p.benefits, False))]
    return [*lines, *_money(p)]


def programme_pages(r: ReportData) -> list[str]:
    """An index, then every live programme's page, in the dashboard's order."""
    lines = ["## Programmes", ""]
    if not r.programmes:
        return [*lines, "The portfolio has no live programmes.", ""]
    lines += [
        "Index in the dashboard's order, worst rating first, then stale, missing or "
        "unreadable (the pages follow in this order):",
        "",
    ]
    lines += table(
        ["No.", "Programme", "Status", "Service", "SRO"],
        [
            (Raw(str(i)), p.name, rag(p.status or "not due"), p.service, p.sro)
            for i, p in enumerate(r.programmes, 1)
        ],
        "rllll",
    )
    for p in r.programmes:
        lines += programme_page(p, r.header.period)
    return lines
