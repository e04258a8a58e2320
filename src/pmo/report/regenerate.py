"""Regenerate the committed sample reports in order: `uv run python -m pmo.report.regenerate`."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from pmo.opening import open_portfolio
from pmo.report.writer import generate
from pmo.store.paths import is_period

DEFAULT_COUNT = 3


def periods_to_regenerate(root: Path, out: Path) -> list[str]:
    """The periods already reported under ``out``; if none, the last three with updates."""
    found = out.iterdir() if out.is_dir() else iter(())
    existing = sorted(p.name for p in found if p.is_dir() and is_period(p.name))
    if existing:
        return existing
    data = open_portfolio(root, check=False).data
    return data.periods()[-DEFAULT_COUNT:] if data is not None else []


def main(argv: Sequence[str] | None = None) -> int:
    """Regenerate each period's report, oldest first, so each one's trends read the last one."""
    parser = argparse.ArgumentParser(
        prog="python -m pmo.report.regenerate",
        description="Regenerate the reports under OUT for every period already there (oldest "
        "first), or for the last three periods with updates when there are none.",
    )
    parser.add_argument("--portfolio", default="portfolio", help="portfolio directory")
    parser.add_argument("--out", default="reports", help="reports directory (default: reports)")
    parser.add_argument("periods", nargs="*", help="periods YYYY-MM (default: as above)")
    args = parser.parse_args(argv)
    root, out = Path(args.portfolio), Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    periods = sorted(args.periods) or periods_to_regenerate(root, out)
    for period in periods:
        written = generate(root, period, out)
        print(f"wrote {', '.join(str(p) for p in written.files)}")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
