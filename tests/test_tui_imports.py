"""The TUI's modules import each other without cycles, and never import the CLI."""

from __future__ import annotations

import ast
from pathlib import Path

TUI = Path(__file__).resolve().parents[1] / "src" / "pmo" / "tui"


def imports_of(path: Path) -> set[str]:
    """Every pmo module ``path`` imports, anywhere in the file (function-local and
    TYPE_CHECKING imports count)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("pmo"):
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names if alias.name.startswith("pmo"))
    return found


def tui_graph() -> dict[str, set[str]]:
    modules = {f"pmo.tui.{p.stem}": p for p in TUI.glob("*.py") if p.stem != "__init__"}
    return {name: imports_of(path) & set(modules) for name, path in modules.items()}


def test_tui_modules_form_no_import_cycle() -> None:
    graph = tui_graph()
    done: set[str] = set()

    def visit(module: str, path: tuple[str, ...]) -> None:
        assert module not in path, f"import cycle: {' -> '.join((*path, module))}"
        if module in done:
            return
        for target in sorted(graph[module]):
            visit(target, (*path, module))
        done.add(module)

    for module in sorted(graph):
        visit(module, ())


def test_no_screen_imports_the_app_and_the_tui_never_imports_the_cli() -> None:
    for path in TUI.glob("*.py"):
        found = imports_of(path)
        if path.stem not in ("app", "start"):  # start.py makes the app for `pmo tui`
            assert "pmo.tui.app" not in found, path.name
        cli = {m for m in found if m == "pmo.cli" or m.endswith("_cmd") or "cli_" in m}
        assert not cli, f"{path.name} imports {cli}"
