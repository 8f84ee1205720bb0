"""Reading the local text copies that a map's sources name, for quote checks, safely.

A map is data from someone else: its ``path`` fields must not make argmap read (and then print,
as a "closest passage") any file the user can read. A source's text is read only if it is a
regular file inside the allowed folder (the map's folder unless the caller names another), at
most ``argmap._io.MAX_SOURCE_BYTES`` long and UTF-8; otherwise the quote check reports why.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from argmap._io import MAX_SOURCE_BYTES, read_text_within
from argmap.errors import ArgmapError
from argmap.model.quotes import QuoteFinding, SourceReader
from argmap.model.quotes import check_quotes as _check_quotes

if TYPE_CHECKING:
    from argmap.model import ArgumentMap, Source

__all__ = ["check_quotes", "source_reader"]


def _base(argument_map: ArgumentMap, base: str | os.PathLike[str] | None) -> Path:
    if base is not None:
        return Path(base)
    if argument_map.origin is not None and argument_map.origin.file:
        # Deliberately not resolved: a relative path is read from where the map file was addressed.
        return Path(argument_map.origin.file).parent
    return Path()


def source_reader(
    argument_map: ArgumentMap,
    *,
    base: str | os.PathLike[str] | None = None,
    root: str | os.PathLike[str] | None = None,
    limit: int = MAX_SOURCE_BYTES,
) -> SourceReader:
    """Return the reader ``check_quotes`` uses: a source's ``path`` read within ``root``.

    Relative paths are read from ``base``: the folder of the map file as it was addressed
    (symbolic links not resolved) or, for a map built in code, the working directory. ``root``
    (default: ``base``) is the folder every source text must be inside, after resolving links
    and ``..``.
    """
    folder = _base(argument_map, base)
    allowed = Path(root) if root is not None else folder

    def read(source: Source) -> str:
        file = folder / str(source.path)
        try:
            return read_text_within(file, allowed, limit=limit)
        except ArgmapError as error:
            raise ArgmapError(f"{file}: {error}") from None

    return read


def check_quotes(
    argument_map: ArgumentMap,
    *,
    base: str | os.PathLike[str] | None = None,
    root: str | os.PathLike[str] | None = None,
    limit: int = MAX_SOURCE_BYTES,
) -> tuple[QuoteFinding, ...]:
    """Check every evidence quote against its source's local text, read only inside ``root``.

    See ``source_reader`` for ``base``, ``root`` and ``limit`` (bytes) and
    ``argmap.model.quotes.check_quotes`` for the findings.
    """
    return _check_quotes(argument_map, source_reader(argument_map, base=base, root=root, limit=limit))
