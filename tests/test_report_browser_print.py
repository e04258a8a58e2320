"""The report on A4: nothing wider than the text block, text >= 9 pt, the risk heatmap whole,
the executive summary within two pages, a running header and page numbers, `pmo report --pdf`.

Print layout is checked in Chromium with print media emulated at the A4 text block's width
(210 mm less 13 mm margins each side = 184 mm = 695 CSS px): what is wider there is what makes
Chromium shrink the whole pack when it prints.
"""

from __future__ import annotations

import base64
import os
import re
import zlib
from pathlib import Path

import pytest

from cdp import CHROMIUM, Browser, Page, open_page

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "tests" / "artifacts"
PERIOD = "2026-11"
TEXT_BLOCK = round(184 / 25.4 * 96)  # 695 px
PAGE_HEIGHT = (297 - 32) / 25.4 * 96  # the text block's height: A4 less 16 mm top and bottom
MIN_PT = 9
#: A4 pages the sample's 2026-11 report may print to: 84 at full size with 9 pt text (56 when
#: one wide table shrank the whole pack to 76%); the range absorbs font differences, not a
#: runaway layout.
PAGES = range(50, 121)
chromium = pytest.mark.skipif(
    CHROMIUM is None, reason="Chromium not installed (bash .ci/run installs Debian's chromium)"
)


def _print_page(browser: Browser, report: Path) -> Page:
    page = open_page(browser, report, width=TEXT_BLOCK)
    browser.send("Emulation.setEmulatedMedia", page.session, media="print")
    return page


@pytest.fixture(scope="module")
def print_page(browser: Browser, sample_report: Path) -> Page:
    return _print_page(browser, sample_report)


def _pdf(page: Page) -> bytes:
    pdf = page.browser.send("Page.printToPDF", page.session, preferCSSPageSize=True,
                            printBackground=True, displayHeaderFooter=False)  # fmt: skip
    data = base64.b64decode(pdf["data"])
    assert data.startswith(b"%PDF-")
    return data


def _pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page\b", pdf))


#: Elements (not visually hidden) whose right edge is past ``limit`` px, widest parents first.
_WIDER = """(limit => [...document.body.querySelectorAll('*')].filter(e =>
    !e.closest('.vh') && e.getBoundingClientRect().right > limit + 0.5
    && !(e.parentElement && e.parentElement.getBoundingClientRect().right > limit + 0.5)
  ).slice(0, 12).map(e => e.tagName.toLowerCase() + '.' + (e.getAttribute('class') || '')
    + ' in #' + (e.closest('[id]') || document.body).id + ': '
    + Math.round(e.getBoundingClientRect().right) + 'px'))"""


@chromium
def test_nothing_is_wider_than_the_a4_text_block(print_page: Page) -> None:
    wide = print_page.eval(f"{_WIDER}({TEXT_BLOCK})")
    assert wide == [], "\n".join(wide)
    assert print_page.eval("document.documentElement.scrollWidth") <= TEXT_BLOCK


@chromium
def test_the_width_check_does_see_a_wide_table(browser: Browser, tmp_path: Path) -> None:
    bad = tmp_path / "wide.html"
    cell = '<td style="white-space:nowrap">' + "wide " * 200 + "</td>"
    bad.write_text(f"<!DOCTYPE html><html><body><table><tr>{cell}</tr></table></body></html>")
    assert _print_page(browser, bad).eval(f"{_WIDER}({TEXT_BLOCK})")


@chromium
def test_printed_text_is_at_least_9_points(print_page: Page) -> None:
    small = print_page.eval(
        f"""[...document.body.querySelectorAll('*')].filter(e =>
            !e.closest('.vh, svg') && getComputedStyle(e).display !== 'none'
            && [...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim())
            && parseFloat(getComputedStyle(e).fontSize) < {MIN_PT} * 4 / 3 - 0.01
        ).slice(0, 12).map(e => e.tagName.toLowerCase() + '.' + (e.getAttribute('class') || '')
            + ' ' + getComputedStyle(e).fontSize + ': ' + e.textContent.trim().slice(0, 40))"""
    )
    assert small == [], "\n".join(small)


#: Every text in a drawing as printed: its computed size times the scale from the SVG's user
#: units to CSS px at its printed size (viewBox and transforms: the screen CTM), in pt.
_SVG_TEXT = """[...document.querySelectorAll('svg text')].filter(t =>
    !t.closest('.vh') && t.textContent.trim()).map(t => {
      const m = t.getScreenCTM();
      const scale = Math.sqrt(Math.abs(m.a * m.d - m.b * m.c));
      return [parseFloat(getComputedStyle(t).fontSize) * scale * 0.75,
              (t.closest('svg[id]') || {id: '?'}).id + ': ' + t.textContent.trim().slice(0, 30)];
    })"""


@chromium
def test_chart_and_diagram_text_prints_at_least_9_points(print_page: Page) -> None:
    texts = print_page.eval(_SVG_TEXT)
    assert len(texts) > 100  # the charts' and the diagram's labels are all measured
    small = [f"{size:.2f} pt {what}" for size, what in texts if size < MIN_PT - 0.01]
    assert small == [], "\n".join(small[:12]) + f"\n({len(small)} in all)"


@chromium
def test_the_dependency_diagram_prints_whole_at_full_size(print_page: Page) -> None:
    found = print_page.eval(
        """(() => { const f = document.querySelector('figure.diagram');
            if (!f) return null;
            const svg = f.querySelector('svg');
            return [f.getBoundingClientRect().height, getComputedStyle(f).breakInside,
                    svg.getBoundingClientRect().width / svg.viewBox.baseVal.width]; })()"""
    )
    assert found, "the sample report draws no dependency diagram"
    height, breaks, scale = found
    assert breaks == "avoid" and height < PAGE_HEIGHT
    assert scale >= 1  # not shrunk: its 12.5 px text prints at 9.4 pt


@chromium
def test_the_risk_heatmap_prints_whole_on_one_page(print_page: Page) -> None:
    grids = print_page.eval(
        """[...document.querySelectorAll('table.risk-grid')].map(t => [
            t.getBoundingClientRect().height,
            [t, ...(function* up(e) { while ((e = e.parentElement)) yield e; })(t)]
              .some(e => getComputedStyle(e).breakInside === 'avoid')])"""
    )
    assert grids
    for height, avoided in grids:
        assert avoided and height < PAGE_HEIGHT / 2


@chromium
def test_the_executive_summary_fits_two_a4_pages(browser: Browser, sample_report: Path) -> None:
    page = _print_page(browser, sample_report)
    kept = page.eval(
        """(() => { const s = document.getElementById('summary');
            if (!s) return false;
            for (const e of [...document.querySelector('main').children])
              if (e !== s && !e.classList.contains('cover')) e.remove();
            return true; })()"""
    )
    if not kept:
        pytest.skip("the report has no #summary section yet")
    pages = _pages(_pdf(page))
    assert 1 <= pages <= 2, pages


#: A4 pages the sample's pack may take before the programme pages: 21 with DejaVu Sans once the
#: long per-programme tables show their worst few and the annex after the programme pages has
#: them in full (33 before; 42 when every section started a page). A board paper of 23
#: programmes should be no longer than the 250-programme one (tests/test_report_scale.py: 25).
BEFORE_PROGRAMMES = 23


@chromium
def test_the_pack_before_the_programme_pages_stays_short(
    browser: Browser, sample_report: Path
) -> None:
    page = _print_page(browser, sample_report)
    page.eval(
        """(() => { let cut = false;
            for (const e of [...document.querySelector('main').children]) {
              cut = cut || e.matches('#programmes, section.programme');
              if (cut) e.remove(); } })()"""
    )
    assert 10 <= _pages(_pdf(page)) <= BEFORE_PROGRAMMES


def _drawn_text(pdf: bytes) -> int:
    """Text objects drawn in the PDF (its content streams, inflated)."""
    count = 0
    for stream in re.findall(rb"stream\r?\n(.*?)\r?\nendstream", pdf, flags=re.DOTALL):
        try:
            count += len(re.findall(rb"\bBT\b", zlib.decompress(stream)))
        except zlib.error:
            continue
    return count


@chromium
def test_pages_carry_the_running_header_and_page_numbers(
    browser: Browser, sample_report: Path, tmp_path: Path
) -> None:
    """An empty page with the report's @page rules prints two texts (header, page number);
    the same page without them prints none."""
    html = sample_report.read_text(encoding="utf-8")
    rules = re.search(r"<style>\s*@page \{\s*@top-left.*?</style>", html, flags=re.DOTALL)
    assert rules, "the report sets no @page margin boxes"
    with_boxes, without = tmp_path / "with.html", tmp_path / "without.html"
    with_boxes.write_text(f"<!DOCTYPE html><html><head>{rules.group()}</head><body></body></html>")
    without.write_text("<!DOCTYPE html><html><head></head><body></body></html>")
    assert _drawn_text(_pdf(open_page(browser, with_boxes))) >= 2
    assert _drawn_text(_pdf(open_page(browser, without))) == 0


@chromium
def test_pdf_command_writes_an_a4_pdf(tmp_path: Path) -> None:
    from pmo.cli import main

    out = tmp_path / "reports"
    code = main(["report", "--portfolio", str(ROOT / "portfolio"), "--period", PERIOD,
                 "--out", str(out), "--pdf"])  # fmt: skip
    assert code == 0
    data = (out / PERIOD / "dmt-report.pdf").read_bytes()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / f"dmt-report-{PERIOD}.pdf").write_bytes(data)
    assert data.startswith(b"%PDF-") and b"/CreationDate" not in data
    assert b"/StructTreeRoot" in data and b"/Lang" in data  # tagged, with its language
    assert b"/Outlines" in data  # bookmarks from the headings
    assert _pages(data) in PAGES
    boxes = {tuple(round(float(v)) for v in m) for m in re.findall(
        rb"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]", data)}  # fmt: skip
    assert boxes == {(595, 842)}  # A4 portrait in points


def test_pdf_without_a_browser_says_what_to_do_and_writes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from pmo.cli import main

    monkeypatch.setenv("PMO_BROWSER", str(tmp_path / "no-such-browser"))
    out = tmp_path / "reports"
    code = main(["report", "--portfolio", str(ROOT / "portfolio"), "--period", PERIOD,
                 "--out", str(out), "--pdf"])  # fmt: skip
    err = capsys.readouterr().err
    assert code == 2
    assert "PMO_BROWSER" in err and "no-such-browser" in err and "Traceback" not in err
    assert not out.exists() or not any(out.rglob("*"))


@pytest.mark.skipif(os.name != "posix", reason="the stand-in browser is a shell script")
def test_pdf_when_the_browser_fails_says_so_and_writes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from pmo.cli import main

    broken = tmp_path / "browser"
    broken.write_text("#!/bin/sh\necho 'cannot open display' >&2\nexit 3\n", encoding="utf-8")
    broken.chmod(0o755)
    monkeypatch.setenv("PMO_BROWSER", str(broken))
    out = tmp_path / "reports"
    code = main(["report", "--portfolio", str(ROOT / "portfolio"), "--period", PERIOD,
                 "--out", str(out), "--pdf"])  # fmt: skip
    err = capsys.readouterr().err
    assert code == 2 and "Traceback" not in err
    assert "exit 3" in err and "cannot open display" in err and "nothing was written" in err
    assert not out.exists() or not any(out.rglob("*"))
