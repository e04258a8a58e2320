"""The `pmo` command line: argparse only at the top, each command imports what it needs."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

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
    from pmo.store.paths import is_period

    if not is_period(text):
        raise argparse.ArgumentTypeError(f"expected a month YYYY-MM like 2026-11, got '{text}'")
    return text


def cmd_schema(args: argparse.Namespace) -> int:
    from pmo.schema import write_schemas

    for path in write_schemas(Path(args.out)):
        print(f"wrote {shown_path(path)}")
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    from pmo.index.export import run_export

    code: int = run_export(args)
    return code


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

    from pmo import validate_cmd

    validate_cmd.add_parser(sub, _period_arg)
    from pmo import new_cmd

    new_cmd.add_parser(sub, _period_arg)
    from pmo import diff_cmd

    diff_cmd.add_parser(sub)

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
        print(
            f"pmo: internal error: {type(exc).__name__}: {exc} "
            "(set PMO_DEBUG=1 for details and report it)",
            file=sys.stderr,
        )
        return EXIT_CANNOT_RUN


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
