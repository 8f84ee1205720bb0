"""Lines of argument: named groups of arguments that a reader follows, and switches off, as one."""

from __future__ import annotations

from attrs import define, field

from argmap.errors import ModelError
from argmap.model._checks import id_tuple, ids_valid, non_empty_text, optional_text, valid_id

__all__ = ["Line"]


def _arguments(instance: object, attribute: object, value: tuple[str, ...]) -> None:
    ids_valid(instance, attribute, value)
    if not value:
        owner = getattr(instance, "id", None)
        raise ModelError(
            f"line {owner!r} has no arguments (list the ids of its arguments under arguments)",
            id=owner,
            path=("arguments",),
        )


@define(frozen=True, kw_only=True)
class Line:
    """A line of argument, such as "Shared threat perceptions": the arguments that make it.

    Switching a line off switches off each of its arguments; the statements stay as they are.
    """

    id: str = field(validator=valid_id)
    title: str = field(validator=non_empty_text)
    arguments: tuple[str, ...] = field(converter=id_tuple, validator=_arguments)
    note: str | None = field(default=None, validator=optional_text)

    @property
    def label(self) -> str:
        """Return the line's title."""
        return self.title
