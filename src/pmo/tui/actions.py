"""PMO actions from the UI: record assurance, draft next month's update, open a file in $EDITOR."""

from __future__ import annotations

import os
import shlex
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Select, Static

from pmo import clock
from pmo.analysis.periods import next_period
from pmo.model.types import FIVE_POINT, THREE_POINT
from pmo.problem import Problem
from pmo.store.edit import EditResult, draft_update, record_assurance
from pmo.store.paths import update_file
from pmo.store.write import file_stamp
from pmo.tui.loading import Failed, Loaded, shown

if TYPE_CHECKING:
    from pmo.tui.app import PmoApp
    from pmo.tui.dashboard import DashboardState

Stamp = tuple[int, int]


def problem_lines(problems: list[Problem]) -> str:
    """Problems as lines a person can act on."""
    return "\n".join(p.render(shown(p.file)) for p in problems)


class AssuranceForm(ModalScreen[EditResult | None]):
    """The PMO's rating and note for one programme's update."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="assurance.cancel"),
    ]

    def __init__(
        self,
        root: Path,
        programme_id: str,
        period: str,
        rags: tuple[str, ...],
        current: str | None,
        stamp: Stamp | None,
    ) -> None:
        super().__init__()
        self.root = root
        self.programme_id = programme_id
        self.period = period
        self.rags = rags
        self.current = current if current in rags else None
        self.stamp = stamp
        self.error = ""
        """Why the last attempt was refused (shown in the form)."""

    def compose(self) -> ComposeResult:
        with Vertical(id="assurance-box"):
            yield Static(
                f"PMO assurance — {self.programme_id}, {self.period}", id="assurance-title"
            )
            yield Select(
                [(r, r) for r in self.rags],
                allow_blank=False,
                value=self.current or self.rags[0],
                id="assurance-rag",
            )
            yield Input(placeholder="Why the PMO rates it so", id="assurance-note")
            yield Static("", id="assurance-problems")
            with Horizontal(id="assurance-buttons"):
                yield Button("Record", variant="primary", id="assurance-save")
                yield Button("Cancel", id="assurance-cancel")

    def on_mount(self) -> None:
        self.query_one("#assurance-note", Input).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "assurance-save":
            self.save()
        else:
            self.dismiss(None)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.save()

    def action_cancel(self) -> None:
        self.dismiss(None)

    def save(self) -> None:
        """Record the assurance; close on success, else show why (nothing written)."""
        value = self.query_one("#assurance-rag", Select).value
        rag = value if isinstance(value, str) else self.rags[0]
        note = self.query_one("#assurance-note", Input).value.strip()
        result = record_assurance(
            self.root,
            self.programme_id,
            self.period,
            rag,
            note,
            by="PMO",
            on=clock.today(),
            expect=self.stamp,
        )
        if result.written:
            self.dismiss(result)
            return
        lines = problem_lines(result.problems) or "nothing written"
        self.error = f"Not recorded:\n{lines}"
        self.query_one("#assurance-problems", Static).update(self.error)


def open_assurance(app: PmoApp, programme_id: str) -> None:
    """The assurance form for the programme's update of the app's period (if it has one)."""
    loaded = app.loaded
    if loaded is None:
        return
    period = loaded.period
    update = loaded.data.update(programme_id, period)
    if update is None:
        app.notify(f"{programme_id} has no update for {period} to assure", severity="warning")
        return
    path = update_file(loaded.root, programme_id, period)
    five = loaded.data.config.rag_scale == "five-point"
    rags = FIVE_POINT if five else THREE_POINT
    current = update.assurance.rag if update.assurance else None

    def done(result: EditResult | None) -> None:
        if result is not None and result.written:
            app.notify(f"Assurance recorded in {shown(result.path)}")
            app.reload()

    form = AssuranceForm(loaded.root, programme_id, period, rags, current, file_stamp(path))
    app.push_screen(form, done)


def draft_next(app: PmoApp, programme_id: str) -> None:
    """Draft the update after the programme's latest one (or for the app's period)."""
    loaded = app.loaded
    if loaded is None:
        return
    periods = list(loaded.data.updates_of(programme_id))
    period = next_period(max(periods)) if periods else loaded.period
    result = draft_update(loaded.root, programme_id, period, today=clock.today())
    if not result.written:
        lines = problem_lines(result.problems) or "nothing written"
        app.notify(f"Cannot draft {period}: {lines}", severity="error", timeout=10)
        return
    app.notify(f"Drafted {shown(result.path)}")
    if os.environ.get("EDITOR"):
        open_in_editor(app, result.path, 1)
    else:
        app.reload()


def editor_command(editor: str, path: Path, line: int) -> list[str]:
    """The command that opens ``path`` at ``line`` in ``editor`` ($EDITOR, may have options)."""
    parts = shlex.split(editor)
    line = max(line, 1)
    if parts and Path(parts[0]).name in ("code", "code-insiders"):
        return [*parts, "-g", f"{path}:{line}"]
    return [*parts, f"+{line}", str(path)]


def open_in_editor(app: PmoApp, path: Path, line: int) -> None:
    """Open ``path`` at ``line`` in $EDITOR (the UI suspended), then reload; else say where."""
    editor = os.environ.get("EDITOR")
    if not editor:
        app.notify(f"{shown(path)}:{max(line, 1)} (set $EDITOR to open it from here)")
        return
    command = editor_command(editor, path, line)
    try:
        with app.suspend():
            subprocess.run(command, check=False)
    except Exception as exc:  # suspend unsupported (headless, web) or editor not found
        app.notify(f"Cannot open {shown(path)}:{line}: {exc}", severity="error")
        return
    app.reload()


@dataclass(frozen=True, slots=True)
class Place:
    """Where the user is: open programme or quality view; the dashboard's sort, filters."""

    programme: str | None = None
    quality: bool = False
    dashboard: DashboardState | None = None


def place_of(app: PmoApp) -> Place:
    """The user's place now; on the error screen, the place before the error (if known)."""
    from pmo.tui.app import ErrorScreen
    from pmo.tui.dashboard import DashboardScreen
    from pmo.tui.programme import ProgrammeScreen
    from pmo.tui.quality import QualityScreen

    screen = app.screen
    if isinstance(screen, ErrorScreen):
        return app.place or Place()
    dashboards = [s for s in app.screen_stack if isinstance(s, DashboardScreen)]
    return Place(
        programme=screen.programme_id if isinstance(screen, ProgrammeScreen) else None,
        quality=isinstance(screen, QualityScreen),
        dashboard=dashboards[-1].state if dashboards else None,
    )


def reload(app: PmoApp) -> None:
    """Read the portfolio again and show it, keeping the user's place (see ``Place``)."""
    place = place_of(app)
    period = app.loaded.period if app.loaded is not None else app.period

    def work() -> None:
        result = app.read_portfolio(period)
        app.call_from_thread(_show, app, result, place)
        app.after_load()

    app.run_worker(work, thread=True, exclusive=True, group="load")


def _show(app: PmoApp, result: Loaded | Failed, place: Place) -> None:
    from pmo.tui.quality import QualityScreen

    while len(app.screen_stack) > 1:
        app.pop_screen()
    if isinstance(result, Failed):
        app.place = place  # a fix brings the user back here
        app.show_result(result)
        return
    app.place = None
    app.show_result(result, place.dashboard)
    if place.programme is not None:
        app.open_programme(place.programme)
    elif place.quality:
        app.push_screen(QualityScreen(result))
