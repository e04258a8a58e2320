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
        # the dashboard again (its chip bar); a q sent right after Escape would read as Alt+q
        _wait_for(session, "of 27 programmes")
        time.sleep(0.3)
        _tmux("send-keys", "-t", session, "q")
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and session in _tmux("list-sessions"):
            time.sleep(0.2)
        assert session not in _tmux("list-sessions"), "pmo did not quit on q"
    finally:
        _tmux("kill-session", "-t", session)


def _start(session: str, root: Path, size: tuple[int, int] = (140, 45)) -> None:
    command = (
        f"env -u EDITOR -u VISUAL {sys.executable} -m pmo.cli tui {root} --period 2026-11 "
        "--no-cache"
    )
    _tmux(
        "new-session",
        "-d",
        "-s",
        session,
        "-x",
        str(size[0]),
        "-y",
        str(size[1]),
        "-c",
        str(ROOT),
        command,
    )


def _open(session: str, name: str) -> None:
    """Filter the dashboard to one programme and open it."""
    _wait_for(session, "of 27 programmes")
    _tmux("send-keys", "-t", session, "/")
    _wait_for(session, "Filter programmes (Enter to keep")  # the box has the focus
    _tmux("send-keys", "-t", session, "-l", name)
    _wait_for(session, "1 of 27 programmes")  # the chip bar leads with the count
    _tmux("send-keys", "-t", session, "Enter")  # keep the filter, back to the table
    time.sleep(0.3)
    _tmux("send-keys", "-t", session, "Enter")
    _wait_for(session, "Business case")


def test_in_tmux_enter_in_the_assurance_form_and_the_draft_dialog_writes_nothing(
    tmp_path: Path,
) -> None:
    root = tmp_path / "portfolio"
    shutil.copytree(ROOT / "portfolio", root)
    updates = root / "programmes" / "care-leavers-offer" / "updates"
    november = (updates / "2026-11.yaml").read_bytes()
    session = f"pmo-{uuid.uuid4().hex[:8]}"
    _start(session, root)
    try:
        _open(session, "Care Leavers")
        _tmux("send-keys", "-t", session, "a")
        _wait_for(session, "Choose the PMO's rating")
        _tmux("send-keys", "-t", session, "-l", "checked at the challenge session")
        _tmux("send-keys", "-t", session, "Enter")
        _wait_for(session, "Enter does not save")
        _tmux("send-keys", "-t", session, "Escape")
        time.sleep(0.5)
        assert (updates / "2026-11.yaml").read_bytes() == november
        _tmux("send-keys", "-t", session, "d")
        _wait_for(session, "Draft the 2026-12 update")
        _tmux("send-keys", "-t", session, "Enter")  # Cancel has the focus
        time.sleep(0.5)
        assert not (updates / "2026-12.yaml").exists()
        _tmux("send-keys", "-t", session, "d")
        _wait_for(session, "Draft the 2026-12 update")
        _tmux("send-keys", "-t", session, "y")
        _wait_for(session, "Drafted")
        text = (updates / "2026-12.yaml").read_text(encoding="utf-8")
        assert "period: 2026-12\nstatus: draft\n" in text
        assert (updates / "2026-11.yaml").read_bytes() == november
        _tmux("send-keys", "-t", session, "q")
    finally:
        _tmux("kill-session", "-t", session)


def test_in_tmux_at_80_by_24_r_says_where_and_enter_writes_no_report(tmp_path: Path) -> None:
    root = tmp_path / "portfolio"
    shutil.copytree(ROOT / "portfolio", root)
    session = f"pmo-{uuid.uuid4().hex[:8]}"
    command = f"env -u EDITOR -u VISUAL {sys.executable} -m pmo.cli tui {root} --no-cache"
    _tmux("new-session", "-d", "-s", session, "-x", "80", "-y", "24", "-c", str(tmp_path), command)
    reports = tmp_path / "reports" / "2026-11"
    try:
        _wait_for(session, "of 27 programmes")
        screen = _wait_for(session, "^p palette")
        footer = next(line for line in screen.splitlines() if "^p palette" in line)
        assert footer.startswith(" ? Help  q Quit")
        assert "h Risks" in footer and "v Qual" not in footer  # whole keys only
        _tmux("send-keys", "-t", session, "R")
        screen = _wait_for(session, "Write the DMT report for 2026-11?")
        assert str(reports) in screen.replace("█", "").replace("\n", "").replace(" ", "")
        _tmux("send-keys", "-t", session, "Enter")  # Cancel has the focus
        _wait_for(session, "of 27 programmes")
        time.sleep(0.5)
        assert not reports.exists()
        _tmux("send-keys", "-t", session, "e")  # Q2: every rating on screen, as letters
        screen = _wait_for(session, "Ovr  Sch  Cost  Scp  Res  Rsk  Ben")
        time.sleep(0.3)
        _tmux("send-keys", "-t", session, "R")
        _wait_for(session, "Write the DMT report for 2026-11?")
        _tmux("send-keys", "-t", session, "y")
        _wait_for(session, "2026-11 written", seconds=60)
        assert (reports / "dmt-report.html").is_file()
        _tmux("send-keys", "-t", session, "q")
    finally:
        _tmux("kill-session", "-t", session)
