"""The benefits tab's text chart: planned trajectory against measurements."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rich.text import Text

from pmo.model import Benefit
from pmo.tui.benefit_chart import (
    ACTUAL,
    AHEAD_STYLE,
    BEHIND,
    BEHIND_STYLE,
    PLANNED,
    benefit_chart,
    measurements,
    tick,
)

SAMPLE = Path(__file__).resolve().parents[1] / "portfolio"


def benefit(**changes: Any) -> Benefit:
    """A benefit from 0 (end of Jan 2026) to 12 (end of Dec 2026), higher is better."""
    fields: dict[str, Any] = {
        "id": "widgets",
        "title": "More widgets",
        "kind": "non-financial",
        "unit": "widgets",
        "baseline": {"value": 0, "date": "2026-01-31"},
        "target": {"value": 12, "by": "2026-12-31"},
    }
    return Benefit.model_validate(fields | changes)


def style_at(text: Text, offset: int) -> str:
    """The style of the last span covering ``offset`` (as given when appended)."""
    styles = [str(s.style) for s in text.spans if s.start <= offset < s.end]
    return styles[-1] if styles else ""


def test_planned_only_chart_has_axes_labels_and_says_no_measurements() -> None:
    chart = benefit_chart(benefit(), {})
    lines = chart.plain.splitlines()
    assert lines[0] == "More widgets (widgets)  ▲ higher is better"
    # nine rows, highest value at the top, labelled top, middle and bottom
    assert lines[1].startswith("12 ┤")
    assert lines[5].startswith(" 6 ┤")
    assert lines[9].startswith(" 0 ┤")
    assert lines[10].startswith("   └─")
    assert lines[11].strip().startswith("2026-01")
    assert "2026-03" in lines[11]
    assert PLANNED in chart.plain and ACTUAL not in "".join(lines[1:10])
    assert lines[-1].strip() == "no measurements yet"
    # the planned line starts at the bottom left (baseline) and ends at the top right (target)
    assert lines[9][4] == PLANNED
    assert lines[1].rstrip().endswith(PLANNED)


def test_actual_points_sit_in_their_month_columns() -> None:
    # 12 months over 45 cells: 4 cells a month, month m at cell 4m (after "NN ┤", 4 chars)
    chart = benefit_chart(benefit(), {"2026-03": 2.0, "2026-07": 9.0})
    lines = chart.plain.splitlines()
    row_2 = 1 + round((12 - 2) / 12 * 8)  # line of value 2
    row_9 = 1 + round((12 - 9) / 12 * 8)
    assert lines[row_2].index(BEHIND) == 4 + 2 * 4  # 2 in March is behind the plan
    assert lines[row_9].index(ACTUAL) == 4 + 6 * 4
    assert sum(line.count(ACTUAL) + line.count(BEHIND) for line in lines[1:10]) == 2
    assert "no measurements yet" not in chart.plain


def test_points_differ_in_shape_and_colour_by_the_better_direction() -> None:
    up = benefit_chart(benefit(), {"2026-03": 0.5, "2026-07": 9.0})  # behind, then ahead
    points = [i for i, ch in enumerate(up.plain) if ch in (ACTUAL, BEHIND)][:2]  # July first
    assert [up.plain[i] for i in points] == [ACTUAL, BEHIND]
    assert [style_at(up, i) for i in points] == [AHEAD_STYLE, BEHIND_STYLE]

    # lower is better: from 10 down to 4; 9.5 in July is behind the plan, 5 in July ahead
    down = benefit(
        direction="down",
        baseline={"value": 10, "date": "2026-01-31"},
        target={"value": 4, "by": "2026-12-31"},
    )
    behind = benefit_chart(down, {"2026-07": 9.5})
    ahead = benefit_chart(down, {"2026-07": 5.0})
    assert "▼ lower is better" in behind.plain
    assert style_at(behind, behind.plain.index(BEHIND)) == BEHIND_STYLE
    assert style_at(ahead, ahead.plain.index(ACTUAL)) == AHEAD_STYLE
    lines = behind.plain.splitlines()
    assert lines[1].startswith("10 ┤") and lines[9].startswith(" 4 ┤")  # the axis still reads up
    assert lines[1][4] == PLANNED  # the plan starts high (baseline 10) and falls


def test_measurements_without_a_plan_and_nothing_at_all() -> None:
    bare = benefit(baseline=None, target=None)
    chart = benefit_chart(bare, {"2026-01": 3.0, "2026-02": 4.0})
    assert chart.plain.count(ACTUAL) == 2 + 1  # two points (no plan to be behind) and the legend
    assert PLANNED not in "".join(chart.plain.splitlines()[1:10])
    assert "Nothing" not in chart.plain
    assert "No planned trajectory or measurements" in benefit_chart(bare, {}).plain


def test_measurements_come_from_updates_up_to_the_period() -> None:
    from pmo.tui.loading import Loaded, load

    loaded = load(SAMPLE, "2026-11")
    assert isinstance(loaded, Loaded)
    ups = loaded.data.updates_of("cast-operating-model")
    got = measurements(ups, "assessments-45-days", "2026-06")
    assert got == {"2026-01": 83.0, "2026-03": 83.0, "2026-05": 83.5}
    assert measurements(ups, "no-such-benefit", "2026-11") == {}


def test_tick_labels_are_short() -> None:
    assert [tick(v) for v in (0.25, 19.5, 4200, 350_000, 1_250_000, -2_000_000)] == [
        "0.25",
        "19.5",
        "4,200",
        "350k",
        "1.25m",
        "-2m",
    ]
