"""NumberedMap: a map of an abstract framework, kept as names and attack numbers until its parts are needed.

An ICCMA file of 10^5 arguments read as claims and con arguments costs far more to build than
to evaluate. A ``NumberedMap`` holds the names and the attacks by number (attacker and target
alternating, arguments numbered from 1) and is an ``ArgumentMap`` in every other way: the first
use of ``statements``, ``arguments`` or a lookup builds the claims (all ``assumed``: a Dung
argument stands unless attacked) and the con arguments, exactly as the eager map would have
them. Grounded evaluation reads the numbers directly (``argmap.evaluation.numbered``).

>>> m = NumberedMap.from_numbers("t", ["a", "b"], [1, 2, 1, 2], dialect="apx")
>>> m.description
'Abstract argumentation framework (apx): 2 arguments, 1 attacks.'
>>> [(x.id, x.premises, x.conclusion, x.stance) for x in m.arguments]
[('a->b', ('a',), 'b', 'con')]
>>> m == ArgumentMap(title="t", description=m.description, statements=m.statements, arguments=m.arguments)
True
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from itertools import repeat
from typing import Any, Final

from argmap.model._bulk import trusted
from argmap.model.argument_map import ArgumentMap
from argmap.model.arguments import Argument
from argmap.model.statements import Claim

__all__ = ["SEPARATOR", "NumberedMap", "attack_prefix"]

SEPARATOR: Final = "->"
"""Joins attacker and target in an attack's id: ``a->b``."""

_UNSET: Final[Any] = None
_ASSUMED: Final = True  # a Dung argument stands unless attacked


def attack_prefix(names: Iterable[str]) -> str:
    """Return ``attack-`` with as many dashes as it takes for no name to start with it."""
    names = list(names)
    prefix = "attack-"
    while any(name.startswith(prefix) for name in names):
        prefix += "-"
    return prefix


def _slot(name: str) -> Any:
    return ArgumentMap.__dict__[name]


class NumberedMap(ArgumentMap):
    """An abstract framework as a map of assumed claims and con arguments, built on first use.

    ``from_numbers`` makes one; ``numbered`` gives its names and attack numbers (None for a
    NumberedMap made some other way, e.g. by ``attrs.evolve``, which holds its parts already).
    Equal to, and hashing like, the ``ArgumentMap`` of the same parts; pickles without building
    them.
    """

    __slots__ = ("_dialect", "_labels", "_names", "_numbers", "_pairs")
    _dialect: str
    _labels: tuple[str, ...] | None
    _names: tuple[str, ...]
    _numbers: Sequence[int]
    _pairs: list[tuple[int, int]] | None

    @classmethod
    def from_numbers(
        cls,
        title: str,
        names: Sequence[str],
        numbers: Sequence[int],
        *,
        dialect: str,
        labels: Sequence[str] | None = None,
    ) -> NumberedMap:
        """Return the map of arguments ``names`` (numbered 1..N) and attacks ``numbers``.

        The caller vouches for the values: names distinct, non-empty, free of whitespace;
        numbers in 1..N, attacker and target alternating. ``labels`` are the claims' texts
        (the names when None). A repeated attack is one con argument.
        """
        self = object.__new__(cls)
        put = object.__setattr__
        for name, value in (
            ("title", title),
            ("sources", ()),
            ("lines", ()),
            ("extensions", {}),
            ("origin", None),
            ("_source_index", {}),
            ("_line_index", {}),
            ("_derived", {}),
        ):
            _slot(name).__set__(self, value)
        put(self, "_names", tuple(names))
        put(self, "_labels", None if labels is None else tuple(labels))
        put(self, "_numbers", numbers)
        put(self, "_dialect", dialect)
        put(self, "_pairs", _UNSET)
        return self

    @property
    def numbered(self) -> tuple[tuple[str, ...], Sequence[int]] | None:
        """Return the names and the attack numbers, or None when the map was not made from them."""
        try:
            return self._names, self._numbers
        except AttributeError:
            return None

    def attack_pairs(self) -> list[tuple[int, int]]:
        """Return the distinct attacks as (attacker, target) numbers, in order of first statement."""
        pairs: list[tuple[int, int]] | None = self._pairs
        if pairs is None:
            numbers = self._numbers
            pairs = list(dict.fromkeys(zip(numbers[0::2], numbers[1::2], strict=True)))
            object.__setattr__(self, "_pairs", pairs)
        return pairs

    def attack_ids(self) -> list[str]:
        """Return the con arguments' ids in the order of ``attack_pairs``.

        ``a->b``; when a name holds the separator (``a->b`` would be ambiguous, or clash with a
        claim), the attacks are numbered in order with a prefix no claim's id starts with.
        """
        names = self._names
        pairs = self.attack_pairs()
        if any(SEPARATOR in name for name in names):
            prefix = attack_prefix(names)
            return [f"{prefix}{k}" for k in range(1, len(pairs) + 1)]
        name = ("", *names).__getitem__
        return [f"{name(a)}{SEPARATOR}{name(b)}" for a, b in pairs]

    def _materialize(self) -> None:
        names = self._names
        labels = names if self._labels is None else self._labels
        statements = trusted(Claim, ("id", "text", "assumed"), zip(names, labels, repeat(_ASSUMED)))
        name = ("", *names).__getitem__
        pairs = self.attack_pairs()
        con = trusted(
            Argument,
            ("id", "conclusion", "premises", "stance"),
            zip(
                self.attack_ids(),
                [name(b) for _, b in pairs],
                [(name(a),) for a, _ in pairs],
                repeat("con"),
                strict=False,
            ),
        )
        _slot("statements").__set__(self, tuple(statements))
        _slot("arguments").__set__(self, tuple(con))
        ArgumentMap.__attrs_post_init__(self)

    def _describe(self) -> str:
        return (
            f"Abstract argumentation framework ({self._dialect}): {len(self._names)} arguments,"
            f" {len(self.attack_pairs())} attacks."
        )

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, ArgumentMap):
            return NotImplemented
        return _value(self) == _value(other)

    __hash__ = ArgumentMap.__hash__

    def __reduce__(self) -> tuple[Any, ...]:
        numbered = self.numbered
        if numbered is None:
            return (_rebuild, (type(self), _fields(self)))
        return (
            _restore,
            (type(self), (self.title, self._names, self._labels, list(self._numbers), self._dialect)),
        )


def _value(argument_map: ArgumentMap) -> tuple[Any, ...]:
    return (
        argument_map.title,
        argument_map.description,
        argument_map.sources,
        argument_map.statements,
        argument_map.arguments,
        argument_map.lines,
        argument_map.extensions,
    )


def _fields(argument_map: ArgumentMap) -> dict[str, Any]:
    return {
        "title": argument_map.title,
        "description": argument_map.description,
        "sources": argument_map.sources,
        "statements": argument_map.statements,
        "arguments": argument_map.arguments,
        "lines": argument_map.lines,
        "extensions": argument_map.extensions,
        "origin": argument_map.origin,
    }


def _rebuild(cls: type[NumberedMap], fields: dict[str, Any]) -> NumberedMap:
    return cls(**fields)


def _restore(
    cls: type[NumberedMap],
    state: tuple[str, tuple[str, ...], tuple[str, ...] | None, list[int], str],
) -> NumberedMap:
    title, names, labels, numbers, dialect = state
    return cls.from_numbers(title, names, numbers, dialect=dialect, labels=labels)


def _lazy(name: str, fill: Callable[[NumberedMap], None]) -> property:
    """Return a property that reads the base class's slot ``name``, filling it first when unset."""
    slot = _slot(name)

    def get(self: NumberedMap) -> Any:
        try:
            return slot.__get__(self, ArgumentMap)
        except AttributeError:
            fill(self)
            return slot.__get__(self, ArgumentMap)

    def put(self: NumberedMap, value: Any) -> None:
        slot.__set__(self, value)

    return property(get, put, doc=f"The map's ``{name}``, built on first use.")


def _fill_description(argument_map: NumberedMap) -> None:
    _slot("description").__set__(argument_map, argument_map._describe())  # noqa: SLF001


# After the class body: properties over the base class's slots (mypy sees the base's attributes).
for _name in ("statements", "arguments", "_statement_index", "_argument_index", "_pro", "_con"):
    setattr(NumberedMap, _name, _lazy(_name, NumberedMap._materialize))  # noqa: SLF001
setattr(NumberedMap, "description", _lazy("description", _fill_description))  # noqa: B010
