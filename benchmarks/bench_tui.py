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
   `pmo tui --no-cache`); and scrolling down 200 rows, average ms;
d) issue 16: a cold start (no cache) to the dashboard beside the parse floor (single-threaded
   CSafeLoader of the same files), medians of ``--rounds`` interleaved rounds (target <= 1.0x);
   ``--only-d`` measures only this.

The load cache of these runs lives in benchmarks/out/cache (PMO_CACHE_DIR), not ~/.cache.

Per-key figures are the time from the key press to the first frame the app puts on the terminal
that shows the key's effect (App._display is wrapped to see frames; Pilot's own idle waits
between keys are not counted), with the process CPU time per key in brackets.
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
from typing import Any

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
TARGET_COLD_START_RATIO = 1.0

# Started as a subprocess: run the app headless and exit as soon as the dashboard is shown. The
# app is made as `pmo tui` makes it (launch: the files are read while textual is imported).
FIRST_PAINT = """
import asyncio, sys
from pathlib import Path
from pmo.tui.start import launch

async def main() -> None:
    app = launch(Path(sys.argv[1]), sys.argv[2] or None, cache=sys.argv[3] == "cache")
    from pmo.tui.dashboard import DashboardScreen
    async with app.run_test(size=(140, 45)) as pilot:
        while not isinstance(app.screen, DashboardScreen):
            await pilot.pause(0.02)
        await pilot.pause()
    for worker in app.workers:  # the cache is saved after the dashboard is shown
        await worker.wait()

asyncio.run(main())
"""


CACHE_DIR = ROOT / "benchmarks" / "out" / "cache"

# Started as a subprocess: the app headless with no cache; prints DASHBOARD once it is shown.
TO_DASHBOARD = """
import asyncio, os, sys
from pathlib import Path
from pmo.tui.start import launch

async def main() -> None:
    app = launch(Path(sys.argv[1]), None, cache=False)
    from pmo.tui.dashboard import DashboardScreen
    async with app.run_test(size=(140, 45)) as pilot:
        while not isinstance(app.screen, DashboardScreen):
            await pilot.pause(0.02)
        print("DASHBOARD", flush=True)
        os._exit(0)

asyncio.run(main())
"""


def cold_start_rounds(portfolio: Path, rounds: int) -> dict[str, Any]:
    """d) in ``rounds`` interleaved rounds: the parse floor (single-threaded CSafeLoader of
    every file, in-process) and a cold start to the dashboard (no cache, subprocess, until the
    dashboard is shown); medians and their ratio."""
    import statistics

    import yaml

    files = sorted(portfolio.rglob("*.yaml"))
    floors, starts = [], []
    for _ in range(rounds):
        started = time.perf_counter()
        for file in files:
            yaml.load(file.read_bytes(), Loader=yaml.CSafeLoader)
        floors.append(time.perf_counter() - started)
        started = time.perf_counter()
        proc = subprocess.Popen(
            [str(PYTHON), "-c", TO_DASHBOARD, str(portfolio)],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            text=True,
        )
        line = proc.stdout.readline() if proc.stdout else ""
        starts.append(time.perf_counter() - started)
        proc.wait()
        if "DASHBOARD" not in line:
            raise SystemExit("the app did not reach the dashboard")
    floor, start = statistics.median(floors), statistics.median(starts)
    return {"floor_s": floors, "start_s": starts, "floor": floor, "start": start}


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


class Frames:
    """When the app puts a frame on the terminal, and what it showed (wraps ``App._display``).

    A key's latency is the time from the key press to the first frame that shows its effect;
    Pilot's own waits between keys (tens of ms of idling) are not counted.
    """

    def __init__(self, app: Any, probe: Callable[[], object]) -> None:
        self.shown: list[tuple[float, object]] = []
        original = app._display

        def display(screen: Any, renderable: Any) -> None:
            original(screen, renderable)
            if renderable is not None:
                self.shown.append((time.perf_counter(), probe()))

        app._display = display

    def latency(self, since: float, wanted: object) -> float:
        """ms from ``since`` to the first frame showing ``wanted``."""
        for when, seen in self.shown:
            if when >= since and seen == wanted:
                return (when - since) * 1000
        raise AssertionError(f"no frame showed {wanted!r}")


def state(app: Any) -> Callable[[], object]:
    """What a frame shows, for ``Frames``: the screen and the dashboard's cursor row."""
    from pmo.tui.dashboard import DashboardScreen

    def probe() -> object:
        screen = app.screen
        if isinstance(screen, DashboardScreen):
            return ("dashboard", screen.query_one("#programmes").cursor_row)  # type: ignore[attr-defined]
        return (type(screen).__name__, None)

    return probe


async def keys(pilot: Any, frames: Frames, presses: list[tuple[str, object]]) -> list[float]:
    """Press each key, let the app settle, and return each key's latency to its frame (ms)."""
    out = []
    for key, wanted in presses:
        since = time.perf_counter()
        await pilot.press(key)
        await pilot.pause()
        while not any(seen == wanted and when >= since for when, seen in frames.shown):
            await pilot.pause(0.01)
        out.append(frames.latency(since, wanted))
    return out


def median(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[len(ordered) // 2]


async def moving_about(app: Any, pilot: Any) -> dict[str, float]:
    """Key-to-frame latency (median and worst ms) of moving down a row and of opening and
    closing a programme screen, with the process CPU time per key."""
    frames = Frames(app, state(app))
    start_row = app.screen.query_one("#programmes").cursor_row
    cpu = time.process_time()
    down = await keys(
        pilot, frames, [("down", ("dashboard", start_row + n + 1)) for n in range(20)]
    )
    down_cpu = (time.process_time() - cpu) * 1000 / len(down)
    row = start_row + 20
    cpu = time.process_time()
    opened = await keys(
        pilot,
        frames,
        [("enter", ("ProgrammeScreen", None)), ("escape", ("dashboard", row))] * 10,
    )
    open_cpu = (time.process_time() - cpu) * 1000 / len(opened)
    return {
        "down": median(down),
        "down_max": max(down),
        "down_cpu": down_cpu,
        "open_close": median(opened),
        "open_close_max": max(opened),
        "open_close_cpu": open_cpu,
    }


async def scrolling(app: Any, pilot: Any) -> dict[str, float]:
    """Key-to-frame latency of moving down a row, 200 times (the table scrolls)."""
    frames = Frames(app, state(app))
    first = app.screen.query_one("#programmes").cursor_row
    cpu = time.process_time()
    down = await keys(pilot, frames, [("down", ("dashboard", first + n + 1)) for n in range(200)])
    return {
        "down": median(down),
        "down_max": max(down),
        "down_cpu": (time.process_time() - cpu) * 1000 / len(down),
    }


def row(name: str, value: str, target: str, ok: bool) -> tuple[str, str, str, str]:
    return (name, value, target, "PASS" if ok else "FAIL")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--programmes", type=int, default=1000)
    parser.add_argument("--periods", type=int, default=12)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--rounds", type=int, default=3, help="interleaved rounds of d)")
    parser.add_argument("--only-d", action="store_true", help="only d): cold start vs floor")
    args = parser.parse_args()
    if args.only_d:
        large = ensure_portfolio(args.programmes, args.periods, args.seed, False)
        cold16 = cold_start_rounds(large, args.rounds)
        ratio = cold16["start"] / cold16["floor"]
        print(
            f"d) cold start to dashboard {cold16['start']:.2f} s, parse floor "
            f"{cold16['floor']:.2f} s (medians of {args.rounds}): {ratio:.2f}x "
            f"(target <= {TARGET_COLD_START_RATIO:g}x) {'PASS' if ratio <= 1 else 'FAIL'}"
        )
        return 0 if ratio <= TARGET_COLD_START_RATIO else 1

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
            "b) down one row (20x): median, worst",
            f"{moves['down']:.0f} ms, {moves['down_max']:.0f} ms (cpu {moves['down_cpu']:.0f})",
            f"< {TARGET_ACTION_MS:.0f} ms",
            moves["down"] < TARGET_ACTION_MS,
        )
    )
    rows.append(
        row(
            "b) open/close programme (10x Enter+Esc): median, worst",
            f"{moves['open_close']:.0f} ms, {moves['open_close_max']:.0f} ms"
            f" (cpu {moves['open_close_cpu']:.0f})",
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
    cold16 = cold_start_rounds(large, args.rounds)
    ratio = cold16["start"] / cold16["floor"]
    rows.append(
        row(
            f"d) cold start to dashboard / parse floor (medians of {args.rounds})",
            f"{cold16['start']:.2f} s / {cold16['floor']:.2f} s = {ratio:.2f}x",
            f"<= {TARGET_COLD_START_RATIO:g}x",
            ratio <= TARGET_COLD_START_RATIO,
        )
    )
    scroll = pilot_session(large, None, scrolling)
    rows.append(
        row(
            f"c) {args.programmes} programmes: down one row (200x): median, worst",
            f"{scroll['down']:.0f} ms, {scroll['down_max']:.0f} ms (cpu {scroll['down_cpu']:.0f})",
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
