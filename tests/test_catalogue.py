"""The error catalogue: one small broken portfolio per problem kind, with the exact output.

Each case copies ``tests/catalogue/base`` (a valid portfolio: 0 errors, 0 warnings on
2026-11-23) to ``tmp_path/portfolio``, applies its edits, runs ``pmo validate portfolio``
from ``tmp_path`` and compares every output line and the exit code.

An edit maps a file (relative to the portfolio) to one of:
  - ``(old, new)``: replace the text ``old`` (which must occur exactly once) by ``new``
  - ``str`` / ``bytes``: the file's whole new content
  - ``None``: delete the file
"""

from __future__ import annotations

import json
import re
import shutil
import time
import tracemalloc
from pathlib import Path
from typing import NamedTuple

import pytest
from freezegun import freeze_time

from pmo.cli import main

BASE = Path(__file__).parent / "catalogue" / "base"
TODAY = "2026-11-23"

PF = "portfolio.yaml"
ALPHA = "programmes/alpha/programme.yaml"
BETA = "programmes/beta/programme.yaml"
OCT = "programmes/alpha/updates/2026-10.yaml"
NOV = "programmes/alpha/updates/2026-11.yaml"

Edit = tuple[str, str] | str | bytes | None


class Case(NamedTuple):
    edits: dict[str, Edit]
    expected: list[str]
    """Every output line except the summary."""
    summary: str
    """The summary line without its timing."""
    exit_code: int = 1
    args: tuple[str, ...] = ()


OK = "portfolio: 2 programmes, 2 monthly updates, 0 DMT notes, period 2026-11:"


def summary(errors: int, warnings: int, *, programmes: int = 2, updates: int = 2) -> str:
    e = "error" if errors == 1 else "errors"
    w = "warning" if warnings == 1 else "warnings"
    return (
        f"portfolio: {programmes} programmes, {updates} monthly updates, 0 DMT notes, "
        f"period 2026-11: {errors} {e}, {warnings} {w}"
    )


CASES: dict[str, Case] = {}


def add(name: str, edits: dict[str, Edit], expected: list[str], summary_line: str,
        exit_code: int = 1, args: tuple[str, ...] = ()) -> None:
    CASES[name] = Case(edits, expected, summary_line, exit_code, args)


# --- reading: YAML itself --------------------------------------------------------------------
add("yaml-syntax-error-points-at-real-line",
    {ALPHA: ("summary: A small programme", "summary: Note: a small programme")}, [], "")
add("yaml-unclosed-flow-list",
    {ALPHA: ("objectives: { sustain: 3, safe: 1 }", "objectives: { sustain: 3, safe: 1")}, [], "")
add("tab-indentation",
    {ALPHA: ("    owner: Head of Transport\n    likelihood", "\towner: Head of Transport\n    likelihood")}, [], "")
add("duplicate-key",
    {ALPHA: ("mandatory: true\n", "mandatory: true\nstage: closing\n")}, [], "")
add("yaml11-no-as-string",
    {ALPHA: ("manager: Programme Manager", "manager: no")}, [], "")
add("yaml11-on-as-key",
    {NOV: ("by: 2026-12-05 }", "on: 2026-12-05 }")}, [], "")
add("not-utf8-latin1",
    {BETA: "id: beta\nname: Beta Project\nsro: Directeur G\xe9n\xe9ral\n".encode("latin-1")}, [], "")
add("empty-file", {NOV: ""}, [], "")
add("comments-only-file", {NOV: "# to be written\n# by the PM\n"}, [], "")
add("top-level-list", {BETA: "- id: beta\n- name: Beta Project\n"}, [], "")
add("recursive-alias", {NOV: "period: &p [*p]\n"}, [], "")
add("python-tag-scalar",
    {ALPHA: ("summary: A small", "summary: !!python/object:os.system A small")}, [], "")
add("python-tag-apply",
    {NOV: ("achievements: [Routing", "achievements: !!python/object/apply:os.system [Routing")}, [], "")
add("multi-document",
    {NOV: "---\nperiod: 2026-11\n---\nperiod: 2026-12\n"}, [], "")

# --- fields: model ---------------------------------------------------------------------------
add("unknown-field-did-you-mean",
    {ALPHA: ("    owner: Head of Transport\n    likelihood", "    ownr: Head of Transport\n    likelihood")}, [], "")
add("unknown-field-lists-choices",
    {NOV: ("by: Programme Manager", "by: Programme Manager\ncolour: blue")}, [], "")
add("wrong-type-text-for-number",
    {ALPHA: ("    likelihood: 3", "    likelihood: high")}, [], "")
add("wrong-type-number-for-list",
    {NOV: ("next: [Publish the lot 2 tender]", "next: 3")}, [], "")
add("out-of-range-likelihood",
    {ALPHA: ("    likelihood: 3", "    likelihood: 7")}, [], "")
add("out-of-range-score",
    {ALPHA: ("scores: { strategic-fit: 4", "scores: { strategic-fit: 6")}, [], "")
add("impossible-date",
    {ALPHA: ("start: 2026-04-01", "start: 2026-02-30")}, [], "")
add("not-allowed-choice-did-you-mean",
    {ALPHA: ("stage: delivery", "stage: delivering")}, [], "")
add("missing-required-field",
    {ALPHA: ("sro: Assistant Director\n", "")}, [], "")
add("id-not-a-slug",
    {ALPHA: ("  - id: provider-market", "  - id: Provider Market")}, [], "")
add("financial-year-not-consecutive",
    {ALPHA: ("budget:\n  2026/27", "budget:\n  2026/28")}, [], "")

# --- cross-file structure --------------------------------------------------------------------
add("id-does-not-match-folder", {BETA: ("id: beta", "id: gamma")}, [], "")
add("unknown-objective", {ALPHA: ("{ sustain: 3", "{ sustian: 3")}, [], "")
add("unknown-criterion", {BETA: ("{ strategic-fit: 2", "{ strategy: 2")}, [], "")
add("unknown-role", {ALPHA: ("role: business-analyst", "role: data-analyst")}, [], "")
add("unknown-parent", {BETA: ("parent: alpha", "parent: alfa")}, [], "")
add("unknown-dependency", {ALPHA: ("programme: beta", "programme: gamma")}, [], "")
add("unknown-risk-category", {ALPHA: ("category: financial", "category: finance")}, [], "")
add("unknown-appetite-category", {PF: ("    financial: 12", "    money: 12")}, [], "")
add("unknown-benefit-in-update",
    {NOV: ("{ cost-per-pupil: 6050 }", "{ cost-per-child: 6050 }")}, [], "")
add("objective-weights-not-100", {PF: ("    weight: 60", "    weight: 50")}, [], "")
add("criteria-weights-not-100", {PF: ("    weight: 30", "    weight: 20")}, [], "")
add("duplicate-milestone-id",
    {ALPHA: ("  - id: lot-2-awarded", "  - id: routing-live")}, [], "")
add("period-does-not-match-file-name", {NOV: ("period: 2026-11", "period: 2026-10")}, [], "")
add("update-file-wrongly-named",
    {NOV: None, "programmes/alpha/updates/nov-2026.yaml": "period: 2026-11\n"}, [], "")
add("five-point-rating-on-three-point-scale",
    {NOV: ("  overall: amber", "  overall: amber-green")}, [], "")

# --- dates -----------------------------------------------------------------------------------
add("actual-date-in-future",
    {ALPHA: ("    actual: 2026-09-10", "    actual: 2026-12-10")}, [], "")
add("milestone-without-forecast",
    {ALPHA: ("    forecast: 2027-02-28\n", "")}, [], "")
add("programme-in-delivery-without-end-forecast",
    {ALPHA: (", forecast: 2027-08-31 }", " }")}, [], "")

# --- data-quality warnings -------------------------------------------------------------------
add("no-path-to-green-is-a-warning",
    {NOV: ("path_to_green: Re-plan the lot 2 timetable by 15 December.\n", "")}, [], "", 0)
add("no-path-to-green-fails-when-strict",
    {NOV: ("path_to_green: Re-plan the lot 2 timetable by 15 December.\n", "")}, [], "", 1,
    ("--strict",))
add("variance-without-narrative",
    {NOV: ("forecast_outturn: 205000", "forecast_outturn: 250000")}, [], "", 0)
add("benefit-without-owner",
    {ALPHA: ("    owner: Head of Transport\n    measure", "    measure")}, [], "", 0)
add("missing-update",
    {BETA: ("stage: feasibility\n", "stage: delivery\nend: { baseline: 2027-03-31, forecast: 2027-03-31 }\n")},
    [], "", 0)
add("stale-update",
    {BETA: ("stage: feasibility\n", "stage: delivery\nend: { baseline: 2027-03-31, forecast: 2027-03-31 }\n"),
     "programmes/beta/updates/2026-09.yaml": "period: 2026-09\nsubmitted: 2026-09-25\nby: Project Manager\nrag: { overall: green }\nsummary: On track.\n"},
    [], "", 0)



def apply_edits(root: Path, edits: dict[str, Edit]) -> None:
    for name, edit in edits.items():
        file = root / name
        if edit is None:
            file.unlink()
        elif isinstance(edit, bytes):
            file.parent.mkdir(parents=True, exist_ok=True)
            file.write_bytes(edit)
        elif isinstance(edit, str):
            file.parent.mkdir(parents=True, exist_ok=True)
            file.write_text(edit, encoding="utf-8")
        else:
            old, new = edit
            text = file.read_text(encoding="utf-8")
            assert text.count(old) == 1, f"{name}: {old!r} occurs {text.count(old)} times"
            file.write_text(text.replace(old, new), encoding="utf-8")


def make_portfolio(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "portfolio"
    shutil.copytree(BASE, root)
    monkeypatch.chdir(tmp_path)
    return root


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, list[str], str]:
    """Run ``pmo validate`` on today's date; (exit code, stdout lines, stderr)."""
    with freeze_time(TODAY):
        code = main(["validate", *args])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out.splitlines(), err


def without_timing(line: str) -> str:
    return re.sub(r" \(\d+\.\d\ds\)$", "", line)


def test_base_is_clean(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    make_portfolio(tmp_path, monkeypatch)
    code, lines, err = run(capsys, "portfolio", "--strict")
    assert [without_timing(line) for line in lines] == [summary(0, 0)]
    assert (code, err) == (0, "")


@pytest.mark.parametrize("case", list(CASES.values()), ids=list(CASES))
def test_catalogue(
    case: Case, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    root = make_portfolio(tmp_path, monkeypatch)
    apply_edits(root, case.edits)
    code, lines, err = run(capsys, "portfolio", *case.args)
    assert lines[:-1] == case.expected
    assert without_timing(lines[-1]) == case.summary
    assert code == case.exit_code
    assert err == ""
