"""Turn pydantic validation errors into Problems a project manager can act on."""

from __future__ import annotations

import difflib
import types
import typing
from datetime import date
from typing import Any, Literal, TypeVar, Union, get_args, get_origin

import annotated_types
from pydantic import BaseModel, ValidationError
from pydantic.fields import FieldInfo
from pydantic_core import ErrorDetails

from pmo.model.types import PATTERN_HELP
from pmo.present.terminal import safe, shorten
from pmo.problem import Problem, format_path
from pmo.store.hints import comma_split_hint, mapping_hint, number_hint
from pmo.store.locate import Loc, find_node, position
from pmo.store.yamlread import BOOL, YamlDoc

M = TypeVar("M", bound=BaseModel)


def validate_doc(doc: YamlDoc, model: type[M]) -> M | None:
    """Validate a parsed document against ``model``; problems go into ``doc.problems``."""
    if not isinstance(doc.data, dict):
        doc.problems.append(
            Problem(
                doc.file,
                1,
                1,
                "",
                "not-a-mapping",
                f"expected a mapping of fields (key: value) at the top, got {describe(doc.data)}",
            )
        )
        return None
    try:
        return model.model_validate(doc.data)
    except ValidationError as exc:
        # a number YAML 1.1 read otherwise (010 as 8) is already explained where it stands
        numbers = {(p.line, p.col) for p in doc.problems if p.code == "yaml11-number"}
        for err in exc.errors(include_url=False):
            problem = translate(doc, model, err)
            if (problem.line, problem.col) in numbers:
                continue
            if _is_bool_key_echo(doc, err):  # one problem: quoting `on:` would not make it a field
                doc.problems[:] = [
                    p
                    for p in doc.problems
                    if (p.code, p.line, p.col) != ("yaml11-bool-key", problem.line, problem.col)
                ]
            doc.problems.append(problem)
        # an id refused for its invisible characters needs no second, softer word about them
        errors = {(p.line, p.col) for p in doc.problems if p.severity == "error"}
        doc.problems[:] = [
            p for p in doc.problems if p.code != "invisible-text" or (p.line, p.col) not in errors
        ]
        return None


def _is_bool_key_echo(doc: YamlDoc, err: ErrorDetails) -> bool:
    """An unknown-field error for a key like ``on:`` that reading reported as a YAML 1.1 trap."""
    if err["type"] != "extra_forbidden":
        return False
    node = find_node(doc.root, tuple(err["loc"]), key=True)
    return node is not None and node.tag == BOOL


def _yaml11_bool(word: object) -> str:
    """What YAML 1.1 reads a bare yes/no/on/off as."""
    return "true" if str(word).lower() in ("yes", "on", "true") else "false"


def describe(value: Any) -> str:
    """How a found value is named in a message."""
    if value is None:
        return "nothing (an empty value)"
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f"'{safe(shown, newlines=False)}'"  # invisible characters shown
    if isinstance(value, date):
        return f"the date {value.isoformat()}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return str(value)


def _unwrap(tp: Any) -> tuple[Any, list[Any]]:
    """Strip Annotated and Optional; return the bare type and the collected metadata."""
    meta: list[Any] = []
    while True:
        origin = get_origin(tp)
        if origin is typing.Annotated:
            args = get_args(tp)
            tp = args[0]
            for m in args[1:]:
                meta.extend(m.metadata if isinstance(m, FieldInfo) else [m])
        elif origin in (Union, types.UnionType):
            arms = [a for a in get_args(tp) if a is not type(None)]
            if len(arms) != 1:
                return tp, meta
            tp = arms[0]
        else:
            return tp, meta


def type_at(model: type[BaseModel], loc: Loc) -> tuple[Any, list[Any]]:
    """The declared type (and constraints) at ``loc`` inside ``model``; (None, []) if unknown."""
    tp: Any = model
    meta: list[Any] = []
    for part in loc:
        tp, _ = _unwrap(tp)
        if isinstance(tp, type) and issubclass(tp, BaseModel):
            info = _field(tp, str(part))
            if info is None:
                return None, []
            tp, meta = info.annotation, list(info.metadata)
        elif get_origin(tp) is list and isinstance(part, int):
            tp, meta = get_args(tp)[0], []
        elif get_origin(tp) is dict:
            tp, meta = get_args(tp)[0 if part == "[key]" else 1], []
        else:
            return None, []
    bare, more = _unwrap(tp)
    return bare, meta + more


def _field(model: type[BaseModel], name: str) -> FieldInfo | None:
    for field_name, info in model.model_fields.items():
        if name in (field_name, info.alias):
            return info
    return None


def field_names(model: type[BaseModel]) -> list[str]:
    """The YAML names of a model's fields (aliases where set)."""
    return [info.alias or name for name, info in model.model_fields.items()]


def _bounds(meta: list[Any]) -> tuple[Any, Any]:
    low = high = None
    for m in meta:
        if isinstance(m, annotated_types.Ge | annotated_types.Gt):
            low = getattr(m, "ge", None) if isinstance(m, annotated_types.Ge) else m.gt
        elif isinstance(m, annotated_types.Le | annotated_types.Lt):
            high = getattr(m, "le", None) if isinstance(m, annotated_types.Le) else m.lt
        elif isinstance(m, annotated_types.Interval):
            low, high = m.ge if m.ge is not None else m.gt, m.le if m.le is not None else m.lt
    return low, high


def did_you_mean(word: str, choices: list[str]) -> str:
    """``"; did you mean 'x'?"`` when one choice is close, else ``""``."""
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else ""


def _num(value: Any) -> str:
    if isinstance(value, int | float) and abs(value) >= 1e12:
        return f"{value:.6g}"  # 1e+13 and 1e+28, not 14 and 29 digits
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def translate(doc: YamlDoc, model: type[BaseModel], err: ErrorDetails) -> Problem:
    """One pydantic error as a Problem with position, field path, code and a plain message."""
    loc: Loc = tuple(err["loc"])
    kind = err["type"]
    value = err.get("input")
    ctx = err.get("ctx") or {}
    is_key = bool(loc) and loc[-1] == "[key]"
    field_loc = loc[:-1] if is_key else loc
    path = format_path(field_loc)
    line, col = position(doc.root, loc, key=kind == "extra_forbidden")
    prefix = f"key {describe(field_loc[-1])}: " if is_key and field_loc else ""
    code = "invalid"
    node = find_node(doc.root, loc)

    if kind == "missing":
        name = loc[-1]
        parent_line, parent_col = position(doc.root, loc[:-1])
        if loc[:-1]:
            line, col = parent_line, parent_col
        else:
            line, col = 1, 1
        return Problem(
            doc.file, line, col, path, "missing-field", f"missing required field '{name}'"
        )
    if kind == "extra_forbidden":
        parent, _ = type_at(model, loc[:-1])
        names = field_names(parent) if isinstance(parent, type) else []
        hint = comma_split_hint(find_node(doc.root, loc[:-1]), str(loc[-1])) or did_you_mean(
            str(loc[-1]), names
        )
        if not hint and names:
            hint = "; expected one of: " + ", ".join(names)
        if _is_bool_key_echo(doc, err):
            hint = f" (and YAML 1.1 reads a bare {loc[-1]} as {_yaml11_bool(loc[-1])}){hint}"
        return Problem(
            doc.file,
            line,
            col,
            path,
            "unknown-field",
            f"unknown field '{shorten(str(loc[-1]), 60)}'{hint}",
        )
    if kind == "finite_number":
        return Problem(
            doc.file, line, col, path, "out-of-range", f"must be a finite number, got {value}"
        )
    if node is not None and id(node) in doc.bool_traps:
        raw = getattr(node, "value", value)
        return Problem(
            doc.file,
            line,
            col,
            path,
            "yaml11-bool",
            f"{raw} is read as {describe(value)} by YAML 1.1, not as text; quote it: '{raw}'",
        )
    declared, meta = type_at(model, loc)
    if kind in (
        "string_type",
        "int_type",
        "float_type",
        "bool_type",
        "date_type",
        "list_type",
        "dict_type",
        "model_type",
        "model_attributes_type",
        "int_from_float",
    ):
        wanted = {
            "string_type": "text",
            "int_type": "a whole number",
            "int_from_float": "a whole number",
            "float_type": "a number",
            "bool_type": "true or false",
            "date_type": "a date YYYY-MM-DD",
            "list_type": "a list",
        }.get(kind, "a mapping of fields (key: value)")
        hint = ""
        if kind in ("int_type", "float_type"):
            hint = number_hint(value, loc)
        elif isinstance(declared, type) and issubclass(declared, BaseModel):
            wanted = "a mapping of fields"
            hint = mapping_hint(value, declared)
            if hint.startswith(" ("):  # the fields belong after "mapping of fields"
                fields, _, rest = hint[1:].partition(")")
                wanted, hint = f"{wanted} {fields})", rest
        return Problem(
            doc.file,
            line,
            col,
            path,
            "wrong-type",
            f"{prefix}expected {wanted}, got {describe(value)}{hint}",
        )
    if kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        low, high = _bounds(meta)
        if low is not None and high is not None:
            rule = f"must be {_num(low)}..{_num(high)}"
        elif kind in ("greater_than_equal", "greater_than"):
            rule = f"must be {'at least' if kind.endswith('equal') else 'more than'} {_num(low)}"
        else:
            rule = f"must be {'at most' if kind.endswith('equal') else 'less than'} {_num(high)}"
        return Problem(doc.file, line, col, path, "out-of-range", f"{rule}, got {_num(value)}")
    if kind == "literal_error":
        choices = [str(c) for c in get_args(declared)] if get_origin(declared) is Literal else []
        hint = did_you_mean(str(value), choices) if isinstance(value, str) else ""
        listed = ", ".join(choices) if choices else str(ctx.get("expected", ""))
        return Problem(
            doc.file,
            line,
            col,
            path,
            "not-allowed",
            f"{prefix}must be one of: {listed}; got {describe(value)}{hint}",
        )
    if kind == "string_pattern_mismatch":
        pattern = str(ctx.get("pattern", ""))
        help_text = PATTERN_HELP.get(pattern, f"text matching {pattern}")
        return Problem(
            doc.file,
            line,
            col,
            path,
            "bad-format",
            f"{prefix}must be {help_text}, got {describe(value)}",
        )
    if kind == "string_too_long":
        return Problem(
            doc.file,
            line,
            col,
            path,
            "too-long",
            f"{prefix}must be at most {ctx.get('max_length')} characters, got {len(str(value))}",
        )
    if kind == "string_too_short":
        return Problem(doc.file, line, col, path, "empty", "must not be empty")
    if kind == "too_short":
        return Problem(
            doc.file, line, col, path, "too-few", f"needs at least {ctx.get('min_length')} item(s)"
        )
    if kind.startswith("date_") or kind.startswith("fy_"):
        code = "bad-date" if kind.startswith("date_") else "bad-format"
    if kind == "year_out_of_range":  # a month, date or FY outside 2000-2100 (model bounds)
        code = "period-out-of-range" if ctx.get("what") == "month" else "out-of-range"
    return Problem(doc.file, line, col, path, code, f"{prefix}{err['msg']}")
