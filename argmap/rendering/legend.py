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
    BADGE_WIDTH,
    BAR_SEGMENT_WIDTH,
    BAR_SEGMENTS,
    DESCRIPTION_LIMIT,
    HEADING_LIMIT,
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
) -> str:
    """Return the graph's HTML-like label: title, description (shortened) and the legend."""
    title = "<BR/>".join(
        html_text(line)
        for line in labels.wrap(labels.shorten(argument_map.title, HEADING_LIMIT), 70) or [" "]
    )
    rows = [f'<TR><TD><FONT POINT-SIZE="18" COLOR="{html_attr(theme.text)}"><B>{title}</B></FONT></TD></TR>']
    if argument_map.description:
        about = labels.html_block(argument_map.description, 110, limit=DESCRIPTION_LIMIT)
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
                f'<FONT POINT-SIZE="7.5" COLOR="{html_attr(style.text)}"><B>{CAPTIONS[kind]}</B></FONT>',
                text_width(CAPTIONS[kind], 7.5, bold=True) + 10,
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
                text_width(glyph, 10, bold=True) + 4,
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
                    BADGE_WIDTH,
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
                BADGE_WIDTH,
                f' BGCOLOR="{html_attr(style.badge_fill)}"',
            )
        )
        cells.append(_gap(6))
    cells.append(_note("border: solid stands, dashed falls or off, dotted open", theme))
    if evaluation.strengths:
        cells.append(_gap(10))
        for index in range(BAR_SEGMENTS):
            colour = theme.bar_fill if index < 7 else theme.bar_empty  # noqa: PLR2004  # a sample bar
            cells.append(_Cell("", BAR_SEGMENT_WIDTH, f' BGCOLOR="{html_attr(colour)}"', height=7))
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
        text_width(text, 9) + 6,
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
