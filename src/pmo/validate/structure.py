"""Cross-file structure checks: ids, weights, uniqueness and references that must resolve."""

from __future__ import annotations

from collections.abc import Collection, Iterator, Sequence
from typing import Any

from pmo.model.types import THREE_POINT
from pmo.model.update import DIMENSIONS
from pmo.problem import Problem, Severity
from pmo.store import Source
from pmo.store.model_errors import did_you_mean
from pmo.validate.context import CheckContext


def _num(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def check_weights(ctx: CheckContext) -> Iterator[Problem]:
    """Objective weights and criteria weights each sum to 100."""
    src, cfg = ctx.loaded.config, ctx.config
    if src is None or cfg is None:
        return
    for name, what, items in (
        ("objectives", "objective", cfg.objectives),
        ("criteria", "criterion", cfg.criteria),
    ):
        total = sum(item.weight for item in items)
        if abs(total - 100) > 1e-6:
            terms = " + ".join(_num(item.weight) for item in items)
            yield src.problem(
                (name,),
                "weights-sum",
                f"{what} weights sum to {_num(total)} ({terms}); they must sum to 100",
            )


def _duplicates(src: Source[Any], field: str, ids: Sequence[str], what: str) -> Iterator[Problem]:
    first: dict[str, int] = {}
    for index, ident in enumerate(ids):
        if ident in first:
            yield src.problem(
                (field, index, "id") if what != "category" else (field, index),
                "duplicate-id",
                f"duplicate {what} id '{ident}' (also {field}[{first[ident]}]); ids must be unique",
            )
        else:
            first[ident] = index


def check_unique_ids(ctx: CheckContext) -> Iterator[Problem]:
    """Ids are unique where they are declared."""
    src, cfg = ctx.loaded.config, ctx.config
    if src is not None and cfg is not None:
        yield from _duplicates(src, "objectives", [o.id for o in cfg.objectives], "objective")
        yield from _duplicates(src, "criteria", [c.id for c in cfg.criteria], "criterion")
    for prog, model in ctx.programmes():
        s = prog.source
        yield from _duplicates(s, "milestones", [m.id for m in model.milestones], "milestone")
        yield from _duplicates(s, "risks", [r.id for r in model.risks], "risk")
        yield from _duplicates(s, "issues", [i.id for i in model.issues], "issue")
        yield from _duplicates(s, "benefits", [b.id for b in model.benefits], "benefit")


def check_identity(ctx: CheckContext) -> Iterator[Problem]:
    """A programme's id equals its folder; an update's period equals its file name."""
    for prog, model in ctx.programmes():
        if model.id != prog.folder:
            yield prog.source.problem(
                ("id",),
                "id-mismatch",
                f"id '{model.id}' does not match its folder '{prog.folder}'; "
                "the id must equal the folder name",
            )
    for _prog, period, src, update in ctx.updates():
        if update.period != period:
            yield src.problem(
                ("period",),
                "period-mismatch",
                f"period {update.period} does not match the file name {period}.yaml",
            )


def _ref(
    src: Source[Any],
    loc: tuple[str | int, ...],
    value: str,
    known: Collection[str],
    what: str,
    *,
    key: bool = False,
    severity: Severity = "error",
    meaning: str = "",
) -> Iterator[Problem]:
    if value in known:  # a list or a dict's keys: found at once (most references are fine)
        return
    choices = list(dict.fromkeys(known))
    if value not in choices:
        hint = did_you_mean(value, choices) or (
            f"; known: {', '.join(choices)}" if choices and len(choices) <= 12 else ""
        )
        message = f"unknown {what} '{value}'{meaning}{hint}"
        yield src.problem(loc, "unknown-ref", message, severity, key=key)


def check_references(ctx: CheckContext) -> Iterator[Problem]:
    """Every id that names something else resolves to it."""
    cfg = ctx.config
    config_src = ctx.loaded.config
    objectives = [o.id for o in cfg.objectives] if cfg else []
    criteria = [c.id for c in cfg.criteria] if cfg else []
    roles = list(cfg.capacity) if cfg else []
    categories = list(cfg.risk.categories) if cfg else []
    if cfg is not None and config_src is not None:
        for cat in cfg.risk.appetite:
            yield from _ref(
                config_src, ("risk", "appetite", cat), cat, categories, "risk category", key=True
            )
    models = list(ctx.programmes())
    # every programme folder counts, even one whose programme.yaml has errors of its own or
    # cannot be read at all (it is counted as unreadable, as the programme named)
    kinds: dict[str, str | None] = dict.fromkeys(ctx.loaded.unread_folders)
    kinds |= {
        folder: p.model.kind if p.model else None for folder, p in ctx.loaded.programmes.items()
    }
    services = list(cfg.services) if cfg else []
    for prog, model in models:
        s = prog.source
        if cfg is not None:
            yield from _ref(s, ("service",), model.service, services, "service")
            for obj in model.objectives:
                yield from _ref(s, ("objectives", obj), obj, objectives, "objective", key=True)
            for crit in model.scores:
                yield from _ref(s, ("scores", crit), crit, criteria, "criterion", key=True)
            for i, res in enumerate(model.resources):
                # a role with no capacity recorded is a gap, not a format error: its demand
                # is still counted (never checked against a capacity of 0), as the analysis says
                yield from _ref(
                    s,
                    ("resources", i, "role"),
                    res.role,
                    roles,
                    "role",
                    severity="warning",
                    meaning=" (no capacity recorded for it in portfolio.yaml: its demand is "
                    "counted but not checked against capacity)",
                )
            for i, risk in enumerate(model.risks):
                if risk.category is not None:
                    yield from _ref(
                        s, ("risks", i, "category"), risk.category, categories, "risk category"
                    )
            for i, ben in enumerate(model.benefits):
                if ben.objective is not None:
                    yield from _ref(
                        s, ("benefits", i, "objective"), ben.objective, objectives, "objective"
                    )
        if model.parent is not None:
            if model.parent == model.id:
                yield s.problem(("parent",), "bad-parent", "a programme cannot be its own parent")
            elif model.parent not in kinds:
                yield from _ref(s, ("parent",), model.parent, kinds, "programme")
            elif kinds[model.parent] == "project":
                yield s.problem(
                    ("parent",),
                    "bad-parent",
                    f"parent '{model.parent}' is a project; a parent must be a programme",
                )
        for i, dep in enumerate(model.dependencies):
            if dep.programme == model.id:
                yield s.problem(
                    ("dependencies", i, "programme"),
                    "bad-dependency",
                    "a programme cannot depend on itself",
                )
            else:
                yield from _ref(
                    s, ("dependencies", i, "programme"), dep.programme, kinds, "programme"
                )
    for prog, _period, src, update in ctx.updates():
        owner = prog.source.model
        if owner is not None:
            benefit_ids = [b.id for b in owner.benefits]
            for ben_id in update.benefits:
                if not benefit_ids:
                    yield src.problem(
                        ("benefits", ben_id),
                        "unknown-ref",
                        f"unknown benefit '{ben_id}': {prog.folder}'s programme.yaml declares no "
                        "benefits",
                        key=True,
                    )
                    continue
                yield from _ref(src, ("benefits", ben_id), ben_id, benefit_ids, "benefit", key=True)


def check_rag_scale(ctx: CheckContext) -> Iterator[Problem]:
    """Five-point ratings (amber-red, amber-green) only when rag_scale is five-point."""
    cfg = ctx.config
    if cfg is None or cfg.rag_scale != "three-point":
        return
    for _prog, _period, src, update in ctx.updates():
        ratings = [("overall", update.rag.overall)]
        ratings += [(d, getattr(update.rag, d)) for d in DIMENSIONS]
        for dim, value in ratings:
            if value is not None and value not in THREE_POINT:
                yield src.problem(
                    ("rag", dim),
                    "rag-scale",
                    f"'{value}' is a five-point rating but portfolio.yaml has rag_scale: "
                    "three-point; use red, amber or green",
                )
        if update.assurance and update.assurance.rag not in THREE_POINT:
            yield src.problem(
                ("assurance", "rag"),
                "rag-scale",
                f"'{update.assurance.rag}' is a five-point rating but rag_scale is three-point",
            )


def check_scores_complete(ctx: CheckContext) -> Iterator[Problem]:
    """Every live programme is scored against every criterion (else it is unscored: listed
    apart, never ranked, as the analysis treats it; a missing score is unknown, not 0)."""
    cfg = ctx.config
    if cfg is None:
        return
    for prog, model in ctx.programmes():
        if model.stage == "closed":
            continue
        missing = [c.id for c in cfg.criteria if c.id not in model.scores]
        if missing:
            yield prog.source.problem(
                ("scores",),
                "missing-score",
                f"no score for {', '.join(missing)}; until every criterion is scored it is "
                "listed apart as unscored, never ranked (the optimiser cannot value it)",
                "warning",
            )
