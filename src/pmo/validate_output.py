"""`pmo validate` output: text lines, JSON, GitHub workflow annotations, GitLab code quality."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pmo.present.terminal import safe
from pmo.problem import Problem

Shown = Callable[[Path], str]


def text_lines(problems: list[Problem], shown: Shown, colour: bool) -> list[str]:
    """``file:line:col: severity path: message``, one a problem, safe for a terminal."""
    paint = {"error": "\033[31merror\033[0m", "warning": "\033[33mwarning\033[0m"}
    out = []
    for problem in problems:
        line = safe(problem.render(shown(problem.file)), newlines=False)
        if colour:
            line = line.replace(f" {problem.severity}", " " + paint[problem.severity], 1)
        out.append(line)
    return out


def json_problems(problems: list[Problem], shown: Shown) -> list[dict[str, Any]]:
    """The problems as JSON objects (``--format json``)."""
    return [
        {
            "file": shown(p.file),
            "line": p.line,
            "column": p.col,
            "path": p.path,
            "code": p.code,
            "severity": p.severity,
            "message": p.message,
        }
        for p in problems
    ]


def _gh_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _gh_property(text: str) -> str:
    return _gh_data(text).replace(":", "%3A").replace(",", "%2C")


def github_lines(problems: list[Problem], shown: Shown) -> list[str]:
    """GitHub Actions workflow commands: ``::error file=F,line=L,col=C,title=T::message``.

    The runner turns them into annotations on the pull request's changed lines.
    """
    out = []
    for p in problems:
        where = f"file={_gh_property(shown(p.file))},line={max(p.line, 1)},col={max(p.col, 1)}"
        title = _gh_property(f"pmo {p.code}")
        message = f"{p.path}: {p.message}" if p.path else p.message
        out.append(f"::{p.severity} {where},title={title}::{_gh_data(safe(message))}")
    return out


def gitlab_report(problems: list[Problem], shown: Shown) -> list[dict[str, Any]]:
    """GitLab code quality report (a JSON array; ``artifacts:reports:codequality``).

    The fingerprint leaves out the line, so an issue keeps its identity when lines move;
    a repeat of the same finding in a file gets its own by counting.
    """
    seen: dict[str, int] = {}
    out = []
    for p in problems:
        file = shown(p.file)
        key = "\0".join((file, p.path, p.code, p.message))
        seen[key] = seen.get(key, 0) + 1
        fingerprint = hashlib.sha256(f"{key}\0{seen[key]}".encode()).hexdigest()
        out.append(
            {
                "description": f"{p.path}: {p.message}" if p.path else p.message,
                "check_name": p.code,
                "fingerprint": fingerprint,
                "severity": "major" if p.severity == "error" else "minor",
                "location": {"path": file, "lines": {"begin": max(p.line, 1)}},
            }
        )
    return out


def dump_json(data: Any) -> str:
    """JSON as pmo prints it: indented, ASCII (control characters escaped), newline-ended."""
    return json.dumps(data, indent=2) + "\n"
