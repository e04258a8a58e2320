"""`pmo export xlsx`: one formatted sheet per register (frozen header, filters, RAG colours).

Every text cell is written as a string cell, never a formula: a name like ``=HYPERLINK(..)``
stays that text in Excel and reads back the same.
"""

from __future__ import annotations

import io
import re
import zipfile
from copy import copy
from pathlib import Path
from typing import Any, cast

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.cell.cell import Cell as XCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from pmo.index.target import NOT_OURS, ExportError, check_file_target, write_atomically
from pmo.present.words import MEASUREMENT, PROFILE_VALUE
from pmo.sheets.registers import NAMES, Cell, Column, Register, measurement_kinds, registers
from pmo.store import LoadedPortfolio

MARK = "pmo-export"
ABOUT = "About"
#: Fill and font colour of each RAG rating and no-rating status (the word stays in the cell).
RAG_COLOURS: dict[str, tuple[str, str]] = {
    "red": ("C0392B", "FFFFFF"),
    "amber-red": ("E67E22", "000000"),
    "amber": ("F39C12", "000000"),
    "amber-green": ("A9D18E", "000000"),
    "green": ("27AE60", "000000"),
}
NUMBER_FORMATS = {
    "date": "dd/mm/yyyy",
    "money": '"£"#,##0;[Red]-"£"#,##0',
    "number": "#,##0.##",
    "int": "0",
}
WIDTHS = {
    "id": 26, "text": 30, "long": 50, "date": 12, "period": 10, "money": 14,
    "number": 12, "int": 10, "bool": 11, "rag": 13,
}  # fmt: skip
_HEADER_FONT = Font(bold=True)
_HEADER_FILL = PatternFill("solid", fgColor="D9E1F2")
_WRAP = Alignment(wrap_text=True, vertical="top")
_TOP = Alignment(vertical="top")
_RAG_STYLES = {
    name: (PatternFill("solid", fgColor=fill), Font(color=font, bold=True))
    for name, (fill, font) in RAG_COLOURS.items()
}


def xlsx_not_ours(path: Path) -> str | None:
    """None when ``path`` is a workbook pmo exported with no sheets added, else why not."""
    try:
        with zipfile.ZipFile(path) as archive:
            core = archive.read("docProps/core.xml")[:100_000].decode("utf-8", "replace")
            book = archive.read("xl/workbook.xml")[:1_000_000].decode("utf-8", "replace")
    except (OSError, KeyError, zipfile.BadZipFile):
        return NOT_OURS
    if f"<cp:keywords>{MARK}</cp:keywords>" not in core:
        return NOT_OURS
    ours = {*NAMES, ABOUT}
    sheets = set(re.findall(r'<sheet [^>]*name="([^"]*)"', book))
    others = sorted(sheets - ours)
    if others:
        return f"is a pmo export but also holds sheets pmo did not create ({', '.join(others)})"
    return None


StyleKey = tuple[str, str | None]


def text_cell(ws: WriteOnlyWorksheet, value: object) -> XCell:
    """A cell holding ``value``; text is always a string cell (openpyxl makes ``=…`` a formula,
    ``#N/A`` an error), and a control character XML cannot hold is shown as U+FFFD."""
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("\ufffd", value)
    cell = WriteOnlyCell(ws, value=cast(Any, value))  # dates and bools are written natively
    if isinstance(value, str):
        cell.data_type = "s"
    return cell


def _cell(ws: WriteOnlyWorksheet, col: Column, value: Cell, styles: dict[StyleKey, Any]) -> XCell:
    cell = text_cell(ws, value)
    rag = value if col.kind == "rag" and isinstance(value, str) and value in _RAG_STYLES else None
    known = styles.get((col.kind, rag))
    if known is not None:  # the same style as a cell before: its index array, not 4 lookups
        cell._style = copy(known)  # type: ignore[attr-defined]
        return cell
    fmt = NUMBER_FORMATS.get(col.kind)
    if fmt:
        cell.number_format = fmt
    cell.alignment = _WRAP if col.kind == "long" else _TOP
    if rag is not None:
        cell.fill, cell.font = _RAG_STYLES[rag]
    styles[(col.kind, rag)] = copy(cell._style)  # type: ignore[attr-defined]
    return cell


def _sheet(book: Workbook, register: Register) -> None:
    ws = book.create_sheet(register.name)
    ws.freeze_panes = "A2"
    for n, col in enumerate(register.columns, 1):
        width = max(WIDTHS[col.kind], len(col.header) + 3)
        ws.column_dimensions[get_column_letter(n)].width = width
    last = get_column_letter(len(register.columns))
    ws.auto_filter.ref = f"A1:{last}{len(register.rows) + 1}"
    header = []
    for col in register.columns:
        cell = WriteOnlyCell(ws, value=col.header)
        cell.font, cell.fill, cell.alignment = _HEADER_FONT, _HEADER_FILL, _WRAP
        header.append(cell)
    ws.append(header)
    styles: dict[StyleKey, Any] = {}
    columns = register.columns
    for row in register.rows:
        ws.append([_cell(ws, col, value, styles) for col, value in zip(columns, row, strict=True)])


def _about(book: Workbook, loaded: LoadedPortfolio, sheets: list[Register]) -> None:
    ws = book.create_sheet(ABOUT)
    ws.column_dimensions["A"].width = 22
    ws.column_dimensions["B"].width = 90
    name = loaded.config.model.name if loaded.config and loaded.config.model else ""
    about: list[list[str]] = [["Portfolio", name]]
    about.append(["Exported by", "pmo export xlsx: a derived copy; the YAML in git is the truth"])
    for register in sheets:
        rows = f"{len(register.rows)} rows"
        if register.name == "Measurements":
            actual, planned = measurement_kinds(register)
            rows += (
                f": {actual} {MEASUREMENT[1]} (Type actual: reported in monthly updates) and "
                f"{planned} {PROFILE_VALUE[1]} (Type planned: each benefit's profile)"
            )
        about.append([register.name, rows])
    for row in about:
        ws.append([text_cell(ws, value) for value in row])


def workbook_bytes(loaded: LoadedPortfolio) -> tuple[bytes, list[Register]]:
    """The workbook as bytes, and the registers in it."""
    book = Workbook(write_only=True)
    book.properties.creator = "pmo"
    book.properties.keywords = MARK
    sheets = registers(loaded)
    for register in sheets:
        _sheet(book, register)
    _about(book, loaded, sheets)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue(), sheets


def write_xlsx(loaded: LoadedPortfolio, target: Path, force: bool = False) -> list[Register]:
    """Write the workbook to ``target`` atomically; refuse what pmo did not write."""
    check_file_target(target, xlsx_not_ours, force, "workbook", "portfolio.xlsx")
    data, sheets = workbook_bytes(loaded)
    try:
        write_atomically(target, data)
    except OSError as exc:
        raise ExportError(f"could not write {target}: {exc.strerror or exc}") from None
    return sheets
