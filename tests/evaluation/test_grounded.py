"""Grounded semantics: each rule by hand, then properties over generated maps."""

from __future__ import annotations

import random

import pytest
from evaluation_strategies import evaluation_maps, reordered
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.errors import EvaluationError
from argmap.evaluation import Evaluation, Status, evaluate
from argmap.model import ArgumentMap, Evidence

IN, OUT, UNDEC, OFF = Status.IN, Status.OUT, Status.UNDECIDED, Status.OFF


def _statuses(ev: Evaluation, *ids: str) -> list[Status]:
    return [ev.status(i) for i in ids]


@pytest.fixture
def alliance() -> ArgumentMap:
    """A small alliance map: support, a linked rebuttal, an undercutter."""
    m = ArgumentMap.build("Alliance or not?")
    m.question("q", "Is it an alliance?")
    yes = m.position("yes", "A de facto alliance")
    no = m.position("no", "A partnership with limits")
    src = m.source("pham", "The article")
    threats = m.claim("c-threats", "They share threats", supports=yes)
    m.evidence("ev-storey", "shared threat perceptions", source=src, supports=threats)
    no_arms = m.claim("c-no-arms", "No arms")
    sanctions = m.claim("c-sanctions", "Sanctions deter")
    m.evidence("ev-kashin", "no arms", source=src, supports=no_arms)
    m.evidence("ev-warning", "severe sanctions", source=src, supports=sanctions)
    m.con([no_arms, sanctions], yes, id="a-no-arms")
    m.pro([no_arms], no, id="a-limits")
    exceed = m.claim("c-exceed", "Relations exceed an alliance")
    m.evidence("ev-statement", "exceed an alliance", source=src, supports=exceed)
    m.undercut(exceed, "a-limits")
    return m.finish()


def test_evidence_is_in_and_off_is_off(alliance: ArgumentMap) -> None:
    """Switched-on evidence stands as given; switched-off evidence has status off."""
    ev = evaluate(alliance, off={"ev-kashin"})
    assert ev.status("ev-storey") is IN
    assert ev.status("ev-kashin") is OFF
    assert ev.off == frozenset({"ev-kashin"})


def test_supported_claim_falls_without_standing_support(alliance: ArgumentMap) -> None:
    """A claim whose last evidence is off falls: no standing support."""
    assert evaluate(alliance).status("c-no-arms") is IN
    ev = evaluate(alliance, off={"ev-kashin"})
    assert ev.status("c-no-arms") is OUT
    assert ev.explain("c-no-arms").summary == "c-no-arms falls: no argument for it applies."
    assert ev.arguments["ev-kashin.pro.c-no-arms"] == "inapplicable"


def test_applicable_rebuttal_defeats_and_linked_premises_need_all(alliance: ArgumentMap) -> None:
    """A con argument applies only when all linked premises stand; then its conclusion falls."""
    ev = evaluate(alliance)
    assert ev.arguments["a-no-arms"] == "applicable"
    assert ev.status("yes") is OUT
    ev = evaluate(alliance, off={"ev-warning"})
    assert ev.status("c-sanctions") is OUT
    assert ev.arguments["a-no-arms"] == "inapplicable"
    assert ev.status("yes") is IN


def test_undercutter_in_makes_argument_inapplicable(alliance: ArgumentMap) -> None:
    """An undercutter that stands blocks the argument; switched off, the argument applies again."""
    ev = evaluate(alliance)
    assert ev.arguments["a-limits"] == "inapplicable"
    assert ev.status("no") is OUT
    ev = evaluate(alliance, off={"ev-statement"})
    assert ev.arguments["a-limits"] == "applicable"
    assert ev.status("no") is IN


def test_off_may_name_a_claim_and_it_counts_as_absent(alliance: ArgumentMap) -> None:
    """Switching a claim off rejects it outright: it is off, and arguments resting on it fail."""
    ev = evaluate(alliance, off=["c-no-arms"])
    assert _statuses(ev, "c-no-arms", "yes") == [OFF, IN]
    assert ev.arguments["a-no-arms"] == "inapplicable"


def test_unknown_off_id_is_an_error_with_a_close_match(alliance: ArgumentMap) -> None:
    """An id in off that the map lacks raises EvaluationError naming it and a close match."""
    with pytest.raises(EvaluationError, match=r"'ev-kashn'.*did you mean 'ev-kashin'"):
        evaluate(alliance, off={"ev-kashn"})
    with pytest.raises(EvaluationError, match="a-no-arms"):
        evaluate(alliance, off={"a-no-arms"})  # an argument, not a statement


def test_unknown_semantics_is_an_error(alliance: ArgumentMap) -> None:
    """An unknown semantics name raises EvaluationError listing the known ones."""
    with pytest.raises(EvaluationError, match=r"unknown semantics: 'groundd'.*grounded"):
        evaluate(alliance, semantics="groundd")


def test_status_of_unknown_id_is_an_error(alliance: ArgumentMap) -> None:
    """Asking for a statement the map lacks raises EvaluationError."""
    with pytest.raises(EvaluationError, match="did you mean 'yes'"):
        evaluate(alliance).status("yess")


def test_mutual_rebuttal_is_undecided() -> None:
    """Two claims rebutting each other are both contested, and so is what they attack."""
    m = ArgumentMap.build("t")
    m.claim("a", "A", opposes="b")
    m.claim("b", "B", opposes="a")
    m.claim("c", "C")
    m.con("b", "c")
    ev = evaluate(m.finish())
    assert _statuses(ev, "a", "b", "c") == [UNDEC, UNDEC, UNDEC]
    assert ev.explain("a").summary == "a is contested: an argument against it is contested."


def test_odd_cycle_is_undecided_and_reinstatement_works() -> None:
    """A three-cycle of rebuttals is contested; breaking it by switching one off decides the rest."""
    m = ArgumentMap.build("t")
    m.claim("a", "A", opposes="b")
    m.claim("b", "B", opposes="c")
    m.claim("c", "C", opposes="a")
    argument_map = m.finish()
    assert _statuses(evaluate(argument_map), "a", "b", "c") == [UNDEC, UNDEC, UNDEC]
    assert _statuses(evaluate(argument_map, off={"a"}), "a", "b", "c") == [OFF, IN, OUT]


def test_undecided_undercutter_leaves_argument_undecided() -> None:
    """An argument whose undercutter is contested is itself undecided, not applicable."""
    m = ArgumentMap.build("t")
    m.claim("x", "X", opposes="y")
    m.claim("y", "Y", opposes="x")
    p = m.claim("p", "P")
    c = m.claim("c", "C")
    m.pro(p, c, id="a")
    m.undercut("x", "a")
    ev = evaluate(m.finish())
    assert ev.arguments["a"] == "undecided"
    assert ev.status("c") is UNDEC


def test_assumed_claim_needs_no_support() -> None:
    """An assumed claim stands even when its only supporting argument fails."""
    m = ArgumentMap.build("t")
    c = m.claim("c", "C", assumed=True)
    m.evidence("e", "quote", source=m.source("s", "S"), supports=c)
    ev = evaluate(m.finish(), off={"e"})
    assert ev.status("c") is IN
    assert "assumed" in str(ev.explain("c"))


def test_evaluation_is_frozen_and_compares_by_value(alliance: ArgumentMap) -> None:
    """Two evaluations with the same inputs are equal and hash alike; different off differs."""
    a, b = evaluate(alliance, off=["ev-kashin"]), evaluate(alliance, off=("ev-kashin",))
    assert a == b
    assert hash(a) == hash(b)
    assert a != evaluate(alliance)
    with pytest.raises(AttributeError):
        a.semantics = "preferred"  # type: ignore[misc]


def test_explanation_names_the_deciding_chain(alliance: ArgumentMap) -> None:
    """The explanation of a defeated position names the rebuttal, its premises and their evidence."""
    explanation = evaluate(alliance).explain("yes")
    assert explanation.status is OUT
    assert explanation.reasons[0].kind == "rebuttal"
    assert explanation.reasons[0].argument == "a-no-arms"
    assert explanation.reasons[0].statements == ("c-no-arms", "c-sanctions")
    text = str(explanation)
    assert text.startswith("yes falls: it is rebutted by a-no-arms, which applies.")
    assert "ev-kashin" in text
    assert "It is evidence: accepted as given while switched on." in text
    data = explanation.to_data()
    assert data["status"] == "out"
    assert [child["id"] for child in data["because"]] == ["c-no-arms", "c-sanctions"]


def test_explanation_of_an_undercut_argument(alliance: ArgumentMap) -> None:
    """A position whose only support is undercut falls, and the explanation names the undercutter."""
    text = str(evaluate(alliance).explain("no"))
    assert "no falls: no argument for it applies." in text
    assert "it is undercut by c-exceed" in text


def test_verdict_names_the_leader(alliance: ArgumentMap) -> None:
    """The verdict gives each position's status and the one that alone stands."""
    verdict = evaluate(alliance, off={"ev-statement"}).verdict
    assert verdict.question == "q"
    assert [(p.id, p.status) for p in verdict.positions] == [("yes", OUT), ("no", IN)]
    assert verdict.leader == "no"
    assert verdict.text == "Under grounded, on question 'q', 'no' stands; 'yes' does not."
    assert evaluate(alliance, off={"ev-statement", "ev-kashin"}).verdict.leader == "yes"
    verdict = evaluate(alliance, off={"ev-storey", "ev-kashin"}).verdict
    assert verdict.leader is None
    assert "no position stands" in verdict.text


# -- properties ---------------------------------------------------------------------------------


def _reference(argument_map: ArgumentMap, off: frozenset[str]) -> tuple[dict[str, str], dict[str, str]]:
    """Iterate the issue's rules literally from all-undecided to their least fixpoint."""
    status = {s.id: ("off" if s.id in off else "undecided") for s in argument_map.statements}
    state = {a.id: "undecided" for a in argument_map.arguments}
    changed = True
    while changed:
        changed = False
        for a in argument_map.arguments:
            prem = [status[p] for p in a.premises]
            under = [status[u] for u in a.undercutters]
            new = "undecided"
            if any(s in ("out", "off") for s in prem) or "in" in under:
                new = "inapplicable"
            elif all(s == "in" for s in prem) and all(s in ("out", "off") for s in under):
                new = "applicable"
            if new != state[a.id]:
                assert state[a.id] == "undecided"
                state[a.id] = new
                changed = True
        for s in argument_map.statements:
            if status[s.id] != "undecided":
                continue
            pro = [state[a.id] for a in argument_map.pro(s.id)]
            con = [state[a.id] for a in argument_map.con(s.id)]
            needs = bool(pro) and not s.assumed and not isinstance(s, Evidence)
            new = "undecided"
            if "applicable" in con or (needs and all(x == "inapplicable" for x in pro)):
                new = "out"
            elif all(x == "inapplicable" for x in con) and (not needs or "applicable" in pro):
                new = "in"
            if new != "undecided":
                status[s.id] = new
                changed = True
    return status, state


def _off_sets(argument_map: ArgumentMap) -> st.SearchStrategy[frozenset[str]]:
    ids = [s.id for s in argument_map.statements]
    return st.frozensets(st.sampled_from(ids), max_size=3)


@settings(max_examples=150)
@given(data=st.data())
def test_grounded_is_the_least_fixpoint_of_the_rules(data: st.DataObject) -> None:
    """The labelling equals the rules iterated from all-undecided (hence a fixpoint, and the least)."""
    argument_map = data.draw(evaluation_maps())
    off = data.draw(_off_sets(argument_map))
    ev = evaluate(argument_map, off=off)
    status, state = _reference(argument_map, off)
    assert {k: v.value for k, v in ev.statuses.items()} == status
    assert dict(ev.arguments) == state


@given(data=st.data())
def test_grounded_is_conflict_free(data: st.DataObject) -> None:
    """Nothing that stands is rebutted by an applicable argument; applicable ones have standing premises."""
    argument_map = data.draw(evaluation_maps())
    ev = evaluate(argument_map, off=data.draw(_off_sets(argument_map)))
    for s in argument_map.statements:
        if ev.status(s.id) is IN:
            assert all(ev.arguments[a.id] == "inapplicable" for a in argument_map.con(s.id))
        for a in argument_map.con(s.id):
            if ev.arguments[a.id] == "applicable":
                assert ev.status(s.id) in (OUT, OFF)
    for a in argument_map.arguments:
        if ev.arguments[a.id] == "applicable":
            assert all(ev.status(p) is IN for p in a.premises)


@given(data=st.data())
def test_grounded_is_independent_of_declaration_order(data: st.DataObject) -> None:
    """Shuffling statements and arguments changes no status."""
    argument_map = data.draw(evaluation_maps())
    off = data.draw(_off_sets(argument_map))
    rng = random.Random(data.draw(st.integers(0, 2**32)))  # noqa: S311  # a shuffle, not a secret
    s_order = list(range(len(argument_map.statements)))
    a_order = list(range(len(argument_map.arguments)))
    rng.shuffle(s_order)
    rng.shuffle(a_order)
    shuffled = reordered(argument_map, s_order, a_order)
    assert dict(evaluate(shuffled, off=off).statuses) == dict(evaluate(argument_map, off=off).statuses)


def _depends_on(argument_map: ArgumentMap, root: str) -> set[str]:
    """Every statement some chain of arguments leads to from ``root`` (premise or undercutter)."""
    reached, todo = {root}, [root]
    while todo:
        x = todo.pop()
        for a in argument_map.arguments:
            if (x in a.premises or x in a.undercutters) and a.conclusion not in reached:
                reached.add(a.conclusion)
                todo.append(a.conclusion)
    return reached


@given(data=st.data())
def test_switching_off_touches_only_dependants(data: st.DataObject) -> None:
    """Switching a statement off never changes a statement that does not depend on it."""
    argument_map = data.draw(evaluation_maps())
    target = data.draw(st.sampled_from([s.id for s in argument_map.statements]))
    before, after = evaluate(argument_map), evaluate(argument_map, off={target})
    dependants = _depends_on(argument_map, target)
    for s in argument_map.statements:
        if s.id not in dependants:
            assert after.status(s.id) is before.status(s.id)
