"""Q1 portfolio view: coverage, priority, affordability, the capacity heatmap and the scenario."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import DataTable, Footer, Header, Static, TabbedContent, TabPane

from pmo.analysis.q1_resources import CapacityCell
from pmo.present.numbers import DASH, fte, money, pct
from pmo.tui.cells import money_cell, user, utilisation_style
from pmo.tui.view_base import ViewScreen, new_table
from pmo.tui.views_scenario import ScenarioPane

CONTRIBUTION = {0: "", 1: "·", 2: "●", 3: "●●●"}


def capacity_cell(cell: CapacityCell | None) -> Text:
    """A heatmap cell: the utilisation % on its colour."""
    if cell is None:
        return Text(DASH, style="dim")
    if cell.utilisation is None:
        label = f"{fte(cell.total)} / 0" if cell.total else DASH
        return Text(f" {label} ", style=utilisation_style(None))
    return Text(f" {pct(cell.utilisation * 100)} ", style=utilisation_style(cell.utilisation))


class Q1Screen(ViewScreen):
    """Q1: are we doing the right things, and can we afford and staff them?"""

    def compose(self) -> ComposeResult:
        q1 = self.loaded.answers.q1
        yield Header()
        yield Static(Text(f"Q1 — the right things? ({q1.period})", style="bold"), id="view-title")
        with TabbedContent(initial="q1-capacity", id="q1-tabs"):
            with TabPane("Coverage", id="q1-coverage"):
                yield new_table("coverage", "Programme")
            with TabPane("Priority", id="q1-priority"):
                yield new_table(
                    "priority", "#", "Programme", "Score", "Attract.", "Achiev.", "Funded", "Stage"
                )
            with TabPane("Affordability", id="q1-affordability"):
                yield new_table(
                    "affordability",
                    "FY",
                    "Envelope",
                    "Committed",
                    "Pipeline",
                    "Headroom",
                    "After pipeline",
                    "Savings target",
                    "Savings committed",
                    "Savings gap",
                )
            with TabPane("Capacity", id="q1-capacity"):
                yield new_table("capacity-heatmap", "Role", *q1.capacity.months, cursor="cell")
                yield Static(
                    Text.assemble(
                        ("  <85% ", "bold black on green"),
                        " ",
                        (" 85–100% ", "bold black on yellow"),
                        " ",
                        (" >100% ", "bold white on red"),
                        "  utilisation = all demand (pipeline included) / capacity",
                    ),
                    id="capacity-legend",
                )
            with TabPane("Scenario", id="q1-scenario"):
                yield ScenarioPane(self.loaded)
        yield Footer()

    def on_mount(self) -> None:
        q1 = self.loaded.answers.q1
        names = {pid: p.name for pid, p in self.loaded.data.programmes.items()}
        coverage = self.query_one("#coverage", DataTable)
        for objective in q1.coverage.objectives:
            coverage.add_column(user(objective.objective, cut=True))
        for j, pid in enumerate(q1.coverage.programmes):
            cells = [Text(CONTRIBUTION.get(row[j], str(row[j]))) for row in q1.coverage.matrix]
            coverage.add_row(user(names.get(pid, pid), cut=True), *cells, key=pid)
        flags = [
            user(o.flag or f"{o.total}", style="bold red" if o.flag else "dim")
            for o in q1.coverage.objectives
        ]
        coverage.add_row(Text("coverage (flag / total)", style="italic"), *flags)
        priority = self.query_one("#priority", DataTable)
        for p in q1.priority:
            priority.add_row(
                Text(str(p.rank)),
                user(p.name, cut=True),
                Text(f"{p.score:.2f}"),
                Text(f"{p.attractiveness:.1f}"),
                Text(f"{p.achievability:.1f}"),
                Text("yes" if p.committed else "pipeline"),
                user(p.stage),
                key=p.programme,
            )
        for u in q1.unscored:  # listed apart, never ranked: a missing score is not 0
            priority.add_row(
                Text(DASH, style="dim"),
                user(u.name, cut=True),
                Text("unscored", style="dim"),
                Text(DASH, style="dim"),
                Text(DASH, style="dim"),
                Text("yes" if u.committed else "pipeline"),
                user(u.stage),
                key=u.programme,
            )
        afford = self.query_one("#affordability", DataTable)
        for y in q1.affordability.years:
            afford.add_row(
                Text(y.fy, style="bold" if y.fy == q1.affordability.current_fy else ""),
                Text(money(y.envelope) if y.envelope is not None else "not set"),
                Text(money(y.committed)),
                Text(money(y.pipeline)),
                money_cell(y.headroom, red_below=0),
                money_cell(y.headroom_after_pipeline, red_below=0),
                Text(money(y.savings_target) if y.savings_target is not None else "not set"),
                Text(money(y.savings_committed)),
                Text(money(y.savings_gap), style="bold red" if (y.savings_gap or 0) > 0 else ""),
                key=y.fy,
            )
        heat = self.query_one("#capacity-heatmap", DataTable)
        by_key = {(c.role, c.month): c for c in q1.capacity.cells}
        for role in q1.capacity.roles:
            heat.add_row(
                user(role.role),
                *(capacity_cell(by_key.get((role.role, m))) for m in q1.capacity.months),
                key=role.role,
            )
        heat.focus()
