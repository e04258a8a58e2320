"""Markdown text primitives: escaping user text, tables, lists and rating cells."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from pmo.present.numbers import DASH
from pmo.present.terminal import safe

__all__ = ["Raw", "bold", "bullets", "cell", "md_escape", "opt_int", "rag", "sentence", "table"]

_TRANSLATE = str.maketrans(
    {
        "\\": "\\\\",
        "`": "\\`",
        "*": "\\*",
        "[": "\\[",
        "]": "\\]",
        "|": "\\|",
        "~": "\\~",
        "&": "&amp;",
        "<": "&lt;",
        ">": "&gt;",
    }
)
_UNDERSCORE = re.compile(r"(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])")
_HASH = re.compile(r"(^|\s)#")
_BLOCK_START = re.compile(r"^([-+=]|\d+[.)])(?=\s|$)")


class Raw(str):
    """Markdown written by the renderer itself (numbers, emphasis): not escaped again."""

    __slots__ = ()


def md_escape(text: object) -> str:
    """User text made inert in Markdown, tables included: one line, nothing interpreted.

    Whitespace runs (newlines included) become one space so a table row stays one row;
    control, bidi and invisible characters are shown as escapes;
    ``\\ ` * [ ] | ~`` are backslash-escaped, ``_`` unless inside a word, ``#`` at the start or
    after a space, a list or heading marker at the start; ``& < >`` become entities, so HTML
    in the text is shown, never run.
    """
    if isinstance(text, Raw):
        return str(text)
    # control, bidi and invisible characters shown (\x1b, ⟨U+202E⟩): a report read in a
    # terminal or a browser never acts on them, and never shows text other than it is
    out = safe(" ".join(str(text).split())).translate(_TRANSLATE)
    out = _UNDERSCORE.sub(r"\\_", out)
    out = _HASH.sub(r"\1\\#", out)
    return _BLOCK_START.sub(lambda m: m[1][:-1] + "\\" + m[1][-1], out)


def cell(value: object) -> str:
    """A table cell: escaped user text, or DASH when empty."""
    if value is None or value == "":
        return DASH
    return md_escape(value)


def table(
    headers: Sequence[str], rows: Iterable[Sequence[object]], align: str | None = None
) -> list[str]:
    """A GFM table; ``align`` is one letter per column (l, r, c), default all left."""
    spec = align or "l" * len(headers)
    marks = {"l": "---", "r": "--:", "c": ":-:"}
    lines = [
        "| " + " | ".join(md_escape(h) for h in headers) + " |",
        "|" + "|".join(marks[a] for a in spec) + "|",
    ]
    body = ["| " + " | ".join(cell(v) for v in row) + " |" for row in rows]
    if not body:
        return []
    return [*lines, *body, ""]


def bullets(items: Iterable[object], indent: str = "") -> list[str]:
    """A bullet list of escaped items."""
    return [f"{indent}- {md_escape(i)}" for i in items]


def bold(text: object) -> Raw:
    """**text** (escaped inside)."""
    return Raw(f"**{md_escape(text)}**")


def rag(status: str | None, arrow: str = "") -> Raw:
    """A rating as shown in tables: RED in capitals so it stands out in plain text too."""
    if not status:
        return Raw(DASH)
    shown = status.upper() if status in ("red", "stale", "missing", "unreadable") else status
    # escaped: a status can come back from last month's snapshot.json, which anyone can edit
    return Raw(f"{md_escape(shown)} {arrow}".rstrip())


def sentence(text: str) -> list[str]:
    """A paragraph of one escaped sentence (e.g. what a capped list leaves out); nothing for ''."""
    return [md_escape(text), ""] if text else []


def opt_int(value: int | None) -> str:
    """An optional count."""
    return DASH if value is None else str(value)
