"""Trends over up to twelve months: from earlier reports' snapshots, else computed and said so."""

from __future__ import annotations

import json
import math
import re
from pathlib import Path
from typing import Any

import pytest

from pmo.opening import open_portfolio
from pmo.report import writer
from pmo.report.data import build_report
from pmo.report.history import month_from_json, month_json
from pmo.report.markdown import render_markdown
from pmo.report.types import ReportData

ROOT = Path(__file__).resolve().parents[1]
PORTFOLIO = ROOT / "portfolio"


def _build(period: str, snapshots: dict[str, Any] | None = None) -> ReportData:
    opened = open_portfolio(PORTFOLIO, period, as_at=writer.AS_AT)
    assert opened.data is not None
    return build_report(opened.data, period, None, [], PORTFOLIO, snapshots=snapshots)


@pytest.fixture(scope="module")
def november() -> ReportData:
    return _build("2026-11")


def test_trends_cover_twelve_months_ending_with_this_report(november: ReportData) -> None:
    months = november.trends.months
    assert [m.period for m in months][:2] == ["2025-12", "2026-01"]
    assert months[-1].period == "2026-11" and len(months) == 12
    assert months[-1].source == "report" and {m.source for m in months[:-1]} == {"computed"}
    assert "computed from the portfolio files" in november.trends.note
    now = months[-1]  # the same quantities the rest of the report shows
    figures = {f.key: f.value for f in november.figures}
    assert now.red == figures["red"] and now.green == figures["green"]
    assert now.amber == figures["amber"] and now.no_update == figures["late"]
    assert now.on_track == figures["benefits_on_track"]
    assert now.fy == "2026/27" and months[0].fy == "2025/26"


def test_trends_start_at_the_first_monthly_update() -> None:
    months = _build("2026-01").trends.months
    assert [m.period for m in months] == ["2025-12", "2026-01"]


def test_a_month_with_a_valid_snapshot_is_what_dmt_was_told(november: ReportData) -> None:
    october = _build("2026-10")
    told = dict(json.loads(json.dumps({"period": "2026-10", "trend": month_json(
        october.trends.months[-1])})))  # fmt: skip
    told["trend"]["red"] = 9  # what DMT was told differs from the data now: the snapshot wins
    again = _build("2026-11", {"2026-10": told})
    october_row = next(m for m in again.trends.months if m.period == "2026-10")
    assert october_row.source == "snapshot" and october_row.red == 9
    assert "1 earlier month as reported to DMT" in again.trends.note


@pytest.mark.parametrize(
    "change",
    [
        {"red": -1},
        {"red": True},
        {"green": 1.5},
        {"budget": math.inf},
        {"budget": "lots"},
        {"fy": 2026},
        {"measured": None},
    ],
)
def test_a_bad_trend_block_is_ignored_and_the_month_computed(
    november: ReportData, change: dict[str, Any]
) -> None:
    block = month_json(november.trends.months[-1]) | change
    assert month_from_json({"period": "2026-11", "trend": block}, "2026-11") is None
    assert month_from_json({"period": "2026-10", "trend": month_json(
        november.trends.months[-1])}, "2026-11") is None  # fmt: skip
    assert month_from_json({"period": "2026-11"}, "2026-11") is None  # an older snapshot


def test_snapshot_carries_the_months_trend_and_the_next_report_uses_it(tmp_path: Path) -> None:
    out = tmp_path / "reports"
    writer.generate(PORTFOLIO, "2026-10", out)
    doc = json.loads((out / "2026-10" / "snapshot.json").read_text("utf-8"))
    assert doc["trend"]["fy"] == "2026/27" and isinstance(doc["trend"]["red"], int)
    report = writer.generate(PORTFOLIO, "2026-11", out).report
    sources = {m.period: m.source for m in report.trends.months}
    assert sources["2026-10"] == "snapshot" and sources["2026-09"] == "computed"


def test_markdown_has_a_compact_trend_table(november: ReportData) -> None:
    md = render_markdown(november)
    section = md.split("## Trends over 12 months", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in section.splitlines() if re.match(r"\| [A-Z][a-z]{2} \d\d \|", line)]
    assert len(rows) == 12
    assert rows[-1].startswith("| Nov 26 | 3 / 7 / 11 / 2 | 2026/27 |")
    assert rows[-1].endswith("| report |")


def test_html_draws_four_trend_charts_described_by_the_table(november: ReportData) -> None:
    from pmo.report.html import render_html

    html = render_html(november)
    section = html.split('<section class="major" id="trends">', 1)[1].split("</section>", 1)[0]
    charts = re.findall(r"<svg [^>]*>", section)
    assert len(charts) == 4
    assert all('aria-describedby="trends-data"' in svg for svg in charts)
    assert '<table id="trends-data"' in section
    assert section.count("<tr>") == 13  # the header and twelve months


def test_one_month_has_no_charts_and_says_why() -> None:
    report = _build("2025-12")
    assert len(report.trends.months) == 1
    assert "no earlier monthly updates" in report.trends.note
    from pmo.report.html import render_html

    section = render_html(report).split('id="trends">', 1)[1].split("</section>", 1)[0]
    assert "<svg" not in section
