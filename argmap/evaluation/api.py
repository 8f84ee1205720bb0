"""``evaluate()`` and ``critical()``: the front door of evaluation; the built-in semantics registered.

A semantics is a ``Semantics`` record (``argmap.evaluation.registry``): ``evaluate`` checks ``off``
with ``argmap.model.off.resolve_off`` and hands the record's evaluator the checked ``Off``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Final

from argmap.errors import EvaluationError
from argmap.evaluation.carneades import evaluate_carneades
from argmap.evaluation.dfquad import evaluate_dfquad
from argmap.evaluation.labelling import CRITICAL_KINDS, CriticalItem, Evaluation
from argmap.evaluation.numbered import grounded as _grounded
from argmap.evaluation.preferred import evaluate_preferred, evaluate_stable
from argmap.evaluation.registry import Semantics, register
from argmap.evaluation.registry import semantics as _record
from argmap.model import ArgumentMap, Claim, Evidence
from argmap.model.off import Off, resolve_off

__all__ = ["critical", "evaluate"]

_MOVED: Final = 1e-9


def _carneades(argument_map: ArgumentMap, off: Off, **options: Any) -> Evaluation:
    return evaluate_carneades(argument_map, off, **options)


def _dfquad(argument_map: ArgumentMap, off: Off) -> Evaluation:
    return evaluate_dfquad(argument_map, off)


_OPTIONS: Final = frozenset({"timeout", "mode"})

for _builtin in (
    Semantics(
        name="grounded",
        title="Grounded",
        gradual=False,
        evaluator=_grounded,
        description="The sceptical reading: what stands whatever way the open conflicts are settled.",
    ),
    Semantics(
        name="preferred",
        title="Preferred",
        gradual=False,
        evaluator=evaluate_preferred,
        options=_OPTIONS,
        description="IN in every maximal coherent reading (credulously: in some).",
    ),
    Semantics(
        name="stable",
        title="Stable",
        gradual=False,
        evaluator=evaluate_stable,
        options=_OPTIONS,
        description="IN in every reading that defeats everything it leaves out (credulously: in some).",
    ),
    Semantics(
        name="df-quad",
        title="DF-QuAD",
        gradual=True,
        evaluator=_dfquad,
        description="Strengths in [0, 1] from base scores, supporters and attackers.",
    ),
    Semantics(
        name="carneades",
        title="Carneades",
        gradual=False,
        evaluator=_carneades,
        options=frozenset({"thresholds"}),
        description="Weighed arguments and proof standards, as Carneades 4 does.",
    ),
):
    register(_builtin)


def _leader_change(before: str | None, after: str | None) -> str:
    if before is None:
        return f"{after!r} comes to lead"
    if after is None:
        return f"{before!r} no longer leads"
    return f"the leading position changes from {before!r} to {after!r}"


def evaluate(
    argument_map: ArgumentMap,
    semantics: str = "grounded",
    off: str | Iterable[str] | Off | None = (),
    **options: Any,
) -> Evaluation:
    """Evaluate a map under ``semantics`` with the parts in ``off`` switched off.

    Switching off is an input to evaluation, not a change to the map: ``off`` names statements
    (evidence, an assumption, a claim a reader rejects outright), arguments and lines of
    argument; a plain string is one id. A switched-off statement has status OFF and counts as
    absent; a switched-off argument is inapplicable. An unknown id raises UnknownIdError.
    ``options`` go to the semantics: preferred and stable take ``timeout`` (seconds, default
    ``argmap.evaluation.dung.DEFAULT_TIMEOUT``; None for no limit) and ``mode`` ("sceptical",
    the default, or "credulous"); docs/semantics.md explains both.
    """
    record = _record(semantics)
    checked = resolve_off(argument_map, off)
    return record.evaluate(argument_map, checked, **options)


def _parts(argument_map: ArgumentMap, kinds: Iterable[str]) -> list[tuple[str, str, str]]:
    """Return (kind, id, label) for every switchable part of the given kinds, kind by kind."""
    wanted = set(kinds)
    unknown = sorted(wanted - set(CRITICAL_KINDS))
    if unknown:
        raise EvaluationError(
            f"critical: unknown kind of part {unknown[0]!r} (use some of {', '.join(CRITICAL_KINDS)})"
        )
    found: dict[str, list[tuple[str, str, str]]] = {kind: [] for kind in CRITICAL_KINDS}
    for statement in argument_map.statements:
        if isinstance(statement, Evidence):
            found["evidence"].append(("evidence", statement.id, statement.label))
        elif statement.assumed:
            found["assumption"].append(("assumption", statement.id, statement.label))
        elif isinstance(statement, Claim):
            found["claim"].append(("claim", statement.id, statement.label))
    found["argument"] = [("argument", a.id, a.label) for a in argument_map.arguments]
    found["line"] = [("line", line.id, line.title) for line in argument_map.lines]
    return [part for kind in CRITICAL_KINDS if kind in wanted for part in found[kind]]


def critical(
    argument_map: ArgumentMap,
    semantics: str = "grounded",
    off: str | Iterable[str] | Off | None = (),
    *,
    kinds: Iterable[str] = CRITICAL_KINDS,
    **options: Any,
) -> tuple[CriticalItem, ...]:
    """Return the parts whose switching off alone changes the verdict or a position's status, ranked.

    Every part of the given ``kinds`` still switched on (evidence, assumptions, claims,
    arguments, lines of argument; ``CRITICAL_KINDS``) is switched off on its own, on top of
    ``off``. A part is listed when that changes which position leads or any position's status,
    and, under gradual semantics, also when it moves a position's strength at all. Ranking: a
    change of leader first, then the number of positions whose status changes, then the largest
    strength change, then kind (in the order above) and declaration order.
    """
    record = _record(semantics)
    base = resolve_off(argument_map, off)
    before = record.evaluate(argument_map, base, **options)
    positions = [p.id for p in argument_map.positions]
    leader_before = before.verdict.leader
    ranked: list[tuple[tuple[int, int, float, int], CriticalItem]] = []
    for order, (kind, part_id, label) in enumerate(_parts(argument_map, kinds)):
        if part_id in base.statements or part_id in base.arguments or part_id in base.lines:
            continue
        after = record.evaluate(argument_map, resolve_off(argument_map, [*base.ids, part_id]), **options)
        changes = tuple(p for p in positions if after.statuses[p] is not before.statuses[p])
        delta: float | None = None
        mover: str | None = None
        if record.gradual and positions and before.strengths:
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
        item = CriticalItem(
            id=part_id,
            kind=kind,
            label=label,
            changes=changes,
            delta=delta,
            leader_before=leader_before,
            leader_after=leader_after,
            text=f"Switching off {kind} {part_id}: " + "; ".join(parts) + ".",
        )
        key = (0 if leader_after != leader_before else 1, -len(changes), -abs(delta or 0.0), order)
        ranked.append((key, item))
    ranked.sort(key=lambda pair: pair[0])
    return tuple(item for _, item in ranked)
