"""The `pmo` command line: argparse only at the top, each command imports what it needs."""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NoReturn

EXIT_OK, EXIT_PROBLEMS, EXIT_CANNOT_RUN = 0, 1, 2
DEFAULT_PORTFOLIO = "portfolio"


def shown_path(path: Path) -> str:
    """A path as the user should see it: relative to where they stand when it is below."""
    absolute = path.absolute()
    try:
        return str(absolute.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def _period_arg(text: str) -> str:
    from pmo.model.types import YEAR_MAX, YEAR_MIN, period_in_range

    if not period_in_range(text):
        raise argparse.ArgumentTypeError(
            f"expected a month YYYY-MM from {YEAR_MIN}-01 to {YEAR_MAX}-12 like 2026-11, "
            f"got '{text[:40]}'"
        )
    return text


def cmd_validate(args: argparse.Namespace) -> int:
    from pmo import clock
    from pmo.present.terminal import safe
    from pmo.store import NotAPortfolio
    from pmo.validate import validate_portfolio

    started = time.perf_counter()
    root = Path(args.portfolio)
    try:
        result = validate_portfolio(root, clock.today(), args.period)
    except NotAPortfolio as exc:
        print(safe(f"pmo validate: {exc}", newlines=False), file=sys.stderr)
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
        # file names and values echoed in messages come from the user's files: made safe
        line = safe(problem.render(shown_path(problem.file)), newlines=False)
        if colour:
            line = line.replace(f" {problem.severity}", " " + paint[problem.severity], 1)
        print(line)
    if args.verbose:
        for folder, prog in loaded.programmes.items():
            latest = max(prog.updates) if prog.updates else "-"
            print(safe(f"  {folder:<48} {len(prog.updates):>3} updates  latest {latest}"))
    plural = "" if result.errors == 1 else "s"
    wplural = "" if result.warnings == 1 else "s"
    shown_root = safe(shown_path(root), newlines=False)
    print(
        f"{shown_root}: {len(loaded.programmes)} programmes, {loaded.update_count} monthly "
        f"updates, {len(loaded.dmt)} DMT notes, period {result.period}: "
        f"{result.errors} error{plural}, {result.warnings} warning{wplural} "
        f"({elapsed:.2f}s)"
    )
    return EXIT_PROBLEMS if failed else EXIT_OK


def cmd_schema(args: argparse.Namespace) -> int:
    from pmo.present.terminal import os_reason, safe
    from pmo.schema import write_schemas
    from pmo.store.files import Refused

    try:
        written = write_schemas(Path(args.out))
    except Refused as exc:
        print(safe(f"pmo schema: {exc}", newlines=False), file=sys.stderr)
        return EXIT_CANNOT_RUN
    except OSError as exc:
        message = f"pmo schema: cannot write {args.out}: {os_reason(exc)}"
        print(safe(message, newlines=False), file=sys.stderr)
        return EXIT_CANNOT_RUN
    for path in written:
        print(safe(f"wrote {shown_path(path)}", newlines=False))
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    from pmo.index.export import run_export

    code: int = run_export(args)
    return code


def cmd_tui(args: argparse.Namespace) -> int:
    from pmo.tui.app import make_app

    make_app(Path(args.portfolio), args.period, cache=not args.no_cache).run()
    return EXIT_OK


class _Parser(argparse.ArgumentParser):
    """argparse whose usage errors echo the user's arguments made safe for the terminal."""

    def error(self, message: str) -> NoReturn:
        from pmo.present.terminal import safe

        super().error(safe(message, newlines=False))


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
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

    exp = sub.add_parser(
        "export",
        help="export the portfolio to a SQL database (for Excel, Power BI, Metabase)",
        description="Build the derived SQL index from the portfolio and write it out.",
    )
    exp_sub = exp.add_subparsers(dest="target", metavar="TARGET", required=True)
    sql = exp_sub.add_parser("sqlite", help="write a SQLite file (or any SQLAlchemy URL)")
    sql.add_argument("path", nargs="?", help="SQLite file to write (replaced if it exists)")
    sql.add_argument("--url", help="SQLAlchemy database URL instead of a file path")
    sql.add_argument("--portfolio", default=DEFAULT_PORTFOLIO, help="portfolio directory")
    sql.set_defaults(func=cmd_export)
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
        from pmo.present.terminal import shorten

        print(
            f"pmo: internal error: {type(exc).__name__}: {shorten(str(exc), 300)} "
            "(set PMO_DEBUG=1 for details and report it)",
            file=sys.stderr,
        )
        return EXIT_CANNOT_RUN


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
