"""Hints that teach the fix: numbers written as money or percentages, indents, tabs."""

from __future__ import annotations

import pytest

from pmo.model import Decision
from pmo.store.hints import indent_hint, mapping_hint, number_hint, without_tabs


@pytest.mark.parametrize(
    ("text", "loc", "hint"),
    [
        ("£120,000", ("budget", "2026/27"), "; write 120000 (a plain number: no £, no commas)"),
        ("120,000", ("budget", "2026/27"), "; write 120000 (a plain number: no commas)"),
        ("£1.2m", ("budget", "2026/27"), "; write 1200000 (a plain number: no £, no 'm')"),
        ("15%", ("business_case", "optimism_bias"), "; write 0.15 for 15%"),
        ("50%", ("resources", 0, "fte"), "; write 0.5 for 50%"),
        ("12.5%", ("benefits", "rate"), "; write 12.5 (a plain number: no %)"),
        ("120000", ("budget", "2026/27"), ""),
        ("1,5", ("budget", "2026/27"), ""),
        ("high", ("risks", 0, "likelihood"), ""),
    ],
)
def test_number_hint_says_how_to_write_the_number(
    text: str, loc: tuple[str | int, ...], hint: str
) -> None:
    assert number_hint(text, loc) == hint


def test_mapping_hint_names_fields_and_quotes_text_yaml_would_misread() -> None:
    assert mapping_hint("Approve: extension", Decision) == (
        " (title required; by, detail, ref, background, recommendation, options, cost, "
        "from_envelope); write { title: 'Approve: extension' }"
    )
    assert (
        mapping_hint(3, Decision)
        == " (title required; by, detail, ref, background, recommendation, options, cost, "
        "from_envelope)"
    )


def test_indent_hint_leaves_text_with_a_colon_to_the_quoting_hint() -> None:
    text = "summary: This is long\n  and continues: here\n"
    assert indent_hint(text, 2, "mapping values are not allowed in this context") == ""


def test_without_tabs_reads_a_tab_as_the_indent_of_its_sibling() -> None:
    assert without_tabs("a:\n\tb: 1\n  c: 2\n") == "a:\n  b: 1\n  c: 2\n"


def test_without_tabs_gives_up_when_no_reading_parses() -> None:
    assert without_tabs("a: [1,\n\tb: {\n") is None
