"""The verdict on each question: every position's standing and which position leads.

Under the qualitative semantics (grounded, preferred, stable, carneades) a position leads when it
is the only one of its question that is IN. Under gradual semantics the position with the highest
strength leads, if it is ahead of every other by more than ``TIE``; otherwise none does. Either
way a position that nothing argues for (no pro argument switched on) is never named the leader:
under the qualitative semantics it stands only when it is assumed, and under df-quad it keeps its
base score, but either way the map gives no reason for it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Final

from argmap.evaluation.compiled import compile_map
from argmap.evaluation.labelling import PositionVerdict, Status, Verdict
from argmap.model import ArgumentMap

if TYPE_CHECKING:
    from argmap.model.off import Off

__all__ = ["TIE", "verdicts"]

TIE: Final = 1e-6
"""Strengths closer than this count as a tie."""


def _all(items: list[str]) -> str:
    return "both" if len(items) == 2 else "all"  # noqa: PLR2004  # two is "both" in English


def _is(items: list[str]) -> str:
    return "is" if len(items) == 1 else "are"


def _one(
    question: str | None,
    position_ids: list[str],
    statuses: Mapping[str, Status],
    strengths: Mapping[str, float],
    semantics: str,
    *,
    argued: set[str],
) -> Verdict:
    gradual = bool(strengths)
    positions = tuple(
        PositionVerdict(id=p, status=statuses[p], strength=strengths.get(p) if gradual else None)
        for p in position_ids
    )
    where = f"on question {question!r}" if question else "on the positions"
    if not positions:
        return Verdict(
            question=question, positions=(), leader=None, text=f"No position answers {question!r}."
        )
    leader: str | None = None
    if gradual:
        ranked = sorted(
            (p for p in positions if p.status is not Status.OFF), key=lambda p: -(p.strength or 0.0)
        )
        if ranked and (len(ranked) == 1 or (ranked[0].strength or 0.0) - (ranked[1].strength or 0.0) > TIE):
            leader = ranked[0].id if ranked[0].id in argued else None
        scores = ", ".join(f"{p.id} {p.strength:.2f}" for p in positions if p.strength is not None)
        if leader is not None:
            text = f"Under {semantics}, the balance {where} favours {leader!r} ({scores})."
        elif (
            ranked
            and ranked[0].id not in argued
            and (len(ranked) == 1 or (ranked[0].strength or 0.0) - (ranked[1].strength or 0.0) > TIE)
        ):
            text = (
                f"Under {semantics}, no position {where} leads: {ranked[0].id!r} is ahead"
                f" but nothing argues for it ({scores})."
            )
        elif ranked:
            text = f"Under {semantics}, no position {where} leads: the top strengths tie ({scores})."
        else:
            text = f"Under {semantics}, every position {where} is switched off."
        return Verdict(question=question, positions=positions, leader=leader, text=text)
    standing = [p.id for p in positions if p.status is Status.IN]
    undecided = [p.id for p in positions if p.status is Status.UNDECIDED]
    if len(standing) == 1 and standing[0] not in argued:
        text = (
            f"Under {semantics}, no position leads {where}: {standing[0]!r} stands,"
            " but nothing argues for it."
        )
    elif len(standing) == 1:
        leader = standing[0]
        text = f"Under {semantics}, {where}, {leader!r} stands"
        others = [p.id for p in positions if p.id != leader]
        if others:
            verb = "does" if len(others) == 1 else "do"
            text += f"; {', '.join(repr(o) for o in others)} {verb} not."
        else:
            text += "."
    elif standing:
        names = ", ".join(map(repr, standing))
        text = f"Under {semantics}, no position leads {where}: {names} {_all(standing)} stand."
    elif undecided:
        names = ", ".join(map(repr, undecided))
        text = f"Under {semantics}, no position leads {where}: {names} {_is(undecided)} open."
    else:
        text = f"Under {semantics}, no position stands {where}."
    return Verdict(question=question, positions=positions, leader=leader, text=text)


def _groups(argument_map: ArgumentMap) -> list[tuple[str | None, list[str]]]:
    """Return each question with its positions, then the unattached positions; cached per map."""
    compiled = compile_map(argument_map)
    cached = compiled.cache.get("verdict-groups")
    if isinstance(cached, list):
        return cached
    groups: list[tuple[str | None, list[str]]] = [
        (q.id, [p.id for p in argument_map.positions_of(q.id)]) for q in argument_map.questions
    ]
    loose = [p.id for p in argument_map.positions if p.answers is None]
    if loose:
        groups.append((None, loose))
    compiled.cache["verdict-groups"] = groups
    return groups


def verdicts(
    argument_map: ArgumentMap,
    statuses: Mapping[str, Status],
    strengths: Mapping[str, float],
    semantics: str,
    *,
    off: Off | None = None,
) -> tuple[Verdict, ...]:
    """Return one verdict per question in declaration order, then one for unattached positions.

    ``off`` (from ``resolve_off``) tells which pro arguments are switched off: a position whose
    pro arguments are all off, or that has none, is never named the leader.
    """
    off_arguments = off.arguments if off is not None else frozenset()
    argued = {
        p.id for p in argument_map.positions if any(a.id not in off_arguments for a in argument_map.pro(p.id))
    }
    return tuple(
        _one(question, positions, statuses, strengths, semantics, argued=argued)
        for question, positions in _groups(argument_map)
    )
