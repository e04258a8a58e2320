"""`pmo status`: the three answers on one terminal screen (rich), or as JSON for tools."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pmo.present.rag import MOVE, RAG_STYLE, STATUS_SORT, WORST_FIRST
from pmo.present.terminal import safe
from pmo.present.words import path_to_green

if TYPE_CHECKING:
    from rich.console import RenderableType

    from pmo.analysis.answers import Answers

MAX_ROWS = 10


def add_parser(sub: Any, period_type: Any) -> None:
    """Register `pmo status` on the CLI's subparsers."""
    parser = sub.add_parser(
        "status",
        help="answer the three portfolio questions for a period, on one screen",
        description="Q1 right portfolio, Q2 delivering well, Q3 benefits: key figures and the "
        "top exceptions. Exit 0, or 2 if the portfolio cannot be read.",
    )
    parser.add_argument(
        "portfolio",
        nargs="?",
        default="portfolio",
        help="portfolio directory (default: ./portfolio, else the portfolio above the current "
        "folder)",
    )
    parser.add_argument(
        "--period",
        type=period_type,
        help="month YYYY-MM (default: the reporting period, as `pmo validate` chooses it)",
    )
    parser.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help="text (default): sentences and a table; json: every figure, for tools",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Compute and print the answers."""
    from pmo.analysis.answers import answer
    from pmo.analysis.serialise import to_jsonable
    from pmo.cli_common import CannotRun, load_for_analysis

    try:
        data, period = load_for_analysis(Path(args.portfolio), args.period, "status")
    except CannotRun as exc:
        print(safe(f"pmo status: {exc}", newlines=False), file=sys.stderr)
        return 2
    result = answer(data, period)
    if args.format == "json":
        json.dump(to_jsonable(result), sys.stdout, indent=2)
        sys.stdout.write("\n")
        return 0
    from rich.console import Console

    # data never reaches Rich as markup (every piece of user text is a Text made safe), and
    # markup and emoji codes are off as a second guard
    Console(highlight=False, markup=False, emoji=False).print(*render(result))
    return 0


def _text(value: object, style: str = "") -> Any:
    """User text as a Rich Text: control and bidi characters shown, markup never read."""
    from rich.text import Text

    return Text(safe(str(value), newlines=False), style=style)


def _panel(title: str, sentences: tuple[str, ...], extra: RenderableType | None = None) -> Any:
    from rich.console import Group
    from rich.panel import Panel
    from rich.text import Text

    body: list[Any] = [_text(f"• {s}") for s in sentences] or [Text("Nothing to report.")]
    if extra is not None:
        body.append(extra)
    return Panel(Group(*body), title=title, title_align="left", border_style="cyan")


def _exceptions_table(result: Answers) -> Any:
    from rich.table import Table
    from rich.text import Text

    q2 = result.q2
    flags = {e.programme: e for e in q2.evidence}
    rows = [s for s in q2.statuses if s.status != "green" or s.programme in flags]
    rows.sort(  # watermelons, then worst first: no usable rating after red, before amber
        key=lambda s: (
            not flags.get(s.programme) or not flags[s.programme].watermelon,
            WORST_FIRST.get(s.status, len(WORST_FIRST)),
            s.name,
        )
    )
    table = Table(box=None, pad_edge=False, show_edge=False, expand=True)
    table.add_column("Programme", ratio=3, no_wrap=True, overflow="ellipsis")
    table.add_column("RAG", no_wrap=True)
    table.add_column("Δ", no_wrap=True)
    table.add_column("Why it needs attention", ratio=5, overflow="ellipsis", no_wrap=True)
    for status in rows[:MAX_ROWS]:
        ev = flags.get(status.programme)
        reasons = "; ".join(f.reason for f in ev.flags) if ev else ""
        if not reasons:
            reasons = _rating_reasons(result, status.programme)
        if status.fix:
            reasons = f"cannot be read: fix {status.fix}"
        if ev and ev.watermelon:
            reasons = "WATERMELON: " + reasons
        table.add_row(
            _text(status.name),
            _text(f" {status.status} ", RAG_STYLE.get(status.status, "")),
            Text(MOVE.get(status.movement, "")),
            _text(reasons),
        )
    if len(rows) > MAX_ROWS:
        table.caption = Text(
            f"and {len(rows) - MAX_ROWS} more: see the DMT report or `--format json`"
        )
    return table


def _rating_reasons(result: Answers, programme: str) -> str:
    """Why a programme with no evidence flag is listed: its amber run, the PMO's differing
    rating, its path to green (or that it gives none)."""
    exceptions = result.q2.exceptions
    out = [
        f"amber for {run.months} months since {run.since}"
        for run in exceptions.amber_runs
        if run.programme == programme
    ]
    out += [
        f"PMO rates it {a.assurance} (self-assessed {a.self_assessed})"
        for a in exceptions.assurance
        if a.programme == programme
    ]
    for rating in exceptions.ratings:
        if rating.programme == programme:
            out.append(path_to_green(rating.path_to_green))
    return "; ".join(out)


def render(result: Answers) -> list[Any]:
    """The screen: a header line and one panel per question."""
    from rich.text import Text

    from pmo.analysis.q2_status import STATUS_ORDER

    counts = result.q2.counts
    due = len(result.q2.statuses)
    header = Text.assemble(
        _text(result.portfolio, "bold"),
        _text(
            f" — period {result.period} — {result.programmes} programmes and projects, "
            f"{due} due to report:  "
        ),
        *[
            (f" {counts.count(name)} {name} ", RAG_STYLE[name])
            for name in sorted(STATUS_ORDER, key=STATUS_SORT.__getitem__)
            if counts.count(name)
        ],
    )
    return [
        header,
        _panel(
            "Q1 Are these the right programmes? (strategy, risk, capacity, money)",
            result.q1_sentences,
        ),
        _panel("Q2 Are we delivering them well?", result.q2_sentences, _exceptions_table(result)),
        _panel("Q3 Are the benefits being realised?", result.q3_sentences),
    ]
