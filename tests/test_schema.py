"""The exported JSON Schemas are current and accept every file of the sample portfolio."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from pmo.cli import main
from pmo.schema import SCHEMAS, schema_for

ROOT = Path(__file__).resolve().parents[1]
PORTFOLIO = ROOT / "portfolio"


def _as_editor_sees(value: Any) -> Any:
    """Dates as the ISO strings an editor's YAML 1.2 reader gives."""
    return json.loads(json.dumps(value, default=lambda v: v.isoformat()))


def _kind(path: Path) -> str:
    if path.name == "portfolio.yaml":
        return "portfolio"
    if path.name == "programme.yaml":
        return "programme"
    return "update" if path.parent.name == "updates" else "dmt"


@pytest.mark.parametrize("kind", sorted(SCHEMAS))
def test_committed_schema_matches_the_models(kind: str) -> None:
    committed = json.loads((ROOT / "schema" / f"{kind}.schema.json").read_text("utf-8"))
    assert committed == schema_for(SCHEMAS[kind]), "run: uv run pmo schema --out schema"


def test_pmo_schema_writes_all_four(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema", "--out", str(tmp_path)]) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "dmt.schema.json",
        "portfolio.schema.json",
        "programme.schema.json",
        "update.schema.json",
    ]


def test_every_sample_file_is_valid_against_its_schema() -> None:
    files = sorted(PORTFOLIO.rglob("*.yaml"))
    assert len(files) > 100
    validators = {
        kind: jsonschema.Draft202012Validator(
            schema_for(model), format_checker=jsonschema.FormatChecker()
        )
        for kind, model in SCHEMAS.items()
    }
    failures = []
    for path in files:
        data = _as_editor_sees(yaml.safe_load(path.read_text("utf-8")))
        for err in validators[_kind(path)].iter_errors(data):
            failures.append(f"{path.relative_to(ROOT)}: {list(err.path)}: {err.message[:120]}")
    assert failures == []


def test_schema_rejects_what_pmo_rejects() -> None:
    validator = jsonschema.Draft202012Validator(schema_for(SCHEMAS["update"]))
    bad = {
        "period": "2026-13",
        "submitted": "2026-11-02",
        "by": "PM",
        "summary": "s",
        "rag": {"overall": "purple"},
        "extra": 1,
    }
    messages = sorted(e.message for e in validator.iter_errors(bad))
    assert any("purple" in m for m in messages)
    assert any("2026-13" in m for m in messages)
    assert any("extra" in m for m in messages)
