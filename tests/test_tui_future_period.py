"""A period after this month in the TUI: a warning notice and a mark in the title, in the words
the CLI warns with on stderr (one definition, ``pmo.present.dates.future_period``)."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot

from pmo import clock
from pmo.present.dates import AFTER_THIS_MONTH, future_period
from pmo.tui.app import PmoApp
from tui_pilot import TODAY, drive, screen_text, settle

FUTURE = "2027-01"


@pytest.fixture(autouse=True)
def today(monkeypatch: pytest.MonkeyPatch) -> None:
    """Today is 2026-11-23, through ``pmo.clock`` (freezegun would stop the app's timers)."""
    monkeypatch.setattr(clock, "today", lambda: TODAY)


def _warnings(app: PmoApp) -> list[str]:
    return [n.message for n in app._notifications if n.severity == "warning"]


def _future_notices(app: PmoApp) -> list[str]:
    return [m for m in _warnings(app) if AFTER_THIS_MONTH in m]


def test_a_later_period_gives_a_warning_notice_in_the_cli_words_and_a_title_mark() -> None:
    seen: dict[str, object] = {}

    async def scenario(app: PmoApp, pilot: Pilot[None]) -> None:
        seen["notices"] = _future_notices(app)
        seen["sub_title"] = app.sub_title
        seen["screen"] = screen_text(app)

    drive(scenario, period=FUTURE, size=(80, 24))
    why = future_period(FUTURE, TODAY)
    assert why is not None and why.startswith(f"period {FUTURE} is after this month (2026-11)")
    assert seen["notices"] == [why[0].upper() + why[1:]]
    mark = f"⚠ {FUTURE} ({AFTER_THIS_MONTH}) — "
    assert str(seen["sub_title"]).startswith(mark)
    assert f"pmo — {mark}" in str(seen["screen"])  # in the header, whole at 80 columns


@pytest.mark.parametrize("period", ["2026-11", "2026-10"])
def test_this_month_or_earlier_gives_no_future_notice_or_mark(period: str) -> None:
    seen: dict[str, object] = {}

    async def scenario(app: PmoApp, pilot: Pilot[None]) -> None:
        seen["notices"] = _future_notices(app)
        seen["sub_title"] = app.sub_title

    drive(scenario, period=period)
    assert seen["notices"] == []
    assert str(seen["sub_title"]).endswith(f" — {period}")


def test_the_future_notice_is_given_once_per_period_and_the_mark_follows_the_period(
    tmp_path: Path,
) -> None:
    seen: dict[str, object] = {}

    async def scenario(app: PmoApp, pilot: Pilot[None]) -> None:
        app.reload()  # the same future period again (a file changed): not said again
        await settle(app, pilot)
        seen["after reload"] = len(_future_notices(app))
        app.reload("2027-02")  # another future month (the period picker): said for it
        await settle(app, pilot)
        seen["another month"] = _future_notices(app)[-1]
        app.reload("2026-11")  # back to a month with updates: the mark goes
        await settle(app, pilot)
        seen["sub_title"] = app.sub_title

    drive(scenario, period=FUTURE)
    assert seen["after reload"] == 1
    assert str(seen["another month"]).startswith("Period 2027-02 is after this month")
    assert str(seen["sub_title"]).endswith(" — 2026-11")
