"""The layers import one way only: errors <- model <- evaluation <- rendering <- widgets; formats <- model."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "argmap"

# Which top-level parts of argmap each part may import (besides itself).
ALLOWED: dict[str, set[str]] = {
    "errors": set(),
    "_io": {"errors"},
    "_text": set(),
    "schema": set(),
    "model": {"errors", "_text"},
    "formats": {"errors", "_text", "model", "_io"},
    "evaluation": {"errors", "_text", "model"},
    "rendering": {"errors", "_text", "model", "evaluation", "_io"},
    "widgets": {"errors", "_text", "model", "evaluation", "rendering", "formats", "examples"},
    # The standalone page sits beside widgets, above rendering; of widgets it reads only the
    # explorer's pure panel helpers (argmap.widgets._panel: no notebook libraries), see below.
    "standalone": {
        "errors",
        "_text",
        "model",
        "evaluation",
        "rendering",
        "formats",
        "examples",
        "_io",
        "widgets",
    },
    "examples": {"errors", "_text", "model", "formats"},
    "cli": {
        "errors",
        "_text",
        "model",
        "evaluation",
        "rendering",
        "formats",
        "_io",
        "schema",
        "examples",
        "standalone",
        "__init__",
    },
    "__init__": {
        "errors",
        "_text",
        "model",
        "formats",
        "evaluation",
        "rendering",
        "widgets",
        "examples",
        "standalone",
    },
    "__main__": {"cli"},
}


def part_of(path: Path) -> str:
    """Return the top-level part of argmap a module belongs to."""
    relative = path.relative_to(PACKAGE)
    return relative.parts[0].removesuffix(".py")


def argmap_imports(path: Path) -> set[str]:
    """Return the top-level argmap parts a module imports."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module]
        else:
            continue
        for name in names:
            if name == "argmap":
                found.add("__init__")
            elif name.startswith("argmap."):
                found.add(name.split(".")[1])
    return found


MODULES = sorted(PACKAGE.rglob("*.py"))


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_imports_point_one_way(path):
    """Each module imports only the layers below its own."""
    part = part_of(path)
    assert part in ALLOWED, f"{part} is a new top-level part: add it to ALLOWED with its allowed imports"
    illegal = argmap_imports(path) - ALLOWED[part] - {part}
    assert not illegal, f"{path.relative_to(PACKAGE)} ({part}) imports {sorted(illegal)}"


def test_nothing_imports_cli_or_widgets():
    """The cli and widgets are leaves: nothing else imports them (the front door's lazy hooks aside)."""
    for path in MODULES:
        part = part_of(path)
        if part in {"cli", "widgets", "__init__", "__main__"}:
            continue
        if part == "standalone":  # the page shares the explorer's panel data, nothing else of widgets
            assert not argmap_imports(path) & {"cli"}, path
            continue
        assert not argmap_imports(path) & {"cli", "widgets"}, path


def test_standalone_takes_only_the_panel_helpers_from_widgets():
    """The page reads the explorer's pure panel helpers, never the widget (which needs anywidget)."""
    for path in MODULES:
        if part_of(path) != "standalone":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = (
                [alias.name for alias in node.names]
                if isinstance(node, ast.Import)
                else [node.module]
                if isinstance(node, ast.ImportFrom) and node.module
                else []
            )
            for name in names:
                if name.startswith("argmap.widgets"):
                    assert name == "argmap.widgets._panel", f"{path.relative_to(PACKAGE)} imports {name}"
