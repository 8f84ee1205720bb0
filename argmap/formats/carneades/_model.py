"""What the Carneades reader's parts share: the result type, constants and scheme definitions."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

from attrs import define, field

from argmap.errors import Location
from argmap.model import ArgumentMap

__all__ = ["BASIC_WEIGHING", "LABELS", "NO_PREMISES", "STANDARDS", "CarneadesGraph", "Path", "Scheme"]

BASIC_WEIGHING: Final = ("linked", "convergent", "cumulative", "factorized")
"""Carneades' basic weighing functions; as argument schemes they name how an argument weighs."""

NO_PREMISES: Final = "no-premises"
"""The id of the assumed claim given as premise to arguments that have none."""

STANDARDS: Final = {"pe": "pe", "cce": "cce", "brd": "brd", "dv": "dv"}
LABELS: Final = ("in", "out", "undecided")

Path = tuple[str, ...]


@define(frozen=True, kw_only=True)
class CarneadesGraph:
    """A Carneades graph read as a map, with the labels its ``tests:`` block expects."""

    argument_map: ArgumentMap
    expected: tuple[tuple[str, str], ...] = ()
    """``(statement id, "in" | "out" | "undecided")`` in the order the tests list them."""
    skipped: tuple[str, ...] = ()
    """One plain sentence per part of the graph that was not imported, and why."""
    locations: Mapping[str, Location] = field(factory=dict, repr=False)
    """Where each statement, issue and argument id is defined."""


@define
class Scheme:
    """One argument scheme or weighing function, as declared; ``path`` is where it is defined."""

    id: str
    weighing: str = "linked"
    """linked, convergent, cumulative, factorized, constant, preference or criteria."""
    constant: float | None = None
    preference: list[tuple[str, str | None, list[str]]] = field(factory=list)
    """(property, "ascending" | "descending" | None, explicit order weakest first)."""
    meta: dict[str, Any] = field(factory=dict)
    variables: list[str] = field(factory=list)
    premises: list[tuple[str, str]] = field(factory=list)
    """(role, formula) in order; the role is "" when the scheme lists premises without roles."""
    assumptions: list[str] = field(factory=list)
    exceptions: list[str] = field(factory=list)
    conclusions: list[str] = field(factory=list)
    rule_only: list[str] = field(factory=list)
    """The CHR-only parts the scheme uses (deletions, guards): such a scheme is not run."""
    hard: list[int] = field(factory=list)
    soft: dict[str, tuple[float, dict[str, float]]] = field(factory=dict)
    """Criteria weighing: property -> (factor, value -> score in [0, 1])."""
    path: Path = ()
