"""Evaluation: which statements stand when some evidence is switched off, and why.

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
"""

from argmap.evaluation.api import GRADUAL, REGISTRY, SEMANTICS, critical, evaluate, register
from argmap.evaluation.dung import Framework, extensions, grounded
from argmap.evaluation.labelling import (
    CriticalItem,
    Evaluation,
    Explanation,
    PositionVerdict,
    Reason,
    Status,
    Verdict,
)

__all__ = [
    "GRADUAL",
    "REGISTRY",
    "SEMANTICS",
    "CriticalItem",
    "Evaluation",
    "Explanation",
    "Framework",
    "PositionVerdict",
    "Reason",
    "Status",
    "Verdict",
    "critical",
    "evaluate",
    "extensions",
    "grounded",
    "register",
]
