"""The presentation layer: one money rule, numbers, quantities, months, RAG labels and lists."""

from __future__ import annotations

import pytest

from pmo.present.dates import month_short, period_label
from pmo.present.numbers import (
    DASH,
    axis_money,
    days,
    fte,
    money,
    number,
    or_dash,
    pct,
    quantity,
    signed_money,
)
from pmo.present.rag import STATUS_SORT, rag_label
from pmo.present.words import join_words, plural

MONEY = [(0, "£0"), (900, "£900"), (999.4, "£999"), (999.5, "£1k"), (1_240, "£1.2k")]
MONEY += [(5_000, "£5k"), (9_949, "£9.9k"), (9_950, "£10k"), (84_500, "£85k")]
MONEY += [(999_499, "£999k"), (999_500, "£1.0m"), (1_150_000, "£1.2m"), (4_400_000, "£4.4m")]
MONEY += [(35_674_400_000, "£35.7bn"), (999_960_000, "£1.0bn"), (-200_000, "-£200k")]
MONEY += [(-0.4, "£0"), (None, DASH)]


@pytest.mark.parametrize(("amount", "text"), MONEY)
def test_money_has_one_precision_rule_from_pounds_to_billions(
    amount: float | None, text: str
) -> None:
    assert money(amount) == text


def test_signed_money_marks_gains_and_losses_but_not_zero() -> None:
    assert [signed_money(x) for x in (85_000, -1_200_000, 0.2, None)] == [
        "+£85k",
        "-£1.2m",
        "£0",
        DASH,
    ]


AXIS = [(0, "£0"), (850_000, "£850k"), (1_250_000, "£1.25m"), (2_000_000, "£2m")]
AXIS += [(-40_000, "-£40k"), (12_500_000_000, "£12.5bn"), (400, "£400")]


@pytest.mark.parametrize(("amount", "text"), AXIS)
def test_axis_money_keeps_two_decimals_so_ticks_differ(amount: float, text: str) -> None:
    assert axis_money(amount) == text


def test_numbers_drop_trailing_zeros_and_show_a_dash_for_unknown() -> None:
    assert [number(x) for x in (8.5, 7.0, 0.25, 2.125)] == ["8.5", "7", "0.25", "2.13"]
    assert [fte(1.0), fte(0.5), fte(None)] == ["1", "0.5", DASH]
    assert [pct(72.4), pct(4.55, 1), pct(None)] == ["72%", "4.6%", DASH]
    assert [days(45), days(-3), days(0), days(None)] == ["+45 d", "-3 d", "0 d", DASH]


def test_quantity_keeps_pounds_below_ten_thousand_and_groups_large_numbers() -> None:
    assert quantity(5_980, "GBP") == "£5,980"
    assert quantity(14_800_000, "GBP") == "£14.8m"
    assert quantity(72.46, "%") == "72.5%"
    assert quantity(36.94, "beds") == "36.9 beds"
    assert quantity(12_400, None) == "12,400"
    assert quantity(None, "GBP") == DASH


def test_or_dash_shows_a_dash_only_for_nothing() -> None:
    assert [or_dash(None), or_dash(""), or_dash(0), or_dash("x")] == [DASH, DASH, "0", "x"]


def test_periods_read_as_months() -> None:
    assert period_label("2026-11") == "November 2026"
    assert month_short("2026-01") == "Jan 26"
    assert month_short("2026-13") == "2026-13"


def test_rag_labels_and_sort_put_ratings_worst_first_then_no_rating() -> None:
    assert rag_label("amber-red") == "Amber/Red" and rag_label(None) == DASH
    order = sorted(["green", "stale", "red", "not due", "amber"], key=STATUS_SORT.__getitem__)
    assert order == ["red", "amber", "green", "stale", "not due"]


def test_join_words_reads_as_a_list_and_stops_at_five() -> None:
    lists = ([], ["A"], ["A", "B"], ["A", "B", "C"])
    assert [join_words(x) for x in lists] == ["", "A", "A and B", "A, B and C"]
    many = [str(i) for i in range(12)]
    assert join_words(many) == "0, 1, 2, 3, 4 and 7 more"
    assert [plural(1, "programme"), plural(2, "programme")] == ["1 programme", "2 programmes"]
