"""Text metrics and fixed sizes: how big each part of a node is, whatever its text or status.

The layout depends only on the map's structure and these sizes: statuses, strengths and themes
change colours and line styles, never a node's size. Every status mark sits in a fixed-size cell,
so switching evidence off moves nothing. Label text is capped (``LABEL_LIMIT``) so that a huge
statement cannot make Graphviz draw a picture of hundreds of megabytes.
"""

from __future__ import annotations

from typing import Final, Literal, get_args

from attrs import define

__all__ = [
    "BADGE_HEIGHT",
    "BADGE_WIDTH",
    "BAR_SEGMENTS",
    "BAR_SEGMENT_WIDTH",
    "CAPTION_WIDTH",
    "DESCRIPTION_LIMIT",
    "DETAILS",
    "FIGURE_WIDTH",
    "FONT",
    "HEADING_LIMIT",
    "JUNCTION_TITLE_LIMIT",
    "JUNCTION_WRAP",
    "LABEL_LIMIT",
    "META_LIMIT",
    "QUOTE_LIMIT",
    "SIZES",
    "TEXT_SIZE",
    "TITLE_LIMIT",
    "WRAP",
    "Detail",
    "Sizes",
    "text_width",
]

Detail = Literal["full", "compact", "outline"]
"""How much of a map a picture shows (``argmap.render(..., detail=...)``).

``full`` draws every statement, each piece of evidence as its own card. ``compact`` is for a
slide: evidence collapses into an attribution line on the card of the claim it bears on, source
titles go once into the heading, and each line of argument is a titled cluster. ``outline``
draws the question, the positions, the argument titles and the claims only.
"""
DETAILS: Final[tuple[Detail, ...]] = get_args(Detail)

FONT: Final = "Helvetica"
WRAP: Final = {"question": 36, "position": 28, "claim": 28, "evidence": 30}
"""Characters per line of a statement's text, by kind."""
TEXT_SIZE: Final = {"question": 14, "position": 12.5, "claim": 11, "evidence": 10.5}
QUOTE_LIMIT: Final = 150
TITLE_LIMIT: Final = 48
DESCRIPTION_LIMIT: Final = 420
META_LIMIT: Final = 80
LABEL_LIMIT: Final = 600
"""The most characters of a statement's text drawn in its node; the tooltip has more."""
JUNCTION_WRAP: Final = 24
"""Characters per line of an argument's title, drawn on its junction."""
JUNCTION_TITLE_LIMIT: Final = 80
HEADING_LIMIT: Final = 300
"""The most characters of the map's title drawn over it."""
BADGE_WIDTH: Final = 52
CAPTION_WIDTH: Final = 62
BADGE_HEIGHT: Final = 14
BAR_SEGMENTS: Final = 10
"""How many cells the strength bar has (gradual semantics); a strength fills them rounded half up."""
BAR_SEGMENT_WIDTH: Final = 4
FIGURE_WIDTH: Final = 24


# Helvetica's advance widths in thousandths of an em (Liberation Sans and Arial share them), by
# character; anything else counts as a capital. Graphviz measures with the real font, and warns
# of a fixed-size cell too small for its text: the estimate is made generous to never do that.
_WIDTHS: Final = {
    **dict.fromkeys(" ,.:;!|'/()[]ijlftI", 278),
    **dict.fromkeys('r-"', 333),
    **dict.fromkeys("cksvxyzJ", 500),
    **dict.fromkeys("abdeghnopqu0123456789", 556),
    **dict.fromkeys("mM", 833),
    **dict.fromkeys("wW", 944),
}
_CAPITAL: Final = 722
_MARGIN: Final = 1.22


def text_width(text: str, size: float, *, bold: bool = False) -> float:
    """Return how many points wide ``text`` is in Helvetica at ``size``, generously (never too small)."""
    total = sum(_WIDTHS.get(char, _CAPITAL) for char in text)
    return total / 1000 * size * _MARGIN * (1.1 if bold else 1.0)


@define(frozen=True, kw_only=True)
class Sizes:
    """The font sizes (points) and fixed cell sizes of one detail level."""

    text: dict[str, float]
    """A statement's text, by kind."""
    wrap: dict[str, int]
    """Characters per line of a statement's text, by kind."""
    caption: float
    badge: float
    caption_width: int
    """The caption's cell, or 0 to fit it to the caption."""
    badge_width: int
    badge_height: int
    junction: float
    """An argument's title on its junction."""
    junction_wrap: int
    row: float
    """An evidence row on a compact card (speaker and locator)."""
    legend: float
    """The smallest text of the legend and heading."""


SIZES: Final[dict[str, Sizes]] = {
    "full": Sizes(
        text=TEXT_SIZE,
        wrap=WRAP,
        caption=7.5,
        badge=8.5,
        caption_width=CAPTION_WIDTH,
        badge_width=BADGE_WIDTH,
        badge_height=BADGE_HEIGHT,
        junction=9,
        junction_wrap=JUNCTION_WRAP,
        row=9,
        legend=7.5,
    ),
    # A slide shows the whole map at about 0.9 px per point: nothing smaller than 10 pt, so
    # nothing is under 9 px. Graphviz draws an HTML label's POINT-SIZE as a whole number: only
    # whole sizes here.
    "compact": Sizes(
        text={"question": 13, "position": 12, "claim": 11, "evidence": 10},
        wrap={"question": 44, "position": 36, "claim": 36, "evidence": 34},
        caption=10,
        badge=10,
        caption_width=0,
        badge_width=62,
        badge_height=16,
        junction=10,
        junction_wrap=50,
        row=10,
        legend=10,
    ),
}
SIZES["outline"] = SIZES["compact"]
