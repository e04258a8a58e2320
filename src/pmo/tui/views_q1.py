"""Q1 portfolio view: coverage, priority, affordability, the capacity heatmap and the scenario."""

from __future__ import annotations

from dataclasses import replace
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import DataTable, Header, Static, TabbedContent, TabPane

from pmo.analysis.classify import demand_by_role_month, is_closed
from pmo.analysis.data import PortfolioData
from pmo.analysis.q1_resources import CapacityCell
from pmo.present.numbers import DASH, capacity_use, fte, money, pct, signed_money
from pmo.present.words import NO_ENVELOPE, NO_TARGET, NOT_SET, plural, role_title
from pmo.tui.cells import TEXT_STYLE, money_cell, user, utilisation_style
from pmo.tui.footer import QuietFooter
from pmo.tui.loading import Loaded
from pmo.tui.spots import Memory
from pmo.tui.view_base import Legend, ViewScreen, new_table
from pmo.tui.views_scenario import ScenarioPane

CONTRIBUTION = {0: "", 1: "·", 2: "●", 3: "●●●"}


def capacity_cell(cell: CapacityCell | None) -> Text:
    """A heatmap cell: the utilisation % on its colour."""
    if cell is None:
        return Text(DASH, style="dim")
    if cell.utilisation is None:
        return Text(f" {capacity_use(None, cell.total)} ", style=utilisation_style(None))
    return Text(f" {pct(cell.utilisation * 100)} ", style=utilisation_style(cell.utilisation))


def demand_in(data: PortfolioData, role: str, month: str) -> list[tuple[str, float, bool]]:
    """The live programmes demanding ``role`` in ``month``: (id, FTE, all confirmed), most
    first — the same demand the capacity heatmap adds up (``pmo.analysis.classify``)."""
    rows = []
    for pid, prog in data.programmes.items():
        if is_closed(prog):
            continue
        total = demand_by_role_month(prog).get((role, month), 0.0)
        if total > 0:
            confirmed = demand_by_role_month(prog, confirmed_only=True).get((role, month), 0.0)
            rows.append((pid, total, confirmed >= total))
    return sorted(rows, key=lambda r: (-r[1], r[0]))


class Q1Screen(ViewScreen):
    """Q1: are we doing the right things, and can we afford and staff them?"""

    TAB_FOR: ClassVar[dict[str, str]] = {
        "coverage": "overview",
        "priority": "overview",
        "capacity-demand": "resources",
    }
    LEGEND: ClassVar[Legend] = (
        ("· ● ●●●", "coverage: serves the objective a little, well, mainly (1, 2, 3)"),
        ("<85% 85–100% >100%", "capacity: all demand (pipeline included) / capacity, by month"),
        ("n FTE", "demand for a role with no capacity recorded in portfolio.yaml (no utilisation)"),
        ("Enter on a capacity cell", "lists the programmes making that demand"),
        ("Space, o, u", "scenario: in/out, optimise (changed rows marked), undo to today's set"),
    )

    def __init__(
        self, loaded: Loaded, tab: str | None = None, memory: Memory | None = None
    ) -> None:
        super().__init__(loaded, tab, memory)
        self.kept_scenario = memory.scenario if memory is not None else None
        """The scenario's in/out choices from before a reload."""

    def memory(self) -> Memory:
        """The lists' places and the scenario's choices."""
        found = super().memory()
        panes = self.query(ScenarioPane)
        kept = panes.first().kept() if panes else self.kept_scenario
        return replace(found, scenario=kept)

    def compose(self) -> ComposeResult:
        q1 = self.loaded.answers.q1
        yield Header()
        yield Static(Text(f"Q1 — the right things? ({q1.period})", style="bold"), id="view-title")
        with TabbedContent(initial="q1-capacity", id="q1-tabs"):
            with TabPane("Coverage", id="q1-coverage"):
                yield new_table("coverage", "Programme")
            with TabPane("Priority", id="q1-priority"):
                yield new_table(
                    "priority",
                    "#",
                    "Programme",
                    "Score",
                    "Attract.",
                    "Achiev.",
                    "Funded",
                    "Stage",
                    name=1,
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
                    "Savings unidentified",
                )
            with TabPane("Capacity", id="q1-capacity"):
                yield new_table("capacity-heatmap", "Role", *q1.capacity.months, cursor="cell")
                yield Static(
                    Text.assemble(
                        ("  <85% ", utilisation_style(0.5)),
                        " ",
                        (" 85–100% ", utilisation_style(0.9)),
                        " ",
                        (" >100% ", utilisation_style(1.5)),
                        "  utilisation = all demand (pipeline included) / capacity",
                    ),
                    id="capacity-legend",
                )
                yield Static(
                    "Enter on a cell lists the programmes making that demand",
                    id="capacity-demand-title",
                )
                yield new_table("capacity-demand", "Programme", "FTE", "Confirmed", widths={0: 50})
            with TabPane("Scenario", id="q1-scenario"):
                yield ScenarioPane(self.loaded, self.kept_scenario)
        yield QuietFooter()

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
            user(o.flag or f"{o.total}", style=TEXT_STYLE["red"] if o.flag else "dim")
            for o in q1.coverage.objectives
        ]
        for pid, broken in sorted(self.loaded.data.unreadable.items()):  # counted, never hidden
            unknown = [Text("?", style="dim") for _ in q1.coverage.objectives]
            coverage.add_row(user(f"{broken.name} (unreadable)", cut=True), *unknown, key=pid)
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
        for pid, bad in sorted(self.loaded.data.unreadable.items()):  # never hidden, never ranked
            priority.add_row(
                Text(DASH, style="dim"),
                user(bad.name, cut=True),
                Text("unreadable", style="dim"),
                *(Text(DASH, style="dim") for _ in range(4)),
                key=pid,
            )
        afford = self.query_one("#affordability", DataTable)
        for y in q1.affordability.years:
            afford.add_row(
                Text(y.fy, style="bold" if y.fy == q1.affordability.current_fy else ""),
                Text(money(y.envelope) if y.envelope is not None else NOT_SET),
                Text(money(y.committed)),
                Text(money(y.pipeline)),
                money_cell(y.headroom, red_below=0, missing=NO_ENVELOPE),
                money_cell(y.headroom_after_pipeline, red_below=0, missing=NO_ENVELOPE),
                Text(money(y.savings_target) if y.savings_target is not None else NOT_SET),
                Text(money(y.savings_committed)),
                Text(  # target − planned, as the Q3 savings table's "Unidentified" (signed)
                    signed_money(y.savings_gap) if y.savings_gap is not None else NO_TARGET,
                    style=TEXT_STYLE["red"] if (y.savings_gap or 0) > 0 else "",
                ),
                key=y.fy,
            )
        heat = self.query_one("#capacity-heatmap", DataTable)
        by_key = {(c.role, c.month): c for c in q1.capacity.cells}
        for role in q1.capacity.roles:
            heat.add_row(
                user(role_title(role.role)),
                *(capacity_cell(by_key.get((role.role, m))) for m in q1.capacity.months),
                key=role.role,
            )
        if q1.capacity.months:  # on the first month: Enter at once lists its demand
            heat.move_cursor(row=0, column=1, animate=False)
        heat.focus()

    def on_data_table_cell_selected(self, event: DataTable.CellSelected) -> None:
        """Enter on a capacity cell: the programmes making that demand, below the heatmap."""
        if event.data_table.id != "capacity-heatmap" or event.coordinate.column == 0:
            return
        self.open_cell("capacity-heatmap", event.coordinate.row, event.coordinate.column)

    def open_cell(self, grid: str, row: int, column: int) -> None:
        """The programmes making the demand of the heatmap's cell at (``row``, ``column``),
        listed below it (the list gets the focus)."""
        q1 = self.loaded.answers.q1
        roles, months = q1.capacity.roles, q1.capacity.months
        if grid != "capacity-heatmap" or not (0 <= row < len(roles) and 0 < column <= len(months)):
            return
        self.opened[grid] = (row, column)
        role = roles[row].role
        month = months[column - 1]
        rows = demand_in(self.loaded.data, role, month)
        title = self.query_one("#capacity-demand-title", Static)
        title.update(
            user(
                f"{role_title(role)}, {month}: {plural(len(rows), 'programme')} demand "
                f"{fte(sum(r[1] for r in rows))} FTE — Enter opens one"
            )
        )
        table = self.query_one("#capacity-demand", DataTable)
        table.clear()
        for pid, amount, confirmed in rows:
            table.add_row(
                user(self.loaded.data.name_of(pid), cut=True),
                Text(fte(amount)),
                Text("yes" if confirmed else "no"),
                key=pid,
            )
        if rows:
            table.focus()
