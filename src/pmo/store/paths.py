"""Where each kind of file lives in a portfolio; ids are checked so they never escape it."""

from __future__ import annotations

import re
from pathlib import Path

from pmo.model.types import PERIOD_RE, SLUG_RE

PORTFOLIO_FILE = "portfolio.yaml"
PROGRAMMES_DIR = "programmes"
PROGRAMME_FILE = "programme.yaml"
UPDATES_DIR = "updates"
DMT_DIR = "dmt"

_slug = re.compile(SLUG_RE)
_period = re.compile(PERIOD_RE)


def is_slug(text: str) -> bool:
    """True for a lowercase slug id of at most 60 characters."""
    return len(text) <= 60 and _slug.match(text) is not None


def is_period(text: str) -> bool:
    """True for a YYYY-MM month."""
    return _period.match(text) is not None


def _checked_slug(programme_id: str) -> str:
    if not is_slug(programme_id):
        raise ValueError(f"not a programme id: {programme_id!r}")
    return programme_id


def programme_dir(root: Path, programme_id: str) -> Path:
    """The folder of a programme (the id must be a slug, so it cannot leave ``root``)."""
    return root / PROGRAMMES_DIR / _checked_slug(programme_id)


def update_file(root: Path, programme_id: str, period: str) -> Path:
    """programmes/<id>/updates/YYYY-MM.yaml."""
    if not is_period(period):
        raise ValueError(f"not a period YYYY-MM: {period!r}")
    return programme_dir(root, programme_id) / UPDATES_DIR / f"{period}.yaml"
