"""The dashboard's filters as pure functions: chips (service, stage, RAG), typed words, sort."""

from __future__ import annotations

from pathlib import Path

from pmo.tui.dashboard import (
    DashboardState,
    Filters,
    Row,
    build_rows,
    chip_bar,
    choices,
    matches,
    visible,
)
from pmo.tui.loading import Loaded, load

SAMPLE = Path(__file__).resolve().parents[1] / "portfolio"


def row(pid: str, service: str, stage: str, rag: str) -> Row:
    """A row with just what filtering and sorting look at (name = id, priority by id length)."""
    keys = tuple((False, v) for v in (pid, service, stage, rag, "", 0.0, -float(len(pid))))
    search = " ".join([pid, service, stage, rag])
    return Row(pid, (), keys, search, service, stage, rag)


ROWS = [
    row("alpha", "children", "delivery", "red"),
    row("bravo", "children", "pipeline", "not due"),
    row("charlie", "schools", "delivery", "amber"),
    row("delta", "schools", "delivery", "red"),
    row("echo", "adults", "closing", "stale"),
]


def ids(rows: list[Row]) -> list[str]:
    return [r.programme for r in rows]


def test_no_filters_show_every_row_in_name_order() -> None:
    assert ids(visible(reversed(ROWS), DashboardState())) == [r.programme for r in ROWS]


def test_one_chip_keeps_any_of_its_values() -> None:
    state = DashboardState(filters=Filters(rag=frozenset({"red", "stale"})))
    assert ids(visible(ROWS, state)) == ["alpha", "delta", "echo"]


def test_chips_of_different_columns_combine_with_and() -> None:
    filters = Filters(stage=frozenset({"delivery"}), rag=frozenset({"red"}))
    assert ids(visible(ROWS, DashboardState(filters=filters))) == ["alpha", "delta"]
    filters = filters.with_chip("service", ["schools"])
    assert ids(visible(ROWS, DashboardState(filters=filters))) == ["delta"]


def test_typed_words_combine_with_chips() -> None:
    filters = Filters(text="SCHOOLS", stage=frozenset({"delivery"}))
    assert ids(visible(ROWS, DashboardState(filters=filters))) == ["charlie", "delta"]
    assert not matches(ROWS[0], filters)
    filters = Filters(text="schools red", stage=frozenset({"delivery"}))
    assert ids(visible(ROWS, DashboardState(filters=filters))) == ["delta"]


def test_not_due_is_a_rag_chip_value_like_any_other() -> None:
    state = DashboardState(filters=Filters(rag=frozenset({"not due"})))
    assert ids(visible(ROWS, state)) == ["bravo"]


def test_sort_applies_to_the_filtered_rows() -> None:
    state = DashboardState(6, False, Filters(stage=frozenset({"delivery"})))
    assert ids(visible(ROWS, state)) == ["charlie", "alpha", "delta"]  # longest id first, then name
    state = DashboardState(0, True, Filters(stage=frozenset({"delivery"})))
    assert ids(visible(ROWS, state)) == ["delta", "charlie", "alpha"]


def test_clearing_chips_keeps_the_typed_words() -> None:
    filters = Filters(text="sch", service=frozenset({"schools"}), rag=frozenset({"red"}))
    assert filters.has_chips
    assert filters.without_chips() == Filters(text="sch")
    assert not filters.without_chips().has_chips
    assert filters.with_chip("rag", []).rag == frozenset()


def test_choices_come_from_the_rows_in_a_sensible_order() -> None:
    assert choices(ROWS, "service") == ["adults", "children", "schools"]
    assert choices(ROWS, "stage") == ["pipeline", "delivery", "closing"]
    assert choices(ROWS, "rag") == ["red", "stale", "amber", "not due"]  # the RAG column's order
    # a value chosen before a reload stays offered (so it can be unticked)
    assert choices(ROWS, "rag", ["green"]) == ["red", "stale", "amber", "green", "not due"]


def test_chip_bar_says_what_is_chosen_and_how_many_are_shown() -> None:
    filters = Filters(text="cast", stage=frozenset({"delivery"}), rag=frozenset({"amber", "red"}))
    plain = chip_bar(filters, 12, 27).plain
    assert "Service: all" in plain
    assert "Stage: delivery" in plain
    assert "RAG: red, amber" in plain
    assert "Text: cast" in plain
    assert "12 of 27 programmes" in plain
    assert len(plain) <= 138
    assert "Text:" not in chip_bar(Filters(), 27, 27).plain


def test_chip_bar_shows_typed_markup_literally() -> None:
    plain = chip_bar(Filters(text="[/x] [link=https://evil.example]y"), 0, 27).plain
    assert "Text: [/x] [link=https://evil.example]y" in plain


def test_sample_rows_carry_their_chip_values() -> None:
    loaded = load(SAMPLE, "2026-11")
    assert isinstance(loaded, Loaded)
    rows = build_rows(loaded)
    for r in rows:
        prog = loaded.data.programmes[r.programme]
        assert (r.service, r.stage) == (prog.service, prog.stage)
        assert str(r.cells[3]).strip() == r.rag
    assert {"red", "amber", "green", "stale", "not due"} <= {r.rag for r in rows}
