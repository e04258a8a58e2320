"""Safe writes: atomic (temp file + rename) and refused if the file changed since it was read."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path


class ChangedOnDisk(Exception):
    """The file was changed by someone else since it was read; nothing was written."""


FileStamp = tuple[int, int]
"""(mtime_ns, size): what "unchanged since read" is judged by before a write."""


def file_stamp(path: Path) -> FileStamp | None:
    """(mtime_ns, size) of a file, or None if it does not exist: what 'unchanged' is judged by."""
    try:
        st = path.stat()
    except FileNotFoundError:
        return None
    return st.st_mtime_ns, st.st_size


def new_file_mode() -> int:
    """The usual permissions of a new file: 0666 less the process's umask (not mkstemp's 0600)."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def _mode_for(path: Path) -> int:
    """The replaced file's permissions, or the usual ones for a new file."""
    try:
        return path.stat().st_mode & 0o7777
    except FileNotFoundError:
        return new_file_mode()


def _keep_owner(fd: int, path: Path) -> None:
    """Give the new file the replaced file's owner and group (an edit run as root, or by a
    member of the file's group, must not take the file over); best effort where not allowed."""
    try:
        st = path.stat()
    except OSError:
        return
    mine = os.fstat(fd)
    if (st.st_uid, st.st_gid) == (mine.st_uid, mine.st_gid):
        return
    try:
        os.fchown(fd, st.st_uid, st.st_gid)
    except PermissionError:
        with contextlib.suppress(PermissionError):  # an ordinary user may still keep the group
            os.fchown(fd, -1, st.st_gid)


def atomic_write_bytes(
    path: Path,
    data: bytes | Iterable[bytes],
    expect: FileStamp | None = None,
    *,
    mode: int | None = None,
) -> None:
    """Write ``data`` (bytes, or chunks of them written as they come) to ``path`` atomically.

    With ``expect`` (a ``file_stamp`` taken when the file was read), refuse with ChangedOnDisk
    if the file has changed since. The file keeps the replaced file's permissions (new files
    get the usual ones) unless ``mode`` says otherwise. Nothing is left behind on failure.
    """
    if expect is not None and file_stamp(path) != expect:
        raise ChangedOnDisk(f"{path} changed on disk since it was read; reload and try again")
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        _keep_owner(fd, path)  # before the mode: a change of owner may clear set-id bits
        os.fchmod(fd, _mode_for(path) if mode is None else mode)
        with os.fdopen(fd, "wb") as handle:
            if isinstance(data, bytes):
                handle.write(data)
            else:
                for chunk in data:
                    handle.write(chunk)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def atomic_write_text(path: Path, text: str, expect: FileStamp | None = None) -> None:
    """``atomic_write_bytes`` for UTF-8 text."""
    atomic_write_bytes(path, text.encode("utf-8"), expect)
