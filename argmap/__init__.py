"""Argument maps: a precise model, sound evaluation, Graphviz rendering and live notebook exploration.

>>> import argmap
>>> m = argmap.ArgumentMap.build("Tea or coffee?")
>>> q = m.question("q", "Which should we drink?")
>>> tea = m.position("tea", "Tea")
>>> calm = m.claim("calm", "Tea calms.", supports=tea)
>>> argument_map = m.finish()
>>> argmap.loads(argmap.dumps(argument_map)) == argument_map
True
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any, Final

from argmap.errors import (
    ArgmapError,
    EvaluationError,
    FormatError,
    GraphvizNotFoundError,
    InvalidMapError,
    Location,
    MissingDependencyError,
    ModelError,
    ParseError,
    RenderError,
    UnknownIdError,
    UnsupportedFormatError,
)
from argmap.formats import dump, dumps, load, loads
from argmap.model import (
    Argument,
    ArgumentMap,
    Claim,
    Evidence,
    Line,
    MapBuilder,
    Position,
    Question,
    Source,
    Statement,
)

if TYPE_CHECKING:
    from argmap.evaluation import CriticalItem, Evaluation, Explanation, Status, Verdict, critical, evaluate
    from argmap.formats.source_text import check_quotes as check
    from argmap.rendering import Diagram, render
    from argmap.standalone.page import html
    from argmap.widgets import Explorer

__all__ = [
    "ArgmapError",
    "Argument",
    "ArgumentMap",
    "Claim",
    "CriticalItem",
    "Diagram",
    "Evaluation",
    "EvaluationError",
    "Evidence",
    "Explanation",
    "Explorer",
    "FormatError",
    "GraphvizNotFoundError",
    "InvalidMapError",
    "Line",
    "Location",
    "MapBuilder",
    "MissingDependencyError",
    "ModelError",
    "ParseError",
    "Position",
    "Question",
    "RenderError",
    "Source",
    "Statement",
    "Status",
    "UnknownIdError",
    "UnsupportedFormatError",
    "Verdict",
    "__version__",
    "check",
    "critical",
    "dump",
    "dumps",
    "evaluate",
    "examples",
    "html",
    "load",
    "load_ipython_extension",
    "loads",
    "render",
]

# Served on first use, so `import argmap` stays light: no Graphviz, no widgets, no YAML.
_LAZY: Final[dict[str, tuple[str, str]]] = {
    "Diagram": ("argmap.rendering", "Diagram"),
    "render": ("argmap.rendering", "render"),
    "Evaluation": ("argmap.evaluation", "Evaluation"),
    "Status": ("argmap.evaluation", "Status"),
    "Verdict": ("argmap.evaluation", "Verdict"),
    "Explanation": ("argmap.evaluation", "Explanation"),
    "CriticalItem": ("argmap.evaluation", "CriticalItem"),
    "critical": ("argmap.evaluation", "critical"),
    "evaluate": ("argmap.evaluation", "evaluate"),
    "check": ("argmap.formats.source_text", "check_quotes"),
    "Explorer": ("argmap.widgets", "Explorer"),
    "html": ("argmap.standalone.page", "html"),
}


def __getattr__(name: str) -> Any:
    if name == "examples":
        return importlib.import_module("argmap.examples")
    if name == "__version__":
        return _version()
    target = _LAZY.get(name)
    if target is None:
        raise AttributeError(f"module 'argmap' has no attribute {name!r}")
    module, attribute = target
    value = getattr(importlib.import_module(module), attribute)
    globals()[name] = value
    return value


def _version() -> str:
    # From the installed metadata, so the wheel, `--version` and pyproject.toml cannot disagree.
    from importlib.metadata import PackageNotFoundError, version  # noqa: PLC0415  # costs ~5 ms

    try:
        found = version("argmap")
    except PackageNotFoundError:
        found = "0+unknown"  # running from a tree that was never installed
    globals()["__version__"] = found
    return found


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))


def load_ipython_extension(ipython: Any) -> None:
    """Register the ``%%argmap`` and ``%%argdown`` cell magics (``%load_ext argmap``)."""
    from argmap.widgets.magic import load_ipython_extension as load  # noqa: PLC0415

    load(ipython)
