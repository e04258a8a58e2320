"""`pmo scenario` names each programme beside its id: made safe, at any width, as the TUI does."""

from __future__ import annotations

import argparse
import io
import json
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console
from textual.pilot import Pilot
from textual.widgets import DataTable

from factories import data, programme
from pmo import scenario_cmd
from pmo.analysis.scenario_frontier import answer_with_frontier
from pmo.tui.app import PmoApp
from pmo.tui.views_scenario import ScenarioPane
from test_tui_scenario import drive_pane
from tui_pilot import plain

PORTFOLIO = Path(__file__).resolve().parents[1] / "portfolio"
PERIOD = "2026-11"
HOSTILE = "[red]B[/red] \x1b[2J\u202eevil [link=x]y[/link]"
"""A programme name with Rich markup, a terminal escape and a bidi override."""
CRITERIA = ("strategic-fit", "statutory", "financial", "deliverability", "readiness")


def _run(*argv: str) -> int:
    parser = argparse.ArgumentParser(prog="pmo")
    scenario_cmd.add_parser(parser.add_subparsers(dest="command"))
    args = parser.parse_args(["scenario", *argv])
    code: int = args.func(args)
    return code


def _terminal(monkeypatch: pytest.MonkeyPatch, width: int) -> io.StringIO:
    """Make `pmo scenario` print to a terminal ``width`` columns wide (no colour codes)."""
    buffer = io.StringIO()
    console = Console(
        file=buffer, width=width, force_terminal=True, color_system=None, highlight=False
    )
    monkeypatch.setattr(scenario_cmd, "_console", lambda: console)
    return buffer


def _candidates(capsys: pytest.CaptureFixture[str]) -> list[dict[str, Any]]:
    assert _run(str(PORTFOLIO), "--period", PERIOD, "--format", "json") == 0
    candidates: list[dict[str, Any]] = json.loads(capsys.readouterr().out)["candidates"]
    return candidates


def test_piped_text_shows_each_programmes_name_beside_its_id_on_one_line(
    capsys: pytest.CaptureFixture[str],
) -> None:
    candidates = _candidates(capsys)
    assert _run(str(PORTFOLIO), "--period", PERIOD) == 0
    lines = capsys.readouterr().out.splitlines()
    for cand in candidates:  # the row: name, id, type, value, in/out, all on one line
        rows = [line for line in lines if f" {cand['id']} " in line and cand["name"] in line]
        assert rows, cand["id"]
    row = next(line for line in lines if " independent-travel-training " in line)
    assert row.startswith("Independent Travel Training for Post-16 SEND ")
    assert row.split()[-3:] == ["proposal", "3.10", "out"]
    why = next(line for line in lines if line.startswith("  - independent-travel-training ("))
    assert why == (
        "  - independent-travel-training (Independent Travel Training for Post-16 SEND): "
        "Project manager in 2027-04: needs 0.5 FTE, 0.25 left (+2 more)"
    )
    chosen = next(line for line in lines if line.startswith("Proposals chosen: "))
    assert "edge-of-care-service (Edge of Care Intensive Family Support)" in chosen


def test_an_80_column_terminal_wraps_names_and_never_cuts_an_id(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    candidates = _candidates(capsys)
    buffer = _terminal(monkeypatch, 80)
    assert _run(str(PORTFOLIO), "--period", PERIOD) == 0
    out = buffer.getvalue()
    lines = [line.rstrip() for line in out.splitlines()]
    assert max(len(line) for line in lines) <= 80
    assert "…" not in out  # nothing cut: names wrap at words, ids have a line of their own
    header = next(n for n, line in enumerate(lines) if line.startswith("Programme"))
    assert lines[header].split() == ["Programme", "/", "ID", "Type", "Value", "In"]
    width = lines[header].index("Type")
    first = " ".join(" ".join(line[:width] for line in lines[header + 2 :]).split())
    for cand in candidates:  # the name (wrapped at words), then its id whole on a line
        assert f"{cand['name']} {cand['id']}" in first, cand["id"]
        assert f"  {cand['id']}" in [line[:width].rstrip() for line in lines]


def test_a_wide_terminal_keeps_a_row_on_one_line(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    buffer = _terminal(monkeypatch, 160)
    assert _run(str(PORTFOLIO), "--period", PERIOD) == 0
    lines = buffer.getvalue().splitlines()
    header = next(line for line in lines if line.startswith("Programme"))
    assert header.split() == ["Programme", "ID", "Type", "Value", "In"]
    assert any(
        line.startswith("Edge of Care Intensive Family Support ")
        and " edge-of-care-service " in line
        for line in lines
    )


def _hostile_answer() -> tuple[Any, Any]:
    scores = dict.fromkeys(CRITERIA, 3)
    bc = {"stage": "FBC", "status": "draft", "costs": {"2026/27": {"revenue": 900_000_000}}}
    progs = [
        programme("hostile", name=HOSTILE, stage="business-case", scores=scores, business_case=bc),
        programme("long", name="Long " * 100, stage="business-case", scores=scores),
    ]
    return answer_with_frontier(data(programmes=progs), PERIOD)


@pytest.mark.parametrize("width", [None, 80])
def test_a_hostile_programme_name_is_shown_never_obeyed(
    width: int | None, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    result, points = _hostile_answer()
    assert "hostile" in {e.id for e in result.excluded}  # in the table and the why-out lines
    buffer = _terminal(monkeypatch, width) if width else None
    scenario_cmd._text(result, points)
    out = buffer.getvalue() if buffer else capsys.readouterr().out
    assert "\x1b" not in out and "\u202e" not in out
    words = " ".join(out.split())
    assert "[red]B[/red] \\x1b[2J⟨U+202E⟩evil [link=x]y[/link]" in words  # shown as typed
    if width is None:  # piped: each row and each sentence on one line
        lines = out.splitlines()
        why = next(line for line in lines if line.startswith("  - hostile ("))
        assert why.startswith("  - hostile ([red]B[/red] \\x1b[2J⟨U+202E⟩evil [link=x]y[/link]):")
        long = next(line for line in lines if " long " in line)  # cut, never wrapped
        assert long.startswith("Long Long") and "… (500 characters)" in long
        assert long.split()[-3:] == ["committed", "3.00", "in"]


def test_the_tui_scenario_tab_names_types_and_ids_as_pmo_scenario_does() -> None:
    seen: dict[str, list[str]] = {}

    async def scenario(app: PmoApp, pilot: Pilot[None], pane: ScenarioPane) -> None:
        table: DataTable[Any] = pane.query_one("#scenario-candidates", DataTable)
        seen["header"] = [plain(c.label) for c in table.ordered_columns]
        seen["row"] = [plain(c).strip() for c in table.get_row("edge-of-care-service")]

    drive_pane(scenario)
    assert seen["header"] == ["Programme", "Type", "Value", "In/out", "ID"]
    name, kind, _, _, pid = seen["row"]
    assert (name, kind, pid) == (
        "Edge of Care Intensive Family Support",
        "proposal",  # the word pmo scenario uses, not "pipeline"
        "edge-of-care-service",
    )
