"""The argmap map format in YAML: safe loading with a line:column for every value, readable dumping.

YAML is read as a stream of events from libyaml's parser (PyYAML's own where PyYAML was built
without libyaml) and turned into plain data here, recording where each value starts so that
every problem found later can point at its line and column. No tag constructs an object and no
alias is expanded: what a map needs is text, numbers, true/false, lists and mappings.
"""

from __future__ import annotations

import re
from typing import Any, Final

from argmap._text import shorten
from argmap.errors import Location, ParseError
from argmap.formats._limits import DEFAULT_LIMITS, Limits, too_many_items
from argmap.formats._native import count_items, from_data, to_data
from argmap.formats._tree import Builder, Marks, nested_too_deep
from argmap.model import ArgumentMap

__all__ = ["compose", "dumps", "loads", "parse"]

_YAML_BREAKS = ("\r", "\x85", "\u2028", "\u2029")

# How plain (unquoted) scalars are read: YAML 1.2's core schema, decimal numbers only. Anything
# else (`yes`, `0x1F`, `1:30`, `2024-05-01`) is text, as the author wrote it.
_NULL: Final = frozenset({"", "~", "null", "Null", "NULL"})
_BOOL: Final = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT: Final = re.compile(r"[-+]?[0-9]+")
_FLOAT: Final = re.compile(
    r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)"
)
_NAN: Final = frozenset({".nan", ".NaN", ".NAN"})
_TAG: Final = "tag:yaml.org,2002:"
_SCALAR_TAGS: Final = frozenset(
    {"!", f"{_TAG}str", f"{_TAG}int", f"{_TAG}float", f"{_TAG}bool", f"{_TAG}null"}
)
_COLLECTION_TAGS: Final = frozenset({None, "!", f"{_TAG}map", f"{_TAG}seq"})


def _parser(text: str) -> Any:
    """Return a YAML event parser over ``text``: libyaml's where PyYAML was built with it."""
    import yaml  # noqa: PLC0415

    loader = getattr(yaml, "CSafeLoader", None) if USE_LIBYAML else None
    return (loader or yaml.SafeLoader)(text)


USE_LIBYAML = True
"""Parse with libyaml when PyYAML has it; tests switch it off to check both parsers agree."""


def loads(text: str, *, file: str | None = None, limits: Limits = DEFAULT_LIMITS) -> ArgumentMap:
    """Read a map from YAML text; raises ParseError or InvalidMapError with file:line:column."""
    data, builder = parse(text, file=file, limits=limits)
    if data is None:
        raise ParseError(
            "the file is empty (a map starts with `argmap: 1` and a title)", Location(file, 1, 1)
        )
    too_many = too_many_items(count_items(data), limits)
    if too_many:
        raise ParseError(too_many, Location(file, 1, 1))
    return from_data(data, locations=Marks(builder.marks, file), file=file, raw=builder.raw)


def parse(text: str, *, file: str | None, limits: Limits = DEFAULT_LIMITS) -> tuple[Any, Builder]:
    """Read YAML text into plain data, with the place of every value; YAML errors become ParseErrors.

    Plain scalars follow YAML 1.2's core schema (``yes`` and ``0x1F`` stay text); aliases and
    tags other than the standard scalar, list and mapping tags are refused, so no input can
    construct an object or expand exponentially.
    """
    import yaml  # noqa: PLC0415

    if len(text) > limits.max_bytes:
        raise ParseError(_too_large(len(text), limits), Location(file))
    builder = Builder(file, limits)
    parser: Any = None
    try:
        parser = _parser(text)  # PyYAML's own reader checks the characters here already
        _feed(parser, builder)
    except yaml.MarkedYAMLError as error:
        raise _syntax_error(error, text, file, limits) from None
    except yaml.YAMLError as error:
        raise _reader_error(error, text, file) from None
    finally:
        if parser is not None:
            parser.dispose()
    return builder.result(), builder


def _feed(parser: Any, builder: Builder) -> None:
    import yaml  # noqa: PLC0415

    scalar_event = yaml.ScalarEvent
    mapping_start = yaml.MappingStartEvent
    sequence_start = yaml.SequenceStartEvent
    collection_end = yaml.CollectionEndEvent
    documents = 0
    get_event = parser.get_event
    while True:
        event = get_event()
        kind = type(event)
        if kind is scalar_event:
            mark = event.start_mark
            line, column = mark.line + 1, mark.column + 1
            tag = event.tag
            value = event.value
            if tag is None and not event.style:
                _plain(builder, value, line, column)
            elif tag is None or tag in {"!", f"{_TAG}str"}:
                builder.scalar(value, line, column)
            elif tag in _SCALAR_TAGS:
                _tagged(builder, tag, value, line, column)
            else:
                raise _bad_tag(tag, builder, line, column)
        elif kind is mapping_start or kind is sequence_start:
            mark = event.start_mark
            line, column = mark.line + 1, mark.column + 1
            if event.tag not in _COLLECTION_TAGS:
                raise _bad_tag(event.tag, builder, line, column)
            if kind is mapping_start:
                builder.start_mapping(line, column)
            else:
                builder.start_sequence(line, column)
        elif issubclass(kind, collection_end):
            builder.end()
        elif kind is yaml.AliasEvent:
            mark = event.start_mark
            raise builder.fail(
                f"an alias (*{event.anchor}) repeats a value written elsewhere; argmap does not read"
                " aliases (write the value out in full)",
                mark.line + 1,
                mark.column + 1,
            )
        elif kind is yaml.DocumentStartEvent:
            documents += 1
            if documents > 1:
                mark = event.start_mark
                raise builder.fail(
                    "a second YAML document (one map per file: remove the `---` line and what follows,"
                    " or split the file)",
                    mark.line + 1,
                    mark.column + 1,
                )
        elif kind is yaml.StreamEndEvent:
            return


def _plain(builder: Builder, value: str, line: int, column: int) -> None:
    if value in _NULL:
        builder.scalar(None, line, column)
        return
    first = value[0]
    if first in "tTfF" and value in _BOOL:
        builder.scalar(_BOOL[value], line, column)
        return
    if first in "0123456789+-.":
        number = _number(builder, value, line, column)
        if number is not None:
            builder.scalar(number, line, column, raw=value)
            return
    builder.scalar(value, line, column)


def _number(builder: Builder, value: str, line: int, column: int) -> int | float | None:
    if _INT.fullmatch(value):
        _check_digits(builder, value, line, column)
        return int(value)
    if _FLOAT.fullmatch(value):
        _check_digits(builder, value, line, column)
        return float(value.replace("inf", "Inf").replace("INF", "Inf").replace(".Inf", "inf"))
    if value in _NAN:
        return float("nan")
    return None


def _check_digits(builder: Builder, value: str, line: int, column: int) -> None:
    if len(value) > builder.limits.max_digits:
        raise builder.fail(
            f"a number {len(value):,} characters long (at most {builder.limits.max_digits};"
            " if it is text, put it in quotes)",
            line,
            column,
        )


def _tagged(builder: Builder, tag: str, value: str, line: int, column: int) -> None:
    name = tag.removeprefix(_TAG)
    if name == "null" and value in _NULL:
        builder.scalar(None, line, column)
    elif name == "bool" and value in _BOOL:
        builder.scalar(_BOOL[value], line, column)
    elif name in {"int", "float"} and (number := _number(builder, value, line, column)) is not None:
        builder.scalar(float(number) if name == "float" else number, line, column, raw=value)
    else:
        raise builder.fail(
            f"!!{name} {value!r} is not a valid {name} (remove the tag, or fix the value)", line, column
        )


def _bad_tag(tag: str, builder: Builder, line: int, column: int) -> ParseError:
    shown = f"!!{tag.removeprefix(_TAG)}" if tag.startswith(_TAG) else tag
    return builder.fail(
        f"unknown YAML tag {shorten(shown, 60)!r}: argmap reads plain text, lists and mappings only"
        " (remove the tag)",
        line,
        column,
    )


def _too_large(size: int, limits: Limits) -> str:
    return (
        f"the map is {size:,} characters long, more than the limit of {limits.max_bytes:,}"
        " (if the file is trusted, raise it: argmap.formats.Limits(max_bytes=...))"
    )


# What libyaml and PyYAML say (they word it differently) -> what argmap says, and which mark to
# point at: the problem's, or the context's (where an unclosed quote or bracket opened).
_SYNTAX: Final = (
    (("tab",), "a tab character in the indentation (replace the tab with spaces)", False),
    (
        ("mapping values are not allowed",),
        "a colon and a space inside a value (put the value in quotes)",
        False,
    ),
    (
        ("quoted scalar",),
        "this quoted text is never closed (add the closing quote, or escape the quote inside it)",
        True,
    ),
    (("flow sequence",), "this list in [brackets] is never closed (add the closing ']', or a comma)", True),
    (("flow mapping",), "this mapping in {braces} is never closed (add the closing '}', or a comma)", True),
    (
        ("could not find expected ':'", "simple key"),
        "a line of a mapping lacks its colon (write `key: value`, or quote a value that spans lines)",
        False,
    ),
    (
        ("did not find expected", "expected <block end>"),
        (
            "this line does not line up with the lines above (indent the entries of one list or mapping"
            " by the same number of spaces)"
        ),
        False,
    ),
)


def _syntax_error(error: Any, text: str, file: str | None, limits: Limits) -> ParseError:
    problem = str(error.problem or "")
    context = str(error.context or "")
    mark = error.problem_mark or error.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (None, None)
    if "maximum nesting depth" in problem:  # libyaml's own limit, met while it looks ahead
        return ParseError(nested_too_deep(limits), Location(file, line, column))
    if line is not None and column is not None and _char_at(text, line, column) == "\t":
        problem += " tab"
    for needles, message, at_context in _SYNTAX:
        if any(needle in problem or needle in context for needle in needles):
            if at_context and error.context_mark is not None:
                line, column = error.context_mark.line + 1, error.context_mark.column + 1
            return ParseError(message, Location(file, line, column))
    return ParseError(
        f"not valid YAML: {problem or context or 'unreadable'} (check indentation, colons and quotes here)",
        Location(file, line, column),
    )


def _char_at(text: str, line: int, column: int) -> str:
    start = 0
    for _ in range(line - 1):
        start = text.find("\n", start) + 1
        if start == 0:
            return ""
    index = start + column - 1
    return text[index] if index < len(text) else ""


def _reader_error(error: Any, text: str, file: str | None) -> ParseError:
    position = getattr(error, "position", None)
    character = getattr(error, "character", None)
    if isinstance(position, int) and isinstance(character, int):
        line = text.count("\n", 0, position) + 1
        column = position - (text.rfind("\n", 0, position) + 1) + 1
        return ParseError(
            f"the character U+{character:04X} is not allowed in YAML text (delete it; in double quotes"
            f" write it as \\u{character:04X})",
            Location(file, line, column),
        )
    return ParseError(f"not valid YAML: {error}", Location(file))


def compose(text: str, *, file: str | None, loader: Any) -> Any:
    """Compose YAML text into PyYAML's node tree; a syntax error becomes a ParseError at line:column."""
    import yaml  # noqa: PLC0415

    try:
        return yaml.compose(text, Loader=loader)
    except yaml.MarkedYAMLError as error:
        # Worded as Carneades' reader and its tests expect; argmap's own maps go through parse().
        mark = error.problem_mark or error.context_mark
        location = Location(file, mark.line + 1, mark.column + 1) if mark else Location(file)
        reason = error.problem or error.context or "not valid YAML"
        raise ParseError(f"{reason} (check indentation, colons and quotes here)", location) from None
    except yaml.YAMLError as error:
        raise _reader_error(error, text, file) from None


def dumps(argument_map: ArgumentMap) -> str:
    """Write a map as YAML: keys in schema order, unicode as is, multi-line text as blocks."""
    import yaml  # noqa: PLC0415

    # YAML 1.1's resolvers (PyYAML's), plus the numbers argmap's reader sees that 1.1 does not
    # (`1e5`): any text a reader of either would take for something else is written in quotes,
    # so `yes`, `on`, `null`, `010` and `1:30` come back as the text they are.
    _Dumper: Any = type("ArgmapDumper", (yaml.SafeDumper,), {})  # noqa: N806
    _Dumper.add_implicit_resolver("tag:yaml.org,2002:float", _FLOAT, list("-+.0123456789"))

    def represent_str(dumper: yaml.SafeDumper, value: str) -> Any:
        # PyYAML falls back to a quoted style by itself where a block cannot hold the text exactly.
        style = "|" if "\n" in value else None
        if any(ch in value for ch in _YAML_BREAKS):
            # Characters YAML reads as line breaks survive only escaped in a double-quoted string.
            style = '"'

        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)

    def represent_list(dumper: yaml.SafeDumper, value: list[Any]) -> Any:
        # Id lists read best on one line: `premises: [c-a, c-b]`.
        flow = all(isinstance(item, str) and "\n" not in item for item in value)
        return dumper.represent_sequence("tag:yaml.org,2002:seq", value, flow_style=flow)

    def increase_indent(self: Any, flow: bool = False, indentless: bool = False) -> Any:  # noqa: ARG001
        # Indent list items under their key, as people write YAML by hand.
        return yaml.SafeDumper.increase_indent(self, flow, False)  # noqa: FBT003

    _Dumper.add_representer(str, represent_str)
    _Dumper.add_representer(list, represent_list)
    _Dumper.increase_indent = increase_indent
    return yaml.dump(
        to_data(argument_map),
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        width=100,
        default_flow_style=False,
    )
