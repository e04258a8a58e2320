"""PMO edits: comments and key order kept, invalid results and stale reads refused, drafts."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pmo.analysis.periods import next_period
from pmo.model.update import Update
from pmo.store.edit import (
    CHANGED,
    EditResult,
    draft_update,
    edit_yaml,
    record_assurance,
)
from pmo.store.model_errors import validate_doc
from pmo.store.write import file_stamp
from pmo.store.yamlread import read_yaml

UPDATE = """\
# Home to School Transport - highlight report
period: 2026-11               # must match the file name
submitted: 2026-11-21
by: Programme Manager, CSTP
rag:                          # the manager's judgement
    overall: amber
    cost: green
summary: Routing live for most schools; SEN routes delayed by driver shortage.
path_to_green: Agency drivers from January.  # required when not green

# what happened
achievements:
    -   Routing live in 4 of 6 districts
next: [Award lot 2 contracts]
decisions:                    # asks of DMT this month
    -   { title: Approve interim agency spend of £85k, by: 2026-12-05 }
# the money
finance: { spend_to_date: 210000, forecast_outturn: 355000, narrative: null }   # current FY
benefits: { sen-cost-per-pupil: 5980 }   # actuals
"""

ON = date(2026, 11, 25)


def _portfolio(tmp_path: Path, text: str = UPDATE, period: str = "2026-11") -> Path:
    folder = tmp_path / "programmes" / "hst" / "updates"
    folder.mkdir(parents=True)
    (folder / f"{period}.yaml").write_text(text, encoding="utf-8")
    return folder / f"{period}.yaml"


def _read(path: Path) -> Update:
    doc = read_yaml(path)
    found = validate_doc(doc, Update)
    assert found is not None, doc.problems
    return found


def _files(path: Path) -> list[str]:
    return sorted(p.name for p in path.parent.iterdir())


def test_record_assurance_keeps_comments_order_and_layout(tmp_path: Path) -> None:
    path = _portfolio(tmp_path)
    result = record_assurance(
        tmp_path, "hst", "2026-11", "red", "Resource gap: not in the rating", by="PMO lead", on=ON
    )
    assert result.written and result.problems == []
    assert result.stamp == file_stamp(path)
    assert path.read_text(encoding="utf-8") == UPDATE + (
        "assurance:\n"
        "    rag: red\n"
        "    note: 'Resource gap: not in the rating'\n"
        "    by: PMO lead\n"
        "    date: 2026-11-25\n"
    )
    assert _files(path) == ["2026-11.yaml"]


def test_record_assurance_replaces_an_existing_one_in_place(tmp_path: Path) -> None:
    old = UPDATE + "assurance:   # PMO only\n    rag: green\n    note: fine\n    by: Someone\n"
    path = _portfolio(tmp_path, old + "# end of report\n")
    result = record_assurance(tmp_path, "hst", "2026-11", "amber", "yes", by=None, on=ON)
    assert result.written, result.problems
    assert path.read_text(encoding="utf-8") == UPDATE + (
        "assurance:   # PMO only\n"
        "    rag: amber\n"
        '    note: "yes"\n'
        "    date: 2026-11-25\n"
        "# end of report\n"
    )
    assurance = _read(path).assurance
    assert assurance is not None
    assert (assurance.rag, assurance.note, assurance.by) == ("amber", "yes", None)


def test_an_invalid_rag_writes_nothing(tmp_path: Path) -> None:
    path = _portfolio(tmp_path)
    result = record_assurance(tmp_path, "hst", "2026-11", "purple", "n", by=None, on=ON)
    assert not result.written
    assert [p.path for p in result.problems] == ["assurance.rag"]
    assert "must be one of: red, amber-red, amber, amber-green, green" in result.problems[0].message
    assert path.read_text(encoding="utf-8") == UPDATE
    assert _files(path) == ["2026-11.yaml"]


def test_a_file_changed_since_it_was_read_is_not_overwritten(tmp_path: Path) -> None:
    path = _portfolio(tmp_path)
    stamp = file_stamp(path)
    assert stamp is not None
    changed = UPDATE.replace("amber", "red", 1) + "# someone else's edit\n"
    path.write_text(changed, encoding="utf-8")
    result = record_assurance(
        tmp_path, "hst", "2026-11", "red", "note", by=None, on=ON, expect=stamp
    )
    assert not result.written
    assert [p.code for p in result.problems] == ["changed-on-disk"]
    assert CHANGED in result.problems[0].message
    assert path.read_text(encoding="utf-8") == changed
    assert _files(path) == ["2026-11.yaml"]


def test_edit_yaml_refuses_a_change_that_breaks_the_model(tmp_path: Path) -> None:
    path = _portfolio(tmp_path)

    def mutate(data: object) -> None:
        assert isinstance(data, dict)
        del data["rag"]  # required: an update is its ratings

    result = edit_yaml(path, mutate, Update)
    assert not result.written
    assert [p.code for p in result.problems] == ["missing-field"]
    assert path.read_text(encoding="utf-8") == UPDATE


def test_an_unchanged_result_is_not_rewritten(tmp_path: Path) -> None:
    path = _portfolio(tmp_path)
    stamp = file_stamp(path)
    result = edit_yaml(path, lambda data: None, Update, stamp)
    assert result == EditResult(path, False, [], stamp)


@pytest.mark.parametrize("programme_id", ["../etc", "HST", "a/b", ""])
def test_ids_that_are_not_slugs_are_refused(tmp_path: Path, programme_id: str) -> None:
    _portfolio(tmp_path)
    for result in (
        record_assurance(tmp_path, programme_id, "2026-11", "red", "n", by=None, on=ON),
        draft_update(tmp_path, programme_id, "2026-12", today=ON),
    ):
        assert not result.written
        assert [p.code for p in result.problems] == ["bad-id"]
    bad_period = record_assurance(tmp_path, "hst", "../../x", "red", "n", by=None, on=ON)
    assert [p.code for p in bad_period.problems] == ["bad-id"]


def test_a_missing_update_is_a_problem(tmp_path: Path) -> None:
    _portfolio(tmp_path)
    result = record_assurance(tmp_path, "hst", "2026-10", "red", "n", by=None, on=ON)
    assert not result.written and [p.code for p in result.problems] == ["missing-file"]


def test_draft_update_starts_next_month_from_the_latest(tmp_path: Path) -> None:
    with_assurance = UPDATE + "assurance:\n    rag: red\n    note: gap\n"
    path = _portfolio(tmp_path, with_assurance)
    (path.parent / "2026-09.yaml").write_text(UPDATE.replace("2026-11", "2026-09"), "utf-8")
    result = draft_update(tmp_path, "hst", next_period("2026-11"), today=date(2026, 12, 18))
    assert result.written, result.problems
    assert result.path == path.parent / "2026-12.yaml"
    assert result.path.read_text(encoding="utf-8") == (
        UPDATE.replace("period: 2026-11 ", "period: 2026-12 ")
        .replace("submitted: 2026-11-21", "submitted: 2026-12-18")
        .replace("achievements:\n    -   Routing live in 4 of 6 districts", "achievements: []")
        .replace("[Award lot 2 contracts]", "[]")
        .replace(
            "decisions:                    # asks of DMT this month\n"
            "    -   { title: Approve interim agency spend of £85k, by: 2026-12-05 }",
            "decisions: []                 # asks of DMT this month",
        )
        .replace(  # the inline comment stays in its column
            "benefits: { sen-cost-per-pupil: 5980 }   # actuals",
            "benefits: {}".ljust(41) + "# actuals",
        )
    )
    assert result.path.stat().st_mode & 0o777 == path.stat().st_mode & 0o777
    draft = _read(result.path)
    assert (draft.period, draft.submitted, draft.assurance) == ("2026-12", date(2026, 12, 18), None)
    assert draft.summary == _read(path).summary
    assert path.read_text(encoding="utf-8") == with_assurance

    again = draft_update(tmp_path, "hst", "2026-12", today=date(2026, 12, 19))
    assert not again.written and [p.code for p in again.problems] == ["exists"]
    assert _read(result.path).submitted == date(2026, 12, 18)


def test_draft_update_with_no_earlier_update_is_a_template_marked_draft(tmp_path: Path) -> None:
    path = _portfolio(tmp_path)
    result = draft_update(tmp_path, "hst", "2026-10", today=ON)
    assert result.written, result.problems
    first = _read(result.path)
    assert (first.period, first.status, first.submitted) == ("2026-10", "draft", ON)
    assert first.by.startswith("TODO")
    assert _files(path) == ["2026-10.yaml", "2026-11.yaml"]


def test_a_draft_copy_is_marked_right_after_its_period(tmp_path: Path) -> None:
    path = _portfolio(tmp_path)
    result = draft_update(tmp_path, "hst", "2026-12", today=ON, draft=True)
    assert result.written, result.problems
    lines = result.path.read_text(encoding="utf-8").splitlines()
    at = next(n for n, line in enumerate(lines) if line.startswith("period: 2026-12"))
    assert lines[at + 1] == "status: draft"
    assert _read(result.path).status == "draft"
    assert _read(path).status is None


def test_next_period_rolls_over_the_year() -> None:
    assert (next_period("2026-11"), next_period("2026-12")) == ("2026-12", "2027-01")


NOTE_TEXT = st.text(
    alphabet=st.one_of(
        st.sampled_from(list("'\":#-?&*!|>%@`{}[],\\ \n")),
        st.characters(blacklist_categories=("Cs",)),
    ),
    max_size=60,
)
PLAIN_WORDS = st.sampled_from(["yes", "no", "on", "off", "null", "~", "1:20", "0o7", "012", "1e3"])


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(note=st.one_of(NOTE_TEXT, PLAIN_WORDS))
def test_any_note_reads_back_exactly(tmp_path: Path, note: str) -> None:
    folder = tmp_path / "programmes" / "hst" / "updates"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "2026-11.yaml"
    path.write_text(UPDATE, encoding="utf-8")
    before = _read(path)
    result = record_assurance(tmp_path, "hst", "2026-11", "amber", note, by="PMO", on=ON)
    assert result.written, result.problems
    after = _read(path)
    assert after.assurance is not None
    assert after.assurance.note == note
    assert after.model_copy(update={"assurance": None}) == before
    assert path.read_text(encoding="utf-8").startswith(UPDATE + "assurance:\n")


def test_windows_line_endings_are_kept(tmp_path: Path) -> None:
    path = _portfolio(tmp_path)
    path.write_bytes(UPDATE.replace("\n", "\r\n").encode("utf-8"))
    result = record_assurance(tmp_path, "hst", "2026-11", "green", "ok", by=None, on=ON)
    assert result.written, result.problems
    assert (
        path.read_bytes()
        == (UPDATE + "assurance:\n    rag: green\n    note: ok\n")
        .replace("\n", "\r\n")
        .encode("utf-8")
        + b"    date: 2026-11-25\r\n"
    )
