"""The `pmo` command line: argparse only at the top, each command imports what it needs."""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from pmo.present.paths import shown_path

EXIT_OK, EXIT_PROBLEMS, EXIT_CANNOT_RUN = 0, 1, 2
DEFAULT_PORTFOLIO = "portfolio"


def _period_arg(text: str) -> str:
    from pmo.store.paths import is_period

    if not is_period(text):
        raise argparse.ArgumentTypeError(f"expected a month YYYY-MM like 2026-11, got '{text}'")
    return text


def cmd_validate(args: argparse.Namespace) -> int:
    from pmo import clock
    from pmo.store import NotAPortfolio
    from pmo.validate import validate_portfolio

    started = time.perf_counter()
    root = Path(args.portfolio)
    try:
        result = validate_portfolio(root, clock.today(), args.period)
    except NotAPortfolio as exc:
        print(f"pmo validate: {exc}", file=sys.stderr)
        return EXIT_CANNOT_RUN
    elapsed = time.perf_counter() - started
    loaded = result.loaded
    failed = result.errors > 0 or (args.strict and result.warnings > 0)
    summary = {
        "portfolio": shown_path(root),
        "period": result.period,
        "programmes": len(loaded.programmes),
        "updates": loaded.update_count,
        "dmt_notes": len(loaded.dmt),
        "errors": result.errors,
        "warnings": result.warnings,
        "ok": not failed,
    }
    if args.format == "json":
        problems = [
            {
                "file": shown_path(p.file),
                "line": p.line,
                "column": p.col,
                "path": p.path,
                "code": p.code,
                "severity": p.severity,
                "message": p.message,
            }
            for p in result.problems
        ]
        json.dump({**summary, "problems": problems}, sys.stdout, indent=2)
        sys.stdout.write("\n")
        return EXIT_PROBLEMS if failed else EXIT_OK
    colour = sys.stdout.isatty() and "NO_COLOR" not in os.environ
    paint = {"error": "\033[31merror\033[0m", "warning": "\033[33mwarning\033[0m"}
    for problem in result.problems:
        line = problem.render(shown_path(problem.file))
        if colour:
            line = line.replace(f" {problem.severity}", " " + paint[problem.severity], 1)
        print(line)
    if args.verbose:
        for folder, prog in loaded.programmes.items():
            latest = max(prog.updates) if prog.updates else "–"
            print(f"  {folder:<48} {len(prog.updates):>3} updates  latest {latest}")
    plural = "" if result.errors == 1 else "s"
    wplural = "" if result.warnings == 1 else "s"
    print(
        f"{shown_path(root)}: {len(loaded.programmes)} programmes, {loaded.update_count} monthly "
        f"updates, {len(loaded.dmt)} DMT notes, period {result.period}: "
        f"{result.errors} error{plural}, {result.warnings} warning{wplural} "
        f"({elapsed:.2f}s)"
    )
    return EXIT_PROBLEMS if failed else EXIT_OK


def cmd_schema(args: argparse.Namespace) -> int:
    from pmo.schema import write_schemas

    for path in write_schemas(Path(args.out)):
        print(f"wrote {shown_path(path)}")
    return EXIT_OK


def cmd_tui(args: argparse.Namespace) -> int:
    from pmo.tui.app import make_app

    make_app(Path(args.portfolio), args.period, cache=not args.no_cache).run()
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="pmo",
        description="Portfolio office tool: checks, analysis and reports from YAML in git.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    val = sub.add_parser(
        "validate",
        help="check a portfolio's YAML files and print every problem",
        description="Check every file of a portfolio. Prints file:line:col: severity field: "
        "message. Exit 0 clean, 1 problems, 2 could not run.",
    )
    val.add_argument(
        "portfolio",
        nargs="?",
        default=DEFAULT_PORTFOLIO,
        help="portfolio directory (default: ./portfolio)",
    )
    val.add_argument("--format", choices=("text", "json"), default="text")
    val.add_argument("--strict", action="store_true", help="warnings fail the run too")
    val.add_argument(
        "--period",
        type=_period_arg,
        help="month YYYY-MM for update checks (default: latest with updates)",
    )
    val.add_argument(
        "-v", "--verbose", action="store_true", help="list each programme with its update count"
    )
    val.set_defaults(func=cmd_validate)

    sch = sub.add_parser(
        "schema",
        help="write JSON Schemas for editor autocompletion",
        description="Write portfolio/programme/update/dmt .schema.json files.",
    )
    sch.add_argument("--out", default="schema", help="directory to write to (default: ./schema)")
    sch.set_defaults(func=cmd_schema)

    from pmo import status_cmd

    status_cmd.add_parser(sub, _period_arg)
    from pmo import scenario_cmd

    scenario_cmd.add_parser(sub)
    from pmo import report_cmd

    report_cmd.add_parser(sub, _period_arg)

    tui = sub.add_parser(
        "tui",
        help="browse the portfolio in the terminal UI (also: bare `pmo`)",
        description="Keyboard-first terminal UI: dashboard, programme drill-down, help on `?`.",
    )
    tui.add_argument(
        "portfolio",
        nargs="?",
        default=DEFAULT_PORTFOLIO,
        help="portfolio directory (default: ./portfolio)",
    )
    tui.add_argument("--period", type=_period_arg, help="month YYYY-MM (default: latest)")
    tui.add_argument(
        "--no-cache",
        action="store_true",
        help="read every file afresh and keep no cache "
        "(the cache lives in $PMO_CACHE_DIR, else $XDG_CACHE_HOME/pmo or ~/.cache/pmo)",
    )
    tui.set_defaults(func=cmd_tui)

    from pmo import export_cmd

    export_cmd.add_parser(sub, _period_arg)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``pmo`` console script."""
    parser = build_parser()
    args = parser.parse_args(argv)
    func: Callable[[argparse.Namespace], int] | None = getattr(args, "func", None)
    if func is None:  # bare `pmo`: the terminal UI on ./portfolio
        args = parser.parse_args(["tui"])
        func = cmd_tui
    try:
        return func(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # e.g. `pmo validate | head`
        sys.stderr.close()
        return EXIT_OK
    except Exception as exc:  # no traceback for users; PMO_DEBUG=1 shows it
        if os.environ.get("PMO_DEBUG"):
            raise
        print(
            f"pmo: internal error: {type(exc).__name__}: {exc} "
            "(set PMO_DEBUG=1 for details and report it)",
            file=sys.stderr,
        )
        return EXIT_CANNOT_RUN


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
