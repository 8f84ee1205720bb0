"""Detail levels: the part of a map that ``compact`` and ``outline`` draw, and where evidence goes.

``full`` draws the map as it is. The other two draw the map without its evidence: an argument
whose premises are all evidence is not drawn, an argument with some evidence premises keeps the
others, and an evidence undercutter is dropped from the argument it undercuts. In ``compact``
each piece of evidence becomes a row on the card it bears on (its host): the conclusion of its
first argument, else the conclusion of the first argument it undercuts (evidence that is only
ever a conclusion has no card). Both draw each line of argument as a titled cluster, the lines
in two tiers so that the map fits a slide's shape. Structure only, never statuses, so switching
evidence off moves nothing.
"""

from __future__ import annotations

from collections import deque
from typing import TYPE_CHECKING, Final

import attrs
from attrs import define

from argmap._text import suggest
from argmap.errors import RenderError
from argmap.model import Argument, ArgumentMap, Evidence, Line
from argmap.rendering.layout import has_junction
from argmap.rendering.metrics import DETAILS, Detail

if TYPE_CHECKING:
    from collections.abc import Mapping

__all__ = ["Row", "View", "check_detail", "view"]


@define(frozen=True)
class Row:
    """One piece of evidence collapsed into the card of the statement it bears on."""

    evidence: Evidence
    role: str
    """``pro``, ``con`` or ``undercut``: how the evidence bears on its host."""
    host: str
    """The id of the statement whose card shows the evidence."""


@define(frozen=True)
class View:
    """What one detail level draws: the map without evidence (or the map) and the collapsed rows."""

    map: ArgumentMap
    rows: Mapping[str, tuple[Row, ...]]
    """Per host statement id, its pieces of evidence in map order (``compact`` only)."""
    lines: Mapping[str, tuple[str, ...]]
    """Per line id (not in ``full``), the statements and junctions its cluster holds."""
    steps: Mapping[str, int] = attrs.field(factory=dict)
    """Per argument id (not in ``full``), how many ranks below its conclusion it is drawn."""


def check_detail(detail: str) -> Detail:
    """Return ``detail`` if it names a level; else a RenderError with the levels and a suggestion."""
    for level in DETAILS:
        if detail == level:
            return level
    raise RenderError(
        f"render: unknown detail level: {detail!r}{suggest(str(detail), DETAILS)}"
        f" (use one of {', '.join(DETAILS)})"
    )


def view(argument_map: ArgumentMap, detail: Detail) -> View:
    """Return what ``detail`` draws of ``argument_map``."""
    if detail == "full":
        return View(argument_map, {}, {})
    evidence = {item.id: item for item in argument_map.evidence}
    if not evidence:
        reduced = argument_map
        hosts: dict[str, list[Row]] = {}
    else:
        reduced, hosts = _without_evidence(argument_map, evidence)
    rows = {key: tuple(found) for key, found in hosts.items()} if detail == "compact" else {}
    members = _line_members(reduced)
    return View(reduced, rows, members, _steps(reduced, members))


def _without_evidence(
    argument_map: ArgumentMap, evidence: Mapping[str, Evidence]
) -> tuple[ArgumentMap, dict[str, list[Row]]]:
    hosts: dict[str, list[Row]] = {}
    placed: set[str] = set()

    def host(key: str, conclusion: str, role: str) -> None:
        if key in placed or conclusion in evidence:
            return
        placed.add(key)
        hosts.setdefault(conclusion, []).append(Row(evidence[key], role, conclusion))

    arguments: list[Argument] = []
    for argument in argument_map.arguments:
        for premise in argument.premises:
            if premise in evidence:
                host(premise, argument.conclusion, argument.stance)
    for argument in argument_map.arguments:
        for undercutter in argument.undercutters:
            if undercutter in evidence:
                host(undercutter, argument.conclusion, "undercut")
    for argument in argument_map.arguments:
        premises = tuple(p for p in argument.premises if p not in evidence)
        if not premises or argument.conclusion in evidence:
            continue
        undercutters = tuple(u for u in argument.undercutters if u not in evidence)
        if premises != argument.premises or undercutters != argument.undercutters:
            argument = attrs.evolve(argument, premises=premises, undercutters=undercutters)  # noqa: PLW2901
        arguments.append(argument)
    drawn = {argument.id for argument in arguments}
    lines: list[Line] = []
    for line in argument_map.lines:
        kept = tuple(key for key in line.arguments if key in drawn)
        if kept:
            lines.append(line if kept == line.arguments else attrs.evolve(line, arguments=kept))
    # Map order for every host's rows, whichever argument placed them.
    order = {key: index for index, key in enumerate(evidence)}
    for found in hosts.values():
        found.sort(key=lambda row: order[row.evidence.id])
    reduced = ArgumentMap(
        title=argument_map.title,
        description=argument_map.description,
        sources=argument_map.sources,
        statements=tuple(s for s in argument_map.statements if s.id not in evidence),
        arguments=tuple(arguments),
        lines=tuple(lines),
    )
    return reduced, hosts


def _line_members(argument_map: ArgumentMap) -> dict[str, tuple[str, ...]]:
    """Return each line's cluster members: its arguments' junctions and the statements they join.

    A statement goes to the line with the most arguments that touch it (as premise, conclusion or
    undercutter), the first such line in map order on a tie; a junction to its argument's first
    line. Positions and questions stay outside every line: lines meet at them.
    """
    tops = {s.id for s in (*argument_map.questions, *argument_map.positions)}
    touches: dict[str, dict[str, int]] = {}
    junctions: dict[str, str] = {}
    for line in argument_map.lines:
        for key in line.arguments:
            argument = argument_map.argument(key)
            if has_junction(argument):
                junctions.setdefault(f"arg:{key}", line.id)
            for statement in (*argument.premises, argument.conclusion, *argument.undercutters):
                if statement not in tops:
                    counts = touches.setdefault(statement, {})
                    counts[line.id] = counts.get(line.id, 0) + 1
    owner = {key: max(counts, key=lambda line: counts[line]) for key, counts in touches.items()}
    owner.update(junctions)
    members: dict[str, list[str]] = {line.id: [] for line in argument_map.lines}
    statements = [s.id for s in argument_map.statements]
    for key in (*statements, *(f"arg:{a.id}" for a in argument_map.arguments)):
        line_id = owner.get(key)
        if line_id is not None:
            members[line_id].append(key)
    return {key: tuple(found) for key, found in members.items() if found}


def _steps(argument_map: ArgumentMap, members: Mapping[str, tuple[str, ...]]) -> dict[str, int]:
    """Return the arguments drawn more than one rank below their conclusion, with the distance.

    Side by side, the lines of argument make a map far wider than a slide. So the lines go in two
    tiers: the shallow ones right under the positions, the deep ones below the deepest of those
    (their reasons for a position are drawn that many ranks lower), each tier about half as wide.
    """
    tops = {s.id for s in (*argument_map.questions, *argument_map.positions)}
    depth: dict[str, int] = {}
    width: dict[str, float] = {}
    for line_id, keys in members.items():
        ranks = _ranks(argument_map, line_id)
        depth[line_id] = max(ranks.values(), default=1)
        per_rank: dict[int, float] = {}
        for key in keys:
            rank = ranks.get(key, 1)
            per_rank[rank] = per_rank.get(rank, 0) + (0.6 if key.startswith("arg:") else 1)
        width[line_id] = max(per_rank.values(), default=1)
    if len(members) < _TIERED_FROM:
        return {}
    total = sum(width.values())
    shallow: list[str] = []
    filled = 0.0
    for line_id in sorted(members, key=lambda key: depth[key]):
        if filled + width[line_id] / 2 > total / 2:
            break
        shallow.append(line_id)
        filled += width[line_id]
    if not shallow or len(shallow) == len(members):
        return {}
    below = max(depth[line_id] for line_id in shallow) + 1
    lower: dict[str, int] = {}
    for line in argument_map.lines:
        if line.id in members and line.id not in shallow:
            for key in line.arguments:
                if argument_map.argument(key).conclusion in tops:
                    lower[key] = below
    return lower


_TIERED_FROM: Final = 4


def _ranks(argument_map: ArgumentMap, line_id: str) -> dict[str, int]:
    """Return how many ranks below its position each statement and junction of a line is drawn."""
    tops = {s.id for s in (*argument_map.questions, *argument_map.positions)}
    line = argument_map.line(line_id)
    ranks: dict[str, int] = {}
    queue = deque(
        (argument_map.argument(key), 0)
        for key in line.arguments
        if argument_map.argument(key).conclusion in tops
    )
    while queue:
        argument, base = queue.popleft()
        premise_rank = base + 1
        if has_junction(argument):
            ranks.setdefault(f"arg:{argument.id}", base + 1)
            premise_rank = base + 2
        for key in (*argument.premises, *argument.undercutters):
            if key in ranks or key in tops:
                continue
            ranks[key] = premise_rank
            queue.extend((below, premise_rank) for below in (*argument_map.pro(key), *argument_map.con(key)))
    return ranks
