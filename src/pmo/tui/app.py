"""The pmo Textual app: one factory (`make_app`) for the CLI and the tests."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from rich.table import Table
from rich.text import Text
from textual import work
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Footer, Header, Static

from pmo.store.cache import LoadCache, cache_dir
from pmo.tui.loading import Failed, Loaded, load
from pmo.tui.views_q1 import ViewCommands
from pmo.tui.watch import Watcher

if TYPE_CHECKING:
    from pmo.tui.actions import Place
    from pmo.tui.dashboard import DashboardState


class ProgrammeCommands(Provider):
    """Command palette: jump to any programme by name or id."""

    def _items(self) -> list[tuple[str, str]]:
        app = self.app
        if not isinstance(app, PmoApp) or app.loaded is None:
            return []
        return [(pid, f"{p.name} ({pid})") for pid, p in app.loaded.data.programmes.items()]

    async def discover(self) -> Hits:
        app = self.app
        for pid, text in self._items():
            if isinstance(app, PmoApp):
                yield DiscoveryHit(text, partial(app.open_programme, pid), help="Open programme")

    async def search(self, query: str) -> Hits:
        app = self.app
        matcher = self.matcher(query)
        for pid, text in self._items():
            score = matcher.match(text)
            if score > 0 and isinstance(app, PmoApp):
                yield Hit(
                    score,
                    matcher.highlight(text),
                    partial(app.open_programme, pid),
                    help="Open programme",
                )


def binding_rows(classes: Iterable[type[App[None] | Screen[None]]]) -> list[tuple[str, str]]:
    """(key, description) for every declared binding of ``classes``."""
    rows: list[tuple[str, str]] = []
    for cls in classes:
        for item in cls.BINDINGS:
            if isinstance(item, Binding):
                what = item.tooltip or item.description or item.action
                rows.append((item.key_display or item.key, what))
    return rows


class HelpScreen(ModalScreen[None]):
    """Every key binding of the app and its screens."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss", "Close help", id="help.close"),
        Binding(
            "question_mark", "dismiss", "Close help", key_display="?", show=False, id="help.toggle"
        ),
    ]

    def compose(self) -> ComposeResult:
        from pmo.tui.dashboard import DashboardScreen
        from pmo.tui.programme import ProgrammeScreen

        table = Table(box=None, show_header=True, header_style="bold")
        table.add_column("Key", style="bold cyan", no_wrap=True)
        table.add_column("What it does")
        sections: list[tuple[str, type[App[None] | Screen[None]]]] = [
            ("Everywhere", PmoApp),
            ("Dashboard", DashboardScreen),
            ("Programme", ProgrammeScreen),
            ("Help", HelpScreen),
        ]
        for title, cls in sections:
            table.add_row(Text(title, style="bold underline"), "")
            for key, what in binding_rows([cls]):
                table.add_row(key, what)
            if title == "Everywhere":
                table.add_row("ctrl+p", "Command palette: jump to a programme")
        with VerticalScroll(id="help-box"):
            yield Static(table, id="help-body")

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(result)


class ErrorScreen(Screen[None]):
    """The portfolio cannot be shown: the problems, instead of a crash."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "app.quit", "Quit", id="error.quit"),
    ]

    def __init__(self, failed: Failed) -> None:
        super().__init__()
        self.failed = failed

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(f"Cannot show the portfolio at {self.failed.root}", id="error-title")
        with VerticalScroll(id="error-lines"):
            yield Static(Text("\n".join(self.failed.lines)))
            yield Static(Text(f"\nRun `pmo validate {self.failed.root}` for every problem."))
        yield Footer()


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
        self.watcher = Watcher(self, watch_interval) if watch_interval else None
        self.report_out = Path("reports")  # where `R` writes, as `pmo report`'s default --out
        self.place: Place | None = None
        """Where the user was when a reload failed: recovery returns there."""

    def compose(self) -> ComposeResult:
        yield Header()
        # A line of text, not an animation: a spinner redrawn 60 times a second would take
        # the interpreter from the worker that is loading.
        with Vertical(id="loading-box"):
            yield Static(f"Loading {self.portfolio} …", id="loading-title")
            yield Static("", id="loading-step")
        yield Footer()

    def on_mount(self) -> None:
        self.load_portfolio()
        if self.watcher is not None:
            self.watcher.start()

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
                line.update(f"{what} …")

    def after_load(self) -> None:
        """Write the load cache if it changed (in the load's worker, after the result is shown)."""
        if self.cache is not None:
            with self.cache_lock:
                self.cache.save()

    def settle_memory(self) -> None:
        """Exempt everything alive (data, answers, screens) from later garbage collections.

        On a 1,000-programme portfolio each full collection otherwise re-scanned all of it,
        stalling the UI for 120-140 ms every few seconds while scrolling. After a reload,
        what the previous load left behind is collected first (once, while the new dashboard
        appears).
        """
        if self.settled:
            gc.unfreeze()
            gc.collect()
        gc.freeze()
        self.settled = True

    def show_result(self, result: Loaded | Failed, state: DashboardState | None = None) -> None:
        """The dashboard (with ``state``: its sort and filters), or the error screen."""
        from pmo.tui.dashboard import DashboardScreen

        if isinstance(result, Failed):
            self.failed = result
            self.push_screen(ErrorScreen(result))
            return
        self.loaded = result
        self.sub_title = f"{result.answers.portfolio} — {result.period}"
        self.push_screen(DashboardScreen(result, state))
        self.call_after_refresh(self.settle_memory)
        if result.left_out:
            self.notify(
                "; ".join(result.left_out) + f" — run `pmo validate {result.root}`",
                severity="warning",
                timeout=10,
            )

    def open_programme(self, programme_id: str) -> None:
        """Show one programme's screen (from the dashboard or the command palette)."""
        from pmo.tui.programme import ProgrammeScreen

        if self.loaded is None or programme_id not in self.loaded.data.programmes:
            return
        if isinstance(self.screen, ProgrammeScreen):
            self.pop_screen()
        self.push_screen(ProgrammeScreen(self.loaded, programme_id))

    def reload(self) -> None:
        """Read the portfolio again (after an edit), keeping the screen that is open."""
        from pmo.tui.actions import reload

        if self.watcher is not None:
            self.watcher.rebase = True
        reload(self)

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())


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
