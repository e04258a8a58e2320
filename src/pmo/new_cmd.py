"""`pmo new update ID` and `pmo new programme ID`: start a file from the last one or a template."""

from __future__ import annotations

import argparse
import os
import shlex
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

from pmo.present.terminal import safe
from pmo.problem import Problem

EXIT_OK, EXIT_PROBLEMS, EXIT_CANNOT_RUN = 0, 1, 2


def add_parser(sub: Any, period_arg: Any) -> None:
    """The `new` subcommand and its `update` and `programme` commands."""
    new = sub.add_parser(
        "new",
        help="start next month's update, or a new programme, from the last one or a template",
        description="Write a new file for you to fill in: never overwrites, validated first.",
    )
    what = new.add_subparsers(dest="what", metavar="WHAT", required=True)
    upd = what.add_parser(
        "update",
        help="next month's update from the last one",
        description="Copy the programme's latest update to the next month: ratings, summary, "
        "path to green and finance carried; achievements, next steps, decisions and benefit "
        "measurements cleared; the PMO's assurance never copied; submitted today. Prints "
        "the new file's path.",
    )
    upd.add_argument("id", help="programme id (or a path inside its folder)")
    upd.add_argument(
        "--period",
        type=period_arg,
        help="month YYYY-MM (default: the month after the latest update, at least this "
        "month; at most next month)",
    )
    upd.add_argument("--edit", action="store_true", help="open it in $VISUAL or $EDITOR")
    upd.add_argument("--portfolio", default=None, help="portfolio directory")
    upd.set_defaults(func=cmd_new_update)
    prog = what.add_parser(
        "programme",
        help="a commented programme.yaml skeleton",
        description="Create programmes/ID/programme.yaml: each section with a one-line comment, "
        "the portfolio's objectives, criteria, roles and risk categories listed in comments, "
        "and TODO placeholders that `pmo validate` warns about until they are replaced.",
    )
    prog.add_argument("id", help="the new id: lowercase words joined by hyphens")
    prog.add_argument("--name", help="its name (default: a TODO placeholder)")
    prog.add_argument("--kind", choices=("programme", "project"), default="programme")
    prog.add_argument("--parent", help="the programme a project belongs to")
    prog.add_argument("--edit", action="store_true", help="open it in $VISUAL or $EDITOR")
    prog.add_argument("--portfolio", default=None, help="portfolio directory")
    prog.set_defaults(func=cmd_new_programme)


def _problems(problems: list[Problem], stream: Any) -> None:
    from pmo.present.paths import shown_path

    for problem in problems:
        print(safe(problem.render(shown_path(problem.file)), newlines=False), file=stream)


def _edit(path: Path) -> None:
    from pmo.present.paths import shown_path

    editor = os.environ.get("VISUAL") or os.environ.get("EDITOR")
    if not editor:
        print("set $EDITOR (or $VISUAL) to open it with --edit", file=sys.stderr)
        return
    try:
        subprocess.run([*shlex.split(editor), str(path)], check=False)
    except OSError as exc:
        print(f"pmo new: cannot start {safe(editor)}: {exc.strerror}", file=sys.stderr)
        return
    print(safe(f"check it with: pmo validate {shown_path(path)}", newlines=False))


def _fail(message: str) -> int:
    print(f"pmo new: {safe(message, newlines=False)}", file=sys.stderr)
    return EXIT_CANNOT_RUN


def plain_date(day: date) -> date:
    """``day`` as a plain ``datetime.date``: the YAML writer represents no subclass of it
    (freezegun's frozen dates in tests are one)."""
    real = next(c for c in type(day).__mro__ if c.__module__ == "datetime" and c.__name__ == "date")
    result: date = real(day.year, day.month, day.day)
    return result


def next_period(period: str) -> str:
    """The month after a YYYY-MM period."""
    year, month = int(period[:4]), int(period[5:7])
    return f"{year + month // 12:04d}-{month % 12 + 1:02d}"


def choose_period(existing: list[str], asked: str | None, this_month: str) -> str:
    """The period to write: ``asked``, else the month after the latest update (at least
    this month). Raises ValueError beyond next month."""
    limit = next_period(this_month)
    if asked is None:
        after = next_period(max(existing)) if existing else this_month
        asked = max(after, this_month)
    if asked > limit:
        raise ValueError(
            f"{asked} is beyond next month ({limit}); an update is written for this month "
            "or the next" + (f" (the latest is {max(existing)})" if existing else "")
        )
    return asked


def cmd_new_update(args: argparse.Namespace) -> int:
    """Run `pmo new update`."""
    from pmo import clock
    from pmo.model.types import period_of
    from pmo.present.paths import shown_path
    from pmo.store import NotAPortfolio
    from pmo.store.edit import draft_update
    from pmo.store.paths import UPDATES_DIR, is_period, programme_dir
    from pmo.validate_cmd import CannotValidate, locate

    try:
        target = locate(args.portfolio, args.id)
    except (NotAPortfolio, CannotValidate) as exc:
        return _fail(str(exc))
    (programme_id,) = target.programmes
    folder = programme_dir(target.root, programme_id) / UPDATES_DIR
    try:
        existing = [p.stem for p in folder.iterdir() if p.suffix == ".yaml" and is_period(p.stem)]
    except OSError:
        existing = []
    today = plain_date(clock.today())
    try:
        period = choose_period(existing, args.period, period_of(today))
    except ValueError as exc:
        return _fail(f"refused: {exc}")
    result = draft_update(target.root, programme_id, period, today=today)
    if not result.written:
        _problems(result.problems, sys.stderr)
        return EXIT_PROBLEMS
    print(safe(shown_path(result.path), newlines=False))
    _problems([p for p in result.problems if p.severity == "warning"], sys.stdout)
    if args.edit:
        _edit(result.path)
    return EXIT_OK


def cmd_new_programme(args: argparse.Namespace) -> int:
    """Run `pmo new programme`."""
    from pmo import clock
    from pmo.model import Portfolio, Programme
    from pmo.present.paths import shown_path
    from pmo.store import NotAPortfolio, load_source
    from pmo.store.edit import check_text
    from pmo.store.paths import PORTFOLIO_FILE, PROGRAMME_FILE, is_slug, programme_dir
    from pmo.store.scaffold import create_new, programme_skeleton
    from pmo.validate_cmd import CannotValidate, locate

    try:
        target = locate(args.portfolio, None)
    except (NotAPortfolio, CannotValidate) as exc:
        return _fail(str(exc))
    if not (target.root / PORTFOLIO_FILE).is_file():
        return _fail(f"{target.root}: no {PORTFOLIO_FILE} here; is this a portfolio directory?")
    if not is_slug(args.id):
        return _fail(
            f"'{args.id}' is not an id: use lowercase words joined by hyphens, e.g. "
            "home-to-school-transport"
        )
    if programme_dir(target.root, args.id).exists():
        return _fail(f"programme '{args.id}' already exists; edit its programme.yaml instead")
    config = load_source(target.root / PORTFOLIO_FILE, Portfolio).model
    if args.parent is not None:
        parent_file = (
            programme_dir(target.root, args.parent) / PROGRAMME_FILE
            if is_slug(args.parent)
            else None
        )
        if parent_file is None or not parent_file.is_file():
            return _fail(f"no programme '{args.parent}' to be the parent")
        parent = load_source(parent_file, Programme).model
        if parent is not None and parent.kind != "programme":
            return _fail(f"'{args.parent}' is a project; a parent must be a programme")
    text = programme_skeleton(
        args.id,
        name=args.name,
        kind=args.kind,
        parent=args.parent,
        today=clock.today(),
        config=config,
    )
    path = programme_dir(target.root, args.id) / PROGRAMME_FILE
    found, problems = check_text(path, text, Programme)
    if found is None:
        _problems(problems, sys.stderr)
        return EXIT_PROBLEMS
    try:
        created = create_new(path, text)
    except OSError as exc:
        return _fail(f"cannot write {path}: {exc.strerror}")
    if not created:
        return _fail(f"{path} already exists; nothing written")
    print(safe(shown_path(path), newlines=False))
    if args.edit:
        _edit(path)
    return EXIT_OK
