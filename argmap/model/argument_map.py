"""ArgumentMap: the container, lookups by id, and the reference checks over the whole map."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from itertools import chain
from operator import attrgetter
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define, field

from argmap._text import suggest
from argmap.errors import InvalidMapError, Location, ModelError, Problem, UnknownIdError
from argmap.model.arguments import Argument
from argmap.model.lines import Line
from argmap.model.sources import Source
from argmap.model.statements import Claim, Evidence, Position, Question, Statement

if TYPE_CHECKING:
    from argmap.model.builder import MapBuilder

__all__ = ["ArgumentMap", "Origin"]

_T = TypeVar("_T", bound=Statement)
_ID = attrgetter("id")


@define(frozen=True)
class Origin:
    """Where a map was read from: its file and the location of every value, for messages."""

    file: str | None = None
    locations: Mapping[tuple[str, ...], Location] = field(factory=dict, repr=False)

    def locate(self, path: tuple[str, ...]) -> Location | None:
        """Return the location of ``path``, or of its nearest enclosing value that has one."""
        while True:
            if path in self.locations:
                return self.locations[path]
            if not path:
                return Location(self.file) if self.file else None
            path = path[:-1]


_JSON_SCALARS = (str, int, float, bool, type(None))
_PLAIN_SCALARS = frozenset(_JSON_SCALARS)


def _plain_json(value: object) -> bool:
    """Return whether ``value`` is built of plain dicts with str keys, lists and JSON scalars only."""
    # Exact types and no paths: twice as fast as the walk below, which runs only to find the culprit.
    stack: list[Any] = [value]
    scalars = _PLAIN_SCALARS
    push, pop = stack.append, stack.pop
    while stack:
        item: Any = pop()
        kind = type(item)
        if kind is dict:
            for key, inner in item.items():
                if type(key) is not str:
                    return False
                if type(inner) not in scalars:
                    push(inner)
        elif kind is list or kind is tuple:
            for inner in item:
                if type(inner) not in scalars:
                    push(inner)
        else:
            return False
    return True


def _json_extensions(instance: object, attribute: object, value: Any) -> None:
    del instance, attribute
    if type(value) is dict and _plain_json(value):
        return
    if not isinstance(value, Mapping):
        raise ModelError(
            f"extensions must be a mapping of format name to JSON data, got {type(value).__name__}"
        )
    # Iterative: an imported file decides the depth, so recursion could exhaust the stack.
    stack: list[tuple[Any, str]] = [(item, f"extensions[{key!r}]") for key, item in value.items()]
    for key in value:
        if not isinstance(key, str):
            raise ModelError(f"extensions: format names are strings, got {key!r}")
    while stack:
        item, where = stack.pop()
        if isinstance(item, Mapping):
            for key, inner in item.items():
                if not isinstance(key, str):
                    raise ModelError(f"{where}: JSON object keys are strings, got {key!r}")
                stack.append((inner, f"{where}[{key!r}]"))
        elif isinstance(item, list | tuple):
            stack.extend((inner, f"{where}[{index}]") for index, inner in enumerate(item))
        elif not isinstance(item, _JSON_SCALARS):
            raise ModelError(
                f"{where}: not JSON data ({type(item).__name__}); store str, number, bool, None, list or dict"
            )


def _suggest(value: str, known: list[str]) -> str:
    return suggest(value, known) or " (define it, or correct the id)"


@define(frozen=True, kw_only=True)
class ArgumentMap:
    """A whole argument map: statements, the arguments between them, and the sources quoted.

    Construction checks every reference and raises one InvalidMapError listing every problem.
    Ids share one namespace across sources, statements and arguments.
    """

    title: str
    description: str | None = None
    sources: tuple[Source, ...] = ()
    statements: tuple[Statement, ...] = ()
    arguments: tuple[Argument, ...] = ()
    lines: tuple[Line, ...] = ()
    """Lines of argument: named groups of arguments, switched off as one."""
    extensions: Mapping[str, Any] = field(factory=dict, validator=_json_extensions, hash=False, repr=False)
    """What another format holds that the model does not use, under that format's name (``"aif"``).

    JSON data (dicts with string keys, lists, strings, numbers, booleans, None), kept by the native
    formats so that an import can be written back whole; evaluation and rendering never read it.
    Treat it as read-only.
    """
    origin: Origin | None = field(default=None, eq=False, repr=False)
    _statement_index: dict[str, Statement] = field(init=False, eq=False, repr=False)
    _argument_index: dict[str, Argument] = field(init=False, eq=False, repr=False)
    _source_index: dict[str, Source] = field(init=False, eq=False, repr=False)
    _line_index: dict[str, Line] = field(init=False, eq=False, repr=False)
    _pro: dict[str, tuple[Argument, ...]] = field(init=False, eq=False, repr=False)
    _con: dict[str, tuple[Argument, ...]] = field(init=False, eq=False, repr=False)
    _derived: dict[str, Any] = field(init=False, factory=dict, eq=False, repr=False)
    """What layers above the model compute once per map (e.g. its compiled form); not its value."""

    def __attrs_post_init__(self) -> None:
        set_ = object.__setattr__  # frozen: the indexes are derived once, here
        # dict(zip(...)) keeps the last of duplicate ids, as a comprehension would; C-level for 10^5.
        set_(self, "_statement_index", dict(zip(map(_ID, self.statements), self.statements, strict=True)))
        set_(self, "_argument_index", dict(zip(map(_ID, self.arguments), self.arguments, strict=True)))
        set_(self, "_source_index", dict(zip(map(_ID, self.sources), self.sources, strict=True)))
        set_(self, "_line_index", dict(zip(map(_ID, self.lines), self.lines, strict=True)))
        pro: dict[str, list[Argument]] = {}
        con: dict[str, list[Argument]] = {}
        for argument in self.arguments:
            group = pro if argument.is_pro else con
            bucket = group.get(argument.conclusion)
            if bucket is None:
                group[argument.conclusion] = [argument]
            else:
                bucket.append(argument)
        set_(self, "_pro", dict(zip(pro, map(tuple, pro.values()), strict=True)))
        set_(self, "_con", dict(zip(con, map(tuple, con.values()), strict=True)))
        problems = self.find_problems()
        if problems:
            raise InvalidMapError(problems, file=self.origin.file if self.origin else None)

    @classmethod
    def build(cls, title: str, *, description: str | None = None) -> MapBuilder:
        """Start a map in Python; see MapBuilder."""
        from argmap.model.builder import MapBuilder  # noqa: PLC0415  # avoids a cycle

        return MapBuilder(title, description=description)

    # -- lookups -----------------------------------------------------------------------------

    def statement(self, id: str) -> Statement:  # noqa: A002
        """Return the statement with this id; KeyError names close matches."""
        try:
            return self._statement_index[id]
        except KeyError:
            raise UnknownIdError(
                f"no statement {id!r}{_suggest(id, list(self._statement_index))}", id=id
            ) from None

    def argument(self, id: str) -> Argument:  # noqa: A002
        """Return the argument with this id; KeyError names close matches."""
        try:
            return self._argument_index[id]
        except KeyError:
            raise UnknownIdError(
                f"no argument {id!r}{_suggest(id, list(self._argument_index))}", id=id
            ) from None

    def source(self, id: str) -> Source:  # noqa: A002
        """Return the source with this id; KeyError names close matches."""
        try:
            return self._source_index[id]
        except KeyError:
            raise UnknownIdError(f"no source {id!r}{_suggest(id, list(self._source_index))}", id=id) from None

    def line(self, id: str) -> Line:  # noqa: A002
        """Return the line of argument with this id; KeyError names close matches."""
        try:
            return self._line_index[id]
        except KeyError:
            raise UnknownIdError(f"no line {id!r}{_suggest(id, list(self._line_index))}", id=id) from None

    def has_line(self, id: str) -> bool:  # noqa: A002
        """Return whether a line of argument has this id."""
        return id in self._line_index

    def has_argument(self, id: str) -> bool:  # noqa: A002
        """Return whether an argument has this id."""
        return id in self._argument_index

    def lines_of(self, argument: str) -> tuple[Line, ...]:
        """Return the lines of argument that include ``argument``."""
        return tuple(line for line in self.lines if argument in line.arguments)

    def __contains__(self, id: object) -> bool:  # noqa: A002
        return (
            id in self._statement_index
            or id in self._argument_index
            or id in self._source_index
            or id in self._line_index
        )

    def has_statement(self, id: str) -> bool:  # noqa: A002
        """Return whether a statement has this id."""
        return id in self._statement_index

    def _of(self, kind: type[_T]) -> tuple[_T, ...]:
        # Asked for on every evaluation (the verdict reads positions): scan the statements once.
        key = f"statements-of-kind:{kind.__name__}"
        found: tuple[_T, ...] | None = self._derived.get(key)
        if found is None:
            found = tuple(s for s in self.statements if isinstance(s, kind))
            self._derived[key] = found
        return found

    def positions_of(self, question: str) -> tuple[Position, ...]:
        """Return the positions that answer ``question``."""
        key = "positions-by-question"
        index: dict[str | None, tuple[Position, ...]] | None = self._derived.get(key)
        if index is None:
            grouped: dict[str | None, list[Position]] = {}
            for position in self.positions:
                grouped.setdefault(position.answers, []).append(position)
            index = {answers: tuple(group) for answers, group in grouped.items()}
            self._derived[key] = index
        return index.get(question, ())

    @property
    def questions(self) -> tuple[Question, ...]:
        """Return the questions, in declaration order."""
        return self._of(Question)

    @property
    def positions(self) -> tuple[Position, ...]:
        """Return the positions, in declaration order."""
        return self._of(Position)

    @property
    def claims(self) -> tuple[Claim, ...]:
        """Return the claims, in declaration order."""
        return self._of(Claim)

    @property
    def evidence(self) -> tuple[Evidence, ...]:
        """Return the evidence items, in declaration order."""
        return self._of(Evidence)

    def pro(self, conclusion: str) -> tuple[Argument, ...]:
        """Return the arguments supporting ``conclusion``."""
        return self._pro.get(conclusion, ())

    def con(self, conclusion: str) -> tuple[Argument, ...]:
        """Return the arguments rebutting ``conclusion``."""
        return self._con.get(conclusion, ())

    def undercut_by(self, statement: str) -> tuple[Argument, ...]:
        """Return the arguments whose inference ``statement`` undercuts."""
        return tuple(a for a in self.arguments if statement in a.undercutters)

    def iter_ids(self) -> Iterator[str]:
        """Yield every id in the map: sources, statements, arguments, lines."""
        for group in (self.sources, self.statements, self.arguments, self.lines):
            for item in group:
                yield item.id

    # -- checks ------------------------------------------------------------------------------

    def find_problems(self) -> list[Problem]:
        """Return every reference problem in the map, each with its id and, if known, location."""
        problems: list[Problem] = []

        def report(message: str, id: str, path: tuple[str, ...], kind: str) -> None:  # noqa: A002
            location = self.origin.locate(path) if self.origin else None
            problems.append(Problem(message, id=id, path=path, location=location, kind=kind))

        seen: dict[str, str] = {}
        groups: tuple[tuple[str, tuple[Any, ...]], ...] = (
            ("sources", self.sources),
            ("statements", self.statements),
            ("arguments", self.arguments),
            ("lines", self.lines),
        )
        indexes = (self._source_index, self._statement_index, self._argument_index, self._line_index)
        indexed = sum(len(index) for index in indexes)
        count = len(self.sources) + len(self.statements) + len(self.arguments) + len(self.lines)
        unique = indexed == count and len(set(chain(*indexes))) == count
        for group, items in () if unique else groups:  # the loop only reports duplicates
            for index, item in enumerate(items):
                if item.id in seen:
                    report(
                        f"duplicate id {item.id!r}: already used by one of the {seen[item.id]}"
                        " (give each source, statement and argument its own id)",
                        item.id,
                        (group, f"#{index}", "id"),  # the second one: the first owns the id's path
                        "duplicate-id",
                    )
                else:
                    seen[item.id] = group
        statement_ids = list(self._statement_index)
        # Only evidence and positions refer to anything; a map of claims alone skips the loop.
        kinds = set(map(type, self.statements))
        referring = any(issubclass(kind, (Evidence, Position)) for kind in kinds)
        for statement in self.statements if referring else ():
            if isinstance(statement, Evidence) and statement.source not in self._source_index:
                report(
                    f"evidence {statement.id!r} cites unknown source {statement.source!r}"
                    + _suggest(statement.source, list(self._source_index)),
                    statement.id,
                    ("statements", statement.id, "source"),
                    "unknown-reference",
                )
            if isinstance(statement, Position) and statement.answers is not None:
                target = self._statement_index.get(statement.answers)
                if not isinstance(target, Question):
                    what = "unknown id" if target is None else f"{target.kind}, not a question,"
                    report(
                        f"position {statement.id!r} answers {what} {statement.answers!r}"
                        + _suggest(statement.answers, [q.id for q in self.questions]),
                        statement.id,
                        ("statements", statement.id, "answers"),
                        "unknown-reference",
                    )
        known = self._statement_index
        for argument in self.arguments:
            premises = argument.premises
            if (
                len(premises) == 1
                and not argument.undercutters
                and argument.conclusion in known
                and premises[0] in known
                and (premises[0] != argument.conclusion or not argument.is_pro)
            ):
                continue  # the common shape, and every check below passes for it
            if argument.conclusion not in self._statement_index:
                report(
                    f"argument {argument.id!r} concludes unknown statement {argument.conclusion!r}"
                    + _suggest(argument.conclusion, statement_ids),
                    argument.id,
                    ("arguments", argument.id, argument.stance),  # the file key naming the conclusion
                    "unknown-reference",
                )
            for role in ("premises", "undercutters"):
                for ref in getattr(argument, role):
                    if ref not in self._statement_index:
                        report(
                            f"argument {argument.id!r} lists unknown statement {ref!r} among its {role}"
                            + _suggest(ref, statement_ids),
                            argument.id,
                            ("arguments", argument.id, role),
                            "unknown-reference",
                        )
            # A statement rebutting itself is a legitimate self-attack (odd cycles, ICCMA); supporting
            # itself is circular and would let a claim stand on nothing.
            if argument.is_pro and argument.conclusion in argument.premises:
                report(
                    f"argument {argument.id!r} has its own conclusion {argument.conclusion!r} as a premise"
                    " (a statement cannot support itself; support it with other statements)",
                    argument.id,
                    ("arguments", argument.id, "premises"),
                    "self-support",
                )
            if set(argument.premises) & set(argument.undercutters):
                report(
                    f"argument {argument.id!r} lists a statement as both premise and undercutter",
                    argument.id,
                    ("arguments", argument.id, "undercutters"),
                    "self-undercut",
                )
            if len(set(argument.premises)) != len(argument.premises):
                report(
                    f"argument {argument.id!r} lists a premise twice (list each premise once)",
                    argument.id,
                    ("arguments", argument.id, "premises"),
                    "duplicate-premise",
                )
        argument_ids = list(self._argument_index)
        for line in self.lines:
            for ref in line.arguments:
                if ref not in self._argument_index:
                    report(
                        f"line {line.id!r} lists unknown argument {ref!r}" + _suggest(ref, argument_ids),
                        line.id,
                        ("lines", line.id, "arguments"),
                        "unknown-reference",
                    )
        return problems
