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
    "shorten",
    "short_speaker",
    "verdict_data",
]

SHORT_QUOTE: Final = 72
"""Characters of a quote shown beside a switch; the full quote is in the tooltip."""
SHORT_GROUP: Final = 60


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


def _upward(argument_map: ArgumentMap) -> dict[str, list[str]]:
    """Map each statement to the statements it bears on (as premise or undercutter), in order."""
    up: dict[str, list[str]] = {}
    for argument in argument_map.arguments:
        for statement in (*argument.premises, *argument.undercutters):
            targets = up.setdefault(statement, [])
            if argument.conclusion not in targets:
                targets.append(argument.conclusion)
    return up


def line_of_argument(argument_map: ArgumentMap, statement_id: str, up: dict[str, list[str]] | None = None) -> str:
    """Return the id of the line of argument a statement backs: the statement just below a position.

    The search goes up through the arguments the statement is a premise or undercutter of, in
    declaration order, and stops at the first position (or question) reached. A statement that
    bears on a position directly is its own line; one that reaches no position belongs to the
    topmost statement it reaches.
    """
    up = _upward(argument_map) if up is None else up
    queue = deque([statement_id])
    seen = {statement_id}
    last = statement_id
    while queue:
        current = queue.popleft()
        last = current
        for target in up.get(current, ()):
            if target in seen:
                continue
            if isinstance(argument_map.statement(target), Position | Question):
                return current
            seen.add(target)
            queue.append(target)
    return last


def _source_note(argument_map: ArgumentMap, evidence: Evidence) -> str:
    source = argument_map.source(evidence.source)
    details = ", ".join(part for part in (source.author, source.date, evidence.locator) if part)
    return f"{source.title} ({details})" if details else source.title


def evidence_items(argument_map: ArgumentMap) -> list[dict[str, Any]]:
    """Return one switch per piece of evidence, grouped by line of argument, groups in map order."""
    up = _upward(argument_map)
    order = {statement.id: index for index, statement in enumerate(argument_map.statements)}
    items: list[dict[str, Any]] = []
    for evidence in argument_map.evidence:
        group = line_of_argument(argument_map, evidence.id, up)
        group_statement = argument_map.statement(group)
        group_label = shorten(group_statement.label, SHORT_GROUP)
        if group == evidence.id:
            targets = up.get(evidence.id, [])
            if targets:
                group = targets[0]
                group_label = "Directly on: " + shorten(argument_map.statement(group).label, SHORT_GROUP)
            else:
                group_label = "Not connected to a position"
        speaker = f"\n— {evidence.speaker}" if evidence.speaker else ""
        items.append(
            {
                "id": evidence.id,
                "label": shorten(evidence.text or evidence.quote),
                "speaker": short_speaker(evidence.speaker),
                "title": f"{evidence.quote}{speaker}\n{_source_note(argument_map, evidence)}",
                "quote": evidence.quote,
                "source": argument_map.source(evidence.source).title,
                "group": group,
                "group_label": group_label,
                "_order": (order.get(group, len(order)), order[evidence.id]),
            }
        )
    items.sort(key=lambda item: item["_order"])
    for item in items:
        del item["_order"]
    return items


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
