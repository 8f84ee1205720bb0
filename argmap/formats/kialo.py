r"""Kialo's plain-text discussion export (``.txt`` starting ``Discussion Title:``), read and written.

A Kialo export is one tree of claims numbered by their place in it::

    Discussion Title: Should we drink tea?

    1. We should drink tea.
    1.1. Pro: Tea calms.
    1.1.1. Con: Tea has caffeine \(some\).
    1.2. Pro: -> See 1.1.

It is read as follows:

- the discussion title becomes the map's title and a Question (id ``k-question``) with that text;
  the thesis ``1.`` becomes a Position (id ``k-1``) answering it. Kialo has no questions, but
  argmap's evaluation ranks positions by the question they answer, so one is added;
- ``N.M. Pro:``/``Con:`` becomes a Claim (id ``k-N.M``) and a pro or con argument from it to the
  claim numbered ``N`` (Kialo's stance is relative to the parent); lines that follow a claim
  without a number of their own continue its text;
- ``-> See 1.2.2.`` becomes an argument from the existing claim ``k-1.2.2`` to the parent, so a
  claim cited twice is one statement (the map is a DAG);
- Markdown links ``[text](https://...)`` become a Source per distinct URL (``k-source-1``...,
  titled by the first link text); the claim's text keeps the link text only, and its note keeps
  the text as Kialo wrote it (``Kialo text: ...``, only where writing the plain text back would
  differ) so that writing it back restores the links;
- backslash escapes ``\(`` are unescaped;
- claims that are premises and that nothing supports are ``assumed: true``, so the map evaluates.

Mistakes are ParseErrors with file:line:column: no ``Discussion Title:`` line, a number that
skips a level or repeats, a stance other than Pro or Con, a ``-> See`` to an unknown number or
in a cycle, and more claims than ``Limits.max_items``.

``dumps`` writes a map that is one tree of single-premise pro/con arguments under one position
(claims reached a second time become ``-> See`` lines); linked premises, undercuts, evidence and
a second position cannot be written and raise a FormatError. What Kialo has no place for (weights,
schemes, argument titles, notes, base scores, proof standards, a question text that differs from
the title, sources not linked from a claim) is left out with a ``KialoWarning``. Text is written
with Kialo's escapes; trailing whitespace on a line is not kept. ``loads(dumps(m)) == m`` for
every map read from Kialo.

>>> m = loads("Discussion Title: Tea?\n\n1. Tea.\n1.1. Pro: It calms.\n1.2. Con: -> See 1.1.\n")
>>> [(a.id, a.stance) for a in m.arguments]
[('k-1.1.pro.k-1', 'pro'), ('k-1.1.con.k-1', 'con')]
>>> loads(dumps(m)) == m
True
"""

from __future__ import annotations

import operator
import re
import string
import warnings
from typing import Final

from attrs import define

from argmap._text import suggest
from argmap.errors import ArgmapError, FormatError, Location, ParseError
from argmap.formats._limits import DEFAULT_LIMITS, Limits, check_size
from argmap.model import Argument, ArgumentMap, Claim, Origin, Position, Question, Source, Stance, Statement
from argmap.model._bulk import construct

__all__ = ["NOTE_PREFIX", "QUESTION_ID", "KialoWarning", "dumps", "loads"]

QUESTION_ID: Final = "k-question"
"""The id of the Question added for the discussion title."""
NOTE_PREFIX: Final = "Kialo text: "
"""How a note that keeps a claim's Kialo text (with its links) begins."""

_TITLE: Final = re.compile(r"Discussion Title:[ \t]*(.*)")
# The start of a numbered line: its number, where the rest begins, and a stance word in the rest.
# The text after it is sliced off the line: cheaper than a group for it.
_NUMBERED: Final = re.compile(r"((?:\d+\.)+)[ \t]+()(?:([^\s:]+):[ \t]*)?")
_STANCES: Final[dict[str | None, Stance]] = {"Pro": "pro", "Con": "con", "pro": "pro", "con": "con"}
_STANCE: Final = re.compile(r"([^\s:]+):[ \t]*(.*)")
_SEE: Final = re.compile(r"->[ \t]*See[ \t]+((?:\d+\.)*\d+)\.?[ \t]*")
# Runs of plain characters are taken whole and never given back (possessive), 5x faster: a
# backslash only starts an escape and brackets only open or close a part, so no other way of
# splitting a text into these parts could match.
_LINK: Final = re.compile(
    r"\[((?:[^\[\]\\]++|\\.)*+)\]"
    r"\((https?://(?:[^()\[\]\s\\]++|\\.|\((?:[^()\[\]\s\\]++|\\.)*+\))++)\)"
)
_ESCAPE: Final = re.compile(r"\\([" + re.escape(string.punctuation) + r"])")
_FIRST_GROUP: Final = operator.methodcaller("group", 1)
# URLs that Source's check certainly accepts, told apart 10x faster than by the check (urlsplit):
# http(s), a host (what follows "//" does not end it at once), nothing urlsplit refuses or drops
# (brackets, whitespace, backslashes; URLs with non-ASCII characters are left to the check).
_PLAIN_URL: Final = re.compile(r"https?://[^/?#\[\]\s\\][^\[\]\s\\]*")
_SHOWN: Final = 3  # ids named in a warning before "and N more"
_KIALO_ID: Final = re.compile(r"k-((?:\d+\.)*\d+)")


class KialoWarning(UserWarning):
    """Something in a map that a Kialo export has no place for, left out when writing."""


@define
class _Line:
    number: str  # "1.2.3", no trailing dot
    stance: Stance | None
    raw: list[str]
    location: Location
    text_column: int
    text: str  # the lines joined (see _Reader.join)
    see: re.Match[str] | None  # set when the text is a `-> See` line


def _unescape(text: str) -> str:
    return _ESCAPE.sub(_FIRST_GROUP, text) if "\\" in text else text


def _usable(url: str) -> bool:
    """Return whether a Source may link to ``url`` (a malformed one is read as plain text)."""
    if url.isascii() and _PLAIN_URL.fullmatch(url) is not None:
        return True
    try:
        Source(id="s", title="s", url=url)
    except (ArgmapError, ValueError):
        return False
    return True


def _links(raw: str) -> list[re.Match[str]]:
    return [match for match in _LINK.finditer(raw) if _usable(_unescape(match.group(2)))]


_SourceRow = tuple[str, str, str]  # id, title, url


def _plain(
    raw: str, sources: dict[str, _SourceRow] | None = None, usable: dict[str, bool] | None = None
) -> tuple[str, bool]:
    """Return Kialo text without link targets and escapes, and whether it had a link.

    Each new link URL is added to ``sources``.

    ``usable`` remembers which URLs a Source may link to, for a reader that meets one URL often.
    """
    unescape = _unescape if "\\" in raw else str  # str(text) is text
    parts: list[str] = []
    end = 0
    for match in _LINK.finditer(raw):
        url = unescape(match.group(2))
        ok = None if usable is None else usable.get(url)
        if ok is None:
            ok = _usable(url)
            if usable is not None:
                usable[url] = ok
        if not ok:
            continue
        parts.append(unescape(raw[end : match.start()]))
        label = unescape(match.group(1))
        parts.append(label)
        if sources is not None and url not in sources:
            sources[url] = (f"k-source-{len(sources) + 1}", label.strip() or url, url)
        end = match.end()
    parts.append(unescape(raw[end:]))
    return "".join(parts), end > 0


class _Reader:
    """Read one export: ``parse`` finds the numbered claims, ``build`` makes the map.

    Every value is checked here (ids made from numbers, texts not blank, URLs usable), so the
    model's objects are made without their validators (model._bulk.trusted): with them, the largest
    corpus export took 1.7x as long. ``checked`` makes them through the classes, for tests to compare.
    """

    def __init__(self, text: str, file: str | None, limits: Limits, *, checked: bool = False) -> None:
        self.file = file
        self.limits = limits
        self.checked = checked
        self.lines = text.splitlines()
        self.claims: dict[str, _Line] = {}
        self.order: list[_Line] = []
        self.resolved: dict[str, str] = {}  # memo: a long chain of -> See lines is followed once
        self.sources: dict[str, _SourceRow] = {}  # by URL, in the order the claims link them
        self.usable: dict[str, bool] = {}
        self.title = ""

    def at(self, line: int, column: int = 1) -> Location:
        return Location(self.file, line, column)

    def parse(self) -> None:
        lines = self.lines
        first = next((i for i, line in enumerate(lines) if line.strip()), None)
        match = _TITLE.fullmatch(lines[first].strip()) if first is not None else None
        if first is None or match is None:
            raise ParseError(
                "a Kialo export starts with 'Discussion Title: ...' (add the discussion's title as the"
                " first line)",
                self.at(1 if first is None else first + 1),
            )
        assert first is not None  # noqa: S101
        self.title = match.group(1).strip()
        if not self.title:
            raise ParseError(
                "the discussion title is empty (write it after 'Discussion Title:')", self.at(first + 1)
            )
        root: str | None = None
        below_root = ""  # how the numbers of the claims under the thesis begin
        current: _Line | None = None
        claims, order, file, room = self.claims, self.order, self.file, self.limits.max_items
        numbered_line, see_line, stances = _NUMBERED.match, _SEE.fullmatch, _STANCES
        for line_number, line in enumerate(map(str.rstrip, lines[first + 1 :]), first + 2):
            numbered = numbered_line(line)
            if numbered is not None and (dotted := numbered.group(1)).startswith(below_root):
                if root is None:  # the first numbered line is the thesis
                    current = self.claim(numbered, line_number, root)
                    root = current.number
                    below_root = root + "."
                    continue
                # The common case, checked here; claim() checks again and says what is wrong.
                number = dotted[:-1]
                word = numbered.group(3)
                # Kialo writes "Pro" and "Con": other cases only need lower().
                stance = stances.get(word) or (stances.get(word.lower()) if word is not None else None)
                if (
                    stance is None
                    or number in claims
                    or len(order) >= room
                    or number.rpartition(".")[0] not in claims
                ):
                    current = self.claim(numbered, line_number, root)
                else:
                    rest = line[numbered.end() :]
                    text = rest.strip()
                    current = _Line(
                        number,
                        stance,
                        [rest],
                        Location(file, line_number, 1),
                        numbered.end() + 1,
                        text,
                        see_line(text) if text.startswith("->") else None,
                    )
                    claims[number] = current
                    order.append(current)
                continue
            if current is None:
                if line.strip():
                    raise ParseError(
                        "text before the thesis (number the thesis '1.' and put every claim on a"
                        " numbered line)",
                        self.at(line_number, len(line) - len(line.lstrip()) + 1),
                    )
                continue
            current.raw.append(line)
        if root is None:
            raise ParseError(
                "the discussion has no thesis (write it as '1. <thesis>' after the title)",
                self.at(len(lines) or 1),
            )

    def claim(self, numbered: re.Match[str], line_number: int, root: str | None) -> _Line:
        number = numbered.group(1)[:-1]
        column = numbered.start(2) + 1
        rest = numbered.string[numbered.start(2) :]
        where = self.at(line_number)
        if len(self.order) >= self.limits.max_items:
            raise ParseError(
                f"the discussion has more than {self.limits.max_items:,} claims (if the file is trusted,"
                " raise it: argmap.formats.Limits(max_items=...))",
                where,
            )
        if number in self.claims:
            raise ParseError(
                f"claim {number}. is numbered twice (first on line {self.claims[number].location.line};"
                " renumber one of them)",
                where,
            )
        stance: Stance | None = None
        if root is None:
            if "." in number:
                raise ParseError(f"the thesis must be numbered '1.', not '{number}.' (renumber it)", where)
        else:
            parent = number.rpartition(".")[0]
            if parent not in self.claims:
                raise ParseError(
                    f"claim {number}. skips a level: there is no claim {parent}. above it"
                    " (number it under an existing claim)",
                    where,
                )
            word = _STANCE.match(rest)
            if word is None:
                raise ParseError(
                    f"claim {number}. has no stance (write '{number}. Pro: ...' or '{number}. Con: ...')",
                    self.at(line_number, column),
                )
            if word.group(1).lower() not in {"pro", "con"}:
                shown = word.group(1)
                raise ParseError(
                    f"claim {number}. has stance {shown!r}, not Pro or Con (write '{number}. Pro: ...' or"
                    f" '{number}. Con: ...'){suggest(shown, ['Pro', 'Con'])}",
                    self.at(line_number, column),
                )
            stance = "pro" if word.group(1).lower() == "pro" else "con"
            column += word.start(2)
            rest = word.group(2)
        text = rest.strip()
        see = _SEE.fullmatch(text) if text.startswith("->") else None
        entry = _Line(number, stance, [rest], where, column, text, see)
        self.claims[number] = entry
        self.order.append(entry)
        return entry

    def join(self) -> None:
        """Join the lines of each claim written on several, and see whether it is a `-> See` line."""
        for entry in self.order:
            if len(entry.raw) > 1:
                text = "\n".join(entry.raw).strip()
                entry.text = text
                entry.see = _SEE.fullmatch(text) if text.startswith("->") else None

    def resolve(self, number: str) -> str:
        """Return the claim number that ``number`` stands for, following ``-> See`` lines."""
        found = self.resolved.get(number)
        if found is not None:
            return found
        seen: list[str] = []
        visited: set[str] = set()
        while True:
            if number in self.resolved:
                found = self.resolved[number]
                self.resolved.update(dict.fromkeys(seen, found))
                return found
            entry = self.claims[number]
            see = entry.see
            if see is None:
                self.resolved.update(dict.fromkeys([*seen, number], number))
                return number
            seen.append(number)
            visited.add(number)
            target = see.group(1)
            if target not in self.claims:
                raise ParseError(
                    f"claim {number}. links to claim {target}., which the discussion does not have"
                    f"{suggest(target, [n for n in self.claims if n != number]) or ' (correct the number)'}",
                    Location(self.file, entry.location.line, entry.text_column + see.start(1)),
                )
            if target in visited:
                cycle = " -> ".join(f"{n}." for n in [*seen[seen.index(target) :], target])
                raise ParseError(
                    f"'-> See' links form a cycle: {cycle} (point one of them at a claim with text)",
                    Location(self.file, entry.location.line, entry.text_column + see.start(1)),
                )
            number = target

    def build(self) -> ArgumentMap:
        self.join()
        resolve, statement, by_number = self.resolve, self.statement, self.claims
        statements: list[tuple[str, str, str | None]] = []  # id, text, note; the thesis first
        arguments: list[tuple[str, str, tuple[str], Stance]] = []  # id, conclusion, premises, stance
        locations: dict[tuple[str, ...], Location] = {}
        for entry in self.order:
            number, stance = entry.number, entry.stance
            resolved = number if entry.see is None else resolve(number)
            if stance is None or resolved == number:
                row = statement(entry)
                statements.append(row)
                locations[("statements", row[0])] = entry.location
            if stance is None:
                continue
            premise = f"k-{resolved}"
            parent = number.rpartition(".")[0]
            conclusion = f"k-{parent if by_number[parent].see is None else resolve(parent)}"
            if premise == conclusion:
                raise ParseError(
                    f"claim {number}. links its own parent claim {resolved}. (link another claim)",
                    entry.location,
                )
            argument_id = f"{premise}.{stance}.{conclusion}"
            key = ("arguments", argument_id)
            if key in locations:
                raise ParseError(
                    f"claim {number}. repeats the {stance} link from claim {resolved}. to its"
                    " parent (remove the repeated line)",
                    entry.location,
                )
            arguments.append((argument_id, conclusion, (premise,), stance))
            locations[key] = entry.location
        if len(self.order) + len(self.sources) > self.limits.max_items:
            raise ParseError(
                f"the discussion has {len(self.order) + len(self.sources):,} claims and sources, more than"
                f" the limit of {self.limits.max_items:,} (if the file is trusted, raise it:"
                " argmap.formats.Limits(max_items=...))",
                self.at(1),
            )
        supported = {conclusion for _, conclusion, _, stance in arguments if stance == "pro"}
        premises = {premise for _, _, (premise,), _ in arguments}
        (thesis, text, note), *claims = statements
        # Every value is checked above or made here (ids from numbers, non-blank texts, usable URLs).
        checked = self.checked
        try:
            return ArgumentMap(
                title=self.title,
                sources=tuple(
                    construct(Source, ("id", "title", "url"), self.sources.values(), checked=checked)
                ),
                statements=(
                    Question(id=QUESTION_ID, text=self.title),
                    Position(id=thesis, text=text, answers=QUESTION_ID, note=note),
                    *construct(
                        Claim,
                        ("id", "text", "note", "assumed"),
                        [(i, t, n, i in premises and i not in supported) for i, t, n in claims],
                        checked=checked,
                    ),
                ),
                arguments=tuple(
                    construct(
                        Argument, ("id", "conclusion", "premises", "stance"), arguments, checked=checked
                    )
                ),
                origin=Origin(self.file, locations),
            )
        except ParseError:
            raise
        except ArgmapError as error:
            raise ParseError(str(error), self.at(1)) from None

    def statement(self, entry: _Line) -> tuple[str, str, str | None]:
        """Return the id, text and note of the claim on ``entry``'s lines."""
        # The note keeps the text as Kialo wrote it where writing the plain text back would differ.
        raw = entry.text  # stripped
        note: str | None = None
        if "\\" in raw or "](" in raw:
            text, linked = _plain(raw, self.sources, self.usable)
            # A link always differs: its "](" is not escaped, and `_escape` escapes every bracket.
            if linked or _escape(text) != raw:
                note = NOTE_PREFIX + raw
        else:
            text = raw
            if "\n" in raw or raw.startswith("->"):
                if _escape(text) != raw:
                    note = NOTE_PREFIX + raw
            elif "(" in raw or ")" in raw or "[" in raw or "]" in raw:
                note = NOTE_PREFIX + raw  # `_escape` only adds a backslash before each
        if not text.strip():
            raise ParseError(
                f"claim {entry.number}. has no text (write the claim after the number)", entry.location
            )
        return f"k-{entry.number}", text, note


def _load(text: str, file: str | None, limits: Limits, *, checked: bool) -> ArgumentMap:
    check_size(text, file, limits)
    reader = _Reader(text.removeprefix("\ufeff"), file, limits, checked=checked)
    reader.parse()
    return reader.build()


def loads(text: str, *, file: str | None = None, limits: Limits = DEFAULT_LIMITS) -> ArgumentMap:
    """Read a Kialo text export as an argument map; ``file`` only labels messages."""
    return _load(text, file, limits, checked=False)


# -- ArgumentMap -> Kialo ------------------------------------------------------------------------

_NUMBER_START: Final = re.compile(r"^(\d+)\.", re.MULTILINE)


def _escape(text: str) -> str:
    """Return ``text`` written so that a Kialo reader gives it back."""
    # str.replace, five times over, is 15x faster than str.translate with a table.
    escaped = (
        text.replace("\\", "\\\\")
        .replace("(", "\\(")
        .replace(")", "\\)")
        .replace("[", "\\[")
        .replace("]", "\\]")
    )
    if escaped.isprintable():  # one line: splitlines() splits only at unprintable characters
        first = escaped.strip()
        return "\\" + first if first.startswith("->") else first
    lines = [line.rstrip() for line in escaped.splitlines()] or [""]
    first, rest = lines[0].lstrip(), lines[1:]
    if first.startswith("->"):  # a `-> See` line, or what would read as one
        first = "\\" + first
    rest = [_NUMBER_START.sub(r"\1\\.", line) for line in rest]
    return "\n".join([first, *rest]).rstrip()


def _warn(message: str) -> None:
    warnings.warn(message, KialoWarning, stacklevel=4)


class _Writer:
    def __init__(self, argument_map: ArgumentMap) -> None:
        self.map = argument_map
        self.out: list[str] = []
        self.numbers: dict[str, str] = {}
        self.linked: set[str] = set()

    def check(self) -> Position:
        m = self.map
        positions = [s for s in m.statements if isinstance(s, Position)]
        if len(positions) != 1:
            raise FormatError(
                f"a Kialo export has one thesis, but the map has {len(positions)} positions"
                " (write a map with exactly one position)"
            )
        for statement in m.statements:
            if not isinstance(statement, Question | Position | Claim):
                raise FormatError(
                    f"{statement.id!r}: Kialo has no {statement.kind} statements"
                    " (make it a claim to write it)"
                )
            if isinstance(statement, Question) and (
                statement.id != positions[0].answers or statement.text != m.title
            ):
                _warn(f"{statement.id!r}: Kialo has no questions: only the map title is written")
        for argument in m.arguments:
            if len(argument.premises) != 1:
                raise FormatError(
                    f"{argument.id!r}: Kialo has no linked premises (split it into one argument per premise)"
                )
            if argument.undercutters:
                raise FormatError(f"{argument.id!r}: Kialo has no undercuts (remove them to write the map)")
            for name in ("title", "weight", "scheme", "note"):
                if getattr(argument, name) is not None:
                    _warn(f"{argument.id!r}: Kialo has no argument {name}s (left out)")
            if argument.id != f"{argument.premises[0]}.{argument.stance}.{argument.conclusion}":
                _warn(
                    f"{argument.id!r}: Kialo has no argument ids (written as a plain {argument.stance} link)"
                )
        return positions[0]

    def text(self, statement: Statement) -> str:
        assert isinstance(statement, Position | Claim)  # noqa: S101
        for name in ("base_score", "standard"):
            if getattr(statement, name) is not None:
                _warn(f"{statement.id!r}: Kialo has no {name} (left out)")
        note = statement.note
        if note is not None and note.startswith(NOTE_PREFIX):
            raw = note.removeprefix(NOTE_PREFIX)
            if _plain(raw)[0] == statement.text:
                self.linked.update(_unescape(match.group(2)) for match in _links(raw))
                return raw
        if note is not None:
            _warn(f"{statement.id!r}: Kialo has no notes (left out)")
        return _escape(statement.text)

    def write(self) -> str:
        m = self.map
        position = self.check()
        children: dict[str, list[Argument]] = {}
        home: dict[str, Argument] = {}
        for argument in m.arguments:
            children.setdefault(argument.conclusion, []).append(argument)
        for argument in m.arguments:
            premise = argument.premises[0]
            own = _KIALO_ID.fullmatch(premise)
            parent = _KIALO_ID.fullmatch(argument.conclusion)
            if own and parent and own.group(1).rpartition(".")[0] == parent.group(1):
                home[premise] = argument
        for argument in m.arguments:
            home.setdefault(argument.premises[0], argument)
        title = " ".join(line.strip() for line in m.title.splitlines()).strip()
        if title != m.title:
            _warn("the map title is written on one line, without surrounding whitespace (Kialo's title line)")
        self.out += [f"Discussion Title: {title}", ""]
        self.numbers[position.id] = "1"
        self.out.append(f"1. {self.text(position)}")
        stack: list[tuple[str, int]] = [(position.id, 0)]
        tree_order: list[Argument] = []  # pre-order, children in the map's order
        own_lines: set[str] = set()  # arguments written as their premise's own line
        while stack:
            parent_id, index = stack.pop()
            below = children.get(parent_id, [])
            if index == 0:
                self.number_children(parent_id, below, home)
            if index >= len(below):
                continue
            stack.append((parent_id, index + 1))
            argument = below[index]
            tree_order.append(argument)
            premise = argument.premises[0]
            if home[premise] is argument and premise not in self.numbers:
                self.numbers[premise] = self.numbers[argument.id]
                own_lines.add(argument.id)
                stack.append((premise, 0))
        self.finish(position)
        for argument in self.line_order(tree_order, own_lines):
            number = self.numbers[argument.id]
            stance = "Pro" if argument.is_pro else "Con"
            premise = argument.premises[0]
            if argument.id in own_lines:
                self.out.append(f"{number}. {stance}: {self.text(m.statement(premise))}")
            else:
                self.out.append(f"{number}. {stance}: -> See {self.numbers[premise]}.")
        unlinked = [s.id for s in m.sources if s.url not in self.linked]
        if unlinked:
            more = f" and {len(unlinked) - _SHOWN} more" if len(unlinked) > _SHOWN else ""
            _warn(
                f"sources {', '.join(repr(i) for i in unlinked[:_SHOWN])}{more} are not linked from a claim"
                " (left out: Kialo keeps sources only as links in claims)"
            )
        return "\n".join(self.out) + "\n"

    def line_order(self, tree_order: list[Argument], own_lines: set[str]) -> list[Argument]:
        """Return the map's order of arguments where each line follows its parent's, else the tree's.

        Kialo's numbers carry the tree, so lines may come in any order that names a parent first:
        the map's own order keeps a map read from Kialo equal when it is read back.
        """
        written = {"1"}
        for argument in self.map.arguments:
            number = self.numbers[argument.id]
            if number.rpartition(".")[0] not in written:
                return tree_order
            if argument.id in own_lines:
                written.add(number)
        return list(self.map.arguments)

    def number_children(self, parent_id: str, below: list[Argument], home: dict[str, Argument]) -> None:
        prefix = self.numbers[parent_id]
        taken: set[str] = set()
        for argument in below:
            own = _KIALO_ID.fullmatch(argument.premises[0])
            if (
                home[argument.premises[0]] is argument
                and own
                and own.group(1).rpartition(".")[0] == prefix
                and own.group(1) not in taken
            ):
                self.numbers[argument.id] = own.group(1)
                taken.add(own.group(1))
        counter = 0
        for argument in below:
            if argument.id in self.numbers:
                continue
            counter += 1
            while f"{prefix}.{counter}" in taken:
                counter += 1
            self.numbers[argument.id] = f"{prefix}.{counter}"
            taken.add(f"{prefix}.{counter}")

    def finish(self, position: Position) -> None:
        m = self.map
        if any(s.id not in self.numbers for s in m.statements if isinstance(s, Claim)):
            missing = [s.id for s in m.statements if isinstance(s, Claim) and s.id not in self.numbers]
            arguments = [a.id for a in m.arguments if a.id not in self.numbers]
            raise FormatError(
                f"a Kialo export is one tree under the thesis {position.id!r}, but"
                f" {', '.join(repr(i) for i in (missing or arguments)[:3])} cannot be reached from it"
                " (connect them to the thesis, or leave them out)"
            )
        premises = {a.premises[0] for a in m.arguments}
        supported = {a.conclusion for a in m.arguments if a.is_pro}
        for statement in m.statements:
            default = (
                isinstance(statement, Claim) and statement.id in premises and statement.id not in supported
            )
            if statement.assumed != default:
                _warn(
                    f"{statement.id!r}: Kialo has no assumptions"
                    f" (assumed: {str(default).lower()} when read back)"
                )


def dumps(argument_map: ArgumentMap) -> str:
    """Write a map as a Kialo text export (see the module docstring for what it can hold)."""
    return _Writer(argument_map).write()
