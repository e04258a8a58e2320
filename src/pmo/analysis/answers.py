"""The three answers together: Q1, Q2 and Q3 for one period, with their plain sentences."""

from __future__ import annotations

from dataclasses import dataclass

from pmo.analysis.data import PortfolioData
from pmo.analysis.q1 import Q1, q1, q1_sentences
from pmo.analysis.q2 import Q2, q2, q2_sentences
from pmo.analysis.q3 import Q3, q3, q3_sentences


@dataclass(frozen=True, slots=True)
class Answers:
    """What DMT asks, answered for one period: the evidence and the sentences that say it."""

    portfolio: str
    period: str
    programmes: int
    q1: Q1
    q2: Q2
    q3: Q3
    q1_sentences: tuple[str, ...]
    q2_sentences: tuple[str, ...]
    q3_sentences: tuple[str, ...]


def answer(data: PortfolioData, period: str) -> Answers:
    """Compute Q1, Q2 and Q3 for ``period`` (pure: same data and period, same answers)."""
    r1, r2, r3 = q1(data, period), q2(data, period), q3(data, period)
    return Answers(
        portfolio=data.config.name,
        period=period,
        programmes=len(data.all_ids()),
        q1=r1,
        q2=r2,
        q3=r3,
        q1_sentences=tuple(q1_sentences(r1)),
        q2_sentences=tuple(q2_sentences(r2)),
        q3_sentences=tuple(q3_sentences(r3)),
    )
