"""From a map (and an evaluation) to DOT text: pure, deterministic, no Graphviz needed.

This module writes the nodes and edges. The sizes they use are in ``metrics``, the heading and
legend in ``legend``, the order and groups that balance the picture in ``layout``, what each
detail level draws (and where compact cards put their evidence) in ``levels``, and every escape
of user text in ``labels``.

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

from attrs import define, field

from argmap._text import suggest
from argmap.errors import EvaluationError, RenderError
from argmap.model import Argument, ArgumentMap, Claim, Evidence, Off, Statement, resolve_off
from argmap.rendering import labels
from argmap.rendering.labels import escstring, html_attr, html_block, html_text, id_attr, xml_attr
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
from argmap.rendering.levels import Row, check_detail, view
from argmap.rendering.metrics import (
    BAR_SEGMENT_WIDTH,
    BAR_SEGMENTS,
    FIGURE_WIDTH,
    FONT,
    JUNCTION_TITLE_LIMIT,
    LABEL_LIMIT,
    META_LIMIT,
    QUOTE_LIMIT,
    SIZES,
    TITLE_LIMIT,
    Sizes,
    text_width,
)
from argmap.rendering.themes import Theme, get_theme

if TYPE_CHECKING:
    from argmap.evaluation import Evaluation

__all__ = ["BAR_SEGMENTS", "DIRECTIONS", "STATUS_MARKS", "Drawing", "build", "status_classes", "to_dot"]

_OPENING_QUOTES: Final = frozenset("“\"‘'«„‚")
# Quotation marks inside a quote become single ones, as in print: “… ‘no limits’”, never “… “no limits””.
_NESTED: Final = str.maketrans({"“": "‘", "”": "’", '"': "'"})
_ANSWER_WEIGHT: Final = 4
_ROW_END: Final = "</FONT></TD></TR>"
_CELLS_PER_ROW: Final = 4


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
    rows: Mapping[str, str] = field(factory=dict)
    """Per SVG id of a compact card's evidence cell, its classes and data attributes as written."""


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
    detail: str = "full",
) -> str:
    """Return the DOT text for ``argument_map``; see ``argmap.render`` for the options."""
    return build(
        argument_map, evaluation, off=off, theme=theme, direction=direction, legend=legend, detail=detail
    ).dot


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
    detail: str = "full",
) -> Drawing:
    """Return the DOT text, the SVG data attributes and a plain-text summary of the map."""
    palette = get_theme(theme)
    level = check_detail(detail)
    if direction not in DIRECTIONS:
        raise RenderError(
            f"render: unknown direction: {direction!r}{suggest(direction, DIRECTIONS)}"
            f" (use one of {', '.join(DIRECTIONS)})"
        )
    switched_off = _check_off(argument_map, off, evaluation)
    looks = _looks(argument_map, evaluation, switched_off)
    gradual = evaluation is not None and bool(evaluation.strengths)
    marked = evaluation is not None or bool(switched_off)
    seen = view(argument_map, level)
    whole, argument_map = argument_map, seen.map
    emitter = _Emitter(
        argument_map,
        evaluation,
        palette,
        looks,
        gradual=gradual,
        off=switched_off.arguments,
        sizes=SIZES[level],
        rows=seen.rows,
        steps=None if level == "full" else seen.steps,
    )
    lines = [
        'digraph "argmap" {',
        "  graph ["
        + _attrs(
            {
                "bgcolor": _q(palette.background),
                "class": _q(f"argmap argmap-theme-{palette.name} argmap-direction-{direction}"),
                "fontname": _q(FONT),
                "id": '"argmap"',
                "label": graph_label(
                    argument_map,
                    evaluation,
                    palette,
                    legend=legend,
                    marked=marked,
                    detail=level,
                    sources=emitter.footnotes(),
                ),
                "labeljust": '"c"',
                "labelloc": '"t"',
                "newrank": "true",
                "nodesep": '"0.25"' if level == "full" else '"0.15"',
                "outputorder": '"edgesfirst"',
                "pad": '"0.3"' if level == "full" else '"0.15"',
                "rankdir": RANKDIR[direction],
                "ranksep": '"0.45"' if level == "full" else '"0.22"',
                "tooltip": escstring(argument_map.title),
            }
        )
        + "];",
        f'  node [fontname="{FONT}" fontsize="11" penwidth="1.3"];',
        f'  edge [fontname="{FONT}" arrowsize="0.8"];',
    ]
    order = argument_order(argument_map)
    groups = clusters(argument_map, order) if level == "full" else list(seen.lines.values())
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
        lines.append(f'  subgraph "cluster_{number}" {{')
        if level != "full":
            line_id = list(seen.lines)[number - 1]
            lines.append(f"    graph [{emitter.line_attributes(line_id, switched_off.lines)}];")
        else:
            # Invisible: the cluster only keeps a position's lines of argument together, under it.
            # It would inherit the map's background, id and tooltip: emptied, they are not drawn.
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
        summary=_summary(whole, evaluation, looks),
        badges=marked,
        notes=_notes(emitter.cut),
        rows=emitter.evidence_cells,
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
        sizes: Sizes = SIZES["full"],
        rows: Mapping[str, tuple[Row, ...]] | None = None,
        steps: Mapping[str, int] | None = None,
    ) -> None:
        self.map = argument_map
        self.sizes = sizes
        self.collapsed = rows or {}
        self.evidence_cells: dict[str, str] = {}
        # Sources by first use on a card, numbered for the footnote when there are several.
        self.source_numbers: dict[str, int] = {}
        if self.collapsed and len(argument_map.sources) > 1:
            for found in self.collapsed.values():
                for row in found:
                    self.source_numbers.setdefault(row.evidence.source, len(self.source_numbers) + 1)
        self.off_arguments = off
        self.evaluation = evaluation
        self.theme = theme
        self.looks = looks
        self.gradual = gradual
        self.data: dict[str, str] = {}
        # Each statement's and argument's id escaped for an SVG attribute, worked out once.
        self.xml: dict[str, str] = {}
        self.names: list[str] = []
        self.staggered = dict(steps) if steps is not None else staggered(argument_map)
        self.headers: dict[tuple[int, str, str, str | None, float | None], str] = {}
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
        collapsed = self.collapsed.get(statement.id, ())
        # The evidence count goes in the header, unless a strength bar already fills it.
        counted = 0 if self.gradual else len(collapsed)
        label += self._header(caption, style.caption, look, counted) + "</TD></TR>"
        sizes = self.sizes
        size = sizes.text[kind]
        if isinstance(statement, Evidence):
            if statement.text:
                main = html_block(statement.text, sizes.wrap[kind], limit=QUOTE_LIMIT)
            else:
                main = html_block(_quoted(statement.quote, QUOTE_LIMIT), sizes.wrap[kind], italic=True)
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
            text = html_block(statement.label, sizes.wrap[kind], limit=LABEL_LIMIT, bold=bold)
            label += self._row(size, colour, 3) + text + _ROW_END
            if collapsed:
                label += self._evidence_rows(collapsed)
        return label + "</TABLE>>"

    # -- compact: evidence as rows on the card it bears on ------------------------------------------

    def _evidence_rows(self, rows: tuple[Row, ...]) -> str:
        """Return the rows of a card's collapsed evidence: a count, then who said what, and where.

        One row per speaker (and way of bearing on the card): the speaker, then one cell per
        piece of evidence with its status mark and locator. Each such cell carries the evidence's
        id (Graphviz writes it as a link group, which the SVG post-processor turns into the
        evidence's own group) and has a fixed size worked out from its locator, so a status that
        changes moves nothing.
        """
        theme = self.theme
        sizes = self.sizes
        parts = ['<TR><TD ALIGN="LEFT" CELLPADDING="0" HEIGHT="4"></TD></TR>']
        if self.gradual:
            colour = html_attr(theme.kinds["evidence"].caption)
            parts.append(
                f'<TR><TD ALIGN="LEFT"><FONT POINT-SIZE="{sizes.caption:g}" COLOR="{colour}">'
                f"<B>EVIDENCE {len(rows)}</B></FONT></TD></TR>"
            )
        speakers: dict[str, list[Row]] = {}
        for row in rows:
            speakers.setdefault(self._attribution(row), []).append(row)
        height = round(sizes.row * 1.45)
        text_colour = html_attr(theme.muted)
        for speaker, said in speakers.items():
            # Fixed sizes throughout: Graphviz would spread a free row's cells over the card.
            speaker_width = round(text_width(speaker, sizes.row) * 0.9 + 4)
            for start in range(0, len(said), _CELLS_PER_ROW):
                first = html_text(speaker) if not start else ""
                if first:
                    first = f'<FONT POINT-SIZE="{sizes.row:g}" COLOR="{text_colour}">{first}</FONT>'
                fixed = f'FIXEDSIZE="TRUE" WIDTH="{speaker_width}" HEIGHT="{height}"'
                cells = [f'<TD {fixed} ALIGN="LEFT">{first}</TD>']
                width = speaker_width
                for row in said[start : start + _CELLS_PER_ROW]:
                    cell, cell_width = self._evidence_cell(row, height)
                    cells.append(cell)
                    width += cell_width
                parts.append(
                    f'<TR><TD ALIGN="LEFT"><TABLE FIXEDSIZE="TRUE" WIDTH="{width}" HEIGHT="{height}"'
                    ' ALIGN="LEFT" BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="0"><TR>'
                    + "".join(cells)
                    + "</TR></TABLE></TD></TR>"
                )
        return "".join(parts)

    def _evidence_cell(self, row: Row, height: int) -> tuple[str, int]:
        """Return a piece of evidence's cell on a compact card (status mark, locator) and its width."""
        evidence = row.evidence
        sizes = self.sizes
        look = self.looks[evidence.id]
        where = evidence.locator or "quote"
        number = self.source_numbers.get(evidence.source)
        if number:
            where = f"[{number}] {where}"
        where = labels.shorten(where, 16)
        mark_width = round(sizes.row * 1.3)
        text_part = round(text_width(where, sizes.row) + 4)
        width = mark_width + text_part
        mark = ""
        if look.status is not None:
            colour = html_attr(self.theme.statuses[look.status].colour)
            glyph = STATUS_MARKS[look.status][0]
            mark = f'<FONT POINT-SIZE="{sizes.row:g}" COLOR="{colour}"><B>{glyph}</B></FONT>'
        text_colour = self.theme.muted if look.status == "off" else self.theme.kinds["claim"].text
        tooltip = labels.html_text(self._tooltip(evidence, look)[: labels.TOOLTIP_LIMIT])
        escaped = _xml(evidence.id)
        self.evidence_cells[labels.svg_id(evidence.id)] = (
            f' class="argmap-evidence-row argmap-status-{look.status or "none"}"'
            f' data-argmap-id="{escaped}" data-kind="evidence" data-status="{look.status or "none"}"'
            f' data-evidence-id="{escaped}" data-source-id="{_xml(evidence.source)}"'
            f' data-host-id="{_xml(row.host)}" data-role="{row.role}"'
        )
        # The mark has a cell of its own: a wider or narrower glyph moves not even the locator.
        # Graphviz 2.43 writes a cell's link group only for a cell with a link: the SVG
        # post-processor takes this one out again.
        ident = labels.html_text(labels.svg_id(evidence.id))
        cell = (
            f'<TD FIXEDSIZE="TRUE" WIDTH="{width}" HEIGHT="{height}"'
            f' ID="{ident}" HREF="#" TOOLTIP="{tooltip}">'
            f'<TABLE FIXEDSIZE="TRUE" WIDTH="{width}" HEIGHT="{height}" BORDER="0" CELLBORDER="0"'
            ' CELLSPACING="0" CELLPADDING="0"><TR>'
            f'<TD FIXEDSIZE="TRUE" WIDTH="{mark_width}" HEIGHT="{height}">{mark}</TD>'
            f'<TD FIXEDSIZE="TRUE" WIDTH="{text_part}" HEIGHT="{height}" ALIGN="LEFT">'
            f'<FONT POINT-SIZE="{sizes.row:g}" COLOR="{html_attr(text_colour)}">'
            f"{labels.html_text(where)}</FONT></TD></TR></TABLE></TD>"
        )
        return cell, width

    def _attribution(self, row: Row) -> str:
        """Return who an evidence row quotes and how the evidence bears on the card (not escaped)."""
        evidence = row.evidence
        words = [] if row.role == "pro" else ["against:" if row.role == "con" else "undercuts:"]
        words.append(labels.shorten(evidence.speaker or self._source(evidence.source)[1], 26))
        return " ".join(words) + " ·"

    def footnotes(self) -> tuple[str, ...]:
        """Return the sources the compact cards cite, each once: author, title, publisher, date."""
        if not self.collapsed:
            return ()
        cited = dict.fromkeys(row.evidence.source for found in self.collapsed.values() for row in found)
        notes = []
        for source_id in self.source_numbers or cited:
            text, _ = self._cited(source_id)
            number = self.source_numbers.get(source_id)
            notes.append(f"[{number}] {text}" if number else text)
        return tuple(notes)

    def line_attributes(self, line_id: str, off: frozenset[str]) -> str:
        """Return the graph attributes of a line of argument's cluster: drawn, with its title."""
        line = self.map.line(line_id)
        theme = self.theme
        cluster_id = f"line:{line_id}"
        self.data[cluster_id] = f' data-line-id="{self._xml(line_id)}"'
        switched = line_id in off
        colour = theme.inactive if switched else theme.legend_border
        title = html_block(line.title, 40, limit=TITLE_LIMIT * 2, bold=True)
        classes = "argmap-line argmap-line-off" if switched else "argmap-line"
        return _attrs(
            {
                "class": _q(classes),
                "color": _q(colour),
                "fillcolor": _q(theme.legend_fill),
                "fontcolor": _q(theme.muted),
                "fontsize": _q(f"{self.sizes.junction:g}"),
                "id": id_attr(cluster_id),
                "label": f"<{title}>",
                "labeljust": '"l"',
                "margin": '"7"',
                "penwidth": '"1.2"',
                "style": '"rounded,filled,dashed"' if switched else '"rounded,filled"',
                "tooltip": escstring(f"Line of argument {line_id}: {line.title}"),
            }
        )

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

    def _header(self, caption: str, caption_colour: str, look: _Look, count: int = 0) -> str:
        key = (
            count,
            caption,
            caption_colour,
            look.status,
            None if look.strength is None else round(look.strength, 2),
        )
        header = self.headers.get(key)
        if header is None:
            header = self.headers[key] = self._make_header(caption, caption_colour, look, count)
        return header

    def _make_header(self, caption: str, caption_colour: str, look: _Look, count: int) -> str:
        # Every cell is fixed-size and the table too, so the header is the same size whatever the
        # status, and stays left-aligned (Graphviz would stretch a free-size nested table).
        theme = self.theme
        sizes = self.sizes
        fixed = f'FIXEDSIZE="TRUE" HEIGHT="{sizes.badge_height}"'
        # Full maps give every caption one width; the others fit it to the caption, which
        # depends on the statement alone, never on its status.
        caption_width = sizes.caption_width or round(text_width(caption, sizes.caption, bold=True) + 8)
        cells = [
            (
                f'<TD {fixed} WIDTH="{caption_width}" ALIGN="LEFT">'
                f'<FONT POINT-SIZE="{sizes.caption:g}" COLOR="{html_attr(caption_colour)}">'
                f"<B>{caption}</B></FONT></TD>"
            )
        ]
        width = caption_width + sizes.badge_width
        if look.status is not None:
            status_style = theme.statuses[look.status]
            cells.append(
                f'<TD {fixed} WIDTH="{sizes.badge_width}" BGCOLOR="{html_attr(status_style.badge_fill)}">'
                f'<FONT POINT-SIZE="{sizes.badge:g}" COLOR="{html_attr(status_style.badge_text)}">'
                f"<B>{STATUS_MARKS[look.status]}</B></FONT></TD>"
            )
        else:
            cells.append(f'<TD {fixed} WIDTH="{sizes.badge_width}"></TD>')
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
                f'<FONT POINT-SIZE="{sizes.badge:g}" COLOR="{html_attr(caption_colour)}">{figure}</FONT></TD>'
            )
            width += 6 + BAR_SEGMENTS * BAR_SEGMENT_WIDTH + FIGURE_WIDTH
        if count:
            # A compact card's pieces of evidence, counted after the status (which it never moves).
            counted = f"EVIDENCE {count}"
            count_width = round(text_width(counted, sizes.caption, bold=True) + 10)
            cells.append(
                f'<TD {fixed} WIDTH="{count_width}" ALIGN="RIGHT"><FONT POINT-SIZE="{sizes.caption:g}"'
                f' COLOR="{html_attr(theme.kinds["evidence"].caption)}"><B>{counted}</B></FONT></TD>'
            )
            width += count_width
        return (
            f'<TABLE FIXEDSIZE="TRUE" WIDTH="{width}" HEIGHT="{sizes.badge_height}" ALIGN="LEFT"'
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
            parts.append(f"“{statement.quote}”")  # exactly as quoted: the tooltip is the reference
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
            title = html_block(argument.title, self.sizes.junction_wrap, limit=JUNCTION_TITLE_LIMIT)
            junction = (
                f'  {name} [class="argmap-junction argmap-titled argmap-{stance}{state_class}"'
                f' color="{colour}" fillcolor="{colour}" fontcolor="{theme.background}"'
                f' fontsize="{self.sizes.junction:g}"'
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
        steps = self.staggered.get(argument.id)
        placement = f" minlen={steps}" if steps else ""
        lines.append(
            f"  {name} -> {self._name(argument.conclusion)} [arrowhead={head} class="
            f'"argmap-edge argmap-{stance} argmap-inference{state_class}" color="{colour}"'
            f' id={id_attr(edge_id)}{placement} penwidth="1.8" style={line} tooltip={tip} weight=2];'
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
    """Return ``quote`` shortened and in quotation marks, unless it opens with its own marks.

    >>> _quoted("their friendship had “no limits”", 80)
    '“their friendship had ‘no limits’”'
    """
    short = labels.shorten(quote, limit)
    if short[:1] in _OPENING_QUOTES:
        return short
    return f"“{short.translate(_NESTED)}”"


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
