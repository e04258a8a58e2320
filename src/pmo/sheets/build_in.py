"""Building a portfolio (plain data, as its YAML files will hold it) from a tracker's tables.

Each mapped table is read row by row (sheets/rows_in.py) and every record put where the YAML
contract keeps it: programmes, their lists and registers, monthly updates, DMT notes and
portfolio.yaml. Ids are made slugs and unique; references resolve through the ids as the
file wrote them. Problems and withheld values are collected, never raised.
"""

from __future__ import annotations

import copy
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from pmo.model import Programme, Update
from pmo.model.portfolio import DEFAULT_SERVICES
from pmo.model.types import fy_of_period, period_end
from pmo.sheets.cells import label, slugify
from pmo.sheets.mapping import PERIOD_END, Mapping, Table
from pmo.sheets.read_in import Read
from pmo.sheets.records import APPETITE_PREFIX, RECORDS, SETTINGS
from pmo.sheets.rows_in import (
    Collector,
    Row,
    missing_required,
    read_row,
    resolve,
    unused_columns,
)

Data = dict[str, Any]

#: Records in the order they are placed: what others refer to comes first.
ORDER: tuple[str, ...] = (
    "setting", "objective", "criterion", "envelope", "capacity", "programme", "update",
    "milestone", "risk", "issue", "dependency", "benefit", "measurement", "resource", "finance",
    "score", "contribution", "savings_forecast", "dmt", "decision",
)  # fmt: skip
LISTS = {
    "milestone": "milestones",
    "risk": "risks",
    "issue": "issues",
    "benefit": "benefits",
    "resource": "resources",
}
FIVE_ONLY = {"amber-green", "amber-red"}


def nest(values: dict[str, Any], skip: tuple[str, ...] = ()) -> Data:
    """``{"end.baseline": d}`` -> ``{"end": {"baseline": d}}`` (in the fields' order)."""
    out: Data = {}
    for name, value in values.items():
        if name in skip:
            continue
        node = out
        *parents, last = name.split(".")
        for part in parents:
            node = node.setdefault(part, {})
        node[last] = value
    return out


def _in_model_order(data: Data, model: type[Programme] | type[Update]) -> Data:
    order = {(f.alias or name): n for n, (name, f) in enumerate(model.model_fields.items())}
    return dict(sorted(data.items(), key=lambda kv: order.get(kv[0], len(order))))


@dataclass(slots=True)
class Imported:
    """The portfolio as plain data by file, with what importing found."""

    period: str
    portfolio: Data = field(default_factory=dict)
    programmes: dict[str, Data] = field(default_factory=dict)
    updates: dict[str, dict[str, Data]] = field(default_factory=dict)
    dmt: dict[str, Data] = field(default_factory=dict)
    counts: Counter[str] = field(default_factory=Counter)
    out: Collector = field(default_factory=Collector)


@dataclass(slots=True)
class _Builder:
    mapping: Mapping
    result: Imported
    today: date
    ids: dict[str, str] = field(default_factory=dict)
    """Programme ids as the file wrote them (and as slugs) -> the id given."""
    rows: dict[str, int] = field(default_factory=dict)
    """Programme id -> the line of its row."""
    left_out: set[str] = field(default_factory=set)
    """Programme ids as written whose row was left out (a withheld required value)."""
    item_ids: dict[tuple[str, str], set[str]] = field(default_factory=dict)
    rag_seen: set[str] = field(default_factory=set)
    programmes_failed: bool = False
    """A programme table could not be read: references to programmes are not checked."""
    settings: dict[str, tuple[Any, int]] = field(default_factory=dict)
    """Settings given by rows: the value and its line (a different later value is warned)."""

    @property
    def out(self) -> Collector:
        return self.result.out

    # --- ids and references ---------------------------------------------------------------
    def unique(self, taken: set[str], wanted: str) -> str:
        slug, n = wanted, 2
        while slug in taken:
            suffix = f"-{n}"
            slug = wanted[: 60 - len(suffix)].rstrip("-") + suffix
            n += 1
        taken.add(slug)
        return slug

    def programme_of(self, row: Row, name: str = "programme") -> str | None:
        raw = row.values.get(name)
        if raw is None:
            return None
        found = self.ids.get(raw) or self.ids.get(slugify(raw))
        if found is None and raw not in self.left_out and not self.programmes_failed:
            known = ", ".join(sorted(self.result.programmes)[:8]) or "none"
            self.out.at_row(
                row,
                name,
                "import-unknown-programme",
                f"no programme '{raw}' among the programmes imported (known: {known})",
            )
        return found

    # --- portfolio.yaml -------------------------------------------------------------------
    def setting(self, row: Row) -> None:
        key, value = row.values["key"], row.values.get("value")
        pf = self.result.portfolio
        if key.startswith(APPETITE_PREFIX) and value is not None:
            category = slugify(key[len(APPETITE_PREFIX) :])
            number = self._setting_number(row, value, whole=True)
            if number is not None:
                pf.setdefault("risk", {}).setdefault("appetite", {})[category] = number
            return
        kind = SETTINGS.get(key)
        if kind is None:
            self.out.at_row(
                row,
                "key",
                "import-unknown-setting",
                f"unknown setting '{key}'; expected one of: {', '.join(SETTINGS)}, "
                f"{APPETITE_PREFIX}CATEGORY",
            )
            return
        if value is None:
            return
        parsed: Any = value
        if kind == "lines":
            parsed = [slugify(v) for v in value.split(",") if v.strip()]
        elif kind in ("int", "number"):
            parsed = self._setting_number(row, value, whole=kind == "int")
            if parsed is None:
                return
        if key in self.settings and self.settings[key][0] != parsed:
            first_value, line = self.settings[key]
            self.out.at_row(
                row,
                "value",
                "import-setting-conflict",
                f"{key} is '{first_value}' on line {line} and '{value}' here; the first is kept",
                "warning",
            )
            return
        self.settings.setdefault(key, (parsed, row.line))
        node = pf
        *parents, last = key.split(".")
        for part in parents:
            node = node.setdefault(part, {})
        node[last] = parsed

    def _setting_number(self, row: Row, text: str, *, whole: bool) -> int | float | None:
        try:
            number = float(text.replace(",", ""))
        except ValueError:
            number = float("nan")
        if number != number or (whole and not number.is_integer()):
            want = "a whole number" if whole else "a number"
            self.out.at_row(row, "value", "import-value", f"got '{text}'; expected {want}")
            return None
        return int(number) if number.is_integer() else number

    def objective(self, row: Row, key: str) -> None:
        items = self.result.portfolio.setdefault(key, [])
        items.append(nest(row.values))

    def envelope(self, row: Row) -> None:
        pf, fy = self.result.portfolio, row.values["fy"]
        for name in ("envelope", "savings_target"):
            if name in row.values:
                pf.setdefault(name, {})[fy] = row.values[name]

    def capacity(self, row: Row) -> None:
        plan = self.result.portfolio.setdefault("capacity", {}).setdefault(row.values["role"], {})
        plan[row.values.get("from", "fte")] = row.values["fte"]

    # --- programmes -----------------------------------------------------------------------
    def programme(self, row: Row) -> str | None:
        """Place a programme row; its id, or None when it was left out."""
        raw = row.raw.get("id") or row.values.get("name", "")
        if missing_required(row, "programme", self.out):
            self.left_out.update(v for v in (row.raw.get("id"), row.raw.get("name")) if v)
            return None
        wanted = row.values.get("id") or slugify(row.values["name"])
        if not wanted:
            self.out.at_row(row, "name", "import-value", "no letters or digits to make an id")
            return None
        if raw in self.ids:
            first = self.rows[self.ids[raw]]
            self.out.at_row(
                row,
                "id",
                "import-duplicate",
                f"programme '{raw}' is also on line {first}; one row per programme",
            )
            return None
        pid = self.unique(set(self.result.programmes), wanted)
        if pid != wanted:
            self.out.at_row(
                row,
                "id",
                "import-id-renamed",
                f"id '{wanted}' is taken by line {self.rows[wanted]}; this one is '{pid}'",
                "warning",
            )
        self.ids[raw] = pid
        self.ids.setdefault(pid, pid)
        self.ids.setdefault(row.values["name"], pid)  # a reference may name it instead
        self.rows[pid] = row.line
        values = dict(row.values)
        values["id"] = pid
        if "budget.this_year" in values:
            values[f"budget.{fy_of_period(self.result.period)}"] = values.pop("budget.this_year")
        self.result.programmes[pid] = nest(values)
        self.result.counts["programmes"] += 1
        return pid

    def parent_links(self, rows: list[tuple[Row, str]]) -> None:
        """A parent names a programme: resolved once every programme is known."""
        for row, pid in rows:
            data = self.result.programmes[pid]
            if "parent" not in row.values:
                continue
            parent = self.programme_of(row, "parent")
            if parent is None:
                data.pop("parent", None)
            else:
                data["parent"] = parent

    def item(self, row: Row, kind: str) -> None:
        if missing_required(row, kind, self.out):
            return
        pid = self.programme_of(row)
        if pid is None:
            return
        values = dict(row.values)
        values.pop("programme")
        data = self.result.programmes[pid]
        if kind == "dependency":
            on = self.programme_of(row, "depends_on")
            if on is None:
                return
            entry: Data = {"programme": on, **nest(values, skip=("depends_on",))}
            data.setdefault("dependencies", []).append(entry)
            self.result.counts["dependencies"] += 1
            return
        if kind != "resource":
            wanted = values.get("id") or slugify(values["title"])
            taken = self.item_ids.setdefault((pid, kind), set())
            values = {"id": self.unique(taken, wanted or kind), **values}
        data.setdefault(LISTS[kind], []).append(nest(values))
        self.result.counts[LISTS[kind]] += 1

    def measurement(self, row: Row) -> None:
        if missing_required(row, "measurement", self.out):
            return
        pid = self.programme_of(row)
        if pid is None:
            return
        bid, period, value = row.values["benefit"], row.values["period"], row.values["value"]
        benefits = self.result.programmes[pid].get("benefits", [])
        if not any(b["id"] == bid for b in benefits):
            self.out.at_row(
                row, "benefit", "import-unknown-benefit", f"{pid} has no benefit '{bid}'"
            )
            return
        if row.values["type"] == "planned":
            benefit = next(b for b in benefits if b["id"] == bid)
            benefit.setdefault("profile", {})[period] = value
            self.result.counts["profile"] += 1  # a planned profile value, not a measurement
            return
        update = self._update_for(row, pid, period, "benefit measurement")
        if update is None:
            return
        update.setdefault("benefits", {})[bid] = value
        self.result.counts["measurements"] += 1

    def finance(self, row: Row) -> None:
        if missing_required(row, "finance", self.out):
            return
        pid = self.programme_of(row)
        if pid is None:
            return
        data, fy, v = self.result.programmes[pid], row.values["fy"], row.values
        if "budget" in v:
            data.setdefault("budget", {})[fy] = v["budget"]
        case = data.get("business_case")
        if ("capital" in v or "revenue" in v or "savings" in v) and case is None:
            self.out.at_row(
                row,
                "fy",
                "import-no-business-case",
                f"{pid} has business case costs or savings for {fy} but no business case "
                "(stage and status); they are left out",
                "warning",
            )
            return
        if case is not None and ("capital" in v or "revenue" in v):
            line = {k: v[k] for k in ("capital", "revenue") if k in v}
            case.setdefault("costs", {})[fy] = line
        if case is not None and "savings" in v:
            case.setdefault("savings", {})[fy] = v["savings"]

    def keyed(self, row: Row, kind: str) -> None:
        if missing_required(row, kind, self.out):
            return
        pid = self.programme_of(row)
        if pid is None:
            return
        data = self.result.programmes[pid]
        if kind == "score":
            data.setdefault("scores", {})[row.values["criterion"]] = row.values["score"]
        else:
            data.setdefault("objectives", {})[row.values["objective"]] = row.values["contribution"]

    # --- monthly updates and DMT notes ----------------------------------------------------
    def _update_for(self, row: Row, pid: str, period: str, what: str) -> Data | None:
        update = self.result.updates.get(pid, {}).get(period)
        if update is None:
            self.out.at_row(
                row,
                "period",
                "import-no-update",
                f"{what} for {pid} in {period}, which has no monthly update; left out",
                "warning",
            )
        return update

    def update(self, row: Row) -> None:
        row.values.setdefault("period", self.result.period)
        if row.values.get("submitted") == PERIOD_END:
            row.values["submitted"] = min(period_end(row.values["period"]), self.today)
        if missing_required(row, "update", self.out):
            return
        pid = self.programme_of(row)
        if pid is None:
            return
        period = row.values["period"]
        updates = self.result.updates.setdefault(pid, {})
        if period in updates:
            self.out.at_row(
                row,
                "programme",
                "import-duplicate",
                f"a second update for {pid} in {period}; one row per programme and month",
            )
            return
        values = {k: v for k, v in row.values.items() if k != "programme"}
        for group, needed in (
            ("finance", ("finance.spend_to_date", "finance.forecast_outturn")),
            ("assurance", ("assurance.rag",)),
        ):
            given = [k for k in values if k.startswith(group + ".")]
            lacking = [k for k in needed if k not in values]
            if given and lacking:
                for k in given:
                    values.pop(k)
                self.out.at_row(
                    row,
                    given[0],
                    "import-partial",
                    f"{group} left out for {pid} in {period}: pmo's {group} needs "
                    + " and ".join(k.split(".", 1)[1] for k in needed)
                    + f", and {' and '.join(k.split('.', 1)[1] for k in lacking)} is missing",
                    "warning",
                )
        self.rag_seen.update(
            v for k, v in values.items() if k.startswith(("rag.", "assurance.rag"))
        )
        updates[period] = _in_model_order(nest(values), Update)
        self.result.counts["updates"] += 1

    def savings_forecast(self, row: Row) -> None:
        if missing_required(row, "savings_forecast", self.out):
            return
        pid = self.programme_of(row)
        if pid is None:
            return
        update = self._update_for(row, pid, row.values["period"], "savings forecast")
        if update is not None:
            update.setdefault("savings_forecast", {})[row.values["fy"]] = row.values["value"]

    def dmt(self, row: Row) -> None:
        if missing_required(row, "dmt", self.out):
            return
        note = self.result.dmt.setdefault(row.values["period"], {})
        note.update(nest(row.values, skip=("period",)))

    def decision(self, row: Row) -> None:
        if missing_required(row, "decision", self.out):
            return
        values = nest(row.values, skip=("programme", "period"))
        period = row.values["period"]
        if "programme" not in row.values:
            self.result.dmt.setdefault(period, {}).setdefault("decisions", []).append(values)
        else:
            pid = self.programme_of(row)
            if pid is None:
                return
            update = self._update_for(row, pid, period, "decision")
            if update is None:
                return
            update.setdefault("decisions", []).append(values)
        self.result.counts["decisions"] += 1


def _finish_portfolio(builder: _Builder) -> None:
    """Services and RAG scale from what was imported, when the mapping and settings say none."""
    pf = builder.result.portfolio
    services = {p.get("service") for p in builder.result.programmes.values()} - {None}
    if "services" not in pf and not services <= set(DEFAULT_SERVICES):
        pf["services"] = sorted(str(s) for s in services)
    if pf.get("rag_scale") in (None, "auto"):
        pf["rag_scale"] = "five-point" if builder.rag_seen & FIVE_ONLY else "three-point"
    if pf["rag_scale"] == "three-point" and "rag_key" in pf:
        for extra in FIVE_ONLY:
            pf["rag_key"].pop(extra, None)
    capacity = pf.get("capacity", {})
    for role, plan in capacity.items():
        if isinstance(plan, dict) and list(plan) == ["fte"]:
            capacity[role] = plan["fte"]
    for pid, data in builder.result.programmes.items():
        builder.result.programmes[pid] = _in_model_order(data, Programme)


def _tables(mapping: Mapping) -> list[Table]:
    return sorted(mapping.tables, key=lambda t: ORDER.index(t.record))


def build(read: Read, mapping: Mapping, period: str, today: date) -> Imported:
    """The portfolio the tracker describes, with every problem and withheld value found."""
    result = Imported(period, portfolio=copy.deepcopy(mapping.portfolio))
    result.out.problems.extend(read.problems)
    builder = _Builder(mapping, result, today)
    programme_rows: list[tuple[Row, str]] = []
    readers: dict[str, tuple[list[Table], set[int]]] = {}
    for table in _tables(mapping):
        name = read.first if table.source == "*" else label(table.source)
        sheet = read.sheets.get(name or "")
        if sheet is None:
            if table.record == "programme":
                builder.programmes_failed = builder.programmes_failed or table.required
            if table.required and not read.problems:  # else: why it was not read is said
                shown = "the file" if table.source == "*" else f"'{table.source}'"
                result.out.add(
                    next(iter(read.sheets.values())).file if read.sheets else _no_file(read),
                    0,
                    0,
                    "",
                    "import-missing-table",
                    f"no sheet or CSV file {shown}; the mapping needs it for the "
                    f"{RECORDS[table.record].label}s",
                )
            continue
        implicit = frozenset({"period"} if table.record == "update" else ())
        cols = resolve(sheet, table, result.out, implicit)
        if cols is None and table.record == "programme":
            builder.programmes_failed = True
        tables, used = readers.setdefault(name or "", ([], set()))
        tables.append(table)
        if cols is None:
            used.update(range(1, len(sheet.headers) + 1))  # its problem is said already
            continue
        used.update(cols.used)
        for line, cells in sheet.rows:
            row = read_row(cols, line, cells, mapping, result.out)
            if table.record == "programme":
                pid = builder.programme(row)
                if pid is not None:
                    programme_rows.append((row, pid))
            else:
                _place(builder, table.record, row)
        if table.record == "programme":
            builder.parent_links(programme_rows)
    for name, (tables, used) in readers.items():
        unused_columns(read.sheets[name], tables, used, result.out)
    ignored = {label(n) for n in mapping.ignore_sources}
    for name, sheet in read.sheets.items():
        if name not in readers and name not in ignored:
            what = "sheet" if sheet.sheet is not None else "file"
            result.out.add(
                sheet.file,
                0,
                0,
                sheet.sheet or "",
                "import-source-unused",
                f"{what} '{sheet.name}' not imported: the mapping does not read it",
                "warning",
            )
    _finish_portfolio(builder)
    result.counts["withheld"] = len(result.out.withheld)
    return result


def _no_file(read: Read) -> Any:
    from pathlib import Path

    return read.problems[0].file if read.problems else Path(".")


def _place(builder: _Builder, record: str, row: Row) -> None:
    if record == "setting":
        if not missing_required(row, record, builder.out):
            builder.setting(row)
    elif record in ("objective", "criterion"):
        if not missing_required(row, record, builder.out):
            builder.objective(row, "objectives" if record == "objective" else "criteria")
    elif record == "envelope":
        if not missing_required(row, record, builder.out):
            builder.envelope(row)
    elif record == "capacity":
        if not missing_required(row, record, builder.out):
            builder.capacity(row)
    elif record == "update":
        builder.update(row)
    elif record in LISTS or record == "dependency":
        builder.item(row, record)
    elif record == "measurement":
        builder.measurement(row)
    elif record == "finance":
        builder.finance(row)
    elif record in ("score", "contribution"):
        builder.keyed(row, record)
    elif record == "savings_forecast":
        builder.savings_forecast(row)
    elif record == "dmt":
        builder.dmt(row)
    else:
        builder.decision(row)
