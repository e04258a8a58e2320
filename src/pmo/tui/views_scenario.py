"""Q1 scenario tab: toggle programmes in and out, see cost and peak utilisation, optimise.

The numbers come from the analysis (``pmo.analysis.scenario_whatif`` prices a set,
``pmo.analysis.scenario.optimise`` finds the best one); this module only shows them, and
never says "optimal" without the solver's proof: a plan found within the quick time limit
is shown at once with how close it is to the best possible, and proving goes on in the
background until the tab can say it is optimal (or how far it got).
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import ClassVar, Literal

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import DataTable, Static

from pmo.analysis.scenario import ScenarioResult, optimise
from pmo.analysis.scenario_explain import candidate_kind, envelope_note, uncapacitated_note
from pmo.analysis.scenario_whatif import WhatIf
from pmo.present.numbers import DASH, money, number, pct
from pmo.present.terminal import safe, shorten
from pmo.present.words import NO_ENVELOPE, join_words, plural, role_title
from pmo.tui.cells import user
from pmo.tui.loading import Loaded
from pmo.tui.spots import ScenarioState
from pmo.tui.tables import ListTable

#: The first answer comes within this many seconds (the best plan found, with its gap).
QUICK_SECONDS = 2.0
#: Proving in the background stops after this many seconds (then the gap reached is shown).
PROVE_SECONDS = 60.0

Severity = Literal["information", "warning", "error"]


def headline(result: ScenarioResult) -> str:
    """One line on the answer: "optimal (proven)" only with a proof, else how close it is."""
    if result.status == "infeasible":
        broken = "; ".join(shorten(v.text, 200) for v in result.violations)
        return f"infeasible: the programmes that must be in break {broken}"
    value = number(result.objective, 2)
    chosen = f"{len(result.chosen)} chosen"
    if result.status == "optimal":
        return f"optimal (proven): value {value}, {chosen}"
    gap = pct(result.mip_gap * 100, 1) if math.isfinite(result.mip_gap) else "an unknown share"
    bound = number(result.bound, 2) if result.bound is not None else "unknown"
    return (
        f"best found in {number(result.solve_seconds, 1)} s, not proven optimal: value {value}, "
        f"{chosen}, within {gap} of the best possible (bound {bound})"
    )


def notes(result: ScenarioResult) -> list[tuple[str, Severity]]:
    """What else the answer depends on: over-committed limits, unvalued proposals, stopped work."""
    names = {c.id: c.name for c in result.candidates}
    out: list[tuple[str, Severity]] = []
    if result.over_committed:
        over = "; ".join(shorten(v.text, 200) for v in result.over_committed)
        out.append(
            (f"committed work alone already exceeds {over}; nothing chosen adds to it", "warning")
        )
    if result.unvalued:
        who = join_words([shorten(safe(names[pid], newlines=False), 60) for pid in result.unvalued])
        out.append(
            (
                f"{plural(len(result.unvalued), 'proposal')} cannot be valued (no score on every "
                f"criterion), left out of the choice: {who}",
                "warning",
            )
        )
    if (note := uncapacitated_note(result)) is not None:
        out.append((note, "information"))
    if result.reconsider_committed:
        if result.stopped:
            who = join_words([shorten(safe(s.name, newlines=False), 60) for s in result.stopped])
            freed = join_words([f"{money(t.cost)} in {t.fy}" for t in result.freed if t.cost])
            out.append(
                (
                    f"it would stop {plural(len(result.stopped), 'live programme')}: {who}"
                    + (f" (frees {freed})" if freed else ""),
                    "warning",
                )
            )
        else:
            out.append(("it would stop no live programme", "information"))
    return out


class ScenarioPane(Vertical):
    """Candidates with an in/out column, live totals below; Space toggles, o optimises."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space", "toggle_in_out", "In/out", id="scenario.toggle"),
        Binding("o", "optimise", "Optimise", id="optimise"),
        Binding(
            "r",
            "reconsider",
            "Reconsider committed",
            tooltip="Let the optimiser stop live (committed) work too; mandatory stays in",
            id="scenario.reconsider",
        ),
        Binding("u", "reset", "Undo to today's set", id="scenario.reset"),
    ]

    def __init__(self, loaded: Loaded, kept: ScenarioState | None = None) -> None:
        super().__init__(id="scenario")
        self.loaded = loaded
        self.what_if = WhatIf(loaded.data, loaded.period)
        self.by_id = {c.id: c for c in self.what_if.candidates}
        self.chosen: set[str] = set(self.what_if.today())
        self.before: set[str] = set(self.chosen)
        """The set when `o` was pressed: what the optimiser changed is marked against it."""
        self.changed: set[str] = set()
        self.reconsider = False
        if kept is not None:  # a reload: the officer's choices stay (new candidates: default)
            ids = set(self.by_id)
            self.chosen = (set(kept.chosen) & ids) | (self.chosen - set(kept.candidates))
            self.chosen |= {c.id for c in self.what_if.candidates if c.mandatory}
            self.before = set(kept.before) & ids
            self.changed = set(kept.changed) & ids
            self.reconsider = kept.reconsider
        #: Bumped by every optimise and mode change: answers of an older run are dropped.
        self.generation = 0
        #: The latest answer shown (its status line stays until the next change).
        self.result: ScenarioResult | None = None
        self.proving = False

    def compose(self) -> ComposeResult:
        table = ListTable(
            id="scenario-candidates", cursor_type="row", zebra_stripes=True, fixed_columns=1
        )
        table.flexible = 0  # the name takes the room the other columns leave
        # as pmo scenario: the name, and the id that --include/--exclude take (last: it may
        # scroll sideways in a narrow terminal, the name pinned)
        for label in ("Programme", "Type", "Value", "In/out", "ID"):
            table.add_column(label, key=label.lower())
        yield table
        yield Static(id="scenario-status")
        yield Static(id="scenario-summary")
        costs: DataTable[str | Text] = DataTable(id="scenario-costs", cursor_type="none")
        costs.add_columns("FY", "Envelope", "Chosen", "Left")  # narrow: the line above says what
        peaks: DataTable[str | Text] = DataTable(id="scenario-peaks", cursor_type="none")
        peaks.add_columns("Role", "Peak", "Month")
        with Horizontal(id="scenario-totals-row"):
            yield costs
            yield peaks

    def on_mount(self) -> None:
        table = self.query_one("#scenario-candidates", DataTable)
        for c in self.what_if.candidates:
            table.add_row(
                user(c.name, cut=True),
                Text(candidate_kind(c)),  # the words pmo scenario uses
                # as pmo scenario: an unscored programme has no value, never 0.00
                Text("unscored", style="dim") if c.unscored else Text(f"{c.value:.2f}"),
                self.in_out(c.id),
                user(c.id, "dim", cut=True),
                key=c.id,
            )
        self.refresh_totals()
        self.refresh_status()

    def kept(self) -> ScenarioState:
        """The officer's choices, to keep across a reload."""
        return ScenarioState(
            frozenset(self.chosen),
            frozenset(self.by_id),
            frozenset(self.before),
            frozenset(self.changed),
            self.reconsider,
        )

    def on_unmount(self) -> None:
        self.generation += 1  # stops a proof still running in the background

    def in_out(self, pid: str) -> Text:
        """In or out; what the optimiser changed is marked ◀ (and reversed)."""
        inside = pid in self.chosen
        if pid in self.changed:
            return Text("in ◀ added" if inside else "out ◀ removed", style="bold reverse")
        return Text("in", style="bold green") if inside else Text("out")

    def refresh_totals(self) -> None:
        assessment = self.what_if.assess(self.chosen)
        costs = self.query_one("#scenario-costs", DataTable)
        costs.clear()
        for total in assessment.totals:
            if total.envelope is None or total.left is None:  # unknown, never £0
                cells = (
                    Text(NO_ENVELOPE, style="dim"),
                    Text(money(total.cost)),
                    Text("not limited"),
                )
            else:
                over = "bold red" if total.cost > total.envelope else ""
                cells = (
                    Text(money(total.envelope)),
                    Text(money(total.cost), style=over),
                    Text(money(total.left), style=over),
                )
            costs.add_row(Text(total.fy), *cells, key=total.fy)
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
            role = user(role_title(peak.role))
            peaks.add_row(role, cell, Text(peak.month or DASH), key=peak.role)
        summary = Text(
            f"{len(self.chosen)} chosen — cost by FY vs envelope, peak utilisation over "
            f"{len(self.what_if.horizon)} months"
        )
        what_if = self.what_if
        unset = envelope_note(self.loaded.period, what_if.years, what_if.unset_years)
        if unset is not None:
            summary.append("\n" + unset, style="yellow")
        self.query_one("#scenario-summary", Static).update(summary)

    def refresh_status(self) -> None:
        """The optimiser's mode, its latest answer and whether it is still proving it."""
        mode = (
            "committed work reconsidered (mandatory stays in)"
            if self.reconsider
            else "committed work fixed"
        )
        text = Text(f"Optimiser: {mode}; r switches. ")
        result = self.result
        if result is None:
            text.append("o finds the most valuable plan.", style="dim")
        else:
            style = {"optimal": "bold green", "best-found": "bold yellow"}.get(
                result.status, "bold red"
            )
            text.append(headline(result), style=style)
            if self.proving:
                text.append(" — still proving in the background…", style="italic")
            for line, severity in notes(result):
                text.append("\n" + line, style="yellow" if severity == "warning" else "")
        self.query_one("#scenario-status", Static).update(text)

    def set_chosen(self, chosen: Iterable[str], *, mark: bool = False) -> None:
        """Choose ``chosen``; with ``mark``, what differs from the set before `o` is marked."""
        self.chosen = set(chosen)
        self.changed = (self.before ^ self.chosen) if mark else set()
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

    def action_reconsider(self) -> None:
        """Switch between committed work fixed and reconsidered (drops a running proof)."""
        self.reconsider = not self.reconsider
        self.generation += 1
        self.result, self.proving = None, False
        self.refresh_status()

    def action_reset(self) -> None:
        """Back to today's set (committed and mandatory in, pipeline out); drops a proof."""
        self.generation += 1
        self.result, self.proving = None, False
        self.set_chosen(self.what_if.today())
        self.refresh_status()
        self.notify("Scenario back to today's set", markup=False)

    def action_optimise(self) -> None:
        self.before = set(self.chosen)
        self.generation += 1
        self.result, self.proving = None, False
        self.refresh_status()
        self.run_optimiser(self.generation, self.reconsider)

    def stale(self, generation: int) -> bool:
        """True once a newer optimise or mode change has superseded ``generation``."""
        return generation != self.generation

    @work(thread=True, exclusive=True, group="scenario")
    def run_optimiser(self, generation: int, reconsider: bool) -> None:
        """Off the UI thread: a quick answer, shown at once; then, when it is not proven yet,
        keep proving (stopped as soon as a newer run or mode supersedes this one)."""
        quick = self.solve(reconsider, QUICK_SECONDS, generation)
        self.app.call_from_thread(self.show_optimum, quick, generation)
        if not isinstance(quick, ScenarioResult) or quick.status != "best-found":
            return
        proof = self.solve(reconsider, PROVE_SECONDS, generation)
        self.app.call_from_thread(self.show_proof, proof, quick, generation)

    def solve(self, reconsider: bool, limit: float, generation: int) -> ScenarioResult | str:
        """The optimiser's answer within ``limit`` seconds, or why there is none; stops once
        ``generation`` is stale."""
        try:
            return optimise(
                self.loaded.data,
                self.loaded.period,
                reconsider_committed=reconsider,
                time_limit=limit,
                stop=lambda: self.stale(generation),
            )
        except (ValueError, RuntimeError) as exc:
            return str(exc)

    def show_optimum(self, result: ScenarioResult | str, generation: int | None = None) -> None:
        """Show an answer: the plan (unless infeasible), its status line and a notification."""
        if generation is not None and self.stale(generation):
            return
        if isinstance(result, str):
            self.notify(shorten(result, 300), severity="error", markup=False)
            return
        self.result = result
        self.proving = result.status == "best-found" and generation is not None
        if result.status != "infeasible":
            self.set_chosen(result.chosen, mark=True)
        self.refresh_status()
        severity: Severity = "error" if result.status == "infeasible" else "information"
        self.notify(headline(result), severity=severity, markup=False)
        for line, level in notes(result):
            if level != "information":
                self.notify(line, severity=level, markup=False)

    def show_proof(
        self, proof: ScenarioResult | str, quick: ScenarioResult, generation: int
    ) -> None:
        """The background proof is done: apply its plan unless the user changed the quick one."""
        if self.stale(generation):
            return
        self.proving = False
        if isinstance(proof, str):
            self.refresh_status()
            self.notify(shorten(proof, 300), severity="error", markup=False)
            return
        if proof.status == "best-found" and proof.mip_gap >= quick.mip_gap:
            self.refresh_status()  # no further: the quick answer and its gap stand
            return
        self.result = proof
        if proof.status != "infeasible" and self.chosen == set(quick.chosen):
            self.set_chosen(proof.chosen, mark=True)
            self.refresh_status()
            self.notify(headline(proof), markup=False)
        else:
            self.refresh_status()
            self.notify(
                f"{headline(proof)}; your changes since the first answer are kept (o shows it)",
                markup=False,
            )
