"""What changed since the previous report beyond overall status: dimension up- and
downgrades, risks and issues opened or closed, risk scores, re-baselines, new requests."""

from __future__ import annotations

from collections import Counter

from pmo.analysis.data import PortfolioData
from pmo.analysis.periods import previous_period
from pmo.model.types import period_end
from pmo.present.rag import STATUS_SORT
from pmo.present.words import plural
from pmo.report.figures import Previous
from pmo.report.types import Changes, Dashboard, DecisionItem
from pmo.report.types_changes import DimensionChange, ItemChange, StatusGroup, WhatChanged
from pmo.report.types_raid import Registers

MAX_ROWS = 30
"""A what-changed list shows at most this many rows; the rest are counted."""
GROUP_OVER = 25
"""More status changes than this are also summarised by move (e.g. 'missing → amber: 180')."""
NAMES_IN_GROUP = 5
KIND_ORDER = (
    "risk opened",
    "risk up",
    "issue opened",
    "re-baselined",
    "risk down",
    "risk closed",
    "issue closed",
)


def _dimensions(dash: Dashboard, previous: Previous) -> list[DimensionChange]:
    out = []
    for row in dash.rows:
        before = previous.programmes.get(row.programme)
        if before is None:
            continue
        for dim, cell in zip(dash.dimensions, row.dimensions, strict=True):
            was = before.rag.get(dim)
            if cell.trend in ("better", "worse") and was and cell.rag:
                out.append(DimensionChange(row.programme, row.name, dim, was, cell.rag, cell.trend))
    order = {d: i for i, d in enumerate(dash.dimensions)}
    out.sort(key=lambda c: (c.trend != "worse", c.name, order[c.dimension]))
    return out


def _split(key: str) -> tuple[str, str]:
    pid, _, item = key.partition("/")
    return pid, item


def _registers(now: Registers, before: Registers, names: dict[str, str]) -> list[ItemChange]:
    out: list[ItemChange] = []

    def add(kind: str, key: str, title: str, detail: str | None = None) -> None:
        pid, _ = _split(key)
        out.append(ItemChange(kind, pid, names.get(pid, pid), title, detail))

    for key in sorted(now.risks.keys() - before.risks.keys()):
        add("risk opened", key, now.risk_titles[key], f"score {now.risks[key]}")
    for key in sorted(before.risks.keys() - now.risks.keys()):
        add("risk closed", key, before.risk_titles.get(key, key))
    for key in sorted(now.risks.keys() & before.risks.keys()):
        a, b = before.risks[key], now.risks[key]
        if a != b:
            add("risk up" if b > a else "risk down", key, now.risk_titles[key], f"{a} → {b}")
    for key in sorted(now.issues.keys() - before.issues.keys()):
        add("issue opened", key, now.issues[key])
    for key in sorted(before.issues.keys() - now.issues.keys()):
        add("issue closed", key, before.issues[key])
    for key in sorted(now.milestones.keys() & before.milestones.keys()):
        was, now_at = before.milestones[key], now.milestones[key]
        if was != now_at:
            add("re-baselined", key, _split(key)[1], f"{was} → {now_at}")
    return out


def _issues_raised(data: PortfolioData, period: str) -> list[ItemChange]:
    """Issues raised in the period (known from their dates, with or without a snapshot)."""
    start, end = period_end(previous_period(period)), period_end(period)
    return [
        ItemChange("issue opened", pid, p.name, i.title, f"raised {i.raised}")
        for pid, p in data.programmes.items()
        for i in p.issues
        if i.raised is not None and start < i.raised <= end
    ]


def _key(text: str) -> str:
    return " ".join(text.split()).casefold()


def _requests_note(data: PortfolioData, period: str, decisions: tuple[DecisionItem, ...]) -> str:
    prev = previous_period(period)
    asked = set()
    note = data.dmt.get(prev)
    if note is not None:
        asked |= {_key(d.title) for d in note.decisions}
    for pid in data.programmes:
        update = data.update(pid, prev)
        if update is not None:
            asked |= {_key(d.title) for d in update.decisions}
    again = [d.title for d in decisions if _key(d.title) in asked]
    new = len(decisions) - len(again)
    text = f"{plural(len(decisions), 'decision request')} this month, {new} new"
    if again:
        text += f"; {len(again)} asked again from {prev}: " + "; ".join(again[:3])
        text += f" and {len(again) - 3} more" if len(again) > 3 else ""
    return text + "."


def _groups(changes: Changes) -> tuple[StatusGroup, ...]:
    if len(changes.statuses) <= GROUP_OVER:
        return ()
    moves: Counter[tuple[str | None, str | None]] = Counter()
    names: dict[tuple[str | None, str | None], list[str]] = {}
    for s in changes.statuses:
        moves[(s.before, s.after)] += 1
        names.setdefault((s.before, s.after), []).append(s.name)

    def worst(move: tuple[str | None, str | None]) -> tuple[int, int, str, str]:
        after = STATUS_SORT.get(move[1] or "", len(STATUS_SORT))
        return (after, -moves[move], move[0] or "", move[1] or "")

    return tuple(
        StatusGroup(m[0], m[1], moves[m], tuple(sorted(names[m])[:NAMES_IN_GROUP]))
        for m in sorted(moves, key=worst)
    )


def what_changed(
    data: PortfolioData,
    period: str,
    dash: Dashboard,
    changes: Changes,
    previous: Previous,
    now: Registers,
    decisions: tuple[DecisionItem, ...],
) -> WhatChanged:
    """What changed since ``previous`` besides overall status (pure). Register changes need
    last month's snapshot: programme files keep only today's risks and dates."""
    names = {pid: p.name for pid, p in data.programmes.items()}
    dims = _dimensions(dash, previous)
    notes = []
    if previous.registers is None:
        items = _issues_raised(data, period)
        notes.append(
            f"Risks opened, closed or re-scored and milestones re-baselined cannot be compared: "
            f"the {previous.period} report's snapshot with its registers is not available "
            "(programme files keep only today's state). Issues raised this month are listed "
            "from their dates."
        )
    else:
        items = _registers(now, previous.registers, names)
    order = {k: i for i, k in enumerate(KIND_ORDER)}
    items.sort(key=lambda c: (order.get(c.kind, len(order)), c.name, c.title))
    worse = sum(1 for d in dims if d.trend == "worse")
    notes.insert(
        0,
        f"{plural(worse, 'dimension rating')} downgraded and {len(dims) - worse} upgraded "
        "since the previous report.",
    )
    if decisions:
        notes.append(_requests_note(data, period, decisions))
    notes.append(
        "Role-months over-allocated are counted over the twelve months from each report's "
        "month, a window that moves on every month, so the count is not compared."
    )
    counts = Counter(c.kind for c in items)
    if counts:
        notes.append(
            "Registers: " + ", ".join(f"{counts[k]} {k}" for k in KIND_ORDER if counts[k]) + "."
        )
    return WhatChanged(
        dimensions=tuple(dims[:MAX_ROWS]),
        dimensions_more=max(0, len(dims) - MAX_ROWS),
        items=tuple(items[:MAX_ROWS]),
        items_more=max(0, len(items) - MAX_ROWS),
        status_groups=_groups(changes),
        notes=tuple(notes),
    )
