"""From a map (and an evaluation) to DOT text: pure, deterministic, no Graphviz needed.

The layout depends only on the map's structure and the theme-independent sizes set here:
statuses, strengths and themes change colours and line styles, never a node's size. Every
status mark sits in a fixed-size cell, so switching evidence off moves nothing.

>>> from argmap.model import ArgumentMap
>>> b = ArgumentMap.build("Tiny")
>>> b.question("q", "Why?")
'q'
>>> print(to_dot(b.finish(), legend=False).splitlines()[0])
digraph "argmap" {
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Final

from attrs import define

from argmap.errors import EvaluationError, RenderError
from argmap.model import Argument, ArgumentMap, Claim, Evidence, Statement
from argmap.rendering import labels
from argmap.rendering.labels import escstring, html_attr, html_text, id_attr
from argmap.rendering.themes import Theme, get_theme

if TYPE_CHECKING:
    from argmap.evaluation import Evaluation

__all__ = ["DIRECTIONS", "STATUS_MARKS", "Drawing", "build", "status_classes", "to_dot"]

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
_BAR_SEGMENTS: Final = 10
_BAR_SEGMENT_WIDTH: Final = 4
_FIGURE_WIDTH: Final = 24
_FONT: Final = "Helvetica"
_STAGGER_FROM: Final = 2
_ANSWER_WEIGHT: Final = 4


@define(frozen=True, kw_only=True)
class Drawing:
    """DOT text plus what the SVG post-processor adds: data attributes per SVG element id."""

    dot: str
    data: Mapping[str, tuple[tuple[str, str], ...]]
    summary: str


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
    without a new layout; badges and strengths are drawn text, so a full re-render refreshes them.
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
    lines += [emitter.statement(statement) for statement in argument_map.statements]
    for argument in _argument_order(argument_map):
        lines += emitter.argument(argument)
    for position in argument_map.positions:
        if position.answers is not None:
            lines.append(emitter.answers(position.id, position.answers))
    lines.append("}")
    emitter.check_names()
    return Drawing(
        dot="\n".join(lines) + "\n",
        data=emitter.data,
        summary=_summary(argument_map, evaluation, looks),
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
    looks: dict[str, _Look] = {}
    for statement in argument_map.statements:
        if evaluation is not None:
            status: str | None = evaluation.status(statement.id).value
            strength = evaluation.strength(statement.id)
        else:
            status = "off" if statement.id in switched_off else None
            strength = None
        looks[statement.id] = _Look(status, strength)
    return looks


def _argument_order(argument_map: ArgumentMap) -> list[Argument]:
    # Grouped by conclusion, pros before cons, so Graphviz tends to draw reasons left of objections.
    order: list[Argument] = []
    for statement in argument_map.statements:
        order += argument_map.pro(statement.id)
        order += argument_map.con(statement.id)
    return order


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
        self.data: dict[str, tuple[tuple[str, str], ...]] = {}
        self.names: list[str] = []
        self.staggered = _staggered(argument_map)
        self.headers: dict[tuple[str, str, str | None, float | None], str] = {}
        self.sources: dict[str, tuple[str | None, str]] = {}

    # -- statements ------------------------------------------------------------------------------

    def statement(self, statement: Statement) -> str:
        theme = self.theme
        kind = statement.kind
        style = theme.kinds[kind]
        look = self.looks[statement.id]
        status_style = theme.statuses[look.status] if look.status else None
        fill = theme.off_fill if look.status == "off" else style.fill
        border = status_style.colour if status_style else style.border
        styles = ["rounded"] if style.rounded else []
        styles.append("filled")
        if status_style and status_style.line != "solid":
            styles.append(status_style.line)
        classes = ["argmap-node", f"argmap-{kind}", f"argmap-status-{look.status or 'none'}"]
        if statement.assumed:
            classes.append("argmap-assumed")
        penwidth = "1.6" if kind in {"question", "position"} else "1.3"
        data = [("data-argmap-id", statement.id), ("data-kind", kind), ("data-status", look.status or "none")]
        link = target = ""
        if isinstance(statement, Evidence):
            url, _ = self._source(statement.source)
            if url is not None:
                link = f'URL="{url}" '
                target = 'target="_blank" '
            data += [("data-evidence-id", statement.id), ("data-source-id", statement.source)]
        self.data[statement.id] = tuple(data)
        name = labels.dot_id(statement.id)
        self.names.append(name)
        # Written out rather than through _attrs: this is the hot path on big maps (same sorted order).
        return (
            f"  {name} [{link}class={_q(' '.join(classes))} color={_q(border)} fillcolor={_q(fill)}"
            f" id={id_attr(statement.id)} label={self._statement_label(statement, look)}"
            f' margin="0.1,0.06" penwidth="{penwidth}" shape={style.shape} style={_q(",".join(styles))}'
            f" {target}tooltip={escstring(self._tooltip(statement, look))}];"
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

    def _statement_label(self, statement: Statement, look: _Look) -> str:
        theme = self.theme
        kind = statement.kind
        style = theme.kinds[kind]
        colour = theme.muted if look.status == "off" else style.text
        caption = "ASSUMPTION" if isinstance(statement, Claim) and statement.assumed else _CAPTIONS[kind]
        rows = [f'<TR><TD ALIGN="LEFT">{self._header(caption, style.caption, look)}</TD></TR>']
        size = _TEXT_SIZE[kind]
        if isinstance(statement, Evidence):
            if statement.text:
                main = _lines(statement.text, _WRAP[kind], limit=_QUOTE_LIMIT)
            else:
                main = _lines(_quoted(statement.quote, _QUOTE_LIMIT), _WRAP[kind], italic=True)
            rows.append(_text_row(main, size, colour, top=3))
            if statement.speaker:
                rows.append(
                    _text_row(_lines(f"— {statement.speaker}", 40, limit=_META_LIMIT), 9, colour, top=3)
                )
            url, title = self._source(statement.source)
            # The title is cut, never the locator: the locator is what finds the quote again.
            cite = title + (f", {statement.locator}" if statement.locator else "")
            linked = url is not None
            rows.append(
                _text_row(_lines(cite, 44, limit=_META_LIMIT, underline=linked), 8.5, theme.muted, top=2)
            )
        else:
            bold = kind in {"question", "position"}
            rows.append(_text_row(_lines(statement.label, _WRAP[kind], bold=bold), size, colour, top=3))
        return (
            '<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="0">' + "".join(rows) + "</TABLE>>"
        )

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
            filled = round(look.strength * _BAR_SEGMENTS) if look.strength is not None else 0
            for index in range(_BAR_SEGMENTS):
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
            width += 6 + _BAR_SEGMENTS * _BAR_SEGMENT_WIDTH + _FIGURE_WIDTH
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
            source = self.map.source(statement.source)
            cite = ", ".join(
                part
                for part in (source.author, source.title, source.publisher, source.date, statement.locator)
                if part
            )
            parts.append(f"Source: {cite}")
            if source.url:
                parts.append(source.url)
        else:
            parts.append(statement.label)
        if statement.note:
            parts.append(f"Note: {statement.note}")
        return "\n".join(parts)

    # -- arguments -------------------------------------------------------------------------------

    def argument(self, argument: Argument) -> list[str]:
        theme = self.theme
        stance = argument.stance
        colour = theme.pro if argument.is_pro else theme.con
        line = "solid" if argument.is_pro else "dashed"
        head = "normal" if argument.is_pro else "tee"
        state = self._argument_state(argument)
        if state == "inapplicable":
            colour = theme.inactive
        extra = [f"argmap-argument-{state}"] if state else []
        tooltip = self._argument_tooltip(argument)
        inference = {"arrowhead": head, "color": _q(colour), "penwidth": '"1.8"', "style": line}
        inference_classes = ["argmap-edge", f"argmap-{stance}", "argmap-inference", *extra]
        if len(argument.premises) == 1 and not argument.undercutters:
            placement = {"minlen": "2"} if argument.id in self.staggered else {}
            return [
                self._edge(
                    argument.premises[0],
                    argument.conclusion,
                    edge_id=f"arg:{argument.id}:conclusion",
                    classes=inference_classes,
                    attributes={**inference, **placement},
                    tooltip=tooltip,
                    argument=argument.id,
                )
            ]
        # Linked premises and undercuts meet at a junction: the argument itself, drawn as + or −.
        node_id = f"arg:{argument.id}"
        name = labels.dot_id(node_id)
        self.names.append(name)
        node_attrs = {
            "class": _q(" ".join(["argmap-junction", f"argmap-{stance}", *extra])),
            "color": _q(colour),
            "fillcolor": _q(colour),
            "fixedsize": "true",
            "fontcolor": _q(theme.background),
            "fontsize": '"13"',
            "height": '"0.26"',
            "id": id_attr(node_id),
            "label": f"<<B>{'+' if argument.is_pro else '−'}</B>>",
            "shape": "circle",
            "style": "filled",
            "tooltip": escstring(tooltip),
            "width": '"0.26"',
        }
        self.data[node_id] = (("data-argument-id", argument.id), ("data-stance", stance))
        lines = [f"  {name} [{_attrs(node_attrs)}];"]
        lines += [
            self._edge(
                premise,
                None,
                edge_id=f"arg:{argument.id}:premise:{premise}",
                classes=["argmap-edge", f"argmap-{stance}", "argmap-premise-link", *extra],
                attributes={**inference, "arrowhead": "none", "penwidth": '"1.6"', "weight": "3"},
                tooltip=tooltip,
                argument=argument.id,
                head_name=name,
                head_id=node_id,
            )
            for premise in argument.premises
        ]
        edge_id = f"arg:{argument.id}:conclusion"
        attributes = {
            **inference,
            "class": _q(" ".join(inference_classes)),
            "id": id_attr(edge_id),
            "tooltip": escstring(tooltip),
            "weight": "2",
        }
        lines.append(f"  {name} -> {labels.dot_id(argument.conclusion)} [{_attrs(attributes)}];")
        self.data[edge_id] = (
            ("data-argument-id", argument.id),
            ("data-from", node_id),
            ("data-to", argument.conclusion),
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
        return lines

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
        target_name = head_name if head_name is not None else labels.dot_id(head or "")
        target_id = head_id if head_id is not None else (head or "")
        if self.looks[tail].status == "off" and "argmap-undercut" not in classes:
            attributes = {**attributes, "color": _q(self.theme.inactive)}
        attributes = {
            **attributes,
            "class": _q(" ".join(classes)),
            "id": id_attr(edge_id),
            "tooltip": escstring(tooltip),
        }
        data = [("data-argument-id", argument)] if argument is not None else []
        data += [("data-from", tail), ("data-to", target_id)]
        self.data[edge_id] = tuple(data)
        return f"  {labels.dot_id(tail)} -> {target_name} [{_attrs(attributes)}];"

    def check_names(self) -> None:
        seen: set[str] = set()
        for name in self.names:
            if name in seen:
                raise RenderError(
                    f"render: two elements would share the Graphviz name {name}"
                    " (a statement id clashes with an argument's 'arg:<id>' junction; rename the statement)"
                )
            seen.add(name)


def _staggered(argument_map: ArgumentMap) -> frozenset[str]:
    """Return the one-premise arguments whose leaf premise is drawn one rank further down.

    A claim with many pieces of evidence would put them all side by side and make the map very
    wide; every second leaf sits one rank lower instead, in a brick pattern. This depends only on
    the map's structure, never on statuses.
    """
    concluded = {argument.conclusion for argument in argument_map.arguments}
    undercutters = {u for argument in argument_map.arguments for u in argument.undercutters}
    uses: dict[str, int] = {}
    for argument in argument_map.arguments:
        for premise in argument.premises:
            uses[premise] = uses.get(premise, 0) + 1
    lower: set[str] = set()
    for statement in argument_map.statements:
        leaves = [
            argument
            for argument in (*argument_map.pro(statement.id), *argument_map.con(statement.id))
            if len(argument.premises) == 1
            and not argument.undercutters
            and argument.premises[0] not in concluded
            and argument.premises[0] not in undercutters
            and uses[argument.premises[0]] == 1
        ]
        if len(leaves) >= _STAGGER_FROM:
            lower.update(argument.id for argument in leaves[1::2])
    return frozenset(lower)


# -- helpers ---------------------------------------------------------------------------------------


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
) -> list[str]:
    """Return ``text`` shortened, wrapped and escaped, one HTML fragment per line."""
    if limit is not None:
        text = labels.shorten(text, limit)
    out = labels.html_lines(text, width) or [" "]
    if underline:
        out = [f"<U>{fragment}</U>" for fragment in out]
    if italic:
        out = [f"<I>{fragment}</I>" for fragment in out]
    if bold:
        out = [f"<B>{fragment}</B>" for fragment in out]
    return out


def _text_row(lines: list[str], size: float, colour: str, *, top: int) -> str:
    body = "<BR/>".join(lines)
    return (
        f'<TR><TD ALIGN="LEFT" BALIGN="LEFT" CELLPADDING="0" HEIGHT="{top}"></TD></TR>'
        f'<TR><TD ALIGN="LEFT" BALIGN="LEFT"><FONT POINT-SIZE="{size:g}" COLOR="{html_attr(colour)}">'
        f"{body}</FONT></TD></TR>"
    )


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
        about = "<BR/>".join(_lines(argument_map.description, 110, limit=_DESCRIPTION_LIMIT))
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
        for index in range(_BAR_SEGMENTS):
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
