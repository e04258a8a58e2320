"""Confirming a write: a dialog that says what will be written and where, and the `d` plan."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from pmo.analysis.periods import next_period
from pmo.present.terminal import safe
from pmo.store.edit import latest_update_before
from pmo.store.paths import update_file
from pmo.tui.loading import Loaded, shown


class ConfirmWrite(ModalScreen[bool]):
    """What a write will do, and where; True only on an explicit yes (`y`, Ctrl+S, the button).

    Cancel has the focus, so an Enter pressed by habit writes nothing.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "confirm", "Write", id="confirm.yes"),
        Binding("ctrl+s", "confirm", "Write", show=False, priority=True, id="confirm.save"),
        Binding("n,escape", "cancel", "Cancel", id="confirm.no"),
    ]

    def __init__(self, title: str, body: RenderableType, yes: str) -> None:
        super().__init__()
        self.title_text = title
        self.body = body
        self.yes = yes

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-box"):
            yield Static(Text(self.title_text, style="bold"), id="confirm-title")
            yield Static(self.body, id="confirm-body")
            with Horizontal(id="confirm-buttons"):
                yield Button(f"{self.yes} (y)", variant="primary", id="confirm-yes")
                yield Button("Cancel (n, Esc)", id="confirm-no")

    def on_mount(self) -> None:
        self.query_one("#confirm-no", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "confirm-yes")

    def action_confirm(self) -> None:
        self.dismiss(True)

    def action_cancel(self) -> None:
        self.dismiss(False)


@dataclass(frozen=True, slots=True)
class DraftPlan:
    """What `d` would write: a draft update of one programme for one period."""

    programme_id: str
    name: str
    period: str
    path: Path
    source: str | None
    """The period copied from (None: no earlier update, a commented template)."""


def plan_draft(loaded: Loaded, programme_id: str) -> DraftPlan | str:
    """The reporting period's update when it has no file, else next month's; never beyond.

    A string says why there is nothing to draft.
    """
    name = loaded.data.name_of(programme_id)
    if programme_id not in loaded.data.programmes:
        return f"{name}: programme.yaml cannot be read; fix it first (v lists the problems)"
    period = loaded.period
    following = next_period(period)
    for candidate in (period, following):
        try:
            path = update_file(loaded.root, programme_id, candidate)
        except ValueError as exc:
            return str(exc)
        if not path.exists() and not path.is_symlink():
            source = latest_update_before(loaded.root, programme_id, candidate)
            return DraftPlan(programme_id, name, candidate, path, source.stem if source else None)
    return (
        f"{name} already has files for {period} and {following}: nothing to draft "
        f"(a draft is for the reporting month or the next, never beyond)"
    )


def draft_body(plan: DraftPlan, today: str) -> RenderableType:
    """The confirmation's text: the file, what goes in it and what the mark means (the
    indented lines keep their indent when they wrap)."""
    where = safe(shown(plan.path), newlines=False)
    if plan.source is None:
        what = (
            "a commented template (no earlier update to copy): TODO placeholders and a "
            "placeholder rating for the manager to replace"
        )
    else:
        what = (
            f"a copy of the {plan.source} update: ratings, summary, path to green and finance "
            "carried; achievements, next steps, decisions and measurements emptied; the PMO's "
            "assurance not copied"
        )
    return Group(
        Text.assemble("Writes a new file ", (where, "bold"), ":"),
        indented(Text(f"{what}; submitted {today};")),
        indented(
            Text.assemble(
                "marked ",
                ("status: draft", "bold"),
                " — left out of every figure until the manager deletes that line.",
            )
        ),
        Text("Nothing is written unless you press y."),
    )


def indented(text: Text, by: int = 2) -> Padding:
    """``text`` indented by ``by`` cells, its wrapped lines too."""
    return Padding(text, (0, 0, 0, by))
