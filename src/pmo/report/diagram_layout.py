"""Layered left-to-right layout of the dependency diagram: columns by dependency depth, rows
ordered to keep arrows short and uncrossed, long arrows routed through gaps (pure, stable)."""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from pmo.present.rag import STATUS_SORT

WIDTH = 688
"""Widest the drawing gets, in CSS px: inside the A4 text block (184 mm = 695 px), so it
prints at full size and its text keeps its size."""
FONT = 12.5
"""Text size in CSS px (9.4 pt) at the size the drawing prints."""
LINE = 15
PAD = 6
BAND = 7  # the status colour band on a box's left edge
MAX_COLUMNS = 4
MAX_BOX = 200
GAP = 40  # least room between columns, for the arrows
MAX_GAP = 110
VGAP = 10  # between boxes in a column
LANE = 10  # height an arrow passing through a column takes there
TOP = 30  # room for the legend above the boxes
MAX_NAME_LINES = 3

# Advance widths of DejaVu Sans (the first font the drawing asks for, and among the widest a
# browser falls back to) per 1000 em for printable ASCII; other characters count as 1 em.
# fmt: off
_WIDTHS = (
    320, 400, 470, 840, 640, 960, 780, 280, 390, 390, 500, 850, 320, 360, 320, 340, 640, 640, 640,
    640, 640, 640, 640, 640, 640, 640, 340, 340, 840, 850, 840, 530, 1000, 680, 690, 700, 770, 630,
    580, 780, 750, 290, 290, 650, 560, 860, 750, 790, 600, 790, 700, 640, 620, 730, 680, 990, 690,
    610, 680, 390, 340, 390, 840, 500, 500, 620, 630, 560, 640, 620, 350, 640, 630, 280, 280, 580,
    280, 970, 630, 610, 630, 640, 420, 520, 390, 630, 590, 820, 590, 590, 520, 630, 340, 640, 840,
)
# fmt: on
_BOLD_FACTOR = 1.12  # DejaVu Sans Bold is at most about this much wider


def text_width(text: str, size: float = FONT, *, bold: bool = False) -> float:
    """Width of ``text`` in px at ``size`` px in DejaVu Sans (an over-estimate elsewhere)."""
    units = sum(_WIDTHS[ord(c) - 32] if 32 <= ord(c) < 127 else 1000 for c in text)
    return units * size / 1000 * (_BOLD_FACTOR if bold else 1.0)


def wrap(text: str, width: float, max_lines: int = MAX_NAME_LINES) -> list[str]:
    """``text`` in lines no wider than ``width`` px, at most ``max_lines`` (the last one cut
    with an ellipsis when the text is longer); words longer than a line are broken."""
    words = " ".join(text.split())
    if not words:
        return [""]
    lines: list[str] = []
    current = ""
    for word in words.split(" "):
        candidate = f"{current} {word}" if current else word
        if text_width(candidate) <= width:
            current = candidate
            continue
        if current:
            lines.append(current)
        current = word
        while text_width(current) > width:  # a word wider than the line: break it
            cut = max(1, _fit(current, width))
            lines.append(current[:cut])
            current = current[cut:]
    lines.append(current)
    if len(lines) > max_lines:
        last = lines[max_lines - 1]
        while last and text_width(last + "…") > width:
            last = last[:-1].rstrip()
        lines = [*lines[: max_lines - 1], last + "…"]
    return lines


def _fit(word: str, width: float) -> int:
    n = len(word)
    while n > 1 and text_width(word[:n]) > width:
        n -= 1
    return n


@dataclass(frozen=True, slots=True)
class Node:
    """A programme in the diagram: its id, name and status."""

    id: str
    name: str
    status: str


@dataclass(frozen=True, slots=True)
class Edge:
    """``source`` depends on ``target``; ``flagged``: the RAID section's "at risk"."""

    source: str
    target: str
    flagged: bool


@dataclass(frozen=True, slots=True)
class Box:
    """A programme's box: top-left corner, size and its name in lines."""

    node: Node
    x: float
    y: float
    width: float
    height: float
    lines: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Route:
    """An arrow: its SVG path (ends at the target's edge) and whether it is flagged."""

    edge: Edge
    path: str


@dataclass(frozen=True, slots=True)
class Layout:
    """Boxes and arrows placed, with the drawing's size."""

    width: float
    height: float
    boxes: tuple[Box, ...]
    routes: tuple[Route, ...]


def _depths(ids: Sequence[str], targets: Mapping[str, Sequence[str]]) -> dict[str, int]:
    """Longest chain of "depends on" below each node; an edge closing a cycle is ignored."""
    depth: dict[str, int] = {}
    on_path: set[str] = set()

    def visit(node: str) -> int:
        if node not in depth:
            on_path.add(node)
            depth[node] = max(
                (visit(t) + 1 for t in targets.get(node, ()) if t not in on_path), default=0
            )
            on_path.discard(node)
        return depth[node]

    for node in ids:
        visit(node)
    return depth


def layout(nodes: Sequence[Node], edges: Sequence[Edge]) -> Layout:
    """Columns right to left by depth (what nothing shown depends on is rightmost), each
    column ordered by where its arrows go, long arrows given a lane in each column crossed.
    The same nodes and edges in any order give the same layout."""
    by_id = {n.id: n for n in sorted(nodes, key=lambda n: n.id)}
    edges = sorted(edges, key=lambda e: (e.source, e.target, e.flagged))
    ids = sorted(by_id)
    if not ids:
        return Layout(0.0, 0.0, (), ())
    targets: dict[str, list[str]] = {i: [] for i in ids}
    for e in edges:
        targets[e.source].append(e.target)
    for t in targets.values():
        t.sort()
    depth = _depths(ids, targets)
    columns = min(max(depth.values(), default=0), MAX_COLUMNS - 1) + 1
    col = {i: columns - 1 - min(depth[i], MAX_COLUMNS - 1) for i in ids}
    box_w = min(MAX_BOX, (WIDTH - (columns - 1) * GAP) // columns)
    gap = min(MAX_GAP, (WIDTH - columns * box_w) // (columns - 1)) if columns > 1 else 0
    text_w = box_w - BAND - 2 * PAD
    lines = {i: tuple(wrap(by_id[i].name, text_w)) for i in ids}
    height = {i: 2 * PAD + LINE * (len(lines[i]) + 1) for i in ids}

    # hops: each edge as a chain through one lane per column it crosses (forward edges only)
    hops: dict[int, list[str]] = {}
    members: list[list[str]] = [[] for _ in range(columns)]
    for i in ids:
        members[col[i]].append(i)
    for k, e in enumerate(edges):
        chain = [e.source]
        for c in range(col[e.source] + 1, col[e.target]):
            lane = f"\0{k:05d}:{c}"
            members[c].append(lane)
            height[lane] = LANE
            col[lane] = c
            chain.append(lane)
        hops[k] = [*chain, e.target]
    nxt: dict[str, list[str]] = {}
    for chain in hops.values():
        for a, b in itertools.pairwise(chain):
            if col[a] + 1 == col[b]:
                nxt.setdefault(a, []).append(b)

    # rows: the rightmost column worst first, then each column by where its arrows go, each
    # box as level with its arrows' ends as the boxes above and below it allow
    def space(i: str) -> float:  # a box's height and the gap below it
        return height[i] + (VGAP / 2 if i.startswith("\0") else VGAP)

    total = max(sum(space(i) for i in m) - VGAP for m in members if m)
    centre: dict[str, float] = {}
    tops: dict[str, float] = {}
    placed: list[list[str]] = [[] for _ in range(columns)]
    for c in range(columns - 1, -1, -1):
        aim: dict[str, float | None] = {}
        for i in members[c]:
            ys = [centre[t] for t in nxt.get(i, ()) if t in centre]
            aim[i] = sum(ys) / len(ys) - height[i] / 2 if ys else None

        keyed = sorted(
            (
                float("inf") if aim[i] is None else aim[i],
                i.startswith("\0"),
                99 if i.startswith("\0") else STATUS_SORT.get(by_id[i].status, 99),
                i,
            )
            for i in members[c]
        )
        placed[c] = [k[-1] for k in keyed]
        span = sum(space(i) for i in placed[c]) - VGAP
        y = round((total - span) / 2) if c == columns - 1 else 0.0
        for i in placed[c]:  # down the column: no higher than wanted, no overlap
            wanted = aim[i]
            tops[i] = max(y, wanted if wanted is not None else y)
            y = tops[i] + space(i)
        limit = total
        for i in reversed(placed[c]):  # up the column: nothing below the tallest column
            tops[i] = min(tops[i], limit - height[i])
            limit = tops[i] - (space(i) - height[i])
        for i in placed[c]:
            centre[i] = tops[i] + height[i] / 2
    x_of = [c * (box_w + gap) for c in range(columns)]
    boxes = tuple(
        Box(by_id[i], x_of[col[i]], TOP + tops[i], box_w, height[i], lines[i])
        for c in range(columns)
        for i in placed[c]
        if not i.startswith("\0")
    )
    routes = _routes(edges, hops, col, tops, centre, height, x_of, box_w)
    width = x_of[-1] + box_w if columns else 0
    return Layout(float(width), TOP + total, boxes, routes)


def _routes(
    edges: Sequence[Edge],
    hops: Mapping[int, list[str]],
    col: Mapping[str, int],
    tops: Mapping[str, float],
    centre: Mapping[str, float],
    height: Mapping[str, float],
    x_of: Sequence[float],
    box_w: float,
) -> tuple[Route, ...]:
    """Each edge's path; a box's arrows leave and arrive spread along its side, in the order
    of where they go so they do not cross there."""
    c_of = col.__getitem__

    outs: dict[str, list[tuple[float, int]]] = {}
    ins: dict[str, list[tuple[float, int]]] = {}
    for k, chain in hops.items():
        a, b = chain[0], chain[-1]
        if c_of(b) > c_of(a):
            outs.setdefault(a, []).append((centre[chain[1]], k))
            ins.setdefault(b, []).append((centre[chain[-2]], k))

    def port(side: Mapping[str, list[tuple[float, int]]], node: str, k: int) -> float:
        order = sorted(side[node])
        n = [kk for _, kk in order].index(k)
        return TOP + tops[node] + height[node] * (n + 1) / (len(order) + 1)

    routes = []
    for k, e in enumerate(edges):
        chain = hops[k]
        a, b = chain[0], chain[-1]
        if c_of(b) > c_of(a):
            x, y = x_of[c_of(a)] + box_w, port(outs, a, k)
            parts = [f"M{_n(x)},{_n(y)}"]
            for lane in chain[1:-1]:
                lx, ly = x_of[c_of(lane)], TOP + centre[lane]
                parts.append(_curve(x, y, lx, ly))
                parts.append(f"L{_n(lx + box_w)},{_n(ly)}")
                x, y = lx + box_w, ly
            parts.append(_curve(x, y, x_of[c_of(b)], port(ins, b, k)))
        elif c_of(b) < c_of(a):  # closes a cycle: from the left side back to the right side
            x, y = x_of[c_of(a)], TOP + centre[a]
            tx, ty = x_of[c_of(b)] + box_w, TOP + centre[b]
            parts = [f"M{_n(x)},{_n(y)}", _curve(x, y, tx, ty)]
        else:  # same column (beyond the deepest column shown): an arc on the right
            x = x_of[c_of(a)] + box_w
            y, ty = TOP + centre[a], TOP + centre[b]
            bulge = x + 30
            parts = [
                f"M{_n(x)},{_n(y)}",
                f"C{_n(bulge)},{_n(y)} {_n(bulge)},{_n(ty)} {_n(x)},{_n(ty)}",
            ]
        routes.append(Route(e, " ".join(parts)))
    return tuple(routes)


def _curve(x: float, y: float, tx: float, ty: float) -> str:
    """A cubic curve leaving and arriving horizontally."""
    mid = (x + tx) / 2
    return f"C{_n(mid)},{_n(y)} {_n(mid)},{_n(ty)} {_n(tx)},{_n(ty)}"


def _n(v: float) -> str:
    """A coordinate to a tenth of a px, without a trailing ".0"."""
    return f"{v:.1f}".removesuffix(".0")
