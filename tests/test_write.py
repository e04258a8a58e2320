"""Atomic writes: all or nothing, the usual permissions, and no overwrite of a changed file."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from pmo.store.write import ChangedOnDisk, atomic_write_text, file_stamp


def test_new_file_gets_the_usual_permissions(tmp_path: Path) -> None:
    target = tmp_path / "a.yaml"
    atomic_write_text(target, "x: 1\n")
    umask = os.umask(0)
    os.umask(umask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~umask
    assert target.read_text() == "x: 1\n"


def test_replaced_file_keeps_its_permissions(tmp_path: Path) -> None:
    target = tmp_path / "a.yaml"
    target.write_text("old\n")
    target.chmod(0o640)
    atomic_write_text(target, "new\n")
    assert target.stat().st_mode & 0o777 == 0o640


def test_write_is_refused_when_the_file_changed_since_it_was_read(tmp_path: Path) -> None:
    target = tmp_path / "a.yaml"
    target.write_text("mine\n")
    stamp = file_stamp(target)
    target.write_text("someone else's longer edit\n")
    with pytest.raises(ChangedOnDisk):
        atomic_write_text(target, "overwrite\n", expect=stamp)
    assert target.read_text() == "someone else's longer edit\n"
    assert [p.name for p in tmp_path.iterdir()] == ["a.yaml"]  # no temp file left behind
