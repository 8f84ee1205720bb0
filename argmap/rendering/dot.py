"""From a map (and an evaluation) to DOT text: pure, deterministic, no Graphviz needed.

This module writes the nodes and edges. The sizes they use are in ``metrics``, the heading and
legend in ``legend``, the order and groups that balance the picture in ``layout``, and every
escape of user text in ``labels``.

>>> from argmap.model import ArgumentMap
>>> b = ArgumentMap.build("Tiny")
>>> b.question("q", "Why?")
'q'
>>> print(to_dot(b.finish(), legend=False).splitlines()[0])
digraph "argmap" {
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Final

from attrs import define

from argmap._text import suggest
from argmap.errors import EvaluationError, RenderError
from argmap.model import Argument, ArgumentMap, Claim, Evidence, Off, Statement, resolve_off
from argmap.rendering import labels
from argmap.rendering.labels import escstring, html_attr, html_block, id_attr, xml_attr
from argmap.rendering.layout import (
    DIRECTIONS,
    GROUP_ATTRIBUTES,
    RANKDIR,
    argument_order,
    clusters,
    has_junction,
    staggered,
)
from argmap.rendering.legend import CAPTIONS, STATUS_MARKS, graph_label
from argmap.rendering.metrics import (
    BADGE_HEIGHT,
    BADGE_WIDTH,
    BAR_SEGMENT_WIDTH,
    BAR_SEGMENTS,
    CAPTION_WIDTH,
    FIGURE_WIDTH,
    FONT,
    JUNCTION_TITLE_LIMIT,
    JUNCTION_WRAP,
    LABEL_LIMIT,
    META_LIMIT,
    QUOTE_LIMIT,
    TEXT_SIZE,
    TITLE_LIMIT,
    WRAP,
)
from argmap.rendering.themes import Theme, get_theme

if TYPE_CHECKING:
    from argmap.evaluation import Evaluation

__all__ = ["BAR_SEGMENTS", "DIRECTIONS", "STATUS_MARKS", "Drawing", "build", "status_classes", "to_dot"]

_OPENING_QUOTES: Final = frozenset("“\"‘'«„‚")
_ANSWER_WEIGHT: Final = 4
_ROW_END: Final = "</FONT></TD></TR>"


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
    notes: tuple[str, ...] = ()
    """What the picture leaves out, for the user to know (e.g. text cut to fit a node)."""


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
        raise RenderError(
            f"render: unknown direction: {direction!r}{suggest(direction, DIRECTIONS)}"
            f" (use one of {', '.join(DIRECTIONS)})"
        )
    switched_off = _check_off(argument_map, off, evaluation)
    looks = _looks(argument_map, evaluation, switched_off)
    gradual = evaluation is not None and bool(evaluation.strengths)
    marked = evaluation is not None or bool(switched_off)
    emitter = _Emitter(argument_map, evaluation, palette, looks, gradual=gradual, off=switched_off.arguments)
    lines = [
        'digraph "argmap" {',
        "  graph ["
        + _attrs(
            {
                "bgcolor": _q(palette.background),
                "class": _q(f"argmap argmap-theme-{palette.name} argmap-direction-{direction}"),
                "fontname": _q(FONT),
                "id": '"argmap"',
                "label": graph_label(argument_map, evaluation, palette, legend=legend, marked=marked),
                "labeljust": '"c"',
                "labelloc": '"t"',
                "newrank": "true",
                "nodesep": '"0.25"',
                "outputorder": '"edgesfirst"',
                "pad": '"0.3"',
                "rankdir": RANKDIR[direction],
                "ranksep": '"0.45"',
                "tooltip": escstring(argument_map.title),
            }
        )
        + "];",
        f'  node [fontname="{FONT}" fontsize="11" penwidth="1.3"];',
        f'  edge [fontname="{FONT}" arrowsize="0.8"];',
    ]
    order = argument_order(argument_map)
    groups = clusters(argument_map, order)
    grouped = {key for members in groups for key in members}
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
    for number, members in enumerate(groups, 1):
        # Invisible: the cluster only keeps a position's lines of argument together, under it.
        # It would inherit the map's background, id and tooltip: emptied, they are not drawn.
        lines.append(f'  subgraph "cluster_{number}" {{')
        lines.append(f"    graph [{GROUP_ATTRIBUTES}];")
        lines += ["  " + nodes[key] for key in members]
        lines.append("  }")
    lines += edges
    for position in argument_map.positions:
        if position.answers is not None:
            lines.append(emitter.answers(position.id, position.answers))
    for question in argument_map.questions if groups else ():
        # Rival answers side by side in the map's order, so each one's group stays on its side.
        rivals = [emitter.dot_names[position.id] for position in argument_map.positions_of(question.id)]
        if len(rivals) > 1:
            lines.append(f"  {{ rank=same; {' -> '.join(rivals)} [style=invis]; }}")
    lines.append("}")
    emitter.check_names()
    data = emitter.data
    if not all(map(labels.plain, data)):
        # Keyed as Graphviz writes the ids into the SVG (see labels.svg_id).
        data = {labels.svg_id(key): value for key, value in data.items()}
    return Drawing(
        dot="\n".join(lines) + "\n",
        data=data,
        summary=_summary(argument_map, evaluation, looks),
        badges=marked,
        notes=_notes(emitter.cut),
    )


def _check_off(argument_map: ArgumentMap, off: str | Iterable[str], evaluation: Evaluation | None) -> Off:
    """Return what is switched off: ``off`` checked against the map, or the evaluation's own."""
    requested = resolve_off(argument_map, off)
    if evaluation is None:
        return requested
    given = resolve_off(argument_map, evaluation.off)
    if requested and requested.ids != given.ids:
        raise EvaluationError(
            f"render: off: {sorted(requested.ids)} differs from the evaluation's {sorted(given.ids)}"
            " (pass the evaluation alone, or evaluate with the same off)"
        )
    return given


def _looks(argument_map: ArgumentMap, evaluation: Evaluation | None, switched_off: Off) -> dict[str, _Look]:
    if evaluation is None:
        plain, off = _Look(None, None), _Look("off", None)
        return {s.id: off if s.id in switched_off.statements else plain for s in argument_map.statements}
    return {
        s.id: _Look(evaluation.status(s.id).value, evaluation.strength(s.id)) for s in argument_map.statements
    }


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
        off: frozenset[str] = frozenset(),
    ) -> None:
        self.map = argument_map
        self.off_arguments = off
        self.evaluation = evaluation
        self.theme = theme
        self.looks = looks
        self.gradual = gradual
        self.data: dict[str, str] = {}
        # Each statement's and argument's id escaped for an SVG attribute, worked out once.
        self.xml: dict[str, str] = {}
        self.names: list[str] = []
        self.staggered = staggered(argument_map)
        self.headers: dict[tuple[str, str, str | None, float | None], str] = {}
        self.sources: dict[str, tuple[str | None, str]] = {}
        # Worked out once per build: the attributes per kind and status, the row openings per
        # font and colour, the DOT name per statement.
        self.node_attributes: dict[tuple[str, str | None, bool], tuple[str, str]] = {}
        self.rows: dict[tuple[float, str, int], str] = {}
        self.dot_names: dict[str, str] = {}
        self.speakers: dict[str, str] = {}
        self.citations: dict[str, tuple[str, str | None]] = {}
        self.cut: list[str] = []  # statements whose text is too long to draw whole

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
                labels.shorten(source.title, TITLE_LIMIT),
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
        caption = "ASSUMPTION" if isinstance(statement, Claim) and statement.assumed else CAPTIONS[kind]
        label = '<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="0"><TR><TD ALIGN="LEFT">'
        label += self._header(caption, style.caption, look) + "</TD></TR>"
        size = TEXT_SIZE[kind]
        if isinstance(statement, Evidence):
            if statement.text:
                main = html_block(statement.text, WRAP[kind], limit=QUOTE_LIMIT)
            else:
                main = html_block(_quoted(statement.quote, QUOTE_LIMIT), WRAP[kind], italic=True)
            label += self._row(size, colour, 3) + main + _ROW_END
            if statement.speaker:
                speaker = self.speakers.get(statement.speaker)
                if speaker is None:  # the same people are quoted again and again
                    speaker = html_block(f"— {statement.speaker}", 40, limit=META_LIMIT)
                    self.speakers[statement.speaker] = speaker
                label += self._row(9, colour, 3) + speaker + _ROW_END
            url, title = self._source(statement.source)
            # The title is cut, never the locator: the locator is what finds the quote again.
            cite = title + (f", {statement.locator}" if statement.locator else "")
            cited = html_block(cite, 44, limit=META_LIMIT, underline=url is not None)
            label += self._row(8.5, theme.muted, 2) + cited + _ROW_END
        else:
            bold = kind in {"question", "position"}
            if len(statement.label) > LABEL_LIMIT:
                self.cut.append(statement.id)
            text = html_block(statement.label, WRAP[kind], limit=LABEL_LIMIT, bold=bold)
            label += self._row(size, colour, 3) + text + _ROW_END
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
        fixed = f'FIXEDSIZE="TRUE" HEIGHT="{BADGE_HEIGHT}"'
        cells = [
            (
                f'<TD {fixed} WIDTH="{CAPTION_WIDTH}" ALIGN="LEFT">'
                f'<FONT POINT-SIZE="7.5" COLOR="{html_attr(caption_colour)}"><B>{caption}</B></FONT></TD>'
            )
        ]
        width = CAPTION_WIDTH + BADGE_WIDTH
        if look.status is not None:
            status_style = theme.statuses[look.status]
            cells.append(
                f'<TD {fixed} WIDTH="{BADGE_WIDTH}" BGCOLOR="{html_attr(status_style.badge_fill)}">'
                f'<FONT POINT-SIZE="8.5" COLOR="{html_attr(status_style.badge_text)}">'
                f"<B>{STATUS_MARKS[look.status]}</B></FONT></TD>"
            )
        else:
            cells.append(f'<TD {fixed} WIDTH="{BADGE_WIDTH}"></TD>')
        if self.gradual:
            cells.append(f'<TD {fixed} WIDTH="6"></TD>')
            filled = _filled(look.strength) if look.strength is not None else 0
            for index in range(BAR_SEGMENTS):
                colour = theme.bar_fill if index < filled else theme.bar_empty
                cells.append(
                    f'<TD FIXEDSIZE="TRUE" WIDTH="{BAR_SEGMENT_WIDTH}" HEIGHT="7"'
                    f' BGCOLOR="{html_attr(colour)}"></TD>'
                )
            figure = f"{look.strength:.2f}" if look.strength is not None else "–"
            cells.append(
                f'<TD {fixed} WIDTH="{FIGURE_WIDTH}" ALIGN="RIGHT">'
                f'<FONT POINT-SIZE="8.5" COLOR="{html_attr(caption_colour)}">{figure}</FONT></TD>'
            )
            width += 6 + BAR_SEGMENTS * BAR_SEGMENT_WIDTH + FIGURE_WIDTH
        return (
            f'<TABLE FIXEDSIZE="TRUE" WIDTH="{width}" HEIGHT="{BADGE_HEIGHT}" ALIGN="LEFT"'
            ' BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="0"><TR>'
            + "".join(cells)
            + "</TR></TABLE>"
        )

    def _tooltip(self, statement: Statement, look: _Look) -> str:
        parts = [f"{CAPTIONS[statement.kind].capitalize()} {statement.id}"]
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
        if not has_junction(argument):
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
        sign = "+" if pro else "−"
        if argument.title:
            # A titled argument is a small rounded box: its sign, then its title, in the junction's colours.
            title = html_block(argument.title, JUNCTION_WRAP, limit=JUNCTION_TITLE_LIMIT)
            junction = (
                f'  {name} [class="argmap-junction argmap-titled argmap-{stance}{state_class}"'
                f' color="{colour}" fillcolor="{colour}" fontcolor="{theme.background}" fontsize="9"'
                f' id={id_attr(node_id)} label=<<B>{sign}</B>  {title}> margin="0.08,0.03" shape=box'
                f' style="rounded,filled" tooltip={tip}];'
            )
        else:
            junction = (
                f'  {name} [class="argmap-junction argmap-{stance}{state_class}" color="{colour}"'
                f' fillcolor="{colour}" fixedsize=true fontcolor="{theme.background}" fontsize="13"'
                f' height="0.26" id={id_attr(node_id)} label=<<B>{sign}</B>> shape=circle'
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
        if argument.id in self.off_arguments or any(self.looks[p].status == "off" for p in argument.premises):
            return "inapplicable"
        return None

    def _argument_tooltip(self, argument: Argument) -> str:
        verb = "for" if argument.is_pro else "against"
        premises = " + ".join(argument.premises)
        text = f"Argument {argument.id}: {premises} {verb} {argument.conclusion}"
        if argument.title:
            text = f"{argument.title}\n{text}"
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


def _notes(cut: list[str]) -> tuple[str, ...]:
    if not cut:
        return ()
    shown = 3
    named = ", ".join(repr(key) for key in cut[:shown])
    if len(cut) > shown:
        named += f" and {len(cut) - shown} more"
    note = (
        f"the text of {named} is longer than {LABEL_LIMIT} characters: the picture shows its"
        f" first {LABEL_LIMIT}, the tooltip its first {labels.TOOLTIP_LIMIT} (shorten it, or put the"
        " detail in a note)"
    )
    return (note,)


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
