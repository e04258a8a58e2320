"""The shipped sample portfolio validates cleanly and carries exactly its planted warnings."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from freezegun import freeze_time

from pmo.cli import main

PORTFOLIO = Path(__file__).resolve().parents[1] / "portfolio"
PLANTED = {
    "missing-update",
    "stale-update",
    "no-path-to-green",
    "variance-no-narrative",
    "benefit-incomplete",
}


@pytest.fixture(scope="module")
def result() -> dict[str, object]:
    import contextlib
    import io

    out = io.StringIO()
    with freeze_time("2026-11-23"), contextlib.redirect_stdout(out):
        code = main(["validate", str(PORTFOLIO), "--format", "json"])
    data: dict[str, object] = json.loads(out.getvalue())
    data["exit"] = code
    return data


def test_sample_portfolio_has_no_errors(result: dict[str, object]) -> None:
    assert result["errors"] == 0, [p for p in result["problems"] if p["severity"] == "error"]  # type: ignore[attr-defined]
    assert result["exit"] == 0


def test_sample_portfolio_is_big_enough_to_tell_its_stories(result: dict[str, object]) -> None:
    assert result["programmes"] >= 22  # type: ignore[operator]
    assert result["updates"] >= 200  # type: ignore[operator]
    assert result["period"] == "2026-11"


def test_sample_warnings_are_exactly_the_planted_ones(result: dict[str, object]) -> None:
    codes = {p["code"] for p in result["problems"]}  # type: ignore[attr-defined]
    assert codes == PLANTED


def test_strict_fails_on_the_planted_warnings(capsys: pytest.CaptureFixture[str]) -> None:
    with freeze_time("2026-11-23"):
        assert main(["validate", str(PORTFOLIO), "--strict"]) == 1
    assert "0 errors" in capsys.readouterr().out
