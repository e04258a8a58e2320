"""`pmo export sqlite`: the derived SQL index round-trips the YAML and is written atomically."""

from __future__ import annotations

import os
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path
from textwrap import dedent

import pytest

from pmo.cli import main

PORTFOLIO = """\
name: Children's Services Transformation Portfolio
office: CSTP Portfolio Management Office
stale_after_days: 35
objectives:
  - id: safe
    title: Keep children safe through children's social care
    weight: 40
  - { id: achieve, title: Improve educational attainment, weight: 30 }
  - id: sustain
    title: Plan for the future - places, transport and budgets
    weight: 30
criteria:
  - id: strategic-fit
    title: Contribution to objectives
    weight: 30
    group: attractiveness
  - { id: statutory, title: Statutory duty or safeguarding need, weight: 25, group: attractiveness }
  - { id: financial, title: Financial return, weight: 20, group: attractiveness }
  - { id: deliverability, title: Deliverability and risk, weight: 15, group: achievability }
  - { id: readiness, title: Readiness and capacity, weight: 10, group: achievability }
envelope:
  2026/27: 4200000
  2027/28: 3800000
savings_target:
  2026/27: 6500000
  2027/28: 9000000
capacity:
  programme-manager: 5
  project-manager: { fte: 9, 2027-04: 8 }
  business-analyst: 7
risk:
  escalate_at: 15
  appetite: { safeguarding: 8, financial: 12 }
tolerances: { schedule_days: 30, cost_percent: 5, benefit_percent: 10 }
rag_scale: three-point
rag_key:
  green: Successful delivery to time, cost and quality is highly likely.
  amber: Delivery is feasible but significant issues need management attention.
  red: Delivery appears unachievable without major re-planning or a DMT decision.
"""

TRANSPORT = """\
id: home-to-school-transport
name: Home to School Transport Review
kind: programme
parent: null
service: access-resources
sro: Assistant Director, Access, Resources and Business Development
manager: Programme Manager, CSTP
stage: delivery
mandatory: true
summary: Review eligibility, routing and commissioning of home-to-school transport.
start: 2025-04-01
end: { baseline: 2027-07-31, current: 2027-09-30, forecast: 2027-10-31 }
objectives: { sustain: 3, safe: 1 }
scores: { strategic-fit: 4, statutory: 5, financial: 5, deliverability: 3, readiness: 3 }
business_case:
  stage: FBC
  status: approved
  decided: { date: 2025-03-12, by: DMT }
  costs:
    2025/26: { capital: 0, revenue: 180000 }
    2026/27: { capital: 120000, revenue: 240000 }
  savings:
    2026/27: 600000
    2027/28: 1400000
  optimism_bias: 0.15
budget:
  2025/26: 180000
  2026/27: 360000
milestones:
  - id: routing-live
    title: Route optimisation live for September intake
    baseline: 2026-06-30
    current: 2026-08-31
    forecast: 2026-09-15
    actual: null
    key: true
  - { id: retender-awarded, title: Lot 1 contracts awarded, baseline: 2026-03-31,
      actual: 2026-04-10 }
risks:
  - id: provider-market
    title: Operator market cannot absorb the retender
    cause: Few operators in rural districts
    effect: Higher prices and unserved routes
    category: financial
    owner: Head of Transport
    likelihood: 4
    impact: 4
    target: { likelihood: 2, impact: 3 }
    proximity: 2026-12-31
    response: treat
    actions: Pre-market engagement; lot sizes by district
    status: open
issues:
  - { id: driver-shortage, title: Driver shortage on SEN routes, owner: Head of Transport,
      severity: 4, raised: 2026-09-02, due: 2026-12-15, status: open, escalate: true }
dependencies:
  - { programme: sen-sufficiency, note: Placement decisions drive SEN route demand }
resources:
  - { role: programme-manager, fte: 1.0, from: 2025-04, to: 2027-09 }
  - { role: business-analyst, fte: 0.5, from: 2025-04, to: 2026-12, confirmed: true }
benefits:
  - id: sen-cost-per-pupil
    title: Lower SEN transport cost per pupil
    kind: cashable
    objective: sustain
    owner: Head of Transport
    measure: Annual SEN transport cost per eligible pupil
    unit: GBP
    direction: down
    baseline: { value: 6200, date: 2025-03-31 }
    target: { value: 5400, by: 2028-03-31 }
    profile: { 2026-03: 6100, 2026-09: 5900, 2027-03: 5700, 2028-03: 5400 }
"""

SEN = """\
id: sen-sufficiency
name: SEN Sufficiency
kind: project
service: education-inclusion
sro: Director of Education
manager: Project Manager, CSTP
stage: business-case
start: 2026-01-05
objectives: { achieve: 2 }
scores: { strategic-fit: 3, statutory: 4, financial: 2, deliverability: 3, readiness: 2 }
business_case: { stage: OBC, status: submitted }
"""

UPDATE_OCT = """\
period: 2026-10
submitted: 2026-10-22
by: Programme Manager, CSTP
rag: { overall: green, schedule: green, cost: green, scope: green, resources: amber,
       risks: green, benefits: green }
summary: Routing live in four districts.
finance: { spend_to_date: 150000, forecast_outturn: 350000 }
benefits: { sen-cost-per-pupil: 6010 }
"""

UPDATE_NOV = """\
period: 2026-11
submitted: 2026-11-21
by: Programme Manager, CSTP
rag:
  overall: amber
  schedule: amber
  cost: green
  scope: green
  resources: red
  risks: amber
  benefits: green
summary: Routing live for most schools; SEN routes delayed by driver shortage.
path_to_green: Agency drivers from January; re-plan SEN routes by 15 Dec.
achievements: [Routing live in 4 of 6 districts]
next: [Award lot 2 contracts]
decisions:
  - { title: Approve interim agency spend of £85k, by: 2026-12-05 }
finance: { spend_to_date: 210000, forecast_outturn: 355000, narrative: null }
benefits: { sen-cost-per-pupil: 5980 }
assurance:
  rag: red
  note: Resource gap and driver shortage not reflected in the overall rating
"""


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(dedent(text), encoding="utf-8")


def make_portfolio(tmp_path: Path) -> Path:
    """A small valid portfolio: two programmes, two updates."""
    root = tmp_path / "portfolio"
    _write(root / "portfolio.yaml", PORTFOLIO)
    transport = root / "programmes" / "home-to-school-transport"
    _write(transport / "programme.yaml", TRANSPORT)
    _write(transport / "updates" / "2026-10.yaml", UPDATE_OCT)
    _write(transport / "updates" / "2026-11.yaml", UPDATE_NOV)
    _write(root / "programmes" / "sen-sufficiency" / "programme.yaml", SEN)
    return root


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return make_portfolio(tmp_path)


def _export(root: Path, db: Path) -> int:
    return main(["export", "sqlite", str(db), "--portfolio", str(root)])


def _query(db: Path, sql: str) -> list[tuple[object, ...]]:
    with sqlite3.connect(db) as conn:
        return conn.execute(sql).fetchall()


def test_sample_portfolio_is_valid(root: Path) -> None:
    assert main(["validate", str(root), "--period", "2026-11"]) == 0


def test_export_round_trips_values(
    root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "out" / "index.db"
    db.parent.mkdir()
    assert _export(root, db) == 0
    out = capsys.readouterr()
    assert f"wrote {db}: 2 programmes, 2 updates, 2 milestones, 1 risks" in out.out
    assert out.err == ""
    assert [p.name for p in db.parent.iterdir()] == ["index.db"]  # no temp file left

    assert _query(db, "select count(*) from pmo_programme") == [(2,)]
    assert _query(
        db,
        "select programme_id, kind, stage, mandatory, end_current, bc_status, optimism_bias "
        "from pmo_programme order by programme_id",
    )[0] == ("home-to-school-transport", "programme", "delivery", 1, "2027-09-30", "approved", 0.15)
    assert _query(
        db,
        "select baseline, current_baseline, forecast, actual, is_key from pmo_milestone "
        "where milestone_id = 'routing-live'",
    ) == [("2026-06-30", "2026-08-31", "2026-09-15", None, 1)]
    assert _query(db, "select likelihood, impact, score, target_score from pmo_risk") == [
        (4, 4, 16, 6)
    ]
    assert _query(
        db,
        "select programme_id, benefit_id, period, value from pmo_benefit_measurement "
        "order by period",
    ) == [
        ("home-to-school-transport", "sen-cost-per-pupil", "2026-10", 6010.0),
        ("home-to-school-transport", "sen-cost-per-pupil", "2026-11", 5980.0),
    ]
    assert _query(
        db,
        "select period, overall, resources, path_to_green is not null, "
        "assurance_rag, spend_to_date from pmo_programme_update order by period",
    ) == [
        ("2026-10", "green", "amber", 0, None, 150000.0),
        ("2026-11", "amber", "red", 1, "red", 210000.0),
    ]
    assert _query(
        db,
        "select from_period, fte from pmo_capacity where role_id = 'project-manager' "
        "order by from_period is not null, from_period",
    ) == [(None, 9.0), ("2027-04", 8.0)]
    assert _query(db, "select programme_id, period, title, needed_by from pmo_decision") == [
        (
            "home-to-school-transport",
            "2026-11",
            "Approve interim agency spend of £85k",
            "2026-12-05",
        )
    ]
    assert _query(db, "select period, value from pmo_benefit_profile order by period")[0] == (
        "2026-03",
        6100.0,
    )
    assert _query(db, "select sum(capital + revenue) from pmo_business_case_cost") == [(540000.0,)]
    assert _query(db, "select fy, amount from pmo_envelope order by fy") == [
        ("2026/27", 4200000.0),
        ("2027/28", 3800000.0),
    ]
    assert _query(db, "select count(*) from pmo_score") == [(10,)]


def test_export_replaces_its_own_previous_export(root: Path, tmp_path: Path) -> None:
    db = tmp_path / "index.db"
    assert _export(root, db) == 0
    _write(root / "programmes" / "sen-sufficiency" / "programme.yaml", SEN.replace("SEN ", "X "))
    assert _export(root, db) == 0
    assert _query(db, "select name from pmo_programme where programme_id = 'sen-sufficiency'") == [
        ("X Sufficiency",)
    ]


def test_failed_build_keeps_the_existing_file(
    root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import pmo.index.export as export

    def boom(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("disk on fire")

    db = tmp_path / "out" / "index.db"
    db.parent.mkdir()
    assert _export(root, db) == 0
    before = db.read_bytes()
    monkeypatch.setattr(export, "build_index", boom)
    assert _export(root, db) == 2
    assert db.read_bytes() == before
    assert [p.name for p in db.parent.iterdir()] == ["index.db"]


def test_missing_portfolio_returns_2_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "index.db"
    assert _export(tmp_path / "nowhere", db) == 2
    assert not db.exists()
    assert "nowhere" in capsys.readouterr().err


@pytest.mark.parametrize("argv", [[], ["x.db", "--url", "sqlite://"]])
def test_needs_exactly_one_target(root: Path, argv: list[str]) -> None:
    assert main(["export", "sqlite", *argv, "--portfolio", str(root)]) == 2


def test_invalid_files_are_skipped_with_a_warning(
    root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sen = root / "programmes" / "sen-sufficiency"
    _write(sen / "programme.yaml", SEN.replace("stage: business-case", "stage: nearly"))
    _write(sen / "updates" / "2026-11.yaml", UPDATE_NOV)
    bad = root / "programmes" / "home-to-school-transport" / "updates" / "2026-10.yaml"
    _write(bad, UPDATE_OCT.replace("overall: green", "overall: purple"))
    db = tmp_path / "index.db"
    assert _export(root, db) == 0
    err = capsys.readouterr().err
    # the bad programme, its (valid) update, and the bad update
    assert "warning: 3 invalid files skipped" in err
    assert "pmo validate" in err
    assert _query(db, "select programme_id from pmo_programme") == [("home-to-school-transport",)]
    assert _query(db, "select period from pmo_programme_update") == [("2026-11",)]


def test_url_export_replaces_rows(root: Path, tmp_path: Path) -> None:
    db = tmp_path / "via-url.db"
    for _ in range(2):
        assert main(["export", "sqlite", "--url", f"sqlite:///{db}", "--portfolio", str(root)]) == 0
    assert _query(db, "select count(*) from pmo_programme") == [(2,)]
    assert _query(db, "select count(*) from pmo_milestone") == [(2,)]


def test_validate_does_not_import_the_index() -> None:
    code = (
        "import sys, pmo.validate, pmo.cli; "
        "print('pmo.index' in sys.modules, 'sqlmodel' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]


def test_new_file_gets_normal_permissions(root: Path, tmp_path: Path) -> None:
    db = tmp_path / "index.db"
    assert _export(root, db) == 0
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(db.stat().st_mode) == 0o666 & ~umask  # not mkstemp's 0600
