"""Never hide, and the reporting period: unreadable programmes stay counted; one early file
never moves the month."""

from __future__ import annotations

import json
import re
import shutil
from datetime import date
from pathlib import Path

import pytest

from factories import data, portfolio, programme, update
from pmo.analysis.answers import answer
from pmo.analysis.data import from_loaded, left_out
from pmo.analysis.q1 import q1, q1_sentences
from pmo.analysis.q2 import q2, q2_sentences
from pmo.cli import main
from pmo.store import load_portfolio
from pmo.validate import default_period, run_checks

BASE = Path(__file__).parent / "catalogue" / "base"
TODAY = date(2026, 11, 23)


@pytest.fixture
def root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The catalogue's clean two-programme portfolio, copied; today is 2026-11-23."""
    target = tmp_path / "portfolio"
    shutil.copytree(BASE, target)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr("pmo.clock.today", lambda: TODAY)
    return target


def _break_programme(root: Path, pid: str = "alpha") -> None:
    file = root / "programmes" / pid / "programme.yaml"
    text = file.read_text()
    file.write_text(text.replace("likelihood: 3", "likelihood: 9", 1))


def _add_update(root: Path, pid: str, period: str, text: str | None = None) -> None:
    src = root / "programmes" / "alpha" / "updates" / "2026-11.yaml"
    body = text if text is not None else src.read_text().replace("2026-11", period)
    folder = root / "programmes" / pid / "updates"
    folder.mkdir(exist_ok=True)
    (folder / f"{period}.yaml").write_text(body)


# --- descriptive fields are recommended, never a reason to drop an item ------------------


def test_risk_without_category_still_counts_and_is_not_compared_with_appetite() -> None:
    risk = {"id": "r", "title": "Market", "likelihood": 4, "impact": 4}
    prog = programme(risks=[risk])
    result = q1(data(portfolio(), [prog]), "2026-11")
    (row,) = result.risks.risks
    assert row.category is None and row.escalate and not row.over_appetite
    assert result.risks.uncategorised == (row,)
    assert [c.key for c in result.risks.by_category] == [None]  # no category: never a name


def test_validate_warns_of_a_risk_without_category_and_keeps_it(
    root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    file = root / "programmes" / "alpha" / "programme.yaml"
    file.write_text(file.read_text().replace("    category: financial\n", ""))
    code = main(["validate", "portfolio"])
    out = capsys.readouterr().out
    assert code == 0
    assert "warning risks[0]: risk 'provider-market' has no category (recommended)" in out
    assert "not compared with any risk appetite" in out
    loaded = load_portfolio(root)
    assert loaded.programmes["alpha"].source.model is not None


def test_no_sro_manager_author_or_summary_warns_and_the_programme_still_counts(
    root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    file = root / "programmes" / "alpha" / "programme.yaml"
    text = file.read_text().replace("sro: Assistant Director\n", "")
    file.write_text(text.replace("manager: Programme Manager\n", ""))
    nov = root / "programmes" / "alpha" / "updates" / "2026-11.yaml"
    text = nov.read_text().replace("by: Programme Manager\n", "")
    nov.write_text(text.replace("summary: Lot 2 tender delayed by two weeks.\n", ""))
    assert main(["validate", "portfolio"]) == 0
    out = capsys.readouterr().out
    assert "warning no sro or manager (recommended" in out
    assert "warning no by or summary (recommended" in out
    assert main(["status", "portfolio", "--format", "json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    alpha = next(s for s in doc["q2"]["statuses"] if s["programme"] == "alpha")
    assert (doc["programmes"], alpha["status"]) == (2, "amber")
    assert main(["report", "--portfolio", "portfolio", "--out", str(tmp_path / "out")]) == 0
    capsys.readouterr()
    for name in ("dmt-report.md", "dmt-report.html"):
        page = (tmp_path / "out" / "2026-11" / name).read_text()
        assert "(not recorded)" in page and "(no summary given)" in page, name
        assert not re.search(r"\bNone\b(?! of)", page), name  # a Python None never shows


# --- a programme whose files have errors is unreadable, never hidden ----------------------


def test_unreadable_programme_stays_in_every_count_with_the_line_to_fix(root: Path) -> None:
    _break_programme(root)
    loaded = load_portfolio(root)
    found = from_loaded(loaded)
    assert found is not None
    assert "alpha" not in found.programmes
    assert found.unreadable["alpha"].name == "Alpha Programme"
    result = q2(found, "2026-11")
    (status,) = [s for s in result.statuses if s.programme == "alpha"]
    assert status.status == "unreadable"
    assert status.fix is not None and status.fix.startswith("programmes/alpha/programme.yaml:")
    assert result.counts.unreadable == 1 and result.counts.total == 1
    sentences = q2_sentences(result)
    assert sentences[0].startswith("1 of 1 programme is unreadable")
    assert "programmes/alpha/programme.yaml:" in sentences[1]
    assert "must be 1..5, got 9" in sentences[1]
    assert any("leave out 1 programme" in s for s in q1_sentences(q1(found, "2026-11")))
    assert answer(found, "2026-11").programmes == 2


def test_an_unreadable_update_makes_the_programme_unreadable_not_stale_on_old_data(
    root: Path,
) -> None:
    _add_update(root, "alpha", "2026-11", "period: 2026-11\nsummary: [broken\n")
    found = from_loaded(load_portfolio(root))
    assert found is not None
    result = q2(found, "2026-11")
    (status,) = [s for s in result.statuses if s.programme == "alpha"]
    assert status.status == "unreadable"
    assert status.fix is not None and "updates/2026-11.yaml" in status.fix
    assert [r.status for r in result.compliance] == ["unreadable"]
    assert q2(found, "2026-10").statuses[0].status == "green"


def test_warning_says_exactly_what_was_and_was_not_used(root: Path) -> None:
    _break_programme(root)
    _add_update(root, "alpha", "2026-09", "period: 2026-09\nsummary: [broken\n")
    loaded = load_portfolio(root)
    found = from_loaded(loaded)
    assert found is not None
    lines = left_out(found, loaded)
    assert lines[0].startswith("1 programme cannot be read: counted as unreadable")
    assert "programmes/alpha/programme.yaml:" in lines[0]
    assert all("left out" not in line for line in lines)


def test_status_text_and_json_name_the_unreadable_programme(
    root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _break_programme(root)
    assert main(["status", "portfolio", "--period", "2026-11"]) == 0
    out, err = capsys.readouterr()
    assert "1 unreadable" in out
    assert "cannot be read: counted as unreadable" in err
    assert main(["status", "portfolio", "--period", "2026-11", "--format", "json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["q2"]["counts"]["unreadable"] == 1
    assert doc["q2"]["statuses"][0]["status"] == "unreadable"


def test_report_names_unreadable_programme_on_page_one(
    root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _break_programme(root)
    out = tmp_path / "reports"
    assert main(["report", "--portfolio", "portfolio", "--out", str(out)]) == 0
    err = capsys.readouterr().err
    assert "left out" not in err
    text = (out / "2026-11" / "dmt-report.md").read_text()
    page_one = text.split("\n## ", 2)[1]
    assert "programmes/alpha/programme.yaml:" in page_one
    assert "UNREADABLE" in text


# --- the reporting period -----------------------------------------------------------------


def test_one_early_update_does_not_move_the_default_period(root: Path) -> None:
    _add_update(root, "alpha", "2026-12")
    assert default_period(load_portfolio(root), TODAY) == "2026-11"


def test_default_period_is_never_after_the_current_month(root: Path) -> None:
    assert default_period(load_portfolio(root), date(2026, 10, 5)) == "2026-10"


def test_default_period_needs_half_the_programmes_due(root: Path) -> None:
    # beta becomes due to report; only alpha has November: 1 of 2 is half, so November stands
    file = root / "programmes" / "beta" / "programme.yaml"
    text = file.read_text().replace("stage: feasibility", "stage: delivery")
    text += "start: 2026-01-01\nend: { baseline: 2027-03-31, forecast: 2027-03-31 }\n"
    file.write_text(text)
    _add_update(root, "beta", "2026-10")
    assert default_period(load_portfolio(root), TODAY) == "2026-11"
    # a third due programme without November: 1 of 3 is less than half -> October (2 of 3)
    gamma = root / "programmes" / "gamma"
    shutil.copytree(root / "programmes" / "beta", gamma)
    (gamma / "programme.yaml").write_text(
        (gamma / "programme.yaml").read_text().replace("id: beta", "id: gamma")
    )
    assert default_period(load_portfolio(root), TODAY) == "2026-10"


def test_update_filed_early_is_a_warning_and_far_future_or_before_start_an_error(
    root: Path,
) -> None:
    _add_update(root, "alpha", "2026-12")
    _add_update(root, "alpha", "9999-12")
    _add_update(root, "alpha", "2024-01")
    loaded = load_portfolio(root)
    assert default_period(loaded, TODAY) == "2026-11"
    found = {(p.file.name, p.code, p.severity) for p in run_checks(loaded, TODAY, "2026-11")}
    assert ("2026-12.yaml", "filed-early", "warning") in found
    assert ("9999-12.yaml", "period-out-of-range", "error") in found
    assert ("2024-01.yaml", "update-before-start", "error") in found


def test_period_option_overrides_the_default(
    root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["status", "portfolio", "--period", "2026-10", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["period"] == "2026-10"


def test_updates_for_unreadable_programme_do_not_crash_the_analysis() -> None:
    prog = programme("beta")
    found = data(portfolio(), [prog], {"beta": [update("2026-11")]})
    assert q2(found, "2026-11").counts.green == 1
