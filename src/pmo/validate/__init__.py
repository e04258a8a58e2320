"""Validation: every check of DESIGN.md §4 as a pure function returning Problem values."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from pmo.problem import Problem
from pmo.store import LoadedPortfolio, load_portfolio
from pmo.validate.consistency import (
    check_dates_against_start,
    check_dependency_cycles,
    check_parent_cycles,
    check_unique_names,
    check_updates_after_start,
)
from pmo.validate.context import Check, CheckContext
from pmo.validate.dates import check_programme_dates, check_update_dates
from pmo.validate.quality import (
    check_benefits_quality,
    check_path_to_green,
    check_reporting,
    check_variance_narrative,
    latest_period,
)
from pmo.validate.structure import (
    check_identity,
    check_rag_scale,
    check_references,
    check_scores_complete,
    check_unique_ids,
    check_weights,
)

CHECKS: tuple[Check, ...] = (
    check_weights,
    check_unique_ids,
    check_identity,
    check_references,
    check_parent_cycles,
    check_dependency_cycles,
    check_unique_names,
    check_rag_scale,
    check_scores_complete,
    check_programme_dates,
    check_update_dates,
    check_dates_against_start,
    check_updates_after_start,
    check_reporting,
    check_path_to_green,
    check_variance_narrative,
    check_benefits_quality,
)


@dataclass(frozen=True, slots=True)
class Validation:
    """The outcome of validating a portfolio: what was loaded and every problem, sorted."""

    loaded: LoadedPortfolio
    period: str
    problems: list[Problem]

    @property
    def errors(self) -> int:
        return sum(p.severity == "error" for p in self.problems)

    @property
    def warnings(self) -> int:
        return sum(p.severity == "warning" for p in self.problems)


def default_period(loaded: LoadedPortfolio, today: date) -> str:
    """The latest period that has an update, else today's month."""
    periods = [p for prog in loaded.programmes.values() for p in prog.updates]
    return latest_period(periods, today)


def run_checks(loaded: LoadedPortfolio, today: date, period: str) -> list[Problem]:
    """All problems: those found reading the files, then every cross-file check, sorted."""
    ctx = CheckContext(loaded, today, period)
    problems = list(loaded.problems)
    for check in CHECKS:
        problems.extend(check(ctx))
    return sorted(problems, key=lambda p: (str(p.file), p.line, p.col, p.code, p.message))


def validate_portfolio(root: Path, today: date, period: str | None = None) -> Validation:
    """Load and check the portfolio at ``root`` (raises NotAPortfolio if there is none)."""
    loaded = load_portfolio(root)
    chosen = period or default_period(loaded, today)
    return Validation(loaded, chosen, run_checks(loaded, today, chosen))


__all__ = ["CHECKS", "Validation", "default_period", "run_checks", "validate_portfolio"]
