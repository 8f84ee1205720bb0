"""Carneades semantics: Carneades 4's own expected labels, proof standards, weighing, cycles."""

from __future__ import annotations

from pathlib import Path

import attrs
import pytest

from argmap.evaluation import SEMANTICS, Status, evaluate
from argmap.evaluation.carneades import greater
from argmap.formats import carneades
from argmap.model import ArgumentMap

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
    """A claim nobody assumed and nothing supports is OUT (unlike grounded); an assumption is IN."""
    m = _map(lambda b: (b.claim("bare", "Bare"), b.claim("given", "Given", assumed=True)))
    assert _statuses(m) == {"bare": "out", "given": "in"}
    assert evaluate(m, "grounded").status("bare") is Status.IN


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


def test_position_needs_to_outweigh_its_rivals_under_the_question_standard():
    """The heavier position wins under PE; under CCE it must lead by more than 0.5."""

    def build(b):
        b.question("q", "Q?")
        b.position("yes", "Yes")
        b.position("no", "No")
        b.claim("e1", "E1", assumed=True)
        b.claim("e2", "E2", assumed=True)
        b.pro("e1", "yes", id="a-yes", weight=0.7)
        b.pro("e2", "no", id="a-no", weight=0.4)

    m = _map(build)
    statements = tuple(attrs.evolve(s, standard="cce") if s.id == "q" else s for s in m.statements)
    strict = attrs.evolve(m, statements=statements)
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
    assert "contested" in ev.explain(m.statements[0].id).summary


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
    with pytest.raises(Exception, match="off names no statement"):
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
