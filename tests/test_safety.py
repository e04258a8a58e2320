"""Hostile files and faults: odd files built at test time, text that would drive a terminal,
links out of the portfolio, bounds, writes that keep the file as it was."""

from __future__ import annotations

import errno
import json
import os
import re
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from freezegun import freeze_time

from pmo.cli import main
from pmo.present.terminal import has_unsafe
from pmo.store import load_portfolio
from pmo.store.cache import LoadCache
from pmo.store.edit import record_assurance
from pmo.store.files import Refused, read_regular
from test_catalogue import ALPHA, BASE, NOV, apply_edits, make_portfolio

TODAY = "2026-11-23"
UPDATES = "portfolio/programmes/alpha/updates"


@pytest.fixture(autouse=True)
def deadline() -> Iterator[None]:
    """A hang is a failure: every test here must finish within 30 seconds."""

    def expired(signum: int, frame: object) -> None:
        raise TimeoutError("hung: a read or write blocked")

    old = signal.signal(signal.SIGALRM, expired)
    signal.alarm(30)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


def pmo(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """Run ``pmo ARGS`` on the catalogue's day: (exit code, stdout, stderr)."""
    with freeze_time(TODAY):
        code = main(list(args))
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    assert "internal error" not in out + err
    return code, out, err


def problem_lines(out: str) -> list[str]:
    return out.splitlines()[:-1]


# --- only regular files are read, bounded ------------------------------------------------------


def test_a_fifo_named_like_an_update_is_a_problem_not_a_hang(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_portfolio(tmp_path, monkeypatch)
    (root / NOV).unlink()
    os.mkfifo(root / NOV)
    os.mkfifo(root / "dmt-fifo")  # not read at all: not in a folder pmo reads
    (root / "dmt").mkdir()
    os.mkfifo(root / "dmt" / "2026-11.yaml")
    code, out, _ = pmo(capsys, "validate", "portfolio")
    assert code == 1
    assert problem_lines(out) == [
        "portfolio/dmt/2026-11.yaml:1:1: error this is a named pipe (FIFO), not a file; it was "
        "not read",
        f"{UPDATES}/2026-11.yaml:1:1: error this is a named pipe (FIFO), not a file; it was "
        "not read",
    ]
    for command in (["status", "portfolio"], ["scenario", "portfolio"]):
        code, out, err = pmo(capsys, *command)
        assert code == 0 and "warning:" in err
    code, out, err = pmo(capsys, "report", "--portfolio", "portfolio", "--out", "reports")
    assert code == 0


def test_a_device_or_a_folder_is_refused_by_the_reader(tmp_path: Path) -> None:
    with pytest.raises(Refused, match="a device"):
        read_regular(Path("/dev/zero"), 1024)
    with pytest.raises(Refused, match="a folder"):
        read_regular(tmp_path, 1024)
    sock = tmp_path / "s"
    import socket

    server = socket.socket(socket.AF_UNIX)
    try:
        server.bind(str(sock))
        with pytest.raises(OSError):  # a socket cannot even be opened as a file
            read_regular(sock, 1024)
    finally:
        server.close()


def test_a_file_larger_than_it_says_is_cut_at_the_limit() -> None:
    # /proc files say size 0 and are read to the end: the cap, not the size, bounds the read
    with pytest.raises(Refused, match="more than"):
        read_regular(Path("/proc/self/maps"), 16)


def test_a_link_to_dev_zero_is_refused_at_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_portfolio(tmp_path, monkeypatch)
    (root / NOV).unlink()
    (root / NOV).symlink_to("/dev/zero")
    code, out, _ = pmo(capsys, "validate", "portfolio")
    assert code == 1
    assert problem_lines(out) == [
        f"{UPDATES}/2026-11.yaml:1:1: error file is a link to outside the portfolio; it was "
        "not read",
    ]


# --- links that leave the portfolio --------------------------------------------------------------


def test_a_programme_file_linked_to_etc_passwd_is_refused_and_never_echoed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_portfolio(tmp_path, monkeypatch)
    (root / ALPHA).unlink()
    (root / ALPHA).symlink_to("/etc/passwd")
    code, out, _ = pmo(capsys, "validate", "portfolio")
    assert code == 1
    assert "root:" not in out
    assert problem_lines(out)[0] == (
        "portfolio/programmes/alpha/programme.yaml:1:1: error file is a link to outside the "
        "portfolio; it was not read"
    )


@pytest.mark.parametrize("folder", ["programmes", "programmes/alpha/updates", "dmt"])
def test_a_folder_linked_outside_the_portfolio_is_not_read(
    folder: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    root = make_portfolio(tmp_path, monkeypatch)
    elsewhere = tmp_path / "elsewhere"
    if (root / folder).exists():
        shutil.move(root / folder, elsewhere)
    else:
        elsewhere.mkdir()
        (elsewhere / "2026-11.yaml").write_text("meeting: 2026-12-03\n", encoding="utf-8")
    (root / folder).symlink_to(elsewhere)
    code, out, _ = pmo(capsys, "validate", "portfolio")
    assert code == 1
    assert (
        f"portfolio/{folder}:1:1: error folder is a link to outside the portfolio; it was not read"
    ) in problem_lines(out)


def test_links_that_stay_inside_the_portfolio_are_followed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_portfolio(tmp_path, monkeypatch)
    shutil.move(root / NOV, root / "shared-2026-11.yaml")
    (root / NOV).symlink_to(root / "shared-2026-11.yaml")
    code, out, _ = pmo(capsys, "validate", "portfolio")
    assert (code, problem_lines(out)) == (0, [])


# --- a file where a folder should be, unreadable folders ----------------------------------------


@pytest.mark.parametrize("folder", ["programmes", "dmt", "programmes/alpha/updates"])
def test_a_file_where_a_folder_should_be_is_a_problem(
    folder: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    root = make_portfolio(tmp_path, monkeypatch)
    if (root / folder).exists():
        shutil.rmtree(root / folder)
    (root / folder).write_text("not a folder\n", encoding="utf-8")
    code, out, _ = pmo(capsys, "validate", "portfolio")
    name = folder.rsplit("/", 1)[-1]
    assert code == 1
    assert (
        f"portfolio/{folder}:1:1: error '{name}' is a file; it should be a folder"
    ) in problem_lines(out)
    code, _, _ = pmo(capsys, "status", "portfolio")
    assert code == 0


def _as_nobody(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run pmo as an ordinary user (CI runs as root, who may read anything)."""
    command = [sys.executable, "-c", "import sys; from pmo.cli import main; sys.exit(main())"]
    if os.geteuid() == 0:
        command = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", *command]
    env = {**os.environ, "PMO_CACHE_DIR": str(cwd / "cache"), "HOME": str(cwd)}
    return subprocess.run(
        [*command, *args], cwd=cwd, capture_output=True, text=True, env=env, timeout=60
    )


@pytest.fixture
def open_dir() -> Iterator[Path]:
    """A world-readable temporary folder (pytest's own is private to its user)."""
    path = Path(tempfile.mkdtemp(prefix="pmo-safety-"))
    path.chmod(0o777)
    yield path
    for sub in path.rglob("*"):
        if sub.is_dir() and not sub.is_symlink():
            sub.chmod(0o755)
    shutil.rmtree(path)


def _can_drop_privileges(where: Path) -> str | None:
    if os.geteuid() != 0:
        return None
    if shutil.which("setpriv") is None:
        return "running as root and setpriv is not installed: cannot drop privileges"
    probe = subprocess.run(
        [
            "setpriv",
            "--reuid=65534",
            "--regid=65534",
            "--clear-groups",
            sys.executable,
            "-c",
            "import pmo",
        ],
        cwd=where,
        capture_output=True,
        timeout=60,
    )
    if probe.returncode != 0:
        return "running as root and the user nobody cannot run this Python: cannot drop privileges"
    return None


def test_an_unreadable_folder_and_file_are_problems_for_an_ordinary_user(open_dir: Path) -> None:
    why = _can_drop_privileges(open_dir)
    if why:
        pytest.skip(why)
    root = open_dir / "portfolio"
    shutil.copytree(BASE, root)
    for path in [root, *root.rglob("*")]:
        path.chmod(0o755 if path.is_dir() else 0o644)
    (root / "programmes/alpha/updates").chmod(0)
    (root / "programmes/beta/programme.yaml").chmod(0)
    done = _as_nobody("validate", "portfolio", cwd=open_dir)
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr and done.stderr == ""
    lines = done.stdout.splitlines()
    assert (
        "portfolio/programmes/alpha/updates:1:1: error cannot read folder: Permission denied"
        in lines
    )
    assert (
        "portfolio/programmes/beta/programme.yaml:1:1: error cannot read file: Permission denied"
        in lines
    )
    status = _as_nobody("status", "portfolio", cwd=open_dir)
    assert status.returncode == 0 and "warning:" in status.stderr
    root.chmod(0)
    done = _as_nobody("validate", "portfolio", cwd=open_dir)
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr in (
        "pmo validate: portfolio: cannot read the folder (permission denied)\n",
        "pmo validate: cannot read: Permission denied (portfolio/portfolio.yaml)\n",
    )
    for command in ("status", "scenario"):
        done = _as_nobody(command, "portfolio", cwd=open_dir)
        assert (done.returncode, done.stdout) == (2, "")
        assert "Traceback" not in done.stderr and "internal error" not in done.stderr
    root.chmod(0o755)
    schema = _as_nobody("schema", "--out", "portfolio/programmes/alpha/updates/x", cwd=open_dir)
    assert schema.returncode == 2
    assert (
        schema.stderr.startswith("pmo schema: cannot write")
        and "Permission denied" in schema.stderr
    )


# --- text never drives the terminal --------------------------------------------------------------

HOSTILE = "A\x1b]2;PWNED\x1b\\\x1b[2J [link=https://evil.example]click[/link] [/x] \u202eevil"


def _named(root: Path, name: str) -> None:
    apply_edits(root, {ALPHA: ("name: Alpha Programme", f"name: {json.dumps(name)}")})


def test_status_shows_control_bidi_and_markup_in_names_without_obeying_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_portfolio(tmp_path, monkeypatch)
    _named(root, HOSTILE)
    apply_edits(
        root,
        {NOV: ("path_to_green: Re-plan", "path_to_green: '[/x] [bold]\u200bRe-plan")},
    )
    apply_edits(root, {NOV: ("15 December.\n", "15 December.'\n")})
    code, out, err = pmo(capsys, "status", "portfolio")
    assert code == 0, err
    assert not has_unsafe(out.replace("\n", "")) and "\x1b" not in out
    assert "A\\x1b]2;PWNED" in out and "⟨U+202E⟩" in out
    assert "[link=https://evil.example]click[/link] [/x]" in out  # printed, not applied


def test_validate_and_report_console_lines_never_carry_raw_control_characters(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_portfolio(tmp_path, monkeypatch)
    _named(root, HOSTILE)
    (root / "programmes" / "x\x1b[2Jy").mkdir()  # a folder name is user text too
    bad = root / "programmes/alpha/updates/\x1b]2;t\x07.yaml"
    bad.write_text("period: 2026-11\n", encoding="utf-8")
    code, out, err = pmo(capsys, "validate", "portfolio")
    assert code == 1
    assert "\x1b" not in out + err and "\u202e" not in out + err
    assert "\\x1b]2;t\\x07.yaml" in out
    code, out, err = pmo(capsys, "report", "--portfolio", "portfolio", "--out", "reports")
    assert code == 0
    assert "\x1b" not in out + err and "\u202e" not in out + err
    code, out, err = pmo(capsys, "scenario", "portfolio")
    assert code == 0
    assert "\x1b" not in out + err


def test_json_output_carries_hostile_text_escaped_never_raw(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_portfolio(tmp_path, monkeypatch)
    _named(root, HOSTILE)
    for command in ("scenario", "status"):
        code, out, err = pmo(capsys, command, "portfolio", "--format", "json")
        assert code == 0, err
        assert out.isascii(), command  # \u escapes: no ESC, bidi override or raw control
        assert HOSTILE in _strings(json.loads(out)), command  # the name itself, exactly


def _strings(doc: object) -> list[str]:
    """Every string value in a JSON document."""
    if isinstance(doc, dict):
        return [s for v in doc.values() for s in _strings(v)]
    if isinstance(doc, list):
        return [s for v in doc for s in _strings(v)]
    return [doc] if isinstance(doc, str) else []


def test_usage_errors_echo_arguments_escaped(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["status", "--period", "\x1b]2;x\x07"])
    _, err = capsys.readouterr()
    assert exit_info.value.code == 2
    assert "\x1b" not in err and "got '\\x1b]2;x\\x07'" in err


def test_a_hostile_snapshot_from_last_month_is_escaped_in_markdown(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    make_portfolio(tmp_path, monkeypatch)
    code, _, _ = pmo(capsys, "report", "--portfolio", "portfolio", "--out", "reports")
    assert code == 0
    snap = tmp_path / "reports/2026-11/snapshot.json"
    doc = json.loads(snap.read_text(encoding="utf-8"))
    doc["period"] = "2026-10"
    for item in doc["programmes"].values():
        item["status"] = "<img src=x onerror=alert(1)>"
        item["name"] = "[click](javascript:alert(1))"
    for figure in doc["figures"].values():
        figure["value"] = float("nan")
    doc["status_counts"] = {"red": float("inf"), "green": True}
    previous = tmp_path / "reports/2026-10"
    previous.mkdir()
    (previous / "snapshot.json").write_text(json.dumps(doc), encoding="utf-8")  # NaN, Infinity
    code, _, err = pmo(capsys, "report", "--portfolio", "portfolio", "--out", "reports")
    assert code == 0, err
    md = (tmp_path / "reports/2026-11/dmt-report.md").read_text(encoding="utf-8")
    assert "<img" not in md and "&lt;img src=x onerror=alert(1)&gt;" in md
    assert "](javascript:" not in md
    assert re.search(r"\b(nan|inf)\b", md, re.IGNORECASE) is None


# --- no internal error for what files and arguments can cause ----------------------------------


@pytest.mark.parametrize(
    ("edits", "command"),
    [
        ({"programmes/alpha/updates/0001-01.yaml": "period: 0001-01\n"}, "status"),
        ({ALPHA: ("revenue: 200000", "revenue: 1.0e+28")}, "status"),
        ({ALPHA: ("revenue: 200000", "revenue: 1.0e+28")}, "scenario"),
        ({ALPHA: ("value: 6200, date: 2026-03-31", "value: .nan, date: 2026-03-31")}, "status"),
        ({ALPHA: ("start: 2026-04-01", "start: 9999-12-31")}, "report"),
    ],
)
def test_files_that_once_crashed_the_analysis_are_left_out_with_a_warning(
    edits: dict[str, tuple[str, str] | str],
    command: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    root = make_portfolio(tmp_path, monkeypatch)
    apply_edits(root, edits)  # type: ignore[arg-type]
    args = ["--portfolio", "portfolio"] if command == "report" else ["portfolio"]
    code, _, err = pmo(capsys, command, *args)
    assert code == 0
    assert "warning:" in err


def test_an_envelope_scale_beyond_bounds_is_a_usage_error(
    capsys: pytest.CaptureFixture[str],
) -> None:
    for scale in ("1e308", "inf", "-1", "nan"):
        with pytest.raises(SystemExit) as exit_info:
            main(["scenario", "--envelope-scale", scale])
        _, err = capsys.readouterr()
        assert exit_info.value.code == 2
        assert "expected a number from 0 to 100" in err.splitlines()[-1]


def test_schema_onto_a_file_or_through_an_outside_link_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("taken").write_text("mine\n", encoding="utf-8")
    code, out, err = pmo(capsys, "schema", "--out", "taken")
    assert (code, out) == (2, "")
    assert err.startswith("pmo schema: ") and err.count("\n") == 1
    assert Path("taken").read_text(encoding="utf-8") == "mine\n"
    Path("schema").mkdir()
    Path("elsewhere").mkdir()
    Path("schema/update.schema.json").symlink_to(tmp_path / "elsewhere/victim.json")
    code, out, err = pmo(capsys, "schema", "--out", "schema")
    assert (code, out) == (2, "")
    assert "leads outside schema through a symbolic link" in err
    assert list(Path("elsewhere").iterdir()) == []
    assert list(Path("schema").iterdir()) == [Path("schema/update.schema.json")]


def test_report_never_writes_through_a_link_out_of_its_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    make_portfolio(tmp_path, monkeypatch)
    (tmp_path / "reports").mkdir()
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "reports/2026-11").symlink_to(tmp_path / "elsewhere")
    code, out, err = pmo(capsys, "report", "--portfolio", "portfolio", "--out", "reports")
    assert (code, out) == (2, "")
    assert "leads outside reports through a symbolic link; refused to write there" in err
    assert list((tmp_path / "elsewhere").iterdir()) == []


def test_a_full_disk_is_one_line_and_leaves_no_temp_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    make_portfolio(tmp_path, monkeypatch)

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr("pmo.store.write.os.fsync", full)
    code, out, err = pmo(capsys, "report", "--portfolio", "portfolio", "--out", "reports")
    assert (code, out) == (2, "")
    assert err == "pmo report: cannot write the report: No space left on device\n"
    assert list((tmp_path / "reports/2026-11").iterdir()) == []
    code, out, err = pmo(capsys, "schema", "--out", "schema")
    assert (code, out) == (2, "")
    assert err == "pmo schema: cannot write schema: No space left on device\n"


# --- writes keep the file as it was --------------------------------------------------------------


def test_the_cache_file_is_private_even_in_an_existing_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_portfolio(tmp_path, monkeypatch)
    folder = tmp_path / "cache"
    folder.mkdir(mode=0o755)
    monkeypatch.setattr(os, "umask", lambda mask: 0o022)  # as a user's usual umask would
    cache = LoadCache(root, folder).open()
    load_portfolio(root, cache)
    assert cache.save() and cache.file is not None
    assert stat.S_IMODE(cache.file.stat().st_mode) == 0o600
    cache.file.chmod(0o644)  # an older pmo's cache
    cache.changed = True
    assert cache.save()
    assert stat.S_IMODE(cache.file.stat().st_mode) == 0o600


def test_an_edit_keeps_the_byte_order_mark_line_endings_mode_and_owner(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_portfolio(tmp_path, monkeypatch)
    path = root / NOV
    text = path.read_text(encoding="utf-8").replace("\n", "\r\n")
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    path.chmod(0o640)
    owner = (65534, 65534) if os.geteuid() == 0 else (os.getuid(), os.getgid())
    if os.geteuid() == 0:
        os.chown(path, *owner)
    from datetime import date

    result = record_assurance(
        root, "alpha", "2026-11", "red", "Not as rated", by="PMO", on=date(2026, 11, 25)
    )
    assert result.written, result.problems
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    body = raw[3:].decode("utf-8")
    assert body.startswith(text) and "\r\nassurance:\r\n" in body
    assert body.count("\n") == body.count("\r\n")
    st = path.stat()
    assert stat.S_IMODE(st.st_mode) == 0o640
    assert (st.st_uid, st.st_gid) == owner


def test_an_edit_through_a_link_out_of_the_portfolio_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_portfolio(tmp_path, monkeypatch)
    victim = tmp_path / "victim.yaml"
    shutil.move(root / NOV, victim)
    (root / NOV).symlink_to(victim)
    before = victim.read_bytes()

    result = record_assurance(root, "alpha", "2026-11", "red", "x", by=None, on=date(2026, 11, 25))
    assert not result.written
    assert [p.code for p in result.problems] == ["outside-portfolio"]
    assert victim.read_bytes() == before


def test_a_link_that_loops_is_a_problem(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_portfolio(tmp_path, monkeypatch)
    (root / NOV).unlink()
    (root / NOV).symlink_to("2026-11.yaml")  # itself
    (root / "programmes/gamma").symlink_to("gamma")
    for command in (["validate", "portfolio"], ["report", "--portfolio", "portfolio"]):
        code, _, _ = pmo(capsys, *command)
        assert code in (0, 1)


def test_portfolio_yaml_as_a_fifo_is_named_not_hung_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_portfolio(tmp_path, monkeypatch)
    (root / "portfolio.yaml").unlink()
    os.mkfifo(root / "portfolio.yaml")
    code, out, _ = pmo(capsys, "validate", "portfolio")
    assert code == 1
    assert problem_lines(out) == [
        "portfolio/portfolio.yaml:1:1: error this is a named pipe (FIFO), not a file; it was "
        "not read"
    ]


def test_last_months_snapshot_as_a_fifo_or_nested_too_deeply_is_not_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    make_portfolio(tmp_path, monkeypatch)
    previous = tmp_path / "reports/2026-10"
    previous.mkdir(parents=True)
    os.mkfifo(previous / "snapshot.json")
    code, _, err = pmo(capsys, "report", "--portfolio", "portfolio", "--out", "reports")
    assert code == 0, err
    (previous / "snapshot.json").unlink()
    (previous / "snapshot.json").write_text("[" * 200_000, encoding="utf-8")
    code, _, err = pmo(capsys, "report", "--portfolio", "portfolio", "--out", "reports")
    assert code == 0, err
