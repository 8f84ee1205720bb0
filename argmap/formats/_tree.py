"""Plain data with a line:column for every value, built from a stream of parse events.

Both text formats feed it: YAML with libyaml's (or PyYAML's) events, JSON with a small scanner
that runs only when there is a problem to locate. The builder is iterative, so nesting depth
costs no Python stack; it enforces the limits (depth, values, number length) as it goes, and
records where each value starts under the path ``from_data`` uses for it: items of the top-level
lists go under their id (``("statements", "c-1", "claim")``), the first item with an id keeping
it, others under their index (``("statements", "#4")``).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any, Final, cast

from argmap.errors import Location, ParseError
from argmap.formats._limits import Limits

__all__ = ["GROUPS", "Builder", "Marks", "Path", "nested_too_deep"]

Path = tuple[str, ...]
GROUPS: Final = frozenset({"sources", "statements", "arguments", "lines"})
_ITEM_LEVEL: Final = 2  # the stack holds the top mapping and a group's list above an item


def nested_too_deep(limits: Limits) -> str:
    """Return the message for values nested deeper than ``limits.max_depth``."""
    return (
        f"nested more than {limits.max_depth} levels deep"
        " (a map needs five: check for brackets or indentation that never close)"
    )


class Marks(Mapping[Path, Location]):
    """Where each value starts, as 1-based (line, column) pairs turned into Locations on lookup."""

    __slots__ = ("_file", "_marks")

    def __init__(self, marks: dict[Path, tuple[int, int]], file: str | None) -> None:
        self._marks = marks
        self._file = file

    def __getitem__(self, path: Path) -> Location:
        line, column = self._marks[path]
        return Location(self._file, line, column)

    def __contains__(self, path: object) -> bool:
        return path in self._marks

    def __iter__(self) -> Iterator[Path]:
        return iter(self._marks)

    def __len__(self) -> int:
        return len(self._marks)


class _Frame:
    __slots__ = ("container", "index", "item", "key", "key_at", "path")

    def __init__(self, container: Any, path: Path, item: list[Path] | None) -> None:
        self.container = container
        self.path = path
        self.key: str | None = None
        self.key_at: tuple[int, int] = (0, 0)
        self.index = 0
        self.item = item  # for an entry of a top-level list: every path recorded inside it


class Builder:
    """Turns events into data, marks and the raw text of plain numbers; one instance per parse.

    Call ``start_mapping``/``start_sequence``/``scalar`` with the 1-based line and column where
    the value starts, ``end`` when a collection closes; ``result()`` returns the data.
    """

    def __init__(self, file: str | None, limits: Limits) -> None:
        self.file = file
        self.limits = limits
        self.marks: dict[Path, tuple[int, int]] = {}
        self.raw: dict[Path, str] = {}
        self.stack: list[_Frame] = []
        self.root: Any = None
        self.count = 0
        self.taken: set[Path] = set()

    def fail(self, message: str, line: int, column: int) -> ParseError:
        """Return a ParseError at line:column of this file."""
        return ParseError(message, Location(self.file, line, column))

    def _place(self, line: int, column: int, *, is_key_ok: bool) -> Path | None:
        """Return the path of the value starting here, or None when it is a mapping's key."""
        self.count += 1
        if self.count > self.limits.max_nodes:
            msg = (
                f"more than {self.limits.max_nodes:,} values (if the file is trusted, raise Limits.max_nodes)"
            )
            raise self.fail(msg, line, column)
        if not self.stack:
            self.marks[()] = (line, column)
            return ()
        frame = self.stack[-1]
        if frame.key is None and isinstance(frame.container, dict):
            if not is_key_ok:
                raise self.fail(
                    "a key must be plain text, not a list or a mapping (write `name: value`)", line, column
                )
            return None
        if isinstance(frame.container, dict):
            path = (*frame.path, cast("str", frame.key))
        else:
            path = (*frame.path, f"#{frame.index}")
            frame.index += 1
        self.marks[path] = (line, column)
        if len(self.stack) > _ITEM_LEVEL and (item := self.stack[_ITEM_LEVEL].item) is not None:
            item.append(path)
        return path

    def _put(self, value: Any) -> None:
        if not self.stack:
            self.root = value
            return
        frame = self.stack[-1]
        if isinstance(frame.container, dict):
            frame.container[frame.key] = value
            frame.key = None
        else:
            frame.container.append(value)

    def _push(self, container: Any, path: Path, line: int, column: int) -> None:
        if len(self.stack) >= self.limits.max_depth:
            raise self.fail(nested_too_deep(self.limits), line, column)
        top_item = len(self.stack) == _ITEM_LEVEL and path[0] in GROUPS
        self._put(container)
        self.stack.append(_Frame(container, path, [] if top_item else None))

    def start_mapping(self, line: int, column: int) -> None:
        """Open a mapping starting at line:column."""
        path = self._place(line, column, is_key_ok=False)
        assert path is not None  # noqa: S101  # _place raised for a mapping in key position
        self._push({}, path, line, column)

    def start_sequence(self, line: int, column: int) -> None:
        """Open a list starting at line:column."""
        path = self._place(line, column, is_key_ok=False)
        assert path is not None  # noqa: S101  # _place raised for a list in key position
        self._push([], path, line, column)

    def scalar(self, value: Any, line: int, column: int, raw: str | None = None) -> None:
        """Add a scalar; ``raw`` is the text as written when YAML read a plain scalar as a number."""
        path = self._place(line, column, is_key_ok=True)
        if path is None:
            frame = self.stack[-1]
            key = value if isinstance(value, str) else raw if raw is not None else str(value)
            if key in frame.container:
                first = self.marks.get((*frame.path, key))
                where = f" (first at line {first[0]})" if first else ""
                msg = f"duplicate key {key!r} in one mapping{where}: each key may appear once (merge the two)"
                raise self.fail(msg, line, column)
            frame.key = key
            frame.key_at = (line, column)
            return
        if raw is not None:
            self.raw[path] = raw
        self._put(value)

    def end(self) -> None:
        """Close the innermost collection."""
        frame = self.stack.pop()
        if frame.item is None or not isinstance(frame.container, dict):
            return
        ident = frame.container.get("id")
        if not isinstance(ident, str) or not ident:
            return
        group = frame.path[0]
        own = (group, ident)
        if own in self.taken:
            return  # a repeated id: this item keeps its index path; the first one owns the id's
        self.taken.add(own)
        # Re-file what was recorded under the item's index under its id, where from_data looks.
        marks = self.marks
        raw = self.raw
        cut = len(frame.path)
        for path in (frame.path, *frame.item):
            if path in marks:
                marks[(*own, *path[cut:])] = marks[path]
            if path in raw:
                raw[(*own, *path[cut:])] = raw[path]

    def result(self) -> Any:
        """Return the data built (None for an empty document)."""
        return self.root
