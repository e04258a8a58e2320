"""Q3 portfolio cashable savings by financial year: target, planned, realised (estimated)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from pmo.analysis.classify import is_committed, savings_by_fy
from pmo.analysis.data import PortfolioData
from pmo.analysis.q3_benefits import BenefitStatus

#: Bounds on the realisation fraction applied to planned savings.
FRACTION_FLOOR = 0.0
FRACTION_CAP = 1.5


@dataclass(frozen=True, slots=True)
class SavingsLine:
    """One committed programme's business-case savings in one FY and the share on course.

    ``fraction`` is the mean realisation % / 100 of the programme's cashable benefits that have
    a realisation at the period, each capped to 0..1.5; 0 when none is measured.
    ``realised`` = ``planned`` x ``fraction``.
    """

    programme_id: str
    fy: str
    planned: float
    fraction: float
    realised: float


@dataclass(frozen=True, slots=True)
class SavingsYear:
    """Portfolio cashable savings in one financial year.

    - ``target``: portfolio.yaml ``savings_target`` for the FY (0 when not set; see ``has_target``).
    - ``planned``: sum of business-case ``savings`` of committed programmes.
    - ``realised``: an explicit, simple estimate (the rule): for each committed programme,
      its business-case savings for the FY x the average realisation fraction of its cashable
      benefits at the period (realisation % / 100, each capped to 0..1.5; 0 when none of its
      cashable benefits has a measured realisation), summed. It is what is on course to be
      realised, not money banked.
    - ``planned_gap`` = planned - target (negative: short of target);
      ``realised_gap`` = realised - planned (negative: behind plan).
    """

    fy: str
    target: float
    has_target: bool
    planned: float
    realised: float
    planned_gap: float
    realised_gap: float


def realisation_fraction(benefits: Sequence[BenefitStatus]) -> float:
    """Mean of capped realisation fractions of cashable benefits with a realisation; else 0."""
    fractions = [
        min(FRACTION_CAP, max(FRACTION_FLOOR, b.realisation / 100))
        for b in benefits
        if b.kind == "cashable" and b.realisation is not None
    ]
    return sum(fractions) / len(fractions) if fractions else 0.0


def savings_lines(
    data: PortfolioData, benefits: Sequence[BenefitStatus]
) -> tuple[SavingsLine, ...]:
    """Per committed programme and FY: planned savings, fraction and realised estimate."""
    by_programme: dict[str, list[BenefitStatus]] = {}
    for b in benefits:
        by_programme.setdefault(b.programme_id, []).append(b)
    lines: list[SavingsLine] = []
    for prog in data.programmes.values():
        if not is_committed(prog):
            continue
        fraction = realisation_fraction(by_programme.get(prog.id, []))
        for fy, planned in savings_by_fy(prog).items():
            lines.append(SavingsLine(prog.id, fy, planned, fraction, planned * fraction))
    return tuple(sorted(lines, key=lambda line: (line.fy, line.programme_id)))


def savings_years(data: PortfolioData, lines: Sequence[SavingsLine]) -> tuple[SavingsYear, ...]:
    """Target, planned and realised savings for every FY with a target or planned savings."""
    targets = data.config.savings_target
    years = sorted(set(targets) | {line.fy for line in lines})
    out: list[SavingsYear] = []
    for fy in years:
        target = targets.get(fy, 0.0)
        planned = sum(line.planned for line in lines if line.fy == fy)
        realised = sum(line.realised for line in lines if line.fy == fy)
        out.append(
            SavingsYear(
                fy=fy,
                target=target,
                has_target=fy in targets,
                planned=planned,
                realised=realised,
                planned_gap=planned - target,
                realised_gap=realised - planned,
            )
        )
    return tuple(out)
