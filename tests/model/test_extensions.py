"""ArgumentMap.extensions: data other formats hold, kept whole by the native formats."""

from __future__ import annotations

import pickle
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import argmap
from argmap.errors import ArgmapError
from argmap.formats import dumps, loads
from argmap.model import ArgumentMap

_scalars = st.none() | st.booleans() | st.integers(-(2**53), 2**53) | st.text(max_size=12)
_json = st.recursive(
    _scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=20,
)


def _small() -> ArgumentMap:
    m = ArgumentMap.build("Tea or coffee?")
    m.question("q", "Which should we drink?")
    m.position("tea", "Tea")
    return m.finish()


@given(st.dictionaries(st.sampled_from(["aif", "sadface", "x"]), _json, max_size=3))
@pytest.mark.parametrize("fmt", ["yaml", "json"])
def test_native_formats_keep_extensions_exactly(fmt: str, extensions: dict[str, Any]) -> None:
    """YAML and JSON give back every extension value, types included."""
    argument_map = attrs.evolve(_small(), extensions=extensions)
    back = loads(dumps(argument_map, format=fmt), format=fmt)
    assert back.extensions == extensions
    assert back == argument_map


def test_extensions_take_part_in_equality_not_in_hash() -> None:
    """Two maps differing only in extensions differ, yet hash alike (dicts are not hashable)."""
    plain = _small()
    extended = attrs.evolve(plain, extensions={"aif": {"nodes": [1]}})
    assert plain != extended
    assert hash(plain) == hash(extended)
    assert pickle.loads(pickle.dumps(extended)) == extended  # noqa: S301  # our own object


@pytest.mark.parametrize(
    ("extensions", "words"),
    [
        ({"aif": {1: "x"}}, "keys are strings"),
        ({"aif": [object()]}, "not JSON data"),
        ({2: {}}, "format names are strings"),
    ],
)
def test_non_json_extensions_are_refused_with_the_place(extensions: dict[Any, Any], words: str) -> None:
    """Anything JSON cannot hold is refused, naming where it sits."""
    with pytest.raises(ArgmapError, match=words):
        attrs.evolve(_small(), extensions=extensions)


def test_extensions_that_are_not_a_mapping_are_located_in_the_file() -> None:
    """A list where the mapping belongs is reported at its line."""
    text = "argmap: 1\ntitle: T\nextensions: [1, 2]\n"
    with pytest.raises(argmap.InvalidMapError, match="extensions must be a mapping") as caught:
        loads(text, format="yaml")
    assert ":3:" in str(caught.value)


def test_deep_extensions_do_not_exhaust_the_stack() -> None:
    """Checking 5,000 nested lists needs no recursion."""
    deep: Any = "leaf"
    for _ in range(5000):
        deep = [deep]
    argument_map = attrs.evolve(_small(), extensions={"x": deep})
    assert argument_map.extensions["x"][0][0][0]
