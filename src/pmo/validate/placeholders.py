"""What a template (`pmo new`, the TUI's `d`) leaves: TODO placeholders and draft updates."""

from __future__ import annotations

from collections.abc import Iterator

from pmo.problem import Problem
from pmo.validate.context import CheckContext

PLACEHOLDER = "TODO"
FIELDS = ("name", "sro", "manager", "summary")
UPDATE_FIELDS = ("by", "summary", "path_to_green")


def check_placeholders(ctx: CheckContext) -> Iterator[Problem]:
    """A programme's name, SRO, manager or summary, or an update's by, summary or path to
    green, still reads TODO..."""
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
    for _, _, src, update in ctx.updates():
        for name in UPDATE_FIELDS:
            value = getattr(update, name)
            if isinstance(value, str) and value.lstrip().startswith(PLACEHOLDER):
                yield src.problem(
                    (name,),
                    "placeholder",
                    f"still the template's placeholder ({value.strip()[:60]}); replace it",
                    "warning",
                )


def check_drafts(ctx: CheckContext) -> Iterator[Problem]:
    """An update marked ``status: draft``: left out of every figure until the mark goes."""
    for _, period, src, update in ctx.updates():
        if update.status == "draft":
            yield src.problem(
                ("status",),
                "draft-update",
                f"the {period} update is a draft: left out of every figure (the programme "
                "counts as missing that month) until the manager deletes `status: draft`",
                "warning",
            )
