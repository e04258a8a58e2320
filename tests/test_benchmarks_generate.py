"""The benchmark generator writes a portfolio that pmo validates with no problems."""

from __future__ import annotations

import importlib.util
from datetime import date
from pathlib import Path
from types import ModuleType

from pmo.opening import open_portfolio

GENERATE = Path(__file__).resolve().parents[1] / "benchmarks" / "generate.py"


def _generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_generate", GENERATE)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_generated_portfolio_validates_clean(tmp_path: Path) -> None:
    root = _generator().generate(tmp_path / "portfolio", programmes=3)
    result = open_portfolio(root, today=date(2026, 11, 23))
    assert [p.render(str(p.file)) for p in result.problems] == []
    assert len(result.loaded.programmes) == 3
    assert result.loaded.update_count == 36
    assert result.period == "2026-11"


def test_generation_is_deterministic(tmp_path: Path) -> None:
    gen = _generator()
    first = gen.generate(tmp_path / "a", programmes=2, seed=7)
    second = gen.generate(tmp_path / "b", programmes=2, seed=7)
    files = sorted(p.relative_to(first) for p in first.rglob("*.yaml"))
    assert files == sorted(p.relative_to(second) for p in second.rglob("*.yaml"))
    for rel in files:
        assert (first / rel).read_bytes() == (second / rel).read_bytes()
