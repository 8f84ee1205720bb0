"""Grounded semantics: each rule by hand, then properties over generated maps."""

from __future__ import annotations

import os
import random
import re
import subprocess
import sys

import attrs
import pytest
from evaluation_oracle import Oracle
from evaluation_strategies import evaluation_maps, off_sets, reordered
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.errors import EvaluationError, UnknownIdError
from argmap.evaluation import Evaluation, Status, evaluate
from argmap.model import Argument, ArgumentMap, Evidence

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
    threats = m.claim("c-threats", "They share threats")
    m.pro(threats, yes, id="a-threats", weight=0.5)
    m.evidence("ev-storey", "shared threat perceptions", source=src, supports=threats)
    no_arms = m.claim("c-no-arms", "No arms")
    sanctions = m.claim("c-sanctions", "Sanctions deter")
    m.evidence("ev-kashin", "no arms", source=src, supports=no_arms)
    m.evidence("ev-warning", "severe sanctions", source=src, supports=sanctions)
    m.con([no_arms, sanctions], yes, id="a-no-arms", weight=0.8)
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
    """An id in off that the map lacks raises UnknownIdError naming it and a close match."""
    with pytest.raises(UnknownIdError, match=r"'ev-kashn'.*did you mean 'ev-kashin'"):
        evaluate(alliance, off={"ev-kashn"})
    with pytest.raises(UnknownIdError, match=r"'a-no-arm'.*did you mean 'a-no-arms'"):
        evaluate(alliance, off="a-no-arm")


def test_off_may_name_an_argument_and_it_is_inapplicable(alliance: ArgumentMap) -> None:
    """A switched-off argument is inapplicable whatever its premises; its explanation says so."""
    ev = evaluate(alliance, off="a-no-arms")
    assert ev.arguments["a-no-arms"] == "inapplicable"
    assert ev.status("c-no-arms") is IN
    assert ev.status("yes") is IN
    assert ev.off == frozenset({"a-no-arms"})
    assert "The argument against it a-no-arms is inapplicable: it is switched off." in str(ev.explain("yes"))


def test_a_switched_off_undercutter_is_switched_off_not_falling(alliance: ArgumentMap) -> None:
    """Rule 8: the explanation of an argument whose undercutter is off says "switched off"."""
    text = str(evaluate(alliance, off="ev-statement", semantics="grounded").explain("no"))
    assert "its undercutter c-exceed (“Relations exceed an alliance”) falls" in text
    text = str(evaluate(alliance, off="c-exceed").explain("no"))
    assert "its undercutter c-exceed (“Relations exceed an alliance”) is switched off" in text
    assert "c-exceed (“Relations exceed an alliance”) falls" not in text


def test_unknown_semantics_is_an_error(alliance: ArgumentMap) -> None:
    """An unknown semantics name raises EvaluationError listing the known ones."""
    with pytest.raises(EvaluationError, match=r"unknown semantics: 'groundd'.*grounded"):
        evaluate(alliance, semantics="groundd")


def test_status_of_unknown_id_is_an_error(alliance: ArgumentMap) -> None:
    """Asking for a statement the map lacks raises EvaluationError."""
    with pytest.raises(EvaluationError, match="did you mean 'yes'"):
        evaluate(alliance).status("yess")


def test_mutual_rebuttal_is_undecided() -> None:
    """Two claims rebutting each other are both open, and so is what they attack."""
    m = ArgumentMap.build("t")
    m.claim("a", "A", opposes="b", assumed=True)
    m.claim("b", "B", opposes="a", assumed=True)
    m.claim("c", "C", assumed=True)
    m.con("b", "c")
    ev = evaluate(m.finish())
    assert _statuses(ev, "a", "b", "c") == [UNDEC, UNDEC, UNDEC]
    assert ev.explain("a").summary == "a is open: something against it is undecided."


def test_odd_cycle_is_undecided_and_reinstatement_works() -> None:
    """A three-cycle of rebuttals is open; breaking it by switching one off decides the rest."""
    m = ArgumentMap.build("t")
    m.claim("a", "A", opposes="b", assumed=True)
    m.claim("b", "B", opposes="c", assumed=True)
    m.claim("c", "C", opposes="a", assumed=True)
    argument_map = m.finish()
    assert _statuses(evaluate(argument_map), "a", "b", "c") == [UNDEC, UNDEC, UNDEC]
    assert _statuses(evaluate(argument_map, off={"a"}), "a", "b", "c") == [OFF, IN, OUT]


def test_undecided_undercutter_leaves_argument_undecided() -> None:
    """An argument whose undercutter is open is itself undecided, not applicable."""
    m = ArgumentMap.build("t")
    m.claim("x", "X", opposes="y", assumed=True)
    m.claim("y", "Y", opposes="x", assumed=True)
    p = m.claim("p", "P", assumed=True)
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


def test_support_must_be_earned_by_every_claim_and_position() -> None:
    """Rule 3: a claim or position nothing supports falls, under every semantics; a question does not.

    The explanation says why and how to take it as given; evidence for it then lifts it.
    """
    m = ArgumentMap.build("t")
    m.question("q", "Q?")
    m.position("p", "P", answers="q")
    m.claim("bare", "Bare")
    m.claim("given", "Given", assumed=True)
    unsupported = m.finish()
    for semantics in ("grounded", "preferred", "stable", "carneades"):
        ev = evaluate(unsupported, semantics)
        assert _statuses(ev, "q", "p", "bare", "given") == [IN, OUT, OUT, IN], semantics
    ev = evaluate(unsupported)
    assert ev.explain("bare").summary == (
        "bare falls: nothing supports it (mark it assumed if the map takes it as given)."
    )
    assert ev.explain("q").reasons[0].text.startswith("It is a question, not asserted")
    m.evidence("e", "quote", source=m.source("s", "S"), supports="bare")
    supported = m.finish()
    assert evaluate(supported).status("bare") is IN
    assert evaluate(supported, off={"e"}).explain("bare").summary == "bare falls: no argument for it applies."


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


# -- properties (issue 11's laws) ----------------------------------------------------------------

_ORDER = {Status.OUT: 0, Status.UNDECIDED: 1, Status.IN: 2}


@settings(max_examples=150)
@given(data=st.data())
def test_grounded_is_a_fixpoint_of_the_rules(data: st.DataObject) -> None:
    """Every statement and argument has the label the documented rules give it from the others."""
    argument_map = data.draw(evaluation_maps())
    off = data.draw(off_sets(argument_map))
    ev = evaluate(argument_map, off=off)
    labels = {k: v.value for k, v in ev.statuses.items()}
    words = {"applicable": "in", "inapplicable": "out", "undecided": "undecided"}
    labels |= {k: words[v] for k, v in ev.arguments.items()}
    assert Oracle(argument_map, off).violations(labels) == []


@given(data=st.data())
def test_grounded_is_conflict_free(data: st.DataObject) -> None:
    """Nothing that stands is rebutted by an applicable argument; applicable ones have standing premises."""
    argument_map = data.draw(evaluation_maps())
    ev = evaluate(argument_map, off=data.draw(off_sets(argument_map)))
    for s in argument_map.statements:
        if ev.status(s.id) is IN:
            assert all(ev.arguments[a.id] == "inapplicable" for a in argument_map.con(s.id))
        for a in argument_map.con(s.id):
            if ev.arguments[a.id] == "applicable":
                assert ev.status(s.id) in (OUT, OFF)
    for a in argument_map.arguments:
        if ev.arguments[a.id] == "applicable":
            assert all(ev.status(p) is IN for p in a.premises)
    for q in argument_map.questions:
        standing = [p.id for p in argument_map.positions_of(q.id) if ev.status(p.id) is IN]
        assert q.compatible or len(standing) <= 1


@given(data=st.data())
def test_evaluation_is_deterministic_and_independent_of_declaration_order(data: st.DataObject) -> None:
    """Shuffling statements and arguments changes no status; evaluating twice gives equal results."""
    argument_map = data.draw(evaluation_maps())
    off = data.draw(off_sets(argument_map))
    rng = random.Random(data.draw(st.integers(0, 2**32)))  # noqa: S311  # a shuffle, not a secret
    s_order = list(range(len(argument_map.statements)))
    a_order = list(range(len(argument_map.arguments)))
    rng.shuffle(s_order)
    rng.shuffle(a_order)
    shuffled = reordered(argument_map, s_order, a_order)
    for semantics in ("grounded", "preferred", "stable"):
        first = evaluate(argument_map, semantics, off=off)
        assert first == evaluate(argument_map, semantics, off=off)
        assert dict(evaluate(shuffled, semantics, off=off).statuses) == dict(first.statuses)


def _depends_on(argument_map: ArgumentMap, roots: set[str]) -> set[str]:
    """Every statement a chain of arguments or competing positions leads to from ``roots``."""
    rivals: dict[str, set[str]] = {}
    for q in argument_map.questions:
        answers = {p.id for p in argument_map.positions_of(q.id)}
        for p in answers if not q.compatible else ():
            rivals[p] = answers - {p}
    reached, todo = set(roots), list(roots)
    while todo:
        x = todo.pop()
        nexts = set(rivals.get(x, ()))
        for a in argument_map.arguments:
            if x in a.premises or x in a.undercutters or x == a.id:
                nexts.add(a.conclusion)
        for y in nexts - reached:
            reached.add(y)
            todo.append(y)
    return reached


@given(data=st.data())
def test_switching_off_touches_only_dependants(data: st.DataObject) -> None:
    """Switching a part off never changes a statement that does not depend on it."""
    argument_map = data.draw(evaluation_maps())
    ids = [s.id for s in argument_map.statements] + [a.id for a in argument_map.arguments]
    target = data.draw(st.sampled_from(ids + [line.id for line in argument_map.lines]))
    roots = {target}
    if argument_map.has_line(target):
        roots = set(argument_map.line(target).arguments)
    before, after = evaluate(argument_map), evaluate(argument_map, off={target})
    dependants = _depends_on(argument_map, roots)
    for s in argument_map.statements:
        if s.id not in dependants:
            assert after.status(s.id) is before.status(s.id)


@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_adding_evidence_for_any_statement_never_makes_it_worse(data: st.DataObject) -> None:
    """Rule 3: new evidence for any statement never makes it worse, under every semantics.

    Support must be earned everywhere, so the target may be a claim nothing argued for before,
    and the new evidence may itself be attacked: the status never moves down from stands to
    open to falls, under grounded, preferred and stable (read both ways) and carneades.
    """
    argument_map = data.draw(evaluation_maps(max_statements=6, max_arguments=7))
    target = data.draw(st.sampled_from([s.id for s in argument_map.statements if s.kind != "question"]))
    weight = data.draw(st.none() | st.sampled_from([0.25, 0.5, 0.75]))
    attacker = data.draw(st.none() | st.sampled_from([s.id for s in argument_map.statements]))
    arguments = [Argument(id="new-pro", conclusion=target, premises=("new-ev",), weight=weight)]
    if attacker is not None:
        arguments.append(Argument(id="new-con", conclusion="new-ev", premises=(attacker,), stance="con"))
    bigger = attrs.evolve(
        argument_map,
        statements=(*argument_map.statements, Evidence(id="new-ev", quote="new", source="src")),
        arguments=(*argument_map.arguments, *arguments),
    )
    off = data.draw(off_sets(argument_map))
    readings = [("grounded", {}), ("carneades", {})]
    readings += [
        (s, {"mode": m, "timeout": None}) for s in ("preferred", "stable") for m in ("sceptical", "credulous")
    ]
    for semantics, options in readings:
        before = evaluate(argument_map, semantics, off=off, **options).status(target)
        after = evaluate(bigger, semantics, off=off, **options).status(target)
        if before is not OFF:
            assert _ORDER[after] >= _ORDER[before], (semantics, options)


_EXPLAINED = re.compile(r"(\S+) (stands|falls|is open|is switched off)[:.]")


def _walk(explanation, ev: Evaluation) -> int:
    """Check that each node's summary names the status the evaluation gives; return the node count."""
    assert explanation.status is ev.status(explanation.id)
    word = {IN: "stands", OUT: "falls", UNDEC: "is open", OFF: "is switched off"}[explanation.status]
    assert explanation.summary.startswith(f"{explanation.id} {word}")
    for reason in explanation.reasons:
        if reason.argument is not None:
            assert reason.argument_status == ev.arguments[reason.argument]
            assert f"is {reason.argument_status}" in reason.text
        for sid in reason.statements:
            assert sid in ev.statuses
    return 1 + sum(_walk(child, ev) for child in explanation.because)


@given(data=st.data())
def test_every_explanation_tree_is_truthful(data: st.DataObject) -> None:
    """Rule 8: in every explanation tree, each node's status and each cited argument's state hold."""
    argument_map = data.draw(evaluation_maps())
    ev = evaluate(argument_map, off=data.draw(off_sets(argument_map)))
    for sid in ev.statuses:
        assert _walk(ev.explain(sid), ev) >= 1
        text = str(ev.explain(sid))
        for match in _EXPLAINED.finditer(text):
            named, word = match.groups()
            if named in ev.statuses:
                assert {IN: "stands", OUT: "falls", UNDEC: "is open", OFF: "is switched off"}[
                    ev.status(named)
                ] == word


_SEED_SCRIPT = """
import json, random
from argmap.evaluation import evaluate
from argmap.model import ArgumentMap
rng = random.Random(7)
m = ArgumentMap.build("t")
m.question("q", "Q")
ids = [m.position(f"p{i}", f"P{i}", answers="q") for i in range(3)]
ids += [m.claim(f"c{i}", f"C{i}") for i in range(6)]
for k in range(14):
    a, b = rng.sample(ids, 2)
    add = m.pro if rng.random() < 0.6 else m.con
    add(a, b, id=f"x{k}", weight=rng.choice([None, 0.5, 0.7]))
mm = m.finish()
out = {s: [str(evaluate(mm, s).explain(i)) for i in ids] for s in ("grounded", "preferred", "stable")}
print(json.dumps(out, sort_keys=True))
"""


def test_results_are_the_same_across_hash_seeds(tmp_path) -> None:
    """Statuses and explanations do not depend on PYTHONHASHSEED (set and dict order)."""
    script = tmp_path / "run.py"
    script.write_text(_SEED_SCRIPT)
    outputs = set()
    for seed in ("1", "2", "12345"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run(
            [sys.executable, str(script)], env=env, capture_output=True, text=True, check=True
        )
        outputs.add(done.stdout)
    assert len(outputs) == 1
