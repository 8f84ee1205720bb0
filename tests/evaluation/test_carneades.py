"""Carneades semantics: Carneades 4's own expected labels, proof standards, weighing, cycles."""

from __future__ import annotations

from pathlib import Path

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap._text import shorten
from argmap.errors import ArgmapError
from argmap.evaluation import SEMANTICS, Status, evaluate
from argmap.evaluation.carneades import CARNEADES_4, GORDON_WALTON, evaluate_carneades, greater
from argmap.evaluation.carneades_loops import unearned_support_loops
from argmap.formats import carneades
from argmap.model import Argument, ArgumentMap, Evidence

from .strategies import evaluation_maps

YAML = Path(__file__).resolve().parents[1] / "data" / "carneades" / "yaml"
TESTED = sorted(p for p in YAML.glob("*.yml") if "\ntests:" in p.read_text())


def _mismatches(path: Path) -> list[tuple[str, str, str]]:
    graph = carneades.read(path.read_text(), file=str(path))
    ev = evaluate(graph.argument_map, "carneades")
    return [
        (sid, label, ev.status(sid).value) for sid, label in graph.expected if ev.status(sid).value != label
    ]


@pytest.mark.parametrize("path", TESTED, ids=lambda p: p.name)
def test_every_expected_label_of_carneades_is_matched(path):
    """Every label in the graph's `tests:` block is the status argmap's carneades semantics gives."""
    assert _mismatches(path) == []


def test_all_186_labels_match():
    """All 186 expected labels match, including the four that scheme-generated arguments decide."""
    graphs = [carneades.read(p.read_text()) for p in TESTED]
    assert sum(len(g.expected) for g in graphs) == 186
    assert sum(len(_mismatches(p)) for p in TESTED) == 0


def _map(build) -> ArgumentMap:
    m = ArgumentMap.build("t")
    build(m)
    return m.finish()


def _statuses(argument_map, off=()):
    ev = evaluate(argument_map, "carneades", off=off)
    return {sid: status.value for sid, status in ev.statuses.items()}


def test_carneades_is_registered():
    """`evaluate(..., "carneades")` runs this semantics and names it in the result."""
    assert "carneades" in SEMANTICS
    m = _map(lambda b: b.claim("c", "C", assumed=True))
    assert evaluate(m, "carneades").semantics == "carneades"


def test_unsupported_claims_fall_and_assumptions_stand():
    """A claim nobody assumed and nothing supports is OUT (as under grounded); an assumption is IN."""
    m = _map(lambda b: (b.claim("bare", "Bare"), b.claim("given", "Given", assumed=True)))
    assert _statuses(m) == {"bare": "out", "given": "in"}
    assert evaluate(m, "grounded").status("bare") is Status.OUT


def test_switching_an_assumption_off_removes_its_support():
    """Toggling an assumption off is Carneades' "turn evidence off": what rests on it falls."""

    def build(b):
        b.claim("r", "R", assumed=True)
        b.claim("p", "P")
        b.pro("r", "p", id="a1")

    m = _map(build)
    assert _statuses(m) == {"r": "in", "p": "in"}
    assert _statuses(m, off={"r"}) == {"r": "off", "p": "out"}


def test_evidence_is_given_until_switched_off():
    """Evidence is IN as given; switched off it is OFF and its claim loses support."""

    def build(b):
        c = b.claim("c", "C")
        b.evidence("e", "a quote", source=b.source("s", "S"), supports=c)

    m = _map(build)
    assert _statuses(m) == {"c": "in", "e": "in"}
    assert _statuses(m, off={"e"}) == {"c": "out", "e": "off"}


def _weighed(scheme, premise_labels):
    """A conclusion with one argument under ``scheme`` whose premises are assumed (True) or not."""

    def build(b):
        b.claim("c", "C")
        names = []
        for k, assumed in enumerate(premise_labels):
            names.append(b.claim(f"p{k}", f"P{k}", assumed=assumed))
        b.pro(names, "c", id="a", scheme=scheme)

    return _statuses(_map(build))["c"]


@pytest.mark.parametrize(
    ("scheme", "premises", "expected"),
    [
        (None, [True, True], "in"),
        ("linked", [True, False], "out"),
        ("convergent", [True, False], "in"),
        ("convergent", [False, False], "out"),
        ("cumulative", [True, False], "in"),
        ("factorized", [True, False], "out"),
    ],
)
def test_weighing_functions(scheme, premises, expected):
    """Linked needs every premise, convergent one, cumulative counts; factorized fails on an OUT premise."""
    assert _weighed(scheme, premises) == expected


def _rivals(no_weight, standard=None):
    """Question q, positions yes (argument of weight 0.7) and no (``no_weight``), q's ``standard``."""

    def build(b):
        b.question("q", "Q?")
        b.position("yes", "Yes")
        b.position("no", "No")
        b.claim("e1", "E1", assumed=True)
        b.claim("e2", "E2", assumed=True)
        b.pro("e1", "yes", id="a-yes", weight=0.7)
        b.pro("e2", "no", id="a-no", weight=no_weight)

    m = _map(build)
    if standard is None:
        return m
    statements = tuple(attrs.evolve(s, standard=standard) if s.id == "q" else s for s in m.statements)
    return attrs.evolve(m, statements=statements)


def test_position_needs_to_outweigh_its_rivals_under_the_question_standard():
    """The heavier position wins under PE; under CCE it must lead by more than 0.5."""
    m = _rivals(0.4)
    strict = _rivals(0.4, "cce")
    assert [_statuses(m)[p] for p in ("yes", "no")] == ["in", "out"]
    assert [_statuses(strict)[p] for p in ("yes", "no")] == ["out", "out"]


@pytest.mark.parametrize(
    ("standard", "w1", "w2", "expected"),
    [
        ("pe", 0.5, 0.5, False),
        ("pe", 0.6, 0.5, True),
        ("cce", 0.9, 0.3, True),
        ("cce", 0.7, 0.3, False),
        ("brd", 0.9, 0.35, False),
        ("brd", 0.9, 0.2, True),
        ("dv", 0.3, 0.0, True),
        ("dv", 0.9, 0.1, False),
        ("se", 0.1, 0.9, True),
    ],
)
def test_proof_standards(standard, w1, w2, expected):
    """Proof standards as Carneades 4 defines them (alpha 0.5, beta 0.3), plus DV and SE."""
    assert greater(standard, w1, w2) is expected


def test_con_arguments_compete_with_the_claim_they_oppose():
    """A rebutted claim is at issue with its negation: equal weights leave it OUT, a heavier pro wins."""

    def build(weight):
        def inner(b):
            b.claim("c", "C")
            b.claim("for", "For", assumed=True)
            b.claim("against", "Against", assumed=True)
            b.pro("for", "c", id="a-for", weight=weight)
            b.con("against", "c", id="a-against", weight=0.5)

        return _map(inner)

    assert _statuses(build(0.5))["c"] == "out"
    assert _statuses(build(0.8))["c"] == "in"


def test_undercut_argument_has_no_weight():
    """An IN undercutter makes the argument inapplicable: its conclusion is unsupported and OUT."""

    def build(b):
        b.claim("p", "P", assumed=True)
        b.claim("u", "U", assumed=True)
        b.claim("c", "C")
        b.pro("p", "c", id="a")
        b.undercut("u", "a")

    ev = evaluate(_map(build), "carneades")
    assert ev.status("c") is Status.OUT
    assert ev.arguments["a"] == "inapplicable"
    assert "undercut by u" in str(ev.explain("c"))


@pytest.mark.parametrize("name", ["odd-loop.yml", "even-loop.yml", "support-loop.yml", "self-defeat.yml"])
def test_cycles_stay_undecided(name):
    """Support loops and odd or even cycles leave their statements UNDECIDED, as in Carneades."""
    m = carneades.loads((YAML / name).read_text())
    ev = evaluate(m, "carneades")
    assert {s.value for s in ev.statuses.values()} == {"undecided"}
    assert set(ev.arguments.values()) == {"undecided"}
    assert " is open: " in ev.explain(m.statements[0].id).summary


def test_explanation_names_the_standard_and_the_weights():
    """A position's explanation says whether it prevails, under which standard, with the weights."""
    m = carneades.loads((YAML / "rebuttal.yml").read_text())
    text = str(evaluate(m, "carneades").explain("¬p"))
    assert text.startswith("¬p stands: it prevails on 'i1' under preponderance of evidence.")
    assert "¬p 0.50, p 0.10" in text


def test_verdict_and_question_status():
    """Questions are IN (posed); the verdict names the one position that stands."""
    m = carneades.loads((YAML / "library.yml").read_text())
    ev = evaluate(m, "carneades")
    assert ev.status("i1") is Status.IN
    assert ev.verdict.leader == "accessNotDenied"


def test_evaluation_is_deterministic_and_off_is_checked():
    """The same map and switches give equal evaluations; an unknown id in off is an error."""
    m = carneades.loads((YAML / "prakken-sartor-murder.yml").read_text())
    assert evaluate(m, "carneades") == evaluate(m, "carneades")
    with pytest.raises(ArgmapError, match="'nope'"):
        evaluate(m, "carneades", off={"nope"})


def test_long_support_chains_are_followed_in_any_declaration_order():
    """A chain of 2,000 supports declared last-first still reaches its end (worklist, not passes)."""

    def build(b):
        b.claim("c0", "C0", assumed=True)
        for i in range(2000, 0, -1):
            b.claim(f"c{i}", f"C{i}")
        for i in range(1, 2001):
            b.pro(f"c{i - 1}", f"c{i}", id=f"a{i}")

    ev = evaluate(_map(build), "carneades")
    assert ev.status("c2000") is Status.IN
    assert ev.explain("c2000").summary == "c2000 stands: argument a2000 for it applies."


# -- argmap's rules (issue 8) on top of Carneades 4 ------------------------------------------------


def _three_positions(b, compatible=False):
    b.question("q", "Q?", compatible=compatible)
    for name in ("x", "y", "z"):
        b.position(name, name.upper())
    b.claim("ex", "EX", assumed=True)
    b.claim("ey", "EY", assumed=True)
    b.pro("ex", "x", id="a-x", weight=0.6)
    b.pro("ey", "y", id="a-y", weight=0.4)


def test_rule2_positions_of_a_question_compete_unless_compatible():
    """At most one position stands; a compatible question's positions are weighed each on its own."""
    assert _statuses(_map(_three_positions)) | {} == {
        "q": "in",
        "x": "in",
        "y": "out",
        "z": "out",
        "ex": "in",
        "ey": "in",
    }
    both = _statuses(_map(lambda b: _three_positions(b, compatible=True)))
    assert (both["x"], both["y"], both["z"]) == ("in", "in", "out")


def test_rule2_two_assumed_positions_both_stand_and_are_flagged():
    """As in Carneades 4's paraconsistency example, both assumed positions stand; a note says so."""

    def build(b):
        b.question("q", "Q?")
        b.position("x", "X")
        b.position("y", "Y")

    m = _map(build)
    m = attrs.evolve(m, statements=tuple(attrs.evolve(s, assumed=s.id != "q") for s in m.statements))
    ev = evaluate(m, "carneades")
    assert (ev.status("x"), ev.status("y")) == (Status.IN, Status.IN)
    assert any("x and y of question 'q' are all assumed" in note for note in ev.notes)


@pytest.mark.parametrize(
    ("weights", "expected"),
    [((0.6, 0.4), ("in", "out")), ((0.4, 0.6), ("out", "in")), ((0.5, 0.5), ("out", "out"))],
)
def test_rule6_scintilla_does_not_depend_on_declaration_order(weights, expected):
    """Under SE every position with weight meets the standard: the heaviest wins, a tie none, either order."""

    def build(order):
        def inner(b):
            b.question("q", "Q?")
            for name in order:
                b.position(name, name.upper())
            b.claim("ex", "EX", assumed=True)
            b.claim("ey", "EY", assumed=True)
            b.pro("ex", "x", id="a-x", weight=weights[0])
            b.pro("ey", "y", id="a-y", weight=weights[1])

        m = _map(inner)
        statements = tuple(attrs.evolve(s, standard="se") if s.id == "q" else s for s in m.statements)
        return attrs.evolve(m, statements=statements)

    for order in (("x", "y"), ("y", "x")):
        statuses = _statuses(build(order))
        assert (statuses["x"], statuses["y"]) == expected


@pytest.mark.parametrize(
    ("standard", "w1", "w2", "carneades_4", "gordon_walton"),
    [
        ("cce", 0.7, 0.35, False, True),
        ("cce", 0.35, 0.0, False, False),
        ("cce", 0.9, 0.3, True, True),
        ("brd", 0.9, 0.25, True, False),
        ("brd", 0.9, 0.1, True, True),
        ("pe", 0.3, 0.2, True, True),
    ],
)
def test_rule6_both_threshold_sets(standard, w1, w2, carneades_4, gordon_walton):
    """Carneades 4's thresholds are the default; Gordon and Walton's (α 0.4, β 0.3, γ 0.2) on request."""
    assert greater(standard, w1, w2) is carneades_4
    assert greater(standard, w1, w2, CARNEADES_4) is carneades_4
    assert greater(standard, w1, w2, GORDON_WALTON) is gordon_walton


def test_rule6_thresholds_reach_the_evaluation():
    """evaluate_carneades(thresholds=GORDON_WALTON) resolves a CCE question differently, and says so."""
    m = _rivals(0.35, "cce")
    assert evaluate_carneades(m, frozenset()).status("yes") is Status.OUT
    gw = evaluate_carneades(m, frozenset(), thresholds=GORDON_WALTON)
    assert gw.status("yes") is Status.IN
    assert "Gordon and Walton" in gw.notes[-1]
    assert evaluate(m, "carneades", thresholds="gordon-walton").status("yes") is Status.IN
    with pytest.raises(ArgmapError, match=r"unknown thresholds 'gordon' \(did you mean 'gordon-walton'\?\)"):
        evaluate(m, "carneades", thresholds="gordon")


def _rule4(b):
    b.claim("p", "P")  # nothing supports p: it falls
    b.claim("r", "R", assumed=True)
    b.claim("u", "U")
    b.claim("v", "V")
    b.pro("v", "u", id="a-u")  # u and v support each other only: open
    b.pro("u", "v", id="a-v")
    b.claim("c", "C")
    b.pro(["p", "r"], "c", id="a-c")
    b.undercut("u", "a-c")


def test_rule4_an_out_premise_makes_the_argument_inapplicable_whatever_its_undercutter():
    """An OUT premise decides a linked argument even while its undercutter is open (Carneades 4 waits)."""
    ev = evaluate(_map(_rule4), "carneades")
    assert (ev.status("u"), ev.status("p")) == (Status.UNDECIDED, Status.OUT)
    assert ev.arguments["a-c"] == "inapplicable"
    assert ev.status("c") is Status.OUT
    reason = ev.explain("c").reasons[0].text
    assert "premise p (“P”) falls, so nothing else about it matters" in reason


def test_rule4_a_switched_off_premise_or_argument_decides_too():
    """A switched-off premise, or the argument itself switched off, leaves the conclusion unsupported."""
    m = _map(_rule4)
    assert evaluate(m, "carneades", off={"r"}).status("c") is Status.OUT
    assert "r (“R”) is switched off" in evaluate(m, "carneades", off={"r"}).explain("c").reasons[0].text

    def build(b):
        b.claim("r", "R", assumed=True)
        b.claim("c", "C")
        b.pro("r", "c", id="a-c", title="Because R")

    m = _map(build)
    assert evaluate(m, "carneades").status("c") is Status.IN
    ev = evaluate(m, "carneades", off={"a-c"})
    assert (ev.status("c"), ev.arguments["a-c"]) == (Status.OUT, "inapplicable")
    assert "“Because R” (a-c) is inapplicable: it is switched off" in ev.explain("c").reasons[0].text


def test_rule8_a_switched_off_undercutter_is_named_switched_off():
    """The explanation calls a switched-off undercutter "switched off", never "falls"."""

    def build(b):
        b.claim("r", "R", assumed=True)
        b.claim("u", "U", assumed=True)
        b.claim("c", "C")
        b.pro("r", "c", id="a-c")
        b.undercut("u", "a-c")

    m = _map(build)
    assert evaluate(m, "carneades").status("c") is Status.OUT
    ev = evaluate(m, "carneades", off={"u"})
    assert ev.status("c") is Status.IN
    text = str(ev.explain("c"))
    assert "undercutter u (“U”) is switched off" in text
    assert "u (“U”) falls" not in text


def test_rule3_support_loops_are_flagged_and_not_accepted():
    """Claims supporting only each other stay unaccepted and are named in the notes; evidence earns them."""

    def build(*, with_evidence):
        def inner(b):
            b.claim("a", "A")
            b.claim("b", "B")
            b.pro("a", "b", id="a-b")
            b.pro("b", "a", id="b-a")
            if with_evidence:
                b.evidence("e", "quote", source=b.source("s", "S"), supports="a")

        return _map(inner)

    ev = evaluate(build(with_evidence=False), "carneades")
    assert {ev.status("a"), ev.status("b")} == {Status.UNDECIDED}
    assert ev.notes == (
        (
            "carneades: support loop a → b → a: these claims support only each other and nothing"
            " (no evidence,"
            " assumption or outside argument) supports the loop; none of them is accepted"
        ),
    )
    earned = evaluate(build(with_evidence=True), "carneades")
    assert (earned.status("a"), earned.status("b"), earned.notes) == (Status.IN, Status.IN, ())


@settings(max_examples=80, deadline=None)
@given(data=st.data())
def test_rule3_adding_evidence_for_a_statement_never_makes_it_worse(data):
    """Adding a piece of evidence that supports statement s never lowers s's status (out < open < in)."""
    argument_map = data.draw(evaluation_maps())
    targets = [s.id for s in argument_map.statements if s.kind != "question"]
    target = data.draw(st.sampled_from(targets))
    weight = data.draw(st.none() | st.floats(min_value=0.05, max_value=1.0))
    undercutters = data.draw(st.lists(st.sampled_from(targets), max_size=1))
    before = evaluate(argument_map, "carneades")
    added = attrs.evolve(
        argument_map,
        statements=(*argument_map.statements, Evidence(id="new-e", quote="new", source="src")),
        arguments=(
            *argument_map.arguments,
            Argument(
                id="new-a",
                conclusion=target,
                premises=("new-e",),
                undercutters=tuple(u for u in undercutters if u != target),
                weight=weight,
            ),
        ),
    )
    after = evaluate(added, "carneades")
    rank = {Status.OUT: 0, Status.UNDECIDED: 1, Status.IN: 2}
    assert rank[after.status(target)] >= rank[before.status(target)]


@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_evaluation_does_not_depend_on_declaration_order(data):
    """Reversing the order of statements and arguments gives the same statuses (`se` included)."""
    argument_map = data.draw(evaluation_maps())
    standard = data.draw(st.sampled_from([None, "se", "pe", "cce", "dv"]))
    statements = tuple(
        attrs.evolve(s, standard=standard) if s.kind == "question" else s for s in argument_map.statements
    )
    argument_map = attrs.evolve(argument_map, statements=statements)
    flipped = attrs.evolve(
        argument_map,
        statements=tuple(reversed(argument_map.statements)),
        arguments=tuple(reversed(argument_map.arguments)),
    )
    assert dict(evaluate(argument_map, "carneades").statuses) == dict(evaluate(flipped, "carneades").statuses)


@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_competing_positions_never_both_stand_and_loops_never_stand(data):
    """On random maps at most one position of the question stands and no unearned loop member stands."""
    argument_map = data.draw(evaluation_maps())
    ev = evaluate(argument_map, "carneades")
    given = [p for p in argument_map.positions if p.assumed]
    if len(given) < 2 and not any(q.compatible for q in argument_map.questions):
        assert sum(ev.status(p.id) is Status.IN for p in argument_map.positions) <= 1
    for loop in unearned_support_loops(argument_map, frozenset(), frozenset()):
        assert all(ev.status(s) is not Status.IN for s in loop)
        assert any(" → ".join(loop[:2]) in note for note in ev.notes)


def _walk(explanation):
    yield explanation
    for child in explanation.because:
        yield from _walk(child)


@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_every_explanation_is_truthful_about_switched_off_parts(data):
    """Explaining every statement of random maps with random parts off: off parts are never said to fall."""
    argument_map = data.draw(evaluation_maps())
    parts = [s.id for s in argument_map.statements] + [a.id for a in argument_map.arguments]
    off = data.draw(st.frozensets(st.sampled_from(parts), max_size=3))
    ev = evaluate(argument_map, "carneades", off=off)
    off_names = [
        f"{s} (“{shorten(argument_map.statement(s).label)}”)" for s in off if argument_map.has_statement(s)
    ]
    for statement in argument_map.statements:
        for node in _walk(ev.explain(statement.id)):
            assert node.status is ev.status(node.id)
            assert node.status.reading in node.summary.split(":")[0]
            for reason in node.reasons:
                assert "contested" not in reason.text
                assert not any(f"{name} falls" in reason.text for name in off_names)


def test_hard_criteria_are_applied_through_linked_premises():
    """A criteria scheme's `hard` premise must stand: switched off, the generated argument weighs nothing."""
    text = (
        "statements:\n  price(porsche,low): Cheap\n  safe(porsche): Safe\n  buy(porsche): Buy it\n"
        "assumptions:\n  - price(porsche,low)\n  - safe(porsche)\n"
        "argument_schemes:\n  - id: choose\n    variables: [C, P]\n"
        "    weight: {criteria: {hard: [1], soft: {price: {factor: 1, values: {low: 0.8, high: 0.0}}}}}\n"
        "    premises:\n      - price(C, P)\n      - safe(C)\n    conclusions:\n      - buy(C)\n"
    )
    m = carneades.loads(text)
    (argument,) = m.arguments
    assert (argument.premises, argument.weight) == (("price(porsche,low)", "safe(porsche)"), 0.8)
    assert evaluate(m, "carneades").status("buy(porsche)") is Status.IN
    assert evaluate(m, "carneades", off={"safe(porsche)"}).status("buy(porsche)") is Status.OUT
