"""Validation: every check of DESIGN.md §4 as a pure function returning Problem values."""

from __future__ import annotations

from datetime import date

from pmo.problem import Problem
from pmo.store import LoadedPortfolio
from pmo.store.forked import Forked
from pmo.store.parallel import workers
from pmo.validate.consistency import (
    check_dates_against_start,
    check_dependency_cycles,
    check_parent_cycles,
    check_unique_names,
)
from pmo.validate.context import Check, CheckContext
from pmo.validate.dates import check_programme_dates, check_update_dates
from pmo.validate.dmt import check_decision_log
from pmo.validate.period import reporting_period
from pmo.validate.placeholders import check_drafts, check_placeholders
from pmo.validate.quality import (
    check_benefits_quality,
    check_path_to_green,
    check_programme_quality,
    check_reporting,
    check_risks_quality,
    check_update_quality,
    check_variance_narrative,
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
    check_reporting,
    check_path_to_green,
    check_variance_narrative,
    check_benefits_quality,
    check_risks_quality,
    check_programme_quality,
    check_update_quality,
    check_placeholders,
    check_decision_log,
    check_drafts,
)


def default_period(loaded: LoadedPortfolio, today: date) -> str:
    """The default reporting period (see :func:`pmo.validate.period.reporting_period`)."""
    return reporting_period(loaded, today)


#: On a large portfolio a forked process runs these (about half the time of all checks)
#: while this one runs the rest.
APART: frozenset[Check] = frozenset(
    {check_references, check_variance_narrative, check_rag_scale, check_programme_dates}
)
APART_MIN_FILES = 1500
"""Fewer files than this are checked in this process alone (as ``pmo.store.parallel``)."""


def large(loaded: LoadedPortfolio) -> bool:
    """Whether checking ``loaded`` is worth a second process (and there is a CPU for it)."""
    return len(loaded.programmes) + loaded.update_count >= APART_MIN_FILES and workers() > 1


def run_checks(
    loaded: LoadedPortfolio, today: date, period: str, *, apart: bool = True
) -> list[Problem]:
    """All problems: those found reading the files, then every cross-file check, sorted.

    With ``apart``, a large portfolio's checks are shared with a forked process.
    """
    ctx = CheckContext(loaded, today, period)
    found: dict[Check, list[Problem]] = {}
    if apart and large(loaded):
        theirs = [check for check in CHECKS if check in APART]
        there = Forked(lambda: [list(check(ctx)) for check in theirs])
        found = {check: list(check(ctx)) for check in CHECKS if check not in APART}
        found.update(zip(theirs, there.result(), strict=True))
    problems = list(loaded.problems)
    for check in CHECKS:  # in this order whoever ran them: equal sort keys keep it
        problems.extend(found[check] if check in found else check(ctx))
    return sorted(problems, key=lambda p: (str(p.file), p.line, p.col, p.code, p.message))


__all__ = ["CHECKS", "default_period", "large", "run_checks"]
