"""Safe, bounded YAML reading that keeps the node tree so any problem can point at a line."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from pmo.present.terminal import has_unsafe, safe, shorten, unsafe_chars
from pmo.problem import Problem, Severity, format_path
from pmo.store.fastyaml import ComposingLoader
from pmo.store.files import Refused, read_regular
from pmo.store.hints import indent_hint, without_tabs
from pmo.store.locate import node_paths

MAX_FILE_BYTES = 2 * 1024 * 1024
"""Larger files are refused before they are read: no YAML file of a programme is near this."""

MAX_EXPANDED_NODES = 200_000
"""A document whose aliases expand to more values than this is refused (alias bomb)."""

_TAG = "tag:yaml.org,2002:"
STR, INT, FLOAT, BOOL, NULL, TIMESTAMP, MERGE, SEQ, MAP = (
    _TAG + t for t in ("str", "int", "float", "bool", "null", "timestamp", "merge", "seq", "map")
)
_PLAIN_KEY_TAGS = (STR, INT, FLOAT, BOOL, NULL, TIMESTAMP)
_SC = SafeConstructor()
_leading_ws = re.compile(r"^[ \t]*")


_SHARED: dict[Any, Any] = {}
"""Short strings and dates seen while reading, so equal ones are one object (portfolio files
repeat ratings, ids, roles and dates thousands of times: ~10% of a large portfolio's memory)."""
_SHARED_LIMIT = 50_000


def _one(value: Any) -> Any:
    """The first value equal to ``value`` (of its type) seen while reading, for short strings
    and dates; anything else as it is."""
    if type(value) is str and len(value) > 40:
        return value
    key = (type(value), value)
    found = _SHARED.get(key)
    if found is None:
        if len(_SHARED) >= _SHARED_LIMIT:
            _SHARED.clear()
        _SHARED[key] = found = value
    return found


_SHARED_STR: dict[str, str] = {}
"""As ``_SHARED``, for strings (the most frequent: keyed by themselves, a lookup is cheaper)."""


def _one_str(value: str) -> str:
    """``_one`` for a string."""
    if len(value) > 40:
        return value
    found = _SHARED_STR.get(value)
    if found is None:
        if len(_SHARED_STR) >= _SHARED_LIMIT:
            _SHARED_STR.clear()
        _SHARED_STR[value] = found = value
    return found


@dataclass(slots=True)
class YamlDoc:
    """A parsed YAML file: its data, its node tree (for positions) and what reading found."""

    file: Path
    data: Any = None
    root: Node | None = None
    bool_traps: set[int] = field(default_factory=set)
    """ids of plain scalars like ``no``/``on`` that YAML 1.1 read as booleans."""
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.root is not None and not any(p.severity == "error" for p in self.problems)


def _problem(file: Path, line: int, col: int, code: str, message: str, path: str = "") -> Problem:
    return Problem(file, line, col, path, code, message)


def read_yaml(file: Path) -> YamlDoc:
    """Read one YAML file safely. Never raises for bad content: problems are collected."""
    doc = YamlDoc(file)
    try:
        raw = read_regular(file, MAX_FILE_BYTES)
    except Refused as exc:
        doc.problems.append(_problem(file, 0, 0, exc.code, str(exc)))
        return doc
    except OSError as exc:
        doc.problems.append(_problem(file, 0, 0, "unreadable", f"cannot read file: {exc.strerror}"))
        return doc
    parse_into(doc, raw)
    return doc


def parse_into(doc: YamlDoc, raw: bytes) -> None:
    """Decode, pre-check and parse ``raw`` into ``doc``."""
    file = doc.file
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        col = exc.start - (before.rfind(b"\n") + 1) + 1
        doc.problems.append(
            _problem(
                file,
                line,
                col,
                "not-utf8",
                f"file is not UTF-8 (byte 0x{raw[exc.start]:02x}); save it as UTF-8",
            )
        )
        return
    if "\t" in text and _tab_problems(doc, text):
        readable = without_tabs(text)  # read on as if spaces, to find the other problems too
        if readable is None:
            return
        text = readable
    try:
        loader = ComposingLoader(text)
        try:
            root = loader.get_single_node()
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        doc.problems.append(
            _problem(
                file, line, col, "yaml-syntax", f"YAML syntax error: {_syntax_message(exc, text)}"
            )
        )
        return
    except yaml.reader.ReaderError as exc:  # a control character the YAML reader refuses
        at = max(text.find(chr(exc.character)), 0)  # exc.position counts bytes in libyaml
        upto = text[:at]
        line, col = upto.count("\n") + 1, at - (upto.rfind("\n") + 1) + 1
        doc.problems.append(
            _problem(
                file,
                line,
                col,
                "yaml-syntax",
                f"control character U+{exc.character:04X} is not allowed in YAML; remove it",
            )
        )
        return
    except yaml.YAMLError as exc:
        what = " ".join(str(exc).split())
        doc.problems.append(_problem(file, 0, 0, "yaml-syntax", f"YAML syntax error: {what}"))
        return
    except RecursionError:
        doc.problems.append(_problem(file, 0, 0, "too-deep", "YAML is nested too deeply"))
        return
    if root is None:
        what = "file has only comments" if text.strip() else "file is empty"
        doc.problems.append(
            _problem(file, 1, 1, "empty-file", f"{what}; expected a mapping of fields (key: value)")
        )
        return
    if "&" in text and "*" in text and not _aliases_bounded(doc, root):
        return
    # only text with non-ASCII characters or escapes ("\e") can hold control, bidi or invisible
    # characters (the YAML reader refuses raw control characters): look at values only then
    builder = _Builder(doc, check_text=not text.isascii() or "\\" in text, aliases="&" in text)
    try:
        doc.data = builder.build(root)
    except RecursionError:
        doc.problems.append(_problem(file, 0, 0, "too-deep", "YAML is nested too deeply"))
        return
    doc.root = root
    if builder.found:
        paths = node_paths(root)
        for node, code, message, severity in builder.found:
            mark = node.start_mark
            doc.problems.append(
                Problem(
                    file,
                    mark.line + 1,
                    mark.column + 1,
                    format_path(paths.get(id(node), ())),
                    code,
                    message,
                    severity,
                )
            )


def _syntax_message(exc: yaml.MarkedYAMLError, text: str) -> str:
    """PyYAML's problem in plain words, with where the unfinished part started and a hint."""
    problem = exc.problem or "invalid YAML"
    if exc.problem_mark is not None:
        indent = indent_hint(text, exc.problem_mark.line + 1, problem)
        if indent:
            return indent
    if problem == "but found another document":
        return "a second document starts here ('---'); a file holds one document: remove it"
    what = problem
    if exc.context:
        start = exc.context_mark
        end = exc.problem_mark
        at = ""
        if start is not None and end is not None and start.line != end.line:
            at = f" that starts at line {start.line + 1}"
        what = f"{what} ({exc.context}{at})"
    if problem.startswith("mapping values are not allowed"):
        what += "; if the text contains ': ', put it in quotes"
    return what


def _tag_name(tag: str) -> str:
    """A tag as it is written in YAML: ``!!python/object`` rather than its full URI."""
    return "!!" + tag[len(_TAG) :] if tag.startswith(_TAG) else tag


def _tab_problems(doc: YamlDoc, text: str) -> bool:
    found = False
    for number, line in enumerate(text.splitlines(), 1):
        indent = _leading_ws.match(line)
        if indent and "\t" in indent.group(0) and line.strip():
            col = indent.group(0).index("\t") + 1
            doc.problems.append(
                _problem(
                    doc.file,
                    number,
                    col,
                    "tab-indent",
                    "tab character in indentation; YAML indents with spaces only",
                )
            )
            found = True
    return found


def _at_node(doc: YamlDoc, node: Node, code: str, message: str) -> None:
    mark = node.start_mark
    doc.problems.append(_problem(doc.file, mark.line + 1, mark.column + 1, code, message))


class _AliasBomb(Exception):
    pass


class _Recursive(Exception):
    pass


def _aliases_bounded(doc: YamlDoc, root: Node) -> bool:
    """Refuse documents whose aliases expand beyond MAX_EXPANDED_NODES, or refer to themselves."""
    sizes: dict[int, int] = {}
    active: set[int] = set()

    def size(node: Node) -> int:
        key = id(node)
        known = sizes.get(key)
        if known is not None:
            return known
        if key in active:
            raise _Recursive(node)
        active.add(key)
        total = 1
        if isinstance(node, SequenceNode):
            total += sum(size(child) for child in node.value)
        elif isinstance(node, MappingNode):
            total += sum(size(k) + size(v) for k, v in node.value)
        active.discard(key)
        if total > MAX_EXPANDED_NODES:
            raise _AliasBomb(node)
        sizes[key] = total
        return total

    try:
        size(root)
    except _AliasBomb as exc:
        _at_node(
            doc,
            exc.args[0],
            "alias-bomb",
            f"aliases (*name) expand to more than {MAX_EXPANDED_NODES:,} values; refused",
        )
        return False
    except _Recursive as exc:
        _at_node(
            doc,
            exc.args[0],
            "alias-recursive",
            "an alias refers to the value that contains it; refused",
        )
        return False
    return True


class _Builder:
    """Turns composed nodes into plain Python values, finding duplicate keys and YAML 1.1 traps."""

    __slots__ = ("check_text", "doc", "found", "memo")

    def __init__(self, doc: YamlDoc, *, check_text: bool = True, aliases: bool = True) -> None:
        self.doc = doc
        self.check_text = check_text
        self.memo: dict[int, Any] | None = {} if aliases else None
        """A value per node built, where a node can recur (an alias: only with an anchor)."""
        self.found: list[tuple[Node, str, str, Severity]] = []

    def build(self, node: Node) -> Any:
        if isinstance(node, ScalarNode):
            return self.scalar(node)
        memo = self.memo
        if memo is not None and id(node) in memo:
            return memo[id(node)]
        if node.tag not in (SEQ, MAP):
            self._at(node, "yaml-tag", f"YAML tag {_tag_name(node.tag)} is not allowed; remove it")
        if isinstance(node, SequenceNode):
            value: Any = [self.build(child) for child in node.value]
        elif isinstance(node, MappingNode):
            value = self.mapping(node)
        else:  # pragma: no cover - the composer makes only these three kinds
            raise TypeError(f"unexpected YAML node {node!r}")
        if memo is not None:
            memo[id(node)] = value
        return value

    def scalar(self, node: ScalarNode) -> Any:
        tag = node.tag
        if tag == STR:
            if self.check_text and has_unsafe(node.value):
                self._unsafe(node)
            return _one_str(node.value)
        if tag == NULL:
            return None
        try:
            if tag == INT:
                number = _SC.construct_yaml_int(node)
                if not node.style:
                    self._yaml11_number(node, number)
                return number
            if tag == BOOL:
                flag = _SC.construct_yaml_bool(node)
                if not node.style and node.value.lower() not in ("true", "false"):
                    self.doc.bool_traps.add(id(node))
                return flag
            if tag == FLOAT:
                real = _SC.construct_yaml_float(node)
                if not node.style and ":" in node.value:
                    self._yaml11_number(node, real)
                return real
            if tag == TIMESTAMP:
                try:
                    return _one(_SC.construct_yaml_timestamp(node))
                except ValueError:
                    return node.value  # the model explains why the date is not real
        except (ValueError, KeyError, AttributeError):  # an explicit tag on the wrong text
            self._at(
                node,
                "yaml-tag",
                f"'{shorten(node.value, 60)}' is not a valid {_tag_name(tag)}; remove the tag",
            )
            return node.value
        self._at(node, "yaml-tag", f"YAML tag {_tag_name(tag)} is not allowed; remove it")
        return node.value

    def mapping(self, node: MappingNode) -> dict[Any, Any]:
        result: dict[Any, Any] = {}
        seen: dict[Any, Node] = {}
        merged: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == MERGE:
                merged.update(self._merge_source(value_node))
                continue
            if not isinstance(key_node, ScalarNode):
                self._at(key_node, "bad-key", "a key must be a plain name, not a list or mapping")
                continue
            if key_node.tag == BOOL:
                self._at(
                    key_node,
                    "yaml11-bool-key",
                    f"key {key_node.value} is read as "
                    f"{str(_SC.construct_yaml_bool(key_node)).lower()} by YAML 1.1; "
                    f"quote it: '{key_node.value}':",
                )
            # every key of the contract is text: `2026:` or `~:` is kept as written, so the
            # model can say what it should be instead of "keys should be strings"
            key: Any = key_node.value if key_node.tag in _PLAIN_KEY_TAGS else self.scalar(key_node)
            if key in seen:
                first = seen[key].start_mark.line + 1
                self._at(
                    key_node,
                    "duplicate-key",
                    f"duplicate key '{shorten(str(key), 60)}' (first at line {first}); YAML would "
                    "keep only the "
                    "last one: remove or rename one",
                )
            seen[key] = key_node
            result[key] = self.build(value_node)
        if merged:
            for key, value in merged.items():
                result.setdefault(key, value)
        return result

    def _merge_source(self, node: Node) -> dict[Any, Any]:
        sources = node.value if isinstance(node, SequenceNode) else [node]
        out: dict[Any, Any] = {}
        for source in reversed(sources):
            value = self.build(source)
            if isinstance(value, dict):
                out.update(value)
            else:
                self._at(source, "bad-merge", "'<<' must merge a mapping (or a list of mappings)")
        return out

    def _at(self, node: Node, code: str, message: str, severity: Severity = "error") -> None:
        self.found.append((node, code, message, severity))

    def _unsafe(self, node: ScalarNode) -> None:
        found = sorted(set(unsafe_chars(node.value)))
        shown = ", ".join(safe(c) for c in found[:5])
        self._at(
            node,
            "invisible-text",
            f"text holds control, bidi or invisible characters ({shown}): '"
            f"{shorten(node.value, 60)}'; they are shown escaped, never obeyed: remove them",
            "warning",
        )

    def _yaml11_number(self, node: ScalarNode, number: float) -> None:
        """Plain numbers YAML 1.1 reads otherwise than most people write them."""
        text = node.value
        digits = text.lstrip("+-")
        shown = f"{number:g}" if isinstance(number, float) else str(number)
        if ":" in text:
            why = "base 60, as a time"
        elif len(digits) > 1 and digits[0] == "0" and digits[1].isdigit():
            why = "a leading 0 means octal"
        elif digits[:2].lower() in ("0x", "0b"):
            why = "hexadecimal" if digits[1] in "xX" else "binary"
        else:
            return
        self._at(
            node,
            "yaml11-number",
            f"{shorten(text, 40)} is read as {shown} by YAML 1.1 ({why}); write the number "
            f"without it, or quote it if it is text: '{shorten(text, 40)}'",
        )
