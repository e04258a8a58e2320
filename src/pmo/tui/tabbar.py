"""The programme screen's tab bar: one line of titles that never wraps, the active one ruled."""

from __future__ import annotations

from functools import cache

from rich.cells import cell_len
from textual.content import Content

Tabs = tuple[tuple[str, str], ...]
MORE_LEFT, MORE_RIGHT = "‹ ", " ›"


def window(tabs: Tabs, active: str, width: int) -> tuple[int, int]:
    """The tabs [start, stop) that fit in ``width`` cells with the active one among them
    (marks for hidden tabs either side included); all of them when they fit."""
    sizes = [cell_len(title) + 2 for _, title in tabs]  # " title "
    ids = [tab_id for tab_id, _ in tabs]
    at = ids.index(active) if active in ids else 0

    def used(start: int, stop: int) -> int:
        marks = (len(MORE_LEFT) if start > 0 else 0) + (len(MORE_RIGHT) if stop < len(tabs) else 0)
        return sum(sizes[start:stop]) + (stop - start - 1) + marks

    if width <= 0 or used(0, len(tabs)) <= width:
        return 0, len(tabs)
    start, stop = 0, at + 1
    while start < at and used(start, stop) > width:
        start += 1
    while stop < len(tabs) and used(start, stop + 1) <= width:
        stop += 1
    return start, stop


@cache
def tab_bar(tabs: Tabs, active: str, width: int = 0) -> Content:
    """Tab titles with a rule under the active one; a click on a title shows that tab.

    At most ``width`` cells (0: no limit): titles either side of the active one are left out,
    marked ‹ and ›, rather than wrapping. Drawn as one Static rather than a TabbedContent:
    that widget tree was most of the cost of opening the screen.
    """
    start, stop = window(tabs, active, width)
    titles: list[Content] = []
    rule = Content(" " * len(MORE_LEFT)) if start > 0 else Content()
    for tab_id, title in tabs[start:stop]:
        style = "bold $text" if tab_id == active else ""
        titles.append(
            Content.from_markup(f"[{style} @click=screen.show_tab('{tab_id}')] $t ", t=title)
        )
        mark = "━" * (cell_len(title) + 2)
        rule += Content.styled(mark, "$accent") if tab_id == active else Content(" " * len(mark))
        rule += " "
    line = Content(" ").join(titles)
    if start > 0:
        line = Content.styled(MORE_LEFT, "$text-muted") + line
    if stop < len(tabs):
        line += Content.styled(MORE_RIGHT, "$text-muted")
    return line + "\n" + rule
