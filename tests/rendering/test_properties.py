"""Rendering laws over generated maps (argmap.rendering.dot and the SVG it becomes)."""

from __future__ import annotations

import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from hypothesis import given, settings

from argmap.evaluation import evaluate
from argmap.rendering import render, to_dot
from argmap.rendering.labels import svg_id

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from strategies import argument_maps

SVG = "{http://www.w3.org/2000/svg}"


def svg_ids(dot):
    """Return the ``id`` values of statement nodes in DOT text, unescaped as Graphviz would."""
    found = re.findall(
        r'^ +"[^"]*" \[(?:URL="[^"]*" )?class="argmap-node[^"]*" [^\n]*? id="([^"]*)"', dot, re.MULTILINE
    )
    return [re.sub(r"&#(\d+);", lambda m: chr(int(m.group(1))), key) for key in found]


@given(argument_maps())
def test_dot_is_byte_stable_and_names_every_statement_once(argument_map):
    """The same map gives the same DOT twice, and each statement is exactly one node with its id."""
    dot = to_dot(argument_map)
    assert to_dot(argument_map) == dot
    # Grouped maps declare each position's statements together, so the order is not the map's.
    assert sorted(svg_ids(dot)) == sorted(s.id for s in argument_map.statements)


@given(argument_maps())
def test_evaluation_changes_no_node_size(argument_map):
    """Marking statuses keeps the DOT's structure: the same nodes, edges and fixed-size cells.

    (The legend grows a status row once there are statuses, so it is left out here.)
    """
    plain = to_dot(argument_map, legend=False)
    marked = to_dot(argument_map, evaluate(argument_map), legend=False)

    def skeleton(dot):
        return re.findall(r'^ +("[^"]*"(?: -> "[^"]*")?) \[|WIDTH="\d+"|HEIGHT="\d+"', dot, re.MULTILINE)

    assert skeleton(plain) == skeleton(marked)


@pytest.mark.requires_dot
@settings(max_examples=15, deadline=None)
@given(argument_maps())
def test_every_generated_map_renders_to_well_formed_svg(argument_map):
    """Any valid map, whatever its text, renders to SVG whose statement nodes are found by id."""
    svg = render(argument_map, "grounded", engine="embedded").svg
    root = ET.fromstring(svg.encode("utf-8"))  # noqa: S314  # our own output, checked
    nodes = [g.get("id") for g in root.iter(f"{SVG}g") if "argmap-node" in g.get("class", "").split()]
    assert sorted(nodes) == sorted(s.id for s in argument_map.statements)  # grouped maps reorder


def hosted(argument_map):
    """Return the evidence compact cards show: what bears on a statement that is not evidence."""
    evidence = {e.id for e in argument_map.evidence}
    return {
        svg_id(key)
        for a in argument_map.arguments
        if a.conclusion not in evidence
        for key in (*a.premises, *a.undercutters)
        if key in evidence
    }


@given(argument_maps())
def test_reduced_levels_keep_the_skeleton(argument_map):
    """Compact and outline draw every non-evidence statement once, the same DOT each time."""
    skeleton = sorted(s.id for s in argument_map.statements if s.kind != "evidence")
    for level in ("compact", "outline"):
        dot = to_dot(argument_map, evaluate(argument_map), detail=level)
        assert to_dot(argument_map, evaluate(argument_map), detail=level) == dot
        assert sorted(svg_ids(dot)) == skeleton


@pytest.mark.requires_dot
@settings(max_examples=10, deadline=None)
@given(argument_maps())
def test_every_generated_map_renders_to_well_formed_svg_at_every_level(argument_map):
    """Any valid map renders, compact and outline too, to well-formed SVG; compact shows its evidence."""
    for level in ("compact", "outline"):
        svg = render(argument_map, "grounded", engine="embedded", detail=level).svg
        root = ET.fromstring(svg.encode("utf-8"))  # noqa: S314  # our own output, checked
        nodes = [g.get("id") for g in root.iter(f"{SVG}g") if "argmap-node" in g.get("class", "").split()]
        assert sorted(nodes) == sorted(svg_id(s.id) for s in argument_map.statements if s.kind != "evidence")
        cells = {g.get("id") for g in root.iter(f"{SVG}g") if "argmap-evidence-row" in g.get("class", "")}
        assert cells == (hosted(argument_map) if level == "compact" else set())
