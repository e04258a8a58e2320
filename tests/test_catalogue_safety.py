"""Error catalogue, safety part: hostile or mistaken values and the problems they give.

Same form as tests/test_catalogue.py (a copy of the base portfolio, edits, every output line
and the exit code); kept apart so each file stays readable.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from test_catalogue import ALPHA, BETA, NOV, Case, Edit, apply_edits, make_portfolio, run, summary
from test_catalogue import without_timing as bare

A = "portfolio/programmes/alpha/programme.yaml"
B = "portfolio/programmes/beta/programme.yaml"
U = "portfolio/programmes/alpha/updates/2026-11.yaml"
OLD = "programmes/alpha/updates/1999-12.yaml"
LONG = 1_900_000
K60 = "k" * 59 + "…"

CASES: dict[str, Case] = {}


def add(name: str, edits: dict[str, Edit], expected: list[str], last: str, code: int = 1) -> None:
    CASES[name] = Case(edits, expected, last, code)


def update_for(period: str, submitted: str) -> str:
    return (
        f"period: {period}\nsubmitted: {submitted}\nby: Project Manager\n"
        "rag: { overall: green }\nsummary: On track.\n"
    )


# --- YAML 1.1 numbers ---------------------------------------------------------------------------
add(
    "yaml11-octal",
    {ALPHA: ("    impact: 4", "    impact: 010")},
    [
        f"{A}:43:13: error risks[0].impact: 010 is read as 8 by YAML 1.1 (a leading 0 means "
        "octal); write the number without it, or quote it if it is text: '010'"
    ],
    summary(1, 0),
)
add(
    "yaml11-base-60",
    {ALPHA: ("    likelihood: 3", "    likelihood: 1:30")},
    [
        f"{A}:42:17: error risks[0].likelihood: 1:30 is read as 90 by YAML 1.1 (base 60, as a "
        "time); write the number without it, or quote it if it is text: '1:30'"
    ],
    summary(1, 0),
)
add(
    "yaml11-hexadecimal",
    {ALPHA: ("    likelihood: 3", "    likelihood: 0x3")},
    [
        f"{A}:42:17: error risks[0].likelihood: 0x3 is read as 3 by YAML 1.1 (hexadecimal); "
        "write the number without it, or quote it if it is text: '0x3'"
    ],
    summary(1, 0),
)

# --- text that would act on a terminal ----------------------------------------------------------
add(
    "bidi-override-in-name",
    {ALPHA: ("name: Alpha Programme", "name: Alpha \u202eemmargorP")},
    [
        f"{A}:2:7: warning name: text holds control, bidi or invisible characters (⟨U+202E⟩): "
        "'Alpha ⟨U+202E⟩emmargorP'; they are shown escaped, never obeyed: remove them"
    ],
    summary(0, 1),
    0,
)
add(
    "escape-sequence-in-name",
    {ALPHA: ("name: Alpha Programme", 'name: "Alpha\\e]2;PWNED\\a"')},
    [
        f"{A}:2:7: warning name: text holds control, bidi or invisible characters (\\x07, "
        "\\x1b): 'Alpha\\x1b]2;PWNED\\x07'; they are shown escaped, never obeyed: remove them"
    ],
    summary(0, 1),
    0,
)
add(
    "zero-width-space-in-id",
    {BETA: ("id: beta", "id: be\u200bta")},
    [
        f"{B}:1:5: error id: must be a lowercase id like 'home-to-school-transport' (a-z, 0-9, "
        "single hyphens), got 'be⟨U+200B⟩ta'"
    ],
    summary(1, 0),
)
add(
    "zero-width-joiner-in-reference",
    {ALPHA: ("programme: beta,", "programme: be\u200dta,")},
    [
        f"{A}:48:18: error dependencies[0].programme: must be a lowercase id like "
        "'home-to-school-transport' (a-z, 0-9, single hyphens), got 'be⟨U+200D⟩ta'"
    ],
    summary(1, 0),
)
add(
    "huge-key-shown-short",
    {NOV: ("summary:", "? " + "k" * LONG + "\n: 1\nsummary:")},
    [
        f"{U}:12:3: error {K60}: unknown field '{K60} ({LONG:,} characters)'; expected one of: "
        "period, status, submitted, by, rag, summary, path_to_green, achievements, next, "
        "decisions, finance, benefits, savings_forecast, assurance"
    ],
    summary(1, 0),
)
add(
    "huge-value-shown-short",
    {NOV: ("  overall: amber", "  overall: " + "k" * LONG)},
    [f"{U}:5:12: error rag.overall: must be one of: red, amber, green; got '{'k' * 37}...'"],
    summary(1, 0),
)

# --- relations that go round in circles, names that clash -------------------------------------
CYCLE = "parents go round in a circle (alpha → beta → alpha); a programme cannot be its own "
add(
    "parent-cycle",
    {ALPHA: ("parent: null", "parent: beta"), BETA: ("kind: project", "kind: programme")},
    [
        f"{A}:4:9: error parent: {CYCLE}ancestor: remove one of these parents",
        f"{B}:4:9: error parent: {CYCLE}ancestor: remove one of these parents",
    ],
    summary(2, 0),
)
DEPS = (
    "dependencies go round in a circle (alpha → beta → alpha); none of these can finish before "
    "the others: say which one really waits"
)
add(
    "dependency-cycle",
    {BETA: ("id: beta\n", "id: beta\ndependencies:\n  - { programme: alpha }\n")},
    [
        f"{A}:48:18: warning dependencies[0].programme: {DEPS}",
        f"{B}:3:18: warning dependencies[0].programme: {DEPS}",
    ],
    summary(0, 2),
    0,
)
add(
    "two-programmes-one-name",
    {BETA: ("name: Beta Project", "name: alpha  PROGRAMME")},
    [
        f"{B}:2:7: warning name: another programme (alpha) is also named 'alpha  PROGRAMME'; "
        "reports and the dashboard show names, so give each its own"
    ],
    summary(0, 1),
    0,
)

# --- dates in an impossible order ---------------------------------------------------------------
add(
    "milestone-years-before-start",
    {ALPHA: ("baseline: 2026-06-30", "baseline: 2016-06-30")},
    [
        f"{A}:28:15: error milestones[0].baseline: milestone baseline 2016-06-30 is 10 years "
        "before the programme starts (2026-04-01); is the year mistyped?"
    ],
    summary(1, 0),
)
add(
    "milestone-a-year-before-start-is-a-gate-not-a-typo",
    {ALPHA: ("baseline: 2026-06-30", "baseline: 2025-04-01")},
    [],
    summary(0, 0),
    0,
)
add(
    "milestone-forecast-years-before-start",
    {ALPHA: ("forecast: 2026-09-15", "forecast: 2024-09-15")},
    [
        f"{A}:30:15: error milestones[0].forecast: milestone forecast 2024-09-15 is 2 years "
        "before the programme starts (2026-04-01); is the year mistyped?"
    ],
    summary(1, 0),
)
add(
    "benefit-target-before-baseline",
    {ALPHA: ("by: 2028-03-31 }", "by: 2025-03-31 }")},
    [
        f"{A}:62:32: error benefits[0].target.by: target date 2025-03-31 is before the baseline "
        "was measured (2026-03-31); a target comes after its baseline"
    ],
    summary(1, 0),
)

# --- bounds: whatever validates can be analysed --------------------------------------------------
OUTSIDE = "is outside the years pmo handles (2000 to 2100)"
add(
    "month-before-2000",
    {OLD: update_for("1999-12", "1999-12-25")},
    [
        f"portfolio/programmes/alpha/updates/1999-12.yaml:1:9: error period: month 1999-12 "
        f"{OUTSIDE}",
        f"portfolio/programmes/alpha/updates/1999-12.yaml:2:12: error submitted: date "
        f"1999-12-25 {OUTSIDE}",
    ],
    summary(2, 0, updates=3),
)
add(
    "date-in-year-1",
    {ALPHA: ("start: 2026-04-01", "start: 0001-04-01")},
    [f"{A}:11:8: error start: date 0001-04-01 {OUTSIDE}"],
    summary(1, 0),
)
add(
    "financial-year-before-2000",
    {ALPHA: ("budget:\n  2026/27: 200000", "budget:\n  1999/00: 200000")},
    [f"{A}:24:3: error budget.1999/00: key '1999/00': financial year 1999/00 {OUTSIDE}"],
    summary(1, 0),
)
add(
    "money-beyond-bounds",
    {ALPHA: ("revenue: 200000", "revenue: 1.0e+28")},
    [f"{A}:20:37: error business_case.costs.2026/27.revenue: must be 0..1e+13, got 1e+28"],
    summary(1, 0),
)
add(
    "benefit-value-beyond-bounds",
    {ALPHA: ("target: { value: 5400,", "target: { value: -1.0e+300,")},
    [f"{A}:62:22: error benefits[0].target.value: must be -1e+13..1e+13, got -1e+300"],
    summary(1, 0),
)


@pytest.mark.parametrize("case", list(CASES.values()), ids=list(CASES))
def test_safety_catalogue(
    case: Case, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_portfolio(tmp_path, monkeypatch)
    apply_edits(root, case.edits)
    code, lines, err = run(capsys, "portfolio", *case.args)
    assert lines[:-1] == case.expected
    assert bare(lines[-1]) == case.summary
    assert (code, err) == (case.exit_code, "")
    assert all(len(line) < 1000 for line in lines)
    assert not any("\x1b" in line or "\u202e" in line or "\u200b" in line for line in lines)
