"""What changed since the previous report beyond overall status: dimension up- and
downgrades, risks and issues opened or closed, risk scores, re-baselines, new requests."""

from __future__ import annotations

from collections import Counter

from pmo.analysis.classify import is_closed
from pmo.analysis.data import PortfolioData
from pmo.analysis.periods import previous_period
from pmo.model.types import period_end
from pmo.present.rag import STATUS_SORT
from pmo.present.words import plural
from pmo.report.figures import Previous
from pmo.report.limits import STATUS_ROWS, cap, cap_names, names_cell
from pmo.report.types import Changes, Dashboard, DecisionItem
from pmo.report.types_changes import DimensionChange, ItemChange, StatusGroup, WhatChanged
from pmo.report.types_raid import Registers

KINDS: dict[str, tuple[str, str]] = {
    "risk opened": ("risk", "opened"),
    "risk score up": ("risk", "scored higher"),
    "issue opened": ("issue", "opened"),
    "milestone re-baselined": ("milestone", "re-baselined"),
    "risk score down": ("risk", "scored lower"),
    "risk closed": ("risk", "closed"),
    "issue closed": ("issue", "closed"),
    "risk removed": ("risk", "no longer in its programme's file"),
    "issue removed": ("issue", "no longer in its programme's file"),
}
"""Each kind of register change, in the order listed (most pressing first), with the noun and
verb that count it ("2 risks opened")."""

MOVING_WINDOW_NOTE = (
    "Role-months over-allocated are counted over the twelve months from each report's month, "
    "a window that moves on every month, so that count is not compared."
)


def _dimensions(dash: Dashboard, previous: Previous) -> list[DimensionChange]:
    """Every dimension rating that moved, downgrades first, then by programme and dimension."""
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
    out.sort(key=lambda c: (c.trend != "worse", c.name, c.programme, order[c.dimension]))
    return out


def _split(key: str) -> tuple[str, str]:
    pid, _, item = key.partition("/")
    return pid, item


def _gone(data: PortfolioData, key: str, register: str) -> tuple[str, str | None]:
    """Why a risk or issue in last month's register is not open now: its kind and detail."""
    pid, item = _split(key)
    prog = data.programmes.get(pid)
    if prog is None:
        return f"{register} removed", "programme no longer in the portfolio"
    if is_closed(prog):
        return f"{register} closed", "programme closed"
    entries = prog.risks if register == "risk" else prog.issues
    found = next((e for e in entries if e.id == item), None)
    if found is None:
        return f"{register} removed", None
    return f"{register} closed", None


def _registers(data: PortfolioData, now: Registers, before: Registers) -> list[ItemChange]:
    names = {pid: p.name for pid, p in data.programmes.items()}
    milestones = {
        f"{pid}/{m.id}": m.title for pid, p in data.programmes.items() for m in p.milestones
    }
    out: list[ItemChange] = []

    def add(kind: str, key: str, title: str, detail: str | None = None) -> None:
        pid, _ = _split(key)
        out.append(ItemChange(kind, pid, names.get(pid, pid), title, detail))

    for key in sorted(now.risks.keys() - before.risks.keys()):
        add("risk opened", key, now.risk_titles[key], f"score {now.risks[key]}")
    for key in sorted(before.risks.keys() - now.risks.keys()):
        kind, detail = _gone(data, key, "risk")
        add(kind, key, before.risk_titles.get(key, key), detail)
    for key in sorted(now.risks.keys() & before.risks.keys()):
        a, b = before.risks[key], now.risks[key]
        if a != b:
            kind = "risk score up" if b > a else "risk score down"
            add(kind, key, now.risk_titles[key], f"score {a} → {b}")
    for key in sorted(now.issues.keys() - before.issues.keys()):
        add("issue opened", key, now.issues[key])
    for key in sorted(before.issues.keys() - now.issues.keys()):
        kind, detail = _gone(data, key, "issue")
        add(kind, key, before.issues[key], detail)
    for key in sorted(now.milestones.keys() & before.milestones.keys()):
        was, now_at = before.milestones[key], now.milestones[key]
        if was != now_at:
            title = milestones.get(key, _split(key)[1])
            add("milestone re-baselined", key, title, f"{was} → {now_at}")
    return out


def _issues_raised(data: PortfolioData, period: str) -> list[ItemChange]:
    """Issues raised in the period (known from their dates, with or without a snapshot)."""
    start, end = period_end(previous_period(period)), period_end(period)
    return [
        ItemChange("issue opened", pid, p.name, i.title, f"raised {i.raised.isoformat()}")
        for pid, p in data.programmes.items()
        if not is_closed(p)
        for i in p.issues
        if i.raised is not None and start < i.raised <= end
    ]


def _key(text: str) -> str:
    return " ".join(text.split()).casefold()


def _requests_note(data: PortfolioData, period: str, decisions: tuple[DecisionItem, ...]) -> str:
    """How many of this month's requests are new, and which were asked last month too (by
    title: a request has no id that lasts from month to month)."""
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
        shown, more = cap_names(again)
        text += f"; {len(again)} asked again from {prev}: {names_cell(shown, more)}"
    return text + "."


def _groups(changes: Changes) -> tuple[StatusGroup, ...]:
    """Status changes grouped by move, worst resulting status first; set only when there are
    more than STATUS_ROWS of them."""
    if len(changes.statuses) <= STATUS_ROWS:
        return ()
    names: dict[tuple[str | None, str | None], list[str]] = {}
    for s in changes.statuses:
        names.setdefault((s.before, s.after), []).append(s.name)

    def worst(move: tuple[str | None, str | None]) -> tuple[int, int, int, str, str]:
        after = STATUS_SORT.get(move[1] or "", len(STATUS_SORT))
        before = STATUS_SORT.get(move[0] or "", len(STATUS_SORT))
        return (after, -len(names[move]), before, move[0] or "", move[1] or "")

    return tuple(
        StatusGroup(m[0], m[1], len(names[m]), cap_names(sorted(names[m]))[0])
        for m in sorted(names, key=worst)
    )


def _counts(items: list[ItemChange], compared: bool, previous: str) -> str:
    """The register changes counted by kind, in one sentence."""
    counts = Counter(c.kind for c in items)
    parts = [
        f"{plural(counts[kind], noun)} {verb}"
        for kind, (noun, verb) in KINDS.items()
        if counts[kind]
    ]
    if not compared:
        return f"From their raised dates: {plural(len(items), 'issue')} raised this month."
    if parts:
        return f"Registers since the {previous} report: " + ", ".join(parts) + "."
    return (
        "No risk or issue opened or closed, no risk score moved and no milestone "
        f"re-baselined since the {previous} report."
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
    dims = _dimensions(dash, previous)
    worse = sum(1 for d in dims if d.trend == "worse")
    notes = [
        f"{plural(worse, 'dimension rating')} downgraded and {len(dims) - worse} upgraded "
        f"since {previous.period}."
    ]
    compared = previous.registers is not None
    if previous.registers is None:
        items = _issues_raised(data, period)
        notes.append(
            "Risks opened, closed or re-scored and milestones re-baselined cannot be compared: "
            f"the {previous.period} report's snapshot with its registers is not available "
            "(programme files keep only today's state). Issues raised this month are listed "
            "from their dates."
        )
    else:
        items = _registers(data, now, previous.registers)
    order = {k: i for i, k in enumerate(KINDS)}
    items.sort(key=lambda c: (order.get(c.kind, len(order)), c.name, c.programme, c.title))
    notes.append(_counts(items, compared, previous.period))
    if decisions:
        notes.append(_requests_note(data, period, decisions))
    notes.append(MOVING_WINDOW_NOTE)
    return WhatChanged(
        dimensions=cap(dims)[0],
        dimensions_more=cap(dims)[1],
        items=cap(items)[0],
        items_more=cap(items)[1],
        status_groups=_groups(changes),
        notes=tuple(notes),
    )
