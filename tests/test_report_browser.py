"""The HTML report in headless Chromium: no console errors, no requests, a screenshot.

The harness is tests/cdp.py; the ``browser`` and ``sample_report`` fixtures are in conftest.py.
"""

from __future__ import annotations

import base64
import json
import struct
from pathlib import Path

import pytest

from cdp import CHROMIUM, HEIGHT, WIDTH, Browser, Page, open_page

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "tests" / "artifacts"
PERIOD = "2026-11"
XSS = '<script>alert(1)</script> & "Co" | #1'
pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="Chromium not installed (bash .ci/run installs Debian's chromium)"
)


# ---- the tests ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def sample_page(browser: Browser, sample_report: Path) -> Page:
    return open_page(browser, sample_report)


def test_report_loads_with_no_console_errors_and_no_requests(
    sample_page: Page, sample_report: Path
) -> None:
    assert sample_page.console == []
    assert sample_page.requests == [sample_report.as_uri()]  # the file itself, nothing else
    assert sample_page.eval("document.querySelectorAll('script').length") == 0
    assert sample_page.eval("document.querySelectorAll('svg.chart').length") >= 3
    # every chart has laid out to a real size (inline SVG, nothing left to load)
    widths = sample_page.eval(
        "[...document.querySelectorAll('svg.chart')].map(s => s.getBoundingClientRect().width)"
    )
    assert min(widths) > 100


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def test_screenshot_of_the_first_screen_is_saved(sample_page: Page) -> None:
    shot = sample_page.browser.send(
        "Page.captureScreenshot", sample_page.session, format="png", fromSurface=True
    )
    data = base64.b64decode(shot["data"])
    assert _png_size(data) == (WIDTH, HEIGHT)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / f"dmt-report-{PERIOD}-first-screen.png").write_bytes(data)
    # the layout fits a laptop screen: nothing wider than the window
    assert sample_page.eval("document.documentElement.scrollWidth") <= WIDTH


def test_hostile_names_render_as_text_not_markup(
    browser: Browser, tmp_path_factory: pytest.TempPathFactory
) -> None:
    from test_report_html import write_report, xss_portfolio

    tmp = tmp_path_factory.mktemp("xss-browser")
    page = open_page(browser, write_report(xss_portfolio(tmp), tmp / "reports"))
    assert page.console == []
    assert page.eval("document.querySelectorAll('script').length") == 0
    assert page.eval(f"document.body.innerText.includes({json.dumps(XSS)})")
    labels = page.eval(
        "[...document.querySelectorAll('svg.chart')].map(s => s.getAttribute('aria-label'))"
    )
    assert any(XSS in (label or "") for label in labels)  # chart titles escaped, not parsed


def test_the_harness_does_see_errors_and_requests(browser: Browser, tmp_path: Path) -> None:
    """A negative control: the checks above would catch a broken or leaky page."""
    bad = tmp_path / "bad.html"
    bad.write_text(
        '<!DOCTYPE html><html><body><img src="https://example.invalid/x.png">'
        '<img src="missing.png"><script>console.error("boom")</script></body></html>',
        encoding="utf-8",
    )
    page = open_page(browser, bad)
    assert any("boom" in line for line in page.console)
    assert any("ERR_" in line for line in page.console)
    assert "https://example.invalid/x.png" in page.requests
