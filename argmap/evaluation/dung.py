"""Dung abstract argumentation: grounded labelling by linear propagation, preferred and stable search.

The functions here work on integer-indexed attack lists (``succ[x]`` lists the arguments ``x``
attacks) so that the map evaluator can reuse them on its compiled framework; ``Framework`` and
``extensions()`` wrap them for frameworks with named arguments, such as ICCMA instances.

Grounded (Dung 1995; Modgil & Caminada 2009): label IN every argument whose attackers are all
OUT, OUT every argument with an IN attacker, repeat; what is left is UNDEC. With a counter of
not-yet-OUT attackers per argument and a queue of new IN arguments, every attack is touched at
most twice: O(arguments + attacks).

Preferred and stable: an exact labelling search in the style of Nofal, Atkinson & Dunne (AIJ
2014). It starts from the grounded labelling (every complete extension contains the grounded
one and excludes what it attacks), then branches on each undecided argument: IN (its targets
become OUT, its attackers MUST_OUT) or excluded. A branch dies when a MUST_OUT argument has no
attacker left that could still become IN. A leaf with no MUST_OUT left is admissible; preferred
keeps the subset-maximal ones, pruning branches whose IN and BLANK arguments all lie inside an
extension already found; stable requires every excluded argument to be attacked (excluded
arguments are MUST_OUT at once). The search is exponential in the worst case, so it stops with
EvaluationError past ``max_steps`` branch points.

>>> af = Framework(arguments=("a", "b", "c"), attacks=(("a", "b"), ("b", "a"), ("b", "c")))
>>> sorted(grounded(af))
[]
>>> [sorted(e) for e in extensions(af, "preferred")]
[['a', 'c'], ['b']]
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Sequence
from typing import Any, Final, Literal

from attrs import define, field

from argmap._gc import paused_gc
from argmap.errors import EvaluationError

__all__ = [
    "BLANK",
    "IN",
    "MAX_STEPS",
    "OUT",
    "Framework",
    "GroundedLabelling",
    "extensions",
    "grounded",
    "grounded_labelling",
    "search_extensions",
]

BLANK: Final = 0
"""Not yet labelled; after grounded propagation, UNDEC."""
IN: Final = 1
OUT: Final = 2
_MUST_OUT: Final = 3
_EXCLUDED: Final = 4

MAX_STEPS: Final = 200_000
"""Branch points the preferred/stable search may visit before it gives up."""

ExtensionSemantics = Literal["grounded", "preferred", "stable"]


def _pairs(pairs: Iterable[Sequence[str]]) -> tuple[tuple[str, str], ...]:
    return tuple((str(p[0]), str(p[1])) if len(p) == 2 else tuple(p) for p in pairs)  # type: ignore[misc]  # noqa: PLR2004


@define(frozen=True, kw_only=True)
class Framework:
    """An abstract argumentation framework: named arguments and who attacks whom."""

    arguments: tuple[str, ...] = field(converter=tuple)
    attacks: tuple[tuple[str, str], ...] = field(converter=_pairs)

    def __attrs_post_init__(self) -> None:
        known = set(self.arguments)
        if len(known) != len(self.arguments):
            raise EvaluationError("framework: an argument is listed twice (list each argument once)")
        for pair in self.attacks:
            if len(pair) != 2 or pair[0] not in known or pair[1] not in known:  # noqa: PLR2004
                raise EvaluationError(
                    f"framework: attack between unknown arguments: {pair!r} (declare both arguments)"
                )


@define(frozen=True, kw_only=True)
class GroundedLabelling:
    """The grounded labelling of an indexed framework, with the order labels were given in.

    ``label[x]`` is IN, OUT or BLANK (undecided). ``order`` lists the IN arguments in the order
    they were labelled: the first IN attacker of an OUT argument in this order is the one that
    decided it, which is what makes explanations finite.
    """

    label: bytearray
    order: list[int]


def grounded_labelling(
    succ: Sequence[Sequence[int]], indeg: Sequence[int], forced_out: Iterable[int] = ()
) -> GroundedLabelling:
    """Return the grounded labelling; ``forced_out`` arguments are OUT from the start (switched off).

    A forced-out argument attacks nothing and need not be defeated, so the other labels come out
    as if it had been deleted.
    """
    alive = list(indeg)
    label = bytearray(len(alive))
    for x in forced_out:
        if label[x] != OUT:
            label[x] = OUT
            for z in succ[x]:
                alive[z] -= 1
    queue = [x for x, count in enumerate(alive) if count == 0 and label[x] == BLANK]
    for x in queue:
        label[x] = IN
    # Iterating a list while appending to it visits the appended items: a queue without deque.
    for x in queue:
        for y in succ[x]:
            if label[y] == BLANK:
                label[y] = OUT
                for z in succ[y]:
                    alive[z] -= 1
                    if alive[z] == 0 and label[z] == BLANK:
                        label[z] = IN
                        queue.append(z)
    return GroundedLabelling(label=label, order=queue)


def _index(framework: Any) -> tuple[list[str], list[list[int]], list[int], int]:
    """Return names, attack lists and attacker counts by node, and the first node that is an argument."""
    numbers = getattr(framework, "attack_numbers", None)
    if numbers is not None:
        return (*_index_numbered(framework.arguments, numbers), 1)
    names = list(map(str, framework.arguments))
    position = {name: i for i, name in enumerate(names)}
    succ: list[list[int]] = [[] for _ in names]
    indeg = [0] * len(names)
    for attacker, target in framework.attacks:
        try:
            x, y = position[str(attacker)], position[str(target)]
        except KeyError as error:
            raise EvaluationError(
                f"framework: attack names an unknown argument: {error.args[0]!r} (declare it first)"
            ) from None
        succ[x].append(y)
        indeg[y] += 1
    return names, succ, indeg, 0


def _bad_numbers(n: int) -> EvaluationError:
    return EvaluationError(
        "framework: attack_numbers must alternate attacker and target, each a number"
        f" 1..{n - 1} (the position of the argument, counting from 1)"
    )


def _index_numbered(
    arguments: Sequence[Any], numbers: Sequence[int]
) -> tuple[list[str], list[list[int]], list[int]]:
    # Argument k is node k; node 0 is a placeholder with one phantom attacker that is never
    # labelled, so it stays undecided and out of every extension. This spares renumbering 10^5
    # attacks, and the C-level map() below spares a Python loop over them.
    names = ["", *arguments]
    n = len(names)
    attackers, targets = numbers[0::2], numbers[1::2]
    succ: list[list[int]] = [[] for _ in names]
    indeg = [0] * n
    indeg[0] = 1
    if len(attackers) != len(targets) or (numbers and min(numbers) < 1):
        raise _bad_numbers(n)
    try:
        deque(map(list.append, map(succ.__getitem__, attackers), targets), maxlen=0)
        for y in targets:
            indeg[y] += 1
    except IndexError:  # a number past the end; one below 1 was refused above (it would wrap)
        raise _bad_numbers(n) from None
    return names, succ, indeg


def grounded(framework: Any) -> frozenset[str]:
    """Return the grounded extension of a framework.

    ``framework`` has ``arguments`` (names) and either ``attacks`` (pairs of names), like
    Framework, or, read faster, ``attack_numbers``: attacker and target alternating, arguments
    numbered from 1 in order, like ``argmap.formats.iccma.AbstractFramework`` (whose names are
    then returned as given; with ``attacks`` they are turned into strings).
    """
    with paused_gc():
        names, succ, indeg, _ = _index(framework)
        result = grounded_labelling(succ, indeg)
        return frozenset(map(names.__getitem__, result.order))


def search_extensions(
    succ: Sequence[Sequence[int]],
    start: bytearray,
    semantics: Literal["preferred", "stable"],
    *,
    max_steps: int = MAX_STEPS,
    priority: Sequence[int] | None = None,
) -> list[frozenset[int]]:
    """Return every preferred or stable extension, as sets of indices, sorted.

    ``start`` is the grounded labelling (IN, OUT, BLANK per argument); arguments OUT in it stay
    OUT, which is also how switched-off arguments are passed in. ``priority`` lists every index in
    the order to branch on (default: index order). Only complete labellings are
    searched (an argument whose attackers are all OUT is IN), which keeps every preferred and
    stable extension and prunes most of the rest.
    """
    n = len(succ)
    pred: list[list[int]] = [[] for _ in range(n)]
    for x, targets in enumerate(succ):
        for y in targets:
            pred[y].append(x)
    stable = semantics == "stable"
    excluded_label = _MUST_OUT if stable else _EXCLUDED
    label = bytearray(start)
    for x in range(n):
        if label[x] == BLANK and x in succ[x]:
            # A self-attacker is never IN; under stable semantics something else must attack it.
            label[x] = excluded_label
    found: list[frozenset[int]] = []
    steps = 0

    def settle(lab: bytearray, pending: list[int], check: list[int]) -> bool:
        # Unit propagation: make IN what must be IN, and fail on what can no longer hold.
        while pending or check:
            while pending:
                x = pending.pop()
                if lab[x] == IN:
                    continue
                if lab[x] != BLANK:
                    return False
                lab[x] = IN
                for y in succ[x]:
                    if lab[y] == IN:
                        return False
                    if lab[y] != OUT:
                        lab[y] = OUT
                        check.extend(succ[y])
                for z in pred[x]:
                    if lab[z] == IN:
                        return False
                    if lab[z] in (BLANK, _EXCLUDED):
                        lab[z] = _MUST_OUT
                        check.append(z)
                        check.extend(succ[z])
            while check and not pending:
                z = check.pop()
                state = lab[z]
                if state in (IN, OUT):
                    continue
                attackers = pred[z]
                if state == _MUST_OUT:
                    open_ = [w for w in attackers if lab[w] == BLANK]
                    if not open_:
                        return False
                    if len(open_) == 1:
                        pending.append(open_[0])
                elif all(lab[w] == OUT for w in attackers):
                    if state != BLANK:
                        return False
                    pending.append(z)
        return True

    rank = list(range(n)) if priority is None else [0] * n
    if priority is not None:
        for k, x in enumerate(priority):
            rank[x] = k
    by_rank = sorted(range(n), key=rank.__getitem__)

    def pick(lab: bytearray) -> int:
        # Branch first on a possible defender of a MUST_OUT argument, else on the first BLANK.
        for x in by_rank:
            if lab[x] == _MUST_OUT:
                return min((w for w in pred[x] if lab[w] == BLANK), key=rank.__getitem__)
        return next((x for x in by_rank if lab[x] == BLANK), -1)

    def leaf(lab: bytearray) -> None:
        members = frozenset(x for x in range(n) if lab[x] == IN)
        if stable:
            found.append(members)
        elif not any(members <= extension for extension in found):
            found[:] = [extension for extension in found if not extension < members]
            found.append(members)

    # Depth-first with an explicit stack (a recursion would hit Python's limit on large maps);
    # the IN branch is explored first, so large extensions are found early and prune the rest.
    stack = [label] if settle(label, [], [x for x in range(n) if label[x] == _MUST_OUT]) else []
    while stack:
        lab = stack.pop()
        steps += 1
        if steps > max_steps:
            open_count = sum(1 for value in lab if value == BLANK)
            raise EvaluationError(
                f"{semantics} search: gave up after {max_steps:,} branch points"
                f" ({n:,} arguments, {open_count:,} still open) (the exact search is for seminar-sized"
                " maps; use the grounded semantics for this one)"
            )
        if not stable and found:
            reachable = {x for x in range(n) if lab[x] in (IN, BLANK)}
            if any(reachable <= extension for extension in found):
                continue
        blank = pick(lab)
        if blank < 0:
            leaf(lab)
            continue
        excluded = bytearray(lab)
        excluded[blank] = excluded_label
        if settle(excluded, [], [blank, *succ[blank]]):
            stack.append(excluded)
        chosen = bytearray(lab)
        if settle(chosen, [blank], []):
            stack.append(chosen)
    return sorted(found, key=sorted)


def extensions(
    framework: Any, semantics: ExtensionSemantics, *, max_steps: int = MAX_STEPS
) -> tuple[frozenset[str], ...]:
    """Return every extension of a framework under grounded, preferred or stable semantics.

    ``framework`` is as for ``grounded``. The result is sorted; an empty tuple under stable means
    no stable extension exists. Raises EvaluationError past ``max_steps`` branch points.
    """
    if semantics not in ("grounded", "preferred", "stable"):
        raise EvaluationError(
            f"extensions: unknown semantics: {semantics!r} (use 'grounded', 'preferred' or 'stable')"
        )
    with paused_gc():
        names, succ, indeg, first = _index(framework)
        start = grounded_labelling(succ, indeg)
    if semantics == "grounded":
        return (frozenset(map(names.__getitem__, start.order)),)
    label = start.label
    label[:first] = bytes([OUT]) * first  # a placeholder node is no argument: out of every extension
    found = search_extensions(succ, label, semantics, max_steps=max_steps)
    named = [frozenset(map(names.__getitem__, extension)) for extension in found]
    return tuple(sorted(named, key=sorted))
