"""Lists and plurals in sentences: at most five names (three with details), then a count."""

from __future__ import annotations

from collections.abc import Sequence

from pmo.present import numbers

MAX_LISTED = 5
"""A sentence names at most this many things; the rest are counted ("and 92 more"). The
report's table cells follow the same rule (pmo.report.limits)."""
MAX_DETAILED = 3
"""A sentence that gives each thing it names a detail (a reason, a date, a file) names at most
this many; the rest are counted ("; and 15 more")."""
NOT_RECORDED = "(not recorded)"
"""A recommended descriptive field left out (an SRO, a manager, who submitted an update)."""
NO_SUMMARY = "(no summary given)"
"""An update without its recommended summary."""
NO_PATH_TO_GREEN = "no path to green given"
"""A rating that is not green with no path to green written (or only blanks)."""
PATH_TO_GREEN_NONE = "none given"
"""The same, as the value after a "Path to green:" label (the report's Markdown and HTML)."""
NO_CATEGORY = NOT_RECORDED
"""The group of open risks recorded without a category, where risks are counted by category
(said as every risk's missing category is said; the analysis keys it None, never a name)."""
NOT_SET = "not set"
"""A policy figure the portfolio leaves out: a year's envelope or savings target, a risk
category's appetite."""
NOT_COMPARED = "not compared"
"""The appetite of risks with no category: none applies, so none is compared."""
NO_TARGET = "no target"
"""Savings still to identify (target - planned) in a year with no savings target set."""
NO_FORECAST = numbers.NO_FORECAST
"""Savings at risk (planned - forecast) in a year no programme forecasts: said as the year's
forecast cell says it."""
NO_COST_STATED = "no cost stated"
"""A decision request that gives no cost (the requests table and the paper say it alike)."""
MET_LATER = "met after the month"
"""A milestone's forecast / actual cell in a report for a month before it was met: the date is
not shown (the month's view), but the milestone is not missing a forecast."""
ASKER_UNKNOWN = "unknown (no matching request)"
"""Who asked for a logged DMT outcome that matches none of that meeting's requests."""
MEASUREMENT = ("benefit measurement", "benefit measurements")
"""A benefit's actual value reported in a monthly update (pmo_benefit_measurement; rows of Type
actual in the Measurements sheet): the one meaning in every export and import summary."""
PROFILE_VALUE = ("planned profile value", "planned profile values")
"""A benefit's planned value for a month, from its profile in programme.yaml (pmo_benefit_profile;
rows of Type planned in the Measurements sheet): never counted as a measurement."""

NO_ENVELOPE = "no envelope"
"""A financial year's envelope cell when portfolio.yaml sets none, and that year's headroom
(envelope - committed): unknown, never £0 or blank."""


def no_envelope(years: str) -> str:
    """The one sentence (no full stop) for financial years ahead with no envelope set, ``years``
    in words ('2027/28 (£4.5m committed and pipeline)'): pmo status's Q1 and the report say it
    as it is; pmo scenario, the TUI's scenario tab and the report's scenario paragraph add
    what it means for the choice (:data:`NOT_LIMITED`)."""
    return f"No envelope is set for {years}: affordability there is unknown"


NOT_LIMITED = "so the scenario does not limit spending there"
"""What a year with no envelope means for the scenario: money there is not a constraint."""


def recorded(value: object) -> str:
    """An optional field as shown: its value, or NOT_RECORDED when it is missing or blank (a
    risk's owner, category or proximity, an issue's dates): never a dash, never "none"."""
    text = "" if value is None else str(value)
    return text if text.strip() else NOT_RECORDED


def join_words(items: Sequence[str], limit: int = MAX_LISTED) -> str:
    """'A', 'A and B', 'A, B and C'; past ``limit`` items, 'A, B, ... and 92 more'."""
    if not items:
        return ""
    if len(items) > limit:
        return f"{', '.join(items[:limit])} and {len(items) - limit} more"
    if len(items) == 1:
        return items[0]
    return f"{', '.join(items[:-1])} and {items[-1]}"


def join_detailed(items: Sequence[str], limit: int = MAX_DETAILED) -> str:
    """Items with their details: 'A (x); B (y)'; past ``limit`` items, '...; and 15 more'."""
    shown = "; ".join(items[:limit])
    return shown + (f"; and {len(items) - limit} more" if len(items) > limit else "")


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    """'1 programme', '2 programmes' (or the given plural form)."""
    word = singular if count == 1 else (plural_form or f"{singular}s")
    return f"{count} {word}"


def role_name(slug: str) -> str:
    """A role's slug as words inside a sentence: 'project-manager' -> 'project manager'."""
    return slug.replace("-", " ").replace("_", " ").strip() or slug


def role_title(slug: str) -> str:
    """A role's slug as words for people: 'project-manager' -> 'Project manager'."""
    words = role_name(slug)
    return words[:1].upper() + words[1:]


def path_to_green(text: str | None) -> str:
    """A rating exception's path to green as a phrase: 'path to green: ...', or
    NO_PATH_TO_GREEN when none is written (pmo status and the TUI say it the same way)."""
    path = (text or "").strip()
    return f"path to green: {path}" if path else NO_PATH_TO_GREEN


def milestone_date(actual: str | None, forecast: str | None, *, met_later: bool = False) -> str:
    """A milestone's "actual / forecast" date as the report shows it: the actual when met in or
    before the month, else the forecast; MET_LATER when met only after the month; NOT_RECORDED
    for an unmet milestone without a forecast (unknown, never a dash)."""
    return actual or forecast or (MET_LATER if met_later else NOT_RECORDED)
