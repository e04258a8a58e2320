"""What `pmo import` can fill: each kind of record, its fields and how each value is read.

A mapping (sheets/mapping.py) says which column feeds which of these fields. Field names are
the YAML's own, dotted for nested values (``end.baseline``, ``rag.overall``); ``programme``
names the programme a row belongs to. Kinds say how a cell is read (sheets/cells.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Kind = Literal[
    "text",  # one line of text, required text must not be blank
    "long",  # text that may span lines
    "id",  # an id: made a slug (lowercase, hyphens) and unique
    "ref",  # a reference to a programme (by the id or raw value its own row had)
    "slug",  # a slug-valued choice from the portfolio (service, role, category, ...)
    "date",
    "period",  # a month YYYY-MM
    "fy",  # a financial year YYYY/YY
    "money",  # GBP, >= 0; "£1,139.18", "£1.2m", scaled by the mapping (£m columns)
    "number",
    "int",
    "bool",
    "rag",  # a RAG rating in pmo's or GMPP's words
    "lines",  # one item per line
    "choice",
]


@dataclass(frozen=True, slots=True)
class FieldSpec:
    """A field a column can feed: its kind, whether a record needs it, its allowed values."""

    kind: Kind = "text"
    required: bool = False
    choices: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class RecordSpec:
    """A kind of record: what it is called in messages and the fields it takes."""

    label: str
    fields: dict[str, FieldSpec]


def _f(kind: Kind = "text", *choices: str, required: bool = False) -> FieldSpec:
    return FieldSpec(kind, required, tuple(choices))


def _r(kind: Kind = "text", *choices: str) -> FieldSpec:
    return FieldSpec(kind, True, tuple(choices))


STAGES = ("pipeline", "feasibility", "business-case", "delivery", "closing", "closed")
CASE_STATUSES = (
    "draft", "submitted", "approved", "approved-with-conditions", "rejected", "deferred",
)  # fmt: skip
BENEFIT_KINDS = ("cashable", "non-cashable", "cost-avoidance", "non-financial", "qualitative")
OWNER = _r("ref")
LEVEL = _f("int")
OPEN_CLOSED = ("open", "closed")
RAG_DIMENSIONS = ("schedule", "cost", "scope", "resources", "risks", "benefits")

RECORDS: dict[str, RecordSpec] = {
    "programme": RecordSpec(
        "programme",
        {
            "id": _f("id"),
            "name": _r(),
            "kind": _r("choice", "programme", "project"),
            "parent": _f("ref"),
            "service": _r("slug"),
            "reporting": _f("choice", "monthly", "quarterly"),
            "sro": _f(),
            "manager": _f(),
            "stage": _r("choice", *STAGES),
            "mandatory": _f("bool"),
            "summary": _f("long"),
            "start": _f("date"),
            "end.baseline": _f("date"),
            "end.current": _f("date"),
            "end.forecast": _f("date"),
            "end.actual": _f("date"),
            "business_case.stage": _f("choice", "SOC", "OBC", "FBC", "BJC"),
            "business_case.status": _f("choice", *CASE_STATUSES),
            "business_case.decided.date": _f("date"),
            "business_case.decided.by": _f(),
            "business_case.optimism_bias": _f("number"),
            "budget.this_year": _f("money"),  # the budget of the import period's FY (GMPP)
        },
    ),
    "update": RecordSpec(
        "monthly update",
        {
            "programme": OWNER,
            "period": _r("period"),
            "status": _f("choice", "draft"),
            "submitted": _r("date"),
            "by": _f(),
            "rag.overall": _r("rag"),
            **{f"rag.{name}": _f("rag") for name in RAG_DIMENSIONS},
            "summary": _f("long"),
            "path_to_green": _f("long"),
            "achievements": _f("lines"),
            "next": _f("lines"),
            "finance.spend_to_date": _f("money"),
            "finance.forecast_outturn": _f("money"),
            "finance.narrative": _f("long"),
            "assurance.rag": _f("rag"),
            "assurance.note": _f("long"),
            "assurance.by": _f(),
            "assurance.date": _f("date"),
        },
    ),
    "milestone": RecordSpec(
        "milestone",
        {
            "programme": OWNER,
            "id": _f("id"),
            "title": _r(),
            "baseline": _r("date"),
            "current": _f("date"),
            "forecast": _f("date"),
            "actual": _f("date"),
            "key": _f("bool"),
        },
    ),
    "risk": RecordSpec(
        "risk",
        {
            "programme": OWNER,
            "id": _f("id"),
            "title": _r(),
            "cause": _f("long"),
            "effect": _f("long"),
            "category": _f("slug"),
            "owner": _f(),
            "likelihood": _r("int"),
            "impact": _r("int"),
            "target.likelihood": LEVEL,
            "target.impact": LEVEL,
            "proximity": _f("date"),
            "response": _f("choice", "treat", "tolerate", "transfer", "terminate"),
            "actions": _f("long"),
            "status": _f("choice", *OPEN_CLOSED),
        },
    ),
    "issue": RecordSpec(
        "issue",
        {
            "programme": OWNER,
            "id": _f("id"),
            "title": _r(),
            "owner": _f(),
            "severity": _r("int"),
            "raised": _f("date"),
            "due": _f("date"),
            "status": _f("choice", *OPEN_CLOSED),
            "escalate": _f("bool"),
        },
    ),
    "dependency": RecordSpec(
        "dependency",
        {"programme": OWNER, "depends_on": _r("ref"), "note": _f("long")},
    ),
    "benefit": RecordSpec(
        "benefit",
        {
            "programme": OWNER,
            "id": _f("id"),
            "title": _r(),
            "kind": _r("choice", *BENEFIT_KINDS),
            "objective": _f("slug"),
            "owner": _f(),
            "measure": _f(),
            "unit": _f(),
            "direction": _f("choice", "up", "down"),
            "baseline.value": _f("number"),
            "baseline.date": _f("date"),
            "target.value": _f("number"),
            "target.by": _f("date"),
            "disbenefit": _f("bool"),
        },
    ),
    "measurement": RecordSpec(
        "benefit measurement",
        {
            "programme": OWNER,
            "benefit": _r("slug"),
            "period": _r("period"),
            "type": _r("choice", "planned", "actual"),
            "value": _r("number"),
        },
    ),
    "resource": RecordSpec(
        "resource demand",
        {
            "programme": OWNER,
            "role": _r("slug"),
            "fte": _r("number"),
            "from": _r("period"),
            "to": _r("period"),
            "confirmed": _f("bool"),
        },
    ),
    "finance": RecordSpec(
        "finance line",
        {
            "programme": OWNER,
            "fy": _r("fy"),
            "budget": _f("money"),
            "capital": _f("money"),
            "revenue": _f("money"),
            "savings": _f("money"),
        },
    ),
    "decision": RecordSpec(
        "decision",
        {
            "programme": _f("ref"),  # blank: a decision of the PMO's DMT note
            "period": _r("period"),
            "title": _r(),
            "by": _f("date"),
            "detail": _f("long"),
        },
    ),
    "score": RecordSpec("score", {"programme": OWNER, "criterion": _r("slug"), "score": _r("int")}),
    "contribution": RecordSpec(
        "objective contribution",
        {"programme": OWNER, "objective": _r("slug"), "contribution": _r("int")},
    ),
    "savings_forecast": RecordSpec(
        "savings forecast",
        {"programme": OWNER, "period": _r("period"), "fy": _r("fy"), "value": _r("money")},
    ),
    "objective": RecordSpec("objective", {"id": _r("id"), "title": _r(), "weight": _r("number")}),
    "criterion": RecordSpec(
        "criterion",
        {
            "id": _r("id"),
            "title": _r(),
            "weight": _r("number"),
            "group": _r("choice", "attractiveness", "achievability"),
        },
    ),
    "envelope": RecordSpec(
        "envelope line",
        {"fy": _r("fy"), "envelope": _f("money"), "savings_target": _f("money")},
    ),
    "capacity": RecordSpec(
        "capacity line", {"role": _r("slug"), "from": _f("period"), "fte": _r("number")}
    ),
    "setting": RecordSpec("setting", {"key": _r(), "value": _f("long")}),
    "dmt": RecordSpec(
        "DMT note", {"period": _r("period"), "meeting": _f("date"), "headline": _f("long")}
    ),
}

#: Portfolio settings a "setting" row may set (key -> kind); list values are comma-separated.
SETTINGS: dict[str, Kind] = {
    "name": "text",
    "office": "text",
    "stale_after_days": "int",
    "services": "lines",
    "rag_scale": "text",
    "risk.escalate_at": "int",
    "risk.categories": "lines",
    "tolerances.schedule_days": "int",
    "tolerances.cost_percent": "number",
    "tolerances.benefit_percent": "number",
    "rag_key.green": "long",
    "rag_key.amber": "long",
    "rag_key.red": "long",
    "rag_key.amber-green": "long",
    "rag_key.amber-red": "long",
}
APPETITE_PREFIX = "risk.appetite."
"""``risk.appetite.<category>``: the appetite score of one risk category (a whole number)."""
