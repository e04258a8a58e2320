"""PMO edits of YAML files that keep comments, key order and layout, and never clobber a change.

Every edit reads the file (with its stamp), changes it with ruamel.yaml round-trip, renders the
new text, validates that text with pmo's own reader and model, and only then writes it
atomically, refusing if the file changed on disk since it was read. Top-level fields the edit
did not touch are kept byte for byte; only changed fields are re-rendered.
"""

from __future__ import annotations

import copy
import io
import os
import re
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError as RuamelError
from ruamel.yaml.scalarstring import DoubleQuotedScalarString

from pmo.model.update import Update
from pmo.problem import Problem
from pmo.store.files import Refused, leaves, read_regular
from pmo.store.model_errors import validate_doc
from pmo.store.paths import UPDATES_DIR, is_period, programme_dir, update_file
from pmo.store.scaffold import update_skeleton
from pmo.store.write import (
    ChangedOnDisk,
    FileStamp,
    atomic_write_bytes,
    file_stamp,
    new_file_mode,
)
from pmo.store.yamlread import MAX_FILE_BYTES, STR, YamlDoc, parse_into

M = TypeVar("M", bound=BaseModel)

CHANGED = "changed on disk since it was read; reload and try again"


@dataclass(slots=True)
class EditResult:
    """What an edit did: the file, whether it was written, and why not if it was not."""

    path: Path
    written: bool
    problems: list[Problem] = field(default_factory=list)
    stamp: FileStamp | None = None
    """The file's stamp after writing: pass it as ``expect`` to edit the file again."""


def _refused(path: Path, code: str, message: str) -> EditResult:
    return EditResult(path, False, [Problem(path, 0, 0, "", code, message)])


def _changed(path: Path) -> EditResult:
    return _refused(path, "changed-on-disk", f"{path.name} {CHANGED}")


# ---------------------------------------------------------------- reading and rendering


BOM = b"\xef\xbb\xbf"


def _read(path: Path) -> tuple[str, FileStamp, bool] | EditResult:
    """The file's text, the stamp it was read at and whether it starts with a UTF-8 byte order
    mark (or a refusal). Only a regular file is read, and at most MAX_FILE_BYTES of it."""
    before = file_stamp(path)
    if before is None:
        return _refused(path, "missing-file", f"{path.name} does not exist")
    if before[1] > MAX_FILE_BYTES:
        return _refused(path, "file-too-large", f"{path.name} is too large to edit")
    try:
        raw = read_regular(path, MAX_FILE_BYTES)
    except Refused as exc:
        return _refused(path, exc.code, f"{path.name}: {exc}")
    except OSError as exc:
        return _refused(path, "unreadable", f"cannot read {path.name}: {exc.strerror}")
    if file_stamp(path) != before:
        return _changed(path)
    try:
        return raw.decode("utf-8-sig"), before, raw.startswith(BOM)
    except UnicodeDecodeError:
        return _refused(path, "not-utf8", f"{path.name} is not UTF-8; save it as UTF-8")


_seq_item = re.compile(r"^( *)- ")
_key_line = re.compile(r"^( *)[^ #\-][^#]*:\s*(#.*)?$")


def _guess_indent(text: str) -> tuple[int, int]:
    """(mapping indent, dash offset) used by the file; 2 and 2 if it shows neither."""
    mapping = offset = None
    parent = None
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        width = len(line) - len(line.lstrip(" "))
        item = _seq_item.match(line)
        if parent is not None and width > parent:
            if item and offset is None:
                offset = width - parent
            elif not item and mapping is None:
                mapping = width - parent
        parent = width if _key_line.match(line) and not item else None
        if mapping is not None and offset is not None:
            break
    return mapping or 2, offset if offset is not None else 2


def _yaml(text: str) -> YAML:
    y = YAML(typ="rt")
    y.preserve_quotes = True
    y.width = 4096  # never re-wrap a long line
    mapping, offset = _guess_indent(text)
    y.indent(mapping=mapping, sequence=offset + 2, offset=offset)
    return y


def _dump(y: YAML, data: Any) -> str:
    out = io.StringIO()
    y.dump(data, out)
    return out.getvalue()


def _plain(value: Any) -> Any:
    """A comparable form of loaded data that tells 1 from true and '1' from 1."""
    if isinstance(value, dict):
        return ("map", [(_plain(k), _plain(v)) for k, v in value.items()])
    if isinstance(value, list):
        return ("seq", [_plain(v) for v in value])
    return (type(value).__name__ if not isinstance(value, str) else "str", str(value))


def _segments(text: str, data: CommentedMap) -> tuple[str, dict[Any, str]] | None:
    """Split a block mapping's text into the head and one chunk per top-level key."""
    if data.fa.flow_style() or not data:
        return None
    lines = text.splitlines(keepends=True)
    starts = [data.lc.key(k)[0] for k in data]
    if starts != sorted(set(starts)) or any(data.lc.key(k)[1] != 0 for k in data):
        return None
    ends = [*starts[1:], len(lines)]
    chunks = {}
    for key, start, end in zip(data, starts, ends, strict=True):
        chunk = "".join(lines[start:end])
        chunks[key] = chunk if chunk.endswith("\n") else chunk + "\n"
    return "".join(lines[: starts[0]]), chunks


def _tail(chunk: str) -> str:
    """The comment and blank lines that end a chunk: what sits between it and the next key."""
    lines = chunk.splitlines(keepends=True)
    keep = len(lines)
    while keep > 1 and (not lines[keep - 1].strip() or lines[keep - 1].lstrip().startswith("#")):
        keep -= 1
    return "".join(lines[keep:])


def _keep_tail(old_chunk: str | None, new_chunk: str) -> str:
    """A re-rendered chunk that still ends with the comments that followed the old one."""
    if old_chunk is None:
        return new_chunk
    old_tail, new_tail = _tail(old_chunk), _tail(new_chunk)
    if not old_tail or old_tail == new_tail:
        return new_chunk
    return new_chunk[: len(new_chunk) - len(new_tail)] + old_tail


def _splice(y: YAML, old_text: str, old: CommentedMap, new: CommentedMap, full: str) -> str:
    """Untouched top-level fields as they were; changed ones as ruamel rendered them."""
    before = _segments(old_text, old)
    if before is None or "\n---" in old_text or old_text.lstrip().startswith(("---", "%")):
        return full
    try:
        rendered = y.load(full)
    except RuamelError:
        return full
    after = _segments(full, rendered) if isinstance(rendered, CommentedMap) else None
    if after is None:
        return full
    head, old_chunks = before
    _, new_chunks = after
    out = [head]
    for key in new:
        same = key in old and _plain(old[key]) == _plain(new[key])
        out.append(old_chunks[key] if same else _keep_tail(old_chunks.get(key), new_chunks[key]))
    text = "".join(out)
    try:
        check = y.load(text)
    except RuamelError:
        return full
    return text if _plain(check) == _plain(new) else full


def render(text: str, mutate: Callable[[CommentedMap], None]) -> str:
    """The text of ``text`` after ``mutate`` (raises ruamel's YAMLError or ValueError)."""
    crlf = "\r\n" in text
    if crlf:
        text = text.replace("\r\n", "\n")
    y = _yaml(text)
    data = y.load(text)
    if not isinstance(data, CommentedMap):
        raise ValueError("expected a mapping of fields (key: value) at the top")
    old = copy.deepcopy(data)
    mutate(data)
    new_text = _splice(y, text, old, data, _dump(y, data))
    return new_text.replace("\n", "\r\n") if crlf else new_text


def safe_str(value: str) -> str:
    """``value`` quoted if YAML 1.1 (pmo's reader) would read it plain as something else."""
    resolver = yaml.resolver.Resolver()
    resolved = resolver.resolve(yaml.ScalarNode, value, (True, False))  # type: ignore[no-untyped-call]
    awkward = any(c in value for c in "\x85\u2028\u2029")  # line breaks to YAML, read apart
    return value if resolved == STR and not awkward else DoubleQuotedScalarString(value)


def check_text(path: Path, text: str, model: type[M]) -> tuple[M | None, list[Problem]]:
    """Read ``text`` as pmo would read ``path``: the model, or the problems."""
    doc = YamlDoc(path)
    parse_into(doc, text.encode("utf-8"))
    if not doc.ok:
        return None, doc.problems
    found = validate_doc(doc, model)
    errors = [p for p in doc.problems if p.severity == "error"]
    return (found if not errors else None), doc.problems


# ---------------------------------------------------------------- the edits


def edit_yaml(
    path: Path,
    mutate: Callable[[CommentedMap], None],
    model: type[M],
    expect: FileStamp | None = None,
    *,
    verify: Callable[[M], list[str]] | None = None,
) -> EditResult:
    """Change one YAML file in place, keeping comments and key order.

    Reads the file (``expect``: the stamp a UI took when it read the file earlier; refused if
    the file has changed since), applies ``mutate`` to the round-trip mapping, renders, checks
    the result with pmo's reader and ``model`` (and ``verify``, which returns messages), and
    writes atomically. Nothing is written if anything is wrong.
    """
    read = _read(path)
    if isinstance(read, EditResult):
        return read
    text, stamp, bom = read
    if expect is not None and stamp != expect:
        return _changed(path)
    try:
        new_text = render(text, mutate)
    except (RuamelError, ValueError) as exc:
        what = " ".join(str(exc).split())
        return _refused(path, "cannot-edit", f"cannot edit {path.name}: {what}")
    found, problems = check_text(path, new_text, model)
    if found is None:
        return EditResult(path, False, problems)
    for message in verify(found) if verify else []:
        problems.append(Problem(path, 0, 0, "", "not-kept", message))
    if any(p.severity == "error" for p in problems):
        return EditResult(path, False, problems)
    if new_text == text:
        return EditResult(path, False, problems, stamp)
    try:
        # the file as it was: its byte order mark, line endings (kept by render), and
        # (atomic_write_bytes) its mode and owner; a link inside the portfolio stays a link
        target = Path(os.path.realpath(path)) if os.path.islink(path) else path
        data = (BOM if bom else b"") + new_text.encode("utf-8")
        atomic_write_bytes(target, data, expect=stamp)
    except ChangedOnDisk:
        return _changed(path)
    except OSError as exc:
        return _refused(path, "unwritable", f"cannot write {path.name}: {exc.strerror}")
    return EditResult(path, True, problems, file_stamp(path))


def _update_path(root: Path, programme_id: str, period: str) -> Path | EditResult:
    try:
        path = update_file(root, programme_id, period)
    except ValueError as exc:
        return _refused(root, "bad-id", f"refused: {exc}")
    if leaves(path.parent, root) or (os.path.islink(path) and leaves(path, root)):
        return _refused(
            path, "outside-portfolio", f"{path.name} leads outside the portfolio; refused"
        )
    return path


def record_assurance(
    root: Path,
    programme_id: str,
    period: str,
    rag: str,
    note: str,
    *,
    by: str | None,
    on: date,
    expect: FileStamp | None = None,
) -> EditResult:
    """Set (or replace) the PMO's ``assurance: {rag, note, by, date}`` in one update.

    An existing assurance mapping is changed in place (its comments stay); a new one goes at
    the end of the file. ``by`` None leaves no ``by``.
    """
    path = _update_path(root, programme_id, period)
    if isinstance(path, EditResult):
        return path

    def mutate(data: CommentedMap) -> None:
        current = data.get("assurance")
        target = current if isinstance(current, CommentedMap) else CommentedMap()
        values: dict[str, Any] = {"rag": rag, "note": safe_str(note), "by": None, "date": on}
        if by is not None:
            values["by"] = safe_str(by)
        for key, value in values.items():
            if value is None:
                target.pop(key, None)
            else:
                target[key] = value
        for key in [k for k in target if k not in values]:
            del target[key]
        if target is not current:
            data.pop("assurance", None)
            data["assurance"] = target

    def verify(update: Update) -> list[str]:
        got = update.assurance
        if got is None or got.note != note or got.by != by or got.rag != rag or got.date != on:
            return ["the assurance would not read back exactly as entered; nothing written"]
        return []

    return edit_yaml(path, mutate, Update, expect, verify=verify)


def latest_update_before(root: Path, programme_id: str, period: str) -> Path | None:
    """The programme's most recent update file for a month before ``period``, if any."""
    folder = programme_dir(root, programme_id) / UPDATES_DIR
    try:
        periods = [
            p.stem
            for p in folder.iterdir()
            if p.suffix == ".yaml" and is_period(p.stem) and p.stem < period
        ]
    except OSError:
        return None
    return folder / f"{max(periods)}.yaml" if periods else None


def _create_exclusive(path: Path, text: str) -> bool:
    """Write a new file atomically; False (nothing written) if it already exists."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.fchmod(fd, new_file_mode())
        with os.fdopen(fd, "wb") as handle:
            handle.write(text.encode("utf-8"))
            handle.flush()
            os.fsync(handle.fileno())
        try:
            os.link(tmp, path)  # atomic, and fails if someone else created the file
        except FileExistsError:
            return False
        return True
    finally:
        Path(tmp).unlink(missing_ok=True)


def _empty(flow: CommentedSeq | CommentedMap) -> CommentedSeq | CommentedMap:
    flow.fa.set_flow_style()
    return flow


def draft_update(
    root: Path, programme_id: str, period: str, *, today: date, draft: bool = False
) -> EditResult:
    """Start the update for ``period`` from the latest earlier one, for the manager to revise.

    The copy keeps comments and layout; ``period`` and ``submitted`` are set, achievements,
    next and decisions emptied, benefits actuals cleared and the PMO's assurance removed;
    everything else (ratings, summary, finance...) is carried forward. With ``draft`` it is
    marked ``status: draft`` (left out of every figure until the manager removes the mark).
    With no earlier update to copy it is a commented template, always marked draft (see
    ``pmo.store.scaffold.update_skeleton``). Refused if the file exists.
    """
    path = _update_path(root, programme_id, period)
    if isinstance(path, EditResult):
        return path
    if path.exists() or path.is_symlink():
        return _refused(path, "exists", f"{path.name} already exists; edit it instead")
    source = latest_update_before(root, programme_id, period)
    if source is None:
        new_text = update_skeleton(period, today=today)
    else:
        read = _read(source)
        if isinstance(read, EditResult):
            return read
        text, _, _ = read

        def mutate(data: CommentedMap) -> None:
            data["period"] = period
            data.pop("status", None)
            if draft:
                data.insert(list(data).index("period") + 1, "status", "draft")
            data["submitted"] = today
            for key in ("achievements", "next", "decisions"):
                if key in data:
                    data[key] = _empty(CommentedSeq())
            if "benefits" in data:
                data["benefits"] = _empty(CommentedMap())
            data.pop("assurance", None)

        try:
            new_text = render(text, mutate)
        except (RuamelError, ValueError) as exc:
            what = " ".join(str(exc).split())
            return _refused(path, "cannot-edit", f"cannot draft from {source.name}: {what}")
    found, problems = check_text(path, new_text, Update)
    if found is None or any(p.severity == "error" for p in problems):
        return EditResult(path, False, problems)
    try:
        created = _create_exclusive(path, new_text)
    except OSError as exc:
        return _refused(path, "unwritable", f"cannot write {path.name}: {exc.strerror}")
    if not created:
        return _refused(path, "exists", f"{path.name} already exists; edit it instead")
    return EditResult(path, True, problems, file_stamp(path))
