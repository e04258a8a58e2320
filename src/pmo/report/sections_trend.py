"""Dashboard and "what changed": this month's ratings against the previous report's."""

from __future__ import annotations

from collections import Counter

from pmo.analysis.answers import Answers
from pmo.analysis.q2_status import STATUS_ORDER
from pmo.model.update import DIMENSIONS
from pmo.present.numbers import money, signed_money
from pmo.present.rag import RAG_LABELS, RAG_WORST_FIRST, STATUS_SORT
from pmo.report.figures import Previous, ProgrammeState, programme_states
from pmo.report.limits import cap, more_sentence
from pmo.report.types import (
    ARROWS,
    Changes,
    Dashboard,
    DashboardRow,
    Figure,
    FigureChange,
    RagCell,
    StatusChange,
    StatusCount,
    Trend,
    TrendBasis,
)

MOVING_WINDOW = frozenset({"over_allocated"})
"""Figures counted over a window that moves with the month: never compared (a change in
them is the window moving on, not the portfolio changing)."""


def trend(now: str | None, before: str | None, *, known: bool) -> Trend:
    """How a rating moved: ``known`` says whether the programme was in the previous report."""
    if not known:
        return "new"
    if now in RAG_WORST_FIRST and before in RAG_WORST_FIRST:
        a, b = RAG_WORST_FIRST[now], RAG_WORST_FIRST[before]
        return "better" if a > b else "worse" if a < b else "same"
    return "none"


def _cell(now: str | None, before: str | None, *, known: bool, overall: bool) -> RagCell:
    move = trend(now, before, known=known)
    if not overall and (now is None or move in ("none", "new")):
        return RagCell(now, move, "")
    return RagCell(now, move, ARROWS[move])


def _row(state: ProgrammeState, pid: str, previous: Previous) -> DashboardRow:
    before = previous.programmes.get(pid)
    known = before is not None
    dims = tuple(
        _cell(
            state.rag.get(dim),
            before.rag.get(dim) if before else None,
            known=known,
            overall=False,
        )
        for dim in DIMENSIONS
    )
    return DashboardRow(
        programme=pid,
        name=state.name,
        status=state.status,
        previous_status=before.status if before else None,
        overall=_cell(state.status, before.status if before else None, known=known, overall=True),
        dimensions=dims,
        flags=state.flags,
        watermelon=state.watermelon,
        latest=state.latest,
    )


def dashboard(answers: Answers, previous: Previous, basis: TrendBasis) -> Dashboard:
    """The RAG grid with trend arrows against ``previous``."""
    states = programme_states(answers)
    rows = [_row(state, pid, previous) for pid, state in states.items()]
    rows.sort(key=lambda r: (STATUS_SORT.get(r.status, len(STATUS_SORT)), r.name, r.programme))
    now = {s: answers.q2.counts.count(s) for s in STATUS_ORDER}
    counts = tuple(
        StatusCount(s, now[s], previous.counts.get(s, 0))
        for s in STATUS_ORDER
        if now[s] or previous.counts.get(s, 0)
    )
    grid, more = _grid(rows)
    return Dashboard(DIMENSIONS, counts, tuple(rows), basis, grid, more)


ATTENTION = ("red", "amber-red", "unreadable", "missing", "stale", "amber", "amber-green")
"""Which rows a long dashboard keeps: rated red first, then no current update, then amber."""


def _grid(rows: list[DashboardRow]) -> tuple[tuple[DashboardRow, ...], str]:
    """The rows the pack's grid shows: all of a short list; of a long one the worst (see
    report.limits), in the grid's own order, and a sentence counting the rest by status."""
    order = {s: i for i, s in enumerate(ATTENTION)}
    worst = sorted(rows, key=lambda r: (order.get(r.status, len(order)), r.name, r.programme))
    kept, cut = cap(worst)
    if not cut:
        return tuple(rows), ""
    keep = {r.programme for r in kept}
    left = Counter(r.status for r in rows if r.programme not in keep)
    by = ", ".join(f"{left[s]} {RAG_LABELS.get(s, s).lower()}" for s in STATUS_ORDER if left[s])
    why = (
        f"Shown: the {len(kept)} programmes most in need of attention (rated red, then without "
        "a current update, then amber). "
    )
    return tuple(r for r in rows if r.programme in keep), why + more_sentence(
        cut, f"programmes ({by})", "each is in the programme index and on its page"
    )


def _delta(figure: Figure, before: float) -> str:
    diff = figure.value - before
    if abs(diff) < 0.005:
        return "no change"
    if figure.kind == "money":
        return signed_money(diff)
    text = f"{diff:+.0f}" if float(diff).is_integer() else f"{diff:+.1f}"
    return text


def _before_text(figure: Figure, before: float) -> str:
    if figure.kind == "money":
        return money(before)
    return f"{before:.0f}" if float(before).is_integer() else f"{before:.1f}"


def changes(
    dash: Dashboard, figures: tuple[Figure, ...], previous: Previous, basis: TrendBasis
) -> Changes:
    """Programmes whose status moved and figures now against the previous report."""
    moved: list[StatusChange] = []
    current = {r.programme for r in dash.rows}
    for row in dash.rows:
        if row.previous_status != row.status:
            moved.append(
                StatusChange(
                    row.programme, row.name, row.previous_status, row.status, row.overall.trend
                )
            )
    for pid, state in previous.programmes.items():
        if pid not in current:
            moved.append(StatusChange(pid, state.name, state.status, None, "none"))
    moved.sort(key=lambda c: (c.name, c.programme))
    out: list[FigureChange] = []
    for f in figures:
        if f.key not in previous.figures or f.key in MOVING_WINDOW:
            continue
        before = previous.figures[f.key]
        delta = _delta(f, before)
        out.append(
            FigureChange(
                f.key, f.label, _before_text(f, before), f.text, delta, delta != "no change"
            )
        )
    return Changes(basis, tuple(moved), tuple(out), previous.headline)
