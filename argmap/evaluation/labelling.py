"""The results of evaluation: statuses, explanations, verdicts; frozen and compared by value.

Nothing here computes anything: the semantics modules (``grounded_map``, ``preferred``,
``carneades``, ``dfquad``) fill these classes in. Rendering and the widgets read them.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, ItemsView, Iterable, Iterator, KeysView, Mapping, ValuesView
from typing import Any, Final, TypeVar

from attrs import define, field

from argmap._text import suggest
from argmap.errors import EvaluationError

__all__ = [
    "ARGUMENT_STATES",
    "CRITICAL_KINDS",
    "NOTHING_SUPPORTS",
    "CriticalItem",
    "Evaluation",
    "Explanation",
    "FrozenMap",
    "PositionVerdict",
    "Reason",
    "Status",
    "Verdict",
]

ARGUMENT_STATES: Final = ("applicable", "inapplicable", "undecided")
"""What an argument can be: its premises hold and nothing undercuts or outweighs it, it fails, or neither."""
NOTHING_SUPPORTS: Final = "nothing supports it (mark it assumed if the map takes it as given)"
"""Why a claim or position that is not assumed and that no argument supports falls (rule 3)."""

_K = TypeVar("_K")
_V = TypeVar("_V")


class Status(enum.StrEnum):
    """A statement's status; the values are used verbatim in JSON and CSS classes."""

    IN = "in"
    """It stands."""
    OUT = "out"
    """It falls."""
    UNDECIDED = "undecided"
    """It is open: neither stands nor falls."""
    OFF = "off"
    """It was switched off: absent from this evaluation."""

    @property
    def reading(self) -> str:
        """Return the word a student reads: stands, falls, open or switched off."""
        return _READINGS[self]


_READINGS: Final = {
    Status.IN: "stands",
    Status.OUT: "falls",
    Status.UNDECIDED: "open",
    Status.OFF: "switched off",
}


class FrozenMap(Mapping[_K, _V]):
    """A read-only mapping that keeps insertion order, hashes, and compares like a dict.

    >>> FrozenMap({"a": 1}) == {"a": 1}
    True
    """

    __slots__ = ("_data", "_hash")

    def __init__(self, data: Mapping[_K, _V] | Iterable[tuple[_K, _V]] = ()) -> None:
        self._data: dict[_K, _V] = dict(data)
        self._hash: int | None = None

    def __getitem__(self, key: _K) -> _V:
        return self._data[key]

    def __iter__(self) -> Iterator[_K]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)

    # The dict's own (read-only) views: iterating them runs in C, not item by item through
    # __getitem__ (the explorer diffs 5,000 statuses per toggle: 1.5 ms less).
    def keys(self) -> KeysView[_K]:
        """Return a view of the keys."""
        return self._data.keys()

    def values(self) -> ValuesView[_V]:
        """Return a view of the values."""
        return self._data.values()

    def items(self) -> ItemsView[_K, _V]:
        """Return a view of the (key, value) pairs."""
        return self._data.items()

    def __eq__(self, other: object) -> bool:
        if isinstance(other, FrozenMap):
            return self._data == other._data
        if isinstance(other, Mapping):
            return self._data == dict(other)
        return NotImplemented

    def __hash__(self) -> int:
        if self._hash is None:
            self._hash = hash(frozenset(self._data.items()))
        return self._hash

    def __repr__(self) -> str:
        return f"FrozenMap({self._data!r})"


def _frozen_ids(value: Iterable[str]) -> frozenset[str]:
    return frozenset(value)


def _frozen_map(value: Mapping[Any, Any] | Iterable[tuple[Any, Any]]) -> FrozenMap[Any, Any]:
    return value if isinstance(value, FrozenMap) else FrozenMap(value)


@define(frozen=True, kw_only=True)
class Reason:
    """One thing that decided a status: an argument and the statements it turned on.

    ``kind`` is one of: ``off`` (switched off), ``given`` (needs no support, nothing against it),
    ``support`` (an argument for it applies), ``no-support`` (no argument for it applies),
    ``rebuttal`` (an argument against it, or for a competing position), ``alternative`` (a
    competing position of the same question), ``premise`` (a premise of an argument decided it),
    ``undercut`` (an undercutter decided it), ``extension`` (membership in preferred/stable
    labellings), ``strength`` (a gradual strength and what moved it).
    """

    kind: str
    text: str
    """The reason as one plain-English clause."""
    argument: str | None = None
    """The argument this reason is about, if any."""
    argument_status: str | None = None
    """That argument's state: applicable, inapplicable or undecided."""
    statements: tuple[str, ...] = ()
    """The statements this reason turns on (premises, undercutters, the arguments' conclusions)."""


@define(frozen=True, kw_only=True)
class Explanation:
    """Why a statement has its status: the reasons, and the explanations they rest on.

    ``str(explanation)`` is the plain-English rendering, indented by depth.
    """

    id: str
    label: str
    """The statement's text as a map shows it."""
    status: Status
    semantics: str
    summary: str
    """One sentence: the status and its main reason."""
    reasons: tuple[Reason, ...] = ()
    strength: float | None = None
    because: tuple[Explanation, ...] = ()
    """Explanations of the statements the reasons turn on, in the order first mentioned."""

    def lines(self, depth: int = 0) -> list[str]:
        """Return the rendering as lines, indented two spaces per level."""
        pad = "  " * depth
        out = [f"{pad}{self.summary}"]
        out += [f"{pad}  - {reason.text}" for reason in self.reasons]
        for child in self.because:
            out += child.lines(depth + 1)
        return out

    def __str__(self) -> str:
        return "\n".join(self.lines())

    def to_data(self) -> dict[str, Any]:
        """Return the explanation as JSON-ready data."""
        return {
            "id": self.id,
            "status": self.status.value,
            "strength": self.strength,
            "summary": self.summary,
            "reasons": [
                {
                    "kind": r.kind,
                    "text": r.text,
                    "argument": r.argument,
                    "argument_status": r.argument_status,
                    "statements": list(r.statements),
                }
                for r in self.reasons
            ],
            "because": [child.to_data() for child in self.because],
        }


@define(frozen=True, kw_only=True)
class PositionVerdict:
    """One position's standing in a verdict."""

    id: str
    status: Status
    strength: float | None = None


@define(frozen=True, kw_only=True)
class Verdict:
    """The answer a map gives to one question: each position's standing and which one leads."""

    question: str | None
    positions: tuple[PositionVerdict, ...]
    leader: str | None
    """The position that leads, or None when none does (tie, several stand, none stands)."""
    text: str
    """One sentence for a student."""

    def to_data(self) -> dict[str, Any]:
        """Return the verdict as JSON-ready data."""
        return {
            "question": self.question,
            "positions": [
                {"id": p.id, "status": p.status.value, "strength": p.strength} for p in self.positions
            ],
            "leader": self.leader,
            "text": self.text,
        }


CRITICAL_KINDS: Final = ("evidence", "assumption", "claim", "argument", "line")
"""The kinds of part ``critical()`` switches off, in the order it tries them."""


@define(frozen=True, kw_only=True)
class CriticalItem:
    """A part of the map whose switching off alone changes the verdict, or how much it moves it.

    ``kind`` is one of ``CRITICAL_KINDS``; ``changes`` lists the positions whose status changes
    when ``id`` is switched off; ``delta`` is, under gradual semantics, the largest signed change
    of a position's strength.
    """

    id: str
    kind: str
    """evidence, assumption, claim, argument or line."""
    label: str
    """The part as a reader knows it: a statement's text, an argument's or a line's title."""
    changes: tuple[str, ...]
    delta: float | None
    leader_before: str | None = None
    leader_after: str | None = None
    text: str = ""
    """One sentence: what switching it off does."""

    @property
    def evidence_id(self) -> str:
        """Return ``id`` (the name from when only evidence was tried)."""
        return self.id

    @property
    def changes_leader(self) -> bool:
        """Return whether switching the evidence off changes which position leads."""
        return self.leader_before != self.leader_after


def _explain_nothing(statement_id: str) -> Explanation:
    raise EvaluationError(f"explain: no explanation available for {statement_id!r}")


@define(frozen=True, kw_only=True)
class Evaluation:
    """A map evaluated under one semantics with some statements switched off.

    Compares and hashes by value: ``semantics``, ``off``, ``statuses`` and ``strengths``.
    """

    semantics: str
    off: frozenset[str] = field(converter=_frozen_ids)
    statuses: Mapping[str, Status] = field(converter=_frozen_map)
    """Every statement id, in declaration order, to its status (OFF for switched-off ids)."""
    strengths: Mapping[str, float] = field(factory=FrozenMap, converter=_frozen_map)
    """Every statement id to its strength in [0, 1] under gradual semantics; empty otherwise."""
    arguments: Mapping[str, str] = field(factory=FrozenMap, converter=_frozen_map, eq=False)
    """Every argument id to ``applicable``, ``inapplicable`` or ``undecided``."""
    verdicts: tuple[Verdict, ...] = field(default=(), eq=False)
    """One verdict per question, in declaration order."""
    converged: bool = field(default=True, eq=False)
    """False when an iterative semantics stopped at its iteration cap (cycles)."""
    notes: tuple[str, ...] = field(default=(), eq=False)
    """Plain remarks about the evaluation, e.g. "no stable extension"."""
    mode: str = field(default="sceptical", eq=False)
    """How preferred/stable labellings are read: ``sceptical`` (the default) or ``credulous``."""
    extensions: int | None = field(default=None, eq=False)
    """Under preferred and stable: how many labellings (extensions) there are; None otherwise."""
    explainer: Callable[[str], Explanation] | None = field(default=None, eq=False, repr=False)
    """Explains a statement; picklable (an object, not a closure). None: the semantics' record does."""

    @property
    def verdict(self) -> Verdict:
        """Return the verdict on the first question (or on all positions if there is none)."""
        if self.verdicts:
            return self.verdicts[0]
        return Verdict(question=None, positions=(), leader=None, text="The map has no positions to weigh.")

    def _check(self, statement_id: str) -> None:
        if statement_id not in self.statuses:
            hint = suggest(statement_id, self.statuses) or " (use a statement id of this map)"
            raise EvaluationError(f"evaluation: no statement {statement_id!r}{hint}")

    def status(self, statement_id: str) -> Status:
        """Return a statement's status; EvaluationError for an unknown id."""
        self._check(statement_id)
        return self.statuses[statement_id]

    def strength(self, statement_id: str) -> float | None:
        """Return a statement's strength under gradual semantics, None under the others."""
        self._check(statement_id)
        return self.strengths.get(statement_id)

    def explain(self, statement_id: str) -> Explanation:
        """Return why a statement has its status; ``str()`` of the result reads as plain English."""
        self._check(statement_id)
        if self.explainer is not None:
            return self.explainer(statement_id)
        from argmap.evaluation.registry import semantics  # noqa: PLC0415  # the registry imports this module

        record = semantics(self.semantics)
        if record.explainer is None:
            return _explain_nothing(statement_id)
        return record.explainer(self, statement_id)

    def to_data(self) -> dict[str, Any]:
        """Return the evaluation in the CLI's ``--json`` shape."""
        strengths = self.strengths
        return {
            "semantics": self.semantics,
            "off": sorted(self.off),
            "statements": {
                sid: {"status": status.value, "strength": strengths.get(sid)}
                for sid, status in self.statuses.items()
            },
            "verdict": self.verdict.to_data(),
        }
