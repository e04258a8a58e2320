"""`pmo validate` for one person: one programme, found upwards, staged in git, CI formats."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from freezegun import freeze_time

from pmo.cli import main
from pmo.problem import Problem
from pmo.validate_output import github_lines, gitlab_report
from test_catalogue import ALPHA, BASE, BETA, BETA_IN_DELIVERY, NOV, apply_edits

TODAY = "2026-11-23"
needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, list[str], str]:
    with freeze_time(TODAY):
        code = main(["validate", *args])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, [re.sub(r" \(\d+\.\d\ds\)$", "", line) for line in out.splitlines()], err


@pytest.fixture
def portfolio(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "portfolio"
    shutil.copytree(BASE, root)
    monkeypatch.chdir(tmp_path)
    return root


def git(cwd: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=PM", "-c", "user.email=pm@example.org", *args],
        cwd=cwd,
        check=True,
        capture_output=True,
    )


LIKELIHOOD_9 = "portfolio/programmes/alpha/programme.yaml:42:17: error risks[0].likelihood: " + (
    "must be 1..5, got 9"
)
PARENT_IS_PROJECT = (
    "portfolio/programmes/beta/programme.yaml:4:9: error parent: parent 'alpha' is a project; "
    "a parent must be a programme"
)


def test_programme_option_shows_its_problems_and_cross_file_ones_naming_it(
    portfolio: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    apply_edits(
        portfolio,
        {
            ALPHA: ("kind: programme", "kind: project"),
            BETA: ("{ strategic-fit: 2", "{ strategy: 2"),
        },
    )
    code, lines, _ = run(capsys, "--programme", "alpha")
    assert lines == [
        PARENT_IS_PROJECT,
        "portfolio: programme alpha, 2 monthly updates, period 2026-11: 1 error, 0 warnings",
    ]
    assert code == 1
    code, lines, _ = run(capsys, "--programme", "beta")
    assert [line.split(": ")[0] for line in lines[:-1]] == [
        "portfolio/programmes/beta/programme.yaml:4:9",
        "portfolio/programmes/beta/programme.yaml:10:9",
        "portfolio/programmes/beta/programme.yaml:10:11",
    ]


def test_a_path_inside_a_programme_folder_finds_the_portfolio_above_it(
    portfolio: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    apply_edits(portfolio, {ALPHA: ("    likelihood: 3", "    likelihood: 9")})
    code, lines, err = run(capsys, "portfolio/programmes/alpha/updates/2026-11.yaml")
    assert (code, err) == (1, "")
    assert lines[0] == LIKELIHOOD_9
    assert lines[-1].startswith("portfolio: programme alpha,")
    monkeypatch.chdir(portfolio / "programmes" / "alpha" / "updates")
    code, lines, _ = run(capsys, "--programme", "..")
    assert lines[0] == "../programme.yaml:42:17: error risks[0].likelihood: must be 1..5, got 9"
    assert lines[-1].endswith(
        "programme alpha, 2 monthly updates, period 2026-11: 1 error, 0 warnings"
    )
    code, lines, _ = run(capsys)  # no argument: the whole portfolio found upwards
    assert lines[-1].endswith(
        "portfolio: 2 programmes, 2 monthly updates, 0 DMT notes, period 2026-11: 1 error, "
        "0 warnings"
    )


def test_an_unknown_programme_cannot_run_and_suggests_the_near_one(
    portfolio: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, lines, err = run(capsys, "--programme", "alpah")
    assert (code, lines) == (2, [])
    assert (
        err == "pmo validate: no programme 'alpah' in portfolio/programmes; did you mean 'alpha'?\n"
    )


def test_strict_for_one_programme_ignores_other_programmes_warnings(
    portfolio: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    apply_edits(portfolio, {BETA: BETA_IN_DELIVERY})  # beta now misses its November update
    assert run(capsys, "--strict")[0] == 1
    assert run(capsys, "--strict", "--programme", "alpha")[0] == 0


def test_github_format_writes_workflow_annotations_with_escaped_data() -> None:
    problem = Problem(Path("p,1.yaml"), 3, 5, "summary", "bad", "100% wrong\nnext: \x1b[31m")
    assert github_lines([problem], str) == [
        "::error file=p%2C1.yaml,line=3,col=5,title=pmo bad::summary: 100%25 wrong%0Anext: "
        "\\x1b[31m"
    ]


def test_gitlab_format_is_a_code_quality_report(
    portfolio: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    apply_edits(
        portfolio, {NOV: ("path_to_green: Re-plan the lot 2 timetable by 15 December.\n", "")}
    )
    code, lines, _ = run(capsys, "--format", "gitlab")
    report = json.loads("\n".join(lines))
    assert code == 0
    assert report == [
        {
            "description": "rag.overall: overall is amber but there is no path_to_green; say how "
            "it gets back to green",
            "check_name": "no-path-to-green",
            "fingerprint": report[0]["fingerprint"],
            "severity": "minor",
            "location": {
                "path": "portfolio/programmes/alpha/updates/2026-11.yaml",
                "lines": {"begin": 5},
            },
        }
    ]
    assert len(report[0]["fingerprint"]) == 64


def test_gitlab_fingerprints_differ_for_a_repeated_finding() -> None:
    same = Problem(Path("a.yaml"), 1, 1, "x", "c", "m")
    report = gitlab_report([same, same], str)
    assert report[0]["fingerprint"] != report[1]["fingerprint"]


@needs_git
def test_staged_checks_the_index_not_the_working_tree(
    portfolio: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    repo = portfolio.parent
    git(repo, "init", "-q")
    apply_edits(portfolio, {ALPHA: ("    likelihood: 3", "    likelihood: 9")})
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "broken")
    apply_edits(portfolio, {ALPHA: ("    likelihood: 9", "    likelihood: 3")})  # fixed, unstaged
    code, lines, _ = run(capsys, "--staged")
    assert code == 1
    assert lines[0] == LIKELIHOOD_9
    assert run(capsys)[0] == 0  # the working tree is fine
    git(repo, "add", "-A")
    apply_edits(portfolio, {NOV: ("summary: Lot 2", "summary:: Lot 2")})  # broken, unstaged
    code, lines, _ = run(capsys, "--staged")
    assert code == 0
    assert lines == [
        "portfolio (staged): 2 programmes, 2 monthly updates, 0 DMT notes, period 2026-11: "
        "0 errors, 0 warnings (warnings shown for alpha)"
    ]


@needs_git
def test_staged_sees_deleted_and_renamed_programmes(
    portfolio: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    repo = portfolio.parent
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "base")
    git(repo, "mv", "portfolio/programmes/beta", "portfolio/programmes/gamma")
    code, lines, _ = run(capsys, "--staged")
    assert code == 1
    assert lines[:-1] == [
        "portfolio/programmes/alpha/programme.yaml:48:18: error dependencies[0].programme: "
        "unknown programme 'beta'; known: alpha, gamma",
        "portfolio/programmes/gamma/programme.yaml:1:5: error id: id 'beta' does not match its "
        "folder 'gamma'; the id must equal the folder name",
    ]
    git(repo, "mv", "portfolio/programmes/gamma", "portfolio/programmes/beta")
    git(repo, "rm", "-rq", "portfolio/programmes/beta")
    code, lines, _ = run(capsys, "--staged")
    assert lines[:-1] == [
        "portfolio/programmes/alpha/programme.yaml:48:18: error dependencies[0].programme: "
        "unknown programme 'beta'; known: alpha",
    ]
    assert (portfolio / "programmes" / "beta").exists() is False


@needs_git
def test_staged_shows_warnings_only_for_the_programmes_in_the_commit(
    portfolio: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    repo = portfolio.parent
    apply_edits(portfolio, {BETA: BETA_IN_DELIVERY})  # beta: a missing-update warning
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "base")
    apply_edits(
        portfolio, {NOV: ("path_to_green: Re-plan the lot 2 timetable by 15 December.\n", "")}
    )
    git(repo, "add", "-A")
    code, lines, _ = run(capsys, "--staged")
    assert code == 0
    assert [line.split(": warning")[0] for line in lines[:-1]] == [
        "portfolio/programmes/alpha/updates/2026-11.yaml:5:12"
    ]


def test_staged_outside_git_cannot_run(portfolio: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, lines, err = run(capsys, "--staged")
    assert (code, lines) == (2, [])
    assert err.startswith("pmo validate: --staged: ")


def test_the_shipped_hook_and_ci_examples_run_pmo_as_documented() -> None:
    repo = Path(__file__).resolve().parents[1]
    hooks = yaml.safe_load((repo / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    (hook,) = hooks
    assert hook["id"] == "pmo-validate"
    assert hook["entry"] == "pmo validate --staged"
    assert hook["pass_filenames"] is False
    assert re.search(hook["files"], "portfolio/programmes/x/updates/2026-11.yaml")
    github = yaml.safe_load((repo / "docs/ci/github-actions.yml").read_text(encoding="utf-8"))
    steps = " ".join(str(step.get("run", "")) for step in github["jobs"]["validate"]["steps"])
    assert "--format github" in steps and "pmo diff" in steps
    gitlab = yaml.safe_load((repo / "docs/ci/gitlab-ci.yml").read_text(encoding="utf-8"))
    job = gitlab["pmo-validate"]
    assert job["artifacts"]["reports"]["codequality"] == "gl-code-quality-report.json"
    assert any("--format gitlab" in line for line in job["script"])
