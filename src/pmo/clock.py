"""The one place pmo reads the time (tests freeze it with freezegun)."""

from __future__ import annotations

from datetime import date


def today() -> date:
    """Today's date."""
    return date.today()
