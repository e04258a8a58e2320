"""Import mappings: which column of a tracker feeds which pmo field (a documented YAML file).

pmo ships two (``pmo`` for its own XLSX/CSV export, ``gmpp`` for the GMPP annual CSV) in
``sheets/mappings/``; a PMO writes its own for its tracker. The format is in the README
("Starting from a spreadsheet: `pmo import`") and annotated in the shipped files.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

from pydantic import Field

from pmo.model.types import Base, Rag
from pmo.problem import Problem
from pmo.sheets.cells import DATE_FORMATS, CellError, label, read_cell
from pmo.sheets.records import RECORDS, FieldSpec
from pmo.store import load_source

SHIPPED = Path(__file__).parent / "mappings"
RecordName = Literal[
    "programme", "update", "milestone", "risk", "issue", "dependency", "benefit",
    "measurement", "resource", "finance", "decision", "score", "contribution",
    "savings_forecast", "objective", "criterion", "envelope", "capacity", "setting", "dmt",
]  # fmt: skip
Constant = str | int | float | bool
PERIOD_END = "period-end"
"""A date field's constant meaning "the last day of the import period (not after today)"."""


class ColumnSpec(Base):
    """Where one field's value comes from: a column (or the first of several that the file
    has), or a constant ``value``; ``default`` stands in for a blank or withheld cell."""

    column: str | list[str] | None = Field(
        default=None, description="The column header, or several alternatives (first found)"
    )
    value: Constant | None = Field(default=None, description="A constant for every row")
    default: Constant | None = Field(
        default=None, description="Used when the cell is blank or withheld (said so)"
    )
    scale: float = Field(
        default=1.0, gt=0, le=1e9, description="Bare numbers are times this: 1000000 for £m"
    )

    def columns(self) -> list[str]:
        if self.column is None:
            return []
        return [self.column] if isinstance(self.column, str) else list(self.column)


class Table(Base):
    """One sheet (XLSX) or CSV file, whose rows each make one record."""

    source: str = Field(
        description="Sheet name (XLSX) or CSV file name without .csv, case ignored; '*' is "
        "the CSV file itself or the workbook's first sheet"
    )
    record: RecordName = Field(description="What each row is (see the README's list)")
    required: bool = Field(default=False, description="The import fails without this table")
    fields: dict[str, str | list[str] | ColumnSpec] = Field(
        description="pmo field -> column header (or alternatives, or a ColumnSpec)"
    )
    ignore: list[str] = Field(
        default_factory=list, description="Columns left out on purpose (derived values)"
    )
    not_imported: dict[str, str] = Field(
        default_factory=dict, description="Columns pmo has no field for -> why (warned)"
    )

    def spec(self, field: str) -> ColumnSpec:
        given = self.fields[field]
        if isinstance(given, ColumnSpec):
            return given
        return ColumnSpec(column=given)


class Mapping(Base):
    """A whole mapping file."""

    mapping: Literal[1] = Field(description="The mapping format's version: 1")
    name: str = Field(description="What this mapping reads, in words")
    blank: Literal["absent", "withheld"] = Field(
        default="absent", description="Is a blank cell just empty, or a value withheld?"
    )
    withheld: list[str] = Field(
        default_factory=list,
        description="Cell texts meaning 'withheld' (case ignored; a trailing * matches the start)",
    )
    dates: list[str] = Field(
        default_factory=lambda: ["YYYY-MM-DD", "DD/MM/YYYY"],
        description="Date formats tried in order: " + ", ".join(DATE_FORMATS),
    )
    ratings: dict[str, Rag] = Field(
        default_factory=dict, description="Extra rating labels -> pmo's rating"
    )
    portfolio: dict[str, Any] = Field(
        default_factory=dict, description="Starting portfolio.yaml values (settings rows win)"
    )
    tables: list[Table] = Field(min_length=1, description="The sheets or files to read")
    ignore_sources: list[str] = Field(
        default_factory=list, description="Sheets or CSV files left out on purpose (no warning)"
    )

    @property
    def rating_labels(self) -> dict[str, str]:
        return {label(k): v for k, v in self.ratings.items()}

    @property
    def withheld_patterns(self) -> tuple[str, ...]:
        return tuple(" ".join(p.split()).lower() for p in self.withheld)


class MappingError(Exception):
    """The mapping cannot be used; ``problems`` say where and why."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(f"{len(problems)} problems in the mapping")
        self.problems = problems


def shipped_names() -> list[str]:
    return sorted(p.stem for p in SHIPPED.glob("*.yaml"))


def _check(mapping: Mapping, source: Any) -> list[Problem]:
    """What the model cannot check: field names of each record, date format names."""
    problems: list[Problem] = []
    for n, name in enumerate(mapping.dates):
        if name not in DATE_FORMATS:
            problems.append(
                source.problem(
                    ("dates", n),
                    "mapping-date-format",
                    f"unknown date format '{name}'; expected one of: {', '.join(DATE_FORMATS)}",
                )
            )
    for t, table in enumerate(mapping.tables):
        known = RECORDS[table.record].fields
        for field, spec in table.fields.items():
            if field not in known:
                problems.append(
                    source.problem(
                        ("tables", t, "fields", field),
                        "mapping-unknown-field",
                        f"a {table.record} has no field '{field}'; expected one of: "
                        + ", ".join(known),
                        key=True,
                    )
                )
            elif isinstance(spec, ColumnSpec) and spec.column is None and spec.value is None:
                problems.append(
                    source.problem(
                        ("tables", t, "fields", field),
                        "mapping-no-column",
                        "give a column (or columns) or a constant value",
                    )
                )
            elif isinstance(spec, ColumnSpec):
                problems += _check_constants(mapping, spec, known[field], source, (t, field))
    return problems


def _check_constants(
    mapping: Mapping, spec: ColumnSpec, fspec: FieldSpec, source: Any, at: tuple[int, str]
) -> list[Problem]:
    """A constant ``value`` or ``default`` must read as its field's kind."""
    out = []
    for key in ("value", "default"):
        given = getattr(spec, key)
        if given is None or (fspec.kind == "date" and given == PERIOD_END):
            continue
        try:
            read_cell(
                given,
                fspec,
                scale=spec.scale,
                dates=tuple(mapping.dates),
                ratings=mapping.rating_labels,
            )
        except CellError as exc:
            out.append(
                source.problem(
                    ("tables", at[0], "fields", at[1], key),
                    "mapping-value",
                    f"'{given}' is not {exc}",
                )
            )
    return out


def load_mapping(name_or_path: str) -> Mapping:
    """A shipped mapping by name (``pmo``, ``gmpp``) or a mapping file; raises MappingError."""
    path = Path(name_or_path)
    if name_or_path in shipped_names() and not path.exists():
        path = SHIPPED / f"{name_or_path}.yaml"
    if not path.exists():
        known = ", ".join(shipped_names())
        problem = Problem(
            path,
            0,
            0,
            "",
            "mapping-not-found",
            f"no such mapping file; give a file or one of pmo's mappings ({known})",
        )
        raise MappingError([problem])
    source = load_source(path, Mapping)
    if source.model is None:
        raise MappingError(list(source.problems))
    problems = _check(source.model, source)
    if problems:
        raise MappingError(problems)
    return source.model
