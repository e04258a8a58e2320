"""Hints that teach the fix: how to write a number, a mapping or an indent the way pmo reads it."""

from __future__ import annotations

import re
from typing import Any

import yaml
from pydantic import BaseModel
from yaml.nodes import MappingNode, Node, ScalarNode

from pmo.present.numbers import number
from pmo.store.fastyaml import ComposingLoader

_PERCENT = re.compile(r"^([+-]?\d+(?:\.\d+)?)\s*%$")
_MONEY = re.compile(
    r"^(?P<sign>[+-]?)\s*(?P<pound>£|GBP\s*)?\s*(?P<digits>\d[\d,]*(?:\.\d+)?)\s*"
    r"(?P<unit>k|m|bn)?$",
    re.IGNORECASE,
)
_UNITS = {"": 1, "k": 1_000, "m": 1_000_000, "bn": 1_000_000_000}
_FRACTION_FIELDS = ("fte", "optimism_bias")
"""Fields written as a fraction of one: 0.5 FTE is half a post, 0.15 is a 15% uplift."""


def _is_fraction(loc: tuple[str | int, ...]) -> bool:
    names = [part for part in loc if isinstance(part, str)]
    return bool(names) and (names[-1] in _FRACTION_FIELDS or names[0] == "capacity")


def number_hint(value: Any, loc: tuple[str | int, ...]) -> str:
    """``"; write 120000 (a plain number: no £, no commas)"`` for text that is nearly a number.

    Percentages: a fraction for FTE and optimism bias (``write 0.15 for 15%``), else the bare
    number. Returns ``""`` when the text is not a number written some other way.
    """
    if not isinstance(value, str):
        return ""
    text = value.strip()
    percent = _PERCENT.match(text)
    if percent:
        amount = float(percent.group(1))
        if _is_fraction(loc):
            return f"; write {number(amount / 100, 4)} for {text}"
        return f"; write {number(amount, 4)} (a plain number: no %)"
    money = _MONEY.match(text)
    if money is None:
        return ""
    digits, unit = money.group("digits"), (money.group("unit") or "").lower()
    if "," in digits and not re.fullmatch(r"\d{1,3}(,\d{3})+(\.\d+)?", digits):
        return ""  # "1,5" is not a thousands separator; do not guess
    amount = float(digits.replace(",", "")) * _UNITS[unit]
    if money.group("sign") == "-":
        amount = -amount
    said = []
    if money.group("pound"):
        said.append("no £" if "£" in money.group("pound") else "no GBP")
    if "," in digits:
        said.append("no commas")
    if unit:
        said.append(f"no '{money.group('unit')}'")
    if not said:
        return ""
    return f"; write {number(amount, 2)} (a plain number: {', '.join(said)})"


_YAML_SPECIAL = set(":#{}[],&*!|>'\"%@`")


def mapping_hint(value: Any, model: type[BaseModel]) -> str:
    """What a mapping of ``model`` holds (required fields first), and how to write text as one.

    ``" (title required; by, detail)"`` and, when the value is text and the model has one
    required field, ``"; write { title: Approve the extension }"``.
    """
    required = [
        info.alias or name for name, info in model.model_fields.items() if info.is_required()
    ]
    optional = [
        info.alias or name for name, info in model.model_fields.items() if not info.is_required()
    ]
    parts = []
    if required:
        parts.append(f"{', '.join(required)} required")
    if optional:
        parts.append(", ".join(optional))
    fields = f" ({'; '.join(parts)})" if parts else ""
    if isinstance(value, str) and len(required) == 1 and value.strip():
        shown = value.strip()
        if len(shown) > 60 or "\n" in shown:
            shown = "..."
        elif set(shown) & _YAML_SPECIAL:
            shown = "'" + shown.replace("'", "''") + "'"
        return f"{fields}; write {{ {required[0]}: {shown} }}"
    return fields


def comma_split_hint(parent: Node | None, key: str) -> str:
    """For ``{ spend: 120,000 }`` (read as ``spend: 120`` and a field ``000``): how to write it."""
    if not re.fullmatch(r"\d{3}", key) or not isinstance(parent, MappingNode):
        return ""
    before: Node | None = None
    for key_node, value_node in parent.value:
        if isinstance(key_node, ScalarNode) and key_node.value == key:
            break
        before = value_node
    else:
        return ""
    if not isinstance(before, ScalarNode) or not re.fullmatch(r"\d{1,3}", before.value):
        return ""
    written = f"{before.value},{key}"
    return (
        f"; this looks like the number {written} split at its comma: "
        f"write {before.value}{key} (a plain number: no commas)"
    )


_KEY_LINE = re.compile(r"^( *)(- +)?[A-Za-z0-9_][\w./-]*\s*:(\s|$)")


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _content(line: str) -> bool:
    stripped = line.strip()
    return bool(stripped) and not stripped.startswith("#")


def _key_columns(line: str) -> list[int]:
    """Where the key on a line starts: after its indent, or after its ``- `` list dash."""
    match = _KEY_LINE.match(line)
    if match is None:
        return [_indent(line)]
    first = _indent(line)
    return [first + len(match.group(2))] if match.group(2) else [first]


def indent_hint(text: str, line_no: int, problem: str) -> str:
    """The likely cause of a syntax error at ``line_no`` when it is the line's indentation.

    PyYAML reports an over-indented key as "mapping values are not allowed" and an
    under-indented one as "did not find expected key"; both mean the key does not line up
    with the keys of its mapping. Returns ``""`` when indentation is not the likely cause.
    """
    lines = text.splitlines()
    if not 1 <= line_no <= len(lines):
        return ""
    line = lines[line_no - 1]
    if not _KEY_LINE.match(line):
        return ""
    above = [ln for ln in lines[: line_no - 1] if _content(ln)]
    if not above:
        return ""
    here = _indent(line)
    previous = above[-1]

    def spaces(count: int) -> str:
        return f"{count} space" if count == 1 else f"{count} spaces"

    if problem.startswith("mapping values") and here > _indent(previous):
        if previous.rstrip().endswith(":") or not _KEY_LINE.match(previous):
            return ""
        want = _key_columns(previous)[-1]
        return (
            f"the key on line {line_no} is indented {spaces(here)} but the key above it "
            f"{spaces(want)}; keys of one mapping line up: indent it by {spaces(want)} "
            "(if it is text that contains ': ', put the text in quotes instead)"
        )
    if problem.startswith(("did not find expected", "expected <block end>")):
        columns_found: set[int] = set()
        floor = here + 1_000
        for earlier in reversed(above):  # the enclosing blocks: siblings, parents, their parents
            if _indent(earlier) <= floor:
                floor = _indent(earlier)
                columns_found.update(_key_columns(earlier))
        columns = sorted(columns_found)
        if here in columns:
            return ""
        gap = min(abs(col - here) for col in columns)
        near = [col for col in columns if abs(col - here) == gap]
        by = spaces(near[0]) if len(near) == 1 else f"{near[0]} or {spaces(near[1])}"
        return (
            f"the key on line {line_no} is indented {spaces(here)}, which lines up with no key "
            f"above it; keys of one mapping line up: indent it by {by}, like the keys it "
            "belongs with"
        )
    return ""


def _composes(text: str) -> bool:
    try:
        loader = ComposingLoader(text)
        try:
            loader.get_single_node()
        finally:
            loader.dispose()
    except (yaml.YAMLError, RecursionError):
        return False
    return True


def without_tabs(text: str) -> str | None:
    """``text`` with tab indentation replaced by the spaces it most likely meant, if it parses.

    A tab in an indent is an error of its own; reading on as if it were spaces finds the
    file's other problems too. Each tab-indented line takes the indent of the nearest
    space-indented line after it (a sibling), else before it; failing that, tabs as 2, 4 or 8
    spaces. None when no reading parses (then only the tabs are reported).
    """
    lines = text.split("\n")
    tabbed = [i for i, ln in enumerate(lines) if "\t" in ln[: len(ln) - len(ln.lstrip(" \t"))]]

    def neighbour(i: int, step: int) -> str | None:
        j = i + step
        while 0 <= j < len(lines):
            if j not in tabbed and _content(lines[j]):
                return " " * _indent(lines[j])
            j += step
        return None

    attempts: list[list[str]] = []
    for step in (1, -1):
        attempt = list(lines)
        for i in tabbed:
            indent = neighbour(i, step)
            if indent is None:
                break
            attempt[i] = indent + lines[i].lstrip(" \t")
        else:
            attempts.append(attempt)
    for width in (2, 4, 8):
        attempt = list(lines)
        for i in tabbed:
            body = lines[i].lstrip(" \t")
            attempt[i] = lines[i][: len(lines[i]) - len(body)].replace("\t", " " * width) + body
        attempts.append(attempt)
    for attempt in attempts:
        candidate = "\n".join(attempt)
        if _composes(candidate):
            return candidate
    return None
