"""One loaded file: its model, what reading it found, and positions in it for later problems."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Generic, TypeVar

from pydantic import BaseModel

from pmo.problem import Problem, Severity, format_path
from pmo.store.locate import Loc, position
from pmo.store.yamlread import YamlDoc, read_yaml

M = TypeVar("M", bound=BaseModel)


@dataclass(slots=True)
class Source(Generic[M]):
    """One loaded file: its model (None when invalid), what reading it found, and its node
    tree for positions (read again on first use when it came from the load cache)."""

    file: Path
    model: M | None
    problems: list[Problem]
    tree: YamlDoc | None = None

    @property
    def doc(self) -> YamlDoc:
        """The parsed file with its node tree."""
        if self.tree is None:
            self.tree = read_yaml(self.file)
        return self.tree

    def problem(
        self,
        loc: Loc,
        code: str,
        message: str,
        severity: Severity = "error",
        *,
        key: bool = False,
    ) -> Problem:
        """A Problem pointing at ``loc`` in this file."""
        line, col = position(self.doc.root, loc, key=key)
        return Problem(self.file, line, col, format_path(loc), code, message, severity)
