"""What the Explorer's panels show, as JSON-ready data: evidence switches, verdict, critical evidence.

Pure functions of the model and an evaluation, so they are tested without a notebook.
"""

from __future__ import annotations

from collections import deque
from typing import TYPE_CHECKING, Any, Final

from argmap.model import ArgumentMap, Evidence, Position, Question

if TYPE_CHECKING:
    from collections.abc import Iterable

    from argmap.evaluation import CriticalItem, Evaluation

__all__ = [
    "critical_data",
    "evidence_items",
    "line_of_argument",
    "palette_data",
    "short_speaker",
    "shorten",
    "verdict_data",
]

SHORT_QUOTE: Final = 72
"""Characters of a quote shown beside a switch; the full quote is in the tooltip."""
SHORT_GROUP: Final = 48
BAR_SEGMENTS: Final = 10
"""Segments in the strength bar the renderer draws in each node under gradual semantics."""


def shorten(text: str, limit: int = SHORT_QUOTE) -> str:
    """Return ``text`` on one line, cut at a word boundary to at most ``limit`` characters.

    >>> shorten("“shared threat perceptions” lie at the core of their bilateral relations", 40)
    '“shared threat perceptions” lie at the…'
    >>> shorten("short")
    'short'
    """
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    cut = flat[: limit - 1]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:.–-") + "…"


def short_speaker(speaker: str | None) -> str:
    """Return the speaker's name without the affiliation after the first comma.

    >>> short_speaker("Ian Storey, ISEAS – Yusof Ishak Institute")
    'Ian Storey'
    >>> short_speaker(None)
    ''
    """
    if not speaker:
        return ""
    return speaker.split(",", 1)[0].strip()


def _upward(argument_map: ArgumentMap) -> dict[str, list[tuple[str, str]]]:
    """Map each statement to (argument, conclusion) for the arguments it is a premise or undercutter of."""
    up: dict[str, list[tuple[str, str]]] = {}
    for argument in argument_map.arguments:
        for statement in dict.fromkeys((*argument.premises, *argument.undercutters)):
            up.setdefault(statement, []).append((argument.id, argument.conclusion))
    return up


def line_of_argument(
    argument_map: ArgumentMap, statement_id: str, up: dict[str, list[tuple[str, str]]] | None = None
) -> str | None:
    """Return the id of the line of argument a statement backs: the argument that reaches a position.

    The search goes up, breadth first, through the arguments the statement is a premise or
    undercutter of, in declaration order, and returns the first argument whose conclusion is a
    position (or question). None when the statement reaches no position.

    >>> from argmap.model import ArgumentMap
    >>> m = ArgumentMap.build("Tea or coffee?")
    >>> q = m.question("q", "Which should we drink?")
    >>> tea = m.position("tea", "Tea")
    >>> calm = m.claim("calm", "Tea calms.", supports=tea)
    >>> src = m.source("s", "A survey")
    >>> m.evidence("ev", "Tea calms 8 in 10 drinkers.", source=src, supports=calm)
    'ev'
    >>> line_of_argument(m.finish(), "ev")
    'calm.pro.tea'
    """
    up = _upward(argument_map) if up is None else up
    queue = deque([statement_id])
    seen = {statement_id}
    while queue:
        current = queue.popleft()
        for argument_id, conclusion in up.get(current, ()):
            if isinstance(argument_map.statement(conclusion), Position | Question):
                return argument_id
            if conclusion not in seen:
                seen.add(conclusion)
                queue.append(conclusion)
    return None


def _group_label(argument_map: ArgumentMap, argument_id: str) -> str:
    argument = argument_map.argument(argument_id)
    stance = "For" if argument.is_pro else "Against"
    target = shorten(argument_map.statement(argument.conclusion).label, 26)
    premise = shorten(argument_map.statement(argument.premises[0]).label, SHORT_GROUP)
    more = f" + {len(argument.premises) - 1} more" if len(argument.premises) > 1 else ""
    return f"{stance} “{target}”: {premise}{more}"


def _source_note(argument_map: ArgumentMap, evidence: Evidence) -> str:
    source = argument_map.source(evidence.source)
    details = ", ".join(part for part in (source.author, source.date, evidence.locator) if part)
    return f"{source.title} ({details})" if details else source.title


def evidence_items(argument_map: ArgumentMap) -> list[dict[str, Any]]:
    """Return one switch per piece of evidence, grouped by line of argument, in reading order.

    Groups come in the order of their first premise in the map; evidence in declaration order.
    """
    up = _upward(argument_map)
    order = {statement.id: index for index, statement in enumerate(argument_map.statements)}
    argument_order = {argument.id: index for index, argument in enumerate(argument_map.arguments)}
    unplaced = (len(order), len(argument_order))
    items: list[tuple[tuple[tuple[int, int], int], dict[str, Any]]] = []
    for evidence in argument_map.evidence:
        group = line_of_argument(argument_map, evidence.id, up)
        if group is None:
            group_id, group_label, rank = "", "Not connected to a position", unplaced
        else:
            argument = argument_map.argument(group)
            group_id, group_label = group, _group_label(argument_map, group)
            rank = (min(order[premise] for premise in argument.premises), argument_order[group])
        speaker = f"\n— {evidence.speaker}" if evidence.speaker else ""
        item = {
            "id": evidence.id,
            "label": shorten(evidence.text or evidence.quote),
            "speaker": short_speaker(evidence.speaker),
            "title": f"{evidence.quote}{speaker}\n{_source_note(argument_map, evidence)}",
            "quote": evidence.quote,
            "source": argument_map.source(evidence.source).title,
            "group": group_id,
            "group_label": group_label,
        }
        items.append(((rank, order[evidence.id]), item))
    items.sort(key=lambda pair: pair[0])
    return [item for _, item in items]


def verdict_data(argument_map: ArgumentMap, evaluation: Evaluation) -> dict[str, Any]:
    """Return the verdict on the first question with each position's label, for the verdict panel."""
    data = evaluation.verdict.to_data()
    for position in data["positions"]:
        position["label"] = argument_map.statement(position["id"]).label
    data["gradual"] = bool(evaluation.strengths)
    data["semantics"] = evaluation.semantics
    return data


def critical_data(argument_map: ArgumentMap, items: Iterable[CriticalItem]) -> list[dict[str, Any]]:
    """Return the critical-evidence ranking as rows for the bar chart, in rank order."""
    return [
        {
            "id": item.evidence_id,
            "label": shorten(argument_map.statement(item.evidence_id).label, 48),
            "changes": list(item.changes),
            "delta": item.delta,
            "text": item.text,
        }
        for item in items
    ]


def palette_data(theme: str) -> dict[str, Any]:
    """Return the theme's colours and status marks, so the browser restyles as a re-render would."""
    from argmap.rendering.dot import STATUS_MARKS  # noqa: PLC0415  # rendering only when a map is shown
    from argmap.rendering.themes import get_theme  # noqa: PLC0415

    palette = get_theme(theme)
    return {
        "statuses": {
            name: {
                "colour": style.colour,
                "badge_fill": style.badge_fill,
                "badge_text": style.badge_text,
                "line": style.line,
            }
            for name, style in palette.statuses.items()
        },
        "kinds": {
            name: {"fill": style.fill, "border": style.border, "text": style.text}
            for name, style in palette.kinds.items()
        },
        "marks": dict(STATUS_MARKS),
        "off_fill": palette.off_fill,
        "muted": palette.muted,
        "pro": palette.pro,
        "con": palette.con,
        "undercut": palette.undercut,
        "inactive": palette.inactive,
        "bar_fill": palette.bar_fill,
        "bar_empty": palette.bar_empty,
        "bar_segments": BAR_SEGMENTS,
    }
