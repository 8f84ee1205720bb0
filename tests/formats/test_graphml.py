"""GraphML export for yEd and draw.io: parsed back with xml.etree, node by node and edge by edge."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

import argmap
from argmap.errors import UnsupportedFormatError
from argmap.formats import dump, dumps, load
from argmap.formats.graphml import GRAPHML, YWORKS
from argmap.model import ArgumentMap

NS = {"g": GRAPHML, "y": YWORKS}
EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "alliance.yaml"


def _parse(text: str) -> tuple[ET.Element, dict[str, str]]:
    root = ET.fromstring(text)  # noqa: S314  # our own output, parsed to check it
    names = {key.get("id"): key.get("attr.name") for key in root.findall("g:key", NS)}
    return root, {k: v for k, v in names.items() if k is not None and v is not None}


def _data(element: ET.Element, names: dict[str, str]) -> dict[str, str]:
    return {
        names[d.get("key", "")]: d.text or "" for d in element.findall("g:data", NS) if d.get("key") in names
    }


def _junctioned(argument_map: ArgumentMap) -> list[str]:
    return [a.id for a in argument_map.arguments if len(a.premises) > 1 or a.undercutters or a.title]


def test_the_example_map_comes_back_node_for_node_and_edge_for_edge():
    """Every statement is a node with its label and kind; junctions carry pro, con and undercut edges."""
    argument_map = argmap.load(EXAMPLE)
    root, names = _parse(dumps(argument_map, format="graphml"))
    graph = root.find("g:graph", NS)
    assert graph is not None
    nodes = {node.get("id"): _data(node, names) for node in graph.findall("g:node", NS)}
    by_id = {data["argmap_id"]: (key, data) for key, data in nodes.items()}
    junctions = _junctioned(argument_map)
    assert len(nodes) == len(argument_map.statements) + len(junctions)
    for statement in argument_map.statements:
        _, data = by_id[statement.id]
        assert data["kind"] == statement.kind
        if statement.kind == "evidence":
            assert data["label"].startswith(f"\u201c{statement.label}\u201d\n\u2014 ")
            assert data["source"] == statement.source
        else:
            assert data["label"] == statement.label
    expected_edges = sum(
        1 + len(a.undercutters) + (len(a.premises) if a.id in junctions else 0)
        for a in argument_map.arguments
    ) + sum(1 for s in argument_map.statements if getattr(s, "answers", None))
    edges = graph.findall("g:edge", NS)
    assert len(edges) == expected_edges
    relations = [_data(edge, names)["relation"] for edge in edges]
    assert {"pro", "con", "undercut", "answers"} <= set(relations)
    for edge in edges:
        data = _data(edge, names)
        if data["relation"] == "undercut":
            target = nodes[edge.get("target")]
            assert target["argmap_id"] == data["argument"]
            assert target["kind"].startswith("argument")
            undercut = argument_map.argument(data["argument"])
            assert nodes[edge.get("source")]["argmap_id"] in undercut.undercutters


def test_yed_graphics_give_each_kind_its_shape_colour_and_label():
    """y:ShapeNode with y:Fill, y:Shape and y:NodeLabel; coloured, styled arrows for each relation."""
    argument_map = argmap.load(EXAMPLE)
    root, names = _parse(dumps(argument_map, format="graphml"))
    looks: dict[str, set[tuple[str, str]]] = {}
    for node in root.iter(f"{{{GRAPHML}}}node"):
        shape = node.find(".//y:ShapeNode", NS)
        assert shape is not None
        fill = shape.find("y:Fill", NS)
        kind = shape.find("y:Shape", NS)
        label = shape.find("y:NodeLabel", NS)
        geometry = shape.find("y:Geometry", NS)
        assert fill is not None
        assert kind is not None
        assert label is not None
        assert geometry is not None
        assert min(float(geometry.get("width", "0")), float(geometry.get("height", "0"))) > 0
        data = _data(node, names)
        assert " ".join((label.text or "").split()) == " ".join(data["label"].split())
        looks.setdefault(data["kind"], set()).add((kind.get("type", ""), fill.get("color", "")))
    assert looks["question"] == {("roundrectangle", "#0B4F7C")}
    assert looks["claim"] == {("rectangle", "#FFFFFF")}
    assert len({look for kind in ("question", "position", "claim", "evidence") for look in looks[kind]}) == 4
    styles = {}
    for edge in root.iter(f"{{{GRAPHML}}}edge"):
        line = edge.find(".//y:LineStyle", NS)
        assert line is not None
        styles[_data(edge, names)["relation"]] = (line.get("color"), line.get("type"))
    assert styles["pro"] == ("#009E73", "line")
    assert styles["con"] == ("#D55E00", "dashed")
    assert styles["undercut"][1] == "dotted"


def test_the_starting_layout_puts_the_question_on_top_and_overlaps_nothing():
    """The file opens in yEd and draw.io laid out: the question highest, no two boxes on one spot."""
    root, names = _parse(dumps(argmap.load(EXAMPLE), format="graphml"))
    boxes = []
    for node in root.iter(f"{{{GRAPHML}}}node"):
        geometry = node.find(".//y:Geometry", NS)
        assert geometry is not None
        x, y, w, h = (float(geometry.get(name, "0")) for name in ("x", "y", "width", "height"))
        boxes.append((_data(node, names)["kind"], x, y, w, h))
    top = min(y for _, _, y, _, _ in boxes)
    assert [kind for kind, _, y, _, _ in boxes if y == top] == ["question"]
    for index, (_, x1, y1, w1, h1) in enumerate(boxes):
        for _, x2, y2, w2, h2 in boxes[index + 1 :]:
            apart = x1 + w1 <= x2 or x2 + w2 <= x1 or y1 + h1 <= y2 or y2 + h2 <= y1
            assert apart


def test_hostile_text_is_escaped_and_the_output_is_deterministic():
    """Markup, quotes, ampersands and control characters stay text; two runs give the same bytes."""
    m = ArgumentMap.build('Tags <b>&"quotes"</b>')
    q = m.question("q", "</y:NodeLabel><script>alert(1)</script>?")
    yes = m.position("yes", "A & B > C", answers=q)
    m.claim("c", "Bell\x07 and \x1b[31mred\x1b[0m ]]> <!-- -->", supports=yes)
    argument_map = m.finish()
    text = dumps(argument_map, format="graphml")
    assert text == dumps(argument_map, format="graphml")
    root, names = _parse(text)
    labels = {_data(n, names)["argmap_id"]: _data(n, names)["label"] for n in root.iter(f"{{{GRAPHML}}}node")}
    assert labels["q"] == "</y:NodeLabel><script>alert(1)</script>?"
    assert labels["yes"] == "A & B > C"
    assert labels["c"] == "Bell\ufffd and \ufffd[31mred\ufffd[0m ]]> <!-- -->"
    graph = root.find("g:graph", NS)
    assert graph is not None
    assert _data(graph, names)["title"] == 'Tags <b>&"quotes"</b>'


def test_graphml_is_written_by_suffix_but_never_read(tmp_path: Path):
    """`dump(m, "x.graphml")` writes GraphML; reading it back is refused with the formats argmap reads."""
    out = tmp_path / "map.graphml"
    dump(argmap.load(EXAMPLE), out)
    assert ET.parse(out).getroot().tag == f"{{{GRAPHML}}}graphml"  # noqa: S314
    with pytest.raises(UnsupportedFormatError, match=r"unknown format: '\.graphml'"):
        load(out)
    with pytest.raises(UnsupportedFormatError, match="'graphml'"):
        argmap.formats.loads("<graphml/>", format="graphml")


@pytest.mark.corpus
def test_every_kialo_corpus_map_becomes_well_formed_graphml(shared: Path):
    """Real maps of hundreds of claims: well-formed, one node per statement, an edge per argument."""
    files = sorted((shared / "corpora" / "kialo").glob("*.txt"))
    if not files:
        pytest.skip("no Kialo exports in ../shared/corpora/kialo")
    for path in files:
        argument_map = load(path)
        root, _ = _parse(dumps(argument_map, format="graphml"))
        assert len(root.findall("g:graph/g:node", NS)) == len(argument_map.statements) + len(
            _junctioned(argument_map)
        )
        assert len(root.findall("g:graph/g:edge", NS)) >= len(argument_map.arguments)
