"""The HTML report in headless Chromium: no console errors, no requests, a screenshot, A4 pages.

Talks the Chrome DevTools Protocol over ``--remote-debugging-pipe`` (file descriptors 3 and 4,
NUL-separated JSON), so it needs nothing beyond the standard library and Debian's chromium.
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import re
import select
import shutil
import struct
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
PORTFOLIO = ROOT / "portfolio"
ARTIFACTS = ROOT / "tests" / "artifacts"
PERIOD = "2026-11"
XSS = '<script>alert(1)</script> & "Co" | #1'
WIDTH, HEIGHT = 1280, 900
#: A4 pages the sample's 2026-11 report may print to: 56 when this was written (27 programme
#: pages, most one page each); the range absorbs font differences, not a runaway layout.
PAGES = range(40, 81)


def _chromium() -> str | None:
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    return "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None


CHROMIUM = _chromium()
pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="Chromium not installed (bash .ci/run installs Debian's chromium)"
)


@dataclass
class Browser:
    """A headless Chromium driven over the DevTools pipe; events are kept as they arrive."""

    proc: subprocess.Popen[bytes]
    to_browser: int
    from_browser: int
    events: list[dict[str, Any]] = field(default_factory=list)
    _next: int = 0
    _buffer: bytes = b""

    def send(self, method: str, session: str | None = None, **params: Any) -> dict[str, Any]:
        """Send one command and wait for its result (events meanwhile go to ``events``)."""
        self._next += 1
        message: dict[str, Any] = {"id": self._next, "method": method, "params": params}
        if session:
            message["sessionId"] = session
        os.write(self.to_browser, json.dumps(message).encode() + b"\0")
        while True:
            reply = self._read(timeout=60)
            if reply.get("id") == self._next:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                result: dict[str, Any] = reply.get("result", {})
                return result
            self.events.append(reply)

    def wait_for(self, method: str, timeout: float = 30) -> dict[str, Any]:
        """Wait for an event (already received ones count)."""
        for event in self.events:
            if event.get("method") == method:
                return event
        deadline = time.monotonic() + timeout
        while True:
            event = self._read(timeout=max(0.1, deadline - time.monotonic()))
            self.events.append(event)
            if event.get("method") == method:
                return event

    def _read(self, timeout: float) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            ready, _, _ = select.select([self.from_browser], [], [], max(0.0, left))
            if not ready:
                raise TimeoutError("no message from Chromium")
            chunk = os.read(self.from_browser, 1 << 20)
            if not chunk:
                raise RuntimeError("Chromium closed the DevTools pipe")
            self._buffer += chunk
        raw, self._buffer = self._buffer.split(b"\0", 1)
        message: dict[str, Any] = json.loads(raw)
        return message


def _launch(profile: Path) -> Browser:
    assert CHROMIUM is not None
    to_r, to_w = os.pipe()  # we write commands, Chromium reads fd 3
    from_r, from_w = os.pipe()  # Chromium writes fd 4, we read

    def wire() -> None:
        os.dup2(to_r, 3)
        os.dup2(from_w, 4)

    args = [
        CHROMIUM,
        "--headless",
        "--remote-debugging-pipe",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--no-first-run",
        "--no-default-browser-check",
        "--disable-sync",
        "--disable-extensions",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-quic",
        "--host-resolver-rules=MAP * ~NOTFOUND",  # any name lookup fails: nothing leaves
        "--hide-scrollbars",
        "--force-color-profile=srgb",
        f"--user-data-dir={profile}",
        "about:blank",
    ]
    proc = subprocess.Popen(
        args,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        pass_fds=(3, 4),  # kept open after the dup2 below (others are closed)
        preexec_fn=wire,  # only dup2: safe in the forked child
    )
    os.close(to_r)
    os.close(from_w)
    return Browser(proc, to_w, from_r)


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Browser]:
    b = _launch(tmp_path_factory.mktemp("chromium-profile"))
    try:
        yield b
    finally:
        with contextlib.suppress(RuntimeError, TimeoutError, OSError):
            b.send("Browser.close")
        try:
            b.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            b.proc.kill()
            b.proc.wait()
        os.close(b.to_browser)
        os.close(b.from_browser)


@dataclass
class Page:
    """One loaded page: its session and what it logged and requested while loading."""

    browser: Browser
    session: str
    console: list[str]
    requests: list[str]

    def eval(self, expression: str) -> Any:
        result = self.browser.send(
            "Runtime.evaluate", self.session, expression=expression, returnByValue=True
        )
        return result["result"].get("value")


def _open(browser: Browser, path: Path) -> Page:
    target = browser.send("Target.createTarget", url="about:blank")["targetId"]
    session = browser.send("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
    for domain in ("Page", "Runtime", "Log", "Network"):
        browser.send(f"{domain}.enable", session)
    browser.send(
        "Emulation.setDeviceMetricsOverride",
        session,
        width=WIDTH,
        height=HEIGHT,
        deviceScaleFactor=1,
        mobile=False,
    )
    browser.events.clear()
    browser.send("Page.navigate", session, url=path.as_uri())
    browser.wait_for("Page.loadEventFired")
    browser.send("Runtime.evaluate", session, expression="document.fonts.ready", awaitPromise=True)
    console, requests = [], []
    for event in browser.events:
        if event.get("sessionId") != session:
            continue
        method, params = event.get("method"), event.get("params", {})
        if method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "warning"):
            console.append(json.dumps(params.get("args")))
        elif method == "Runtime.exceptionThrown":
            console.append(json.dumps(params.get("exceptionDetails")))
        elif method == "Log.entryAdded" and params["entry"].get("level") in ("error", "warning"):
            console.append(params["entry"].get("text", ""))
        elif method == "Network.requestWillBeSent":
            requests.append(params["request"]["url"])
    return Page(browser, session, console, requests)


# ---- the tests ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def sample_report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from test_report_html import write_report

    return write_report(PORTFOLIO, tmp_path_factory.mktemp("reports"))


@pytest.fixture(scope="module")
def sample_page(browser: Browser, sample_report: Path) -> Page:
    return _open(browser, sample_report)


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


def test_prints_to_a4_in_the_expected_number_of_pages(sample_page: Page) -> None:
    pdf = sample_page.browser.send(
        "Page.printToPDF",
        sample_page.session,
        preferCSSPageSize=True,
        printBackground=True,
        displayHeaderFooter=False,
    )
    data = base64.b64decode(pdf["data"])
    assert data.startswith(b"%PDF-")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / f"dmt-report-{PERIOD}.pdf").write_bytes(data)
    pages = len(re.findall(rb"/Type\s*/Page\b", data))
    assert pages in PAGES, pages
    boxes = {tuple(round(float(v)) for v in m) for m in re.findall(
        rb"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]", data)}  # fmt: skip
    assert boxes == {(595, 842)}  # A4 portrait in points


def test_hostile_names_render_as_text_not_markup(
    browser: Browser, tmp_path_factory: pytest.TempPathFactory
) -> None:
    from test_report_html import write_report, xss_portfolio

    tmp = tmp_path_factory.mktemp("xss-browser")
    page = _open(browser, write_report(xss_portfolio(tmp), tmp / "reports"))
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
    page = _open(browser, bad)
    assert any("boom" in line for line in page.console)
    assert any("ERR_" in line for line in page.console)
    assert "https://example.invalid/x.png" in page.requests
