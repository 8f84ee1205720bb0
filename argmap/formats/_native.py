"""The argmap map format (``argmap: 1``) as plain data: shared by the YAML and JSON modules.

The schema is ``argmap/schema/argmap-1.schema.json``. Data in, model out, every problem gathered
with the path of the value it concerns, so the file modules can turn paths into line:column.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final, TypeVar

from argmap._text import suggest
from argmap.errors import InvalidMapError, Location, ModelError, Problem
from argmap.model import (
    STANCES,
    Argument,
    ArgumentMap,
    Claim,
    Evidence,
    Line,
    Origin,
    Position,
    Question,
    Source,
    Statement,
)
from argmap.model.ids import derived_argument_id

__all__ = ["FORMAT_VERSION", "from_data", "to_data"]

FORMAT_VERSION: Final = 1

Path = tuple[str, ...]
_T = TypeVar("_T")

_TOP_KEYS: Final = ("argmap", "title", "description", "sources", "statements", "arguments", "lines")
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


class _Reader:
    """Turns data into model parts, collecting every problem instead of stopping at the first."""

    def __init__(self, locations: Mapping[Path, Location], file: str | None) -> None:
        self.locations = dict(locations)
        self.file = file
        self.problems: list[Problem] = []
        self.dropped: set[str] = set()

    def alias(self, path: Path, same_as: Path) -> None:
        """Let ``path`` (a derived argument's) point where ``same_as`` stands in the file."""
        location = self.locate(same_as)
        if location is not None:
            self.locations.setdefault(path, location)

    def locate(self, path: Path) -> Location | None:
        while path not in self.locations and path:
            path = path[:-1]
        found = self.locations.get(path)
        return found if found is not None else (Location(self.file) if self.file else None)

    def report(self, message: str, path: Path, *, id: str | None = None, kind: str = "invalid") -> None:  # noqa: A002
        self.problems.append(Problem(message, id=id, path=path, location=self.locate(path), kind=kind))

    def mapping(self, value: Any, path: Path, what: str) -> dict[str, Any] | None:
        if isinstance(value, dict):
            return value
        self.report(f"{what} must be a mapping of keys to values, got {type(value).__name__}", path)
        return None

    def keys(self, data: Mapping[str, Any], allowed: tuple[str, ...], path: Path, what: str) -> None:
        for key in data:
            if key not in allowed:
                self.report(f"{what}: unknown key {key!r} ({_nearest(str(key), allowed)})", (*path, str(key)))

    def text(self, data: Mapping[str, Any], key: str, path: Path, *, required: bool = False) -> str | None:
        value = data.get(key)
        if value is None:
            if required:
                self.report(f"missing {key!r} (add `{key}: ...`)", path)
            return None
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            self.report(f"{key} must be text, got {type(value).__name__}", (*path, key))
            return None
        if not isinstance(value, str):
            # YAML reads `date: 2023` or `locator: 12` as numbers; the author meant text.
            return str(value)
        return value

    def ids(self, value: Any, path: Path) -> tuple[str, ...] | None:
        if isinstance(value, str):
            return (value,)
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            return tuple(value)
        self.report(f"expected an id or a list of ids, got {value!r}", path)
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


def _item_id(item: Mapping[str, Any], group: str, index: int) -> tuple[str | None, Path]:
    raw = item.get("id")
    if isinstance(raw, str) and raw:
        return raw, (group, raw)
    path: Path = (group, f"#{index}")
    return None, path


def from_data(
    data: Any, *, locations: Mapping[Path, Location] | None = None, file: str | None = None
) -> ArgumentMap:
    """Build a map from parsed ``argmap: 1`` data; raises InvalidMapError listing every problem."""
    reader = _Reader(locations or {}, file)
    top = reader.mapping(data, (), "a map file")
    if top is None:
        raise InvalidMapError(reader.problems, file=file)
    reader.keys(top, _TOP_KEYS, (), "the map")
    version = top.get("argmap")
    if version != FORMAT_VERSION:
        reader.report(
            f"unsupported or missing format version: argmap: {version!r} (start the file with `argmap: 1`)",
            ("argmap",),
        )
    title = reader.text(top, "title", (), required=True) or ""
    description = reader.text(top, "description", ())

    sources: list[Source] = []
    for index, raw in enumerate(_list(reader, top, "sources")):
        item = reader.mapping(raw, ("sources", f"#{index}"), "a source")
        if item is None:
            continue
        sid, path = _item_id(item, "sources", index)
        reader.keys(item, _SOURCE_KEYS, path, f"source {sid!r}")
        kwargs: dict[str, Any] = {k: reader.text(item, k, path) for k in _SOURCE_KEYS if k in item}
        source = reader.build(Source, {"id": sid, **kwargs}, path, sid)
        if source is not None:
            sources.append(source)

    statements: list[Statement] = []
    arguments: list[Argument] = []
    for index, raw in enumerate(_list(reader, top, "statements")):
        item = reader.mapping(raw, ("statements", f"#{index}"), "a statement")
        if item is None:
            continue
        sid, path = _item_id(item, "statements", index)
        statement = _statement(reader, item, sid, path)
        if statement is None:
            continue
        statements.append(statement)
        for stance, key in (("pro", "supports"), ("con", "opposes")):
            if key in item:
                targets = reader.ids(item[key], (*path, key)) or ()
                for target in targets:
                    derived = derived_argument_id((statement.id,), stance, target)
                    for field in ((), (stance,), ("premises",)):
                        reader.alias(("arguments", derived, *field), (*path, key))
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

    for index, raw in enumerate(_list(reader, top, "arguments")):
        item = reader.mapping(raw, ("arguments", f"#{index}"), "an argument")
        if item is None:
            continue
        argument = _argument(reader, item, index)
        if argument is not None:
            arguments.append(argument)

    lines: list[Line] = []
    for index, raw in enumerate(_list(reader, top, "lines")):
        item = reader.mapping(raw, ("lines", f"#{index}"), "a line of argument")
        if item is None:
            continue
        lid, path = _item_id(item, "lines", index)
        reader.keys(item, _LINE_KEYS, path, f"line {lid!r}")
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

    origin = Origin(file=file, locations=reader.locations)
    try:
        argument_map = ArgumentMap(
            title=title,
            description=description,
            sources=tuple(sources),
            statements=tuple(statements),
            arguments=tuple(arguments),
            lines=tuple(lines),
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
    kinds = [k for k in _KIND_KEYS if k in item]
    if len(kinds) != 1:
        found = f"found {kinds}" if kinds else "found none"
        reader.report(
            f"statement {sid!r} needs exactly one of question:, position:, claim: or quote: ({found})",
            path,
            id=sid,
        )
        if sid:
            reader.dropped.add(sid)
        return None
    kind = kinds[0]
    reader.keys(item, _STATEMENT_KEYS[kind], path, f"statement {sid!r}")
    assumed = item.get("assumed", False)
    if not isinstance(assumed, bool):
        reader.report(f"{sid!r}: assumed must be true or false, got {assumed!r}", (*path, "assumed"), id=sid)
        assumed = False
    common: dict[str, Any] = {"id": sid, "assumed": assumed, "note": reader.text(item, "note", path)}
    if kind == "quote":
        return reader.build(
            Evidence,
            {
                **common,
                "quote": reader.text(item, "quote", path),
                "source": reader.text(item, "source", path, required=True),
                "speaker": reader.text(item, "speaker", path),
                "locator": reader.text(item, "locator", path),
                "weight": item.get("weight"),
                "text": reader.text(item, "text", path),
            },
            path,
            sid,
        )
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
    aid, path = _item_id(item, "arguments", index)
    reader.keys(item, _ARGUMENT_KEYS, path, f"argument {aid!r}")
    stances = [s for s in STANCES if s in item]
    if len(stances) != 1:
        reader.report(
            f"argument {aid!r} needs exactly one of `pro: <conclusion id>` or `con: <conclusion id>`",
            path,
            id=aid,
        )
        return None
    stance = stances[0]
    conclusion = reader.text(item, stance, path)
    if "premises" in item and "premise" in item:
        reader.report(f"argument {aid!r}: write either premise: or premises:, not both", path, id=aid)
        return None
    key = "premises" if "premises" in item else "premise"
    premises = reader.ids(item.get(key, []), (*path, key))
    undercutters = reader.ids(item.get("undercutters", []), (*path, "undercutters"))
    if premises is None or undercutters is None or conclusion is None:
        return None
    if aid is None:
        aid = derived_argument_id(premises, stance, conclusion)
        reader.alias(("arguments", aid), path)
        for name in item:
            reader.alias(("arguments", aid, str(name)), (*path, str(name)))
    return reader.build(
        Argument,
        {
            "id": aid,
            "conclusion": conclusion,
            "premises": premises,
            "stance": stance,
            "title": reader.text(item, "title", path),
            "undercutters": undercutters,
            "weight": item.get("weight"),
            "scheme": reader.text(item, "scheme", path),
            "note": reader.text(item, "note", path),
        },
        path,
        aid,
    )


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
