"""Problem values: one finding in one user file, with its position (the lowest layer)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, slots=True, order=True)
class Problem:
    """A finding in a user file: where it is, which rule, and what to do about it.

    ``line`` and ``col`` are 1-based; 0 means "the whole file".
    """

    file: Path
    line: int
    col: int
    path: str
    code: str
    message: str
    severity: Severity = "error"

    def render(self, shown_file: str) -> str:
        """``file:line:col: severity field.path: message`` (the editor-jumpable form)."""
        where = f"{shown_file}:{self.line}:{self.col}" if self.line else f"{shown_file}:1:1"
        field = f" {self.path}:" if self.path else ""
        return f"{where}: {self.severity}{field} {self.message}"


def error_count(problems: Iterable[Problem]) -> int:
    """How many of ``problems`` are errors: the one count `pmo validate` prints and every
    other command repeats (a warning is never counted)."""
    return sum(p.severity == "error" for p in problems)


MAX_PART = 60
"""Longer keys are cut short in field paths."""


def format_path(loc: tuple[str | int, ...]) -> str:
    """Render a field path as ``risks[2].likelihood``."""
    out = ""
    for part in loc:
        if isinstance(part, str) and len(part) > MAX_PART:  # a 2 MB key is not echoed whole
            part = f"{part[: MAX_PART - 1]}…"
        if isinstance(part, int):
            out += f"[{part}]"
        elif out:
            out += f".{part}"
        else:
            out = str(part)
    return out
