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
import json as _stdlib_json  # the name `json` is this package's submodule
import os
import re
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any, Final, Protocol, cast

from argmap._io import write_atomic
from argmap.errors import FormatError, Location, ParseError, UnsupportedFormatError
from argmap.formats._limits import DEFAULT_LIMITS, Limits
from argmap.formats._native import _TOP_KEYS
from argmap.model import ArgumentMap

__all__ = [
    "DEFAULT_LIMITS",
    "FORMATS",
    "SNIFFED",
    "SUFFIXES",
    "WRITABLE",
    "WRITE_ONLY",
    "Limits",
    "UndetectedFormatError",
    "detect",
    "dump",
    "dumps",
    "format_for",
    "load",
    "loads",
    "read_map_bytes",
    "read_map_text",
    "readable_formats",
    "suffix_for",
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
    "aif": "aif",
    "microtexts": "microtexts",
    "sadface": "sadface",
}
WRITABLE: Final = ("yaml", "json", "argdown", "kialo", "microtexts", "graphml", "aif", "sadface")
WRITE_ONLY: Final[dict[str, str]] = {"graphml": "graphml"}
"""Formats argmap writes but does not read (a drawing, not a map) -> module in this package."""
_WRITE_ONLY_SUFFIXES: Final = {".graphml": "graphml"}
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
_JSON_ARGMAP_FIRST = re.compile(r'\A\ufeff?\s*\{\s*"argmap"\s*:')
# AIFdb's own layout: "nodes" first, its first node with a nodeID. With none of the keys that
# rule AIF out anywhere in the text, that is AIF without parsing the JSON a second time.
_AIF_NODES_FIRST = re.compile(r'\A\ufeff?\s*\{\s*"nodes"\s*:\s*\[\s*\{[^{}\[\]]*?"nodeID"\s*:')
_NOT_AIF_KEYS = re.compile(r'"(?:argmap|sadface|metadata|AIF|aif)"\s*:')
_HEAD: Final = 65_536
_KEYS_SHOWN: Final = 8

SNIFFED: Final[dict[str, tuple[str, ...]]] = {
    ".json": ("json", "aif", "sadface"),
    ".yaml": ("yaml", "carneades"),
    ".yml": ("yaml", "carneades"),
    ".txt": ("kialo",),
    ".xml": ("microtexts",),
}
"""Suffixes shared by several formats (or by files that are no map): the content tells them apart."""


class UndetectedFormatError(UnsupportedFormatError):
    """A file whose suffix argmap knows but whose content matches none of the formats it may hold."""

    def __init__(self, file: str, suffix: str, why: str) -> None:
        readable = readable_formats()
        FormatError.__init__(
            self,
            f"{file}: unknown format: {suffix!r} content: {why} (if it is a map, name its format:"
            " --from FORMAT on the command line, format=... in argmap.load; argmap convert --help lists"
            " them)",
        )
        self.value = suffix
        self.allowed = tuple(readable)


def _first(items: object, key: str) -> bool:
    return isinstance(items, list) and bool(items) and isinstance(items[0], dict) and key in items[0]


def _looks_like_aif(data: object) -> bool:
    # Used until argmap.formats.aif brings its own predicate (see /work/coord/sniffing.md).
    if not isinstance(data, dict):
        return False
    if len(data) == 1 and next(iter(data)) in {"AIF", "aif"}:
        return True
    return _first(data.get("nodes"), "nodeID") or _first(data.get("edges"), "fromID")


def _looks_like_sadface(data: object) -> bool:
    if not isinstance(data, dict):
        return False
    metadata = data.get("metadata")
    return (
        "sadface" in data
        or (isinstance(metadata, dict) and ("core" in metadata or "sadface" in metadata))
        or _first(data.get("edges"), "source_id")
    )


_PROLOG: Final = (("<?", "?>"), ("<!--", "-->"))
_NAME: Final = re.compile(r"[^\s/>]+")


def _xml_root(text: str) -> str | None:
    """Return the name of the root element, after the declaration, comments and DOCTYPE; None if none."""
    # A loop, not one regular expression: lazy patterns over many comments backtrack exponentially.
    head = text[:_HEAD].removeprefix("\ufeff")
    at = 0
    while True:
        while at < len(head) and head[at].isspace():
            at += 1
        closing = next((close for open_, close in _PROLOG if head.startswith(open_, at)), None)
        if closing is not None:
            end = head.find(closing, at + 2)
            at = end + len(closing) if end >= 0 else -1
        elif head.startswith("<!DOCTYPE", at):
            inner = head.find("[", at, max(head.find(">", at), at))
            after = head.find("]", inner) if inner >= 0 else at
            end = head.find(">", after) if after >= 0 else -1
            at = end + 1 if end >= 0 else -1
        elif head.startswith("<", at):
            name = _NAME.match(head, at + 1)
            return name.group() if name else None
        else:
            return None
        if at < 0:
            return None


def _looks_like_microtexts(text: str) -> bool:
    return _xml_root(text) == "arggraph"


def _predicate(name: str, fallback: Callable[[Any], bool]) -> Callable[[Any], bool] | None:
    """Return the format's own ``looks_like``, the fallback while it has none, or None if unregistered."""
    if name not in FORMATS:
        return None
    try:
        module = importlib.import_module(f"argmap.formats.{FORMATS[name]}")
    except ImportError:
        return None
    own = getattr(module, "looks_like", None)
    return cast("Callable[[Any], bool]", own) if callable(own) else fallback


def _ignore_number(token: str) -> int:
    del token
    return 0


def _json_keys(text: str) -> tuple[str | None, bool, str]:
    if _JSON_ARGMAP_FIRST.match(text):
        return "json", True, ""
    if "aif" in FORMATS and _AIF_NODES_FIRST.match(text[:_HEAD]) and not _NOT_AIF_KEYS.search(text):
        return "aif", True, ""
    try:
        # Numbers are not converted: a hostile 10^6-digit integer costs nothing here.
        data = _stdlib_json.loads(
            text.removeprefix("\ufeff"),
            parse_int=_ignore_number,
            parse_float=_ignore_number,
            parse_constant=_ignore_number,
        )
    except (ValueError, RecursionError):
        return "json", True, ""  # no JSON at all: the native reader says where it breaks
    if isinstance(data, dict) and "argmap" in data:
        return "json", True, ""
    for name, fallback in (("aif", _looks_like_aif), ("sadface", _looks_like_sadface)):
        looks_like = _predicate(name, fallback)
        if looks_like is not None and looks_like(data):
            return name, True, ""
    if isinstance(data, dict) and data.keys() <= set(_TOP_KEYS):
        return "json", False, ""  # an argmap map without its header: the reader asks for one
    if isinstance(data, dict):
        shown = sorted(data)[:_KEYS_SHOWN]
        keys = ", ".join(repr(key) for key in shown) + (", ..." if len(data) > len(shown) else "")
        what = f"a JSON object with the keys {keys}"
    else:
        what = f"a JSON {type(data).__name__.replace('dict', 'object').replace('str', 'string')}"
    why = (
        f"{what} is not an argmap map (no 'argmap' key), nor AIF (nodes with a nodeID), nor SADFace"
        " (metadata with core)"
    )
    return None, False, why


def _guess(suffix: str, text: str) -> tuple[str | None, bool, str]:
    """Return the format the content shows, whether the content proves it, and why not when None."""
    if suffix == ".json":
        return _json_keys(text)
    if suffix in {".yaml", ".yml"}:
        if _ARGMAP_KEY.search(text):
            return "yaml", True, ""
        if _CARNEADES_KEYS.search(text):
            # Carneades' YAML shares the suffix; its top-level keys tell it apart.
            return "carneades", True, ""
        return "yaml", False, ""
    if suffix == ".txt":
        # Kialo exports are plain .txt files; only their first line tells them apart.
        if _KIALO_TITLE.match(text):
            return "kialo", True, ""
        return None, False, "a Kialo export starts with 'Discussion Title:'"
    if suffix == ".xml":
        looks_like = _predicate("microtexts", _looks_like_microtexts)
        if looks_like is not None and looks_like(text):
            return "microtexts", True, ""
        root = _xml_root(text)
        found = f"its root element is <{root}>" if root else "it does not start with an XML element"
        return None, False, f"{found}; the argumentative microtexts have <arggraph>"
    name = SUFFIXES.get(suffix)
    return name, name is not None, ""


def detect(path: str | os.PathLike[str], text: str) -> str | None:
    """Return the format a file is in when its suffix and content prove it, else None.

    A ``.json`` or ``.yaml`` file that could be an argmap map without its ``argmap: 1`` line,
    or a ``.txt`` that is no Kialo export, gives None: a folder of files is read only where
    this says what each is.
    """
    name, certain, _ = _guess(Path(path).suffix.lower(), text)
    return name if certain else None


def _suffix(path: str | os.PathLike[str]) -> str:
    """Return ``Path(path).suffix.lower()``, without building a Path where the last part is plain."""
    name = os.fspath(path).rpartition(os.sep)[2]
    if os.altsep is not None or name in {"", "."}:  # Path drops "." parts and a trailing separator
        return Path(path).suffix.lower()
    dot = name.rfind(".")
    return name[dot:].lower() if 0 < dot < len(name) - 1 else ""


def format_for(path: str | os.PathLike[str], text: str | None = None) -> str:
    """Return the format name for a file, from its suffix and, where the suffix is shared, its content.

    ``.json`` may be argmap's own, AIF or SADFace; ``.yaml`` argmap's own or Carneades; ``.txt``
    a Kialo export; ``.xml`` the argumentative microtexts. Without ``text`` the suffix decides.
    """
    suffix = _suffix(path)
    if text is None or suffix not in SNIFFED:
        name = SUFFIXES.get(suffix)
        if name is None:
            raise UnsupportedFormatError(suffix or str(path), sorted({*SUFFIXES, *SNIFFED}))
        return name
    guessed, _, why = _guess(suffix, text)
    if guessed is None:
        raise UndetectedFormatError(os.fspath(path), suffix, why)
    return guessed


_SUFFIX_OF: Final = {
    "kialo": ".txt",
    "microtexts": ".xml",
    "aif": ".json",
    "sadface": ".json",
    "carneades": ".yml",
    "graphml": ".graphml",
}


def suffix_for(name: str) -> str:
    """Return the suffix a file in format ``name`` is written with, e.g. ``.argdown`` for ``argdown``."""
    if name in _SUFFIX_OF:
        return _SUFFIX_OF[name]
    suffix = next((suffix for suffix, owner in SUFFIXES.items() if owner == name), None)
    if suffix is None:
        raise UnsupportedFormatError(name, list(FORMATS))
    return suffix


def readable_formats() -> list[str]:
    """Return the names of the formats argmap reads, sorted."""
    return sorted(FORMATS)


def _module(name: str) -> object:
    try:
        module_name = FORMATS[name] if name in FORMATS else WRITE_ONLY[name]
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
    if format not in FORMATS:
        raise UnsupportedFormatError(format, readable_formats())
    module = _module(format)
    if len(text) > limits.max_bytes:
        raise ParseError(_too_large(len(text), limits), Location(file))
    if FORMATS[format] == "iccma":
        from argmap.formats import iccma  # noqa: PLC0415

        return iccma.loads(text, file=file, dialect=format, limits=limits)
    if FORMATS[format] in {"yaml", "json", "argdown", "kialo", "microtexts", "aif", "sadface"}:
        return cast("_LimitedReader", module).loads(text, file=file, limits=limits)
    return cast("_Reader", module).loads(text, file=file)


def load(
    path: str | os.PathLike[str],
    *,
    format: str | None = None,  # noqa: A002
    limits: Limits = DEFAULT_LIMITS,
) -> ArgumentMap:
    """Read a map from a file; the format comes from the suffix and content unless given (see format_for).

    Only regular files are read (a folder, FIFO or device is refused before it is opened, so
    nothing hangs), and at most ``limits.max_bytes`` of them.
    """
    file = os.fspath(path)
    text = read_map_text(file, limits)
    name = format if format is not None else format_for(file, text)
    return loads(text, format=name, file=file, limits=limits)


def read_map_text(file: str, limits: Limits = DEFAULT_LIMITS) -> str:
    """Return the text of a map file: UTF-8 (a byte order mark is dropped), within ``limits``."""
    raw = read_map_bytes(file, limits)
    try:
        return raw.decode("utf-8-sig")
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


def read_map_bytes(file: str, limits: Limits = DEFAULT_LIMITS) -> bytes:
    """Return the bytes of a map file: a regular file of at most ``limits.max_bytes``."""
    path = Path(file)  # one Path for both calls: building one costs as much as the stat
    try:
        status = path.stat()
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
        with path.open("rb") as stream:
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
    """Write a map as text in ``format``, one of WRITABLE (``graphml`` is written only)."""
    if format not in WRITABLE:
        raise UnsupportedFormatError(format, WRITABLE)
    return cast("_Writer", _module(format)).dumps(argument_map)


def dump(argument_map: ArgumentMap, path: str | os.PathLike[str], *, format: str | None = None) -> None:  # noqa: A002
    """Write a map to a file atomically; the format comes from the suffix unless given.

    A shared suffix means argmap's own format where it has one (``.json``, ``.yaml``), else the
    one format argmap writes with it (``.txt`` Kialo, ``.xml`` microtexts, ``.graphml``).
    """
    suffix = Path(path).suffix.lower()
    name = format or _WRITE_ONLY_SUFFIXES.get(suffix) or SUFFIXES.get(suffix)
    if name is None:
        writers = [name for name in SNIFFED.get(suffix, ()) if name in WRITABLE and name in FORMATS]
        name = writers[0] if len(writers) == 1 else format_for(path)
    write_atomic(path, dumps(argument_map, format=name))
