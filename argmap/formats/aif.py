"""AIF JSON, as AIFdb and OVA write it, read and written back without loss.

AIF (the Argument Interchange Format, http://www.arg-tech.org/wp-content/uploads/2011/09/aif-spec.pdf;
the JSON form at http://corpora.aifdb.org) is a graph of nodes and edges: I-nodes hold statements,
RA (inference), CA (conflict), MA (rephrase) and PA (preference) nodes relate them, and L, YA and TA
nodes record the dialogue they came from. The top level is ``{"nodes": [...], "edges": [...],
"locutions": [...]}``, possibly wrapped as ``{"AIF": {...}}`` or ``{"aif": {...}}`` (OVA).

It is read as follows:

- an I-node with text becomes a Claim with id ``i-<nodeID>``;
- an RA node with one or more I-node premises (edges into it) and exactly one edge out to an
  I-node becomes a pro Argument ``ra-<nodeID>``: several premises are linked premises, in the order
  of their edges. Its scheme is the node's ``scheme``, else its text, exactly as written
  (``CauseToEffect``, ``Ad hominem``), unless that is AIF's default (``Default Inference``, ``RA``);
- a CA node of the same shape becomes a con Argument ``ca-<nodeID>``;
- a CA node from I-nodes with exactly one edge out, to a node read as an argument, makes those
  I-nodes undercutters of that argument (``CA onto RA`` is an undercut);
- a claim that is a premise or an undercutter and that no pro argument concludes is ``assumed``,
  so the map evaluates sensibly (switch any of them off with ``off=``);
- the map's title is the file's name without ``.json`` (and ``.aif``), or ``AIF map``;
- everything else is kept, untouched, in ``extensions["aif"]``: MA and PA nodes, the dialogue
  layer (L, YA, TA nodes, locutions, participants), nodes of any other type, S-nodes of other
  shapes, every node's and edge's own fields (nodeIDs, timestamps, schemeIDs, edgeIDs), the order
  of nodes and edges, and the wrapper.

``extensions["aif"]`` holds ``document`` (the AIF document as read, each I-node read as a
statement without its text, which the map holds), ``statements`` and ``arguments`` (argmap id ->
the index of its node), ``text_at`` (where an I-node's ``text`` key stood, when not second),
``undercuts`` (``[node index, argument id, undercutter ids]`` per CA read as an undercut),
``model_edges`` (the indexes of the edges the map's structure gives back) and ``wrapper``.
A CA from several I-nodes onto an RA makes each of them an undercutter: the model does not tie
undercutters together, so an undercutter added later is written as a CA of its own.

Ids: ``<type>-<nodeID>`` with the type in lower case (``i-300``, ``ra-307``, ``ca-312``); white
space inside a nodeID becomes ``_``, and a nodeID that would repeat an id gets ``~2``, ``~3``...

``dumps`` writes AIF in the shape AIFdb exports: ``nodes``, ``edges`` and ``locutions`` lists of
I, RA and CA nodes (new nodes have no timestamp, so that the output is the same on every run).
For a map read from AIF, ``dumps(loads(text))`` gives back every node, edge,
scheme and text, in their order, with every field (the JSON data is equal; white space is not
kept). For a map edited since, what was added gets the next free nodeIDs and edgeIDs, what was
deleted is left out, and kept dialogue edges that touch a deleted node are left out with an
``AifWarning``. What AIF has no place for (questions and positions become I-nodes; evidence's
source, speaker and locator; titles, notes, weights, base scores, proof standards, lines, sources,
which question a position answers, an ``assumed`` that the structure does not imply) is left out
with an ``AifWarning``.

Mistakes are ParseErrors with file:line:column: text that is not JSON, a duplicate key, a number
longer than ``Limits.max_digits``, NaN, nesting beyond ``Limits.max_depth``, more nodes and edges
than ``Limits.max_items``, no ``nodes`` or ``edges`` list, a node without ``nodeID`` or ``type``,
an I-node whose text is not a string, two nodes with one nodeID, an edge without ``fromID`` or
``toID``.

>>> text = '''{"nodes": [
...   {"nodeID": "1", "text": "Tea calms.", "type": "I"},
...   {"nodeID": "2", "text": "Drink tea.", "type": "I"},
...   {"nodeID": "3", "text": "Default Inference", "type": "RA"}],
...  "edges": [{"edgeID": "1", "fromID": "1", "toID": "3"}, {"edgeID": "2", "fromID": "3", "toID": "2"}],
...  "locutions": []}'''
>>> m = loads(text)
>>> [(a.id, a.premises, a.conclusion) for a in m.arguments], m.statement("i-1").assumed
([('ra-3', ('i-1',), 'i-2')], True)
>>> import json
>>> json.loads(dumps(m)) == json.loads(text)
True
"""

from __future__ import annotations

import json as _json
import operator
import os
import re
import warnings
from collections.abc import Iterable, Mapping, Sequence
from pathlib import PurePath
from typing import Any, Final, Literal, TypedDict

from argmap._text import shorten
from argmap.errors import FormatError, Location, ParseError
from argmap.formats._limits import DEFAULT_LIMITS, Limits, check_size
from argmap.formats._tree import Builder, Marks
from argmap.model import Argument, ArgumentMap, Claim, Evidence, Origin, Position, Question, Statement
from argmap.model._bulk import construct, trusted

__all__ = ["EXTENSION", "AifEdge", "AifNode", "AifWarning", "dumps", "loads", "looks_like", "to_data"]

EXTENSION: Final = "aif"
"""The key under ``ArgumentMap.extensions`` that keeps what the model does not use."""

DEFAULT_TITLE: Final = "AIF map"
"""The map's title when it is read from text that names no file (AIF has no title)."""

# Texts and scheme names that say "no particular scheme".
_DEFAULT_SCHEMES: Final = frozenset(
    {"RA", "CA", "Default Inference", "Default Conflict", "Default Rephrase", "Default Preference"}
)
_WRAPPERS: Final = ("AIF", "aif")
_ID_TYPES: Final = frozenset({str, int})
_SHOWN: Final = 3  # ids named in a warning before "and N more"


class AifNode(TypedDict, total=False):
    """A node as AIFdb writes it (the wire shape); OVA and others add fields, which are kept."""

    nodeID: str | int
    text: str
    type: str
    timestamp: str
    scheme: str
    schemeID: str


class AifEdge(TypedDict, total=False):
    """An edge as AIFdb writes it."""

    edgeID: str | int
    fromID: str | int
    toID: str | int
    formEdgeID: str | int | None


class AifWarning(UserWarning):
    """Something in a map that AIF has no place for, left out when writing."""


class _Refused(Exception):  # noqa: N818  # internal signal, never escapes this module
    """A value the JSON parser refuses; the scan of the text says where it is."""


def looks_like(data: object) -> bool:
    """Return whether parsed JSON ``data`` is an AIF document (for telling ``.json`` files apart)."""
    if not isinstance(data, dict):
        return False
    if any(key in data for key in ("argmap", "sadface", "metadata")):
        return False
    if any(isinstance(data.get(key), dict) for key in _WRAPPERS):
        return True
    nodes = data.get("nodes")
    edges = data.get("edges")
    if nodes == [] and edges == []:
        return True
    return _first_has(nodes, "nodeID") or _first_has(edges, "fromID")


def _first_has(items: object, key: str) -> bool:
    return isinstance(items, list) and bool(items) and isinstance(items[0], dict) and key in items[0]


# -- reading ---------------------------------------------------------------------------------


def loads(text: str, *, file: str | None = None, limits: Limits = DEFAULT_LIMITS) -> ArgumentMap:
    """Read a map from AIF JSON text; raises ParseError with file:line:column."""
    check_size(text, file, limits)
    return _load(text, file, limits, checked=False)


def _load(text: str, file: str | None, limits: Limits, *, checked: bool) -> ArgumentMap:
    """Read the map; with ``checked`` the model's validating classes build it, else ``trusted``."""
    text = text.removeprefix("\ufeff")
    data = _parse(text, file, limits)
    return _Reader(text, file, limits, checked=checked).read(data)


def _hooks(digits: int) -> dict[str, Any]:
    """Return the JSON parser's hooks that refuse NaN, Infinity and numbers longer than ``digits``."""

    def number(kind: type[Any]) -> Any:
        def parse(token: str) -> Any:
            if len(token) > digits:
                raise _Refused
            return kind(token)

        return parse

    def constant(token: str) -> Any:
        del token
        raise _Refused

    return {"parse_int": number(int), "parse_float": number(float), "parse_constant": constant}


# One decoder per digit limit: json.loads with hooks would build a decoder per file, a tenth of
# the time a small AIF file takes.
_DECODERS: dict[int, tuple[dict[str, Any], _json.JSONDecoder]] = {}


def _parse(text: str, file: str | None, limits: Limits) -> Any:
    cached = _DECODERS.get(limits.max_digits)
    if cached is None:
        hooks = _hooks(limits.max_digits)
        cached = _DECODERS[limits.max_digits] = (hooks, _json.JSONDecoder(**hooks))
    hooks, decoder = cached
    try:
        # json.loads also names a byte order mark left after the one dropped; decode would not.
        data = _json.loads(text, **hooks) if text.startswith("\ufeff") else decoder.decode(text)
        if not _plainly_fine(text, data, limits.max_depth):
            _check_exactly(text, data, hooks, limits.max_depth)
    except _json.JSONDecodeError as error:
        hint = "AIF is JSON: double quotes, no trailing commas, nothing after the end"
        raise ParseError(f"{error.msg} ({hint})", Location(file, error.lineno, error.colno)) from None
    except (_Refused, RecursionError):
        _locate_refusal(text, file, limits)
        raise ParseError(
            "the JSON could not be read (check it with a JSON validator)", Location(file)
        ) from None
    return data


def _check_exactly(text: str, data: Any, hooks: dict[str, Any], max_depth: int) -> None:
    """Raise _Refused for a repeated key or nesting deeper than ``max_depth`` (counting was not enough)."""
    _json.loads(text, object_pairs_hook=_unique, **hooks)
    if _depth_exceeds(data, max_depth):
        raise _Refused


_KEY_BEFORE_SPACE: Final = re.compile(r'"[ \t\r\n]+:')
_DICT: Final = frozenset({dict})


def _plainly_fine(text: str, data: Any, max_depth: int) -> bool:
    """Return True when counting proves that no key repeats and nothing nests deeply (the usual AIF).

    Every key in the text is a string followed by a colon, so there are at least as many ``":``
    (or ``" :``) as keys; the parser keeps one key per name, so if the counts agree, no name repeats.
    That holds when every key sits in the top-level object (or its wrapper) or in an item of a
    top-level list, the shape AIF has; then what nests deeper has no keys, and the number of
    brackets bounds its depth. Anything else is checked exactly.
    """
    if type(data) is not dict:
        return False
    keys = 0
    containers = 0
    level = 3  # the top object, one of its lists, an item
    document = data
    for key in _WRAPPERS:
        inner = data.get(key)
        if type(inner) is dict and len(data) == 1:
            keys += 1
            containers += 1
            level += 1
            document = inner
    keys += len(document)
    containers += 1
    for value in document.values():
        if type(value) is list:
            containers += 1
            if set(map(type, value)) <= _DICT:  # the usual list of objects, counted in C
                keys += sum(map(len, value))
                containers += len(value)
                continue
            for item in value:
                if type(item) is dict:
                    keys += len(item)
                    containers += 1
    tokens = text.count('":') + len(_KEY_BEFORE_SPACE.findall(text))
    deeper = text.count("{") + text.count("[") - containers
    return tokens == keys and level + deeper <= max_depth


def _unique(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out = dict(pairs)
    if len(out) != len(pairs):
        raise _Refused
    return out


_CONSTANT: Final = re.compile(r'"(?:[^"\\]|\\.)*"|(-?(?:NaN|Infinity))')


def _locate_refusal(text: str, file: str | None, limits: Limits) -> None:
    """Raise the located ParseError for what the standard parser refused (scanned without recursion)."""
    from argmap.formats.json import _scan  # noqa: PLC0415  # the native reader's scanner, on the error path

    _scan(text, Builder(file, limits), strict=True)
    for match in _CONSTANT.finditer(text):
        if match.group(1) is None:
            continue  # a string, which may well say NaN
        line = text.count("\n", 0, match.start()) + 1
        column = match.start() - (text.rfind("\n", 0, match.start()) + 1) + 1
        raise ParseError(
            f"{match.group(1)} is not a JSON number (write a number, or the text in quotes)",
            Location(file, line, column),
        )


def _depth_exceeds(data: Any, limit: int) -> bool:
    stack: list[tuple[Any, int]] = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if depth > limit:
            return True
        if isinstance(value, dict):
            stack.extend((inner, depth + 1) for inner in value.values() if isinstance(inner, dict | list))
        elif isinstance(value, list):
            stack.extend((inner, depth + 1) for inner in value if isinstance(inner, dict | list))
    return False


_FROM: Final = operator.itemgetter("fromID")
_TO: Final = operator.itemgetter("toID")


def _scheme(node: Mapping[str, Any]) -> str | None:
    """Return the scheme an S-node names, exactly as written, or None for AIF's defaults."""
    for key in ("scheme", "text"):
        value = node.get(key)
        if isinstance(value, str) and value.strip() and value not in _DEFAULT_SCHEMES:
            return value
    return None


def _file_name(file: str) -> str:
    """Return ``PurePath(file).name``, without building a path where the last part is plain."""
    if os.altsep is None:
        name = file.rpartition(os.sep)[2]
        if name not in {"", "."}:  # PurePath drops a trailing separator and "." parts
            return name
    return PurePath(file).name


def _key(node_id: object) -> str:
    return str(node_id)


class _Reader:
    def __init__(self, text: str, file: str | None, limits: Limits, *, checked: bool = False) -> None:
        self.text = text
        self.file = file
        self.limits = limits
        self.checked = checked
        self.marks: Marks | None = None
        self.prefix: tuple[str, ...] = ()  # the wrapper's key, if the document has one

    def at(self, path: tuple[str, ...]) -> Location:
        """Return where the value at ``path`` (or the nearest enclosing one) starts."""
        if self.marks is None:
            from argmap.formats.json import _scan  # noqa: PLC0415  # only when a message needs a place

            builder = Builder(self.file, Limits(max_depth=10**9, max_nodes=10**12, max_digits=10**12))
            _scan(self.text, builder, strict=False)
            self.marks = Marks(builder.marks, self.file)
        while path not in self.marks and path:
            path = path[:-1]
        return self.marks[path] if path in self.marks else Location(self.file, 1, 1)

    def fail(self, message: str, path: tuple[str, ...]) -> ParseError:
        return ParseError(message, self.at(path))

    def read(self, data: Any) -> ArgumentMap:
        wrapper: dict[str, Any] | None = None
        prefix: tuple[str, ...] = ()
        document = data
        if isinstance(data, dict):
            for key in _WRAPPERS:
                if isinstance(data.get(key), dict):
                    wrapper = {"key": key, "outer": {k: (None if k == key else v) for k, v in data.items()}}
                    document = data[key]
                    prefix = (key,)
                    break
        if not isinstance(document, dict):
            raise self.fail(
                f"an AIF document is a JSON object with 'nodes' and 'edges', not {_a(_json_type(document))}"
                " (export the map from AIFdb or OVA as JSON)",
                (),
            )
        for key in ("nodes", "edges"):
            if not isinstance(document.get(key), list):
                found = "none" if key not in document else _a(_json_type(document[key]))
                raise self.fail(
                    f"an AIF document needs a list of {key!r}, found {found}"
                    ' (an empty map is {"nodes": [], "edges": []})',
                    (*prefix, key) if key in document else prefix,
                )
        nodes: list[Any] = document["nodes"]
        edges: list[Any] = document["edges"]
        count = len(nodes) + len(edges)
        if count > self.limits.max_items:
            raise self.fail(
                f"the map lists {count:,} nodes and edges, more than the limit of {self.limits.max_items:,}"
                " (if the file is trusted, raise it: argmap.formats.Limits(max_items=...))",
                prefix,
            )
        self.prefix = prefix
        self.check_nodes(nodes)
        self.check_edges(edges)
        return self.build(document, nodes, edges, wrapper)

    def check_nodes(self, nodes: list[Any]) -> None:
        """Raise a located ParseError for the first node AIF does not allow."""
        seen_fast: set[str] = set()
        for node in nodes:
            # The common case in exact types, cheaply; anything unusual is looked at below.
            if type(node) is not dict:
                break
            node_id = node.get("nodeID")
            kind = node.get("type")
            if type(node_id) not in _ID_TYPES or type(kind) is not str:
                break
            if kind == "I" and type(node.get("text")) is not str:
                break
            seen_fast.add(str(node_id))
        else:
            if len(seen_fast) == len(nodes):
                return
        seen: dict[str, int] = {}
        for index, node in enumerate(nodes):
            path = (*self.prefix, "nodes", f"#{index}")
            if not isinstance(node, dict):
                raise self.fail(
                    f'node #{index} is {_a(_json_type(node))}, not an object (write {{"nodeID": ...}})', path
                )
            node_id = node.get("nodeID")
            if isinstance(node_id, bool) or not isinstance(node_id, str | int):
                what = (
                    "no 'nodeID'"
                    if "nodeID" not in node
                    else f"nodeID {_shown(node_id)}, not a string or integer"
                )
                raise self.fail(f"node #{index} has {what} (give every node a unique nodeID)", path)
            key = _key(node_id)
            if key in seen:
                raise self.fail(
                    f"nodeID {key!r} is used twice, by nodes #{seen[key]} and #{index}"
                    " (give every node its own nodeID)",
                    (*path, "nodeID"),
                )
            seen[key] = index
            kind = node.get("type")
            if not isinstance(kind, str):
                what = "no 'type'" if "type" not in node else f"type {_shown(kind)}, not text"
                raise self.fail(f"node {key!r} has {what} (use I, RA, CA, MA, PA, L, YA or TA)", path)
            if kind == "I" and not isinstance(node.get("text"), str):
                what = "no 'text'" if "text" not in node else f"text {_shown(node.get('text'))}, not a string"
                raise self.fail(f"I-node {key!r} has {what} (an I-node holds the statement's text)", path)

    def check_edges(self, edges: list[Any]) -> None:
        """Raise a located ParseError for the first edge AIF does not allow."""
        for edge in edges:
            if type(edge) is not dict or type(edge.get("fromID")) not in _ID_TYPES:
                break
            if type(edge.get("toID")) not in _ID_TYPES:
                break
        else:
            return
        for index, edge in enumerate(edges):
            path = (*self.prefix, "edges", f"#{index}")
            if not isinstance(edge, dict):
                raise self.fail(
                    f'edge #{index} is {_a(_json_type(edge))}, not an object (write {{"fromID": ...}})', path
                )
            for end in ("fromID", "toID"):
                value = edge.get(end)
                if isinstance(value, bool) or not isinstance(value, str | int):
                    what = (
                        f"no {end!r}"
                        if end not in edge
                        else f"{end} {_shown(value)}, not a string or integer"
                    )
                    raise self.fail(f"edge #{index} has {what} (an edge joins two nodeIDs)", path)

    def build(
        self, document: dict[str, Any], nodes: list[dict[str, Any]], edges: list[dict[str, Any]], wrapper: Any
    ) -> ArgumentMap:
        ids = _Ids()
        claims: dict[str, str] = {}  # nodeID -> statement id
        claim_nodes: list[tuple[int, str]] = []  # (node index, statement id), in the nodes' order
        relations: list[tuple[int, dict[str, Any]]] = []
        for index, node in enumerate(nodes):
            kind = node["type"]
            if kind == "I":
                if node["text"].strip():
                    claims[str(node["nodeID"])] = claim_id = ids.make("i", node["nodeID"])
                    claim_nodes.append((index, claim_id))
            elif kind == "RA" or kind == "CA":  # noqa: PLR1714  # two compares beat building a set
                relations.append((index, node))
        starts = list(map(str, map(_FROM, edges)))
        ends = list(map(str, map(_TO, edges)))
        # Only the edges at RA and CA nodes are looked up: the dialogue's edges need no lists.
        incoming: dict[str, list[int]] = {str(node["nodeID"]): [] for _, node in relations}
        outgoing: dict[str, list[int]] = {key: [] for key in incoming}
        for index, end in enumerate(ends):
            if end in incoming:
                incoming[end].append(index)
        for index, start in enumerate(starts):
            if start in outgoing:
                outgoing[start].append(index)
        model_edges: set[int] = set()
        arguments: dict[str, _Spec] = {}  # nodeID -> the argument it is read as
        for index, node in relations:
            kind = node["type"]
            key = str(node["nodeID"])
            premise_edges = self.premise_edges(key, incoming, starts, claims)
            conclusions = [i for i in outgoing.get(key, ()) if ends[i] in claims]
            if not premise_edges or len(conclusions) != 1:
                continue
            conclusion = claims[ends[conclusions[0]]]
            premises = [claims[starts[i]] for i in premise_edges]
            stance: Literal["pro", "con"] = "pro" if kind == "RA" else "con"
            if stance == "pro" and conclusion in premises:
                continue  # a statement cannot support itself in the model: kept as AIF
            arguments[key] = _Spec(
                ids.make(kind.lower(), node["nodeID"]),
                conclusion,
                premises,
                stance,
                _scheme(node),
                index=index,
            )
            model_edges.update(premise_edges)
            model_edges.add(conclusions[0])
        undercuts: list[
            list[Any]
        ] = []  # [node index, argument id, undercutter ids], a CA read as an undercut
        for index, node in relations:
            key = str(node["nodeID"])
            if node["type"] != "CA" or key in arguments:
                continue
            out = outgoing.get(key, [])
            if len(out) != 1 or ends[out[0]] not in arguments:
                continue
            target = arguments[ends[out[0]]]
            premise_edges = self.premise_edges(key, incoming, starts, claims)
            premises = [claims[starts[i]] for i in premise_edges]
            if not premises or set(premises) & {*target.premises, *target.undercutters}:
                continue  # premise and undercutter at once, or undercut twice: kept as AIF
            target.undercutters.extend(premises)
            undercuts.append([index, target.id, premises])
            model_edges.update(premise_edges)
            model_edges.add(out[0])
        return self.assemble(
            document,
            wrapper,
            claims=claim_nodes,
            arguments=arguments,
            undercuts=undercuts,
            model_edges=model_edges,
        )

    @staticmethod
    def premise_edges(
        key: str,
        incoming: Mapping[str, list[int]],
        starts: Sequence[str],
        claims: Mapping[str, str],
    ) -> list[int]:
        """Return the edges bringing premises into S-node ``key``: from I-nodes read as claims, each once."""
        found: list[int] = []
        seen: set[str] = set()
        for index in incoming.get(key, ()):
            source = starts[index]
            if source in claims and source not in seen:
                seen.add(source)
                found.append(index)
        return found

    def assemble(
        self,
        document: dict[str, Any],
        wrapper: Any,
        *,
        claims: list[tuple[int, str]],
        arguments: Mapping[str, _Spec],
        undercuts: list[list[Any]],
        model_edges: set[int],
    ) -> ArgumentMap:
        nodes = list(document["nodes"])
        read_statements: dict[str, int] = {}  # statement id -> node index
        text_at: dict[str, int] = {}  # statement id -> where "text" was among the node's keys, if not second
        rows: list[tuple[str, str, bool]] = []
        used: set[str] = set()
        supported: set[str] = set()
        for spec in arguments.values():
            used.update(spec.premises)
            used.update(spec.undercutters)
            if spec.stance == "pro":
                supported.add(spec.conclusion)
        grounded = used - supported
        for index, claim_id in claims:
            node = nodes[index]
            position = list(node).index("text")
            if position != 1:
                text_at[claim_id] = position
            read_statements[claim_id] = index
            rows.append((claim_id, node["text"], claim_id in grounded))
            node = dict(node)  # the text lives in the map, not twice
            del node["text"]
            nodes[index] = node
        kept = {key: nodes if key == "nodes" else value for key, value in document.items()}
        extension: dict[str, Any] = {
            "document": kept,
            "statements": read_statements,
            "arguments": {spec.id: spec.index for spec in arguments.values()},
            "model_edges": sorted(model_edges),
        }
        if text_at:
            extension["text_at"] = text_at
        if undercuts:
            extension["undercuts"] = undercuts
        if wrapper is not None:
            extension["wrapper"] = wrapper
        title = DEFAULT_TITLE
        if self.file:
            name = _file_name(self.file)
            for suffix in (".json", ".aif"):
                name = name.removesuffix(suffix)
            title = name.strip() or DEFAULT_TITLE
        checked = self.checked
        # Every value was checked above (ids derived, texts non-blank): the validators need not run again.
        statements = construct(Claim, ("id", "text", "assumed"), rows, checked=checked)
        built = construct(
            Argument,
            ("id", "conclusion", "premises", "stance", "scheme", "undercutters"),
            [
                (
                    spec.id,
                    spec.conclusion,
                    tuple(spec.premises),
                    spec.stance,
                    spec.scheme,
                    tuple(spec.undercutters),
                )
                for spec in arguments.values()
            ],
            checked=checked,
        )
        fields: tuple[Any, ...] = (
            title,
            tuple(statements),
            tuple(built),
            {EXTENSION: extension},
            Origin(self.file),
        )
        if checked:
            return ArgumentMap(**dict(zip(_MAP_FIELDS, fields, strict=True)))
        # The extension is plain JSON by construction (json.loads made it, with the str keys and int
        # indexes added above), so the model's walk over all of it, a tenth of the reading time, is
        # skipped; every other check of the map runs, in __attrs_post_init__.
        [argument_map] = trusted(ArgumentMap, _MAP_NAMES, [(*fields, *_derived())])
        argument_map.__attrs_post_init__()
        return argument_map


_MAP_FIELDS: Final = ("title", "statements", "arguments", "extensions", "origin")
# ArgumentMap's fields that __attrs_post_init__ fills (each needs a value for ``trusted``).
_MAP_DERIVED: Final = (
    "_statement_index",
    "_argument_index",
    "_source_index",
    "_line_index",
    "_pro",
    "_con",
    "_derived",
)


_MAP_NAMES: Final = (*_MAP_FIELDS, *_MAP_DERIVED)


def _derived() -> tuple[dict[str, Any], ...]:
    return ({}, {}, {}, {}, {}, {}, {})  # one per name in _MAP_DERIVED


class _Spec:
    """An argument as read, before it is built: undercutters are added as CA nodes are met."""

    __slots__ = ("conclusion", "id", "index", "premises", "scheme", "stance", "undercutters")

    def __init__(
        self, ident: str, conclusion: str, premises: list[str], stance: str, scheme: str | None, *, index: int
    ) -> None:
        self.id = ident
        self.index = index  # of its node
        self.conclusion = conclusion
        self.premises = premises
        self.stance = stance
        self.scheme = scheme
        self.undercutters: list[str] = []


def _assumed_claims(claims: Iterable[str], arguments: Iterable[Argument]) -> frozenset[str]:
    """Return the claims a reading from AIF takes as given: premises and undercutters nothing supports."""
    used: set[str] = set()
    supported: set[str] = set()
    for argument in arguments:
        used.update(argument.premises)
        used.update(argument.undercutters)
        if argument.is_pro:
            supported.add(argument.conclusion)
    return frozenset(claim for claim in claims if claim in used and claim not in supported)


class _Ids:
    """Readable, unique argmap ids from nodeIDs: ``<type>-<nodeID>``."""

    def __init__(self) -> None:
        self.taken: set[str] = set()
        self.last: dict[str, int] = {}  # base -> its last suffix: many clashes cost no rescans

    def make(self, prefix: str, node_id: object) -> str:
        text = str(node_id)
        # Letters and digits only (AIFdb's nodeIDs) hold no white space to replace.
        base = f"{prefix}-{text}" if text.isalnum() else f"{prefix}-{'_'.join(text.split())}"
        candidate = base
        if candidate in self.taken:
            number = self.last.get(base, 1)
            while candidate in self.taken:
                number += 1
                candidate = f"{base}~{number}"
            self.last[base] = number
        self.taken.add(candidate)
        return candidate


def _shown(value: object) -> str:
    """Return a value as JSON writes it, cut short (messages quote the file, not Python)."""
    return shorten(_json.dumps(value, ensure_ascii=False), 40)


def _a(noun: str) -> str:
    return f"an {noun}" if noun[0] in "aeiou" else f"a {noun}"


def _json_type(value: object) -> str:
    names = {dict: "object", list: "list", str: "string", bool: "boolean", type(None): "null"}
    return names.get(type(value), "number")


# -- writing ---------------------------------------------------------------------------------


def dumps(argument_map: ArgumentMap) -> str:
    """Write a map as AIF JSON: two-space indent, unicode as is; warns (AifWarning) of what is left out."""
    return _json.dumps(_write(argument_map), ensure_ascii=False, indent=2) + "\n"


def to_data(argument_map: ArgumentMap) -> dict[str, Any]:
    """Return the AIF document for a map as JSON data (see ``dumps``)."""
    return _write(argument_map)


def _write(argument_map: ArgumentMap) -> dict[str, Any]:
    writer = _Writer(argument_map)
    data = writer.write()
    writer.warn()
    return data


_DEFAULT_TEXT: Final = {"RA": "Default Inference", "CA": "Default Conflict"}


class _Counter:
    """The next free numeric id after those a document uses, written as they are (int or digits)."""

    def __init__(self, existing: Iterable[object]) -> None:
        values = [value for value in existing if not isinstance(value, bool)]
        self.taken = {str(value) for value in values}
        numbers = [int(str(value)) for value in values if str(value).isdigit() and str(value).isascii()]
        self.next = max(numbers, default=0) + 1
        self.as_int = bool(values) and all(isinstance(value, int) for value in values)

    def take(self) -> str | int:
        while str(self.next) in self.taken:
            self.next += 1
        value = self.next
        self.taken.add(str(value))
        self.next += 1
        return value if self.as_int else str(value)


class _Writer:
    def __init__(self, argument_map: ArgumentMap) -> None:
        self.map = argument_map
        self.lost: dict[str, list[str]] = {}

    def stored(self) -> tuple[dict[str, Any], list[dict[str, Any]], list[dict[str, Any]], set[int], Any]:
        extension = self.map.extensions.get(EXTENSION)
        if extension is None:
            document: dict[str, Any] = {"nodes": [], "edges": [], "locutions": []}
            return document, [], [], set(), None
        try:
            document = dict(extension["document"])
            records: list[dict[str, Any]] = [{"node": node} for node in document["nodes"]]
            for ident, index in extension.get("statements", {}).items():
                position = extension.get("text_at", {}).get(ident, 1)
                records[index] |= {"id": ident, "text_at": position}
            for ident, index in extension.get("arguments", {}).items():
                records[index]["id"] = ident
            for index, target, premises in extension.get("undercuts", ()):
                records[index] |= {"undercuts": target, "undercutters": list(premises)}
            edges = list(document["edges"])
            model_edges = {int(index) for index in extension.get("model_edges", ())}
            wrapper = extension.get("wrapper")
            for record in records:
                _ = record["node"]["nodeID"], record["node"]["type"]
            for edge in edges:
                _ = edge["fromID"], edge["toID"]
        except (KeyError, TypeError, ValueError, IndexError, AttributeError):
            raise FormatError(
                f"extensions[{EXTENSION!r}] is not what argmap's AIF reader keeps"
                " (remove it to write the map as new AIF)"
            ) from None
        return document, records, edges, model_edges, wrapper

    def write(self) -> dict[str, Any]:
        argument_map = self.map
        document, records, old_edges, model_indexes, wrapper = self.stored()
        statements = {statement.id: statement for statement in argument_map.statements}
        arguments = {argument.id: argument for argument in argument_map.arguments}
        # Ends of edges to nowhere count as taken: a new node must not complete one.
        ends = [edge[end] for edge in old_edges for end in ("fromID", "toID")]
        nodes_counter = _Counter([*(record["node"]["nodeID"] for record in records), *ends])
        node_of: dict[str, Any] = {}  # argmap id -> nodeID as written
        for record in records:
            ident, node = record.get("id"), record["node"]
            if not isinstance(ident, str):
                continue
            is_claim = node["type"] == "I" and ident in statements
            if is_claim or (
                ident in arguments and node["type"] == ("RA" if arguments[ident].is_pro else "CA")
            ):
                node_of[ident] = node["nodeID"]
        fresh: list[dict[str, Any]] = []
        for statement in argument_map.statements:
            if statement.id not in node_of:
                node_of[statement.id] = nodes_counter.take()
                fresh.append({"nodeID": node_of[statement.id], "text": _text(statement), "type": "I"})
        for argument in argument_map.arguments:
            if argument.id not in node_of:
                node_of[argument.id] = nodes_counter.take()
                kind = "RA" if argument.is_pro else "CA"
                node = {
                    "nodeID": node_of[argument.id],
                    "text": argument.scheme or _DEFAULT_TEXT[kind],
                    "type": kind,
                }
                if argument.scheme:
                    node["scheme"] = argument.scheme
                fresh.append(node)
        wanted: list[tuple[Any, Any]] = []  # model edges, as (fromID, toID) written
        for argument in argument_map.arguments:
            node_id = node_of[argument.id]
            wanted.extend((node_of[premise], node_id) for premise in argument.premises)
            wanted.append((node_id, node_of[argument.conclusion]))
        undercut_records = self.undercuts(records, node_of, nodes_counter, fresh, wanted)
        nodes: list[dict[str, Any]] = []
        written: set[str] = set()
        for index, record in enumerate(records):
            node = record["node"]
            ident = record.get("id")
            if isinstance(ident, str):
                if _key(node_of.get(ident)) != _key(node["nodeID"]):
                    continue  # deleted since it was read
                node = self.restore(record, statements.get(ident), arguments.get(ident))
            elif "undercuts" in record and index not in undercut_records:
                continue
            nodes.append(node)
            written.add(_key(node["nodeID"]))
        for node in fresh:
            nodes.append(node)
            written.add(_key(node["nodeID"]))
        edges = self.edges(records, old_edges, model_indexes, wanted, written)
        out: dict[str, Any] = {}
        for key, value in document.items():
            out[key] = nodes if key == "nodes" else edges if key == "edges" else value
        self.note_losses()
        if wrapper is not None:
            outer = dict(wrapper["outer"])
            outer[wrapper["key"]] = out
            return outer
        return out

    def undercuts(
        self,
        records: list[dict[str, Any]],
        node_of: dict[str, Any],
        counter: _Counter,
        fresh: list[dict[str, Any]],
        wanted: list[tuple[Any, Any]],
    ) -> set[int]:
        """Add the CA nodes and edges of undercuts to ``fresh``/``wanted``; return the stored ones kept."""
        kept: set[int] = set()
        stored: dict[str, list[tuple[int, dict[str, Any]]]] = {}
        for index, record in enumerate(records):
            target = record.get("undercuts")
            if isinstance(target, str):
                stored.setdefault(target, []).append((index, record))
        for argument in self.map.arguments:
            if not argument.undercutters:
                continue
            covered: set[str] = set()
            target = node_of[argument.id]
            for index, record in stored.get(argument.id, ()):
                premises = [
                    premise
                    for premise in record.get("undercutters", ())
                    if premise in argument.undercutters and premise not in covered
                ]
                if not premises:
                    continue
                kept.add(index)
                covered.update(premises)
                node_id = record["node"]["nodeID"]
                wanted.extend((node_of[premise], node_id) for premise in premises)
                wanted.append((node_id, target))
            for premise in argument.undercutters:
                if premise in covered:
                    continue
                node_id = counter.take()
                fresh.append({"nodeID": node_id, "text": _DEFAULT_TEXT["CA"], "type": "CA"})
                wanted.extend([(node_of[premise], node_id), (node_id, target)])
        return kept

    @staticmethod
    def restore(
        record: Mapping[str, Any], statement: Statement | None, argument: Argument | None
    ) -> dict[str, Any]:
        node = dict(record["node"])
        if statement is not None:
            items = list(node.items())
            at = record.get("text_at")
            at = at if isinstance(at, int) and 0 <= at <= len(items) else min(1, len(items))
            items.insert(at, ("text", _text(statement)))
            return dict(items)
        if argument is not None and _scheme(node) != argument.scheme:
            kind = node["type"]
            name = argument.scheme or _DEFAULT_TEXT[kind]
            if node.get("text") != kind:
                node["text"] = name
            if "scheme" in node:
                node["scheme"] = name
            node.pop("schemeID", None)
            if _scheme(node) != argument.scheme:
                node["text"] = name
        return node

    def edges(
        self,
        records: list[dict[str, Any]],
        old_edges: list[dict[str, Any]],
        model_indexes: set[int],
        wanted: list[tuple[Any, Any]],
        written: set[str],
    ) -> list[dict[str, Any]]:
        remaining: dict[tuple[str, str], int] = {}
        for start, end in wanted:
            pair = (_key(start), _key(end))
            remaining[pair] = remaining.get(pair, 0) + 1
        known = {_key(record["node"]["nodeID"]) for record in records}
        out: list[dict[str, Any]] = []
        dropped: list[str] = []
        for index, edge in enumerate(old_edges):
            pair = (_key(edge["fromID"]), _key(edge["toID"]))
            if index in model_indexes:
                if remaining.get(pair, 0) > 0:
                    remaining[pair] -= 1
                    out.append(edge)
            elif all(end in written or end not in known for end in pair):
                out.append(edge)
            else:
                dropped.append(str(edge.get("edgeID", f"#{index}")))
        if dropped:
            self.lost["edges that touch a deleted node (kept from the AIF read)"] = dropped
        counter = _Counter(edge.get("edgeID") for edge in old_edges if "edgeID" in edge)
        for start, end in wanted:
            pair = (_key(start), _key(end))
            if remaining.get(pair, 0) > 0:
                remaining[pair] -= 1
                out.append({"edgeID": counter.take(), "fromID": start, "toID": end, "formEdgeID": None})
        return out

    def note_losses(self) -> None:
        argument_map = self.map
        lost = self.lost
        if EXTENSION not in argument_map.extensions:
            lost.setdefault("the title", []).append(repr(shorten(argument_map.title, 40)))
        if argument_map.description:
            lost.setdefault("the description", []).append(repr(shorten(argument_map.description, 40)))
        expected = _assumed_claims((s.id for s in argument_map.statements), argument_map.arguments)
        for statement in argument_map.statements:
            if not isinstance(statement, Claim):
                lost.setdefault(f"{statement.kind} (written as an I-node)", []).append(statement.id)
            if statement.assumed != (statement.id in expected):
                lost.setdefault("assumed (AIF implies it from the structure)", []).append(statement.id)
            if statement.note:
                lost.setdefault("notes", []).append(statement.id)
            if isinstance(statement, Question | Position | Claim):
                if statement.base_score is not None:
                    lost.setdefault("base scores", []).append(statement.id)
                if statement.standard is not None:
                    lost.setdefault("proof standards", []).append(statement.id)
            if isinstance(statement, Position) and statement.answers is not None:
                lost.setdefault("the question a position answers", []).append(statement.id)
            if isinstance(statement, Question) and statement.compatible:
                lost.setdefault("compatible answers", []).append(statement.id)
            if isinstance(statement, Evidence):
                what = "the source, speaker, locator, weight and paraphrase of evidence"
                lost.setdefault(what, []).append(statement.id)
        for argument in argument_map.arguments:
            if argument.title:
                lost.setdefault("argument titles", []).append(argument.id)
            if argument.weight is not None:
                lost.setdefault("argument weights", []).append(argument.id)
            if argument.note:
                lost.setdefault("notes", []).append(argument.id)
        if argument_map.sources:
            lost.setdefault("sources", []).extend(source.id for source in argument_map.sources)
        if argument_map.lines:
            lost.setdefault("lines of argument", []).extend(line.id for line in argument_map.lines)

    def warn(self) -> None:
        if not self.lost:
            return
        parts = []
        for what, ids in self.lost.items():
            shown = ", ".join(ids[:_SHOWN]) + (f" and {len(ids) - _SHOWN} more" if len(ids) > _SHOWN else "")
            parts.append(f"{what} ({shown})")
        warnings.warn(
            "AIF has no place for these, left out: " + "; ".join(parts), AifWarning, stacklevel=4
        )  # the caller of dumps or to_data


def _text(statement: Statement) -> str:
    if isinstance(statement, Evidence):
        return statement.quote
    return str(getattr(statement, "text", statement.label))
