"""`pmo export xlsx` and `pmo export csv`: every register, formatted, never destroying."""

from __future__ import annotations

import csv
import os
import sqlite3
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook

from pmo.cli import main
from test_index import make_portfolio

REGISTERS = [
    "Programmes", "Updates", "Milestones", "Risks", "Issues", "Dependencies", "Benefits",
    "Measurements", "Resources", "Finance", "Decisions", "Scores", "Contributions",
    "Savings forecasts", "DMT notes", "Objectives", "Criteria", "Envelope", "Capacity", "Settings",
]  # fmt: skip


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return make_portfolio(tmp_path)


def _xlsx(root: Path, path: Path, *extra: str) -> int:
    return main(["export", "xlsx", str(path), "--portfolio", str(root), *extra])


def _csv(root: Path, path: Path, *extra: str) -> int:
    return main(["export", "csv", str(path), "--portfolio", str(root), *extra])


def _header(ws: object) -> list[str]:
    return [c.value for c in next(ws.iter_rows(max_row=1))]  # type: ignore[attr-defined]


def test_xlsx_has_a_formatted_sheet_per_register(root: Path, tmp_path: Path) -> None:
    path = tmp_path / "portfolio.xlsx"
    assert _xlsx(root, path) == 0
    book = load_workbook(path)
    assert book.sheetnames == [*REGISTERS, "About"]
    updates = book["Updates"]
    assert updates.freeze_panes == "A2"
    assert updates.auto_filter.ref == "A1:W3"
    header = _header(updates)
    assert header[:5] == ["Programme ID", "Period", "Submitted", "Submitted by", "Overall"]
    nov = dict(zip(header, next(updates.iter_rows(min_row=3, max_row=3)), strict=True))
    assert nov["Overall"].value == "amber"
    assert nov["Overall"].fill.fgColor.rgb.endswith("F39C12")
    assert nov["Assurance"].fill.fgColor.rgb.endswith("C0392B")
    assert nov["Submitted"].value == datetime(2026, 11, 21)
    assert nov["Submitted"].number_format == "dd/mm/yyyy"
    assert nov["Spend to date"].value == 210000
    assert "£" in nov["Spend to date"].number_format
    assert nov["Achievements"].value == "Routing live in 4 of 6 districts"
    assert nov["Next steps"].value == "Award lot 2 contracts"
    assert updates.column_dimensions["L"].width >= 40  # Summary: a long text column
    decisions = book["Decisions"]
    assert [c.value for c in next(decisions.iter_rows(min_row=2, max_row=2))][2] == (
        "Approve interim agency spend of £85k"
    )
    finance = book["Finance"]
    rows = [[c.value for c in row] for row in finance.iter_rows(min_row=2)]
    assert ["home-to-school-transport", "2026/27", 360000, 120000, 240000, 600000] in rows


def test_xlsx_replaces_its_own_export_but_refuses_other_workbooks(
    root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "portfolio.xlsx"
    assert _xlsx(root, path) == 0
    assert _xlsx(root, path) == 0  # its own earlier export
    book = load_workbook(path)
    book.create_sheet("My pivot")
    book.save(path)
    before = path.read_bytes()
    assert _xlsx(root, path) == 2
    assert path.read_bytes() == before
    assert "sheets pmo did not create (My pivot)" in capsys.readouterr().err
    tracker = tmp_path / "tracker.xlsx"
    tracker.write_bytes(b"PK\x03\x04 not really a workbook")
    assert _xlsx(root, tracker) == 2
    assert _xlsx(root, tracker, "--force") == 0
    assert load_workbook(tracker).sheetnames[0] == "Programmes"


def test_csv_writes_a_bom_file_per_register(root: Path, tmp_path: Path) -> None:
    out = tmp_path / "csv"
    assert _csv(root, out) == 0
    names = sorted(p.name for p in out.iterdir())
    assert names == sorted(
        [f"{r.lower().replace(' ', '-')}.csv" for r in REGISTERS] + ["_pmo_export.csv"]
    )
    raw = (out / "decisions.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    with (out / "decisions.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert rows[0]["Decision"] == "Approve interim agency spend of £85k"
    assert rows[0]["Needed by"] == "2026-12-05"
    with (out / "updates.csv").open(encoding="utf-8-sig", newline="") as handle:
        updates = list(csv.DictReader(handle))
    assert [u["Spend to date"] for u in updates] == ["150000", "210000"]
    with (out / "milestones.csv").open(encoding="utf-8-sig", newline="") as handle:
        assert {m["Key"] for m in csv.DictReader(handle)} == {"TRUE", "FALSE"}
    assert not [p for p in out.iterdir() if p.name.startswith(".")]  # no temp files


def test_csv_refuses_a_folder_of_other_files_unless_forced(
    root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "mine"
    out.mkdir()
    (out / "risks.csv").write_text("my own risk log", encoding="utf-8")
    assert _csv(root, out) == 2
    assert (out / "risks.csv").read_text(encoding="utf-8") == "my own risk log"
    assert "--force" in capsys.readouterr().err
    assert _csv(root, out, "--force") == 0
    assert _csv(root, out) == 0  # now it is pmo's folder


def test_csv_never_writes_into_a_fifo_in_its_folder(root: Path, tmp_path: Path) -> None:
    out = tmp_path / "csv"
    assert _csv(root, out) == 0
    (out / "risks.csv").unlink()
    os.mkfifo(out / "risks.csv")
    assert _csv(root, out, "--force") == 2
    assert (out / "risks.csv").is_fifo()
    assert (out / "programmes.csv").exists()


def test_csv_target_that_is_a_file_is_refused(root: Path, tmp_path: Path) -> None:
    assert _csv(root, root / "portfolio.yaml") == 2


def test_validate_does_not_import_openpyxl() -> None:
    code = "import sys, pmo.cli, pmo.validate; print('openpyxl' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


SAMPLE = Path(__file__).resolve().parents[1] / "portfolio"


def _wrote(capsys: pytest.CaptureFixture[str]) -> str:
    return next(line for line in capsys.readouterr().out.splitlines() if line.startswith("wrote"))


def test_every_export_counts_benefit_measurements_as_actuals_and_the_profile_apart(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # one meaning of "benefit measurement" (an actual from an update) in every export: the
    # workbook's 463 Measurements rows are 313 measurements and 150 planned profile values
    counts = "313 benefit measurements, 150 planned profile values"
    book = tmp_path / "p.xlsx"
    assert _xlsx(SAMPLE, book) == 0
    assert f"43 benefits, {counts}, 64 resources" in _wrote(capsys)
    assert _csv(SAMPLE, tmp_path / "csv") == 0
    assert f"43 benefits, {counts}, 64 resources" in _wrote(capsys)
    db = tmp_path / "p.db"
    assert main(["export", "sqlite", str(db), "--portfolio", str(SAMPLE)]) == 0
    assert f"43 benefits, {counts}, 64 resource demands" in _wrote(capsys)
    with sqlite3.connect(db) as conn:
        actual = conn.execute("select count(*) from pmo_benefit_measurement").fetchone()[0]
        planned = conn.execute("select count(*) from pmo_benefit_profile").fetchone()[0]
    assert (actual, planned) == (313, 150)
    workbook = load_workbook(book, read_only=True)
    sheet = workbook["Measurements"]
    header = [c.value for c in next(sheet.iter_rows(max_row=1))]
    kinds = [row[header.index("Type")] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert (kinds.count("actual"), kinds.count("planned"), len(kinds)) == (313, 150, 463)
    about = {row[0]: row[1] for row in workbook["About"].iter_rows(values_only=True)}
    assert about["Measurements"] == (
        "463 rows: 313 benefit measurements (Type actual: reported in monthly updates) and "
        "150 planned profile values (Type planned: each benefit's profile)"
    )
    workbook.close()
