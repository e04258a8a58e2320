"""Every RAG fill and coloured text of the TUI reads at WCAG contrast, in 256 colours and
truecolor (explicit xterm-palette colours: no terminal theme can turn the text grey)."""

from __future__ import annotations

import pytest
from rich.color import Color, ColorSystem
from rich.style import Style

from pmo.present.rag import RAG_STYLE
from pmo.tui.cells import TEXT_STYLE, score_style, utilisation_style

DARK_BACKGROUNDS = ("#121212", "#1e1e1e", "#272727")
"""Textual's dark theme: the screen, a surface and a zebra stripe."""
SYSTEMS = (ColorSystem.TRUECOLOR, ColorSystem.EIGHT_BIT)


def luminance(color: Color) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = color.get_truecolor()
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(a: Color, b: Color) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def shown(color: Color, system: ColorSystem) -> Color:
    return color.downgrade(system)


FILLS = {
    **{f"rag {k}": v for k, v in RAG_STYLE.items() if " on " in v},
    "capacity under 85%": utilisation_style(0.5),
    "capacity 85-100%": utilisation_style(0.9),
    "capacity over": utilisation_style(1.2),
    "capacity unknown": utilisation_style(None),
    "risk red": score_style(25, 15),
    "risk amber": score_style(9, 15),
    "risk green": score_style(2, 15),
}
TEXTS = {
    **{f"text {k}": v for k, v in TEXT_STYLE.items()},
    "rag not due": RAG_STYLE["not due"],
}


@pytest.mark.parametrize("system", SYSTEMS, ids=["truecolor", "256"])
@pytest.mark.parametrize("name", list(FILLS))
def test_a_filled_cell_reads_at_7_to_1(name: str, system: ColorSystem) -> None:
    style = Style.parse(FILLS[name])
    assert style.color is not None and style.bgcolor is not None
    ratio = contrast(shown(style.color, system), shown(style.bgcolor, system))
    assert ratio >= 7.0, f"{name}: {ratio:.1f}:1"


@pytest.mark.parametrize("system", SYSTEMS, ids=["truecolor", "256"])
@pytest.mark.parametrize("name", list(TEXTS))
def test_coloured_text_reads_at_4_5_to_1_on_the_dark_theme(name: str, system: ColorSystem) -> None:
    style = Style.parse(TEXTS[name])
    assert style.color is not None
    for background in DARK_BACKGROUNDS:
        ratio = contrast(shown(style.color, system), Color.parse(background))
        assert ratio >= 4.5, f"{name} on {background}: {ratio:.1f}:1"
