"""The map's heading: its title, description and the legend of kinds, relations and statuses.

Also the words and marks the legend explains, which every node uses: ``STATUS_MARKS`` (a glyph
and a word per status, so a status never depends on colour alone) and the kinds' captions.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from attrs import define

from argmap.rendering import labels
from argmap.rendering.labels import html_attr, html_text
from argmap.rendering.metrics import (
    BAR_SEGMENT_WIDTH,
    BAR_SEGMENTS,
    DESCRIPTION_LIMIT,
    HEADING_LIMIT,
    SIZES,
    Sizes,
    text_width,
)

if TYPE_CHECKING:
    from argmap.evaluation import Evaluation
    from argmap.model import ArgumentMap
    from argmap.rendering.themes import Theme

__all__ = ["CAPTIONS", "STATUS_MARKS", "graph_label"]

STATUS_MARKS: Final = {"in": "√ stands", "out": "× falls", "undecided": "? open", "off": "○ off"}
"""The badge text per status: a glyph and a word, so a status never depends on colour alone.

The glyphs are ones Graphviz's own PNG renderer can draw."""

CAPTIONS: Final = {"question": "QUESTION", "position": "POSITION", "claim": "CLAIM", "evidence": "EVIDENCE"}
"""The caption over each kind's text."""


def graph_label(
    argument_map: ArgumentMap,
    evaluation: Evaluation | None,
    theme: Theme,
    *,
    legend: bool,
    marked: bool,
    detail: str = "full",
    sources: tuple[str, ...] = (),
) -> str:
    """Return the graph's HTML-like label: title, description (shortened) and the legend.

    Only ``full`` has the description; ``sources`` (the compact level's cited sources, each
    once) go under the legend.
    """
    sizes = SIZES[detail]
    title = "<BR/>".join(
        html_text(line)
        for line in labels.wrap(labels.shorten(argument_map.title, HEADING_LIMIT), 70) or [" "]
    )
    heading = 18 if detail == "full" else 20
    rows = [f"<TR><TD>{_bold(title, heading, theme.text)}</TD></TR>"]
    if argument_map.description and detail == "full":
        about = labels.html_block(argument_map.description, 110, limit=DESCRIPTION_LIMIT)
        rows.append(
            f'<TR><TD><FONT POINT-SIZE="10" COLOR="{html_attr(theme.muted)}">{about}</FONT></TD></TR>'
        )
    if legend:
        rows.append(
            f"<TR><TD>{_legend(evaluation, theme, marked=marked, sizes=sizes, detail=detail)}</TD></TR>"
        )
    if sources:
        shown = [labels.shorten(source, 160) for source in sources[:_SOURCES_SHOWN]]
        if len(sources) > _SOURCES_SHOWN:
            shown.append(f"and {len(sources) - _SOURCES_SHOWN} more sources")
        lead = "Sources: " if len(sources) > 1 else "Source: "
        cited = "<BR/>".join(html_text(line) for line in [lead + shown[0], *shown[1:]])
        rows.append(
            f'<TR><TD BALIGN="LEFT"><FONT POINT-SIZE="{sizes.legend:g}" COLOR="{html_attr(theme.muted)}">'
            f"{cited}</FONT></TD></TR>"
        )
    rows.append('<TR><TD HEIGHT="6"></TD></TR>')
    return '<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="2" CELLPADDING="2">' + "".join(rows) + "</TABLE>>"


_SOURCES_SHOWN: Final = 12


def _legend(evaluation: Evaluation | None, theme: Theme, *, marked: bool, sizes: Sizes, detail: str) -> str:
    rows = [_legend_kinds(theme, sizes, detail)]
    if marked:
        rows.append(_legend_statuses(evaluation, theme, sizes))
    return (
        f'<TABLE BORDER="1" COLOR="{html_attr(theme.legend_border)}" BGCOLOR="{html_attr(theme.legend_fill)}"'
        ' CELLBORDER="0" CELLSPACING="0" CELLPADDING="4" STYLE="ROUNDED">'
        + "".join(f"<TR><TD>{row}</TD></TR>" for row in rows)
        + "</TABLE>"
    )


def _legend_kinds(theme: Theme, sizes: Sizes, detail: str) -> str:
    scale = sizes.legend / 7.5
    height = round(16 * scale)
    cells = [_note("Kinds", theme, sizes)]
    kinds = (
        ("question", "position", "claim", "evidence")
        if detail == "full"
        else ("question", "position", "claim")
    )
    for kind in kinds:
        style = theme.kinds[kind]
        rounded = ' STYLE="ROUNDED"' if style.rounded else ""
        cells.append(
            _Cell(
                _bold(CAPTIONS[kind], sizes.legend, style.text),
                text_width(CAPTIONS[kind], sizes.legend, bold=True) + 10 * scale,
                f' BORDER="1" COLOR="{html_attr(style.border)}" BGCOLOR="{html_attr(style.fill)}"{rounded}',
                height,
            )
        )
        cells.append(_gap(4, height))
    if detail == "compact":
        cells.append(_note("each card lists its evidence: status, speaker, ¶", theme, sizes))
    cells.append(_gap(10, height))
    glyph_size = round(10 * scale)
    for colour, glyph, meaning in (
        (theme.pro, "───►", "supports"),
        (theme.con, "– – –┤", "opposes"),
        (theme.undercut, "· · · ·┤", "undercuts an inference"),
        (theme.answers, "──►", "answers"),
    ):
        cells.append(
            _Cell(
                f'<FONT POINT-SIZE="{glyph_size:g}" COLOR="{html_attr(colour)}"><B>{glyph}</B></FONT>',
                text_width(glyph, glyph_size, bold=True) + 4,
                ' ALIGN="RIGHT"',
                height,
            )
        )
        cells += [_note(meaning, theme, sizes), _gap(8, height)]
    for colour, glyph in ((theme.pro, "+"), (theme.con, "−")):
        cells.append(
            _Cell(
                _bold(glyph, round(9 * scale), theme.background),
                round(14 * scale),
                f' BGCOLOR="{html_attr(colour)}" STYLE="ROUNDED"',
                height,
            )
        )
        cells.append(_gap(2, height))
    cells.append(_note("joins linked premises", theme, sizes))
    return _fixed_row(cells, height)


def _legend_statuses(evaluation: Evaluation | None, theme: Theme, sizes: Sizes) -> str:
    height = round(16 * sizes.legend / 7.5)
    if evaluation is None:
        # Switched off but not evaluated: only "off" means anything on this map.
        style = theme.statuses["off"]
        mark = STATUS_MARKS["off"]
        return _fixed_row(
            [
                _note("Status", theme, sizes),
                _Cell(
                    _bold(mark, sizes.badge, style.badge_text),
                    sizes.badge_width,
                    f' BGCOLOR="{html_attr(style.badge_fill)}"',
                    height,
                ),
                _gap(6, height),
                _note("switched off (no semantics chosen, so nothing else is marked)", theme, sizes),
            ],
            height,
        )
    cells = [_note(f"Status ({evaluation.semantics} semantics)", theme, sizes)]
    for status, mark in STATUS_MARKS.items():
        style = theme.statuses[status]
        cells.append(
            _Cell(
                _bold(mark, sizes.badge, style.badge_text),
                sizes.badge_width,
                f' BGCOLOR="{html_attr(style.badge_fill)}"',
                height,
            )
        )
        cells.append(_gap(6, height))
    cells.append(_note("border: solid stands, dashed falls or off, dotted open", theme, sizes))
    if evaluation.strengths:
        cells.append(_gap(10, height))
        for index in range(BAR_SEGMENTS):
            colour = theme.bar_fill if index < 7 else theme.bar_empty  # noqa: PLR2004  # a sample bar
            cells.append(_Cell("", BAR_SEGMENT_WIDTH, f' BGCOLOR="{html_attr(colour)}"', 7))
        cells.append(_note("strength from 0 to 1", theme, sizes))
    return _fixed_row(cells, height)


@define(frozen=True)
class _Cell:
    body: str
    width: float
    extra: str = ""
    height: int = 16


def _bold(markup: str, size: float, colour: str) -> str:
    """Return ``markup`` (already escaped) in bold, in this size and colour."""
    return f'<FONT POINT-SIZE="{size:g}" COLOR="{html_attr(colour)}"><B>{markup}</B></FONT>'


def _gap(width: int, height: int) -> _Cell:
    return _Cell("", width, height=height)


def _note(text: str, theme: Theme, sizes: Sizes) -> _Cell:
    size = max(9, round(sizes.legend))
    return _Cell(
        f'<FONT POINT-SIZE="{size:g}" COLOR="{html_attr(theme.muted)}">{html_text(text)}</FONT>',
        text_width(text, size) + 6,
        ' ALIGN="LEFT"',
        round(16 * sizes.legend / 7.5),
    )


def _fixed_row(cells: list[_Cell], height: int) -> str:
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
        f'<TABLE FIXEDSIZE="TRUE" WIDTH="{total}" HEIGHT="{height}" ALIGN="LEFT" BORDER="0" CELLBORDER="0"'
        ' CELLSPACING="0" CELLPADDING="0"><TR>' + "".join(parts) + "</TR></TABLE>"
    )
