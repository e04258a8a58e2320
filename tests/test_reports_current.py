"""The committed sample reports are what the data gives today: they are the report's goldens.

If this fails after a change to the portfolio or the report code, regenerate them with
`uv run python -m pmo.report.regenerate` and commit the result.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from pmo.report import writer
from pmo.report.regenerate import periods_to_regenerate
from pmo.store.paths import is_period

ROOT = Path(__file__).resolve().parents[1]
PORTFOLIO, REPORTS = ROOT / "portfolio", ROOT / "reports"
EXPECTED = ["2026-09", "2026-10", "2026-11"]
HOW = "regenerate with `uv run python -m pmo.report.regenerate` and commit reports/"


def test_the_last_three_periods_are_committed() -> None:
    committed = sorted(p.name for p in REPORTS.iterdir() if p.is_dir() and is_period(p.name))
    assert committed[-3:] == EXPECTED
    assert periods_to_regenerate(PORTFOLIO, REPORTS) == committed


@pytest.fixture(scope="module")
def fresh(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every committed period regenerated in order, each reading the one before's snapshot."""
    out = tmp_path_factory.mktemp("reports")
    for period in periods_to_regenerate(PORTFOLIO, REPORTS):
        writer.generate(PORTFOLIO, period, out)
    return out


@pytest.mark.parametrize("period", EXPECTED)
@pytest.mark.parametrize("name", [writer.MARKDOWN, writer.SNAPSHOT])
def test_committed_report_is_up_to_date(fresh: Path, period: str, name: str) -> None:
    committed = (REPORTS / period / name).read_bytes()
    assert committed == (fresh / period / name).read_bytes(), f"reports/{period}/{name}: {HOW}"


@pytest.mark.parametrize("period", EXPECTED)
def test_committed_html_is_up_to_date(fresh: Path, period: str) -> None:
    committed = (REPORTS / period / writer.HTML).read_bytes()
    assert committed == (fresh / period / writer.HTML).read_bytes(), f"reports/{period}: {HOW}"
