"""What the subcommands share: reading a map, lists of ids, and printing user text safely."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import IO, TYPE_CHECKING, Any

from argmap._text import terminal_safe
from argmap.errors import UnknownIdError

if TYPE_CHECKING:
    from argmap.model import ArgumentMap


def add_map_argument(parser: argparse.ArgumentParser, *, folder: bool = False) -> None:
    """Add the MAP positional argument (a file, or a folder of them when ``folder``) and ``--from``."""
    what = "a map file, or a folder of them" if folder else "a map file"
    parser.add_argument(
        "map", metavar="MAP", help=f"{what} (.yaml, .json, .argdown, or any format argmap reads)"
    )
    add_from_argument(parser)


def add_from_argument(parser: argparse.ArgumentParser) -> None:
    """Add ``--from FORMAT``: the format to read, when the suffix and content do not tell."""
    from argmap.formats import readable_formats  # noqa: PLC0415

    parser.add_argument(
        "--from",
        dest="from_format",
        choices=readable_formats(),
        metavar="FORMAT",
        help="the format to read (default: from the suffix and the content); one of: "
        + ", ".join(readable_formats()),
    )


def add_off_argument(parser: argparse.ArgumentParser) -> None:
    """Add ``--off ID,...``: statements, arguments or lines of argument to switch off."""
    parser.add_argument(
        "--off",
        type=id_list,
        default=[],
        metavar="ID,...",
        help="what to switch off, comma-separated: statements (evidence, assumptions, claims to reject),"
        " arguments, or lines of argument",
    )


def read_map(path: str, format: str | None = None) -> ArgumentMap:  # noqa: A002
    """Load the map a command was given, in ``format`` (``--from``) or the one its suffix and content show."""
    from argmap.formats import load  # noqa: PLC0415  # keeps `argmap --help` fast

    return load(path, format=format)


def id_list(value: str) -> list[str]:
    """Split ``a,b , c`` into ids, dropping empty entries."""
    return [part.strip() for part in value.split(",") if part.strip()]


def count(value: str) -> int:
    """Parse a count for an option such as ``--limit``: a whole number, 0 or more."""
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {value!r}") from None
    if number < 0:
        raise argparse.ArgumentTypeError(f"must be 0 or more, not {number}")
    return number


@contextmanager
def about(path: str, option: str) -> Iterator[None]:
    """Name the map file and the option in an unknown-id error raised inside (``--off``)."""
    try:
        yield
    except UnknownIdError as error:
        where = "" if path in str(error) else f"{path}: "
        raise UnknownIdError(f"{where}{option}: {error}", id=error.id) from None


def say(text: str = "", *, file: IO[str] | None = None, end: str = "\n") -> None:
    """Print text that may hold user text, with control and escape sequences shown, never run."""
    print(terminal_safe(text), file=file or sys.stdout, end=end)


def json_text(data: Any) -> str:
    r"""Return ``data`` as indented JSON in which no character can act on a terminal.

    Non-ASCII text stays readable; controls, bidi overrides and other invisible characters
    become ``\uXXXX`` escapes, which JSON readers turn back into the same text.
    """
    text = json.dumps(data, indent=2, ensure_ascii=False)
    if text.isascii() or terminal_safe(text) == text:
        return text
    return "".join(_json_escape(char) if terminal_safe(char) != char else char for char in text)


def _json_escape(char: str) -> str:
    # Only characters of the Basic Multilingual Plane are escaped (see argmap._text.terminal_safe).
    return f"\\u{ord(char):04x}"


__all__ = [
    "about",
    "add_from_argument",
    "add_map_argument",
    "add_off_argument",
    "count",
    "id_list",
    "json_text",
    "read_map",
    "say",
]
