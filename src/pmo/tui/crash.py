"""An unexpected error in the TUI: the traceback to a private log file, one line to the user."""

from __future__ import annotations

import os
import tempfile
import traceback
from pathlib import Path

from textual.worker import WorkerFailed

from pmo.present.terminal import shorten
from pmo.store.cache import cache_dir

LOG_NAME = "tui-error.log"


def log_path() -> Path:
    """Where the last unexpected error is logged: the cache directory (see README), else /tmp."""
    folder = cache_dir()
    return (folder if folder is not None else Path(tempfile.gettempdir())) / LOG_NAME


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        out.write(text)
    os.chmod(path, 0o600)


def record_crash(error: BaseException) -> str:
    """Log ``error`` with its traceback; the one terminal-safe line to show on exit."""
    if isinstance(error, WorkerFailed):  # a worker's error: name the error itself
        error = error.error
    what = shorten(f"{type(error).__name__}: {error}", 200)
    text = "".join(traceback.format_exception(error))
    try:
        path = log_path()
        _write(path, text)
        where = f"details in {path}"
    except OSError as exc:
        try:
            fd, name = tempfile.mkstemp(prefix="pmo-tui-error-", suffix=".log")
            with os.fdopen(fd, "w", encoding="utf-8") as out:
                out.write(text)
            where = f"details in {name}"
        except OSError:
            where = f"no log written ({shorten(str(exc), 80)})"
    return f"the terminal UI stopped on an unexpected error ({what}); {where}"
