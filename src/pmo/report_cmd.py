"""`pmo report`: write the month's DMT report (Markdown, HTML, snapshot) and print the answers."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

from pmo.present.paths import shown_path

EXIT_OK, EXIT_CANNOT_RUN = 0, 2
DEFAULT_PORTFOLIO = "portfolio"


def add_parser(sub: Any, period_type: Any) -> None:
    """Register `pmo report` on the CLI's subparsers."""
    parser = sub.add_parser(
        "report",
        help="write the monthly DMT report: Markdown, HTML and snapshot.json",
        description="Write OUT/YYYY-MM/dmt-report.md, dmt-report.html and snapshot.json for a "
        "period, and print the one-line answers to Q1-Q3. Trends compare with the previous "
        "month's OUT/YYYY-MM/snapshot.json (what DMT was told) when it exists. The same files "
        "and period always give byte-identical output. Exit 0, or 2 if it cannot run.",
    )
    parser.add_argument(
        "portfolio_dir",
        nargs="?",
        metavar="PORTFOLIO_DIR",
        help="portfolio directory, as for `pmo status` (default: ./portfolio)",
    )
    parser.add_argument(
        "--portfolio",
        default=DEFAULT_PORTFOLIO,
        help="portfolio directory, the same as PORTFOLIO_DIR (default: ./portfolio)",
    )
    parser.add_argument(
        "--period",
        type=period_type,
        help="month YYYY-MM (default: the reporting period, as `pmo validate` chooses it)",
    )
    parser.add_argument(
        "--out",
        help="reports directory (default: the reports folder beside the portfolio directory, "
        "./reports from the repository's top)",
    )
    parser.add_argument(
        "--pdf",
        action="store_true",
        help="also write dmt-report.pdf (A4), printed by a headless Microsoft Edge, Google "
        "Chrome or Chromium ($PMO_BROWSER names another); without one, nothing is written",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Generate the report and say where it went."""
    from pmo.cli_common import warn_filed_early, warn_if_future
    from pmo.present.paths import reports_beside
    from pmo.present.terminal import os_reason, safe
    from pmo.present.words import plural
    from pmo.report.writer import ReportError, generate
    from pmo.store import NotAPortfolio
    from pmo.validate_cmd import NOT_FOUND_HERE, portfolio_root

    positional = getattr(args, "portfolio_dir", None)
    if positional is not None:
        if Path(args.portfolio) not in (Path(DEFAULT_PORTFOLIO), Path(positional)):
            message = (
                f"pmo report: two portfolio directories given ({positional} and --portfolio "
                f"{args.portfolio}); give one"
            )
            print(safe(message, newlines=False), file=sys.stderr)
            return EXIT_CANNOT_RUN
        args.portfolio = positional

    root = portfolio_root(Path(args.portfolio))  # as `pmo validate`: found upwards
    if root == Path(DEFAULT_PORTFOLIO) and not os.path.lexists(root):
        print(f"pmo report: {NOT_FOUND_HERE}", file=sys.stderr)
        return EXIT_CANNOT_RUN
    out = Path(args.out) if args.out else reports_beside(root)
    warn_if_future(args.period, "report")
    try:
        written = generate(root, args.period, out, pdf=getattr(args, "pdf", False))
    except (NotAPortfolio, ReportError) as exc:
        print(safe(f"pmo report: {exc}", newlines=False), file=sys.stderr)
        return EXIT_CANNOT_RUN
    except OSError as exc:
        print(f"pmo report: cannot write the report: {os_reason(exc)}", file=sys.stderr)
        return EXIT_CANNOT_RUN
    report = written.report
    for line in written.left_out:
        # the annex lists the files up to the report's month; a later file only pmo validate
        warning = (
            f"pmo report: warning: {line} (`pmo validate {root}` lists them; the "
            f"report's data-quality annex, those for months up to {written.period})"
        )
        print(safe(warning, newlines=False), file=sys.stderr)
    warn_filed_early(list(written.filed_early), "report", root)
    if report.quality.errors and not written.left_out:
        print(
            f"pmo report: warning: {plural(report.quality.errors, 'error')} across the portfolio "
            "files; "
            "every file was still read and used (see the report's data-quality annex)",
            file=sys.stderr,
        )
    # every console line may carry user text (names, paths): shown, never obeyed
    print(safe(f"wrote {', '.join(shown_path(p) for p in written.files)}", newlines=False))
    print(safe(report.dashboard.basis.note, newlines=False))
    for a in report.answers:
        print(safe(f"{a.key.upper()}: {a.one_line}", newlines=False))
    return EXIT_OK
