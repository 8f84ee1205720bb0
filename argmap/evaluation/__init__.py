"""Evaluation: which statements stand when some parts are switched off, and why.

>>> from argmap.model import ArgumentMap
>>> m = ArgumentMap.build("t")
>>> c = m.claim("c", "A claim")
>>> m.evidence("e", "a quote", source=m.source("s", "A source"), supports=c)
'e'
>>> argument_map = m.finish()
>>> evaluate(argument_map).status("c").value
'in'
>>> evaluate(argument_map, off={"e"}).status("c").value
'out'
>>> semantics("df-quad").gradual
True

``grounded`` and ``extensions`` are the abstract-framework functions (``NamedFramework``, ICCMA
instances); maps are evaluated with ``evaluate``. Docs: docs/semantics.md.
"""

from argmap.evaluation.api import critical, evaluate
from argmap.evaluation.dung import NamedFramework, extensions, grounded
from argmap.evaluation.labelling import (
    CRITICAL_KINDS,
    CriticalItem,
    Evaluation,
    Explanation,
    PositionVerdict,
    Reason,
    Status,
    Verdict,
)
from argmap.evaluation.registry import GRADUAL, SEMANTICS, Semantics, register, semantics

__all__ = [
    "CRITICAL_KINDS",
    "GRADUAL",
    "SEMANTICS",
    "CriticalItem",
    "Evaluation",
    "Explanation",
    "NamedFramework",
    "PositionVerdict",
    "Reason",
    "Semantics",
    "Status",
    "Verdict",
    "critical",
    "evaluate",
    "extensions",
    "grounded",
    "register",
    "semantics",
]
