"""Sources: where evidence is quoted from."""

from __future__ import annotations

from attrs import define, field

from argmap.model._checks import http_url, non_empty_text, optional_text, valid_id

__all__ = ["Source"]


@define(frozen=True, kw_only=True)
class Source:
    """A document that evidence quotes; ``path`` points at a local text copy for quote checks."""

    id: str = field(validator=valid_id)
    title: str = field(validator=non_empty_text)
    author: str | None = field(default=None, validator=optional_text)
    publisher: str | None = field(default=None, validator=optional_text)
    date: str | None = field(default=None, validator=optional_text)
    """As written by the author (ISO 8601 recommended); kept as text so nothing is reinterpreted."""
    url: str | None = field(default=None, validator=http_url)
    path: str | None = field(default=None, validator=optional_text)
    """A local text copy, relative to the map file."""
