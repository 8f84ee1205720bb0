"""One record per semantics: its name, title, whether it is gradual, and the functions behind it.

``register(record)`` adds or replaces a semantics; ``semantics(name)`` returns its record;
``SEMANTICS`` lists the registered names in the order they were first registered (the order the
CLI and the explorer offer them); ``GRADUAL`` is the set of names whose records say ``gradual``.
Both read the registry as it is now, so a semantics registered later shows up in them.

>>> semantics("grounded").gradual
False
>>> "grounded" in SEMANTICS
True
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from collections.abc import Set as AbstractSet
from typing import TYPE_CHECKING, Any, overload

from attrs import define, field

from argmap._text import suggest
from argmap.errors import EvaluationError

if TYPE_CHECKING:
    from argmap.evaluation.labelling import Evaluation, Explanation
    from argmap.model import ArgumentMap
    from argmap.model.off import Off

__all__ = ["GRADUAL", "SEMANTICS", "Evaluator", "Semantics", "register", "semantics"]

Evaluator = Callable[..., "Evaluation"]
"""``evaluator(argument_map, off, **options) -> Evaluation``; ``off`` is a checked ``Off``."""


@define(frozen=True, kw_only=True)
class Semantics:
    """A semantics as the rest of argmap sees it.

    ``evaluator(argument_map, off, **options)`` computes an Evaluation; ``off`` arrives checked
    (``argmap.model.off.Off``: statements and arguments switched off, lines expanded), and
    ``options`` only holds names listed in ``options``. ``explainer(evaluation, statement_id)``
    explains a statement of an evaluation that carries no explainer of its own (None: every
    evaluation of this semantics carries one).
    """

    name: str
    title: str
    """How a reader names it, e.g. "Grounded (sceptical)"."""
    gradual: bool
    """Whether it gives strengths in [0, 1] (the explorer draws strength bars) besides statuses."""
    evaluator: Evaluator = field(eq=False)
    explainer: Callable[[Evaluation, str], Explanation] | None = field(default=None, eq=False)
    options: frozenset[str] = frozenset()
    """The keyword options ``evaluate()`` passes on, e.g. ``timeout`` and ``mode``."""
    description: str = ""
    """One paragraph for the help text: what the semantics reads a map as."""

    def evaluate(self, argument_map: ArgumentMap, off: Off, **options: Any) -> Evaluation:
        """Run the evaluator; an option this semantics does not take raises EvaluationError."""
        unknown = sorted(set(options) - self.options)
        if unknown:
            takes = ", ".join(sorted(self.options)) or "none"
            raise EvaluationError(
                f"evaluate: {self.name} takes no option {unknown[0]!r} (its options: {takes})"
            )
        return self.evaluator(argument_map, off, **options)


_RECORDS: dict[str, Semantics] = {}


def register(record: Semantics) -> None:
    """Add a semantics, or replace the one registered under the same name (keeping its place)."""
    if not isinstance(record, Semantics):
        raise EvaluationError(
            f"register: expected a Semantics record, got {type(record).__name__}"
            " (build one with Semantics(name=..., title=..., gradual=..., evaluator=...))"
        )
    _RECORDS[record.name] = record


def semantics(name: str) -> Semantics:
    """Return the record of a registered semantics; EvaluationError names the known ones."""
    try:
        return _RECORDS[name]
    except (KeyError, TypeError):
        known = ", ".join(_RECORDS)
        raise EvaluationError(
            f"unknown semantics: {name!r}{suggest(name, _RECORDS)} (use one of {known})"
        ) from None


class _Names(Sequence[str]):
    """The registered names, in order, read live from the registry."""

    __slots__ = ()

    @overload
    def __getitem__(self, index: int) -> str: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[str]: ...
    def __getitem__(self, index: int | slice) -> str | Sequence[str]:
        return tuple(_RECORDS)[index]

    def __len__(self) -> int:
        return len(_RECORDS)

    def __contains__(self, name: object) -> bool:
        return name in _RECORDS

    def __iter__(self) -> Iterator[str]:
        return iter(tuple(_RECORDS))

    def __repr__(self) -> str:
        return repr(tuple(_RECORDS))


class _Gradual(AbstractSet[str]):
    """The names of the registered gradual semantics, read live from the registry."""

    __slots__ = ()

    def __contains__(self, name: object) -> bool:
        record = _RECORDS.get(name) if isinstance(name, str) else None
        return record is not None and record.gradual

    def __iter__(self) -> Iterator[str]:
        return iter([name for name, record in _RECORDS.items() if record.gradual])

    def __len__(self) -> int:
        return sum(record.gradual for record in _RECORDS.values())

    def __repr__(self) -> str:
        return repr(frozenset(self))


SEMANTICS: Sequence[str] = _Names()
"""The registered semantics' names, in the order the CLI and widgets list them."""

GRADUAL: AbstractSet[str] = _Gradual()
"""The names of the semantics that give strengths."""
