"""`pmo export csv`: one UTF-8 CSV per register (BOM for Excel's £; formula-like text quoted)."""

from __future__ import annotations

import csv
import io
import os
import stat
from datetime import date
from pathlib import Path

from pmo.index.target import NOT_OURS, ExportError, check_file_target, write_atomically
from pmo.sheets.formula import escape_text
from pmo.sheets.registers import Cell, Register, registers
from pmo.store import LoadedPortfolio

#: The metadata file by which pmo recognises a folder it exported.
MARKER = "_pmo_export.csv"
GENERATOR = ("generator", "pmo")


def file_name(register: Register) -> str:
    """``Programmes`` -> ``programmes.csv``, ``DMT notes`` -> ``dmt-notes.csv``."""
    return f"{register.name.lower().replace(' ', '-')}.csv"


def _text(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))  # 63000, not 63000.0
    if isinstance(value, str):
        return escape_text(value)  # '=HYPERLINK(..) is text to a spreadsheet, never a formula
    return str(value)  # a number, even -5, is never quoted


def csv_bytes(rows: list[list[str]]) -> bytes:
    """CSV in UTF-8 with a byte-order mark and CRLF line ends (what Excel expects)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerows(rows)
    return b"\xef\xbb\xbf" + buffer.getvalue().encode("utf-8")


def register_bytes(register: Register) -> bytes:
    """One register as CSV bytes: a header row, then a row per item."""
    rows = [[c.header for c in register.columns]]
    rows += [[_text(v) for v in row] for row in register.rows]
    return csv_bytes(rows)


def _marker_not_ours(path: Path) -> str | None:
    try:
        head = path.read_bytes()[:4096].decode("utf-8-sig", "replace")
    except OSError:
        return NOT_OURS
    return None if head.splitlines()[:1] == [",".join(GENERATOR)] else NOT_OURS


def _check_folder(folder: Path, force: bool) -> None:
    try:
        st = folder.lstat()
    except FileNotFoundError:
        if not folder.parent.is_dir():
            raise ExportError(f"{folder}: directory {folder.parent} does not exist") from None
        return
    if not stat.S_ISDIR(os.stat(folder).st_mode):
        raise ExportError(f"{folder} is not a directory; give a folder for the CSV files")
    if stat.S_ISLNK(st.st_mode) and not force:
        raise ExportError(f"{folder} is a symbolic link; give the real folder or add --force")
    marker = folder / MARKER
    if force or not any(folder.iterdir()):
        return
    if not marker.is_file() or _marker_not_ours(marker):
        raise ExportError(
            f"{folder} holds files and is not a folder pmo exported (no {MARKER}), so pmo will "
            "not write into it. Choose an empty or new folder, or add --force"
        )


def write_csv(loaded: LoadedPortfolio, folder: Path, force: bool = False) -> list[Register]:
    """Write every register into ``folder``, each file atomically; refuse others' files."""
    _check_folder(folder, force)
    sheets = registers(loaded)
    files = {file_name(r): register_bytes(r) for r in sheets}
    meta = [list(GENERATOR), ["layout", "1"]] + [[name, "register"] for name in files]
    files[MARKER] = csv_bytes(meta)
    for name in files:  # check them all before writing any
        if (folder / name).exists() or (folder / name).is_symlink():
            check_file_target(folder / name, lambda _p: None, force, "CSV file", name)
    try:
        folder.mkdir(exist_ok=True)
        for name, data in files.items():
            write_atomically(folder / name, data)
    except OSError as exc:
        raise ExportError(f"could not write {folder}: {exc.strerror or exc}") from None
    return sheets
