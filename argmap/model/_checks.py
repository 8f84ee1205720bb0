"""Field validators shared by the model classes."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from argmap.errors import InvalidUrlError, ModelError


def _owner(instance: Any) -> str | None:
    return getattr(instance, "id", None)


def valid_id(instance: Any, attribute: Any, value: Any) -> None:
    """Check an id: a non-empty string, with no surrounding whitespace and no line breaks."""
    del instance, attribute
    if not isinstance(value, str) or not value:
        raise ModelError(f"an id must be a non-empty string, got {value!r} (give every part an id)")
    if value != value.strip() or "\n" in value or "\r" in value:
        raise ModelError(
            f"id {value!r} has surrounding whitespace or a line break (write ids like 'c-alliance')",
            id=value,
        )


def unit_interval(instance: Any, attribute: Any, value: Any) -> None:
    """Check an optional number lies in [0, 1]."""
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0.0 <= value <= 1.0:
        owner = _owner(instance)
        raise ModelError(
            f"{owner!r}: {attribute.name} must be a number in [0, 1], got {value!r}"
            " (use 0 for none, 1 for full)",
            id=owner,
            path=(attribute.name,),
        )


def http_url(instance: Any, attribute: Any, value: Any) -> None:
    """Check an optional URL is http(s), the only schemes a map may link to."""
    if value is None:
        return
    owner = _owner(instance)
    try:
        parts = urlsplit(value) if isinstance(value, str) else None
    except ValueError:  # urlsplit refuses some malformed hosts, e.g. "https://[a]x" as IPv6
        parts = None
    if parts is None or parts.scheme.lower() not in {"http", "https"} or not parts.netloc:
        raise InvalidUrlError(
            f"{owner!r}: url must start with http:// or https://, got {value!r}"
            " (link to a web page, or leave url out and set path to a local copy)",
            id=owner,
            path=(attribute.name,),
        )


def non_empty_text(instance: Any, attribute: Any, value: Any) -> None:
    """Check a required text is a non-blank string."""
    if not isinstance(value, str) or not value.strip():
        owner = _owner(instance)
        raise ModelError(
            f"{owner!r}: {attribute.name} must be non-empty text, got {value!r}",
            id=owner,
            path=(attribute.name,),
        )


def optional_text(instance: Any, attribute: Any, value: Any) -> None:
    """Check an optional text is a string when given."""
    if value is not None and not isinstance(value, str):
        owner = _owner(instance)
        raise ModelError(
            f"{owner!r}: {attribute.name} must be text, got {value!r}", id=owner, path=(attribute.name,)
        )


def id_tuple(value: object) -> tuple[str, ...]:
    """Turn one id or an iterable of ids into a tuple, so single premises need no list."""
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list | tuple):
        return tuple(value)
    return (value,)  # type: ignore[return-value]  # rejected by the validator with a clear message


def ids_valid(instance: Any, attribute: Any, value: tuple[object, ...]) -> None:
    """Check every entry of an id tuple is a string id."""
    for item in value:
        if not isinstance(item, str) or not item:
            owner = _owner(instance)
            raise ModelError(
                f"{owner!r}: {attribute.name} must list ids (strings), got {item!r}",
                id=owner,
                path=(attribute.name,),
            )
