"""The portfolio.yaml model: objectives, criteria, envelope, capacity, risk policy, tolerances."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field

from pmo.model.types import (
    PATTERN_HELP,
    PERIOD_RE,
    Base,
    FinancialYear,
    Fte,
    Money,
    Period,
    Slug,
    Text,
    Weight,
)

FTE_KEY_RE = r"^(fte|[0-9]{4}-(0[1-9]|1[0-2]))$"
PATTERN_HELP[FTE_KEY_RE] = "'fte' or a month YYYY-MM from which a new FTE applies"

DEFAULT_SERVICES: tuple[str, ...] = (
    "children-families",
    "education-inclusion",
    "access-resources",
    "transformation",
)
"""The services of a portfolio that lists none: Children's Services' four branches."""

DEFAULT_RISK_CATEGORIES: tuple[str, ...] = (
    "safeguarding",
    "financial",
    "delivery",
    "workforce",
    "reputational",
    "legal",
    "data",
    "partnership",
)


def _capacity_number_to_plan(value: Any) -> Any:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return {"fte": value}
    return value


CapacityPlan = Annotated[
    dict[Annotated[str, Field(pattern=FTE_KEY_RE)], Fte],
    BeforeValidator(_capacity_number_to_plan, json_schema_input_type=float | dict[str, float]),
    Field(
        description="FTE available in this role: a number, or {fte: N, YYYY-MM: N} where a "
        "dated value applies from that month on"
    ),
]


class Objective(Base):
    """A strategic objective the portfolio serves (Q1)."""

    id: Slug = Field(description="Short id used by programmes, e.g. safe")
    title: Text = Field(description="The objective in words")
    weight: Weight = Field(description="Relative importance; objective weights sum to 100")


class Criterion(Base):
    """A prioritisation criterion (weighted scoring)."""

    id: Slug = Field(description="Short id used in programme scores, e.g. strategic-fit")
    title: Text = Field(description="What the criterion assesses")
    weight: Weight = Field(description="Weight in the priority score; criteria weights sum to 100")
    group: Literal["attractiveness", "achievability"] = Field(
        description="attractiveness (why do it) or achievability (can we do it)"
    )


class RiskPolicy(Base):
    """When risks go to DMT, and the tolerance by category."""

    escalate_at: int = Field(
        ge=1, le=25, description="Residual score (likelihood x impact) at which a risk goes to DMT"
    )
    categories: list[Slug] = Field(
        default=list(DEFAULT_RISK_CATEGORIES),
        description="Allowed risk categories; every risk's category must be one of these",
    )
    appetite: dict[Slug, Annotated[int, Field(ge=1, le=25)]] = Field(
        default_factory=dict, description="Optional tolerance score by risk category"
    )


class Tolerances(Base):
    """Beyond these, a variance is an exception."""

    schedule_days: int = Field(
        ge=0, le=3660, description="Milestone slip beyond this many days is an exception"
    )
    cost_percent: float = Field(
        ge=0, le=1000, description="In-year forecast variance beyond this % needs a narrative"
    )
    benefit_percent: float = Field(
        ge=0,
        le=1000,
        description="Benefit tolerance: an actual within this % of the planned value is on plan, "
        "and a forecast achieving at least 100 - this % of the change its target asks for "
        "reaches it (both: on track; one: at risk; neither: off track)",
    )


class RagKey(Base):
    """The definitions printed with every report, in the PMO's own words."""

    green: Text = Field(description="What green means")
    amber: Text = Field(description="What amber means")
    red: Text = Field(description="What red means")
    amber_green: Text | None = Field(
        default=None, alias="amber-green", description="Five-point scale only"
    )
    amber_red: Text | None = Field(
        default=None, alias="amber-red", description="Five-point scale only"
    )


class Portfolio(Base):
    """portfolio.yaml: the strategy, criteria and constraints the whole portfolio is judged by."""

    name: Text = Field(description="Portfolio name shown on reports")
    office: Text = Field(description="The portfolio office that owns it")
    stale_after_days: int = Field(
        default=35, ge=1, le=366, description="An update older than this at period end is stale"
    )
    services: list[Slug] = Field(
        default=list(DEFAULT_SERVICES),
        min_length=1,
        description="The services (branches, teams) a programme's service is one of; default "
        "children-families, education-inclusion, access-resources, transformation",
    )
    objectives: list[Objective] = Field(min_length=1, description="Strategy the portfolio serves")
    criteria: list[Criterion] = Field(min_length=1, description="Prioritisation criteria")
    envelope: dict[FinancialYear, Money] = Field(
        default_factory=dict, description="Transformation funding available, GBP by financial year"
    )
    savings_target: dict[FinancialYear, Money] = Field(
        default_factory=dict, description="Cashable savings the portfolio must deliver, GBP by FY"
    )
    capacity: dict[Slug, CapacityPlan] = Field(
        default_factory=dict, description="Team capacity, FTE by role"
    )
    risk: RiskPolicy = Field(description="Risk escalation and appetite")
    tolerances: Tolerances = Field(description="Exception tolerances")
    rag_scale: Literal["three-point", "five-point"] = Field(
        default="three-point", description="three-point (red/amber/green) or five-point"
    )
    rag_key: RagKey = Field(description="RAG definitions printed with every report")


def capacity_at(plan: dict[str, float], period: Period) -> float:
    """FTE of a capacity plan in a month: the latest dated value on or before it, else ``fte``."""
    fte = plan.get("fte", 0.0)
    best = ""
    for key, value in plan.items():
        if key != "fte" and best < key <= period:
            best, fte = key, value
    return fte


__all__ = ["PERIOD_RE", "Criterion", "Objective", "Portfolio", "RagKey", "RiskPolicy", "Tolerances"]
