"""New files from templates: a commented programme skeleton, and creating a file exactly once."""

from __future__ import annotations

import json
import os
import tempfile
from datetime import date
from pathlib import Path

from pmo.model import Portfolio
from pmo.model.portfolio import DEFAULT_RISK_CATEGORIES, DEFAULT_SERVICES
from pmo.store.write import new_file_mode

PLACEHOLDER = "TODO"
"""Text a template leaves for the manager to replace; `pmo validate` warns while it is there."""


def create_new(path: Path, text: str) -> bool:
    """Write a new file atomically; False (nothing written) if ``path`` already exists."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.fchmod(fd, new_file_mode())
        with os.fdopen(fd, "wb") as handle:
            handle.write(text.encode("utf-8"))
            handle.flush()
            os.fsync(handle.fileno())
        try:
            os.link(tmp, path)  # atomic, and refuses to replace a file that appeared meanwhile
        except FileExistsError:
            return False
        return True
    finally:
        Path(tmp).unlink(missing_ok=True)


def quoted(text: str) -> str:
    """``text`` as a YAML double-quoted scalar (JSON's string syntax is valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def _line(field: str, value: str, comment: str) -> str:
    """``field: value`` with its comment lined up at column 33 (as the sample files do)."""
    text = f"{field}: {value}"
    return f"{text}{' ' * max(1, 32 - len(text))}# {comment}"


def _listing(rows: list[str]) -> list[str]:
    return [f"#   {row}" for row in rows] if rows else ["#   (none in portfolio.yaml)"]


def programme_skeleton(
    programme_id: str,
    *,
    name: str | None,
    kind: str,
    parent: str | None,
    today: date,
    config: Portfolio | None,
) -> str:
    """A commented programme.yaml: valid, with placeholders that `pmo validate` warns about.

    Each section has a one-line comment; the portfolio's objectives, criteria, roles and risk
    categories are listed in comments so the manager can fill them in without looking.
    """
    objectives = [f"{o.id}: {o.title}" for o in config.objectives] if config else []
    criteria = (
        [f"{c.id} ({c.group}, weight {c.weight:g}): {c.title}" for c in config.criteria]
        if config
        else []
    )
    roles = list(config.capacity) if config else []
    services = list(config.services) if config else list(DEFAULT_SERVICES)
    categories = list(config.risk.categories) if config else list(DEFAULT_RISK_CATEGORIES)
    title = quoted(name) if name else quoted(f"{PLACEHOLDER} the {kind}'s name")
    lines = [
        "# yaml-language-server: $schema=../../../schema/programme.schema.json",
        f"# The {kind} file: what it is, its plan, risks, resources and benefits.",
        "# Replace every TODO (pmo validate warns while one is left); portfolio/README.md",
        "# explains each field. Lines starting with # are comments.",
        _line("id", programme_id, "equals the folder name"),
        f"name: {title}",
        _line("kind", kind, "programme | project"),
    ]
    if parent:
        lines.append(_line("parent", parent, "the programme it belongs to"))
    lines += [
        _line("service", services[0], f"one of: {' | '.join(services)}"),
        f'sro: "{PLACEHOLDER} the Senior Responsible Owner (a role, never a name)"',
        f'manager: "{PLACEHOLDER} the {kind} manager (a role)"',
        _line(
            "stage",
            "pipeline",
            "pipeline | feasibility | business-case | delivery | closing | closed",
        ),
        _line("mandatory", "false", "true if it is a statutory duty that must go ahead"),
        "# reporting: quarterly        # default monthly; quarterly: due Jun, Sep, Dec, Mar",
        f'summary: "{PLACEHOLDER} what and why, in a paragraph"',
        _line("start", today.isoformat(), "when work starts"),
        "# end: { baseline: YYYY-MM-DD, forecast: YYYY-MM-DD }   # needed from stage delivery",
        "",
        "# How much it serves each objective: 1 some .. 3 main, e.g. { safe: 2 }. Objectives:",
        *_listing(objectives),
        "objectives: {}",
        "",
        "# Scores 1..5 against each criterion (a missing score is a warning). Criteria:",
        *_listing(criteria),
        "scores: {}",
        "",
        "# business_case: { stage: SOC, status: draft, costs: { 2026/27: { revenue: 0 } } }",
        "# Approved budget, £ by financial year (plain numbers: 120000, not £120,000)",
        "budget: {}",
        "",
        "# Milestones: - { id, title, baseline: YYYY-MM-DD, forecast: YYYY-MM-DD, key: true }",
        "milestones: []",
        "",
        "# Risks: - { id, title, category, owner, likelihood: 1..5, impact: 1..5 }. Categories:",
        *_listing(categories),
        "risks: []",
        "",
        "# Issues: - { id, title, owner, severity: 1..5, raised: YYYY-MM-DD }",
        "issues: []",
        "",
        "# Other programmes this one depends on: - { programme: ID, note: why }",
        "dependencies: []",
        "",
        "# Demand on the team: - { role, fte: 0.5, from: YYYY-MM, to: YYYY-MM }. Roles:",
        *_listing(roles),
        "resources: []",
        "",
        "# Benefits: - { id, title, kind, owner, measure, baseline: { value, date }, ... }",
        "benefits: []",
        "",
    ]
    return "\n".join(lines)


def update_skeleton(period: str, *, today: date) -> str:
    """A commented first update for ``period`` (a programme with none to copy from).

    Valid, so that it can be written; its rating is the template's, not the manager's, so it
    is always marked ``status: draft`` (left out of every figure until the manager removes
    that line), and `pmo validate` warns about the TODO placeholders left in it.
    """
    return "\n".join(
        [
            "# yaml-language-server: $schema=../../../../schema/update.schema.json",
            "# The monthly update. Replace every TODO and set your ratings, then delete the",
            "# `status: draft` line: until then pmo leaves this update out of every figure.",
            "# portfolio/README.md explains each field. Lines starting with # are comments.",
            _line("period", period, "the month reported; equals the file name"),
            _line("status", "draft", "delete this line when the update is yours and ready"),
            _line("submitted", today.isoformat(), "the day you submit it"),
            f'by: "{PLACEHOLDER} who submits it (a role, never a name)"',
            "rag:                            # your judgement: red | amber | green",
            "  overall: amber                # TODO the template's rating: set yours",
            f'summary: "{PLACEHOLDER} the month in a sentence or two"',
            "# path_to_green: needed unless overall is green",
            f'path_to_green: "{PLACEHOLDER} how it gets back to green"',
            "achievements: []                # done this month",
            "next: []                        # planned next month",
            "decisions: []                   # asks of DMT: { title: ..., by: YYYY-MM-DD }",
            "",
        ]
    )
