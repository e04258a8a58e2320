"""Pydantic models of the YAML contract (DESIGN.md §3): no I/O, no textual, no sqlmodel."""

from pmo.model.dmt import DmtAction, DmtDecision, DmtNote, DmtOutcome
from pmo.model.portfolio import Criterion, Objective, Portfolio, RiskPolicy, Tolerances
from pmo.model.programme import (
    Benefit,
    BusinessCase,
    Dependency,
    Issue,
    Milestone,
    Programme,
    ResourceDemand,
    Risk,
)
from pmo.model.update import Assurance, Decision, Finance, RagRatings, Update

__all__ = [
    "Assurance",
    "Benefit",
    "BusinessCase",
    "Criterion",
    "Decision",
    "Dependency",
    "DmtAction",
    "DmtDecision",
    "DmtNote",
    "DmtOutcome",
    "Finance",
    "Issue",
    "Milestone",
    "Objective",
    "Portfolio",
    "Programme",
    "RagRatings",
    "ResourceDemand",
    "Risk",
    "RiskPolicy",
    "Tolerances",
    "Update",
]
