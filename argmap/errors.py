"""The exception tree of argmap and the Location every message points at.

::

    ArgmapError
    ├── ModelError (ValueError)            one problem in a map: bad id, bad reference, bad value
    │   ├── DuplicateIdError
    │   ├── UnknownReferenceError
    │   ├── InvalidUrlError
    │   └── InvalidMapError                every problem found in one map, each with its location
    ├── FormatError (ValueError)
    │   ├── ParseError                     .location = Location(file, line, column)
    │   └── UnsupportedFormatError         unknown suffix or format name
    ├── EvaluationError (ValueError)       unknown semantics, unknown id in ``off``, size guard
    ├── RenderError (RuntimeError)         Graphviz failed or timed out
    │   └── GraphvizNotFoundError          no layout engine could be found
    └── MissingDependencyError (ImportError)   an optional extra is not installed

Messages follow one shape: ``<where>: <what is wrong>: <offending value> (<how to fix>)``.
"""

from __future__ import annotations

from collections.abc import Sequence

from attrs import define

__all__ = [
    "ArgmapError",
    "DuplicateIdError",
    "EvaluationError",
    "FormatError",
    "GraphvizNotFoundError",
    "InvalidMapError",
    "InvalidUrlError",
    "Location",
    "MissingDependencyError",
    "ModelError",
    "ParseError",
    "Problem",
    "RenderError",
    "UnknownIdError",
    "UnknownReferenceError",
    "UnsupportedFormatError",
]


@define(frozen=True)
class Location:
    """A place in a file; line and column count from 1, as editors do."""

    file: str | None = None
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        parts = [self.file or "<string>"]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)


@define(frozen=True)
class Problem:
    """One thing wrong with a map: what, about which id, where, and how to fix it.

    ``path`` names the offending value inside the map's data (e.g.
    ``("statements", "c-arms", "weight")``) so a file loader can turn it into a Location.
    """

    message: str
    id: str | None = None
    path: tuple[str, ...] = ()
    location: Location | None = None
    kind: str = "invalid"

    def __str__(self) -> str:
        where = f"{self.location}: " if self.location is not None else ""
        return f"{where}{self.message}"


class ArgmapError(Exception):
    """The root of every error argmap raises on purpose."""


class ModelError(ArgmapError, ValueError):
    """A map, or one of its parts, breaks a rule of the model."""

    def __init__(self, message: str, *, id: str | None = None, path: tuple[str, ...] = ()) -> None:  # noqa: A002
        super().__init__(message)
        self.id = id
        self.path = path

    def as_problem(self) -> Problem:
        """Return this error as a Problem, for gathering into an InvalidMapError."""
        kind = {
            DuplicateIdError: "duplicate-id",
            UnknownReferenceError: "unknown-reference",
            InvalidUrlError: "invalid-url",
        }.get(type(self), "invalid")
        return Problem(str(self), id=self.id, path=self.path, kind=kind)


class DuplicateIdError(ModelError):
    """Two parts of a map share one id."""


class UnknownReferenceError(ModelError):
    """A part of a map refers to an id that the map does not define."""


class InvalidUrlError(ModelError):
    """A URL is not http(s)."""


class UnknownIdError(ArgmapError, KeyError):
    """A lookup or an ``off`` set names an id the map does not define.

    A KeyError too, so ``argument_map.statement(x)`` keeps the mapping contract.
    """

    def __init__(self, message: str, *, id: str | None = None) -> None:  # noqa: A002
        super().__init__(message)
        self.id = id

    def __str__(self) -> str:
        # KeyError's own __str__ shows the repr of its argument, quotes and all.
        return str(self.args[0]) if self.args else ""


class InvalidMapError(ModelError):
    """Every problem found in one map, reported together."""

    def __init__(self, problems: Sequence[Problem], *, file: str | None = None) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        self.file = file
        count = len(self.problems)
        head = f"{file}: " if file else ""
        noun = "problem" if count == 1 else "problems"
        lines = [f"{head}{count} {noun} in the map:"]
        lines += [f"  {problem}" for problem in self.problems]
        super().__init__("\n".join(lines))


class FormatError(ArgmapError, ValueError):
    """Text that cannot be read as, or written to, a map format."""


class ParseError(FormatError):
    """Text that is not a well-formed map, with the place it goes wrong."""

    def __init__(self, message: str, location: Location | None = None) -> None:
        self.location = location if location is not None else Location()
        self.reason = message
        super().__init__(f"{self.location}: {message}")


class UnsupportedFormatError(FormatError):
    """A file suffix or format name that argmap does not know."""

    def __init__(self, value: str, allowed: Sequence[str]) -> None:
        self.value = value
        self.allowed = tuple(allowed)
        super().__init__(f"unknown format: {value!r} (must be one of {sorted(self.allowed)})")


class EvaluationError(ArgmapError, ValueError):
    """An evaluation that cannot be carried out as asked."""


class RenderError(ArgmapError, RuntimeError):
    """The layout engine failed, timed out, or cannot produce the asked format."""


class GraphvizNotFoundError(RenderError):
    """No Graphviz layout engine could be found."""


class MissingDependencyError(ArgmapError, ImportError):
    """An optional extra is needed for this and is not installed."""
