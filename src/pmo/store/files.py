"""Reading only regular files, bounded; and keeping reads and writes inside a root folder."""

from __future__ import annotations

import os
import stat
from pathlib import Path


class Refused(Exception):
    """The path is not something pmo reads or writes; the message says what it is instead."""

    def __init__(self, message: str, code: str = "not-a-file") -> None:
        super().__init__(message)
        self.code = code


def kind_of(mode: int) -> str:
    """What a file of this ``st_mode`` is, in words ("a named pipe (FIFO)", "a folder", ...)."""
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISLNK(mode):
        return "a symbolic link"
    return "not a regular file"


def read_regular(path: Path, limit: int) -> bytes:
    """The bytes of the regular file at ``path``, at most ``limit`` of them.

    The file is opened without blocking (a FIFO never hangs the open), its type and size are
    checked on the opened descriptor (what was checked is what is read), and the read stops at
    ``limit + 1`` bytes whatever the size said (``/proc`` files and growing files say 0).
    Raises Refused for anything but a regular file or when it is larger than ``limit``, and
    OSError when it cannot be opened.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    fd = os.open(path, flags)
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise Refused(f"this is {kind_of(st.st_mode)}, not a file; it was not read")
        if st.st_size > limit:
            raise Refused(too_large(st.st_size, limit), "file-too-large")
        chunks: list[bytes] = []
        left = limit + 1
        while left > 0:
            chunk = os.read(fd, min(left, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
        data = b"".join(chunks)
        if len(data) > limit:
            raise Refused(too_large(len(data), limit, more=True), "file-too-large")
        return data
    finally:
        os.close(fd)


def too_large(size: int, limit: int, *, more: bool = False) -> str:
    """The message for a file over the limit."""
    shown = f"more than {limit / 1048576:.1f} MB" if more else f"{size / 1048576:.1f} MB"
    return f"file is {shown}; the limit is {limit // 1048576} MB (is this really a portfolio file?)"


def leaves(path: Path, root: Path) -> bool:
    """True when ``path`` (following every link on the way) ends up outside ``root``."""
    try:
        real = Path(os.path.realpath(path))
        return not real.is_relative_to(os.path.realpath(root))
    except (OSError, ValueError):
        return True


def check_write_target(path: Path, root: Path) -> None:
    """Refuse to write ``path`` when a link on the way leads outside ``root``, or when what is
    there is not a regular file (a folder, a FIFO, a device). Missing parts are fine."""
    if leaves(path, root):
        raise Refused(
            f"{path} leads outside {root} through a symbolic link; refused to write there",
            "outside-output",
        )
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        return
    except NotADirectoryError:
        raise Refused(
            f"{path}: a part of this path is a file, not a folder", "not-a-folder"
        ) from None
    if stat.S_ISLNK(st.st_mode):  # inside the root (checked above): replaced, not followed
        return
    if not stat.S_ISREG(st.st_mode):
        raise Refused(f"{path} is {kind_of(st.st_mode)}, not a file; refused to write there")
