"""The libyaml composer with a memoising resolver: same YAML 1.1 tags, far fewer regex runs."""

from __future__ import annotations

import operator
from typing import Any

from yaml.nodes import ScalarNode, SequenceNode
from yaml.resolver import Resolver

try:  # the libyaml-backed parser; the pure-Python one is a slow but equal fallback
    from yaml._yaml import CParser as _Parser
except ImportError:  # pragma: no cover - libyaml is in every manylinux PyYAML wheel
    from yaml.composer import Composer
    from yaml.parser import Parser
    from yaml.reader import Reader
    from yaml.scanner import Scanner

    class _Parser(Reader, Scanner, Parser, Composer):  # type: ignore[no-redef]
        def __init__(self, stream: str) -> None:
            Reader.__init__(self, stream)
            Scanner.__init__(self)
            Parser.__init__(self)
            Composer.__init__(self)


_STR = "tag:yaml.org,2002:str"
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"
_CACHE_LIMIT = 100_000
_plain_tags: dict[str, str] = {}


class ComposingLoader(_Parser, Resolver):
    """Composes one YAML document into nodes; resolves implicit tags exactly as SafeLoader.

    Portfolio files repeat the same plain scalars (ratings, ids, numbers), so the tag of a
    plain scalar is memoised by its text; there are no path resolvers to track.
    """

    def __init__(self, stream: str) -> None:
        _Parser.__init__(self, stream)
        Resolver.__init__(self)

    # The composer calls these around every node; with no path resolvers they do nothing, so
    # they are C functions that do nothing (two Python calls fewer per node: ~5% of a parse).
    descend_resolver = staticmethod(operator.is_)  # type: ignore[assignment]  # (parent, index)
    ascend_resolver = staticmethod(tuple)  # type: ignore[assignment]  # ()

    def resolve(self, kind: Any, value: Any, implicit: Any) -> str:
        if kind is ScalarNode:
            if not implicit[0]:
                return _STR
            tag = _plain_tags.get(value)
            if tag is None:
                tag = Resolver.resolve(self, kind, value, implicit)  # type: ignore[no-untyped-call]
                if len(_plain_tags) >= _CACHE_LIMIT:
                    _plain_tags.clear()
                _plain_tags[value] = tag
            return tag
        return _SEQ if kind is SequenceNode else _MAP
