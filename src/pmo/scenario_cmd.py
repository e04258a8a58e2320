"""`pmo scenario`: the best affordable set of programmes, why the others are out, the frontier."""

from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.console import Console

    from pmo.analysis.scenario import Candidate, FrontierPoint, ScenarioResult

EXIT_OK, EXIT_CANNOT_RUN = 0, 2
DEFAULT_PORTFOLIO = "portfolio"
MAX_SCALE = 100.0
"""The largest envelope multiplier: beyond it the money overflows what the solver can hold."""


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


def add_parser(subparsers: Any) -> argparse.ArgumentParser:
    """Register `pmo scenario` on the CLI's subparsers."""
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "scenario",
        help="choose the most valuable programmes the envelope and team can carry",
        description="Exact optimum (HiGHS integer program): maximise total priority score "
        "subject to the envelope by financial year and capacity by role and month; mandatory "
        "programmes are always in. Shows why each other programme is out, and the value at "
        "other envelope sizes. Exit 0 with an answer (optimal or infeasible), 2 bad input.",
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
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.set_defaults(func=run)
    return parser


def _ids(values: list[str]) -> list[str]:
    """Repeated flags and comma-separated lists alike."""
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


def run(args: argparse.Namespace) -> int:
    """Run `pmo scenario`; 0 with an answer, 2 when the input cannot be used."""
    from pmo.analysis.scenario import DEFAULT_SCALES, frontier, optimise
    from pmo.cli_common import CannotRun, load_for_analysis

    try:
        data, period = load_for_analysis(Path(args.portfolio), args.period, "scenario")
    except CannotRun as exc:
        return _fail(str(exc))
    include, exclude = _ids(args.include), _ids(args.exclude)
    try:
        result = optimise(
            data, period, envelope_scale=args.envelope_scale, include=include, exclude=exclude
        )
        scales = sorted({*DEFAULT_SCALES, args.envelope_scale})
        points = frontier(data, period, scales, include=include, exclude=exclude)
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
    import dataclasses

    doc = {
        **result.as_dict(),
        "frontier": [dataclasses.asdict(p) for p in points],
        "timing": {"solve_seconds": round(result.solve_seconds, 6)},
    }
    json.dump(doc, sys.stdout, indent=2, ensure_ascii=False)
    sys.stdout.write("\n")


def _console() -> Console:
    from rich.console import Console

    console = Console(highlight=False, emoji=False)
    if not console.is_terminal:
        console.width = max(console.width, 132)
    return console


def _table(*columns: str) -> Any:
    from rich import box
    from rich.table import Table

    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    for name in columns:
        left = name in ("Programme", "Type", "Role", "Status", "Why out") or name.startswith("Why")
        table.add_column(name, justify="left" if left else "right")
    return table


def _t(value: object, style: str = "") -> Any:
    """Text from the data as a Rich Text: made safe, never read as markup."""
    from rich.text import Text

    from pmo.present.terminal import safe

    return Text(safe(str(value), newlines=False), style=style)


def _kind(cand: Candidate) -> str:
    return "mandatory" if cand.mandatory else "pipeline" if cand.pipeline else "committed"


def _text(result: ScenarioResult, points: list[FrontierPoint]) -> None:
    from pmo.analysis.scenario_explain import fmt_fte, fmt_money

    out = _console()
    years = f"{result.years[0]} to {result.years[-1]}" if result.years else "no envelope years"
    span = f"{result.horizon[0]} to {result.horizon[-1]}" if result.horizon else "no months"
    out.print(
        f"[bold]pmo scenario[/bold] period {result.period}: envelope x{result.envelope_scale:g} "
        f"for {years}, capacity {span}"
    )
    if result.status == "infeasible":
        out.print("[bold red]INFEASIBLE[/bold red]: the programmes that must be in do not fit:")
        for violation in result.violations:
            out.print(_t(f"  - {violation.text}"))
        out.print(_t(f"Forced in: {', '.join(result.forced_in)}"))
    else:
        chosen, total = len(result.chosen), len(result.candidates)
        out.print(
            f"[bold green]OPTIMAL[/bold green] (proven, MIP gap {result.mip_gap:g}): "
            f"total priority value {result.objective:.2f} from {chosen} of {total} candidates"
        )
        table = _table("Programme", "Type", "Value", "In", "Why out (tightest constraint)")
        why = {e.id: e.reason for e in result.excluded}
        for cand in sorted(result.candidates, key=lambda c: (c.id not in why, -c.value, c.id)):
            reason = why.get(cand.id)
            mark, text = _t("in", "green"), ""
            if reason is not None:
                mark = _t("out", "red")
                text = reason.text + (f" (+{reason.others} more)" if reason.others else "")
            table.add_row(_t(cand.id), _kind(cand), f"{cand.value:.2f}", mark, _t(text))
        out.print(table)
        out.print(_t(f"Pipeline programmes chosen: {', '.join(result.pipeline_chosen) or 'none'}"))
    label = "chosen" if result.status == "optimal" else "must-fund"
    out.print(f"\n[bold]Envelope by financial year[/bold] ({label} set)")
    fys = _table("FY", "Envelope", "Cost", "Left")
    for t in result.totals:
        left = fmt_money(t.left) if t.left >= 0 else f"[red]{fmt_money(t.left)}[/red]"
        fys.add_row(t.fy, fmt_money(t.envelope), fmt_money(t.cost), left)
    out.print(fys)
    out.print(f"\n[bold]Peak capacity use by role[/bold] ({label} set)")
    peaks = _table("Role", "Month", "Demand FTE", "Capacity FTE", "Use")
    for role in sorted({u.role for u in result.utilisation}):
        rows = [u for u in result.utilisation if u.role == role]
        top = max(rows, key=lambda u: (u.utilisation or 0.0, -rows.index(u)))
        use = f"{top.utilisation:.0%}" if top.utilisation is not None else "-"
        peaks.add_row(_t(role), top.month, fmt_fte(top.demand), fmt_fte(top.capacity), use)
    out.print(peaks)
    out.print("\n[bold]Efficient frontier[/bold] (optimum value by envelope size)")
    front = _table("Scale", "Envelope", "Value", "Programmes", "Status")
    for p in points:
        value = f"{p.value:.2f}" if p.value is not None else "-"
        count = str(p.chosen_count) if p.status == "optimal" else "-"
        front.add_row(f"x{p.scale:g}", fmt_money(p.envelope_total), value, count, p.status)
    out.print(front)
    if result.status == "optimal":
        out.print(f"Solved in {result.solve_seconds:.3f}s (HiGHS, proven optimal)")
    else:
        out.print("Infeasible by the must-fund programmes' own totals (no search needed)")
