"""Read and write maps: ``load``/``dump`` on paths, ``loads``/``dumps`` on text, one module per format.

>>> from argmap.formats import loads, dumps
>>> argument_map = loads('''
... argmap: 1
... title: Tea or coffee?
... statements:
...   - id: q
...     question: Which should we drink?
...   - id: tea
...     position: Tea
...     answers: q
...   - id: calm
...     claim: Tea calms.
...     supports: tea
... ''')
>>> [a.id for a in argument_map.arguments]
['calm.pro.tea']
>>> loads(dumps(argument_map, format="json"), format="json") == argument_map
True
"""

from __future__ import annotations

import importlib
import os
import re
import stat
from pathlib import Path
from typing import Final, Protocol, cast

from argmap._io import write_atomic
from argmap.errors import FormatError, Location, ParseError, UnsupportedFormatError
from argmap.formats._limits import DEFAULT_LIMITS, Limits
from argmap.model import ArgumentMap

__all__ = [
    "DEFAULT_LIMITS",
    "FORMATS",
    "SUFFIXES",
    "Limits",
    "dump",
    "dumps",
    "format_for",
    "load",
    "loads",
    "read_map_bytes",
]


class _Reader(Protocol):
    def loads(self, text: str, *, file: str | None = None) -> ArgumentMap: ...


class _LimitedReader(Protocol):
    def loads(self, text: str, *, file: str | None = None, limits: Limits = ...) -> ArgumentMap: ...


class _Writer(Protocol):
    def dumps(self, argument_map: ArgumentMap) -> str: ...


# Format name -> module in this package. Readers are imported on first use.
FORMATS: Final[dict[str, str]] = {
    "yaml": "yaml",
    "json": "json",
    "carneades": "carneades",
    "apx": "iccma",
    "tgf": "iccma",
    "i23": "iccma",
    "argdown": "argdown",
    "kialo": "kialo",
}
WRITABLE: Final = ("yaml", "json", "argdown", "kialo")
SUFFIXES: Final[dict[str, str]] = {
    ".argdown": "argdown",
    ".ad": "argdown",
    ".yaml": "yaml",
    ".yml": "yaml",
    ".json": "json",
    ".apx": "apx",
    ".tgf": "tgf",
    ".i23": "i23",
    ".af": "i23",
    ".dl": "apx",
}

_ARGMAP_KEY = re.compile(r"^argmap\s*:", re.MULTILINE)
_KIALO_TITLE = re.compile(r"\A\ufeff?\s*Discussion Title:")
_CARNEADES_KEYS = re.compile(r"^(issues|meta|argument_schemes|tests|assumptions)\s*:", re.MULTILINE)


def format_for(path: str | os.PathLike[str], text: str | None = None) -> str:
    """Return the format name for a file, from its suffix (and, for YAML, its first keys)."""
    suffix = Path(path).suffix.lower()
    name = SUFFIXES.get(suffix)
    if name is None and suffix == ".txt" and text is not None and _KIALO_TITLE.match(text):
        # Kialo exports are plain .txt files; only their first line tells them apart.
        return "kialo"
    if name is None:
        raise UnsupportedFormatError(suffix or str(path), list(SUFFIXES))
    if name == "yaml" and text is not None and not _ARGMAP_KEY.search(text) and _CARNEADES_KEYS.search(text):
        # Carneades' YAML shares the suffix; its top-level keys tell it apart.
        return "carneades"
    return name


def _module(name: str) -> object:
    try:
        module_name = FORMATS[name]
    except KeyError:
        raise UnsupportedFormatError(name, list(FORMATS)) from None
    return importlib.import_module(f"argmap.formats.{module_name}")


def loads(
    text: str,
    *,
    format: str = "yaml",  # noqa: A002
    file: str | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> ArgumentMap:
    """Read a map from text in ``format``; ``file`` only labels messages.

    Text longer than ``limits.max_bytes`` characters is refused before it is parsed.
    """
    module = _module(format)
    if len(text) > limits.max_bytes:
        raise ParseError(_too_large(len(text), limits), Location(file))
    if FORMATS[format] == "iccma":
        from argmap.formats import iccma  # noqa: PLC0415

        return iccma.loads(text, file=file, dialect=format, limits=limits)
    if FORMATS[format] in {"yaml", "json", "argdown", "kialo"}:
        return cast("_LimitedReader", module).loads(text, file=file, limits=limits)
    return cast("_Reader", module).loads(text, file=file)


def load(
    path: str | os.PathLike[str],
    *,
    format: str | None = None,  # noqa: A002
    limits: Limits = DEFAULT_LIMITS,
) -> ArgumentMap:
    """Read a map from a file; the format comes from the suffix unless given.

    Only regular files are read (a folder, FIFO or device is refused before it is opened, so
    nothing hangs), and at most ``limits.max_bytes`` of them.
    """
    file = os.fspath(path)
    raw = read_map_bytes(file, limits)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        before = raw[: error.start]
        line = before.count(b"\n") + 1
        column = len(before.rsplit(b"\n", 1)[-1].decode("utf-8", "replace")) + 1
        utf16 = raw[:2] in {b"\xff\xfe", b"\xfe\xff"}
        hint = "it looks like UTF-16: save it as UTF-8" if utf16 else "save it as UTF-8"
        raise ParseError(
            f"the file is not UTF-8 text: byte 0x{raw[error.start]:02x} cannot start a character ({hint})",
            Location(file, line, column),
        ) from None
    name = format if format is not None else format_for(file, text)
    return loads(text, format=name, file=file, limits=limits)


def read_map_bytes(file: str, limits: Limits = DEFAULT_LIMITS) -> bytes:
    """Return the bytes of a map file: a regular file of at most ``limits.max_bytes``."""
    try:
        status = Path(file).stat()
    except OSError as error:
        raise FormatError(f"{file}: cannot read the map: {error.strerror} (check the path)") from None
    if stat.S_ISDIR(status.st_mode):
        raise FormatError(f"{file}: is a folder, not a map file (name a .yaml, .json or ICCMA file in it)")
    if not stat.S_ISREG(status.st_mode):
        raise FormatError(
            f"{file}: is not a regular file (a pipe, socket or device); argmap reads maps from files only"
            " (save the map to a file first)"
        )
    if status.st_size > limits.max_bytes:
        raise FormatError(f"{file}: {_too_large(status.st_size, limits, unit='bytes')}")
    try:
        with Path(file).open("rb") as stream:
            # read(n) allocates n bytes up front: ask for the size stat() gave, then for any growth.
            raw = stream.read(status.st_size + 1)
            if len(raw) > status.st_size:
                raw += stream.read(limits.max_bytes + 1 - len(raw))
    except OSError as error:
        raise FormatError(f"{file}: cannot read the map: {error.strerror} (check the path)") from None
    if len(raw) > limits.max_bytes:  # it grew since stat(): still refuse it
        raise FormatError(f"{file}: {_too_large(len(raw), limits, unit='bytes')}")
    return raw


def _too_large(size: int, limits: Limits, unit: str = "characters") -> str:
    return (
        f"the map is {size:,} {unit} long, more than the limit of {limits.max_bytes:,}"
        " (if the file is trusted, raise it: argmap.formats.Limits(max_bytes=...))"
    )


def dumps(argument_map: ArgumentMap, *, format: str = "yaml") -> str:  # noqa: A002
    """Write a map as text in ``format``: ``yaml``, ``json``, ``argdown`` or ``kialo`` (see WRITABLE)."""
    if format not in WRITABLE:
        raise UnsupportedFormatError(format, WRITABLE)
    return cast("_Writer", _module(format)).dumps(argument_map)


def dump(argument_map: ArgumentMap, path: str | os.PathLike[str], *, format: str | None = None) -> None:  # noqa: A002
    """Write a map to a file atomically; the format comes from the suffix unless given."""
    name = format if format is not None else format_for(path)
    write_atomic(path, dumps(argument_map, format=name))
