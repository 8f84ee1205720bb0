"""What a user switches off: statements, arguments and lines of argument, checked against a map.

Switching off is an input to evaluation and rendering, not a change to the map; this module turns
whatever the user wrote (one id, a set, a list) into one checked value every layer reads alike.
"""

from __future__ import annotations

from collections.abc import Iterable

from attrs import define, field

from argmap._text import suggest
from argmap.errors import UnknownIdError
from argmap.model.argument_map import ArgumentMap

__all__ = ["Off", "resolve_off"]


@define(frozen=True)
class Off:
    """The checked ``off`` set: switched-off statements and arguments, lines expanded.

    ``arguments`` holds every argument switched off, by its own id or through a line in ``lines``.
    """

    statements: frozenset[str] = frozenset()
    arguments: frozenset[str] = frozenset()
    lines: frozenset[str] = frozenset()
    ids: frozenset[str] = field(default=frozenset())
    """The ids as the user gave them (statements, arguments and lines)."""

    def __bool__(self) -> bool:
        return bool(self.ids)

    def __contains__(self, id: object) -> bool:  # noqa: A002
        return id in self.statements or id in self.arguments or id in self.lines


def _as_ids(off: str | Iterable[str] | None) -> list[str]:
    if off is None:
        return []
    if isinstance(off, str):
        # One id, not its characters: render(off="ev-x") and evaluate(off="ev-x") agree.
        return [off]
    ids = list(off)
    for item in ids:
        if not isinstance(item, str):
            raise UnknownIdError(
                f"off must list ids (strings), got {item!r} (write off={{'ev-kashin'}} or off='ev-kashin')",
                id=None,
            )
    return ids


def resolve_off(argument_map: ArgumentMap, off: str | Iterable[str] | Off | None = None) -> Off:
    """Return ``off`` checked against the map; an unknown id raises UnknownIdError naming close matches.

    >>> from argmap.model import ArgumentMap
    >>> m = ArgumentMap.build("t"); _ = m.claim("a", "A."); _ = m.claim("b", "B.", supports="a")
    >>> resolve_off(m.finish(), "b").statements
    frozenset({'b'})
    """
    if isinstance(off, Off):
        return off
    ids = _as_ids(off)
    if not ids:
        return Off()
    statements: set[str] = set()
    arguments: set[str] = set()
    lines: set[str] = set()
    for item in ids:
        if argument_map.has_statement(item):
            statements.add(item)
        elif argument_map.has_argument(item):
            arguments.add(item)
        elif argument_map.has_line(item):
            lines.add(item)
            arguments.update(argument_map.line(item).arguments)
        else:
            known = [*argument_map.iter_ids()]
            hint = suggest(item, known) or (
                " (switch off a statement, argument or line of argument by its id)"
            )
            where = (
                f" in {argument_map.origin.file}" if argument_map.origin and argument_map.origin.file else ""
            )
            raise UnknownIdError(f"cannot switch off {item!r}: no such id{where}{hint}", id=item)
    return Off(frozenset(statements), frozenset(arguments), frozenset(lines), frozenset(ids))
