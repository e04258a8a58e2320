"""The default reporting period: the month people reported for, never moved by one early file."""

from __future__ import annotations

from datetime import date

from pmo.model import Update
from pmo.model.types import period_end, period_of
from pmo.store import LoadedPortfolio, Source
from pmo.validate.quality import QUARTER_ENDS, REPORTING_STAGES

FIRST_YEAR = 2000
LAST_YEAR = 2100
"""Periods outside these years are errors (a typo such as 9999-12), never a reporting month."""


def in_range(period: str) -> bool:
    """Whether a YYYY-MM period lies within the years pmo accepts (2000 to 2100)."""
    return FIRST_YEAR <= int(period[:4]) <= LAST_YEAR


def _due(loaded: LoadedPortfolio, period: str) -> list[str]:
    """Programmes due to report for ``period``: in delivery or closing, started by its end
    (and, if they report quarterly, at a quarter's end)."""
    end = period_end(period)
    out = []
    for folder, prog in loaded.programmes.items():
        model = prog.source.model
        if model is None:
            continue
        if model.stage in REPORTING_STAGES and (model.start is None or model.start <= end):
            if model.reporting == "quarterly" and period[5:7] not in QUARTER_ENDS:
                continue  # between quarters a quarterly programme is not due
            out.append(folder)
    return out


def _is_draft(source: Source[Update]) -> bool:
    """An update marked ``status: draft`` (an unreadable file is not known to be one)."""
    return source.model is not None and source.model.status == "draft"


def reporting_period(loaded: LoadedPortfolio, today: date) -> str:
    """The default period: the latest month, not after today's, in which at least half of the
    programmes due to report have an update (a file for that month, readable or not; a draft
    does not count).

    Months after the current one (updates filed early) and months outside 2000-2100 never
    count. When no month qualifies it is the latest month up to now with any update, and with
    no update at all, the current month.
    """
    current = period_of(today)
    filed_in = {  # periods with a file that is not a draft (a draft is not yet reported)
        folder: {p for p, src in prog.updates.items() if not _is_draft(src)}
        for folder, prog in loaded.programmes.items()
    }
    months = sorted(
        {p for periods in filed_in.values() for p in periods if in_range(p) and p <= current},
        reverse=True,
    )
    for month in months:
        due = _due(loaded, month)
        filed = sum(1 for folder in due if month in filed_in[folder])
        if due and 2 * filed >= len(due):
            return month
    return months[0] if months else current
