"""A portfolio as git holds it (a commit, or the index being committed), copied out to read.

git is run as a subprocess (``git`` must be on PATH): the commands used here (rev-parse,
ls-tree, ls-files, cat-file, diff) are stable plumbing, every git a portfolio repository
has can run them, and no library (dulwich, pygit2) is needed to read a tree or the index.
Only regular files are copied, each blob streamed in chunks; a blob larger than the reader's
limit becomes a sparse file of the same size, so it is refused exactly as on disk.
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import IO

from pmo.store.yamlread import MAX_FILE_BYTES

REGULAR_MODES = ("100644", "100755")
EMPTY_TREE = "4b825dc642cb6eb9a060e54bf8d69288fbee4904"
"""The id of git's empty tree: what the first commit is compared with."""
_CHUNK = 1 << 16


class GitError(Exception):
    """git could not do what was asked (not a repository, unknown revision...)."""


def _git(cwd: Path, *args: str) -> bytes:
    try:
        done = subprocess.run(
            ["git", *args], cwd=cwd, capture_output=True, check=False, timeout=120
        )
    except FileNotFoundError:
        raise GitError("git is not installed (or not on PATH)") from None
    except subprocess.TimeoutExpired:
        raise GitError(f"git {args[0]} took longer than two minutes") from None
    if done.returncode != 0:
        what = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GitError(what[-1] if what else f"git {args[0]} failed")
    return done.stdout


@dataclass(frozen=True, slots=True)
class Repo:
    """A portfolio inside a git work tree: the work tree's top and the portfolio's place in it."""

    top: Path
    portfolio: PurePosixPath
    """The portfolio folder relative to ``top`` ('.' when it is the top)."""


def find_repo(portfolio: Path) -> Repo:
    """The git work tree that holds ``portfolio`` (a directory)."""
    out = _git(portfolio, "rev-parse", "--show-toplevel")
    top = Path(out.decode("utf-8").strip()).resolve()
    rel = portfolio.resolve().relative_to(top)
    return Repo(top, PurePosixPath(rel.as_posix()))


@dataclass(frozen=True, slots=True)
class Entry:
    """A file in a tree or the index: mode, blob id and path from the work tree's top."""

    mode: str
    blob: str
    path: PurePosixPath


def _spec(repo: Repo) -> str:
    return "." if str(repo.portfolio) == "." else str(repo.portfolio)


def tree_entries(repo: Repo, rev: str) -> list[Entry]:
    """Files of the portfolio in commit ``rev`` (any git revision syntax)."""
    commit = resolve(repo, rev)
    out = _git(repo.top, "ls-tree", "-r", "-z", "--full-tree", commit, "--", _spec(repo))
    entries = []
    for record in out.split(b"\0"):
        if not record:
            continue
        meta, _, name = record.partition(b"\t")
        mode, _kind, blob = meta.decode().split()
        entries.append(Entry(mode, blob, PurePosixPath(name.decode("utf-8", "surrogateescape"))))
    return entries


def index_entries(repo: Repo) -> list[Entry]:
    """Files of the portfolio in the index (what the next commit will hold)."""
    out = _git(repo.top, "ls-files", "-z", "--stage", "--full-name", "--", _spec(repo))
    entries = []
    for record in out.split(b"\0"):
        if not record:
            continue
        meta, _, name = record.partition(b"\t")
        mode, blob, stage = meta.decode().split()
        if stage not in ("0", "2"):  # in a merge conflict, 'ours' stands for the file
            continue
        entries.append(Entry(mode, blob, PurePosixPath(name.decode("utf-8", "surrogateescape"))))
    return entries


def resolve(repo: Repo, rev: str) -> str:
    """The commit id ``rev`` names; GitError when it names none."""
    if rev.startswith("-"):
        raise GitError(f"not a revision: {rev}")
    try:
        out = _git(repo.top, "rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}")
    except GitError:
        raise GitError(f"unknown revision '{rev}'") from None
    return out.decode().strip()


def _read_exact(stream: IO[bytes], size: int, sink: IO[bytes] | None) -> None:
    left = size
    while left:
        chunk = stream.read(min(left, _CHUNK))
        if not chunk:
            raise GitError("git cat-file stopped early")
        if sink is not None:
            sink.write(chunk)
        left -= len(chunk)


def copy_out(repo: Repo, entries: list[Entry], dest: Path) -> Path:
    """Write the portfolio's regular files in ``entries`` below ``dest``; its root there.

    Links, submodules and paths that would leave ``dest`` are skipped.
    """
    root = dest / "portfolio"
    root.mkdir(parents=True, exist_ok=True)
    wanted = [e for e in entries if e.mode in REGULAR_MODES]
    if wanted:
        with subprocess.Popen(
            ["git", "cat-file", "--batch"],
            cwd=repo.top,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        ) as proc:
            assert proc.stdin is not None and proc.stdout is not None
            for entry in wanted:
                proc.stdin.write(entry.blob.encode() + b"\n")
            proc.stdin.close()
            for entry in wanted:
                header = proc.stdout.readline().split()
                if len(header) != 3:
                    raise GitError(f"cannot read {entry.path} from git")
                size = int(header[2])
                target = _inside(root, entry.path, repo.portfolio)
                if target is None:
                    _read_exact(proc.stdout, size, None)
                else:
                    target.parent.mkdir(parents=True, exist_ok=True)
                    with target.open("wb") as handle:
                        if size > MAX_FILE_BYTES:  # refused by the reader, never read
                            _read_exact(proc.stdout, size, None)
                            handle.truncate(size)
                        else:
                            _read_exact(proc.stdout, size, handle)
                proc.stdout.read(1)  # the newline after each blob
    return root


def _inside(root: Path, path: PurePosixPath, portfolio: PurePosixPath) -> Path | None:
    try:
        rel = path.relative_to(portfolio) if str(portfolio) != "." else path
    except ValueError:
        return None
    if any(part in ("", ".", "..") for part in rel.parts):
        return None
    return root.joinpath(*rel.parts)


def changed_paths(repo: Repo, *args: str) -> Iterator[PurePosixPath]:
    """Paths (from the top) that ``git diff --name-only ARGS`` lists inside the portfolio.

    Renames count on both sides (``--no-renames``: a deletion and an addition).
    """
    out = _git(repo.top, "diff", "--name-only", "--no-renames", "-z", *args, "--", _spec(repo))
    for name in out.split(b"\0"):
        if name:
            yield PurePosixPath(name.decode("utf-8", "surrogateescape"))


def programme_ids(repo: Repo, paths: Iterator[PurePosixPath]) -> set[str]:
    """The programme folders that ``paths`` fall in."""
    ids = set()
    for path in paths:
        try:
            rel = path.relative_to(repo.portfolio) if str(repo.portfolio) != "." else path
        except ValueError:
            continue
        if len(rel.parts) >= 3 and rel.parts[0] == "programmes":
            ids.add(rel.parts[1])
    return ids
