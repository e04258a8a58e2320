"""RAG choices in messages follow the portfolio's rag_scale: no five-point names on three points."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any

from pmo.model.types import THREE_POINT
from pmo.model.update import DIMENSIONS
from pmo.problem import Problem
from pmo.store.locate import find_node
from pmo.store.model_errors import describe, did_you_mean

if TYPE_CHECKING:
    from pmo.store.source import Source

RAG_FIELDS: dict[str, tuple[str, ...]] = {
    **{f"rag.{dim}": ("rag", dim) for dim in ("overall", *DIMENSIONS)},
    "assurance.rag": ("assurance", "rag"),
}


def fit_rag_scale(source: Source[Any], scale: str) -> None:
    """On a three-point scale, rating choices in ``source``'s problems list red, amber, green."""
    if scale != "three-point" or not any(
        p.code == "not-allowed" and p.path in RAG_FIELDS for p in source.problems
    ):
        return
    fitted: list[Problem] = []
    for problem in source.problems:
        loc = RAG_FIELDS.get(problem.path) if problem.code == "not-allowed" else None
        if loc is None:
            fitted.append(problem)
            continue
        node = find_node(source.doc.root, loc)
        value = getattr(node, "value", None)
        hint = did_you_mean(value.lower(), list(THREE_POINT)) if isinstance(value, str) else ""
        message = f"must be one of: {', '.join(THREE_POINT)}; got {describe(value)}{hint}"
        fitted.append(replace(problem, message=message))
    source.problems = fitted
