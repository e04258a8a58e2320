"""Q2 portfolio view: the RAG grid, the exceptions and milestone slippage."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import DataTable, Header, Static, TabbedContent, TabPane

from pmo.present.columns import MILESTONE_HEADERS
from pmo.present.numbers import DASH, days
from pmo.present.words import path_to_green
from pmo.tui.cells import TEXT_STYLE, milestone_forecast_cell, opt, rag, user
from pmo.tui.footer import QuietFooter
from pmo.tui.tables import CELL_PADDING, FLEXIBLE_MINIMUM, ListTable, column_widths
from pmo.tui.updates_tab import SHORT_HEADERS
from pmo.tui.view_base import FIT_MARGIN, Legend, ViewScreen, new_table

DIMENSIONS = ("schedule", "cost", "scope", "resources", "risks", "benefits")
GRID_HEADERS = ("Programme", "Status", "Overall", *(d.title() for d in DIMENSIONS))
SHORT_GRID_HEADERS = (
    "Programme",
    "Status",
    *(SHORT_HEADERS[name] for name in ("overall", *DIMENSIONS)),
)


def slip_cell(value: int | None) -> Text:
    """A slip in days (+45 d late, -3 d early), red when late."""
    if value is None:
        return Text(DASH, style="dim")
    return Text(days(value), style=TEXT_STYLE["red"] if value > 0 else "")


class Q2Screen(ViewScreen):
    """Q2: are we doing them right? Enter on a row opens its programme on the matching tab."""

    TAB_FOR: ClassVar[dict[str, str]] = {
        "rag-grid": "updates",
        "exceptions": "overview",
        "slippage": "milestones",
    }
    LEGEND: ClassVar[Legend] = (
        ("red … green", "the manager's RAG; stale, missing, unreadable: no usable update"),
        ("amber run", "amber (any shade) for three months or more"),
        ("assurance", "the PMO's rating differs from the self-assessment"),
        ("evidence ⚠", "a watermelon: rated green while the evidence disagrees"),
        ("Slip vs original", "days from the original baseline to the actual or forecast"),
        ("Slip vs current", "days from the current (re-planned) baseline; + late, - early"),
        ("★", "a key milestone"),
        (
            "Ovr Sch Cost Scp Res Rsk Ben",
            "RAG grid in a narrow terminal: overall, schedule, cost, scope, resources, risks, "
            "benefits",
        ),
        (
            "R A/R A A/G G",
            "RAG grid in a narrow terminal: red, amber-red, amber, amber-green, green",
        ),
    )
    short_grid: bool | None = None
    """Whether the RAG grid shows short ratings (R, A/G) for a narrow terminal; None: not filled."""

    def compose(self) -> ComposeResult:
        q2 = self.loaded.answers.q2
        yield Header()
        yield Static(Text(f"Q2 — doing them right? ({q2.period})", style="bold"), id="view-title")
        with TabbedContent(initial="q2-grid", id="q2-tabs"):
            with TabPane("RAG grid", id="q2-grid"):
                yield new_table("rag-grid", *GRID_HEADERS)
            with TabPane("Exceptions", id="q2-exceptions"):
                yield new_table("exceptions", "Programme", "Kind", "Rating", "Detail", free=3)
                yield Static("", id="detail-exceptions", classes="detail")
            with TabPane("Slippage", id="q2-slippage"):
                yield new_table(
                    "slippage",
                    "Programme",
                    *MILESTONE_HEADERS,
                    "Re-baselined",
                    "Due this month",
                    widths={0: 26, 1: 34},
                )
        yield QuietFooter()

    def on_mount(self) -> None:
        q2 = self.loaded.answers.q2
        names = {pid: p.name for pid, p in self.loaded.data.programmes.items()}
        grid = self.query_one("#rag-grid", DataTable)
        self.fill_grid(self.grid_is_short())  # before the base class fits and restores
        exc = self.query_one("#exceptions", DataTable)
        rows: list[tuple[str, str, Text, str]] = []
        for r in q2.exceptions.ratings:
            detail = path_to_green(r.path_to_green)
            rows.append((r.programme, "rating", rag(r.overall), detail))
        for a in q2.exceptions.amber_runs:
            rows.append(
                (a.programme, "amber run", rag("amber"), f"{a.months} months since {a.since}")
            )
        for d in q2.exceptions.assurance:
            detail = f"self-assessed {d.self_assessed}" + (f": {d.note}" if d.note else "")
            rows.append((d.programme, "assurance", rag(d.assurance), detail))
        for ev in q2.evidence:
            for flag in ev.flags:
                label = "evidence ⚠" if ev.watermelon else "evidence"
                rows.append((ev.programme, label, rag(ev.status), f"{flag.kind}: {flag.reason}"))
        for n, (pid, kind, rating, detail) in enumerate(rows):
            key = f"{pid}/{n}"
            exc.add_row(
                user(self.loaded.data.name_of(pid), cut=True),
                Text(kind),
                rating,
                user(detail, cut=True),
                key=key,
            )
            self.details[key] = user(f"{self.loaded.data.name_of(pid)} — {kind}: {detail}")
        slip = self.query_one("#slippage", DataTable)
        for m in q2.milestones:
            due = Text(
                m.due or "", style=TEXT_STYLE["red"] if m.due == "missed" else TEXT_STYLE["green"]
            )
            slip.add_row(
                user(names.get(m.programme, m.programme), cut=True),
                user(m.title, cut=True),
                Text("★" if m.key else ""),
                Text(m.baseline.isoformat()),
                opt(m.current or m.baseline),  # not re-baselined: the original stands
                milestone_forecast_cell(m.forecast, m.actual),
                opt(m.actual),
                slip_cell(m.slip_vs_baseline),
                slip_cell(m.slip_vs_current),
                Text("yes" if m.rebaselined else ""),
                due,
                key=f"{m.programme}/{m.milestone}",
            )
        grid.focus()

    def grid_rows(self, short: bool) -> list[tuple[str, list[Text]]]:
        """The RAG grid's rows (programme id, cells): the ratings as words, or ``short``."""
        return [
            (
                row.programme,
                [
                    user(row.name, cut=True),
                    rag(row.status),
                    rag(row.overall, short=short),
                    *(rag(getattr(row, d), short=short) for d in DIMENSIONS),
                ],
            )
            for row in self.loaded.answers.q2.grid
        ]

    def grid_is_short(self) -> bool:
        """Whether the ratings must be shortened for the name to keep its minimum width: at
        80 columns every rating stays on screen, never cut or scrolled off."""
        available = (self.size.width or self.app.size.width) - FIT_MARGIN
        rows = (cells for _, cells in self.grid_rows(short=False))
        needed = column_widths(GRID_HEADERS, rows, {})
        fixed = sum(w + CELL_PADDING for w in needed[1:])
        return fixed + min(FLEXIBLE_MINIMUM, needed[0]) + CELL_PADDING > available

    def fill_grid(self, short: bool) -> None:
        """(Re)fill the RAG grid with words or short ratings, the cursor kept on its row."""
        if short == self.short_grid:
            return
        grid = self.query_one("#rag-grid", ListTable)
        keep = None
        if grid.row_count:
            keep = grid.coordinate_to_cell_key(grid.cursor_coordinate).row_key.value
        self.short_grid = short
        grid.clear(columns=True)
        for title in SHORT_GRID_HEADERS if short else GRID_HEADERS:
            grid.add_column(title)
        for pid, cells in self.grid_rows(short):
            grid.add_row(*cells, key=pid)
        if keep is not None and keep in grid.rows:
            grid.move_cursor(row=grid.get_row_index(keep), animate=False)

    def fit_tables(self) -> None:
        """The RAG grid's ratings as words or letters for the width, then every list fitted."""
        if self.short_grid is not None:
            self.fill_grid(self.grid_is_short())
        super().fit_tables()
