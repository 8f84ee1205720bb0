"""Statements: what can be argued about (questions, positions, claims, evidence)."""

from __future__ import annotations

from typing import Any, ClassVar, Final, Literal

from attrs import define, field

from argmap.model._checks import non_empty_text, optional_text, unit_interval, valid_id

__all__ = [
    "PROOF_STANDARDS",
    "Claim",
    "Evidence",
    "Position",
    "ProofStandard",
    "Question",
    "Statement",
    "StatementKind",
]

StatementKind = Literal["question", "position", "claim", "evidence"]

ProofStandard = Literal["se", "pe", "cce", "brd", "dv"]
"""Carneades proof standards: scintilla of evidence, preponderance of evidence, clear and
convincing evidence, beyond reasonable doubt, dialectical validity."""

PROOF_STANDARDS: Final[tuple[ProofStandard, ...]] = ("se", "pe", "cce", "brd", "dv")


def _standard(instance: object, attribute: object, value: Any) -> None:
    del attribute
    from argmap.errors import ModelError  # noqa: PLC0415  # keeps this module's imports minimal

    if value is not None and value not in PROOF_STANDARDS:
        owner = getattr(instance, "id", None)
        raise ModelError(
            f"{owner!r}: standard must be one of {list(PROOF_STANDARDS)}, got {value!r}",
            id=owner,
            path=("standard",),
        )


@define(frozen=True, kw_only=True)
class Statement:
    """What every statement has: an id, and how evaluation should treat it."""

    kind: ClassVar[StatementKind]

    id: str = field(validator=valid_id)
    assumed: bool = False
    """Accepted without evidence, as Carneades' assumptions are."""
    note: str | None = field(default=None, validator=optional_text)
    """The author's remark, shown as a tooltip; not part of the argument."""

    @property
    def label(self) -> str:
        """Return the text a map shows for this statement."""
        raise NotImplementedError


@define(frozen=True, kw_only=True)
class _Textual(Statement):
    text: str = field(validator=non_empty_text)
    base_score: float | None = field(default=None, validator=unit_interval)
    """Prior plausibility for gradual semantics (DF-QuAD); 0.5 when unset."""
    standard: ProofStandard | None = field(default=None, validator=_standard)
    """Carneades proof standard; preponderance of evidence when unset."""

    @property
    def label(self) -> str:
        """Return the statement's text."""
        return self.text


@define(frozen=True, kw_only=True)
class Question(_Textual):
    """The issue under debate: the root of a map."""

    kind: ClassVar[StatementKind] = "question"
    compatible: bool = False
    """Whether the positions answering this question may all stand; by default they are alternatives."""


@define(frozen=True, kw_only=True)
class Position(_Textual):
    """A candidate answer to a question."""

    kind: ClassVar[StatementKind] = "position"
    answers: str | None = field(default=None, validator=optional_text)
    """The id of the question this position answers."""


@define(frozen=True, kw_only=True)
class Claim(_Textual):
    """Any other statement: a premise, an intermediate conclusion, a rebuttal's content."""

    kind: ClassVar[StatementKind] = "claim"


@define(frozen=True, kw_only=True)
class Evidence(Statement):
    """A verbatim quote from a source; what a user switches off and on."""

    kind: ClassVar[StatementKind] = "evidence"
    quote: str = field(validator=non_empty_text)
    source: str = field(validator=valid_id)
    """The id of the Source the quote is taken from."""
    speaker: str | None = field(default=None, validator=optional_text)
    """Who said it, e.g. "Ian Storey, ISEAS"."""
    locator: str | None = field(default=None, validator=optional_text)
    """Where in the source: paragraph, page or timestamp."""
    weight: float | None = field(default=None, validator=unit_interval)
    """How much the evidence counts, in [0, 1]; the base score for gradual semantics."""
    text: str | None = field(default=None, validator=optional_text)
    """A short paraphrase to show instead of the quote."""

    @property
    def label(self) -> str:
        """Return the paraphrase if there is one, else the quote."""
        return self.text or self.quote
