"""`pmo diff`: a semantic summary of what changed between two commits (a temporary repository)."""

from __future__ import annotations

import json
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest

from pmo.cli import main
from test_catalogue import ALPHA, BASE, NOV, apply_edits

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
DEC = "programmes/alpha/updates/2026-12.yaml"
TODAY = date(2026, 12, 20)


def git(cwd: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=PM", "-c", "user.email=pm@example.org", *args],
        cwd=cwd,
        check=True,
        capture_output=True,
    )


def diff(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["diff", *args])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The catalogue portfolio committed once, then December's update and a 45-day slip;
    today is 2026-12-20 (the update's submission date must not be in the future)."""
    shutil.copytree(BASE, tmp_path / "portfolio")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr("pmo.clock.today", lambda: TODAY)
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-qm", "November")
    root = tmp_path / "portfolio"
    december = (root / NOV).read_text(encoding="utf-8")
    for old, new in (
        ("period: 2026-11", "period: 2026-12"),
        ("submitted: 2026-11-20", "submitted: 2026-12-18"),
        ("  overall: amber", "  overall: red"),
        ("Approve a two-week extension", "Approve interim agency spend"),
        ("cost-per-pupil: 6050", "cost-per-pupil: 5990"),
    ):
        december = december.replace(old, new)
    apply_edits(
        root,
        {
            DEC: december,
            ALPHA: ("    forecast: 2027-02-28", "    forecast: 2027-04-14"),
        },
    )
    apply_edits(root, {ALPHA: ("    likelihood: 3", "    likelihood: 4")})
    return tmp_path


EXPECTED = [
    "alpha — Alpha Programme (changed)",
    "  update 2026-12 added (since 2026-11)",
    "  RAG overall amber → red (2026-11 → 2026-12)",
    "  milestone lot-2-awarded forecast 2027-02-28 → 2027-04-14 (slipped 45 days)",
    "  risk provider-market re-scored 12 → 16 (likelihood 3 → 4)",
    "  decision asked (2026-12): Approve interim agency spend",
    "  benefit cost-per-pupil measured 5990 (2026-12)",
]


def test_diff_of_the_working_tree_against_head_names_the_rag_move_and_the_slip(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = diff(capsys)
    assert (code, err) == (0, "")
    assert out.splitlines() == ["pmo diff HEAD → working tree: 1 programme changed", *EXPECTED]


def test_diff_between_two_commits_as_json_and_markdown(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "December")
    (repo / "portfolio" / DEC).unlink()  # the working tree no longer matters
    code, out, _ = diff(capsys, "HEAD~1", "HEAD", "--format", "json")
    data = json.loads(out)
    assert (code, data["from"], data["to"]) == (0, "HEAD~1", "HEAD")
    (alpha,) = data["programmes"]
    kinds = {c["kind"]: c for c in alpha["changes"]}
    assert kinds["milestone-moved"]["days"] == 45
    assert kinds["rag"]["moves"] == [{"dimension": "overall", "from": "amber", "to": "red"}]
    assert kinds["risk-rescored"]["to"] == 16
    code, out, _ = diff(capsys, "HEAD~1", "HEAD", "--format", "markdown")
    assert out.splitlines()[:5] == [
        "## Portfolio changes: HEAD\\~1 → HEAD",
        "",
        "1 programme changed.",
        "",
        "### Alpha Programme (alpha, changed)",
    ]
    assert "- milestone lot-2-awarded forecast 2027-02-28 → 2027-04-14 (slipped 45 days)" in out


def test_a_renamed_programme_folder_is_reported_as_a_rename(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    git(repo, "checkout", "-q", "--", ".")
    (repo / "portfolio" / DEC).unlink()
    git(repo, "mv", "portfolio/programmes/beta", "portfolio/programmes/gamma")
    apply_edits(
        repo / "portfolio",
        {
            "programmes/gamma/programme.yaml": ("id: beta", "id: gamma"),
            ALPHA: ("programme: beta", "programme: gamma"),  # else alpha has an error
        },
    )
    _, out, _ = diff(capsys)
    assert out.splitlines() == [
        "pmo diff HEAD → working tree: 1 programme changed",
        "gamma — Beta Project (renamed)",
        "  renamed from beta",
    ]


def test_an_unknown_revision_cannot_run(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = diff(capsys, "no-such-branch")
    assert (code, out) == (2, "")
    assert err == "pmo diff: unknown revision 'no-such-branch'\n"


def test_hostile_text_is_escaped_in_markdown_and_the_terminal(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    apply_edits(
        repo / "portfolio",
        {DEC: ("Approve interim agency spend", '"<script>x</script> \\e[31m"')},
    )
    _, out, _ = diff(capsys, "--format", "markdown")
    assert "<script>" not in out and "\x1b" not in out
    _, out, _ = diff(capsys)
    assert "\x1b" not in out and "\\x1b[31m" in out


def test_a_broken_update_is_said_unreadable_never_a_rag_move_and_counted_as_validate(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "December: red")
    broken = (repo / "portfolio" / DEC).read_text(encoding="utf-8")
    broken = broken.replace("  overall: red", "  overall: amber")
    broken += "summary: Twice.\ncolour: blue\nnext:\n\t- a tab\n"
    broken = broken.replace("period: 2026-12", "period: 2026-10")
    (repo / "portfolio" / DEC).write_text(broken, encoding="utf-8")
    assert main(["validate", "portfolio"]) == 1
    said = capsys.readouterr().out.splitlines()[-1]
    _, out, _ = diff(capsys)
    assert out.splitlines() == [
        "pmo diff HEAD → working tree: 1 programme changed",
        "alpha — Alpha Programme (changed)",
        "  2026-12 update unreadable (none of its data used; run pmo validate)",
        "  4 errors in its files now (run pmo validate)",
    ]
    assert ": 4 errors, " in said  # the same count, from the same function
