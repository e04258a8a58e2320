"""`pmo import`: export -> import round trips; GMPP in both layouts; never into a portfolio."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
import yaml
from freezegun import freeze_time

from pmo.cli import main

SAMPLE = Path(__file__).resolve().parents[1] / "portfolio"
TODAY = "2026-11-23"

GMPP_HEADER = (
    "GMPP ID Number,Project Name,Department,Annual Report Category,Description / Aims,"
    "IPA Delivery Confidence Assessment,SRO Delivery Confidence Assessment,"
    "Departmental commentary on the DCA,Project start date,Project end date,"
    "Schedule narrative,Financial Year Baseline (£m),Financial Year Forecast (£m),"
    "Financial Year Variance (%),Variance narrative,Total Baseline Whole Life Costs (£m),"
    "WLC narrative,Total Baseline Benefits (£m),Benefits narrative\n"
)
# The recent layout: UTF-8 (with a BOM, as Excel saves it), three-point IPA and SRO ratings.
GMPP_THREE_POINT = (
    GMPP_HEADER
    + "DfE_0012,School Rebuilding,Department for Education,Infrastructure and Construction,"
    '"Rebuild 500 schools, over ten years",Amber,Green,On track after re-plan,01/04/2021,'
    "31/03/2031,,1139.18,1100.00,-3.4,,12500.00,,,\n"
    "DfE_0013,Free Schools,Department for Education,Infrastructure and Construction,"
    "New schools,Red,Amber,Delayed sites,15/09/2014,31/03/2027,,£85.5,,,,,,,\n"
)
# The older layout: Windows-1252, five-point DCA in one column, money "£1,139.18" (£m),
# and cells withheld under the Freedom of Information Act.
GMPP_FIVE_POINT = (
    "GMPP ID Number,Project Name,Department,Category,Description / Aims,"
    "Delivery Confidence Assessment,Departmental narrative on the DCA,Start Date,End Date,"
    "Financial Year Baseline (£m),Total Baseline Whole Life Costs (£m)\n"
    "MOJ-7,Prison Estate Transformation,Ministry of Justice,Infrastructure and Construction,"
    'Replace old prisons,Amber/Red,"Costs rose – see narrative",01/07/2016,31/03/2025,'
    '"£1,139.18","£3,200.00"\n'
    "MOJ-8,Courts Reform,Ministry of Justice,Transformation and Service Delivery,"
    "Digital courts,Amber/Green,Exempt under Section 43 (commercial interests),02/01/2016,"
    "31/12/2023,N/A,\n"
    "MOJ-9,Legal Aid Digital,Ministry of Justice,ICT,Online applications,"
    "Exempt under Section 43 (commercial interests),,01/04/2017,31/03/2022,£12.5,\n"
)


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    with freeze_time(TODAY):
        code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _status(capsys: pytest.CaptureFixture[str], root: Path) -> object:
    code, out, _ = _run(capsys, "status", str(root), "--format", "json")
    assert code in (0, 1)
    data = json.loads(out)
    data.pop("portfolio", None)
    return data


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_export_then_import_gives_the_same_answers(
    kind: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    exported = tmp_path / ("p.xlsx" if kind == "xlsx" else "csv")
    assert _run(capsys, "export", kind, str(exported), "--portfolio", str(SAMPLE))[0] == 0
    out = tmp_path / "imported"
    code, printed, err = _run(capsys, "import", kind, str(exported), "--out", str(out))
    assert code == 0, printed + err
    assert "wrote" in printed and "27 programmes, 269 monthly updates" in printed
    # the planned profile read back is not counted as benefit measurements (actuals)
    assert "313 benefit measurements, 150 planned profile values" in printed
    assert "0 errors" in printed.splitlines()[-1]
    assert _status(capsys, out) == _status(capsys, SAMPLE)


def _gmpp(tmp_path: Path, text: str, encoding: str) -> Path:
    path = tmp_path / "gmpp.csv"
    data = text.encode(encoding)
    path.write_bytes(b"\xef\xbb\xbf" + data if encoding == "utf-8" else data)
    return path


def _yaml(path: Path) -> dict[str, object]:
    loaded = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(loaded, dict)
    return loaded


def test_gmpp_three_point_utf8(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = _gmpp(tmp_path, GMPP_THREE_POINT, "utf-8")
    out = tmp_path / "pf"
    code, printed, _ = _run(
        capsys, "import", "gmpp", str(source), "--out", str(out), "--period", "2026-03"
    )
    assert code == 0, printed
    programme = _yaml(out / "programmes" / "dfe-0012" / "programme.yaml")
    assert programme["name"] == "School Rebuilding"
    assert programme["service"] == "infrastructure-and-construction"
    assert programme["budget"] == {"2025/26": 1_139_180_000}
    assert programme["end"] == {"baseline": date(2031, 3, 31), "forecast": date(2031, 3, 31)}
    update = _yaml(out / "programmes" / "dfe-0012" / "updates" / "2026-03.yaml")
    assert update["rag"] == {"overall": "green"}
    assert update["assurance"] == {"rag": "amber", "by": "IPA"}
    assert update["summary"] == "On track after re-plan"
    free = _yaml(out / "programmes" / "dfe-0013" / "programme.yaml")
    assert free["budget"] == {"2025/26": 85_500_000}  # "£85.5" in a £m column
    portfolio = _yaml(out / "portfolio.yaml")
    assert portfolio["office"] == "Department for Education"
    assert portfolio["rag_scale"] == "three-point"
    assert portfolio["services"] == ["infrastructure-and-construction"]
    assert "column not imported: pmo keeps costs by financial year" in printed
    assert "0 errors" in printed.splitlines()[-1]


def test_gmpp_five_point_windows_1252_with_withheld_cells(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = _gmpp(tmp_path, GMPP_FIVE_POINT, "cp1252")
    out = tmp_path / "pf"
    code, printed, _ = _run(
        capsys, "import", "gmpp", str(source), "--out", str(out), "--period", "2024-03"
    )
    assert code == 0, printed
    prison = out / "programmes" / "moj-7"
    assert _yaml(prison / "programme.yaml")["budget"] == {"2023/24": 1_139_180_000}
    update = _yaml(prison / "updates" / "2024-03.yaml")
    assert update["rag"] == {"overall": "amber-red"}  # the one DCA is both ratings
    assert update["summary"] == "Costs rose – see narrative"  # the en dash from Windows-1252
    courts = out / "programmes" / "moj-8"
    assert "budget" not in _yaml(courts / "programme.yaml")  # N/A: withheld, not zero
    assert "summary" not in _yaml(courts / "updates" / "2024-03.yaml")  # exempt: left out
    assert not (out / "programmes" / "moj-9" / "updates").exists()  # its DCA is exempt
    assert _yaml(out / "portfolio.yaml")["rag_scale"] == "five-point"
    lines = printed.splitlines()
    assert any(
        ":4:6: warning Delivery Confidence Assessment: withheld ('Exempt under Section 43 "
        "(commercial interests)'), so this monthly update is left out" in line
        for line in lines
    )
    assert any(
        ":3:10: warning Financial Year Baseline (£m): withheld ('N/A'); left out" in line
        for line in lines
    )
    assert any(
        ":3:7: warning Departmental narrative on the DCA: withheld ('Exempt under Section 43"
        in line
        for line in lines
    )
    summary = next(line for line in lines if line.startswith("wrote "))
    assert "3 programmes, 2 monthly updates" in summary
    assert "values withheld" in summary


def test_never_writes_into_an_existing_portfolio(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = _gmpp(tmp_path, GMPP_THREE_POINT, "utf-8")
    existing = tmp_path / "existing"
    existing.mkdir()
    (existing / "portfolio.yaml").write_text("name: mine\n", encoding="utf-8")
    for extra in ((), ("--force",)):
        code, _, err = _run(capsys, "import", "gmpp", str(source), "--out", str(existing), *extra)
        assert code == 2
        assert "never writes into an existing portfolio" in err
    assert (existing / "portfolio.yaml").read_text(encoding="utf-8") == "name: mine\n"
    empty = tmp_path / "empty"
    empty.mkdir()
    code, _, err = _run(capsys, "import", "gmpp", str(source), "--out", str(empty))
    assert code == 2 and "--force" in err
    code, _, _ = _run(capsys, "import", "gmpp", str(source), "--out", str(empty), "--force")
    assert code == 0
    assert (empty / "portfolio.yaml").is_file()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["empty", "existing", "gmpp.csv"]


def test_unusable_input_writes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = GMPP_THREE_POINT.replace("01/04/2021", "2021-13-45")
    source = _gmpp(tmp_path, bad, "utf-8")
    out = tmp_path / "pf"
    code, printed, err = _run(capsys, "import", "gmpp", str(source), "--out", str(out))
    assert code == 1
    assert (
        "gmpp.csv:2:9: error Project start date: got '2021-13-45'; expected a date written "
        "DD/MM/YYYY or YYYY-MM-DD or D MMMM YYYY or D MMM YYYY" in printed
    )
    assert "nothing written" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["gmpp.csv"]


README = Path(__file__).resolve().parents[1] / "README.md"
OUR_TRACKER = """\
Ref,Project,Directorate,SRO,PM,Stage,Budget (£k),Row No,Notes,RAG,Commentary
FR-01,Fostering Recruitment,,Head of Service,Project Manager,feasibility,250,1,x,On track,Fine
SW-02,Social Work Academy,children-families,Head of Service,PM,pipeline,,2,,At risk,Late
"""


def test_the_readme_mapping_example_works(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    text = README.read_text(encoding="utf-8")
    start = text.index("```yaml\nmapping: 1")
    example = text[start + len("```yaml\n") : text.index("```", start + 8)]
    monkeypatch.chdir(tmp_path)
    Path("our-tracker.yaml").write_text(example, encoding="utf-8")
    Path("projects.csv").write_text(OUR_TRACKER, encoding="utf-8")
    code, printed, err = _run(
        capsys, "import", "csv", "projects.csv", "--out", "portfolio",
        "--mapping", "our-tracker.yaml", "--period", "2026-11",
    )  # fmt: skip
    assert code == 0, printed + err
    assert "warning Notes: column not imported: we keep notes elsewhere" in printed
    fostering = _yaml(tmp_path / "portfolio" / "programmes" / "fr-01" / "programme.yaml")
    assert fostering["service"] == "transformation"  # the default for a blank cell
    assert fostering["budget"] == {"2026/27": 250_000}
    update = _yaml(tmp_path / "portfolio" / "programmes" / "sw-02" / "updates" / "2026-11.yaml")
    assert update["rag"] == {"overall": "amber"}


def test_gmpp_from_a_workbook(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import csv
    import io

    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "GMPP data"
    for row in csv.reader(io.StringIO(GMPP_THREE_POINT)):
        sheet.append(row)
    book.create_sheet("Notes").append(["Published under the Open Government Licence"])
    path = tmp_path / "gmpp.xlsx"
    book.save(path)
    out = tmp_path / "pf"
    code, printed, _ = _run(
        capsys, "import", "gmpp", str(path), "--out", str(out), "--period", "2026-03"
    )
    assert code == 0, printed
    assert "gmpp.xlsx:1:1: warning Notes: sheet 'Notes' not imported" in printed
    assert "GMPP data!Schedule narrative: column not imported" in printed
    update = _yaml(out / "programmes" / "dfe-0013" / "updates" / "2026-03.yaml")
    assert update["rag"] == {"overall": "amber"} and update["assurance"]["rag"] == "red"


def test_a_draft_update_round_trips_and_is_no_gmpp_rating(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import csv
    import shutil

    from test_catalogue import BASE, NOV, apply_edits

    root = tmp_path / "portfolio"
    shutil.copytree(BASE, root)
    apply_edits(root, {NOV: ("period: 2026-11\n", "period: 2026-11\nstatus: draft\n")})
    book = tmp_path / "p.xlsx"
    assert _run(capsys, "export", "xlsx", str(book), "--portfolio", str(root))[0] == 0
    out = tmp_path / "imported"
    assert _run(capsys, "import", "xlsx", str(book), "--out", str(out))[0] == 0
    update = _yaml(out / "programmes" / "alpha" / "updates" / "2026-11.yaml")
    assert update["status"] == "draft"
    gmpp = tmp_path / "gmpp.csv"
    argv = ["export", "gmpp", str(gmpp), "--portfolio", str(root), "--period", "2026-11"]
    assert _run(capsys, *argv)[0] == 0
    with gmpp.open(encoding="utf-8-sig", newline="") as handle:
        alpha = next(r for r in csv.DictReader(handle) if r["GMPP ID Number"] == "alpha")
    assert alpha["SRO Delivery Confidence Assessment"] == ""  # a draft is not yet the SRO's
