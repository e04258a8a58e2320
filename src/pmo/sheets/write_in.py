"""Writing an imported portfolio: a new folder only, built aside and renamed into place at once."""

from __future__ import annotations

import os
import shutil
import stat
import tempfile
from pathlib import Path

from pmo.sheets.build_in import Imported
from pmo.store.dump import dump_data
from pmo.store.paths import (
    DMT_DIR,
    PORTFOLIO_FILE,
    PROGRAMME_FILE,
    PROGRAMMES_DIR,
    UPDATES_DIR,
)
from pmo.store.write import new_file_mode

HEADER = "# Written by `pmo import` from {source}; check it with `pmo validate`.\n"


class TargetError(Exception):
    """The output folder cannot be used; nothing was written."""


def check_target(out: Path, force: bool) -> None:
    """Refuse anything but a new folder (or, with ``force``, an empty one)."""
    try:
        st = out.lstat()
    except FileNotFoundError:
        if not out.parent.is_dir():
            raise TargetError(f"{out}: the folder {out.parent} does not exist") from None
        return
    if stat.S_ISLNK(st.st_mode):
        raise TargetError(f"{out} is a symbolic link; give a new folder")
    if not stat.S_ISDIR(st.st_mode):
        raise TargetError(f"{out} exists and is not a folder; give a new folder")
    if (out / PORTFOLIO_FILE).exists() or (out / PROGRAMMES_DIR).exists():
        raise TargetError(
            f"{out} holds a portfolio; pmo import never writes into an existing portfolio"
        )
    if not force:
        raise TargetError(
            f"{out} already exists; pmo import writes a new folder (or an empty one with --force)"
        )
    if any(out.iterdir()):
        raise TargetError(f"{out} is not empty; --force writes only into an empty folder")


def files_of(imported: Imported, source: str) -> dict[str, str]:
    """Each file's path in the portfolio and its YAML text."""
    head = HEADER.format(source=source.replace("\n", " "))
    files = {PORTFOLIO_FILE: head + dump_data(imported.portfolio)}
    for pid, data in sorted(imported.programmes.items()):
        folder = f"{PROGRAMMES_DIR}/{pid}"
        files[f"{folder}/{PROGRAMME_FILE}"] = head + dump_data(data)
        for period, update in sorted(imported.updates.get(pid, {}).items()):
            files[f"{folder}/{UPDATES_DIR}/{period}.yaml"] = head + dump_data(update)
    for period, note in sorted(imported.dmt.items()):
        files[f"{DMT_DIR}/{period}.yaml"] = head + dump_data(note)
    return files


def write_portfolio(out: Path, files: dict[str, str], force: bool) -> None:
    """Write ``files`` into a temporary folder beside ``out``, then rename it to ``out``.

    Nothing is left behind on failure; ``out`` appears whole or not at all.
    """
    check_target(out, force)
    out = out.absolute()
    work = Path(tempfile.mkdtemp(prefix=f".{out.name}.pmo-import-", dir=out.parent))
    try:
        mode = new_file_mode()
        os.chmod(work, mode | (mode & 0o444) >> 2)  # mkdtemp's 0700 -> the usual 0755
        for rel, text in files.items():
            path = work / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            with open(path, "x", encoding="utf-8", newline="\n") as handle:
                handle.write(text)
        os.rename(work, out)  # replaces an empty folder (--force) in one step
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
