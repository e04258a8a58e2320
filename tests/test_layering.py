"""Layers import downward only; heavy libraries stay off the paths that do not need them."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "pmo"
CLI = {
    "cli",
    "cli_common",
    "status_cmd",
    "scenario_cmd",
    "report_cmd",
    "export_cmd",
    "import_cmd",
    "validate_cmd",
    "validate_memo",
    "validate_output",
    "diff_cmd",
    "new_cmd",
}
"""The modules of the command line (layer "cli")."""

# What each layer may import from pmo (itself always allowed). Lower layers first. The same
# rules, as import-linter contracts, are in pyproject.toml (run by .ci/run as `lint-imports`).
BELOW_FRONT_ENDS = {
    "model",
    "problem",
    "clock",
    "cachedir",
    "store",
    "validate",
    "analysis",
    "opening",
}
ALLOWED: dict[str, set[str]] = {
    "present": set(),
    "problem": {"present"},
    "clock": set(),
    "model": {"present"},
    "cachedir": set(),
    "store": {"model", "problem", "cachedir"},
    "validate": {"model", "problem", "store"},
    "analysis": {"model", "problem", "store", "validate"},
    "schema": {"model", "store"},
    "opening": {"model", "problem", "store", "validate", "analysis", "clock"},
    "index": {"model", "problem", "store", "validate", "analysis", "opening"},
    "report": {"model", "problem", "store", "validate", "analysis", "clock", "opening"},
    "sheets": {"model", "problem", "store", "validate", "analysis", "index"},
    "tui": BELOW_FRONT_ENDS | {"report", "index", "schema"},
    "cli": BELOW_FRONT_ENDS | {"report", "index", "schema", "sheets"},
}
for _layer_name, _allowed in ALLOWED.items():  # pmo.present is a leaf below every layer
    if _layer_name != "present":
        _allowed.add("present")
# The one door from the CLI into the TUI: `pmo tui` starts the app (pmo.tui.start.launch).
DOORS = {("cli", "pmo.tui.start")}
# Third-party packages only these layers may import.
RESTRICTED = {
    "textual": {"tui"},
    "sqlmodel": {"index"},
    "sqlalchemy": {"index"},
    "openpyxl": {"sheets"},
}


def _layer(path: Path) -> str:
    """The layer of a source file: its top-level package or module (the CLI's modules are one)."""
    top = path.relative_to(SRC).parts[0].removesuffix(".py")
    return "cli" if top in CLI else top


def _module_of(path: Path) -> str:
    rel = path.relative_to(SRC.parent).with_suffix("")
    parts = rel.parts[:-1] if rel.name == "__init__" else rel.parts
    return ".".join(parts)


def _imports(path: Path, module: str | None = None) -> set[str]:
    """Every module ``path`` imports, at any depth in the file (function-local ones count).

    ``from pmo import x`` names ``pmo.x``; relative imports are resolved against ``module``
    (default: the module ``path`` is).
    """
    tree = ast.parse(path.read_text(encoding="utf-8"))
    module = module or _module_of(path)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, *([base] if base else [])])
            names.add(base)
            for alias in node.names:  # `from pmo import x`: x may be a module
                candidate = f"{base}.{alias.name}"
                if _is_module(candidate):
                    names.add(candidate)
    return names


def _is_module(name: str) -> bool:
    if not name.startswith("pmo."):
        return False
    rel = Path(*name.split(".")[1:])
    return (SRC / rel).with_suffix(".py").is_file() or (SRC / rel / "__init__.py").is_file()


def _target_layer(name: str) -> str | None:
    parts = name.split(".")
    if parts[0] != "pmo" or len(parts) < 2:
        return None
    return "cli" if parts[1] in CLI else parts[1]


def test_layers_import_only_downward() -> None:
    wrong = []
    for path in sorted(SRC.rglob("*.py")):
        layer = _layer(path)
        if layer == "__init__":
            continue  # the package root holds only the version
        for name in sorted(_imports(path)):
            target = _target_layer(name)
            if target is None or target == layer or target in ALLOWED[layer]:
                continue
            if (layer, name) not in DOORS:
                wrong.append(f"{path.relative_to(SRC)} imports {name}")
    assert wrong == []


def test_the_import_rules_catch_from_pmo_import_and_function_local_imports(
    tmp_path: Path,
) -> None:
    probe = tmp_path / "probe.py"
    probe.write_text(
        "def f() -> None:\n    from pmo import status_cmd\n    from pmo.tui import app\n"
        "    from . import load\n",
        encoding="utf-8",
    )
    found = _imports(probe, "pmo.store.probe")
    assert {"pmo.status_cmd", "pmo.tui", "pmo.tui.app", "pmo.store.load"} <= found
    assert _target_layer("pmo.status_cmd") == "cli" and "cli" not in ALLOWED["store"]


def test_no_module_imports_itself_back_through_others() -> None:
    """No import cycle of any length between pmo's modules (function-local imports count)."""
    graph = {
        _module_of(path): {n for n in _imports(path) if _is_module(n)}
        for path in sorted(SRC.rglob("*.py"))
    }
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    cycles: list[list[str]] = []

    def visit(node: str) -> None:  # Tarjan's strongly connected components
        index[node] = low[node] = len(index)
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                cycles.append(sorted(component))

    for module in sorted(graph):
        if module not in index:
            visit(module)
    assert cycles == []


def test_heavy_libraries_only_in_their_layer() -> None:
    wrong = []
    for path in sorted(SRC.rglob("*.py")):
        layer = _layer(path)
        for name in _imports(path):
            allowed = RESTRICTED.get(name.split(".")[0])
            if allowed is not None and layer not in allowed:
                wrong.append(f"{path.relative_to(SRC)} imports {name}")
    assert wrong == []


def test_pmo_validate_imports_neither_textual_nor_sqlmodel(tmp_path: Path) -> None:
    (tmp_path / "portfolio.yaml").write_text("name: x\n", encoding="utf-8")
    code = (
        "import sys\n"
        "from pmo.cli import main\n"
        f"main(['validate', {str(tmp_path)!r}, '--no-cache'])\n"
        "heavy = sorted(m for m in sys.modules if m.split('.')[0] in "
        "('textual', 'sqlmodel', 'sqlalchemy', 'rich', 'matplotlib', 'jinja2'))\n"
        "print('HEAVY', heavy)\n"
        "print('ANALYSIS', sorted(m for m in sys.modules if m.startswith('pmo.analysis')))\n"
        "print('CACHE', 'pmo.store.cache' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "HEAVY []" in out.stdout, out.stdout + out.stderr
    assert "ANALYSIS []" in out.stdout, out.stdout + out.stderr
    assert "CACHE False" in out.stdout, out.stdout + out.stderr  # --no-cache: no load cache
