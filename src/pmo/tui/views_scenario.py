"""Q1 scenario tab: toggle programmes in and out, see cost and peak utilisation, optimise."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import DataTable, Static

from pmo.analysis.data import PortfolioData
from pmo.analysis.money import (
    cost_by_fy,
    demand_by_role_month,
    is_closed,
    is_pipeline,
    priority_score,
)
from pmo.analysis.periods import add_months, fy_of_period, months_between
from pmo.analysis.scenario import MAX_HORIZON, ScenarioResult, optimise
from pmo.model import Programme
from pmo.model.portfolio import capacity_at
from pmo.tui.loading import Loaded
from pmo.tui.programme import money


@dataclass(frozen=True, slots=True)
class Peak:
    """The highest utilisation of a role over the horizon, and its first month."""

    role: str
    month: str | None
    utilisation: float | None  # None when the role has demand but no capacity


def candidates(data: PortfolioData) -> list[Programme]:
    """Non-closed programmes, by id."""
    return [
        data.programmes[pid]
        for pid in sorted(data.programmes)
        if not is_closed(data.programmes[pid])
    ]


def kind(prog: Programme) -> str:
    """mandatory, committed or pipeline."""
    if prog.mandatory:
        return "mandatory"
    return "pipeline" if is_pipeline(prog) else "committed"


def initial_set(data: PortfolioData) -> set[str]:
    """Today's portfolio: every mandatory or committed programme, no pipeline."""
    return {p.id for p in candidates(data) if p.mandatory or not is_pipeline(p)}


def years(data: PortfolioData, period: str) -> list[str]:
    """Financial years of the envelope from the period's on."""
    first = fy_of_period(period)
    return [fy for fy in sorted(data.config.envelope) if fy >= first]


def horizon(data: PortfolioData, period: str) -> list[str]:
    """Months from the period to the last resource line (at most MAX_HORIZON)."""
    last = max((r.to for p in candidates(data) for r in p.resources), default=period)
    count = min(max(months_between(period, last) + 1, 0), MAX_HORIZON)
    return [add_months(period, i) for i in range(count)]


def cost_totals(
    data: PortfolioData, period: str, chosen: Iterable[str]
) -> list[tuple[str, float, float]]:
    """(FY, envelope, cost of the chosen set) for each FY from the period's on."""
    costs = [cost_by_fy(data.programmes[pid]) for pid in sorted(chosen)]
    return [
        (fy, float(data.config.envelope[fy]), math.fsum(c.get(fy, 0.0) for c in costs))
        for fy in years(data, period)
    ]


def peak_utilisation(data: PortfolioData, months: list[str], chosen: Iterable[str]) -> list[Peak]:
    """Each capacity role's peak demand/capacity over ``months`` for the chosen set."""
    month_set = set(months)
    demand: dict[tuple[str, str], float] = {}
    for pid in sorted(chosen):
        for key, fte in demand_by_role_month(data.programmes[pid]).items():
            if key[1] in month_set:
                demand[key] = demand.get(key, 0.0) + fte
    peaks: list[Peak] = []
    plans: Mapping[str, dict[str, float]] = data.config.capacity
    for role in sorted(plans):
        best: Peak = Peak(role, None, 0.0)
        for month in months:
            need = demand.get((role, month), 0.0)
            if need <= 0:
                continue
            cap = capacity_at(plans[role], month)
            if cap <= 0:
                best = Peak(role, month, None)
                break
            if best.utilisation is not None and need / cap > best.utilisation:
                best = Peak(role, month, need / cap)
        peaks.append(best)
    return peaks


class ScenarioPane(Vertical):
    """Candidates with an in/out column, live totals below; Space toggles, o optimises."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space", "toggle_in_out", "In/out", id="scenario.toggle"),
        Binding("o", "optimise", "Optimise", id="optimise"),
    ]

    def __init__(self, loaded: Loaded) -> None:
        super().__init__(id="scenario")
        self.loaded = loaded
        self.chosen: set[str] = initial_set(loaded.data)
        self.months = horizon(loaded.data, loaded.period)

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
        for prog in candidates(self.loaded.data):
            table.add_row(
                prog.name,
                kind(prog),
                f"{self.value(prog):.2f}",
                self.in_out(prog.id),
                key=prog.id,
            )
        self.refresh_totals()

    def value(self, prog: Programme) -> float:
        return priority_score(prog, list(self.loaded.data.config.criteria))

    def in_out(self, pid: str) -> Text:
        return Text("in", style="bold green") if pid in self.chosen else Text("out", style="dim")

    def refresh_totals(self) -> None:
        data, period = self.loaded.data, self.loaded.period
        costs = self.query_one("#scenario-costs", DataTable)
        costs.clear()
        for fy, envelope, cost in cost_totals(data, period, self.chosen):
            over = cost > envelope
            costs.add_row(
                fy,
                money(envelope),
                Text(money(cost), style="bold red" if over else ""),
                Text(money(envelope - cost), style="bold red" if over else ""),
                key=fy,
            )
        peaks = self.query_one("#scenario-peaks", DataTable)
        peaks.clear()
        for peak in peak_utilisation(data, self.months, self.chosen):
            if peak.utilisation is None:
                cell = Text("no capacity", style="bold red")
            else:
                cell = Text(
                    f"{peak.utilisation * 100:.0f}%",
                    style="bold red" if peak.utilisation > 1.0 else "",
                )
            peaks.add_row(peak.role, cell, peak.month or "—", key=peak.role)
        self.query_one("#scenario-summary", Static).update(
            f"{len(self.chosen)} chosen — cost by FY vs envelope, peak utilisation over "
            f"{len(self.months)} months"
        )

    def set_chosen(self, chosen: Iterable[str]) -> None:
        self.chosen = set(chosen)
        table = self.query_one("#scenario-candidates", DataTable)
        for prog in candidates(self.loaded.data):
            table.update_cell(prog.id, "in/out", self.in_out(prog.id))
        self.refresh_totals()

    def action_toggle_in_out(self) -> None:
        table = self.query_one("#scenario-candidates", DataTable)
        if table.row_count == 0:
            return
        pid = str(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value)
        prog = self.loaded.data.programmes[pid]
        if pid in self.chosen and prog.mandatory:
            self.notify(f"{prog.name} is mandatory (statutory): it stays in", severity="warning")
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
            self.notify(result, severity="error")
            return
        if result.status != "optimal":
            broken = "; ".join(
                " ".join(x for x in (v.kind, v.fy, v.role, v.month) if x) for v in result.violations
            )
            self.notify(f"infeasible: the mandatory set alone breaks {broken}", severity="error")
            return
        self.set_chosen(result.chosen)
        self.notify(f"optimal: value {result.objective or 0:.2f}, {len(result.chosen)} chosen")
