"""Discover and load a portfolio directory into models, keeping every file's node tree."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, TypeVar

from pydantic import BaseModel

from pmo.model import DmtNote, Portfolio, Programme, Update
from pmo.problem import Problem, Severity, format_path
from pmo.store.locate import Loc, position
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
from pmo.store.stamps import Kind, ReadCache
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


def _yaml_names(folder: Path) -> list[str]:
    try:
        return sorted(n for n in os.listdir(folder) if not n.startswith("."))
    except FileNotFoundError:
        return []


def load_portfolio(
    root: Path, cache: ReadCache | None = None, *, keep_trees: bool = True
) -> LoadedPortfolio:
    """Load every file of the portfolio at ``root``. Raises NotAPortfolio only if unusable.

    With ``cache`` (opened), unchanged files are taken from it and what was read is put in it;
    the caller saves it. ``keep_trees`` False keeps no node trees (see ``load_source``).

    A library call leaves the garbage collector alone: node trees and models hold no cycles,
    so entry points (the CLI, the TUI) pause the cyclic collector around loading, which
    otherwise re-scans the growing heap on every allocation burst.
    """
    loaded = _load_portfolio(root, cache, keep_trees)
    if cache is not None:
        cache.forget_missing(loaded.files())
    return loaded


def _load_portfolio(root: Path, cache: ReadCache | None, keep_trees: bool) -> LoadedPortfolio:
    if not root.is_dir():
        raise NotAPortfolio(f"{root}: no such directory")
    config_file = root / PORTFOLIO_FILE
    if not config_file.is_file():
        raise NotAPortfolio(f"{root}: no {PORTFOLIO_FILE} here; is this a portfolio directory?")
    # files are listed first and read at the end (in parallel when there are many): what was
    # found is kept in reading order, each file's problems taken once it has been read
    reader = Reader(cache, keep_trees)
    problems: list[Problem | Source[Any]] = []
    config = reader.source(config_file, Portfolio, "portfolio")
    reader.finish()  # the rating scale is needed below
    problems.append(config)
    scale = config.model.rag_scale if config.model else "five-point"

    programmes: dict[str, ProgrammeSource] = {}
    prog_root = root / PROGRAMMES_DIR
    root_resolved = root.resolve()
    for name in _yaml_names(prog_root):
        folder = prog_root / name
        if not folder.is_dir():
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
        if folder.is_symlink() and not folder.resolve().is_relative_to(root_resolved):
            problems.append(
                _whole_file(
                    folder,
                    "outside-portfolio",
                    "folder is a link to outside the portfolio; refused",
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
        if not prog_file.is_file():
            problems.append(
                _whole_file(folder, "missing-programme-file", f"folder has no {PROGRAMME_FILE}")
            )
            continue
        prog = ProgrammeSource(name, reader.source(prog_file, Programme, "programme"))
        problems.append(prog.source)
        updates_dir = folder / UPDATES_DIR
        for file_name in _yaml_names(updates_dir):
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
            update = reader.source(file, Update, "update")
            prog.updates[stem] = update
            problems.append(update)
        programmes[name] = prog

    dmt: dict[str, Source[DmtNote]] = {}
    for file_name in _yaml_names(root / DMT_DIR):
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
        note = reader.source(file, DmtNote, "dmt")
        dmt[stem] = note
        problems.append(note)
    reader.finish()
    for prog in programmes.values():
        for update in prog.updates.values():
            fit_rag_scale(update, scale)
    flat = [p for item in problems for p in (item.problems if isinstance(item, Source) else [item])]
    return LoadedPortfolio(root, config, programmes, dmt, flat)
