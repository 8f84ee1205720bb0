"""The argmap map format in YAML: safe loading with a line:column for every value, readable dumping.

YAML is composed with PyYAML's safe loader, so no tag can construct an object; the node tree is
turned into plain data here, recording where each value starts so that every problem found later
can point at its line and column.
"""

from __future__ import annotations

import re
from typing import Any

from argmap.errors import Location, ParseError
from argmap.formats._native import from_data, to_data
from argmap.model import ArgumentMap

__all__ = ["dumps", "loads"]

Path = tuple[str, ...]

_BOOL_12 = r"^(?:true|True|TRUE|false|False|FALSE)$"


def _with_yaml12_booleans(cls: Any) -> Any:
    """Give a PyYAML loader or dumper YAML 1.2 booleans, so ``yes``, ``no``, ``on`` and ``off`` stay text.

    Ids such as ``yes`` and ``no`` are natural in argument maps; YAML 1.1 would turn them into booleans.
    """
    resolvers = {
        first: [(tag, regexp) for tag, regexp in entries if tag != "tag:yaml.org,2002:bool"]
        for first, entries in cls.yaml_implicit_resolvers.items()
    }
    cls.yaml_implicit_resolvers = resolvers
    cls.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(_BOOL_12), list("tTfF"))
    return cls


def _loader() -> Any:
    import yaml  # noqa: PLC0415

    global _LOADER  # noqa: PLW0603  # built once, on first use, so `import argmap` needs no PyYAML
    if _LOADER is None:
        _LOADER = _with_yaml12_booleans(type("ArgmapLoader", (yaml.SafeLoader,), {}))
    return _LOADER


_LOADER: Any = None
_YAML_BREAKS = ("\r", "\x85", "\u2028", "\u2029")


def loads(text: str, *, file: str | None = None) -> ArgumentMap:
    """Read a map from YAML text; raises ParseError or InvalidMapError with file:line:column."""
    node = compose(text, file=file, loader=_loader())
    if node is None:
        raise ParseError(
            "the file is empty (a map starts with `argmap: 1` and a title)", Location(file, 1, 1)
        )
    locations: dict[Path, Location] = {}
    data = _convert(node, (), locations, file)
    return from_data(data, locations=locations, file=file)


def compose(text: str, *, file: str | None, loader: Any) -> Any:
    """Compose YAML text into PyYAML's node tree; a syntax error becomes a ParseError at line:column."""
    import yaml  # noqa: PLC0415

    try:
        return yaml.compose(text, Loader=loader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        location = Location(file, mark.line + 1, mark.column + 1) if mark else Location(file)
        reason = error.problem or error.context or "not valid YAML"
        raise ParseError(f"{reason} (check indentation, colons and quotes here)", location) from None
    except yaml.YAMLError as error:
        raise ParseError(f"not valid YAML: {error}", Location(file)) from None


def _mark(node: Any, file: str | None) -> Location:
    return Location(file, node.start_mark.line + 1, node.start_mark.column + 1)


def _convert(node: Any, path: Path, locations: dict[Path, Location], file: str | None) -> Any:
    import yaml  # noqa: PLC0415

    locations.setdefault(path, _mark(node, file))
    if isinstance(node, yaml.MappingNode):
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise ParseError("a key must be plain text", _mark(key_node, file))
            key = str(key_node.value)
            if key in out:
                raise ParseError(
                    f"duplicate key {key!r} in one mapping (each key may appear once; merge the two)",
                    _mark(key_node, file),
                )
            child = (*path, key)
            locations[child] = _mark(value_node, file)
            out[key] = _convert(value_node, child, locations, file)
        return out
    if isinstance(node, yaml.SequenceNode):
        items: list[Any] = []
        for index, item_node in enumerate(node.value):
            child = _item_path(path, item_node, index)
            # Keep the first definition's place when ids repeat; the duplicate is reported by id.
            first = child not in locations
            value = _convert(item_node, child if first else (*path, f"#{index}"), locations, file)
            items.append(value)
        return items
    return _scalar(node)


def _item_path(path: Path, node: Any, index: int) -> Path:
    import yaml  # noqa: PLC0415

    if (
        len(path) == 1
        and path[0] in {"sources", "statements", "arguments"}
        and isinstance(node, yaml.MappingNode)
    ):
        for key_node, value_node in node.value:
            if (
                getattr(key_node, "value", None) == "id"
                and isinstance(value_node, yaml.ScalarNode)
                and value_node.value
            ):
                return (*path, str(value_node.value))
    return (*path, f"#{index}")


def _scalar(node: Any) -> Any:
    constructor = _loader()("")
    try:
        value = constructor.construct_object(node, deep=True)
    finally:
        constructor.dispose()
    if isinstance(value, int | float | bool | str) or value is None:
        return value
    # Dates and timestamps stay the text the author wrote; argmap never reinterprets them.
    return str(node.value)


def dumps(argument_map: ArgumentMap) -> str:
    """Write a map as YAML: keys in schema order, unicode as is, multi-line text as blocks."""
    import yaml  # noqa: PLC0415

    _Dumper = _with_yaml12_booleans(type("ArgmapDumper", (yaml.SafeDumper,), {}))  # noqa: N806

    def represent_str(dumper: yaml.SafeDumper, value: str) -> Any:
        # PyYAML falls back to a quoted style by itself where a block cannot hold the text exactly.
        style = "|" if "\n" in value else None
        if any(ch in value for ch in _YAML_BREAKS):
            # Characters YAML reads as line breaks survive only escaped in a double-quoted string.
            style = '"'

        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)

    def represent_list(dumper: yaml.SafeDumper, value: list[Any]) -> Any:
        # Id lists read best on one line: `premises: [c-a, c-b]`.
        flow = all(isinstance(item, str) and "\n" not in item for item in value)
        return dumper.represent_sequence("tag:yaml.org,2002:seq", value, flow_style=flow)

    def increase_indent(self: Any, flow: bool = False, indentless: bool = False) -> Any:  # noqa: ARG001
        # Indent list items under their key, as people write YAML by hand.
        return yaml.SafeDumper.increase_indent(self, flow, False)  # noqa: FBT003

    _Dumper.add_representer(str, represent_str)
    _Dumper.add_representer(list, represent_list)
    _Dumper.increase_indent = increase_indent
    return yaml.dump(
        to_data(argument_map),
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        width=100,
        default_flow_style=False,
    )
