"""Q1 portfolio view: coverage, priority, affordability and the capacity heatmap."""

from __future__ import annotations

from functools import partial
from typing import ClassVar

from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static, TabbedContent, TabPane

from pmo.analysis.q1_resources import CapacityCell
from pmo.tui.loading import Loaded
from pmo.tui.programme import money

Cell = str | Text
CONTRIBUTION = {0: "", 1: "·", 2: "●", 3: "●●●"}


def utilisation_style(utilisation: float | None) -> str:
    """Green under 85%, amber 85–100%, red over 100% (grey when there is no capacity)."""
    if utilisation is None:
        return "bold white on grey42"
    if utilisation > 1.0:
        return "bold white on red"
    if utilisation >= 0.85:
        return "bold black on yellow"
    return "bold black on green"


def capacity_cell(cell: CapacityCell | None) -> Text:
    """A heatmap cell: the utilisation % on its colour."""
    if cell is None:
        return Text("—", style="dim")
    if cell.utilisation is None:
        label = f"{cell.total:g} / 0" if cell.total else "—"
        return Text(f" {label} ", style=utilisation_style(None))
    return Text(f" {cell.utilisation * 100:.0f}% ", style=utilisation_style(cell.utilisation))


def signed_money(value: float) -> Text:
    """Money, red when negative."""
    return Text(money(value), style="bold red" if value < 0 else "")


class ViewScreen(Screen[None]):
    """A portfolio view opened from the dashboard: Escape goes back."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", id="view.back"),
        Binding("left_square_bracket", "tab(-1)", "Prev tab", key_display="[", id="view.prev"),
        Binding("right_square_bracket", "tab(1)", "Next tab", key_display="]", id="view.next"),
    ]

    def __init__(self, loaded: Loaded) -> None:
        super().__init__()
        self.loaded = loaded

    def action_back(self) -> None:
        self.app.pop_screen()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Hide the tab keys on a view without tabs."""
        return action != "tab" or bool(self.query(TabbedContent))

    def action_tab(self, delta: int) -> None:
        """Show the previous or next tab (if the view has tabs) and focus its table."""
        tabs = self.query(TabbedContent)
        if not tabs:
            return
        content = tabs.first()
        ids = [pane.id for pane in content.query(TabPane) if pane.id]
        if content.active in ids:
            content.active = ids[(ids.index(content.active) + delta) % len(ids)]
            pane = content.get_pane(content.active)
            tables = pane.query(DataTable)
            if tables:
                tables.first().focus()


def new_table(
    table_id: str, *columns: str, cursor: str = "row", widths: dict[int, int] | None = None
) -> DataTable[Cell]:
    """A zebra-striped DataTable with the given columns (``widths``: column index to width)."""
    table: DataTable[Cell] = DataTable(id=table_id, zebra_stripes=True)
    table.cursor_type = cursor  # type: ignore[assignment]
    for n, name in enumerate(columns):
        table.add_column(name, width=(widths or {}).get(n))
    return table


class Q1Screen(ViewScreen):
    """Q1: are we doing the right things, and can we afford and staff them?"""

    def compose(self) -> ComposeResult:
        q1 = self.loaded.answers.q1
        yield Header()
        yield Static(Text(f"Q1 — the right things? ({q1.period})", style="bold"), id="view-title")
        with TabbedContent(initial="q1-capacity", id="q1-tabs"):
            with TabPane("Coverage", id="q1-coverage"):
                yield new_table(
                    "coverage", "Programme", *(o.objective for o in q1.coverage.objectives)
                )
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
                from pmo.tui.views_scenario import ScenarioPane

                yield ScenarioPane(self.loaded)
        yield Footer()

    def on_mount(self) -> None:
        q1 = self.loaded.answers.q1
        names = {pid: p.name for pid, p in self.loaded.data.programmes.items()}
        coverage = self.query_one("#coverage", DataTable)
        for j, pid in enumerate(q1.coverage.programmes):
            cells = [CONTRIBUTION.get(row[j], str(row[j])) for row in q1.coverage.matrix]
            coverage.add_row(names.get(pid, pid), *cells, key=pid)
        flags = [
            Text(o.flag or f"{o.total}", style="bold red" if o.flag else "dim")
            for o in q1.coverage.objectives
        ]
        coverage.add_row(Text("coverage (flag / total)", style="italic"), *flags)
        priority = self.query_one("#priority", DataTable)
        for p in q1.priority:
            priority.add_row(
                str(p.rank),
                p.name,
                f"{p.score:.2f}",
                f"{p.attractiveness:.1f}",
                f"{p.achievability:.1f}",
                "yes" if p.committed else "pipeline",
                p.stage,
                key=p.programme,
            )
        afford = self.query_one("#affordability", DataTable)
        for y in q1.affordability.years:
            afford.add_row(
                Text(y.fy, style="bold" if y.fy == q1.affordability.current_fy else ""),
                money(y.envelope) if y.envelope is not None else "not set",
                money(y.committed),
                money(y.pipeline),
                signed_money(y.headroom) if y.headroom is not None else "—",
                signed_money(y.headroom_after_pipeline)
                if y.headroom_after_pipeline is not None
                else "—",
                money(y.savings_target) if y.savings_target is not None else "not set",
                money(y.savings_committed),
                Text(
                    money(y.savings_gap) if y.savings_gap is not None else "—",
                    style="bold red" if (y.savings_gap or 0) > 0 else "",
                ),
                key=y.fy,
            )
        heat = self.query_one("#capacity-heatmap", DataTable)
        by_key = {(c.role, c.month): c for c in q1.capacity.cells}
        for role in q1.capacity.roles:
            heat.add_row(
                role.role,
                *(capacity_cell(by_key.get((role.role, m))) for m in q1.capacity.months),
                key=role.role,
            )
        heat.focus()


VIEWS: dict[str, str] = {
    "q1-view": "Q1: coverage, priority, affordability, capacity",
    "q2-view": "Q2: RAG grid, exceptions, slippage",
    "q3-view": "Q3: benefits and savings",
    "risk-heatmap": "Risk heatmap",
}


def view_screen(name: str, loaded: Loaded) -> ViewScreen:
    """The portfolio view called ``name`` (a key of VIEWS)."""
    from pmo.tui.views_q2 import Q2Screen
    from pmo.tui.views_q3 import Q3Screen
    from pmo.tui.views_risk import RiskHeatmapScreen

    screens: dict[str, type[ViewScreen]] = {
        "q1-view": Q1Screen,
        "q2-view": Q2Screen,
        "q3-view": Q3Screen,
        "risk-heatmap": RiskHeatmapScreen,
    }
    screen = screens[name](loaded)
    screen.id = name
    return screen


def open_view(app: App[object], name: str) -> None:
    """Show the portfolio view ``name`` (replacing another view already shown)."""
    loaded = getattr(app, "loaded", None)
    if not isinstance(loaded, Loaded):
        return
    if isinstance(app.screen, ViewScreen):
        app.pop_screen()
    app.push_screen(view_screen(name, loaded))


class ViewCommands(Provider):
    """Command palette: open a portfolio view (Q1, Q2, Q3, risk heatmap)."""

    async def discover(self) -> Hits:
        for name, text in VIEWS.items():
            yield DiscoveryHit(text, partial(open_view, self.app, name), help="Portfolio view")

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, text in VIEWS.items():
            score = matcher.match(text)
            if score > 0:
                yield Hit(
                    score,
                    matcher.highlight(text),
                    partial(open_view, self.app, name),
                    help="Portfolio view",
                )
