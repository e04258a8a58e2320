"""The HTML report: escaped user text, no scripts or external resources, byte-stable charts."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from pmo.report import charts
from pmo.report.html import heat_class, risk_class

ROOT = Path(__file__).resolve().parents[1]
PORTFOLIO = ROOT / "portfolio"
PERIOD = "2026-11"
XSS = '<script>alert(1)</script> & "Co" | #1'
ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt; &amp;"

FYS = ["2025/26", "2026/27", "2027/28"]
PLANNED = [("2025-04-01", 10.0), ("2026-03", 20.0), ("2027-03-31", 40.0)]
ACTUAL = [("2025-06", 11.0), ("2025-09", 13.0)]


def _all_charts(title: str = "Placements in family settings") -> list[str]:
    return [
        charts.savings_chart(FYS, [1e6, 2e6, 3e6], [8e5, 1.9e6, 2.5e6], [5e5, 1e6, 0.0]),
        charts.affordability_chart(FYS, [3e6, 3e6, 3e6], [2e6, 2.5e6, 3.2e6], [5e5, 9e5, 0.0]),
        charts.benefit_trajectory(title, PLANNED, ACTUAL, 40.0, unit="%", chart_id="b-1"),
    ]


# ---- charts ---------------------------------------------------------------------------------


def test_charts_are_byte_stable_within_a_process() -> None:
    assert _all_charts() == _all_charts()


def test_charts_are_byte_stable_across_processes() -> None:
    """Another interpreter (another hash seed, fresh matplotlib state) draws the same bytes."""
    import hashlib

    code = (
        "import hashlib, sys\n"
        "sys.path.insert(0, 'tests')\n"
        "from test_report_html import _all_charts\n"
        "print(hashlib.sha256(''.join(_all_charts()).encode()).hexdigest())\n"
    )
    other = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.strip()
    assert other == hashlib.sha256("".join(_all_charts()).encode()).hexdigest()


def test_chart_svg_is_inline_ready() -> None:
    for svg in _all_charts():
        assert svg.startswith("<svg ")
        assert "<?xml" not in svg and "<!DOCTYPE" not in svg and "<metadata" not in svg
        assert "<script" not in svg and "<image" not in svg
        assert not re.search(r"\d{4}-\d{2}-\d{2}T", svg)  # no timestamp
        assert "font-family" in svg and "<text" in svg  # text stays text (svg.fonttype none)


def test_chart_ids_are_prefixed_and_unique_across_charts() -> None:
    ids: list[str] = []
    for svg, prefix in zip(_all_charts(), ("savings", "affordability", "b-1"), strict=True):
        own = re.findall(r'\bid="([^"]+)"', svg)
        assert own and all(i == prefix or i.startswith(prefix + "-") for i in own)
        refs = re.findall(r'url\(#([^)]+)\)|href="#([^"]+)"', svg)
        assert {a or b for a, b in refs} <= set(own)  # every reference resolves in its chart
        ids += own
    assert len(ids) == len(set(ids))


def test_chart_text_is_at_least_9_points_at_the_charts_own_size() -> None:
    """Every chart prints no smaller than its own size (tests/test_report_browser_print.py
    measures it), so 9 user units (points) is 9 pt or more on paper."""
    from pmo.report.charts_trend import trend_charts
    from pmo.report.types_trend import TrendMonth

    months = [
        TrendMonth(f"2026-{m:02d}", "computed", 1, 2, 3, 0, "2026/27", 10.0, 11.0, 5.0, 4.0, 6, 8)
        for m in range(4, 12)
    ]
    for svg in [*_all_charts(), *trend_charts(months, described_by="t")]:
        sizes = [float(v) for v in re.findall(r"font-size: ([\d.]+)px", svg)]
        assert sizes and min(sizes) >= charts.TEXT_PT == 9


def test_money_axis_labels_never_repeat() -> None:
    """Ticks £200 apart around £6k would all read "£6k": they fall back to whole pounds."""
    svg = charts.benefit_trajectory(
        "Weekly cost", [("2026-01", 5800.0), ("2027-01", 5700.0)], [("2026-03", 6300.0)],
        5600.0, unit="GBP",
    )  # fmt: skip
    labels = re.findall(r">(£[^<]*)<", svg)
    assert len(labels) >= 3 and len(set(labels)) == len(labels)
    assert "£6,000" in labels
    wide = charts.affordability_chart(FYS, [3e6, 3e6, 3e6], [2e6, 2.5e6, 3.2e6], [0.0] * 3)
    assert "£1m" in re.findall(r">(£[^<]*)<", wide)  # short pounds where they differ


def test_user_text_in_a_chart_is_escaped_and_not_mathtext() -> None:
    svg = charts.benefit_trajectory(f"{XSS} costs $5 or $6", PLANNED, ACTUAL, None, unit="<b>")
    assert "<script" not in svg and "<b>" not in svg
    assert ESCAPED in svg
    assert "costs $5 or $6" in svg  # dollars printed, not parsed as maths


def test_charts_cope_with_no_data() -> None:
    for svg in (
        charts.savings_chart([], [], [], []),
        charts.affordability_chart([], [], [], []),
        charts.benefit_trajectory("Nothing yet", [], [], None),
    ):
        assert "No data" in svg


def test_importing_the_chart_module_does_not_import_matplotlib() -> None:
    code = "import sys, pmo.report.charts, pmo.report.html; print('matplotlib' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_heatmap_classes_follow_utilisation_and_risk_score() -> None:
    assert heat_class(None) == "h0" and heat_class(None, 2.0) == "hna"
    assert heat_class(0.4) == "h1" and heat_class(1.0) == "h3" and heat_class(2.0) == "h6"
    assert risk_class(1) == "h1" and risk_class(25) == "h6"


# ---- the whole report -----------------------------------------------------------------------

HOMES = "childrens-homes-modernisation"


def write_report(portfolio: Path, out: Path, period: str = PERIOD) -> Path:
    """Run `pmo report` into ``out``; return the HTML file."""
    from pmo.cli import main

    args = ["report", "--portfolio", str(portfolio), "--period", period, "--out", str(out)]
    try:
        code = main(args)
    except SystemExit as exc:  # the CLI does not know `report` yet: use the writer directly
        if exc.code != 2:
            raise
        from pmo.report.writer import generate

        generate(portfolio, period, out)
        code = 0
    assert code == 0
    html = out / period / "dmt-report.html"
    assert html.is_file()
    return html


def xss_portfolio(tmp: Path) -> Path:
    """The sample with the hostile name on a programme, its benefits and risks, and the note."""
    import yaml

    root = tmp / "portfolio"
    shutil.copytree(PORTFOLIO, root)

    def edit(path: Path, change: object) -> None:
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        change(doc)  # type: ignore[operator]
        path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), "utf-8")

    def programme(doc: dict[str, object]) -> None:
        doc["name"] = XSS
        for key in ("benefits", "risks", "milestones"):
            for item in doc.get(key) or []:  # type: ignore[attr-defined]
                item["title"] = f"{XSS} {item['title']}"

    def update(doc: dict[str, object]) -> None:
        doc["summary"] = f"{XSS} summary"

    def note(doc: dict[str, object]) -> None:
        doc["headline"] = f"{XSS} headline"

    edit(root / "programmes" / HOMES / "programme.yaml", programme)

    def behind(doc: dict[str, object]) -> None:  # the benefits whose trajectories are charted
        for item in doc.get("benefits") or []:  # type: ignore[attr-defined]
            item["title"] = f"{XSS} {item['title']}"

    edit(root / "programmes" / "short-breaks-gateway-digital" / "programme.yaml", behind)
    edit(root / "programmes" / HOMES / "updates" / f"{PERIOD}.yaml", update)
    edit(root / "dmt" / f"{PERIOD}.yaml", note)
    return root


@pytest.fixture(scope="module")
def sample_html(tmp_path_factory: pytest.TempPathFactory) -> str:
    return write_report(PORTFOLIO, tmp_path_factory.mktemp("reports")).read_text("utf-8")


@pytest.fixture(scope="module")
def xss_html(tmp_path_factory: pytest.TempPathFactory) -> str:
    tmp = tmp_path_factory.mktemp("xss")
    return write_report(xss_portfolio(tmp), tmp / "reports").read_text("utf-8")


def test_hostile_text_shows_literally_and_no_script_exists(xss_html: str) -> None:
    assert "<script" not in xss_html.lower()
    assert "alert(1)</" not in xss_html
    # in element text and in attributes (chart labels), escaped every time it appears
    assert xss_html.count(ESCAPED) >= 10
    assert "&amp;" in xss_html and ("&#34;Co&#34;" in xss_html or "&quot;Co&quot;" in xss_html)
    assert f"{ESCAPED} &#34;Co&#34; | #1 summary" in xss_html  # the manager's own words


def test_report_references_nothing_outside_itself(sample_html: str) -> None:
    html = sample_html.lower()
    assert "<script" not in html and '<link rel="stylesheet"' not in html
    assert "<iframe" not in html and "<img" not in html and "@import" not in html
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", html)
    assert not re.search(r"url\(\s*['\"]?(https?:)?//", html)
    # the only URLs are the SVG namespace names, which are never fetched
    assert set(re.findall(r"https?://[^\s\"'<>)]+", html)) <= {
        "http://www.w3.org/2000/svg",
        "http://www.w3.org/1999/xlink",
    }


def test_report_ids_are_unique(sample_html: str) -> None:
    ids = re.findall(r'\sid="([^"]+)"', sample_html)
    assert len(ids) == len(set(ids))
    for ref in set(re.findall(r'(?:url\(#|href="#)([^)"]+)', sample_html)):
        assert ref in ids, ref


def test_heatmaps_are_html_tables_with_numbers(sample_html: str) -> None:
    assert '<table class="heat capacity">' in sample_html
    assert '<table class="heat risk-grid">' in sample_html
    capacity = sample_html.split('<table class="heat capacity">', 1)[1].split("</table>", 1)[0]
    assert re.search(r'<td class="cell h\d[^"]*"[^>]*>\d+%', capacity)
    risk = sample_html.split('<table class="heat risk-grid">', 1)[1].split("</table>", 1)[0]
    assert risk.count('<td class="cell') == 25


def test_rag_is_never_colour_alone(sample_html: str) -> None:
    badges = re.findall(r'<span class="rag rag-([a-z-]+)">([^<]*)</span>', sample_html)
    assert badges
    for status, label in badges:
        assert label.strip(), status
    assert '<span class="rag rag-red">Red</span>' in sample_html


def test_report_has_a4_print_rules_and_no_clock(sample_html: str) -> None:
    assert "@page { size: A4" in sample_html
    assert "break-before: page" in sample_html and "break-inside: avoid" in sample_html
    assert sample_html.count("<svg ") >= 3


def test_same_portfolio_and_period_give_identical_html(sample_html: str, tmp_path: Path) -> None:
    again = subprocess.run(
        [sys.executable, "-c", _RENDER, str(PORTFOLIO), str(tmp_path), PERIOD],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    assert again.returncode == 0
    assert (tmp_path / PERIOD / "dmt-report.html").read_text("utf-8") == sample_html


_RENDER = (
    "import sys\n"
    "from pathlib import Path\n"
    "sys.path.insert(0, 'tests')\n"
    "from test_report_html import write_report\n"
    "write_report(Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3])\n"
)


# ---- accessibility of the markup (the browser test runs axe-core on top of this) -------------


def test_every_table_has_a_caption_and_every_header_cell_a_scope(sample_html: str) -> None:
    tables = re.findall(r"<table\b.*?</table>", sample_html, flags=re.DOTALL)
    assert len(tables) > 30
    for table in tables:
        assert re.search(r"<caption\b[^>]*>\s*\S", table), table[:200]
    headers = re.findall(r"<th\b[^>]*>", sample_html)
    assert headers and all(re.search(r'\sscope="(col|row)"', th) for th in headers)
    assert '<th scope="col"' in sample_html and '<th scope="row"' in sample_html


def test_visible_tables_scroll_in_a_named_keyboard_reachable_region(sample_html: str) -> None:
    wrappers = re.findall(r'<div class="table-wrap"[^>]*>\s*<table\b.*?</table>', sample_html,
                          flags=re.DOTALL)  # fmt: skip
    tables = re.findall(r"<table\b", sample_html)
    hidden = re.findall(r'<div class="vh">\s*<table\b', sample_html)
    assert len(wrappers) + len(hidden) == len(tables)
    for wrap in wrappers:
        head = wrap.split(">", 1)[0]
        assert 'role="region"' in head and 'tabindex="0"' in head
        label = re.search(r'aria-labelledby="([^"]+)"', head)
        assert label and f'<caption id="{label.group(1)}"' in wrap


def test_every_chart_is_described_by_a_data_table(sample_html: str) -> None:
    charts_ = re.findall(r"<svg [^>]*class=\"chart\"[^>]*>", sample_html)
    assert len(charts_) >= 3
    for svg in charts_:
        ref = re.search(r'aria-describedby="([^"]+)"', svg)
        assert ref, svg
        assert re.search(rf'<table\b[^>]*\bid="{ref.group(1)}"', sample_html), ref.group(1)


def test_trend_arrows_say_what_they_mean_in_text(sample_html: str) -> None:
    arrows = re.findall(r'<span class="trend trend-(\w+)" aria-hidden="true">[^<]+</span>'
                        r'<span class="vh"> \((.+?)\)</span>', sample_html)  # fmt: skip
    assert arrows
    assert sample_html.count('class="trend ') == len(arrows)
    assert ("worse", "worse than last month") in arrows


def test_accessible_tables_scopes_wraps_and_names() -> None:
    from pmo.report.html_a11y import accessible_tables

    html = accessible_tables(
        '<div class="table-wrap">\n<table><caption>Money</caption><thead><tr><th>FY</th>'
        '<th scope="col">X</th></tr></thead><tbody><tr><th>2026</th><td>1</td></tr></tbody>'
        "<tfoot><tr><th>Total</th><td>1</td></tr></tfoot></table>\n</div>"
        '<div class="vh"><table><caption>Data</caption><tr><th>a</th></tr></table></div>'
    )
    assert html == (
        '<div class="table-wrap" role="region" tabindex="0" aria-labelledby="tcap-1">'
        '<table><caption id="tcap-1">Money</caption><thead><tr><th scope="col">FY</th>'
        '<th scope="col">X</th></tr></thead><tbody><tr><th scope="row">2026</th><td>1</td>'
        '</tr></tbody><tfoot><tr><th scope="row">Total</th><td>1</td></tr></tfoot></table></div>'
        '<div class="vh"><table><caption>Data</caption><tr><th scope="col">a</th></tr></table>'
        "</div>"
    )


def test_css_string_cannot_end_the_string_or_the_style_element() -> None:
    from pmo.report.html import css_string

    text = str(css_string('Acme "Co" </style><script>x\\y\n\u202e'))
    assert text.startswith("Acme ")
    assert re.fullmatch(r"[A-Za-z0-9 ]*", re.sub(r"\\[0-9a-f]{6}", "", text))
    assert "\\000022Co\\000022" in text  # the quotes, escaped
