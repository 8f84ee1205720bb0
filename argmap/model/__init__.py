"""The argument-map model: frozen attrs classes, ids and reference checks; knows nothing of output."""

from argmap.model.argument_map import ArgumentMap, Origin
from argmap.model.arguments import STANCES, Argument, Stance
from argmap.model.builder import MapBuilder
from argmap.model.lines import Line
from argmap.model.off import Off, resolve_off
from argmap.model.sources import Source
from argmap.model.statements import (
    PROOF_STANDARDS,
    Claim,
    Evidence,
    Position,
    ProofStandard,
    Question,
    Statement,
    StatementKind,
)

__all__ = [
    "PROOF_STANDARDS",
    "STANCES",
    "Argument",
    "ArgumentMap",
    "Claim",
    "Evidence",
    "Line",
    "MapBuilder",
    "Off",
    "Origin",
    "Position",
    "ProofStandard",
    "Question",
    "Source",
    "Stance",
    "Statement",
    "StatementKind",
    "resolve_off",
]
