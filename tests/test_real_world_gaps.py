"""A generated 250-programme portfolio with real-world gaps goes through `pmo status` and
`pmo report` without a misleading sentence (unknown as zero, hidden programmes, ranks of
unscored work, negative percentages)."""

from __future__ import annotations

import html
import importlib.util
import json
import random
import re
from datetime import date
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import yaml

from pmo.analysis.benefit_math import planned_value
from pmo.cli import main
from pmo.model import Benefit

GENERATE = Path(__file__).resolve().parents[1] / "benchmarks" / "generate.py"
TODAY = date(2026, 11, 23)

MISLEADING = [
    r"against £0\b",  # an envelope or target that is not set, read as zero
    r"£0 envelope",
    r"exceeds the envelope in [^.]*against £0",
    r"\(0\.00\)",  # a rank built on no scores
    r"-\d+% of plan",  # a negative percentage a director cannot act on
    r"There are no open risks",
    r"No role is over-allocated",
    r"with errors were left out",
    r"Traceback",
    r"exceeds[^.]*not set",  # "exceeds" against an unknown envelope
    r"no open risks",
    r"funds 0 of",  # a scenario that values nothing says why, not "funds 0"
    r"\bNone\b(?! of)",  # a Python None in a sentence
    r"\bnan\b|\binf\b",
    r"BCR 0\.00|payback never",
    r"\(moving away from its target\)",
]
#: The evidence check's hard evidence; anything else flagged on a green programme is noise.
HARD_EVIDENCE = {
    "red-dimension",
    "milestone-slip",
    "cost-variance",
    "no-budget",
    "benefit-off-track",
}


def _generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_generate_gaps", GENERATE)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _edit(file: Path, change: Any) -> None:
    doc = yaml.safe_load(file.read_text(encoding="utf-8"))
    change(doc)
    file.write_text(yaml.safe_dump(doc, sort_keys=False, allow_unicode=True), encoding="utf-8")


def _gaps(root: Path) -> None:
    def config(doc: dict[str, Any]) -> None:
        doc["envelope"] = {"2026/27": doc["envelope"]["2026/27"]}  # this year only
        doc["savings_target"] = {"2026/27": doc["savings_target"]["2026/27"]}
        del doc["capacity"]["data-analyst"]  # demanded, never recorded

    _edit(root / "portfolio.yaml", config)
    folders = sorted((root / "programmes").iterdir())
    for i, folder in enumerate(folders):

        def prog(doc: dict[str, Any], i: int = i) -> None:
            if i % 3 == 0:
                doc["scores"] = {}  # a third unscored
            if i % 5 == 1:
                doc["risks"] = []  # no risks recorded
            if i % 7 == 2:
                doc.pop("budget", None)  # withheld
            if i % 4 == 3 and doc.get("business_case"):
                doc["business_case"].pop("savings", None)  # withheld savings
            if i % 10 == 0 and doc.get("business_case"):  # whole-life sums in £bn
                for line in doc["business_case"].get("costs", {}).values():
                    line["capital"] = line.get("capital", 0) * 1000
            for risk in doc.get("risks", []):
                if i % 6 == 0:
                    risk.pop("category", None)  # descriptive field missing

        _edit(folder / "programme.yaml", prog)
        _measure_along_the_plan(folder, random.Random(i))
    # one programme cannot be read; one update is filed early
    broken = folders[7] / "programme.yaml"
    broken.write_text(broken.read_text(encoding="utf-8") + "stage: [\n", encoding="utf-8")
    early = folders[8] / "updates"
    (early / "2026-12.yaml").write_text(
        (early / "2026-11.yaml").read_text(encoding="utf-8").replace("2026-11", "2026-12"),
        encoding="utf-8",
    )


def _measure_along_the_plan(folder: Path, rng: random.Random) -> None:
    """Benefit measurements near the plan (93-104% of the planned movement): tidy data with
    small noise, as a well-run programme reports. The generator's own measurements lag the
    plan by design (a benchmark, not a portfolio); here every evidence flag must come from a
    real gap."""
    doc = yaml.safe_load((folder / "programme.yaml").read_text(encoding="utf-8"))
    if not isinstance(doc, dict):
        return
    benefits = {b["id"]: Benefit.model_validate(b) for b in doc.get("benefits", [])}
    for file in sorted((folder / "updates").glob("*.yaml")):

        def measured(update: dict[str, Any], period: str = file.stem) -> None:
            for bid in update.get("benefits", {}):
                ben = benefits[bid]
                base = ben.baseline.value if ben.baseline is not None else 0.0
                plan = planned_value(ben, period)
                if plan is not None:
                    update["benefits"][bid] = round(
                        base + (plan - base) * rng.uniform(0.93, 1.04), 3
                    )

        _edit(file, measured)


@pytest.fixture(scope="module")
def gappy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = _generator().generate(
        tmp_path_factory.mktemp("gaps") / "portfolio", programmes=250, periods=3
    )
    _gaps(root)
    return root


def _misleading(text: str) -> list[str]:
    return [pattern for pattern in MISLEADING if re.search(pattern, text)]


def test_status_on_real_world_gaps_says_nothing_misleading(
    gappy: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("pmo.clock.today", lambda: TODAY)
    assert main(["status", str(gappy), "--format", "json"]) == 0
    out, err = capsys.readouterr()
    doc = json.loads(out)
    assert doc["period"] == "2026-11"  # the early December file does not move the month
    assert doc["programmes"] == 250
    assert doc["q2"]["counts"]["unreadable"] == 1
    sentences = " ".join(doc["q1_sentences"] + doc["q2_sentences"] + doc["q3_sentences"])
    assert _misleading(sentences + err) == []
    assert "unscored" in sentences
    assert "No capacity is recorded for Data analyst" in sentences
    assert "no risks recorded" in sentences
    assert "No envelope is set for 2027/28" in sentences
    assert "no savings target set for 2027/28" in sentences
    assert "bn" in sentences
    assert not any(row["rank"] and row["score"] == 0 for row in doc["q1"]["priority"])
    unscored = {row["programme"] for row in doc["q1"]["unscored"]}
    assert len(unscored) >= 80 and not unscored & {r["programme"] for r in doc["q1"]["priority"]}
    # affordability: only the programmes' own years, never decades of "not set"
    years = [y["fy"] for y in doc["q1"]["affordability"]["years"]]
    assert 2 <= len(years) <= 6, years
    # the evidence check: only hard evidence; benefits measured near plan are never flagged
    kinds = {f["kind"] for e in doc["q2"]["evidence"] for f in e["flags"]}
    assert kinds <= HARD_EVIDENCE | {"missing-update", "stale-update"}, kinds
    assert "benefit-off-track" not in kinds
    for melon in (e for e in doc["q2"]["evidence"] if e["watermelon"]):
        assert {f["kind"] for f in melon["flags"]} <= HARD_EVIDENCE, melon
    no_budget = {
        e["programme"]
        for e in doc["q2"]["evidence"]
        for f in e["flags"]
        if f["kind"] == "no-budget"
    }
    assert no_budget  # the withheld budgets show as exceptions, not as variance "–"
    assert main(["status", str(gappy)]) == 0
    text = capsys.readouterr().out
    assert "unreadable" in text
    assert _misleading(text) == []


def test_report_on_real_world_gaps_says_nothing_misleading(
    gappy: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr("pmo.clock.today", lambda: TODAY)
    out = tmp_path / "reports"
    assert main(["report", "--portfolio", str(gappy), "--out", str(out)]) == 0
    err = capsys.readouterr().err
    markdown = (out / "2026-11" / "dmt-report.md").read_text(encoding="utf-8")
    assert _misleading(markdown + err) == []
    page_one = markdown.split("\n## ", 2)[1]
    assert "unreadable" in page_one and "programme.yaml:" in page_one
    assert "not set" in markdown  # envelope and target columns for the years without one
    assert "n/a (no cashable savings)" in markdown
    page = (out / "2026-11" / "dmt-report.html").read_text(encoding="utf-8")
    text = html.unescape(re.sub(r"<[^>]+>", " ", re.sub(r"(?s)<(style|svg)\b.*?</\1>", "", page)))
    assert _misleading(text) == []
    assert "unreadable" in text and "not set" in text


def test_scenario_on_real_world_gaps_names_what_it_cannot_value(
    gappy: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("pmo.clock.today", lambda: TODAY)
    assert main(["scenario", str(gappy), "--format", "json", "--time-limit", "5"]) == 0
    out, err = capsys.readouterr()
    assert out.isascii()
    doc = json.loads(out)
    assert doc["period"] == "2026-11"
    assert doc["status"] in ("optimal", "best-found")
    assert doc["unvalued"]  # a third is unscored: named, never valued as zero
    assert not set(doc["unvalued"]) & set(doc["chosen"])
    assert doc["fixed"] and not doc["stopped"]  # committed work fixed: live work never cancelled
    assert doc["years"] == ["2026/27"]  # only the year with an envelope is a constraint
    assert main(["scenario", str(gappy), "--time-limit", "5"]) == 0
    text = capsys.readouterr().out
    assert "Proposals that cannot be valued (left out, not ranked):" in text
    assert _misleading(text + err) == []
