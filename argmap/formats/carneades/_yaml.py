"""Carneades YAML composed with every scalar kept as text (as Carneades' Go reader sees ids).

Each value's location is recorded under its path, and each key's under ``(*path, "<key>")``.
"""

from __future__ import annotations

from typing import Any, Final

from argmap._text import shorten
from argmap.errors import Location, ParseError
from argmap.formats.carneades._model import Path

__all__ = ["MAX_VALUES", "compose"]


MAX_VALUES: Final = 200_000
"""How many values a graph may expand to once aliases are followed (a "billion laughs" guard)."""
MAX_NESTING: Final = 100
"""How deeply collections may nest; named in the message when PyYAML's composer runs out of stack."""
_TOO_DEEP: Final = (
    f"the YAML nests deeper than {MAX_NESTING} levels (a Carneades graph needs a few; flatten it)"
)


def compose(text: str, file: str | None) -> tuple[Any, dict[Path, Location]]:
    """Return the graph's data, every scalar as text, and the location of every value and key.

    Raises ParseError for YAML errors, a recursive alias, or aliases expanding past ``MAX_VALUES``.
    """
    import yaml  # noqa: PLC0415  # only YAML readers need PyYAML

    from argmap.formats.yaml import compose as compose_yaml  # noqa: PLC0415

    # Flow collections nested past the limit are found by a cheap count first: PyYAML's composer
    # would recurse a thousand levels before failing.
    if _bracket_depth(text) > MAX_NESTING:
        where = _too_deep(text, file)
        if where.line is not None:
            raise ParseError(_TOO_DEEP, where)
    try:
        node = compose_yaml(text, file=file, loader=yaml.BaseLoader)
    except RecursionError:
        # PyYAML composes recursively; its event parser does not, so it can say where.
        raise ParseError(_TOO_DEEP, _too_deep(text, file)) from None
    locations: dict[Path, Location] = {}
    if node is None:
        return {}, locations
    return _plain(node, locations, file), locations


def _bracket_depth(text: str) -> int:
    """Return how deeply ``[`` and ``{`` nest, ignoring quotes: an upper bound on flow nesting."""
    depth = deepest = 0
    for char in text:
        if char in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif char in "]}":
            depth -= 1
    return deepest


def _too_deep(text: str, file: str | None) -> Location:
    """Return where the YAML first nests deeper than ``MAX_NESTING``."""
    import yaml  # noqa: PLC0415

    depth = 0
    try:
        for event in yaml.parse(text, Loader=yaml.BaseLoader):
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_NESTING:
                    return _at(event, file)
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.YAMLError:
        pass  # a syntax error before the limit: composing reports it, with its place
    return Location(file)


def _at(node: Any, file: str | None) -> Location:
    return Location(file, node.start_mark.line + 1, node.start_mark.column + 1)


def _plain(root: Any, locations: dict[Path, Location], file: str | None) -> Any:
    """Turn composed YAML nodes into dicts, lists and text, without recursion."""
    import yaml  # noqa: PLC0415

    # Each entry: the node, its path, the ids of the collection nodes above it (an alias back to
    # one of them is a cycle), and where to put the result.
    result: list[Any] = [None]
    pending: list[tuple[Any, Path, frozenset[int], Any, Any]] = [(root, (), frozenset(), result, 0)]
    count = 0
    while pending:
        node, path, above, into, slot = pending.pop()
        count += 1
        if count > MAX_VALUES:
            raise ParseError(
                f"the YAML expands to more than {MAX_VALUES:,} values through aliases"
                " (write the repeated parts out instead of `*alias` references)",
                _at(node, file),
            )
        if id(node) in above:
            raise ParseError(
                "a YAML alias refers to a collection that contains it (remove the recursive `*alias`)",
                _at(node, file),
            )
        locations[path] = _at(node, file)
        if isinstance(node, yaml.MappingNode):
            out: dict[str, Any] = {}
            into[slot] = out
            inner = above | {id(node)}
            children = []
            for key_node, value_node in node.value:
                key = str(key_node.value) if isinstance(key_node, yaml.ScalarNode) else ""
                if key in out:
                    first = locations[(*path, key, "<key>")]
                    raise ParseError(
                        f"duplicate key {shorten(key, 40)!r}, first at line {first.line} (each key may"
                        " appear once in a mapping; merge the two or rename one)",
                        _at(key_node, file),
                    )
                locations[(*path, key, "<key>")] = _at(key_node, file)
                out[key] = None
                children.append((value_node, (*path, key), inner, out, key))
            # Reversed so that values are visited in document order, as a later duplicate wins.
            pending.extend(reversed(children))
        elif isinstance(node, yaml.SequenceNode):
            items: list[Any] = [None] * len(node.value)
            into[slot] = items
            inner = above | {id(node)}
            pending.extend(
                (item, (*path, str(i)), inner, items, i) for i, item in reversed(list(enumerate(node.value)))
            )
        else:
            value = node.value
            # BaseLoader reads `key:` with nothing after it as "", and so does Carneades' reader
            # read a missing text; a literal `~` or `null` stays text, as in Go.
            into[slot] = value if isinstance(value, str) else str(value)
    return result[0]
