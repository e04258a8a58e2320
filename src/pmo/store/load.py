"""Discover and load a portfolio directory into models, keeping every file's node tree."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pmo.model import DmtNote, Portfolio, Programme, Update
from pmo.problem import Problem, Severity
from pmo.store.files import leaves
from pmo.store.parallel import Reader
from pmo.store.paths import (
    DMT_DIR,
    PORTFOLIO_FILE,
    PROGRAMME_FILE,
    PROGRAMMES_DIR,
    UPDATES_DIR,
    is_period,
    is_slug,
)
from pmo.store.rag_scale import fit_rag_scale
from pmo.store.source import M, Source
from pmo.store.stamps import Kind, ReadCache


@dataclass(slots=True)
class ProgrammeSource:
    """A programme folder: programme.yaml and its monthly updates by period."""

    folder: str
    source: Source[Programme]
    updates: dict[str, Source[Update]] = field(default_factory=dict)

    @property
    def model(self) -> Programme | None:
        return self.source.model


@dataclass(slots=True)
class LoadedPortfolio:
    """Everything read from a portfolio directory, valid or not, plus what reading found."""

    root: Path
    config: Source[Portfolio] | None
    programmes: dict[str, ProgrammeSource]
    dmt: dict[str, Source[DmtNote]]
    problems: list[Problem]
    unread_folders: tuple[str, ...] = ()
    """Programme folders (named as ids) whose programme.yaml could not be read at all (none,
    or a link to outside): not in ``programmes``, yet programmes that a reference may name."""

    @property
    def update_count(self) -> int:
        return sum(len(p.updates) for p in self.programmes.values())

    def files(self) -> list[Path]:
        """Every file read."""
        out = [self.config.file] if self.config else []
        for prog in self.programmes.values():
            out.append(prog.source.file)
            out.extend(u.file for u in prog.updates.values())
        out.extend(d.file for d in self.dmt.values())
        return out


def _whole_file(file: Path, code: str, message: str, severity: Severity = "error") -> Problem:
    return Problem(file, 0, 0, "", code, message, severity)


class NotAPortfolio(Exception):
    """The directory cannot be read as a portfolio at all (exit code 2)."""


def load_source(
    file: Path,
    model: type[M],
    cache: ReadCache | None = None,
    kind: Kind | None = None,
    *,
    keep_tree: bool = True,
) -> Source[M]:
    """Read and validate one file (or take it from ``cache`` when it is unchanged).

    ``keep_tree`` False drops the node tree once the model is built (``Source.doc`` reads the
    file again when a position is needed): a large portfolio then fits in far less memory.
    """
    reader = Reader(cache, keep_tree)
    source = reader.source(file, model, kind)
    reader.finish()
    return source


def _yaml_names(folder: Path, problems: list[Any], root: str) -> list[tuple[str, bool]]:
    """(name, is a link) of each visible entry of ``folder``, sorted; [] when it is missing.

    A folder that is a file, unreadable, or a link to outside the portfolio is a Problem.
    """
    try:
        if os.path.islink(folder) and leaves(folder, Path(root)):
            problems.append(_outside(folder, "folder"))
            return []
        with os.scandir(folder) as entries:
            found = [(e.name, e.is_symlink()) for e in entries if not e.name.startswith(".")]
    except FileNotFoundError:
        return []
    except NotADirectoryError:
        problems.append(
            _whole_file(folder, "not-a-folder", f"'{folder.name}' is a file; it should be a folder")
        )
        return []
    except OSError as exc:
        problems.append(
            _whole_file(folder, "unreadable", f"cannot read folder: {exc.strerror or exc}")
        )
        return []
    return sorted(found)


def _outside(path: Path, what: str) -> Problem:
    return _whole_file(
        path,
        "outside-portfolio",
        f"{what} is a link to outside the portfolio; it was not read",
    )


def load_portfolio(
    root: Path,
    cache: ReadCache | None = None,
    *,
    keep_trees: bool = True,
    started: Callable[[], None] | None = None,
) -> LoadedPortfolio:
    """Load every file of the portfolio at ``root``. Raises NotAPortfolio only if unusable.

    With ``cache`` (opened), unchanged files are taken from it and what was read is put in it;
    the caller saves it. ``keep_trees`` False keeps no node trees (see ``load_source``).
    ``started`` is called once worker processes are reading the files (a large portfolio).

    A library call leaves the garbage collector alone: node trees and models hold no cycles,
    so entry points (the CLI, the TUI) pause the cyclic collector around loading, which
    otherwise re-scans the growing heap on every allocation burst.
    """
    loaded = _load_portfolio(root, cache, keep_trees, started)
    if cache is not None:
        cache.forget_missing(loaded.files())
    return loaded


def _load_portfolio(
    root: Path,
    cache: ReadCache | None,
    keep_trees: bool,
    started: Callable[[], None] | None,
) -> LoadedPortfolio:
    if not os.path.isdir(root):
        raise NotAPortfolio(f"{root}: no such directory")
    config_file = root / PORTFOLIO_FILE
    try:
        os.lstat(config_file)
    except PermissionError:
        raise NotAPortfolio(f"{root}: cannot read the folder (permission denied)") from None
    except OSError:
        pass
    if not os.path.lexists(config_file):
        raise NotAPortfolio(f"{root}: no {PORTFOLIO_FILE} here; is this a portfolio directory?")
    if leaves(config_file, root):
        raise NotAPortfolio(f"{config_file} is a link to outside the portfolio; refused")
    # files are listed first and read at the end (in parallel when there are many): what was
    # found is kept in reading order, each file's problems taken once it has been read
    reader = Reader(cache, keep_trees, started)
    problems: list[Problem | Source[Any]] = []
    config = reader.source(config_file, Portfolio, "portfolio")
    reader.finish()  # the rating scale is needed below
    problems.append(config)
    scale = config.model.rag_scale if config.model else "five-point"

    programmes: dict[str, ProgrammeSource] = {}
    unread: list[str] = []
    prog_root = root / PROGRAMMES_DIR
    real_root = os.path.realpath(root)
    for name, link in _yaml_names(prog_root, problems, real_root):
        folder = prog_root / name
        if link and leaves(folder, Path(real_root)):
            problems.append(_outside(folder, "folder"))
            continue
        if not os.path.isdir(folder):
            problems.append(
                _whole_file(
                    folder,
                    "stray-file",
                    f"'{name}' is not a programme folder; "
                    "programmes/ holds one folder per programme",
                    "warning",
                )
            )
            continue
        if not is_slug(name):
            problems.append(
                _whole_file(
                    folder,
                    "bad-folder-name",
                    f"folder name '{name}' is not a lowercase id (a-z, 0-9, single hyphens); "
                    "rename the folder",
                )
            )
            continue
        prog_file = folder / PROGRAMME_FILE
        if os.path.islink(prog_file) and leaves(prog_file, Path(real_root)):
            problems.append(_outside(prog_file, "file"))
            unread.append(name)
            continue
        if not os.path.lexists(prog_file):
            problems.append(
                _whole_file(folder, "missing-programme-file", f"folder has no {PROGRAMME_FILE}")
            )
            unread.append(name)
            continue
        prog = ProgrammeSource(name, reader.source(prog_file, Programme, "programme"))
        problems.append(prog.source)
        updates_dir = folder / UPDATES_DIR
        for file_name, link in _yaml_names(updates_dir, problems, real_root):
            file = updates_dir / file_name
            stem, dot, ext = file_name.rpartition(".")
            if not dot or ext not in ("yaml", "yml") or not is_period(stem) or ext == "yml":
                problems.append(
                    _whole_file(
                        file,
                        "bad-file-name",
                        f"update file '{file_name}' should be named YYYY-MM.yaml "
                        "(e.g. 2026-11.yaml); "
                        "it was not read",
                    )
                )
                continue
            if link and leaves(file, Path(real_root)):
                problems.append(_outside(file, "file"))
                continue
            update = reader.source(file, Update, "update")
            prog.updates[stem] = update
            problems.append(update)
        programmes[name] = prog

    dmt: dict[str, Source[DmtNote]] = {}
    for file_name, link in _yaml_names(root / DMT_DIR, problems, real_root):
        file = root / DMT_DIR / file_name
        stem, _, ext = file_name.rpartition(".")
        if ext != "yaml" or not is_period(stem):
            problems.append(
                _whole_file(
                    file,
                    "bad-file-name",
                    f"DMT note '{file_name}' should be named YYYY-MM.yaml; it was not read",
                )
            )
            continue
        if link and leaves(file, Path(real_root)):
            problems.append(_outside(file, "file"))
            continue
        note = reader.source(file, DmtNote, "dmt")
        dmt[stem] = note
        problems.append(note)
    reader.finish()
    for prog in programmes.values():
        for update in prog.updates.values():
            fit_rag_scale(update, scale)
    flat = [p for item in problems for p in (item.problems if isinstance(item, Source) else [item])]
    return LoadedPortfolio(root, config, programmes, dmt, flat, tuple(unread))
