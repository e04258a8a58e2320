"""PMO actions: the assurance form, problems as lines, opening a file in $EDITOR."""

from __future__ import annotations

import os
import shlex
import subprocess
from pathlib import Path
from typing import Any, ClassVar

from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Select, Static

from pmo import clock
from pmo.model.types import FIVE_POINT, THREE_POINT
from pmo.present.terminal import safe, shorten
from pmo.problem import Problem
from pmo.store.edit import EditResult, record_assurance
from pmo.store.paths import update_file
from pmo.store.write import FileStamp, file_stamp
from pmo.tui.loading import Loaded, shown


def problem_lines(problems: list[Problem]) -> str:
    """Problems as lines a person can act on (terminal-safe: show them as plain Text)."""
    return "\n".join(safe(p.render(shown(p.file))) for p in problems)


class AssuranceForm(ModalScreen[EditResult | None]):
    """The PMO's rating and note for one programme's update.

    Nothing is chosen at first; a note is required when the rating differs from the
    self-assessment; the form says what it will write and where, and writes only on an
    explicit Save (the button or Ctrl+S) — Enter in a field never saves.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="assurance.cancel"),
        Binding("ctrl+s", "save", "Save", priority=True, id="assurance.save"),
    ]

    def __init__(
        self,
        root: Path,
        programme_id: str,
        name: str,
        period: str,
        rags: tuple[str, ...],
        self_assessed: str | None,
        stamp: FileStamp | None,
    ) -> None:
        super().__init__()
        self.root = root
        self.programme_id = programme_id
        self.programme_name = name
        """The programme's name, for people (the id stays internal)."""
        self.period = period
        self.rags = rags
        self.self_assessed = self_assessed
        self.stamp = stamp
        self.path = update_file(root, programme_id, period)
        self.error = ""
        """Why the last attempt was refused (shown in the form)."""

    def compose(self) -> ComposeResult:
        with Vertical(id="assurance-box"):
            yield Static(
                Text(f"PMO assurance — {safe(self.programme_name, newlines=False)}, {self.period}"),
                id="assurance-title",
            )
            yield Static(
                Text(f"Self-assessed: {safe(self.self_assessed or 'not rated')}"),
                id="assurance-self",
            )
            yield Select(
                [(r, r) for r in self.rags],
                prompt="Choose the PMO's rating",
                allow_blank=True,
                value=Select.NULL,
                id="assurance-rag",
            )
            yield Input(placeholder="Why the PMO rates it so", id="assurance-note")
            yield Static(self.preview(), id="assurance-preview")
            yield Static("", id="assurance-problems")
            with Horizontal(id="assurance-buttons"):
                yield Button("Save (Ctrl+S)", variant="primary", id="assurance-save")
                yield Button("Cancel", id="assurance-cancel")

    def on_mount(self) -> None:
        self.query_one("#assurance-note", Input).focus()

    def chosen(self) -> tuple[str | None, str]:
        """The rating chosen (None: none yet) and the note."""
        value = self.query_one("#assurance-rag", Select).value
        note = self.query_one("#assurance-note", Input).value.strip()
        return (value if isinstance(value, str) else None), note

    def preview(self) -> Text:
        """What Save will write, and into which file."""
        where = safe(shown(self.path), newlines=False)
        if not self.is_mounted:
            return Text(f"Save writes the PMO's assurance into {where}", style="dim")
        rag, note = self.chosen()
        return Text(
            f"Save writes into {where}:\n  assurance: rag {rag or '(none chosen)'}, "
            f"note {safe(repr(note), newlines=False)}, by PMO, date {clock.today()}",
            style="dim",
        )

    def on_select_changed(self, event: Select.Changed) -> None:
        self.changed()

    def on_input_changed(self, event: Input.Changed) -> None:
        self.changed()

    def changed(self) -> None:
        """A new rating or note: the preview says it, and the last refusal no longer holds."""
        self.query_one("#assurance-preview", Static).update(self.preview())
        if self.error:
            self.show_error("")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "assurance-save":
            self.save()
        else:
            self.dismiss(None)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter never saves: say how to."""
        event.stop()
        self.show_error("Enter does not save: press Ctrl+S or the Save button.")

    def action_cancel(self) -> None:
        self.dismiss(None)

    def action_save(self) -> None:
        self.save()

    def show_error(self, text: str) -> None:
        self.error = text
        self.query_one("#assurance-problems", Static).update(Text(text))

    def save(self) -> None:
        """Record the assurance; close on success, else show why (nothing written)."""
        rag, note = self.chosen()
        if rag is None:
            self.show_error("Not recorded: choose the PMO's rating first.")
            return
        if rag != self.self_assessed and not note:
            self.show_error(
                f"Not recorded: the rating differs from the self-assessment "
                f"({safe(self.self_assessed or 'not rated')}); a note saying why is required."
            )
            return
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
        self.show_error(f"Not recorded:\n{lines}")


def assurance_form(loaded: Loaded, programme_id: str) -> AssuranceForm | str:
    """The assurance form for the programme's update of the period, or why there is none."""
    period = loaded.period
    update = loaded.data.update(programme_id, period)
    if update is None:
        return f"{loaded.data.name_of(programme_id)} has no update for {period} to assure"
    path = update_file(loaded.root, programme_id, period)
    five = loaded.data.config.rag_scale == "five-point"
    rags = FIVE_POINT if five else THREE_POINT
    return AssuranceForm(
        loaded.root,
        programme_id,
        loaded.data.name_of(programme_id),
        period,
        rags,
        update.rag.overall,
        file_stamp(path),
    )


def editor_command(editor: str, path: Path, line: int) -> list[str]:
    """The command that opens ``path`` at ``line`` in ``editor`` ($EDITOR, may have options)."""
    parts = shlex.split(editor)
    line = max(line, 1)
    if parts and Path(parts[0]).name in ("code", "code-insiders"):
        return [*parts, "-g", f"{path}:{line}"]
    return [*parts, f"+{line}", str(path)]


def open_in_editor(app: App[Any], path: Path, line: int) -> bool:
    """Open ``path`` at ``line`` in $EDITOR (the UI suspended); else say where. True if opened."""
    editor = os.environ.get("EDITOR")
    where = f"{shorten(shown(path), 200)}:{max(line, 1)}"
    if not editor:
        app.notify(f"{where} (set $EDITOR to open it from here)", markup=False)
        return False
    command = editor_command(editor, path, line)
    try:
        with app.suspend():
            subprocess.run(command, check=False)
    except Exception as exc:  # suspend unsupported (headless, web) or editor not found
        app.notify(f"Cannot open {where}: {shorten(str(exc), 200)}", severity="error", markup=False)
        return False
    return True
