"""Benchmark the exports and the import on the 1,000-programme portfolio.

    uv run python benchmarks/bench_export.py [--programmes N] [--runs R]

Uses the generated portfolio (benchmarks/generate.py, cached in benchmarks/out/) and times,
as the user runs them (a `pmo` subprocess, start-up included, best of R):
`pmo export xlsx`, `export csv`, `export gmpp`, `export sqlite`, then `pmo import xlsx` of the
workbook just written (reading, building, writing and validating the new portfolio).
Prints each time and the size of what was written. No target: the figures go in the README.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.bench_validate import best_of, ensure_portfolio  # noqa: E402

PMO = str(ROOT / ".venv" / "bin" / "pmo")


def _size(path: Path) -> int:
    if path.is_dir():
        return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())
    return path.stat().st_size


def _run(*argv: str, ok: tuple[int, ...] = (0,)) -> None:
    done = subprocess.run([PMO, *argv], capture_output=True, text=True)
    if done.returncode not in ok:
        raise SystemExit(f"pmo {' '.join(argv)} failed ({done.returncode}):\n{done.stderr}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--programmes", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=2)
    args = parser.parse_args(argv)
    root = ensure_portfolio(args.programmes, 12, 0, fresh=False)
    work = Path(tempfile.mkdtemp(prefix="pmo-bench-export-"))
    try:
        targets = {
            "xlsx": work / "portfolio.xlsx",
            "csv": work / "csv",
            "gmpp": work / "gmpp.csv",
            "sqlite": work / "portfolio.db",
        }
        print(f"portfolio: {args.programmes} programmes x 12 updates ({root})")
        for kind, target in targets.items():
            extra = ["--period", "2026-11"] if kind in ("gmpp", "sqlite") else []
            best, runs, _ = best_of(
                args.runs,
                lambda k=kind, t=target, e=extra: _run(
                    "export", k, str(t), "--portfolio", str(root), *e
                ),
            )
            shown = [round(r, 2) for r in runs]
            size = _size(target) / 1048576
            print(f"pmo export {kind:<6}: best {best:6.2f}s of {shown}, {size:.1f} MB written")
        counter = iter(range(args.runs))
        best, runs, _ = best_of(
            args.runs,
            lambda: _run(
                "import", "xlsx", str(targets["xlsx"]), "--out", str(work / f"in{next(counter)}"),
                ok=(0, 1),  # 1: the generated portfolio's own validation errors, if any
            ),
        )  # fmt: skip
        shown = [round(r, 2) for r in runs]
        print(
            f"pmo import xlsx  : best {best:6.2f}s of {shown} (validation of the result included)"
        )
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
