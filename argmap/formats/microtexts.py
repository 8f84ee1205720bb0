"""The argumentative microtexts' arggraph XML (Peldszus & Stede 2015), read and written.

The format is defined by ``arggraph.dtd`` (Peldszus & Stede, "From argument diagrams to
argumentation mining in texts", IJCINI 7(1), 2013) and used by the corpus at
https://github.com/peldszus/arg-microtexts. An ``<arggraph>`` holds text segments (``<edu>``),
argumentative units (``<adu type="pro|opp">``, proponent or opponent), optional ``<joint>``s of
segments, and ``<edge src trg type>`` between them. It is read as follows:

- the graph's ``id`` (``micro_b001``) becomes the map's title;
- each ADU becomes a statement with the ADU's id; its text is the text of the EDUs segmented into
  it (``seg`` edges, directly or through a joint), joined by spaces. The central claim (the one ADU
  that bears on nothing) is a Position; the other ADUs are Claims;
- ``sup`` becomes a pro argument, ``exa`` a pro argument with the scheme ``example``, ``reb`` a con
  argument, each with the edge's id; ``add`` adds its ADU as a linked premise of the edge it points at;
- ``und`` (an attack on an edge) adds its ADU as an undercutter of the argument of that edge;
- every ADU that nothing supports is ``assumed``: each unit is asserted in the text (by the
  proponent or the opponent), so basic premises, undercutters and an unsupported central claim
  stand unless attacked, and the map evaluates as the text argues.

Two relations have no exact counterpart in the model; each is read as described and warned about
with a ``MicrotextsWarning``: an undercut joined by ``add`` (a linked undercut) becomes several
undercutters, each of which alone undercuts; an undercut of an undercut becomes a con argument (the
edge's id) against the undercutting ADU.

What the model does not hold (the roles, the topic and stance, EDU and edge ids, the document's
order) is kept in ``ArgumentMap.extensions["microtexts"]``. ``dumps`` writes a map read from
microtexts back exactly as it was read (texts may be edited), and any other map as one EDU per
statement (the quote, for evidence), its arguments as ``sup``/``exa``/``reb`` edges with ``add``
and ``und`` edges, and the roles as stored or else derived from the central claims (proponent):
a support keeps its conclusion's role, an attack takes the other. It warns about what arggraph has
no place for (questions, sources, evidence details, titles, notes, weights, schemes other than
``example``, lines of argument, the description) and refuses text with control characters, which
XML 1.0 cannot hold.

The XML is read with the standard library's expat under strict rules: entity declarations are
refused (no "billion laughs"), external entities and DTDs are never fetched, and at most
``Limits.max_items`` elements are read. Mistakes are ParseErrors with file:line:column.

>>> m = loads('''<arggraph id="tea">
...   <edu id="e1">Drink tea.</edu><edu id="e2">It calms.</edu>
...   <adu id="a1" type="pro"/><adu id="a2" type="pro"/>
...   <edge id="c3" src="e1" trg="a1" type="seg"/><edge id="c4" src="e2" trg="a2" type="seg"/>
...   <edge id="c1" src="a2" trg="a1" type="sup"/>
... </arggraph>''')
>>> [(s.kind, s.id, s.label) for s in m.statements]
[('position', 'a1', 'Drink tea.'), ('claim', 'a2', 'It calms.')]
>>> [(a.id, a.premises, a.stance, a.conclusion) for a in m.arguments]
[('c1', ('a2',), 'pro', 'a1')]
>>> loads(dumps(m)) == m
True
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Mapping, Sequence
from typing import Any, Final
from xml.parsers import expat

import attrs
from attrs import define, field

from argmap.errors import FormatError, Location, ParseError
from argmap.formats._limits import DEFAULT_LIMITS, Limits, check_size
from argmap.model import Argument, ArgumentMap, Claim, Evidence, Origin, Position, Question, Statement

__all__ = ["EXTENSION", "MicrotextsWarning", "dumps", "loads", "looks_like"]

EXTENSION: Final = "microtexts"
"""The key of ``ArgumentMap.extensions`` that keeps what the model does not hold."""

_EDGE_TYPES: Final = ("seg", "sup", "exa", "add", "reb", "und")
_ROLES: Final = ("pro", "opp")
_STANCES: Final = ("pro", "con", "unclear")
_ELEMENTS: Final = ("edu", "joint", "adu", "edge")
_SHOWN: Final = 3  # ids named in a warning before "and N more"
_HEAD: Final = 65_536  # looks_like reads no further
_EXAMPLE: Final = "example"


class MicrotextsWarning(UserWarning):
    """A relation read approximately, or a part of a map that arggraph XML has no place for."""


def looks_like(text: str) -> bool:
    """Return whether ``text`` is arggraph XML: its root element, after any prolog, is ``arggraph``."""
    head = text[:_HEAD].removeprefix("\ufeff")
    position = 0
    # A scan, not a regular expression: lazy patterns over repeated comments backtrack exponentially.
    while True:
        while position < len(head) and head[position] in " \t\r\n":
            position += 1
        if head.startswith("<?", position):
            end = head.find("?>", position)
            end = end + 2 if end >= 0 else -1
        elif head.startswith("<!--", position):
            end = head.find("-->", position)
            end = end + 3 if end >= 0 else -1
        elif head.startswith("<!DOCTYPE", position):
            close = head.find(">", position)
            bracket = head.find("[", position, close if close >= 0 else len(head))
            end = head.find("]", bracket) if bracket >= 0 else close
            end = head.find(">", end) + 1 if end >= 0 else -1
        else:
            rest = head[position : position + 10]
            return rest.startswith("<arggraph") and (len(rest) == 9 or rest[9] in " \t\r\n/>")  # noqa: PLR2004
        if end <= 0:
            return False
        position = end


# -- reading ------------------------------------------------------------------------------------


@define
class _Element:
    tag: str
    attributes: dict[str, str]
    location: Location
    text: list[str] = field(factory=list)


class _Refused(Exception):  # noqa: N818  # internal signal from an expat handler, never escapes
    def __init__(self, message: str, location: Location) -> None:
        super().__init__(message)
        self.message = message
        self.location = location


def _parse(text: str, file: str | None, limits: Limits) -> tuple[_Element, list[_Element]]:
    """Return the root and its children; every XML and shape problem is a located ParseError."""
    parser = expat.ParserCreate()
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    root: list[_Element] = []
    children: list[_Element] = []
    depth = 0

    def here() -> Location:
        return Location(file, parser.CurrentLineNumber, parser.CurrentColumnNumber + 1)

    def start(tag: str, attributes: dict[str, str]) -> None:
        nonlocal depth
        depth += 1
        element = _Element(tag, attributes, here())
        message = None
        if depth == 1:
            if tag != "arggraph":
                message = f"the root element is <{tag}>, not <arggraph> (this is not arggraph XML)"
        elif depth > 2:  # noqa: PLR2004  # arggraph's elements hold text only
            message = f"<{tag}> inside <{children[-1].tag}> (arggraph elements hold no other elements)"
        elif tag not in _ELEMENTS:
            message = f"unknown element <{tag}> (an arggraph holds only {', '.join(_ELEMENTS)})"
        elif len(children) >= limits.max_items:
            message = (
                f"the graph has more than {limits.max_items:,} elements (if the file is trusted, raise"
                " it: argmap.formats.Limits(max_items=...))"
            )
        if message is not None:
            raise _Refused(message, element.location)
        (root if depth == 1 else children).append(element)

    def end(tag: str) -> None:
        nonlocal depth
        del tag
        depth -= 1

    def characters(data: str) -> None:
        if depth == 2:  # noqa: PLR2004  # the text of an edu
            children[-1].text.append(data)

    def entity(name: str, *args: object) -> None:
        del args
        message = f"the document declares the entity {name!r} (arggraph XML uses no entities; remove it)"
        where = here()
        # expat reports a place inside the declaration; point at its start, as an editor would.
        line = text.removeprefix("\ufeff").split("\n", where.line or 1)[(where.line or 1) - 1]
        start = line.rfind("<!ENTITY", 0, where.column)
        raise _Refused(message, Location(file, where.line, start + 1) if start >= 0 else where)

    def external(*args: object) -> int:
        del args
        message = "the document refers to an external entity (arggraph XML uses none; remove it)"
        raise _Refused(message, here())

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = characters
    parser.EntityDeclHandler = entity
    parser.UnparsedEntityDeclHandler = entity
    parser.ExternalEntityRefHandler = external
    try:
        parser.Parse(text.removeprefix("\ufeff"), True)  # noqa: FBT003  # expat's positional `isfinal`
    except _Refused as refused:
        raise ParseError(refused.message, refused.location) from None
    except expat.ExpatError as error:
        message = expat.errors.messages[error.code] if error.code is not None else str(error)
        where = Location(file, error.lineno, error.offset + 1)
        raise ParseError(f"not well-formed XML: {message} (check the tags and quotes)", where) from None
    if not root:
        raise ParseError("the document has no <arggraph> element", Location(file, 1, 1))
    return root[0], children


@define
class _Edge:
    id: str
    src: str
    trg: str
    type: str
    location: Location


@define
class _Graph:
    """The elements of one arggraph, checked, in document order."""

    attributes: dict[str, str]
    edus: dict[str, str]  # id -> text
    joints: list[str]
    adus: dict[str, str]  # id -> role
    edges: dict[str, _Edge]
    order: list[list[str]]  # the document's elements, as records for the extension
    locations: dict[str, Location]


def _require(element: _Element, name: str) -> str:
    value = element.attributes.get(name)
    if value is None:
        raise ParseError(
            f"<{element.tag}> has no {name} attribute (the arggraph DTD requires it)", element.location
        )
    return value


def _check_graph(root: _Element, children: list[_Element]) -> _Graph:
    graph = _Graph(dict(root.attributes), {}, [], {}, {}, [], {})
    ident = _require(root, "id")
    stance = root.attributes.get("stance")
    if stance is not None and stance not in _STANCES:
        raise ParseError(
            f"arggraph {ident!r} has stance {stance!r} (must be one of {', '.join(_STANCES)})", root.location
        )
    for element in children:
        element_id = _require(element, "id")
        if element_id in graph.locations:
            first = graph.locations[element_id]
            raise ParseError(
                f"id {element_id!r} is used twice (first on line {first.line}; give each element its own id)",
                element.location,
            )
        graph.locations[element_id] = element.location
        if element.tag == "edu":
            graph.edus[element_id] = "".join(element.text)
            graph.order.append(["edu", element_id])
        elif element.tag == "joint":
            graph.joints.append(element_id)
            graph.order.append(["joint", element_id])
        elif element.tag == "adu":
            role = _require(element, "type")
            if role not in _ROLES:
                raise ParseError(
                    f"ADU {element_id!r} has type {role!r} (must be pro or opp: proponent or opponent)",
                    element.location,
                )
            graph.adus[element_id] = role
            graph.order.append(["adu", element_id, role])
        else:
            src, trg, kind = (_require(element, name) for name in ("src", "trg", "type"))
            if kind not in _EDGE_TYPES:
                raise ParseError(
                    f"edge {element_id!r} has type {kind!r} (must be one of {', '.join(_EDGE_TYPES)})",
                    element.location,
                )
            graph.edges[element_id] = _Edge(element_id, src, trg, kind, element.location)
            graph.order.append(["edge", element_id, src, trg, kind])
    if not graph.adus:
        raise ParseError(
            f"arggraph {ident!r} has no <adu> (an argument needs at least one unit)", root.location
        )
    for edge in graph.edges.values():
        _check_edge(edge, graph)
    return graph


def _kind_of(ident: str, graph: _Graph) -> str:
    if ident in graph.edus:
        return "edu"
    if ident in graph.adus:
        return "adu"
    if ident in graph.edges:
        return "edge"
    if ident in graph.joints:
        return "joint"
    return "unknown"


# What each edge type joins: (sources, targets); an edge target is named by its type.
_JOINS: Final[dict[str, tuple[frozenset[str], frozenset[str]]]] = {
    "seg": (frozenset({"edu", "joint"}), frozenset({"adu", "joint"})),
    "sup": (frozenset({"adu"}), frozenset({"adu"})),
    "exa": (frozenset({"adu"}), frozenset({"adu"})),
    "reb": (frozenset({"adu"}), frozenset({"adu"})),
    "und": (frozenset({"adu"}), frozenset({"sup", "exa", "reb", "und"})),
    "add": (frozenset({"adu"}), frozenset({"sup", "exa", "reb", "und"})),
}


def _check_edge(edge: _Edge, graph: _Graph) -> None:
    sources, targets = _JOINS[edge.type]
    for end, ident, allowed in (("src", edge.src, sources), ("trg", edge.trg, targets)):
        kind = _kind_of(ident, graph)
        if kind == "unknown":
            raise ParseError(f"edge {edge.id!r}: {end} {ident!r} is no element of this graph", edge.location)
        if kind == "edge":
            kind = graph.edges[ident].type
        if kind not in allowed:
            raise ParseError(
                f"edge {edge.id!r} of type {edge.type} has {end} {ident!r}, a {kind}"
                f" (a {edge.type} edge joins {' or '.join(sorted(sources))}"
                f" to {' or '.join(sorted(targets))})",
                edge.location,
            )


def _texts(graph: _Graph) -> tuple[dict[str, str], dict[str, list[str]]]:
    """Return each ADU's text and the EDUs it is made of, in document order."""
    into: dict[str, list[str]] = {}
    for edge in graph.edges.values():
        if edge.type == "seg":
            into.setdefault(edge.trg, []).append(edge.src)
    order = {ident: index for index, ident in enumerate(graph.edus)}
    parts: dict[str, list[str]] = {}
    for adu in graph.adus:
        found: list[str] = []
        stack = list(into.get(adu, []))
        seen: set[str] = set()
        while stack:
            ident = stack.pop()
            if ident in seen:
                continue
            seen.add(ident)
            if ident in graph.edus:
                found.append(ident)
            else:
                stack.extend(into.get(ident, []))
        parts[adu] = sorted(found, key=order.__getitem__)
    texts = {adu: " ".join(graph.edus[e] for e in edus) for adu, edus in parts.items()}
    return texts, parts


def _warn(message: str, stacklevel: int = 4) -> None:
    warnings.warn(message, MicrotextsWarning, stacklevel=stacklevel)


def _names(ids: Sequence[str]) -> str:
    more = f" and {len(ids) - _SHOWN} more" if len(ids) > _SHOWN else ""
    return ", ".join(repr(i) for i in ids[:_SHOWN]) + more


def _build(
    graph: _Graph, texts: Mapping[str, str], extensions: Mapping[str, Any], *, origin: Origin | None = None
) -> ArgumentMap:
    """Return the map of a checked graph; ``texts`` gives each ADU's text.

    Warns only when the graph was read from text (``origin`` given), not when a stored one is rebuilt.
    """
    edges = graph.edges
    extra: dict[str, list[str]] = {}  # edge id -> ADUs joined to it by add, in document order
    for edge in edges.values():
        if edge.type == "add":
            extra.setdefault(edge.trg, []).append(edge.src)
    undercutters: dict[str, list[str]] = {}
    arguments: list[Argument] = []
    linked_undercuts: list[str] = []
    nested_undercuts: list[str] = []
    for edge in edges.values():
        sources = (edge.src, *extra.get(edge.id, ()))
        if edge.type in {"sup", "exa", "reb"}:
            arguments.append(
                Argument(
                    id=edge.id,
                    conclusion=edge.trg,
                    premises=sources,
                    stance="con" if edge.type == "reb" else "pro",
                    scheme=_EXAMPLE if edge.type == "exa" else None,
                )
            )
        elif edge.type == "und":
            target = edges[edge.trg]
            if len(sources) > 1:
                linked_undercuts.append(edge.id)
            if target.type == "und":
                nested_undercuts.append(edge.id)
                arguments.append(Argument(id=edge.id, conclusion=target.src, premises=sources, stance="con"))
            else:
                bucket = undercutters.setdefault(edge.trg, [])
                bucket.extend(s for s in sources if s not in bucket)
    arguments = [
        attrs.evolve(argument, undercutters=tuple(undercutters[argument.id]))
        if argument.id in undercutters
        else argument
        for argument in arguments
    ]
    if origin is not None and linked_undercuts:
        _warn(
            "argmap cannot hold a linked undercut (add onto und): each of its premises is read as an"
            f" undercutter of its own: {_names(linked_undercuts)}"
        )
    if origin is not None and nested_undercuts:
        _warn(
            "argmap cannot hold an undercut of an undercut: each is read as a con argument against the"
            f" undercutting unit: {_names(nested_undercuts)}"
        )
    bearing = {e.src for e in edges.values() if e.type != "seg"}
    central = [adu for adu in graph.adus if adu not in bearing]
    supported = {a.conclusion for a in arguments if a.is_pro}
    statements: list[Statement] = []
    for adu in graph.adus:
        text = texts[adu]
        assumed = adu not in supported
        if len(central) == 1 and adu == central[0]:
            statements.append(Position(id=adu, text=text, assumed=assumed))
        else:
            statements.append(Claim(id=adu, text=text, assumed=assumed))
    return ArgumentMap(
        title=graph.attributes.get("id", "arggraph"),
        statements=tuple(statements),
        arguments=tuple(arguments),
        extensions=extensions,
        origin=origin,
    )


def _extension(graph: _Graph, parts: Mapping[str, list[str]]) -> dict[str, Any]:
    """Return what the model does not hold: attributes, elements in order, texts it cannot rebuild."""
    single = {edus[0] for edus in parts.values() if len(edus) == 1}
    order: list[list[str]] = []
    for record in graph.order:
        if record[0] == "edu" and record[1] not in single:
            order.append([*record, graph.edus[record[1]]])  # several EDUs to one ADU, or none
        else:
            order.append(list(record))
    return {"arggraph": [[name, value] for name, value in graph.attributes.items()], "elements": order}


def loads(text: str, *, file: str | None = None, limits: Limits = DEFAULT_LIMITS) -> ArgumentMap:
    """Read a map from arggraph XML; raises ParseError with file:line:column.

    Warns (MicrotextsWarning) about linked undercuts and undercuts of undercuts, read approximately.
    """
    check_size(text, file, limits)
    root, children = _parse(text, file, limits)
    graph = _check_graph(root, children)
    texts, parts = _texts(graph)
    for adu, edus in parts.items():
        if not texts[adu].strip():
            what = "no EDU is segmented into it" if not edus else "its EDUs are empty"
            raise ParseError(
                f"ADU {adu!r} has no text: {what} (join an <edu> to it with a seg edge)", graph.locations[adu]
            )
    locations: dict[tuple[str, ...], Location] = {("statements", a): graph.locations[a] for a in graph.adus}
    locations.update({("arguments", edge): graph.locations[edge] for edge in graph.edges})
    origin = Origin(file, locations)
    return _build(graph, texts, {EXTENSION: _extension(graph, parts)}, origin=origin)


# -- writing ------------------------------------------------------------------------------------


def _attribute(value: str) -> str:
    return (
        value.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace('"', "&quot;")
        .replace("\n", "&#10;")
        .replace("\r", "&#13;")
        .replace("\t", "&#9;")
    )


def _content(text: str) -> str:
    if "\r" in text:  # a parser turns a raw CR into LF, even in CDATA: only a reference keeps it
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")
    return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def _xml(
    attributes: Sequence[Sequence[str]], records: Sequence[Sequence[str]], texts: Mapping[str, str]
) -> str:
    head = "".join(f' {name}="{_attribute(value)}"' for name, value in attributes)
    out = ["<?xml version='1.0' encoding='UTF-8'?>", f"<arggraph{head}>"]
    for record in records:
        tag, ident = record[0], record[1]
        if tag == "edu":
            out.append(f'  <edu id="{_attribute(ident)}">{_content(texts[ident])}</edu>')
        elif tag == "joint":
            out.append(f'  <joint id="{_attribute(ident)}"/>')
        elif tag == "adu":
            out.append(f'  <adu id="{_attribute(ident)}" type="{record[2]}"/>')
        else:
            src, trg, kind = (_attribute(value) for value in record[2:5])
            out.append(f'  <edge id="{_attribute(ident)}" src="{src}" trg="{trg}" type="{kind}"/>')
    out.append("</arggraph>")
    return "\n".join(out) + "\n"


def _stored(argument_map: ArgumentMap) -> str | None:
    """Return the XML of a map read from microtexts and changed at most in its texts, else None."""
    extension = argument_map.extensions.get(EXTENSION)
    try:
        attributes = [(str(name), str(value)) for name, value in extension["arggraph"]]  # type: ignore[index]
        records = [[str(item) for item in record] for record in extension["elements"]]  # type: ignore[index]
        graph = _Graph(dict(attributes), {}, [], {}, {}, [], {})
        for record in records:
            if record[0] == "edu":
                graph.edus[record[1]] = record[2] if len(record) > 2 else ""  # noqa: PLR2004
            elif record[0] == "joint":
                graph.joints.append(record[1])
            elif record[0] == "adu":
                graph.adus[record[1]] = record[2]
            else:
                graph.edges[record[1]] = _Edge(record[1], record[2], record[3], record[4], Location())
            graph.order.append(record)
        for edge in graph.edges.values():
            _check_edge(edge, graph)
        _, parts = _texts(graph)
        texts: dict[str, str] = {}
        for adu, edus in parts.items():
            if len(edus) == 1:
                graph.edus[edus[0]] = argument_map.statement(adu).label
            texts[adu] = " ".join(graph.edus[e] for e in edus)
        rebuilt = _build(graph, texts, argument_map.extensions)
    except (TypeError, KeyError, IndexError, ValueError):
        return None  # no extension, or one that does not describe this map
    if rebuilt != argument_map:
        return None
    return _xml(attributes, records, graph.edus)


def _roles(argument_map: ArgumentMap, known: Mapping[str, str]) -> dict[str, str]:
    """Return each statement's role: as stored, else from the central claims' (proponent) side."""
    roles = {s.id: known[s.id] for s in argument_map.statements if s.id in known}
    bearing = {p for a in argument_map.arguments for p in (*a.premises, *a.undercutters)}
    for statement in argument_map.statements:
        if statement.id not in bearing:
            roles.setdefault(statement.id, "pro")
    changed = True
    while changed:  # a support keeps the side, an attack switches it; a fixpoint over the map
        changed = False
        for argument in argument_map.arguments:
            side = roles.get(argument.conclusion)
            if side is None:
                continue
            other = "opp" if side == "pro" else "pro"
            for premise in argument.premises:
                if premise not in roles:
                    roles[premise] = side if argument.is_pro else other
                    changed = True
            for undercutter in argument.undercutters:
                if undercutter not in roles:
                    roles[undercutter] = other
                    changed = True
    for statement in argument_map.statements:
        roles.setdefault(statement.id, "pro")
    return roles


def _lost(argument_map: ArgumentMap) -> None:
    """Warn about each part of a map that arggraph XML has no place for."""
    m = argument_map
    supported = {a.conclusion for a in m.arguments if a.is_pro}
    checks: list[tuple[str, list[str]]] = [
        ("questions (their positions are written as units)", [s.id for s in m.questions]),
        (
            "evidence sources, speakers and locators (the quote is written as a unit)",
            [s.id for s in m.evidence],
        ),
        ("notes", [s.id for s in m.statements if s.note] + [a.id for a in m.arguments if a.note]),
        ("argument titles", [a.id for a in m.arguments if a.title]),
        ("weights", [a.id for a in m.arguments if a.weight is not None]),
        ("schemes other than 'example'", [a.id for a in m.arguments if a.scheme not in {None, _EXAMPLE}]),
        ("con arguments with a scheme", [a.id for a in m.arguments if not a.is_pro and a.scheme]),
        ("lines of argument", [line.id for line in m.lines]),
        ("sources", [s.id for s in m.sources]),
        (
            "base scores and proof standards",
            [
                s.id
                for s in m.statements
                if getattr(s, "base_score", None) is not None or getattr(s, "standard", None) is not None
            ],
        ),
        (
            "assumptions that reading back would not derive",
            [
                s.id
                for s in m.statements
                if not isinstance(s, Question) and s.assumed != (s.id not in supported)
            ],
        ),
    ]
    for what, ids in checks:
        if ids:
            _warn(f"arggraph XML has no place for {what}: {_names(ids)} (left out)", stacklevel=5)
    if m.description:
        _warn("arggraph XML has no place for the map's description (left out)", stacklevel=5)


def _rebuilt(argument_map: ArgumentMap) -> str:
    """Return the XML of any map: one EDU per statement, the arguments as edges."""
    m = argument_map
    extension = m.extensions.get(EXTENSION)
    known_roles: dict[str, str] = {}
    attributes: list[tuple[str, str]] = []
    if isinstance(extension, Mapping):
        for record in extension.get("elements", []):
            if isinstance(record, list) and len(record) >= 3 and record[0] == "adu":  # noqa: PLR2004
                known_roles[str(record[1])] = str(record[2])
        attributes += [
            (str(pair[0]), str(pair[1]))
            for pair in extension.get("arggraph", [])
            if isinstance(pair, list) and len(pair) == 2 and pair[0] != "id"  # noqa: PLR2004
        ]
    _lost(m)
    statements = [s for s in m.statements if not isinstance(s, Question)]
    kept = {s.id for s in statements}
    used_ids = set(m.iter_ids())
    counter = {"e": 0, "c": 0}

    def fresh(prefix: str) -> str:
        while True:
            counter[prefix] += 1
            candidate = f"{prefix}{counter[prefix]}"
            if candidate not in used_ids:
                used_ids.add(candidate)
                return candidate

    roles = _roles(m, known_roles)
    records: list[list[str]] = []
    texts: dict[str, str] = {}
    segments: list[list[str]] = []
    for statement in statements:
        edu = fresh("e")
        texts[edu] = statement.quote if isinstance(statement, Evidence) else statement.label
        records.append(["edu", edu])
        segments.append(["edge", "", edu, statement.id, "seg"])
    records += [["adu", s.id, roles[s.id]] for s in statements]
    for segment in segments:
        segment[1] = fresh("c")
    records += segments
    dropped: list[str] = []
    joins: list[list[str]] = []
    for argument in m.arguments:
        ends = (argument.conclusion, *argument.premises, *argument.undercutters)
        if any(end not in kept for end in ends):
            dropped.append(argument.id)
            continue
        kind = "reb" if not argument.is_pro else "exa" if argument.scheme == _EXAMPLE else "sup"
        records.append(["edge", argument.id, argument.premises[0], argument.conclusion, kind])
        joins += [["edge", fresh("c"), premise, argument.id, "add"] for premise in argument.premises[1:]]
        joins += [
            ["edge", fresh("c"), undercutter, argument.id, "und"] for undercutter in argument.undercutters
        ]
    if dropped:
        _warn(
            "arggraph XML has no place for arguments that bear on or from a question:"
            f" {_names(dropped)} (left out)"
        )
    records += joins
    ident = m.title if re.fullmatch(r"[A-Za-z_][\w.-]*", m.title) else re.sub(r"\W+", "_", m.title).strip("_")
    if ident != m.title:
        _warn(f"the map title {m.title!r} is written as the arggraph id {ident or 'map'!r}")
    return _xml([("id", ident or "map"), *attributes], records, texts)


_NOT_XML: Final = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _check_characters(argument_map: ArgumentMap) -> None:
    """Refuse text that XML 1.0 cannot hold at all, naming where it is."""
    m = argument_map
    values = [("the map title", m.title)]
    for statement in m.statements:
        text = statement.quote if isinstance(statement, Evidence) else statement.label
        values += [(f"statement {statement.id!r}", text), (f"statement {statement.id!r}", statement.id)]
    values += [(f"argument {a.id!r}", a.id) for a in m.arguments]
    for where, value in values:
        found = _NOT_XML.search(value)
        if found is not None:
            raise FormatError(
                f"{where} holds the control character U+{ord(found.group()):04X}, which XML cannot hold"
                " (remove it before writing arggraph XML)"
            )


def dumps(argument_map: ArgumentMap) -> str:
    """Write a map as arggraph XML; a map read from microtexts comes back as it was read.

    Raises FormatError for a map with no statement that arggraph can hold (it needs an ADU), and
    for text with control characters, which XML 1.0 cannot hold.
    """
    _check_characters(argument_map)
    stored = _stored(argument_map)
    if stored is not None:
        return stored
    if not any(not isinstance(s, Question) for s in argument_map.statements):
        raise FormatError("arggraph XML needs at least one unit: the map has no claim or position to write")
    return _rebuilt(argument_map)
