"""The pmo Textual app: one factory (`make_app`) for the CLI and the tests.

Screens get what they show as attributes and post messages (``pmo.tui.messages``) for
anything that changes screens or writes; the app handles each message here.
"""

from __future__ import annotations

import gc
import threading
import weakref
from collections.abc import Mapping
from pathlib import Path
from typing import Any, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import Header, Static

from pmo import clock
from pmo.present.dates import AFTER_THIS_MONTH, future_period
from pmo.present.paths import reports_beside
from pmo.present.terminal import safe, shorten
from pmo.store.cache import LoadCache, cache_dir
from pmo.store.edit import EditResult
from pmo.tui import messages
from pmo.tui.actions import (
    AssuranceForm,
    assurance_form,
    open_in_editor,
)
from pmo.tui.commands import ProgrammeCommands, ViewCommands
from pmo.tui.crash import record_crash
from pmo.tui.dashboard import DashboardScreen, DashboardState
from pmo.tui.early import EarlyLoad
from pmo.tui.footer import QuietFooter
from pmo.tui.loading import Failed, Loaded, load, shown
from pmo.tui.period import PeriodPicker
from pmo.tui.place import Place, place_of
from pmo.tui.programme import ProgrammeScreen
from pmo.tui.quality import QualityScreen
from pmo.tui.screens import ErrorScreen, HelpScreen, help_sections
from pmo.tui.view_base import ViewScreen
from pmo.tui.views import VIEWS, view_screen
from pmo.tui.watch import Watcher
from pmo.tui.writes import ask_draft, ask_report

SETTLE_AFTER_RELOAD = 0.5
"""Seconds after a reload's dashboard appears before memory is settled again."""
SETTLE_TRIES = 40
"""How many times (SETTLE_AFTER_RELOAD apart) settling waits for the replaced screens to go."""


class PmoApp(App[None]):
    """The portfolio office terminal UI."""

    CSS_PATH = "app.tcss"
    TITLE = "pmo"
    COMMANDS = App.COMMANDS | {ProgrammeCommands, ViewCommands}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", "Quit", id="app.quit"),
        Binding("question_mark", "help", "Help", key_display="?", id="app.help"),
        Binding(
            "c",
            "view('q1-view')",
            "Q1",
            tooltip="Q1 view: coverage, priority, affordability, capacity, scenario",
            id="q1-view",
        ),
        Binding(
            "e",
            "view('q2-view')",
            "Q2",
            tooltip="Q2 view: RAG grid, exceptions, slippage (e for exceptions; g is 'first row')",
            id="q2-view",
        ),
        Binding("b", "view('q3-view')", "Q3", tooltip="Q3 view: benefits, savings", id="q3-view"),
        Binding("h", "view('risk-heatmap')", "Risks", tooltip="Risk heatmap", id="risk-heatmap"),
        Binding(
            "v",
            "data_quality",
            "Quality",
            tooltip="Data quality: every validation problem (Enter opens the file)",
            id="data-quality",
        ),
        Binding(
            "R",
            "generate_report",
            "Report",
            tooltip="Generate the DMT report into reports/ (says where first; writes on y)",
            id="generate-report",
        ),
        Binding(
            "p",
            "switch_period",
            "Period",
            tooltip="Switch the reporting period (the month every view shows)",
            id="switch-period",
        ),
        Binding(
            "ctrl+r",
            "reload_files",
            "Reload",
            show=False,
            tooltip="Read the portfolio's files again now (it also happens by itself when "
            "they change); your place is kept",
            id="reload",
        ),
    ]
    VIEW_ACTIONS: ClassVar[frozenset[str]] = frozenset(
        {"view", "data_quality", "generate_report", "switch_period", "reload_files"}
    )
    """Actions that open a screen: off while a dialog is open or nothing is loaded."""

    def __init__(
        self,
        portfolio: Path,
        period: str | None = None,
        watch_interval: float | None = 1.0,
        cache: bool = True,
        early: EarlyLoad | None = None,
    ) -> None:
        super().__init__()
        self.portfolio = portfolio
        self.early = early
        """The first load, begun before the app was made (``pmo.tui.early``)."""
        if early is not None:
            self.cache = early.cache
        else:
            self.cache = LoadCache(portfolio, cache_dir()) if cache else None
        self.cache_lock = threading.Lock()
        self.settled = False  # settle_memory has run
        self.leaving: list[weakref.ref[Screen[Any]]] = []
        """The screens a reload replaced: memory is settled once they are gone."""
        self.settle_tries = 0
        self.period = period
        self.loaded: Loaded | None = None
        self.failed: Failed | None = None
        self.watcher = (
            Watcher(self, portfolio, self.reload, watch_interval) if watch_interval else None
        )
        self.report_out = reports_beside(portfolio)  # where `R` writes: `pmo report`'s default
        self.place: Place | None = None
        """Where the user was when a reload failed: recovery returns there."""
        self.left_out_told: tuple[str, ...] = ()
        """What files left out of the figures the last notification said (said again only
        when it changes; the banner stays for unreadable files)."""
        self.future_told: str | None = None
        """The period after this month the last notice was about (said once per period)."""
        self.crash: str | None = None
        """One line saying why the app stopped on an unexpected error (and where the log is)."""

    def compose(self) -> ComposeResult:
        yield Header()
        # A line of text, not an animation: a spinner redrawn 60 times a second would take
        # the interpreter from the worker that is loading.
        with Vertical(id="loading-box"):
            yield Static(Text(f"Loading {safe(str(self.portfolio))} …"), id="loading-title")
            yield Static("", id="loading-step")
        yield QuietFooter()

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
            early, self.early = self.early, None
            if early is not None and early.period == period:
                return early.result(self.loading_step)
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
            self.leaving = [ref for ref in self.leaving if ref() is not None]
            if self.leaving and self.settle_tries < SETTLE_TRIES:
                # A replaced screen is still held (its timers, a message in flight: longer
                # on a loaded machine); frozen, only the next settling can free it: soon.
                self.settle_tries += 1
                self.set_timer(SETTLE_AFTER_RELOAD, self.settle_memory)
            else:
                self.leaving, self.settle_tries = [], 0
        gc.freeze()
        self.settled = True

    def show_result(
        self, result: Loaded | Failed, state: DashboardState | None = None, replace: bool = False
    ) -> None:
        """The dashboard (with ``state``: its sort and filters), or the error screen; with
        ``replace``, in place of the screen on top (never a blank screen in between)."""
        show = self.switch_screen if replace and len(self.screen_stack) > 1 else self.push_screen
        if isinstance(result, Failed):
            self.failed = result
            show(ErrorScreen(result))
            return
        self.loaded = result
        future = future_period(result.period, clock.today())
        title = f"{result.answers.portfolio} — {result.period}"
        if future:  # first, so that it is never cut off on a narrow terminal
            title = f"⚠ {result.period} ({AFTER_THIS_MONTH}) — {result.answers.portfolio}"
        self.sub_title = safe(title, newlines=False)
        show(DashboardScreen(result, state))
        if self.settled:
            # After a reload, a moment later: a removed screen's timers hold it for a few
            # ticks, and frozen then it would never be freed.
            self.set_timer(SETTLE_AFTER_RELOAD, self.settle_memory)
        else:
            self.call_after_refresh(self.settle_memory)
        self.tell_future(future, result.period)
        told, self.left_out_told = self.left_out_told, result.left_out
        if result.left_out and result.left_out != told:  # said once, not at every reload
            lines = "; ".join(shorten(line, 200) for line in result.left_out)
            self.notify(
                f"{lines} — v lists every problem",
                severity="warning",
                timeout=10,
                markup=False,
            )

    def tell_future(self, why: str | None, period: str) -> None:
        """A notice when the period shown is after this month (as the CLI warns on stderr),
        once for each such period (not again at every reload of it)."""
        told, self.future_told = self.future_told, period if why else None
        if why and period != told:
            notice = safe(why[0].upper() + why[1:], newlines=False)
            self.notify(notice, severity="warning", timeout=10, markup=False)

    def reload(self, period: str | None = None) -> None:
        """Read the portfolio again (after an edit, or for another ``period``), keeping the
        user's place (see ``Place``)."""
        if self.watcher is not None:
            self.watcher.rebase = True
        if isinstance(self.screen, ErrorScreen):
            place = self.place or Place()
        else:
            place = place_of(self.screen_stack)
        if period is None:
            period = self.loaded.period if self.loaded is not None else self.period

        def work() -> None:
            result = self.read_portfolio(period)
            self.call_from_thread(self._show_again_soon, result, place)
            self.after_load()

        self.run_worker(work, thread=True, exclusive=True, group="load")

    def _show_again_soon(self, result: Loaded | Failed, place: Place) -> None:
        self.call_next(self._show_again, result, place)

    async def _show_again(self, result: Loaded | Failed, place: Place) -> None:
        # Back to the bottom screen (the dashboard or the error screen), replaced then by the
        # new one: the old stays on show until then, never a blank screen. Settling memory
        # waits for the old screens to go (see settle_memory).
        self.leaving = [weakref.ref(screen) for screen in self.screen_stack[1:]]
        while len(self.screen_stack) > 2:
            await self.pop_screen()
        if isinstance(result, Failed):
            self.place = place  # a fix brings the user back here
            self.show_result(result, replace=True)
            return
        self.place = None
        self.show_result(result, place.dashboard, replace=True)
        if place.view in VIEWS:
            self.push_screen(view_screen(place.view, result, place.view_tab, place.view_memory))
        if place.programme is not None:
            self.open_programme(place.programme, place.tab, place.risk, place.tab_scroll)
        elif place.quality:
            self.push_screen(QualityScreen(result, place.quality_spot))

    # --- what screens ask for (messages up) -------------------------------------------------

    def open_programme(
        self,
        programme_id: str,
        tab: str | None = None,
        focus: str | None = None,
        scroll: Mapping[str, float] | None = None,
    ) -> None:
        """Show one programme's screen (at ``tab``, default the overview; ``focus``: a risk
        id to highlight on the Risks tab; ``scroll``: tab -> scroll position) over the screen
        it was opened from."""
        if self.loaded is None:
            return
        if programme_id in self.loaded.data.unreadable:
            self.show_problems_of(programme_id)
            return
        if programme_id not in self.loaded.data.programmes:
            return
        if isinstance(self.screen, ProgrammeScreen):
            self.pop_screen()
        self.push_screen(ProgrammeScreen(self.loaded, programme_id, tab, focus, scroll))

    def show_problems_of(self, programme_id: str) -> None:
        """An unreadable programme: the data-quality list, on its file's first problem."""
        if self.loaded is None:
            return
        for screen in self.screen_stack:
            if isinstance(screen, QualityScreen):
                self._back_to(screen)
                screen.show_programme(programme_id)
                return
        self.push_screen(QualityScreen(self.loaded, programme=programme_id))

    @on(messages.OpenProgramme)
    def _open_programme(self, message: messages.OpenProgramme) -> None:
        self.open_programme(message.programme_id, message.tab, message.focus)

    @on(messages.OpenView)
    def _open_view(self, message: messages.OpenView) -> None:
        self.action_view(message.name)

    @on(messages.OpenQuality)
    def _open_quality(self, message: messages.OpenQuality) -> None:
        self.action_data_quality()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """View keys work from any screen, but not over a dialog or before a load."""
        if action in self.VIEW_ACTIONS:
            return self.loaded is not None and not isinstance(
                self.screen, ModalScreen | ErrorScreen
            )
        return True

    def _back_to(self, found: Screen[Any]) -> bool:
        """Pop screens until ``found`` is on top (when it is in the stack): True if it was."""
        if found not in self.screen_stack:
            return False
        while self.screen is not found:
            self.pop_screen()
        return True

    def action_view(self, name: str) -> None:
        """Open a portfolio view: back to it if it is open below, else over this screen."""
        if self.loaded is None:
            return
        for screen in self.screen_stack:
            if isinstance(screen, ViewScreen) and screen.id == name:
                self._back_to(screen)
                return
        if isinstance(self.screen, ViewScreen):
            self.pop_screen()
        self.push_screen(view_screen(name, self.loaded))

    def action_data_quality(self) -> None:
        if self.loaded is None:
            return
        for screen in self.screen_stack:
            if isinstance(screen, QualityScreen):
                self._back_to(screen)
                return
        self.push_screen(QualityScreen(self.loaded))

    def action_generate_report(self) -> None:
        self.post_message(messages.GenerateReport())

    def action_current(self, action: str) -> None:
        """Run a programme action (assurance, draft) on the open programme or the dashboard's
        selected row (for the command palette)."""
        for screen in reversed(self.screen_stack):
            if isinstance(screen, ProgrammeScreen | DashboardScreen):
                getattr(screen, f"action_{action}")()
                return
        self.notify("Open a programme first", severity="warning", markup=False)

    def action_dashboard(self, action: str) -> None:
        """Go back to the dashboard and run one of its actions (for the command palette)."""
        for screen in self.screen_stack:
            if isinstance(screen, DashboardScreen):
                self._back_to(screen)
                getattr(screen, f"action_{action}")()
                return

    def action_reload_files(self) -> None:
        """Read the portfolio again now, keeping the user's place (Ctrl+R)."""
        self.reload()

    def action_switch_period(self) -> None:
        """Choose another reporting month; the app reloads for it, keeping your place."""
        if self.loaded is None:
            return
        current = self.loaded.period

        def done(period: str | None) -> None:
            if period is not None and period != current:
                self.period = period
                self.notify(f"Showing {period}", markup=False)
                self.reload(period)

        self.push_screen(PeriodPicker(self.loaded.data.periods(), current), done)

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
        if self.loaded is not None:
            ask_draft(self, self.loaded, message.programme_id, self.reload)

    @on(messages.GenerateReport)
    def _generate_report(self, message: messages.GenerateReport) -> None:
        if self.loaded is not None:
            ask_report(self, self.portfolio, self.loaded.period, self.report_out)

    def action_help(self) -> None:
        """This screen's keys, what its marks mean, the list keys, and the keys everywhere."""
        if isinstance(self.screen, HelpScreen):
            return
        self.push_screen(HelpScreen(help_sections(self.screen, PmoApp)))

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
    early: EarlyLoad | None = None,
) -> PmoApp:
    """The app for the portfolio at ``portfolio`` (``period`` YYYY-MM, default latest).

    Files are polled for changes every ``watch_interval`` seconds (None: not watched).
    With ``cache``, parsed files are kept in the user's cache directory (see store/cache.py).
    ``early`` is the first load already begun (``pmo.tui.start.launch``; its cache is used).
    """
    return PmoApp(portfolio, period, watch_interval, cache, early)
