"""Grounded semantics straight from a NumberedMap's attack numbers, without building the map.

Grounded's registered evaluator (``grounded`` here) takes this path for a ``NumberedMap`` with
nothing switched off. Statuses come from Dung's grounded labelling of the numbers (the map's claims are all
assumed and its only arguments are attacks, so the map's own grounded labelling is Dung's);
argument states and explanations are computed on first use, the explanations by the full
evaluation of the built map, so every answer is the one ``evaluate_grounded`` gives.
"""

from __future__ import annotations

from itertools import compress
from operator import not_
from typing import TYPE_CHECKING, Any, Final

from argmap.evaluation.dung import BLANK, IN, OUT
from argmap.evaluation.grounded_map import evaluate_grounded
from argmap.evaluation.labelling import Evaluation, Explanation, FrozenMap, Status
from argmap.model.numbered import NumberedMap
from argmap.model.off import Off

if TYPE_CHECKING:
    from collections.abc import ItemsView, Iterator, KeysView, Sequence, ValuesView

    from argmap.model import ArgumentMap

__all__ = ["NumberedExplainer", "evaluate_numbered", "grounded"]

# Indexed by label byte: BLANK, IN, OUT.
_STATUS: Final = [Status.UNDECIDED, Status.IN, Status.OUT]
_STATE: Final = ["undecided", "applicable", "inapplicable"]
assert (BLANK, IN, OUT) == (0, 1, 2)  # noqa: S101  # the tables above are indexed by these


def grounded(argument_map: ArgumentMap, off: Off) -> Evaluation:
    """Grounded semantics, by the attack numbers when the map is a NumberedMap and nothing is off.

    The evaluator grounded's record registers: every other map, or any ``off``, takes
    ``evaluate_grounded``; both give the same Evaluation.
    """
    if off or not isinstance(argument_map, NumberedMap) or argument_map.numbered is None:
        return evaluate_grounded(argument_map, off)
    return evaluate_numbered(argument_map)


def evaluate_numbered(argument_map: NumberedMap) -> Evaluation:
    """Evaluate a map made from numbers under grounded semantics, nothing switched off."""
    numbered = argument_map.numbered
    if numbered is None:
        return evaluate_grounded(argument_map, Off())
    names, numbers = numbered
    label = _grounded(len(names) + 1, numbers)
    statuses = FrozenMap(zip(names, map(_STATUS.__getitem__, label[1:]), strict=True))
    return Evaluation(
        semantics="grounded",
        off=frozenset(),
        statuses=statuses,
        arguments=_ArgumentStates(argument_map, label),
        explainer=NumberedExplainer(argument_map),
    )


def _grounded(size: int, numbers: Sequence[int]) -> bytearray:
    """Return the grounded labelling of nodes ``0..size-1`` (0 unused), attacks as in ``numbered``.

    ``dung.grounded_labelling`` on ``dung``'s numbered index, without what only explanations and
    unchecked input need: the map vouches for its numbers, and no order is kept. Per node and per
    attack, C-level where Python allows.
    """
    succ: list[list[int]] = [[] for _ in range(size)]
    alive = [0] * size  # attackers not yet OUT
    pairs = iter(numbers)
    for x, y in zip(pairs, pairs, strict=True):  # one loop for both: faster than two C-level passes
        succ[x].append(y)
        alive[y] += 1
    alive[0] = 1  # node 0 is no argument: never labelled IN, so never anyone's attacker
    # IN (1) exactly where nothing attacks, BLANK (0) elsewhere.
    label = bytearray(map(not_, alive))
    queue = list(compress(range(size), label))
    append = queue.append
    out, in_ = OUT, IN  # locals: read once per attack, not looked up as globals
    for x in queue:
        for y in succ[x]:
            if not label[y]:  # BLANK
                label[y] = out
                for z in succ[y]:
                    alive[z] -= 1
                    if not alive[z] and not label[z]:
                        label[z] = in_
                        append(z)
    return label


class _ArgumentStates(FrozenMap[str, str]):
    """Every attack's state, computed on first use: an attack applies exactly when its attacker stands."""

    __slots__ = ("_label", "_map")

    def __init__(self, argument_map: NumberedMap, label: bytearray) -> None:
        self._map: NumberedMap | None = argument_map
        self._label = label
        self._hash = None

    def _states(self) -> dict[str, str]:
        try:
            return self._data
        except AttributeError:
            pass
        argument_map, label = self._map, self._label
        assert argument_map is not None  # noqa: S101  # set until _data is
        attackers = [a for a, _ in argument_map.attack_pairs()]
        self._data = dict(
            zip(
                argument_map.attack_ids(),
                map(_STATE.__getitem__, map(label.__getitem__, attackers)),
                strict=True,
            )
        )
        self._map = None
        return self._data

    def __getitem__(self, key: str) -> str:
        return self._states()[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._states())

    def __len__(self) -> int:
        return len(self._states())

    def keys(self) -> KeysView[str]:
        """Return a view of the argument ids."""
        return self._states().keys()

    def values(self) -> ValuesView[str]:
        """Return a view of the states."""
        return self._states().values()

    def items(self) -> ItemsView[str, str]:
        """Return a view of the (argument id, state) pairs."""
        return self._states().items()

    def __eq__(self, other: object) -> bool:
        self._states()
        return super().__eq__(other)

    def __hash__(self) -> int:
        self._states()
        return super().__hash__()

    def __repr__(self) -> str:
        self._states()
        return super().__repr__()

    def __reduce__(self) -> tuple[Any, ...]:
        return (FrozenMap, (self._states(),))


class NumberedExplainer:
    """Explains a statement of a NumberedMap by the full grounded evaluation, run on first use.

    Picklable: it holds the map, which pickles as numbers, and drops the evaluation.
    """

    def __init__(self, argument_map: NumberedMap) -> None:
        self.argument_map = argument_map
        self._full: Evaluation | None = None

    def __getstate__(self) -> dict[str, Any]:
        return {"argument_map": self.argument_map, "_full": None}

    def __call__(self, statement_id: str) -> Explanation:
        """Return the explanation of the statement with this id."""
        if self._full is None:
            self._full = evaluate_grounded(self.argument_map, Off())
        return self._full.explain(statement_id)
