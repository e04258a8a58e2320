"""Q2 portfolio view: the RAG grid, the exceptions and milestone slippage."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import DataTable, Footer, Header, Static, TabbedContent, TabPane

from pmo.present.numbers import DASH
from pmo.tui.cells import opt, rag, user
from pmo.tui.view_base import ViewScreen, new_table

DIMENSIONS = ("schedule", "cost", "scope", "resources", "risks", "benefits")


def days(value: int | None) -> Text:
    """A slip in days, red when late."""
    if value is None:
        return Text(DASH, style="dim")
    return Text(f"{value:+d}", style="bold red" if value > 0 else "")


class Q2Screen(ViewScreen):
    """Q2: are we doing them right?"""

    def compose(self) -> ComposeResult:
        q2 = self.loaded.answers.q2
        yield Header()
        yield Static(Text(f"Q2 — doing them right? ({q2.period})", style="bold"), id="view-title")
        with TabbedContent(initial="q2-grid", id="q2-tabs"):
            with TabPane("RAG grid", id="q2-grid"):
                yield new_table(
                    "rag-grid", "Programme", "Status", "Overall", *(d.title() for d in DIMENSIONS)
                )
            with TabPane("Exceptions", id="q2-exceptions"):
                yield new_table(
                    "exceptions", "Programme", "Kind", "Rating", "Detail", widths={0: 36}
                )
            with TabPane("Slippage", id="q2-slippage"):
                yield new_table(
                    "slippage",
                    "Programme",
                    "Milestone",
                    "Key",
                    "Baseline",
                    "Current",
                    "Forecast",
                    "Actual",
                    "vs baseline",
                    "vs current",
                    "Re-baselined",
                    "Due",
                    widths={0: 26, 1: 34},
                )
        yield Footer()

    def on_mount(self) -> None:
        q2 = self.loaded.answers.q2
        names = {pid: p.name for pid, p in self.loaded.data.programmes.items()}
        grid = self.query_one("#rag-grid", DataTable)
        for row in q2.grid:
            grid.add_row(
                user(row.name, cut=True),
                rag(row.status),
                rag(row.overall),
                *(rag(getattr(row, d)) for d in DIMENSIONS),
                key=row.programme,
            )
        exc = self.query_one("#exceptions", DataTable)
        for r in q2.exceptions.ratings:
            detail = f"path to green: {r.path_to_green or DASH}"
            exc.add_row(user(r.name, cut=True), Text("rating"), rag(r.overall), user(detail))
        for a in q2.exceptions.amber_runs:
            exc.add_row(
                user(a.name, cut=True),
                Text("amber run"),
                rag("amber"),
                Text(f"{a.months} months since {a.since}"),
            )
        for d in q2.exceptions.assurance:
            exc.add_row(
                user(d.name, cut=True),
                Text("assurance"),
                rag(d.assurance),
                user(f"self-assessed {d.self_assessed}" + (f": {d.note}" if d.note else "")),
            )
        for ev in q2.evidence:
            for flag in ev.flags:
                label = "evidence ⚠" if ev.watermelon else "evidence"
                exc.add_row(
                    user(ev.name, cut=True),
                    Text(label),
                    rag(ev.status),
                    user(f"{flag.kind}: {flag.reason}"),
                )
        slip = self.query_one("#slippage", DataTable)
        for m in q2.milestones:
            due = Text(m.due or "", style="bold red" if m.due == "missed" else "green")
            slip.add_row(
                user(names.get(m.programme, m.programme), cut=True),
                user(m.title, cut=True),
                Text("★" if m.key else ""),
                Text(m.baseline.isoformat()),
                opt(m.current),
                opt(m.forecast),
                opt(m.actual),
                days(m.slip_vs_baseline),
                days(m.slip_vs_current),
                Text("yes" if m.rebaselined else ""),
                due,
            )
        grid.focus()
