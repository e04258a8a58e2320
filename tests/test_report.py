"""`pmo report`: outline, determinism, escaping, edge cases, trends."""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from freezegun import freeze_time

from pmo import report_cmd
from pmo.opening import open_portfolio
from pmo.report import writer
from pmo.report.data import build_report
from pmo.report.markdown import md_escape, render_markdown
from pmo.report.outline import OUTLINE
from pmo.report.snapshot import dumps, read_snapshot, snapshot
from pmo.report.types import ReportData

ROOT = Path(__file__).resolve().parents[1]
PORTFOLIO = ROOT / "portfolio"
PERIOD = "2026-11"
EVIL = '<script>alert(1)</script> & "Co" | #1'


def build(
    root: Path, period: str, previous: dict[str, Any] | None = None, note: str | None = None
) -> ReportData:
    opened = open_portfolio(root, period, as_at=writer.AS_AT)
    assert opened.data is not None
    problems = list(opened.problems)
    return build_report(opened.data, period, previous, problems, root, previous_note=note)


@pytest.fixture(scope="module")
def sample() -> ReportData:
    return build(PORTFOLIO, PERIOD)


def test_report_opens_with_the_verdicts_and_the_stories(sample: ReportData) -> None:
    md = render_markdown(sample)
    first = md.split("## Decisions for DMT")[0]
    assert first.index("## Executive summary") < first.index("### RAG key")
    assert (
        "**Q1 Right portfolio — Mostly:** 2027/28 is £470k over the envelope unless DMT "
        "prioritises the pipeline." in first
    )
    evidence = md.split("## The three questions: the evidence")[1]
    for answer in sample.answers:
        assert f"**{md_escape(answer.one_line)}**" in evidence
    assert "CAST Operating Model Review | green ▶" in md  # the watermelon, flagged
    assert "2 (rated green, evidence disagrees)" in md
    assert "| Connected Carers Assessment Improvement | STALE –" in md
    for heading in (
        "## Decisions for DMT",
        "## Portfolio dashboard",
        "## Q1 Right portfolio",
        "### Capacity by role and month",
        "### Risk profile",
        "### Scenario: the best affordable portfolio",
        "## Q2 Delivering well",
        "### Exceptions",
        "### Evidence check",
        "### Milestones slipped",
        "## Q3 Benefits",
        "### Benefit trajectories",
        "## What changed since 2026-10",
        "## Annex: data quality",
        "## Programmes",
        "## Glossary and trend arrows",
    ):
        assert heading in md
    assert sample.rag_key[0].definition.startswith("On track")
    assert "watermelon" not in md.split("## Glossary and trend arrows")[0].lower()


MD_HEADINGS = {
    "summary": "## Executive summary",
    "answers": "## The three questions: the evidence",
    "decisions": "## Decisions for DMT",
    "raid": "## Risks, issues and dependencies for DMT",
    "dashboard": "## Portfolio dashboard",
    "groups": "## By service area and SRO",
    "trends": "## Trends over",
    "q1": "## Q1 Right portfolio",
    "q2": "## Q2 Delivering well",
    "q3": "## Q3 Benefits",
    "changes": "## What changed since",
    "annex": "## Annex: detail tables",
    "quality": "## Annex: data quality",
    "programmes": "## Programmes",
    "key": "## Glossary and trend arrows",
}


def test_markdown_and_html_follow_the_one_outline(sample: ReportData) -> None:
    from pmo.report.html import render_html

    md, html = render_markdown(sample), render_html(sample)
    md_at = [md.index("\n" + MD_HEADINGS[s.id]) for s in OUTLINE if s.id in MD_HEADINGS]
    html_at = [html.index(f'id="{s.id}"') for s in OUTLINE]
    assert md_at == sorted(md_at) and len(md_at) == len(OUTLINE) - 1  # no contents in Markdown
    assert html_at == sorted(html_at)
    contents = html[html.index('id="contents"') :].split("</nav>")[0]
    listed = re.findall(r'<li><a href="#([a-z0-9-]+)">', contents)
    assert listed == [s.id for s in OUTLINE if s.in_contents]  # portfolio.yaml's own words


def _hashes(period: str) -> str:
    code = (
        "import hashlib, sys\n"
        "from pathlib import Path\n"
        "from test_report import build\n"
        "from pmo.report.markdown import render_markdown\n"
        "from pmo.report.snapshot import dumps, snapshot\n"
        f"r = build(Path({str(PORTFOLIO)!r}), {period!r})\n"
        "for text in (render_markdown(r), dumps(snapshot(r))):\n"
        "    print(hashlib.sha256(text.encode()).hexdigest())\n"
    )
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parent)}
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env
    )
    return out.stdout


def test_same_data_gives_byte_identical_output_across_processes(sample: ReportData) -> None:
    first = _hashes(PERIOD)
    os.environ["PYTHONHASHSEED"], saved = "12345", os.environ.get("PYTHONHASHSEED")
    try:
        second = _hashes(PERIOD)
    finally:
        if saved is None:
            del os.environ["PYTHONHASHSEED"]
        else:
            os.environ["PYTHONHASHSEED"] = saved
    assert first == second
    mine = "".join(
        hashlib.sha256(t.encode()).hexdigest() + "\n"
        for t in (render_markdown(sample), dumps(snapshot(sample)))
    )
    assert first == mine


# ---- escaping ----------------------------------------------------------------------------------


def _cells(line: str) -> int:
    return len(re.split(r"(?<!\\)\|", line.strip())) - 2


def _tables(md: str) -> list[list[str]]:
    tables: list[list[str]] = []
    current: list[str] = []
    for line in md.splitlines():
        if line.startswith("|"):
            current.append(line)
        elif current:
            tables.append(current)
            current = []
    return tables


def _copy(tmp_path: Path, *programmes: str) -> Path:
    root = tmp_path / "portfolio"
    if programmes:
        (root / "programmes").mkdir(parents=True)
        shutil.copy(PORTFOLIO / "portfolio.yaml", root / "portfolio.yaml")
        for pid in programmes:
            shutil.copytree(PORTFOLIO / "programmes" / pid, root / "programmes" / pid)
    else:
        shutil.copytree(PORTFOLIO, root)
    return root


def test_hostile_text_does_not_break_the_markdown(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    prog = root / "programmes" / "home-to-school-transport"
    text = (prog / "programme.yaml").read_text(encoding="utf-8")
    quoted = EVIL.replace("'", "''")
    text = text.replace("name: Home to School Transport Review", f"name: '{quoted}'", 1)
    (prog / "programme.yaml").write_text(text, encoding="utf-8")
    update = prog / "updates" / f"{PERIOD}.yaml"
    lines = update.read_text(encoding="utf-8").splitlines()
    lines = [
        'summary: "Line one | with a pipe\\n# not a heading\\n- not a list `code` *bold* [x](y)"'
        if line.startswith("summary:")
        else line
        for line in lines
    ]
    update.write_text("\n".join(lines) + "\n", encoding="utf-8")
    report = build(root, PERIOD)
    md = render_markdown(report)
    assert "<script>" not in md
    assert '&lt;script&gt;alert(1)&lt;/script&gt; &amp; "Co" \\| \\#1' in md
    assert "\n# not a heading" not in md and "\n- not a list" not in md
    assert "Line one \\| with a pipe \\# not a heading - not a list \\`code\\` \\*bold\\*" in md
    checked = 0
    for rows in _tables(md):
        width = _cells(rows[0])
        for row in rows:
            assert _cells(row) == width, row
            checked += 1
    assert checked > 500
    assert EVIL in {r.name for r in report.dashboard.rows}  # the data keeps the raw text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a | b", "a \\| b"),
        ("two\nlines\r\nhere", "two lines here"),
        ("# heading", "\\# heading"),
        ("- item", "\\- item"),
        ("1. item", "1\\. item"),
        ("-£40k", "-£40k"),
        ("snake_case stays", "snake_case stays"),
        ("_emphasis_", "\\_emphasis\\_"),
        ("*x* `y` [z] ~w~", "\\*x\\* \\`y\\` \\[z\\] \\~w\\~"),
        ("<b>&amp;</b>", "&lt;b&gt;&amp;amp;&lt;/b&gt;"),
        ("back\\slash", "back\\\\slash"),
        ("Issue #1", "Issue \\#1"),
    ],
)
def test_md_escape(text: str, expected: str) -> None:
    assert md_escape(text) == expected


# ---- edge cases --------------------------------------------------------------------------------


def test_a_period_with_no_updates_says_so(tmp_path: Path) -> None:
    written = writer.generate(PORTFOLIO, "2026-12", tmp_path)
    report = written.report
    assert report.header.updates == 0
    assert "No monthly updates were received for 2026-12" in report.header.notes[0]
    assert {r.status for r in report.dashboard.rows} <= {"stale", "missing"}
    md = (tmp_path / "2026-12" / "dmt-report.md").read_text(encoding="utf-8")
    assert "No monthly updates were received for 2026-12" in md
    assert "There is no PMO note for this month (dmt/2026-12.yaml)" in md


def _alone(root: Path, pid: str) -> Path:
    """A copied programme without its dependencies on programmes that were not copied (a
    dependency that does not resolve is an error: the programme would be unreadable)."""
    file = root / "programmes" / pid / "programme.yaml"
    lines = file.read_text(encoding="utf-8").splitlines(keepends=True)
    start = lines.index("dependencies:\n")
    end = next(i for i in range(start + 1, len(lines)) if not lines[i].startswith("  "))
    file.write_text("".join(lines[:start] + lines[end:]), encoding="utf-8")
    return root


def test_a_portfolio_that_never_reported_works(tmp_path: Path) -> None:
    root = _alone(_copy(tmp_path, "home-to-school-transport"), "home-to-school-transport")
    shutil.rmtree(root / "programmes" / "home-to-school-transport" / "updates")
    with freeze_time("2026-11-23"):
        written = writer.generate(root, None, tmp_path / "out")
    assert written.period == "2026-11"
    md = (tmp_path / "out" / "2026-11" / "dmt-report.md").read_text(encoding="utf-8")
    assert "No monthly updates were received for 2026-11" in md
    assert "**Latest update:** none has ever been received." in md


def test_a_one_programme_portfolio_works(tmp_path: Path) -> None:
    root = _alone(_copy(tmp_path, "home-to-school-transport"), "home-to-school-transport")
    report = build(root, PERIOD)
    md = render_markdown(report)
    assert [p.name for p in report.programmes] == ["Home to School Transport Review"]
    assert report.header.programmes == 1
    assert "1 programme or project" in md
    json.loads(dumps(snapshot(report)))


def test_a_dependency_that_does_not_resolve_makes_the_programme_unreadable(
    tmp_path: Path,
) -> None:
    root = _copy(tmp_path, "home-to-school-transport")
    md = render_markdown(build(root, PERIOD))
    assert "unknown programme 'send-sufficiency'" in md  # in the annex, and the rule holds:
    assert "1 unreadable (Home to School Transport Review)" in md


def test_annex_leaves_out_files_dated_after_the_period() -> None:
    report = build(PORTFOLIO, "2026-09")
    files = [q.file for q in report.quality.items]
    assert not any(f.endswith("2026-11.yaml") for f in files)
    assert "programmes/school-places-capital/programme.yaml" in files
    assert all(not f.startswith("/") for f in files)


def test_scenario_failure_is_reported_not_raised(monkeypatch: pytest.MonkeyPatch) -> None:
    import pmo.analysis.scenario as scenario

    def broken(*args: object, **kwargs: object) -> object:
        raise ImportError("No module named 'highspy'")

    monkeypatch.setattr(scenario, "optimise", broken)
    report = build(PORTFOLIO, PERIOD)
    assert report.q1.scenario.ran is False
    assert "could not be run (No module named 'highspy')" in report.q1.scenario.text
    assert any("could not be run" in n for n in report.header.notes)


# ---- trends against the previous snapshot ------------------------------------------------------


def _row(report: ReportData, pid: str) -> Any:
    return next(r for r in report.dashboard.rows if r.programme == pid)


def test_trends_read_the_previous_snapshot_when_there_is_one(tmp_path: Path) -> None:
    writer.generate(PORTFOLIO, "2026-10", tmp_path)
    now = writer.generate(PORTFOLIO, PERIOD, tmp_path).report
    assert now.dashboard.basis.source == "snapshot"
    assert "compare with the 2026-10 report's snapshot" in now.dashboard.basis.note
    row = _row(now, "home-to-school-transport")
    assert (row.status, row.overall.trend) == ("amber", "same")

    path = tmp_path / "2026-10" / "snapshot.json"
    doc = json.loads(path.read_text(encoding="utf-8"))
    doc["programmes"]["home-to-school-transport"]["status"] = "red"  # doctored: DMT was told red
    path.write_text(json.dumps(doc), encoding="utf-8")
    doctored = writer.generate(PORTFOLIO, PERIOD, tmp_path).report
    row = _row(doctored, "home-to-school-transport")
    assert (row.overall.trend, row.overall.arrow) == ("better", "▲")
    md = (tmp_path / PERIOD / "dmt-report.md").read_text(encoding="utf-8")
    assert "| Home to School Transport Review | amber ▲ |" in md
    assert "| Home to School Transport Review | RED | amber | ▲ better |" in md


def test_without_a_snapshot_the_report_says_it_computed_the_previous_month(
    tmp_path: Path,
) -> None:
    report = writer.generate(PORTFOLIO, PERIOD, tmp_path).report
    assert report.dashboard.basis.source == "computed"
    md = (tmp_path / PERIOD / "dmt-report.md").read_text(encoding="utf-8")
    assert "No 2026-10 report was available to compare with (there is no snapshot.json" in md
    assert "as computed from the data now" in md


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ("{not json", "not valid JSON"),
        ("[1, 2]", "not a JSON object"),
        ('{"format": "other"}', "not in the pmo-snapshot/1 format"),
    ],
)
def test_an_invalid_snapshot_falls_back_and_says_why(
    tmp_path: Path, content: str, reason: str
) -> None:
    (tmp_path / "2026-10").mkdir()
    (tmp_path / "2026-10" / "snapshot.json").write_text(content, encoding="utf-8")
    report = writer.generate(PORTFOLIO, PERIOD, tmp_path).report
    assert report.dashboard.basis.source == "computed"
    assert reason in report.dashboard.basis.note


def test_a_snapshot_for_another_month_is_not_used(tmp_path: Path) -> None:
    writer.generate(PORTFOLIO, "2026-09", tmp_path)
    shutil.copytree(tmp_path / "2026-09", tmp_path / "2026-10")
    doc, why = read_snapshot(tmp_path / "2026-10" / "snapshot.json")
    assert doc is not None and why is None
    report = build(PORTFOLIO, PERIOD, doc)
    assert report.dashboard.basis.source == "computed"
    assert "is for '2026-09', not 2026-10" in report.dashboard.basis.note


# ---- the command -------------------------------------------------------------------------------


def _args(**kwargs: Any) -> argparse.Namespace:
    base = {"portfolio": str(PORTFOLIO), "period": PERIOD, "out": "reports"}
    return argparse.Namespace(**{**base, **kwargs})


def test_pmo_report_writes_and_prints_the_answers(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert report_cmd.run(_args(out=str(tmp_path))) == 0
    out, err = capsys.readouterr()
    folder = tmp_path / PERIOD
    md, html, snap = folder / "dmt-report.md", folder / "dmt-report.html", folder / "snapshot.json"
    assert out.startswith(f"wrote {md}, {html}, {snap}\n")
    assert "\nQ1: Committed spend in 2026/27" in out
    assert "\nQ2: 11 of 23 programmes are green" in out
    assert "\nQ3: " in out
    assert err == ""
    assert html.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert md.read_bytes().endswith(b"\n") and b"\r\n" not in md.read_bytes()


def test_pmo_report_registers_its_options() -> None:
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers()
    report_cmd.add_parser(sub, str)
    args = parser.parse_args(["report", "--portfolio", "p", "--period", "2026-10", "--out", "o"])
    assert (args.portfolio, args.period, args.out, args.func) == (
        "p",
        "2026-10",
        "o",
        report_cmd.run,
    )
    args = parser.parse_args(["report"])
    assert (args.portfolio, args.period, args.out) == (
        "portfolio",
        None,
        None,
    )  # out: beside the portfolio


def test_pmo_report_takes_the_portfolio_directory_as_status_does(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from pmo.cli import main

    assert main(["report", str(PORTFOLIO), "--period", PERIOD, "--out", str(tmp_path)]) == 0
    assert (tmp_path / PERIOD / "dmt-report.md").is_file()
    capsys.readouterr()
    other = str(tmp_path / "other")
    assert main(["report", str(PORTFOLIO), "--portfolio", other, "--out", str(tmp_path)]) == 2
    assert "two portfolio directories given" in capsys.readouterr().err


def test_pmo_report_inside_a_programme_folder_writes_beside_the_portfolio_above(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from pmo.cli import main

    shutil.copytree(PORTFOLIO, tmp_path / "portfolio")
    inside = tmp_path / "portfolio" / "programmes" / "care-leavers-offer"
    monkeypatch.chdir(inside)
    assert main(["report", "--period", PERIOD]) == 0
    assert (tmp_path / "reports" / PERIOD / "dmt-report.md").is_file()
    assert not (inside / "reports").exists()
    assert f"wrote {tmp_path / 'reports' / PERIOD / 'dmt-report.md'}" in capsys.readouterr().out
    monkeypatch.chdir(tmp_path)  # from the repository's top: ./reports, as before
    assert main(["report", "--period", PERIOD]) == 0
    assert "wrote reports/2026-11/dmt-report.md" in capsys.readouterr().out.replace(
        PERIOD, "2026-11"
    )
    monkeypatch.chdir(tmp_path / "portfolio" / "programmes")  # not the default: said, exit 2
    assert main(["report", "--portfolio", "nowhere"]) == 2


def test_the_tui_writes_reports_where_pmo_report_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pmo.present.paths import reports_beside
    from pmo.tui.app import make_app

    (tmp_path / "work").mkdir()
    monkeypatch.chdir(tmp_path / "work")
    assert make_app(PORTFOLIO, watch_interval=None).report_out == PORTFOLIO.parent / "reports"
    monkeypatch.chdir(tmp_path)
    assert reports_beside(Path("portfolio")) == Path("reports")
    assert reports_beside(Path("work/portfolio")) == Path("work/reports")
    (tmp_path / "portfolio").mkdir()
    monkeypatch.chdir(tmp_path / "portfolio")
    assert reports_beside(Path(".")) == tmp_path / "reports"
    assert reports_beside(Path("../portfolio")) == tmp_path / "reports"


def test_pmo_report_exits_2_without_a_portfolio(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert report_cmd.run(_args(portfolio=str(tmp_path / "nowhere"), out=str(tmp_path))) == 2
    assert "pmo report:" in capsys.readouterr().err


def test_report_data_is_built_without_the_clock(sample: ReportData) -> None:
    with freeze_time("2031-01-01"):
        later = build(PORTFOLIO, PERIOD)
    assert later == sample
    assert date.max == writer.AS_AT


def test_a_missing_path_to_green_is_said_in_the_html_as_in_the_markdown(
    sample: ReportData,
) -> None:
    from pmo.report.html import render_html

    md, html = render_markdown(sample), render_html(sample)
    said_md = md.count("Path to green: none given") + md.count("*Path to green:* none given")
    said_html = html.count("<strong>Path to green:</strong> none given")
    assert said_md >= 1 and said_html == said_md
