"""Generate the month's DMT report from the UI (`R` on the dashboard), off the UI thread."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import LoadingIndicator, Static

from pmo.tui.loading import shown

if TYPE_CHECKING:
    from pmo.report.writer import Written
    from pmo.tui.app import PmoApp


class ReportProgress(Horizontal):
    """A one-line spinner docked at the bottom of the screen while the report is written."""

    def __init__(self, text: str) -> None:
        super().__init__(id="report-progress")
        self.text = text

    def compose(self) -> ComposeResult:
        yield LoadingIndicator()
        yield Static(self.text)


def written_message(written: Written) -> str:
    """What the run wrote, for a notification."""
    return f"Report for {written.period} written: " + ", ".join(shown(p) for p in written.files)


def generate_report(app: PmoApp) -> None:
    """Write the report for the app's period into ``app.report_out``; notify what was written."""
    if any(w.group == "report" and not w.is_finished for w in app.workers):
        app.notify("A report is already being generated", severity="warning")
        return
    root = app.portfolio
    period = app.loaded.period if app.loaded is not None else app.period
    out: Path = app.report_out
    label = f"Generating report for {period or 'the latest period'} into {shown(out)} …"
    progress = ReportProgress(label)
    app.screen.mount(progress)

    def done(message: str, ok: bool) -> None:
        if progress.is_attached:
            progress.remove()
        app.notify(message, severity="information" if ok else "error", timeout=10)

    def work() -> None:
        try:
            from pmo.report.writer import generate  # loads the renderers: only when asked

            written = generate(root, period, out)
            message, ok = written_message(written), True
        except Exception as exc:  # NotAPortfolio, ReportError, OSError...: say why, never crash
            message, ok = f"Report not written: {exc}", False
        app.call_from_thread(done, message, ok)

    app.run_worker(work, thread=True, group="report", name="generate-report")
