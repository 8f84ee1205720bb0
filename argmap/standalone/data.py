"""The map as the browser-side evaluator reads it: compact, deterministic, JSON-ready.

``page_data`` holds everything ``static/evaluate.js`` needs to evaluate a map under every
built-in semantics, explain a statement and rank critical parts exactly as ``argmap.evaluate``
and ``argmap.critical`` do; the format is described in ``static/evaluate.js``. References are
indices into the ``statements`` and ``arguments`` lists; unset optional fields are left out.

>>> from argmap.model import ArgumentMap
>>> m = ArgumentMap.build("t")
>>> c = m.claim("c", "A claim")
>>> m.evidence("e", "a quote", source=m.source("s", "A source"), supports=c)
'e'
>>> data = page_data(m.finish())
>>> data["statements"][1], data["arguments"][0]["premises"]
({'id': 'e', 'kind': 'evidence', 'label': 'a quote'}, [1])
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Final

from argmap.evaluation import semantics as semantics_record
from argmap.model import ArgumentMap, Evidence, Position, Question

__all__ = ["EVALUATOR", "FORMAT_VERSION", "JS_SEMANTICS", "evaluator_source", "page_data"]

FORMAT_VERSION: Final = 1
"""The ``argmap_page`` number in the data; the evaluator refuses data of another version."""
JS_SEMANTICS: Final = ("grounded", "preferred", "stable", "df-quad", "carneades")
"""The semantics the browser-side evaluator implements, in the order the registry lists them."""
EVALUATOR: Final = Path(__file__).parent / "static" / "evaluate.js"
_EXPORT: Final = "export {"
_GLOBAL: Final = "argmapEvaluate"


def _statement(statement: Any, index: dict[str, int]) -> dict[str, Any]:
    item: dict[str, Any] = {"id": statement.id, "kind": statement.kind, "label": statement.label}
    if statement.assumed:
        item["assumed"] = True
    if isinstance(statement, Position) and statement.answers is not None:
        item["answers"] = index[statement.answers]
    if isinstance(statement, Question) and statement.compatible:
        item["compatible"] = True
    base = statement.weight if isinstance(statement, Evidence) else statement.base_score
    if base is not None:
        item["base"] = float(base)
    standard = getattr(statement, "standard", None)
    if standard is not None:
        item["standard"] = standard
    return item


def page_data(argument_map: ArgumentMap) -> dict[str, Any]:
    """Return the map as the browser-side evaluator reads it; ``json.dumps`` it into the page."""
    index = {statement.id: i for i, statement in enumerate(argument_map.statements)}
    argument_index = {argument.id: j for j, argument in enumerate(argument_map.arguments)}
    arguments = []
    for argument in argument_map.arguments:
        item: dict[str, Any] = {
            "id": argument.id,
            "conclusion": index[argument.conclusion],
            "pro": argument.is_pro,
            "premises": [index[p] for p in argument.premises],
        }
        if argument.undercutters:
            item["undercutters"] = [index[u] for u in argument.undercutters]
        if argument.weight is not None:
            item["weight"] = float(argument.weight)
        if argument.scheme is not None:
            item["scheme"] = argument.scheme
        if argument.title is not None:
            item["title"] = argument.title
        arguments.append(item)
    semantics = []
    for name in JS_SEMANTICS:
        record = semantics_record(name)
        semantics.append(
            {
                "name": name,
                "title": record.title,
                "gradual": record.gradual,
                "description": record.description,
            }
        )
    return {
        "argmap_page": FORMAT_VERSION,
        "title": argument_map.title,
        "sources": [source.id for source in argument_map.sources],
        "statements": [_statement(statement, index) for statement in argument_map.statements],
        "arguments": arguments,
        "lines": [
            {"id": line.id, "title": line.title, "arguments": [argument_index[a] for a in line.arguments]}
            for line in argument_map.lines
        ],
        "semantics": semantics,
    }


def evaluator_source(*, module: bool = True) -> str:
    """Return the evaluator's JavaScript: an ES module, or (``module=False``) a classic script.

    The classic form runs inside a function and sets ``globalThis.argmapEvaluate`` to an object
    holding what the module exports.
    """
    text = EVALUATOR.read_text(encoding="utf-8")
    if module:
        return text
    at = text.rindex(_EXPORT)
    names = text[at + len(_EXPORT) : text.index("}", at)]
    return f"(function () {{\n{text[:at]}globalThis.{_GLOBAL} = Object.freeze({{{names}}});\n}})();\n"
