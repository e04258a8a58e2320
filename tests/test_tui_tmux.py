"""The TUI runs in a real terminal: tmux starts it, reads the screen, and quits it with `q`."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
TMUX = shutil.which("tmux")

pytestmark = pytest.mark.skipif(TMUX is None, reason="tmux not installed (apt-get install tmux)")


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


def test_tui_starts_in_tmux_shows_the_dashboard_and_quits_on_q() -> None:
    session = f"pmo-{uuid.uuid4().hex[:8]}"
    command = f"{sys.executable} -m pmo.cli tui portfolio --period 2026-11"
    _tmux("new-session", "-d", "-s", session, "-x", "140", "-y", "45", "-c", str(ROOT), command)
    try:
        screen = _wait_for(session, "CAST Operating Model Review")
        assert "Q1 Committed spend in 2026/27" in screen
        _tmux("send-keys", "-t", session, "Enter")
        _wait_for(session, "Overview")
        _tmux("send-keys", "-t", session, "Escape")
        _wait_for(session, "Q2 ")
        _tmux("send-keys", "-t", session, "q")
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and session in _tmux("list-sessions"):
            time.sleep(0.2)
        assert session not in _tmux("list-sessions"), "pmo did not quit on q"
    finally:
        _tmux("kill-session", "-t", session)
