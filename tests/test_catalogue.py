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
from datetime import date
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


def summary(
    errors: int,
    warnings: int,
    *,
    programmes: int = 2,
    updates: int = 2,
    dmt: int = 0,
    period: str = "2026-11",
) -> str:
    """The last line of the output, without its timing."""
    e = "error" if errors == 1 else "errors"
    w = "warning" if warnings == 1 else "warnings"
    return (
        f"portfolio: {programmes} programmes, {updates} monthly updates, {dmt} DMT notes, "
        f"period {period}: {errors} {e}, {warnings} {w}"
    )


CASES: dict[str, Case] = {}

BETA_IN_DELIVERY = (
    "stage: feasibility\n",
    "stage: delivery\nend: { baseline: 2027-03-31, forecast: 2027-03-31 }\n",
)
BETA_SEPTEMBER = """\
period: 2026-09
submitted: 2026-09-25
by: Project Manager
rag: { overall: green }
summary: On track.
"""
DMT_NOTE = """\
meeting: 2026-12-03
headline: On track
decisions:
  - { title: Fund lot 2, when: 2026-12-03 }
"""


def add(
    name: str,
    edits: dict[str, Edit],
    expected: list[str],
    summary_line: str,
    exit_code: int = 1,
    args: tuple[str, ...] = (),
) -> None:
    CASES[name] = Case(edits, expected, summary_line, exit_code, args)


# --- reading: YAML itself --------------------------------------------------------------------
add(
    "yaml-syntax-error-points-at-real-line",
    {ALPHA: ("summary: A small programme", "summary: Note: a small programme")},
    [
        "portfolio/programmes/alpha/programme.yaml:10:14: error YAML syntax error: mapping "
        "values are not allowed in this context; if the text contains ': ', put it in quotes",
    ],
    summary(1, 0),
)
add(
    "yaml-unclosed-flow-list",
    {ALPHA: ("objectives: { sustain: 3, safe: 1 }", "objectives: { sustain: 3, safe: 1")},
    [
        "portfolio/programmes/alpha/programme.yaml:14:7: error YAML syntax error: did not "
        "find expected ',' or '}' (while parsing a flow mapping that starts at line 13)",
    ],
    summary(1, 0),
)
add(
    "tab-indentation",
    {
        ALPHA: (
            "    owner: Head of Transport\n    likelihood",
            "\towner: Head of Transport\n    likelihood",
        )
    },
    [
        "portfolio/programmes/alpha/programme.yaml:41:1: error tab character in indentation; "
        "YAML indents with spaces only",
    ],
    summary(1, 0),
)
add(
    "duplicate-key",
    {ALPHA: ("mandatory: true\n", "mandatory: true\nstage: closing\n")},
    [
        "portfolio/programmes/alpha/programme.yaml:10:1: error stage: duplicate key 'stage' "
        "(first at line 8); YAML would keep only the last one: remove or rename one",
    ],
    summary(1, 0),
)
add(
    "yaml11-no-as-string",
    {ALPHA: ("manager: Programme Manager", "manager: no")},
    [
        "portfolio/programmes/alpha/programme.yaml:7:10: error manager: no is read as false "
        "by YAML 1.1, not as text; quote it: 'no'",
    ],
    summary(1, 0),
)
add(
    "yaml11-on-as-key",
    {NOV: ("by: 2026-12-05 }", "on: 2026-12-05 }")},
    [
        "portfolio/programmes/alpha/updates/2026-11.yaml:17:44: error decisions[0].on: "
        "unknown field 'on' (and YAML 1.1 reads a bare on as true); expected one of: title, "
        "by, detail, ref, background, recommendation, options, cost, from_envelope",
    ],
    summary(1, 0),
)
add(
    "not-utf8-latin1",
    {BETA: "id: beta\nname: Beta Project\nsro: Directeur G\xe9n\xe9ral\n".encode("latin-1")},
    [
        "portfolio/programmes/beta/programme.yaml:3:17: error file is not UTF-8 (byte 0xe9); "
        "save it as UTF-8",
    ],
    summary(1, 0),
)
add(
    "empty-file",
    {NOV: ""},
    [
        "portfolio/programmes/alpha/updates/2026-11.yaml:1:1: error file is empty; expected "
        "a mapping of fields (key: value)",
    ],
    summary(1, 0),
)
add(
    "comments-only-file",
    {NOV: "# to be written\n# by the PM\n"},
    [
        "portfolio/programmes/alpha/updates/2026-11.yaml:1:1: error file has only comments; "
        "expected a mapping of fields (key: value)",
    ],
    summary(1, 0),
)
add(
    "top-level-list",
    {BETA: "- id: beta\n- name: Beta Project\n"},
    [
        "portfolio/programmes/beta/programme.yaml:1:1: error expected a mapping of fields "
        "(key: value) at the top, got a list",
    ],
    summary(1, 0),
)
add(
    "recursive-alias",
    {NOV: "period: &p [*p]\n"},
    [
        "portfolio/programmes/alpha/updates/2026-11.yaml:1:9: error an alias refers to the "
        "value that contains it; refused",
    ],
    summary(1, 0),
)
add(
    "python-tag-scalar",
    {ALPHA: ("summary: A small", "summary: !!python/object:os.system A small")},
    [
        "portfolio/programmes/alpha/programme.yaml:10:10: error summary: YAML tag "
        "!!python/object:os.system is not allowed; remove it",
    ],
    summary(1, 0),
)
add(
    "python-tag-apply",
    {NOV: ("achievements: [Routing", "achievements: !!python/object/apply:os.system [Routing")},
    [
        "portfolio/programmes/alpha/updates/2026-11.yaml:14:15: error achievements: YAML tag "
        "!!python/object/apply:os.system is not allowed; remove it",
    ],
    summary(1, 0),
)
add(
    "multi-document",
    {NOV: "---\nperiod: 2026-11\n---\nperiod: 2026-12\n"},
    [
        "portfolio/programmes/alpha/updates/2026-11.yaml:3:1: error YAML syntax error: a "
        "second document starts here ('---'); a file holds one document: remove it",
    ],
    summary(1, 0),
)

# --- fields: model ---------------------------------------------------------------------------
add(
    "unknown-field-did-you-mean",
    {
        ALPHA: (
            "    owner: Head of Transport\n    likelihood",
            "    ownr: Head of Transport\n    likelihood",
        )
    },
    [
        "portfolio/programmes/alpha/programme.yaml:41:5: error risks[0].ownr: unknown field "
        "'ownr'; did you mean 'owner'?",
    ],
    summary(1, 0),
)
add(
    "unknown-field-lists-choices",
    {NOV: ("by: Programme Manager", "by: Programme Manager\ncolour: blue")},
    [
        "portfolio/programmes/alpha/updates/2026-11.yaml:4:1: error colour: unknown field "
        "'colour'; expected one of: period, status, submitted, by, rag, summary, path_to_green, "
        "achievements, next, decisions, finance, benefits, savings_forecast, assurance",
    ],
    summary(1, 0),
)
add(
    "wrong-type-text-for-number",
    {ALPHA: ("    likelihood: 3", "    likelihood: high")},
    [
        "portfolio/programmes/alpha/programme.yaml:42:17: error risks[0].likelihood: "
        "expected a whole number, got 'high'",
    ],
    summary(1, 0),
)
add(
    "wrong-type-number-for-list",
    {NOV: ("next: [Publish the lot 2 tender]", "next: 3")},
    [
        "portfolio/programmes/alpha/updates/2026-11.yaml:15:7: error next: expected a list, got 3",
    ],
    summary(1, 0),
)
add(
    "out-of-range-likelihood",
    {ALPHA: ("    likelihood: 3", "    likelihood: 7")},
    [
        "portfolio/programmes/alpha/programme.yaml:42:17: error risks[0].likelihood: must be "
        "1..5, got 7",
    ],
    summary(1, 0),
)
add(
    "out-of-range-score",
    {ALPHA: ("scores: { strategic-fit: 4", "scores: { strategic-fit: 6")},
    [
        "portfolio/programmes/alpha/programme.yaml:14:26: error scores.strategic-fit: must "
        "be 1..5, got 6",
    ],
    summary(1, 0),
)
add(
    "impossible-date",
    {ALPHA: ("start: 2026-04-01", "start: 2026-02-30")},
    [
        "portfolio/programmes/alpha/programme.yaml:11:8: error start: 2026-02-30 is not a "
        "real date (February 2026 has 28 days)",
    ],
    summary(1, 0),
)
add(
    "not-allowed-choice-did-you-mean",
    {ALPHA: ("stage: delivery", "stage: delivering")},
    [
        "portfolio/programmes/alpha/programme.yaml:8:8: error stage: must be one of: "
        "pipeline, feasibility, business-case, delivery, closing, closed; got 'delivering'; "
        "did you mean 'delivery'?",
    ],
    summary(1, 0),
)
add(
    "missing-required-field",
    {ALPHA: ("name: Alpha Programme\n", "")},
    [
        "portfolio/programmes/alpha/programme.yaml:1:1: error name: missing required field 'name'",
    ],
    summary(1, 0),
)
add(
    "programme-without-sro-or-manager",
    {ALPHA: ("sro: Assistant Director\nmanager: Programme Manager\n", "manager: ''\n")},
    [
        "portfolio/programmes/alpha/programme.yaml:1:1: warning no sro or manager "
        "(recommended: a role, e.g. `sro: Assistant Director`); the programme is still "
        "counted, shown as not recorded",
    ],
    summary(0, 1),
    0,
)
add(
    "update-without-by-or-summary",
    {NOV: ("by: Programme Manager\n", "")},
    [
        "portfolio/programmes/alpha/updates/2026-11.yaml:1:1: warning no by (recommended: "
        "who submitted it); the update is still used",
    ],
    summary(0, 1),
    0,
)
add(
    "id-not-a-slug",
    {ALPHA: ("  - id: provider-market", "  - id: Provider Market")},
    [
        "portfolio/programmes/alpha/programme.yaml:38:9: error risks[0].id: must be a "
        "lowercase id like 'home-to-school-transport' (a-z, 0-9, single hyphens), got "
        "'Provider Market'",
    ],
    summary(1, 0),
)
add(
    "financial-year-not-consecutive",
    {ALPHA: ("budget:\n  2026/27", "budget:\n  2026/28")},
    [
        "portfolio/programmes/alpha/programme.yaml:24:3: error budget.2026/28: key "
        "'2026/28': financial year 2026/28 should be 2026/27 (April to March)",
    ],
    summary(1, 0),
)

# --- cross-file structure --------------------------------------------------------------------
add(
    "id-does-not-match-folder",
    {BETA: ("id: beta", "id: gamma")},
    [
        "portfolio/programmes/beta/programme.yaml:1:5: error id: id 'gamma' does not match "
        "its folder 'beta'; the id must equal the folder name",
    ],
    summary(1, 0),
)
add(
    "unknown-objective",
    {ALPHA: ("{ sustain: 3", "{ sustian: 3")},
    [
        "portfolio/programmes/alpha/programme.yaml:13:15: error objectives.sustian: unknown "
        "objective 'sustian'; did you mean 'sustain'?",
    ],
    summary(1, 0),
)
add(
    "unknown-criterion",
    {BETA: ("{ strategic-fit: 2", "{ strategy: 2")},
    [
        "portfolio/programmes/beta/programme.yaml:10:9: warning scores: no score for "
        "strategic-fit; until every criterion is scored it is listed apart as unscored, never "
        "ranked (the optimiser cannot value it)",
        "portfolio/programmes/beta/programme.yaml:10:11: error scores.strategy: unknown "
        "criterion 'strategy'; did you mean 'strategic-fit'?",
    ],
    summary(1, 1),
)
add(
    "unknown-role",
    {ALPHA: ("role: business-analyst", "role: data-analyst")},
    [
        "portfolio/programmes/alpha/programme.yaml:51:13: warning resources[1].role: unknown "
        "role 'data-analyst' (no capacity recorded for it in portfolio.yaml: its demand is "
        "counted but not checked against capacity); known: programme-manager, business-analyst",
    ],
    summary(0, 1),
    0,
)
add(
    "unknown-parent",
    {BETA: ("parent: alpha", "parent: alfa")},
    [
        "portfolio/programmes/beta/programme.yaml:4:9: error parent: unknown programme "
        "'alfa'; did you mean 'alpha'?",
    ],
    summary(1, 0),
)
add(
    "unknown-dependency",
    {ALPHA: ("programme: beta", "programme: gamma")},
    [
        "portfolio/programmes/alpha/programme.yaml:48:18: error dependencies[0].programme: "
        "unknown programme 'gamma'; known: alpha, beta",
    ],
    summary(1, 0),
)
add(
    "unknown-risk-category",
    {ALPHA: ("category: financial", "category: finance")},
    [
        "portfolio/programmes/alpha/programme.yaml:40:15: error risks[0].category: unknown "
        "risk category 'finance'; did you mean 'financial'?",
    ],
    summary(1, 0),
)
add(
    "unknown-appetite-category",
    {PF: ("    financial: 12", "    money: 12")},
    [
        "portfolio/portfolio.yaml:30:5: error risk.appetite.money: unknown risk category "
        "'money'; known: safeguarding, financial, delivery, workforce, reputational, legal, "
        "data, partnership",
    ],
    summary(1, 0),
)
add(
    "unknown-benefit-in-update",
    {NOV: ("{ cost-per-pupil: 6050 }", "{ cost-per-child: 6050 }")},
    [
        "portfolio/programmes/alpha/updates/2026-11.yaml:19:13: error "
        "benefits.cost-per-child: unknown benefit 'cost-per-child'; did you mean "
        "'cost-per-pupil'?",
    ],
    summary(1, 0),
)
add(
    "objective-weights-not-100",
    {PF: ("    weight: 60", "    weight: 50")},
    [
        "portfolio/portfolio.yaml:5:3: error objectives: objective weights sum to 90 (50 + "
        "40); they must sum to 100",
    ],
    summary(1, 0),
)
add(
    "criteria-weights-not-100",
    {PF: ("    weight: 30", "    weight: 20")},
    [
        "portfolio/portfolio.yaml:12:3: error criteria: criterion weights sum to 90 (70 + "
        "20); they must sum to 100",
    ],
    summary(1, 0),
)
add(
    "duplicate-milestone-id",
    {ALPHA: ("  - id: lot-2-awarded", "  - id: routing-live")},
    [
        "portfolio/programmes/alpha/programme.yaml:33:9: error milestones[1].id: duplicate "
        "milestone id 'routing-live' (also milestones[0]); ids must be unique",
    ],
    summary(1, 0),
)
add(
    "period-does-not-match-file-name",
    {NOV: ("period: 2026-11", "period: 2026-10")},
    [
        "portfolio/programmes/alpha/updates/2026-11.yaml:1:9: error period: period 2026-10 "
        "does not match the file name 2026-11.yaml",
    ],
    summary(1, 0),
)
add(
    "update-file-wrongly-named",
    {NOV: None, "programmes/alpha/updates/nov-2026.yaml": "period: 2026-11\n"},
    [
        "portfolio/programmes/alpha/updates/nov-2026.yaml:1:1: error update file "
        "'nov-2026.yaml' should be named YYYY-MM.yaml (e.g. 2026-11.yaml); it was not read",
    ],
    summary(1, 0, updates=1, period="2026-10"),
)
add(
    "five-point-rating-on-three-point-scale",
    {NOV: ("  overall: amber", "  overall: amber-green")},
    [
        "portfolio/programmes/alpha/updates/2026-11.yaml:5:12: error rag.overall: "
        "'amber-green' is a five-point rating but portfolio.yaml has rag_scale: three-point; "
        "use red, amber or green",
    ],
    summary(1, 0),
)

# --- dates -----------------------------------------------------------------------------------
add(
    "actual-date-in-future",
    {ALPHA: ("    actual: 2026-09-10", "    actual: 2026-12-10")},
    [
        "portfolio/programmes/alpha/programme.yaml:31:13: error milestones[0].actual: actual "
        "date 2026-12-10 is in the future (today is 2026-11-23); use forecast until it has "
        "happened",
    ],
    summary(1, 0),
)
add(
    "milestone-without-forecast",
    {ALPHA: ("    forecast: 2027-02-28\n", "")},
    [
        "portfolio/programmes/alpha/programme.yaml:33:5: error milestones[1]: milestone "
        "'lot-2-awarded' has no actual date, so it needs a forecast date",
    ],
    summary(1, 0),
)
add(
    "programme-in-delivery-without-end-forecast",
    {ALPHA: (", forecast: 2027-08-31 }", " }")},
    [
        "portfolio/programmes/alpha/programme.yaml:12:6: error end: a programme in delivery "
        "needs end.forecast",
    ],
    summary(1, 0),
)

# --- data-quality warnings -------------------------------------------------------------------
add(
    "no-path-to-green-is-a-warning",
    {NOV: ("path_to_green: Re-plan the lot 2 timetable by 15 December.\n", "")},
    [
        "portfolio/programmes/alpha/updates/2026-11.yaml:5:12: warning rag.overall: overall "
        "is amber but there is no path_to_green; say how it gets back to green",
    ],
    summary(0, 1),
    0,
)
add(
    "no-path-to-green-fails-when-strict",
    {NOV: ("path_to_green: Re-plan the lot 2 timetable by 15 December.\n", "")},
    [
        "portfolio/programmes/alpha/updates/2026-11.yaml:5:12: warning rag.overall: overall "
        "is amber but there is no path_to_green; say how it gets back to green",
    ],
    summary(0, 1),
    1,
    ("--strict",),
)
add(
    "variance-without-narrative",
    {NOV: ("forecast_outturn: 205000", "forecast_outturn: 250000")},
    [
        "portfolio/programmes/alpha/updates/2026-11.yaml:18:53: warning "
        "finance.forecast_outturn: forecast outturn is +25.0% against the 2026/27 budget "
        "(tolerance 5%) with no finance.narrative; explain the variance",
    ],
    summary(0, 1),
    0,
)
add(
    "benefit-without-owner",
    {ALPHA: ("    owner: Head of Transport\n    measure", "    measure")},
    [
        "portfolio/programmes/alpha/programme.yaml:53:5: warning benefits[0]: benefit "
        "'cost-per-pupil' has no owner",
    ],
    summary(0, 1),
    0,
)
add(
    "missing-update",
    {BETA: BETA_IN_DELIVERY},
    [
        "portfolio/programmes/beta/programme.yaml:1:1: warning no update for 2026-11; add "
        "updates/2026-11.yaml",
    ],
    summary(0, 1),
    0,
)
add(
    "stale-update",
    {
        BETA: BETA_IN_DELIVERY,
        "programmes/beta/updates/2026-09.yaml": BETA_SEPTEMBER,
    },
    [
        "portfolio/programmes/beta/programme.yaml:1:1: warning stale: latest update is "
        "2026-09, 66 days old at the end of 2026-11 (limit 35); add updates/2026-11.yaml",
    ],
    summary(0, 1, updates=3),
    0,
)
add(
    "draft-update-is-left-out-until-the-mark-goes",
    {NOV: ("period: 2026-11\n", "period: 2026-11\nstatus: draft\n")},
    [
        "portfolio/programmes/alpha/updates/2026-11.yaml:2:9: warning status: the 2026-11 "
        "update is a draft: left out of every figure (the programme counts as missing that "
        "month) until the manager deletes `status: draft`",
    ],
    summary(0, 1, period="2026-10"),  # a draft is not yet reported: October is the month
    0,
)
add(
    "update-template-placeholder",
    {NOV: ("by: Programme Manager", 'by: "TODO who submits it"')},
    [
        "portfolio/programmes/alpha/updates/2026-11.yaml:3:5: warning by: still the "
        "template's placeholder (TODO who submits it); replace it",
    ],
    summary(0, 1),
    0,
)

# --- more reading traps (found while building this catalogue) ----------------------------------
add(
    "yaml11-off-as-string",
    {NOV: ("  schedule: amber", "  schedule: off")},
    [
        "portfolio/programmes/alpha/updates/2026-11.yaml:6:13: error rag.schedule: off is "
        "read as false by YAML 1.1, not as text; quote it: 'off'",
    ],
    summary(1, 0),
)
add(
    "control-character",
    {BETA: ("name: Beta Project", "name: Beta\x07Project")},
    [
        "portfolio/programmes/beta/programme.yaml:2:11: error control character U+0007 is "
        "not allowed in YAML; remove it",
    ],
    summary(1, 0),
)
add(
    "utf16-file",
    {BETA: "id: beta\n".encode("utf-16")},
    [
        "portfolio/programmes/beta/programme.yaml:1:1: error file is not UTF-8 (byte 0xff); "
        "save it as UTF-8",
    ],
    summary(1, 0),
)
add(
    "bad-value-for-explicit-int-tag",
    {ALPHA: ("    impact: 4", "    impact: !!int four")},
    [
        "portfolio/programmes/alpha/programme.yaml:43:13: error risks[0].impact: expected a "
        "whole number, got 'four'",
        "portfolio/programmes/alpha/programme.yaml:43:13: error risks[0].impact: 'four' is "
        "not a valid !!int; remove the tag",
    ],
    summary(2, 0),
)
add(
    "number-key-where-financial-year-expected",
    {ALPHA: ("budget:\n  2026/27", "budget:\n  2026")},
    [
        "portfolio/programmes/alpha/programme.yaml:24:3: error budget.2026: key '2026': must "
        "be a financial year YYYY/YY like 2026/27, got '2026'",
    ],
    summary(1, 0),
)
add(
    "infinite-number",
    {ALPHA: ("fte: 1.0,", "fte: .inf,")},
    [
        "portfolio/programmes/alpha/programme.yaml:50:37: error resources[0].fte: must be a "
        "finite number, got inf",
    ],
    summary(1, 0),
)
add(
    "date-with-time",
    {NOV: ("submitted: 2026-11-20", "submitted: 2026-11-20 09:30:00")},
    [
        "portfolio/programmes/alpha/updates/2026-11.yaml:2:12: error submitted: expected a "
        "date YYYY-MM-DD, got a date and time 2026-11-20 09:30:00",
    ],
    summary(1, 0),
)
add(
    "date-written-day-first",
    {NOV: ("submitted: 2026-11-20", "submitted: 20/11/2026")},
    [
        "portfolio/programmes/alpha/updates/2026-11.yaml:2:12: error submitted: expected a "
        "date YYYY-MM-DD, got '20/11/2026'; write 2026-11-20 (year first)",
    ],
    summary(1, 0),
)
add(
    "date-written-month-first",
    {NOV: ("submitted: 2026-11-20", "submitted: 11/20/2026")},
    [
        "portfolio/programmes/alpha/updates/2026-11.yaml:2:12: error submitted: expected a "
        "date YYYY-MM-DD, got '11/20/2026'; write it year first, YYYY-MM-DD",
    ],
    summary(1, 0),
)
add(
    "empty-required-text",
    {ALPHA: ("title: Route optimisation live", "title: ''")},
    [
        "portfolio/programmes/alpha/programme.yaml:27:12: error milestones[0].title: must not "
        "be empty",
    ],
    summary(1, 0),
)
add(
    "parent-is-a-project",
    {ALPHA: ("kind: programme", "kind: project")},
    [
        "portfolio/programmes/beta/programme.yaml:4:9: error parent: parent 'alpha' is a "
        "project; a parent must be a programme",
    ],
    summary(1, 0),
)
add(
    "update-submitted-in-future",
    {NOV: ("submitted: 2026-11-20", "submitted: 2026-11-30")},
    [
        "portfolio/programmes/alpha/updates/2026-11.yaml:2:12: error submitted: submitted "
        "2026-11-30 is in the future (today is 2026-11-23)",
    ],
    summary(1, 0),
)
add(
    "unknown-field-in-dmt-note",
    {"dmt/2026-11.yaml": DMT_NOTE},
    [
        "portfolio/dmt/2026-11.yaml:4:26: error decisions[0].when: unknown field 'when'; "
        "expected one of: title, by, detail, ref, background, recommendation, options, cost, "
        "from_envelope",
    ],
    summary(1, 0, dmt=1),
)
DMT_LOG = """\
meeting: 2026-11-05
decisions:
  - { title: Fund lot 2, ref: A-1, cost: { 2026/27: 50000 }, recommendation: Fund it }
outcomes:
  - decision: Fund lot two
    outcome: agreed
    actions:
      - { action: Place the order, owner: Head of Commissioning, due: 2026-11-10,
          done: 2026-11-30 }
  - { decision: A-1, outcome: postponed }
"""
add(
    "decision-log-outcome-not-asked-and-action-done-in-future",
    {"dmt/2026-10.yaml": DMT_LOG},
    [
        "portfolio/dmt/2026-10.yaml:10:31: error outcomes[1].outcome: must be one of: agreed, "
        "deferred, rejected, noted; got 'postponed'",
    ],
    summary(1, 0, dmt=1),
)
add(
    "decision-log-outcome-names-no-request",
    {"dmt/2026-10.yaml": DMT_LOG.replace("postponed", "deferred")},
    [
        "portfolio/dmt/2026-10.yaml:5:15: warning outcomes[0].decision: no request titled or "
        "referenced 'Fund lot two' was asked for 2026-10; known: Fund lot 2; copy the "
        "request's title or ref",
        "portfolio/dmt/2026-10.yaml:9:17: error outcomes[0].actions[0].done: done 2026-11-30 "
        "is in the future (today is 2026-11-23)",
    ],
    summary(1, 1, dmt=1),
)
add(
    "decision-cost-not-money-by-financial-year",
    {"dmt/2026-11.yaml": DMT_NOTE.replace("when: 2026-12-03", "cost: { 2026: 5000 }")},
    [
        "portfolio/dmt/2026-11.yaml:4:34: error decisions[0].cost.2026: key '2026': must be a "
        "financial year YYYY/YY like 2026/27, got '2026'",
    ],
    summary(1, 0, dmt=1),
)

add(
    "yaml11-yes-as-key-in-free-form-mapping",
    {NOV: ("{ cost-per-pupil: 6050 }", "{ yes: 6050 }")},
    [
        "portfolio/programmes/alpha/updates/2026-11.yaml:19:13: error benefits.yes: unknown "
        "benefit 'yes'; known: cost-per-pupil",
        "portfolio/programmes/alpha/updates/2026-11.yaml:19:13: error benefits.yes: key yes is "
        "read as true by YAML 1.1; quote it: 'yes':",
    ],
    summary(2, 0),
)

# --- messages that teach the fix ------------------------------------------------------------
add(
    "money-with-pound-and-commas",
    {ALPHA: ("budget:\n  2026/27: 200000", "budget:\n  2026/27: £200,000")},
    [
        "portfolio/programmes/alpha/programme.yaml:24:12: error budget.2026/27: expected "
        "a number, got '£200,000'; write 200000 (a plain number: no £, no commas)",
    ],
    summary(1, 0),
)
add(
    "percent-for-a-fraction",
    {ALPHA: ("  stage: FBC\n", "  stage: FBC\n  optimism_bias: 15%\n")},
    [
        "portfolio/programmes/alpha/programme.yaml:17:18: error "
        "business_case.optimism_bias: expected a number, got '15%'; write 0.15 for 15%",
    ],
    summary(1, 0),
)
add(
    "fte-as-percent",
    {ALPHA: ("fte: 1.0,", "fte: 50%,")},
    [
        "portfolio/programmes/alpha/programme.yaml:50:37: error resources[0].fte: "
        "expected a number, got '50%'; write 0.5 for 50%",
    ],
    summary(1, 0),
)
add(
    "number-split-at-comma",
    {NOV: ("spend_to_date: 120000", "spend_to_date: 120,000")},
    [
        "portfolio/programmes/alpha/updates/2026-11.yaml:18:31: error finance.000: "
        "unknown field '000'; this looks like the number 120,000 split at its comma: "
        "write 120000 (a plain number: no commas)",
    ],
    summary(1, 0),
)
add(
    "rag-choices-follow-three-point-scale",
    {NOV: ("  schedule: amber", "  schedule: Amber")},
    [
        "portfolio/programmes/alpha/updates/2026-11.yaml:6:13: error rag.schedule: must "
        "be one of: red, amber, green; got 'Amber'; did you mean 'amber'?",
    ],
    summary(1, 0),
)
add(
    "indent-too-deep",
    {NOV: ("  schedule: amber", "   schedule: amber")},
    [
        "portfolio/programmes/alpha/updates/2026-11.yaml:6:12: error YAML syntax error: "
        "the key on line 6 is indented 3 spaces but the key above it 2 spaces; keys of "
        "one mapping line up: indent it by 2 spaces (if it is text that contains ': ', "
        "put the text in quotes instead)",
    ],
    summary(1, 0),
)
add(
    "indent-lines-up-with-nothing",
    {ALPHA: ("    likelihood: 3", "   likelihood: 3")},
    [
        "portfolio/programmes/alpha/programme.yaml:42:4: error YAML syntax error: the key "
        "on line 42 is indented 3 spaces, which lines up with no key above it; keys of "
        "one mapping line up: indent it by 4 spaces, like the keys it belongs with",
    ],
    summary(1, 0),
)
add(
    "stale-update-file-exists",
    {NOV: ("submitted: 2026-11-20", "submitted: 2026-10-20")},
    [
        "portfolio/programmes/alpha/updates/2026-11.yaml:2:12: warning submitted: stale: "
        "this update says it was submitted on 2026-10-20, 41 days before the end of "
        "2026-11 (limit 35); if it was copied from an earlier month, set submitted to the "
        "day you submit it",
    ],
    summary(0, 1),
    0,
)
add(
    "tab-does-not-hide-other-problems",
    {
        ALPHA: (
            "    owner: Head of Transport\n    likelihood: 3",
            "\towner: Head of Transport\n    likelihood: 7",
        )
    },
    [
        "portfolio/programmes/alpha/programme.yaml:41:1: error tab character in "
        "indentation; YAML indents with spaces only",
        "portfolio/programmes/alpha/programme.yaml:42:17: error risks[0].likelihood: must "
        "be 1..5, got 7",
    ],
    summary(2, 0),
)
add(
    "decision-as-plain-text",
    {
        NOV: (
            "  - { title: Approve a two-week extension, by: 2026-12-05 }",
            "  - Approve a two-week extension",
        )
    },
    [
        "portfolio/programmes/alpha/updates/2026-11.yaml:17:5: error decisions[0]: "
        "expected a mapping of fields (title required; by, detail, ref, background, "
        "recommendation, options, cost, from_envelope), got 'Approve a "
        "two-week extension'; write { title: Approve a two-week extension }",
    ],
    summary(1, 0),
)

# --- beyond one directorate: services listed in portfolio.yaml, quarterly reporting -----------
BETA_QUARTERLY = (BETA_IN_DELIVERY[0], BETA_IN_DELIVERY[1] + "reporting: quarterly\n")
add(
    "unknown-service",
    {ALPHA: ("service: access-resources", "service: access-resource")},
    [
        "portfolio/programmes/alpha/programme.yaml:5:10: error service: unknown service "
        "'access-resource'; did you mean 'access-resources'?",
    ],
    summary(1, 0),
)
add(
    "service-not-in-portfolio-services",
    {
        PF: (
            "stale_after_days: 35\n",
            "stale_after_days: 35\nservices: [transport, access-resources]\n",
        )
    },
    [
        "portfolio/programmes/beta/programme.yaml:5:10: error service: unknown service "
        "'transformation'; did you mean 'transport'?",
    ],
    summary(1, 0),
)
add(
    "quarterly-not-missing-between-quarters",
    {BETA: BETA_QUARTERLY},
    [],
    summary(0, 0),
    0,
)
add(
    "quarterly-not-stale-between-quarters",
    {BETA: BETA_QUARTERLY, "programmes/beta/updates/2026-09.yaml": BETA_SEPTEMBER},
    [],
    summary(0, 0, updates=3),
    0,
)
add(
    "quarterly-missing-at-quarter-end",
    {BETA: BETA_QUARTERLY, "programmes/beta/updates/2026-09.yaml": BETA_SEPTEMBER},
    [
        "portfolio/programmes/alpha/programme.yaml:1:1: warning stale: latest update is "
        "2026-11, 41 days old at the end of 2026-12 (limit 35); add updates/2026-12.yaml",
        "portfolio/programmes/beta/programme.yaml:1:1: warning stale: latest update is "
        "2026-09, 97 days old at the end of 2026-12 (limit 35); add updates/2026-12.yaml",
    ],
    summary(0, 2, updates=3, period="2026-12"),
    0,
    ("--period", "2026-12"),
)


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
def test_catalogue(case: Case, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    root = make_portfolio(tmp_path, monkeypatch)
    apply_edits(root, case.edits)
    code, lines, err = run(capsys, "portfolio", *case.args)
    assert lines[:-1] == case.expected
    assert without_timing(lines[-1]) == case.summary
    assert code == case.exit_code
    assert err == ""


# --- refused fast, in bounded memory ---------------------------------------------------------

BILLION_LAUGHS = "".join(
    f"{name}: &{name} [{', '.join([f'*{prev}'] * 9 if prev else ['lol'] * 9)}]\n"
    for prev, name in zip([None, *"abcdefgh"], "abcdefghi", strict=True)
)
"""9 levels of 9 aliases: 9**9 (387 million) values if expanded."""


def timed_run(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> tuple[int, float, int]:
    """Run ``pmo validate portfolio``: (exit code, seconds, peak traced bytes); output stays.

    What is measured is refusing the file, not importing pmo: a clean run warms up first.
    Time and memory are measured in separate runs (tracemalloc slows everything down), and
    today is fixed through ``pmo.clock`` because freezegun would freeze ``perf_counter`` too.
    """
    monkeypatch.setattr("pmo.clock.today", lambda: date(2026, 11, 23))
    main(["validate", str(BASE)])
    capsys.readouterr()
    tracemalloc.start()
    try:
        main(["validate", "portfolio"])
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    capsys.readouterr()
    started = time.perf_counter()
    code = main(["validate", "portfolio"])
    elapsed = time.perf_counter() - started
    return code, elapsed, peak


def test_alias_bomb_is_refused_fast_in_bounded_memory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    root = make_portfolio(tmp_path, monkeypatch)
    apply_edits(root, {NOV: BILLION_LAUGHS})
    code, elapsed, peak = timed_run(monkeypatch, capsys)
    out, err = capsys.readouterr()
    lines = out.splitlines()
    assert lines[:-1] == [
        "portfolio/programmes/alpha/updates/2026-11.yaml:6:4: error aliases (*name) expand to "
        "more than 200,000 values; refused",
    ]
    assert without_timing(lines[-1]) == summary(1, 0)
    assert (code, err) == (1, "")
    assert "Traceback" not in out + err
    assert elapsed < 1.0
    assert peak < 50 * 1024 * 1024


def test_50mb_file_is_refused_fast_in_bounded_memory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    root = make_portfolio(tmp_path, monkeypatch)
    with (root / NOV).open("wb") as handle:  # written in chunks: the test stays small too
        chunk = b"summary: " + b"x" * (1024 * 1024 - 10) + b"\n"
        for _ in range(50):
            handle.write(chunk)
    assert (root / NOV).stat().st_size >= 50 * 1024 * 1024 - 50 * 10
    code, elapsed, peak = timed_run(monkeypatch, capsys)
    out, err = capsys.readouterr()
    lines = out.splitlines()
    assert lines[:-1] == [
        "portfolio/programmes/alpha/updates/2026-11.yaml:1:1: error file is 50.0 MB; the limit "
        "is 2 MB (is this really a portfolio file?)",
    ]
    assert without_timing(lines[-1]) == summary(1, 0)
    assert (code, err) == (1, "")
    assert "Traceback" not in out + err
    assert elapsed < 1.0
    assert peak < 20 * 1024 * 1024


# --- could not run: exit 2, a message on stderr, nothing on stdout ------------------------------


def test_missing_portfolio_yaml_cannot_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    root = make_portfolio(tmp_path, monkeypatch)
    apply_edits(root, {PF: None})
    code, lines, err = run(capsys, "portfolio")
    assert (code, lines) == (2, [])
    assert (
        err == "pmo validate: portfolio: no portfolio.yaml here; is this a portfolio directory?\n"
    )


def test_nonexistent_directory_cannot_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    monkeypatch.chdir(tmp_path)
    code, lines, err = run(capsys, "no-such-portfolio")
    assert (code, lines) == (2, [])
    assert err == "pmo validate: no-such-portfolio: no such directory\n"


# --- --format json ----------------------------------------------------------------------------


def test_json_format_structure(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    root = make_portfolio(tmp_path, monkeypatch)
    apply_edits(
        root,
        {
            ALPHA: ("    likelihood: 3", "    likelihood: 7"),
            NOV: ("path_to_green: Re-plan the lot 2 timetable by 15 December.\n", ""),
        },
    )
    code, lines, err = run(capsys, "portfolio", "--format", "json")
    assert (code, err) == (1, "")
    assert json.loads("\n".join(lines)) == {
        "portfolio": "portfolio",
        "period": "2026-11",
        "programmes": 2,
        "updates": 2,
        "dmt_notes": 0,
        "errors": 1,
        "warnings": 1,
        "ok": False,
        "problems": [
            {
                "file": "portfolio/programmes/alpha/programme.yaml",
                "line": 42,
                "column": 17,
                "path": "risks[0].likelihood",
                "code": "out-of-range",
                "severity": "error",
                "message": "must be 1..5, got 7",
            },
            {
                "file": "portfolio/programmes/alpha/updates/2026-11.yaml",
                "line": 5,
                "column": 12,
                "path": "rag.overall",
                "code": "no-path-to-green",
                "severity": "warning",
                "message": "overall is amber but there is no path_to_green; say how it gets back "
                "to green",
            },
        ],
    }
