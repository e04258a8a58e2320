"""Reading each row of a table through the mapping: the values of one record, or problems.

A blank or withheld cell is left out (a withheld one is listed); a cell that cannot be read
as its field's kind is an error naming file, line, column, what was found and what was
expected. Nothing is guessed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pmo.present.terminal import shorten
from pmo.problem import Problem, Severity
from pmo.sheets.cells import CellError, CellValue, as_text, is_blank, label, read_cell, withheld
from pmo.sheets.mapping import PERIOD_END, ColumnSpec, Mapping, Table
from pmo.sheets.read_in import Sheet
from pmo.sheets.records import RECORDS, FieldSpec


@dataclass(frozen=True, slots=True)
class Withheld:
    """A value the source withholds ("Exempt under Section 43", "N/A", blank): left out."""

    file: Path
    line: int
    col: int
    where: str
    text: str


@dataclass(slots=True)
class Row:
    """One row's values by field (only fields with a value), and where each came from."""

    sheet: Sheet
    line: int
    values: dict[str, Any] = field(default_factory=dict)
    raw: dict[str, str] = field(default_factory=dict)
    cols: dict[str, int] = field(default_factory=dict)
    withheld: dict[str, str] = field(default_factory=dict)
    """Fields whose cell was withheld, with the cell's text."""
    failed: set[str] = field(default_factory=set)
    """Fields whose cell could not be read (an error already says so)."""

    def at(self, name: str) -> tuple[int, str]:
        """(column number, where) of a field's cell, for a problem."""
        col = self.cols.get(name, 0)
        header = self.sheet.headers[col - 1] if col else name
        return col, self.sheet.where(header)


@dataclass(slots=True)
class Collector:
    """Problems and withheld values found while importing."""

    problems: list[Problem] = field(default_factory=list)
    withheld: list[Withheld] = field(default_factory=list)

    def add(
        self,
        file: Path,
        line: int,
        col: int,
        where: str,
        code: str,
        message: str,
        severity: Severity = "error",
    ) -> None:
        self.problems.append(Problem(file, line, col, where, code, message, severity))

    def at_row(
        self, row: Row, name: str, code: str, message: str, severity: Severity = "error"
    ) -> None:
        col, where = row.at(name)
        self.add(row.sheet.file, row.line, col, where, code, message, severity)

    @property
    def errors(self) -> int:
        return sum(p.severity == "error" for p in self.problems)


def _withheld_text(text: str) -> str:
    return f"withheld ('{shorten(text, 60)}')" if text else "withheld (blank)"


def shown(value: CellValue) -> str:
    return shorten(as_text(value).replace("\n", " "), 60)


@dataclass(slots=True)
class Columns:
    """A table's fields resolved to column numbers (1-based) in one sheet."""

    sheet: Sheet
    table: Table
    index: dict[str, int]
    specs: dict[str, ColumnSpec]

    @property
    def used(self) -> set[int]:
        return set(self.index.values())


def resolve(
    sheet: Sheet, table: Table, out: Collector, implicit: frozenset[str] = frozenset()
) -> Columns | None:
    """Find each field's column; a required field with none found is an error (None back).

    A required field the mapping does not map (and that is not ``implicit``) is an error too.
    """
    by_label: dict[str, int] = {}
    for n, header in enumerate(sheet.headers, 1):
        by_label.setdefault(label(header), n)
    record = RECORDS[table.record]
    index: dict[str, int] = {}
    specs: dict[str, ColumnSpec] = {}
    ok = True
    for name in table.fields:
        spec = table.spec(name)
        specs[name] = spec
        names = spec.columns()
        found = next((by_label[label(c)] for c in names if label(c) in by_label), None)
        if found is not None:
            index[name] = found
            continue
        if not names:
            continue
        wanted = " or ".join(f"'{c}'" for c in names)
        fspec = record.fields[name]
        if fspec.required and spec.default is None and spec.value is None:
            headers = ", ".join(f"'{h}'" for h in sheet.headers if h) or "none"
            out.add(
                sheet.file,
                0,
                0,
                sheet.where(names[0]),
                "import-missing-column",
                f"no column {wanted} (for the {record.label}'s {name}); the columns are: "
                + shorten(headers, 400),
            )
            ok = False
        else:
            out.add(
                sheet.file,
                0,
                0,
                sheet.where(names[0]),
                "import-column-absent",
                f"no column {wanted}; the {record.label}s have no {name}",
                "warning",
            )
    for name, fspec in record.fields.items():
        if fspec.required and name not in table.fields and name not in implicit:
            out.add(
                sheet.file,
                0,
                0,
                sheet.sheet or "",
                "import-unmapped-field",
                f"the mapping gives no column or value for the {record.label}'s {name}, "
                "which pmo needs",
            )
            ok = False
    return Columns(sheet, table, index, specs) if ok else None


def unused_columns(sheet: Sheet, tables: list[Table], used: set[int], out: Collector) -> None:
    """Warn, once each, about the sheet's columns no table reads and none ignores."""
    ignored = {label(c) for t in tables for c in t.ignore}
    reasons = {label(c): why for t in tables for c, why in t.not_imported.items()}
    first: dict[str, int] = {}
    for n, header in enumerate(sheet.headers, 1):
        first.setdefault(label(header), n)
    for n, header in enumerate(sheet.headers, 1):
        key = label(header)
        if n in used or key in ignored or not header:
            continue
        if first[key] != n:
            why = f"a second column named '{header}' (the first one is used)"
        else:
            why = reasons.get(key, "it is not in the mapping")
        out.add(
            sheet.file,
            1,
            n,
            sheet.where(header),
            "import-column-unused",
            f"column not imported: {why}",
            "warning",
        )


def constant(value: Any, fspec: FieldSpec, mapping: Mapping, scale: float) -> Any:
    """A mapping's constant or default read as its field's kind (raises CellError)."""
    if fspec.kind == "date" and value == PERIOD_END:
        return PERIOD_END
    return read_cell(
        value, fspec, scale=scale, dates=tuple(mapping.dates), ratings=mapping.rating_labels
    )


def read_row(
    cols: Columns, line: int, cells: list[CellValue], mapping: Mapping, out: Collector
) -> Row:
    """The values of one row; problems and withheld cells go to ``out``."""
    record = RECORDS[cols.table.record]
    row = Row(cols.sheet, line)
    patterns = mapping.withheld_patterns
    for name, spec in cols.specs.items():
        fspec = record.fields[name]
        col = cols.index.get(name)
        if col is None:  # a constant, or a column this file does not have
            fallback = spec.value if spec.value is not None else spec.default
            if fallback is not None:  # checked when the mapping was loaded
                row.values[name] = constant(fallback, fspec, mapping, spec.scale)
            continue
        row.cols[name] = col
        cell = cells[col - 1] if col <= len(cells) else None
        is_withheld = withheld(cell, patterns) or (mapping.blank == "withheld" and is_blank(cell))
        if is_withheld:
            text = as_text(cell).strip()
            row.withheld[name] = text
            _, where = row.at(name)
            out.withheld.append(Withheld(cols.sheet.file, line, col, where, text))
        if is_withheld or is_blank(cell):
            if spec.default is not None:
                row.values[name] = constant(spec.default, fspec, mapping, spec.scale)
            continue
        row.raw[name] = as_text(cell).strip()
        try:
            row.values[name] = read_cell(
                cell,
                fspec,
                scale=spec.scale,
                dates=tuple(mapping.dates),
                ratings=mapping.rating_labels,
            )
        except CellError as exc:
            out.at_row(row, name, "import-value", f"got '{shown(cell)}'; expected {exc}")
            row.failed.add(name)
    return row


def missing_required(row: Row, record: str, out: Collector, needed: tuple[str, ...] = ()) -> bool:
    """Report the required fields a row lacks; True when it lacks any.

    A withheld required value leaves the record out with a warning; a blank one is an error.
    """
    spec = RECORDS[record]
    lacking = bool(row.failed)  # a cell that could not be read leaves its record out
    for name, fspec in spec.fields.items():
        if not (fspec.required or name in needed) or name in row.values:
            continue
        if name in row.failed:
            pass
        elif name in row.withheld:
            out.at_row(
                row,
                name,
                "import-withheld-required",
                f"{_withheld_text(row.withheld[name])}, so this {spec.label} is left out: it "
                f"needs its {name}",
                "warning",
            )
        elif name in row.cols:
            col, where = row.at(name)
            out.add(
                row.sheet.file,
                row.line,
                col,
                where,
                "import-required",
                f"blank; a {spec.label} needs its {name}",
            )
        lacking = True
    return lacking
