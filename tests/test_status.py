"""`pmo status` answers Q1-Q3 on the sample and shows the stories planted in it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from freezegun import freeze_time

from pmo.cli import main

PORTFOLIO = str(Path(__file__).resolve().parents[1] / "portfolio")


@pytest.fixture(scope="module")
def status_json() -> dict[str, object]:
    import contextlib
    import io

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(["status", PORTFOLIO, "--period", "2026-11", "--format", "json"]) == 0
    data: dict[str, object] = json.loads(out.getvalue())
    return data


def _text(data: dict[str, object], key: str) -> str:
    return " ".join(data[key])  # type: ignore[arg-type]


def test_status_names_the_watermelon(status_json: dict[str, object]) -> None:
    assert "reports green but the evidence disagrees: CAST Operating Model Review" in _text(
        status_json, "q2_sentences"
    )


def test_status_names_the_amber_streak_and_the_stale_and_missing_updates(
    status_json: dict[str, object],
) -> None:
    q2 = _text(status_json, "q2_sentences")
    assert "Fostering Recruitment and Retention (Reducing IFA Reliance) (3)" in q2
    assert "Exploitation and County Lines Response (missing, latest 2026-10)" in q2
    assert "Connected Carers Assessment Improvement (stale, latest 2026-09)" in q2


def test_status_names_the_over_allocated_role_and_the_pipeline_that_does_not_fit(
    status_json: dict[str, object],
) -> None:
    q1 = _text(status_json, "q1_sentences")
    assert "Business analyst is over-allocated" in q1
    assert "confirmed allocations alone exceed capacity" in q1
    assert "Funding the whole pipeline would exceed the envelope in 2027/28" in q1
    assert "in delivery without an approved business case: Elective Home Education" in q1


def test_status_json_carries_the_evidence_behind_the_sentences(
    status_json: dict[str, object],
) -> None:
    q2 = status_json["q2"]
    assert isinstance(q2, dict)
    watermelons = [e["programme"] for e in q2["evidence"] if e["watermelon"]]
    assert watermelons == ["cast-operating-model"]
    assert status_json["period"] == "2026-11"


def test_status_text_fits_the_exceptions_into_a_table(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["status", PORTFOLIO, "--period", "2026-11"]) == 0
    out = capsys.readouterr().out
    assert "WATERMELON" in out
    assert "Q1 Are these the right programmes?" in out
    assert "Q3 Are the benefits being realised?" in out


def test_status_is_deterministic(capsys: pytest.CaptureFixture[str]) -> None:
    outputs = []
    for _ in range(2):
        main(["status", PORTFOLIO, "--period", "2026-11", "--format", "json"])
        outputs.append(capsys.readouterr().out)
    assert outputs[0] == outputs[1]


def test_status_defaults_to_this_month_when_nothing_has_reported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = Path(PORTFOLIO) / "portfolio.yaml"
    (tmp_path / "portfolio.yaml").write_bytes(source.read_bytes())
    with freeze_time("2027-02-10"):
        assert main(["status", str(tmp_path), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["period"] == "2027-02"
    assert data["programmes"] == 0


def test_status_on_a_missing_portfolio_exits_2_without_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["status", str(tmp_path / "nowhere")]) == 2
    err = capsys.readouterr().err
    assert "no such directory" in err
    assert "Traceback" not in err


def test_status_counts_a_programme_with_a_broken_file_as_unreadable(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import shutil

    root = tmp_path / "p"
    shutil.copytree(PORTFOLIO, root)
    (root / "programmes" / "cast-operating-model" / "programme.yaml").write_text(
        "id: [broken\n", encoding="utf-8"
    )
    assert main(["status", str(root), "--period", "2026-11", "--format", "json"]) == 0
    captured = capsys.readouterr()
    assert "1 programme cannot be read: counted as unreadable" in captured.err
    doc = json.loads(captured.out)
    assert doc["q2"]["counts"]["unreadable"] == 1
    assert "cast-operating-model/programme.yaml:2: YAML syntax error" in json.dumps(
        doc["q2_sentences"]
    )


def test_status_header_counts_the_programmes_due_to_report(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["status", PORTFOLIO, "--period", "2026-11"]) == 0
    out = " ".join(capsys.readouterr().out.split())
    # 3 red + 7 amber + 11 green + 1 stale + 1 missing = 23; the other 4 are proposals
    assert "27 programmes and projects, 23 due to report:" in out


def test_status_says_why_an_amber_programme_without_evidence_flags_is_listed(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["status", PORTFOLIO, "--period", "2026-11"]) == 0
    rows = [line for line in capsys.readouterr().out.splitlines() if "Elective Home" in line]
    assert rows and "amber for 5 months since 2026-07" in rows[-1]


def test_status_finds_the_portfolio_above_the_current_folder(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(Path(PORTFOLIO) / "programmes" / "cast-operating-model")
    assert main(["status", "--period", "2026-11", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["programmes"] == 27


def test_status_with_no_portfolio_here_or_above_says_where_it_looked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["status"]) == 2
    err = capsys.readouterr().err
    assert "no ./portfolio folder here and no portfolio.yaml in this folder or above it" in err


def test_an_option_the_command_does_not_take_is_said_with_its_own_usage(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["status", "--portfolio", PORTFOLIO])
    assert stopped.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("usage: pmo status ")
    assert "pmo status takes the portfolio directory as its first argument" in err


def test_a_portfolio_directory_given_where_an_option_is_expected_names_the_option(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit):
        main(["export", "xlsx", str(tmp_path / "out.xlsx"), PORTFOLIO])
    err = capsys.readouterr().err
    assert err.startswith("usage: pmo export xlsx ")
    assert "give the portfolio directory as pmo export xlsx --portfolio DIR" in err


def test_status_lists_an_unreadable_programme_before_the_ambers(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import shutil

    root = tmp_path / "p"
    shutil.copytree(PORTFOLIO, root)
    (root / "programmes" / "cast-operating-model" / "updates" / "2026-11.yaml").write_text(
        "period: [broken\n", encoding="utf-8"
    )
    assert main(["status", str(root), "--period", "2026-11"]) == 0
    lines = capsys.readouterr().out.splitlines()
    table = lines[next(n for n, line in enumerate(lines) if "Why it needs attention" in line) :]
    statuses = [w for line in table for w in ("red", "unreadable", "amber") if f" {w} " in line]
    assert statuses.index("unreadable") < statuses.index("amber")
    assert "cannot be read: fix" in "\n".join(table)
