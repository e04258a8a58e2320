"""`pmo export`: the command line of the exports (arguments, messages, exit codes)."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pmo.present.words import MEASUREMENT, PROFILE_VALUE

if TYPE_CHECKING:
    from pmo.index.build import IndexCounts
    from pmo.store import LoadedPortfolio

EXIT_OK, EXIT_CANNOT_RUN = 0, 2

#: The tables named in the one-line summary, with their plural labels (the xlsx and CSV
#: summaries count benefit measurements and planned profile values with the same labels).
SUMMARY: tuple[tuple[str, str], ...] = (
    ("programme", "programmes"),
    ("programme_update", "updates"),
    ("milestone", "milestones"),
    ("risk", "risks"),
    ("issue", "issues"),
    ("benefit", "benefits"),
    ("benefit_measurement", MEASUREMENT[1]),
    ("benefit_profile", PROFILE_VALUE[1]),
    ("resource_demand", "resource demands"),
    ("decision", "decisions"),
)


def _portfolio_arg(parser: Any) -> None:
    parser.add_argument(
        "--portfolio", default="portfolio", help="portfolio directory (default: ./portfolio)"
    )


def _force_arg(parser: Any) -> None:
    parser.add_argument(
        "--force",
        action="store_true",
        help="replace an existing file even if it is not a pmo export",
    )


def _period_arg(parser: Any, period_type: Any) -> None:
    parser.add_argument(
        "--period",
        type=period_type,
        help="month YYYY-MM of the analysis tables and views (default: the reporting period)",
    )


def add_parser(sub: Any, period_type: Any) -> None:
    """Register `pmo export` and its targets on the CLI's subparsers."""
    exp = sub.add_parser(
        "export",
        help="export the portfolio for Excel, Power BI or Metabase (SQLite, PostgreSQL)",
        description="Write the portfolio out for analysts. An existing file is replaced only "
        "when pmo wrote it (else add --force); a database gets only pmo's own pmo_* tables. "
        "Exit 0, or 2 if it cannot run (nothing is written then).",
    )
    targets = exp.add_subparsers(dest="target", metavar="TARGET", required=True)
    lite = targets.add_parser(
        "sqlite", help="write a SQLite file", description="Write a SQLite file, atomically."
    )
    lite.add_argument("path", nargs="?", help="SQLite file to write, e.g. portfolio.db")
    lite.add_argument("--url", help="a database URL instead of a file (same as `export sql`)")
    _force_arg(lite)
    lite.add_argument("--rebuild", action="store_true", help=argparse.SUPPRESS)
    _portfolio_arg(lite)
    _period_arg(lite, period_type)
    lite.set_defaults(func=run_sql)
    sql = targets.add_parser(
        "sql",
        help="write pmo's tables into a database: sqlite:///file.db or postgresql://host/db",
        description="Write pmo's pmo_* tables into an existing database in one transaction "
        "(on any error nothing changes). Tables of your own are never touched; one of yours "
        "with a pmo_* name stops the export. PostgreSQL needs the postgres extra.",
    )
    sql.add_argument("--url", required=True, help="database URL, e.g. postgresql://host/db")
    sql.add_argument(
        "--rebuild",
        action="store_true",
        help="drop and recreate pmo's own tables when they have an older layout",
    )
    _portfolio_arg(sql)
    _period_arg(sql, period_type)
    sql.set_defaults(func=run_sql, path=None, force=False)
    xlsx = targets.add_parser(
        "xlsx",
        help="write an Excel workbook: one formatted sheet per register",
        description="Write an .xlsx workbook with a sheet per register (Programmes, Updates, "
        "Milestones, Risks, Issues, Dependencies, Benefits, Measurements, Resources, Finance, "
        "Decisions): frozen header, filters, RAG cells coloured, real dates, £ formats.",
    )
    xlsx.add_argument("path", help="workbook to write, e.g. portfolio.xlsx")
    _force_arg(xlsx)
    _portfolio_arg(xlsx)
    xlsx.set_defaults(func=run_sheets, kind="xlsx")
    csv = targets.add_parser(
        "csv",
        help="write one CSV file per register into a folder (UTF-8 with BOM for Excel)",
        description="Write programmes.csv, updates.csv, ... into DIR (created if missing). A "
        "folder that holds other files is refused unless it is an earlier pmo export.",
    )
    csv.add_argument("path", metavar="DIR", help="folder to write the CSV files into")
    csv.add_argument(
        "--force", action="store_true", help="write into a folder that holds other files"
    )
    _portfolio_arg(csv)
    csv.set_defaults(func=run_sheets, kind="csv")
    gmpp = targets.add_parser(
        "gmpp",
        help="write the GMPP layout: one CSV row per programme",
        description="Write a CSV in the UK Government Major Projects Portfolio layout for a "
        "period: the delivery confidence assessment is the PMO's assurance rating where there "
        "is one, else the self-assessment (five-point: Green, Amber/Green, Amber, Amber/Red, "
        "Red; three-point: Green, Amber, Red); money in £m, dates DD/MM/YYYY.",
    )
    gmpp.add_argument("path", help="CSV file to write, e.g. gmpp.csv")
    _force_arg(gmpp)
    _portfolio_arg(gmpp)
    _period_arg(gmpp, period_type)
    gmpp.set_defaults(func=run_gmpp)


def _fail(message: str) -> int:
    from pmo.present.terminal import safe

    print(f"pmo export: {safe(message)}", file=sys.stderr)
    return EXIT_CANNOT_RUN


def _warn_if_invalid(loaded: LoadedPortfolio, counts: IndexCounts | None) -> None:
    """Say on stderr how many files with errors were left out of the export."""
    errors = sum(1 for p in loaded.problems if p.severity == "error")
    if not errors:
        return
    skipped = len({p.file for p in loaded.problems if p.severity == "error"})
    if counts is not None:  # the index counts what it skipped (an update of a bad programme)
        read = set(loaded.files())
        unread = {p.file for p in loaded.problems if p.severity == "error" and p.file not in read}
        skipped = counts.skipped_files + len(unread)
    what = f"{errors} error{'' if errors == 1 else 's'}"
    if skipped:
        what = f"{skipped} invalid file{'' if skipped == 1 else 's'} skipped ({what})"
    print(f"pmo export: warning: {what}; run `pmo validate` to see them", file=sys.stderr)


def _summary(counts: IndexCounts) -> str:
    return ", ".join(f"{counts[table]} {label}" for table, label in SUMMARY)


def _load(portfolio: str) -> LoadedPortfolio:
    from pmo.index.target import ExportError
    from pmo.store import NotAPortfolio, load_portfolio

    try:
        return load_portfolio(Path(portfolio))
    except NotAPortfolio as exc:
        raise ExportError(str(exc)) from None


def run_sql(args: argparse.Namespace) -> int:
    """``pmo export sqlite PATH`` / ``pmo export sql --url URL``."""
    from pmo import clock
    from pmo.index.export import shown_url, write_sqlite, write_url
    from pmo.index.target import ExportError
    from pmo.present.terminal import safe
    from pmo.validate import default_period

    path: str | None = args.path
    url: str | None = args.url
    if (path is None) == (url is None):
        return _fail("give exactly one of a SQLite file PATH or --url URL")
    started = time.perf_counter()
    try:
        loaded = _load(args.portfolio)
        period = args.period or default_period(loaded, clock.today())
        if path is not None:
            shown = path
            counts = write_sqlite(loaded, Path(path), period, force=args.force)
        else:
            assert url is not None
            shown = shown_url(url)
            counts = write_url(loaded, url, period, rebuild=args.rebuild)
    except ExportError as exc:
        return _fail(str(exc))
    _warn_if_invalid(loaded, counts)
    for note in counts.notes:
        print(f"pmo export: {safe(note)}", file=sys.stderr)
    elapsed = time.perf_counter() - started
    print(f"wrote {safe(shown)}: {_summary(counts)}; analysis at {counts.period} ({elapsed:.2f}s)")
    return EXIT_OK


def run_sheets(args: argparse.Namespace) -> int:
    """``pmo export xlsx PATH`` / ``pmo export csv DIR``."""
    from pmo.index.target import ExportError
    from pmo.present.terminal import safe
    from pmo.sheets.registers import summary

    started = time.perf_counter()
    target = Path(args.path)
    try:
        loaded = _load(args.portfolio)
        if args.kind == "xlsx":
            from pmo.sheets.xlsx import write_xlsx

            sheets = write_xlsx(loaded, target, force=args.force)
        else:
            from pmo.sheets.csv_out import write_csv

            sheets = write_csv(loaded, target, force=args.force)
    except ExportError as exc:
        return _fail(str(exc))
    _warn_if_invalid(loaded, None)
    elapsed = time.perf_counter() - started
    counts = ", ".join(f"{count} {label}" for count, label in summary(sheets))
    print(f"wrote {safe(args.path)}: {counts} ({elapsed:.2f}s)")
    return EXIT_OK


def run_gmpp(args: argparse.Namespace) -> int:
    """``pmo export gmpp PATH [--period YYYY-MM]``."""
    from pmo import clock
    from pmo.index.target import ExportError
    from pmo.present.terminal import safe
    from pmo.sheets.gmpp import write_gmpp
    from pmo.validate import default_period

    try:
        loaded = _load(args.portfolio)
        period = args.period or default_period(loaded, clock.today())
        rows = write_gmpp(loaded, Path(args.path), period, force=args.force)
    except ExportError as exc:
        return _fail(str(exc))
    _warn_if_invalid(loaded, None)
    print(f"wrote {safe(args.path)}: {rows} programmes, period {period}")
    return EXIT_OK
