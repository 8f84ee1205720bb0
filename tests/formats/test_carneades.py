"""Reading Carneades 4 YAML argument graphs as argument maps."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from argmap.errors import ArgmapError, ParseError
from argmap.formats import carneades
from argmap.formats.carneades import _model, _preference, _terms
from argmap.model import Claim, Position, Question

YAML = Path(__file__).resolve().parents[1] / "data" / "carneades" / "yaml"
SHARED_YAML = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpora" / "carneades" / "yaml"

TWEETY = (YAML / "tweety.yml").read_text()


def test_statements_issues_arguments_and_assumptions_map_onto_the_model():
    """Statements become claims, issue positions become positions of a question, assumptions are assumed."""
    graph = carneades.read(TWEETY, file="tweety.yml")
    m = graph.argument_map
    assert m.title == "The Classic Tweety Example"
    question = m.statement("i1")
    assert isinstance(question, Question)
    assert [p.id for p in m.positions_of("i1")] == ["flies", "¬flies"]
    assert isinstance(m.statement("flies"), Position)
    assert isinstance(m.statement("bird"), Claim)
    assert {s.id for s in m.statements if s.assumed} == {"bird", "birdsFly", "ill"}
    assert m.statement("penguin").label == "Tweety is a penguin."
    a1 = m.argument("a1")
    assert (a1.conclusion, a1.premises, a1.undercutters, a1.stance) == (
        "flies",
        ("bird", "birdsFly"),
        ("¬app(a1)",),
        "pro",
    )
    assert a1.note == "premise roles: minor=bird, major=birdsFly"
    assert [a.id for a in m.arguments] == ["a1", "a2", "a3", "a4"]


def test_tests_block_gives_the_expected_labels_in_order():
    """The `tests:` block is returned as (statement id, label) pairs, and as a dict."""
    graph = carneades.read(TWEETY)
    assert graph.expected[:2] == (("bird", "in"), ("ill", "in"))
    assert carneades.expected_labels(TWEETY)["flies"] == "out"
    assert len(graph.expected) == 8


def test_statement_with_assumed_flag_and_text_mapping():
    """`text:` and `assumed: true` inside a statement mapping are read."""
    m = carneades.loads("statements:\n  q:\n    text: Q\n    assumed: true\n  r: {text: R}\n")
    assert (m.statement("q").label, m.statement("q").assumed) == ("Q", True)
    assert (m.statement("r").label, m.statement("r").assumed) == ("R", False)


def test_proof_standard_goes_on_the_question():
    """An issue's proof standard is the question's standard; PE, Carneades' default, is left unset."""
    text = (
        "statements: {p: P, q: Q}\nissues:\n"
        "  i1: {positions: [p, q], standard: CCE}\n  i2: {positions: [], standard: PE}\n"
    )
    graph = carneades.read(text)
    assert graph.argument_map.statement("i1").standard == "cce"
    assert graph.skipped == ("issue i2 has no positions and was left out",)
    bachelor = carneades.loads((YAML / "bachelor.yml").read_text())
    assert bachelor.statement("i1").standard is None


def test_term_ids_are_normalised_so_references_match():
    """A statement id written as a term with spaces matches the same term written without them."""
    text = "statements:\n  f(a, b): F\nassumptions: ['f(a,b)']\ntests: {in: ['f( a,b )']}\n"
    graph = carneades.read(text)
    assert [s.id for s in graph.argument_map.statements] == ["f(a,b)"]
    assert graph.argument_map.statement("f(a,b)").assumed
    assert graph.expected == (("f(a,b)", "in"),)


def test_argument_without_premises_gets_the_no_premises_claim():
    """Carneades allows arguments without premises; they get the assumed claim `no-premises`."""
    m = carneades.loads((YAML / "trivial.yml").read_text())
    assert m.argument("a1").premises == (carneades.NO_PREMISES,)
    added = m.statement(carneades.NO_PREMISES)
    assert added.assumed
    assert "no premises" in added.label


def test_constant_weights_of_schemes_become_argument_weights():
    """A scheme with a constant weighing gives its arguments that weight and its name."""
    m = carneades.loads((YAML / "rebuttal.yml").read_text())
    assert [(a.id, a.scheme, a.weight) for a in m.arguments] == [("a1", "s1", 0.1), ("a2", "s2", 0.5)]


def test_preference_weighing_ranks_the_arguments_about_an_issue():
    """Lex superior then lex posterior: the federal law outranks the later state law (1.0 vs 0.5)."""
    m = carneades.loads((YAML / "lex.yml").read_text())
    assert (m.argument("a1").weight, m.argument("a2").weight, m.argument("a3").weight) == (1.0, 0.5, None)


def test_basic_weighing_schemes_are_kept_as_scheme_names():
    """linked, convergent, cumulative and factorized need no declaration."""
    m = carneades.loads((YAML / "linked-convergent.yml").read_text())
    assert [(a.id, a.scheme) for a in m.arguments] == [("a1", "convergent"), ("a2", "linked")]


def test_schemes_with_variables_generate_arguments():
    """Schemes with variables are applied to the assumptions; exceptions become undercutters."""
    graph = carneades.read((YAML / "basic_event_calculus.yml").read_text())
    m = graph.argument_map
    holds = m.pro("holdsAt(wfh_required,5)")
    assert [(a.scheme, a.premises, a.undercutters) for a in holds] == [
        (
            "holds_if_initiated",
            ("lt(1,5)", "initiates(wfh_order,wfh_required,1)", "happens(wfh_order,1)"),
            ("stoppedIn(1,wfh_required,5)",),
        )
    ]
    assert m.statement("lt(1,5)").assumed
    assert (
        m.statement("stoppedIn(1,wfh_required,5)").label
        == "after 1 the condition wfh_required started, before 5."
    )
    assert graph.skipped == (
        "3 assumption(s) name no statement and were left out: lt(2,4), lt(2,5), lt(4,5)",
    )


def test_issue_schemes_make_issues_of_matching_statements():
    """An enumeration pattern gathers every matching statement; others pair statements by bindings."""
    porsche = carneades.loads((YAML / "mcda-porsche.yml").read_text())
    assert [[p.id for p in porsche.positions_of(q.id)] for q in porsche.questions] == [
        ["buy(porsche)", "buy(volvo)"],
        ["safety(volvo,high)", "safety(volvo,medium)"],
    ]
    events = carneades.loads((YAML / "basic_event_calculus.yml").read_text())
    assert [p.id for p in events.positions_of("i1")] == [
        "holdsAt(wfh_required,3)",
        "notHoldsAt(wfh_required,3)",
    ]


def test_criteria_weighing_scores_the_premises_values():
    """Multi-criteria weighing: the weighted score of price, type, speed and safety."""
    m = carneades.loads((YAML / "mcda-porsche.yml").read_text())
    weights = {(a.conclusion, a.premises[-1]): a.weight for a in m.arguments}
    assert weights[("buy(volvo)", "safety(volvo,medium)")] == 0.7
    assert weights[("buy(porsche)", "safety(porsche,medium)")] == 0.3
    assert weights[("safety(volvo,medium)", "gov_stats(volvo,medium)")] == 0.8


def test_chr_only_schemes_are_reported():
    """Schemes with CHR deletions are not run, and the graph says so."""
    graph = carneades.read((YAML / "chr-leq.yml").read_text())
    assert any("idempotence uses deletions" in note for note in graph.skipped)


def test_ids_clashing_across_carneades_namespaces_are_suffixed():
    """Carneades keeps issue, statement and argument ids apart; argmap has one namespace."""
    text = (
        "statements: {x: X, p: P, q: Q}\nissues: {x: {positions: [p, q]}}\n"
        "arguments: {p: {conclusion: x, premises: [q]}}\n"
    )
    m = carneades.loads(text)
    assert m.statement("x-issue").note == "Carneades issue x"
    assert m.argument("p-argument").note == "Carneades argument p"
    assert m.statement("p").answers == "x-issue"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "statements: {p: P}\narguments:\n  a1: {conclusion: r}\n",
            r"g\.yml:3:20: argument 'a1': conclusion 'r' is not a statement",
        ),
        (
            "statements: {p: P}\narguments:\n  a1: {conclusion: p, premises: [q]}\n",
            r"g\.yml:3:34: argument 'a1': premise 'q'",
        ),
        (
            "statements: {p: P}\narguments:\n  a1: {conclusion: p, scheme: zz}\n",
            r"g\.yml:3:31: .*scheme 'zz' is not defined",
        ),
        (
            "statements: {p: P}\narguments:\n  a1: {premises: [p]}\n",
            r"g\.yml:3:7: argument 'a1' has no conclusion",
        ),
        (
            "statements: {p: P}\narguments:\n  a1: {conclusion: p, colour: red}\n",
            r"g\.yml:3:23: argument 'a1': unknown key 'colour'",
        ),
        (
            "statements: {p: P}\nissues: {i1: {positions: [p, q]}}\n",
            r"g\.yml:2:30: issue 'i1': position 'q' is not a statement",
        ),
        (
            "statements: {p: P, q: Q}\nissues: {i1: {positions: [p, q], standard: XX}}\n",
            r"unknown proof standard 'XX'",
        ),
        ("statements: {p: P}\ntests: {in: [p], maybe: [p]}\n", r"g\.yml:2:18: tests: unknown label 'maybe'"),
        ("statements: {p: P}\ntests: {in: [z]}\n", r"tests: in: 'z' is not a statement"),
        ("statements: [p]\n", r"g\.yml:1:13: statements must be a mapping"),
        ("statements: {p: P\n", r"g\.yml:2:1: .*check indentation"),
        ("- a\n", r"g\.yml:1:1: a Carneades graph is a mapping"),
    ],
)
def test_errors_point_at_file_line_column(text, message):
    """Wrong references and shapes raise ParseError at file:line:column with what to do."""
    with pytest.raises(ParseError, match=message):
        carneades.read(text, file="g.yml")


def test_empty_graph_reads_as_an_empty_map():
    """An empty Carneades graph is an empty map, titled by its meta title or else its file name."""
    m = carneades.loads((YAML / "empty.yml").read_text(), file="x/empty.yml")
    assert (m.statements, m.arguments, m.title) == ((), (), "The Empty Argument Graph")
    assert carneades.loads("", file="x/nothing.yml").title == "nothing"


def test_locations_of_every_id():
    """The graph records where each statement, issue and argument is defined."""
    graph = carneades.read(TWEETY, file="tweety.yml")
    assert str(graph.locations["penguin"]) == "tweety.yml:13:3"
    assert str(graph.locations["a3"]) == "tweety.yml:32:3"


@pytest.mark.parametrize("path", sorted(YAML.glob("*.yml")), ids=lambda p: p.name)
def test_every_bundled_graph_reads(path):
    """All 43 Carneades example graphs (MPL, bundled unmodified) read into valid maps."""
    graph = carneades.read(path.read_text(), file=str(path))
    ids = {s.id for s in graph.argument_map.statements}
    assert all(sid in ids for sid, _ in graph.expected)


@pytest.mark.corpus
def test_bundled_copies_match_the_shared_corpus():
    """tests/data/carneades/yaml holds the shared corpus files unmodified (MPL: redistribute as is)."""
    if not SHARED_YAML.is_dir():
        pytest.skip("../shared/corpora/carneades is not beside this clone")
    shared = {p.name: p.read_bytes() for p in SHARED_YAML.glob("*.yml")}
    bundled = {p.name: p.read_bytes() for p in YAML.glob("*.yml")}
    assert bundled == shared


# -- bad input: every file in tests/data/bad/carneades gives exactly this one-line message ------

BAD = Path(__file__).resolve().parents[1] / "data" / "bad" / "carneades"

BAD_MESSAGES = {
    "billion-laughs.yml": (
        "billion-laughs.yml:1:40: the YAML expands to more than 200,000 values through aliases"
        " (write the repeated parts out instead of `*alias` references)"
    ),
    "combinations.yml": (
        "combinations.yml:204:5: scheme 'combo' would make more than 10,000 arguments: its"
        " premises match too many combinations of facts, or its conclusions feed its premises"
        " again (give it more specific premises)"
    ),
    "deep-formula.yml": (
        "deep-formula.yml:5:5: scheme 'deep': formula 'q(q(q(q(q(q(q(q(q(q(q(q(q(q(q(q(q(q(q(q…':"
        " the term nests deeper than 64 levels (Carneades formulas are shallow; flatten it)"
    ),
    "deep-term.yml": (
        "deep-term.yml:4:5: id 'f(f(f(f(f(f(f(f(f(f(f(f(f(f(f(f(f(f(f(f…' nests terms 5,000"
        " levels deep (Carneades terms nest at most 64 levels here; flatten the term)"
    ),
    "deep-yaml.yml": (
        "deep-yaml.yml:1:112: the YAML nests deeper than 100 levels (a Carneades graph needs a"
        " few; flatten it)"
    ),
    "duplicate-key.yml": (
        "duplicate-key.yml:4:3: duplicate key 'p', first at line 2 (each key may appear once in a"
        " mapping; merge the two or rename one)"
    ),
    "grow-doubling.yml": (
        "grow-doubling.yml:5:5: scheme 'grow' never stops: it builds ever larger terms (p(…) past"
        " 64 levels or 4,096 parts) by feeding its conclusion back into its premises (change the"
        " conclusion so that it no longer matches a premise)"
    ),
    "grow-nested.yml": (
        "grow-nested.yml:5:5: scheme 'grow' never stops: it builds ever larger terms (p(…) past"
        " 64 levels or 4,096 parts) by feeding its conclusion back into its premises (change the"
        " conclusion so that it no longer matches a premise)"
    ),
    "hard-out-of-range.yml": (
        "hard-out-of-range.yml:8:15: scheme 'choose': criteria: hard premise index 3 is out of"
        " range (the scheme has 1 premise, numbered from 0)"
    ),
    "not-a-graph.yml": (
        "not-a-graph.yml:1:1: a Carneades graph is a mapping with statements, issues, arguments"
        " and assumptions, got a list"
    ),
    "recursive-alias.yml": (
        "recursive-alias.yml:1:13: a YAML alias refers to a collection that contains it (remove"
        " the recursive `*alias`)"
    ),
    "self-support.yml": (
        "self-support.yml:5:33: argument 'a1' has its conclusion 'p' among its premises (a"
        " statement cannot support itself)"
    ),
    "term-twice.yml": (
        "term-twice.yml:3:3: statement 'owns(ann,car)' is defined twice, first at line 2 (spaces"
        " inside a term do not count; give each statement its own id)"
    ),
    "undercutter-list.yml": (
        "undercutter-list.yml:9:18: argument 'a1': undercutter must be one statement id, got a"
        " list (Carneades allows one undercutter per argument)"
    ),
    "unknown-premise.yml": (
        "unknown-premise.yml:7:16: argument 'a1': premise 'rian' is not a statement (did you mean 'rain'?)"
    ),
    "unknown-standard.yml": (
        "unknown-standard.yml:7:15: issue 'i1': unknown proof standard 'BRDX' (use PE, CCE, BRD or DV)"
    ),
}


def test_every_bad_file_has_its_expected_message():
    """The table above lists exactly the files of tests/data/bad/carneades."""
    assert sorted(p.name for p in BAD.glob("*.yml")) == sorted(BAD_MESSAGES)


@pytest.mark.parametrize("name", sorted(BAD_MESSAGES))
def test_bad_input_gives_one_located_line(name):
    """Each bad graph raises ParseError with file:line:column, what is wrong and how to fix it, fast."""
    started = time.process_time()
    with pytest.raises(ParseError) as caught:
        carneades.read((BAD / name).read_text(encoding="utf-8"), file=name)
    assert str(caught.value) == BAD_MESSAGES[name]
    assert "\n" not in str(caught.value)
    assert time.process_time() - started < 10  # bounded: these hung or ran out of memory before


def test_rule_engine_limits_are_checked_while_enumerating():
    """`p(X) → p(f(X))` neither recurses nor runs on; a bounded rule set still runs to its end."""
    for name in ("grow-nested.yml", "grow-doubling.yml"):
        with pytest.raises(ParseError, match="never stops"):
            carneades.read((BAD / name).read_text(), file=name)
    text = (
        "statements: {p(a): A}\nassumptions: [p(a)]\n"
        "argument_schemes:\n  - id: step\n    variables: [X]\n    premises: [p(X)]\n    conclusions: [q(X)]\n"
    )
    graph = carneades.read(text)
    assert [(a.conclusion, a.premises) for a in graph.argument_map.arguments] == [("q(a)", ("p(a)",))]


def test_terms_are_parsed_without_recursion():
    """Terms parse, print and match iteratively; nesting beyond the limit is a TermError."""
    deep = "f(" * 60 + "x" + ")" * 60
    term = _terms.parse(deep, variables=False)
    assert _terms.show(term) == deep
    assert _terms.measure(term) == (61, 61)
    with pytest.raises(_terms.TermError):
        _terms.parse("f(" * 65 + "x" + ")" * 65, variables=False)
    pattern = _terms.parse("p(X, g(Y), X)", variables=True)
    assert _terms.match(pattern, _terms.parse("p(a, g(b), a)", variables=False), {}) == {"X": "a", "Y": "b"}
    assert _terms.match(pattern, _terms.parse("p(a, g(b), c)", variables=False), {}) is None
    assert _terms.parse("p(a,", variables=False) is None


def _meta_scheme(name: str, level: str) -> str:
    return f"  - id: {name}\n    meta: {{level: {level}}}\n    weight: prefer\n"


@pytest.mark.parametrize(("x", "y"), [("b", "a"), ("2024-01-01", "2023-01-01"), ("10", "9"), ("abc", "10")])
def test_preference_comparison_is_antisymmetric(x, y):
    """For any two values, at most one argument ranks below the other, whatever their type."""
    schemes = {
        "s1": _model.Scheme(id="s1", meta={"level": x}),
        "s2": _model.Scheme(id="s2", meta={"level": y}),
    }
    a, b = {"scheme": "s1"}, {"scheme": "s2"}
    for direction in ("ascending", "descending"):
        order = [("level", direction, [])]
        assert _preference.compare(a, b, order, schemes) == -_preference.compare(b, a, order, schemes) != 0
        assert _preference.less(a, b, order, schemes) != _preference.less(b, a, order, schemes)


def test_text_preferences_rank_by_direction():
    """Text values compare as text, in the order's direction (descending: later in the alphabet weaker)."""
    text = (
        "statements: {p: P, q: Q, r: R, s: S}\nissues: {i: {positions: [p, q]}}\nassumptions: [r, s]\n"
        "weighing_functions:\n  prefer: {preference: [{property: level, order: ascending}]}\n"
        "argument_schemes:\n" + _meta_scheme("low", "alpha") + _meta_scheme("high", "beta") + "arguments:\n"
        "  a1: {conclusion: p, premises: [r], scheme: low}\n"
        "  a2: {conclusion: q, premises: [s], scheme: high}\n"
    )
    m = carneades.loads(text)
    assert (m.argument("a1").weight, m.argument("a2").weight) == (0.5, 1.0)
    descending = carneades.loads(text.replace("order: ascending", "order: descending"))
    assert (descending.argument("a1").weight, descending.argument("a2").weight) == (1.0, 0.5)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.one_of(
        st.text(max_size=400),
        st.lists(
            st.sampled_from(
                [
                    "statements:\n",
                    "  p: P\n",
                    "  f(X, g(a)): T\n",
                    "issues: {i: {positions: [p, q]}}\n",
                    "arguments:\n",
                    "  a1: {conclusion: p, premises: [q]}\n",
                    "assumptions: [p, f(a)]\n",
                    "argument_schemes:\n  - id: s\n    variables: [X]\n",
                    "    premises: [p(X)]\n",
                    "    conclusions: [p(f(X))]\n",
                    "    weight: {criteria: {hard: [0, x]}}\n",
                    "tests: {in: [p]}\n",
                    "&a [*a]\n",
                    "- x\n",
                    "\t",
                    ": ",
                    "'",
                    "((((",
                    "]]",
                    "weighing_functions: {w: {preference: {property: l, order: [a]}}}\n",
                ]
            ),
            max_size=14,
        ).map("".join),
    )
)
def test_fuzzed_graphs_raise_only_argmap_errors(text):
    """Whatever the text, reading it gives a graph or an ArgmapError: no other exception escapes."""
    try:
        carneades.read(text, file="fuzz.yml")
    except ArgmapError as error:
        message = str(error)
    else:
        return
    assert message.startswith("fuzz.yml")
