"""The HTML report is accessible (WCAG 2.2 AA): axe-core in Chromium, reflow at 320 px, print.

axe-core comes from npm (tests/a11y/package.json, installed by ``npm ci`` in .ci/run); it is
evaluated in Debian's chromium over the DevTools pipe (tests/cdp.py). Nothing downloads a
browser. Without Chromium, or without axe-core, the axe tests skip and say why.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from cdp import CHROMIUM, Browser, Page, open_page

AXE = Path(__file__).resolve().parent / "a11y" / "node_modules" / "axe-core" / "axe.min.js"
#: WCAG 2.0, 2.1 and 2.2, levels A and AA (axe has no wcag22a tag: 2.2's A rule is in 2.1's).
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
NARROW = 320  # WCAG 1.4.10 reflow: 1280 px at 400% zoom

pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="Chromium not installed (bash .ci/run installs Debian's chromium)"
)


#: The rules whose outcome can differ between screen and print media (colours, sizes,
#: scrolling); the rest test markup, which is the same in both, so the print run skips them.
MEDIA_RULES = [
    "color-contrast",
    "target-size",
    "scrollable-region-focusable",
    "link-in-text-block",
    "avoid-inline-spacing",
]


def _axe(page: Page, rules: list[str] | None = None) -> list[dict[str, Any]]:
    """axe-core's violations on the loaded page, for the WCAG 2.2 A and AA rules (``rules``:
    only those of them)."""
    if not AXE.is_file():
        pytest.skip("axe-core not installed: run `npm ci` in tests/a11y (bash .ci/run does)")
    if not page.eval("typeof window.axe === 'object'"):
        page.eval(AXE.read_text(encoding="utf-8") + "\n;0")
    only = {"type": "rule", "values": rules} if rules else {"type": "tag", "values": TAGS}
    options = {"runOnly": only, "resultTypes": ["violations"]}
    result = page.eval(
        f"axe.run(document, {json.dumps(options)}).then(r => r.violations.map(v => ({{"
        "id: v.id, impact: v.impact, help: v.help,"
        " nodes: v.nodes.map(n => [n.target.join(' '), n.failureSummary])}))"
        ")",
        wait=True,
    )
    assert isinstance(result, list)
    return result


def _readable(violations: list[dict[str, Any]]) -> str:
    lines = []
    for v in violations:
        lines.append(f"{v['id']} ({v['impact']}, {len(v['nodes'])} nodes): {v['help']}")
        for target, why in v["nodes"][:4]:
            lines.append(f"    {target}: {' '.join(str(why).split())[:240]}")
    return "\n".join(lines)


@pytest.fixture(scope="module")
def axe_page(browser: Browser, sample_report: Path) -> Page:
    return open_page(browser, sample_report)


def test_report_has_no_axe_violations_on_screen(axe_page: Page) -> None:
    axe_page.browser.send("Emulation.setEmulatedMedia", axe_page.session, media="screen")
    violations = _axe(axe_page)
    assert violations == [], _readable(violations)


def test_report_has_no_axe_violations_in_print(axe_page: Page) -> None:
    axe_page.browser.send("Emulation.setEmulatedMedia", axe_page.session, media="print")
    try:
        violations = _axe(axe_page, MEDIA_RULES)
    finally:
        axe_page.browser.send("Emulation.setEmulatedMedia", axe_page.session, media="")
    assert violations == [], _readable(violations)


def test_axe_does_see_violations(browser: Browser, tmp_path: Path) -> None:
    """A negative control: white text on the old Stale grey, an unnamed image and button."""
    bad = tmp_path / "bad.html"
    bad.write_text(
        '<!DOCTYPE html><html lang="en"><head><title>x</title></head><body><main>'
        '<p style="color:#fff;background:#7f8c8d">Stale</p><svg role="img"></svg>'
        "<p><button></button></p>"
        "</main></body></html>",
        encoding="utf-8",
    )
    found = {v["id"] for v in _axe(open_page(browser, bad))}
    assert {"color-contrast", "svg-img-alt", "button-name"} <= found, found


def _too_wide(page: Page, limit: int) -> list[str]:
    """Elements reaching past ``limit`` px that the page itself would scroll to show (content
    inside a scrolling region, such as a wide table in its wrapper, scrolls on its own)."""
    return list(
        page.eval(
            f"""[...document.body.querySelectorAll('*')].filter(e => {{
                const r = e.getBoundingClientRect();
                if (r.width === 0 || r.right <= {limit} + 0.5) return false;
                for (let a = e.parentElement; a; a = a.parentElement) {{
                    const s = getComputedStyle(a);
                    if (['auto', 'scroll', 'hidden'].includes(s.overflowX)) return false;
                }}
                return true;
            }}).slice(0, 12).map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '')
                + '.' + (e.getAttribute('class') || '').split(' ').join('.') + ' in '
                + (e.closest('[id]') || document.body).id + ' '
                + Math.round(e.getBoundingClientRect().right) + 'px')"""
        )
    )


def test_report_reflows_at_320_css_pixels(browser: Browser, sample_report: Path) -> None:
    """WCAG 1.4.10: no horizontal page scroll at 320 px; only data tables scroll, in place."""
    page = open_page(browser, sample_report, width=NARROW)
    wide = _too_wide(page, NARROW)
    assert wide == [], "\n".join(wide)
    assert page.eval("document.documentElement.scrollWidth") <= NARROW
