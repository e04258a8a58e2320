"""By service area and by SRO: counts by status and the exceptions in each, worst first."""

from __future__ import annotations

from collections.abc import Callable

from pmo.analysis.answers import Answers
from pmo.analysis.data import PortfolioData
from pmo.model import Programme
from pmo.present.rag import STATUS_ORDER, STATUS_SORT
from pmo.present.words import role_title
from pmo.report.types_groups import ByGroup, GroupRow

MAX_GROUPS = 25
"""At most this many SROs are listed; the rest are counted."""
NAMES = 5
"""Each group names at most this many exceptions, worst first; the rest are counted."""
EXCEPTION = ("red", "amber-red", "stale", "missing", "unreadable")
"""Statuses listed by name as a group's exceptions (amber is counted, not named)."""


def _rows(
    data: PortfolioData,
    answers: Answers,
    key: Callable[[Programme], str],
    label: Callable[[str], str],
) -> list[GroupRow]:
    status = {s.programme: s.status for s in answers.q2.statuses}
    groups: dict[str, list[tuple[str, str]]] = {}
    for pid, p in data.programmes.items():
        if pid in status:
            groups.setdefault(key(p), []).append((status[pid], p.name))
    out = []
    for k, items in groups.items():
        items.sort(key=lambda x: (STATUS_SORT.get(x[0], len(STATUS_SORT)), x[1]))
        counts = tuple((s, n) for s in STATUS_ORDER if (n := sum(1 for st, _ in items if st == s)))
        exceptions = [f"{name} ({st})" for st, name in items if st in EXCEPTION]
        out.append(
            GroupRow(
                key=k,
                label=label(k),
                programmes=len(items),
                counts=counts,
                exceptions=tuple(exceptions[:NAMES]),
                exceptions_more=max(0, len(exceptions) - NAMES),
            )
        )

    def worst(g: GroupRow) -> tuple[int, int, int, str]:
        c = dict(g.counts)
        bad = c.get("red", 0) + c.get("amber-red", 0)
        late = c.get("stale", 0) + c.get("missing", 0) + c.get("unreadable", 0)
        return (-bad, -late, -c.get("amber", 0), g.label)

    out.sort(key=worst)
    return out


def by_group(data: PortfolioData, answers: Answers) -> ByGroup:
    """Programmes due to report, grouped by service and by SRO (pure)."""
    services = _rows(data, answers, lambda p: p.service, role_title)
    sros = _rows(data, answers, lambda p: p.sro or "(no SRO recorded)", lambda s: s)
    return ByGroup(
        services=tuple(services),
        sros=tuple(sros[:MAX_GROUPS]),
        sros_more=max(0, len(sros) - MAX_GROUPS),
    )
