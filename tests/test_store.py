"""Unit tests of the YAML store: values, positions, anchors, and what reading refuses."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from pmo.model import Programme
from pmo.store.locate import position
from pmo.store.model_errors import type_at, validate_doc
from pmo.store.yamlread import YamlDoc, parse_into


def _doc(text: str) -> YamlDoc:
    doc = YamlDoc(Path("f.yaml"))
    parse_into(doc, text.encode("utf-8"))
    return doc


def test_reading_gives_plain_values_with_dates_and_numbers() -> None:
    doc = _doc("a: 2026-11-21\nb: 1_000\nc: 0.5\nd: text\ne: null\nf: [1, 2]\n")
    assert doc.data == {
        "a": date(2026, 11, 21),
        "b": 1000,
        "c": 0.5,
        "d": "text",
        "e": None,
        "f": [1, 2],
    }
    assert doc.problems == []


def test_position_points_at_nested_value_and_key() -> None:
    doc = _doc("risks:\n  - id: a\n    likelihood: 7\n")
    assert position(doc.root, ("risks", 0, "likelihood")) == (3, 17)
    assert position(doc.root, ("risks", 0, "likelihood"), key=True) == (3, 5)


def test_position_of_missing_path_falls_back_to_deepest_parent() -> None:
    doc = _doc("risks:\n  - id: a\n")
    assert position(doc.root, ("risks", 0, "impact")) == (2, 5)


def test_anchors_and_merge_keys_are_supported() -> None:
    doc = _doc("base: &b {x: 1, y: 2}\nother:\n  <<: *b\n  y: 3\n")
    assert doc.data["other"] == {"x": 1, "y": 3}
    assert doc.problems == []


def test_quoted_no_stays_text_and_plain_no_is_flagged_only_where_text_is_expected() -> None:
    doc = _doc("flag: no\nname: 'no'\n")
    assert doc.data == {"flag": False, "name": "no"}
    assert len(doc.bool_traps) == 1


def test_crlf_and_bom_files_read_like_any_other() -> None:
    doc = YamlDoc(Path("f.yaml"))
    parse_into(doc, "\ufeffa: 1\r\nb: x\r\n".encode())
    assert doc.data == {"a": 1, "b": "x"}


def test_type_at_finds_constraints_through_lists_and_dicts() -> None:
    tp, meta = type_at(Programme, ("risks", 0, "likelihood"))
    assert tp is int
    assert any(getattr(m, "le", None) == 5 for m in meta)
    tp, _ = type_at(Programme, ("scores", "fit"))
    assert tp is int


def test_validate_doc_reports_every_error_with_its_line() -> None:
    doc = _doc(
        "id: x\nname: X\nkind: project\nservice: transformation\nsro: S\nmanager: M\n"
        "stage: delivery\nscores: {fit: 9}\nrisks:\n  - {id: r, title: t, category: c, "
        "likelihood: 0, impact: 6}\n"
    )
    assert validate_doc(doc, Programme) is None
    rendered = sorted((p.line, p.path, p.message) for p in doc.problems)
    assert rendered == [
        (8, "scores.fit", "must be 1..5, got 9"),
        (10, "risks[0].impact", "must be 1..5, got 6"),
        (10, "risks[0].likelihood", "must be 1..5, got 0"),
    ]
