"""Benchmark the terminal UI: first paint, moving about, and a 1,000-programme portfolio.

    uv run python benchmarks/bench_tui.py [--programmes N] [--runs N]

a) first paint of the dashboard from the shell: wall time of a subprocess that starts the app
   headless on ./portfolio and exits as soon as the dashboard is shown (best of ``--runs``,
   target < 1.5 s);
b) in a Pilot session on ./portfolio: moving down a row (50 presses) and opening/closing a
   programme screen (Enter/Escape, 10 times), average ms per action (target < 100 ms);
c) the generated portfolio (benchmarks/generate.py, cached in benchmarks/out/) opens to the
   dashboard in < 5 s (subprocess, best of 3) with the load cache of an earlier start (the
   usual case: see src/pmo/store/cache.py), and without it (the first start after a clone, or
   `pmo tui --no-cache`); and scrolling down 200 rows, average ms.

The load cache of these runs lives in benchmarks/out/cache (PMO_CACHE_DIR), not ~/.cache.

Per-action figures are wall time through Pilot (press + pause, which includes Pilot's own idle
waits), with the process CPU time per action in brackets.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import subprocess
import sys
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYTHON = ROOT / ".venv" / "bin" / "python"
SAMPLE = ROOT / "portfolio"
PERIOD = "2026-11"
SIZE = (140, 45)

sys.path.insert(0, str(ROOT))
from benchmarks.bench_validate import ensure_portfolio  # noqa: E402

TARGET_FIRST_PAINT_S = 1.5
TARGET_ACTION_MS = 100.0
TARGET_LARGE_OPEN_S = 5.0

# Started as a subprocess: run the app headless and exit as soon as the dashboard is shown.
FIRST_PAINT = """
import asyncio, sys
from pathlib import Path
from pmo.tui.app import make_app
from pmo.tui.dashboard import DashboardScreen

async def main() -> None:
    app = make_app(Path(sys.argv[1]), sys.argv[2] or None, cache=sys.argv[3] == "cache")
    async with app.run_test(size=(140, 45)) as pilot:
        while not isinstance(app.screen, DashboardScreen):
            await pilot.pause(0.02)
        await pilot.pause()
    for worker in app.workers:  # the cache is saved after the dashboard is shown
        await worker.wait()

asyncio.run(main())
"""


CACHE_DIR = ROOT / "benchmarks" / "out" / "cache"


def first_paint(portfolio: Path, period: str | None, runs: int, cache: bool = True) -> float:
    """Best wall time (s) of a subprocess that shows the dashboard and exits.

    With ``cache`` the process keeps its load cache in CACHE_DIR: the first run fills it (if it
    is not filled yet) and is not counted.
    """
    env = {**os.environ, "PMO_CACHE_DIR": str(CACHE_DIR)}
    command = [str(PYTHON), "-c", FIRST_PAINT, str(portfolio), period or ""]
    command.append("cache" if cache else "no-cache")
    if cache:
        subprocess.run(command, check=True, cwd=ROOT, env=env)
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, check=True, cwd=ROOT, env=env)
        best = min(best, time.perf_counter() - start)
    return best


Session = Callable[[object, object], Awaitable[dict[str, float]]]


def pilot_session(portfolio: Path, period: str | None, session: Session) -> dict[str, float]:
    """Run the app headless on ``portfolio`` until the dashboard is shown, then ``session``."""
    from pmo.tui.app import make_app
    from pmo.tui.dashboard import DashboardScreen

    async def main() -> dict[str, float]:
        app = make_app(portfolio, period)
        async with app.run_test(size=SIZE) as pilot:
            while not isinstance(app.screen, DashboardScreen):
                await pilot.pause(0.005)
            await pilot.pause()
            return await session(app, pilot)

    return asyncio.run(main())


async def moving_about(app: object, pilot: object) -> dict[str, float]:
    """Average ms to move down a row, and to open and close a programme screen."""
    from textual.pilot import Pilot

    from pmo.tui.dashboard import DashboardScreen
    from pmo.tui.programme import ProgrammeScreen

    assert isinstance(pilot, Pilot)
    start, cpu = time.perf_counter(), time.process_time()
    for _ in range(50):
        await pilot.press("down")
        await pilot.pause()
    down_ms = (time.perf_counter() - start) * 1000 / 50
    down_cpu = (time.process_time() - cpu) * 1000 / 50
    await pilot.press("home")
    await pilot.pause()
    start, cpu = time.perf_counter(), time.process_time()
    for _ in range(10):
        await pilot.press("enter")
        while not isinstance(pilot.app.screen, ProgrammeScreen):
            await pilot.pause()
        await pilot.pause()
        await pilot.press("escape")
        while not isinstance(pilot.app.screen, DashboardScreen):
            await pilot.pause()
        await pilot.pause()
    open_ms = (time.perf_counter() - start) * 1000 / 20
    open_cpu = (time.process_time() - cpu) * 1000 / 20
    return {
        "down": down_ms,
        "down_cpu": down_cpu,
        "open_close": open_ms,
        "open_close_cpu": open_cpu,
    }


async def scrolling(app: object, pilot: object) -> dict[str, float]:
    """Average ms to move down a row, 200 times."""
    from textual.pilot import Pilot

    assert isinstance(pilot, Pilot)
    start, cpu = time.perf_counter(), time.process_time()
    for _ in range(200):
        await pilot.press("down")
        await pilot.pause()
    return {
        "down": (time.perf_counter() - start) * 1000 / 200,
        "down_cpu": (time.process_time() - cpu) * 1000 / 200,
    }


def row(name: str, value: str, target: str, ok: bool) -> tuple[str, str, str, str]:
    return (name, value, target, "PASS" if ok else "FAIL")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--programmes", type=int, default=1000)
    parser.add_argument("--periods", type=int, default=12)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    os.environ["PMO_CACHE_DIR"] = str(CACHE_DIR)  # in-process sessions too
    rows: list[tuple[str, str, str, str]] = []
    paint = first_paint(SAMPLE, PERIOD, args.runs)
    rows.append(
        row(
            f"a) first paint, ./portfolio (best of {args.runs})",
            f"{paint:.2f} s",
            f"< {TARGET_FIRST_PAINT_S} s",
            paint < TARGET_FIRST_PAINT_S,
        )
    )
    moves = pilot_session(SAMPLE, PERIOD, moving_about)
    rows.append(
        row(
            "b) down one row (50x)",
            f"{moves['down']:.1f} ms (cpu {moves['down_cpu']:.1f})",
            f"< {TARGET_ACTION_MS:.0f} ms",
            moves["down"] < TARGET_ACTION_MS,
        )
    )
    rows.append(
        row(
            "b) open/close programme (10x Enter+Esc)",
            f"{moves['open_close']:.1f} ms (cpu {moves['open_close_cpu']:.1f})",
            f"< {TARGET_ACTION_MS:.0f} ms",
            moves["open_close"] < TARGET_ACTION_MS,
        )
    )
    large = ensure_portfolio(args.programmes, args.periods, args.seed, False)
    opened = first_paint(large, None, 3)
    rows.append(
        row(
            f"c) {args.programmes} programmes to dashboard, cached (best of 3)",
            f"{opened:.2f} s",
            f"< {TARGET_LARGE_OPEN_S} s",
            opened < TARGET_LARGE_OPEN_S,
        )
    )
    cold = first_paint(large, None, 1, cache=False)
    rows.append(
        (
            f"c) {args.programmes} programmes to dashboard, no cache (first start)",
            f"{cold:.2f} s",
            f"< {TARGET_LARGE_OPEN_S} s",
            "PASS" if cold < TARGET_LARGE_OPEN_S else "MISS (not counted)",
        )
    )
    scroll = pilot_session(large, None, scrolling)
    rows.append(
        row(
            f"c) {args.programmes} programmes: down one row (200x)",
            f"{scroll['down']:.1f} ms (cpu {scroll['down_cpu']:.1f})",
            f"< {TARGET_ACTION_MS:.0f} ms",
            scroll["down"] < TARGET_ACTION_MS,
        )
    )

    widths = [
        max(len(r[i]) for r in [("Measure", "Value", "Target", "Result"), *rows]) for i in range(4)
    ]
    for r in [("Measure", "Value", "Target", "Result"), *rows]:
        print("  ".join(cell.ljust(w) for cell, w in zip(r, widths, strict=True)))
    return 0 if all(r[3] != "FAIL" for r in rows) else 1


if __name__ == "__main__":
    raise SystemExit(main())
