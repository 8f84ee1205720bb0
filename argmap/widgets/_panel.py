"""What the Explorer's panels show, as JSON-ready data: switches, verdict, critical evidence.

Pure functions of the model and an evaluation, so they are tested without a notebook.
"""

from __future__ import annotations

import re
from collections import deque
from itertools import chain
from typing import TYPE_CHECKING, Any, Final

from argmap._text import shorten
from argmap.errors import ArgmapError
from argmap.model import ArgumentMap, Evidence, Position, Question

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

    from argmap.evaluation import CriticalItem, Evaluation
    from argmap.evaluation.labelling import Verdict

__all__ = [
    "READING",
    "critical_data",
    "evidence_items",
    "explanation_title",
    "group_items",
    "id_order",
    "in_words",
    "line_of_argument",
    "palette_data",
    "part_names",
    "short_speaker",
    "shorten",
    "statement_labels",
    "verdict_data",
    "verdicts_data",
]


def id_order(argument_map: ArgumentMap) -> dict[str, int]:
    """Rank every id that can be switched off, in the order `off` is kept: statements, arguments, lines."""
    ids = chain(
        (statement.id for statement in argument_map.statements),
        (argument.id for argument in argument_map.arguments),
        (line.id for line in argument_map.lines),
    )
    return {id_: rank for rank, id_ in enumerate(ids)}


SHORT_QUOTE: Final = 72
"""Characters of a quote shown beside a switch; the full quote is in the tooltip."""
SHORT_GROUP: Final = 48
SHORT_TITLE: Final = 60
"""Characters of a statement's label in a heading such as "Why does ‘…’ fall?"."""
SHORT_NAME: Final = 48
"""Characters of a statement's label where a sentence names it in place of its id."""
SHORT_CRITICAL: Final = 96
"""Characters of a critical part's label: two lines in the panel."""
BAR_SEGMENTS: Final = 10
"""Segments in the strength bar the renderer draws in each node under gradual semantics."""
READING: Final = {"in": "stands", "out": "falls", "undecided": "open", "off": "off"}
"""The word for each status, as the legend and every panel say it."""


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
    if argument.title:
        return f"{stance} “{target}”: {shorten(argument.title, SHORT_GROUP)}"
    premise = shorten(argument_map.statement(argument.premises[0]).label, SHORT_GROUP)
    more = f" + {len(argument.premises) - 1} more" if len(argument.premises) > 1 else ""
    return f"{stance} “{target}”: {premise}{more}"


def _line_of(
    statement_id: str,
    up: dict[str, list[tuple[str, str]]],
    in_line: dict[str, str],
) -> str | None:
    """Return the first line of argument (breadth first, going up) that the statement feeds."""
    queue = deque([statement_id])
    seen = {statement_id}
    while queue:
        current = queue.popleft()
        for argument_id, conclusion in up.get(current, ()):
            line = in_line.get(argument_id)
            if line is not None:
                return line
            if conclusion not in seen:
                seen.add(conclusion)
                queue.append(conclusion)
    return None


def _first_line(argument_map: ArgumentMap) -> dict[str, str]:
    """Map each argument to the first line of argument that lists it."""
    first: dict[str, str] = {}
    for line in argument_map.lines:
        for argument_id in line.arguments:
            first.setdefault(argument_id, line.id)
    return first


def _source_note(argument_map: ArgumentMap, evidence: Evidence) -> str:
    source = argument_map.source(evidence.source)
    details = ", ".join(part for part in (source.author, source.date, evidence.locator) if part)
    return f"{source.title} ({details})" if details else source.title


def _argument_rank(argument_map: ArgumentMap, argument_id: str, order: dict[str, int]) -> int:
    return min(order[premise] for premise in argument_map.argument(argument_id).premises)


def evidence_items(argument_map: ArgumentMap) -> list[dict[str, Any]]:
    """Return one switch per piece of evidence, grouped, in reading order.

    Evidence that feeds a line of argument (the map's ``lines``) is grouped under that line; other
    evidence under the argument through which it reaches a position. Lines come first, in the
    order they are declared; then the other groups in the order of their first premise in the
    map; evidence in declaration order.
    """
    up = _upward(argument_map)
    in_line = _first_line(argument_map)
    order = {statement.id: index for index, statement in enumerate(argument_map.statements)}
    argument_order = {argument.id: index for index, argument in enumerate(argument_map.arguments)}
    line_order = {line.id: index for index, line in enumerate(argument_map.lines)}
    unplaced = (2, len(order), len(argument_order))
    items: list[tuple[tuple[tuple[int, int, int], int], dict[str, Any]]] = []
    for evidence in argument_map.evidence:
        line = _line_of(evidence.id, up, in_line) if in_line else None
        group = None if line is not None else line_of_argument(argument_map, evidence.id, up)
        rank: tuple[int, int, int]
        if line is not None:
            group_id, group_label, rank = line, argument_map.line(line).title, (0, line_order[line], 0)
        elif group is None:
            group_id, group_label, rank = "", "Not connected to a position", unplaced
        else:
            group_id, group_label = group, _group_label(argument_map, group)
            rank = (1, _argument_rank(argument_map, group, order), argument_order[group])
        speaker = f"\n— {evidence.speaker}" if evidence.speaker else ""
        item = {
            "id": evidence.id,
            "label": shorten(evidence.text or evidence.quote, SHORT_QUOTE),
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


def group_items(argument_map: ArgumentMap) -> list[dict[str, Any]]:
    """Return the switch panel's groups in display order; a line of argument has its own switch.

    Every line is listed, even one with no evidence under it, so that it can be switched off;
    other groups are those the evidence items name, in their order.
    """
    groups: list[dict[str, Any]] = [
        {
            "id": line.id,
            "label": line.title,
            "line": True,
            "title": _line_tooltip(argument_map, line.id),
        }
        for line in argument_map.lines
    ]
    seen = {line.id for line in argument_map.lines}
    for item in evidence_items(argument_map):
        if item["group"] not in seen:
            seen.add(item["group"])
            groups.append({"id": item["group"], "label": item["group_label"], "line": False, "title": ""})
    return groups


def _line_tooltip(argument_map: ArgumentMap, line_id: str) -> str:
    line = argument_map.line(line_id)
    names = [argument_map.argument(argument_id).label for argument_id in line.arguments]
    note = f"\n{line.note}" if line.note else ""
    return f"{line.title}: switches off {', '.join(names)}{note}"


def explanation_title(argument_map: ArgumentMap, statement_id: str, status: str) -> str:
    """Return the heading above an explanation, naming the statement by its label.

    >>> from argmap.model import ArgumentMap
    >>> m = ArgumentMap.build("t"); _ = m.claim("c", "Tea calms.")
    >>> explanation_title(m.finish(), "c", "out")
    'Why does ‘Tea calms.’ fall?'
    """
    label = shorten(argument_map.statement(statement_id).label, SHORT_TITLE)
    verb = {"in": "does ‘{}’ stand", "out": "does ‘{}’ fall"}.get(
        status, "is ‘{}’ " + READING.get(status, status)
    )
    return f"Why {verb.format(label)}?"


def statement_labels(argument_map: ArgumentMap) -> dict[str, str]:
    """Return every statement's label, shortened for a list or a screen reader, by id."""
    return {statement.id: shorten(statement.label, SHORT_TITLE) for statement in argument_map.statements}


def _number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def part_names(argument_map: ArgumentMap) -> dict[str, str]:
    """Return the words a reader knows each part by, keyed by id, for ids that are not words already.

    A statement is its quoted label, an argument or line its title; an argument with no title
    is named by its first premise ("from ‘…’"). Ids that read as numbers are left out, so that
    no figure in a sentence is taken for an id.

    >>> from argmap.model import ArgumentMap
    >>> m = ArgumentMap.build("t"); tea = m.position("tea", "Tea")
    >>> _ = m.claim("c", "Tea calms.", supports=tea)
    >>> part_names(m.finish())
    {'tea': '‘Tea’', 'c': '‘Tea calms.’', 'c.pro.tea': 'from ‘Tea calms.’'}
    """
    names: dict[str, str] = {}
    for statement in argument_map.statements:
        names[statement.id] = f"‘{shorten(statement.label, SHORT_NAME)}’"
    for argument in argument_map.arguments:
        if argument.title:
            names[argument.id] = f"“{argument.title}”"
        else:
            more = len(argument.premises) - 1
            extra = f" and {more} more" if more else ""
            names[argument.id] = f"from {names[argument.premises[0]]}{extra}"
    for line in argument_map.lines:
        names[line.id] = f"“{line.title}”"
    return {id_: name for id_, name in names.items() if name.strip("‘’“”") != id_ and not _number(id_)}


_TITLED_ID: Final = re.compile(r"” \(([^()\s]+)\)")
"""An id in brackets after a title the sentence already gives: “No weapons” (a-no-arms)."""
_LABELLED_ID: Final = re.compile(r"(\S+) \((“[^”]*”)\)")
"""An id before the text the sentence already quotes: c-no-arms (“China has not…”)."""
_TOKEN: Final = re.compile(r"\S+")
_OTHER_WORDS: Final = re.compile(r"(?<![\w.-])(undecided|contested)(?![\w-])")
"""What engines call a status the panels call "open": one word per status, as the legend says."""
_LEAD: Final = "('\"‘“["
_TRAIL: Final = ")'\"’”.,;:!?]"


def in_words(text: str, names: Mapping[str, str]) -> str:
    """Return ``text`` with the ids in ``names`` replaced by the words a reader knows them by.

    A status is named as the legend names it: "undecided" (and "contested") read "open".

    >>> in_words("p-a falls: argument “Arms” (a-arms) for p-b applies; c-x (“China…”) stands.",
    ...          {"p-a": "‘Alliance’", "p-b": "‘Partners’", "a-arms": "“Arms”", "c-x": "‘China’"})
    '‘Alliance’ falls: argument “Arms” for ‘Partners’ applies; “China…” stands.'
    """
    if not text:
        return text
    text = _OTHER_WORDS.sub("open", text)
    if not names:
        return text

    def titled(match: re.Match[str]) -> str:
        return "”" if match.group(1) in names else match.group()

    def labelled(match: re.Match[str]) -> str:
        return match.group(2) if match.group(1) in names else match.group()

    def word(match: re.Match[str]) -> str:
        token = match.group()
        if token in names:
            return names[token]
        core = token.lstrip(_LEAD)
        bare = core.rstrip(_TRAIL)
        if bare not in names:
            return token
        # Quotes a sentence put around an id ('p-alliance') give way to the name's own.
        lead = token[: len(token) - len(core)].replace("'", "")
        trail = core[len(bare) :].replace("'", "")
        return f"{lead}{names[bare]}{trail}"

    text = _TITLED_ID.sub(titled, text)
    text = _LABELLED_ID.sub(labelled, text)
    return _TOKEN.sub(word, text)


def _is_gradual(evaluation: Evaluation) -> bool:
    from argmap.evaluation import semantics  # noqa: PLC0415  # the registry, read when asked

    try:
        return semantics(evaluation.semantics).gradual
    except ArgmapError:  # an evaluation of a semantics no longer registered: what it holds says
        return bool(evaluation.strengths)


def verdict_data(
    argument_map: ArgumentMap, evaluation: Evaluation, verdict: Verdict | None = None
) -> dict[str, Any]:
    """Return a verdict (by default the first question's) with each position's label, for the verdict panel.

    ``summary`` is the verdict's sentence with the question and positions named by their text,
    not their ids; ``question_label`` is the question's text ("" with no question); ``gradual``
    comes from the semantics' registered record.
    """
    data = (evaluation.verdict if verdict is None else verdict).to_data()
    summary = data["text"]
    named = [position["id"] for position in data["positions"]]
    if data["question"]:
        named.append(data["question"])
    labels = {id_: f"‘{shorten(argument_map.statement(id_).label, SHORT_TITLE)}’" for id_ in named}
    for id_, label in labels.items():
        summary = summary.replace(repr(id_), label)
    for position in data["positions"]:
        if position["strength"] is not None:  # the scores: "(p-alliance 0.32, p-partnership 0.40)"
            score = f"{position['strength']:.2f}"
            summary = summary.replace(f"{position['id']} {score}", f"{labels[position['id']]} {score}")
    for position in data["positions"]:
        position["label"] = argument_map.statement(position["id"]).label
    data["summary"] = summary
    data["question_label"] = argument_map.statement(data["question"]).label if data["question"] else ""
    data["gradual"] = _is_gradual(evaluation)
    data["semantics"] = evaluation.semantics
    return data


def verdicts_data(argument_map: ArgumentMap, evaluation: Evaluation) -> list[dict[str, Any]]:
    """Return one verdict per question in declaration order (then the unattached positions')."""
    return [verdict_data(argument_map, evaluation, verdict) for verdict in evaluation.verdicts]


def critical_data(
    argument_map: ArgumentMap, items: Iterable[CriticalItem], names: Mapping[str, str] | None = None
) -> list[dict[str, Any]]:
    """Return the ranking of critical parts (evidence, claims, arguments, lines) as rows, in rank order.

    Labels and sentences name each part by its text or title (``names``, from ``part_names``),
    never by its id alone.
    """
    names = part_names(argument_map) if names is None else names
    rows = []
    for item in items:
        label = item.label
        if label == item.id and item.id in names:  # an argument with no title: named by a premise
            label = names[item.id]
        rows.append(
            {
                "id": item.id,
                "kind": item.kind,
                "label": shorten(label, SHORT_CRITICAL),
                "changes": list(item.changes),
                "delta": item.delta,
                "text": in_words(item.text, names),
            }
        )
    return rows


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
