"""Error catalogue, import part: every problem `pmo import` reports, with its exact output.

Each case starts from a small tracker (``tracker.csv``) and mapping (``map.yaml``) that import
cleanly, applies its edits (as in tests/test_catalogue.py: ``(old, new)`` replaces text that
occurs once, a ``str``/``bytes`` is a whole file, ``None`` deletes it), runs
``pmo import csv tracker.csv --out out --mapping map.yaml --period 2026-11`` from
``tmp_path`` and compares the lines about the input (everything before ``wrote …``) and the
exit code. An error writes nothing.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import NamedTuple

import pytest
from freezegun import freeze_time

from pmo.cli import main
from test_catalogue import Edit, apply_edits

TODAY = "2026-11-23"
T = "tracker.csv"
M = "map.yaml"
TRACKER = """\
Ref,Name,SRO,Start,RAG,Note,Budget (£k)
A1,Alpha Programme,Director of Care,01/04/2026,Green,Fine,"£1,200"
B2,Beta Project,Director of Schools,01/05/2026,Amber,Late,N/A
"""
MAPPING = """\
mapping: 1
name: catalogue tracker
blank: absent
withheld: ["n/a", "exempt*"]
dates: [DD/MM/YYYY]
portfolio:
  name: Catalogue
  office: PMO
  objectives: [{ id: safe, title: Safe, weight: 100 }]
  criteria: [{ id: fit, title: Fit, weight: 100, group: attractiveness }]
  risk: { escalate_at: 15 }
  tolerances: { schedule_days: 30, cost_percent: 5, benefit_percent: 10 }
  rag_key: { green: Good, amber: Watch, red: Act }
tables:
  - source: "*"
    record: programme
    required: true
    fields:
      id: Ref
      name: Name
      kind: { value: project }
      service: { value: transformation }
      sro: SRO
      manager: { value: Project Manager }
      stage: { value: pipeline }
      start: Start
      budget.this_year: { column: Budget (£k), scale: 1000 }
  - source: "*"
    record: update
    fields:
      programme: Ref
      submitted: { value: period-end }
      by: { value: Project Manager }
      rag.overall: RAG
      summary: Note
"""
# A second table from another file of a folder import (see FOLDER cases).
RISKS = """\
Programme,Title,Likelihood,Impact
A1,Provider market fails,3,4
"""
RISK_TABLE = """\
  - source: risks
    record: risk
    fields: { programme: Programme, title: Title, likelihood: Likelihood, impact: Impact }
"""


class Case(NamedTuple):
    edits: dict[str, Edit]
    expected: list[str]
    exit_code: int
    target: str = T
    """The file (or folder) imported."""
    kind: str = "csv"


CASES: dict[str, Case] = {}


def add(
    name: str,
    edits: dict[str, Edit],
    expected: list[str],
    code: int,
    target: str = T,
    kind: str = "csv",
) -> None:
    CASES[name] = Case(edits, expected, code, target, kind)


def folder(*tables: str) -> str:
    """The mapping reading ``tracker.csv`` and other CSV files of the folder imported."""
    return MAPPING.replace('source: "*"', "source: tracker") + "".join(tables)


# --- reading the file ----------------------------------------------------------------------
add("not-utf8-nor-windows-1252", {T: b"Ref,Name\nA1,Caf\x81\n"}, [], 1)
add("empty-file", {T: "\n\n"}, [], 1)
add("field-over-1-mb", {T: TRACKER + 'C3,"' + "x" * (1024 * 1024 + 1) + '"\n'}, [], 1)
add("too-many-columns", {T: ",".join(f"c{n}" for n in range(501)) + "\n"}, [], 1)
add("not-a-regular-file", {}, [], 1, target="/dev/null")
add(
    "too-many-rows",
    {T: TRACKER + "".join(f"C{n},Gamma {n},SRO,01/04/2026,Green,Fine,1\n" for n in range(200_000))},
    [],
    1,
)
add("no-programmes", {T: "Ref,Name,SRO,Start,RAG,Note,Budget (£k)\n"}, [], 1)
add(
    "windows-1252-is-read",
    {T: TRACKER.replace("Fine", "Caf\u00e9 \u2013 fine").encode("cp1252")},
    [],
    0,
)
add(
    "semicolons-and-a-bom",
    {T: b"\xef\xbb\xbf" + TRACKER.replace(",", ";").replace('"£1;200"', "1200").encode()},
    [],
    0,
)
# --- the mapping ---------------------------------------------------------------------------
add("mapping-not-found", {M: None}, [], 1)
add("mapping-unknown-key", {M: ("blank: absent", "blanks: absent")}, [], 1)
add("mapping-date-format", {M: ("[DD/MM/YYYY]", "[MM/DD/YYYY]")}, [], 1)
add("mapping-unknown-field", {M: ("      sro: SRO", "      owner: SRO")}, [], 1)
add(
    "mapping-no-column",
    {M: ("      start: Start", "      start: { scale: 2 }")},
    [],
    1,
)
add(
    "mapping-value-not-the-kind",
    {M: ("stage: { value: pipeline }", "stage: { value: piloting }")},
    [],
    1,
)
add("unmapped-required-field", {M: ("      name: Name\n", "")}, [], 1)
# --- columns -------------------------------------------------------------------------------
add("missing-required-column", {T: ("Ref,Name,SRO", "Ref,Title,SRO")}, [], 1)
add("missing-optional-column", {T: ("Note,Budget (£k)", "Note,Budget")}, [], 0)
add("unused-column", {T: (",Budget (£k)\n", ",Budget (£k),Colour\n")}, [], 0)
add("duplicate-column", {T: ("Note,Budget (£k)", "Note,Note")}, [], 0)
add(
    "missing-table",
    {M: MAPPING.replace('source: "*"', "source: projects", 1)},
    [],
    1,
)
add(
    "not-a-workbook", {"book.xlsx": b"PK\x03\x04 not really a workbook"}, [], 1, "book.xlsx", "xlsx"
)
add(
    "partial-finance",
    {
        M: (
            "      summary: Note",
            "      summary: Note\n      finance.forecast_outturn: Budget (£k)",
        )
    },
    [],
    0,
)
# --- other tables of a folder --------------------------------------------------------------
add(
    "folder-risk-of-an-unknown-programme",
    {M: folder(RISK_TABLE), "risks.csv": RISKS.replace("A1,", "C3,")},
    [],
    1,
    ".",
)
add(
    "folder-settings-unknown-and-conflicting",
    {
        M: folder(
            "  - source: settings\n    record: setting\n"
            "    fields: { key: Setting, value: Value }\n"
        ),
        "settings.csv": "Setting,Value\noffice,PMO A\noffice,PMO B\ncolour,blue\n"
        "risk.escalate_at,high\n",
    },
    [],
    1,
    ".",
)
add(
    "folder-measurement-of-an-unknown-benefit",
    {
        M: folder(
            "  - source: measurements\n    record: measurement\n"
            "    fields: { programme: Programme, benefit: Benefit, period: Period, type: Type,\n"
            "              value: Value }\n"
        ),
        "measurements.csv": "Programme,Benefit,Period,Type,Value\n"
        "A1,placements,2026-11,actual,12\n",
    },
    [],
    1,
    ".",
)
add(
    "folder-file-not-in-the-mapping",
    {M: folder(), "notes.csv": "Note\nremember the milk\n"},
    [],
    0,
    ".",
)
add(
    "folder-costs-without-a-business-case",
    {
        M: folder(
            "  - source: finance\n    record: finance\n    fields: { programme: Programme, fy: FY, "
            "capital: Capital }\n"
        ),
        "finance.csv": "Programme,FY,Capital\nA1,2026-27,50000\n",
    },
    [],
    0,
    ".",
)
add(
    "folder-decision-in-a-month-without-an-update",
    {
        M: folder(
            "  - source: decisions\n    record: decision\n    fields: { programme: Programme, "
            "period: Month, title: Decision }\n"
        ),
        "decisions.csv": "Programme,Month,Decision\n"
        "A1,2026-10,Approve lot 2\n,2026-11,Portfolio ask\n",
    },
    [],
    0,
    ".",
)
# --- values --------------------------------------------------------------------------------
add("date-not-in-the-formats", {T: ("01/05/2026", "2026-05-01")}, [], 1)
add("date-that-does-not-exist", {T: ("01/05/2026", "31/02/2026")}, [], 1)
add("rating-not-known", {T: (",Amber,", ",Purple,")}, [], 1)
add("money-not-money", {T: ('"£1,200"', "twelve hundred")}, [], 1)
add("money-negative", {T: ('"£1,200"', "-1200")}, [], 1)
add("required-blank", {T: ("Beta Project", "")}, [], 1)
add("withheld-required", {T: ("Beta Project", "Exempt under Section 43")}, [], 0)
add("withheld-rating-leaves-the-update-out", {T: (",Amber,", ",N/A,")}, [], 0)
add(
    "id-from-name-when-blank",
    {T: ("B2,Beta", ",Beta"), M: ("      programme: Ref", "      programme: Name")},
    [],
    0,
)
add("no-letters-for-an-id", {T: ("B2,Beta Project", "---,Beta Project")}, [], 1)
add("duplicate-programme", {T: ("B2,Beta", "A1,Beta")}, [], 1)
add("id-slugs-collide", {T: TRACKER.replace("A1,", "B 2,").replace("B2,", "B-2,")}, [], 0)


# Every line `pmo import` prints about the input, by case (before its "wrote ..." line).
EXPECTED: dict[str, list[str]] = {
    "date-not-in-the-formats": [
        "tracker.csv:3:4: error Start: got '2026-05-01'; expected a date written DD/MM/YYYY",
        "tracker.csv:3:7: warning Budget (£k): withheld ('N/A'); left out",
    ],
    "date-that-does-not-exist": [
        "tracker.csv:3:4: error Start: got '31/02/2026'; expected a date written DD/MM/YYYY",
        "tracker.csv:3:7: warning Budget (£k): withheld ('N/A'); left out",
    ],
    "duplicate-column": [
        "tracker.csv:1:1: warning Budget (£k): no column 'Budget (£k)'; the "
        "programmes have no budget.this_year",
        "tracker.csv:1:7: warning Note: column not imported: a second column "
        "named 'Note' (the first one is used)",
    ],
    "duplicate-programme": [
        "tracker.csv:3:1: error Ref: a second update for a1 in 2026-11; one "
        "row per programme and month",
        "tracker.csv:3:1: error Ref: programme 'A1' is also on line 2; one row per programme",
        "tracker.csv:3:7: warning Budget (£k): withheld ('N/A'); left out",
    ],
    "empty-file": ["tracker.csv:1:1: error the file has no header row and no rows"],
    "field-over-1-mb": [
        "tracker.csv:4:1: error not readable as CSV: field larger than field limit (1048576)"
    ],
    "folder-costs-without-a-business-case": [
        "finance.csv:2:2: warning FY: a1 has business case "
        "costs or savings for 2026/27 but no business case "
        "(stage and status); they are left out",
        "tracker.csv:3:7: warning Budget (£k): withheld ('N/A'); left out",
    ],
    "folder-decision-in-a-month-without-an-update": [
        "decisions.csv:2:2: warning Month: decision "
        "for a1 in 2026-10, which has no monthly "
        "update; left out",
        "tracker.csv:3:7: warning Budget (£k): withheld ('N/A'); left out",
    ],
    "folder-file-not-in-the-mapping": [
        "notes.csv:1:1: warning file 'notes' not imported: the mapping does not read it",
        "tracker.csv:3:7: warning Budget (£k): withheld ('N/A'); left out",
    ],
    "folder-measurement-of-an-unknown-benefit": [
        "measurements.csv:2:2: error Benefit: a1 has no benefit 'placements'",
        "tracker.csv:3:7: warning Budget (£k): withheld ('N/A'); left out",
    ],
    "folder-risk-of-an-unknown-programme": [
        "risks.csv:2:1: error Programme: no programme 'C3' "
        "among the programmes imported (known: a1, b2)",
        "tracker.csv:3:7: warning Budget (£k): withheld ('N/A'); left out",
    ],
    "folder-settings-unknown-and-conflicting": [
        "settings.csv:3:2: warning Value: office is 'PMO "
        "A' on line 2 and 'PMO B' here; the first is kept",
        "settings.csv:4:1: error Setting: unknown setting "
        "'colour'; expected one of: name, office, "
        "stale_after_days, services, rag_scale, "
        "risk.escalate_at, risk.categories, "
        "tolerances.schedule_days, "
        "tolerances.cost_percent, "
        "tolerances.benefit_percent, rag_key.green, "
        "rag_key.amber, rag_key.red, rag_key.amber-green, "
        "rag_key.amber-red, risk.appetite.CATEGORY",
        "settings.csv:5:2: error Value: got 'high'; expected a whole number",
        "tracker.csv:3:7: warning Budget (£k): withheld ('N/A'); left out",
    ],
    "id-from-name-when-blank": ["tracker.csv:3:7: warning Budget (£k): withheld ('N/A'); left out"],
    "id-slugs-collide": [
        "tracker.csv:3:1: warning Ref: id 'b-2' is taken by line 2; this one is 'b-2-2'",
        "tracker.csv:3:7: warning Budget (£k): withheld ('N/A'); left out",
    ],
    "mapping-date-format": [
        "map.yaml:5:9: error dates[0]: unknown date format 'MM/DD/YYYY'; "
        "expected one of: YYYY-MM-DD, DD/MM/YYYY, DD-MM-YYYY, DD.MM.YYYY, "
        "DD/MM/YY, D MMMM YYYY, D MMM YYYY"
    ],
    "mapping-no-column": [
        "map.yaml:26:14: error tables[0].fields.start: give a column (or "
        "columns) or a constant value"
    ],
    "mapping-not-found": [
        "map.yaml:1:1: error no such mapping file; give a file or one of pmo's mappings (gmpp, pmo)"
    ],
    "mapping-unknown-field": [
        "map.yaml:23:7: error tables[0].fields.owner: a programme has no "
        "field 'owner'; expected one of: id, name, kind, parent, service, "
        "reporting, sro, manager, stage, mandatory, summary, start, "
        "end.baseline, end.current, end.forecast, end.actual, "
        "business_case.stage, business_case.status, "
        "business_case.decided.date, business_case.decided.by, "
        "business_case.optimism_bias, budget.this_year"
    ],
    "mapping-unknown-key": [
        "map.yaml:3:1: error blanks: unknown field 'blanks'; did you mean 'blank'?"
    ],
    "mapping-value-not-the-kind": [
        "map.yaml:25:23: error tables[0].fields.stage.value: "
        "'piloting' is not one of: pipeline, feasibility, "
        "business-case, delivery, closing, closed"
    ],
    "missing-optional-column": [
        "tracker.csv:1:1: warning Budget (£k): no column 'Budget (£k)'; "
        "the programmes have no budget.this_year",
        "tracker.csv:1:7: warning Budget: column not imported: it is not in the mapping",
    ],
    "missing-required-column": [
        "tracker.csv:1:1: error Name: no column 'Name' (for the "
        "programme's name); the columns are: 'Ref', 'Title', 'SRO', "
        "'Start', 'RAG', 'Note', 'Budget (£k)'"
    ],
    "missing-table": [
        "tracker.csv:1:1: error no sheet or CSV file 'projects'; the mapping needs "
        "it for the programmes",
        "tracker.csv:1:2: warning Name: column not imported: it is not in the mapping",
        "tracker.csv:1:3: warning SRO: column not imported: it is not in the mapping",
        "tracker.csv:1:4: warning Start: column not imported: it is not in the mapping",
        "tracker.csv:1:7: warning Budget (£k): column not imported: it is not in the mapping",
    ],
    "money-negative": [
        "tracker.csv:2:7: error Budget (£k): got '-1200'; expected an amount of "
        "money that is not negative",
        "tracker.csv:3:7: warning Budget (£k): withheld ('N/A'); left out",
    ],
    "money-not-money": [
        "tracker.csv:2:7: error Budget (£k): got 'twelve hundred'; expected an "
        "amount of money like 1139.18 or £1,139.18",
        "tracker.csv:3:7: warning Budget (£k): withheld ('N/A'); left out",
    ],
    "no-letters-for-an-id": [
        "tracker.csv:3:1: error Ref: got '---'; expected an id (letters or digits)",
        "tracker.csv:3:7: warning Budget (£k): withheld ('N/A'); left out",
    ],
    "no-programmes": ["tracker.csv:1:1: error no programmes in it"],
    "not-a-regular-file": ["/dev/null:1:1: error this is a device, not a file; it was not read"],
    "not-a-workbook": ["book.xlsx:1:1: error not an Excel workbook (.xlsx)"],
    "not-utf8-nor-windows-1252": [
        "tracker.csv:2:1: error neither UTF-8 nor Windows-1252 (byte 0x81); save it as CSV UTF-8"
    ],
    "partial-finance": [
        "tracker.csv:2:7: warning Budget (£k): finance left out for a1 in "
        "2026-11: pmo's finance needs spend_to_date and forecast_outturn, and "
        "spend_to_date is missing",
        "tracker.csv:3:7: warning Budget (£k): withheld ('N/A'); left out",
    ],
    "rating-not-known": [
        "tracker.csv:3:5: error RAG: got 'Purple'; expected a rating: Green, "
        "Amber/Green, Amber, Amber/Red or Red",
        "tracker.csv:3:7: warning Budget (£k): withheld ('N/A'); left out",
    ],
    "required-blank": [
        "tracker.csv:3:2: error Name: blank; a programme needs its name",
        "tracker.csv:3:7: warning Budget (£k): withheld ('N/A'); left out",
    ],
    "semicolons-and-a-bom": ["tracker.csv:3:7: warning Budget (£k): withheld ('N/A'); left out"],
    "too-many-columns": ["tracker.csv:1:1: error more than 500 columns"],
    "too-many-rows": ["tracker.csv:200002:1: error more than 200,000 rows"],
    "unmapped-required-field": [
        "tracker.csv:1:1: error the mapping gives no column or value for "
        "the programme's name, which pmo needs"
    ],
    "unused-column": [
        "tracker.csv:1:8: warning Colour: column not imported: it is not in the mapping",
        "tracker.csv:3:7: warning Budget (£k): withheld ('N/A'); left out",
    ],
    "windows-1252-is-read": ["tracker.csv:3:7: warning Budget (£k): withheld ('N/A'); left out"],
    "withheld-rating-leaves-the-update-out": [
        "tracker.csv:3:5: warning RAG: withheld ('N/A'), so "
        "this monthly update is left out: it needs its "
        "rag.overall",
        "tracker.csv:3:7: warning Budget (£k): withheld ('N/A'); left out",
    ],
    "withheld-required": [
        "tracker.csv:3:2: warning Name: withheld ('Exempt under Section 43'), "
        "so this programme is left out: it needs its name",
        "tracker.csv:3:7: warning Budget (£k): withheld ('N/A'); left out",
    ],
}


def run(tmp_path: Path, case: Case, capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str]]:
    with freeze_time(TODAY):
        code = main(
            [
                "import",
                case.kind,
                case.target,
                "--out",
                "out",
                "--mapping",
                M,
                "--period",
                "2026-11",
            ]
        )
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err and "internal error" not in err
    lines = out.splitlines()
    before = next((n for n, line in enumerate(lines) if line.startswith("wrote ")), len(lines))
    return code, lines[:before]


def setup(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, edits: dict[str, Edit]) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / T).write_text(TRACKER, encoding="utf-8")
    (tmp_path / M).write_text(MAPPING, encoding="utf-8")
    apply_edits(tmp_path, edits)


def test_base_imports_cleanly(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    setup(tmp_path, monkeypatch, {})
    code, lines = run(tmp_path, Case({}, [], 0), capsys)
    assert lines == [
        "tracker.csv:3:7: warning Budget (£k): withheld ('N/A'); left out",
    ]
    assert code == 0
    out = capsys.readouterr()
    assert (tmp_path / "out" / "programmes" / "a1" / "programme.yaml").is_file()
    assert out.err == ""


@pytest.mark.parametrize("name", list(CASES))
def test_import_catalogue(
    name: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    case = CASES[name]
    setup(tmp_path, monkeypatch, case.edits)
    code, lines = run(tmp_path, case, capsys)
    assert lines == EXPECTED[name]
    assert code == case.exit_code
    assert (tmp_path / "out").exists() == (code == 0)  # an error writes nothing


def test_every_problem_kind_is_in_the_catalogue() -> None:
    codes = set()
    src = Path(__file__).resolve().parents[1] / "src" / "pmo"
    for path in [*src.glob("sheets/*.py"), src / "import_cmd.py"]:
        codes |= set(re.findall(r'"((?:import|mapping)-[a-z-]+)"', path.read_text("utf-8")))
    shown = "\n".join(line for lines in EXPECTED.values() for line in lines)
    missing = sorted(
        c for c in codes - set(ELSEWHERE) if c not in CODES_SHOWN or CODES_SHOWN[c] not in shown
    )
    assert missing == []


#: Each problem kind and a piece of its message (the output shows messages, not codes).
CODES_SHOWN = {
    "import-column-absent": "no column 'Budget (£k)'; the programmes have no",
    "import-column-unused": "column not imported: it is not in the mapping",
    "import-csv": "not readable as CSV: field larger than field limit",
    "import-duplicate": "is also on line 2; one row per programme",
    "import-empty": "the file has no header row and no rows",
    "import-encoding": "neither UTF-8 nor Windows-1252",
    "import-id-renamed": "is taken by line 2; this one is",
    "import-missing-column": "no column 'Name' (for the programme's name)",
    "import-missing-table": "no sheet or CSV file 'projects'",
    "import-no-business-case": "but no business case (stage and status)",
    "import-no-programmes": "no programmes in it",
    "import-no-update": "which has no monthly update; left out",
    "import-not-xlsx": "not an Excel workbook (.xlsx)",
    "import-partial": "finance left out for a1 in 2026-11",
    "import-required": "blank; a programme needs its name",
    "import-setting-conflict": "the first is kept",
    "import-source-unused": "file 'notes' not imported: the mapping does not read it",
    "import-too-long": "more than 200,000 rows",
    "import-too-wide": "more than 500 columns",
    "import-unknown-benefit": "a1 has no benefit 'placements'",
    "import-unknown-programme": "no programme 'C3' among the programmes imported",
    "import-unknown-setting": "unknown setting 'colour'",
    "import-unmapped-field": "the mapping gives no column or value for the programme's name",
    "import-value": "got '31/02/2026'; expected a date written DD/MM/YYYY",
    "import-withheld": "withheld ('N/A'); left out",
    "import-withheld-required": "so this programme is left out: it needs its name",
    "mapping-date-format": "unknown date format 'MM/DD/YYYY'",
    "mapping-no-column": "give a column (or columns) or a constant value",
    "mapping-not-found": "no such mapping file",
    "mapping-unknown-field": "a programme has no field 'owner'",
    "mapping-value": "'piloting' is not one of",
}
#: Problem kinds tested elsewhere, and why.
ELSEWHERE = {
    "import-unreadable": "a file this user may not read: tests run as root, who reads all",
    "import-zip-bomb": "tests/test_import_safety.py (a workbook that unzips past the limit)",
}
