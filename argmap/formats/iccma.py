r"""Abstract argumentation frameworks in the ICCMA formats, read as argument maps.

Three dialects are read:

- ``apx`` (ASPARTIX): ``arg(a).`` and ``att(a,b).`` facts, ``%`` comments;
- ``tgf`` (Trivial Graph Format): one argument per line, a ``#`` line, then one attack ``a b`` per line;
- ``i23`` (ICCMA 2023): a ``p af N`` header, then one attack ``i j`` per line over the arguments
  ``1..N``; ``#`` lines are comments. When the file has exactly one ``# name`` line per argument
  (as the competition's converted benchmarks do), the k-th such line names argument k and the
  names become the ids.

Each abstract argument becomes an assumed Claim whose text is its name and which has no pro
arguments, so it stands unless attacked. Each attack ``(a, b)`` becomes a one-premise con
argument with id ``a->b``. Statements keep the order of the file (for ``i23``: arguments 1..N),
attacks likewise. The map is a ``NumberedMap``: its claims and arguments are built on first use.

>>> m = loads("arg(a). arg(b). att(a,b).", dialect="apx")
>>> [s.id for s in m.statements], [(x.id, x.premises, x.conclusion, x.stance) for x in m.arguments]
(['a', 'b'], [('a->b', ('a',), 'b', 'con')])
>>> [s.id for s in loads("p af 2\n# x\n# y\n1 2\n", dialect="i23").statements]
['x', 'y']

``load_framework`` reads the same text into a lean ``NumberedFramework`` (names and attacks by
index, no map), for the bulk path "file to grounded extension" where building a map of 10^5
claims would cost far more than evaluating it:

>>> af = load_framework("p af 3\n# a\n# b\n# c\n1 2\n2 3\n")
>>> af.arguments, af.attack_numbers, af.attacks
(('a', 'b', 'c'), (1, 2, 2, 3), (('a', 'b'), ('b', 'c')))
"""

from __future__ import annotations

import json
import re
from itertools import chain, compress, repeat
from typing import TYPE_CHECKING, Final

from attrs import define

from argmap.errors import Location, ParseError
from argmap.formats._limits import DEFAULT_LIMITS, Limits
from argmap.model.numbered import SEPARATOR, NumberedMap

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

__all__ = ["DIALECTS", "NumberedFramework", "attack_id", "detect", "load_framework", "loads"]

DIALECTS: Final = ("apx", "tgf", "i23")

_SEPARATOR: Final = SEPARATOR

# One fact per match; several facts may share a line. Names are Prolog-like terms without
# whitespace, commas or parentheses (what ASPARTIX and the competitions use).
_APX_FACT: Final = re.compile(
    r"\s*(?:(arg)\s*\(\s*([^\s,()]+)\s*\)|(att)\s*\(\s*([^\s,()]+)\s*,\s*([^\s,()]+)\s*\))\s*\.\s*"
)
# The same facts for a whole text in one pass (blanks inside a fact stay on its line); any other
# non-blank character is caught by the last group, so one findall() both reads and checks.
_APX_NAME: Final = r"[ \t]*([^\s,()]+)[ \t]*"
_APX_FACTS: Final = re.compile(
    rf"arg[ \t]*\({_APX_NAME}\)[ \t]*\.|att[ \t]*\({_APX_NAME},{_APX_NAME}\)[ \t]*\.|(\S)"
)
_I23_HEADER: Final = re.compile(r"p\s+af\s+(\d+)")
# Attack lines as the competition writes them; a leading zero or anything else goes to the line reader.
_I23_ATTACKS: Final = re.compile(r"(?:[1-9][0-9]*+ [1-9][0-9]*+\n)*+")
_COMMAS: Final = str.maketrans(" \n", ",,")
_SHOWN_DIGITS: Final = 15


def attack_id(attacker: str, attacked: str) -> str:
    """Return the id of the con argument that stands for the attack ``(attacker, attacked)``.

    >>> attack_id("a", "b")
    'a->b'
    """
    return f"{attacker}{_SEPARATOR}{attacked}"


def detect(text: str) -> str:
    r"""Return the dialect a framework's text is written in, from its first meaningful line.

    >>> detect("p af 3\n1 2\n"), detect("arg(a).\n"), detect("1\n2\n#\n1 2\n")
    ('i23', 'apx', 'tgf')
    """
    # Line by line from the start: splitting a whole 10^5-line file to look at its first line
    # would cost more than reading the rest of it.
    for raw in _lines(text):
        line = raw.strip()
        if not line or line.startswith("%"):
            continue
        if line.startswith(("p ", "p\t")):
            return "i23"
        if line.startswith(("arg", "att")) and "(" in line:
            return "apx"
        if line.startswith("#") and line != "#":
            continue
        return "tgf"
    return "apx"


@define(frozen=True, kw_only=True)
class NumberedFramework:
    """A Dung framework as read from a file: argument names, and attacks by argument number.

    Arguments are numbered 1..N in file order (for ``i23``, the file's own numbers; names as in
    ``loads``). ``attack_numbers`` holds the attacks in file order as ICCMA 2023 writes them,
    attacker and target alternating: ``(1, 2, 3, 1)`` is "1 attacks 2, 3 attacks 1". A repeated
    attack stays repeated (no Dung semantics depends on it). ``argmap.evaluation.grounded`` and
    ``extensions`` use the numbers as they are, without looking names up.
    """

    arguments: tuple[str, ...]
    attack_numbers: tuple[int, ...]
    dialect: str
    title: str
    """The title ``loads`` gives the map: the file's name, or a description."""

    @property
    def attacks(self) -> tuple[tuple[str, str], ...]:
        """Return the attacks as pairs of names."""
        name = ("", *self.arguments).__getitem__
        numbers = self.attack_numbers
        return tuple(zip(map(name, numbers[0::2]), map(name, numbers[1::2]), strict=True))


def _parse(name: str, text: str, file: str | None, limits: Limits) -> tuple[dict[str, str], list[Attack]]:
    if name == "apx":
        found = _parse_apx(text, file)
    elif name == "tgf":
        found = _parse_tgf(text, file)
    elif name == "i23":
        return _parse_i23(text, file, limits)
    else:
        raise ParseError(
            f"unknown ICCMA dialect: {name!r} (use one of {', '.join(DIALECTS)})", Location(file)
        )
    _check_count(len(found[0]), limits, Location(file, 1, 1))
    return found


def _lines(text: str) -> Iterator[str]:
    start = 0
    while start < len(text):
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        yield from text[start:end].splitlines() or [""]
        start = end + 1


def loads(
    text: str, *, file: str | None = None, dialect: str | None = None, limits: Limits = DEFAULT_LIMITS
) -> NumberedMap:
    """Read a framework as a map of assumed claims and con arguments; ``dialect`` is detected when None.

    Raises ParseError with file:line:column and a fix for text that is not the dialect, or that
    declares more arguments than ``limits.max_items``.
    """
    name = dialect if dialect is not None else detect(text)
    if name == "i23":
        numbered = _i23_canonical(text, file, limits)
        if numbered is not None:
            names, values = numbered
            return _build(names, None, values, file=file, dialect=name, limits=limits)
    if name == "apx":
        canonical = _apx_canonical(text)
        if canonical is not None:
            names, pairs = canonical
            return _build(names, None, _numbers(names, pairs), file=file, dialect=name, limits=limits)
    arguments, attacks = _parse(name, text, file, limits)
    names = list(arguments)
    labels = list(arguments.values())
    return _build(
        names,
        None if labels == names else labels,
        _numbers(names, ((attacker, attacked) for attacker, attacked, _ in attacks)),
        file=file,
        dialect=name,
        limits=limits,
    )


def _numbers(names: list[str], pairs: Iterable[tuple[str, str]]) -> list[int]:
    """Return attacks by name as argument numbers (1..N in the order of ``names``), alternating."""
    number = dict(zip(names, range(1, len(names) + 1), strict=True))
    return list(map(number.__getitem__, chain.from_iterable(pairs)))


def load_framework(
    text: str, *, file: str | None = None, dialect: str | None = None, limits: Limits = DEFAULT_LIMITS
) -> NumberedFramework:
    """Read a framework without building a map; ``dialect`` is detected when None.

    Same dialects, names, limits and errors as ``loads``.
    """
    name = dialect if dialect is not None else detect(text)
    if name == "i23":
        numbered = _i23_canonical(text, file, limits)
        if numbered is not None:
            names, values = numbered
            return NumberedFramework(
                arguments=tuple(names),
                attack_numbers=tuple(values),
                dialect=name,
                title=_title(file, name),
            )
    named = _apx_canonical(text) if name == "apx" else None
    if named is not None:
        names, pairs = named
    else:
        arguments, attacks = _parse(name, text, file, limits)
        names, pairs = list(arguments), [(attacker, attacked) for attacker, attacked, _ in attacks]
    _check_count(len(names), limits, Location(file, 1, 1))
    number = dict(zip(names, range(1, len(names) + 1), strict=True))
    return NumberedFramework(
        arguments=tuple(names),
        attack_numbers=tuple(map(number.__getitem__, chain.from_iterable(pairs))),
        dialect=name,
        title=_title(file, name),
    )


def _check_count(count: int, limits: Limits, location: Location) -> None:
    if count > limits.max_items:
        raise ParseError(_too_many(f"{count:,}", limits), location)


def _too_many(count: str, limits: Limits) -> str:
    return (
        f"the framework declares {count} arguments, more than the limit of {limits.max_items:,}"
        " (if the file is trusted, raise the limit: argmap.formats.Limits(max_items=...))"
    )


# -- parsers: each returns argument names (with the text shown) in file order, and attacks with
#    the line they were read from


Attack = tuple[str, str, int]


def _parse_apx(text: str, file: str | None) -> tuple[dict[str, str], list[Attack]]:
    canonical = _apx_canonical(text)
    if canonical is not None:
        names, pairs = canonical
        return dict(zip(names, names, strict=True)), [(a, b, 0) for a, b in pairs]
    arguments: dict[str, str] = {}
    attacks: list[Attack] = []
    declared_at: dict[str, int] = {}
    match_at = _APX_FACT.match
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.split("%", 1)[0] if "%" in raw else raw
        position = 0
        end = len(line)
        while position < end:
            found = match_at(line, position)
            if found is None:
                if not line[position:].strip():
                    break
                column = position + len(line[position:]) - len(line[position:].lstrip()) + 1
                raise ParseError(
                    f"not an ASPARTIX fact: {line[position:].strip()[:60]!r}"
                    " (write `arg(a).` for an argument and `att(a,b).` for an attack)",
                    Location(file, number, column),
                )
            if found.group(1):
                name = found.group(2)
                if name not in arguments:
                    arguments[name] = name
                    declared_at[name] = number
            else:
                attacks.append((found.group(4), found.group(5), number))
            position = found.end()
    for attacker, attacked, number in attacks:
        for name in (attacker, attacked):
            if name not in arguments:
                raise ParseError(
                    f"attack on or by an undeclared argument: {name!r} (declare it with `arg({name}).`)",
                    Location(file, number, 1),
                )
    return arguments, attacks


def _apx_canonical(text: str) -> tuple[list[str], list[tuple[str, str]]] | None:
    """Read ASPARTIX text with whole-text regular expressions, or return None.

    Covers files without `%` comments whose facts do not span lines; anything else, errors
    included, returns None and goes to the line-by-line reader. Returns the argument names
    (first declaration order) and the attacks by name.
    """
    if "%" in text:
        return None
    facts = _APX_FACTS.findall(text)
    if not facts:
        return None if text.strip() else ([], [])
    declared, attackers, attacked, stray = zip(*facts, strict=True)
    if any(stray):
        return None  # text that is no fact: the line reader points at it
    names = list(dict.fromkeys(filter(None, declared)))
    attacks = list(compress(zip(attackers, attacked, strict=True), attackers))
    if not set(chain(attackers, attacked)).issubset([*names, ""]):
        return None  # an undeclared argument: the line reader says which, and where
    return names, attacks


def _parse_tgf(text: str, file: str | None) -> tuple[dict[str, str], list[Attack]]:
    arguments: dict[str, str] = {}
    attacks: list[Attack] = []
    in_edges = False
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line:
            continue
        if not in_edges:
            if line == "#" or (line.startswith("#") and not line[1:].strip()):
                in_edges = True
                continue
            parts = line.split(None, 1)
            name = parts[0]
            label = parts[1].strip() if len(parts) > 1 else name
            if name not in arguments:
                arguments[name] = label or name
            continue
        parts = line.split()
        if len(parts) < 2:  # noqa: PLR2004  # an edge names its two ends
            raise ParseError(
                f"an attack needs two arguments, got {line[:60]!r} (write `a b` for a attacks b)",
                Location(file, number, 1),
            )
        attacker, attacked = parts[0], parts[1]
        for name in (attacker, attacked):
            if name not in arguments:
                column = raw.find(name) + 1
                raise ParseError(
                    f"attack on or by an undeclared argument: {name!r}"
                    " (list every argument, one per line, before the `#` line)",
                    Location(file, number, column),
                )
        attacks.append((attacker, attacked, number))
    return arguments, attacks


def _parse_i23(text: str, file: str | None, limits: Limits) -> tuple[dict[str, str], list[Attack]]:
    canonical = _i23_canonical(text, file, limits)
    if canonical is None:
        return _parse_i23_lines(text, file, limits)
    names, values = canonical
    name_of = ["", *names]
    named = list(map(name_of.__getitem__, values))
    # Line numbers are only needed for messages, and a well-formed file has none to give.
    pairs = zip(named[0::2], named[1::2], repeat(0), strict=False)
    return dict(zip(names, names, strict=True)), list(pairs)


def _i23_canonical(text: str, file: str | None, limits: Limits) -> tuple[list[str], list[int]] | None:
    """Read an ICCMA 2023 text laid out as the competition writes it, or return None.

    The layout: the header, then any `#` lines, then one `i j` per line with one space and no
    blank lines. That covers the competition's files (10^5 lines and more), and whole-text
    string operations read it several times faster than a loop over lines. Anything else
    (blank lines, tabs, comments between attacks, errors) returns None and goes to the
    line-by-line reader, which accepts every valid file and points at the offending line.
    Returns the names and the attacks as argument numbers, attacker and target alternating.
    """
    if "\r" in text:
        text = text.replace("\r\n", "\n")
    first = text.find("\n")
    first = len(text) if first < 0 else first
    header = _I23_HEADER.fullmatch(text[:first].strip())
    if header is None:
        return None
    size = _declared(header, file, 1, limits)
    rest = text[first + 1 :]
    comments: list[str] = []
    uniform = False
    if rest[:1] == "#":
        last = rest.rfind("\n#")
        end = rest.find("\n", last + 1 if last >= 0 else 0)
        end = len(rest) if end < 0 else end
        block = rest[:end]
        if block.count("\n") != block.count("\n#"):
            return None  # a line in the block does not start with `#`
        if not block.isascii() or any(brk in block for brk in "\r\v\f\x1c\x1d\x1e"):
            return None  # line breaks other than \n, which the line reader splits at, as splitlines() does
        # `# name` on every line, as the competition writes them: split at `\n# `, strip only if needed.
        uniform = block.startswith("# ") and block.count("\n# ") == block.count("\n")
        comments = block[2:].split("\n# ") if uniform else list(map(str.strip, block[1:].split("\n#")))
        rest = rest[end + 1 :]
    if rest and rest[-1] != "\n":
        rest += "\n"
    # The layout check proves every line is `i j` in ASCII digits without a leading zero, which
    # are exactly JSON's integers: the C JSON parser reads them three times faster than int().
    if _I23_ATTACKS.fullmatch(rest) is None:
        return None
    values: list[int] = json.loads("[" + rest.translate(_COMMAS) + "0]")
    values.pop()  # the 0 that closes the list after the last comma
    if values and max(values) > size:
        return None
    names = _names(comments, size)
    if names is None and uniform and len(comments) == size:  # blanks around a name: strip them
        names = _names(list(map(str.strip, comments)), size)
    return names or list(map(str, range(1, size + 1))), values


def _declared(header: re.Match[str], file: str | None, line: int, limits: Limits) -> int:
    """Return the N of a `p af N` header, refusing one above the limit before anything is allocated."""
    digits = header.group(1).lstrip("0") or "0"
    if len(digits) > len(str(limits.max_items)) or int(digits) > limits.max_items:
        shown = f"{int(digits):,}" if len(digits) <= _SHOWN_DIGITS else f"a {len(digits)}-digit number of"
        raise ParseError(_too_many(shown, limits), Location(file, line, 1))
    return int(digits)


def _parse_i23_lines(text: str, file: str | None, limits: Limits) -> tuple[dict[str, str], list[Attack]]:
    size: int | None = None
    comments: list[str] = []
    attacks: list[tuple[str, str, int]] = []
    for number, raw in enumerate(text.splitlines(), 1):
        if not raw or raw[0] == "#":
            if raw:
                comments.append(raw[1:].strip())
            continue
        parts = raw.split()
        if not parts:
            continue
        if size is None:
            header = _I23_HEADER.fullmatch(raw.strip())
            if header is None:
                raise ParseError(
                    f"the first line must be the header `p af N`, got {raw.strip()[:60]!r}"
                    " (N is the number of arguments)",
                    Location(file, number, 1),
                )
            size = _declared(header, file, number, limits)
            continue
        if len(parts) != 2 or not parts[0].isdigit() or not parts[1].isdigit():  # noqa: PLR2004
            raise ParseError(
                f"an attack line is two argument numbers, got {raw.strip()[:60]!r}"
                " (write `1 2` for 1 attacks 2)",
                Location(file, number, 1),
            )
        first, second = parts
        for token, column in ((first, raw.find(first) + 1), (second, raw.rfind(second) + 1)):
            if not 0 < int(token) <= size:
                raise ParseError(
                    f"argument number out of range: {token} (the header declares arguments 1..{size})",
                    Location(file, number, column),
                )
        attacks.append((str(int(first)), str(int(second)), number))
    if size is None:
        raise ParseError("no `p af N` header (an ICCMA 2023 file starts with it)", Location(file, 1, 1))
    numbers = [str(k) for k in range(1, size + 1)]
    names = _names(comments, size)
    if names is None:
        return dict(zip(numbers, numbers, strict=True)), attacks
    rename = dict(zip(numbers, names, strict=True))
    return dict(zip(names, names, strict=True)), [(rename[a], rename[b], n) for a, b, n in attacks]


def _names(comments: list[str], size: int) -> list[str] | None:
    """Return the original names the comment lines give, or None when they give none.

    Only an exact one-name-per-argument list counts: anything else is ordinary comments.
    """
    if len(comments) != size or size == 0:
        return None
    # Whole-list checks, for 10^5 names: every name non-empty and free of whitespace and of the
    # separator (NUL joins them: it is neither), all different.
    joined = "\0".join(comments)
    # str.split() splits at what str.isspace() calls whitespace, five times faster than a regex:
    # its first part is the whole text exactly when the text holds none.
    spaced = (joined.split(None, 1) or [""])[0] != joined
    if not all(comments) or spaced or _SEPARATOR in joined or len(set(comments)) != size:
        return None
    return list(comments)


def _build(
    names: list[str],
    labels: list[str] | None,
    numbers: list[int],
    *,
    file: str | None,
    dialect: str,
    limits: Limits = DEFAULT_LIMITS,
) -> NumberedMap:
    # The parsers have checked every name (non-empty, no whitespace, distinct) and every attack
    # (between declared names): the map is built from them without re-running the model's checks,
    # and only when something asks for its parts.
    _check_count(len(names), limits, Location(file, 1, 1))
    return NumberedMap.from_numbers(_title(file, dialect), names, numbers, dialect=dialect, labels=labels)


def _title(file: str | None, dialect: str) -> str:
    if file:
        stem = file.replace("\\", "/").rsplit("/", 1)[-1]
        return stem or "Abstract argumentation framework"
    return f"Abstract argumentation framework ({dialect})"
