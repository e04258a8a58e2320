"""An unexpected error in the TUI: exit code 1, one terminal-safe line, the traceback in a log."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, NoReturn

import pytest

from pmo import cli
from pmo.tui import dashboard
from pmo.tui.app import PmoApp
from pmo.tui.crash import LOG_NAME
from tui_pilot import PERIOD, SAMPLE

BOOM = "[/x] boom \x1b[2J"


def explode(*args: Any, **kwargs: Any) -> NoReturn:
    raise RuntimeError(BOOM)


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("PMO_CACHE_DIR", str(folder))
    return folder


def test_an_unexpected_error_exits_1_with_one_line_and_a_log(
    cache: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(dashboard, "build_rows", explode)
    run = PmoApp.run
    apps: list[PmoApp] = []

    def headless(self: PmoApp, *args: Any, **kwargs: Any) -> None:
        apps.append(self)
        run(self, headless=True, size=(100, 30))

    monkeypatch.setattr(PmoApp, "run", headless)
    assert cli.main(["tui", str(SAMPLE), "--period", PERIOD, "--no-cache"]) == 1
    err = capsys.readouterr().err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert "Traceback" not in err and "\x1b" not in err
    log = cache / LOG_NAME
    assert lines[0].startswith("pmo: the terminal UI stopped on an unexpected error")
    assert "RuntimeError: [/x] boom \\x1b[2J" in lines[0] and str(log) in lines[0]
    assert "Traceback" in log.read_text(encoding="utf-8") and BOOM in log.read_text("utf-8")
    assert os.stat(log).st_mode & 0o777 == 0o600
    assert apps and apps[0].return_code == 1


def test_a_clean_quit_exits_0(monkeypatch: pytest.MonkeyPatch) -> None:
    run = PmoApp.run

    def quit_at_once(self: PmoApp, *args: Any, **kwargs: Any) -> None:
        self.call_later(self.exit)
        run(self, headless=True, size=(100, 30))

    monkeypatch.setattr(PmoApp, "run", quit_at_once)
    assert cli.main(["tui", str(SAMPLE), "--period", PERIOD, "--no-cache"]) == 0
