"""Layers import downward only; heavy libraries stay off the paths that do not need them."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "pmo"

# What each layer may import from pmo (itself always allowed). Lower layers first.
ALLOWED: dict[str, set[str]] = {
    "present": set(),
    "problem": set(),
    "clock": set(),
    "model": set(),
    "cachedir": set(),
    "store": {"model", "problem", "present", "cachedir"},
    "validate": {"model", "problem", "store", "present"},
    "analysis": {"model", "problem", "store", "validate", "present"},
    "schema": {"model", "store"},
    "opening": {"model", "problem", "store", "validate", "analysis", "clock", "present"},
    "index": {"model", "problem", "store", "validate", "analysis", "present", "opening"},
    "report": {"model", "problem", "store", "validate", "analysis", "clock", "present", "opening"},
    "sheets": {"model", "problem", "store", "validate", "analysis", "index", "present"},
}
ALLOWED["present"] = set()
for _allowed in ALLOWED.values():  # pmo.present is a leaf below every layer
    if _allowed is not ALLOWED["present"]:
        _allowed.add("present")
# Third-party packages only these layers may import.
RESTRICTED = {
    "textual": {"tui"},
    "sqlmodel": {"index"},
    "sqlalchemy": {"index"},
    "openpyxl": {"sheets"},
}


def _layer(path: Path) -> str:
    rel = path.relative_to(SRC)
    return rel.parts[0].removesuffix(".py")


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def test_layers_import_only_downward() -> None:
    wrong = []
    for path in sorted(SRC.rglob("*.py")):
        layer = _layer(path)
        if layer not in ALLOWED:
            continue  # tui, cli and the package root may import anything
        for name in _imports(path):
            parts = name.split(".")
            if parts[0] == "pmo" and len(parts) > 1:
                target = parts[1]
                if target != layer and target not in ALLOWED[layer]:
                    wrong.append(f"{path.relative_to(SRC)} imports {name}")
    assert wrong == []


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
