"""`pmo new update --edit` in a real terminal: tmux runs it, the editor opens the new file."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from test_catalogue import BASE

TMUX = shutil.which("tmux")
VI = shutil.which("vi")

pytestmark = pytest.mark.skipif(
    TMUX is None or VI is None, reason="tmux or vi not installed (apt-get install tmux vim)"
)


def _tmux(*args: str) -> str:
    assert TMUX is not None
    return subprocess.run([TMUX, *args], capture_output=True, text=True, check=False).stdout


def _wait_for(session: str, text: str, seconds: float = 20) -> str:
    deadline = time.monotonic() + seconds
    screen = ""
    while time.monotonic() < deadline:
        screen = _tmux("capture-pane", "-p", "-t", session)
        if text in screen:
            return screen
        time.sleep(0.2)
    raise AssertionError(f"{text!r} never appeared; last screen:\n{screen}")


def test_new_update_opens_the_drafted_file_in_the_editor_and_says_how_to_check_it(
    tmp_path: Path,
) -> None:
    shutil.copytree(BASE, tmp_path / "portfolio")
    session = f"pmo-new-{uuid.uuid4().hex[:8]}"
    command = (
        f"env EDITOR='{VI} -u NONE' {sys.executable} -m pmo.cli new update alpha "
        "--period 2026-12 --edit; sleep 30"
    )
    _tmux("new-session", "-d", "-s", session, "-x", "100", "-y", "30", "-c", str(tmp_path), command)
    try:
        screen = _wait_for(session, "period: 2026-12")
        assert "achievements: []" in screen
        _tmux("send-keys", "-t", session, "Escape", ":q", "Enter")
        screen = _wait_for(session, "check it with: pmo validate")
        assert "portfolio/programmes/alpha/updates/2026-12.yaml" in screen
    finally:
        _tmux("kill-session", "-t", session)
    text = (tmp_path / "portfolio/programmes/alpha/updates/2026-12.yaml").read_text("utf-8")
    assert "assurance" not in text
