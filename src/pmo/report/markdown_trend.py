"""The trends section in Markdown: one compact table of the four measures by month."""

from __future__ import annotations

from pmo.present.dates import month_short
from pmo.present.numbers import money, pct, savings_forecast_cell
from pmo.present.words import NOT_SET
from pmo.report.markdown_text import md_escape, table
from pmo.report.types import ReportData

__all__ = ["trends_section"]


def trends_section(r: ReportData) -> list[str]:
    """## Trends: the note, then a row per month (the HTML draws these as charts)."""
    t = r.trends
    n = len(t.months)
    lines = [f"## Trends over {n} month{'' if n == 1 else 's'}", "", md_escape(t.note), ""]
    rows = [
        (
            month_short(m.period),
            f"{m.red} / {m.amber} / {m.green} / {m.no_update}",
            m.fy,
            f"{money(m.forecast)} / {money(m.budget)}",
            f"{savings_forecast_cell(m.savings_forecast)} / "
            f"{money(m.savings_target) if m.savings_target is not None else NOT_SET}",
            f"{m.on_track} of {m.measured}" + (f" ({pct(m.on_track_share)})" if m.measured else ""),
            m.source,
        )
        for m in t.months
    ]
    lines += table(
        [
            "Month",
            "Red / amber / green / no update",
            "FY",
            "In-year forecast / budget",
            "Savings forecast / target",
            "Benefits on track",
            "From",
        ],
        rows,
        "lrlrrrl",
    )
    lines += [
        "From: *report* is this report; *snapshot* is that month's own report (what DMT was "
        "told); *computed* is worked out now from the portfolio files.",
        "",
    ]
    return lines
