"""The pmo Textual app: one factory (`make_app`) for the CLI and the tests.

Screens get what they show as attributes and post messages (``pmo.tui.messages``) for
anything that changes screens or writes; the app handles each message here.
"""

from __future__ import annotations

import gc
import os
import threading
from datetime import date
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Footer, Header, Static

from pmo import clock
from pmo.present.terminal import safe, shorten
from pmo.store.cache import LoadCache, cache_dir
from pmo.store.edit import EditResult, draft_update
from pmo.tui import messages
from pmo.tui.actions import (
    AssuranceForm,
    assurance_form,
    open_in_editor,
    problem_lines,
)
from pmo.tui.commands import ProgrammeCommands, ViewCommands
from pmo.tui.confirm import ConfirmWrite, DraftPlan, draft_body, plan_draft
from pmo.tui.crash import record_crash
from pmo.tui.dashboard import DashboardScreen, DashboardState
from pmo.tui.loading import Failed, Loaded, load, shown
from pmo.tui.place import Place, place_of
from pmo.tui.programme import ProgrammeScreen
from pmo.tui.quality import QualityScreen
from pmo.tui.report_action import generate_report
from pmo.tui.screens import ErrorScreen, HelpScreen, binding_rows
from pmo.tui.view_base import ViewScreen
from pmo.tui.views import view_screen
from pmo.tui.watch import Watcher

SETTLE_AFTER_RELOAD = 0.5
"""Seconds after a reload's dashboard appears before memory is settled again."""


class PmoApp(App[None]):
    """The portfolio office terminal UI."""

    CSS_PATH = "app.tcss"
    TITLE = "pmo"
    COMMANDS = App.COMMANDS | {ProgrammeCommands, ViewCommands}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", "Quit", id="app.quit"),
        Binding("question_mark", "help", "Help", key_display="?", id="app.help"),
    ]

    def __init__(
        self,
        portfolio: Path,
        period: str | None = None,
        watch_interval: float | None = 1.0,
        cache: bool = True,
    ) -> None:
        super().__init__()
        self.portfolio = portfolio
        self.cache = LoadCache(portfolio, cache_dir()) if cache else None
        self.cache_lock = threading.Lock()
        self.settled = False  # settle_memory has run
        self.period = period
        self.loaded: Loaded | None = None
        self.failed: Failed | None = None
        self.watcher = (
            Watcher(self, portfolio, self.reload, watch_interval) if watch_interval else None
        )
        self.report_out = Path("reports")  # where `R` writes, as `pmo report`'s default --out
        self.place: Place | None = None
        """Where the user was when a reload failed: recovery returns there."""
        self.crash: str | None = None
        """One line saying why the app stopped on an unexpected error (and where the log is)."""

    def compose(self) -> ComposeResult:
        yield Header()
        # A line of text, not an animation: a spinner redrawn 60 times a second would take
        # the interpreter from the worker that is loading.
        with Vertical(id="loading-box"):
            yield Static(Text(f"Loading {safe(str(self.portfolio))} …"), id="loading-title")
            yield Static("", id="loading-step")
        yield Footer()

    def on_mount(self) -> None:
        self.load_portfolio()
        if self.watcher is not None:
            self.watcher.start()

    # --- loading ---------------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="load")
    def load_portfolio(self) -> None:
        """Read and analyse the portfolio off the UI thread, then show it."""
        result = self.read_portfolio(self.period)
        self.call_from_thread(self.show_result, result)
        self.after_load()

    def read_portfolio(self, period: str | None) -> Loaded | Failed:
        """Load the portfolio (in a worker thread), taking unchanged files from the cache."""
        with self.cache_lock:
            return load(self.portfolio, period, self.cache, self.loading_step)

    def loading_step(self, what: str) -> None:
        """Show what loading is doing (callable from the worker thread)."""
        self.call_from_thread(self._show_step, what)

    def _show_step(self, what: str) -> None:
        for line in self.query("#loading-step"):
            if isinstance(line, Static):
                line.update(Text(f"{what} …"))

    def after_load(self) -> None:
        """Write the load cache if it changed (in the load's worker, after the result is shown)."""
        if self.cache is not None:
            with self.cache_lock:
                self.cache.save()

    def settle_memory(self) -> None:
        """Exempt everything alive (data, answers, screens) from later garbage collections.

        On a 1,000-programme portfolio each full collection otherwise re-scanned all of it,
        stalling the UI for 120-140 ms every few seconds while scrolling. After a reload,
        what the previous load left behind is collected first.
        """
        if self.settled:
            gc.unfreeze()
            gc.collect()
        gc.freeze()
        self.settled = True

    def show_result(self, result: Loaded | Failed, state: DashboardState | None = None) -> None:
        """The dashboard (with ``state``: its sort and filters), or the error screen."""
        if isinstance(result, Failed):
            self.failed = result
            self.push_screen(ErrorScreen(result))
            return
        self.loaded = result
        self.sub_title = safe(f"{result.answers.portfolio} — {result.period}", newlines=False)
        self.push_screen(DashboardScreen(result, state))
        if self.settled:
            # After a reload, a moment later: a removed screen's timers hold it for a few
            # ticks, and frozen then it would never be freed.
            self.set_timer(SETTLE_AFTER_RELOAD, self.settle_memory)
        else:
            self.call_after_refresh(self.settle_memory)
        if result.left_out:
            lines = "; ".join(shorten(line, 200) for line in result.left_out)
            self.notify(
                f"{lines} — run `pmo validate {shorten(shown(result.root), 120)}`",
                severity="warning",
                timeout=10,
                markup=False,
            )

    def reload(self) -> None:
        """Read the portfolio again (after an edit), keeping the user's place (see ``Place``)."""
        if self.watcher is not None:
            self.watcher.rebase = True
        if isinstance(self.screen, ErrorScreen):
            place = self.place or Place()
        else:
            place = place_of(self.screen_stack)
        period = self.loaded.period if self.loaded is not None else self.period

        def work() -> None:
            result = self.read_portfolio(period)
            self.call_from_thread(self._show_again_soon, result, place)
            self.after_load()

        self.run_worker(work, thread=True, exclusive=True, group="load")

    def _show_again_soon(self, result: Loaded | Failed, place: Place) -> None:
        self.call_next(self._show_again, result, place)

    async def _show_again(self, result: Loaded | Failed, place: Place) -> None:
        # Wait for the old screens to go, so that settle_memory never freezes them.
        while len(self.screen_stack) > 1:
            await self.pop_screen()
        if isinstance(result, Failed):
            self.place = place  # a fix brings the user back here
            self.show_result(result)
            return
        self.place = None
        self.show_result(result, place.dashboard)
        if place.programme is not None:
            self.open_programme(place.programme, place.tab)
        elif place.quality:
            self.push_screen(QualityScreen(result, place.quality_row))

    # --- what screens ask for (messages up) -------------------------------------------------

    def open_programme(self, programme_id: str, tab: str | None = None) -> None:
        """Show one programme's screen (at ``tab``, default the overview)."""
        if self.loaded is None or programme_id not in self.loaded.data.programmes:
            return
        if isinstance(self.screen, ProgrammeScreen):
            self.pop_screen()
        self.push_screen(ProgrammeScreen(self.loaded, programme_id, tab))

    @on(messages.OpenProgramme)
    def _open_programme(self, message: messages.OpenProgramme) -> None:
        self.open_programme(message.programme_id)

    @on(messages.OpenView)
    def _open_view(self, message: messages.OpenView) -> None:
        if self.loaded is None:
            return
        if isinstance(self.screen, ViewScreen):
            self.pop_screen()
        self.push_screen(view_screen(message.name, self.loaded))

    @on(messages.OpenQuality)
    def _open_quality(self, message: messages.OpenQuality) -> None:
        if self.loaded is not None:
            self.push_screen(QualityScreen(self.loaded))

    @on(messages.OpenInEditor)
    def _open_in_editor(self, message: messages.OpenInEditor) -> None:
        if open_in_editor(self, message.path, message.line):
            self.reload()

    @on(messages.RecordAssurance)
    def _record_assurance(self, message: messages.RecordAssurance) -> None:
        if self.loaded is None:
            return
        form = assurance_form(self.loaded, message.programme_id)
        if not isinstance(form, AssuranceForm):
            self.notify(shorten(form, 300), severity="warning", markup=False)
            return

        def done(result: EditResult | None) -> None:
            if result is not None and result.written:
                where = shorten(shown(result.path), 200)
                self.notify(f"Assurance recorded in {where}", markup=False)
                self.reload()

        self.push_screen(form, done)

    @on(messages.DraftUpdate)
    def _draft_update(self, message: messages.DraftUpdate) -> None:
        """Say what `d` would write and where; write only when the officer confirms."""
        if self.loaded is None:
            return
        loaded = self.loaded
        plan = plan_draft(loaded, message.programme_id)
        if isinstance(plan, str):
            self.notify(shorten(plan, 300), severity="warning", markup=False)
            return
        today = clock.today()
        title = safe(f"Draft the {plan.period} update of {plan.name}?", newlines=False)

        def done(confirmed: bool | None) -> None:
            if confirmed:
                self._write_draft(loaded.root, plan, today)

        self.push_screen(
            ConfirmWrite(title, draft_body(plan, today.isoformat()), "Write draft"), done
        )

    def _write_draft(self, root: Path, plan: DraftPlan, today: date) -> None:
        result = draft_update(root, plan.programme_id, plan.period, today=today, draft=True)
        if not result.written:
            lines = problem_lines(result.problems) or "nothing written"
            self.notify(
                f"Cannot draft {plan.period}: {lines}", severity="error", timeout=10, markup=False
            )
            return
        self.notify(
            f"Drafted {shorten(shown(result.path), 200)} (status: draft: not counted yet)",
            markup=False,
        )
        if os.environ.get("EDITOR"):
            open_in_editor(self, result.path, 1)
        self.reload()

    @on(messages.GenerateReport)
    def _generate_report(self, message: messages.GenerateReport) -> None:
        period = self.loaded.period if self.loaded is not None else self.period
        generate_report(self, self.portfolio, period, self.report_out)

    def action_help(self) -> None:
        if isinstance(self.screen, HelpScreen):
            return
        everywhere = [*binding_rows([PmoApp]), ("ctrl+p", "Command palette: jump to a programme")]
        self.push_screen(
            HelpScreen(
                [
                    ("Everywhere", everywhere),
                    ("Dashboard", binding_rows([DashboardScreen])),
                    ("Programme", binding_rows([ProgrammeScreen])),
                ]
            )
        )

    # --- unexpected errors -----------------------------------------------------------------

    def _handle_exception(self, error: Exception) -> None:
        """Any unexpected error: a log file and one line on exit (code 1), never a traceback."""
        self.crash = record_crash(error)
        super()._handle_exception(error)
        self._exit_renderables.clear()  # the traceback is in the log, not on the screen


def make_app(
    portfolio: Path,
    period: str | None = None,
    watch_interval: float | None = 1.0,
    cache: bool = True,
) -> PmoApp:
    """The app for the portfolio at ``portfolio`` (``period`` YYYY-MM, default latest).

    Files are polled for changes every ``watch_interval`` seconds (None: not watched).
    With ``cache``, parsed files are kept in the user's cache directory (see store/cache.py).
    """
    return PmoApp(portfolio, period, watch_interval, cache)
