"""The dependency diagram: layered layout, escaped text, same bytes for the same data, a cap
at scale, and its place in the HTML report next to the table that describes it."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest

from pmo.report.diagram import MANY, MAX_HEIGHT, dependency_figure, diagram_rows
from pmo.report.diagram_layout import FONT, WIDTH, Edge, Node, layout, text_width, wrap
from pmo.report.types_raid import RaidDependency

ROOT = Path(__file__).resolve().parents[1]
TEXT_BLOCK = 695  # A4 less 13 mm margins each side, in CSS px


def dep(
    programme: str,
    on: str,
    *,
    status: str = "green",
    on_status: str = "green",
    flagged: bool | None = None,
    name: str | None = None,
    on_name: str | None = None,
) -> RaidDependency:
    return RaidDependency(
        programme=programme,
        name=name or programme.title(),
        status=status,
        on=on,
        on_name=on_name or on.title(),
        on_status=on_status,
        note=None,
        flagged=on_status in ("red", "amber") if flagged is None else flagged,
    )


def figure(rows: list[RaidDependency], total: int | None = None) -> str:
    return dependency_figure(rows, len(rows) if total is None else total, described_by="deps")


def boxes(svg: str) -> dict[str, tuple[float, float, float, float]]:
    """Each box's first name line -> (x, y, width, height)."""
    out = {}
    for g in re.findall(r"<g><rect (.*?)</g>", svg):
        x, y, w, h = (float(re.search(rf'\b{a}="([\d.]+)"', g).group(1))  # type: ignore[union-attr]
                      for a in ("x", "y", "width", "height"))  # fmt: skip
        first = re.search(r"<tspan [^>]*>([^<]*)</tspan>", g)
        assert first
        out[first.group(1)] = (x, y, w, h)
    return out


def arrows(svg: str) -> list[str]:
    """The arrows' attributes (not the legend's samples or the arrowheads)."""
    group = svg.split('<g fill="none">', 1)[1].split("</g>", 1)[0]
    return re.findall(r'<path d="M[^"]*" ([^>]*)/>', group)


def test_what_a_programme_depends_on_is_drawn_to_its_right() -> None:
    svg = figure([dep("a", "b"), dep("b", "c"), dep("d", "c")])
    at = boxes(svg)
    assert at["A"][0] < at["B"][0] < at["C"][0]
    assert at["D"][0] == at["B"][0]  # one step from C, like B
    assert len(arrows(svg)) == 3


def test_at_risk_dependencies_are_dashed_with_their_own_arrowhead() -> None:
    svg = figure([dep("a", "b", on_status="red"), dep("c", "d")])
    arrows = re.findall(
        r'<path d="M[^"]*" (stroke="[^"]*"[^>]*)/>', svg.split('<g fill="none">')[1]
    )
    risky = [a for a in arrows if "dasharray" in a]
    plain = [a for a in arrows if "dasharray" not in a]
    assert len(risky) == 1 and len(plain) == 1
    assert "dependency-diagram-risk" in risky[0] and "dependency-diagram-arrow" in plain[0]
    assert 'stroke-width="2.4"' in risky[0] and 'stroke-width="1.3"' in plain[0]


def test_each_box_says_its_status_in_words() -> None:
    svg = figure([dep("a", "b", status="amber-red", on_status="stale")])
    words = re.findall(r'font-weight="bold">([^<]+)</text>', svg)
    assert sorted(words) == ["Amber/Red", "Stale"]


def test_user_text_is_escaped_and_control_characters_shown() -> None:
    hostile = '<script>alert(1)</script> & "Co"\u202e'
    svg = figure([dep("a", "b", name=hostile, on_status="red")])
    assert "<script" not in svg and "alert(1)</" not in svg
    assert "&lt;script&gt;" in svg and "&amp;" in svg and "&#34;Co" in svg
    assert "\u202e" not in svg and "⟨U+202E⟩" in svg


def test_the_diagram_is_an_image_named_and_described_by_the_table() -> None:
    svg = figure([dep("a", "b")])
    head = re.search(r"<svg [^>]*>", svg)
    assert head
    assert 'role="img"' in head.group() and 'aria-describedby="deps"' in head.group()
    label = re.search(r'aria-labelledby="([^"]+)"', head.group())
    assert label and f'<title id="{label.group(1)}">' in svg


def test_same_dependencies_in_any_order_give_the_same_bytes() -> None:
    status = ("red", "green", "amber", "stale")
    rows = [
        dep(f"p{i}", f"p{i * 7 % 13}", status=status[i % 4], on_status=status[i * 7 % 13 % 4])
        for i in range(12)
    ]
    rows = [r for r in rows if r.programme != r.on]
    first = figure(rows)
    assert figure(list(rows)) == first
    assert figure(list(reversed(rows))) == first


def test_no_dependencies_draw_nothing() -> None:
    assert figure([]) == ""
    assert figure([dep("a", "a")]) == ""  # depending on itself: nothing to draw


def test_a_cycle_is_drawn_without_looping() -> None:
    svg = figure([dep("a", "b"), dep("b", "c"), dep("c", "a")])
    assert len(boxes(svg)) == 3 and len(arrows(svg)) == 3


def test_a_long_chain_keeps_boxes_wide_enough_to_read() -> None:
    rows = [dep(f"p{i:02d}", f"p{i + 1:02d}") for i in range(12)]
    at = boxes(figure(rows))
    assert len(at) == 13
    assert {w for _, _, w, _ in at.values()} == {at["P00"][2]} and at["P00"][2] >= 140
    assert max(x + w for x, _, w, _ in at.values()) <= WIDTH


def test_the_drawing_fits_the_a4_text_block_at_full_size_with_9pt_text() -> None:
    rows = [dep(f"p{i}", f"q{i % 4}", name="Word " * 30) for i in range(20)]
    svg = figure(rows)
    width = float(re.search(r'<svg [^>]*width="([\d.]+)"', svg).group(1))  # type: ignore[union-attr]
    assert width <= WIDTH <= TEXT_BLOCK
    assert FONT * 0.75 >= 9  # px to pt at scale 1
    assert not re.search(r'font-size="(?!12\.5")', svg)
    for x, _, w, _ in boxes(svg).values():
        assert x + w <= width


def test_names_wrap_to_the_box_and_are_cut_after_three_lines() -> None:
    lines = wrap("Fostering Recruitment and Retention (Reducing IFA Reliance)", 120)
    assert all(text_width(line) <= 120 for line in lines)
    assert len(lines) == 3 and lines[-1].endswith("…")
    assert wrap("Supercalifragilisticexpialidocious", 60)[0] != "Supercalifragilisticexpialidocious"
    assert wrap("", 100) == [""]


def test_boxes_in_a_column_do_not_overlap() -> None:
    rows = [dep(f"p{i:02d}", f"q{i % 3}", on_status="red") for i in range(14)]
    drawn = layout(
        [Node(r.programme, r.name, r.status) for r in rows]
        + [Node(r.on, r.on_name, r.on_status) for r in rows],
        [Edge(r.programme, r.on, r.flagged) for r in rows],
    )
    by_x: dict[float, list[tuple[float, float]]] = {}
    for b in drawn.boxes:
        by_x.setdefault(b.x, []).append((b.y, b.y + b.height))
    for spans in by_x.values():
        spans.sort()
        assert all(a[1] <= b[0] for a, b in itertools.pairwise(spans))


def scale_rows() -> list[RaidDependency]:
    """300 dependencies among 250 programmes, the RAID table's first 25 rows (at risk first)."""
    statuses = ("green", "amber", "red", "green", "stale", "green", "amber-green")
    rows = [
        dep(
            f"p{i:03d}",
            f"p{(i * 37 + 11) % 250:03d}",
            status=statuses[i % 7],
            on_status=statuses[(i * 37 + 11) % 250 % 7],
        )
        for i in range(300)
    ]
    rows = [r for r in rows if r.programme != r.on]
    rows.sort(key=lambda r: not r.flagged)
    return rows[:25]


def test_at_scale_only_at_risk_or_red_and_amber_dependencies_are_drawn() -> None:
    rows = scale_rows()
    shown, narrowed = diagram_rows(rows, 300)
    assert narrowed and shown
    hot = ("red", "amber-red", "amber")
    assert all(d.flagged or d.status in hot or d.on_status in hot for d in shown)
    few, narrowed_few = diagram_rows(rows[:10], 10)
    assert not narrowed_few and few == rows[:10]
    assert MANY < 300


def test_at_scale_the_caption_says_how_many_are_left_out() -> None:
    rows = scale_rows()
    svg = figure(rows, 300)
    drawn = len(arrows(svg))
    caption = re.search(r"<figcaption>(.*)</figcaption>", svg)
    assert caption
    assert f"shows {drawn} of the 300 dependencies" in caption.group(1)
    assert f"{300 - drawn} are left out" in caption.group(1)
    height = float(re.search(r'<svg [^>]*height="([\d.]+)"', svg).group(1))  # type: ignore[union-attr]
    assert height <= MAX_HEIGHT


def test_a_diagram_too_tall_for_a_page_drops_the_least_urgent_and_says_so() -> None:
    rows = [
        dep(f"p{i:02d}", "hub", on_status="red", name=f"P{i:02d} " + "Word " * 12)
        for i in range(25)
    ]
    svg = figure(rows)
    height = float(re.search(r'<svg [^>]*height="([\d.]+)"', svg).group(1))  # type: ignore[union-attr]
    assert height <= MAX_HEIGHT
    drawn = len(arrows(svg))
    assert 0 < drawn < 25
    assert f"shows {drawn} of the 25 dependencies (as many as fit on a page)" in svg
    assert "P00" in svg and "P24" not in svg  # the table's order: the first rows stay


@pytest.fixture(scope="module")
def sample_html(tmp_path_factory: pytest.TempPathFactory) -> str:
    from test_report_html import write_report

    return write_report(ROOT / "portfolio", tmp_path_factory.mktemp("reports")).read_text("utf-8")


def test_the_sample_report_draws_its_dependencies_next_to_their_table(sample_html: str) -> None:
    svg = re.search(r'<svg id="dependency-diagram".*?</svg>', sample_html, flags=re.DOTALL)
    assert svg
    assert 'aria-describedby="dependencies-data"' in svg.group()
    assert re.search(r'<table\b[^>]*\bid="dependencies-data"', sample_html)
    assert svg.group().count('stroke-dasharray="7 4"') == 14 + 1  # 14 at risk and the legend
    assert "All 22 dependencies are drawn." in sample_html


def test_the_markdown_points_to_the_diagram_in_the_html() -> None:
    md = (ROOT / "reports" / "2026-11" / "dmt-report.md").read_text("utf-8")
    section = md.split("### Dependencies between programmes", 1)[1]
    assert "diagram" in section.split("|", 1)[0]
