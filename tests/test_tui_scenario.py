"""Pilot tests of the Q1 scenario tab: toggling programmes in/out and the optimiser."""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable, TabbedContent

from pmo.analysis.scenario import ScenarioResult, optimise
from pmo.analysis.scenario_explain import Stopped, Violation
from pmo.analysis.scenario_whatif import WhatIf
from pmo.present.numbers import money
from pmo.tui import views_scenario
from pmo.tui.app import PmoApp
from pmo.tui.loading import Loaded, load
from pmo.tui.views_scenario import ScenarioPane, headline, notes
from tui_pilot import PERIOD, SAMPLE, drive, plain

PaneScenario = Callable[[PmoApp, Pilot[None], ScenarioPane], Awaitable[None]]


def drive_pane(scenario: PaneScenario) -> None:
    """Open Q1, go to the Scenario tab (next after Capacity), then run the scenario."""

    async def on_pane(app: PmoApp, pilot: Pilot[None]) -> None:
        await pilot.press("c")
        await pilot.pause()
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert app.screen.query_one("#q1-tabs", TabbedContent).active == "q1-scenario"
        await scenario(app, pilot, app.screen.query_one(ScenarioPane))

    drive(on_pane)


def cells(pane: ScenarioPane) -> dict[str, str]:
    """The in/out cell of each candidate, as shown (with the optimiser's marks)."""
    table: DataTable[Any] = pane.query_one("#scenario-candidates", DataTable)
    return {str(key.value): plain(table.get_cell(key, "in/out")) for key in table.rows}


def in_out(pane: ScenarioPane) -> dict[str, str]:
    """ "in" or "out" for each candidate."""
    return {pid: cell.split()[0] for pid, cell in cells(pane).items()}


def status(pane: ScenarioPane) -> str:
    """The optimiser's status line(s) under the candidates."""
    return str(pane.query_one("#scenario-status").render())


def messages(app: PmoApp) -> list[str]:
    return [n.message for n in app._notifications]


def sample_optimum(**changes: Any) -> ScenarioResult:
    """The sample's real optimum, with ``changes`` (a status the sample never produces)."""
    loaded = load(SAMPLE, PERIOD)
    assert isinstance(loaded, Loaded)
    return dataclasses.replace(optimise(loaded.data, PERIOD), **changes)


def cost_shown(pane: ScenarioPane, fy: str) -> str:
    table: DataTable[Any] = pane.query_one("#scenario-costs", DataTable)
    return plain(table.get_cell(fy, table.ordered_columns[2].key))


async def move_to(pilot: Pilot[None], pane: ScenarioPane, pid: str) -> None:
    table: DataTable[Any] = pane.query_one("#scenario-candidates", DataTable)
    assert table.has_focus
    table.move_cursor(row=table.get_row_index(pid))
    await pilot.pause()


def test_toggling_pipeline_in_changes_the_2027_28_total() -> None:
    def cost(pane: ScenarioPane) -> float:
        return {t.fy: t.cost for t in pane.what_if.assess(pane.chosen).totals}["2027/28"]

    async def scenario(app: PmoApp, pilot: Pilot[None], pane: ScenarioPane) -> None:
        assert in_out(pane)["edge-of-care-service"] == "out"
        before, shown_before = cost(pane), cost_shown(pane, "2027/28")
        assert shown_before == money(before)
        await move_to(pilot, pane, "edge-of-care-service")
        await pilot.press("space")
        await pilot.pause()
        assert in_out(pane)["edge-of-care-service"] == "in"
        assert cost(pane) - before == 650_000
        assert cost_shown(pane, "2027/28") == money(before + 650_000)
        await pilot.press("space")
        await pilot.pause()
        assert cost_shown(pane, "2027/28") == shown_before

    drive_pane(scenario)


def test_mandatory_cannot_be_toggled_out() -> None:
    async def scenario(app: PmoApp, pilot: Pilot[None], pane: ScenarioPane) -> None:
        await move_to(pilot, pane, "send-sufficiency")
        await pilot.press("space")
        await pilot.pause()
        assert in_out(pane)["send-sufficiency"] == "in"
        messages = [n.message for n in app._notifications]
        assert any("mandatory" in m for m in messages)

    drive_pane(scenario)


def test_optimise_sets_the_optimum() -> None:
    async def scenario(app: PmoApp, pilot: Pilot[None], pane: ScenarioPane) -> None:
        await pilot.press("o")
        await app.workers.wait_for_complete()
        await pilot.pause()
        shown = in_out(pane)
        assert shown["elective-home-education"] == "in"  # live work is fixed by default
        assert shown["independent-travel-training"] == "out"
        assert shown["social-care-ai-recording"] == "out"
        assert shown["edge-of-care-service"] == "in"
        assert sum(v == "in" for v in shown.values()) == 25
        messages = [n.message for n in app._notifications]
        assert any(m.startswith("optimal (proven): value 89.45, 25 chosen") for m in messages)
        assert "optimal (proven): value 89.45, 25 chosen" in status(pane)
        assert not pane.proving
        marked = {pid: cell for pid, cell in cells(pane).items() if "◀" in cell}
        assert marked and marked == {
            pid: ("in ◀ added" if pid in pane.chosen else "out ◀ removed") for pid in pane.changed
        }
        assert marked["edge-of-care-service"] == "in ◀ added"  # pipeline the optimum takes
        await pilot.press("u")  # undo: today's set, nothing marked
        await pilot.pause()
        assert pane.chosen == set(pane.what_if.today())
        assert not any("◀" in cell for cell in cells(pane).values())

    drive_pane(scenario)


def test_the_tab_shows_the_analysis_totals_for_the_optimisers_choice() -> None:
    from pmo.analysis.scenario import optimise
    from pmo.tui.loading import Loaded, load
    from tui_pilot import PERIOD, SAMPLE

    loaded = load(SAMPLE, PERIOD)
    assert isinstance(loaded, Loaded)
    result = optimise(loaded.data, PERIOD)
    assessed = WhatIf(loaded.data, PERIOD).assess(result.chosen)
    assert assessed.totals == result.totals
    by_role = {}
    for cell in result.utilisation:
        if cell.demand > 0 and cell.utilisation is not None:
            best = by_role.get(cell.role)
            if best is None or cell.utilisation > best:
                by_role[cell.role] = cell.utilisation
    shown = {p.role: p.utilisation for p in assessed.peaks if p.month is not None}
    assert shown == by_role


def test_a_best_found_answer_shows_its_gap_then_the_background_proof_replaces_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    proven = sample_optimum()
    value = proven.objective or 0
    quick = dataclasses.replace(
        proven,
        status="best-found",
        chosen=proven.chosen[1:],
        objective=value - 1,
        bound=value + 0.4,
        mip_gap=(1.4) / (value + 0.4),
        solve_seconds=2.0,
    )
    calls: list[float | None] = []
    proof_may_finish = threading.Event()

    def fake(*_: Any, time_limit: float | None = None, **__: Any) -> ScenarioResult:
        calls.append(time_limit)
        if len(calls) == 1:
            return quick
        proof_may_finish.wait(10)
        return proven

    monkeypatch.setattr(views_scenario, "optimise", fake)

    async def scenario(app: PmoApp, pilot: Pilot[None], pane: ScenarioPane) -> None:
        await pilot.press("o")
        while not pane.proving:
            await pilot.pause(0.05)
        shown = status(pane)
        assert "best found in 2 s, not proven optimal" in shown
        assert "within 1.6% of the best possible (bound 89.85)" in shown
        assert "still proving in the background" in shown
        assert "optimal (proven)" not in shown
        assert set(k for k, v in in_out(pane).items() if v == "in") == set(quick.chosen)
        proof_may_finish.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "optimal (proven): value 89.45, 25 chosen" in status(pane)
        assert "still proving" not in status(pane)
        assert set(k for k, v in in_out(pane).items() if v == "in") == set(proven.chosen)
        assert calls == [views_scenario.QUICK_SECONDS, views_scenario.PROVE_SECONDS]

    drive_pane(scenario)


def test_a_proof_keeps_the_users_changes_made_while_it_ran(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    proven = sample_optimum()
    quick = dataclasses.replace(proven, status="best-found", bound=90.0, mip_gap=0.006)
    proof_may_finish = threading.Event()
    answers = iter([quick, proven])

    def fake(*_: Any, **__: Any) -> ScenarioResult:
        answer = next(answers)
        if answer is proven:
            proof_may_finish.wait(10)
        return answer

    monkeypatch.setattr(views_scenario, "optimise", fake)

    async def scenario(app: PmoApp, pilot: Pilot[None], pane: ScenarioPane) -> None:
        await pilot.press("o")
        while not pane.proving:
            await pilot.pause(0.05)
        await move_to(pilot, pane, "independent-travel-training")
        await pilot.press("space")
        mine = set(pane.chosen)
        proof_may_finish.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert pane.chosen == mine
        assert "optimal (proven)" in status(pane)
        assert any("your changes since the first answer are kept" in m for m in messages(app))

    drive_pane(scenario)


def test_a_newer_run_drops_the_older_runs_proof(monkeypatch: pytest.MonkeyPatch) -> None:
    proven = sample_optimum()
    quick = dataclasses.replace(proven, status="best-found", bound=90.0, mip_gap=0.006)
    stops: list[bool] = []

    def fake(*_: Any, time_limit: float | None = None, stop: Any = None, **__: Any) -> Any:
        if time_limit == views_scenario.QUICK_SECONDS:
            return quick
        while not stop():  # the proof runs until told to stop: a mode switch does that
            threading.Event().wait(0.01)
        stops.append(True)
        return proven

    monkeypatch.setattr(views_scenario, "optimise", fake)

    async def scenario(app: PmoApp, pilot: Pilot[None], pane: ScenarioPane) -> None:
        await pilot.press("o")
        while not pane.proving:
            await pilot.pause(0.05)
        await pilot.press("r")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert stops == [True] and pane.result is None and pane.reconsider
        assert "committed work reconsidered" in status(pane)
        assert "optimal (proven)" not in status(pane)

    drive_pane(scenario)


def test_r_reconsiders_committed_work_and_names_what_it_would_stop(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    seen: list[bool] = []

    def spy(*args: Any, reconsider_committed: bool = False, **kwargs: Any) -> ScenarioResult:
        seen.append(reconsider_committed)
        return optimise(*args, reconsider_committed=reconsider_committed, **kwargs)

    monkeypatch.setattr(views_scenario, "optimise", spy)

    async def scenario(app: PmoApp, pilot: Pilot[None], pane: ScenarioPane) -> None:
        assert "committed work fixed" in status(pane)
        await pilot.press("r")
        await pilot.pause()
        assert "committed work reconsidered (mandatory stays in)" in status(pane)
        await pilot.press("o")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert seen == [True]
        assert pane.result is not None and pane.result.reconsider_committed
        assert "it would stop" in status(pane)

    drive_pane(scenario)


def test_infeasible_is_shown_and_the_plan_is_left_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    broken = Violation("envelope", "2027/28", None, None, 9.0, 5.0, 4.0, ("a",), "the £5 cap")
    infeasible = sample_optimum(status="infeasible", objective=None, violations=(broken,))
    monkeypatch.setattr(views_scenario, "optimise", lambda *_, **__: infeasible)

    async def scenario(app: PmoApp, pilot: Pilot[None], pane: ScenarioPane) -> None:
        before = dict(in_out(pane))
        await pilot.press("o")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert in_out(pane) == before and not pane.proving
        assert "infeasible: the programmes that must be in break the £5 cap" in status(pane)
        assert any(m.startswith("infeasible") for m in messages(app))

    drive_pane(scenario)


def test_headline_never_says_optimal_without_a_proof() -> None:
    proven = sample_optimum()
    assert headline(proven).startswith("optimal (proven): value 89.45")
    found = dataclasses.replace(
        proven, status="best-found", bound=89.8, mip_gap=0.0039, solve_seconds=2.0
    )
    assert headline(found).startswith("best found in 2 s, not proven optimal: value 89.45")
    assert "within 0.4% of the best possible (bound 89.8)" in headline(found)
    unknown = dataclasses.replace(found, bound=None, mip_gap=float("inf"))
    assert "within an unknown share of the best possible (bound unknown)" in headline(unknown)


def test_notes_name_over_committed_limits_unvalued_proposals_and_stopped_work() -> None:
    proven = sample_optimum()
    over = Violation("capacity", None, "analyst", "2027-01", 3.0, 2.0, 1.0, ("x",), "analyst cap")
    cand = proven.candidates[0]
    stopped = Stopped(cand.id, "Live\x1b[31m one", "delivery", 1.0, {"2027/28": 5000.0}, {})
    result = dataclasses.replace(
        proven,
        over_committed=(over,),
        unvalued=(cand.id,),
        reconsider_committed=True,
        stopped=(stopped,),
        freed=(dataclasses.replace(proven.totals[0], cost=5000.0),),
    )
    lines = [text for text, _ in notes(result)]
    assert lines[0] == "committed work alone already exceeds analyst cap; nothing chosen adds to it"
    assert lines[1].startswith("1 proposal cannot be valued (no score on every criterion)")
    assert lines[2].startswith("it would stop 1 live programme: Live")
    assert "\x1b" not in lines[2] and "(frees £5k in" in lines[2]
    assert [text for text, _ in notes(dataclasses.replace(proven, over_committed=()))] == []
