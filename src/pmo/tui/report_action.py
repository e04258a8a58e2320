"""Generate the month's DMT report from the UI (`R` on the dashboard), off the UI thread."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual.app import App, ComposeResult
from textual.containers import Horizontal
from textual.widgets import LoadingIndicator, Static

from pmo.present.terminal import safe, shorten
from pmo.tui.loading import shown

if TYPE_CHECKING:
    from pmo.report.writer import Written


class ReportProgress(Horizontal):
    """A one-line spinner docked at the bottom of the screen while the report is written."""

    def __init__(self, text: str) -> None:
        super().__init__(id="report-progress")
        self.text = text

    def compose(self) -> ComposeResult:
        yield LoadingIndicator()
        yield Static(Text(self.text))


REPORT_FILES = ("dmt-report.md", "dmt-report.html", "snapshot.json")
"""What `R` writes into ``<out>/<period>/`` (``pmo.report.writer``'s names)."""


def report_body(out: Path, period: str) -> Text:
    """The confirmation's text: the folder, the files, which of them are replaced."""
    folder = out / period
    where = safe(str(folder.absolute()), newlines=False)
    replaced = [name for name in REPORT_FILES if (folder / name).exists()]
    text = Text.assemble(
        "Writes ",
        ", ".join(REPORT_FILES),
        " into ",
        (where, "bold"),
        ",\nas `pmo report --period ",
        period,
        "` does",
    )
    if replaced:
        text.append(f" — replacing the {len(replaced)} there now", style="bold")
    text.append(".\nNothing is written unless you press y.")
    return text


def written_message(written: Written) -> str:
    """What the run wrote, for a notification."""
    files = ", ".join(shorten(shown(p), 200) for p in written.files)
    return f"Report for {written.period} written: {files}"


def generate_report(app: App[Any], root: Path, period: str | None, out: Path) -> None:
    """Write the report for ``period`` of ``root`` into ``out``; notify what was written."""
    if any(w.group == "report" and not w.is_finished for w in app.workers):
        app.notify("A report is already being generated", severity="warning")
        return
    label = f"Generating report for {period or 'the latest period'} into {shorten(shown(out))} …"
    progress = ReportProgress(label)
    app.screen.mount(progress)

    def done(message: str, ok: bool) -> None:
        if progress.is_attached:
            progress.remove()
        if ok:
            app.notify(message, timeout=10, markup=False)
        else:
            app.notify(message, severity="error", timeout=10, markup=False)

    def work() -> None:
        try:
            from pmo.report.writer import generate  # loads the renderers: only when asked

            written = generate(root, period, out)
            message, ok = written_message(written), True
        except Exception as exc:  # NotAPortfolio, ReportError, OSError...: say why, never crash
            message, ok = f"Report not written: {shorten(str(exc), 300)}", False
        app.call_from_thread(done, message, ok)

    app.run_worker(work, thread=True, group="report", name="generate-report")
