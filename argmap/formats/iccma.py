r"""Abstract argumentation frameworks in the ICCMA formats, read as argument maps.

Three dialects are read:

- ``apx`` (ASPARTIX): ``arg(a).`` and ``att(a,b).`` facts, ``%`` comments;
- ``tgf`` (Trivial Graph Format): one argument per line, a ``#`` line, then one attack ``a b`` per line;
- ``i23`` (ICCMA 2023): a ``p af N`` header, then one attack ``i j`` per line over the arguments
  ``1..N``; ``#`` lines are comments. When the file has exactly one ``# name`` line per argument
  (as the competition's converted benchmarks do), the k-th such line names argument k and the
  names become the ids.

Each abstract argument becomes a Claim whose text is its name and which has no pro arguments, so
it stands unless attacked. Each attack ``(a, b)`` becomes a one-premise con argument with id
``a->b``. Statements keep the order of the file (for ``i23``: arguments 1..N), attacks likewise.

>>> m = loads("arg(a). arg(b). att(a,b).", dialect="apx")
>>> [s.id for s in m.statements], [(x.id, x.premises, x.conclusion, x.stance) for x in m.arguments]
(['a', 'b'], [('a->b', ('a',), 'b', 'con')])
>>> [s.id for s in loads("p af 2\n# x\n# y\n1 2\n", dialect="i23").statements]
['x', 'y']
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Final

from argmap.errors import Location, ParseError
from argmap.model import Argument, ArgumentMap, Claim

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = ["DIALECTS", "attack_id", "detect", "loads"]

DIALECTS: Final = ("apx", "tgf", "i23")

_SEPARATOR: Final = "->"

# One fact per match; several facts may share a line. Names are Prolog-like terms without
# whitespace, commas or parentheses (what ASPARTIX and the competitions use).
_APX_FACT: Final = re.compile(
    r"\s*(?:(arg)\s*\(\s*([^\s,()]+)\s*\)|(att)\s*\(\s*([^\s,()]+)\s*,\s*([^\s,()]+)\s*\))\s*\.\s*"
)
_I23_HEADER: Final = re.compile(r"p\s+af\s+(\d+)")


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
    for raw in text.splitlines():
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


def loads(text: str, *, file: str | None = None, dialect: str | None = None) -> ArgumentMap:
    """Read a framework as a map of claims and con arguments; ``dialect`` is detected when None.

    Raises ParseError with file:line:column and a fix for text that is not the dialect.
    """
    name = dialect if dialect is not None else detect(text)
    if name == "apx":
        arguments, attacks = _parse_apx(text, file)
    elif name == "tgf":
        arguments, attacks = _parse_tgf(text, file)
    elif name == "i23":
        arguments, attacks = _parse_i23(text, file)
    else:
        raise ParseError(
            f"unknown ICCMA dialect: {name!r} (use one of {', '.join(DIALECTS)})", Location(file)
        )
    return _build(arguments, attacks, file, name)


# -- parsers: each returns argument names (with the text shown) in file order, and attacks with
#    the line they were read from


Attack = tuple[str, str, int]


def _parse_apx(text: str, file: str | None) -> tuple[dict[str, str], list[Attack]]:
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


def _parse_i23(text: str, file: str | None) -> tuple[dict[str, str], list[Attack]]:
    # Fast path for well-formed files (the common case, up to 10^5 lines and more): whole-text
    # splits and one int() per token. Anything unexpected goes to the line-by-line reader,
    # which finds the offending line and column.
    lines = text.splitlines()
    comments = [line[1:].strip() for line in lines if line[:1] == "#"]
    body = [line for line in lines if line[:1] != "#" and line and not line.isspace()]
    header = _I23_HEADER.fullmatch(body[0].strip()) if body else None
    if header is not None:
        size = int(header.group(1))
        rest = body[1:]
        tokens = " ".join(rest).split()
        try:
            values = list(map(int, tokens))
        except ValueError:
            values = []
        if len(values) == len(tokens) == 2 * len(rest) and (
            not values or (min(values) > 0 and max(values) <= size)
        ):
            ids = _names(comments, size) or [str(k) for k in range(1, size + 1)]
            name_of = ["", *ids]
            named = list(map(name_of.__getitem__, values))
            # Line numbers are only needed for messages, and a well-formed file has none to give.
            pairs = zip(named[0::2], named[1::2], [0] * len(rest), strict=True)
            return dict(zip(ids, ids, strict=True)), list(pairs)
    return _parse_i23_lines(text, file)


def _parse_i23_lines(text: str, file: str | None) -> tuple[dict[str, str], list[Attack]]:
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
            size = int(header.group(1))
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
    names: list[str] = []
    for comment in comments:
        if not comment or any(c.isspace() for c in comment) or _SEPARATOR in comment:
            return None
        names.append(comment)
    if len(set(names)) != size:
        return None
    return names


def _build(
    arguments: dict[str, str], attacks: Iterable[Attack], file: str | None, dialect: str
) -> ArgumentMap:
    statements = [Claim(id=name, text=label) for name, label in arguments.items()]
    # A name holding the separator would make `a->b` ambiguous (or clash with a claim): number
    # the attacks instead, in file order.
    numbered = any(_SEPARATOR in name for name in arguments)
    con: list[Argument] = []
    seen: set[tuple[str, str]] = set()
    for attacker, attacked, _line in attacks:
        if (attacker, attacked) in seen:
            continue  # an attack is a relation: stating it twice changes nothing
        seen.add((attacker, attacked))
        identifier = f"attack-{len(con) + 1}" if numbered else attack_id(attacker, attacked)
        con.append(Argument(id=identifier, conclusion=attacked, premises=(attacker,), stance="con"))
    title = _title(file, dialect)
    description = (
        f"Abstract argumentation framework ({dialect}): {len(statements)} arguments, {len(con)} attacks."
    )
    return ArgumentMap(
        title=title, description=description, statements=tuple(statements), arguments=tuple(con)
    )


def _title(file: str | None, dialect: str) -> str:
    if file:
        stem = file.replace("\\", "/").rsplit("/", 1)[-1]
        return stem or "Abstract argumentation framework"
    return f"Abstract argumentation framework ({dialect})"
