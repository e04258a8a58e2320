"""The report's outline: its sections in order, the one list both renderers follow."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

SectionId = Literal[
    "summary",
    "answers",
    "contents",
    "decisions",
    "raid",
    "dashboard",
    "groups",
    "trends",
    "q1",
    "q2",
    "q3",
    "changes",
    "programmes",
    "annex",
    "quality",
    "key",
]


@dataclass(frozen=True, slots=True)
class Section:
    """One section: its anchor id (and HTML template ``_<id>.html.j2``) and contents title."""

    id: SectionId
    title: str
    in_contents: bool = True


OUTLINE: tuple[Section, ...] = (
    Section("summary", "Executive summary", in_contents=False),
    Section("contents", "Contents", in_contents=False),
    Section("decisions", "Decisions for DMT"),
    Section("raid", "Risks, issues and dependencies for DMT"),
    Section("answers", "The three questions: the evidence"),
    Section("dashboard", "Portfolio dashboard"),
    Section("groups", "By service area and SRO"),
    Section("trends", "Trends over the last months"),
    Section("q1", "Q1: the right programmes"),
    Section("q2", "Q2: delivering well"),
    Section("q3", "Q3: benefits"),
    Section("changes", "What changed since last month"),
    Section("programmes", "Programme pages"),
    Section("annex", "Annex: detail tables"),
    Section("quality", "Annex: data quality"),
    Section("key", "Glossary and trend arrows"),
)
"""The DMT report, in order: the executive summary first; after the programme pages the
annexes (the detail tables the body cuts short, data quality) and the glossary."""
