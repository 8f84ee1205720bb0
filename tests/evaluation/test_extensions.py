"""Preferred and stable: the abstract search, its size guard, and the statuses it gives a map."""

from __future__ import annotations

import itertools
import json
import re
from pathlib import Path

import pytest
from evaluation_strategies import evaluation_maps
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.errors import EvaluationError
from argmap.evaluation import NamedFramework, Status, evaluate, extensions, grounded
from argmap.evaluation.compiled import compile_map
from argmap.evaluation.dung import grounded_labelling, search_labellings
from argmap.evaluation.preferred import _founded_check
from argmap.model import ArgumentMap
from argmap.model.off import resolve_off

CORPUS = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpora" / "iccma"


def _brute(arguments: list[str], attacks: list[tuple[str, str]], semantics: str) -> set[frozenset[str]]:
    """Every preferred or stable extension by checking all subsets (small frameworks only)."""
    attackers = {a: {x for x, y in attacks if y == a} for a in arguments}

    def conflict_free(s: frozenset[str]) -> bool:
        return not any((x, y) in attacks for x in s for y in s)

    def attacked_by(s: frozenset[str], a: str) -> bool:
        return bool(attackers[a] & s)

    subsets = [frozenset(c) for r in range(len(arguments) + 1) for c in itertools.combinations(arguments, r)]
    if semantics == "stable":
        return {
            s for s in subsets if conflict_free(s) and all(attacked_by(s, a) for a in arguments if a not in s)
        }
    admissible = [
        s for s in subsets if conflict_free(s) and all(attacked_by(s, b) for a in s for b in attackers[a])
    ]
    return {s for s in admissible if not any(s < t for t in admissible)}


@st.composite
def frameworks(draw: st.DrawFn) -> tuple[list[str], list[tuple[str, str]]]:
    """Draw a small framework, self-attacks included."""
    n = draw(st.integers(min_value=1, max_value=7))
    names = [f"a{i}" for i in range(n)]
    pairs = [(x, y) for x in names for y in names]
    attacks = draw(st.lists(st.sampled_from(pairs), unique=True, max_size=14))
    return names, attacks


@settings(max_examples=200)
@given(frameworks())
def test_search_matches_brute_force(framework: tuple[list[str], list[tuple[str, str]]]) -> None:
    """The labelling search finds exactly the preferred and stable extensions brute force finds."""
    names, attacks = framework
    af = NamedFramework(arguments=names, attacks=attacks)
    for semantics in ("preferred", "stable"):
        assert set(extensions(af, semantics)) == _brute(names, attacks, semantics)  # type: ignore[arg-type]


def test_grounded_of_a_chain() -> None:
    """In a chain a <- b <- c, c and a are in the grounded extension."""
    af = NamedFramework(arguments=["a", "b", "c"], attacks=[("b", "a"), ("c", "b")])
    assert grounded(af) == {"a", "c"}
    assert extensions(af, "grounded") == (frozenset({"a", "c"}),)


def test_no_stable_extension_is_an_empty_tuple() -> None:
    """An odd cycle has no stable extension and one empty preferred extension."""
    af = NamedFramework(arguments=["a", "b", "c"], attacks=[("a", "b"), ("b", "c"), ("c", "a")])
    assert extensions(af, "stable") == ()
    assert extensions(af, "preferred") == (frozenset(),)


def test_bad_framework_and_semantics_are_errors() -> None:
    """Attacks on undeclared arguments and unknown semantics raise EvaluationError."""
    with pytest.raises(EvaluationError, match="unknown arguments"):
        NamedFramework(arguments=["a"], attacks=[("a", "b")])
    with pytest.raises(EvaluationError, match="unknown semantics"):
        extensions(NamedFramework(arguments=["a"], attacks=[]), "complete")  # type: ignore[arg-type]


def test_timeout_raises_a_clear_error() -> None:
    """Past the time allowed the search stops with an error naming the size and what to do."""
    names = [f"a{i}" for i in range(24)]
    attacks = [(names[i], names[i ^ 1]) for i in range(24)]  # twelve mutual attacks: 4,096 extensions
    with pytest.raises(
        EvaluationError, match=r"no answer within 1e-09 s for 24 arguments.*timeout=.*grounded"
    ):
        extensions(NamedFramework(arguments=names, attacks=attacks), "preferred", timeout=1e-9)


def test_independent_cycles_are_combined_not_listed() -> None:
    """Thirty independent two-cycles: 2**30 preferred labellings, counted without listing them."""
    m = ArgumentMap.build("cycles")
    for k in range(30):
        m.claim(f"a{k}", f"A{k}", assumed=True)
        m.claim(f"b{k}", f"B{k}", assumed=True)
        m.con(f"a{k}", f"b{k}", id=f"x{k}")
        m.con(f"b{k}", f"a{k}", id=f"y{k}")
    argument_map = m.finish()
    for semantics in ("preferred", "stable"):
        ev = evaluate(argument_map, semantics, timeout=5)
        assert ev.extensions == 2**30
        assert set(ev.statuses.values()) == {Status.UNDECIDED}
        half, total = f"{2**29:,}", f"{2**30:,}"
        assert ev.explain("a0").summary == (
            f"a0 is open: IN in {half} and OUT in {half} of the {total} {semantics} labellings."
        )
        credulous = evaluate(argument_map, semantics, mode="credulous")
        assert set(credulous.statuses.values()) == {Status.IN}


def _nixon() -> ArgumentMap:
    m = ArgumentMap.build("Nixon diamond")
    m.question("q", "Is Nixon a pacifist?")
    m.position("pacifist", "He is a pacifist")
    m.position("not", "He is not a pacifist")
    src = m.source("s", "S")
    m.claim("quaker", "Nixon is a Quaker", supports="pacifist")
    m.claim("republican", "Nixon is a Republican", supports="not")
    m.evidence("e-q", "q", source=src, supports="quaker")
    m.evidence("e-r", "r", source=src, supports="republican")
    m.con("pacifist", "not", id="a1")
    m.con("not", "pacifist", id="a2")
    return m.finish()


def test_preferred_statuses_read_every_some_none() -> None:
    """Under preferred, rival positions are in some extensions (undecided), their shared support in all."""
    ev = evaluate(_nixon(), "preferred")
    assert ev.status("quaker") is Status.IN
    assert ev.status("pacifist") is Status.UNDECIDED
    assert ev.status("not") is Status.UNDECIDED
    assert ev.verdict.leader is None
    assert "IN in 1 and OUT in 1 of the 2 preferred labellings" in ev.explain("pacifist").summary
    assert evaluate(_nixon()).status("pacifist") is Status.UNDECIDED  # grounded agrees: open
    ev = evaluate(_nixon(), "preferred", off={"e-r"})
    assert ev.status("pacifist") is Status.IN
    assert ev.status("not") is Status.OUT
    assert ev.verdict.leader == "pacifist"


def test_stable_with_no_extension_says_so() -> None:
    """A map whose claim undercuts its own support has no stable labelling; the note says so."""
    m = ArgumentMap.build("t")
    m.claim("p", "P", assumed=True)
    m.claim("c", "C")
    m.pro("p", "c", id="a")
    m.undercut("c", "a")
    ev = evaluate(m.finish(), "stable")
    assert ev.notes[0].startswith("no stable labelling")
    assert ev.extensions == 0
    assert all(status is Status.UNDECIDED for status in ev.statuses.values())
    assert "no stable labelling" in ev.explain("c").summary
    preferred = evaluate(m.finish(), "preferred")
    assert preferred.status("p") is Status.IN
    assert preferred.status("c") is Status.UNDECIDED  # an odd cycle is open, not out
    assert preferred.arguments["a"] == "undecided"


def _apx(path: Path) -> NamedFramework:
    text = path.read_text()
    return NamedFramework(
        arguments=re.findall(r"arg\(\s*([^)\s]+)\s*\)\.", text),
        attacks=re.findall(r"att\(\s*([^,\s]+)\s*,\s*([^)\s]+)\s*\)\.", text),
    )


@pytest.mark.corpus
@pytest.mark.parametrize("name", ["traffic5.apx", "traffic12.apx", "cred-vs-skept.apx", "sst.apx"])
def test_corpus_reference_solutions(name: str) -> None:
    """Preferred and stable extensions agree with the corpus's reference solutions."""
    solution = CORPUS / "solutions" / "computed" / "apx-aspartix-tests" / f"{name}.json"
    if not solution.is_file():
        pytest.skip("../shared/corpora/iccma is not beside this clone")
    reference = json.loads(solution.read_text())
    af = _apx(CORPUS / reference["instance"])
    assert extensions(af, "grounded") == (frozenset(reference["GR"]),)
    assert set(extensions(af, "preferred")) == {frozenset(e) for e in reference["PR"]}
    assert set(extensions(af, "stable")) == {frozenset(e) for e in reference["ST"]}


@settings(max_examples=150)
@given(data=st.data())
def test_map_statuses_match_the_unreduced_compiled_framework(data: st.DataObject) -> None:
    """Preferred/stable statuses of a map equal those from searching its full compiled framework."""
    argument_map = data.draw(evaluation_maps(max_statements=7, max_arguments=9))
    ids = [s.id for s in argument_map.statements]
    off = data.draw(st.frozensets(st.sampled_from(ids), max_size=2))
    compiled = compile_map(argument_map)
    switched, unfounded = compiled.forced_out(resolve_off(argument_map, off))
    start = grounded_labelling(compiled.succ, compiled.indeg, switched + unfounded).label
    accept = _founded_check(compiled, list(range(len(compiled.succ))), start)
    for semantics in ("preferred", "stable"):
        found = search_labellings(compiled.succ, start, semantics, accept=accept)  # type: ignore[arg-type]
        total = found.total
        expected = {}
        for i, sid in enumerate(ids):
            ins, outs = found.counts(i)
            if sid in off:
                expected[sid] = Status.OFF
            elif total and ins == total:
                expected[sid] = Status.IN
            elif total and outs == total:
                expected[sid] = Status.OUT
            else:
                expected[sid] = Status.UNDECIDED
        assert dict(evaluate(argument_map, semantics, off=off).statuses) == expected
