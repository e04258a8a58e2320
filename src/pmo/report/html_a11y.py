"""Table accessibility applied to the rendered report once, whatever template a table is in.

Every ``<table>`` ends up in one scrolling wrapper that keyboard users can reach and that is
named by the table's caption (WCAG 1.4.10 reflow lets a data table scroll in place; 2.1.1 says
the scroll must work from the keyboard), and every header cell says what it heads (``scope``):
``col`` in ``<thead>``, ``row`` in ``<tbody>`` and ``<tfoot>``. Doing it here, not in each
template, means a section added later cannot forget it. Input is the renderer's own output:
tables are never nested, and every table has a ``<caption>`` (a test checks both). A table in a
visually hidden ``<div class="vh">`` (a chart's data, for screen readers) is scoped, not wrapped.
"""

from __future__ import annotations

import re

__all__ = ["accessible_tables"]

_WRAPPED = re.compile(r'<div class="table-wrap">\s*(<table\b.*?</table>)\s*</div>', re.DOTALL)
_TABLE = re.compile(r'(<div class="vh">\s*)?<table\b.*?</table>', re.DOTALL)
_CAPTION = re.compile(r"<caption\b([^>]*)>")
_PART = re.compile(r"<(thead|tbody|tfoot)\b|<th\b([^>]*)>")
_ID = re.compile(r'\bid="([^"]+)"')


def accessible_tables(html: str) -> str:
    """``html`` with every table wrapped, named by its caption, and every ``th`` scoped."""
    html = _WRAPPED.sub(lambda m: m.group(1), html)
    counter = iter(range(1, 1_000_000))
    return _TABLE.sub(
        lambda m: _scoped(m.group()) if m.group(1) else _table(m.group(), next(counter)), html
    )


def _table(table: str, n: int) -> str:
    caption = _CAPTION.search(table)
    if caption is None:
        name = ' aria-label="Table"'
    else:
        found = _ID.search(caption.group(1))
        ident = found.group(1) if found else f"tcap-{n}"
        if not found:
            table = (
                f'{table[: caption.start()]}<caption id="{ident}"{caption.group(1)}>'
                + table[caption.end() :]
            )
        name = f' aria-labelledby="{ident}"'
    return f'<div class="table-wrap" role="region" tabindex="0"{name}>{_scoped(table)}</div>'


def _scoped(table: str) -> str:
    """``scope`` on each ``th`` without one: col in the head, row in the body and foot."""
    out: list[str] = []
    pos, scope = 0, "col"
    for m in _PART.finditer(table):
        if m.group(1):
            scope = "col" if m.group(1) == "thead" else "row"
            continue
        attrs = m.group(2)
        if "scope=" in attrs:
            continue
        out.append(table[pos : m.start()])
        out.append(f'<th scope="{scope}"{attrs}>')
        pos = m.end()
    out.append(table[pos:])
    return "".join(out)
