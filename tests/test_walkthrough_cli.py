"""What a new user met on the command line: a future --period said plainly, and the README's
sample `pmo validate` output as the sample prints it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from freezegun import freeze_time

from pmo.cli import main

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "portfolio"
TODAY = "2026-12-06"


def command(name: str, period: str, tmp_path: Path) -> list[str]:
    args = [name, str(SAMPLE), "--period", period]
    return [*args, "--out", str(tmp_path / "reports")] if name == "report" else args


@pytest.mark.parametrize("name", ["status", "scenario", "report"])
def test_a_period_after_this_month_is_said_plainly_on_stderr(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with freeze_time(TODAY):
        assert main(command(name, "2031-01", tmp_path)) == 0  # a warning: the run goes on
    err = capsys.readouterr().err
    assert f"pmo {name}: warning: period 2031-01 is after this month (2026-12)" in err
    assert "missing or stale" in err


@pytest.mark.parametrize("period", ["2026-11", "2026-12"])
def test_this_month_or_earlier_gives_no_future_warning(
    period: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with freeze_time(TODAY):
        assert main(command("status", period, tmp_path)) == 0
    assert "after this month" not in capsys.readouterr().err


def test_the_readme_shows_what_pmo_validate_prints_on_the_sample(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    with freeze_time(TODAY):
        assert main(["validate", "--no-cache"]) == 0
    printed = capsys.readouterr().out.splitlines()
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Checking a portfolio: `pmo validate`") :]
    block = section[section.index("```\nportfolio/") + 4 :]
    shown = block[: block.index("```")].splitlines()

    def untimed(lines: list[str]) -> list[str]:
        return [re.sub(r" \(\d+\.\d+s\)$", "", line) for line in lines]

    assert untimed(shown) == untimed(printed)
    assert re.search(r"portfolio: \d+ programmes, \d+ monthly updates", shown[-1])
