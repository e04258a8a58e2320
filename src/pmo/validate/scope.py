"""One person's view of a validation: a programme's problems and cross-file ones involving it."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from pmo.problem import Problem
from pmo.store import LoadedPortfolio
from pmo.store.paths import PORTFOLIO_FILE, PROGRAMMES_DIR


def _references(loaded: LoadedPortfolio, ids: set[str]) -> dict[Path, list[str]]:
    """Other programmes' fields that name one of ``ids``: file -> field paths."""
    found: dict[Path, list[str]] = {}
    for folder, prog in loaded.programmes.items():
        model = prog.model
        if folder in ids or model is None:
            continue
        paths = ["parent"] if model.parent in ids else []
        paths += [
            f"dependencies[{i}]" for i, dep in enumerate(model.dependencies) if dep.programme in ids
        ]
        if paths:
            found[prog.source.file] = paths
    return found


def _under(path: str, prefix: str) -> bool:
    return path == prefix or path.startswith((f"{prefix}.", f"{prefix}["))


def involving(
    loaded: LoadedPortfolio,
    problems: Iterable[Problem],
    ids: set[str],
    *,
    all_errors: bool = False,
    portfolio_warnings: bool = False,
) -> list[Problem]:
    """The problems of the programmes ``ids`` and those elsewhere that involve them.

    Kept: everything in the programmes' folders; other programmes' ``parent`` and
    ``dependencies`` entries that name them; errors in portfolio.yaml (every programme is
    checked against it) and its warnings when ``portfolio_warnings``; with ``all_errors``,
    every error anywhere (a commit must not break the portfolio).
    """
    folders = [loaded.root / PROGRAMMES_DIR / i for i in ids]
    config = loaded.root / PORTFOLIO_FILE
    refs = _references(loaded, ids)
    kept = []
    for problem in problems:
        if (
            (all_errors and problem.severity == "error")
            or any(problem.file == f or f in problem.file.parents for f in folders)
            or (problem.file == config and (problem.severity == "error" or portfolio_warnings))
            or any(_under(problem.path, ref) for ref in refs.get(problem.file, ()))
        ):
            kept.append(problem)
    return kept
