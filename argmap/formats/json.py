"""The argmap map format in JSON: the canonical form for machines, same schema as the YAML.

JSON is read with the standard library's parser at its own speed; where each value starts is
worked out only when a message needs it, by a scan of the text that follows the same paths as
the YAML reader. Duplicate keys, nesting beyond the limit and over-long numbers are errors with
their line and column, as in YAML.
"""

from __future__ import annotations

import contextlib
import json as _json
import re
from collections.abc import Iterator, Mapping
from typing import Any, Final

from argmap.errors import Location, ParseError
from argmap.formats._limits import DEFAULT_LIMITS, Limits, check_size, too_many_items
from argmap.formats._native import count_items, from_data, to_data
from argmap.formats._tree import Builder, Marks, Path
from argmap.model import ArgumentMap

__all__ = ["dumps", "loads"]


class _Refused(Exception):  # noqa: N818  # internal signal, never escapes this module
    """A value the reader refuses; the scan of the text says where it is."""


def loads(text: str, *, file: str | None = None, limits: Limits = DEFAULT_LIMITS) -> ArgumentMap:
    """Read a map from JSON text; raises ParseError or InvalidMapError with file:line:column."""
    check_size(text, file, limits)
    text = text.removeprefix("\ufeff")  # a byte order mark is no JSON, but editors write one
    digits = limits.max_digits

    def number(kind: type[Any]) -> Any:
        def parse(token: str) -> Any:
            if len(token) > digits:
                raise _Refused
            return kind(token)

        return parse

    try:
        data = _json.loads(text, object_pairs_hook=_unique, parse_int=number(int), parse_float=number(float))
    except _json.JSONDecodeError as error:
        raise ParseError(_decode_message(error.msg), Location(file, error.lineno, error.colno)) from None
    except (_Refused, RecursionError):
        # A duplicate key, a number too long, or nesting deeper than Python's stack: the
        # scanner finds which, and where (it checks the same things, without recursion).
        _scan(text, Builder(file, limits), strict=True)
        message = "the JSON could not be read (check it with a JSON validator)"
        raise ParseError(message, Location(file)) from None
    too_many = too_many_items(count_items(data), limits)
    if too_many:
        raise ParseError(too_many, Location(file, 1, 1))
    return from_data(data, locations=_LazyMarks(text, file, limits), file=file)


def _unique(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out = dict(pairs)
    if len(out) != len(pairs):
        raise _Refused
    return out


def _decode_message(message: str) -> str:
    hint = "JSON needs double quotes and no trailing commas"
    if message.startswith(("Expecting value", "Extra data")):
        hint = "check for a missing value, a trailing comma or text after the end"
    return f"{message} ({hint})"


class _LazyMarks(Mapping[Path, Location]):
    """The location of every value, computed from the text on the first lookup."""

    __slots__ = ("_file", "_limits", "_marks", "_text")

    def __init__(self, text: str, file: str | None, limits: Limits) -> None:
        self._text = text
        self._file = file
        self._limits = limits
        self._marks: Marks | None = None

    def _computed(self) -> Marks:
        if self._marks is None:
            builder = Builder(self._file, Limits(max_depth=10**9, max_nodes=10**12, max_digits=10**12))
            with contextlib.suppress(ParseError):  # positions are a courtesy; the data is read
                _scan(self._text, builder, strict=False)
            self._marks = Marks(builder.marks, self._file)
            self._text = ""
        return self._marks

    def __getitem__(self, path: Path) -> Location:
        return self._computed()[path]

    def __contains__(self, path: object) -> bool:
        return path in self._computed()

    def __iter__(self) -> Iterator[Path]:
        return iter(self._computed())

    def __len__(self) -> int:
        return len(self._computed())


_TOKEN: Final = re.compile(
    r"""[ \t\r\n]*(?:
      (?P<open>[{\[])
    | (?P<close>[}\]])
    | (?P<string>"(?:[^"\\\x00-\x1f]|\\.)*")
    | (?P<number>-?[0-9]+(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?)
    | (?P<word>true|false|null|NaN|-?Infinity)
    | (?P<punct>[:,])
    )""",
    re.VERBOSE,
)
_WORDS: Final = {"true": True, "false": False, "null": None}


def _scan(text: str, builder: Builder, *, strict: bool) -> None:
    """Feed ``builder`` the values of JSON ``text`` with their places; stop at what JSON forbids.

    ``strict`` checks what the builder checks (duplicate keys, depth, number length) and raises
    a ParseError at the offending value; otherwise the scan records what it can and stops quietly.
    """
    starts = [0]
    position = 0
    while (position := text.find("\n", position) + 1) > 0:
        starts.append(position)
    from bisect import bisect_right  # noqa: PLC0415  # only on the error path

    def place(offset: int) -> tuple[int, int]:
        line = bisect_right(starts, offset)
        return line, offset - starts[line - 1] + 1

    match = _TOKEN.match
    offset = 0
    end = len(text)
    while offset < end:
        found = match(text, offset)
        if found is None:
            return
        offset = found.end()
        kind = found.lastgroup
        if kind == "punct" or kind is None:
            continue
        line, column = place(found.start(kind))
        if kind == "open":
            if found.group(kind) == "{":
                builder.start_mapping(line, column)
            else:
                builder.start_sequence(line, column)
        elif kind == "close":
            if not builder.stack:
                return
            builder.end()
        elif kind == "string":
            try:
                value = _json.loads(found.group(kind))
            except ValueError:
                value = found.group(kind)[1:-1]
            builder.scalar(value, line, column)
        elif kind == "number":
            token = found.group(kind)
            if strict and len(token) > builder.limits.max_digits:
                raise builder.fail(
                    f"a number {len(token):,} characters long (at most {builder.limits.max_digits};"
                    " if it is text, put it in quotes)",
                    line,
                    column,
                )
            builder.scalar(token, line, column)
        else:
            builder.scalar(_WORDS.get(found.group(kind)), line, column)


def dumps(argument_map: ArgumentMap) -> str:
    """Write a map as JSON: two-space indent, unicode as is, keys in schema order."""
    return _json.dumps(to_data(argument_map), ensure_ascii=False, indent=2) + "\n"
