"""Tests for argmap.rendering.dot: golden DOT files and the laws of DOT emission (no engine needed)."""

from __future__ import annotations

import re

import pytest

from argmap.errors import EvaluationError, RenderError, UnknownIdError
from argmap.evaluation import evaluate
from argmap.model import ArgumentMap
from argmap.rendering import DIRECTIONS, THEMES, status_classes, to_dot
from argmap.rendering.dot import build
from argmap.rendering.metrics import LABEL_LIMIT

# name -> (map factory, render options); each is compared with tests/golden/<name>.dot
GOLDEN_CASES = {
    "relations": ("relations", {}),
    "relations-lr": ("relations", {"direction": "LR"}),
    "relations-no-legend": ("relations", {"legend": False}),
    "relations-off": ("relations", {"off": ["ev-survey"]}),
    "statuses-grounded": ("statuses", {"semantics": "grounded", "off": ["ev-sleep"]}),
    "statuses-df-quad": ("statuses", {"semantics": "df-quad", "off": ["ev-sleep"]}),
    "statuses-dark": ("statuses", {"semantics": "grounded", "off": ["ev-sleep"], "theme": "dark"}),
    "statuses-print": ("statuses", {"semantics": "grounded", "off": ["ev-sleep"], "theme": "print"}),
}


def options_for(argument_map, options):
    """Turn a case's options into render() arguments, evaluating when a semantics is named."""
    options = dict(options)
    semantics = options.pop("semantics", None)
    if semantics is None:
        return None, options
    evaluation = evaluate(argument_map, semantics, off=options.pop("off", ()))
    return evaluation, options


@pytest.mark.parametrize("name", sorted(GOLDEN_CASES))
def test_dot_matches_golden(name, golden, maps):
    """The DOT for each small case is byte-for-byte the reviewed golden file."""
    factory, options = GOLDEN_CASES[name]
    argument_map = maps.cases[factory]()
    evaluation, rest = options_for(argument_map, options)
    golden(f"{name}.dot", to_dot(argument_map, evaluation, **rest))


@pytest.mark.parametrize("semantics", [None, "grounded", "df-quad"])
def test_example_map_dot_matches_golden(alliance, golden, semantics):
    """The example map's DOT, plain and evaluated, is byte-for-byte the golden file."""
    evaluation = evaluate(alliance, semantics) if semantics else None
    golden(f"alliance{'-' + semantics if semantics else ''}.dot", to_dot(alliance, evaluation))


def test_dot_is_deterministic(maps):
    """Building the same map twice gives identical DOT text."""
    assert to_dot(maps.relations()) == to_dot(maps.relations())


def node_ids(dot):
    """Return the SVG ids given to nodes in DOT text, in order."""
    return re.findall(r'^  "[^"]*" \[.*? id="([^"]*)"', dot, flags=re.MULTILINE)


def test_every_statement_is_one_node_named_by_its_id(maps):
    """Each statement appears once as a node whose DOT name and id are its model id."""
    argument_map = maps.relations()
    dot = to_dot(argument_map)
    ids = [i for i in node_ids(dot) if not i.startswith("arg:")]
    assert ids == [s.id for s in argument_map.statements]
    for statement in argument_map.statements:
        assert dot.count(f'\n  "{statement.id}" [') == 1


def test_linked_premises_and_undercuts_meet_at_a_junction(maps):
    """A linked or undercut argument is a junction node; the undercut edge ends on it, not on a statement."""
    dot = to_dot(maps.relations())
    assert '"arg:a-minor" [' in dot
    assert re.search(r'"c-few" -> "arg:a-minor" \[.*id="arg:a-minor:premise:c-few"', dot)
    assert re.search(r'"c-minor" -> "arg:a-minor" \[', dot)
    assert re.search(r'"arg:a-minor" -> "c-bully" \[.*arrowhead=tee', dot)
    assert re.search(
        r'"c-reported" -> "arg:a-minor" \[.*class="argmap-edge argmap-undercut".*style=dotted', dot
    )


def test_pro_and_con_differ_in_more_than_colour(maps):
    """Pro edges are solid with an arrow; con edges are dashed and end in a bar (survives grayscale)."""
    dot = to_dot(maps.relations(), theme="print")
    pro = re.search(r'"c-cost" -> "yes" \[(.*)\];', dot)
    con = re.search(r'"arg:a-minor" -> "c-bully" \[(.*)\];', dot)
    assert pro
    assert con
    assert "arrowhead=normal" in pro.group(1)
    assert "style=solid" in pro.group(1)
    assert "arrowhead=tee" in con.group(1)
    assert "style=dashed" in con.group(1)


def test_status_marks_are_words_in_fixed_cells(maps):
    """Each status is written as a glyph and a word in a cell of fixed size."""
    argument_map = maps.statuses()
    dot = to_dot(argument_map, evaluate(argument_map, "grounded", off={"ev-sleep"}))
    for mark in ("√ stands", "× falls", "? open", "○ off"):
        assert re.search(
            rf'<TD FIXEDSIZE="TRUE" HEIGHT="14" WIDTH="52" BGCOLOR="[^"]+">.*?{re.escape(mark)}', dot
        )


def geometry(dot):
    """Return the DOT with everything status- or colour-dependent removed."""
    dot = re.sub(r'(BG)?COLOR="[^"]*"|(fill)?color="[^"]*"|fontcolor="[^"]*"', "", dot)
    dot = re.sub(r"<B>[^<]*</B>|argmap-[a-z-]+|style=\S+|tooltip=\"[^\"]*\"|data-\S+", "", dot)
    dot = re.sub(r'"(in|out|undecided|off|none)"', "", dot)
    return re.sub(r"\(\w+ semantics\)", "", dot)


def test_status_changes_no_size_or_structure(maps):
    """Switching evidence off changes only colours, classes, styles and badge words, never sizes."""
    argument_map = maps.statuses()
    on = to_dot(argument_map, evaluate(argument_map, "grounded"))
    off = to_dot(argument_map, evaluate(argument_map, "grounded", off={"ev-sleep", "ev-fees"}))
    assert on != off
    assert geometry(on) == geometry(off)


@pytest.mark.parametrize("theme", sorted(THEMES))
def test_themes_change_colours_only(theme, maps):
    """Every theme lays out the same graph: only colours differ from the default."""
    argument_map = maps.statuses()
    evaluation = evaluate(argument_map, "grounded", off={"ev-sleep"})
    default = to_dot(argument_map, evaluation)
    themed = to_dot(argument_map, evaluation, theme=theme)
    strip = re.compile(r"#[0-9A-Fa-f]{6}|argmap-theme-\w+")
    assert strip.sub("", default) == strip.sub("", themed)


@pytest.mark.parametrize("direction", DIRECTIONS)
def test_direction_sets_rankdir(direction, maps):
    """The question sits where asked: edges run premise to conclusion, so rankdir is reversed."""
    expected = {"TB": "BT", "BT": "TB", "LR": "RL", "RL": "LR"}[direction]
    assert f"rankdir={expected}" in to_dot(maps.relations(), direction=direction)


def test_legend_explains_kinds_relations_and_statuses(maps):
    """The legend names every kind and relation, and statuses once there are any to explain."""
    argument_map = maps.statuses()
    plain = to_dot(argument_map)
    for word in ("QUESTION", "POSITION", "CLAIM", "EVIDENCE", "supports", "opposes", "undercuts", "answers"):
        assert word in plain
    assert "√ stands" not in plain
    evaluated = to_dot(argument_map, evaluate(argument_map, "df-quad"))
    assert "Status (df-quad semantics)" in evaluated
    assert "strength from 0 to 1" in evaluated
    assert "supports" not in to_dot(argument_map, legend=False)


def test_evidence_shows_quote_speaker_source_and_links_its_url(maps):
    """Evidence shows a short quote, the speaker, the source with locator, and links an http(s) URL."""
    dot = to_dot(maps.relations())
    line = next(x for x in dot.splitlines() if x.startswith('  "ev-survey" ['))
    assert "“Only 3% of students said they had" in line
    assert "— District office" in line
    assert "School climate survey 2024, p. 4" in line
    assert 'URL="https://example.org/survey?year=2024&amp;part=4"' in line
    assert 'target="_blank"' in line


def test_long_quotes_are_shortened_on_the_map_and_kept_whole_in_the_tooltip():
    """A 1,500-character quote shows as a short excerpt; the tooltip has all of it."""
    m = ArgumentMap.build("Long")
    claim = m.claim("c", "A claim")
    quote = "word " * 300
    m.evidence("e", quote, source=m.source("s", "S"), supports=claim)
    dot = to_dot(m.finish())
    line = next(x for x in dot.splitlines() if x.startswith('  "e" ['))
    label = re.search(r"label=<(.*)>", line).group(1)
    assert label.count("word") < 40
    assert "…" in label
    assert re.search(r'tooltip="[^"]*', line).group(0).count("word") == 300


def test_huge_text_is_capped_in_label_and_tooltip_and_noted():
    """A 100,000-character statement is cut to LABEL_LIMIT in its label and TOOLTIP_LIMIT in its tooltip."""
    m = ArgumentMap.build("Huge")
    m.claim("c-huge", "word " * 20_000, note="&" * 100_000)
    drawing = build(m.finish())
    line = next(x for x in drawing.dot.splitlines() if x.startswith('  "c-huge" ['))
    label = re.search(r"label=<(.*)>", line).group(1)
    assert label.count("word") <= LABEL_LIMIT // 5
    tooltip = re.search(r'tooltip="[^"]*"', line).group(0)
    assert len(tooltip) < 16_384
    assert max(len(x) for x in drawing.dot.splitlines()) < 32_000
    (note,) = drawing.notes
    assert "'c-huge' is longer than 600 characters" in note


def test_unknown_options_raise_with_the_allowed_values(maps):
    """A typo in theme, direction or off ids is an ArgmapError that lists what is allowed."""
    argument_map = maps.relations()
    with pytest.raises(RenderError, match=r"unknown theme: 'neon'.*default, dark, print"):
        to_dot(argument_map, theme="neon")
    with pytest.raises(RenderError, match="unknown direction: 'up'"):
        to_dot(argument_map, direction="up")
    with pytest.raises(UnknownIdError, match=r"cannot switch off 'ev-survy'.*'ev-survey'"):
        to_dot(argument_map, off=["ev-survy"])


def test_off_must_agree_with_the_evaluation(maps):
    """Giving an evaluation and a different off set is refused rather than drawn inconsistently."""
    argument_map = maps.relations()
    evaluation = evaluate(argument_map, "grounded", off={"ev-survey"})
    assert to_dot(argument_map, evaluation, off=["ev-survey"]) == to_dot(argument_map, evaluation)
    with pytest.raises(EvaluationError, match="differs from the evaluation"):
        to_dot(argument_map, evaluation, off=["ev-price"])


def test_status_classes_map_every_statement_to_its_css_class(maps):
    """status_classes gives the class the SVG carries for each statement's status."""
    argument_map = maps.statuses()
    evaluation = evaluate(argument_map, "grounded", off={"ev-sleep"})
    classes = status_classes(evaluation)
    assert classes["ev-sleep"] == "argmap-status-off"
    assert classes["c-rest"] == "argmap-status-out"
    assert classes["c-paid"] == "argmap-status-undecided"
    assert classes["no"] == "argmap-status-in"
    dot = to_dot(argument_map, evaluation)
    for key, css in classes.items():
        assert re.search(rf'^  "{re.escape(key)}" \[class="argmap-node argmap-\w+ {css}', dot, re.MULTILINE)


def test_junction_name_clash_is_reported():
    """A statement named like an argument's junction is an error that says what to rename."""
    m = ArgumentMap.build("Clash")
    m.claim("c", "C")
    m.claim("d", "D")
    m.claim("arg:x", "named like a junction")
    m.pro(["c", "d"], "arg:x", id="x")
    with pytest.raises(RenderError, match="rename the statement"):
        to_dot(m.finish())


def rival_lines_map():
    """Two positions with two lines each; one premise serves both, one statement only undercuts."""
    m = ArgumentMap.build("Rivals")
    m.question("q", "Which?")
    m.position("a", "Answer A")
    m.position("b", "Answer B")
    m.claim("a1", "A's first reason", supports="a")
    m.claim("a2", "A's second reason", supports="a")
    m.claim("shared", "A premise both lines of argument use", supports="a2")
    m.claim("b1", "B's first reason", supports="b")
    m.pro(["shared"], "b1", id="b1-from-shared")
    m.claim("b2", "B's second reason", supports="b")
    m.claim("cut", "Only undercuts B's second line")
    m.undercut("cut", "b2.pro.b")
    m.claim("alone", "Connected to nothing")
    return m.finish()


def cluster_members(dot):
    """Return {cluster name: [DOT names of its members, in order]} of DOT text."""
    blocks = re.findall(r'^  subgraph "(cluster_\d+)" \{\n(.*?)\n  \}$', dot, re.MULTILINE | re.DOTALL)
    return {name: re.findall(r'^    "([^"]*)" \[', body, re.MULTILINE) for name, body in blocks}


def test_rival_positions_each_group_their_lines_of_argument():
    """Each position heads an invisible cluster of its lines; links between groups sit next to each other."""
    dot = to_dot(rival_lines_map())
    groups = cluster_members(dot)
    assert list(groups) == ["cluster_1", "cluster_2"]
    # A's line through a2 reaches "shared", which B's line b1 uses too: it comes last in A's
    # group and first in B's, next to each other; the undercut junction goes with B's group.
    assert groups["cluster_1"] == ["a", "a1", "a2", "shared"]
    assert groups["cluster_2"] == ["b", "b1", "b2", "cut", "arg:b2.pro.b"]
    assert (
        '    graph [bgcolor="" class="argmap-group" id="" label="" margin="4" peripheries="0" tooltip=""];'
        in dot
    )
    assert re.search(r'^  "alone" \[', dot, re.MULTILINE), "a statement no position reaches is not grouped"
    assert '  { rank=same; "a" -> "b" [style=invis]; }' in dot


def test_a_single_line_of_argument_per_position_is_not_grouped(maps):
    """Small maps keep Graphviz's own order: no clusters and no rank constraint."""
    for argument_map in (maps.relations(), maps.statuses()):
        dot = to_dot(argument_map)
        assert "subgraph" not in dot
        assert "rank=same" not in dot


def test_many_leaves_are_drawn_in_steps():
    """A claim's evidence goes down in steps of three ranks from three leaves on, in twos below that."""
    m = ArgumentMap.build("Steps")
    m.claim("c", "A claim with four pieces of evidence")
    m.claim("d", "A claim with two")
    src = m.source("s", "A source")
    for key in ("e1", "e2", "e3", "e4"):
        m.evidence(key, f"Quote {key}", source=src, supports="c")
    for key in ("f1", "f2"):
        m.evidence(key, f"Quote {key}", source=src, supports="d")
    dot = to_dot(m.finish(), legend=False)

    def minlen(premise, conclusion):
        line = re.search(rf'^  "{premise}" -> "{conclusion}" \[.*$', dot, re.MULTILINE).group(0)
        found = re.search(r" minlen=(\d+)", line)
        return int(found.group(1)) if found else 1

    assert [minlen(key, "c") for key in ("e1", "e2", "e3", "e4")] == [1, 2, 3, 1]
    assert [minlen(key, "d") for key in ("f1", "f2")] == [1, 2]


def test_off_takes_argument_and_line_ids_too():
    """render/to_dot switch off arguments and lines of argument (greyed as inapplicable), one id or many."""
    m = ArgumentMap.build("Off")
    m.claim("c", "Conclusion")
    m.claim("p", "Premise")
    m.claim("q", "Other premise")
    m.pro("p", "c", id="a-p")
    m.pro("q", "c", id="a-q")
    m.line("l-q", "Line of q", ["a-q"])
    argument_map = m.finish()

    def state(dot: str, argument: str) -> str:
        line = next(x for x in dot.splitlines() if f'id="arg:{argument}:conclusion"' in x)
        return "inapplicable" if "argmap-argument-inapplicable" in line else "drawn"

    assert state(to_dot(argument_map), "a-p") == "drawn"
    assert state(to_dot(argument_map, off="a-p"), "a-p") == "inapplicable"
    assert state(to_dot(argument_map, off="a-p"), "a-q") == "drawn"
    assert state(to_dot(argument_map, off=["l-q"]), "a-q") == "inapplicable"
    with pytest.raises(UnknownIdError, match=r"cannot switch off 'l-x'.*'l-q'"):
        to_dot(argument_map, off=["l-x"])
