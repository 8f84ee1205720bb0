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
    UnsupportedFormatError,
)
from argmap.formats import dump, dumps, load, loads
from argmap.model import (
    Argument,
    ArgumentMap,
    Claim,
    Evidence,
    MapBuilder,
    Position,
    Question,
    Source,
    Statement,
)

if TYPE_CHECKING:
    from argmap.evaluation import Evaluation, Status, critical, evaluate
    from argmap.model.quotes import check_quotes as check
    from argmap.rendering import Diagram, render
    from argmap.widgets import Explorer

__version__: Final = "0.1.0"

__all__ = [
    "ArgmapError",
    "Argument",
    "ArgumentMap",
    "Claim",
    "Diagram",
    "Evaluation",
    "EvaluationError",
    "Evidence",
    "Explorer",
    "FormatError",
    "GraphvizNotFoundError",
    "InvalidMapError",
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
    "UnsupportedFormatError",
    "check",
    "critical",
    "dump",
    "dumps",
    "evaluate",
    "examples",
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
    "critical": ("argmap.evaluation", "critical"),
    "evaluate": ("argmap.evaluation", "evaluate"),
    "check": ("argmap.model.quotes", "check_quotes"),
    "Explorer": ("argmap.widgets", "Explorer"),
}


def __getattr__(name: str) -> Any:
    if name == "examples":
        return importlib.import_module("argmap.examples")
    target = _LAZY.get(name)
    if target is None:
        raise AttributeError(f"module 'argmap' has no attribute {name!r}")
    module, attribute = target
    value = getattr(importlib.import_module(module), attribute)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))


def load_ipython_extension(ipython: Any) -> None:
    """Register the ``%%argmap`` cell magic (``%load_ext argmap``)."""
    from argmap.widgets.magic import load_ipython_extension as load  # noqa: PLC0415

    load(ipython)
