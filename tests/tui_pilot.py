"""The one helper for Pilot tests of the TUI: run the app headless, then a scenario."""

from __future__ import annotations

import asyncio
import html
import re
import shutil
import time
from collections.abc import Awaitable, Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from rich.text import Text
from textual.pilot import Pilot

from pmo import clock
from pmo.tui.app import PmoApp, make_app

SAMPLE = Path(__file__).resolve().parents[1] / "portfolio"
PERIOD = "2026-11"
SIZE = (140, 45)
TODAY = date(2026, 11, 23)

Scenario = Callable[[PmoApp, Pilot[None]], Awaitable[None]]


def drive(
    scenario: Scenario,
    root: Path = SAMPLE,
    *,
    period: str | None = PERIOD,
    watch: float | None = None,
    size: tuple[int, int] = SIZE,
) -> PmoApp:
    """Run the app headless on ``root`` until loaded (and watched, with ``watch`` seconds
    between scans), then ``scenario``; the app is returned for checks after it closed."""
    app = make_app(root, period, watch_interval=watch)

    async def main() -> None:
        async with app.run_test(size=size) as pilot:
            await app.workers.wait_for_complete()
            await pilot.pause()
            if watch is not None:
                await until(pilot, lambda: app.watcher is not None and app.watcher.seen is not None)
            await scenario(app, pilot)
            if watch is not None:
                await pilot.pause(0.2)  # let the last screens finish mounting before shutdown

    asyncio.run(main())
    return app


async def settle(app: PmoApp, pilot: Pilot[None]) -> None:
    """Let the app finish what the last key started (workers included)."""
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()


async def until(pilot: Pilot[None], ready: Callable[[], bool], limit: float = 5.0) -> None:
    """Let the app run until ``ready()`` (fail after ``limit`` seconds)."""
    deadline = time.monotonic() + limit
    while not ready():
        assert time.monotonic() < deadline, "timed out"
        await pilot.pause(0.05)


def plain(value: object) -> str:
    """A table cell's text."""
    return value.plain if isinstance(value, Text) else str(value)


def sample_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private copy of the sample portfolio, today frozen at 2026-11-23, no $EDITOR."""
    copy = tmp_path / "portfolio"
    shutil.copytree(SAMPLE, copy)
    monkeypatch.setattr(clock, "today", lambda: TODAY)
    monkeypatch.delenv("EDITOR", raising=False)
    return copy


def notifications(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every notification the app shows, collected in a list."""
    seen: list[str] = []

    def notify(self: PmoApp, message: str, *args: Any, **kwargs: Any) -> None:
        seen.append(str(message))

    monkeypatch.setattr(PmoApp, "notify", notify)
    return seen


TEXT = re.compile(r'<text class="[^"]*" x="([\d.]+)" y="([\d.]+)"[^>]*>([^<]*)</text>')
CELL_WIDTH = 12.2  # pixels per terminal cell in Textual's SVG screenshots


def screen_text(app: PmoApp) -> str:
    """What the terminal would show now: the text of an SVG screenshot, line by line."""
    lines: dict[float, list[str]] = {}
    for x, y, text in TEXT.findall(app.export_screenshot()):
        row = lines.setdefault(float(y), [" "] * (app.size.width + 10))
        column = round(float(x) / CELL_WIDTH)
        for offset, char in enumerate(html.unescape(text).replace("\xa0", " ")):
            if column + offset < len(row):
                row[column + offset] = char
    return "\n".join("".join(row).rstrip() for _, row in sorted(lines.items()))


def tab_text(screen: Any, width: int = SIZE[0]) -> str:
    """The text of the programme tab on show (``screen``: a ProgrammeScreen)."""
    return static_text(screen, "#tab-body", width)


def static_text(screen: Any, selector: str, width: int = SIZE[0]) -> str:
    """The text of the Static ``selector`` on ``screen``, as printed in ``width`` cells."""
    import io

    from rich.console import Console
    from textual.widgets import Static

    content = screen.query_one(selector, Static).content
    console = Console(file=io.StringIO(), width=width)
    console.print(content)
    text: str = console.file.getvalue()  # type: ignore[attr-defined]
    return text
