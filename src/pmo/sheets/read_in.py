"""Reading a tracker safely: CSV files (any of UTF-8, UTF-8 with BOM, UTF-16, Windows-1252) and
XLSX workbooks (openpyxl read-only, zip size checked first), bounded in size, rows and fields.

What cannot be read is a Problem naming the file (and line), never an exception.
"""

from __future__ import annotations

import csv
import io
import warnings
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pmo.problem import Problem
from pmo.sheets.cells import CellValue, as_text, label
from pmo.sheets.formula import unescape_text
from pmo.store.files import Refused, read_regular

MAX_FILE = 50 * 1024 * 1024
"""The largest tracker file pmo reads (CSV or XLSX as stored)."""
MAX_UNZIPPED = 300 * 1024 * 1024
"""The most an XLSX may hold once unzipped (a zip bomb is refused before it is opened)."""
MAX_MEMBERS = 5000
MAX_ROWS = 200_000
MAX_COLUMNS = 500
MAX_FIELD = 1024 * 1024
"""The longest CSV field (csv's own limit is 128 kB; a longer one is refused, not truncated)."""
BOM = b"\xef\xbb\xbf"


@dataclass(slots=True)
class Sheet:
    """One table read from a file: its header and its rows, each with its line or row number."""

    file: Path
    name: str
    sheet: str | None
    """The sheet's name in a workbook (None for a CSV file)."""
    headers: list[str]
    rows: list[tuple[int, list[CellValue]]] = field(default_factory=list)
    encoding: str = ""

    def where(self, header: str) -> str:
        return f"{self.sheet}!{header}" if self.sheet is not None else header


@dataclass(slots=True)
class Read:
    """What reading a tracker gave: its tables by lowercase name, and the problems."""

    sheets: dict[str, Sheet] = field(default_factory=dict)
    first: str | None = None
    problems: list[Problem] = field(default_factory=list)


def _problem(file: Path, code: str, message: str, line: int = 0) -> Problem:
    return Problem(file, line, 1 if line else 0, "", code, message)


def decode(data: bytes) -> tuple[str, str]:
    """The text and the encoding found: UTF-8 (with or without BOM), UTF-16 with a BOM, else
    Windows-1252. Raises UnicodeDecodeError when none fits."""
    if data.startswith(BOM):
        return data[3:].decode("utf-8"), "UTF-8 with BOM"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "UTF-16"
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        return data.decode("cp1252"), "Windows-1252"


def _headers(row: list[CellValue]) -> list[str]:
    return [" ".join(as_text(cell).replace("\ufeff", "").split()) for cell in row]


def _dialect(text: str) -> str:
    first = text.split("\n", 1)[0]
    if "," not in first:
        for sep in (";", "\t"):
            if sep in first:
                return sep
    return ","


def read_csv_bytes(file: Path, data: bytes, name: str) -> tuple[Sheet | None, list[Problem]]:
    """One CSV file's table (the first non-blank row is the header; a ``'`` that pmo's export
    put before formula-like text is taken off again, see pmo.sheets.formula)."""
    try:
        text, encoding = decode(data)
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return None, [
            _problem(
                file,
                "import-encoding",
                f"neither UTF-8 nor Windows-1252 (byte 0x{data[exc.start]:02x}); save it as "
                "CSV UTF-8",
                line,
            )
        ]
    old = csv.field_size_limit(MAX_FIELD)
    sheet: Sheet | None = None
    try:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=_dialect(text))
        start = 1
        for row in reader:
            line, start = start, reader.line_num + 1
            if not any(cell.strip() for cell in row):
                continue
            if len(row) > MAX_COLUMNS:
                return None, [
                    _problem(file, "import-too-wide", f"more than {MAX_COLUMNS} columns", line)
                ]
            if sheet is None:
                sheet = Sheet(file, name, None, _headers(list(row)), encoding=encoding)
                continue
            if len(sheet.rows) >= MAX_ROWS:
                return None, [
                    _problem(file, "import-too-long", f"more than {MAX_ROWS:,} rows", line)
                ]
            sheet.rows.append((line, [unescape_text(cell) for cell in row]))
    except csv.Error as exc:
        return None, [_problem(file, "import-csv", f"not readable as CSV: {exc}", reader.line_num)]
    finally:
        csv.field_size_limit(old)
    if sheet is None:
        return None, [_problem(file, "import-empty", "the file has no header row and no rows")]
    return sheet, []


def _read_file(file: Path) -> bytes:
    return read_regular(file, MAX_FILE)


def read_csv(path: Path) -> Read:
    """A CSV file (one table named after it, also ``*``) or a folder of them (``NAME.csv``)."""
    out = Read()
    if path.is_dir():
        files = sorted(p for p in path.iterdir() if p.suffix.lower() == ".csv")
        if not files:
            out.problems.append(_problem(path, "import-empty", "the folder has no .csv files"))
    else:
        files = [path]
    for file in files:
        try:
            data = _read_file(file)
        except Refused as exc:
            out.problems.append(_problem(file, exc.code, str(exc)))
            continue
        except OSError as exc:
            out.problems.append(_problem(file, "import-unreadable", exc.strerror or str(exc)))
            continue
        sheet, problems = read_csv_bytes(file, data, file.stem)
        out.problems.extend(problems)
        if sheet is not None:
            out.sheets[label(file.stem)] = sheet
            if out.first is None:
                out.first = label(file.stem)
    return out


def _zip_problem(file: Path, data: bytes) -> Problem | None:
    """Why this is not a workbook pmo opens (not a zip, or too much inside it), else None."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except zipfile.BadZipFile:
        return _problem(file, "import-not-xlsx", "not an Excel workbook (.xlsx)")
    if len(members) > MAX_MEMBERS:
        return _problem(file, "import-zip-bomb", f"holds more than {MAX_MEMBERS} parts; refused")
    unzipped = sum(m.file_size for m in members)
    if unzipped > MAX_UNZIPPED:
        return _problem(
            file,
            "import-zip-bomb",
            f"unzips to {unzipped / 1048576:,.0f} MB; the limit is "
            f"{MAX_UNZIPPED // 1048576} MB (refused before opening)",
        )
    return None


def read_xlsx(path: Path) -> Read:
    """Every sheet of a workbook (openpyxl read-only, values only), by lowercase sheet name."""
    from openpyxl import load_workbook

    out = Read()
    try:
        data = _read_file(path)
    except Refused as exc:
        out.problems.append(_problem(path, exc.code, str(exc)))
        return out
    except OSError as exc:
        out.problems.append(_problem(path, "import-unreadable", exc.strerror or str(exc)))
        return out
    bad = _zip_problem(path, data)
    if bad is not None:
        out.problems.append(bad)
        return out
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
            for ws in book.worksheets:
                sheet = _read_sheet(path, ws.title, ws.iter_rows(values_only=True), out)
                if sheet is not None:
                    out.sheets.setdefault(label(ws.title), sheet)
                    out.first = out.first or label(ws.title)
            book.close()
    except Exception as exc:  # openpyxl raises many kinds on a damaged file
        out.problems.append(
            _problem(path, "import-not-xlsx", f"not a workbook pmo can read ({type(exc).__name__})")
        )
    return out


def _read_sheet(path: Path, title: str, rows: Iterable[Sequence[Any]], out: Read) -> Sheet | None:
    sheet: Sheet | None = None
    for n, values in enumerate(rows, 1):
        row: list[CellValue] = list(values)
        if not any(not (c is None or (isinstance(c, str) and not c.strip())) for c in row):
            continue
        if len(row) > MAX_COLUMNS:
            row = row[:MAX_COLUMNS]
            if any(c is not None for c in values[MAX_COLUMNS:]):
                out.problems.append(
                    _problem(
                        path, "import-too-wide", f"{title}: more than {MAX_COLUMNS} columns", n
                    )
                )
                return None
        if sheet is None:
            sheet = Sheet(path, title, title, _headers(row))
            continue
        if len(sheet.rows) >= MAX_ROWS:
            out.problems.append(
                _problem(path, "import-too-long", f"{title}: more than {MAX_ROWS:,} rows", n)
            )
            return None
        sheet.rows.append((n, row))
    return sheet
