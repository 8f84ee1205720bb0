"""Dung abstract argumentation: grounded labelling by linear propagation, preferred and stable search.

The functions here work on integer-indexed attack lists (``succ[x]`` lists the arguments ``x``
attacks) so that the map evaluator can reuse them on its compiled framework; ``NamedFramework`` and
``extensions()`` wrap them for frameworks with named arguments, such as ICCMA instances.

Grounded (Dung 1995; Modgil & Caminada 2009): label IN every argument whose attackers are all
OUT, OUT every argument with an IN attacker, repeat; what is left is UNDEC. With a counter of
not-yet-OUT attackers per argument and a queue of new IN arguments, every attack is touched at
most twice: O(arguments + attacks).

Preferred and stable: an exact labelling search in the style of Nofal, Atkinson & Dunne (AIJ
2014). It starts from the grounded labelling (every complete extension contains the grounded
one and excludes what it attacks), then branches on each undecided argument: IN (its targets
become OUT, its attackers MUST_OUT) or excluded. A branch dies when a MUST_OUT argument has no
attacker left that could still become IN. Only complete labellings are reached (a node whose
attackers are all OUT is made IN). Stable requires every excluded argument to be attacked
(excluded arguments are MUST_OUT at once). Preferred prunes with one more rule: an excluded
argument none of whose attackers could still hurt it (each is OUT, or attacked by it) would
join the IN part if left undecided, so it must end OUT; leaves that still have undecided
arguments are compared with the others for maximality (a leaf with none is stable, hence
preferred, and needs no comparison). What the grounded labelling leaves open falls into parts
that no attack connects; each part is searched on its own and the results are combined, never
listed (30 independent two-cycles have 2**30 preferred labellings, found in 60 small searches).
The search is exponential in the worst case, so it stops with EvaluationError after
``timeout`` seconds (``DEFAULT_TIMEOUT`` unless given).

>>> af = NamedFramework(arguments=("a", "b", "c"), attacks=(("a", "b"), ("b", "a"), ("b", "c")))
>>> sorted(grounded(af))
[]
>>> [sorted(e) for e in extensions(af, "preferred")]
[['a', 'c'], ['b']]
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable, Iterable, Sequence
from itertools import product
from math import prod
from typing import Any, Final, Literal

from attrs import define, field

from argmap.errors import EvaluationError

__all__ = [
    "BLANK",
    "DEFAULT_TIMEOUT",
    "IN",
    "OUT",
    "GroundedLabelling",
    "Labellings",
    "NamedFramework",
    "Part",
    "extensions",
    "grounded",
    "grounded_labelling",
    "search_labellings",
]

BLANK: Final = 0
"""Not yet labelled; after grounded propagation, UNDEC."""
IN: Final = 1
OUT: Final = 2
_MUST_OUT: Final = 3
_EXCLUDED: Final = 4

DEFAULT_TIMEOUT: Final = 5.0
"""Seconds the preferred/stable search may take before it stops with EvaluationError."""

ExtensionSemantics = Literal["grounded", "preferred", "stable"]


def _pairs(pairs: Iterable[Sequence[str]]) -> tuple[tuple[str, str], ...]:
    return tuple((str(p[0]), str(p[1])) if len(p) == 2 else tuple(p) for p in pairs)  # type: ignore[misc]  # noqa: PLR2004


@define(frozen=True, kw_only=True)
class NamedFramework:
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
    NamedFramework, or, read faster, ``attack_numbers``: attacker and target alternating, arguments
    numbered from 1 in order, like ``argmap.formats.iccma.NumberedFramework`` (whose names are
    then returned as given; with ``attacks`` they are turned into strings).
    """
    names, succ, indeg, _ = _index(framework)
    result = grounded_labelling(succ, indeg)
    return frozenset(map(names.__getitem__, result.order))


@define(frozen=True, kw_only=True)
class Part:
    """One independent part of a framework's open arguments, and its labellings.

    ``labellings`` holds, per labelling, the IN and the OUT nodes of the part (global indices);
    the part's other nodes are UNDEC in that labelling.
    """

    nodes: tuple[int, ...]
    labellings: tuple[tuple[frozenset[int], frozenset[int]], ...]


@define(frozen=True, kw_only=True)
class Labellings:
    """Every preferred (or stable) labelling of a framework, as independent parts to combine.

    The nodes the grounded labelling decides have that label in every labelling (``fixed``).
    The rest fall into parts with no attack between them, so the labellings of the whole are
    every combination of one labelling per part: ``total`` of them (0 under stable when some
    part has none), never listed one by one.
    """

    fixed: bytearray
    parts: tuple[Part, ...]

    @property
    def total(self) -> int:
        """Return the number of labellings of the whole framework."""
        return prod(len(part.labellings) for part in self.parts)

    def counts(self, node: int) -> tuple[int, int]:
        """Return in how many labellings ``node`` is IN, and in how many OUT."""
        total = self.total
        if self.fixed[node] == IN:
            return total, 0
        if self.fixed[node] == OUT:
            return 0, total
        for part in self.parts:
            if node in part.nodes:
                rest = total // len(part.labellings) if part.labellings else 0
                ins = sum(node in members for members, _ in part.labellings)
                outs = sum(node in beaten for _, beaten in part.labellings)
                return ins * rest, outs * rest
        return 0, 0

    def example(self, k: int) -> frozenset[int]:
        """Return the IN nodes of the ``k``-th labelling (in a fixed order of combination)."""
        members = {x for x, value in enumerate(self.fixed) if value == IN}
        for part in self.parts:
            count = len(part.labellings)
            members |= part.labellings[k % count][0]
            k //= count
        return frozenset(members)


_IN_BYTE: Final = bytes(1 if value == IN else 0 for value in range(256))


class _Clock:
    """Raises EvaluationError once the time allowed has passed; checked every few hundred steps."""

    def __init__(self, timeout: float | None, semantics: str, size: str) -> None:
        self.deadline = None if timeout is None else time.monotonic() + timeout
        self.timeout = timeout
        self.semantics = semantics
        self.size = size
        self.steps = 0

    def tick(self) -> None:
        self.steps += 1
        if self.deadline is not None and not self.steps & 0xFF and time.monotonic() > self.deadline:
            raise EvaluationError(
                f"{self.semantics}: no answer within {self.timeout:g} s for {self.size}"
                " (the exact search is exponential in the worst case; allow more time with"
                " timeout=..., or use the grounded semantics, which is always fast)"
            )


def _parts(succ: Sequence[Sequence[int]], label: bytearray) -> list[list[int]]:
    """Return the open (BLANK) nodes grouped into parts that no attack connects, smallest first."""
    open_nodes = [x for x, value in enumerate(label) if value == BLANK]
    root = {x: x for x in open_nodes}

    def find(x: int) -> int:
        while root[x] != x:
            root[x] = root[root[x]]
            x = root[x]
        return x

    for x in open_nodes:
        for y in succ[x]:
            if y in root:
                a, b = find(x), find(y)
                if a != b:
                    root[max(a, b)] = min(a, b)
    groups: dict[int, list[int]] = {}
    for x in open_nodes:
        groups.setdefault(find(x), []).append(x)
    return sorted(groups.values(), key=lambda nodes: (len(nodes), nodes[0]))


def _search_part(
    nodes: list[int],
    succ: Sequence[Sequence[int]],
    semantics: Literal["preferred", "stable"],
    clock: _Clock,
    accept: Callable[[frozenset[int]], bool] | None,
) -> list[tuple[frozenset[int], frozenset[int]]]:
    """Return the labellings of one part, searched on its own; nodes outside it are decided."""
    local = {x: k for k, x in enumerate(nodes)}
    n = len(nodes)
    lsucc = [[local[y] for y in succ[x] if y in local] for x in nodes]
    pred: list[list[int]] = [[] for _ in range(n)]
    for x, targets in enumerate(lsucc):
        for y in targets:
            pred[y].append(x)
    stable = semantics == "stable"
    excluded_label = _MUST_OUT if stable else _EXCLUDED
    attacks_of = [set(t) for t in lsucc] if not stable else []
    label = bytearray(n)
    for x in range(n):
        if x in lsucc[x]:
            # A self-attacker is never IN; under stable semantics something else must attack it.
            label[x] = excluded_label
    found: list[tuple[frozenset[int], bytearray]] = []
    # Subset tests on whole labellings at C speed: one byte per node, 1 where IN (or, for a
    # branch, where IN is still possible), read as one big integer.
    masks: list[int] = []
    candidates: list[tuple[frozenset[int], bytearray]] = []
    """Preferred candidates with undecided nodes (``masks``), kept until a superset turns up."""
    full_masks: list[int] = []

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
                for y in lsucc[x]:
                    if lab[y] == IN:
                        return False
                    if lab[y] != OUT:
                        lab[y] = OUT
                        check.extend(lsucc[y])
                for z in pred[x]:
                    if lab[z] == IN:
                        return False
                    if lab[z] in (BLANK, _EXCLUDED):
                        lab[z] = _MUST_OUT
                        check.append(z)
                        check.extend(lsucc[z])
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
                elif (
                    state == _EXCLUDED
                    and z not in attacks_of[z]
                    and all(lab[w] == OUT or w in attacks_of[z] for w in attackers)
                ):
                    # Left undecided, z could join the IN part (it fends off every attacker not
                    # already OUT), so no preferred labelling leaves it undecided: it must be OUT.
                    lab[z] = _MUST_OUT
                    check.append(z)
        return True

    def pick(lab: bytearray) -> int:
        # Branch first on a possible defender of a MUST_OUT node, else on the first BLANK.
        blank = -1
        for x in range(n):
            if lab[x] == _MUST_OUT:
                return next(w for w in pred[x] if lab[w] == BLANK)
            if blank < 0 and lab[x] == BLANK:
                blank = x
        return blank

    def leaf(lab: bytearray) -> None:
        members = frozenset(x for x in range(n) if lab[x] == IN)
        if accept is not None and not accept(frozenset(nodes[x] for x in members)):
            return
        if stable:
            found.append((members, lab))
            return
        mask = int.from_bytes(lab.translate(_IN_BYTE), "little")
        # A labelling with nothing undecided is stable, hence preferred: no check against the
        # others is needed, only the removal of earlier candidates it contains.
        if _EXCLUDED in lab and any(not mask & ~other for other in (*masks, *full_masks)):
            return
        keep = [k for k, other in enumerate(masks) if other & ~mask]
        kept = [candidates[k] for k in keep]
        candidates[:] = kept
        masks[:] = [masks[k] for k in keep]
        if _EXCLUDED in lab:
            candidates.append((members, lab))
            masks.append(mask)
        else:
            found.append((members, lab))
            full_masks.append(mask)

    # Depth-first with an explicit stack (a recursion would hit Python's limit on large parts);
    # the IN branch is explored first, so large extensions are found early and prune the rest.
    stack = [label] if settle(label, [], [x for x in range(n) if label[x] == _MUST_OUT]) else []
    while stack:
        lab = stack.pop()
        clock.tick()
        blank = pick(lab)
        if blank < 0:
            leaf(lab)
            continue
        excluded = bytearray(lab)
        excluded[blank] = excluded_label
        if settle(excluded, [], [blank, *lsucc[blank]]):
            stack.append(excluded)
        chosen = bytearray(lab)
        if settle(chosen, [blank], []):
            stack.append(chosen)
    result = [
        (
            frozenset(nodes[x] for x in members),
            frozenset(nodes[x] for x in range(n) if lab[x] == OUT),
        )
        for members, lab in (*found, *candidates)
    ]
    return sorted(result, key=lambda pair: sorted(pair[0]))


def search_labellings(
    succ: Sequence[Sequence[int]],
    start: bytearray,
    semantics: Literal["preferred", "stable"],
    *,
    timeout: float | None = DEFAULT_TIMEOUT,
    accept: Callable[[frozenset[int]], bool] | None = None,
    size: str = "",
) -> Labellings:
    """Return every preferred or stable labelling, part by part.

    ``start`` is the grounded labelling (IN, OUT, BLANK per node, with switched-off nodes forced
    OUT before propagation): what it decides holds in every complete labelling, so only its
    BLANK nodes are searched, each part of them on its own. Only complete labellings are
    searched (a node whose attackers are all OUT is IN), which keeps every preferred and stable
    labelling and prunes most of the rest. ``accept`` may reject a labelling of a part (given
    its IN nodes); preferred keeps the subset-maximal accepted ones. Raises EvaluationError when
    ``timeout`` seconds pass first (None: no limit); ``size`` names the input in that message.
    """
    clock = _Clock(timeout, semantics, size or f"{len(succ):,} nodes")
    parts = []
    for nodes in _parts(succ, start):
        labellings = _search_part(nodes, succ, semantics, clock, accept)
        parts.append(Part(nodes=tuple(nodes), labellings=tuple(labellings)))
        if not labellings:
            break  # stable: no labelling of this part, so none of the whole
    return Labellings(fixed=bytearray(start), parts=tuple(parts))


def extensions(
    framework: Any, semantics: ExtensionSemantics, *, timeout: float | None = DEFAULT_TIMEOUT
) -> tuple[frozenset[str], ...]:
    """Return every extension of a framework under grounded, preferred or stable semantics.

    ``framework`` is as for ``grounded``. The result is sorted; an empty tuple under stable means
    no stable extension exists. Raises EvaluationError when ``timeout`` seconds pass first.
    """
    if semantics not in ("grounded", "preferred", "stable"):
        raise EvaluationError(
            f"extensions: unknown semantics: {semantics!r} (use 'grounded', 'preferred' or 'stable')"
        )
    names, succ, indeg, first = _index(framework)
    forced = range(first)  # a placeholder node is no argument: out of every extension
    start = grounded_labelling(succ, indeg, forced)
    if semantics == "grounded":
        return (frozenset(map(names.__getitem__, start.order)),)
    size = f"{len(names) - first:,} arguments"
    found = search_labellings(succ, start.label, semantics, timeout=timeout, size=size)
    clock = _Clock(timeout, semantics, size)
    base = frozenset(x for x, value in enumerate(found.fixed) if value == IN)
    named = []
    for choice in product(*(part.labellings for part in found.parts)):
        clock.tick()
        members = base.union(*(members for members, _ in choice))
        named.append(frozenset(map(names.__getitem__, members)))
    return tuple(sorted(named, key=sorted))
