"""A headless Chromium for the browser tests, driven over the DevTools protocol.

Talks the Chrome DevTools Protocol over ``--remote-debugging-pipe`` (file descriptors 3 and 4,
NUL-separated JSON), so it needs nothing beyond the standard library and Debian's chromium.
"""

from __future__ import annotations

import contextlib
import json
import os
import select
import shutil
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

WIDTH, HEIGHT = 1280, 900


def _chromium() -> str | None:
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    return "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None


CHROMIUM = _chromium()


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


def launch(profile: Path) -> Browser:
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


@dataclass
class Page:
    """One loaded page: its session and what it logged and requested while loading."""

    browser: Browser
    session: str
    console: list[str]
    requests: list[str]

    def eval(self, expression: str, *, wait: bool = False) -> Any:
        """The value of a JavaScript expression (``wait``: of the promise it returns)."""
        result = self.browser.send(
            "Runtime.evaluate",
            self.session,
            expression=expression,
            returnByValue=True,
            awaitPromise=wait,
        )
        if "exceptionDetails" in result:
            raise RuntimeError(json.dumps(result["exceptionDetails"])[:2000])
        return result["result"].get("value")


def open_page(browser: Browser, path: Path, width: int = WIDTH) -> Page:
    """Load ``path`` in a new tab ``width`` CSS pixels wide; keep what it logged and fetched."""
    target = browser.send("Target.createTarget", url="about:blank")["targetId"]
    session = browser.send("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
    for domain in ("Page", "Runtime", "Log", "Network"):
        browser.send(f"{domain}.enable", session)
    browser.send(
        "Emulation.setDeviceMetricsOverride",
        session,
        width=width,
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


def close(b: Browser) -> None:
    """Close the browser (politely, then by force) and the pipe's ends."""
    with contextlib.suppress(RuntimeError, TimeoutError, OSError):
        b.send("Browser.close")
    try:
        b.proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        b.proc.kill()
        b.proc.wait()
    os.close(b.to_browser)
    os.close(b.from_browser)
