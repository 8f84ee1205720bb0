"""Structural review of a map: what a careful reader would question, each with where and the fix.

A map can be valid (every reference resolves, every quote verbatim) and still mislead. ``lint``
reports the patterns an analyst spots in a review:

- ``duplicate-argument``: two arguments with the same premises, stance and conclusion. When one
  of them is a ``supports:``/``opposes:`` shorthand, the message says so.
- ``double-counting``: one statement is a premise of several arguments with the same stance on
  the same conclusion, so the one reason is weighed more than once.
- ``lone-position``: a question with a single position, or a position that answers no question;
  such a position competes with nothing.
- ``compatible-rivals``: a question marked ``compatible: true`` whose positions the map argues as
  rivals (a statement is a premise for one and against another, or one rebuts another).
- ``unsupported-claim``: a claim nothing argues for and that is not marked ``assumed``.
- ``undercutter-supports``: a statement undercuts an argument and is also a premise of another
  argument with the same stance on the same conclusion: it cannot both weaken and support it.
- ``speaker-words`` (opt-in, ``speaker_words=True``): an evidence quote most of whose words lie
  outside quotation marks (so they are the writer's, not the quoted person's) while the speaker
  does not name the source's author. With a source reader the marks around the quote in the
  source's text count (reported speech without marks is caught); without one, the marks inside
  the quote.

Each finding is a :class:`~argmap.errors.Problem` with the offending id, its data path and, for a
map read from a file, its file:line:column.
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import TYPE_CHECKING, Final

from argmap.errors import ArgmapError, Problem
from argmap.model.ids import derived_argument_id
from argmap.model.quotes import normalise
from argmap.model.statements import Claim, Evidence, Position

if TYPE_CHECKING:
    from argmap.model.argument_map import ArgumentMap
    from argmap.model.arguments import Argument
    from argmap.model.quotes import SourceReader
    from argmap.model.sources import Source

__all__ = ["KINDS", "lint"]

KINDS: Final = (
    "duplicate-argument",
    "double-counting",
    "lone-position",
    "compatible-rivals",
    "unsupported-claim",
    "undercutter-supports",
    "speaker-words",
)
"""Every kind of finding, in the order the module docstring explains them."""

# Text inside curly or straight double quotation marks: the quoted person's words.
_QUOTED: Final = re.compile(r"“[^”]*”|\"[^\"]*\"")
_WORD: Final = re.compile(r"\w+")


def lint(
    argument_map: ArgumentMap, *, speaker_words: bool = False, read: SourceReader | None = None
) -> tuple[Problem, ...]:
    """Return the findings of a structural review of ``argument_map``, in file order.

    ``speaker_words`` adds the check that an evidence quote is mostly its speaker's own words;
    with ``read`` (see ``argmap.formats.source_text.source_reader``) it looks at the quotation
    marks around the quote in its source's text, so that reported speech is caught too.
    """
    review = _Review(argument_map)
    review.duplicates()
    review.double_counting()
    review.lone_positions()
    review.compatible_rivals()
    review.unsupported_claims()
    review.undercutters_that_support()
    if speaker_words:
        review.speaker_words(read)
    return tuple(sorted(review.findings, key=_order))


def _order(problem: Problem) -> tuple[int, int, str, str]:
    location = problem.location
    line = location.line if location is not None and location.line is not None else 0
    column = location.column if location is not None and location.column is not None else 0
    return line, column, problem.kind, problem.message


def _is_shorthand(argument: Argument) -> bool:
    # A `supports:`/`opposes:` shorthand has one premise and the derived id; an unnamed explicit
    # argument would get the same id, but then the two would clash as duplicate ids at load time.
    return len(argument.premises) == 1 and argument.id == derived_argument_id(
        argument.premises, argument.stance, argument.conclusion
    )


def _describe(argument: Argument) -> str:
    if _is_shorthand(argument):
        key = "supports" if argument.is_pro else "opposes"
        return f"shorthand argument {argument.id!r} (`{key}:` on {argument.premises[0]!r})"
    return f"argument {argument.id!r}"


def _names(ids: list[str]) -> str:
    quoted = [repr(i) for i in ids]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " and " + quoted[-1]


class _Review:
    """The map, its findings so far, and the lookups the checks share."""

    def __init__(self, argument_map: ArgumentMap) -> None:
        self.map = argument_map
        self.findings: list[Problem] = []
        self.answering: dict[str | None, list[Position]] = defaultdict(list)
        for position in argument_map.positions:
            self.answering[position.answers].append(position)

    def report(self, kind: str, message: str, id: str, path: tuple[str, ...]) -> None:  # noqa: A002
        origin = self.map.origin
        location = origin.locate(path) if origin is not None else None
        self.findings.append(Problem(message, id=id, path=path, location=location, kind=kind))

    def duplicates(self) -> None:
        groups: dict[tuple[frozenset[str], str, str], list[Argument]] = defaultdict(list)
        for argument in self.map.arguments:
            groups[frozenset(argument.premises), argument.stance, argument.conclusion].append(argument)
        for same in groups.values():
            if len(same) < 2:  # noqa: PLR2004  # a pair is the smallest duplicate
                continue
            # The explicit argument is the one to keep when a shorthand repeats it.
            keep = next((a for a in same if not _is_shorthand(a)), same[0])
            for other in same:
                if other is keep:
                    continue
                if _is_shorthand(other):
                    fix = f"delete the shorthand from {other.premises[0]!r}; {keep.id!r} already says it"
                else:
                    fix = "keep one of them, and merge their weights, titles and notes into it"
                self.report(
                    "duplicate-argument",
                    f"{_describe(other)} repeats {_describe(keep)}: same premises, both {keep.stance}"
                    f" {keep.conclusion!r} ({fix})",
                    other.id,
                    ("arguments", other.id),
                )

    def double_counting(self) -> None:
        uses: dict[tuple[str, str, str], list[Argument]] = defaultdict(list)
        for argument in self.map.arguments:
            for premise in argument.premises:
                uses[premise, argument.stance, argument.conclusion].append(argument)
        for (premise, stance, conclusion), arguments in uses.items():
            distinct = {frozenset(a.premises) for a in arguments}
            if len(distinct) < 2:  # noqa: PLR2004  # exact repeats are duplicate-argument's finding
                continue
            later = arguments[-1]
            self.report(
                "double-counting",
                f"statement {premise!r} is a premise of {len(arguments)} arguments {stance} {conclusion!r}:"
                f" {_names([a.id for a in arguments])}, so one reason is counted {len(arguments)} times"
                f" (keep {premise!r} in one of them, or merge them into one argument)",
                premise,
                ("arguments", later.id, "premises"),
            )

    def lone_positions(self) -> None:
        questions = self.map.questions
        for question in questions:
            positions = self.answering.get(question.id, [])
            if len(positions) == 1:
                (only,) = positions
                self.report(
                    "lone-position",
                    f"question {question.id!r} has one position, {only.id!r}, which competes with nothing"
                    " (add the rival answers the source weighs, with `answers:"
                    f" {question.id}`)",
                    question.id,
                    ("statements", question.id),
                )
        if not questions:
            return
        for position in self.answering.get(None, []):
            self.report(
                "lone-position",
                f"position {position.id!r} answers no question, so it competes with nothing"
                f" (add `answers: <question id>`, e.g. `answers: {questions[0].id}`)",
                position.id,
                ("statements", position.id),
            )

    def compatible_rivals(self) -> None:
        for question in self.map.questions:
            if not question.compatible:
                continue
            members = {p.id for p in self.answering.get(question.id, [])}
            rivalry = self._rivalry(members)
            if rivalry is None:
                continue
            self.report(
                "compatible-rivals",
                f"question {question.id!r} says compatible: true, but the map argues its positions as"
                f" rivals: {rivalry} (delete `compatible: true` so its positions compete, or make the"
                " arguments agree)",
                question.id,
                ("statements", question.id, "compatible"),
            )

    def _rivalry(self, members: set[str]) -> str | None:
        backing: dict[str, list[Argument]] = defaultdict(list)
        for member in members:
            for argument in self.map.pro(member):
                for premise in argument.premises:
                    backing[premise].append(argument)
        for member in sorted(members):
            for argument in self.map.con(member):
                for premise in argument.premises:
                    if premise in members:
                        return f"{premise!r} is a premise of {argument.id!r} against {member!r}"
                    for other in backing.get(premise, ()):
                        if other.conclusion != member:
                            return (
                                f"{premise!r} argues for {other.conclusion!r} ({other.id!r})"
                                f" and against {member!r} ({argument.id!r})"
                            )
        return None

    def unsupported_claims(self) -> None:
        for statement in self.map.statements:
            if isinstance(statement, Claim) and not statement.assumed and not self.map.pro(statement.id):
                self.report(
                    "unsupported-claim",
                    f"claim {statement.id!r} has no argument for it and is not marked assumed"
                    " (support it with evidence or an argument, or add `assumed: true` if the map"
                    " takes it as given)",
                    statement.id,
                    ("statements", statement.id),
                )

    def undercutters_that_support(self) -> None:
        for argument in self.map.arguments:
            if not argument.undercutters:
                continue
            siblings = (
                self.map.pro(argument.conclusion) if argument.is_pro else self.map.con(argument.conclusion)
            )
            for undercutter in argument.undercutters:
                for other in siblings:
                    if undercutter in other.premises:
                        self.report(
                            "undercutter-supports",
                            f"statement {undercutter!r} undercuts {argument.id!r} ({argument.stance}"
                            f" {argument.conclusion!r}) but is also a premise of {other.id!r}, which is"
                            f" {other.stance} {other.conclusion!r} too: it cannot both weaken and"
                            " strengthen that case (drop one of the two roles)",
                            undercutter,
                            ("arguments", argument.id, "undercutters"),
                        )

    def speaker_words(self, read: SourceReader | None) -> None:
        sources = {source.id: source for source in self.map.sources}
        texts: dict[str, str | None] = {}
        for statement in self.map.statements:
            if not isinstance(statement, Evidence):
                continue
            source = sources.get(statement.source)
            author = source.author if source is not None else None
            speaker = statement.speaker or ""
            if author and author in speaker:
                continue  # the writer is named: the words outside the marks are accounted for
            text = self._source_text(source, read, texts)
            counted = _words_inside_in_source(statement.quote, text) if text else None
            inside, total = counted or _words_inside(statement.quote)
            if not inside and counted is None:
                continue  # no quotation marks and no source text: nothing says whose words they are
            if inside * 2 >= total:
                continue
            where = "in the source" if counted is not None else "in the quote"
            self.report(
                "speaker-words",
                f"evidence {statement.id!r}: words inside quotation marks {where}: {inside} of {total},"
                f" so most of the quote is not {speaker or 'the speaker'}'s own words"
                f" (name the writer as speaker, e.g. '{author or 'the author'}, reporting"
                f" {speaker or 'the speaker'}', or quote only the words inside the marks)",
                statement.id,
                ("statements", statement.id, "speaker" if statement.speaker else "quote"),
            )

    @staticmethod
    def _source_text(
        source: Source | None, read: SourceReader | None, texts: dict[str, str | None]
    ) -> str | None:
        if source is None or read is None or source.path is None:
            return None
        if source.id not in texts:
            try:
                texts[source.id] = normalise(read(source))
            except ArgmapError:
                texts[source.id] = None  # an unreadable source is `argmap check`'s finding, not lint's
        return texts[source.id]


def _words_inside(quote: str) -> tuple[int, int]:
    """Return how many words of ``quote`` lie inside the quotation marks it contains, and how many in all."""
    inside = sum(len(_WORD.findall(match)) for match in _QUOTED.findall(quote))
    return inside, len(_WORD.findall(quote))


def _words_inside_in_source(quote: str, text: str) -> tuple[int, int] | None:
    """Count the words of ``quote`` inside quotation marks where it occurs in ``text``; None if absent."""
    wanted = normalise(quote)
    start = text.find(wanted)
    if start < 0 or not wanted:
        return None
    depth = 0  # curly marks nest; a straight mark toggles
    straight = False
    marks = [False] * len(wanted)
    for offset, char in enumerate(text[: start + len(wanted)]):
        if char == "“":
            depth += 1
        elif char == "”":
            depth = max(depth - 1, 0)
        elif char == '"':
            straight = not straight
        if offset >= start:
            marks[offset - start] = depth > 0 or straight
    words = [match.start() for match in _WORD.finditer(wanted)]
    return sum(marks[index] for index in words), len(words)
