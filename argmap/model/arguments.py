"""Arguments: how statements bear on each other (support, rebuttal, undercut)."""

from __future__ import annotations

from typing import Final, Literal

from attrs import define, field

from argmap.errors import ModelError
from argmap.model._checks import id_tuple, ids_valid, optional_text, unit_interval, valid_id

__all__ = ["STANCES", "Argument", "Stance"]

Stance = Literal["pro", "con"]
STANCES: Final[tuple[Stance, ...]] = ("pro", "con")


def _stance(instance: object, attribute: object, value: object) -> None:
    del attribute
    if value not in STANCES:
        owner = getattr(instance, "id", None)
        raise ModelError(
            f"{owner!r}: stance must be 'pro' or 'con', got {value!r}", id=owner, path=("stance",)
        )


def _premises(instance: object, attribute: object, value: tuple[str, ...]) -> None:
    ids_valid(instance, attribute, value)
    if not value:
        owner = getattr(instance, "id", None)
        raise ModelError(
            f"argument {owner!r} has no premises (list at least one statement under premises)",
            id=owner,
            path=("premises",),
        )


@define(frozen=True, kw_only=True)
class Argument:
    """Premises that together bear on a conclusion, for it (``pro``) or against it (``con``).

    Premises are linked: they support the conclusion only together. Undercutters attack the
    inference from the premises to the conclusion, not the conclusion itself.
    """

    id: str = field(validator=valid_id)
    conclusion: str = field(validator=valid_id)
    premises: tuple[str, ...] = field(converter=id_tuple, validator=_premises)
    stance: Stance = field(default="pro", validator=_stance)
    title: str | None = field(default=None, validator=optional_text)
    """A short name ("Shared threat perceptions") for the argument's junction, switch and explanations."""
    undercutters: tuple[str, ...] = field(default=(), converter=id_tuple, validator=ids_valid)
    weight: float | None = field(default=None, validator=unit_interval)
    """How strongly the premises bear on the conclusion, in [0, 1] (Carneades' argument weight)."""
    scheme: str | None = field(default=None, validator=optional_text)
    """The argumentation scheme, e.g. "expert opinion"; shown on the inference."""
    note: str | None = field(default=None, validator=optional_text)

    @property
    def label(self) -> str:
        """Return the title if there is one, else the id."""
        return self.title or self.id

    @property
    def is_pro(self) -> bool:
        """Return whether the argument supports its conclusion."""
        return self.stance == "pro"
