"""Checks across programmes and within their dates: cycles, look-alike names, impossible orders."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

from pmo.model import Programme
from pmo.problem import Problem
from pmo.store import ProgrammeSource
from pmo.validate.context import CheckContext

#: A milestone dated this long before its programme's start is a slip of the keyboard (2016 for
#: 2026), not a plan. Closer than that it is an approval or gate before the start: fine.
TYPO_BEFORE = timedelta(days=366)


def _components(edges: dict[str, list[str]]) -> list[list[str]]:
    """Strongly connected components with more than one node (Tarjan's, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    out: list[list[str]] = []
    counter = 0
    for root in sorted(edges):
        if root in index:
            continue
        work: list[tuple[str, int]] = [(root, 0)]
        while work:
            node, i = work.pop()
            if i == 0:
                index[node] = low[node] = counter
                counter += 1
                stack.append(node)
                on_stack.add(node)
            succ = sorted(set(edges.get(node, ())))
            if i < len(succ):
                work.append((node, i + 1))
                nxt = succ[i]
                if nxt not in index:
                    work.append((nxt, 0))
                elif nxt in on_stack:
                    low[node] = min(low[node], index[nxt])
                continue
            if low[node] == index[node]:
                comp = []
                while True:
                    top = stack.pop()
                    on_stack.discard(top)
                    comp.append(top)
                    if top == node:
                        break
                if len(comp) > 1:
                    out.append(sorted(comp))
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
    return sorted(out)


def _cycles(edges: dict[str, list[str]]) -> list[list[str]]:
    """One cycle per loop of ``edges`` (self-loops aside): the shortest way from the loop's
    smallest id back to itself, as the ids in order."""
    found = []
    for comp in _components(edges):
        members = set(comp)
        start = comp[0]
        came: dict[str, str] = {}
        queue = [start]
        end = None
        while queue and end is None:
            node = queue.pop(0)
            for nxt in sorted(set(edges.get(node, ()))):
                if nxt == start:
                    end = node
                    break
                if nxt in members and nxt not in came:
                    came[nxt] = node
                    queue.append(nxt)
        path = [end] if end is not None else []
        while path and path[-1] != start:
            path.append(came[path[-1]])
        found.append(path[::-1])
    return found


def _members(ctx: CheckContext) -> dict[str, tuple[ProgrammeSource, Programme]]:
    return {prog.folder: (prog, model) for prog, model in ctx.programmes()}


def check_parent_cycles(ctx: CheckContext) -> Iterator[Problem]:
    """A programme cannot be its own ancestor: parents never loop (a→b→a)."""
    members = _members(ctx)
    edges = {
        pid: [model.parent]
        for pid, (_, model) in members.items()
        if model.parent is not None and model.parent != pid
    }
    for cycle in _cycles(edges):
        shown = " → ".join([*cycle, cycle[0]])
        for pid in cycle:
            yield members[pid][0].source.problem(
                ("parent",),
                "parent-cycle",
                f"parents go round in a circle ({shown}); a programme cannot be its own "
                "ancestor: remove one of these parents",
            )


def check_dependency_cycles(ctx: CheckContext) -> Iterator[Problem]:
    """Dependencies that loop (a needs b, b needs a) mean neither can finish first."""
    members = _members(ctx)
    edges = {
        pid: [d.programme for d in model.dependencies if d.programme != pid]
        for pid, (_, model) in members.items()
    }
    for cycle in _cycles(edges):
        shown = " → ".join([*cycle, cycle[0]])
        for pos, pid in enumerate(cycle):
            model = members[pid][1]
            after = cycle[(pos + 1) % len(cycle)]
            index = next(i for i, d in enumerate(model.dependencies) if d.programme == after)
            yield members[pid][0].source.problem(
                ("dependencies", index, "programme"),
                "dependency-cycle",
                f"dependencies go round in a circle ({shown}); none of these can finish "
                "before the others: say which one really waits",
                "warning",
            )


def _name_key(name: str) -> str:
    return " ".join(name.casefold().split())


def check_unique_names(ctx: CheckContext) -> Iterator[Problem]:
    """Two programmes with the same name (ignoring case and spacing) read as one on reports."""
    first: dict[str, str] = {}
    for prog, model in ctx.programmes():
        key = _name_key(model.name)
        if key in first:
            yield prog.source.problem(
                ("name",),
                "duplicate-name",
                f"another programme ({first[key]}) is also named '{model.name}'; reports and "
                "the dashboard show names, so give each its own",
                "warning",
            )
        else:
            first[key] = prog.folder


def _before(when: date, start: date) -> str:
    years = (start - when).days / 365.25
    return f"{years:.0f} years" if years >= 1.5 else f"{(start - when).days} days"


def check_dates_against_start(ctx: CheckContext) -> Iterator[Problem]:
    """Milestones not dated years before the programme starts; benefit targets after their
    baseline."""
    for prog, model in ctx.programmes():
        s = prog.source
        start = model.start
        for i, ms in enumerate(model.milestones):
            if start is None:
                break
            for field in ("baseline", "current", "forecast", "actual"):
                when: date | None = getattr(ms, field)
                if when is None or start - when <= TYPO_BEFORE:
                    continue
                yield s.problem(
                    ("milestones", i, field),
                    "before-start",
                    f"milestone {field} {when} is {_before(when, start)} before the programme "
                    f"starts ({start}); is the year mistyped?",
                )
                break
        for i, ben in enumerate(model.benefits):
            if ben.baseline and ben.target and ben.target.by < ben.baseline.date:
                yield s.problem(
                    ("benefits", i, "target", "by"),
                    "date-order",
                    f"target date {ben.target.by} is before the baseline was measured "
                    f"({ben.baseline.date}); a target comes after its baseline",
                )
