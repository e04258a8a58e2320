"""Benchmark the analysis (Q1, Q2, Q3 and their sentences) on the 1,000-programme portfolio.

    uv run python benchmarks/bench_analysis.py [--programmes N]

Loads the generated portfolio once (benchmarks/generate.py, cached in benchmarks/out/), then
times ``answer(data, "2026-11")`` (best of 3) and ``pmo status --format json`` on the shipped
portfolio as a subprocess, start-up included (best of 5). Target: analysis < 2 s after loading.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.bench_validate import best_of, ensure_portfolio  # noqa: E402

from pmo.analysis.answers import answer  # noqa: E402
from pmo.analysis.data import from_loaded  # noqa: E402
from pmo.store import load_portfolio  # noqa: E402

TARGET_S = 2.0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--programmes", type=int, default=1000)
    args = parser.parse_args(argv)
    root = ensure_portfolio(args.programmes, 12, 0, fresh=False)
    started = time.perf_counter()
    data = from_loaded(load_portfolio(root))
    assert data is not None
    loaded_s = time.perf_counter() - started
    best, runs, result = best_of(3, lambda: answer(data, "2026-11"))
    cli = [str(ROOT / ".venv" / "bin" / "pmo"), "status", "portfolio", "--format", "json"]
    status_best, _, _ = best_of(
        5, lambda: subprocess.run(cli, cwd=ROOT, capture_output=True, check=True)
    )
    print(f"portfolio: {args.programmes} programmes, loaded in {loaded_s:.2f}s")
    print(
        f"analysis (Q1+Q2+Q3+sentences): best {best:.2f}s of {[round(r, 2) for r in runs]} "
        f"-> {'PASS' if best < TARGET_S else 'FAIL'} (target < {TARGET_S}s)"
    )
    print(f"pmo status on the shipped portfolio, start-up included: best {status_best:.2f}s")
    print(f"{len(result.q2.statuses)} statuses, {len(result.q3.benefits)} benefits assessed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
