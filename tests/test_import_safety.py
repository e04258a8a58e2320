"""`pmo import` on hostile input: bounded reading, zip bombs, odd files, text that YAML misreads;
and properties of the tolerant cell readers (hypothesis)."""

from __future__ import annotations

import io
import os
import zipfile
from datetime import date
from pathlib import Path

import pytest
import yaml
from freezegun import freeze_time
from hypothesis import given, settings
from hypothesis import strategies as st

from pmo.cli import main
from pmo.sheets import read_in
from pmo.sheets.cells import CellError, read_date, read_money, read_rag, slugify
from pmo.store.dump import dump_data
from test_catalogue_import import MAPPING, TRACKER


def _import(tmp_path: Path, capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    with freeze_time("2026-11-23"):
        code = main(["import", *argv, "--out", str(tmp_path / "out")])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err and "internal error" not in err
    return code, out + err


def test_zip_bomb_is_refused_before_it_is_opened(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(read_in, "MAX_UNZIPPED", 1024 * 1024)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (2 * 1024 * 1024))
    book = tmp_path / "bomb.xlsx"
    book.write_bytes(buffer.getvalue())
    assert book.stat().st_size < 10_000
    code, out = _import(tmp_path, capsys, "xlsx", str(book))
    assert code == 1
    assert "bomb.xlsx:1:1: error unzips to 2 MB; the limit is 1 MB (refused before opening)" in out
    assert not (tmp_path / "out").exists()


def test_oversized_file_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(read_in, "MAX_FILE", 100)
    tracker = tmp_path / "tracker.csv"
    tracker.write_text(TRACKER, encoding="utf-8")
    code, out = _import(tmp_path, capsys, "csv", str(tracker))
    assert code == 1
    assert "tracker.csv:1:1: error file is 0.0 MB; the limit is 0 MB" in out


def test_a_named_pipe_is_refused_without_hanging(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fifo = tmp_path / "tracker.csv"
    os.mkfifo(fifo)
    code, out = _import(tmp_path, capsys, "csv", str(fifo))
    assert code == 1
    assert "error this is a named pipe (FIFO), not a file; it was not read" in out


HOSTILE = [
    "no",
    "010",
    "1:30",
    "~",
    "!!python/object/apply:os.system ['echo hi']",
    "key: value # not a comment",
    "&anchor *alias",
    "- a list?",
    "'quoted' \"twice\"",
    "tab\tinside",
    "Caf\u00e9 \u2013 \u00a31,200",
    "{flow: mapping}",
]


@pytest.mark.parametrize("name", HOSTILE)
def test_text_that_yaml_would_misread_is_written_as_text(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    quoted = '"' + name.replace('"', '""') + '"'
    Path("tracker.csv").write_text(TRACKER.replace("Alpha Programme", quoted), encoding="utf-8")
    Path("map.yaml").write_text(MAPPING, encoding="utf-8")
    code, out = _import(
        tmp_path, capsys, "csv", "tracker.csv", "--mapping", "map.yaml", "--period", "2026-11"
    )
    assert code == 0, out
    text = (tmp_path / "out" / "programmes" / "a1" / "programme.yaml").read_text("utf-8")
    assert yaml.safe_load(text)["name"] == name


@settings(max_examples=200, deadline=None)
@given(st.text(st.characters(exclude_categories=["Cs"]), max_size=40))
def test_any_text_reads_back_from_the_yaml_written(text: str) -> None:
    data = {"name": text, "items": [text], text or "k": 1}
    assert yaml.safe_load(dump_data(data)) == data


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=0, max_value=10**12), st.sampled_from(["", "£"]))
def test_money_with_thousands_separators_reads_as_its_value(pence: int, sign: str) -> None:
    pounds = f"{pence // 100:,}.{pence % 100:02d}"
    assert read_money(f"{sign}{pounds}", 1.0) == pytest.approx(pence / 100)
    if pence <= 10**9:  # £10m in a £m column is £10 trillion: pmo's limit
        assert read_money(f"{sign}{pounds}", 1_000_000) == pytest.approx(pence / 100 * 1e6)
    else:
        with pytest.raises(CellError, match="up to £10,000,000,000,000"):
            read_money(f"{sign}{pounds}", 1_000_000)


@settings(max_examples=200, deadline=None)
@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 12, 31)))
def test_uk_dates_read_day_first(day: date) -> None:
    assert read_date(day.strftime("%d/%m/%Y"), ("DD/MM/YYYY",)) == day
    assert read_date(day.isoformat(), ("DD/MM/YYYY", "YYYY-MM-DD")) == day


def test_month_first_dates_are_not_guessed() -> None:
    with pytest.raises(CellError):
        read_date("12/31/2026", ("DD/MM/YYYY",))


@pytest.mark.parametrize(
    ("label", "rating"),
    [
        ("Green", "green"),
        ("Amber/Green", "amber-green"),
        ("AMBER / GREEN", "amber-green"),
        ("Amber", "amber"),
        ("Amber/Red", "amber-red"),
        ("Red", "red"),
    ],
)
def test_gmpp_ratings_invert_the_export(label: str, rating: str) -> None:
    from pmo.sheets.gmpp import DCA

    assert DCA[rating] == label or label.isupper()
    assert read_rag(label, {}) == rating


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=80))
def test_slugs_are_ids(text: str) -> None:
    slug = slugify(text)
    assert len(slug) <= 60
    assert slug == "" or slug == slugify(slug)
    assert all(c.isascii() and (c.isalnum() or c == "-") for c in slug)
    assert "--" not in slug and not slug.startswith("-") and not slug.endswith("-")


# --- export -> import is lossless (hypothesis), through pmo's own CSV bytes -------------------

from hypothesis import HealthCheck  # noqa: E402

from pmo.model import Programme, Update  # noqa: E402
from pmo.sheets.build_in import build  # noqa: E402
from pmo.sheets.cells import label  # noqa: E402
from pmo.sheets.csv_out import file_name, register_bytes  # noqa: E402
from pmo.sheets.mapping import load_mapping  # noqa: E402
from pmo.sheets.read_in import Read, read_csv_bytes  # noqa: E402
from pmo.sheets.registers import registers  # noqa: E402
from pmo.store import LoadedPortfolio, ProgrammeSource, Source  # noqa: E402
from test_roundtrip import programmes, updates  # noqa: E402

LOSSY = ("parent", "dependencies")
"""References to programmes the example does not hold: an import refuses them (tested above)."""


def _first_of_each_id(items: list[dict[str, object]]) -> list[dict[str, object]]:
    seen: set[object] = set()
    return [i for i in items if not (i["id"] in seen or seen.add(i["id"]))]  # type: ignore[func-returns-value]


def _tidy(value: object) -> object:
    """Text as a spreadsheet keeps it: no surrounding spaces, no line breaks in one cell's line."""
    if isinstance(value, dict):
        return {k: _tidy(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_tidy(v) for v in value]
    if isinstance(value, str):
        return " ".join(value.split()) or "x"
    return value


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(programmes, updates)
def test_exported_csv_imports_to_the_same_models(prog: dict, upd: dict) -> None:
    prog = {k: _tidy(v) for k, v in prog.items() if k not in LOSSY}
    upd = {k: _tidy(v) for k, v in upd.items() if k != "benefits"}
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
    read = Read()
    for register in registers(loaded):
        name = file_name(register)
        sheet, problems = read_csv_bytes(Path(name), register_bytes(register), name[:-4])
        assert problems == [] and sheet is not None
        read.sheets[label(name[:-4])] = sheet
    imported = build(read, load_mapping("pmo"), "2026-11", date(2026, 11, 23))
    assert [p for p in imported.out.problems if p.severity == "error"] == []
    assert Programme.model_validate(imported.programmes[pid]) == programme
    assert Update.model_validate(imported.updates[pid][period]) == update
