"""File paths as people should see them: relative where they stand, or to the portfolio."""

from __future__ import annotations

import os
from pathlib import Path


def reports_beside(portfolio: Path) -> Path:
    """Where reports go unless told: the ``reports`` folder beside the portfolio directory, as
    in the repository's layout (``reports`` when pmo runs from the repository's top)."""
    return Path(shown_path(Path(os.path.abspath(portfolio)).parent / "reports"))


def shown_path(path: Path, base: Path | None = None) -> str:
    """``path`` relative to ``base`` (default: the working directory) when below it, else as given.

    Forward slashes always, so reports read the same on every machine; symlinked folders are
    compared both as given and resolved.
    """
    start = Path.cwd() if base is None else base
    # os.path.realpath, not Path.resolve: a link that loops must not raise (Python 3.11)
    real = Path(os.path.realpath(path)), Path(os.path.realpath(start))
    for inner, outer in ((path.absolute(), start.absolute()), real):
        try:
            return inner.relative_to(outer).as_posix()
        except ValueError:
            continue
    return str(path)
