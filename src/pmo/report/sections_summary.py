"""The executive summary: a one-line verdict per question, what needs DMT, data confidence."""

from __future__ import annotations

from collections.abc import Sequence

from pmo.analysis.answers import Answers
from pmo.analysis.q1 import Q1
from pmo.analysis.q2 import Q2
from pmo.analysis.q3 import Q3
from pmo.present.numbers import money
from pmo.present.words import join_words, plural, role_title
from pmo.report.types_summary import AttentionItem, Summary, Verdict, VerdictWord

MAX_ATTENTION = 5
"""The summary lists at most this many items for DMT's attention (the rest are counted)."""
NAMES_IN_SUMMARY = 3
"""A summary line names at most this many programmes, then counts the rest."""


def _names(names: Sequence[str]) -> str:
    return join_words(list(names), limit=NAMES_IN_SUMMARY)


def q1_verdict(q: Q1) -> Verdict:
    """Q1 in a word: affordability decides first, then coverage and confirmed capacity."""
    aff = q.affordability
    ahead = [y for y in aff.years if y.fy >= aff.current_fy]
    over = [y for y in ahead if y.headroom is not None and y.headroom < 0]
    label = "Q1 Right portfolio"
    if over:
        y = over[0]
        more = f" (and in {plural(len(over) - 1, 'other year')})" if len(over) > 1 else ""
        return Verdict(
            "q1",
            label,
            "No",
            f"committed spend alone is {money(-(y.headroom or 0))} over the envelope in "
            f"{y.fy}{more}",
        )
    now = aff.year(aff.current_fy)
    if now is None or now.envelope is None:
        return Verdict(
            "q1",
            label,
            "Unknown",
            f"no funding envelope is set for {aff.current_fy}, so affordability cannot be judged",
        )
    squeezed = [
        y for y in ahead if y.headroom_after_pipeline is not None and y.headroom_after_pipeline < 0
    ]
    if squeezed:
        y = squeezed[0]
        more = f" (and {plural(len(squeezed) - 1, 'other year')})" if len(squeezed) > 1 else ""
        return Verdict(
            "q1",
            label,
            "Mostly",
            f"{y.fy} is {money(-(y.headroom_after_pipeline or 0))} over the envelope{more} "
            "unless DMT prioritises the pipeline",
        )
    gaps = [o.title for o in q.coverage.objectives if o.flag is not None]
    if gaps:
        return Verdict(
            "q1",
            label,
            "Mostly",
            "spend fits the envelope, but no programme contributes strongly to "
            + join_words([f"'{g}'" for g in gaps], limit=NAMES_IN_SUMMARY),
        )
    short = [r for r in q.capacity.roles if r.recorded and r.months_over_confirmed]
    if short:
        r = short[0]
        return Verdict(
            "q1",
            label,
            "Mostly",
            f"spend fits the envelope, but confirmed demand for {role_title(r.role)} exceeds "
            f"capacity in {plural(r.months_over_confirmed, 'month')}",
        )
    return Verdict(
        "q1",
        label,
        "Yes",
        "committed and pipeline spend fit the envelope and every objective is served",
    )


def q2_verdict(q: Q2) -> Verdict:
    """Q2 in a word, from the share of programmes rated red and those without a rating."""
    c = q.counts
    label = "Q2 Delivering well"
    if c.total == 0:
        return Verdict("q2", label, "Unknown", f"no programme is due to report for {q.period}")
    bad = c.red + c.amber_red
    late = c.stale + c.missing + c.unreadable
    rated = c.total - late
    if rated == 0:
        return Verdict("q2", label, "Unknown", f"no programme has a current rating for {q.period}")
    watermelons = len(q.watermelons)
    parts = [f"{c.green + c.amber_green} of {c.total} green"]
    if bad:
        worst = [s.name for s in q.statuses if s.status in ("red", "amber-red")]
        parts.append(f"{bad} red ({_names(worst)})")
    if c.amber:
        parts.append(f"{c.amber} amber")
    if late:
        parts.append(f"{late} without a current rating")
    if watermelons:
        parts.append(f"{watermelons} rated green against the evidence")
    share = bad / c.total
    word: VerdictWord
    if bad == 0 and late == 0 and watermelons == 0 and c.amber * 4 <= c.total:
        word = "Yes"
    elif share <= 0.15 and late * 2 < c.total:
        word = "Mostly"
    elif share <= 1 / 3:
        word = "Partly"
    else:
        word = "No"
    return Verdict("q2", label, word, "; ".join(parts))


def q3_verdict(q: Q3, current_fy: str) -> Verdict:
    """Q3 in a word, from the share of measured benefits on track and this year's savings."""
    label = "Q3 Benefits"
    measured = len(q.measured)
    now = next((y for y in q.savings if y.fy == current_fy), None)
    ratio = None
    if now is not None and now.target and now.forecast is not None:
        ratio = now.forecast / now.target
    if measured == 0 and ratio is None:
        savings = (
            f"there is no {now.fy} savings forecast against the {money(now.target)} target"
            if now is not None and now.target
            else "no savings target is set"
        )
        return Verdict("q3", label, "Unknown", f"no benefit is measured yet and {savings}")
    parts = []
    if now is not None and now.target:
        parts.append(
            f"{now.fy} savings forecast {money(now.forecast)} against a {money(now.target)} target"
            if now.forecast is not None
            else f"no {now.fy} savings forecast against a {money(now.target)} target"
        )
    off = q.count("off track") + q.count("at risk")
    if measured:
        parts.append(f"{off} of {plural(measured, 'measured benefit')} not on track")
    share = (measured - off) / measured if measured else None
    scores = [s for s in (share, ratio) if s is not None]
    worst = min(scores)
    word: VerdictWord
    if worst >= 0.95:
        word = "Yes"
    elif worst >= 0.8:
        word = "Mostly"
    elif worst >= 0.5:
        word = "Partly"
    else:
        word = "No"
    return Verdict("q3", label, word, "; ".join(parts))


def _attention(
    result: Answers,
    asks: Sequence[AttentionItem],
    raid: Sequence[AttentionItem],
    log: Sequence[AttentionItem],
) -> list[AttentionItem]:
    """Everything that needs DMT, most pressing first: money asked beyond the headroom, an
    unaffordable year, red programmes, escalated risks and issues, ratings the evidence
    disagrees with, overdue actions, PMO assurance, missing reports, savings at risk."""
    q2, q3 = result.q2, result.q3
    aff = result.q1.affordability
    out: list[AttentionItem] = list(asks)
    for y in aff.years:
        if y.fy < aff.current_fy or y.envelope is None or y.headroom_after_pipeline is None:
            continue
        if y.headroom_after_pipeline < 0:
            out.append(
                AttentionItem(
                    f"Affordability {y.fy}: committed and pipeline spend "
                    f"{money(y.committed + y.pipeline)} against a {money(y.envelope)} "
                    "envelope; the pipeline needs prioritising.",
                    "q1",
                )
            )
    red = [s.name for s in q2.statuses if s.status in ("red", "amber-red")]
    if red:
        text = f"{plural(len(red), 'programme')} rated red: {_names(red)}."
        out.append(AttentionItem(text, "q2"))
    out.extend(raid)
    for e in q2.watermelons:
        reasons = "; ".join(f.reason for f in e.flags[:2])
        out.append(
            AttentionItem(
                f"{e.name} is rated {e.status} but the evidence disagrees ({reasons}).", "q2"
            )
        )
    out.extend(log)
    for a in q2.exceptions.assurance:
        out.append(
            AttentionItem(
                f"{a.name}: the PMO rates it {a.assurance} against its own {a.self_assessed}.",
                "q2",
            )
        )
    late = [s.name for s in q2.statuses if s.status in ("stale", "missing", "unreadable")]
    if late:
        out.append(
            AttentionItem(
                f"{plural(len(late), 'programme')} without a current report: {_names(late)}.",
                "q2",
            )
        )
    now = next((y for y in q3.savings if y.fy == aff.current_fy), None)
    if now is not None and now.at_risk is not None and now.at_risk > 0:
        out.append(
            AttentionItem(
                f"Savings {now.fy}: {money(now.at_risk)} of planned savings at risk "
                f"(forecast {money(now.forecast)}).",
                "q3",
            )
        )
    return out


def confidence_line(result: Answers, updates: int, errors: int) -> str:
    """How far the figures can be trusted: updates received, stale, missing, unreadable."""
    c = result.q2.counts
    if c.total == 0:
        return "Data confidence: no programme was due to report this month."
    parts = [f"{updates} of {c.total} updates received"]
    for status in ("stale", "missing", "unreadable"):
        names = [s.name for s in result.q2.statuses if s.status == status]
        parts.append(f"{len(names)} {status}" + (f" ({_names(names)})" if names else ""))
    if errors:
        parts.append(f"{plural(errors, 'format error')} in the files (see the data-quality annex)")
    return "Data confidence: " + "; ".join(parts) + "."


def summary(
    result: Answers,
    updates: int,
    errors: int,
    *,
    asks: Sequence[AttentionItem] = (),
    raid: Sequence[AttentionItem] = (),
    log: Sequence[AttentionItem] = (),
) -> Summary:
    """The executive summary for one period (pure). ``asks``: money asked beyond the
    headroom; ``raid``: escalated risks and issues; ``log``: overdue DMT actions."""
    verdicts = (
        q1_verdict(result.q1),
        q2_verdict(result.q2),
        q3_verdict(result.q3, result.q1.affordability.current_fy),
    )
    items = _attention(result, asks, raid, log)
    return Summary(
        verdicts=verdicts,
        attention=tuple(items[:MAX_ATTENTION]),
        more_attention=max(0, len(items) - MAX_ATTENTION),
        confidence=confidence_line(result, updates, errors),
    )
