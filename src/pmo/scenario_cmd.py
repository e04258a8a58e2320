"""`pmo scenario`: the best affordable set of programmes, why the others are out, the frontier."""

from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pmo.present.numbers import DASH, fte, money, pct
from pmo.present.words import role_title

if TYPE_CHECKING:
    from rich.console import Console
    from rich.text import Text

    from pmo.analysis.scenario import FrontierPoint, ScenarioResult

EXIT_OK, EXIT_CANNOT_RUN = 0, 2
DEFAULT_PORTFOLIO = "portfolio"
MAX_SCALE = 100.0
"""The largest envelope multiplier: beyond it the money overflows what the solver can hold."""
DEFAULT_TIME_LIMIT = 2.0
MAX_NAME = 60
"""A programme's name is cut to this many characters in the table and the lines (the JSON
carries it whole), so a row stays on one line when piped."""


def _period_arg(text: str) -> str:
    from pmo.model.types import YEAR_MAX, YEAR_MIN, period_in_range

    if not period_in_range(text):
        raise argparse.ArgumentTypeError(
            f"expected a month YYYY-MM from {YEAR_MIN}-01 to {YEAR_MAX}-12 like 2026-11, "
            f"got '{text[:40]}'"
        )
    return text


def _scale_arg(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not (math.isfinite(value) and 0 <= value <= MAX_SCALE):
        shown = text if len(text) <= 40 else text[:39] + "…"
        raise argparse.ArgumentTypeError(
            f"expected a number from 0 to {MAX_SCALE:g} like 0.9, got '{shown}'"
        )
    return value


def _seconds_arg(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not (math.isfinite(value) and value >= 0):
        raise argparse.ArgumentTypeError(f"expected a number of seconds >= 0 like 2, got '{text}'")
    return value


def add_parser(subparsers: Any) -> argparse.ArgumentParser:
    """Register `pmo scenario` on the CLI's subparsers."""
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "scenario",
        help="choose the most valuable programmes the envelope and team can carry",
        description="Choose which proposals to fund (HiGHS integer program): maximise total "
        "priority score subject to the envelope by financial year and capacity by role and "
        "month from the period on (a year with no envelope is not limited, and said); "
        "committed work (mandatory, approved, in delivery or closing) is fixed unless "
        "--reconsider-committed. Shows why each other "
        "programme is out, and the value at other envelope sizes. Exit 0 with an answer "
        "(optimal, best found with its gap, or infeasible), 2 bad input.",
    )
    parser.add_argument(
        "portfolio",
        nargs="?",
        default=DEFAULT_PORTFOLIO,
        help="portfolio directory (default: ./portfolio)",
    )
    parser.add_argument(
        "--period", type=_period_arg, help="month YYYY-MM (default: latest with updates)"
    )
    parser.add_argument(
        "--envelope-scale",
        type=_scale_arg,
        default=1.0,
        metavar="X",
        help="multiply the envelope by X, e.g. 0.9 for a 10%% cut (default: 1)",
    )
    parser.add_argument(
        "--include", action="append", default=[], metavar="ID", help="force a programme in"
    )
    parser.add_argument(
        "--exclude", action="append", default=[], metavar="ID", help="force a programme out"
    )
    parser.add_argument(
        "--reconsider-committed",
        action="store_true",
        help="open committed (live) programmes to the choice too, e.g. for a savings exercise; "
        "the output names the live programmes it would stop and what that frees",
    )
    parser.add_argument(
        "--time-limit",
        type=_seconds_arg,
        default=DEFAULT_TIME_LIMIT,
        metavar="SECONDS",
        help="stop searching after SECONDS with the best plan found and its proven gap; "
        f"0 searches until optimality is proven (default: {DEFAULT_TIME_LIMIT:g})",
    )
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.set_defaults(func=run)
    return parser


def _ids(values: list[str]) -> list[str]:
    """Repeated flags and comma-separated lists alike."""
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


def run(args: argparse.Namespace) -> int:
    """Run `pmo scenario`; 0 with an answer, 2 when the input cannot be used."""
    from pmo.analysis.scenario_frontier import answer_with_frontier
    from pmo.cli_common import CannotRun, load_for_analysis

    try:
        data, period = load_for_analysis(Path(args.portfolio), args.period, "scenario")
    except CannotRun as exc:
        return _fail(str(exc))
    include, exclude = _ids(args.include), _ids(args.exclude)
    limit = args.time_limit or None
    options: dict[str, Any] = {
        "include": include,
        "exclude": exclude,
        "reconsider_committed": args.reconsider_committed,
        "time_limit": limit,
    }
    try:
        result, points = answer_with_frontier(
            data, period, envelope_scale=args.envelope_scale, **options
        )
    except ValueError as exc:
        return _fail(str(exc))
    except RuntimeError as exc:  # the solver gave up (numbers out of its range): say so
        return _fail(f"the optimiser could not solve this portfolio: {exc}")
    if args.format == "json":
        _json(result, points)
    else:
        _text(result, points)
    return EXIT_OK


def _fail(message: str) -> int:
    from pmo.present.terminal import safe

    for line in message.splitlines():
        print(safe(f"pmo scenario: {line}", newlines=False), file=sys.stderr)
    return EXIT_CANNOT_RUN


def _json(result: ScenarioResult, points: list[FrontierPoint]) -> None:
    doc = {
        **result.as_dict(),
        "frontier": [p.as_dict() for p in points],
        "timing": {
            "solve_seconds": round(result.solve_seconds, 6),
            "time_limit": result.time_limit,
        },
    }
    json.dump(doc, sys.stdout, indent=2)  # \u escapes: never a raw control or bidi character
    sys.stdout.write("\n")


def _console() -> Console:
    from rich.console import Console

    console = Console(highlight=False, emoji=False)
    if not console.is_terminal:  # a file or pipe: tables whole, sentences never broken mid-line
        console.width = max(console.width, 132)
        console.soft_wrap = True
    return console


def _table(*columns: str) -> Any:
    from rich import box
    from rich.table import Table

    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    for name in columns:
        left = name in ("Programme", "Programme / ID", "ID", "Role", "Status")
        table.add_column(name, justify="left" if left else "right")
    return table


def _candidates_table(result: ScenarioResult, *, stacked: bool = False) -> Any:
    """A row per programme, those left out first: its name, its id (the handle for --include
    and --exclude, never cut), type, value, in or out. A row is one line; ``stacked`` (for a
    terminal too narrow for that) puts the id under the name, which wraps at words."""
    from rich.text import Text

    from pmo.analysis.scenario_explain import candidate_kind
    from pmo.present.terminal import shorten

    table = _table("Programme / ID" if stacked else "Programme", *(() if stacked else ("ID",)))
    for name in ("Type", "Value", "In"):
        table.add_column(name, justify="left" if name == "Type" else "right", no_wrap=True)
    if stacked:
        table.columns[0].overflow = "fold"  # an id wider than the column folds, never cut
    else:
        table.columns[0].no_wrap = table.columns[1].no_wrap = True
    out = {e.id for e in result.excluded}
    for cand in sorted(result.candidates, key=lambda c: (c.id not in out, -c.value, c.id)):
        mark = _t("out", "red") if cand.id in out else _t("in", "green")
        value = f"{cand.value:.2f}" if not cand.unscored else "unscored"
        name, pid = _t(shorten(cand.name, MAX_NAME)), _t(cand.id, "dim" if stacked else "")
        who = [Text.assemble(name, "\n  ", pid)] if stacked else [name, pid]
        table.add_row(*who, candidate_kind(cand), value, mark)
    return table


def _print_candidates(out: Console, result: ScenarioResult) -> None:
    """The candidates table: one line a row when it fits or is piped (the width grows to
    hold it), else stacked to the terminal's width."""
    from rich.measure import Measurement

    table = _candidates_table(result)
    need = Measurement.get(out, out.options.update_width(10_000), table).maximum
    if not out.is_terminal:
        out.width = max(out.width, need)
    elif need > out.width:
        table = _candidates_table(result, stacked=True)
    out.print(table)


def _why_out(out: Console, result: ScenarioResult) -> None:
    """Each programme left out and the tightest constraint that keeps it out, a line each."""
    from rich.text import Text

    if not result.excluded:
        return
    names = {c.id: c.name for c in result.candidates}
    out.print(Text("Why each is out (the tightest constraint it would break):", style="bold"))
    for e in result.excluded:
        more = f" (+{e.reason.others} more)" if e.reason.others else ""
        out.print(_t(f"  - {_named(e.id, names)}: {e.reason.text}{more}"))


def _t(value: object, style: str = "") -> Any:
    """Text from the data as a Rich Text: made safe, never read as markup."""
    from rich.text import Text

    from pmo.present.terminal import safe

    return Text(safe(str(value), newlines=False), style=style)


def _named(pid: str, names: dict[str, str]) -> str:
    """A programme in a sentence: its id (the handle for --include/--exclude) and its name,
    made safe and cut to MAX_NAME characters: "edge-of-care-service (Edge of Care ...)"."""
    from pmo.present.terminal import safe, shorten

    name = names.get(pid)
    shown = safe(pid, newlines=False)
    return f"{shown} ({shorten(name, MAX_NAME)})" if name else shown


def _proof(result: ScenarioResult) -> Text:
    """OPTIMAL only with a proof; otherwise the best found and how far from the best possible."""
    from rich.text import Text

    from pmo.present.numbers import number, pct

    value = number(result.objective, 2)
    if result.status == "optimal":
        return Text.assemble(("OPTIMAL", "bold green"), f" (proven): total priority value {value}")
    gap = pct(result.mip_gap * 100, 1) if math.isfinite(result.mip_gap) else "an unknown share"
    bound = number(result.bound, 2) if result.bound is not None else "unknown"
    return Text.assemble(
        ("BEST FOUND", "bold yellow"),
        f" in {number(result.solve_seconds, 1)} s, not proven optimal: total priority value "
        f"{value}, within {gap} of the best possible (bound {bound})",
    )


def _choice(result: ScenarioResult) -> str:
    """What was chosen among what: proposals by default, everything when reconsidering."""
    from pmo.present.words import plural

    cands = result.candidates
    chosen = set(result.chosen)
    if result.reconsider_committed:
        free = [c for c in cands if not c.mandatory]
        return (
            f"keeps {len([c for c in free if c.id in chosen])} of {len(free)} programmes open "
            f"to the choice ({plural(len(result.stopped), 'live programme')} stopped)"
        )
    props = [c for c in cands if not c.committed]
    valued = [c for c in props if c.id not in result.unvalued]
    funded = len([c for c in valued if c.id in chosen])
    fixed = f"committed work fixed ({plural(len(result.fixed), 'programme')})"
    if not props:
        return f"no proposals to choose among; {fixed}"
    apart = (
        f" ({len(props) - len(valued)} more cannot be valued)" if len(valued) < len(props) else ""
    )
    if not valued:
        return f"none of the {plural(len(props), 'proposal')} can be valued; {fixed}"
    if funded == 0:
        over = len(result.over_committed)
        why = (
            f"; committed work alone already exceeds {plural(over, 'limit')} (below)"
            if over
            else ": none fits in what committed work leaves"
        )
        return f"funds none of the {plural(len(valued), 'valued proposal')}{apart}{why}; {fixed}"
    return f"funds {funded} of {plural(len(valued), 'valued proposal')}{apart}; {fixed}"


def _stopped_lines(out: Console, result: ScenarioResult) -> None:
    from rich.text import Text

    from pmo.present.numbers import fte, money
    from pmo.present.terminal import safe, shorten
    from pmo.present.words import join_words, role_name

    if not result.reconsider_committed:
        return
    if not result.stopped:
        out.print("It would stop no live programme.")
        return
    out.print(Text("It would stop these live programmes:", style="bold red"))
    for s in result.stopped:
        costs = join_words([f"{money(v)} in {fy}" for fy, v in s.costs.items()]) or "no money"
        roles = join_words([f"{fte(v)} FTE of {role_name(r)}" for r, v in sorted(s.fte.items())])
        who = f"{safe(s.id, newlines=False)} ({shorten(s.name, MAX_NAME)}, {s.stage})"
        line = f"  - {who}: frees {costs}"
        out.print(Text(line + (f" and up to {roles}" if roles else "")))
    freed = join_words([f"{money(t.cost)} in {t.fy}" for t in result.freed if t.cost])
    out.print(Text(f"Together they free {freed or 'no money in the years shown'}."))


def _notes(out: Console, result: ScenarioResult) -> None:
    from rich.text import Text

    from pmo.present.words import MAX_LISTED, plural

    if result.over_committed:
        out.print(
            Text("Committed work alone already exceeds (nothing chosen may add to it):", "bold red")
        )
        for v in result.over_committed[:MAX_LISTED]:
            out.print(Text(f"  - {v.text}"))
        if len(result.over_committed) > MAX_LISTED:
            rest = len(result.over_committed) - MAX_LISTED
            out.print(Text(f"  - and {plural(rest, 'more limit')} (--format json lists all)"))
    unvalued = {c.id: c for c in result.candidates}
    names = {c.id: c.name for c in result.candidates}
    if result.unvalued:
        out.print(Text("Proposals that cannot be valued (left out, not ranked):", style="bold"))
        for pid in result.unvalued:
            missing = ", ".join(unvalued[pid].unscored)
            out.print(_t(f"  - {_named(pid, names)}: no score for {missing}"))


def _envelope_years(result: ScenarioResult) -> str:
    """The header's money span: the years with an envelope (as runs), and those without."""
    from pmo.present.dates import fy_runs
    from pmo.present.words import join_words

    if not result.years:
        return "no envelope set for any year ahead"
    unset = join_words(fy_runs(result.unset_years))
    return f"envelope x{result.envelope_scale:g} for {join_words(fy_runs(result.years))}" + (
        f" (none set for {unset})" if unset else ""
    )


def _envelope_note(result: ScenarioResult) -> str | None:
    from pmo.analysis.scenario_explain import envelope_note

    return envelope_note(result.period, result.years, result.unset_years)


def _envelope_table(out: Console, result: ScenarioResult, label: str) -> None:
    """Cost by FY against the envelope; a year with no envelope says so (never £0)."""
    from pmo.present.words import NO_ENVELOPE

    out.print(f"\n[bold]Envelope by financial year[/bold] ({label} set)")
    if not result.totals:
        out.print(_t(_envelope_note(result) or "No financial year to show."))
        return
    fys = _table("FY", "Envelope", "Cost", "Left")
    for t in result.totals:
        if t.envelope is None or t.left is None:
            fys.add_row(t.fy, NO_ENVELOPE, money(t.cost), "not limited")
            continue
        left = money(t.left) if t.left >= 0 else f"[red]{money(t.left)}[/red]"
        fys.add_row(t.fy, money(t.envelope), money(t.cost), left)
    out.print(fys)


def _frontier(out: Console, result: ScenarioResult, points: list[FrontierPoint]) -> None:
    """The best value by envelope size; left out, with why, when no year has an envelope."""
    from pmo.analysis.scenario_explain import frontier_note

    out.print("\n[bold]Efficient frontier[/bold] (best value by envelope size)")
    note = frontier_note(result)
    if not points:
        out.print(_t(note or "No efficient frontier."))
        return
    front = _table("Scale", "Envelope", "Value", "Programmes", "Status")
    for p in points:
        value = f"{p.value:.2f}" if p.value is not None else DASH
        count = str(p.chosen_count) if p.status != "infeasible" else DASH
        status: str = p.status
        if p.status == "best-found" and p.bound is not None:
            status = f"best found, bound {p.bound:.2f}"
        front.add_row(f"x{p.scale:g}", money(p.envelope_total), value, count, status)
    out.print(front)
    if note is not None:
        out.print(_t(note))


def _text(result: ScenarioResult, points: list[FrontierPoint]) -> None:
    from rich.text import Text

    from pmo.analysis.scenario_explain import uncapacitated_note

    out = _console()
    names = {c.id: c.name for c in result.candidates}
    span = f"{result.horizon[0]} to {result.horizon[-1]}" if result.horizon else "no months"
    mode = "committed work reconsidered" if result.reconsider_committed else "committed fixed"
    out.print(
        f"[bold]pmo scenario[/bold] period {result.period} ({mode}): {_envelope_years(result)}, "
        f"capacity {span}"
    )
    if result.totals and (note := _envelope_note(result)) is not None:
        out.print(_t(note))  # (with nothing to show, the envelope table says it instead)
    if result.status == "infeasible":
        out.print("[bold red]INFEASIBLE[/bold red]: the programmes that must be in do not fit:")
        for violation in result.violations:
            out.print(_t(f"  - {violation.text}"))
        out.print(_t(f"Forced in: {', '.join(_named(pid, names) for pid in result.forced_in)}"))
    else:
        out.print(Text.assemble(_proof(result), f"; {_choice(result)}"))
        _notes(out, result)
        _stopped_lines(out, result)
        _print_candidates(out, result)
        _why_out(out, result)
        chosen = [_named(pid, names) for pid in result.pipeline_chosen]
        out.print(_t(f"Proposals chosen: {', '.join(chosen) or 'none'}"))
    label = "must-fund" if result.status == "infeasible" else "chosen"
    _envelope_table(out, result, label)
    out.print(f"\n[bold]Highest capacity use by role[/bold] ({label} set)")
    peaks = _table("Role", "Month", "Demand FTE", "Capacity FTE", "Use")
    for role in sorted({u.role for u in result.utilisation}):
        rows = [u for u in result.utilisation if u.role == role]
        top = max(rows, key=lambda u: (u.utilisation or 0.0, -rows.index(u)))
        use = pct(None if top.utilisation is None else 100 * top.utilisation)
        peaks.add_row(_t(role_title(role)), top.month, fte(top.demand), fte(top.capacity), use)
    out.print(peaks)
    if (note := uncapacitated_note(result)) is not None:
        out.print(_t(note))
    _frontier(out, result, points)
    if result.status == "optimal":
        out.print(f"Solved in {result.solve_seconds:.3f}s (HiGHS, proven optimal)")
    elif result.status == "best-found":
        out.print(
            f"Stopped at the {result.time_limit:g} s time limit after {result.solve_seconds:.3f}s "
            "(HiGHS); --time-limit 0 searches until proven"
        )
    else:
        out.print("Infeasible by the must-fund programmes' own totals (no search needed)")
