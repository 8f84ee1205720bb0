"""``evaluate()`` and ``critical()``: the front door of evaluation, and the registry of semantics.

A semantics is a function ``(argument_map, off) -> Evaluation`` registered under its name in
``REGISTRY``; ``off`` arrives checked, as a frozenset of statement ids of the map.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable
from typing import Final

from argmap.errors import EvaluationError
from argmap.evaluation.carneades import evaluate_carneades
from argmap.evaluation.dfquad import evaluate_dfquad
from argmap.evaluation.grounded import evaluate_grounded
from argmap.evaluation.labelling import CriticalItem, Evaluation
from argmap.evaluation.preferred import evaluate_preferred, evaluate_stable
from argmap.model import ArgumentMap

__all__ = ["GRADUAL", "REGISTRY", "SEMANTICS", "Semantics", "critical", "evaluate", "register"]

Semantics = Callable[[ArgumentMap, frozenset[str]], Evaluation]

REGISTRY: dict[str, Semantics] = {
    "grounded": evaluate_grounded,
    "preferred": evaluate_preferred,
    "stable": evaluate_stable,
    "df-quad": evaluate_dfquad,
    "carneades": evaluate_carneades,
}
"""Every semantics by name; ``register`` adds one (e.g. "carneades")."""

SEMANTICS: Final = ("grounded", "preferred", "stable", "df-quad", "carneades")
"""The semantics argmap offers, in the order the CLI and widgets list them."""

GRADUAL: Final = frozenset({"df-quad"})
"""Semantics that give strengths."""

_MOVED: Final = 1e-9


def _leader_change(before: str | None, after: str | None) -> str:
    if before is None:
        return f"{after!r} comes to lead"
    if after is None:
        return f"{before!r} no longer leads"
    return f"the leading position changes from {before!r} to {after!r}"


def register(name: str, function: Semantics) -> None:
    """Add or replace a semantics under ``name``."""
    REGISTRY[name] = function


def _check_off(argument_map: ArgumentMap, off: Iterable[str]) -> frozenset[str]:
    if isinstance(off, str):
        off = (off,)
    checked = frozenset(off)
    for statement_id in sorted(checked):
        if not isinstance(statement_id, str) or not argument_map.has_statement(statement_id):
            known = [s.id for s in argument_map.statements]
            close = difflib.get_close_matches(str(statement_id), known, n=1)
            hint = f"did you mean {close[0]!r}?" if close else "name statements of this map"
            raise EvaluationError(f"evaluate: off names no statement of the map: {statement_id!r} ({hint})")
    return checked


def _semantics(semantics: str) -> Semantics:
    try:
        return REGISTRY[semantics]
    except (KeyError, TypeError):
        names = sorted(REGISTRY)
        raise EvaluationError(
            f"evaluate: unknown semantics: {semantics!r} (use one of {', '.join(names)})"
        ) from None


def evaluate(argument_map: ArgumentMap, semantics: str = "grounded", off: Iterable[str] = ()) -> Evaluation:
    """Evaluate a map under ``semantics`` with the statements in ``off`` switched off.

    Switching off is an input to evaluation, not a change to the map: an off statement (evidence,
    an assumption, or a claim a student rejects outright) has status OFF and counts as absent.
    An id in ``off`` that is not a statement of the map raises EvaluationError.
    """
    function = _semantics(semantics)
    return function(argument_map, _check_off(argument_map, off))


def critical(
    argument_map: ArgumentMap, semantics: str = "grounded", off: Iterable[str] = ()
) -> tuple[CriticalItem, ...]:
    """Return the evidence whose removal alone changes the verdict or a position's status, ranked.

    Each evidence item still switched on is switched off on its own, on top of ``off``. An item is
    listed when that changes which position leads or any position's status, and, under gradual
    semantics, also when it moves a position's strength at all. Ranking: a change of leader
    first, then the number of positions whose status changes, then the largest strength change,
    then declaration order.
    """
    function = _semantics(semantics)
    base_off = _check_off(argument_map, off)
    before = function(argument_map, base_off)
    positions = [p.id for p in argument_map.positions]
    gradual = bool(before.strengths)
    leader_before = before.verdict.leader
    ranked: list[tuple[tuple[int, int, float, int], CriticalItem]] = []
    for order, evidence in enumerate(argument_map.evidence):
        if evidence.id in base_off:
            continue
        after = function(argument_map, base_off | {evidence.id})
        changes = tuple(p for p in positions if after.statuses[p] is not before.statuses[p])
        delta: float | None = None
        mover: str | None = None
        if gradual and positions:
            mover = max(positions, key=lambda p: abs(after.strengths[p] - before.strengths[p]))
            delta = after.strengths[mover] - before.strengths[mover]
        leader_after = after.verdict.leader
        moved = delta is not None and abs(delta) > _MOVED
        if not changes and leader_after == leader_before and not moved:
            continue
        parts = []
        if leader_after != leader_before:
            parts.append(_leader_change(leader_before, leader_after))
        parts += [
            f"{p} goes from {before.statuses[p].reading} to {after.statuses[p].reading}" for p in changes
        ]
        if moved and mover is not None:
            parts.append(f"{mover} moves from {before.strengths[mover]:.2f} to {after.strengths[mover]:.2f}")
        text = f"Switching off {evidence.id}: " + "; ".join(parts) + "."
        item = CriticalItem(
            evidence_id=evidence.id,
            changes=changes,
            delta=delta,
            leader_before=leader_before,
            leader_after=leader_after,
            text=text,
        )
        key = (0 if leader_after != leader_before else 1, -len(changes), -abs(delta or 0.0), order)
        ranked.append((key, item))
    ranked.sort(key=lambda pair: pair[0])
    return tuple(item for _, item in ranked)
