"""Frameworks given by argument number (the fast ICCMA path): same extensions, clear errors, GC restored."""

from __future__ import annotations

import gc
from dataclasses import dataclass

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.errors import EvaluationError
from argmap.evaluation import NamedFramework, extensions, grounded


@dataclass(frozen=True)
class Numbered:
    """A framework in the numbered shape: names, and attacks as 1-based numbers, alternating."""

    arguments: tuple[str, ...]
    attack_numbers: tuple[int, ...]


@st.composite
def numbered_frameworks(draw: st.DrawFn) -> tuple[Numbered, NamedFramework]:
    """Draw a small framework (self-attacks and repeated attacks included) in both shapes."""
    n = draw(st.integers(min_value=0, max_value=7))
    names: tuple[str, ...] = tuple(f"a{i}" for i in range(n))
    pairs = draw(st.lists(st.tuples(st.integers(1, n), st.integers(1, n)), max_size=16)) if n else []
    numbers = tuple(k for pair in pairs for k in pair)
    named = [(names[x - 1], names[y - 1]) for x, y in pairs]
    return Numbered(names, numbers), NamedFramework(arguments=list(names), attacks=named)


@settings(max_examples=200)
@given(numbered_frameworks())
def test_numbered_and_named_frameworks_have_the_same_extensions(
    pair: tuple[Numbered, NamedFramework],
) -> None:
    """Grounded, preferred and stable come out the same whether attacks are given by number or by name."""
    numbered, named = pair
    assert grounded(numbered) == grounded(named)
    for semantics in ("grounded", "preferred", "stable"):
        assert extensions(numbered, semantics) == extensions(named, semantics)


def test_no_placeholder_in_any_extension() -> None:
    """The unnumbered slot 0 used internally never shows up as an argument."""
    af = Numbered(("a", "b"), (1, 2, 2, 1))
    assert extensions(af, "preferred") == (frozenset({"a"}), frozenset({"b"}))
    assert extensions(af, "stable") == (frozenset({"a"}), frozenset({"b"}))
    assert grounded(Numbered(("a",), ())) == frozenset({"a"})


def test_the_placeholder_is_not_counted_as_an_argument() -> None:
    """The time-out message counts the framework's arguments, not the internal slot 0."""
    names = tuple(f"a{i}" for i in range(24))
    numbers = tuple(k for i in range(1, 25) for k in (i, i + 1 if i % 2 else i - 1))  # 12 two-cycles
    with pytest.raises(EvaluationError, match=r"for 24 arguments \("):
        extensions(Numbered(names, numbers), "preferred", timeout=1e-9)


@pytest.mark.parametrize(
    "numbers",
    [(0, 1), (1, 0), (-1, 1), (1, 3), (3, 1), (1,), (1, 2, 2)],
    ids=["zero-attacker", "zero-target", "negative", "target-past-end", "attacker-past-end", "odd", "odd-3"],
)
def test_bad_attack_numbers_are_an_error(numbers: tuple[int, ...]) -> None:
    """A number outside 1..N, or an attacker without a target, raises EvaluationError naming the range."""
    with pytest.raises(EvaluationError, match=r"attack_numbers .* 1\.\.2 "):
        grounded(Numbered(("a", "b"), numbers))


@pytest.mark.parametrize("enabled", [True, False])
def test_evaluation_leaves_the_collector_alone(enabled: bool) -> None:
    """Evaluating never switches the process-wide garbage collector on or off."""
    was = gc.isenabled()
    try:
        gc.enable() if enabled else gc.disable()
        grounded(Numbered(("a", "b"), (1, 2)))
        assert gc.isenabled() is enabled
    finally:
        gc.enable() if was else gc.disable()
