"""The portfolio as registers: one table per kind of thing, as the XLSX and CSV exports show it.

Pure: columns with a header and a kind (how a spreadsheet should format the cell), rows built
from the valid models only (a file with errors is left out, as in every export).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from pmo.model import DmtNote, Portfolio, Programme, Update
from pmo.present.words import MEASUREMENT, PROFILE_VALUE
from pmo.store import LoadedPortfolio

Kind = Literal["text", "long", "id", "date", "period", "money", "number", "int", "bool", "rag"]
Cell = str | int | float | bool | date | None


@dataclass(frozen=True, slots=True)
class Column:
    """A register's column: its header and how its cells are formatted."""

    header: str
    kind: Kind = "text"


@dataclass(slots=True)
class Register:
    """One sheet or CSV file: a name, its columns and its rows (cells in column order)."""

    name: str
    columns: tuple[Column, ...]
    rows: list[list[Cell]] = field(default_factory=list)


def _cols(*spec: str) -> tuple[Column, ...]:
    """Columns from "Header:kind" strings (kind defaults to text)."""
    out = []
    for item in spec:
        header, _, kind = item.partition(":")
        out.append(Column(header, kind or "text"))  # type: ignore[arg-type]
    return tuple(out)


PROGRAMMES = _cols(
    "Programme ID:id", "Name", "Kind", "Parent:id", "Service", "SRO", "Manager", "Stage",
    "Mandatory:bool", "Start:date", "End baseline:date", "End current:date",
    "End forecast:date", "End actual:date", "Business case stage", "Business case status",
    "Business case decided:date", "Business case decided by", "Optimism bias:number",
    "Summary:long", "Reporting",
)  # fmt: skip
UPDATES = _cols(
    "Programme ID:id", "Period:period", "Submitted:date", "Submitted by", "Overall:rag",
    "Schedule:rag", "Cost:rag", "Scope:rag", "Resources:rag", "Risks:rag", "Benefits:rag",
    "Summary:long", "Path to green:long", "Achievements:long", "Next steps:long",
    "Spend to date:money", "Forecast outturn:money", "Finance narrative:long",
    "Assurance:rag", "Assurance note:long", "Assurance by", "Assurance date:date", "Status",
)  # fmt: skip
MILESTONES = _cols(
    "Programme ID:id", "Milestone ID:id", "Title", "Baseline:date", "Current:date",
    "Forecast:date", "Actual:date", "Key:bool",
)  # fmt: skip
RISKS = _cols(
    "Programme ID:id", "Risk ID:id", "Title", "Cause:long", "Effect:long", "Category",
    "Owner", "Likelihood:int", "Impact:int", "Score:int", "Target likelihood:int",
    "Target impact:int", "Target score:int", "Proximity:date", "Response", "Actions:long",
    "Status",
)  # fmt: skip
ISSUES = _cols(
    "Programme ID:id", "Issue ID:id", "Title", "Owner", "Severity:int", "Raised:date",
    "Due:date", "Status", "Escalate:bool",
)  # fmt: skip
DEPENDENCIES = _cols("Programme ID:id", "Depends on:id", "Note:long")
BENEFITS = _cols(
    "Programme ID:id", "Benefit ID:id", "Title", "Kind", "Objective:id", "Owner", "Measure",
    "Unit", "Direction", "Baseline value:number", "Baseline date:date", "Target value:number",
    "Target by:date", "Disbenefit:bool",
)  # fmt: skip
MEASUREMENTS = _cols("Programme ID:id", "Benefit ID:id", "Period:period", "Type", "Value:number")
MEASUREMENT_TYPE = 3
"""The Measurements column saying which a row is: actual (a benefit measurement reported in an
update) or planned (a planned profile value)."""
RESOURCES = _cols(
    "Programme ID:id", "Role:id", "FTE:number", "From:period", "To:period", "Confirmed:bool"
)
FINANCE = _cols(
    "Programme ID:id", "Financial year", "Budget:money", "Business case capital:money",
    "Business case revenue:money", "Business case savings:money",
)  # fmt: skip
DECISIONS = _cols("Programme ID:id", "Period:period", "Decision", "Needed by:date", "Detail:long")
SCORES = _cols("Programme ID:id", "Criterion:id", "Score:int")
CONTRIBUTIONS = _cols("Programme ID:id", "Objective:id", "Contribution:int")
SAVINGS_FORECASTS = _cols(
    "Programme ID:id", "Period:period", "Financial year", "Savings forecast:money"
)
DMT_NOTES = _cols("Period:period", "Meeting:date", "Headline:long")
# portfolio.yaml: the strategy and constraints, so the workbook holds the whole portfolio
OBJECTIVES = _cols("Objective ID:id", "Title", "Weight:number")
CRITERIA = _cols("Criterion ID:id", "Title", "Weight:number", "Group")
ENVELOPE = _cols("Financial year", "Envelope:money", "Savings target:money")
CAPACITY = _cols("Role:id", "From:period", "FTE:number")
SETTINGS = _cols("Setting", "Value:long")


def _lines(items: list[str]) -> str | None:
    return "\n".join(items) if items else None


def _programme(out: dict[str, Register], pid: str, p: Programme) -> None:
    end, bc = p.end, p.business_case
    decided = bc.decided if bc else None
    out["Programmes"].rows.append([
        pid, p.name, p.kind, p.parent, p.service, p.sro, p.manager, p.stage, p.mandatory,
        p.start, end.baseline if end else None, end.current if end else None,
        end.forecast if end else None, end.actual if end else None,
        bc.stage if bc else None, bc.status if bc else None,
        decided.date if decided else None, decided.by if decided else None,
        bc.optimism_bias if bc else None, p.summary, p.reporting,
    ])  # fmt: skip
    for criterion, score in p.scores.items():
        out["Scores"].rows.append([pid, criterion, score])
    for objective, contribution in p.objectives.items():
        out["Contributions"].rows.append([pid, objective, contribution])
    for m in p.milestones:
        out["Milestones"].rows.append(
            [pid, m.id, m.title, m.baseline, m.current, m.forecast, m.actual, m.key]
        )
    for r in p.risks:
        t = r.target
        out["Risks"].rows.append([
            pid, r.id, r.title, r.cause, r.effect, r.category, r.owner, r.likelihood,
            r.impact, r.likelihood * r.impact, t.likelihood if t else None,
            t.impact if t else None, t.likelihood * t.impact if t else None, r.proximity,
            r.response, r.actions, r.status,
        ])  # fmt: skip
    for i in p.issues:
        out["Issues"].rows.append(
            [pid, i.id, i.title, i.owner, i.severity, i.raised, i.due, i.status, i.escalate]
        )
    for d in p.dependencies:
        out["Dependencies"].rows.append([pid, d.programme, d.note])
    for b in p.benefits:
        base, target = b.baseline, b.target
        out["Benefits"].rows.append([
            pid, b.id, b.title, b.kind, b.objective, b.owner, b.measure, b.unit, b.direction,
            base.value if base else None, base.date if base else None,
            target.value if target else None, target.by if target else None, b.disbenefit,
        ])  # fmt: skip
        for period, value in b.profile.items():
            out["Measurements"].rows.append([pid, b.id, period, "planned", value])
    for res in p.resources:
        out["Resources"].rows.append([pid, res.role, res.fte, res.from_, res.to, res.confirmed])
    costs = bc.costs if bc else {}
    savings = bc.savings if bc else {}
    for fy in sorted(set(p.budget) | set(costs) | set(savings)):
        cost = costs.get(fy)
        out["Finance"].rows.append([
            pid, fy, p.budget.get(fy), cost.capital if cost else None,
            cost.revenue if cost else None, savings.get(fy),
        ])  # fmt: skip


def _update(out: dict[str, Register], pid: str, period: str, u: Update) -> None:
    rag, fin, ass = u.rag, u.finance, u.assurance
    out["Updates"].rows.append([
        pid, period, u.submitted, u.by, rag.overall, rag.schedule, rag.cost, rag.scope,
        rag.resources, rag.risks, rag.benefits, u.summary, u.path_to_green,
        _lines(u.achievements), _lines(u.next), fin.spend_to_date if fin else None,
        fin.forecast_outturn if fin else None, fin.narrative if fin else None,
        ass.rag if ass else None, ass.note if ass else None, ass.by if ass else None,
        ass.date if ass else None, u.status,
    ])  # fmt: skip
    for benefit_id, value in u.benefits.items():
        out["Measurements"].rows.append([pid, benefit_id, period, "actual", value])
    for dec in u.decisions:
        out["Decisions"].rows.append([pid, period, dec.title, dec.by, dec.detail])
    for fy, value in u.savings_forecast.items():
        out["Savings forecasts"].rows.append([pid, period, fy, value])


def _portfolio(out: dict[str, Register], pf: Portfolio) -> None:
    for o in pf.objectives:
        out["Objectives"].rows.append([o.id, o.title, o.weight])
    for c in pf.criteria:
        out["Criteria"].rows.append([c.id, c.title, c.weight, c.group])
    for fy in sorted(set(pf.envelope) | set(pf.savings_target)):
        out["Envelope"].rows.append([fy, pf.envelope.get(fy), pf.savings_target.get(fy)])
    for role, plan in pf.capacity.items():
        for start, fte in plan.items():
            out["Capacity"].rows.append([role, None if start == "fte" else start, fte])
    settings: list[list[Cell]] = [
        ["name", pf.name],
        ["office", pf.office],
        ["stale_after_days", pf.stale_after_days],
        ["services", ", ".join(pf.services)],
        ["rag_scale", pf.rag_scale],
        ["risk.escalate_at", pf.risk.escalate_at],
        ["risk.categories", ", ".join(pf.risk.categories)],
        ["tolerances.schedule_days", pf.tolerances.schedule_days],
        ["tolerances.cost_percent", pf.tolerances.cost_percent],
        ["tolerances.benefit_percent", pf.tolerances.benefit_percent],
    ]
    settings[7:7] = [[f"risk.appetite.{k}", v] for k, v in pf.risk.appetite.items()]
    key = pf.rag_key.model_dump(by_alias=True, exclude_none=True)
    settings += [[f"rag_key.{k}", v] for k, v in key.items()]
    out["Settings"].rows.extend(settings)


def _dmt(out: dict[str, Register], period: str, note: DmtNote) -> None:
    if note.meeting is not None or note.headline is not None:
        out["DMT notes"].rows.append([period, note.meeting, note.headline])
    for dec in note.decisions:
        out["Decisions"].rows.append([None, period, dec.title, dec.by, dec.detail])


#: Every register with its columns, in the order the exports list them.
SPEC: tuple[tuple[str, tuple[Column, ...]], ...] = (
    ("Programmes", PROGRAMMES),
    ("Updates", UPDATES),
    ("Milestones", MILESTONES),
    ("Risks", RISKS),
    ("Issues", ISSUES),
    ("Dependencies", DEPENDENCIES),
    ("Benefits", BENEFITS),
    ("Measurements", MEASUREMENTS),
    ("Resources", RESOURCES),
    ("Finance", FINANCE),
    ("Decisions", DECISIONS),
    ("Scores", SCORES),
    ("Contributions", CONTRIBUTIONS),
    ("Savings forecasts", SAVINGS_FORECASTS),
    ("DMT notes", DMT_NOTES),
    ("Objectives", OBJECTIVES),
    ("Criteria", CRITERIA),
    ("Envelope", ENVELOPE),
    ("Capacity", CAPACITY),
    ("Settings", SETTINGS),
)
NAMES: tuple[str, ...] = tuple(name for name, _ in SPEC)


def registers(loaded: LoadedPortfolio) -> list[Register]:
    """Every register, in SPEC's order, filled from the portfolio's valid files."""
    out = {name: Register(name, cols) for name, cols in SPEC}
    for folder, prog in loaded.programmes.items():
        if prog.model is None:
            continue
        _programme(out, folder, prog.model)
        for period, src in sorted(prog.updates.items()):
            if src.model is not None:
                _update(out, folder, period, src.model)
    if loaded.config is not None and loaded.config.model is not None:
        _portfolio(out, loaded.config.model)
    for period, note in sorted(loaded.dmt.items()):
        if note.model is not None:
            _dmt(out, period, note.model)
    out["Measurements"].rows.sort(key=lambda r: (str(r[0]), str(r[1]), str(r[2]), str(r[3])))
    return list(out.values())


def measurement_kinds(register: Register) -> tuple[int, int]:
    """The Measurements sheet's (benefit measurements, planned profile values): its rows of
    Type actual (reported in updates) and of Type planned (each benefit's profile)."""
    kinds = [row[MEASUREMENT_TYPE] for row in register.rows]
    return kinds.count("actual"), kinds.count("planned")


def summary(sheets: list[Register]) -> list[tuple[int, str]]:
    """What an export of ``sheets`` holds, as (count, label) by register: the Measurements
    sheet counted as benefit measurements and planned profile values apart, as the SQL export
    counts its two tables (one meaning of "benefit measurement")."""
    out: list[tuple[int, str]] = []
    for register in sheets:
        if register.name == "Measurements":
            actual, planned = measurement_kinds(register)
            out += [(actual, MEASUREMENT[1]), (planned, PROFILE_VALUE[1])]
        else:
            out.append((len(register.rows), register.name.lower()))
    return out


def iter_cells(register: Register) -> Iterator[tuple[int, int, Column, Cell]]:
    """(row, column, column spec, value) for every cell, rows and columns from 0."""
    for r, row in enumerate(register.rows):
        for c, (col, value) in enumerate(zip(register.columns, row, strict=True)):
            yield r, c, col, value
