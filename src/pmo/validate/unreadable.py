"""The one rule of what is unreadable: a programme's file with any error is not used at all."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from pmo.problem import Problem


def errors_by_file(problems: Iterable[Problem]) -> dict[Path, list[Problem]]:
    """Each file's errors, sorted (a file with none is absent): the files the analysis must
    treat as unreadable. A programme's folder, programme.yaml or monthly update with any
    error is not used at all (the programme is counted and listed as unreadable, the file
    named); a warning never makes a file unreadable. Pass every problem `pmo validate` finds
    (reading and cross-file checks) so that no command uses data validate calls an error."""
    out: dict[Path, list[Problem]] = {}
    for p in problems:
        if p.severity == "error":
            out.setdefault(p.file, []).append(p)
    return {file: sorted(found) for file, found in out.items()}
