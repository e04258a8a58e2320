"""`pmo validate`: the whole portfolio, one programme (`--programme`), or what is staged in git."""

from __future__ import annotations

import argparse
import difflib
import os
import re
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pmo.present.numbers import DASH
from pmo.present.paths import shown_path
from pmo.present.terminal import safe
from pmo.problem import Problem, error_count

EXIT_OK, EXIT_PROBLEMS, EXIT_CANNOT_RUN = 0, 1, 2
PORTFOLIO_FILE, PROGRAMMES_DIR = "portfolio.yaml", "programmes"  # as pmo.store.paths (light here)
_SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
DEFAULT_PORTFOLIO = "portfolio"
FORMATS = ("text", "json", "github", "gitlab")


class CannotValidate(Exception):
    """Validation cannot run; the message says why (exit code 2)."""


def _relative(path: Path) -> str:
    return os.path.relpath(path)


def find_root(start: Path) -> Path | None:
    """The nearest folder holding portfolio.yaml, from ``start`` upwards (as git finds .git)."""
    here = Path(os.path.abspath(start))
    if not here.is_dir():
        here = here.parent
    for folder in (here, *here.parents):
        if os.path.isfile(folder / PORTFOLIO_FILE):  # never raises (a folder it may not read)
            return folder
    return None


NOT_FOUND_HERE = (
    f"no ./{DEFAULT_PORTFOLIO} folder here and no {PORTFOLIO_FILE} in this folder or above it; "
    "run pmo where the portfolio folder is, or give its path"
)
"""What a command run with no portfolio given says when it finds none."""


def portfolio_root(root: Path) -> Path:
    """``root``; for the default ``portfolio`` with no portfolio.yaml there, the portfolio
    above the current folder (as `pmo validate` and git find theirs), when there is one."""
    if root != Path(DEFAULT_PORTFOLIO) or os.path.lexists(root / PORTFOLIO_FILE):
        return root  # (lexists: never raises; an unreadable folder is the reader's problem)
    found = find_root(Path.cwd())
    return _nicer(found) if found is not None else root


def programme_of(root: Path, path: Path) -> str | None:
    """The programme folder ``path`` lies in, if any."""
    try:
        rel = Path(os.path.abspath(path)).relative_to(os.path.abspath(root))
    except ValueError:
        return None
    parts = rel.parts
    return parts[1] if len(parts) >= 2 and parts[0] == PROGRAMMES_DIR else None


def _nicer(root: Path) -> Path:
    """``root`` relative to the current folder when it is below it (for messages)."""
    return Path(shown_path(root))


@dataclass(slots=True)
class Target:
    """What to validate: the portfolio root, and the programmes the run is about (all if empty)."""

    root: Path
    programmes: set[str] = field(default_factory=set)


def locate(path_arg: str | None, programme_arg: str | None) -> Target:
    """The portfolio and programme named on the command line, found upwards as git does.

    Imports nothing heavy: a remembered `pmo validate` run never loads the models.
    """
    if path_arg is None:
        default = Path(DEFAULT_PORTFOLIO)
        found = find_root(Path.cwd()) if not (default / PORTFOLIO_FILE).is_file() else None
        target = Target(_nicer(found) if found else default)
    else:
        given = Path(path_arg)
        if not given.exists():
            raise CannotValidate(f"{given}: no such directory")
        if given.is_dir() and not os.access(given, os.R_OK | os.X_OK):
            raise CannotValidate(f"{given}: cannot read the folder (permission denied)")
        if given.is_dir() and os.path.lexists(given / PORTFOLIO_FILE):
            target = Target(given)  # whatever it is (a FIFO, a folder): reading says what is wrong
        else:
            found = find_root(given)
            if found is None:
                if given.is_dir():
                    raise CannotValidate(
                        f"{given}: no {PORTFOLIO_FILE} here; is this a portfolio directory?"
                    )
                raise CannotValidate(f"{given}: not inside a portfolio (no {PORTFOLIO_FILE} above)")
            target = Target(_nicer(found))
            programme = programme_of(found, given)
            if programme:
                target.programmes.add(programme)
    if programme_arg is not None:
        folder = target.root / PROGRAMMES_DIR / programme_arg
        if _SLUG.match(programme_arg) and folder.is_dir():
            target.programmes = {programme_arg}
        elif Path(programme_arg).exists() and (found := find_root(Path(programme_arg))):
            programme = programme_of(found, Path(programme_arg))
            if programme is None:
                raise CannotValidate(f"{programme_arg}: not inside a programme folder")
            target = Target(_nicer(found), {programme})
        else:
            try:
                known = sorted(p.name for p in (target.root / PROGRAMMES_DIR).iterdir())
            except OSError:
                known = []
            close = difflib.get_close_matches(programme_arg, known, n=1, cutoff=0.6)
            hint = f"; did you mean '{close[0]}'?" if close else ""
            raise CannotValidate(
                f"no programme '{programme_arg}' in {target.root}/{PROGRAMMES_DIR}{hint}"
            )
    return target


def _staged(target: Target, work: Path) -> tuple[Path, set[str], bool, Callable[[Path], str]]:
    """Copy the index's portfolio into ``work``: (root there, programmes in the commit,
    whether portfolio.yaml is in it, how to show a copied file as the user's own path)."""
    from pmo.store import git

    try:
        repo = git.find_repo(target.root)
        root = git.copy_out(repo, git.index_entries(repo), work)
        head = ["--cached"]
        try:
            git.resolve(repo, "HEAD")
        except git.GitError:  # the first commit: everything staged is new
            head = ["--cached", git.EMPTY_TREE]
        changed = list(git.changed_paths(repo, *head))
    except git.GitError as exc:
        raise CannotValidate(f"--staged: {exc}") from None
    touched = git.programme_ids(repo, iter(changed))
    config_touched = any(p.name == "portfolio.yaml" and p.parent == repo.portfolio for p in changed)
    real = target.root

    def shown(file: Path) -> str:
        try:
            return shown_path(real / file.relative_to(root))
        except ValueError:
            return str(file)

    return root, touched, config_touched, shown


def _open(root: Path, period: str | None, cache: bool) -> Any:
    """The portfolio read and checked, unchanged files from the load cache when ``cache``."""
    from pmo import clock
    from pmo.opening import open_portfolio

    if not cache:
        return open_portfolio(root, period, today=clock.today(), keep_trees=False)
    from pmo.store.cache import LoadCache
    from pmo.validate_memo import memo_file

    file = memo_file(root)
    load_cache = LoadCache(root, file.parent if file is not None else None).open()
    result = open_portfolio(root, period, today=clock.today(), cache=load_cache, keep_trees=False)
    load_cache.save()
    return result


def cmd_validate(args: argparse.Namespace) -> int:
    """Run `pmo validate` (see the README's "Checking a portfolio")."""
    started = time.perf_counter()
    try:
        target = locate(args.portfolio, args.programme)
        if not args.staged and not target.programmes:  # the whole portfolio: the memo's case
            from pmo import clock
            from pmo.validate_memo import validate_with_cache

            shown: Callable[[Path], str] = shown_path
            if Path.cwd().is_relative_to(os.path.abspath(target.root)):
                shown = _relative  # standing inside the portfolio: ../programme.yaml
            result = validate_with_cache(
                target.root, clock.today(), args.period, cache=not args.no_cache
            )
            problems = list(result.problems)
            return _report(args, target, result, problems, set(), shown, started)
        return _scoped(args, target, started)
    except CannotValidate as exc:
        print(f"pmo validate: {safe(str(exc), newlines=False)}", file=sys.stderr)
        return EXIT_CANNOT_RUN
    except PermissionError as exc:  # a folder on the way that this user may not read
        from pmo.present.terminal import os_reason

        print(f"pmo validate: cannot read: {os_reason(exc)}", file=sys.stderr)
        return EXIT_CANNOT_RUN
    except Exception as exc:  # pmo.store (heavy) is imported only once the files are read
        from pmo.store import NotAPortfolio

        if not isinstance(exc, NotAPortfolio):
            raise
        print(f"pmo validate: {safe(str(exc), newlines=False)}", file=sys.stderr)
        return EXIT_CANNOT_RUN


def _scoped(args: argparse.Namespace, target: Target, started: float) -> int:
    """One programme (``--programme``), or what is staged (``--staged``)."""
    from pmo.validate.scope import involving

    with tempfile.TemporaryDirectory(prefix="pmo-staged-") as work:
        shown: Callable[[Path], str] = shown_path
        if Path.cwd().is_relative_to(os.path.abspath(target.root)):
            shown = _relative
        root = target.root
        touched: set[str] = set(target.programmes)
        config_touched = False
        if args.staged:
            root, in_commit, config_touched, shown = _staged(target, Path(work))
            touched = touched or in_commit
        result = _open(root, args.period, cache=not args.no_cache and not args.staged)
        problems = list(result.problems)
        if args.staged and not target.programmes:
            problems = involving(
                result.loaded,
                problems,
                touched,
                all_errors=True,
                portfolio_warnings=config_touched,
            )
        else:
            problems = involving(result.loaded, problems, touched)
        return _report(args, target, result, problems, touched, shown, started)


def _report(
    args: argparse.Namespace,
    target: Target,
    result: Any,
    problems: list[Problem],
    touched: set[str],
    shown: Callable[[Path], str],
    started: float,
) -> int:
    from pmo.validate_output import (
        dump_json,
        github_lines,
        gitlab_report,
        json_problems,
        text_lines,
    )

    loaded = result.loaded
    errors = error_count(problems)
    warnings = len(problems) - errors
    failed = errors > 0 or (args.strict and warnings > 0)
    code = EXIT_PROBLEMS if failed else EXIT_OK
    scoped = bool(target.programmes) or args.staged
    if args.format == "gitlab":
        sys.stdout.write(dump_json(gitlab_report(problems, shown)))
        return code
    if args.format == "json":
        summary = {
            "portfolio": shown_path(target.root),
            "period": result.period,
            "programmes": len(loaded.programmes),
            "updates": loaded.update_count,
            "dmt_notes": len(loaded.dmt),
            "errors": errors,
            "warnings": warnings,
            "ok": not failed,
        }
        if scoped:
            summary["scope"] = sorted(touched)
            summary["staged"] = bool(args.staged)
        sys.stdout.write(dump_json({**summary, "problems": json_problems(problems, shown)}))
        return code
    if args.format == "github":
        lines = github_lines(problems, shown)
    else:
        colour = sys.stdout.isatty() and "NO_COLOR" not in os.environ
        lines = text_lines(problems, shown, colour)
    for line in lines:
        print(line)
    if args.verbose:
        for folder, prog in loaded.programmes.items():
            if target.programmes and folder not in target.programmes:
                continue
            latest = max(prog.updates) if prog.updates else DASH
            print(safe(f"  {folder:<48} {len(prog.updates):>3} updates  latest {latest}"))
    print(safe(_summary_line(args, target, result, errors, warnings, touched, started)))
    return code


def _summary_line(
    args: argparse.Namespace,
    target: Target,
    result: Any,
    errors: int,
    warnings: int,
    touched: set[str],
    started: float,
) -> str:
    from pmo.present.words import join_words, plural

    loaded = result.loaded
    where = shown_path(target.root) + (" (staged)" if args.staged else "")
    counts = f"{plural(errors, 'error')}, {plural(warnings, 'warning')}"
    elapsed = f"({time.perf_counter() - started:.2f}s)"
    if target.programmes:
        (programme,) = sorted(target.programmes)
        prog = loaded.programmes.get(programme)
        updates = plural(len(prog.updates) if prog else 0, "monthly update")
        return (
            f"{where}: programme {programme}, {updates}, period {result.period}: {counts} {elapsed}"
        )
    whole = (
        f"{where}: {len(loaded.programmes)} programmes, {loaded.update_count} monthly updates, "
        f"{len(loaded.dmt)} DMT notes, period {result.period}: {counts}"
    )
    if args.staged:
        about = join_words(sorted(touched)) if touched else "no programme"
        whole += f" (warnings shown for {about})"
    return f"{whole} {elapsed}"


def add_parser(sub: Any, period_arg: Any) -> None:
    """The `validate` subcommand."""
    val = sub.add_parser(
        "validate",
        help="check a portfolio's YAML files and print every problem",
        description="Check every file of a portfolio (or one programme, or what is staged in "
        "git). Prints file:line:col: severity field: message. Exit 0 with no errors "
        "(warnings alone do not fail, unless --strict), 1 with errors, 2 could not run.",
    )
    val.add_argument(
        "portfolio",
        nargs="?",
        default=None,
        help="portfolio directory, or a file or folder inside one: a programme's folder "
        "checks that programme (default: ./portfolio, else the portfolio above the "
        "current folder)",
    )
    val.add_argument(
        "--programme",
        metavar="ID",
        help="only this programme's problems and the cross-file ones involving it "
        "(an id, or a path inside the programme's folder)",
    )
    val.add_argument(
        "--staged",
        action="store_true",
        help="check what is staged for the next commit (the git index), not the working "
        "tree; warnings only for the programmes in the commit",
    )
    val.add_argument(
        "--format",
        choices=FORMATS,
        default="text",
        help="text (default), json, github (workflow annotations) or gitlab (code quality "
        "JSON report)",
    )
    val.add_argument("--strict", action="store_true", help="warnings fail the run too")
    val.add_argument(
        "--period",
        type=period_arg,
        help="month YYYY-MM for update checks (default: the reporting period: the latest "
        "month in which at least half the programmes due have reported)",
    )
    val.add_argument(
        "-v", "--verbose", action="store_true", help="list each programme with its update count"
    )
    val.add_argument(
        "--no-cache",
        action="store_true",
        help="read every file afresh; read and write nothing in the cache directory",
    )
    val.set_defaults(func=cmd_validate)
