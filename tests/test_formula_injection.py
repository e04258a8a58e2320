"""Exports never turn people's text into spreadsheet formulas, and import gives the text back."""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from freezegun import freeze_time
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from pmo.cli import main
from pmo.model import Programme, Update
from pmo.sheets.build_in import build
from pmo.sheets.cells import label
from pmo.sheets.csv_out import file_name, register_bytes
from pmo.sheets.formula import escape_text, unescape_text
from pmo.sheets.mapping import load_mapping
from pmo.sheets.read_in import Read, read_csv_bytes, read_xlsx
from pmo.sheets.registers import Column, Register, registers
from pmo.sheets.xlsx import workbook_bytes
from pmo.store import LoadedPortfolio, ProgrammeSource, Source
from test_import_safety import LOSSY, _first_of_each_id, _tidy
from test_index import make_portfolio
from test_roundtrip import programmes, text, updates

EVIL = '=HYPERLINK("http://evil","click")'
CMD = "+cmd|calc!A1"
STARTS = ("=", "+", "-", "@", "\t", "\r", "'")
"""What a spreadsheet reads as the start of a formula, and the quote that escapes it."""


# --- the rule itself --------------------------------------------------------------------------


@settings(max_examples=300)
@given(st.tuples(st.sampled_from(("", *STARTS, "''", "'=", "=-")), st.text(max_size=20)))
def test_escaped_text_never_starts_a_formula_and_reads_back_exactly(parts: tuple[str, str]) -> None:
    original = "".join(parts)
    escaped = escape_text(original)
    assert not escaped.startswith(STARTS[:-1])  # never = + - @ tab CR first
    assert unescape_text(escaped) == original
    if not original.startswith(STARTS):
        assert escaped == original  # ordinary text is untouched


# --- CSV: the bytes -----------------------------------------------------------------------------


def test_csv_quotes_formula_like_text_but_never_numbers() -> None:
    register = Register(
        "Programmes",
        (Column("Name"), Column("Value", "number"), Column("Owner")),
        [
            [EVIL, -5, CMD],
            ["'quoted", -1.5, "@SUM(A1)"],
            ["plain - text", 3.0, "-"],
        ],
    )
    assert register_bytes(register) == (
        b"\xef\xbb\xbfName,Value,Owner\r\n"
        b'"\'=HYPERLINK(""http://evil"",""click"")",-5,\'+cmd|calc!A1\r\n'
        b"''quoted,-1.5,'@SUM(A1)\r\n"
        b"plain - text,3,'-\r\n"
    )


def test_csv_import_takes_off_only_the_quote_the_export_added() -> None:
    data = b"Name,Note\r\n'=x,'Tis the season\r\n''quoted,'-\r\n"
    sheet, problems = read_csv_bytes(Path("p.csv"), data, "p")
    assert problems == [] and sheet is not None
    assert [cells for _, cells in sheet.rows] == [["=x", "'Tis the season"], ["'quoted", "-"]]


# --- the portfolio through the CLI: xlsx, csv, gmpp ---------------------------------------------


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    """The small portfolio with formula-like text where people write words."""
    root = make_portfolio(tmp_path)
    folder = root / "programmes" / "home-to-school-transport"
    prog = folder / "programme.yaml"
    body = prog.read_text(encoding="utf-8")
    body = body.replace("name: Home to School Transport Review", f"name: '{EVIL}'")
    body = body.replace("title: Operator market cannot absorb the retender", f"title: '{CMD}'")
    body = body.replace("owner: Head of Transport\n    likelihood", "owner: '#N/A'\n    likelihood")
    prog.write_text(body, encoding="utf-8")
    update = folder / "updates" / "2026-11.yaml"
    body = update.read_text(encoding="utf-8")
    body = body.replace("path_to_green: Agency", "path_to_green: \"'-Agency")
    body = body.replace("by 15 Dec.", 'by 15 Dec."')
    update.write_text(body, encoding="utf-8")
    sen = root / "programmes" / "sen-sufficiency" / "programme.yaml"
    body = sen.read_text(encoding="utf-8")
    body = body.replace("manager: Project Manager, CSTP", 'manager: "Project\\a Manager"')
    sen.write_text(body, encoding="utf-8")
    portfolio = root / "portfolio.yaml"
    body = portfolio.read_text(encoding="utf-8")
    body = body.replace("name: Children's Services Transformation Portfolio", "name: '@SUM(1)'")
    portfolio.write_text(body, encoding="utf-8")
    assert main(["validate", str(root), "--period", "2026-11"]) in (0, 1)
    return root


PATH_TO_GREEN = "'-Agency drivers from January; re-plan SEN routes by 15 Dec."


def test_xlsx_text_cells_are_strings_never_formulas(hostile: Path, tmp_path: Path) -> None:
    book_path = tmp_path / "p.xlsx"
    assert main(["export", "xlsx", str(book_path), "--portfolio", str(hostile)]) == 0
    book = load_workbook(book_path)
    found: dict[str, str] = {}
    for ws in book.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type not in ("f", "e"), (ws.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str):
                    assert cell.data_type == "s"
                    found.setdefault(cell.value, ws.title)
    assert found[EVIL] == "Programmes"
    assert found[CMD] == "Risks"
    assert found["#N/A"] == "Risks"
    assert found["@SUM(1)"] in ("Settings", "About")
    assert found["Project\ufffd Manager"] == "Programmes"  # XML cannot hold a BEL: shown as such
    assert book["About"]["B1"].value == "@SUM(1)" and book["About"]["B1"].data_type == "s"


def test_gmpp_quotes_formula_like_text_but_not_a_negative_variance(
    hostile: Path, tmp_path: Path
) -> None:
    out = tmp_path / "gmpp.csv"
    argv = ["export", "gmpp", str(out), "--portfolio", str(hostile), "--period", "2026-11"]
    assert main(argv) == 0
    data = out.read_bytes()
    assert b'"\'=HYPERLINK(""http://evil"",""click"")"' in data
    assert b"''-Agency drivers" in data
    assert b",-1.4," in data  # a number, never quoted
    assert b",=" not in data and b",+" not in data and b",@" not in data


def _imported(tmp_path: Path, kind: str, exported: Path) -> Path:
    out = tmp_path / f"imported-{kind}"
    argv = ["import", kind, str(exported), "--out", str(out), "--period", "2026-11"]
    with freeze_time("2026-11-23"):
        assert main(argv) in (0, 1)
    return out


@pytest.mark.parametrize("kind", ["xlsx", "csv", "gmpp"])
def test_formula_like_text_survives_export_then_import(
    kind: str, hostile: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    exported = tmp_path / {"xlsx": "p.xlsx", "csv": "csv", "gmpp": "gmpp.csv"}[kind]
    argv = ["export", kind, str(exported), "--portfolio", str(hostile)]
    assert main(argv + (["--period", "2026-11"] if kind == "gmpp" else [])) == 0
    out = _imported(tmp_path, kind, exported)
    printed = capsys.readouterr()
    assert "nothing written" not in printed.out + printed.err
    folder = out / "programmes" / "home-to-school-transport"
    prog = yaml.safe_load((folder / "programme.yaml").read_text(encoding="utf-8"))
    update = yaml.safe_load((folder / "updates" / "2026-11.yaml").read_text(encoding="utf-8"))
    assert prog["name"] == EVIL
    if kind == "gmpp":  # GMPP carries the commentary (the path to green) as the summary
        assert update["summary"] == PATH_TO_GREEN
        return
    assert update["path_to_green"] == PATH_TO_GREEN
    assert [r["title"] for r in prog["risks"]] == [CMD]
    assert [r["owner"] for r in prog["risks"]] == ["#N/A"]
    portfolio = yaml.safe_load((out / "portfolio.yaml").read_text(encoding="utf-8"))
    assert portfolio["name"] == "@SUM(1)"


# --- any such text round-trips through both layouts (hypothesis) -------------------------------

formula_like = st.tuples(st.sampled_from(("=", "+", "-", "@", "'", "''", "'=", "'-", "=+")), text)
hostile_text = formula_like.map(lambda parts: " ".join("".join(parts).split()))


def _fit(value: object) -> object:
    """Text as a spreadsheet keeps it, without the control characters XML cannot hold; numbers
    to the 15 digits Excel keeps (this test is about text)."""
    if isinstance(value, dict):
        return {k: _fit(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_fit(v) for v in value]
    if isinstance(value, str):
        return _tidy(ILLEGAL_CHARACTERS_RE.sub("x", value))
    if isinstance(value, float):
        return float(f"{value:.15g}")
    return value


def _read_back(loaded: LoadedPortfolio, layout: str) -> Read:
    read = Read()
    if layout == "csv":
        for register in registers(loaded):
            name = file_name(register)
            sheet, problems = read_csv_bytes(Path(name), register_bytes(register), name[:-4])
            assert problems == [] and sheet is not None
            read.sheets[label(name[:-4])] = sheet
        return read
    with tempfile.TemporaryDirectory() as tmp:
        book = Path(tmp) / "p.xlsx"
        book.write_bytes(workbook_bytes(loaded)[0])
        return read_xlsx(book)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    programmes,
    updates,
    st.lists(hostile_text, min_size=5, max_size=5),
    st.sampled_from(["csv", "xlsx"]),
)
def test_formula_like_text_round_trips_through_csv_and_xlsx(
    prog: dict[str, Any], upd: dict[str, Any], words: list[str], layout: str
) -> None:
    prog = {k: _fit(v) for k, v in prog.items() if k not in LOSSY}
    upd = {k: _fit(v) for k, v in upd.items() if k != "benefits"}
    words = [str(_fit(word)) for word in words]
    prog["name"], prog["sro"], prog["summary"] = words[:3]
    upd["summary"], upd["path_to_green"] = words[3:]
    for key in ("milestones", "risks", "benefits"):
        prog[key] = _first_of_each_id(prog.get(key, []))
    programme, update = Programme.model_validate(prog), Update.model_validate(upd)
    pid, period = programme.id, update.period
    folder = ProgrammeSource(
        pid,
        Source(Path("programme.yaml"), programme, []),
        {period: Source(Path(f"{period}.yaml"), update, [])},
    )
    loaded = LoadedPortfolio(Path("."), None, {pid: folder}, {}, [])
    read = _read_back(loaded, layout)
    imported = build(read, load_mapping("pmo"), "2026-11", date(2026, 11, 23))
    assert [p for p in imported.out.problems if p.severity == "error"] == []
    assert Programme.model_validate(imported.programmes[pid]) == programme
    assert Update.model_validate(imported.updates[pid][period]) == update
