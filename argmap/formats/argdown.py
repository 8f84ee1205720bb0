r"""Argdown (``.argdown``), the plain-text syntax argument analysts write maps in, read and written.

Reading happens in two steps: ``parse`` turns the text into a ``Document`` that mirrors Argdown's
own model (equivalence classes of statements, arguments with their premise-conclusion structures,
relations, sections), and ``loads`` turns that into an ArgumentMap:

- a statement ``[Title]: text`` becomes a Claim whose id is the title itself (whitespace
  collapsed): Argdown titles are already the author's ids, so nothing is renamed or lost; an
  untitled statement is named ``Untitled N`` as Argdown names it. The text loses Markdown
  emphasis and escapes, as in Argdown's own model; links keep their URL;
- an argument ``<Title>: description`` becomes an Argument with that ``title`` (its id is the
  title too, unless a statement has it: then ``Title (argument)``);
- a premise-conclusion structure ``(1) ... ---- (2) ...`` gives the argument its linked premises
  and its conclusion; the inference rule between the dashes is its ``scheme``; intermediate
  conclusions become arguments of their own, ``Title (N)``. A reconstructed argument relates to
  other statements through its conclusion, as in Argdown;
- an argument without one has a single premise, the claim ``<Title>`` holding its description,
  and one Argument per outgoing relation (the first named ``Title``, then ``Title (2)``...);
  support and attack aimed at it go to that claim;
- ``+`` support and ``entails`` are pro arguments; ``-`` attack (and contrary, which is what
  Argdown's strict mode calls an attack between statements) are con arguments; ``_`` undercuts
  are undercutters of the argument; ``><`` (contradictory) becomes two con arguments, one each
  way, with scheme ``contradictory``, and is written back as ``><``;
- the groups of the Argdown map become lines of argument (id ``# Heading``), each holding the
  arguments the official toolchain draws in it, by its rules: an argument (or statement) belongs
  to the section of its first definition or of its premise-conclusion structure, a mention with
  ``{isInGroup: true}`` moves it, a bare reference ``<Title>`` counts only for a title never
  defined; a heading is a group unless ``{isGroup: false}``, the front matter's ``group:
  sections:`` or ``group: groupDepth:`` (2 levels up from the deepest heading) say otherwise, and
  ``group: regroup:`` replaces the headings' groups. Tags on arguments become lines too (id
  ``#tag``). The map's title is the front matter's ``title:``, else the first heading;
- data blocks ``{...}`` may carry argmap fields: ``id``, ``kind`` (question, position, claim,
  evidence), ``answers``, ``compatible``, ``assumed``, ``note``, ``weight``, ``base_score``,
  ``standard``, ``scheme``, ``source``, ``speaker``, ``locator``, ``text``, ``quote``,
  ``title`` and ``premises``; other keys (Argdown's colours, ``isGroup``...) are not kept;
- premises and undercutters that nothing supports are ``assumed: true`` (unless a data block says
  otherwise), so an imported map evaluates sensibly. Argdown has no questions or positions, so a
  map read from plain Argdown has none: mark them with ``{kind: question}`` and
  ``{kind: position, answers: <question>}``.

What the model cannot hold as written is read with an ``ArgdownWarning`` naming file:line:column:
an attack on a reconstructed argument that names no premise (read as an undercut), a support of a
whole reconstructed argument (dropped), an undercut aimed at a statement (read as an attack), an
argument that concludes nothing (only its description is kept, as a claim), a second, different
text for one statement title (the first is kept), a data block that is not YAML (ignored), a
group that holds no argument argmap keeps as one (it gives no line), and groups that nest (lines
do not: each group is a line of its own, without its subgroups' arguments). A line holds
arguments only, so which group a statement is drawn in is not kept. Tags on statements, the data
of inference rules and statement mentions are not kept.

Reading is bounded by ``argmap.formats.Limits``: more statements, arguments and relations than
``max_items`` is a ParseError at the first one past the limit; the front matter and data blocks
are checked like native YAML (nesting depth, value count, number length, no aliases or tags), a
front matter beyond them is a ParseError and such a data block is ignored with a warning.

``dumps`` writes any map so that ``loads(dumps(m)) == m``, nothing dropped: statements as
``[id]: text``, one-premise relations as ``+>``/``->``/``><``, pro arguments as titled
premise-conclusion structures, con arguments as titled arguments whose linked premises are in a
data block (Argdown has no syntax for a structure that concludes against its target), undercuts
as ``_>``, lines as headings that name their arguments with ``{isInGroup: true}`` (so the Argdown
tools draw each argument in its first line's group; an argument's further lines name it with
``{in_line: true}``, which only argmap reads); the title, description and sources go into the
front matter, and kinds, evidence fields (the quote is the statement's text), weights, notes and
ids that cannot be titles into data blocks, which the Argdown tools keep but do not draw.

>>> m = loads("[Tea]: Tea is best.\n  + [Calm]: Tea calms.\n  - <Jitters>: Caffeine gives jitters.\n")
>>> [(s.id, s.assumed) for s in m.statements]
[('Tea', False), ('Calm', True), ('<Jitters>', True)]
>>> [(a.id, a.stance, a.conclusion) for a in m.arguments]
[('Calm.pro.Tea', 'pro', 'Tea'), ('Jitters', 'con', 'Tea')]
>>> loads(dumps(m)) == m
True
"""

from __future__ import annotations

import bisect
import contextlib
import json
import re
import warnings
from typing import Any, Final, Literal

import attrs
import yaml
from attrs import define, field

from argmap._text import shorten
from argmap.errors import ArgmapError, Location, ParseError
from argmap.formats._limits import DEFAULT_LIMITS, Limits
from argmap.formats.yaml import parse as parse_yaml
from argmap.model import (
    Argument,
    ArgumentMap,
    Claim,
    Evidence,
    Line,
    Origin,
    Position,
    Question,
    Source,
    Statement,
)
from argmap.model.ids import derived_argument_id

__all__ = [
    "CONTRADICTORY",
    "ArgdownArgument",
    "ArgdownWarning",
    "Document",
    "EquivalenceClass",
    "Inference",
    "Relation",
    "Section",
    "argument_id",
    "dumps",
    "loads",
    "parse",
    "to_map",
]

RelationType = Literal["support", "attack", "undercut", "contrary", "contradictory", "entails"]
Kind = Literal["statement", "argument"]

CONTRADICTORY: Final = "contradictory"
"""The scheme marking the two con arguments that stand for one ``><`` relation."""


class ArgdownWarning(UserWarning):
    """Something in an Argdown file that argmap's model cannot hold as written."""


# -- the document: Argdown's own model ----------------------------------------------------------


@define
class EquivalenceClass:
    """A statement title and what its members say: the first text given, tags and data."""

    title: str
    text: str = ""
    tags: list[str] = field(factory=list)
    data: dict[str, Any] = field(factory=dict)
    location: Location = field(factory=Location)
    section: int | None = None
    """The index in ``Document.sections`` of the section Argdown puts the statement in."""


@define
class Inference:
    """One inference step of a premise-conclusion structure."""

    premises: list[str]
    conclusion: str
    rule: str = ""
    number: int = 0


@define
class ArgdownArgument:
    """An argument: its title, description, premise-conclusion structure, tags and data."""

    title: str
    description: str = ""
    steps: list[Inference] = field(factory=list)
    tags: list[str] = field(factory=list)
    data: dict[str, Any] = field(factory=dict)
    location: Location = field(factory=Location)
    section: int | None = None
    """The index in ``Document.sections`` of the section Argdown puts the argument in."""

    @property
    def conclusion(self) -> str | None:
        """Return the title of the final conclusion, if the argument is reconstructed."""
        return self.steps[-1].conclusion if self.steps else None


@define(frozen=True)
class Relation:
    """A relation between two statements or arguments, named by their titles."""

    type: RelationType
    source_kind: Kind
    source: str
    target_kind: Kind
    target: str
    location: Location = field(eq=False, factory=Location)


@define
class Section:
    """A heading (or a ``group: regroup:`` entry): a section, which the Argdown map may draw as a group.

    ``arguments`` and ``statements`` are the titles whose section this is, by Argdown's rules: the
    first definition (or a premise-conclusion structure) under a heading decides, a mention with
    ``{isInGroup: true}`` moves it, and a bare reference decides only for a title never defined.
    ``mentions`` are the argument titles named under the heading, in order; ``extra`` those named
    with ``{in_line: true}`` (argmap's own mark, see ``dumps``).
    """

    title: str
    level: int
    data: dict[str, Any] = field(factory=dict)
    arguments: list[str] = field(factory=list)
    statements: list[str] = field(factory=list)
    parent: int | None = None
    is_group: bool | None = None
    mentions: list[str] = field(factory=list)
    extra: list[str] = field(factory=list)
    location: Location = field(factory=Location)


@define
class Document:
    """An Argdown file as Argdown's own model sees it, before it becomes an ArgumentMap."""

    front_matter: dict[str, Any] = field(factory=dict)
    statements: dict[str, EquivalenceClass] = field(factory=dict)
    arguments: dict[str, ArgdownArgument] = field(factory=dict)
    relations: list[Relation] = field(factory=list)
    sections: list[Section] = field(factory=list)
    max_level: int = 0
    """The deepest heading level: with ``group: groupDepth:`` it decides which sections are groups."""

    def group_of(self, section: int | None) -> int | None:
        """Return the group a section's members are drawn in: the section or its nearest group ancestor.

        As in Argdown, a section is a group unless marked ``isGroup: false`` (in its data or in the
        front matter's ``group: sections:``), or it lies more than ``group: groupDepth:`` (2) levels
        above the deepest heading.
        """
        settings = self.front_matter.get("group")
        depth = settings.get("groupDepth", 2) if isinstance(settings, dict) else 2
        lowest = self.max_level - (depth if isinstance(depth, int) else 2) + 1
        while section is not None:
            found = self.sections[section]
            if found.is_group if found.is_group is not None else found.level >= lowest:
                return section
            section = found.parent
        return None


# -- lexing: lines, comments, front matter ---------------------------------------------------

_COMMENT: Final = re.compile(r"<!--.*?(?:-->|\Z)|/\*.*?(?:\*/|\Z)|(?<![:/\\])//[^\n]*", re.DOTALL)
_HEADING: Final = re.compile(r"(#{1,6})\s+(.*)")
_PCS_ITEM: Final = re.compile(r"\((\d+)\)\s*(.*)")
_RELATION: Final = re.compile(r"(<\+|<-|<_|\+>|->|_>|><|\+|-|_)(?:\s+|$)(.*)")
_LIST_ITEM: Final = re.compile(r"(?:\*|\d+\.)\s+(.*)")
# Titles are taken as written, backslashes and all, as the Argdown tools take them.
_STATEMENT_START: Final = re.compile(r"\[([^\]]+)\](?!\()(:)?\s*(.*)", re.DOTALL)
_ARGUMENT_START: Final = re.compile(r"<([^>]+)>(:)?\s*(.*)", re.DOTALL)
_TAG: Final = re.compile(r"(?<![\w\\&])#(?:\(([^)]*)\)|([\w-]+))")
_SPACES: Final = re.compile(r"\s+")

_MARKERS: Final[dict[str, tuple[RelationType, bool]]] = {
    # marker -> (relation type, whether it points from the parent to the child)
    "+": ("support", False),
    "<+": ("support", False),
    "-": ("attack", False),
    "<-": ("attack", False),
    "_": ("undercut", False),
    "<_": ("undercut", False),
    "+>": ("support", True),
    "->": ("attack", True),
    "_>": ("undercut", True),
    "><": ("contradictory", True),
}


def _blank_comments(text: str) -> tuple[str, set[int]]:
    """Return ``text`` with comments turned into spaces (line breaks kept), and the lines they touched."""
    touched: set[int] = set()
    breaks = [index for index, char in enumerate(text) if char == "\n"]

    def blank(match: re.Match[str]) -> str:
        first = bisect.bisect_right(breaks, match.start())
        touched.update(range(first, first + match.group().count("\n") + 1))
        return re.sub(r"[^\n]", " ", match.group())

    return _COMMENT.sub(blank, text), touched


def _bounded_yaml(text: str, limits: Limits) -> None:
    """Check that YAML ``text`` is within ``limits`` (nesting, values, number length, no aliases).

    PyYAML's loader recurses once per nesting level and shares aliased values, so a few bytes could
    raise RecursionError or expand without bound once used; argmap's own YAML parser checks first.
    """
    parse_yaml(text, file=None, limits=limits)


def _front_matter(lines: list[str], file: str | None, limits: Limits = DEFAULT_LIMITS) -> dict[str, Any]:
    """Read and blank out a ``===``-fenced YAML front matter at the top of the file."""
    start = next((i for i, line in enumerate(lines) if line.strip()), None)
    if start is None or lines[start].strip() != "===":
        return {}
    end = next((i for i in range(start + 1, len(lines)) if lines[i].strip() == "==="), None)
    if end is None:
        raise ParseError(
            "the front matter opened with '===' never closes (end it with a line '===')",
            Location(file, start + 1, 1),
        )
    body = "\n".join(lines[start + 1 : end])
    for i in range(start, end + 1):
        lines[i] = ""
    data: Any = None
    try:
        # Deep nesting, 5,000-digit numbers and tags are refused, with their place, by the bounded check.
        with contextlib.suppress(RecursionError, ValueError, yaml.constructor.ConstructorError):
            data = yaml.safe_load(body) if body.strip() else {}
        _bounded_yaml(body, limits)
    except ParseError as error:
        at = error.location
        raise ParseError(
            f"the front matter is not valid YAML: {error.reason}",
            Location(file, start + 1 + (at.line or 1), at.column or 1),
        ) from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = start + 2 + (mark.line if mark else 0)
        raise ParseError(
            f"the front matter is not valid YAML: {getattr(error, 'problem', error)}"
            " (write 'key: value' lines between the '===' fences)",
            Location(file, line, (mark.column + 1) if mark else 1),
        ) from None
    if not isinstance(data, dict):
        raise ParseError(
            "the front matter must be 'key: value' lines (e.g. 'title: My map')",
            Location(file, start + 2, 1),
        )
    return data


_DATA_TRIES: Final = 64
"""How many '{' from the end of an element a data block may start at (nested mappings need one each)."""


def _split_data(text: str, location: Location, limits: Limits = DEFAULT_LIMITS) -> tuple[str, dict[str, Any]]:
    """Split a trailing ``{...}`` data block off ``text`` and read it as YAML."""
    stripped = text.rstrip()
    if not stripped.endswith("}"):
        return text, {}
    # The block is the shortest tail from a '{' that reads as a mapping (its strings may hold braces).
    # Each try reads the whole tail, so only the last few '{' are tried: a line of thousands of
    # braces must not cost quadratic time.
    tries = 0
    for index in range(len(stripped) - 1, -1, -1):
        if stripped[index] == "{" and (index == 0 or stripped[index - 1] != "\\"):
            data = _read_data(stripped[index:], limits)
            if data is not None:
                return stripped[:index].rstrip(), data
            tries += 1
            if tries == _DATA_TRIES:
                break
    block = stripped[stripped.rfind("{") :] if "{" in stripped else stripped
    warnings.warn(
        f"{location}: the data block {shorten(block, 80)!r} is not valid YAML; it is ignored"
        " (write it as {key: value, other: value})",
        ArgdownWarning,
        stacklevel=3,
    )
    return stripped[: stripped.rfind("{")].rstrip() if "{" in stripped else text, {}


def _read_data(block: str, limits: Limits) -> dict[str, Any] | None:
    for candidate in (block, block.replace(";", ",")):  # Argdown also separates entries with ';'
        try:
            _bounded_yaml(candidate, limits)
            data = yaml.safe_load(candidate)
        except (ParseError, yaml.YAMLError):
            continue
        if isinstance(data, dict):
            return data
    return None


_FENCE: Final = 2  # dashes that open or close an inference rule
_TAG_WORD: Final = re.compile(r"(?<![\w\\&])#([\w-]+)")


def _tags(text: str) -> list[str]:
    if "#" not in text:
        return []
    # Past the last ')' no '#(' can close; searching there would cost quadratic time on '#(#(#(...'.
    last = text.rfind(")") + 1
    tags = [(match.group(1) or match.group(2) or "").strip() for match in _TAG.finditer(text, 0, last)]
    return tags + [match.group(1).strip() for match in _TAG_WORD.finditer(text, last)]


def _inference_line(line: str) -> tuple[str | None] | None:
    r"""Return ``(rule,)`` for an inference line ``-- rule --`` (``(None,)`` for bare dashes), else None.

    What ``-{2,}(?:\s+(.*?))?\s*(?:-{2,})?\s*`` matches in full, in linear time: as a regular
    expression, a long run of dashes inside the rule backtracks quadratically.
    """
    rest = line.lstrip("-")
    if len(line) - len(rest) < _FENCE:
        return None
    body = rest.lstrip()
    if not rest or body == rest:  # nothing, or no space, after the dashes
        return None if rest else (None,)
    rule = body.rstrip()
    dashes = len(rule) - len(rule.rstrip("-"))
    if dashes >= _FENCE:  # a closing '--'
        rule = rule[: len(rule) - dashes].rstrip()
    return (rule,)


def _clean(text: str) -> str:
    return _SPACES.sub(" ", text).strip()


# Emphasis is an opening mark, at least one character, and the nearest closing mark of the same kind
# on that line: `(?<![\w\\])(\*\*|__)(?=\S)(.+?)(?<=\S)\1(?!\w)` for strong emphasis and
# `(?<![\w\\*])([*_])(?=[^\s*_])(.+?)(?<=[^\s\\])\1(?![\w*])` for emphasis. Written as one regular
# expression, every opening mark without a closing one scans to the end of the text: 120 KB of "*a "
# took a minute. ``_unmark`` finds the closing marks once, so the time stays linear.
_STRONG_OPEN: Final = re.compile(r"(?<![\w\\])(\*\*|__)(?=\S)")
_STRONG_CLOSE: Final = {mark: re.compile(rf"(?<=\S)(?={re.escape(mark)}(?!\w))") for mark in ("**", "__")}
_EMPHASIS_OPEN: Final = re.compile(r"(?<![\w\\*])([*_])(?=[^\s*_])")
_EMPHASIS_CLOSE: Final = {mark: re.compile(rf"(?<=[^\s\\])(?={re.escape(mark)}(?![\w*]))") for mark in "*_"}


def _unmark(text: str, opening: re.Pattern[str], closing: dict[str, re.Pattern[str]]) -> str:
    """Return ``text`` with each emphasised span's marks removed (its content is not searched again)."""
    closes = {mark: [match.start() for match in pattern.finditer(text)] for mark, pattern in closing.items()}
    breaks = [index for index, char in enumerate(text) if char == "\n"]
    parts: list[str] = []
    done = at = 0
    while (match := opening.search(text, at)) is not None:
        start, mark = match.start(), match.group(1)
        body = start + len(mark)
        candidates = closes[mark]
        index = bisect.bisect_left(candidates, body + 1)
        end = candidates[index] if index < len(candidates) else -1
        line_end = bisect.bisect_left(breaks, body)
        if end < 0 or (line_end < len(breaks) and breaks[line_end] < end):  # `.` stops at a line break
            at = start + 1
            continue
        parts += [text[done:start], text[body:end]]
        done = at = end + len(mark)
    return "".join([*parts, text[done:]])


def _plain(text: str) -> str:
    """Return ``text`` without Markdown emphasis and escapes, as Argdown's own model keeps it."""
    if "*" not in text and "_" not in text and "\\" not in text:
        return text
    text = _unmark(_unmark(text, _STRONG_OPEN, _STRONG_CLOSE), _EMPHASIS_OPEN, _EMPHASIS_CLOSE)
    return re.sub(r"\\(.)", r"\1", text)


# -- parsing -------------------------------------------------------------------------------


@define
class _Node:
    """An element being read: a statement or argument and the text that continues it."""

    kind: Kind
    title: str
    indent: int
    text: list[str] = field(factory=list)
    location: Location = field(factory=Location)
    reference: bool = False
    """Whether the element only names its title (``[T]``, ``<T>``), without a colon and text."""


@define
class _Pcs:
    """A premise-conclusion structure being read: its statements and inference lines in order."""

    argument: str
    events: list[tuple[int, str] | str] = field(factory=list)
    """``(number, title)`` for a statement, the rule text for an inference line."""
    rule_lines: list[str] | None = None
    """The lines of a multi-line inference rule while it is open."""
    location: Location = field(factory=Location)


class _Parser:
    def __init__(self, text: str, file: str | None, limits: Limits = DEFAULT_LIMITS) -> None:
        self.file = file
        self.limits = limits
        self.document = Document()
        self.untitled = 0
        self.section: Section | None = None
        self.text = text
        self.strict = False
        self.seen: set[Relation] = set()
        self.first_section: dict[tuple[Kind, str], int | None] = {}  # the first mention's section

    @property
    def section_index(self) -> int | None:
        return None if self.section is None else len(self.document.sections) - 1

    def place(self, node: _Node, holder: EquivalenceClass | ArgdownArgument, data: dict[str, Any]) -> None:
        """Put a statement or argument in the current section where Argdown does (see ``Section``)."""
        here = self.section_index
        self.first_section.setdefault((node.kind, node.title), here)
        in_group = data.get("isInGroup")
        if in_group is True or (not node.reference and in_group is None and holder.section is None):
            holder.section = here
        if node.kind == "argument" and self.section is not None:
            if node.title not in self.section.mentions:
                self.section.mentions.append(node.title)
            if data.get("in_line") is True and node.title not in self.section.extra:
                self.section.extra.append(node.title)

    def location(self, line: int, column: int = 1) -> Location:
        return Location(self.file, line + 1, column)

    def number(self, digits: str, line: int, column: int) -> int:
        """Return the number of a premise-conclusion item ``(N)``, refusing one too long to be a number."""
        if len(digits) > self.limits.max_digits:
            raise ParseError(
                f"the item number ({shorten(digits, 20)}) is {len(digits):,} digits long, more than"
                f" {self.limits.max_digits} (number the statements (1), (2), ...)",
                self.location(line, column),
            )
        return int(digits)

    def new_title(self) -> str:
        self.untitled += 1
        return f"Untitled {self.untitled}"

    def element(self, content: str, indent: int, line: int, column: int) -> _Node:
        """Read ``[Title]: text``, ``<Title>: text``, a reference, or untitled text, as a node."""
        location = self.location(line, column)
        match = _STATEMENT_START.match(content) or _ARGUMENT_START.match(content)
        if match:
            kind: Kind = "statement" if content.startswith("[") else "argument"
            node = _Node(
                kind, _clean(match.group(1)), indent, location=location, reference=match.group(2) is None
            )
            if match.group(3):
                node.text.append(match.group(3))
            return node
        # Untitled statements are numbered in document order, as Argdown numbers them.
        return _Node("statement", self.new_title(), indent, text=[content], location=location)

    def finish(self, node: _Node) -> None:
        """Register a completed node in the document: its text, tags, data and section."""
        text, data = _split_data(" ".join(node.text), node.location, self.limits)
        tags = _tags(text)
        text = _plain(_clean(text))
        if node.kind == "statement":
            ec = self.document.statements.get(node.title)
            if ec is None:
                ec = self.document.statements[node.title] = EquivalenceClass(
                    node.title, location=node.location
                )
            if text and not ec.text:
                ec.text = text
            elif text and text != ec.text:
                warnings.warn(
                    f"{node.location}: [{node.title}] is given a second, different text; argmap keeps"
                    f" the first, from {ec.location} (give the second statement a title of its own)",
                    ArgdownWarning,
                    stacklevel=4,
                )
            ec.tags.extend(tag for tag in tags if tag not in ec.tags)
            ec.data.update(data)
            self.place(node, ec, data)
        else:
            argument = self.argument(node.title, node.location)
            if text and not argument.description:
                argument.description = text
            argument.tags.extend(tag for tag in tags if tag not in argument.tags)
            argument.data.update(data)
            self.place(node, argument, data)

    def argument(self, title: str, location: Location) -> ArgdownArgument:
        argument = self.document.arguments.get(title)
        if argument is None:
            argument = self.document.arguments[title] = ArgdownArgument(title, location=location)
        return argument

    def relate(self, marker: str, parent: _Node, child: _Node, location: Location) -> None:
        kind, outgoing = _MARKERS[marker]
        source, target = (parent, child) if outgoing else (child, parent)
        if kind == "undercut" and target.kind != "argument":
            warnings.warn(
                f"{location}: an undercut ({marker}) points at the statement [{target.title}], not at an"
                " argument; it is read as an attack (undercut an argument <Title>, or write -)",
                ArgdownWarning,
                stacklevel=2,
            )
            kind = "attack"
        if kind == "attack" and source.kind == "statement" and target.kind == "statement" and self.strict:
            kind = "contrary"  # Argdown's strict mode reads one statement attacking another so
        relation = Relation(kind, source.kind, source.title, target.kind, target.title, location)
        if relation not in self.seen:
            self.seen.add(relation)
            self.document.relations.append(relation)

    def close_pcs(self, pcs: _Pcs) -> None:
        """Turn the statements and inference lines of a PCS into the argument's inference steps."""
        argument = self.document.arguments[pcs.argument]
        premises: list[str] = []
        rule: str | None = None
        steps: list[Inference] = []
        for event in pcs.events:
            if isinstance(event, str):
                rule = event
            elif rule is not None:
                steps.append(Inference(premises, event[1], rule, event[0]))
                premises, rule = [event[1]], None
            else:
                premises.append(event[1])
        if not steps or rule is not None or len(premises) > 1:
            raise ParseError(
                f"the premise-conclusion structure of <{pcs.argument}> must end with an inference line"
                " ('----') and then its conclusion (add '----' before the last numbered statement)",
                pcs.location,
            )
        argument.steps = steps

    def run(self) -> Document:  # one pass over the lines
        raw_lines = self.text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        self.document.front_matter = _front_matter(raw_lines, self.file, self.limits)
        model = self.document.front_matter.get("model")
        self.strict = isinstance(model, dict) and model.get("mode") == "strict"
        text, commented = _blank_comments("\n".join(raw_lines))
        lines = text.split("\n")
        stack: list[_Node] = []  # the open relation tree, its root first
        current: _Node | None = None  # the node whose text continues on the next line
        last: _Node | None = None  # the last element: a PCS right after an argument is its own
        pcs: _Pcs | None = None

        def close_current() -> None:
            nonlocal current
            if current is not None:
                self.finish(current)
                current = None

        def close_pcs() -> None:
            nonlocal pcs
            if pcs is not None:
                self.close_pcs(pcs)
                pcs = None

        heading_lines: list[str] | None = None  # a heading's text runs on to the next blank line
        heading_at = 0

        def close_heading() -> None:
            nonlocal heading_lines
            if heading_lines is not None and self.section is not None:
                title, data = _split_data(" ".join(heading_lines), self.location(heading_at), self.limits)
                self.section.title = _clean(title)
                self.section.data = data
                if isinstance(data.get("isGroup"), bool):
                    self.section.is_group = data["isGroup"]
                settings = self.document.front_matter.get("group")
                configured = settings.get("sections") if isinstance(settings, dict) else None
                if isinstance(configured, dict):
                    entry = configured.get(self.section.title)
                    if isinstance(entry, dict):
                        group = entry.get("isGroup")
                        self.section.is_group = group if isinstance(group, bool) else None
                    elif self.section.is_group is None:
                        self.section.is_group = False  # a listed sections setting leaves out the rest
            heading_lines = None

        for index, line in enumerate(lines):
            stripped = line.strip()
            if not stripped:
                if index not in commented:  # a line that held only a comment ends nothing
                    close_current()
                    close_heading()
                    stack.clear()
                continue
            if heading_lines is not None and not _HEADING.fullmatch(stripped):
                heading_lines.append(stripped)
                continue
            indent = len(line) - len(line.lstrip(" \t"))
            column = indent + 1
            if pcs is not None and pcs.rule_lines is not None:
                if (stripped.startswith("--") and stripped.rstrip("-") == "") or stripped.endswith("--"):
                    closing = stripped.strip("-").strip()
                    rule_text = " ".join([*pcs.rule_lines, closing])
                    pcs.events.append(
                        _split_data(rule_text, self.location(index, column), self.limits)[0].strip()
                    )
                    pcs.rule_lines = None
                else:
                    pcs.rule_lines.append(stripped)
                continue
            heading = _HEADING.fullmatch(stripped) if indent == 0 else None
            item = _PCS_ITEM.fullmatch(stripped)
            dashes = _inference_line(stripped) if stripped.startswith("--") else None
            relation = _RELATION.match(stripped)
            listed = _LIST_ITEM.fullmatch(stripped)
            if heading is not None:
                close_current()
                close_pcs()
                stack.clear()
                close_heading()
                last = None
                level = len(heading.group(1))
                parent = self.section_index
                while parent is not None and self.document.sections[parent].level >= level:
                    parent = self.document.sections[parent].parent
                self.section = Section("", level, parent=parent, location=self.location(index, column))
                self.document.sections.append(self.section)
                self.document.max_level = max(self.document.max_level, level)
                heading_lines, heading_at = [heading.group(2)], index
            elif item is not None:
                close_current()
                stack.clear()
                if pcs is None:
                    if last is not None and last.kind == "argument":
                        owner = last.title
                    else:
                        owner = self.new_title()
                        self.argument(owner, self.location(index, column))
                    if self.section is not None:  # a reconstruction places its argument
                        self.document.arguments[owner].section = self.section_index
                    pcs = _Pcs(owner, location=self.location(index, column))
                offset = column + len(stripped) - len(item.group(2))
                node = self.element(item.group(2), indent, index, offset)
                pcs.events.append((self.number(item.group(1), index, column), node.title))
                current = node
                stack.append(node)
            elif dashes is not None and pcs is not None:
                close_current()
                stack.clear()
                (rule,) = dashes
                if rule is None:
                    following = next(
                        (lines[j].strip() for j in range(index + 1, len(lines)) if lines[j].strip()), ""
                    )
                    if not _PCS_ITEM.fullmatch(following):
                        pcs.rule_lines = []
                        continue
                pcs.events.append(
                    _split_data(rule or "", self.location(index, column), self.limits)[0].strip()
                )
            elif relation is not None and stack and indent > stack[0].indent:
                close_current()
                popped: _Node | None = None
                while stack and stack[-1].indent >= indent:
                    popped = stack.pop()
                if popped is not None and popped.indent > indent and len(stack) > 1:
                    # A dedent to between two levels closes the level it falls in, as Argdown's
                    # lexer does: the line becomes a sibling of the node above it.
                    stack.pop()
                offset = column + len(stripped) - len(relation.group(2))
                node = self.element(relation.group(2), indent, index, offset)
                self.relate(relation.group(1), stack[-1], node, self.location(index, column))
                stack.append(node)
                current = node
            elif relation is not None and current is None:
                raise ParseError(
                    f"the relation {relation.group(1)!r} has nothing to relate to"
                    " (put it on an indented line right under a statement or argument)",
                    self.location(index, column),
                )
            elif current is not None and listed is None:
                current.text.append(stripped)
            else:
                close_current()
                close_pcs()
                stack.clear()
                content = listed.group(1) if listed is not None else stripped
                node = self.element(content, indent, index, column)
                stack.append(node)
                current = node
                last = node
        close_current()
        close_heading()
        close_pcs()
        self.check_count()
        self.drop_implicit()
        self.assign_sections()
        return self.document

    def assign_sections(self) -> None:
        """Settle each title's section: the first mention's for one never defined, or ``regroup``'s."""
        document = self.document
        holders: list[tuple[Kind, EquivalenceClass | ArgdownArgument]] = [
            *(("statement", ec) for ec in document.statements.values()),
            *(("argument", argument) for argument in document.arguments.values()),
        ]
        for kind, holder in holders:
            if holder.section is None:
                holder.section = self.first_section.get((kind, holder.title))
        settings = document.front_matter.get("group")
        regroup = settings.get("regroup") if isinstance(settings, dict) else None
        if isinstance(regroup, list) and regroup:
            # The front matter's groups replace the headings' sections, as Argdown's RegroupPlugin does.
            for _, holder in holders:
                holder.section = None
            document.sections = []
            self.regroup(regroup, 1, None)
        for kind, holder in holders:
            if holder.section is not None:
                section = document.sections[holder.section]
                (section.statements if kind == "statement" else section.arguments).append(holder.title)

    def regroup(self, entries: list[Any], level: int, parent: int | None) -> None:
        document = self.document
        for entry in entries:
            if not isinstance(entry, dict):
                continue
            index = len(document.sections)
            document.sections.append(
                Section(str(entry.get("title", "")), level, parent=parent, location=self.location(0))
            )
            for key, table in (("statements", document.statements), ("arguments", document.arguments)):
                titles = entry.get(key)
                for title in titles if isinstance(titles, list) else []:
                    holder = table.get(str(title))
                    if holder is not None:
                        holder.section = index
            children = entry.get("children")
            if isinstance(children, list):
                self.regroup(children, level + 1, index)

    def check_count(self) -> None:
        """Refuse a document with more statements, arguments and relations than ``limits.max_items``."""
        document = self.document
        count = len(document.statements) + len(document.arguments) + len(document.relations)
        if count <= self.limits.max_items:
            return
        places = sorted(
            [
                *(ec.location for ec in document.statements.values()),
                *(argument.location for argument in document.arguments.values()),
                *(relation.location for relation in document.relations),
            ],
            key=_order,
        )
        raise ParseError(
            f"the file has {count:,} statements, arguments and relations, more than the limit of"
            f" {self.limits.max_items:,} (if the file is trusted, raise it:"
            " argmap.formats.Limits(max_items=...))",
            places[self.limits.max_items],
        )

    def drop_implicit(self) -> None:
        """Resolve relations as Argdown does: a reconstructed argument relates through its conclusion.

        An argument supporting its own conclusion says nothing new and is dropped.
        """
        arguments = self.document.arguments
        relations: list[Relation] = []
        kept: set[Relation] = set()
        for relation in self.document.relations:
            source = arguments.get(relation.source) if relation.source_kind == "argument" else None
            conclusion = source.conclusion if source is not None else None
            if conclusion is not None and relation.target_kind == "statement":
                if relation.type == "support" and conclusion == relation.target:
                    continue
                relation = attrs.evolve(relation, source_kind="statement", source=conclusion)  # noqa: PLW2901
            if relation not in kept:
                kept.add(relation)
                relations.append(relation)
        self.document.relations = relations


def parse(text: str, *, file: str | None = None, limits: Limits = DEFAULT_LIMITS) -> Document:
    """Read Argdown text into a Document (Argdown's own model); ``file`` only labels messages.

    Raises ParseError for text beyond ``limits``: too many elements, data nested too deeply.
    """
    return _Parser(text, file, limits).run()


# -- Document -> ArgumentMap -----------------------------------------------------------------

_STATEMENT_KINDS: Final = ("question", "position", "claim", "evidence")


def _order(location: Location) -> tuple[int, int]:
    return (location.line or 0, location.column or 0)


def argument_id(title: str, statement_ids: set[str]) -> str:
    """Return the id an Argdown argument ``<title>`` gets: its title, unless a statement has it."""
    return f"{title} (argument)" if title in statement_ids else title


def _located(error: ArgmapError, location: Location) -> ParseError:
    return ParseError(str(error), location)


def _warn(message: str) -> None:
    warnings.warn(message, ArgdownWarning, stacklevel=4)


@define
class _Pending:
    """An argument being assembled; frozen into an Argument once its undercutters are known."""

    fields: dict[str, Any]
    order: tuple[int, int, int]
    location: Location


class _Converter:  # one method per Argdown construct
    def __init__(self, document: Document, file: str | None) -> None:
        self.document = document
        self.file = file
        self.statement_ids: dict[str, str] = {}
        self.statements: dict[str, tuple[tuple[int, int, int], Statement]] = {}
        self.pending: dict[str, _Pending] = {}
        self.of_argument: dict[str, list[str]] = {}  # Argdown title -> argmap argument ids
        self.node: dict[str, str | None] = {}  # Argdown argument title -> the statement standing for it
        self.locations: dict[tuple[str, ...], Location] = {}
        self.sequence = 0
        self.explicit: set[str] = set()
        self.undercutting: set[str] = set()  # sketched arguments that undercut: their gist does
        self.undercuts: list[tuple[str, str, Location]] = []

    def key(self, location: Location) -> tuple[int, int, int]:
        self.sequence += 1
        line, column = _order(location)
        return (line, column, self.sequence)

    # -- statements --

    def statement(self, ec: EquivalenceClass) -> None:
        data = _numbers(ec.data)
        sid = str(data.get("id", ec.title))
        self.statement_ids[ec.title] = sid
        kind = data.get("kind", "claim")
        if kind not in _STATEMENT_KINDS:
            raise ParseError(
                f"statement [{ec.title}]: kind must be one of {list(_STATEMENT_KINDS)}, got {kind!r}"
                " (fix the data block)",
                ec.location,
            )
        text = data.get("text", ec.text or ec.title)
        common: dict[str, Any] = {"id": sid}
        for name in ("note", "assumed"):
            if name in data:
                common[name] = data[name]
        if "assumed" in data:
            self.explicit.add(sid)
        if kind == "evidence" and "source" not in data:
            raise ParseError(
                f"statement [{ec.title}] is evidence but names no source"
                " (add source: <source id> to its data block)",
                ec.location,
            )
        try:
            statement: Statement
            if kind == "evidence":
                statement = Evidence(
                    **common,
                    quote=str(data.get("quote", ec.text or ec.title)),
                    source=str(data["source"]),
                    speaker=data.get("speaker"),
                    locator=data.get("locator"),
                    weight=data.get("weight"),
                    text=data.get("text"),
                )
            else:
                extra = {name: data[name] for name in ("base_score", "standard") if name in data}
                if kind == "question":
                    statement = Question(
                        **common, **extra, text=str(text), compatible=bool(data.get("compatible", False))
                    )
                elif kind == "position":
                    statement = Position(**common, **extra, text=str(text), answers=data.get("answers"))
                else:
                    statement = Claim(**common, **extra, text=str(text))
        except ArgmapError as error:
            raise _located(error, ec.location) from None
        self.add_statement(statement, ec.location)

    def add_statement(self, statement: Statement, location: Location) -> None:
        if statement.id in self.statements:
            raise ParseError(
                f"two statements have the id {statement.id!r} (give each its own title or data id)", location
            )
        self.statements[statement.id] = (self.key(location), statement)
        self.locations["statements", statement.id] = location

    # -- arguments --

    def add_argument(self, fields: dict[str, Any], location: Location, owner: str | None = None) -> None:
        aid: str = fields["id"]
        if aid in self.pending:
            existing = self.pending[aid].fields
            if {k: v for k, v in existing.items() if k != "scheme"} != {
                k: v for k, v in fields.items() if k != "scheme"
            }:
                raise ParseError(
                    f"two arguments have the id {aid!r} (give each argument its own title)", location
                )
            if existing.get("scheme") != fields.get("scheme"):
                _warn(
                    f"{location}: the relation from {fields['premises'][0]!r} to {fields['conclusion']!r}"
                    " is written twice with different types; the first is kept"
                )
            return
        self.pending[aid] = _Pending(fields, self.key(location), location)
        self.locations["arguments", aid] = location
        if owner is not None:
            self.of_argument.setdefault(owner, []).append(aid)

    def argument_fields(self, argument: ArgdownArgument, aid: str) -> dict[str, Any]:
        data = _numbers(argument.data)
        fields: dict[str, Any] = {"id": aid, "title": argument.title}
        if "title" in data:
            fields["title"] = data["title"] or None
        for name in ("weight", "note", "scheme"):
            if name in data:
                fields[name] = data[name]
        return fields

    def reconstructed(self, argument: ArgdownArgument, aid: str) -> None:
        for index, step in enumerate(argument.steps):
            final = index == len(argument.steps) - 1
            premises = list(dict.fromkeys(self.statement_ids[p] for p in step.premises))
            fields: dict[str, Any] = (
                self.argument_fields(argument, aid)
                if final
                else {"id": f"{aid} ({step.number})", "title": f"{argument.title} ({step.number})"}
            )
            fields.setdefault("scheme", step.rule or None)
            fields.update(
                premises=tuple(premises), conclusion=self.statement_ids[step.conclusion], stance="pro"
            )
            self.add_argument(fields, argument.location, argument.title if final else None)
        conclusion = argument.conclusion
        self.node[argument.title] = self.statement_ids[conclusion] if conclusion else None

    def sketched(self, argument: ArgdownArgument, aid: str) -> None:
        if "premises" in argument.data:
            self.node[argument.title] = None
            return
        gist = f"<{argument.title}>"
        try:
            claim = Claim(id=gist, text=argument.description or argument.title)
        except ArgmapError as error:
            raise _located(error, argument.location) from None
        self.add_statement(claim, argument.location)
        self.node[argument.title] = gist
        del aid

    def relation(self, relation: Relation, counts: dict[str, int]) -> None:
        document = self.document
        where = relation.location
        if relation.source_kind == "argument":
            argument = document.arguments[relation.source]
            source = self.node[relation.source]
        else:
            argument = None
            source = self.statement_ids[relation.source]
        kind = relation.type
        if relation.target_kind == "argument":
            target_argument = document.arguments[relation.target]
            if source is None and argument is not None and not argument.steps:
                _warn(
                    f"{where}: <{relation.source}> has its premises in its data block and cannot be the"
                    " source of a relation to an argument; the relation is dropped"
                )
                return
            if kind == "undercut" or (
                kind in {"attack", "contrary", "contradictory"} and target_argument.steps
            ):
                if kind != "undercut":
                    _warn(
                        f"{where}: an attack on the reconstructed argument <{relation.target}> names none of"
                        " its premises; it is read as an undercut (attack a premise to say which)"
                    )
                assert source is not None  # noqa: S101  # a sketched source has its gist
                self.undercuts.append((relation.target, source, where))
                if argument is not None:
                    self.undercutting.add(argument.title)
                return
            if target_argument.steps or self.node.get(relation.target) is None:
                _warn(
                    f"{where}: a support of the argument <{relation.target}> names none of its premises;"
                    " argmap cannot hold it and drops it (support one of its premises instead)"
                )
                return
            target = self.node[relation.target]
        else:
            target = self.statement_ids[relation.target]
        assert target is not None  # noqa: S101
        stance = "pro" if kind in {"support", "entails"} else "con"
        if argument is not None and not argument.steps:
            # An argument sketched by its description: one Argument per outgoing relation.
            aid = argument_id(argument.title, set(self.statement_ids.values()))
            aid = str(argument.data.get("id", aid))
            counts[aid] = counts.get(aid, 0) + 1
            fields = self.argument_fields(argument, aid)
            if counts[aid] > 1:
                fields["id"] = f"{aid} ({counts[aid]})"
            premises = argument.data.get("premises", [source])
            if isinstance(premises, str):
                premises = [premises]
            fields.update(premises=tuple(str(p) for p in premises), conclusion=target, stance=stance)
            self.add_argument(fields, where, argument.title)
            return
        assert source is not None  # noqa: S101
        if kind == CONTRADICTORY:
            for first, second in ((source, target), (target, source)):
                self.add_argument(
                    {
                        "id": derived_argument_id([first], "con", second),
                        "premises": (first,),
                        "conclusion": second,
                        "stance": "con",
                        "scheme": CONTRADICTORY,
                    },
                    where,
                )
            return
        self.add_argument(
            {
                "id": derived_argument_id([source], stance, target),
                "premises": (source,),
                "conclusion": target,
                "stance": stance,
            },
            where,
        )

    # -- the whole map --

    def convert(self) -> ArgumentMap:
        document = self.document
        front = document.front_matter
        for ec in document.statements.values():
            self.statement(ec)
        statement_ids = set(self.statement_ids.values())
        for argument in document.arguments.values():
            aid = str(argument.data.get("id", argument_id(argument.title, statement_ids)))
            if argument.steps:
                self.reconstructed(argument, aid)
            else:
                self.sketched(argument, aid)
        counts: dict[str, int] = {}
        for relation in document.relations:
            self.relation(relation, counts)
        for target, undercutter, where in self.undercuts:
            targets = self.of_argument.get(target, [])
            if not targets:
                _warn(f"{where}: <{target}> has no conclusion, so nothing can undercut it (dropped)")
            for aid in targets:
                fields = self.pending[aid].fields
                fields["undercutters"] = (*fields.get("undercutters", ()), undercutter)
        for argument in document.arguments.values():
            if (
                argument.title not in self.of_argument
                and not argument.steps
                and argument.title not in self.undercutting
            ):
                _warn(
                    f"{argument.location}: <{argument.title}> supports or attacks nothing, so it has no"
                    f" conclusion; only its description is kept, as the claim '<{argument.title}>'"
                )
        arguments: list[Argument] = []
        for pending in sorted(self.pending.values(), key=lambda p: p.order):
            try:
                arguments.append(Argument(**pending.fields))
            except ArgmapError as error:
                raise _located(error, pending.location) from None
        statements = [s for _, s in sorted(self.statements.values(), key=lambda item: item[0])]
        statements = _with_assumptions(statements, arguments, self.explicit)
        lines = self.lines(arguments)
        sources = self.sources(front)
        title: Any = front.get("title")
        if not title:
            title = next((s.title for s in document.sections if s.title), None) or "Argdown map"
        description = front.get("description")
        # Reference problems (an unknown source, a position answering a claim) come back as one
        # InvalidMapError, each at the location of its statement or argument.
        return ArgumentMap(
            title=str(title),
            description=None if description is None else str(description),
            sources=tuple(sources),
            statements=tuple(statements),
            arguments=tuple(arguments),
            lines=tuple(lines),
            origin=Origin(self.file, self.locations),
        )

    def sources(self, front: dict[str, Any]) -> list[Source]:
        raw = front.get("sources") or []
        if not isinstance(raw, list):
            raise ParseError(
                "the front matter's sources must be a list (write each source on a line"
                " '- {id: ..., title: ...}' under 'sources:')",
                Location(self.file, 1, 1),
            )
        sources = []
        for item in raw:
            try:
                values: dict[str, Any] = {str(k): (None if v is None else str(v)) for k, v in item.items()}
                sources.append(Source(**values))
            except (ArgmapError, TypeError, AttributeError) as error:
                raise ParseError(
                    f"a source in the front matter is not valid: {error} (give id, title and optionally"
                    " author, publisher, date, url, path)",
                    Location(self.file, 1, 1),
                ) from None
        return sources

    def lines(self, arguments: list[Argument]) -> list[Line]:
        known = {argument.id for argument in arguments}
        lines: list[Line] = []
        used: set[str] = set()

        def add(line_id: str, title: str, members: list[str], note: Any) -> None:
            members = [m for m in dict.fromkeys(members) if m in known]
            if not members or not title:
                return
            base, number = line_id, 1
            while line_id in used:
                number += 1
                line_id = f"{base} ({number})"
            used.add(line_id)
            lines.append(Line(id=line_id, title=title, arguments=tuple(members), note=note))

        document = self.document
        grouped: dict[int, list[str]] = {}  # group -> Argdown argument titles, mentions first
        for index, section in enumerate(document.sections):
            group = document.group_of(index)
            for title in section.mentions:
                if group is not None and document.group_of(document.arguments[title].section) == group:
                    grouped.setdefault(group, []).append(title)
                elif title in section.extra:
                    grouped.setdefault(index, []).append(title)
            if group is not None:
                grouped.setdefault(group, []).extend(section.arguments)
        for index, section in enumerate(document.sections):
            members = [aid for title in grouped.get(index, []) for aid in self.of_argument.get(title, [])]
            title = str(section.data.get("title", section.title))
            add(str(section.data.get("id", f"# {title}")), title, members, section.data.get("note"))
        self.warn_about_groups(grouped, {m for line in lines for m in line.arguments})
        tagged: dict[str, list[str]] = {}
        for argument in self.document.arguments.values():
            for tag in argument.tags:
                tagged.setdefault(tag, []).extend(self.of_argument.get(argument.title, []))
        for tag, members in tagged.items():
            add(f"#{tag}", tag, members, None)
        return lines

    def warn_about_groups(self, grouped: dict[int, list[str]], in_lines: set[str]) -> None:
        """Warn, once a file, about groups that give no line and groups that nest."""
        document = self.document
        lined = {
            index
            for index, titles in grouped.items()
            if any(aid in in_lines for title in titles for aid in self.of_argument.get(title, []))
        }
        held: dict[int, int] = {}
        for index, section in enumerate(document.sections):
            group = document.group_of(index)
            if group is not None:
                held[group] = held.get(group, 0) + len(section.statements) + len(section.arguments)
        lost = [index for index, count in held.items() if count and index not in lined]
        if lost:
            first = document.sections[lost[0]]
            names = shorten(", ".join(repr(document.sections[index].title) for index in lost), 120)
            _warn(
                f"{first.location}: {len(lost)} group(s) ({names}) hold"
                " no argument that argmap keeps as an argument, only statements; a line of argument holds"
                " arguments, so they give no line (put an argument under the heading to make one)"
            )
        nested = [
            index for index in sorted(lined) if document.group_of(document.sections[index].parent) is not None
        ]
        if nested:
            inner = document.sections[nested[0]]
            outer = document.sections[document.group_of(inner.parent) or 0]
            _warn(
                f"{inner.location}: groups nest ({inner.title!r} in {outer.title!r}"
                f"{f' and {len(nested) - 1} more' if len(nested) > 1 else ''}); lines of argument do not"
                " nest, so each group is a line of its own with the arguments directly in it"
            )


def _numbers(data: dict[str, Any]) -> dict[str, Any]:
    """Return ``data`` with weights and base scores as numbers: YAML 1.1 reads ``1e-05`` as text."""
    result = dict(data)
    for name in ("weight", "base_score"):
        value = result.get(name)
        # A value that is no number stays as it is: the model's check names the field and the value.
        if isinstance(value, str):
            with contextlib.suppress(ValueError):
                result[name] = float(value)
    return result


def _default_assumed(statement: Statement, premises: set[str], supported: set[str]) -> bool:
    """Return whether a statement is read as assumed when no data block says: an unsupported premise."""
    return isinstance(statement, Claim) and statement.id in premises and statement.id not in supported


def _basis(arguments: list[Argument] | tuple[Argument, ...]) -> tuple[set[str], set[str]]:
    premises = {p for a in arguments for p in (*a.premises, *a.undercutters)}
    supported = {a.conclusion for a in arguments if a.is_pro}
    return premises, supported


def _with_assumptions(
    statements: list[Statement], arguments: list[Argument], explicit: set[str]
) -> list[Statement]:
    premises, supported = _basis(arguments)
    result: list[Statement] = []
    for statement in statements:
        default = statement.id not in explicit and _default_assumed(statement, premises, supported)
        result.append(attrs.evolve(statement, assumed=True) if default else statement)
    return result


def to_map(document: Document, *, file: str | None = None) -> ArgumentMap:
    """Turn a parsed Argdown document into an argument map (see the module docstring)."""
    return _Converter(document, file).convert()


def loads(text: str, *, file: str | None = None, limits: Limits = DEFAULT_LIMITS) -> ArgumentMap:
    """Read an Argdown text as an argument map; ``file`` only labels messages."""
    return to_map(parse(text, file=file, limits=limits), file=file)


# -- ArgumentMap -> Argdown ------------------------------------------------------------------

# Inside data strings: every '/' and the '<' of '<!--' (Argdown comments would hide the rest of the
# line) and braces (which would end the data block early).
_JSON_STRING: Final = re.compile(r'"(?:\\.|[^"\\])*"')
_YAML_UNSAFE: Final = re.compile(
    "/|<!--|[{}\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]"
)


def _writable_title(value: str) -> bool:
    return bool(value) and _clean(value) == value and not _COMMENT.search(value)


def _writable_statement_title(value: str) -> bool:
    return _writable_title(value) and "]" not in value


def _writable_argument_title(value: str) -> bool:
    # "<-", "<+", "<_" open relations and "<!--" a comment; ">" would end the title.
    return _writable_title(value) and ">" not in value and not value.startswith(("+", "-", "_", "!"))


_UNSHOWN: Final = re.compile(r"[^\w\s.,;:!?'\"()%&=-]+")


def _display(text: str) -> str:
    """Return a plain rendering of ``text`` to show in Argdown when the exact text is in a data block.

    The Argdown tools refuse a definition without text; the data block's value is what argmap reads.
    """
    shown = _clean(_UNSHOWN.sub(" ", text))
    return shown if shown and _writable_text(shown) else "…"


# What Argdown would read inside a text as a reference, mention or statement title (links are fine).
_INLINE_ELEMENT: Final = re.compile(r"<|@|\[(?![^\]]*\]\()")


def _writable_text(value: str) -> bool:
    """Return whether ``value`` reads back unchanged when written after ``[Title]:``."""
    return (
        _writable_title(value)
        and _plain(value) == value
        and not value.rstrip().endswith("}")
        and "\\" not in value
        and not value.startswith(("[", "<", "@"))
        and "//" not in value
        and not _INLINE_ELEMENT.search(value)
    )


def _data(values: dict[str, Any]) -> str:
    if not values:
        return ""
    # JSON is a YAML flow mapping that keeps every string on one line; what YAML would not read
    # verbatim (controls, DEL, its own line breaks U+0085/U+2028/U+2029) is escaped as well.
    return " " + _flow(values)


def _flow(value: object) -> str:
    """Return ``value`` as one line of JSON that YAML reads back unchanged."""
    text = json.dumps(value, ensure_ascii=False, separators=(", ", ": "))

    def escape(match: re.Match[str]) -> str:
        return f"\\u{ord(match.group()[0]):04x}{match.group()[1:]}"

    return _JSON_STRING.sub(lambda string: _YAML_UNSAFE.sub(escape, string.group()), text)


def _is_relation(argument: Argument) -> bool:
    return (
        len(argument.premises) == 1
        and argument.id == derived_argument_id(argument.premises, argument.stance, argument.conclusion)
        and argument.title is None
        and argument.weight is None
        and argument.note is None
        and not argument.undercutters
        and argument.scheme in {None, CONTRADICTORY}
        and (argument.scheme is None or argument.stance == "con")
    )


class _Writer:
    def __init__(self, argument_map: ArgumentMap) -> None:
        self.map = argument_map
        self.out: list[str] = []
        self.argument_titles: dict[str, str] = {}
        self.statement_titles: dict[str, str] = {}
        self.used_titles: set[str] = set()
        self.statement_ids = {statement.id for statement in argument_map.statements}

    def front_matter(self) -> None:
        front: dict[str, Any] = {"title": self.map.title}
        if self.map.description is not None:
            front["description"] = self.map.description
        if self.map.sources:
            front["sources"] = [
                {k: v for k, v in attrs.asdict(source).items() if v is not None}
                for source in self.map.sources
            ]
        self.out += ["===", *(f"{key}: {_flow(value)}" for key, value in front.items()), "===", ""]

    def statement(self, statement: Statement, default_assumed: bool) -> None:
        data: dict[str, Any] = {}
        title = self.ref(statement.id)
        if title != statement.id:
            data["id"] = statement.id
        if isinstance(statement, Evidence):
            data["kind"] = "evidence"
            text = statement.quote
            data["source"] = statement.source
            for name in ("speaker", "locator", "weight", "text"):
                if getattr(statement, name) is not None:
                    data[name] = getattr(statement, name)
            if not _writable_text(text):
                data["quote"] = text
                text = _display(text)
        else:
            assert isinstance(statement, Question | Position | Claim)  # noqa: S101
            if statement.kind != "claim":
                data["kind"] = statement.kind
            text = statement.text
            if isinstance(statement, Position) and statement.answers is not None:
                data["answers"] = statement.answers
            if isinstance(statement, Question) and statement.compatible:
                data["compatible"] = True
            for name in ("base_score", "standard"):
                if getattr(statement, name) is not None:
                    data[name] = getattr(statement, name)
            if not _writable_text(text):
                data["text"] = text
                text = _display(text)
        if statement.note is not None:
            data["note"] = statement.note
        if statement.assumed != default_assumed or (statement.assumed and not isinstance(statement, Claim)):
            data["assumed"] = statement.assumed
        body = f"{text}{_data(data)}".strip()
        self.out += [f"[{title}]: {body}", ""]

    def argument_title(self, argument: Argument) -> tuple[str, dict[str, Any]]:
        data: dict[str, Any] = {}
        wanted = argument.title if argument.title is not None else argument.id
        used = self.used_titles
        title = wanted if _writable_argument_title(wanted) and wanted not in used else argument.id
        if not _writable_argument_title(title) or title in used or title.startswith("Untitled "):
            title = f"argument {len(self.argument_titles) + 1}"
            while title in used:
                title += "'"
        if argument_id(title, self.statement_ids) != argument.id:
            data["id"] = argument.id
        if argument.title != title:
            data["title"] = argument.title or False
        self.argument_titles[argument.id] = title
        used.add(title)
        return title, data

    def argument(self, argument: Argument) -> None:
        title, data = self.argument_title(argument)
        for name in ("weight", "note"):
            if getattr(argument, name) is not None:
                data[name] = getattr(argument, name)
        scheme = argument.scheme
        inline_scheme = scheme is not None and _writable_text(scheme) and "--" not in scheme
        if scheme is not None and not inline_scheme:
            data["scheme"] = scheme
        if argument.is_pro:
            definition = f"<{title}>: {_display(title)}{_data(data)}" if data else f"<{title}>"
            self.out += [definition, ""]
            for number, premise in enumerate(argument.premises, 1):
                self.out.append(f"({number}) [{self.ref(premise)}]")
            self.out.append(f"-- {scheme} --" if inline_scheme else "----")
            self.out += [f"({len(argument.premises) + 1}) [{self.ref(argument.conclusion)}]", ""]
        else:
            data["premises"] = list(argument.premises)
            if scheme is not None and "scheme" not in data:
                data["scheme"] = scheme
            definition = f"<{title}>: {_display(title)}{_data(data)}"
            self.out += [definition, f"  -> [{self.ref(argument.conclusion)}]", ""]
        for undercutter in argument.undercutters:
            self.out += [f"[{self.ref(undercutter)}]", f"  _> <{title}>", ""]

    def ref(self, statement_id: str) -> str:
        return self.statement_titles[statement_id]

    def name_statements(self) -> None:
        """Give every statement an Argdown title: its id where that reads back, else a fresh one."""
        ids = {statement.id for statement in self.map.statements}
        taken = {i for i in ids if _writable_statement_title(i)}
        number = 0
        for statement in self.map.statements:
            if _writable_statement_title(statement.id):
                self.statement_titles[statement.id] = statement.id
                continue
            title = statement.id
            while title in taken or not _writable_statement_title(title):
                number += 1
                title = f"statement {number}"
            taken.add(title)
            self.statement_titles[statement.id] = title

    def write(self) -> str:
        argument_map = self.map
        self.front_matter()
        premises, supported = _basis(argument_map.arguments)
        self.name_statements()
        for statement in argument_map.statements:
            self.statement(statement, _default_assumed(statement, premises, supported))
        arguments = argument_map.arguments
        # An argument in a line is named under its heading, so it needs an Argdown title of its own.
        done: set[str] = set()
        in_lines = {member for line in argument_map.lines for member in line.arguments}
        for index, argument in enumerate(arguments):
            if argument.id in done:
                continue
            if argument.id in in_lines:
                self.argument(argument)
                continue
            if _is_relation(argument) and argument.scheme == CONTRADICTORY:
                mirror = arguments[index + 1] if index + 1 < len(arguments) else None
                expected = derived_argument_id([argument.conclusion], "con", argument.premises[0])
                if (
                    mirror is not None
                    and mirror.id == expected
                    and mirror.id not in in_lines
                    and _is_relation(mirror)
                    and mirror.scheme == CONTRADICTORY
                ):
                    self.out += [
                        f"[{self.ref(argument.premises[0])}]",
                        f"  >< [{self.ref(argument.conclusion)}]",
                        "",
                    ]
                    done.add(mirror.id)
                    continue
            elif _is_relation(argument) and argument.scheme is None:
                marker = "+>" if argument.is_pro else "->"
                self.out += [
                    f"[{self.ref(argument.premises[0])}]",
                    f"  {marker} [{self.ref(argument.conclusion)}]",
                    "",
                ]
                continue
            self.argument(argument)
        placed: set[str] = set()
        for line in argument_map.lines:
            data: dict[str, Any] = {}
            title = line.title if _writable_text(line.title) and "#" not in line.title else "line"
            if title != line.title:
                data["title"] = line.title
            if line.id != f"# {title}":
                data["id"] = line.id
            if line.note is not None:
                data["note"] = line.note
            self.out += [f"# {title}{_data(data)}", ""]
            for member in line.arguments:
                # Argdown draws an argument in one group: the heading whose mention says isInGroup.
                # argmap reads its further lines from in_line, which the Argdown tools ignore.
                mark = "in_line" if member in placed else "isInGroup"
                placed.add(member)
                self.out += [f"<{self.argument_titles.get(member, member)}>{_data({mark: True})}", ""]
        return "\n".join(self.out).rstrip("\n") + "\n"


def dumps(argument_map: ArgumentMap) -> str:
    """Write a map as Argdown that ``loads`` reads back to the same map.

    Plain Argdown holds statements, titled arguments, linked premises, undercuts and headings;
    what it has no syntax for (kinds, sources, evidence fields, weights, notes, ids that are not
    titles) goes into the front matter and ``{...}`` data blocks, which the Argdown tools keep
    but do not show.
    """
    return _Writer(argument_map).write()
