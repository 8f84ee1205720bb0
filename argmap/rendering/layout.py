"""Layout hints: the order, groups and steps that make Graphviz draw a balanced map.

Rival positions keep their lines of argument together under them (lines that link to the other
side go next to it), and a claim's pieces of evidence go down in steps instead of side by side.
Everything here depends on the map's structure only, never on statuses or themes, so a picture
does not move when evidence is switched off.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from argmap.model import Argument, ArgumentMap

__all__ = [
    "DIRECTIONS",
    "GROUP_ATTRIBUTES",
    "RANKDIR",
    "argument_order",
    "clusters",
    "has_junction",
    "staggered",
]

DIRECTIONS: Final = ("TB", "BT", "LR", "RL")
"""Where the question sits: top (``TB``, the default), bottom, left or right."""

RANKDIR: Final = {"TB": "BT", "BT": "TB", "LR": "RL", "RL": "LR"}
"""Graphviz's rank direction per direction: edges run from premise to conclusion, so it is reversed."""

GROUP_ATTRIBUTES: Final = (
    'bgcolor="" class="argmap-group" id="" label="" margin="4" peripheries="0" tooltip=""'
)
"""A group's cluster is invisible: it would inherit the map's background, id and tooltip."""

_STAGGER_FROM: Final = 2
_STEPS: Final = 3
_GROUPED_FROM: Final = 2


def has_junction(argument: Argument) -> bool:
    """Return whether an argument is drawn as a node: linked premises, undercutters, or a title.

    Any other argument is one edge from its premise to its conclusion.
    """
    return len(argument.premises) > 1 or bool(argument.undercutters) or bool(argument.title)


def argument_order(argument_map: ArgumentMap) -> list[Argument]:
    """Return the arguments by conclusion, pros before cons: reasons then go left of objections."""
    order: list[Argument] = []
    for statement in argument_map.statements:
        order += argument_map.pro(statement.id)
        order += argument_map.con(statement.id)
    return order


def clusters(argument_map: ArgumentMap, order: list[Argument]) -> list[list[str]]:
    """Return, per position, the members of its group: itself and the lines of argument below it.

    A line of argument is one of the position's arguments with everything its premises rest on.
    There are groups only when at least two positions have two lines or more (else none).
    A statement belongs to the first position (in map order) that reaches it through premises, or,
    if it only undercuts, to the group of the argument it undercuts; a junction (``arg:<id>``)
    belongs to the group of its conclusion. Lines that link to other groups go next to them: last
    in the first group, first in the others, so the links between groups stay short. Within a
    line, statements keep the map's order, then junctions ``order``. Structure only, never
    statuses, so the layout does not move when they change.
    """
    positions = [position.id for position in argument_map.positions]
    owner = {key: index for index, key in enumerate(positions)}
    line_of: dict[str, str] = {}
    lines: list[list[str]] = [[] for _ in positions]

    def claim(start: str, index: int, line: str) -> None:
        # Depth first, premises in order; a stack rather than recursion: maps can be deep.
        stack = [start]
        while stack:
            key = stack.pop()
            if key in owner:
                continue
            owner[key] = index
            line_of[key] = line
            below = [p for a in (*argument_map.pro(key), *argument_map.con(key)) for p in a.premises]
            stack.extend(reversed(below))

    for index, position in enumerate(positions):
        lines[index] = [a.id for a in (*argument_map.pro(position), *argument_map.con(position))]
    if sum(len(group) >= _GROUPED_FROM for group in lines) < _GROUPED_FROM:
        # Reasons interleave only when rival positions each have several: else Graphviz's own
        # order is as good, and keeps small maps compact.
        return []
    for index, position in enumerate(positions):
        for argument in (*argument_map.pro(position), *argument_map.con(position)):
            for premise in argument.premises:
                claim(premise, index, argument.id)

    tops = frozenset(positions)

    def junction_line(argument: Argument) -> str:
        return argument.id if argument.conclusion in tops else line_of[argument.conclusion]

    for argument in argument_map.arguments:
        if argument.conclusion in owner:
            for undercutter in argument.undercutters:
                claim(undercutter, owner[argument.conclusion], junction_line(argument))
    group_of = {line: index for index, group in enumerate(lines) for line in group}
    links: dict[str, int] = {}
    for argument in argument_map.arguments:
        for tail in (*argument.premises, *argument.undercutters):
            for near, far in ((tail, argument.conclusion), (argument.conclusion, tail)):
                line = line_of.get(near)
                if line is not None and owner.get(far) != group_of[line]:
                    links[line] = links.get(line, 0) + 1
    members: dict[str, list[str]] = {}
    for statement in argument_map.statements:
        if statement.id in line_of:
            members.setdefault(line_of[statement.id], []).append(statement.id)
    for argument in order:
        if has_junction(argument) and argument.conclusion in owner:
            members.setdefault(junction_line(argument), []).append(f"arg:{argument.id}")
    clusters = []
    for index, position in enumerate(positions):
        ranked = sorted(lines[index], key=lambda line: links.get(line, 0))
        if index:
            ranked.reverse()
        clusters.append([position, *(key for line in ranked for key in members.get(line, ()))])
    return clusters


def staggered(argument_map: ArgumentMap) -> dict[str, int]:
    """Return the one-premise arguments whose leaf premise is drawn lower, with its rank distance.

    A claim with many pieces of evidence would put them all side by side and make the map very
    wide; its leaves are drawn in steps instead: every second one rank lower (a brick pattern),
    or, from three leaves on, in steps of three ranks. This depends only on the map's structure,
    never on statuses.
    """
    arguments = argument_map.arguments
    concluded = {argument.conclusion for argument in arguments}
    undercutters = {u for argument in arguments for u in argument.undercutters}
    uses: dict[str, int] = {}
    for argument in arguments:
        for premise in argument.premises:
            uses[premise] = uses.get(premise, 0) + 1
    # Per conclusion, its leaves: pros then cons, each in the map's order.
    leaves: dict[str, tuple[list[str], list[str]]] = {}
    for argument in arguments:
        if not has_junction(argument):
            premise = argument.premises[0]
            if premise not in concluded and premise not in undercutters and uses[premise] == 1:
                pros, cons = leaves.setdefault(argument.conclusion, ([], []))
                (pros if argument.is_pro else cons).append(argument.id)
    lower: dict[str, int] = {}
    for pros, cons in leaves.values():
        count = len(pros) + len(cons)
        if count >= _STAGGER_FROM:
            steps = _STEPS if count >= _STEPS else _STAGGER_FROM
            for index, key in enumerate((*pros, *cons)):
                if index % steps:
                    lower[key] = 1 + index % steps
    return lower
