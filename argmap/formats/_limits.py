"""Resource limits for reading maps: how large an input the readers accept before refusing it.

A few bytes must not cost minutes or gigabytes: a 300-byte YAML file of nested aliases, an ICCMA
header declaring 10^12 arguments, a FIFO or ``/dev/zero`` given as a map path. Each reader
checks its input against these limits before it allocates, and refuses with a one-line error
that names the limit and how to raise it.
"""

from __future__ import annotations

from typing import Final

from attrs import define, field
from attrs.validators import ge, instance_of

from argmap.errors import Location, ParseError

__all__ = ["DEFAULT_LIMITS", "Limits", "check_size", "too_many_items"]


@define(frozen=True, kw_only=True)
class Limits:
    """What a reader accepts; pass ``limits=Limits(...)`` to ``argmap.load``/``loads`` to change it.

    >>> Limits().max_bytes, Limits(max_items=10).max_items
    (104857600, 10)
    """

    max_bytes: int = field(default=100 * 2**20, validator=[instance_of(int), ge(1)])
    """The largest map file or text, in bytes (UTF-8)."""
    max_items: int = field(default=1_000_000, validator=[instance_of(int), ge(1)])
    """The most statements, arguments and sources together (for ICCMA: arguments declared)."""
    max_depth: int = field(default=64, validator=[instance_of(int), ge(1)])
    """How deeply YAML/JSON mappings and lists may nest (a map needs 5 levels)."""
    max_nodes: int = field(default=5_000_000, validator=[instance_of(int), ge(1)])
    """The most YAML/JSON values (keys, scalars, lists, mappings) after aliases are expanded."""
    max_digits: int = field(default=64, validator=[instance_of(int), ge(1)])
    """The longest number a map may write (a weight needs a few digits)."""


DEFAULT_LIMITS: Final = Limits()


def too_many_items(count: int, limits: Limits) -> str | None:
    """Return the message for a map of ``count`` items beyond ``limits.max_items``, else None."""
    if count <= limits.max_items:
        return None
    return (
        f"the map lists {count:,} sources, statements, arguments and lines, more than the limit of"
        f" {limits.max_items:,} (if the file is trusted, raise it: argmap.formats.Limits(max_items=...))"
    )


def check_size(text: str, file: str | None, limits: Limits) -> None:
    """Raise ParseError if ``text`` is longer than ``limits.max_bytes`` characters."""
    if len(text) > limits.max_bytes:
        raise ParseError(
            f"the map is {len(text):,} characters long, more than the limit of {limits.max_bytes:,}"
            " (if the file is trusted, raise it: argmap.formats.Limits(max_bytes=...))",
            Location(file),
        )
