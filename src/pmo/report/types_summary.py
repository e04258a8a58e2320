"""The executive summary's data: a verdict per question, what needs DMT, data confidence."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

VerdictWord = Literal["Yes", "Mostly", "Partly", "No", "Unknown"]


@dataclass(frozen=True, slots=True)
class Verdict:
    """One question answered in a word, with the one reason that decides it."""

    key: Literal["q1", "q2", "q3"]
    label: str  # "Q1 Right portfolio"
    word: VerdictWord
    reason: str  # one sentence, no trailing full stop


@dataclass(frozen=True, slots=True)
class AttentionItem:
    """One item that needs DMT's attention this month, and the section that shows it."""

    text: str
    anchor: str  # section id in the outline (HTML link target)


@dataclass(frozen=True, slots=True)
class Summary:
    """The executive summary: at most two pages, read first."""

    verdicts: tuple[Verdict, ...]  # Q1, Q2, Q3
    attention: tuple[AttentionItem, ...]  # three to five, most pressing first
    more_attention: int  # further items not listed in the summary (see the sections)
    confidence: str  # updates received, unreadable, stale: how far to trust the figures
