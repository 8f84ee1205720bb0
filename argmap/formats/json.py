"""The argmap map format in JSON: the canonical form for machines, same schema as the YAML."""

from __future__ import annotations

import json as _json

from argmap.errors import Location, ParseError
from argmap.formats._native import from_data, to_data
from argmap.model import ArgumentMap

__all__ = ["dumps", "loads"]


def loads(text: str, *, file: str | None = None) -> ArgumentMap:
    """Read a map from JSON text; raises ParseError or InvalidMapError with file:line:column."""
    try:
        data = _json.loads(text)
    except _json.JSONDecodeError as error:
        raise ParseError(
            f"{error.msg} (JSON needs double quotes and no trailing commas)",
            Location(file, error.lineno, error.colno),
        ) from None
    return from_data(data, locations=_locations(text, file), file=file)


def _locations(text: str, file: str | None) -> dict[tuple[str, ...], Location]:
    # JSON is (almost always) YAML, so the YAML composer can tell where each value starts.
    import yaml  # noqa: PLC0415

    from argmap.formats.yaml import _convert, _loader  # noqa: PLC0415

    locations: dict[tuple[str, ...], Location] = {}
    try:
        node = yaml.compose(text, Loader=_loader())
        if node is not None:
            _convert(node, (), locations, file)
    except (yaml.YAMLError, ParseError):
        return {}  # positions are a courtesy; the data came from the JSON parser
    return locations


def dumps(argument_map: ArgumentMap) -> str:
    """Write a map as JSON: two-space indent, unicode as is, keys in schema order."""
    return _json.dumps(to_data(argument_map), ensure_ascii=False, indent=2) + "\n"
