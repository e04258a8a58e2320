"""The SQL export for analysts: foreign keys, no reserved words, every field, views that agree
with `pmo status`, and docs/sql.md up to date."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy.dialects.mssql.base import RESERVED_WORDS as MSSQL
from sqlalchemy.dialects.mysql.reserved_words import RESERVED_WORDS_MYSQL as MYSQL
from sqlalchemy.dialects.oracle.base import RESERVED_WORDS as ORACLE
from sqlalchemy.dialects.postgresql.base import RESERVED_WORDS as POSTGRES
from sqlalchemy.dialects.sqlite.base import SQLiteIdentifierPreparer

from pmo.cli import main
from pmo.index import docs
from pmo.index.build import tables
from pmo.index.views import VIEWS
from test_index import SEN, _query, _write, make_portfolio

SAMPLE = Path(__file__).resolve().parents[1] / "portfolio"
RESERVED = {
    w.lower()
    for w in (*POSTGRES, *MYSQL, *MSSQL, *ORACLE, *SQLiteIdentifierPreparer.reserved_words)
}


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return make_portfolio(tmp_path)


def _export(root: Path, db: Path, period: str = "2026-11") -> int:
    return main(["export", "sqlite", str(db), "--portfolio", str(root), "--period", period])


def test_docs_sql_md_is_current() -> None:
    assert docs.DOC.read_text(encoding="utf-8") == docs.render(), (
        "docs/sql.md is stale: run `uv run python -m pmo.index.docs`"
    )


def test_no_column_or_table_is_a_reserved_word(tmp_path: Path) -> None:
    names = {t.name for t in tables()} | {f"{t.name}.{c.name}" for t in tables() for c in t.columns}
    view_columns = docs._view_columns()
    names |= {f"{view}.{c}" for view, cols in view_columns.items() for c in cols}
    assert sorted(n for n in names if n.split(".")[-1].lower() in RESERVED) == []


def _fks() -> set[tuple[str, tuple[str, ...], str]]:
    return {
        (t.name, tuple(fk.column_keys), fk.referred_table.name)
        for t in tables()
        for fk in t.foreign_key_constraints
    }


@pytest.mark.parametrize(
    ("table", "columns", "target"),
    [
        ("pmo_programme", ("parent_id",), "pmo_programme"),
        ("pmo_score", ("criterion_id",), "pmo_criterion"),
        ("pmo_objective_contribution", ("objective_id",), "pmo_objective"),
        ("pmo_benefit", ("objective_id",), "pmo_objective"),
        ("pmo_benefit_measurement", ("programme_id", "benefit_id"), "pmo_benefit"),
        ("pmo_benefit_measurement", ("programme_id", "period"), "pmo_programme_update"),
        ("pmo_benefit_profile", ("programme_id", "benefit_id"), "pmo_benefit"),
        ("pmo_resource_demand", ("role_id",), "pmo_role"),
        ("pmo_capacity", ("role_id",), "pmo_role"),
        ("pmo_dependency", ("depends_on_id",), "pmo_programme"),
        ("pmo_risk", ("category_id",), "pmo_risk_category"),
        ("pmo_decision", ("programme_id",), "pmo_programme"),
        ("pmo_benefit_status", ("programme_id", "benefit_id"), "pmo_benefit"),
    ],
)
def test_every_reference_is_a_foreign_key(
    table: str, columns: tuple[str, ...], target: str
) -> None:
    assert (table, columns, target) in _fks()


def test_fields_the_analysts_missed_are_exported(root: Path, tmp_path: Path) -> None:
    db = tmp_path / "x.db"
    assert _export(root, db) == 0
    assert _query(
        db,
        "select achievements, next_steps, submitted_by from pmo_programme_update "
        "where period = '2026-11'",
    ) == [("Routing live in 4 of 6 districts", "Award lot 2 contracts", "Programme Manager, CSTP")]
    assert _query(db, "select rag_key_green is not null from pmo_portfolio") == [(1,)]
    assert _query(db, "select category_id, appetite from pmo_risk_category order by position")[
        :2
    ] == [("safeguarding", 8), ("financial", 12)]


def test_export_satisfies_every_foreign_key(tmp_path: Path) -> None:
    db = tmp_path / "sample.db"
    assert _export(SAMPLE, db) == 0
    assert _query(db, "pragma foreign_key_check") == []


def test_dangling_references_are_left_out_or_nulled_with_a_warning(
    root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sen = root / "programmes" / "sen-sufficiency" / "programme.yaml"
    _write(sen, SEN.replace("financial: 2,", "financial: 2, nonsense: 3,") + "parent: nowhere\n")
    db = tmp_path / "x.db"
    assert _export(root, db) == 0
    err = capsys.readouterr().err
    assert "left out 1 row(s) of pmo_score (criterion_id not in pmo_criterion)" in err
    assert "pmo_programme.parent_id do not resolve and were exported as NULL" in err
    assert _query(db, "pragma foreign_key_check") == []
    assert _query(
        db, "select parent_id from pmo_programme where programme_id = 'sen-sufficiency'"
    ) == [(None,)]


def test_views_agree_with_pmo_status(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "sample.db"
    assert _export(SAMPLE, db) == 0
    capsys.readouterr()
    assert main(["status", str(SAMPLE), "--period", "2026-11", "--format", "json"]) == 0
    status = json.loads(capsys.readouterr().out)
    counts = dict(
        _query(db, "select status, count(*) from pmo_v_status where period = '2026-11' group by 1")
    )
    expected = status["q2"]["counts"]
    for name in ("green", "amber", "red", "stale", "missing"):
        assert counts.get(name, 0) == expected[name], name
    years = {y["fy"]: y for y in status["q1"]["affordability"]["years"]}
    for fy, committed, envelope in _query(
        db, "select fy, committed, envelope from pmo_v_spend_by_year"
    ):
        assert (committed, envelope) == (years[fy]["committed"], years[fy]["envelope"])
    ranking = [p["programme"] for p in status["q1"]["priority"]]
    assert [
        r[0] for r in _query(db, "select programme_id from pmo_v_priority order by priority_rank")
    ] == ranking
    flags = sum(len(e["flags"]) for e in status["q2"]["evidence"])
    assert _query(db, "select count(*) from pmo_v_evidence_flags") == [(flags,)]
    assert _query(db, "select count(*) from pmo_v_benefit_realisation") == [
        (len(status["q3"]["benefits"]),)
    ]
    assert _query(db, "select count(*) from pmo_v_capacity where over_total") == [
        (sum(1 for c in status["q1"]["capacity"]["cells"] if c["over_total"]),)
    ]
    exceptions = status["q2"]["exceptions"]
    assert _query(db, "select count(*) from pmo_v_exceptions where exception = 'rating'") == [
        (len(exceptions["ratings"]),)
    ]


def test_not_due_is_a_status_not_null(root: Path, tmp_path: Path) -> None:
    db = tmp_path / "x.db"
    assert _export(root, db) == 0
    assert _query(db, "select count(*) from pmo_status where status is null") == [(0,)]
    statuses = dict(
        _query(db, "select programme_id, status from pmo_v_status where period = '2026-11'")
    )
    assert statuses["home-to-school-transport"] == "amber"
    assert statuses["sen-sufficiency"] in {"not due", "missing"}


def test_every_view_is_recorded_as_pmos(root: Path, tmp_path: Path) -> None:
    db = tmp_path / "x.db"
    assert _export(root, db) == 0
    recorded = {v for (v,) in _query(db, "select value from pmo_export where item like 'view:%'")}
    assert recorded == {v.name for v in VIEWS}
