"""open_portfolio: the one way every front end reads a portfolio, checks it and picks the period."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from pmo.opening import open_portfolio
from pmo.store import NotAPortfolio

SAMPLE = Path(__file__).resolve().parents[1] / "portfolio"
TODAY = date(2026, 11, 23)


@pytest.fixture
def root(tmp_path: Path) -> Path:
    shutil.copytree(SAMPLE, tmp_path / "p")
    return tmp_path / "p"


def test_the_period_defaults_to_the_latest_month_with_updates(root: Path) -> None:
    opened = open_portfolio(root, today=TODAY)
    assert opened.period == "2026-11"
    assert open_portfolio(root, "2026-09", today=TODAY).period == "2026-09"


def test_checks_run_unless_not_asked_for(root: Path) -> None:
    checked = open_portfolio(root, today=TODAY)
    unchecked = open_portfolio(root, today=TODAY, check=False)
    assert checked.warnings > 0 and unchecked.problems == tuple(unchecked.loaded.problems)
    assert set(unchecked.problems) <= set(checked.problems)


def test_a_broken_programme_is_an_error_and_left_out_of_the_data(root: Path) -> None:
    broken = next((root / "programmes").iterdir()) / "programme.yaml"
    broken.write_text("id: [unclosed\n", encoding="utf-8")
    opened = open_portfolio(root, today=TODAY)
    assert opened.errors >= 1
    assert opened.data is not None and broken.parent.name not in opened.data.programmes


def test_an_invalid_portfolio_file_gives_problems_and_no_data(root: Path) -> None:
    (root / "portfolio.yaml").write_text("name: [\n", encoding="utf-8")
    opened = open_portfolio(root, today=TODAY)
    assert opened.data is None and opened.errors >= 1


def test_a_folder_that_is_not_a_portfolio_cannot_be_opened(tmp_path: Path) -> None:
    with pytest.raises(NotAPortfolio):
        open_portfolio(tmp_path, today=TODAY)
