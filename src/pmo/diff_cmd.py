"""`pmo diff [REV1 [REV2]]`: what changed in the portfolio between two commits, per programme."""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path
from typing import Any

from pmo.present.terminal import safe

EXIT_OK, EXIT_CANNOT_RUN = 0, 2
WORKING_TREE = "working tree"


def add_parser(sub: Any) -> None:
    """The `diff` subcommand."""
    diff = sub.add_parser(
        "diff",
        help="what changed between two commits, per programme (RAG, milestones, risks...)",
        description="A summary of what changed in the portfolio between two git revisions "
        "(default: HEAD against the working tree; one revision: it against the working "
        "tree): RAG moves, milestones moved or re-baselined, risks added, closed or "
        "re-scored, decisions asked, budget and forecast changes, benefits measured.",
    )
    diff.add_argument("rev1", nargs="?", default="HEAD", help="older revision (default HEAD)")
    diff.add_argument("rev2", nargs="?", help="newer revision (default: the working tree)")
    diff.add_argument(
        "--portfolio",
        default=None,
        help="portfolio directory (default: ./portfolio, else the one above the current folder)",
    )
    diff.add_argument("--format", choices=("text", "json", "markdown"), default="text")
    diff.set_defaults(func=cmd_diff)


def cmd_diff(args: argparse.Namespace) -> int:
    """Run `pmo diff`."""
    from pmo.analysis.changes import ProgrammeChanges, compare, portfolio_changes
    from pmo.opening import open_portfolio
    from pmo.store import NotAPortfolio, git
    from pmo.validate_cmd import CannotValidate, locate

    try:
        target = locate(args.portfolio, None)
        if not target.root.is_dir():
            raise NotAPortfolio(f"{target.root}: no such directory")
        with tempfile.TemporaryDirectory(prefix="pmo-diff-") as work:
            repo = git.find_repo(target.root)
            old_root = git.copy_out(repo, git.tree_entries(repo, args.rev1), Path(work) / "old")
            if args.rev2 is None:
                new_root = target.root
            else:
                entries = git.tree_entries(repo, args.rev2)
                new_root = git.copy_out(repo, entries, Path(work) / "new")
            # every check, as pmo validate runs it: a file with an error is unreadable
            old, new = open_portfolio(old_root), open_portfolio(new_root)
            changes = compare(old.loaded, new.loaded, old.problems, new.problems)
            overall = portfolio_changes(old.loaded, new.loaded)
            if overall:
                changes.insert(
                    0, ProgrammeChanges("portfolio.yaml", "Portfolio", "portfolio", overall)
                )
    except (NotAPortfolio, CannotValidate, git.GitError) as exc:
        print(f"pmo diff: {safe(str(exc), newlines=False)}", file=sys.stderr)
        return EXIT_CANNOT_RUN
    span = f"{args.rev1} → {args.rev2 or WORKING_TREE}"
    if args.format == "json":
        data = {
            "from": args.rev1,
            "to": args.rev2 or WORKING_TREE,
            "programmes": [
                {
                    "id": p.id,
                    "name": p.name,
                    "status": p.status,
                    "changes": [{"kind": c.kind, "text": c.text, **c.data} for c in p.changes],
                }
                for p in changes
            ],
        }
        sys.stdout.write(json.dumps(data, indent=2, default=str) + "\n")
        return EXIT_OK
    render = render_markdown if args.format == "markdown" else render_text
    print(render(span, changes))
    return EXIT_OK


def render_text(span: str, changes: list[Any]) -> str:
    """The summary for a terminal: a heading line per programme, an indented line per change."""
    from pmo.present.words import plural

    count = plural(sum(p.status != "portfolio" for p in changes), "programme")
    lines = [safe(f"pmo diff {span}: {count} changed", newlines=False)]
    for prog in changes:
        lines.append(safe(f"{prog.id} — {prog.name} ({prog.status})", newlines=False))
        lines.extend("  " + safe(c.text, newlines=False) for c in prog.changes)
    return "\n".join(lines)


def render_markdown(span: str, changes: list[Any]) -> str:
    """The summary as Markdown for a pull-request comment (user text escaped)."""
    from pmo.present.words import plural
    from pmo.report.markdown_text import md_escape

    lines = [
        f"## Portfolio changes: {md_escape(span)}",
        "",
        f"{plural(sum(p.status != 'portfolio' for p in changes), 'programme')} changed.",
    ]
    for prog in changes:
        lines += ["", f"### {md_escape(prog.name)} ({md_escape(prog.id)}, {prog.status})", ""]
        lines.extend(f"- {md_escape(c.text)}" for c in prog.changes)
    return safe("\n".join(lines))
