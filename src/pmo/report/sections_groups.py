"""By service area and by SRO: counts by status and the exceptions in each, worst first."""

from __future__ import annotations

from collections.abc import Callable

from pmo.analysis.answers import Answers
from pmo.analysis.data import PortfolioData
from pmo.model import Programme
from pmo.present.rag import RAG_LABELS, STATUS_ORDER, STATUS_SORT
from pmo.present.words import NOT_RECORDED, role_title
from pmo.report.limits import cap, cap_names
from pmo.report.types_groups import ByGroup, GroupRow

EXCEPTION = ("red", "amber-red", "stale", "missing", "unreadable")
"""Statuses named as a group's exceptions (amber and better are counted, not named)."""
DEFINITION = (
    "Programmes due to report this month. Exceptions, named worst first, are those rated red "
    "or amber/red and those whose update is stale, missing or unreadable."
)


def _order(g: GroupRow) -> tuple[int, int, int, int, str, str]:
    """Worst first: most red or amber/red, then most without a current update, then most
    amber, then the largest, then by name."""
    c = dict(g.counts)
    bad = c.get("red", 0) + c.get("amber-red", 0)
    late = c.get("stale", 0) + c.get("missing", 0) + c.get("unreadable", 0)
    return (-bad, -late, -c.get("amber", 0), -g.programmes, g.label, g.key)


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
        exceptions, cut = cap_names(
            [f"{name} ({RAG_LABELS[st]})" for st, name in items if st in EXCEPTION]
        )
        out.append(
            GroupRow(
                key=k,
                label=label(k),
                programmes=len(items),
                counts=counts,
                exceptions=exceptions,
                exceptions_more=cut,
            )
        )
    out.sort(key=_order)
    return out


def by_group(data: PortfolioData, answers: Answers) -> ByGroup:
    """Programmes due to report, grouped by service area and by SRO, worst first (pure)."""
    services = _rows(data, answers, lambda p: p.service, role_title)
    sros = _rows(data, answers, lambda p: p.sro or NOT_RECORDED, lambda s: s)
    return ByGroup(
        definition=DEFINITION,
        services=cap(services)[0],
        services_more=cap(services)[1],
        sros=cap(sros)[0],
        sros_more=cap(sros)[1],
    )
