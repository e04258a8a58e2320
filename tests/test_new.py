"""`pmo new update` and `pmo new programme`: files started from the last one or a template."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml
from freezegun import freeze_time

import pmo.store.edit  # noqa: F401  (the YAML writer, imported before any date is frozen)
from pmo.cli import main
from test_catalogue import BASE, NOV, apply_edits

TODAY = "2026-12-02"


@pytest.fixture
def root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(BASE, tmp_path / "portfolio")
    monkeypatch.chdir(tmp_path)
    return tmp_path / "portfolio"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    with freeze_time(TODAY):
        code = main(list(args))
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def test_new_update_carries_ratings_and_clears_the_month(
    root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    apply_edits(
        root, {NOV: ("benefits: {", "assurance: { rag: red, note: PMO view }\nbenefits: {")}
    )
    code, out, err = run(capsys, "new", "update", "alpha")
    assert (code, out, err) == (0, "portfolio/programmes/alpha/updates/2026-12.yaml\n", ""), err
    data = yaml.safe_load((root / "programmes/alpha/updates/2026-12.yaml").read_text("utf-8"))
    assert data["period"] == "2026-12"
    assert str(data["submitted"]) == TODAY
    assert data["rag"]["overall"] == "amber"
    assert data["path_to_green"] == "Re-plan the lot 2 timetable by 15 December."
    assert (data["achievements"], data["next"], data["decisions"], data["benefits"]) == (
        [],
        [],
        [],
        {},
    )
    assert "assurance" not in data
    code, out, _ = run(capsys, "validate", "--programme", "alpha")
    assert code == 0
    assert out.splitlines()[-1].startswith(
        "portfolio: programme alpha, 3 monthly updates, period 2026-12: 0 errors, 0 warnings"
    )


def test_new_update_never_overwrites_and_refuses_beyond_next_month(
    root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, "new", "update", "alpha")[0] == 0
    code, out, err = run(capsys, "new", "update", "alpha", "--period", "2026-12")
    assert (code, out) == (1, "")
    assert err == (
        "portfolio/programmes/alpha/updates/2026-12.yaml:1:1: error 2026-12.yaml already "
        "exists; edit it instead\n"
    )
    assert run(capsys, "new", "update", "alpha")[1] == (
        "portfolio/programmes/alpha/updates/2027-01.yaml\n"
    )
    code, out, err = run(capsys, "new", "update", "alpha")
    assert (code, out) == (2, "")
    assert err == (
        "pmo new: refused: 2027-02 is beyond next month (2027-01); an update is written for "
        "this month or the next (the latest is 2027-01)\n"
    )


def test_new_update_with_no_earlier_update_is_a_draft_template_validate_warns_about(
    root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "new", "update", "beta")
    assert (code, out, err) == (0, "portfolio/programmes/beta/updates/2026-12.yaml\n", ""), err
    text = (root / "programmes/beta/updates/2026-12.yaml").read_text("utf-8")
    data = yaml.safe_load(text)
    assert (data["period"], data["status"], str(data["submitted"])) == ("2026-12", "draft", TODAY)
    assert "delete the\n# `status: draft` line" in text
    code, out, _ = run(capsys, "validate", "--programme", "beta")
    assert code == 0
    warnings = [line for line in out.splitlines() if " warning " in line]
    fields = [w.split(" warning ")[1].split(":")[0] for w in warnings]
    assert fields == ["status", "by", "summary", "path_to_green"]  # in line order


def test_new_update_for_an_unknown_programme_suggests_the_near_one(
    root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, "new", "update", "alfa")
    assert code == 2
    assert err == "pmo new: no programme 'alfa' in portfolio/programmes; did you mean 'alpha'?\n"


def test_new_programme_is_a_commented_skeleton_with_warnings_not_errors(
    root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(
        capsys,
        "new",
        "programme",
        "gamma",
        "--name",
        "Gamma: digital",
        "--kind",
        "project",
        "--parent",
        "alpha",
    )
    assert (code, out) == (0, "portfolio/programmes/gamma/programme.yaml\n")
    text = (root / "programmes/gamma/programme.yaml").read_text("utf-8")
    assert "#   strategic-fit (attractiveness, weight 70): Contribution to objectives" in text
    assert "#   safe: Keep children safe" in text
    assert "#   business-analyst" in text
    assert 'name: "Gamma: digital"' in text
    code, out, _ = run(capsys, "validate", "--programme", "gamma")
    assert code == 0
    found = [re.sub(r"^\S+ warning ", "", line) for line in out.splitlines()[:-1]]
    assert [line.split(":")[0] for line in found] == ["sro", "manager", "summary", "scores"]
    assert out.splitlines()[-1].startswith(
        "portfolio: programme gamma, 0 monthly updates, period 2026-11: 0 errors, 4 warnings"
    )


def test_new_programme_refuses_what_it_must_not_write(
    root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = (root / "programmes/beta/programme.yaml").read_bytes()
    assert run(capsys, "new", "programme", "beta")[2] == (
        "pmo new: programme 'beta' already exists; edit its programme.yaml instead\n"
    )
    assert (root / "programmes/beta/programme.yaml").read_bytes() == before
    assert run(capsys, "new", "programme", "Bad_Id")[0] == 2
    assert run(capsys, "new", "programme", "delta", "--parent", "beta")[2] == (
        "pmo new: 'beta' is a project; a parent must be a programme\n"
    )
    assert not (root / "programmes/delta").exists()
