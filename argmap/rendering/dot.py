"""From a map (and an evaluation) to DOT text: pure, deterministic, no Graphviz needed.

The layout depends only on the map's structure and the theme-independent sizes set here:
statuses, strengths and themes change colours and line styles, never a node's size. Every
status mark sits in a fixed-size cell, so switching evidence off moves nothing.

For a readable, balanced picture, rival positions keep their lines of argument together under
them (lines that link to the other side go next to it), and a claim's pieces of evidence go down
in steps instead of side by side.

>>> from argmap.model import ArgumentMap
>>> b = ArgumentMap.build("Tiny")
>>> b.question("q", "Why?")
'q'
>>> print(to_dot(b.finish(), legend=False).splitlines()[0])
digraph "argmap" {
"""

from __future__ import annotations

import difflib
import math
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Final

from attrs import define

from argmap.errors import EvaluationError, RenderError
from argmap.model import Argument, ArgumentMap, Claim, Evidence, Statement
from argmap.rendering import labels
from argmap.rendering.labels import escstring, html_attr, html_text, id_attr, xml_attr
from argmap.rendering.themes import Theme, get_theme

if TYPE_CHECKING:
    from argmap.evaluation import Evaluation

__all__ = ["BAR_SEGMENTS", "DIRECTIONS", "STATUS_MARKS", "Drawing", "build", "status_classes", "to_dot"]

DIRECTIONS: Final = ("TB", "BT", "LR", "RL")
"""Where the question sits: top (``TB``, the default), bottom, left or right."""

# Edges run from premise to conclusion, so Graphviz's rank direction is the reverse of ours.
_RANKDIR: Final = {"TB": "BT", "BT": "TB", "LR": "RL", "RL": "LR"}

STATUS_MARKS: Final = {"in": "√ stands", "out": "× falls", "undecided": "? open", "off": "○ off"}
"""The badge text per status: a glyph and a word, so a status never depends on colour alone.

The glyphs are ones Graphviz's own PNG renderer can draw."""

_CAPTIONS: Final = {"question": "QUESTION", "position": "POSITION", "claim": "CLAIM", "evidence": "EVIDENCE"}
_WRAP: Final = {"question": 36, "position": 28, "claim": 28, "evidence": 30}
_TEXT_SIZE: Final = {"question": 14, "position": 12.5, "claim": 11, "evidence": 10.5}
_QUOTE_LIMIT: Final = 150
_TITLE_LIMIT: Final = 48
_DESCRIPTION_LIMIT: Final = 420
_OPENING_QUOTES: Final = frozenset("“\"‘'«„‚")
_META_LIMIT: Final = 80
_BADGE_WIDTH: Final = 52
_CAPTION_WIDTH: Final = 62
_BADGE_HEIGHT: Final = 14
BAR_SEGMENTS: Final = 10
"""How many cells the strength bar has (gradual semantics); a strength fills them rounded half up."""

_BAR_SEGMENT_WIDTH: Final = 4
_FIGURE_WIDTH: Final = 24
_FONT: Final = "Helvetica"
_STAGGER_FROM: Final = 2
_STEPS: Final = 3
_GROUPED_FROM: Final = 2
_GROUP_ATTRIBUTES: Final = (
    'bgcolor="" class="argmap-group" id="" label="" margin="4" peripheries="0" tooltip=""'
)
_ANSWER_WEIGHT: Final = 4


@define(frozen=True, kw_only=True)
class Drawing:
    """DOT text plus what the SVG post-processor adds: data attributes per SVG element id.

    ``data`` holds each element's attributes as written into its SVG tag, escaped and in a fixed
    order, e.g. ``' data-argmap-id="c-x" data-kind="claim" data-status="in"'``.
    """

    dot: str
    data: Mapping[str, str]
    summary: str
    badges: bool = False
    """Whether statement nodes may carry a status badge (the map is evaluated or has some off)."""


@define(frozen=True)
class _Look:
    """What the evaluation says about one statement, as the drawing needs it."""

    status: str | None
    strength: float | None


def to_dot(
    argument_map: ArgumentMap,
    evaluation: Evaluation | None = None,
    *,
    off: Iterable[str] = (),
    theme: str = "default",
    direction: str = "TB",
    legend: bool = True,
) -> str:
    """Return the DOT text for ``argument_map``; see ``argmap.render`` for the options."""
    return build(argument_map, evaluation, off=off, theme=theme, direction=direction, legend=legend).dot


def status_classes(evaluation: Evaluation) -> dict[str, str]:
    """Return the CSS status class of every statement: ``{id: "argmap-status-in", ...}``.

    A widget swaps these on the SVG node groups (found by their model id) to restyle a map
    without a new layout, and rewrites the classed badge and strength bar (see ``argmap.rendering``).
    """
    return {key: f"argmap-status-{status.value}" for key, status in evaluation.statuses.items()}


def build(
    argument_map: ArgumentMap,
    evaluation: Evaluation | None = None,
    *,
    off: Iterable[str] = (),
    theme: str = "default",
    direction: str = "TB",
    legend: bool = True,
) -> Drawing:
    """Return the DOT text, the SVG data attributes and a plain-text summary of the map."""
    palette = get_theme(theme)
    if direction not in DIRECTIONS:
        raise RenderError(f"render: unknown direction: {direction!r} (use one of {', '.join(DIRECTIONS)})")
    switched_off = _check_off(argument_map, off, evaluation)
    looks = _looks(argument_map, evaluation, switched_off)
    gradual = evaluation is not None and bool(evaluation.strengths)
    marked = evaluation is not None or bool(switched_off)
    emitter = _Emitter(argument_map, evaluation, palette, looks, gradual=gradual)
    lines = [
        'digraph "argmap" {',
        "  graph ["
        + _attrs(
            {
                "bgcolor": _q(palette.background),
                "class": _q(f"argmap argmap-theme-{palette.name} argmap-direction-{direction}"),
                "fontname": _q(_FONT),
                "id": '"argmap"',
                "label": _graph_label(argument_map, evaluation, palette, legend=legend, marked=marked),
                "labeljust": '"c"',
                "labelloc": '"t"',
                "newrank": "true",
                "nodesep": '"0.25"',
                "outputorder": '"edgesfirst"',
                "pad": '"0.3"',
                "rankdir": _RANKDIR[direction],
                "ranksep": '"0.45"',
                "tooltip": escstring(argument_map.title),
            }
        )
        + "];",
        f'  node [fontname="{_FONT}" fontsize="11" penwidth="1.3"];',
        f'  edge [fontname="{_FONT}" arrowsize="0.8"];',
    ]
    order = _argument_order(argument_map)
    clusters = _clusters(argument_map, order)
    grouped = {key for members in clusters for key in members}
    nodes = {statement.id: emitter.statement(statement) for statement in argument_map.statements}
    edges: list[str] = []
    for argument in order:
        junction, drawn = emitter.argument(argument)
        if junction is not None:
            if f"arg:{argument.id}" in grouped:
                nodes[f"arg:{argument.id}"] = junction
            else:
                edges.append(junction)
        edges += drawn
    lines += [line for key, line in nodes.items() if key not in grouped]
    for number, members in enumerate(clusters, 1):
        # Invisible: the cluster only keeps a position's lines of argument together, under it.
        # It would inherit the map's background, id and tooltip: emptied, they are not drawn.
        lines.append(f'  subgraph "cluster_{number}" {{')
        lines.append(f"    graph [{_GROUP_ATTRIBUTES}];")
        lines += ["  " + nodes[key] for key in members]
        lines.append("  }")
    lines += edges
    for position in argument_map.positions:
        if position.answers is not None:
            lines.append(emitter.answers(position.id, position.answers))
    for question in argument_map.questions if clusters else ():
        # Rival answers side by side in the map's order, so each one's group stays on its side.
        rivals = [emitter.dot_names[position.id] for position in argument_map.positions_of(question.id)]
        if len(rivals) > 1:
            lines.append(f"  {{ rank=same; {' -> '.join(rivals)} [style=invis]; }}")
    lines.append("}")
    emitter.check_names()
    return Drawing(
        dot="\n".join(lines) + "\n",
        data=emitter.data,
        summary=_summary(argument_map, evaluation, looks),
        badges=marked,
    )


def _check_off(
    argument_map: ArgumentMap, off: Iterable[str], evaluation: Evaluation | None
) -> frozenset[str]:
    requested = frozenset(off)
    for key in sorted(requested):
        if not argument_map.has_statement(key):
            known = [s.id for s in argument_map.statements]
            close = difflib.get_close_matches(key, known, n=1)
            hint = f"did you mean {close[0]!r}?" if close else "switch off statements by their ids"
            raise EvaluationError(f"render: off: unknown statement id: {key!r} ({hint})")
    if evaluation is None:
        return requested
    if requested and requested != evaluation.off:
        raise EvaluationError(
            f"render: off: {sorted(requested)} differs from the evaluation's {sorted(evaluation.off)}"
            " (pass the evaluation alone, or evaluate with the same off)"
        )
    return frozenset(evaluation.off)


def _looks(
    argument_map: ArgumentMap, evaluation: Evaluation | None, switched_off: frozenset[str]
) -> dict[str, _Look]:
    if evaluation is None:
        plain, off = _Look(None, None), _Look("off", None)
        return {s.id: off if s.id in switched_off else plain for s in argument_map.statements}
    return {
        s.id: _Look(evaluation.status(s.id).value, evaluation.strength(s.id)) for s in argument_map.statements
    }


def _argument_order(argument_map: ArgumentMap) -> list[Argument]:
    # Grouped by conclusion, pros before cons, so Graphviz tends to draw reasons left of objections.
    order: list[Argument] = []
    for statement in argument_map.statements:
        order += argument_map.pro(statement.id)
        order += argument_map.con(statement.id)
    return order


def _clusters(argument_map: ArgumentMap, order: list[Argument]) -> list[list[str]]:
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
        if (len(argument.premises) > 1 or argument.undercutters) and argument.conclusion in owner:
            members.setdefault(junction_line(argument), []).append(f"arg:{argument.id}")
    clusters = []
    for index, position in enumerate(positions):
        ranked = sorted(lines[index], key=lambda line: links.get(line, 0))
        if index:
            ranked.reverse()
        clusters.append([position, *(key for line in ranked for key in members.get(line, ()))])
    return clusters


class _Emitter:
    """Writes node and edge lines and remembers each SVG element's data attributes."""

    def __init__(
        self,
        argument_map: ArgumentMap,
        evaluation: Evaluation | None,
        theme: Theme,
        looks: Mapping[str, _Look],
        *,
        gradual: bool,
    ) -> None:
        self.map = argument_map
        self.evaluation = evaluation
        self.theme = theme
        self.looks = looks
        self.gradual = gradual
        self.data: dict[str, str] = {}
        # Each statement's and argument's id escaped for an SVG attribute, worked out once.
        self.xml: dict[str, str] = {}
        self.names: list[str] = []
        self.staggered = _staggered(argument_map)
        self.headers: dict[tuple[str, str, str | None, float | None], str] = {}
        self.sources: dict[str, tuple[str | None, str]] = {}
        # Worked out once per build: the attributes per kind and status, the row openings per
        # font and colour, the DOT name per statement.
        self.node_attributes: dict[tuple[str, str | None, bool], tuple[str, str]] = {}
        self.rows: dict[tuple[float, str, int], str] = {}
        self.dot_names: dict[str, str] = {}
        self.speakers: dict[str, str] = {}
        self.citations: dict[str, tuple[str, str | None]] = {}

    # -- statements ------------------------------------------------------------------------------

    def statement(self, statement: Statement) -> str:
        key = statement.id
        kind = statement.kind
        look = self.looks[key]
        status = look.status
        drawn = self.node_attributes.get((kind, status, statement.assumed))
        if drawn is None:
            drawn = self.node_attributes[kind, status, statement.assumed] = self._node_attributes(
                kind, status, assumed=statement.assumed
            )
        before, after = drawn
        link = target = ""
        if isinstance(statement, Evidence):
            url, _ = self._source(statement.source)
            if url is not None:
                link = f'URL="{url}" '
                target = 'target="_blank" '
        plain = labels.plain(key)
        escaped = self.xml[key] = key if plain else xml_attr(key)
        if plain and "\\" not in key:  # the DOT name and the id are then the id itself, quoted
            name = ident = f'"{key}"'
        else:
            name, ident = labels.dot_id(key), id_attr(key)
        data = f' data-argmap-id="{escaped}" data-kind="{kind}" data-status="{status or "none"}"'
        if isinstance(statement, Evidence):
            data += f' data-evidence-id="{escaped}" data-source-id="{_xml(statement.source)}"'
        self.data[key] = data
        self.dot_names[key] = name
        self.names.append(name)
        # Written out rather than through _attrs: this is the hot path on big maps (same sorted order).
        return (
            f"  {name} [{link}{before} id={ident} label={self._statement_label(statement, look)}"
            f"{after} {target}tooltip={escstring(self._tooltip(statement, look))}];"
        )

    def _node_attributes(self, kind: str, status: str | None, *, assumed: bool) -> tuple[str, str]:
        """Return the attributes a node's kind and status fix, before and after its id and label."""
        theme = self.theme
        style = theme.kinds[kind]
        status_style = theme.statuses[status] if status else None
        fill = theme.off_fill if status == "off" else style.fill
        border = status_style.colour if status_style else style.border
        styles = ["rounded"] if style.rounded else []
        styles.append("filled")
        if status_style and status_style.line != "solid":
            styles.append(status_style.line)
        classes = ["argmap-node", f"argmap-{kind}", f"argmap-status-{status or 'none'}"]
        if assumed:
            classes.append("argmap-assumed")
        penwidth = "1.6" if kind in {"question", "position"} else "1.3"
        return (
            f"class={_q(' '.join(classes))} color={_q(border)} fillcolor={_q(fill)}",
            f' margin="0.1,0.06" penwidth="{penwidth}" shape={style.shape} style={_q(",".join(styles))}',
        )

    def _source(self, source_id: str) -> tuple[str | None, str]:
        """Return a source's checked URL and shortened title, worked out once per source."""
        known = self.sources.get(source_id)
        if known is None:
            source = self.map.source(source_id)
            known = self.sources[source_id] = (
                labels.safe_url(source.url),
                labels.shorten(source.title, _TITLE_LIMIT),
            )
        return known

    def _cited(self, source_id: str) -> tuple[str, str | None]:
        """Return a source's author, title, publisher and date joined, and its URL (once per source)."""
        known = self.citations.get(source_id)
        if known is None:
            source = self.map.source(source_id)
            parts = (source.author, source.title, source.publisher, source.date)
            known = self.citations[source_id] = (", ".join(part for part in parts if part), source.url)
        return known

    def _statement_label(self, statement: Statement, look: _Look) -> str:
        theme = self.theme
        kind = statement.kind
        style = theme.kinds[kind]
        colour = theme.muted if look.status == "off" else style.text
        caption = "ASSUMPTION" if isinstance(statement, Claim) and statement.assumed else _CAPTIONS[kind]
        label = '<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="0"><TR><TD ALIGN="LEFT">'
        label += self._header(caption, style.caption, look) + "</TD></TR>"
        size = _TEXT_SIZE[kind]
        if isinstance(statement, Evidence):
            if statement.text:
                main = _lines(statement.text, _WRAP[kind], limit=_QUOTE_LIMIT)
            else:
                main = _lines(_quoted(statement.quote, _QUOTE_LIMIT), _WRAP[kind], italic=True)
            label += self._row(size, colour, 3) + main + _ROW_END
            if statement.speaker:
                speaker = self.speakers.get(statement.speaker)
                if speaker is None:  # the same people are quoted again and again
                    speaker = _lines(f"— {statement.speaker}", 40, limit=_META_LIMIT)
                    self.speakers[statement.speaker] = speaker
                label += self._row(9, colour, 3) + speaker + _ROW_END
            url, title = self._source(statement.source)
            # The title is cut, never the locator: the locator is what finds the quote again.
            cite = title + (f", {statement.locator}" if statement.locator else "")
            cited = _lines(cite, 44, limit=_META_LIMIT, underline=url is not None)
            label += self._row(8.5, theme.muted, 2) + cited + _ROW_END
        else:
            bold = kind in {"question", "position"}
            label += self._row(size, colour, 3) + _lines(statement.label, _WRAP[kind], bold=bold) + _ROW_END
        return label + "</TABLE>>"

    def _row(self, size: float, colour: str, top: int) -> str:
        """Return the opening of a text row: a spacer ``top`` high, then a cell in this font."""
        key = (size, colour, top)
        opening = self.rows.get(key)
        if opening is None:
            opening = self.rows[key] = (
                f'<TR><TD ALIGN="LEFT" BALIGN="LEFT" CELLPADDING="0" HEIGHT="{top}"></TD></TR>'
                f'<TR><TD ALIGN="LEFT" BALIGN="LEFT"><FONT POINT-SIZE="{size:g}" COLOR="{html_attr(colour)}">'
            )
        return opening

    def _header(self, caption: str, caption_colour: str, look: _Look) -> str:
        key = (
            caption,
            caption_colour,
            look.status,
            None if look.strength is None else round(look.strength, 2),
        )
        header = self.headers.get(key)
        if header is None:
            header = self.headers[key] = self._make_header(caption, caption_colour, look)
        return header

    def _make_header(self, caption: str, caption_colour: str, look: _Look) -> str:
        # Every cell is fixed-size and the table too, so the header is the same size whatever the
        # status, and stays left-aligned (Graphviz would stretch a free-size nested table).
        theme = self.theme
        fixed = f'FIXEDSIZE="TRUE" HEIGHT="{_BADGE_HEIGHT}"'
        cells = [
            (
                f'<TD {fixed} WIDTH="{_CAPTION_WIDTH}" ALIGN="LEFT">'
                f'<FONT POINT-SIZE="7.5" COLOR="{html_attr(caption_colour)}"><B>{caption}</B></FONT></TD>'
            )
        ]
        width = _CAPTION_WIDTH + _BADGE_WIDTH
        if look.status is not None:
            status_style = theme.statuses[look.status]
            cells.append(
                f'<TD {fixed} WIDTH="{_BADGE_WIDTH}" BGCOLOR="{html_attr(status_style.badge_fill)}">'
                f'<FONT POINT-SIZE="8.5" COLOR="{html_attr(status_style.badge_text)}">'
                f"<B>{STATUS_MARKS[look.status]}</B></FONT></TD>"
            )
        else:
            cells.append(f'<TD {fixed} WIDTH="{_BADGE_WIDTH}"></TD>')
        if self.gradual:
            cells.append(f'<TD {fixed} WIDTH="6"></TD>')
            filled = _filled(look.strength) if look.strength is not None else 0
            for index in range(BAR_SEGMENTS):
                colour = theme.bar_fill if index < filled else theme.bar_empty
                cells.append(
                    f'<TD FIXEDSIZE="TRUE" WIDTH="{_BAR_SEGMENT_WIDTH}" HEIGHT="7"'
                    f' BGCOLOR="{html_attr(colour)}"></TD>'
                )
            figure = f"{look.strength:.2f}" if look.strength is not None else "–"
            cells.append(
                f'<TD {fixed} WIDTH="{_FIGURE_WIDTH}" ALIGN="RIGHT">'
                f'<FONT POINT-SIZE="8.5" COLOR="{html_attr(caption_colour)}">{figure}</FONT></TD>'
            )
            width += 6 + BAR_SEGMENTS * _BAR_SEGMENT_WIDTH + _FIGURE_WIDTH
        return (
            f'<TABLE FIXEDSIZE="TRUE" WIDTH="{width}" HEIGHT="{_BADGE_HEIGHT}" ALIGN="LEFT"'
            ' BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="0"><TR>'
            + "".join(cells)
            + "</TR></TABLE>"
        )

    def _tooltip(self, statement: Statement, look: _Look) -> str:
        parts = [f"{_CAPTIONS[statement.kind].capitalize()} {statement.id}"]
        if look.status is not None:
            mark = STATUS_MARKS[look.status].split(" ", 1)[1]
            strength = f" (strength {look.strength:.2f})" if look.strength is not None else ""
            parts[0] += f": {mark}{strength}"
        if isinstance(statement, Evidence):
            if statement.text:
                parts.append(statement.text)
            parts.append(f"“{statement.quote}”")
            if statement.speaker:
                parts.append(f"— {statement.speaker}")
            cited, url = self._cited(statement.source)
            locator = statement.locator
            parts.append(f"Source: {cited}{', ' if cited and locator else ''}{locator or ''}")
            if url:
                parts.append(url)
        else:
            parts.append(statement.label)
        if statement.note:
            parts.append(f"Note: {statement.note}")
        return "\n".join(parts)

    # -- arguments -------------------------------------------------------------------------------

    def argument(self, argument: Argument) -> tuple[str | None, list[str]]:
        """Return an argument's junction node line (None without a junction) and edge lines."""
        theme = self.theme
        stance = argument.stance
        pro = argument.is_pro
        colour = theme.pro if pro else theme.con
        line = "solid" if pro else "dashed"
        head = "normal" if pro else "tee"
        state = self._argument_state(argument)
        if state == "inapplicable":
            colour = theme.inactive
        state_class = f" argmap-argument-{state}" if state else ""
        tooltip = self._argument_tooltip(argument)
        if len(argument.premises) == 1 and not argument.undercutters:
            # The common case, written out as _edge would write it: the hot path on big maps.
            premise = argument.premises[0]
            if self.looks[premise].status == "off":
                colour = theme.inactive
            edge_id = f"arg:{argument.id}:conclusion"
            steps = self.staggered.get(argument.id)
            placement = f" minlen={steps}" if steps else ""
            self.data[edge_id] = (
                f' data-argument-id="{self._xml(argument.id)}" data-from="{self._xml(premise)}"'
                f' data-to="{self._xml(argument.conclusion)}"'
            )
            edge = (
                f"  {self._name(premise)} -> {self._name(argument.conclusion)} [arrowhead={head}"
                f' class="argmap-edge argmap-{stance} argmap-inference{state_class}" color="{colour}"'
                f" id={id_attr(edge_id)}{placement}"
                f' penwidth="1.8" style={line} tooltip={escstring(tooltip)}];'
            )
            return None, [edge]
        # Linked premises and undercuts meet at a junction: the argument itself, drawn as + or −.
        # Written out in _attrs's sorted order, with the tooltip escaped once for all its parts.
        tip = escstring(tooltip)
        node_id = f"arg:{argument.id}"
        name = labels.dot_id(node_id)
        self.names.append(name)
        self.data[node_id] = f' data-argument-id="{self._xml(argument.id)}" data-stance="{stance}"'
        junction = (
            f'  {name} [class="argmap-junction argmap-{stance}{state_class}" color="{colour}"'
            f' fillcolor="{colour}" fixedsize=true fontcolor="{theme.background}" fontsize="13"'
            f' height="0.26" id={id_attr(node_id)} label=<<B>{"+" if pro else "−"}</B>> shape=circle'
            f' style=filled tooltip={tip} width="0.26"];'
        )
        lines: list[str] = []
        for premise in argument.premises:
            edge_id = f"arg:{argument.id}:premise:{premise}"
            link_colour = theme.inactive if self.looks[premise].status == "off" else colour
            lines.append(
                f'  {self._name(premise)} -> {name} [arrowhead=none class="argmap-edge argmap-{stance}'
                f' argmap-premise-link{state_class}" color="{link_colour}" id={id_attr(edge_id)}'
                f' penwidth="1.6" style={line} tooltip={tip} weight=3];'
            )
            self.data[edge_id] = (
                f' data-argument-id="{self._xml(argument.id)}" data-from="{self._xml(premise)}"'
                f' data-to="{_xml(node_id)}"'
            )
        edge_id = f"arg:{argument.id}:conclusion"
        lines.append(
            f"  {name} -> {self._name(argument.conclusion)} [arrowhead={head} class="
            f'"argmap-edge argmap-{stance} argmap-inference{state_class}" color="{colour}"'
            f' id={id_attr(edge_id)} penwidth="1.8" style={line} tooltip={tip} weight=2];'
        )
        self.data[edge_id] = (
            f' data-argument-id="{self._xml(argument.id)}" data-from="{_xml(node_id)}"'
            f' data-to="{self._xml(argument.conclusion)}"'
        )
        for undercutter in argument.undercutters:
            look = self.looks[undercutter]
            cut_colour = theme.inactive if look.status in {"out", "off"} else theme.undercut
            lines.append(
                self._edge(
                    undercutter,
                    None,
                    edge_id=f"arg:{argument.id}:undercut:{undercutter}",
                    classes=["argmap-edge", "argmap-undercut"],
                    attributes={
                        "arrowhead": "tee",
                        "color": _q(cut_colour),
                        "penwidth": '"1.8"',
                        "style": "dotted",
                    },
                    tooltip=f"{undercutter} undercuts argument {argument.id}:"
                    " it attacks the inference, not the conclusion",
                    argument=argument.id,
                    head_name=name,
                    head_id=node_id,
                )
            )
        return junction, lines

    def _argument_state(self, argument: Argument) -> str | None:
        if self.evaluation is not None:
            return self.evaluation.arguments.get(argument.id)
        if any(self.looks[p].status == "off" for p in argument.premises):
            return "inapplicable"
        return None

    def _argument_tooltip(self, argument: Argument) -> str:
        verb = "for" if argument.is_pro else "against"
        premises = " + ".join(argument.premises)
        text = f"Argument {argument.id}: {premises} {verb} {argument.conclusion}"
        if len(argument.premises) > 1:
            text += " (linked: the premises count only together)"
        if argument.scheme:
            text += f"\nScheme: {argument.scheme}"
        if argument.weight is not None:
            text += f"\nWeight: {argument.weight:g}"
        if argument.undercutters:
            text += f"\nUndercut by: {', '.join(argument.undercutters)}"
        if argument.note:
            text += f"\nNote: {argument.note}"
        return text

    def answers(self, position: str, question: str) -> str:
        weight = _ANSWER_WEIGHT + len(self.map.pro(position)) + len(self.map.con(position))
        return self._edge(
            position,
            question,
            edge_id=f"answers:{position}",
            classes=["argmap-edge", "argmap-answers"],
            attributes={
                "arrowhead": "normal",
                "arrowsize": '"0.7"',
                "color": _q(self.theme.answers),
                "penwidth": '"1.2"',
                # The question is drawn over the position with the most arguments, which the
                # layout puts near the middle, rather than over whichever position is leftmost.
                "weight": str(weight),
            },
            tooltip=f"{position} answers {question}",
        )

    def _edge(
        self,
        tail: str,
        head: str | None,
        *,
        edge_id: str,
        classes: list[str],
        attributes: dict[str, str],
        tooltip: str,
        argument: str | None = None,
        head_name: str | None = None,
        head_id: str | None = None,
    ) -> str:
        target_name = head_name if head_name is not None else self._name(head or "")
        target_id = head_id if head_id is not None else (head or "")
        if self.looks[tail].status == "off" and "argmap-undercut" not in classes:
            attributes = {**attributes, "color": _q(self.theme.inactive)}
        attributes = {
            **attributes,
            "class": _q(" ".join(classes)),
            "id": id_attr(edge_id),
            "tooltip": escstring(tooltip),
        }
        data = f' data-argument-id="{self._xml(argument)}"' if argument is not None else ""
        self.data[edge_id] = f'{data} data-from="{self._xml(tail)}" data-to="{_xml(target_id)}"'
        return f"  {self._name(tail)} -> {target_name} [{_attrs(attributes)}];"

    def _xml(self, key: str) -> str:
        """Return a statement's or argument's id escaped for an SVG attribute (once per id)."""
        escaped = self.xml.get(key)
        if escaped is None:
            escaped = self.xml[key] = _xml(key)
        return escaped

    def _name(self, key: str) -> str:
        """Return the DOT name of a statement, as its node line wrote it."""
        name = self.dot_names.get(key)
        return labels.dot_id(key) if name is None else name

    def check_names(self) -> None:
        seen: set[str] = set()
        for name in self.names:
            if name in seen:
                raise RenderError(
                    f"render: two elements would share the Graphviz name {name}"
                    " (a statement id clashes with an argument's 'arg:<id>' junction; rename the statement)"
                )
            seen.add(name)


def _staggered(argument_map: ArgumentMap) -> dict[str, int]:
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
        if len(argument.premises) == 1 and not argument.undercutters:
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


# -- helpers ---------------------------------------------------------------------------------------


def _filled(strength: float) -> int:
    """Return how many bar cells a strength fills: rounded half up, as the notebook explorer does.

    >>> _filled(0.85), _filled(0.84), _filled(0.0), _filled(1.0)
    (9, 8, 0, 10)
    """
    scaled = strength * BAR_SEGMENTS
    whole = math.floor(scaled)
    return whole + (1 if scaled - whole >= 0.5 else 0)  # noqa: PLR2004  # half up, like JS Math.round


def _xml(value: str) -> str:
    """Escape a value for an attribute written straight into the SVG (cheaply when it is plain)."""
    return value if labels.plain(value) else xml_attr(value)


def _q(value: str) -> str:
    """Quote one of our own attribute values (colours, numbers, classes): never user text."""
    return f'"{value}"'


def _attrs(attributes: Mapping[str, str]) -> str:
    return " ".join([f"{key}={value}" for key, value in sorted(attributes.items())])


def _quoted(quote: str, limit: int) -> str:
    """Return ``quote`` shortened and in quotation marks, unless it opens with its own marks."""
    short = labels.shorten(quote, limit)
    if short[:1] in _OPENING_QUOTES:
        return short
    return f"“{short}”"


def _lines(
    text: str,
    width: int,
    *,
    limit: int | None = None,
    bold: bool = False,
    italic: bool = False,
    underline: bool = False,
) -> str:
    """Return ``text`` shortened, wrapped and escaped, its lines joined by ``<BR/>``."""
    if limit is not None:
        text = labels.shorten(text, limit)
    lines = labels.html_lines(text, width) or [" "]
    opening = ("<B>" if bold else "") + ("<I>" if italic else "") + ("<U>" if underline else "")
    if not opening:
        return "<BR/>".join(lines)
    closing = ("</U>" if underline else "") + ("</I>" if italic else "") + ("</B>" if bold else "")
    return opening + f"{closing}<BR/>{opening}".join(lines) + closing


_ROW_END: Final = "</FONT></TD></TR>"


def _graph_label(
    argument_map: ArgumentMap,
    evaluation: Evaluation | None,
    theme: Theme,
    *,
    legend: bool,
    marked: bool,
) -> str:
    title = "<BR/>".join(html_text(line) for line in labels.wrap(argument_map.title, 70) or [" "])
    rows = [f'<TR><TD><FONT POINT-SIZE="18" COLOR="{html_attr(theme.text)}"><B>{title}</B></FONT></TD></TR>']
    if argument_map.description:
        about = _lines(argument_map.description, 110, limit=_DESCRIPTION_LIMIT)
        rows.append(
            f'<TR><TD><FONT POINT-SIZE="10" COLOR="{html_attr(theme.muted)}">{about}</FONT></TD></TR>'
        )
    if legend:
        rows.append(f"<TR><TD>{_legend(evaluation, theme, marked=marked)}</TD></TR>")
    rows.append('<TR><TD HEIGHT="6"></TD></TR>')
    return '<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="2" CELLPADDING="2">' + "".join(rows) + "</TABLE>>"


def _legend(evaluation: Evaluation | None, theme: Theme, *, marked: bool) -> str:
    rows = [_legend_kinds(theme)]
    if marked:
        rows.append(_legend_statuses(evaluation, theme))
    return (
        f'<TABLE BORDER="1" COLOR="{html_attr(theme.legend_border)}" BGCOLOR="{html_attr(theme.legend_fill)}"'
        ' CELLBORDER="0" CELLSPACING="0" CELLPADDING="4" STYLE="ROUNDED">'
        + "".join(f"<TR><TD>{row}</TD></TR>" for row in rows)
        + "</TABLE>"
    )


def _legend_kinds(theme: Theme) -> str:
    cells = [_note("Kinds", theme)]
    for kind in ("question", "position", "claim", "evidence"):
        style = theme.kinds[kind]
        rounded = ' STYLE="ROUNDED"' if style.rounded else ""
        cells.append(
            _Cell(
                f'<FONT POINT-SIZE="7.5" COLOR="{html_attr(style.text)}"><B>{_CAPTIONS[kind]}</B></FONT>',
                _text_width(_CAPTIONS[kind], 7.5, bold=True) + 10,
                f' BORDER="1" COLOR="{html_attr(style.border)}" BGCOLOR="{html_attr(style.fill)}"{rounded}',
            )
        )
        cells.append(_gap(4))
    cells.append(_gap(10))
    for colour, glyph, meaning in (
        (theme.pro, "───►", "supports"),
        (theme.con, "– – –┤", "opposes"),
        (theme.undercut, "· · · ·┤", "undercuts an inference"),
        (theme.answers, "──►", "answers"),
    ):
        cells.append(
            _Cell(
                f'<FONT POINT-SIZE="10" COLOR="{html_attr(colour)}"><B>{glyph}</B></FONT>',
                _text_width(glyph, 10, bold=True) + 4,
                ' ALIGN="RIGHT"',
            )
        )
        cells += [_note(meaning, theme), _gap(8)]
    for colour, glyph in ((theme.pro, "+"), (theme.con, "−")):
        cells.append(
            _Cell(
                f'<FONT POINT-SIZE="9" COLOR="{html_attr(theme.background)}"><B>{glyph}</B></FONT>',
                14,
                f' BGCOLOR="{html_attr(colour)}" STYLE="ROUNDED"',
            )
        )
        cells.append(_gap(2))
    cells.append(_note("joins linked premises", theme))
    return _fixed_row(cells)


def _legend_statuses(evaluation: Evaluation | None, theme: Theme) -> str:
    if evaluation is None:
        # Switched off but not evaluated: only "off" means anything on this map.
        style = theme.statuses["off"]
        mark = STATUS_MARKS["off"]
        return _fixed_row(
            [
                _note("Status", theme),
                _Cell(
                    f'<FONT POINT-SIZE="8.5" COLOR="{html_attr(style.badge_text)}"><B>{mark}</B></FONT>',
                    _BADGE_WIDTH,
                    f' BGCOLOR="{html_attr(style.badge_fill)}"',
                ),
                _gap(6),
                _note("switched off (no semantics chosen, so nothing else is marked)", theme),
            ]
        )
    cells = [_note(f"Status ({evaluation.semantics} semantics)", theme)]
    for status, mark in STATUS_MARKS.items():
        style = theme.statuses[status]
        cells.append(
            _Cell(
                f'<FONT POINT-SIZE="8.5" COLOR="{html_attr(style.badge_text)}"><B>{mark}</B></FONT>',
                _BADGE_WIDTH,
                f' BGCOLOR="{html_attr(style.badge_fill)}"',
            )
        )
        cells.append(_gap(6))
    cells.append(_note("border: solid stands, dashed falls or off, dotted open", theme))
    if evaluation.strengths:
        cells.append(_gap(10))
        for index in range(BAR_SEGMENTS):
            colour = theme.bar_fill if index < 7 else theme.bar_empty  # noqa: PLR2004  # a sample bar
            cells.append(_Cell("", _BAR_SEGMENT_WIDTH, f' BGCOLOR="{html_attr(colour)}"', height=7))
        cells.append(_note("strength from 0 to 1", theme))
    return _fixed_row(cells)


@define(frozen=True)
class _Cell:
    body: str
    width: float
    extra: str = ""
    height: int = 16


def _gap(width: int) -> _Cell:
    return _Cell("", width)


def _note(text: str, theme: Theme) -> _Cell:
    return _Cell(
        f'<FONT POINT-SIZE="9" COLOR="{html_attr(theme.muted)}">{html_text(text)}</FONT>',
        _text_width(text, 9) + 6,
        ' ALIGN="LEFT"',
    )


def _fixed_row(cells: list[_Cell]) -> str:
    # A fixed-size row: Graphviz would otherwise stretch every row of the legend to the widest one.
    parts = []
    total = 0
    for cell in cells:
        width = round(cell.width)
        total += width
        parts.append(
            f'<TD FIXEDSIZE="TRUE" WIDTH="{width}" HEIGHT="{cell.height}"{cell.extra}>{cell.body}</TD>'
        )
    return (
        f'<TABLE FIXEDSIZE="TRUE" WIDTH="{total}" HEIGHT="16" ALIGN="LEFT" BORDER="0" CELLBORDER="0"'
        ' CELLSPACING="0" CELLPADDING="0"><TR>' + "".join(parts) + "</TR></TABLE>"
    )


# Helvetica advance widths in thousandths of an em, by character class; close enough to size
# the legend's fixed cells with a little room to spare.
_NARROW: Final = frozenset("ijl.,:;'!|()[] ")
_WIDE: Final = frozenset("mwMW")


def _text_width(text: str, size: float, *, bold: bool = False) -> float:
    total = 0
    for char in text:
        if char in _NARROW:
            total += 300
        elif char in _WIDE:
            total += 850
        elif char.isupper() or not char.isascii():
            total += 660
        else:
            total += 520
    return total / 1000 * size * (1.08 if bold else 1.0)


def _summary(argument_map: ArgumentMap, evaluation: Evaluation | None, looks: Mapping[str, _Look]) -> str:
    def count(n: int, noun: str, plural: str | None = None) -> str:
        return f"{n} {noun if n == 1 else (plural or noun + 's')}"

    head = (
        f"Argument map {argument_map.title!r}: "
        + ", ".join(
            [
                count(len(argument_map.questions), "question"),
                count(len(argument_map.positions), "position"),
                count(len(argument_map.claims), "claim"),
                count(len(argument_map.evidence), "evidence item"),
                count(len(argument_map.arguments), "argument"),
            ]
        )
        + "."
    )
    lines = [head]
    statuses = [look.status for look in looks.values() if look.status is not None]
    if statuses:
        tally = ", ".join(
            f"{statuses.count(status)} {STATUS_MARKS[status].split(' ', 1)[1]}"
            for status in STATUS_MARKS
            if statuses.count(status)
        )
        where = f" under {evaluation.semantics} semantics" if evaluation is not None else ""
        lines.append(f"Statuses{where}: {tally}.")
        if evaluation is not None:
            lines.append(evaluation.verdict.text)
    return "\n".join(lines)
