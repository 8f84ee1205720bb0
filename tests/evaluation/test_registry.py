"""The semantics records, evaluate()'s options, and what critical() tries."""

from __future__ import annotations

import pytest

from argmap.errors import EvaluationError
from argmap.evaluation import (
    CRITICAL_KINDS,
    GRADUAL,
    SEMANTICS,
    Evaluation,
    Semantics,
    Status,
    critical,
    evaluate,
    register,
    semantics,
)
from argmap.evaluation.registry import _RECORDS
from argmap.model import ArgumentMap


def _map() -> ArgumentMap:
    m = ArgumentMap.build("Tea or coffee?")
    m.question("q", "Which should we drink?")
    src = m.source("s", "Kitchen notes")
    m.position("tea", "Tea", answers="q")
    m.position("coffee", "Coffee", answers="q")
    m.claim("calm", "Tea calms.", assumed=True)
    m.evidence("ev-calm", "I always feel calmer after a cup.", source=src, supports="calm")
    m.claim("awake", "Coffee wakes you up.", assumed=True)
    m.pro("calm", "tea", id="a-calm", title="Calm", weight=0.8)
    m.pro("awake", "coffee", id="a-awake", weight=0.4)
    m.line("l-calm", "The calming line", ["a-calm"])
    return m.finish()


def test_records_describe_every_built_in_semantics() -> None:
    """Each built-in semantics has a record; names keep the CLI's order; gradual ones are marked."""
    assert list(SEMANTICS)[:5] == ["grounded", "preferred", "stable", "df-quad", "carneades"]
    assert semantics("df-quad").gradual
    assert not semantics("grounded").gradual
    assert "df-quad" in GRADUAL
    assert "grounded" not in GRADUAL
    assert semantics("preferred").title == "Preferred"


def test_unknown_semantics_and_option_are_clear_errors() -> None:
    """An unknown name suggests the close one; an option a semantics lacks names its options."""
    with pytest.raises(EvaluationError, match=r"'prefered'.*did you mean 'preferred'"):
        semantics("prefered")
    with pytest.raises(EvaluationError, match=r"grounded takes no option 'timeout'"):
        evaluate(_map(), "grounded", timeout=1)
    with pytest.raises(EvaluationError, match=r"unknown mode 'bold'"):
        evaluate(_map(), "preferred", mode="bold")
    with pytest.raises(EvaluationError, match=r"timeout must be a positive number"):
        evaluate(_map(), "stable", timeout=0)


def test_register_adds_a_semantics_that_the_lists_show() -> None:
    """A registered record is found by name, listed in SEMANTICS, and runs through evaluate()."""

    def everything_stands(argument_map: ArgumentMap, off) -> Evaluation:
        statuses = {
            s.id: Status.OFF if s.id in off.statements else Status.IN for s in argument_map.statements
        }
        return Evaluation(semantics="optimist", off=off.ids, statuses=statuses)

    record = Semantics(name="optimist", title="Optimist", gradual=True, evaluator=everything_stands)
    try:
        register(record)
        assert semantics("optimist") is record
        assert "optimist" in SEMANTICS
        assert "optimist" in GRADUAL
        assert evaluate(_map(), "optimist", off="tea").status("tea") is Status.OFF
    finally:
        _RECORDS.pop("optimist", None)
    assert "optimist" not in SEMANTICS
    with pytest.raises(EvaluationError, match="Semantics record"):
        register(everything_stands)  # type: ignore[arg-type]


def test_critical_tries_every_kind_of_part_and_names_it() -> None:
    """Evidence, assumptions, claims, arguments and lines are each switched off and labelled by kind."""
    argument_map = _map()
    assert evaluate(argument_map).verdict.leader == "tea"
    items = critical(argument_map)
    found = {(item.kind, item.id) for item in items}
    assert ("assumption", "calm") in found
    assert ("argument", "a-calm") in found
    assert ("line", "l-calm") in found
    assert ("evidence", "ev-calm") not in found  # calm is assumed: its evidence changes nothing
    by_id = {item.id: item for item in items}
    assert by_id["a-calm"].label == "Calm"
    assert by_id["l-calm"].label == "The calming line"
    assert by_id["a-calm"].evidence_id == "a-calm"
    assert by_id["a-calm"].changes_leader
    assert by_id["a-calm"].text.startswith("Switching off argument a-calm: the leading position changes")
    assert [item.kind for item in critical(argument_map, kinds=("line",))] == ["line"]
    with pytest.raises(EvaluationError, match="unknown kind of part 'lines'"):
        critical(argument_map, kinds=("lines",))
    assert set(CRITICAL_KINDS) == {"evidence", "assumption", "claim", "argument", "line"}


def test_critical_under_preferred_passes_options_on() -> None:
    """Options such as mode reach every evaluation critical() runs."""
    items = critical(_map(), "preferred", mode="credulous", kinds=("argument",))
    assert [item.id for item in items][:1] == ["a-calm"]
