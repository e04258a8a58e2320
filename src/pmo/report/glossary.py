"""The report's glossary: the terms it uses, in plain English (jargon lives only here)."""

from __future__ import annotations

from pmo.report.types import RagKeyEntry


def glossary(stale_after_days: int, escalate_at: int) -> tuple[RagKeyEntry, ...]:
    """Terms used in the report and what they mean, A to Z."""
    terms = {
        "Benefit forecast": "Where a benefit will be on its target date if it keeps the pace "
        "achieved so far along its own planned path (a straight line from the baseline "
        "through the latest actual where the plan has no profile). A benefit forecast to miss "
        "its target is never on track.",
        "Business case (SOC, OBC, FBC)": "The case for a programme's money: strategic outline "
        "(SOC), outline (OBC) and full (FBC) business case, each a gate DMT approves.",
        "Committed spend": "The cost of programmes with an approved business case, or already "
        "in delivery; the pipeline is not committed.",
        "Envelope": "The transformation funding available in a financial year (portfolio.yaml).",
        "Escalation score": f"A risk whose residual score (likelihood x impact) reaches "
        f"{escalate_at} goes to DMT; the PMO can also escalate a risk whatever its score.",
        "Evidence disagrees with the rating": "The programme's own data (a red dimension, a "
        "late key milestone, an overspend, a benefit off track, a high risk or no current "
        "update) does not support its overall rating. The rating is never changed; DMT sees "
        "both. Sometimes called a 'watermelon' (green outside, red inside).",
        "FTE": "Full-time equivalent: one person working full time for a month.",
        "Headroom": "The envelope minus committed spend; negative means over the envelope.",
        "Over-allocated": "A role whose demand from programmes exceeds the team's capacity in a "
        "month.",
        "Path to green": "What the programme will do to return to a green rating.",
        "Pipeline": "Proposals not yet funded (pipeline, feasibility or business-case stage).",
        "PMO assurance": "The PMO's own rating of a programme, shown when it differs from the "
        "programme's self-assessment.",
        "Re-baseline": "An approved change to a milestone's date; the original baseline is "
        "kept so that slippage stays visible.",
        "Realisation": "The share of a benefit's planned improvement achieved so far.",
        "Savings at risk": "Planned cashable savings that the latest forecast does not cover.",
        "Stale": f"The latest update is more than {stale_after_days} days old at the end of the "
        "month.",
    }
    return tuple(RagKeyEntry(term, meaning) for term, meaning in sorted(terms.items()))
