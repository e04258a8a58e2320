"""`pmo export gmpp`: one row per programme in GMPP's columns; DCA from assurance, else self."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from pmo.cli import main
from pmo.sheets.gmpp import COLUMNS
from test_index import make_portfolio


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return make_portfolio(tmp_path)


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def test_gmpp_row_per_programme_with_assurance_as_the_dca(root: Path, tmp_path: Path) -> None:
    out = tmp_path / "gmpp.csv"
    argv = ["export", "gmpp", str(out), "--portfolio", str(root), "--period", "2026-11"]
    assert main(argv) == 0
    rows = _rows(out)
    assert list(rows[0]) == list(COLUMNS)
    transport = next(r for r in rows if r["GMPP ID Number"] == "home-to-school-transport")
    assert transport["IPA Delivery Confidence Assessment"] == "Red"  # the PMO's assurance
    assert transport["SRO Delivery Confidence Assessment"] == "Amber"  # the self-assessment
    assert transport["Project start date"] == "01/04/2025"
    assert transport["Project end date"] == "31/10/2027"
    assert transport["Financial Year Baseline (£m)"] == "0.36"
    assert transport["Financial Year Forecast (£m)"] == "0.35"
    assert transport["Financial Year Variance (%)"] == "-1.4"
    assert transport["Total Baseline Whole Life Costs (£m)"] == "0.54"
    assert transport["Total Baseline Benefits (£m)"] == "2.00"
    sen = next(r for r in rows if r["GMPP ID Number"] == "sen-sufficiency")
    assert sen["IPA Delivery Confidence Assessment"] == ""  # no update: blank, never invented
    assert sen["Financial Year Baseline (£m)"] == ""


def test_gmpp_export_refuses_a_file_it_did_not_write(root: Path, tmp_path: Path) -> None:
    out = tmp_path / "gmpp.csv"
    out.write_text("our own list\n", encoding="utf-8")
    assert main(["export", "gmpp", str(out), "--portfolio", str(root)]) == 2
    assert out.read_text(encoding="utf-8") == "our own list\n"
