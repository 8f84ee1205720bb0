"""The argmap map format (``argmap: 1``) as plain data: shared by the YAML and JSON modules.

The schema is ``argmap/schema/argmap-1.schema.json``. Data in, model out, every problem gathered
with the path of the value it concerns, so the file modules can turn paths into line:column.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any, Final, TypeVar

from argmap._text import suggest
from argmap.errors import InvalidMapError, Location, ModelError, Problem
from argmap.model import (
    Argument,
    ArgumentMap,
    Claim,
    Evidence,
    Line,
    Origin,
    Position,
    Question,
    Source,
    Stance,
    Statement,
)
from argmap.model.ids import derived_argument_id

__all__ = ["FORMAT_VERSION", "count_items", "from_data", "to_data"]

FORMAT_VERSION: Final = 1

Path = tuple[str, ...]
_T = TypeVar("_T")

_TOP_KEYS: Final = (
    "argmap",
    "title",
    "description",
    "sources",
    "statements",
    "arguments",
    "lines",
    "extensions",
)
_LINE_KEYS: Final = ("id", "title", "arguments", "note")
_SOURCE_KEYS: Final = ("id", "title", "author", "publisher", "date", "url", "path")
_KIND_KEYS: Final = ("question", "position", "claim", "quote")
_COMMON_KEYS: Final = ("id", "assumed", "note", "supports", "opposes")
_TEXTUAL_KEYS: Final = ("base_score", "standard")
_STATEMENT_KEYS: Final = {
    "question": (*_COMMON_KEYS, "question", "compatible", *_TEXTUAL_KEYS),
    "position": (*_COMMON_KEYS, "position", "answers", *_TEXTUAL_KEYS),
    "claim": (*_COMMON_KEYS, "claim", *_TEXTUAL_KEYS),
    "quote": (*_COMMON_KEYS, "quote", "source", "speaker", "locator", "weight", "text"),
}
_ARGUMENT_KEYS: Final = (
    "id",
    "title",
    "pro",
    "con",
    "premises",
    "premise",
    "undercutters",
    "weight",
    "scheme",
    "note",
)


def _nearest(key: str, allowed: tuple[str, ...]) -> str:
    close = suggest(key, allowed)
    return close.strip(" ()") if close else f"allowed: {', '.join(allowed)}"


class _Located(Mapping[Path, Location]):
    """The file's locations, plus the paths of derived arguments resolved to where they are written.

    Nothing is looked up until a message needs it: for JSON the locations themselves are only
    computed then.
    """

    __slots__ = ("_aliases", "_base", "_file")

    def __init__(self, base: Mapping[Path, Location], aliases: dict[Path, Path], file: str | None) -> None:
        self._base = base
        self._aliases = aliases
        self._file = file

    def nearest(self, path: Path) -> Location | None:
        """Return the location of ``path`` or of its nearest enclosing value that has one."""
        for _ in range(8):  # aliases point at written values; a few hops at most
            probe = path
            while probe and probe not in self._aliases and probe not in self._base:
                probe = probe[:-1]
            if probe in self._aliases:
                path = (*self._aliases[probe], *path[len(probe) :])
                continue
            return self._base.get(probe) or (Location(self._file) if self._file else None)
        return Location(self._file) if self._file else None

    def _aliased(self, path: Path) -> bool:
        """Return whether ``path`` or one of its enclosing paths is a derived argument's."""
        aliases = self._aliases
        return bool(aliases) and any(path[:k] in aliases for k in range(len(path), 1, -1))

    def __getitem__(self, path: Path) -> Location:
        if self._aliased(path):
            found = self.nearest(path)
            if found is not None:
                return found
        return self._base[path]

    def __contains__(self, path: object) -> bool:
        return path in self._base or (isinstance(path, tuple) and self._aliased(path))

    def __iter__(self) -> Iterator[Path]:
        yield from self._base
        yield from (path for path in self._aliases if path not in self._base)

    def __len__(self) -> int:
        return sum(1 for _ in self)


_KEY_SETS: dict[tuple[str, ...], frozenset[str]] = {}
_KIND_SET: Final = frozenset(_KIND_KEYS)
_ALL_STATEMENT_KEYS: Final = frozenset(key for keys in _STATEMENT_KEYS.values() for key in keys)


class _Reader:
    """Turns data into model parts, collecting every problem instead of stopping at the first."""

    def __init__(self, locations: Mapping[Path, Location], file: str | None, raw: Mapping[Path, str]) -> None:
        self.aliases: dict[Path, Path] = {}
        self.locations = _Located(locations, self.aliases, file)
        self.raw = raw
        self.file = file
        self.problems: list[Problem] = []
        self.dropped: set[str] = set()
        self.owned: set[Path] = set()
        self.owners: dict[str, tuple[str, Path]] = {}
        """Each id read so far: the group it is in and its path, for reporting a second use."""

    def alias(self, path: Path, same_as: Path) -> None:
        """Let ``path`` (a derived argument's) point where ``same_as`` stands in the file."""
        if path != same_as:
            self.aliases.setdefault(path, same_as)

    def locate(self, path: Path) -> Location | None:
        return self.locations.nearest(path)

    def report(self, message: str, path: Path, *, id: str | None = None, kind: str = "invalid") -> None:  # noqa: A002
        self.problems.append(Problem(message, id=id, path=path, location=self.locate(path), kind=kind))

    def mapping(self, value: Any, path: Path, what: str) -> dict[str, Any] | None:
        if isinstance(value, dict):
            return value
        self.report(f"{what} must be a mapping of keys to values, got {_kind_of(value)}", path)
        return None

    def keys(
        self, data: Mapping[str, Any], allowed: tuple[str, ...], path: Path, noun: str, ident: str | None
    ) -> None:
        known = _KEY_SETS.get(allowed)
        if known is None:
            known = _KEY_SETS[allowed] = frozenset(allowed)
        if data.keys() <= known:
            return
        what = f"{noun} {ident!r}" if noun != "the map" else noun
        for key in data:
            if key not in allowed:
                self.report(f"{what}: unknown key {key!r} ({_nearest(str(key), allowed)})", (*path, str(key)))

    def text(self, data: Mapping[str, Any], key: str, path: Path, *, required: bool = False) -> str | None:
        value = data.get(key)
        if type(value) is str:
            return value
        if value is None:
            if required:
                self.report(f"missing {key!r} (add `{key}: ...`)", path)
            return None
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            self.report(f"{key} must be text, got {_kind_of(value)}", (*path, key))
            return None
        if not isinstance(value, str):
            # YAML reads `date: 2024.10` or `locator: 12` as numbers; the author meant the text.
            return self.raw.get((*path, key)) or str(value)
        return value

    def ids(self, value: Any, path: Path, key: str | None = None) -> tuple[str, ...] | None:
        if type(value) is str:
            return (value,)
        if type(value) is list:
            out = tuple(value)
            if all(type(v) is str for v in out):
                return out
        self.report(f"expected an id or a list of ids, got {value!r}", path if key is None else (*path, key))
        return None

    def build(self, factory: type[_T], kwargs: dict[str, Any], path: Path, id: str | None) -> _T | None:  # noqa: A002
        try:
            return factory(**kwargs)
        except ModelError as error:
            self.report(str(error), (*path, *error.path), id=id)
        except TypeError as error:  # a value of the wrong type reached a converter
            self.report(f"{id!r}: {error}", path, id=id)
        if id:
            self.dropped.add(id)
        return None


_WHAT: Final = {"sources": "source", "statements": "statement", "arguments": "argument", "lines": "line"}


def _item_id(
    reader: _Reader, item: Mapping[str, Any], group: str, index: int, *, optional: bool = False
) -> tuple[str | None, Path, bool]:
    """Return an item's id, the path its values are filed under, and whether to read it at all.

    The first item with an id owns the path ``(group, id)``, as the text readers file it; a
    missing id is an error unless ``optional`` (arguments derive one), and an id that is not
    text, is empty or repeats another is reported here, once, where it is written.
    """
    raw = item.get("id")
    what = _WHAT[group]
    if type(raw) is str and raw and raw not in reader.owners and raw.strip():
        own = (group, raw)
        if own not in reader.owned:  # the common case: a new, well-formed id
            reader.owned.add(own)
            if group != "lines":
                reader.owners[raw] = (what, own)
            return raw, own, True
    article = "an" if what[0] in "aeiou" else "a"
    path: Path = (group, f"#{index}")
    if isinstance(raw, str) and raw:
        own = (group, raw)
        if own not in reader.owned:
            reader.owned.add(own)
            path = own
    if raw is None and "id" not in item:
        if optional:
            return None, path, True
        reader.report(f"{article} {what} without an id (add `id: <a short name>`)", path)
        return None, path, False
    if not isinstance(raw, str):
        shown = "nothing" if raw is None else repr(raw)
        hint = f"write it in quotes: id: '{raw}'" if isinstance(raw, int | float) else "write a short name"
        reader.report(f"{article} {what}'s id must be text, got {shown} ({hint})", (*path, "id"))
        return None, path, False
    if not raw.strip():
        hint = "or leave the key out to let argmap name it" if optional else "write a short name"
        reader.report(f"{article} {what}'s id is empty ({hint})", (*path, "id"))
        return None, path, False
    first = reader.owners.get(raw)
    if first is not None:
        first_what, first_path = first
        where = reader.locate((*first_path, "id"))
        at = f" at {where}" if where is not None and where.line is not None else ""
        reader.report(
            f"duplicate id {raw!r}: already used by the {first_what}{at}"
            " (give each source, statement, argument and line its own id)",
            (*path, "id"),
            id=raw,
            kind="duplicate-id",
        )
        return raw, path, False
    if group != "lines":
        reader.owners[raw] = (what, path)
    return raw, path, True


def from_data(
    data: Any,
    *,
    locations: Mapping[Path, Location] | None = None,
    file: str | None = None,
    raw: Mapping[Path, str] | None = None,
) -> ArgumentMap:
    """Build a map from parsed ``argmap: 1`` data; raises InvalidMapError listing every problem.

    ``raw`` holds the text as written of values a YAML reader took for numbers, by path: a text
    field keeps ``010`` or ``2024.10`` as written.
    """
    reader = _Reader({} if locations is None else locations, file, {} if raw is None else raw)
    top = reader.mapping(data, (), "a map file")
    if top is None:
        raise InvalidMapError(reader.problems, file=file)
    reader.keys(top, _TOP_KEYS, (), "the map", None)
    version = top.get("argmap")
    if type(version) is not int or version != FORMAT_VERSION:
        reader.report(
            f"unsupported or missing format version: argmap: {_written(version)}"
            " (start the file with `argmap: 1`)",
            ("argmap",),
        )
    title = reader.text(top, "title", (), required=True) or ""
    description = reader.text(top, "description", ())

    sources: list[Source] = []
    for index, entry in enumerate(_list(reader, top, "sources")):
        item = reader.mapping(entry, ("sources", f"#{index}"), "a source")
        if item is None:
            continue
        sid, path, ok = _item_id(reader, item, "sources", index)
        if not ok:
            continue
        reader.keys(item, _SOURCE_KEYS, path, "source", sid)
        kwargs: dict[str, Any] = {k: reader.text(item, k, path) for k in _SOURCE_KEYS if k in item}
        source = reader.build(Source, {"id": sid, **kwargs}, path, sid)
        if source is not None:
            sources.append(source)

    statements: list[Statement] = []
    arguments: list[Argument] = []
    for index, entry in enumerate(_list(reader, top, "statements")):
        item = (
            entry
            if type(entry) is dict
            else reader.mapping(entry, ("statements", f"#{index}"), "a statement")
        )
        if item is None:
            continue
        sid, path, ok = _item_id(reader, item, "statements", index)
        if not ok:
            continue  # a duplicate's id stays defined by the first; a missing one defines nothing
        statement = _statement(reader, item, sid, path)
        if statement is None:
            continue
        statements.append(statement)
        for stance, key in (("pro", "supports"), ("con", "opposes")):
            if key in item:
                targets = reader.ids(item[key], (*path, key)) or ()
                for target in targets:
                    derived = derived_argument_id((statement.id,), stance, target)
                    # Its values (conclusion, premises) all stand where `supports:` is written.
                    reader.alias(("arguments", derived), (*path, key))
                    argument = reader.build(
                        Argument,
                        {
                            "id": derived,
                            "conclusion": target,
                            "premises": (statement.id,),
                            "stance": stance,
                        },
                        (*path, key),
                        statement.id,
                    )
                    if argument is not None:
                        arguments.append(argument)

    for index, entry in enumerate(_list(reader, top, "arguments")):
        item = (
            entry if type(entry) is dict else reader.mapping(entry, ("arguments", f"#{index}"), "an argument")
        )
        if item is None:
            continue
        argument = _argument(reader, item, index)
        if argument is not None:
            arguments.append(argument)

    lines: list[Line] = []
    for index, entry in enumerate(_list(reader, top, "lines")):
        item = reader.mapping(entry, ("lines", f"#{index}"), "a line of argument")
        if item is None:
            continue
        lid, path, ok = _item_id(reader, item, "lines", index)
        if not ok:
            continue
        reader.keys(item, _LINE_KEYS, path, "line", lid)
        members = reader.ids(item.get("arguments", []), (*path, "arguments"))
        if members is None:
            continue
        line = reader.build(
            Line,
            {
                "id": lid,
                "title": reader.text(item, "title", path, required=True),
                "arguments": members,
                "note": reader.text(item, "note", path),
            },
            path,
            lid,
        )
        if line is not None:
            lines.append(line)

    extensions = top.get("extensions", {})
    if not isinstance(extensions, dict):
        reader.report(
            f"extensions must be a mapping of format name to data, got {_kind_of(extensions)}"
            " (write it as `extensions: {aif: ...}` or leave it out)",
            ("extensions",),
        )
        extensions = {}

    origin = Origin(file=file, locations=reader.locations)
    try:
        argument_map = ArgumentMap(
            title=title,
            description=description,
            sources=tuple(sources),
            statements=tuple(statements),
            arguments=tuple(arguments),
            lines=tuple(lines),
            extensions=extensions,
            origin=origin,
        )
    except InvalidMapError as error:
        # A reference to an item already reported as broken would only repeat that report.
        for problem in error.problems:
            if problem.kind == "unknown-reference" and _refers_to_dropped(problem, reader.dropped):
                continue
            reader.problems.append(problem)
        raise InvalidMapError(_in_file_order(reader.problems), file=file) from None
    if reader.problems:
        raise InvalidMapError(_in_file_order(reader.problems), file=file)
    return argument_map


def count_items(data: Any) -> int:
    """Return how many sources, statements, arguments and lines ``argmap: 1`` data lists."""
    if not isinstance(data, dict):
        return 0
    return sum(len(value) for key in _GROUPS if isinstance(value := data.get(key), list))


_GROUPS: Final = ("sources", "statements", "arguments", "lines")


def _kind_of(value: Any) -> str:
    """Return what a value is, in the words of someone writing YAML or JSON."""
    if value is None or isinstance(value, bool):
        return _written(value)
    kinds = {str: "text", int: "a number", float: "a number", list: "a list", dict: "a mapping"}
    return kinds.get(type(value), type(value).__name__)


def _written(value: Any) -> str:
    """Return a value as a YAML or JSON author wrote it: true, null, 2, "text"."""
    if value is None or isinstance(value, bool):
        return {None: "null", True: "true", False: "false"}[value]
    return repr(value)


def _in_file_order(problems: list[Problem]) -> list[Problem]:
    def key(problem: Problem) -> tuple[int, int]:
        location = problem.location
        if location is None:
            return (0, 0)
        return (location.line or 0, location.column or 0)

    return sorted(problems, key=key)


def _refers_to_dropped(problem: Problem, dropped: set[str]) -> bool:
    return any(repr(name) in problem.message for name in dropped)


def _list(reader: _Reader, top: Mapping[str, Any], key: str) -> list[Any]:
    value = top.get(key)
    if value is None:
        return []
    if not isinstance(value, list):
        reader.report(f"{key} must be a list (write each entry on a line starting with '- ')", (key,))
        return []
    return value


def _statement(reader: _Reader, item: Mapping[str, Any], sid: str | None, path: Path) -> Statement | None:
    present = _KIND_SET.intersection(item)
    kinds = list(present) if len(present) == 1 else [k for k in _KIND_KEYS if k in present]
    if len(kinds) != 1:
        found = f"found {', '.join(kinds)}" if kinds else "found none"
        message = f"statement {sid!r} needs exactly one of question:, position:, claim: or quote: ({found})"
        where = path
        for key in item if not kinds else ():
            # A misspelt kind (`cliam:`) is the likely cause: name it, and point at it.
            close = suggest(str(key), _KIND_KEYS) if key not in _ALL_STATEMENT_KEYS else ""
            if close:
                message = (
                    f"statement {sid!r}: unknown key {str(key)!r}{close}"
                    " (a statement needs one of question:, position:, claim: or quote:)"
                )
                where = (*path, str(key))
                break
        reader.report(message, where, id=sid)
        if sid:
            reader.dropped.add(sid)
        return None
    kind = kinds[0]
    reader.keys(item, _STATEMENT_KEYS[kind], path, "statement", sid)
    assumed = item.get("assumed", False)
    if assumed is not False and assumed is not True:
        reader.report(
            f"{sid!r}: assumed must be true or false, got {assumed!r} (write `assumed: true`)",
            (*path, "assumed"),
            id=sid,
        )
        assumed = False
    common: dict[str, Any] = {"id": sid, "assumed": assumed}
    if "note" in item:
        common["note"] = reader.text(item, "note", path)
    if kind == "quote":
        quote = reader.text(item, "quote", path, required=True)
        source = reader.text(item, "source", path, required=True)
        if quote is None or source is None:
            reader.dropped.add(sid or "")
            return None  # reported above; building it would only add a complaint about None
        common["quote"] = quote
        common["source"] = source
        for name in ("speaker", "locator", "text"):
            if name in item:
                common[name] = reader.text(item, name, path)
        if "weight" in item:
            common["weight"] = item["weight"]
        return reader.build(Evidence, common, path, sid)
    textual = {
        **common,
        "text": reader.text(item, kind, path),
        "base_score": item.get("base_score"),
        "standard": item.get("standard"),
    }
    if kind == "position":
        textual["answers"] = reader.text(item, "answers", path)
    if kind == "question" and "compatible" in item:
        compatible = item["compatible"]
        if not isinstance(compatible, bool):
            message = f"{sid!r}: compatible must be true or false, got {compatible!r}"
            reader.report(message, (*path, "compatible"), id=sid)
            compatible = False
        textual["compatible"] = compatible
    factory = {"question": Question, "position": Position, "claim": Claim}[kind]
    return reader.build(factory, textual, path, sid)


def _argument(reader: _Reader, item: Mapping[str, Any], index: int) -> Argument | None:
    aid, path, ok = _item_id(reader, item, "arguments", index, optional=True)
    if not ok:
        return None
    reader.keys(item, _ARGUMENT_KEYS, path, "argument", aid)
    if ("pro" in item) == ("con" in item):
        reader.report(
            f"argument {aid!r} needs exactly one of `pro: <conclusion id>` or `con: <conclusion id>`",
            path,
            id=aid,
        )
        return None
    stance: Stance = "pro" if "pro" in item else "con"
    conclusion = reader.text(item, stance, path)
    if "premises" in item and "premise" in item:
        reader.report(f"argument {aid!r}: write either premise: or premises:, not both", path, id=aid)
        return None
    key = "premises" if "premises" in item else "premise"
    premises = reader.ids(item.get(key, []), path, key)
    undercutters = reader.ids(item.get("undercutters", []), path, "undercutters")
    if premises is None or undercutters is None or conclusion is None:
        return None
    if aid is None:
        aid = derived_argument_id(premises, stance, conclusion)
        reader.alias(("arguments", aid), path)  # and so each of its keys, to where it is written
    fields: dict[str, Any] = {"id": aid, "conclusion": conclusion, "premises": premises, "stance": stance}
    if undercutters:
        fields["undercutters"] = undercutters
    if "weight" in item:
        fields["weight"] = item["weight"]
    for name in ("title", "scheme", "note"):
        if name in item:
            fields[name] = reader.text(item, name, path)
    return reader.build(Argument, fields, path, aid)


def _put(out: dict[str, Any], key: str, value: Any) -> None:
    if value is not None:
        out[key] = value


def to_data(argument_map: ArgumentMap) -> dict[str, Any]:
    """Return the map as ``argmap: 1`` data, keys in the schema's order, omitting unset values."""
    out: dict[str, Any] = {"argmap": FORMAT_VERSION, "title": argument_map.title}
    _put(out, "description", argument_map.description)
    if argument_map.sources:
        out["sources"] = []
        for source in argument_map.sources:
            entry: dict[str, Any] = {}
            for key in _SOURCE_KEYS:
                _put(entry, key, getattr(source, key))
            out["sources"].append(entry)
    if argument_map.statements:
        out["statements"] = [_statement_data(s) for s in argument_map.statements]
    if argument_map.arguments:
        out["arguments"] = [_argument_data(a) for a in argument_map.arguments]
    if argument_map.lines:
        out["lines"] = [_line_data(line) for line in argument_map.lines]
    if argument_map.extensions:
        out["extensions"] = dict(argument_map.extensions)
    return out


def _line_data(line: Line) -> dict[str, Any]:
    entry: dict[str, Any] = {"id": line.id, "title": line.title, "arguments": list(line.arguments)}
    _put(entry, "note", line.note)
    return entry


def _statement_data(statement: Statement) -> dict[str, Any]:
    entry: dict[str, Any] = {"id": statement.id}
    if isinstance(statement, Evidence):
        entry["quote"] = statement.quote
        entry["source"] = statement.source
        for key in ("speaker", "locator", "weight", "text"):
            _put(entry, key, getattr(statement, key))
    else:
        entry[statement.kind] = statement.label
        if isinstance(statement, Position):
            _put(entry, "answers", statement.answers)
        if isinstance(statement, Question) and statement.compatible:
            entry["compatible"] = True
        for key in _TEXTUAL_KEYS:
            _put(entry, key, getattr(statement, key))
    if statement.assumed:
        entry["assumed"] = True
    _put(entry, "note", statement.note)
    return entry


def _argument_data(argument: Argument) -> dict[str, Any]:
    entry: dict[str, Any] = {"id": argument.id}
    _put(entry, "title", argument.title)
    entry[argument.stance] = argument.conclusion
    entry["premises"] = list(argument.premises)
    if argument.undercutters:
        entry["undercutters"] = list(argument.undercutters)
    for key in ("weight", "scheme", "note"):
        _put(entry, key, getattr(argument, key))
    return entry
