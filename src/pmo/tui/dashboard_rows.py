"""The dashboard's rows: what each programme shows, sorts and filters by, and attention order."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Literal

from rich.text import Text

from pmo.analysis.q2_status import ProgrammeStatus
from pmo.model import Programme
from pmo.present.numbers import DASH
from pmo.present.rag import MOVE, RAG_STYLE, WORST_FIRST
from pmo.present.terminal import safe
from pmo.tui.cells import TEXT_STYLE
from pmo.tui.loading import Loaded
from pmo.tui.spots import Spot

COLUMNS: tuple[str, ...] = (
    "Programme",
    "Service",
    "Stage",
    "RAG",
    "Δ",
    "Flags",
    "PMO",
    "Priority",
    "Next milestone",
    "Updated",
)
NAME, RAG_COLUMN = 0, 3
DROP_ORDER: tuple[int, ...] = (2, 1, 7, 8, 4, 9)
"""Columns a narrow terminal drops first: stage, service, priority, next milestone, Δ,
updated. The name (pinned), RAG, flags and the PMO's rating always stay."""
NAME_MINIMUM = 24
ATTENTION: None = None
"""``DashboardState.sort_column`` for the attention order (the default)."""
RAG_ORDER: dict[str, int] = WORST_FIRST
"""The RAG column's order, worst first (see ``pmo.present.rag.WORST_FIRST``)."""
MOVE_ORDER = {"worse": 0, "same": 1, "better": 2, "new": 3, "unknown": 4}
STAGES = ("pipeline", "feasibility", "business-case", "delivery", "closing", "closed")
NO_REPORT = ("stale", "missing", "unreadable")
UNREADABLE_FLAGS = "see v"
"""An unreadable programme's flags cell: unknown, and where its problems are listed (Enter
on its row opens them too)."""

SortValue = tuple[bool, str | float]
Dimension = Literal["service", "stage", "rag"]
DIMENSIONS: tuple[tuple[Dimension, str], ...] = (
    ("service", "Service"),
    ("stage", "Stage"),
    ("rag", "RAG"),
)

ATTENTION_TIERS: tuple[str, ...] = (
    "evidence flags (⚠ watermelon first)",
    "red (and amber-red)",
    "rated red by the PMO",
    "stale, missing or unreadable",
    "amber for three months or more",
    "everything else, worst RAG first",
)
"""The attention order's tiers, first to last (for the help screen and README)."""


@dataclass(frozen=True, slots=True)
class Row:
    """One programme's row: cells to show, values to sort by, text and chips to filter on."""

    programme: str
    cells: tuple[str | Text, ...]
    keys: tuple[SortValue, ...]
    search: str
    service: str = ""
    stage: str = ""
    rag: str = ""
    """The dashboard status: a RAG, or stale, missing or not due."""
    attention: tuple[int | float | str, ...] = ()
    """Sort key of the attention order (see ``attention_key``)."""


@dataclass(frozen=True, slots=True)
class Filters:
    """What the dashboard shows: typed words (all must match) and chips (any value of each).

    An empty chip set means "all"; the chips and the words combine with AND.
    """

    text: str = ""
    service: frozenset[str] = frozenset()
    stage: frozenset[str] = frozenset()
    rag: frozenset[str] = frozenset()

    def chip(self, dimension: Dimension) -> frozenset[str]:
        """The values chosen for one dimension (empty: all)."""
        chosen: frozenset[str] = getattr(self, dimension)
        return chosen

    def with_chip(self, dimension: Dimension, values: Iterable[str]) -> Filters:
        """These filters with one dimension's chip set to ``values``."""
        chosen = frozenset(values)
        if dimension == "service":
            return replace(self, service=chosen)
        if dimension == "stage":
            return replace(self, stage=chosen)
        return replace(self, rag=chosen)

    def without_chips(self) -> Filters:
        """The typed words only."""
        return Filters(text=self.text)

    @property
    def has_chips(self) -> bool:
        return bool(self.service or self.stage or self.rag)


@dataclass(frozen=True, slots=True)
class DashboardState:
    """The user's view of the table, carried across a reload."""

    sort_column: int | None = ATTENTION
    """The column sorted by; None: the attention order."""
    sort_reverse: bool = False
    filters: Filters = field(default_factory=Filters)
    cursor: str | None = None
    """The programme the cursor is on (kept by id: rows may move or vanish in a reload)."""
    spot: Spot | None = None
    """Where that row was on screen (and the sideways scroll)."""


def row_value(row: Row, dimension: Dimension) -> str:
    """The row's value for a chip dimension."""
    value: str = getattr(row, dimension)
    return value


def matches(row: Row, filters: Filters) -> bool:
    """Whether the row passes every chip and contains every typed word."""
    for dimension, _ in DIMENSIONS:
        chosen = filters.chip(dimension)
        if chosen and row_value(row, dimension) not in chosen:
            return False
    return all(word in row.search for word in filters.text.lower().split())


def visible(rows: Iterable[Row], state: DashboardState) -> list[Row]:
    """The rows that pass the filters, in attention order or by the chosen column (ties by
    name)."""
    col = state.sort_column
    shown = [r for r in rows if matches(r, state.filters)]
    if col is None:
        return sorted(shown, key=lambda r: (r.attention, r.keys[0]), reverse=state.sort_reverse)
    return sorted(shown, key=lambda r: (r.keys[col], r.keys[0]), reverse=state.sort_reverse)


def attention_key(
    status: str, flags: int, watermelon: bool, pmo: str | None, amber_run: bool
) -> tuple[int, int, int]:
    """Where a programme comes in the attention order: tier (see ``ATTENTION_TIERS``), then
    more flags first, then worse status first."""
    if flags:
        tier = 0
    elif status in ("red", "amber-red"):
        tier = 1
    elif pmo == "red":
        tier = 2
    elif status in NO_REPORT:
        tier = 3
    elif amber_run:
        tier = 4
    else:
        tier = 5
    return tier, -(flags + (100 if watermelon else 0)), RAG_ORDER.get(status, len(RAG_ORDER))


def _choice_order(dimension: Dimension, value: str) -> tuple[int, str]:
    if dimension == "stage":
        return (STAGES.index(value) if value in STAGES else len(STAGES), value)
    if dimension == "rag":
        return (RAG_ORDER.get(value, len(RAG_ORDER)), value)
    return (0, value)


def choices(rows: Iterable[Row], dimension: Dimension, chosen: Iterable[str] = ()) -> list[str]:
    """The values a chip can take: those in the rows, plus any already chosen, in a set order.

    Stages run in lifecycle order, RAG from worst to "not due", services alphabetically.
    """
    values = {row_value(r, dimension) for r in rows} | set(chosen)
    values.discard("")
    return sorted(values, key=lambda v: _choice_order(dimension, v))


def first_sentence(sentences: tuple[str, ...]) -> str:
    """The first sentence of an answer (or a dash)."""
    return sentences[0] if sentences else DASH


def next_key_milestone(prog: Programme) -> date | None:
    """The earliest key milestone not yet achieved (forecast, else current, else baseline)."""
    dates = [
        m.forecast or m.current or m.baseline for m in prog.milestones if m.key and m.actual is None
    ]
    return min(dates) if dates else None


def _key(value: str | float | None) -> SortValue:
    return (value is None, value if value is not None else "")


def rag_cell(status: str | None) -> Text:
    """A status as a coloured word (never cut: the column is as wide as its longest word)."""
    if status is None:
        return Text("")
    return Text(f" {safe(status, newlines=False)} ", style=RAG_STYLE.get(status, ""))


def _unreadable_row(pid: str, status: ProgrammeStatus | None) -> Row:
    """A programme whose programme.yaml cannot be read: named, marked unreadable, never hidden."""
    name = safe(status.name if status else pid, newlines=False)
    cells: tuple[str | Text, ...] = (
        Text(name, overflow="ellipsis", no_wrap=True),
        Text(DASH),
        Text(DASH),
        rag_cell("unreadable"),
        Text(""),
        Text(UNREADABLE_FLAGS, style="dim"),  # short: a path here would widen the column
        Text(""),
        Text(DASH),
        Text(DASH),
        Text(DASH),
    )
    keys: tuple[SortValue, ...] = (
        _key(name.lower()),
        _key(None),
        _key(None),
        _key(RAG_ORDER["unreadable"]),
        _key(None),
        _key(None),
        _key(None),
        _key(None),
        _key(None),
        _key(None),
    )
    search = " ".join([pid, name, "unreadable"]).lower()
    attention = attention_key("unreadable", 0, False, None, False)
    return Row(pid, cells, keys, search, "", "", "unreadable", attention)


def build_rows(loaded: Loaded) -> list[Row]:
    """The dashboard rows, in programme-name order."""
    data, answers = loaded.data, loaded.answers
    statuses = {s.programme: s for s in answers.q2.statuses}
    evidence = {e.programme: e for e in answers.q2.evidence}
    priority = {p.programme: p for p in answers.q1.priority}
    amber_runs = {a.programme for a in answers.q2.exceptions.amber_runs}
    rows: list[Row] = []
    for pid, prog in data.programmes.items():
        status = statuses.get(pid)
        # Programmes not yet due to report (pipeline, not started) are "not due", never missing.
        state = status.status if status else "not due"
        movement = status.movement if status else ""
        ev = evidence.get(pid)
        nflags = len(ev.flags) if ev else 0
        watermelon = bool(ev and ev.watermelon)
        if not nflags:
            flag_cell = Text("")
        elif watermelon:
            flag_cell = Text(f"⚠ {nflags}", style=TEXT_STYLE["red"])
        else:
            flag_cell = Text(str(nflags))
        pr = priority.get(pid)
        milestone = next_key_milestone(prog)
        latest = data.latest_update(pid, loaded.period)
        submitted = latest[1].submitted.isoformat() if latest else None
        this_month = data.update(pid, loaded.period)
        pmo = this_month.assurance.rag if this_month and this_month.assurance else None
        # Every cell is a Text: plain strings would be parsed as markup by the table; user
        # text is made terminal-safe (control and bidi characters shown, not obeyed).
        cells: tuple[str | Text, ...] = (
            Text(safe(prog.name, newlines=False), overflow="ellipsis", no_wrap=True),
            Text(safe(prog.service, newlines=False), overflow="ellipsis", no_wrap=True),
            Text(prog.stage),
            rag_cell(state),
            Text(MOVE.get(movement, "")),
            flag_cell,
            rag_cell(pmo),
            Text(f"{pr.score:.2f}" if pr else DASH),
            Text(milestone.isoformat() if milestone else DASH),
            Text(submitted or DASH),
        )
        keys: tuple[SortValue, ...] = (
            _key(prog.name.lower()),
            _key(prog.service),
            _key(STAGES.index(prog.stage)),
            _key(RAG_ORDER.get(state, len(RAG_ORDER))),
            _key(MOVE_ORDER.get(movement, 9)),
            _key(-nflags - (100 if watermelon else 0)),
            _key(RAG_ORDER.get(pmo) if pmo else None),
            _key(-pr.score if pr else None),
            _key(milestone.isoformat() if milestone else None),
            _key(submitted),
        )
        search = " ".join([pid, prog.name, prog.service, prog.stage, state]).lower()
        attention = attention_key(state, nflags, watermelon, pmo, pid in amber_runs)
        rows.append(Row(pid, cells, keys, search, prog.service, prog.stage, state, attention))
    rows.extend(_unreadable_row(pid, statuses.get(pid)) for pid in data.unreadable)
    rows.sort(key=lambda r: r.keys[0])
    return rows
