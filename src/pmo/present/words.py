"""Lists and plurals in sentences: at most ten names, then a count."""

from __future__ import annotations

from collections.abc import Sequence

MAX_LISTED = 10
"""A sentence names at most this many things; the rest are counted ("and 92 more")."""
NOT_RECORDED = "(not recorded)"
"""A recommended descriptive field left out (an SRO, a manager, who submitted an update)."""
NO_SUMMARY = "(no summary given)"
"""An update without its recommended summary."""


def join_words(items: Sequence[str], limit: int = MAX_LISTED) -> str:
    """'A', 'A and B', 'A, B and C'; past ``limit`` items, 'A, B, ... and 92 more'."""
    if not items:
        return ""
    if len(items) > limit:
        return f"{', '.join(items[:limit])} and {len(items) - limit} more"
    if len(items) == 1:
        return items[0]
    return f"{', '.join(items[:-1])} and {items[-1]}"


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    """'1 programme', '2 programmes' (or the given plural form)."""
    word = singular if count == 1 else (plural_form or f"{singular}s")
    return f"{count} {word}"


def role_title(slug: str) -> str:
    """A role's slug as words for people: 'project-manager' -> 'Project manager'."""
    words = slug.replace("-", " ").replace("_", " ").strip()
    return words[:1].upper() + words[1:] if words else slug
