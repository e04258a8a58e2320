"""The risk heatmap: a 5x5 likelihood x impact grid; Enter on a cell lists its risks."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.coordinate import Coordinate
from textual.widgets import DataTable, Header, Static

from pmo.analysis.q1_risk import RiskExposure, RiskProfile
from pmo.present.words import plural, recorded
from pmo.tui.cells import recorded_cell, score_style, user
from pmo.tui.footer import QuietFooter
from pmo.tui.view_base import Legend, ViewScreen, new_table

IMPACTS = (5, 4, 3, 2, 1)  # rows, top to bottom
LIKELIHOODS = (1, 2, 3, 4, 5)  # columns, left to right


def cell_at(coordinate: Coordinate) -> tuple[int, int]:
    """(likelihood, impact) of a grid coordinate (column 0 is the impact label)."""
    return LIKELIHOODS[max(coordinate.column - 1, 0)], IMPACTS[coordinate.row]


def open_risks(profile: RiskProfile) -> str:
    """'3 open risks', '1 open risk'; 'no risks recorded' when no live programme has any."""
    if not profile.recorded:
        return "no risks recorded"
    return plural(len(profile.risks), "open risk")


class RiskHeatmapScreen(ViewScreen):
    """Open risks of the live portfolio by residual likelihood and impact."""

    TAB_FOR: ClassVar[dict[str, str]] = {"risk-cell": "risks"}
    LEGEND: ClassVar[Legend] = (
        ("red cell", "score (likelihood × impact) at or over the escalation score"),
        ("amber cell", "score 8 up to the escalation score; green below 8"),
        ("·", "no risks in that cell"),
        ("Enter on a cell", "lists its risks below; Tab moves to the list"),
        ("Enter on a risk", "opens its programme's Risks tab on it"),
    )

    def compose(self) -> ComposeResult:
        profile = self.loaded.answers.q1.risks
        yield Header()
        yield Static(
            Text(
                f"Risk heatmap — {open_risks(profile)}, escalate at {profile.escalate_at}"
                " (arrows move, Enter lists a cell's risks, Tab then Enter opens one)",
                style="bold",
            ),
            id="view-title",
        )
        yield new_table(
            "risk-grid", "Impact ↓ / Likelihood →", *(str(n) for n in LIKELIHOODS), cursor="cell"
        )
        yield Static("", id="risk-cell-title")
        yield new_table(
            "risk-cell",
            "Programme",
            "Title",
            "Owner",
            "Score",
            "Category",
            widths={0: 34, 1: 50, 2: 28},
        )
        yield Static("", id="detail-risk-cell", classes="detail")
        yield QuietFooter()

    def on_mount(self) -> None:
        profile = self.loaded.answers.q1.risks
        grid = self.query_one("#risk-grid", DataTable)
        for impact in IMPACTS:
            cells: list[str | Text] = [Text(f"impact {impact}", style="bold")]
            for likelihood in LIKELIHOODS:
                count = profile.grid[impact - 1][likelihood - 1]
                style = score_style(likelihood * impact, profile.escalate_at)
                label = f"{count:^9}" if count else f"{'·':^9}"
                cells.append(Text(label, style=style))
            grid.add_row(*cells, key=str(impact), height=2)
        grid.cursor_coordinate = Coordinate(1, 4)  # impact 4, likelihood 4
        self.show_cell(4, 4)
        grid.focus()

    def risks_in(self, likelihood: int, impact: int) -> list[RiskExposure]:
        """The risks in one cell, highest score first then programme."""
        rows = [
            r
            for r in self.loaded.answers.q1.risks.risks
            if r.likelihood == likelihood and r.impact == impact
        ]
        return sorted(rows, key=lambda r: (-r.score, r.programme, r.risk))

    def show_cell(self, likelihood: int, impact: int) -> None:
        """List the risks of one cell below the grid."""
        rows = self.risks_in(likelihood, impact)
        names = {pid: p.name for pid, p in self.loaded.data.programmes.items()}
        title = self.query_one("#risk-cell-title", Static)
        title.update(
            Text(
                f"Likelihood {likelihood} × impact {impact}: {plural(len(rows), 'risk')}",
                style="bold",
            )
        )
        table = self.query_one("#risk-cell", DataTable)
        table.clear()
        for r in rows:
            table.add_row(
                user(names.get(r.programme, r.programme), cut=True),
                user(r.title, cut=True),
                recorded_cell(r.owner, cut=True),
                Text(
                    str(r.score),
                    style=score_style(r.score, self.loaded.answers.q1.risks.escalate_at),
                ),
                recorded_cell(r.category),
                key=f"{r.programme}/{r.risk}",
            )
            self.details[f"{r.programme}/{r.risk}"] = user(
                f"{names.get(r.programme, r.programme)} — {r.title} (owner {recorded(r.owner)})"
            )

    def on_data_table_cell_selected(self, event: DataTable.CellSelected) -> None:
        if event.data_table.id != "risk-grid" or event.coordinate.column == 0:
            return
        self.open_cell("risk-grid", event.coordinate.row, event.coordinate.column)

    def open_cell(self, grid: str, row: int, column: int) -> None:
        """List the risks of the grid's cell at (``row``, ``column``) below it."""
        if grid == "risk-grid" and 0 <= row < len(IMPACTS) and 0 < column <= len(LIKELIHOODS):
            self.opened[grid] = (row, column)
            self.show_cell(*cell_at(Coordinate(row, column)))
