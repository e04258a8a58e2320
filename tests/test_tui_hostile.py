"""Hostile text in the portfolio's files never acts on the terminal and never crashes the TUI.

Names, titles and notes with control characters, ESC sequences, bidi overrides and Rich or
Textual markup are written into a small portfolio; every view is opened and its screen
checked: the text is there, shown literally (escapes visible), and nothing raw reaches it.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from textual.pilot import Pilot
from textual.widgets import TabbedContent

from pmo.present.terminal import has_unsafe
from pmo.tui.app import PmoApp
from pmo.tui.dashboard import DashboardScreen
from pmo.tui.programme import ProgrammeScreen
from pmo.tui.quality import QualityScreen
from pmo.tui.screens import ErrorScreen
from pmo.tui.views_risk import RiskHeatmapScreen
from tui_pilot import drive, screen_text

BASE = Path(__file__).resolve().parent / "catalogue" / "base"
PERIOD = "2026-11"
SIZE = (200, 50)
LINK = "[link=https://evil.example]click[/link]"
HOSTILE = f"N [/x] {LINK} [bold]b[/] $var \x1b]2;PWNED\x07\x1b[2J \u202eevil"


def write_portfolio(root: Path, text: str) -> None:
    """The catalogue's small portfolio with ``text`` in every free-text field of alpha."""
    shutil.copytree(BASE, root)
    prog_path = root / "programmes" / "alpha" / "programme.yaml"
    prog: dict[str, Any] = yaml.safe_load(prog_path.read_text(encoding="utf-8"))
    prog["name"] = text
    prog["summary"] = text
    prog["sro"] = text
    prog["milestones"][0]["title"] = text
    prog["risks"][0]["title"] = text
    prog["risks"][0]["owner"] = text
    prog["benefits"][0]["title"] = text
    prog["benefits"][0]["unit"] = text
    prog["issues"] = [
        {"id": "hostile", "title": text, "severity": 3, "status": "open", "raised": "2026-10-01"}
    ]
    prog_path.write_text(yaml.safe_dump(prog, allow_unicode=False), encoding="utf-8")
    up_path = root / "programmes" / "alpha" / "updates" / f"{PERIOD}.yaml"
    update: dict[str, Any] = yaml.safe_load(up_path.read_text(encoding="utf-8"))
    update["summary"] = text
    update["path_to_green"] = text
    update["finance"]["narrative"] = text
    up_path.write_text(yaml.safe_dump(update, allow_unicode=False), encoding="utf-8")


async def every_view(app: PmoApp, pilot: Pilot[None], quick: bool = False) -> list[tuple[str, str]]:
    """(where, screen text) for the dashboard, every programme tab and every portfolio view.

    ``quick``: only the screens that show the most fields (for the property test).
    """
    shown_tabs = ("overview", "risks", "issues", "benefits") if quick else None
    seen: list[tuple[str, str]] = []
    assert isinstance(app.screen, DashboardScreen)
    seen.append(("dashboard", screen_text(app)))
    app.open_programme("alpha")
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, ProgrammeScreen)
    for tab, _ in ProgrammeScreen.TABS:
        if shown_tabs is not None and tab not in shown_tabs:
            continue
        screen.action_show_tab(tab)
        await pilot.pause()
        seen.append((f"programme {tab}", screen_text(app)))
    await pilot.press("escape")
    await pilot.pause()
    views = (("e", "q2-tabs"),) if quick else (("c", "q1-tabs"), ("e", "q2-tabs"), ("b", "q3-tabs"))
    for key, tabs in views:
        await pilot.press(key)
        await pilot.pause()
        content = app.screen.query_one(f"#{tabs}", TabbedContent)
        for _ in range(2 if quick else content.tab_count):
            seen.append((f"{key} {content.active}", screen_text(app)))
            await pilot.press("right_square_bracket")
            await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
    await pilot.press("h")
    await pilot.pause()
    heatmap = app.screen
    assert isinstance(heatmap, RiskHeatmapScreen)
    heatmap.show_cell(3, 4)  # alpha's risk: likelihood 3, impact 4
    await pilot.pause()
    seen.append(("risk heatmap", screen_text(app)))
    await pilot.press("escape")
    await pilot.pause()
    if quick:
        return seen
    await pilot.press("v")
    await pilot.pause()
    assert isinstance(app.screen, QualityScreen)
    seen.append(("data quality", screen_text(app)))
    await pilot.press("escape")
    await pilot.pause()
    await pilot.press("ctrl+p", *"alpha")
    await pilot.pause(0.3)
    seen.append(("command palette", screen_text(app)))
    await pilot.press("escape")
    await pilot.pause()
    return seen


def test_hostile_names_are_shown_literally_in_every_view(tmp_path: Path) -> None:
    root = tmp_path / "portfolio"
    write_portfolio(root, HOSTILE)
    seen: list[tuple[str, str]] = []

    async def scenario(app: PmoApp, pilot: Pilot[None]) -> None:
        seen.extend(await every_view(app, pilot))

    app = drive(scenario, root, size=SIZE)
    assert app.crash is None
    for where, text in seen:
        assert not has_unsafe(text), f"raw control or bidi character on the {where} screen"
        assert "PWNED" not in text or "\\x1b]2;PWNED" in text, where
    # names may be cut to their column: the markup's start is shown as typed, never applied
    shown = {where for where, text in seen if "N [/x] [link=https://evil.example]" in text}
    for where in (
        "dashboard",
        "programme overview",
        "programme milestones",
        "programme risks",
        "programme issues",
        "programme benefits",
        "c q1-coverage",
        "c q1-priority",
        "c q1-scenario",
        "e q2-grid",
        "e q2-exceptions",
        "b q3-benefits",
        "risk heatmap",
        "command palette",
    ):
        assert where in shown, f"the name is not shown literally on the {where} screen"
    overview = dict(seen)["programme overview"]
    assert "\\x1b]2;PWNED\\x07" in overview and "⟨U+202E⟩evil" in overview


def test_markup_in_an_error_message_is_shown_not_applied(tmp_path: Path) -> None:
    root = tmp_path / "portfolio"
    shutil.copytree(BASE, root)
    config = root / "portfolio.yaml"
    config.write_text(
        config.read_text(encoding="utf-8") + '"[/x] [link=https://evil.example]k[/link]": 1\n',
        encoding="utf-8",
    )
    texts: list[str] = []

    async def scenario(app: PmoApp, pilot: Pilot[None]) -> None:
        assert isinstance(app.screen, ErrorScreen)
        texts.append(screen_text(app))

    app = drive(scenario, root, size=SIZE)
    assert app.crash is None
    assert "[/x] [link=https://evil.example]k[/link]" in texts[0]


HOSTILE_CHARS = st.sampled_from(
    [
        "\x1b",
        "\x07",
        "\x00",
        "\x08",
        "\r",
        "\n",
        "\t",
        "\x7f",
        "\x9b",
        "\u202e",
        "\u2066",
        "\u200b",
        "\ufeff",
        "[",
        "]",
        "/",
        "=",
        "@",
        "$",
        "\\",
        "link",
        "[/]",
        "[b]",
        "é",
        "漢",
        "🙂",
        " ",
    ]
)
HOSTILE_TEXT = st.lists(
    HOSTILE_CHARS | st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=12
).map(lambda parts: "N" + "".join(parts))


@settings(
    max_examples=3,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(text=HOSTILE_TEXT)
def test_random_unicode_never_reaches_the_screen_raw_nor_crashes(
    tmp_path_factory: pytest.TempPathFactory, text: str
) -> None:
    root = tmp_path_factory.mktemp("hostile") / "portfolio"
    write_portfolio(root, text)
    seen: list[tuple[str, str]] = []

    async def scenario(app: PmoApp, pilot: Pilot[None]) -> None:
        if isinstance(app.screen, ErrorScreen):  # the text made a file invalid: shown safely
            seen.append(("error", screen_text(app)))
            return
        seen.extend(await every_view(app, pilot, quick=True))

    app = drive(scenario, root, size=SIZE)
    assert app.crash is None
    for where, shown in seen:
        assert not has_unsafe(shown), f"raw control or bidi character on the {where} screen"
