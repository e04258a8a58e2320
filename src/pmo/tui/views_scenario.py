"""Q1 scenario tab: toggle programmes in and out, see cost and peak utilisation, optimise.

The numbers come from the analysis (``pmo.analysis.scenario_whatif`` prices a set,
``pmo.analysis.scenario.optimise`` finds the best one); this module only shows them.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import DataTable, Static

from pmo.analysis.scenario import ScenarioResult, optimise
from pmo.analysis.scenario_explain import Candidate
from pmo.analysis.scenario_whatif import WhatIf
from pmo.present.numbers import DASH, money, pct
from pmo.present.terminal import shorten
from pmo.tui.cells import user
from pmo.tui.loading import Loaded


def kind(candidate: Candidate) -> str:
    """mandatory, committed or pipeline."""
    if candidate.mandatory:
        return "mandatory"
    return "pipeline" if candidate.pipeline else "committed"


class ScenarioPane(Vertical):
    """Candidates with an in/out column, live totals below; Space toggles, o optimises."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space", "toggle_in_out", "In/out", id="scenario.toggle"),
        Binding("o", "optimise", "Optimise", id="optimise"),
    ]

    def __init__(self, loaded: Loaded) -> None:
        super().__init__(id="scenario")
        self.loaded = loaded
        self.what_if = WhatIf(loaded.data, loaded.period)
        self.by_id = {c.id: c for c in self.what_if.candidates}
        self.chosen: set[str] = set(self.what_if.today())

    def compose(self) -> ComposeResult:
        table: DataTable[str | Text] = DataTable(
            id="scenario-candidates", cursor_type="row", zebra_stripes=True
        )
        for label in ("Programme", "Type", "Value", "In/out"):
            table.add_column(label, key=label.lower())
        yield table
        yield Static(id="scenario-summary")
        costs: DataTable[str | Text] = DataTable(id="scenario-costs", cursor_type="none")
        costs.add_columns("FY", "Envelope", "Chosen cost", "Left")
        peaks: DataTable[str | Text] = DataTable(id="scenario-peaks", cursor_type="none")
        peaks.add_columns("Role", "Peak utilisation", "Month")
        with Horizontal(id="scenario-totals-row"):
            yield costs
            yield peaks

    def on_mount(self) -> None:
        table = self.query_one("#scenario-candidates", DataTable)
        for c in self.what_if.candidates:
            table.add_row(
                user(c.name),
                Text(kind(c)),
                Text(f"{c.value:.2f}"),
                self.in_out(c.id),
                key=c.id,
            )
        self.refresh_totals()

    def in_out(self, pid: str) -> Text:
        return Text("in", style="bold green") if pid in self.chosen else Text("out", style="dim")

    def refresh_totals(self) -> None:
        assessment = self.what_if.assess(self.chosen)
        costs = self.query_one("#scenario-costs", DataTable)
        costs.clear()
        for total in assessment.totals:
            over = "bold red" if total.cost > total.envelope else ""
            costs.add_row(
                Text(total.fy),
                Text(money(total.envelope)),
                Text(money(total.cost), style=over),
                Text(money(total.left), style=over),
                key=total.fy,
            )
        peaks = self.query_one("#scenario-peaks", DataTable)
        peaks.clear()
        for peak in assessment.peaks:
            if peak.utilisation is None:
                cell = Text("no capacity", style="bold red")
            else:
                cell = Text(
                    pct(peak.utilisation * 100),
                    style="bold red" if peak.utilisation > 1.0 else "",
                )
            peaks.add_row(user(peak.role), cell, Text(peak.month or DASH), key=peak.role)
        self.query_one("#scenario-summary", Static).update(
            Text(
                f"{len(self.chosen)} chosen — cost by FY vs envelope, peak utilisation over "
                f"{len(self.what_if.horizon)} months"
            )
        )

    def set_chosen(self, chosen: Iterable[str]) -> None:
        self.chosen = set(chosen)
        table = self.query_one("#scenario-candidates", DataTable)
        for c in self.what_if.candidates:
            table.update_cell(c.id, "in/out", self.in_out(c.id))
        self.refresh_totals()

    def action_toggle_in_out(self) -> None:
        table = self.query_one("#scenario-candidates", DataTable)
        if table.row_count == 0:
            return
        pid = str(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value)
        candidate = self.by_id[pid]
        if pid in self.chosen and candidate.mandatory:
            name = shorten(candidate.name)
            self.notify(
                f"{name} is mandatory (statutory): it stays in", severity="warning", markup=False
            )
            return
        self.set_chosen(self.chosen ^ {pid})

    def action_optimise(self) -> None:
        self.run_optimiser()

    @work(thread=True, exclusive=True, group="scenario")
    def run_optimiser(self) -> None:
        """Solve off the UI thread, then show the optimum."""
        try:
            result: ScenarioResult | str = optimise(self.loaded.data, self.loaded.period)
        except ValueError as exc:
            result = str(exc)
        self.app.call_from_thread(self.show_optimum, result)

    def show_optimum(self, result: ScenarioResult | str) -> None:
        if isinstance(result, str):
            self.notify(shorten(result, 300), severity="error", markup=False)
            return
        if result.status != "optimal":
            broken = "; ".join(shorten(v.text, 200) for v in result.violations)
            self.notify(
                f"infeasible: the mandatory set alone breaks {broken}",
                severity="error",
                markup=False,
            )
            return
        self.set_chosen(result.chosen)
        value = result.objective or 0
        self.notify(f"optimal: value {value:.2f}, {len(result.chosen)} chosen", markup=False)
