"""The writes `d` and `R` make from the UI: each says what and where first, writes only on y."""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from textual.app import App

from pmo import clock
from pmo.present.terminal import safe, shorten
from pmo.store.edit import draft_update
from pmo.tui.actions import open_in_editor, problem_lines
from pmo.tui.confirm import ConfirmWrite, DraftPlan, draft_body, plan_draft
from pmo.tui.loading import Loaded, shown
from pmo.tui.report_action import generate_report, report_body


def ask_draft(app: App[Any], loaded: Loaded, programme_id: str, reload: Callable[[], None]) -> None:
    """Say what `d` would write and where; write only when the officer confirms (then
    ``reload``)."""
    plan = plan_draft(loaded, programme_id)
    if isinstance(plan, str):
        app.notify(shorten(plan, 300), severity="warning", markup=False)
        return
    today = clock.today()
    title = safe(f"Draft the {plan.period} update of {plan.name}?", newlines=False)

    def done(confirmed: bool | None) -> None:
        if confirmed:
            write_draft(app, loaded.root, plan, today, reload)

    app.push_screen(ConfirmWrite(title, draft_body(plan, today.isoformat()), "Write draft"), done)


def write_draft(
    app: App[Any], root: Path, plan: DraftPlan, today: date, reload: Callable[[], None]
) -> None:
    """Write the confirmed draft; say where (or why not); open it in $EDITOR when set."""
    result = draft_update(root, plan.programme_id, plan.period, today=today, draft=True)
    if not result.written:
        lines = problem_lines(result.problems) or "nothing written"
        app.notify(
            f"Cannot draft {plan.period}: {lines}", severity="error", timeout=10, markup=False
        )
        return
    app.notify(
        f"Drafted {shorten(shown(result.path), 200)} (status: draft: not counted yet)",
        markup=False,
    )
    if os.environ.get("EDITOR"):
        open_in_editor(app, result.path, 1)
    reload()


def ask_report(app: App[Any], root: Path, period: str, out: Path) -> None:
    """Say what `R` would write and where (replacing last run's files); write on y."""

    def done(confirmed: bool | None) -> None:
        if confirmed:
            generate_report(app, root, period, out)

    title = f"Write the DMT report for {period}?"
    app.push_screen(ConfirmWrite(title, report_body(out, period), "Write report"), done)
