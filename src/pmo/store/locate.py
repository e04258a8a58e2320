"""Source positions: from a field path to the YAML node (line, column) it came from, and back."""

from __future__ import annotations

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

Loc = tuple[str | int, ...]


def find_node(root: Node | None, loc: Loc, *, key: bool = False) -> Node | None:
    """The node at ``loc`` (its key node when ``key``), or the deepest node found on the way.

    A ``"[key]"`` step (pydantic's marker for a dict key) selects the key node of the step before.
    """
    node = root
    key_node: Node | None = None
    for part in loc:
        if node is None:
            break
        if part == "[key]":
            return key_node or node
        if isinstance(node, MappingNode):
            wanted = str(part)
            found = None
            for k, v in node.value:
                if isinstance(k, ScalarNode) and k.value == wanted:
                    found = (k, v)  # last wins, as in the loaded data
            if found is None:
                return node
            key_node, node = found
        elif isinstance(node, SequenceNode) and isinstance(part, int):
            if not 0 <= part < len(node.value):
                return node
            key_node, node = None, node.value[part]
        else:
            return node
    if key and key_node is not None:
        return key_node
    return node


def position(root: Node | None, loc: Loc, *, key: bool = False) -> tuple[int, int]:
    """1-based (line, column) of the value (or key) at ``loc``; (0, 0) when there is no tree."""
    node = find_node(root, loc, key=key)
    if node is None:
        return 0, 0
    return node.start_mark.line + 1, node.start_mark.column + 1


def node_paths(root: Node) -> dict[int, Loc]:
    """Field path of every node (keys and values) by node id; for rare, after-the-fact lookups."""
    out: dict[int, Loc] = {}
    stack: list[tuple[Node, Loc]] = [(root, ())]
    while stack:
        node, loc = stack.pop()
        if id(node) in out:
            continue
        out[id(node)] = loc
        if isinstance(node, SequenceNode):
            stack.extend((child, (*loc, i)) for i, child in enumerate(node.value))
        elif isinstance(node, MappingNode):
            for k, v in node.value:
                name = k.value if isinstance(k, ScalarNode) else "?"
                out.setdefault(id(k), (*loc, name))
                stack.append((v, (*loc, name)))
    return out
