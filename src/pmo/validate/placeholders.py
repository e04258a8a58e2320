"""Placeholders left from a template (`pmo new`): a warning until the manager replaces them."""

from __future__ import annotations

from collections.abc import Iterator

from pmo.problem import Problem
from pmo.validate.context import CheckContext

PLACEHOLDER = "TODO"
FIELDS = ("name", "sro", "manager", "summary")


def check_placeholders(ctx: CheckContext) -> Iterator[Problem]:
    """A programme's name, SRO, manager or summary still reads TODO..."""
    for prog, model in ctx.programmes():
        for name in FIELDS:
            value = getattr(model, name)
            if isinstance(value, str) and value.lstrip().startswith(PLACEHOLDER):
                yield prog.source.problem(
                    (name,),
                    "placeholder",
                    f"still the template's placeholder ({value.strip()[:60]}); replace it",
                    "warning",
                )
