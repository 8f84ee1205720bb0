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
from pathlib import Path
from typing import Final, Protocol, cast

from argmap._io import write_atomic
from argmap.errors import FormatError, Location, ParseError, UnsupportedFormatError
from argmap.model import ArgumentMap

__all__ = ["FORMATS", "SUFFIXES", "dump", "dumps", "format_for", "load", "loads"]


class _Reader(Protocol):
    def loads(self, text: str, *, file: str | None = None) -> ArgumentMap: ...


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
}
WRITABLE: Final = ("yaml", "json")
SUFFIXES: Final[dict[str, str]] = {
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
_CARNEADES_KEYS = re.compile(r"^(issues|meta|argument_schemes|tests|assumptions)\s*:", re.MULTILINE)


def format_for(path: str | os.PathLike[str], text: str | None = None) -> str:
    """Return the format name for a file, from its suffix (and, for YAML, its first keys)."""
    suffix = Path(path).suffix.lower()
    name = SUFFIXES.get(suffix)
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


def loads(text: str, *, format: str = "yaml", file: str | None = None) -> ArgumentMap:  # noqa: A002
    """Read a map from text in ``format``; ``file`` only labels messages."""
    module = _module(format)
    if FORMATS[format] == "iccma":
        from argmap.formats import iccma  # noqa: PLC0415

        return iccma.loads(text, file=file, dialect=format)
    return cast("_Reader", module).loads(text, file=file)


def load(path: str | os.PathLike[str], *, format: str | None = None) -> ArgumentMap:  # noqa: A002
    """Read a map from a file; the format comes from the suffix unless given."""
    file = os.fspath(path)
    try:
        raw = Path(file).read_bytes()
    except OSError as error:
        raise FormatError(f"{file}: cannot read the map: {error.strerror} (check the path)") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise ParseError("the file is not UTF-8 text (save it as UTF-8)", Location(file, line)) from None
    name = format if format is not None else format_for(file, text)
    return loads(text, format=name, file=file)


def dumps(argument_map: ArgumentMap, *, format: str = "yaml") -> str:  # noqa: A002
    """Write a map as text in ``format`` (``yaml`` or ``json``)."""
    if format not in WRITABLE:
        raise UnsupportedFormatError(format, WRITABLE)
    return cast("_Writer", _module(format)).dumps(argument_map)


def dump(argument_map: ArgumentMap, path: str | os.PathLike[str], *, format: str | None = None) -> None:  # noqa: A002
    """Write a map to a file atomically; the format comes from the suffix unless given."""
    name = format if format is not None else format_for(path)
    write_atomic(path, dumps(argument_map, format=name))
