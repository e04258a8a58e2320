"""Create pmo's tables and fill them from a loaded portfolio, in one transaction with the DDL.

pmo touches only what it created: its tables are named ``pmo_*`` and listed, with the layout
version, in the ``pmo_export`` table; a table of someone else's in the way stops the export.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, cast

from sqlalchemy import Connection, Engine, Table, delete, event, insert, inspect, select, text
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import SQLModel

from pmo.index.rows import Row, RowSet, collect
from pmo.index.rows_analysis import add_analysis
from pmo.index.tables_analysis import (
    AffordabilityRow,
    BenefitStatusRow,
    CapacityMonthRow,
    EvidenceFlagRow,
    ExceptionRow,
    PriorityRow,
    StatusRow,
)
from pmo.index.tables_portfolio import (
    CapacityRow,
    CriterionRow,
    DmtNoteRow,
    EnvelopeRow,
    ExportInfoRow,
    ObjectiveRow,
    PortfolioRow,
    RiskCategoryRow,
    RoleRow,
    SavingsTargetRow,
)
from pmo.index.tables_programme import (
    BenefitProfileRow,
    BenefitRow,
    BudgetRow,
    BusinessCaseCostRow,
    BusinessCaseSavingRow,
    DependencyRow,
    IssueRow,
    MilestoneRow,
    ObjectiveContributionRow,
    ProgrammeRow,
    ResourceDemandRow,
    RiskRow,
    ScoreRow,
)
from pmo.index.tables_update import BenefitMeasurementRow, DecisionRow, UpdateRow
from pmo.index.target import ExportError
from pmo.index.views import VIEWS
from pmo.store import LoadedPortfolio

#: Every index table, parents before children (the order rows are inserted in).
MODELS: tuple[type[SQLModel], ...] = (
    PortfolioRow,
    ObjectiveRow,
    CriterionRow,
    RoleRow,
    CapacityRow,
    RiskCategoryRow,
    EnvelopeRow,
    SavingsTargetRow,
    DmtNoteRow,
    ProgrammeRow,
    ObjectiveContributionRow,
    ScoreRow,
    BudgetRow,
    BusinessCaseCostRow,
    BusinessCaseSavingRow,
    MilestoneRow,
    RiskRow,
    IssueRow,
    DependencyRow,
    ResourceDemandRow,
    BenefitRow,
    BenefitProfileRow,
    UpdateRow,
    BenefitMeasurementRow,
    DecisionRow,
    StatusRow,
    EvidenceFlagRow,
    ExceptionRow,
    AffordabilityRow,
    PriorityRow,
    BenefitStatusRow,
    CapacityMonthRow,
)


#: The version of the table layout; a database holding another needs `--rebuild`.
LAYOUT = 5
GENERATOR = "pmo"
INFO = cast(Table, ExportInfoRow.__table__)  # type: ignore[attr-defined]


def tables() -> list[Table]:
    """The index's tables, parents first."""
    return [cast(Table, model.__table__) for model in MODELS]  # type: ignore[attr-defined]


def logical(table: Table) -> str:
    """A table's name without pmo's prefix: the key its rows have in a RowSet."""
    return table.name.removeprefix("pmo_")


@dataclass(slots=True)
class IndexCounts:
    """What build_index wrote: rows by table (unprefixed name), and files it had to skip."""

    rows: dict[str, int] = field(default_factory=dict)
    skipped_files: int = 0
    period: str = ""
    notes: list[str] = field(default_factory=list)

    def __getitem__(self, table: str) -> int:
        return self.rows.get(table, 0)


def _recorded(conn: Connection, existing: set[str]) -> dict[str, str] | None:
    """pmo_export's items when it is pmo's own, else None."""
    if INFO.name not in existing:
        return None
    try:
        with conn.begin_nested():
            items = {str(k): str(v) for k, v in conn.execute(select(INFO.c.item, INFO.c.value))}
    except SQLAlchemyError:
        return None
    return items if items.get("generator") == GENERATOR else None


def _objects(items: dict[str, str], kind: str) -> list[str]:
    """The tables or views a previous export recorded, in the order it created them."""
    keys = sorted(k for k in items if k.startswith(f"{kind}:"))
    return [items[k] for k in keys]


def first_line(exc: BaseException) -> str:
    """The first line of a database error: the driver's message, without SQLAlchemy's extras."""
    orig = getattr(exc, "orig", None)
    line = str(orig if orig is not None else exc).strip().splitlines()[0]
    return line.split(" (Background on this error")[0]


def _drop_previous(conn: Connection, items: dict[str, str], shown: str) -> None:
    preparer = conn.dialect.identifier_preparer
    for kind in ("view", "table"):
        for name in reversed(_objects(items, kind)):
            try:
                with conn.begin_nested():
                    conn.execute(text(f"DROP {kind.upper()} IF EXISTS {preparer.quote(name)}"))
            except SQLAlchemyError as exc:
                raise ExportError(
                    f"{shown}: cannot drop pmo's old {kind} {name}: "
                    f"{first_line(exc)} (do views of your own use it? drop or "
                    "change them first); nothing was changed"
                ) from None
    conn.execute(text(f"DROP TABLE IF EXISTS {preparer.quote(INFO.name)}"))


def prepare(conn: Connection, shown: str, rebuild: bool) -> list[str]:
    """Check that pmo may write here; with ``rebuild``, drop pmo's old layout. Returns notes."""
    insp = inspect(conn)
    existing = set(insp.get_table_names()) | set(insp.get_view_names())
    mine = {t.name for t in tables()} | {v.name for v in VIEWS} | {INFO.name}
    items = _recorded(conn, existing)
    recorded = set() if items is None else set(items.values()) | {INFO.name}
    foreign = sorted((mine & existing) - recorded)
    if foreign:
        raise ExportError(
            f"{shown}: {len(foreign)} table(s) that pmo did not create are in the way: "
            f"{', '.join(foreign)}. pmo writes only its own pmo_* tables and never touches "
            "yours: rename or drop them, or export to another database; nothing was changed"
        )
    if items is None:
        return []
    old = items.get("layout")
    if old == str(LAYOUT):
        return []
    if not rebuild:
        raise ExportError(
            f"{shown} holds pmo's tables in layout {old}; this pmo writes layout {LAYOUT}. "
            "Run again with --rebuild to drop and recreate pmo's own tables (tables of your own "
            "are never touched); nothing was changed"
        )
    _drop_previous(conn, items, shown)
    return [f"rebuilt pmo's tables: layout {old} -> {LAYOUT}"]


def _keep_first(table: Table, rows: list[Row]) -> tuple[list[Row], int]:
    """Rows with a primary key not seen before (ids duplicated in the YAML are errors)."""
    keys = [c.name for c in table.primary_key.columns]
    seen: set[tuple[Any, ...]] = set()
    kept = []
    for row in rows:
        key = tuple(row.get(k) for k in keys)
        if key not in seen:
            seen.add(key)
            kept.append(row)
    return kept, len(rows) - len(kept)


def resolve_references(rowset: RowSet, counts: IndexCounts) -> None:
    """Make every row satisfy the keys: a duplicate is left out, a dangling optional reference
    becomes NULL and a row whose required reference does not resolve is left out (each
    counted in a note). Parents are cleaned before their children, so removals cascade."""
    dropped: dict[str, int] = {}
    nulled: dict[str, int] = {}
    for table in tables():
        name = logical(table)
        rows, duplicates = _keep_first(table, rowset.tables.get(name, []))
        if duplicates:
            dropped[f"{table.name} (duplicate ids)"] = duplicates
        for fk in table.foreign_key_constraints:
            cols = list(fk.column_keys)
            parent = fk.referred_table
            ref = [e.column.name for e in fk.elements]
            parent_rows = rows if parent is table else rowset.tables.get(logical(parent), [])
            known = {tuple(r.get(c) for c in ref) for r in parent_rows}
            optional = all(table.c[c].nullable for c in cols)
            kept = []
            for row in rows:
                key = tuple(row.get(c) for c in cols)
                if None in key or key in known:
                    kept.append(row)
                elif optional:
                    kept.append({**row, **dict.fromkeys(cols)})
                    nulled[f"{table.name}.{', '.join(cols)}"] = (
                        nulled.get(f"{table.name}.{', '.join(cols)}", 0) + 1
                    )
                else:
                    what = f"{table.name} ({', '.join(cols)} not in {parent.name})"
                    dropped[what] = dropped.get(what, 0) + 1
            rows = kept
        rowset.tables[name] = rows
    for what, n in dropped.items():
        counts.notes.append(f"warning: left out {n} row(s) of {what}; run `pmo validate`")
    for what, n in nulled.items():
        counts.notes.append(
            f"warning: {n} reference(s) in {what} do not resolve and were exported as NULL; "
            "run `pmo validate`"
        )


def fill(conn: Connection, rowset: RowSet, counts: IndexCounts) -> None:
    """Create missing tables, replace every row, and record what pmo made in pmo_export."""
    ordered = tables()
    SQLModel.metadata.create_all(conn, tables=[*ordered, INFO])
    for table in reversed(ordered):
        conn.execute(delete(table))
    for table in ordered:
        names = [c.name for c in table.columns]
        rows = [{n: row.get(n) for n in names} for row in rowset.tables.get(logical(table), [])]
        if rows:
            conn.execute(insert(table), rows)
        counts.rows[logical(table)] = len(rows)
    postgres = conn.dialect.name == "postgresql"
    for view in VIEWS:
        if not postgres:
            conn.execute(text(f"DROP VIEW IF EXISTS {view.name}"))
        verb = "CREATE OR REPLACE VIEW" if postgres else "CREATE VIEW"
        conn.execute(text(f"{verb} {view.name} AS\n{view.select}"))
    conn.execute(delete(INFO))
    info = [("generator", GENERATOR), ("layout", str(LAYOUT))]
    info += [(f"table:{n:02d}", t.name) for n, t in enumerate(ordered, 1)]
    info += [(f"view:{n:02d}", v.name) for n, v in enumerate(VIEWS, 1)]
    conn.execute(insert(INFO), [{"item": k, "value": v} for k, v in info])


def transactional_ddl(engine: Engine) -> None:
    """Make SQLite's driver run DDL inside the transaction too, so a failure undoes it all."""
    if engine.dialect.name != "sqlite":
        return

    @event.listens_for(engine, "connect")
    def _no_autobegin(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None

    @event.listens_for(engine, "begin")
    def _begin(conn: Connection) -> None:
        conn.exec_driver_sql("BEGIN")


def build_index(
    loaded: LoadedPortfolio,
    engine: Engine,
    *,
    shown: str = "the database",
    rebuild: bool = False,
    period: str,
) -> IndexCounts:
    """Replace pmo's tables at ``engine`` with the portfolio's rows: all or nothing.

    Only valid models are indexed; invalid files are skipped (counted in the result). The
    checks, any DDL and the rows run in one transaction: on any error nothing has changed.
    """
    rowset, skipped = collect(loaded)
    counts = IndexCounts(skipped_files=skipped)
    counts.period = period
    counts.notes.extend(add_analysis(rowset, loaded, counts.period))
    resolve_references(rowset, counts)
    transactional_ddl(engine)
    with engine.begin() as conn:
        counts.notes.extend(prepare(conn, shown, rebuild))
        fill(conn, rowset, counts)
    return counts
