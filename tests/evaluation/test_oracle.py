"""grounded, preferred and stable against a brute-force oracle written from docs/semantics.md."""

from __future__ import annotations

import pickle

from evaluation_oracle import Oracle
from evaluation_strategies import evaluation_maps, off_sets
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.evaluation import evaluate


def _observed(argument_map, semantics: str, off, mode: str = "sceptical") -> dict[str, str]:
    options = {} if semantics == "grounded" else {"mode": mode, "timeout": None}
    ev = evaluate(argument_map, semantics, off=off, **options)
    return {k: v.value for k, v in ev.statuses.items()} | dict(ev.arguments)


@settings(max_examples=120)
@given(data=st.data())
def test_every_semantics_agrees_with_the_oracle(data: st.DataObject) -> None:
    """Statuses and argument states equal the oracle's on random small maps.

    The maps have weights, linked premises, undercutters, support cycles, competing positions,
    and off of every kind.
    """
    argument_map = data.draw(evaluation_maps(max_statements=5, max_arguments=6))
    off = data.draw(off_sets(argument_map))
    oracle = Oracle(argument_map, off)
    for semantics in ("grounded", "preferred", "stable"):
        assert _observed(argument_map, semantics, off) == oracle.statuses(semantics), semantics
    for semantics in ("preferred", "stable"):
        credulous = _observed(argument_map, semantics, off, "credulous")
        assert credulous == oracle.statuses(semantics, "credulous"), semantics


@settings(max_examples=40)
@given(data=st.data())
def test_results_pickle(data: st.DataObject) -> None:
    """Every evaluation, explainer included, survives pickling and explains alike afterwards."""
    argument_map = data.draw(evaluation_maps(max_statements=5, max_arguments=6))
    for semantics in ("grounded", "preferred", "stable"):
        ev = evaluate(argument_map, semantics)
        copy = pickle.loads(pickle.dumps(ev))  # noqa: S301  # our own object, just made
        assert copy == ev
        for sid in ev.statuses:
            assert copy.explain(sid) == ev.explain(sid)
