"""SADFace, the Simple Argument Description Format (JSON), read and written.

SADFace (https://github.com/Open-Argumentation/SADFace, Simon Wells) is a JSON document::

    {"edges": [{"id", "source_id", "target_id"}], "metadata": {"core": {...}},
     "nodes": [{"id", "type": "atom", "text", "sources", "metadata"}
               | {"id", "type": "scheme", "name", "metadata"}],
     "resources": [...]}

Atoms never link directly: every relation goes through a scheme node, as in AIF. It is read as
follows:

- each atom becomes a Claim with the atom's id and text, except an atom whose first ``sources``
  entry quotes a resource (``{"resource_id", "text"}``): it becomes Evidence quoting that text
  from that source, the atom's own text (when it differs) being the evidence's paraphrase;
- each resource becomes a Source with the resource's id; the ``title``, ``author``,
  ``publisher``, ``date``, ``url`` and ``path`` in its metadata are the source's fields (the
  title defaults to the start of the resource's content);
- each scheme becomes an Argument with the scheme's id: its premises are the atoms with an edge
  into it, its conclusion the one atom it has an edge to. A scheme named ``conflict`` is a con
  argument; any other name is a pro argument, whose ``scheme`` keeps the name exactly unless it is
  SADFace's plain ``support``;
- a ``conflict`` scheme whose edge goes to another scheme is an undercut: its atoms become
  undercutters of that scheme's argument (several atoms into one such scheme each undercut on
  their own, which argmap warns about with a ``SadfaceWarning``);
- claims that are premises or undercutters and that no pro argument concludes are ``assumed``;
- ``metadata.core.title`` and ``description`` become the map's title and description (a document
  without a title is called "SADFace document").

Everything the model does not use (metadata, resources, atoms' sources and metadata, edge ids,
the order of nodes, edges and keys, the indentation) is kept in ``extensions["sadface"]``, so
``dumps(loads(text))`` gives the document back exactly; its texts, title and description may be
edited in between. Any other map is written as atoms and schemes (statement and argument ids are
kept as node ids; edges and undercut schemes get UUIDs derived from what they join; sources are
resources with an empty ``content`` and evidence cites them without offsets); what SADFace has
no place for (the kinds of statements, evidence's speaker, locator and weight, titles, notes,
argument weights, base scores, proof standards, lines, the schemes of con arguments, an
``assumed`` that reading back would not derive) is left out with a ``SadfaceWarning``. Such a
document has no analyst or timestamps in ``metadata.core``: argmap output is deterministic.

Mistakes are ParseErrors with file:line:column: text that is not JSON, a document that is not a
SADFace object, nodes or edges that are not objects with string ids, an unknown node type, an
atom without text, an edge to an unknown node or between two atoms, a scheme without premises or
without exactly one conclusion, more than ``Limits.max_items`` nodes and edges, nesting deeper
than ``Limits.max_depth``, or numbers longer than ``Limits.max_digits``.

>>> m = loads('''{"edges": [{"id": "e1", "source_id": "calm", "target_id": "s1"},
...                         {"id": "e2", "source_id": "s1", "target_id": "tea"}],
...  "metadata": {"core": {"title": "Tea?"}},
...  "nodes": [{"id": "tea", "type": "atom", "text": "Drink tea."},
...            {"id": "s1", "type": "scheme", "name": "support"},
...            {"id": "calm", "type": "atom", "text": "It calms."}],
...  "resources": []}''')
>>> m.title, [(a.id, a.premises, a.stance, a.conclusion) for a in m.arguments]
('Tea?', [('s1', ('calm',), 'pro', 'tea')])
>>> loads(dumps(m)) == m
True
"""

from __future__ import annotations

import copy
import json
import re
import uuid
import warnings
from collections.abc import Iterator, Mapping, Sequence
from typing import Any, Final

import attrs

from argmap._text import shorten
from argmap.errors import ArgmapError, Location, ParseError
from argmap.formats._limits import DEFAULT_LIMITS, Limits, check_size, too_many_items
from argmap.model import Argument, ArgumentMap, Claim, Evidence, Origin, Source, Statement

__all__ = ["DEFAULT_TITLE", "EXTENSION", "SadfaceWarning", "dumps", "loads", "looks_like"]

EXTENSION: Final = "sadface"
"""The key of ``ArgumentMap.extensions`` that keeps what the model does not hold."""
DEFAULT_TITLE: Final = "SADFace document"
"""The map's title when ``metadata.core`` has none."""

_SUPPORT: Final = "support"
_CONFLICT: Final = "conflict"
_VERSION: Final = "0.2"
_SOURCE_FIELDS: Final = ("title", "author", "publisher", "date", "url", "path")
_SHOWN: Final = 3  # ids named in a warning before "and N more"
_NAMESPACE: Final = uuid.UUID("6c1d3a52-3f0e-4f0b-9a55-5ad7ace0a2e1")  # argmap's, for derived ids


class SadfaceWarning(UserWarning):
    """A relation read approximately, or a part of a map that SADFace has no place for."""


def looks_like(data: object) -> bool:
    """Return whether parsed JSON ``data`` is a SADFace document (never raises).

    A SADFace document is an object without an ``argmap`` key that has a ``sadface`` key, or
    ``metadata`` holding ``core``, or edges with ``source_id`` or nodes of type atom or scheme.
    """
    if not isinstance(data, dict) or "argmap" in data:
        return False
    metadata = data.get("metadata")
    if "sadface" in data or (isinstance(metadata, dict) and isinstance(metadata.get("core"), dict)):
        return True
    edges, nodes = data.get("edges"), data.get("nodes")
    if isinstance(edges, list) and edges and isinstance(edges[0], dict) and "source_id" in edges[0]:
        return True
    return (
        isinstance(nodes, list)
        and bool(nodes)
        and isinstance(nodes[0], dict)
        and nodes[0].get("type") in {"atom", "scheme"}
    )


# -- reading ------------------------------------------------------------------------------------


class _Places(Mapping[tuple[str, ...], Location]):
    """Where each node's id is written, found in the text on the first lookup (messages only)."""

    def __init__(self, text: str, file: str | None) -> None:
        self._text = text
        self._file = file
        self._found: dict[tuple[str, ...], Location] | None = None

    def _all(self) -> dict[tuple[str, ...], Location]:
        if self._found is None:
            found: dict[tuple[str, ...], Location] = {}
            for match in re.finditer(r'"id"\s*:\s*("(?:[^"\\]|\\.)*")', self._text):
                try:
                    ident = json.loads(match.group(1))
                except ValueError:
                    continue
                line = self._text.count("\n", 0, match.start()) + 1
                column = match.start() - (self._text.rfind("\n", 0, match.start()) + 1) + 1
                place = Location(self._file, line, column)
                for group in ("statements", "arguments"):
                    found.setdefault((group, ident), place)
            self._found = found
            self._text = ""
        return self._found

    def __getitem__(self, path: tuple[str, ...]) -> Location:
        return self._all()[path]

    def __iter__(self) -> Iterator[tuple[str, ...]]:
        return iter(self._all())

    def __len__(self) -> int:
        return len(self._all())


class _Reader:
    """Turns a parsed SADFace document into a map; every mistake is located at the node's id."""

    def __init__(self, file: str | None, places: _Places | None) -> None:
        self.file = file
        self.places = places

    def fail(self, message: str, ident: str | None = None) -> ParseError:
        where = None
        if ident is not None and self.places is not None:
            where = self.places.get(("statements", ident))
        return ParseError(message, where or Location(self.file, 1, 1))

    def read(self, document: Any, layout: Mapping[str, Any]) -> ArgumentMap:
        if not isinstance(document, dict):
            raise self.fail("a SADFace document is a JSON object with nodes, edges and metadata")
        nodes = self.listed(document, "nodes")
        edges = self.listed(document, "edges")
        atoms: dict[str, str] = {}
        schemes: dict[str, str] = {}
        for index, node in enumerate(nodes):
            ident = self.ident(node, f"node #{index + 1}")
            if ident in atoms or ident in schemes:
                raise self.fail(f"node id {ident!r} is used twice (give each node its own id)", ident)
            kind = node.get("type")
            if kind == "atom":
                text = node.get("text")
                if not isinstance(text, str) or not text.strip():
                    raise self.fail(f'atom {ident!r} has no text (write it under "text")', ident)
                atoms[ident] = text
            elif kind == "scheme":
                name = node.get("name", _SUPPORT)
                if not isinstance(name, str) or not name.strip():
                    raise self.fail(f'scheme {ident!r} has no name (e.g. "support" or "conflict")', ident)
                schemes[ident] = name
            else:
                raise self.fail(f'node {ident!r} has type {kind!r} (must be "atom" or "scheme")', ident)
        into: dict[str, list[str]] = {}
        out: dict[str, list[str]] = {}
        seen: set[str] = set()
        for index, edge in enumerate(edges):
            ident = self.ident(edge, f"edge #{index + 1}")
            if ident in seen:
                raise self.fail(f"edge id {ident!r} is used twice (give each edge its own id)", ident)
            seen.add(ident)
            ends = [edge.get("source_id"), edge.get("target_id")]
            for end in ends:
                if not isinstance(end, str) or (end not in atoms and end not in schemes):
                    raise self.fail(
                        f"edge {ident!r} joins unknown node {end!r} (check source_id and target_id)", ident
                    )
            source, target = str(ends[0]), str(ends[1])
            if source in atoms and target in atoms:
                raise self.fail(
                    f"edge {ident!r} joins two atoms (atoms relate only through a scheme node: add one)",
                    ident,
                )
            into.setdefault(target, []).append(source)
            out.setdefault(source, []).append(target)
        arguments: dict[str, Argument] = {}
        undercuts: dict[str, tuple[str, list[str]]] = {}
        for ident, name in schemes.items():
            premises = [p for p in into.get(ident, []) if p in atoms]
            targets = out.get(ident, [])
            if not premises:
                raise self.fail(
                    f"scheme {ident!r} has no atom leading into it (add an edge from its premise)", ident
                )
            if len(targets) != 1:
                raise self.fail(
                    f"scheme {ident!r} leads to {len(targets)} nodes (a scheme concludes exactly one)", ident
                )
            if targets[0] in schemes:
                if name != _CONFLICT:
                    raise self.fail(
                        f"scheme {ident!r} ({name}) leads to scheme {targets[0]!r}: only a conflict scheme"
                        " can attack another scheme (an undercut)",
                        ident,
                    )
                undercuts[ident] = (targets[0], premises)
                continue
            conflict = name == _CONFLICT
            arguments[ident] = Argument(
                id=ident,
                conclusion=targets[0],
                premises=tuple(premises),
                stance="con" if conflict else "pro",
                scheme=None if name in {_SUPPORT, _CONFLICT} else name,
            )
        linked: list[str] = []
        for ident, (target, premises) in undercuts.items():
            if target not in arguments:
                raise self.fail(
                    f"conflict scheme {ident!r} attacks scheme {target!r}, which is itself an undercut"
                    " (argmap undercuts arguments only)",
                    ident,
                )
            if len(premises) > 1:
                linked.append(ident)
            argument = arguments[target]
            extra = tuple(p for p in premises if p not in argument.undercutters)
            arguments[target] = attrs.evolve(argument, undercutters=(*argument.undercutters, *extra))
        if linked and self.places is not None:
            names = _names(linked)
            warnings.warn(
                "argmap cannot hold a conflict scheme that undercuts with several atoms together: each atom"
                f" is read as an undercutter of its own: {names}",
                SadfaceWarning,
                stacklevel=3,
            )
        supported = {a.conclusion for a in arguments.values() if a.is_pro}
        used = {p for a in arguments.values() for p in (*a.premises, *a.undercutters)}
        sources = self.sources(document, taken={*atoms, *schemes})
        cited = {node["id"]: _cited(node, sources) for node in nodes if node.get("type") == "atom"}
        statements: list[Statement] = []
        for ident, text in atoms.items():
            quote = cited.get(ident)
            if quote is not None:
                paraphrase = text if text != quote[1] else None
                statements.append(Evidence(id=ident, quote=quote[1], source=quote[0], text=paraphrase))
            else:
                statements.append(
                    Claim(id=ident, text=text, assumed=ident in used and ident not in supported)
                )
        core = _core(document)
        title = core.get("title")
        description = core.get("description")
        stored = copy.deepcopy(document)
        for node in stored.get("nodes", []):
            if node.get("type") == "atom":
                node["text"] = None  # the statement holds it
        return ArgumentMap(
            title=title if isinstance(title, str) and title.strip() else DEFAULT_TITLE,
            description=description if isinstance(description, str) else None,
            sources=tuple(sources.values()),
            statements=tuple(statements),
            arguments=tuple(arguments.values()),
            extensions={EXTENSION: {"document": stored, "layout": dict(layout)}},
            origin=Origin(self.file, self.places) if self.places is not None else None,
        )

    def sources(self, document: dict[str, Any], taken: set[str]) -> dict[str, Source]:
        """Return a Source for each resource with an id of its own; its metadata gives the fields."""
        sources: dict[str, Source] = {}
        for resource in self.listed(document, "resources"):
            ident = resource.get("id")
            if not isinstance(ident, str) or ident in taken or ident in sources:
                continue  # kept in the document as it is, but not a source of evidence
            metadata = resource.get("metadata")
            fields = {
                key: value
                for key, value in (metadata.items() if isinstance(metadata, dict) else ())
                if key in _SOURCE_FIELDS and isinstance(value, str) and value.strip()
            }
            content = resource.get("content")
            fallback = shorten(content) if isinstance(content, str) and content.strip() else ident
            fields.setdefault("title", fallback)
            try:
                sources[ident] = Source(id=ident, **fields)
            except ArgmapError:
                fields.pop("url", None)  # not http(s): kept in the document only
                sources[ident] = Source(id=ident, **fields)
        return sources

    def listed(self, document: dict[str, Any], key: str) -> list[dict[str, Any]]:
        items = document.get(key, [])
        if not isinstance(items, list) or not all(isinstance(item, dict) for item in items):
            raise self.fail(f'{key!r} must be a list of objects (write "{key}": [...])')
        return items

    def ident(self, item: dict[str, Any], what: str) -> str:
        ident = item.get("id")
        if not isinstance(ident, str) or not ident or ident != ident.strip():
            raise self.fail(f"{what} has no usable id, got {ident!r} (give it a string id without spaces)")
        return ident


def _cited(atom: Mapping[str, Any], sources: Mapping[str, Source]) -> tuple[str, str] | None:
    """Return (source id, quote) when the atom's first source quotes a known resource."""
    cited = atom.get("sources")
    first = cited[0] if isinstance(cited, list) and cited else None
    if not isinstance(first, dict):
        return None
    resource, quote = first.get("resource_id"), first.get("text")
    if resource in sources and isinstance(quote, str) and quote.strip():
        return str(resource), quote
    return None


def _core(document: Mapping[str, Any]) -> Mapping[str, Any]:
    metadata = document.get("metadata")
    core = metadata.get("core") if isinstance(metadata, dict) else None
    return core if isinstance(core, dict) else {}


def _deeper_than(data: Any, limit: int) -> bool:
    stack: list[tuple[Any, int]] = [(data, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict | list):
            if depth > limit:
                return True
            stack.extend((inner, depth + 1) for inner in (item.values() if isinstance(item, dict) else item))
    return False


def _layout(text: str) -> dict[str, Any]:
    """Return how the document was written: its indentation and whether it escapes non-ASCII."""
    indent = re.search(r"\n( +)\S", text)
    # Capped, so that a document indented by hundreds of spaces is not written back that way.
    return {"indent": min(len(indent.group(1)), 8) if indent else None, "ascii": text.isascii()}


def loads(text: str, *, file: str | None = None, limits: Limits = DEFAULT_LIMITS) -> ArgumentMap:
    """Read a map from a SADFace document; raises ParseError with file:line:column.

    Warns (SadfaceWarning) when a conflict scheme undercuts with several atoms.
    """
    check_size(text, file, limits)
    text = text.removeprefix("\ufeff")

    def number(token: str) -> Any:
        if len(token) > limits.max_digits:
            raise ParseError(
                f"a number {len(token):,} characters long (at most {limits.max_digits}; if it is text,"
                " put it in quotes)",
                Location(file, 1, 1),
            )
        return float(token) if any(c in token for c in ".eE") else int(token)

    def constant(token: str) -> Any:
        raise ParseError(f"{token} is not JSON (write a number or null)", Location(file, 1, 1))

    try:
        document = json.loads(text, parse_int=number, parse_float=number, parse_constant=constant)
    except json.JSONDecodeError as error:
        raise ParseError(
            f"{error.msg} (JSON needs double quotes and no trailing commas)",
            Location(file, error.lineno, error.colno),
        ) from None
    except RecursionError:
        document = None
    if document is None or _deeper_than(document, limits.max_depth):
        raise ParseError(
            f"nested more than {limits.max_depth} levels deep (a SADFace document needs five)",
            Location(file, 1, 1),
        )
    if isinstance(document, dict):
        count = sum(len(v) for k in ("nodes", "edges") if isinstance(v := document.get(k), list))
        too_many = too_many_items(count, limits)
        if too_many:
            raise ParseError(
                too_many.replace("sources, statements, arguments and lines", "nodes and edges"),
                Location(file, 1, 1),
            )
    return _Reader(file, _Places(text, file)).read(document, _layout(text))


# -- writing ------------------------------------------------------------------------------------


def _warn(message: str, stacklevel: int = 5) -> None:
    warnings.warn(message, SadfaceWarning, stacklevel=stacklevel)


def _names(ids: Sequence[str]) -> str:
    more = f" and {len(ids) - _SHOWN} more" if len(ids) > _SHOWN else ""
    return ", ".join(repr(i) for i in ids[:_SHOWN]) + more


def _text(document: Any, layout: Mapping[str, Any]) -> str:
    indent = layout.get("indent")
    ascii_only = layout.get("ascii", True)
    indent = indent if isinstance(indent, int) and 0 <= indent <= 8 else None  # noqa: PLR2004
    return json.dumps(document, indent=indent, ensure_ascii=ascii_only is not False) + "\n"


def _stored(argument_map: ArgumentMap) -> str | None:
    """Return the document of a map read from SADFace and changed at most in its texts, else None."""
    extension = argument_map.extensions.get(EXTENSION)
    if not isinstance(extension, Mapping) or not isinstance(extension.get("document"), dict):
        return None
    document = copy.deepcopy(extension["document"])
    layout = extension.get("layout", {})
    try:
        for node in document.get("nodes", []):
            if isinstance(node, dict) and node.get("type") == "atom":
                statement = argument_map.statement(node["id"])
                node["text"] = statement.label
                if isinstance(statement, Evidence):
                    node["sources"][0]["text"] = statement.quote
        core = _core(document)
        if argument_map.title != (core.get("title") or DEFAULT_TITLE) or (
            argument_map.description is not None and core.get("description") != argument_map.description
        ):
            if not isinstance(document.get("metadata"), dict):
                return None
            document["metadata"].setdefault("core", {})
            document["metadata"]["core"]["title"] = argument_map.title
            if argument_map.description is not None:
                document["metadata"]["core"]["description"] = argument_map.description
        rebuilt = _Reader(None, None).read(document, layout)
    except (KeyError, TypeError, ParseError, ValueError):
        return None  # an extension that no longer describes this map
    if attrs.evolve(rebuilt, extensions=argument_map.extensions) != argument_map:
        return None
    return _text(document, layout)


def _derived(*parts: str) -> str:
    return str(uuid.uuid5(_NAMESPACE, "\x1f".join(parts)))


def _lost(argument_map: ArgumentMap) -> None:
    """Warn about each part of a map that SADFace has no place for."""
    m = argument_map
    supported = {a.conclusion for a in m.arguments if a.is_pro}
    used = {p for a in m.arguments for p in (*a.premises, *a.undercutters)}
    checks: list[tuple[str, list[str]]] = [
        (
            "questions and positions (written as atoms)",
            [s.id for s in m.statements if s.kind in {"question", "position"}],
        ),
        (
            "speakers and locators of evidence",
            [s.id for s in m.evidence if s.speaker is not None or s.locator is not None],
        ),
        ("notes", [s.id for s in m.statements if s.note] + [a.id for a in m.arguments if a.note]),
        ("argument titles", [a.id for a in m.arguments if a.title]),
        (
            "weights",
            [a.id for a in m.arguments if a.weight is not None]
            + [s.id for s in m.evidence if s.weight is not None],
        ),
        ("schemes of con arguments", [a.id for a in m.arguments if not a.is_pro and a.scheme]),
        ("lines of argument", [line.id for line in m.lines]),
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
                if s.assumed != (not isinstance(s, Evidence) and s.id in used and s.id not in supported)
            ],
        ),
        ("question settings (compatible positions)", [q.id for q in m.questions if q.compatible]),
    ]
    for what, ids in checks:
        if ids:
            _warn(f"SADFace has no place for {what}: {_names(ids)} (left out)")


def _rebuilt(argument_map: ArgumentMap) -> str:
    """Return a SADFace document for any map: atoms, schemes and the edges between them."""
    m = argument_map
    _lost(m)
    nodes: list[dict[str, Any]] = []
    for statement in m.statements:
        cited = []
        if isinstance(statement, Evidence):
            cited = [{"resource_id": statement.source, "text": statement.quote}]
        node = {"id": statement.id, "metadata": {}, "sources": cited, "text": statement.label, "type": "atom"}
        nodes.append(node)
    edges: list[dict[str, Any]] = []

    def edge(source: str, target: str) -> None:
        edges.append({"id": _derived("edge", source, target), "source_id": source, "target_id": target})

    renamed: list[str] = []
    for argument in m.arguments:
        name = _CONFLICT if not argument.is_pro else argument.scheme or _SUPPORT
        if argument.is_pro and name == _CONFLICT:
            renamed.append(argument.id)
            name = _SUPPORT
        nodes.append({"id": argument.id, "metadata": {}, "name": name, "type": "scheme"})
        for premise in argument.premises:
            edge(premise, argument.id)
        edge(argument.id, argument.conclusion)
    if renamed:
        _warn(
            f"pro arguments {_names(renamed)} have the scheme 'conflict', SADFace's name for attacks"
            " (written as support)",
            stacklevel=4,
        )
    for argument in m.arguments:
        for undercutter in argument.undercutters:
            scheme = _derived("undercut", undercutter, argument.id)
            nodes.append({"id": scheme, "metadata": {}, "name": _CONFLICT, "type": "scheme"})
            edge(undercutter, scheme)
            edge(scheme, argument.id)
    core: dict[str, Any] = {"id": _derived("document", m.title), "title": m.title, "version": _VERSION}
    if m.description is not None:
        core["description"] = m.description
    resources = [
        {
            "content": "",
            "id": source.id,
            "metadata": {
                key: getattr(source, key) for key in _SOURCE_FIELDS if getattr(source, key) is not None
            },
            "type": "text",
        }
        for source in m.sources
    ]
    document = {"edges": edges, "metadata": {"core": core}, "nodes": nodes, "resources": resources}
    return _text(document, {"indent": 4, "ascii": False})


def dumps(argument_map: ArgumentMap) -> str:
    """Write a map as a SADFace document; a map read from SADFace comes back as it was read."""
    return _stored(argument_map) or _rebuilt(argument_map)
