"""Create the index tables and fill them from a loaded portfolio in one transaction."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import cast

from sqlalchemy import Engine, Table, delete, insert
from sqlmodel import SQLModel

from pmo.index.rows import collect
from pmo.index.tables_portfolio import (
    CapacityRow,
    CriterionRow,
    DmtNoteRow,
    EnvelopeRow,
    ObjectiveRow,
    PortfolioRow,
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
from pmo.store import LoadedPortfolio

#: Every index table, parents before children (the order rows are inserted in).
MODELS: tuple[type[SQLModel], ...] = (
    PortfolioRow,
    ObjectiveRow,
    CriterionRow,
    CapacityRow,
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
)


def tables() -> list[Table]:
    """The index's tables, parents first."""
    return [cast(Table, model.__table__) for model in MODELS]  # type: ignore[attr-defined]


@dataclass(slots=True)
class IndexCounts:
    """What build_index wrote: rows by table, and files it had to skip."""

    rows: dict[str, int] = field(default_factory=dict)
    skipped_files: int = 0

    def __getitem__(self, table: str) -> int:
        return self.rows.get(table, 0)


def build_index(loaded: LoadedPortfolio, engine: Engine) -> IndexCounts:
    """Create the tables if missing and replace their rows with the portfolio's.

    Only valid models are indexed; invalid files are skipped (counted in the result).
    All in one transaction: on any error the database is left as it was.
    """
    rowset, skipped = collect(loaded)
    ordered = tables()
    counts = IndexCounts(skipped_files=skipped)
    with engine.begin() as conn:
        SQLModel.metadata.create_all(conn, tables=ordered)
        for table in reversed(ordered):
            conn.execute(delete(table))
        for table in ordered:
            rows = rowset.tables.get(table.name, [])
            if rows:
                conn.execute(insert(table), rows)
            counts.rows[table.name] = len(rows)
    return counts
