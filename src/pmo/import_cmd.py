"""`pmo import xlsx|csv|gmpp FILE --out DIR`: a new portfolio from a tracker (the command line)."""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pmo.present.words import MEASUREMENT, PROFILE_VALUE

if TYPE_CHECKING:
    from pmo.problem import Problem
    from pmo.sheets.build_in import Imported

EXIT_OK, EXIT_PROBLEMS, EXIT_CANNOT_RUN = 0, 1, 2
MAPPINGS = {"xlsx": "pmo", "csv": "pmo", "gmpp": "gmpp"}
#: What the summary counts, with singular and plural labels.
COUNTED: tuple[tuple[str, str, str], ...] = (
    ("programmes", "programme", "programmes"),
    ("updates", "monthly update", "monthly updates"),
    ("milestones", "milestone", "milestones"),
    ("risks", "risk", "risks"),
    ("issues", "issue", "issues"),
    ("dependencies", "dependency", "dependencies"),
    ("resources", "resource demand", "resource demands"),
    ("benefits", "benefit", "benefits"),
    ("measurements", *MEASUREMENT),
    ("profile", *PROFILE_VALUE),
    ("decisions", "decision", "decisions"),
)


def add_parser(sub: Any, period_type: Any) -> None:
    """Register `pmo import` on the CLI's subparsers."""
    imp = sub.add_parser(
        "import",
        help="start a portfolio from a spreadsheet tracker (XLSX, CSV) or GMPP data",
        description="Write a NEW portfolio folder from a tracker, through a mapping that says "
        "which column feeds which field (pmo's own export and GMPP are built in). Values the "
        "file withholds ('Exempt under Section 43', 'N/A') are left out and listed. The "
        "result is then validated. Exit 0; 1 when the input has problems (nothing written) or "
        "the result does not validate; 2 when it cannot run.",
    )
    imp.add_argument("kind", choices=sorted(MAPPINGS), help="what FILE is")
    imp.add_argument(
        "file",
        metavar="FILE",
        help="the workbook or CSV file (for csv also a folder of CSV files, as `pmo export "
        "csv` writes)",
    )
    imp.add_argument("--out", required=True, metavar="DIR", help="the new portfolio folder")
    imp.add_argument(
        "--mapping",
        metavar="MAP",
        help="a mapping file (YAML), or a built-in one: pmo (default for xlsx, csv) or gmpp",
    )
    imp.add_argument(
        "--period",
        type=period_type,
        help="the month a one-row-per-programme tracker reports (GMPP; default: this month)",
    )
    imp.add_argument(
        "--force", action="store_true", help="write into DIR although it exists (it must be empty)"
    )
    imp.set_defaults(func=run_import)


def _fail(message: str) -> int:
    from pmo.present.terminal import safe

    print(safe(f"pmo import: {message}", newlines=False), file=sys.stderr)
    return EXIT_CANNOT_RUN


def _print_problems(problems: list[Problem]) -> None:
    from pmo.present.paths import shown_path
    from pmo.validate_output import text_lines

    colour = sys.stdout.isatty() and "NO_COLOR" not in os.environ
    for line in text_lines(sorted(problems), shown_path, colour):
        print(line)


def _withheld_problems(imported: Imported) -> list[Problem]:
    from pmo.present.terminal import shorten
    from pmo.problem import Problem

    said = {
        (p.file, p.line, p.col)
        for p in imported.out.problems
        if p.code == "import-withheld-required"
    }
    out = []
    for w in imported.out.withheld:
        if (w.file, w.line, w.col) in said:  # already said (with what it left out), or twice
            continue
        said.add((w.file, w.line, w.col))
        what = f"withheld ('{shorten(w.text, 60)}')" if w.text else "withheld (blank)"
        out.append(
            Problem(
                w.file, w.line, w.col, w.where, "import-withheld", f"{what}; left out", "warning"
            )
        )
    return out


def _summary(imported: Imported) -> str:
    from pmo.present.words import plural

    counts = imported.counts
    parts = [
        plural(counts[key], one, many)
        for key, one, many in COUNTED
        if counts[key] or key in ("programmes", "updates")
    ]
    withheld = counts["withheld"]
    parts.append(f"{plural(withheld, 'value')} withheld" + (" (listed above)" if withheld else ""))
    return ", ".join(parts)


def _read(kind: str, file: Path) -> Any:
    from pmo.sheets.read_in import read_csv, read_xlsx

    if kind == "xlsx":
        return read_xlsx(file)
    if kind == "gmpp" and file.is_file():
        with open(file, "rb") as handle:
            if handle.read(4) == b"PK\x03\x04":
                return read_xlsx(file)
    return read_csv(file)


def run_import(args: argparse.Namespace) -> int:
    """``pmo import KIND FILE --out DIR``."""
    from pmo import clock
    from pmo.model.types import period_of
    from pmo.present.paths import shown_path
    from pmo.present.terminal import safe
    from pmo.sheets.build_in import build
    from pmo.sheets.mapping import MappingError, load_mapping
    from pmo.sheets.write_in import TargetError, check_target, files_of, write_portfolio

    started = time.perf_counter()
    file, out = Path(args.file), Path(args.out)
    if not file.exists():
        return _fail(f"{args.file}: no such file")
    try:
        check_target(out, args.force)
    except TargetError as exc:
        return _fail(str(exc))
    try:
        mapping = load_mapping(args.mapping or MAPPINGS[args.kind])
    except MappingError as exc:
        _print_problems(exc.problems)
        print("pmo import: the mapping cannot be used; nothing written", file=sys.stderr)
        return EXIT_PROBLEMS
    today = clock.today()
    period = args.period or period_of(today)
    imported = build(_read(args.kind, file), mapping, period, today)
    problems = imported.out.problems + _withheld_problems(imported)
    errors = imported.out.errors
    if not errors and not imported.programmes:
        from pmo.problem import Problem

        errors = 1
        problems.append(Problem(file, 0, 0, "", "import-no-programmes", "no programmes in it"))
    _print_problems(problems)
    if errors:
        s = "" if errors == 1 else "s"
        print(
            safe(f"pmo import: {errors} error{s} in {shown_path(file)}; nothing written"),
            file=sys.stderr,
        )
        return EXIT_PROBLEMS
    try:
        write_portfolio(out, files_of(imported, file.name), args.force)
    except TargetError as exc:
        return _fail(str(exc))
    except OSError as exc:
        return _fail(f"could not write {args.out}: {exc.strerror or exc}")
    elapsed = time.perf_counter() - started
    print(safe(f"wrote {shown_path(out)}: {_summary(imported)} ({elapsed:.2f}s)"))
    return _validate(out)


def _validate(root: Path) -> int:
    """Validate the new portfolio and print its problems, as `pmo validate` would."""
    from pmo.opening import open_portfolio
    from pmo.present.paths import shown_path
    from pmo.present.terminal import safe
    from pmo.present.words import plural

    result = open_portfolio(root, keep_trees=False)
    problems = list(result.problems)
    _print_problems(problems)
    counts = f"{plural(result.errors, 'error')}, {plural(result.warnings, 'warning')}"
    print(safe(f"validate {shown_path(root)}: period {result.period}: {counts}"))
    if result.errors:
        print(
            "pmo import: the new portfolio has errors (above): fix them in its YAML files",
            file=sys.stderr,
        )
        return EXIT_PROBLEMS
    return EXIT_OK
