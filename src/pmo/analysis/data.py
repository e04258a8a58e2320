"""The analysis input: the valid models of a portfolio by id and period, and what is unreadable."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pmo.model import DmtNote, Portfolio, Programme, Update
from pmo.present.words import join_words, plural
from pmo.problem import Problem
from pmo.store import LoadedPortfolio, Source
from pmo.store.paths import PROGRAMME_FILE, PROGRAMMES_DIR
from pmo.validate.dates import before_start, before_start_message
from pmo.validate.unreadable import errors_by_file


@dataclass(frozen=True, slots=True)
class Unreadable:
    """A file with format errors: which programme it belongs to and the first place to fix."""

    programme: str
    """The programme's id (its folder name)."""
    name: str
    """The programme's name as far as it can be read, else its id."""
    where: str
    """``file:line`` of the first error, relative to the portfolio root."""
    message: str
    """That error's message."""
    errors: int
    """How many errors the file has."""


@dataclass(frozen=True, slots=True)
class PortfolioData:
    """A portfolio as the analysis sees it. Programmes are sorted by id; updates by period."""

    config: Portfolio
    programmes: Mapping[str, Programme]
    updates: Mapping[str, Mapping[str, Update]] = field(default_factory=dict)
    dmt: Mapping[str, DmtNote] = field(default_factory=dict)
    unreadable: Mapping[str, Unreadable] = field(default_factory=dict)
    """Programmes whose programme.yaml has format errors, by id: in every count as unreadable."""
    unreadable_updates: Mapping[str, Mapping[str, Unreadable]] = field(default_factory=dict)
    """Update files with format errors, by programme id then period: never used as data."""
    drafts: Mapping[str, Mapping[str, Update]] = field(default_factory=dict)
    """Updates marked ``status: draft``, by programme id then period: shown, never used in
    any figure (they are not in ``updates``) until the manager removes the mark."""

    def broken_update(self, programme_id: str, period: str) -> Unreadable | None:
        """The unreadable update file of a programme for exactly ``period``, if there is one."""
        return self.unreadable_updates.get(programme_id, {}).get(period)

    def updates_of(self, programme_id: str) -> Mapping[str, Update]:
        """A programme's updates by period (empty if none)."""
        return self.updates.get(programme_id, {})

    def update(self, programme_id: str, period: str) -> Update | None:
        """A programme's update for exactly ``period``."""
        return self.updates.get(programme_id, {}).get(period)

    def latest_update(self, programme_id: str, period: str) -> tuple[str, Update] | None:
        """The latest (period, update) on or before ``period``."""
        found = [p for p in self.updates.get(programme_id, {}) if p <= period]
        if not found:
            return None
        latest = max(found)
        return latest, self.updates[programme_id][latest]

    def periods(self) -> list[str]:
        """Every period that has at least one update, ascending."""
        return sorted({p for ups in self.updates.values() for p in ups})

    def all_ids(self) -> list[str]:
        """Every programme, readable or not, sorted by id."""
        return sorted({*self.programmes, *self.unreadable})

    def name_of(self, programme_id: str) -> str:
        """A programme's name, readable or not."""
        if programme_id in self.programmes:
            return self.programmes[programme_id].name
        found = self.unreadable.get(programme_id)
        return found.name if found else programme_id


def _shown(file: Path, root: Path) -> str:
    try:
        return str(file.relative_to(root))
    except ValueError:
        return str(file)


def _unreadable(
    folder: str, file: Path, errors: list[Problem], root: Path, name: str
) -> Unreadable:
    """The file ``file`` of ``folder`` with these ``errors`` (sorted), kept as unreadable."""
    first: Problem | None = errors[0] if errors else None
    shown = _shown(file, root)
    where = f"{shown}:{first.line}" if first and first.line else shown
    message = first.message if first else "the file has errors (run pmo validate)"
    return Unreadable(folder, name, where, message, max(len(errors), 1))


def _before_start(model: Programme, source: Source[Any], root: Path) -> Unreadable:
    """An update for a month before its programme started: an error (pmo validate), never
    used, kept like an update with format errors so that every output says so."""
    period = source.model.period if source.model is not None else ""
    problem = source.problem(("period",), "update-before-start", "")
    shown = _shown(source.file, root)
    where = f"{shown}:{problem.line}" if problem.line else shown
    return Unreadable(model.id, model.name, where, before_start_message(model, period), 1)


def _raw_name(source: Source[Any], folder: str) -> str:
    """The ``name:`` of an unreadable programme.yaml when it is a plain string, else its
    folder; the folder too when its ``id:`` names another folder (a copied folder must not
    pass for the programme it was copied from)."""
    if source.model is not None:
        data: Any = {"id": source.model.id, "name": source.model.name}
    else:
        try:
            data = source.doc.data
        except Exception:
            return folder
    if not isinstance(data, dict) or data.get("id", folder) != folder:
        return folder
    name = data.get("name")
    return name.strip() if isinstance(name, str) and name.strip() else folder


def _lost_folders(
    loaded: LoadedPortfolio, errors: Mapping[Path, list[Problem]]
) -> dict[str, Unreadable]:
    """Programme folders with errors that were never read (no programme.yaml, a name that is
    not an id, a link to outside): unreadable, named by their folder, never dropped."""
    folders = loaded.root / PROGRAMMES_DIR
    found: dict[str, list[tuple[Path, list[Problem]]]] = {}
    for file, errs in errors.items():
        parts = _relative_parts(file, folders)
        if (
            parts
            and parts[0] not in loaded.programmes
            and (len(parts) == 1 or parts[1:] == (PROGRAMME_FILE,))
        ):
            found.setdefault(parts[0], []).append((file, errs))
    out = {}
    for folder, files in sorted(found.items()):
        file, _ = files[0]
        every = sorted(p for _, errs in files for p in errs)
        out[folder] = _unreadable(folder, file, every, loaded.root, folder)
    return out


def _relative_parts(file: Path, folder: Path) -> tuple[str, ...]:
    try:
        return file.relative_to(folder).parts
    except ValueError:
        return ()


def from_loaded(
    loaded: LoadedPortfolio, problems: Sequence[Problem] | None = None
) -> PortfolioData | None:
    """The portfolio as the analysis sees it (None when portfolio.yaml itself is invalid).

    ``problems``: every problem `pmo validate` finds (default: only those found reading the
    files). One rule decides what is used (``pmo.validate.unreadable.errors_by_file``): a
    programme whose programme.yaml (or folder) has any error is kept as :class:`Unreadable`
    (never dropped: it counts as "unreadable", named by its folder when it has no usable name); an
    update file with any error is kept the same way and its data is never used (the programme
    is "unreadable" for that period, not stale on old data), and so is an update for a month
    before the programme started.
    """
    if loaded.config is None or loaded.config.model is None:
        return None
    root = loaded.root
    errors = errors_by_file(loaded.problems if problems is None else problems)
    programmes: dict[str, Programme] = {}
    updates: dict[str, dict[str, Update]] = {}
    unreadable: dict[str, Unreadable] = _lost_folders(loaded, errors)
    broken: dict[str, dict[str, Unreadable]] = {}
    drafts: dict[str, dict[str, Update]] = {}
    for folder in sorted(loaded.programmes):
        prog = loaded.programmes[folder]
        model = prog.source.model
        file = prog.source.file
        if model is None or file in errors or model.id != folder:
            name = _raw_name(prog.source, folder)
            unreadable[folder] = _unreadable(folder, file, errors.get(file, []), root, name)
            continue
        early = {p: src for p, src in prog.updates.items() if before_start(model, p)}
        valid = {
            p: src.model
            for p, src in sorted(prog.updates.items())
            if src.model is not None and p not in early and src.file not in errors
        }
        updates[model.id] = {p: u for p, u in valid.items() if u.status != "draft"}
        if len(updates[model.id]) < len(valid):
            drafts[model.id] = {p: u for p, u in valid.items() if u.status == "draft"}
        bad = {
            period: _unreadable(model.id, src.file, errors.get(src.file, []), root, model.name)
            for period, src in sorted(prog.updates.items())
            if src.model is None or src.file in errors
        }
        bad |= {
            period: _before_start(model, src, root)
            for period, src in early.items()
            if src.model is not None
        }
        if bad:
            broken[model.id] = dict(sorted(bad.items()))
        programmes[model.id] = model
    dmt = {p: s.model for p, s in sorted(loaded.dmt.items()) if s.model is not None}
    unreadable = dict(sorted(unreadable.items()))
    return PortfolioData(loaded.config.model, programmes, updates, dmt, unreadable, broken, drafts)


def _other_files(data: PortfolioData, loaded: LoadedPortfolio) -> list[str]:
    """Files that failed to load (their data not used) other than programmes and updates:
    a DMT note, a stray file. Only what reading found: a DMT note that loaded but breaks a
    cross-file check is still used (a programme's files follow ``errors_by_file``)."""
    root = loaded.root
    used = {str(u.where).split(":")[0] for u in data.unreadable.values()}
    used |= {
        u.where.split(":")[0] for ups in data.unreadable_updates.values() for u in ups.values()
    }
    return sorted(
        {
            _shown(p.file, root)
            for p in loaded.problems
            if p.severity == "error" and _shown(p.file, root) not in used
        }
    )


def left_out_summary(data: PortfolioData, loaded: LoadedPortfolio) -> str | None:
    """:func:`left_out` in one short line, for a banner (None when every file was used):
    "1 programme cannot be read: counted as unreadable, none of its figures used"."""
    programmes = len(data.unreadable)
    updates = sum(len(ups) for ups in data.unreadable_updates.values())
    others = len(_other_files(data, loaded))
    parts = []
    if programmes:
        its = "its" if programmes == 1 else "their"
        parts.append(
            f"{plural(programmes, 'programme')} cannot be read: counted as unreadable, "
            f"none of {its} figures used"
        )
    if updates:
        parts.append(f"{plural(updates, 'update file')} with errors not used")
    if others:
        parts.append(f"{plural(others, 'other file')} with errors not used")
    return "; ".join(parts) or None


def left_out(data: PortfolioData, loaded: LoadedPortfolio) -> list[str]:
    """What files with format errors mean for the figures: exactly what is and is not used."""
    out: list[str] = []
    if data.unreadable:
        names = [f"{u.name} ({u.where})" for _, u in sorted(data.unreadable.items())]
        out.append(
            f"{plural(len(names), 'programme')} cannot be read: counted as unreadable, "
            f"none of {'its' if len(names) == 1 else 'their'} figures used ({join_words(names)})"
        )
    broken = [u.where for ups in data.unreadable_updates.values() for u in ups.values()]
    if broken:
        out.append(
            f"{plural(len(broken), 'update file')} with errors not used (the programme is "
            f"unreadable for that month) ({join_words(sorted(broken))})"
        )
    drafts = sorted(f"{pid} {p}" for pid, ups in data.drafts.items() for p in ups)
    if drafts:
        out.append(
            f"{plural(len(drafts), 'draft update')} not used until the manager removes "
            f"`status: draft` ({join_words(drafts)})"
        )
    others = _other_files(data, loaded)
    if others:
        out.append(
            f"{plural(len(others), 'other file')} with errors not used ({join_words(others)})"
        )
    return out
