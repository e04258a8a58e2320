"""Where an export may write: refuse what pmo did not create, special files; write atomically.

Plain standard library (no SQL here), so the spreadsheet exports can use it too. The rules:
a path that exists must be a regular file that pmo exported before (``is_ours``) unless the
user says ``--force``; directories, devices, FIFOs and sockets are never written; the new file
is built unseen (an anonymous O_TMPFILE where the system has it) and renamed into place, and
temp files left by a killed export are removed by the next one.
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import stat
from collections.abc import Callable
from pathlib import Path

from pmo.store.write import new_file_mode


class ExportError(Exception):
    """The export cannot or must not run; the message says why and what to do (exit 2)."""


#: Temp names pmo gives its own files while they are built: .NAME.pmo-PID-RANDOM.tmp
_TEMP = re.compile(r"^\.(?P<name>.+)\.pmo-(?P<pid>\d+)-[0-9a-f]{8}\.tmp$")


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a directory"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


NOT_OURS = "is not a pmo export"
"""What a ``not_ours`` check says of a file pmo did not export (of this kind)."""


def _article(noun: str) -> str:
    return "an" if noun[:1].lower() in "aeiou" else "a"


def check_file_target(
    target: Path, not_ours: Callable[[Path], str | None], force: bool, what: str, example: str
) -> None:
    """Raise ExportError unless pmo may replace ``target`` with a new ``what`` file.

    ``not_ours`` recognises a previous pmo export by its metadata: None when it is one, else
    why not (``NOT_OURS``, said with the kind of file); it is only called on a regular file.
    ``example`` is a file name to suggest (``portfolio.db``).
    """
    parent = target.parent
    if not parent.is_dir():
        raise ExportError(f"{target}: directory {parent} does not exist")
    try:
        st = target.lstat()
    except FileNotFoundError:
        return
    except OSError as exc:
        raise ExportError(f"{target}: cannot check it: {exc.strerror}") from None
    if stat.S_ISLNK(st.st_mode):
        if force:
            return  # os.replace replaces the link itself, never what it points to
        raise ExportError(
            f"{target} is a symbolic link; pmo does not write through links. Give the real "
            f"path, or add --force to replace the link (not what it points to) with the {what}"
        )
    if stat.S_ISDIR(st.st_mode):
        raise ExportError(f"{target} is a directory; give a file name like {example}")
    if not stat.S_ISREG(st.st_mode):
        raise ExportError(
            f"{target} is {_kind(st.st_mode)}; pmo writes exports only to regular files"
        )
    if force:
        return
    why = not_ours(target)
    if why is None:
        return
    if why == NOT_OURS:  # say which kind: pmo's own export of another kind is not this one
        why = f"is not {_article(what)} {what} pmo exported"
    raise ExportError(
        f"{target} exists and {why}, so pmo will not replace it. Choose another name, or add "
        "--force to replace it"
    )


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def remove_stale_temps(target: Path) -> list[Path]:
    """Delete temp files a killed pmo export left beside ``target``; returns those removed."""
    removed: list[Path] = []
    try:
        entries = list(os.scandir(target.parent))
    except OSError:
        return removed
    for entry in entries:
        match = _TEMP.match(entry.name)
        if not match or match["name"] != target.name or _alive(int(match["pid"])):
            continue
        with contextlib.suppress(OSError):
            if entry.is_file(follow_symlinks=False):
                os.unlink(entry.path)
                removed.append(Path(entry.path))
    return removed


def _temp_name(target: Path) -> Path:
    return target.with_name(f".{target.name}.pmo-{os.getpid()}-{secrets.token_hex(4)}.tmp")


def _new_file_mode(target: Path) -> int:
    """A replaced export's permissions, else what a plain new file would get (0666 less umask)."""
    try:
        st = target.lstat()
        if stat.S_ISREG(st.st_mode):
            return stat.S_IMODE(st.st_mode)
    except FileNotFoundError:
        pass
    return new_file_mode()


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def _anonymous_file(directory: Path) -> int | None:
    """An unnamed file in ``directory`` (Linux O_TMPFILE): nothing to clean up if killed."""
    flag = getattr(os, "O_TMPFILE", None)
    if flag is None:
        return None
    try:
        return os.open(directory, flag | os.O_WRONLY, 0o600)
    except OSError:
        return None  # the file system does not support it: fall back to a named temp


def _write_named(tmp: Path, data: bytes, mode: int) -> None:
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        _write_all(fd, data)
        os.fchmod(fd, mode)
        os.fsync(fd)
    finally:
        os.close(fd)


def _write_unnamed(tmp: Path, data: bytes, mode: int) -> bool:
    """Write into an anonymous file and link it as ``tmp``; False where that is not possible."""
    fd = _anonymous_file(tmp.parent)
    if fd is None:
        return False
    try:
        _write_all(fd, data)
        os.fchmod(fd, mode)
        os.fsync(fd)
        try:
            os.link(f"/proc/self/fd/{fd}", tmp)
        except OSError:
            return False  # no /proc: the data is dropped with the descriptor
    finally:
        os.close(fd)
    return True


def write_atomically(target: Path, data: bytes) -> None:
    """Replace ``target`` with ``data``: all or nothing, and no temp file left behind.

    The data is written to an unnamed file where the system allows it, fsynced, linked under
    a pmo temp name only to be renamed over the target at once; a named temp is deleted on any
    error, and one left by a killed run is deleted by the next (``remove_stale_temps``).
    """
    remove_stale_temps(target)
    mode = _new_file_mode(target)
    tmp = _temp_name(target)
    try:
        if not _write_unnamed(tmp, data, mode):
            _write_named(tmp, data, mode)
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
