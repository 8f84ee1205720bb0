"""Tests for the SVG a rendered map becomes: goldens, well-formedness, ids, stability, hostile text."""

from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET

import pytest

from argmap.evaluation import evaluate
from argmap.model import ArgumentMap
from argmap.rendering import STATUS_MARKS, THEMES, render
from argmap.rendering.dot import BAR_SEGMENTS

SVG = "{http://www.w3.org/2000/svg}"

SVG_GOLDEN_CASES = {
    "relations": ("relations", {}),
    "statuses-grounded": ("statuses", {"semantics": "grounded", "off": ["ev-sleep"]}),
    "statuses-df-quad": ("statuses", {"semantics": "df-quad", "off": ["ev-sleep"]}),
    "statuses-print": ("statuses", {"semantics": "grounded", "off": ["ev-sleep"], "theme": "print"}),
}

HOSTILE = [
    "\"quoted\" and 'single'",
    "back\\slash \\N \\G \\\\ and \\",
    "<script>alert(1)</script>",
    "<b>bold</b> <i>not</i> <BR/>",
    "]]> <![CDATA[ x ]]>",
    "&amp; &lt; &#60; &foo; &",
    "emoji 😀👍🏽 and ZWJ 👩‍👩‍👧",
    "עברית וערבית: ليس تحالفا \u202eevil\u202c",
    "control \x00\x01\x1b chars",
    "word " * 1000,
    "x" * 5000,
]


def parse(svg):
    """Parse SVG text as XML (it must be well-formed) and return the root."""
    return ET.fromstring(svg.encode("utf-8"))  # noqa: S314  # our own output, checked


def groups(root, kind):
    """Return the node or edge groups of an SVG, by their id."""
    found = {}
    for g in root.iter(f"{SVG}g"):
        classes = g.get("class", "").split()
        if classes and classes[0] == kind:
            assert g.get("id") not in found, f"duplicate SVG id {g.get('id')!r}"
            found[g.get("id")] = g
    return found


def node_boxes(svg):
    """Return each node's drawn outline (polygon points or path) by id: its place and size."""
    boxes = {}
    for key, g in groups(parse(svg), "node").items():
        outline = g.find(f".//{SVG}polygon")
        if outline is None:
            outline = g.find(f".//{SVG}path")
        if outline is None:
            outline = g.find(f".//{SVG}ellipse")
        boxes[key] = ET.tostring(outline).decode().split(" fill=")[0] + str(
            [outline.get(a) for a in ("points", "d", "cx", "cy", "rx", "ry")]
        )
    return boxes


def texts(root):
    """Return all the text drawn in an SVG, joined."""
    return "\n".join("".join(t.itertext()) for t in root.iter(f"{SVG}text"))


def case(maps, name):
    """Return (map, evaluation, render options) for an SVG golden case."""
    factory, options = SVG_GOLDEN_CASES[name]
    argument_map = maps.cases[factory]()
    options = dict(options)
    semantics = options.pop("semantics", None)
    evaluation = evaluate(argument_map, semantics, off=options.pop("off", ())) if semantics else None
    return argument_map, evaluation, options


@pytest.mark.requires_dot
@pytest.mark.parametrize("name", sorted(SVG_GOLDEN_CASES))
def test_svg_matches_golden(name, golden, maps, embedded):
    """With the embedded engine, each small case's SVG is byte-for-byte the reviewed golden file."""
    argument_map, evaluation, options = case(maps, name)
    golden(f"{name}.svg", render(argument_map, evaluation, engine=embedded, **options).svg)


@pytest.mark.requires_dot
def test_example_map_svg_matches_golden(alliance, golden, embedded):
    """The example map, evaluated, renders to the golden SVG with the embedded engine."""
    golden("alliance-grounded.svg", render(alliance, evaluate(alliance), engine=embedded).svg)


@pytest.mark.requires_dot
def test_svg_is_byte_identical_across_runs(maps, embedded):
    """Two renders of the same map (fresh Graphviz runs) give the same SVG bytes."""
    argument_map = maps.statuses()
    first = render(argument_map, "grounded", engine=embedded).svg
    assert render(argument_map, "grounded", engine=embedded).svg == first


def check_structure(argument_map, svg):
    """Check an SVG: well-formed, each statement once as a node group carrying its data attributes."""
    root = parse(svg)
    nodes = groups(root, "node")
    for statement in argument_map.statements:
        assert statement.id in nodes, f"statement {statement.id!r} is not a node of the SVG"
        classes = nodes[statement.id].get("class").split()
        assert f"argmap-{statement.kind}" in classes
        assert any(c.startswith("argmap-status-") for c in classes)
    ids = [g.get("id") for g in root.iter(f"{SVG}g") if g.get("class", "").startswith("node")]
    assert len(ids) == len(set(ids))
    return root


@pytest.mark.requires_dot
def test_svg_contract_for_widgets(maps, embedded):
    """Node groups are found by model id and carry kind, status and evidence data attributes."""
    argument_map = maps.statuses()
    svg = render(argument_map, "grounded", off=["ev-sleep"], engine=embedded).svg
    root = check_structure(argument_map, svg)
    nodes = groups(root, "node")
    sleep = nodes["ev-sleep"]
    assert sleep.get("class").split()[1:] == ["argmap-node", "argmap-evidence", "argmap-status-off"]
    assert sleep.get("data-argmap-id") == "ev-sleep"
    assert sleep.get("data-kind") == "evidence"
    assert sleep.get("data-status") == "off"
    assert sleep.get("data-evidence-id") == "ev-sleep"
    assert sleep.get("data-source-id") == "pilot"
    assert nodes["c-rest"].get("data-status") == "out"
    edges = groups(root, "edge")
    edge = edges["arg:ev-sleep.pro.c-rest:conclusion"]
    assert edge.get("data-from") == "ev-sleep"
    assert edge.get("data-to") == "c-rest"
    assert edge.get("data-argument-id") == "ev-sleep.pro.c-rest"
    assert "argmap-argument-inapplicable" in edge.get("class").split()
    graph = next(g for g in root.iter(f"{SVG}g") if g.get("class", "").startswith("graph"))
    assert "argmap-theme-default" in graph.get("class").split()


@pytest.mark.requires_dot
def test_switching_evidence_off_moves_and_resizes_nothing(alliance, embedded):
    """Every node keeps its place and size when evidence is switched off, so what-ifs line up."""
    base = node_boxes(render(alliance, evaluate(alliance), engine=embedded).svg)
    evidence = [s.id for s in alliance.evidence]
    for off in (evidence[:1], evidence[::3], evidence):
        other = node_boxes(render(alliance, evaluate(alliance, off=off), engine=embedded).svg)
        assert other == base, f"nodes moved with off={off}"
    plain_off = node_boxes(render(alliance, off=evidence[:2], engine=embedded).svg)
    assert plain_off == node_boxes(render(alliance, off=evidence[2:4], engine=embedded).svg)


@pytest.mark.requires_dot
@pytest.mark.parametrize("text", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_text_renders_as_text(maps, text, embedded):
    """Quotes, backslashes, markup, CDATA ends, entities, emoji, RTL and huge text render as plain text."""
    argument_map = maps.hostile(text)
    svg = render(argument_map, "grounded", engine=embedded).svg
    root = check_structure(argument_map, svg)
    assert "<script" not in svg
    assert "<b>" not in svg
    assert "<i>" not in svg
    assert "<![CDATA[" not in svg
    assert "\u202e" not in svg
    tags = {element.tag.removeprefix(SVG) for element in root.iter()}
    assert tags <= {"svg", "g", "title", "polygon", "polyline", "path", "ellipse", "text", "a"}
    drawn = texts(root)
    probe = text.strip().split()[0][:12] if text.strip() else ""
    for fragment in re.findall(r"[<>&\"']", text):
        assert fragment in drawn or fragment in "".join(
            a.get("{http://www.w3.org/1999/xlink}title", "") for a in root.iter(f"{SVG}a")
        )
    assert probe.replace("\x00", "")[:3] in drawn


@pytest.mark.requires_dot
def test_tooltips_and_links_keep_the_exact_text(maps, embedded):
    """The SVG tooltip of evidence holds the full quote exactly; the link is the escaped http URL."""
    text = '<b>"Tom" & \\N Jerry</b>'
    root = parse(render(maps.hostile(text), engine=embedded).svg)
    anchors = {
        a.get("{http://www.w3.org/1999/xlink}title"): a.get("{http://www.w3.org/1999/xlink}href")
        for a in root.iter(f"{SVG}a")
    }
    evidence_title = next(t for t in anchors if t and t.startswith("Evidence e\n"))
    assert f"“{text}”" in evidence_title
    assert anchors[evidence_title] == "https://example.org/?q=%3Cb%3E&x=%22y%22"
    node_text = texts(root)
    assert '<b>"Tom" &' in node_text


@pytest.mark.requires_dot
@pytest.mark.system_dot
@pytest.mark.parametrize("theme", ["default", "print"])
def test_system_graphviz_gives_the_same_structure(maps, system_dot, theme):
    """Debian's dot 2.43 renders the same nodes, ids, classes and data attributes (not the same bytes)."""
    argument_map = maps.relations()
    svg = render(argument_map, "grounded", off=["ev-survey"], theme=theme, engine=system_dot).svg
    root = check_structure(argument_map, svg)
    assert groups(root, "node")["ev-survey"].get("data-status") == "off"
    assert "arg:a-minor:undercut:c-reported" in groups(root, "edge")


@pytest.mark.requires_dot
@pytest.mark.system_dot
@pytest.mark.parametrize("text", HOSTILE[:9], ids=range(9))
def test_system_graphviz_hostile_text_is_well_formed(maps, text, system_dot):
    """Debian's dot 2.43 also writes well-formed SVG with no markup from user text."""
    argument_map = maps.hostile(text)
    svg = render(argument_map, engine=system_dot).svg
    check_structure(argument_map, svg)
    assert "<script" not in svg
    assert "<b>" not in svg


@pytest.mark.requires_dot
@pytest.mark.system_dot
def test_system_graphviz_keeps_layout_under_off(alliance, system_dot):
    """With Debian's dot too, switching evidence off moves no node."""
    evidence = [s.id for s in alliance.evidence]
    base = node_boxes(render(alliance, evaluate(alliance), engine=system_dot).svg)
    assert node_boxes(render(alliance, evaluate(alliance, off=evidence[::2]), engine=system_dot).svg) == base


HOOKS = ("argmap-caption", "argmap-badge", "argmap-badge-text", "argmap-bar", "argmap-strength")


def header_parts(node):
    """Return a statement node's classed header parts: {hook class: [(tag, element)]}, in order."""
    parts = {hook: [] for hook in HOOKS}
    for element in node.iter():
        hook = element.get("class")
        if element is not node and hook in parts:
            parts[hook].append((element.tag.removeprefix(SVG), element))
    return parts


def check_hooks(argument_map, evaluation, svg, theme_name="default"):
    """Check every statement's badge, bar and figure hooks against what the evaluation says."""
    theme = THEMES[theme_name]
    nodes = groups(parse(svg), "node")
    for statement in argument_map.statements:
        parts = header_parts(nodes[statement.id])
        status = evaluation.status(statement.id).value
        assert [tag for tag, _ in parts["argmap-caption"]] == ["text"]
        assert [tag for tag, _ in parts["argmap-badge"]] == ["polygon"]
        [(_, badge)] = parts["argmap-badge-text"]
        assert badge.text == STATUS_MARKS[status]
        assert parts["argmap-badge"][0][1].get("fill").lower() == theme.statuses[status].badge_fill.lower()
        strength = evaluation.strength(statement.id)
        if not evaluation.strengths:
            assert parts["argmap-bar"] == parts["argmap-strength"] == []
            continue
        fills = [element.get("fill").lower() for _, element in parts["argmap-bar"]]
        assert len(fills) == BAR_SEGMENTS
        filled = math.floor(strength * BAR_SEGMENTS + 0.5)
        assert fills == [theme.bar_fill.lower()] * filled + [theme.bar_empty.lower()] * (
            BAR_SEGMENTS - filled
        )
        [(tag, figure)] = parts["argmap-strength"]
        assert (tag, figure.text) == ("text", f"{strength:.2f}")
    junctions = [g for g in nodes.values() if "argmap-junction" in g.get("class").split()]
    assert all(not any(header_parts(g).values()) for g in junctions)


@pytest.mark.requires_dot
@pytest.mark.parametrize("semantics", ["grounded", "df-quad"])
@pytest.mark.parametrize("theme", sorted(THEMES))
def test_header_parts_carry_stable_classes(alliance, embedded, semantics, theme):
    """Badge cell and text, bar cells and figure are classed, whatever the status, strength or theme."""
    evaluation = evaluate(alliance, semantics, off=[s.id for s in alliance.evidence][::3])
    check_hooks(alliance, evaluation, render(alliance, evaluation, theme=theme, engine=embedded).svg, theme)


@pytest.mark.requires_dot
def test_header_parts_are_classed_only_where_a_badge_is_drawn(maps, embedded):
    """Without statuses nothing is classed; with evidence off but no semantics, only the off nodes."""
    argument_map = maps.relations()
    plain_svg = render(argument_map, engine=embedded).svg
    assert not any(f'class="{hook}"' in plain_svg for hook in HOOKS)
    nodes = groups(parse(render(argument_map, off=["ev-survey"], engine=embedded).svg), "node")
    classed = sorted(key for key, node in nodes.items() if any(header_parts(node).values()))
    assert classed == ["ev-survey"]
    assert header_parts(nodes["ev-survey"])["argmap-badge-text"][0][1].text == STATUS_MARKS["off"]


@pytest.mark.requires_dot
@pytest.mark.parametrize("text", HOSTILE[:5], ids=range(5))
def test_user_text_cannot_fake_a_header_part(maps, text, embedded):
    """Text shaped like SVG markup or a hook class stays text: each node has one badge, one caption."""
    argument_map = maps.hostile(f'{text}\n<text class="argmap-badge-text">√ stands</text>\n<polygon x')
    check_hooks(argument_map, evaluate(argument_map), render(argument_map, "grounded", engine=embedded).svg)


@pytest.mark.requires_dot
@pytest.mark.system_dot
@pytest.mark.parametrize("semantics", ["grounded", "df-quad"])
def test_system_graphviz_gives_the_same_header_classes(alliance, system_dot, semantics):
    """Debian's dot 2.43 draws the header in the same order, so the same parts are classed."""
    evaluation = evaluate(alliance, semantics)
    check_hooks(alliance, evaluation, render(alliance, evaluation, engine=system_dot).svg)


def nul_and_bidi_map():
    """Three claims whose ids differ only by a NUL or a bidi override, linked to one another."""
    m = ArgumentMap.build("Look-alike ids")
    m.claim("a", "Plain")
    m.claim("a\x00", "With a NUL", supports="a")
    m.claim("a\u202e", "With a right-to-left override", opposes="a")
    return m.finish()


@pytest.mark.requires_dot
@pytest.mark.parametrize("engine_fixture", ["embedded", "system_dot"])
def test_ids_differing_only_by_nul_or_bidi_stay_distinct(engine_fixture, request):
    """Each look-alike id is its own SVG node with matching data attributes, with both engines."""
    engine_name = request.getfixturevalue(engine_fixture)
    root = parse(render(nul_and_bidi_map(), engine=engine_name).svg)
    nodes = groups(root, "node")
    assert set(nodes) == {"a", "argmap-x-6100", "argmap-x-61e280ae"}
    for key, g in nodes.items():
        assert g.get("data-argmap-id") == key
    edges = groups(root, "edge")
    assert {g.get("data-from") for g in edges.values()} == {"argmap-x-6100", "argmap-x-61e280ae"}


@pytest.mark.requires_dot
@pytest.mark.system_dot
def test_system_graphviz_draws_statements_longer_than_16_kb(system_dot):
    """Debian's dot reads quoted strings of at most 16 KB: a 40 KB statement and note still render."""
    m = ArgumentMap.build("Long")
    m.claim("c-long", "word " * 8_000, note="& " * 20_000)
    diagram = render(m.finish(), engine=system_dot)
    root = parse(diagram.svg)
    assert "c-long" in groups(root, "node")
    assert diagram.notes


@pytest.mark.requires_dot
def test_a_titled_argument_shows_its_title_on_its_junction(embedded):
    """A titled argument gets a junction even with one premise, its title drawn there and in the tooltip."""
    m = ArgumentMap.build("Titles")
    m.claim("c", "Conclusion")
    m.claim("p", "Premise")
    m.claim("u", "Untitled premise")
    m.pro("p", "c", id="a-titled", title="Cheaper for families")
    m.pro("u", "c", id="a-plain")
    root = parse(render(m.finish(), engine=embedded).svg)
    nodes = groups(root, "node")
    junction = nodes["arg:a-titled"]
    assert junction.get("class").split()[1:4] == ["argmap-junction", "argmap-titled", "argmap-pro"]
    assert "Cheaper for families" in texts(junction)
    edges = groups(root, "edge")
    assert {"arg:a-titled:premise:p", "arg:a-titled:conclusion", "arg:a-plain:conclusion"} <= set(edges)
    assert "arg:a-plain" not in nodes
