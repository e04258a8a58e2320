"""Write a period's report: load, check, build, render, then atomic writes into OUT/YYYY-MM/."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from pmo import clock
from pmo.analysis.data import left_out
from pmo.analysis.periods import add_months, previous_period
from pmo.opening import open_portfolio
from pmo.report.data import build_report
from pmo.report.history import MONTHS
from pmo.report.markdown import render_markdown
from pmo.report.snapshot import dumps, read_snapshot, snapshot
from pmo.report.types import ReportData
from pmo.store.files import Refused, check_write_target
from pmo.store.write import atomic_write_bytes, atomic_write_text
from pmo.validate.dates import early_updates

MARKDOWN, HTML, SNAPSHOT = "dmt-report.md", "dmt-report.html", "snapshot.json"
PDF = "dmt-report.pdf"
#: The data-quality annex never depends on the day the report is run: checks that compare a
#: date with today ("actual date in the future") are left to `pmo validate`.
AS_AT = date.max


class ReportError(Exception):
    """The report cannot be produced from this input; the message says why."""


@dataclass(frozen=True, slots=True)
class Written:
    """What one run wrote, and what it says."""

    period: str
    files: tuple[Path, ...]  # Markdown, HTML, PDF when asked for, snapshot
    report: ReportData
    left_out: tuple[str, ...] = ()  # what files with format errors mean for the figures
    filed_early: tuple[tuple[Path, str], ...] = ()
    """Updates for a month after today's and the report's, not used (file, why): said on
    stderr, never in the report (which reads the same whatever day it is made)."""


def generate(root: Path, period: str | None, out: Path, *, pdf: bool = False) -> Written:
    """Build and write the report for ``period`` (default: the latest period with updates).

    Trends compare with ``out/<previous month>/snapshot.json`` when it is a valid snapshot.
    Everything is rendered before anything is written; the snapshot is written last.
    ``pdf``: also print the HTML to dmt-report.pdf with a headless Chromium, Chrome or Edge.
    Raises NotAPortfolio (no portfolio at ``root``) or ReportError.
    """
    browser = None
    if pdf:
        from pmo.report.pdf import find_browser, no_browser_message

        browser = find_browser()
        if browser is None:
            raise ReportError(no_browser_message())
    opened = open_portfolio(root, period, as_at=AS_AT)
    data, chosen = opened.data, opened.period
    if data is None:
        raise ReportError(
            f"{root}/portfolio.yaml has errors; run `pmo validate {root}` to see them"
        )
    doc, why = read_snapshot(out / previous_period(chosen) / SNAPSHOT)
    snapshots = {}  # earlier months' reports, for the trends (a bad one is computed instead)
    for back in range(2, MONTHS):
        month = add_months(chosen, -back)
        found, _ = read_snapshot(out / month / SNAPSHOT)
        if found is not None:
            snapshots[month] = found
    if doc is not None:
        snapshots[previous_period(chosen)] = doc
    report = build_report(
        data, chosen, doc, list(opened.problems), root, previous_note=why, snapshots=snapshots
    )
    from pmo.report.html import render_html  # loads Jinja2 and matplotlib: only here

    html = render_html(report)
    texts: list[tuple[str, str | bytes]] = [(MARKDOWN, render_markdown(report)), (HTML, html)]
    if browser is not None:
        from pmo.report.pdf import PdfError, html_to_pdf

        try:
            texts.append((PDF, html_to_pdf(html, browser)))
        except PdfError as exc:
            raise ReportError(f"could not write {PDF}: {exc}; nothing was written") from None
    texts.append((SNAPSHOT, dumps(snapshot(report))))
    folder = out / chosen
    for name, _ in texts:  # nothing through a link leading out of OUT, nothing onto a FIFO
        try:
            check_write_target(folder / name, out)
        except Refused as exc:
            raise ReportError(str(exc)) from None
    written = []
    for name, text in texts:
        path = folder / name
        if isinstance(text, bytes):
            atomic_write_bytes(path, text)
        else:
            atomic_write_text(path, text)
        written.append(path)
    early = tuple(early_updates(opened.loaded, clock.today(), chosen))
    return Written(chosen, tuple(written), report, tuple(left_out(data, opened.loaded)), early)
