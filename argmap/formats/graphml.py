"""GraphML for yEd and draw.io: a map to lay out and edit by hand (write-only).

Every statement is a node; an argument with linked premises, undercutters or a title gets a
small junction node, as in the rendered map, because an undercut attacks the step from premises
to conclusion and GraphML has no edges onto edges. Any other argument is one edge from its
premise to its conclusion. Positions point to the question they answer.

Nodes and edges carry plain GraphML data (``label``, ``kind``, ``argmap_id``, ``fill``,
``relation``, ...) that any GraphML reader sees, and yEd's graphics extension
(``y:ShapeNode``, ``y:NodeLabel``, ``y:Fill``; ``y:PolyLineEdge``) that yEd and draw.io draw:
a shape and colour per kind of statement, green solid arrows for pro, vermillion dashed for con,
purple dotted for undercuts, and a layered starting layout (the question on top) so the file
opens readable before any layout is applied. Node ids are ``n0``, ``n1``..., edge ids ``e0``...,
in map order, so the output is deterministic; the argmap ids are in ``argmap_id``.

Statuses are not written (GraphML is a drawing, not an evaluation). Characters XML 1.0 cannot
hold (most control characters) are written as U+FFFD.
"""

from __future__ import annotations

import re
import textwrap
from collections import deque
from typing import Final

from attrs import define, field

from argmap.model import Argument, ArgumentMap, Evidence, Position, Statement

__all__ = ["dumps"]

YWORKS: Final = "http://www.yworks.com/xml/graphml"
GRAPHML: Final = "http://graphml.graphdrawing.org/xmlns"


@define(frozen=True)
class _Look:
    shape: str
    fill: str
    border: str
    text: str


# The default theme's colours by kind (formats may not import rendering, so they are named here).
_KINDS: Final = {
    "question": _Look("roundrectangle", "#0B4F7C", "#0B4F7C", "#FFFFFF"),
    "position": _Look("roundrectangle", "#DCEEFB", "#0072B2", "#0B2F4A"),
    "claim": _Look("rectangle", "#FFFFFF", "#4D4D4D", "#1A1A1A"),
    "evidence": _Look("rectangle", "#FFF6DA", "#B07A00", "#3B2F00"),
}
_PRO: Final = "#009E73"
_CON: Final = "#D55E00"
_UNDERCUT: Final = "#B0468A"
_ANSWERS: Final = "#7A7A7A"
_JUNCTION_FILL: Final = "#FFFFFF"
_LINE_STYLE: Final = {"pro": "line", "con": "dashed", "undercut": "dotted", "answers": "line"}
_COLOUR: Final = {"pro": _PRO, "con": _CON, "undercut": _UNDERCUT, "answers": _ANSWERS}

_WRAP: Final = 34
_CHAR_WIDTH: Final = 6.6
_LINE_HEIGHT: Final = 16.0
_PADDING: Final = 14.0
_JUNCTION: Final = 18.0
_GAP_X: Final = 30.0
_GAP_Y: Final = 60.0
_NOT_XML: Final = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")

# Plain GraphML keys: (id, for, attr.name). yEd's graphics keys come after them.
_KEYS: Final = (
    ("d-title", "graph", "title"),
    ("d-label", "node", "label"),
    ("d-kind", "node", "kind"),
    ("d-id", "node", "argmap_id"),
    ("d-fill", "node", "fill"),
    ("d-assumed", "node", "assumed"),
    ("d-source", "node", "source"),
    ("d-speaker", "node", "speaker"),
    ("d-locator", "node", "locator"),
    ("d-scheme", "node", "scheme"),
    ("d-lines", "node", "lines"),
    ("d-note", "node", "note"),
    ("d-relation", "edge", "relation"),
    ("d-argument", "edge", "argument"),
    ("d-colour", "edge", "colour"),
)
_DATA_KEY: Final = {name: key for key, _, name in _KEYS}


@define
class _Node:
    key: str
    kind: str
    label: str
    look: _Look
    data: dict[str, str]
    width: float = 0.0
    height: float = 0.0
    x: float = 0.0
    y: float = 0.0
    lines: list[str] = field(factory=list)
    """The label as drawn, wrapped."""


@define
class _Edge:
    source: str
    target: str
    relation: str
    argument: str | None
    arrow: bool = True


@define
class _Graph:
    nodes: dict[str, _Node] = field(factory=dict)
    edges: list[_Edge] = field(factory=list)


def _xml(text: str) -> str:
    text = _NOT_XML.sub("\ufffd", text)
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _wrap(text: str) -> list[str]:
    lines: list[str] = []
    for paragraph in text.splitlines() or [""]:
        lines += textwrap.wrap(paragraph, _WRAP, break_long_words=True, break_on_hyphens=False) or [""]
    return lines


def _statement_label(argument_map: ArgumentMap, statement: Statement) -> str:
    if isinstance(statement, Evidence):
        source = argument_map.source(statement.source)
        attribution = ", ".join(
            part for part in (statement.speaker, source.title, statement.locator) if part is not None
        )
        return f"\u201c{statement.label}\u201d\n\u2014 {attribution}"
    return statement.label


def _statement_node(argument_map: ArgumentMap, statement: Statement, key: str) -> _Node:
    data = {"argmap_id": statement.id, "kind": statement.kind}
    if statement.assumed:
        data["assumed"] = "true"
    if isinstance(statement, Evidence):
        data["source"] = statement.source
        if statement.speaker is not None:
            data["speaker"] = statement.speaker
        if statement.locator is not None:
            data["locator"] = statement.locator
    if statement.note is not None:
        data["note"] = statement.note
    look = _KINDS[statement.kind]
    data["fill"] = look.fill
    return _Node(key, statement.kind, _statement_label(argument_map, statement), look, data)


def _junction(argument_map: ArgumentMap, argument: Argument, key: str) -> _Node:
    colour = _PRO if argument.is_pro else _CON
    data = {"argmap_id": argument.id, "kind": f"argument ({argument.stance})", "fill": _JUNCTION_FILL}
    if argument.scheme is not None:
        data["scheme"] = argument.scheme
    lines = [line.title for line in argument_map.lines_of(argument.id)]
    if lines:
        data["lines"] = "; ".join(lines)
    if argument.note is not None:
        data["note"] = argument.note
    look = _Look("ellipse", _JUNCTION_FILL, colour, "#1A1A1A")
    return _Node(key, "argument", argument.title or "", look, data)


def _has_junction(argument: Argument) -> bool:
    return len(argument.premises) > 1 or bool(argument.undercutters) or bool(argument.title)


def _graph(argument_map: ArgumentMap) -> _Graph:
    graph = _Graph()
    node_of: dict[str, str] = {}
    for statement in argument_map.statements:
        key = node_of[statement.id] = f"n{len(graph.nodes)}"
        graph.nodes[key] = _statement_node(argument_map, statement, key)
    for argument in argument_map.arguments:
        if not _has_junction(argument):
            continue
        key = f"n{len(graph.nodes)}"
        graph.nodes[key] = _junction(argument_map, argument, key)
        node_of[argument.id] = key
    for statement in argument_map.statements:
        if isinstance(statement, Position) and statement.answers in node_of:
            graph.edges.append(_Edge(node_of[statement.id], node_of[statement.answers], "answers", None))
    for argument in argument_map.arguments:
        conclusion = node_of[argument.conclusion]
        if argument.id not in node_of:
            premise = node_of[argument.premises[0]]
            graph.edges.append(_Edge(premise, conclusion, argument.stance, argument.id))
            continue
        junction = node_of[argument.id]
        for premise in argument.premises:
            graph.edges.append(_Edge(node_of[premise], junction, argument.stance, argument.id, arrow=False))
        graph.edges.append(_Edge(junction, conclusion, argument.stance, argument.id))
        for undercutter in argument.undercutters:
            graph.edges.append(_Edge(node_of[undercutter], junction, "undercut", argument.id))
    return graph


def _size(node: _Node) -> None:
    if node.kind == "argument" and not node.label:
        node.width = node.height = _JUNCTION
        return
    lines = node.lines = _wrap(node.label)
    widest = max(len(line) for line in lines)
    node.width = round(max(widest * _CHAR_WIDTH + 2 * _PADDING, 40.0 if node.kind == "argument" else 90.0))
    node.height = round(len(lines) * _LINE_HEIGHT + _PADDING)


def _mean(values: list[float]) -> float:
    return sum(values) / len(values) if values else 0.0


def _layout(graph: _Graph) -> None:
    """Place nodes in layers by their distance from what supports nothing (the question on top)."""
    above: dict[str, list[str]] = {key: [] for key in graph.nodes}
    below: dict[str, list[str]] = {key: [] for key in graph.nodes}
    for edge in graph.edges:
        above[edge.source].append(edge.target)
        below[edge.target].append(edge.source)
    level: dict[str, int] = {}
    queue = deque(key for key in graph.nodes if not above[key])
    for key in queue:
        level[key] = 0
    while queue:
        key = queue.popleft()
        for child in below[key]:
            if child not in level:
                level[child] = level[key] + 1
                queue.append(child)
    for key in graph.nodes:  # a node only inside a cycle of attacks
        level.setdefault(key, 0)
    layers: dict[int, list[_Node]] = {}
    for key, node in graph.nodes.items():
        _size(node)
        layers.setdefault(level[key], []).append(node)
    top = 0.0
    centre: dict[str, float] = {}
    for depth in sorted(layers):
        # Under what they bear on, in the order of those (the mean of their centres): fewer crossings.
        row = sorted(
            layers[depth], key=lambda node: _mean([centre[k] for k in above[node.key] if k in centre])
        )
        total = sum(node.width for node in row) + _GAP_X * (len(row) - 1)
        left = -total / 2
        tallest = max(node.height for node in row)
        for node in row:
            node.x = round(left, 1)
            node.y = round(top + (tallest - node.height) / 2, 1)
            centre[node.key] = left + node.width / 2
            left += node.width + _GAP_X
        top += tallest + _GAP_Y


def _node_xml(node: _Node) -> list[str]:
    look = node.look
    out = [f'    <node id="{node.key}">']
    out += [f'      <data key="d-label">{_xml(node.label)}</data>']
    out += [f'      <data key="{_DATA_KEY[name]}">{_xml(value)}</data>' for name, value in node.data.items()]
    border = "1.0" if node.kind != "argument" else "2.0"
    geometry = f'height="{node.height:.1f}" width="{node.width:.1f}" x="{node.x:.1f}" y="{node.y:.1f}"'
    label = (
        'alignment="center" autoSizePolicy="content" fontFamily="Dialog" fontSize="12" fontStyle="plain"'
        ' hasBackgroundColor="false" hasLineColor="false" modelName="internal" modelPosition="c"'
        f' textColor="{look.text}" visible="{"true" if node.label else "false"}"'
    )
    out += [
        '      <data key="d-graphics">',
        "        <y:ShapeNode>",
        f"          <y:Geometry {geometry}/>",
        f'          <y:Fill color="{look.fill}" transparent="false"/>',
        f'          <y:BorderStyle color="{look.border}" type="line" width="{border}"/>',
        f"          <y:NodeLabel {label}>{_xml(chr(10).join(node.lines))}</y:NodeLabel>",
        f'          <y:Shape type="{look.shape}"/>',
        "        </y:ShapeNode>",
        "      </data>",
        "    </node>",
    ]
    return out


def _edge_xml(number: int, edge: _Edge) -> list[str]:
    colour = _COLOUR[edge.relation]
    out = [f'    <edge id="e{number}" source="{edge.source}" target="{edge.target}">']
    out.append(f'      <data key="d-relation">{edge.relation}</data>')
    if edge.argument is not None:
        out.append(f'      <data key="d-argument">{_xml(edge.argument)}</data>')
    out += [
        f'      <data key="d-colour">{colour}</data>',
        '      <data key="d-edge-graphics">',
        "        <y:PolyLineEdge>",
        f'          <y:LineStyle color="{colour}" type="{_LINE_STYLE[edge.relation]}" width="1.5"/>',
        f'          <y:Arrows source="none" target="{"standard" if edge.arrow else "none"}"/>',
        '          <y:BendStyle smoothed="false"/>',
        "        </y:PolyLineEdge>",
        "      </data>",
        "    </edge>",
    ]
    return out


def dumps(argument_map: ArgumentMap) -> str:
    """Write the map as GraphML with yEd's graphics, for yEd and draw.io."""
    graph = _graph(argument_map)
    _layout(graph)
    namespaces = (
        f'xmlns="{GRAPHML}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:y="{YWORKS}"'
        f' xsi:schemaLocation="{GRAPHML} http://www.yworks.com/xml/schema/graphml/1.1/ygraphml.xsd"'
    )
    out = ['<?xml version="1.0" encoding="UTF-8" standalone="no"?>', f"<graphml {namespaces}>"]
    out += [
        f'  <key id="{key}" for="{owner}" attr.name="{name}" attr.type="string"/>'
        for key, owner, name in _KEYS
    ]
    out += [
        '  <key id="d-graphics" for="node" yfiles.type="nodegraphics"/>',
        '  <key id="d-edge-graphics" for="edge" yfiles.type="edgegraphics"/>',
        '  <graph id="G" edgedefault="directed">',
        f'    <data key="d-title">{_xml(argument_map.title)}</data>',
    ]
    for node in graph.nodes.values():
        out += _node_xml(node)
    for number, edge in enumerate(graph.edges):
        out += _edge_xml(number, edge)
    out += ["  </graph>", "</graphml>", ""]
    return "\n".join(out)
