"""The `pmo` command line: argparse only at the top, each command imports what it needs."""

from __future__ import annotations

import argparse
import gc
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NoReturn

from pmo.present.paths import shown_path

EXIT_OK, EXIT_PROBLEMS, EXIT_CANNOT_RUN = 0, 1, 2
DEFAULT_PORTFOLIO = "portfolio"


def _period_arg(text: str) -> str:
    from pmo.model.types import YEAR_MAX, YEAR_MIN, period_in_range

    if not period_in_range(text):
        raise argparse.ArgumentTypeError(
            f"expected a month YYYY-MM from {YEAR_MIN}-01 to {YEAR_MAX}-12 like 2026-11, "
            f"got '{text[:40]}'"
        )
    return text


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


def cmd_tui(args: argparse.Namespace) -> int:
    from pmo.validate_cmd import DEFAULT_PORTFOLIO, NOT_FOUND_HERE, portfolio_root

    root = portfolio_root(Path(args.portfolio))  # as `pmo validate`: found upwards
    if root == Path(DEFAULT_PORTFOLIO) and not os.path.lexists(root):
        print(f"pmo: {NOT_FOUND_HERE}", file=sys.stderr)
        return EXIT_CANNOT_RUN
    from pmo.tui.start import launch  # the files are read while the UI's modules are imported

    app = launch(root, args.period, cache=not args.no_cache)
    app.run()
    if app.crash is not None:  # an unexpected error: one line, the traceback in a log file
        print(f"pmo: {app.crash}", file=sys.stderr)
        return 1
    return app.return_code or EXIT_OK


class _Parser(argparse.ArgumentParser):
    """argparse whose usage errors echo the user's arguments made safe for the terminal."""

    def error(self, message: str) -> NoReturn:
        from pmo.present.terminal import safe

        super().error(safe(message, newlines=False))


def _subparser(
    parser: argparse.ArgumentParser, args: argparse.Namespace
) -> argparse.ArgumentParser:
    """The parser of the (sub)command ``args`` ran, e.g. `pmo export xlsx`'s."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            chosen = getattr(args, action.dest, None)
            if chosen in action.choices:
                return _subparser(action.choices[chosen], args)
    return parser


def _options(parser: argparse.ArgumentParser) -> set[str]:
    return {flag for action in parser._actions for flag in action.option_strings}


def _positionals(parser: argparse.ArgumentParser) -> set[str]:
    return {action.dest for action in parser._actions if not action.option_strings}


def _unrecognised(parser: argparse.ArgumentParser, extras: list[str]) -> NoReturn:
    """Say which arguments the command does not take, with its own usage, and how the
    portfolio directory is given to it when that is what went wrong."""
    message = f"unrecognized arguments: {' '.join(extras)}"
    if "--portfolio" in extras and "portfolio" in _positionals(parser):
        message += (
            f"; {parser.prog} takes the portfolio directory as its first argument, "
            f"without --portfolio: {parser.prog} DIR"
        )
    elif "--portfolio" in _options(parser) and any(
        not e.startswith("-") and Path(e).is_dir() for e in extras
    ):
        message += f"; give the portfolio directory as {parser.prog} --portfolio DIR"
    parser.error(message)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
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
    tui.add_argument(
        "--period",
        type=_period_arg,
        help="month YYYY-MM (default: the reporting period, as `pmo validate` chooses it)",
    )
    tui.add_argument(
        "--no-cache",
        action="store_true",
        help="read every file afresh and keep no cache "
        "(the cache lives in $PMO_CACHE_DIR, else $XDG_CACHE_HOME/pmo or ~/.cache/pmo)",
    )
    tui.set_defaults(func=cmd_tui)

    from pmo import export_cmd

    export_cmd.add_parser(sub, _period_arg)
    from pmo import import_cmd

    import_cmd.add_parser(sub, _period_arg)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``pmo`` console script."""
    parser = build_parser()
    args, extras = parser.parse_known_args(argv)
    if extras:  # said by the command's own parser, with its usage, not `pmo`'s
        _unrecognised(_subparser(parser, args), extras)
    func: Callable[[argparse.Namespace], int] | None = getattr(args, "func", None)
    if func is None:  # bare `pmo`: the terminal UI on ./portfolio
        args = parser.parse_args(["tui"])
        func = cmd_tui
    # A command reads a whole portfolio into objects without reference cycles: the cyclic
    # garbage collector would re-scan that growing heap on every allocation burst, for nothing.
    # The TUI, long-running, manages the collector itself.
    paused = func is not cmd_tui and gc.isenabled()
    if paused:
        gc.disable()
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
    finally:
        if paused:
            gc.enable()


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
