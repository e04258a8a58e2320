"""Shared test set-up: the load cache goes to a temporary directory, never ~/.cache."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from cdp import Browser


@pytest.fixture(autouse=True, scope="session")
def _private_cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    before = os.environ.get("PMO_CACHE_DIR")
    os.environ["PMO_CACHE_DIR"] = str(tmp_path_factory.mktemp("pmo-cache"))
    yield
    if before is None:
        os.environ.pop("PMO_CACHE_DIR", None)
    else:
        os.environ["PMO_CACHE_DIR"] = before


# ---- the browser tests (tests/test_report_browser*.py) share one Chromium and one report ----


@pytest.fixture(scope="session")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Browser]:
    """A headless Chromium (tests/cdp.py); the browser tests skip when there is none."""
    from cdp import CHROMIUM, close, launch

    if CHROMIUM is None:
        pytest.skip("Chromium not installed (bash .ci/run installs Debian's chromium)")
    b = launch(tmp_path_factory.mktemp("chromium-profile"))
    try:
        yield b
    finally:
        close(b)


@pytest.fixture(scope="session")
def sample_report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample portfolio's 2026-11 report, written once: its HTML file."""
    from test_report_html import write_report

    return write_report(Path(__file__).resolve().parents[1] / "portfolio",
                        tmp_path_factory.mktemp("reports"))  # fmt: skip
