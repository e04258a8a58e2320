"""`pmo validate` with the caches: the same answer, from the memo only while nothing changed."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

import pmo.opening
from pmo import validate_memo
from pmo.cli import main
from pmo.store import cache as cache_mod

SAMPLE = Path(__file__).resolve().parents[1] / "portfolio"
TODAY = date(2026, 11, 23)
UPDATE = Path("programmes/send-sufficiency/updates/2026-11.yaml")


@pytest.fixture
def root(tmp_path: Path) -> Path:
    copy = tmp_path / "portfolio"
    shutil.copytree(SAMPLE, copy)
    return copy


@pytest.fixture
def settled(monkeypatch: pytest.MonkeyPatch) -> None:
    """Trust stamps of files written just now (the real rule wants them 2 s old)."""
    monkeypatch.setattr(cache_mod, "SETTLE_NS", -60_000_000_000)
    monkeypatch.setattr(validate_memo, "SETTLE_NS", -60_000_000_000)


def _no_validation(*_: object, **__: object) -> None:
    raise AssertionError("validated again although nothing changed")


def run(root: Path, capsys: pytest.CaptureFixture[str], *flags: str) -> tuple[int, str]:
    code = main(["validate", str(root), *flags])
    out = capsys.readouterr().out
    return code, "\n".join(line.rsplit(" (", 1)[0] for line in out.splitlines())


def test_the_settle_rule_is_the_load_caches() -> None:
    assert validate_memo.SETTLE_NS == cache_mod.SETTLE_NS


def test_a_second_run_with_nothing_changed_is_remembered_with_identical_output(
    root: Path, capsys: pytest.CaptureFixture[str], settled: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = run(root, capsys, "-v")
    assert first[1].count("\n") > 20  # warnings, the programme list and the summary
    monkeypatch.setattr(pmo.opening, "open_portfolio", _no_validation)
    assert run(root, capsys, "-v") == first
    assert run(root, capsys, "-v", "--format", "json")[0] == first[0]


def test_json_output_is_identical_from_the_memo(
    root: Path, capsys: pytest.CaptureFixture[str], settled: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    fresh = run(root, capsys, "--format", "json", "--no-cache")
    run(root, capsys, "--format", "json")
    monkeypatch.setattr(pmo.opening, "open_portfolio", _no_validation)
    assert run(root, capsys, "--format", "json") == fresh


def test_a_changed_added_or_removed_file_is_validated_again(
    root: Path, capsys: pytest.CaptureFixture[str], settled: None
) -> None:
    run(root, capsys)
    update = root / UPDATE
    update.write_text(update.read_text(encoding="utf-8") + "mystery: 1\n", encoding="utf-8")
    code, out = run(root, capsys)
    assert code == 1 and "mystery" in out
    assert (code, out) == run(root, capsys, "--no-cache")
    update.unlink()
    code, out = run(root, capsys)
    assert "mystery" not in out and (code, out) == run(root, capsys, "--no-cache")
    (root / "programmes" / "stray.txt").write_text("x", encoding="utf-8")
    assert run(root, capsys) == run(root, capsys, "--no-cache")


def test_a_new_day_or_another_period_is_validated_again(
    root: Path, settled: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = validate_memo.validate_with_cache(root, TODAY)
    assert isinstance(first, pmo.opening.OpenedPortfolio)
    remembered = validate_memo.validate_with_cache(root, TODAY)
    assert isinstance(remembered, validate_memo.MemoValidation)
    assert remembered.problems == first.problems and remembered.period == first.period
    assert isinstance(validate_memo.validate_with_cache(root, date(2026, 11, 24)), type(first))
    assert isinstance(validate_memo.validate_with_cache(root, TODAY, "2026-10"), type(first))


def test_files_changed_just_before_the_memo_was_written_are_not_trusted(
    root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run(root, capsys)  # every file was copied just now: within the settle time
    again = validate_memo.validate_with_cache(root, TODAY)
    assert isinstance(again, pmo.opening.OpenedPortfolio)


def test_no_cache_writes_nothing(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    directory = Path(os.environ["PMO_CACHE_DIR"])
    before = sorted(directory.iterdir()) if directory.exists() else []
    run(root, capsys, "--no-cache")
    after = sorted(directory.iterdir()) if directory.exists() else []
    assert before == after


def test_a_damaged_memo_is_ignored(
    root: Path, capsys: pytest.CaptureFixture[str], settled: None
) -> None:
    first = run(root, capsys)
    memo = validate_memo.memo_file(root)
    assert memo is not None and memo.exists()
    memo.write_bytes(b"{not json")
    assert run(root, capsys) == first
    memo.write_text('{"format": 1, "problems": [[1, 2]]}', encoding="utf-8")
    assert run(root, capsys) == first


def test_a_remembered_run_imports_no_models(root: Path, tmp_path: Path) -> None:
    env = {**os.environ, "PMO_CACHE_DIR": str(tmp_path / "cache")}
    code = (
        "import sys\n"
        "from pmo import validate_memo\n"
        "validate_memo.SETTLE_NS = -60_000_000_000\n"
        "from pmo.store import cache\n"
        "cache.SETTLE_NS = -60_000_000_000\n"
        "from pmo.cli import main\n"
        f"main(['validate', {str(root)!r}])\n"
    )
    subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, check=True)
    check = (
        "import sys\n"
        "from pmo import validate_memo\n"
        "validate_memo.SETTLE_NS = -60_000_000_000\n"
        "from pmo.cli import main\n"
        f"main(['validate', {str(root)!r}])\n"
        "print('MODELS', sorted(m for m in sys.modules if m.startswith(('pydantic', 'pmo.model'))))"
    )
    out = subprocess.run(
        [sys.executable, "-c", check], env=env, capture_output=True, text=True, check=False
    )
    assert "MODELS []" in out.stdout, out.stdout + out.stderr
