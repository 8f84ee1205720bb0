"""The ``%%argmap`` and ``%%argdown`` cell magics: write a map in a cell, explore it (``%load_ext argmap``).

::

    %%argmap explorer --semantics grounded --off ev-kashin
    title: Alliance or not?
    statements:
      - id: q
        question: Is it an alliance?
      ...

The ``argmap: 1`` header may be left out. ``%%argdown`` (or ``%%argmap --argdown``) takes the
cell as Argdown instead::

    %%argdown tea
    [Tea]: We should drink tea.
      + [Calm]: Tea calms.

A mistake is reported with its line in the cell, counting the magic's line as line 1, as the
notebook numbers lines.
"""

from __future__ import annotations

import argparse
import builtins
import keyword
import re
import shlex
from typing import TYPE_CHECKING, Any, Final, NoReturn

from IPython.core.error import UsageError

from argmap.errors import ArgmapError, InvalidMapError, Location, ParseError

if TYPE_CHECKING:
    from argmap.model import ArgumentMap
    from argmap.widgets.explorer import Explorer

__all__ = ["argdown_cell", "argmap_cell", "load_ipython_extension", "map_from_cell"]

_HEADER: Final = re.compile(r"^argmap\s*:", re.MULTILINE)
_CELL: Final = "<cell>"


def _where(location: Location | None, offset: int, lines: list[str]) -> tuple[str, str]:
    """Return ``"cell line N, column C"`` and the quoted line for a location in the YAML text."""
    if location is None or location.line is None or location.line <= offset:
        return "cell", ""
    yaml_line = location.line - offset
    cell_line = yaml_line + 1  # the %%argmap line is line 1 of the cell
    where = f"cell line {cell_line}"
    if location.column is not None:
        where += f", column {location.column}"
    text = lines[yaml_line - 1] if 0 < yaml_line <= len(lines) else ""
    quoted = f"\n    {cell_line} | {text}" if text.strip() else ""
    return where, quoted


def map_from_cell(cell: str, *, argdown: bool = False, magic: str = "argmap") -> ArgumentMap:
    """Read the map written in a cell (YAML, or Argdown); errors become a UsageError naming the cell line."""
    from argmap.formats import loads  # noqa: PLC0415  # a reader only when a cell is run

    offset = 0
    text = cell
    if not argdown and not _HEADER.search(cell):
        text = "argmap: 1\n" + cell
        offset = 1
    lines = cell.splitlines()
    try:
        return loads(text, format="argdown" if argdown else "yaml", file=_CELL)
    except ParseError as error:
        where, quoted = _where(error.location, offset, lines)
        raise UsageError(f"%%{magic}: {where}: {error.reason}{quoted}") from None
    except InvalidMapError as error:
        messages = []
        for problem in error.problems:
            where, quoted = _where(problem.location, offset, lines)
            messages.append(f"  {where}: {problem.message}{quoted}")
        count = len(messages)
        noun = "problem" if count == 1 else "problems"
        raise UsageError("\n".join([f"%%{magic}: {count} {noun} in the map:", *messages])) from None
    except ArgmapError as error:
        raise UsageError(f"%%{magic}: {error}") from None


class _Options(argparse.ArgumentParser):
    """The magic's options; a mistake is a UsageError (IPython shows it without a traceback)."""

    def error(self, message: str) -> NoReturn:
        """Raise instead of exiting."""
        raise UsageError(f"{self.prog}: {message} ({self.format_usage().strip()})")


def _options(magic: str) -> _Options:
    parser = _Options(prog=f"%%{magic}", add_help=False, allow_abbrev=False, exit_on_error=False)
    parser.add_argument("name", nargs="?", default=None, help="keep the Explorer in this variable")
    parser.add_argument("--semantics", default="grounded", help="grounded, preferred, stable, df-quad, …")
    parser.add_argument(
        "--off", default="", help="ids of statements, arguments or lines to switch off, comma-separated"
    )
    parser.add_argument("--critical", action="store_true", help="show the critical-evidence chart")
    if magic == "argmap":
        parser.add_argument("--argdown", action="store_true", help="the cell is Argdown, not YAML")
    return parser


def _check_name(name: str, line: str, magic: str = "argmap") -> None:
    """Refuse a variable name that is not one, or that would hide a Python builtin such as ``print``."""
    at = line.find(name)
    where = "cell line 1" if at < 0 else f"cell line 1, column {len(f'%%{magic} ') + at + 1}"
    if not name.isidentifier() or keyword.iskeyword(name):
        raise UsageError(f"%%{magic}: {where}: not a variable name: {name!r} (use letters, digits and _)")
    if hasattr(builtins, name):
        raise UsageError(
            f"%%{magic}: {where}: {name!r} would hide Python's built-in {name!r} in this notebook"
            f" (choose another name, e.g. {name}_map)"
        )


def argmap_cell(
    line: str, cell: str, *, namespace: dict[str, Any] | None = None, magic: str = "argmap"
) -> Explorer:
    """Show the map written in the cell as an Explorer.

    Usage: ``%%argmap [name] [--semantics S] [--off id,id] [--critical] [--argdown]``, then the map
    in YAML (the ``argmap: 1`` header may be left out), or in Argdown with ``--argdown``.
    ``name`` keeps the Explorer in that variable.
    """
    try:
        words = shlex.split(line)
    except ValueError as error:
        raise UsageError(f"%%{magic}: cannot read the options: {error} (check the quotes)") from None
    args = _options(magic).parse_args(words)
    name = args.name
    if name is not None:
        _check_name(str(name), line, magic)
    argdown = magic == "argdown" or bool(getattr(args, "argdown", False))
    argument_map = map_from_cell(cell, argdown=argdown, magic=magic)
    from argmap.widgets.explorer import Explorer  # noqa: PLC0415  # needs the notebook extra

    off = [item.strip() for item in str(args.off).split(",") if item.strip()]
    try:
        explorer = Explorer(argument_map, semantics=args.semantics, off=off, show_critical=args.critical)
    except ArgmapError as error:
        raise UsageError(f"%%{magic}: {error}") from None
    if name is not None and namespace is not None:
        namespace[name] = explorer
    return explorer


def argdown_cell(line: str, cell: str, *, namespace: dict[str, Any] | None = None) -> Explorer:
    """Show the map written in the cell in Argdown as an Explorer.

    Usage: ``%%argdown [name] [--semantics S] [--off id,id] [--critical]``, then the map in Argdown:
    ``[Title]: text`` statements, ``<Title>: text`` arguments, ``+ - _ ><`` relations, and
    premise–conclusion structures. ``name`` keeps the Explorer in that variable.
    """
    return argmap_cell(line, cell, namespace=namespace, magic="argdown")


def load_ipython_extension(ipython: Any) -> None:
    """Register ``%%argmap`` and ``%%argdown``; ``argmap.load_ipython_extension`` delegates here."""

    def cell_magic(line: str, cell: str) -> Explorer:
        return argmap_cell(line, cell, namespace=ipython.user_ns)

    def argdown_magic(line: str, cell: str) -> Explorer:
        return argdown_cell(line, cell, namespace=ipython.user_ns)

    cell_magic.__doc__ = argmap_cell.__doc__
    argdown_magic.__doc__ = argdown_cell.__doc__
    ipython.register_magic_function(cell_magic, magic_kind="cell", magic_name="argmap")
    ipython.register_magic_function(argdown_magic, magic_kind="cell", magic_name="argdown")
