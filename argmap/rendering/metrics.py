"""Text metrics and fixed sizes: how big each part of a node is, whatever its text or status.

The layout depends only on the map's structure and these sizes: statuses, strengths and themes
change colours and line styles, never a node's size. Every status mark sits in a fixed-size cell,
so switching evidence off moves nothing. Label text is capped (``LABEL_LIMIT``) so that a huge
statement cannot make Graphviz draw a picture of hundreds of megabytes.
"""

from __future__ import annotations

from typing import Final

__all__ = [
    "BADGE_HEIGHT",
    "BADGE_WIDTH",
    "BAR_SEGMENTS",
    "BAR_SEGMENT_WIDTH",
    "CAPTION_WIDTH",
    "DESCRIPTION_LIMIT",
    "FIGURE_WIDTH",
    "FONT",
    "HEADING_LIMIT",
    "JUNCTION_TITLE_LIMIT",
    "JUNCTION_WRAP",
    "LABEL_LIMIT",
    "META_LIMIT",
    "QUOTE_LIMIT",
    "TEXT_SIZE",
    "TITLE_LIMIT",
    "WRAP",
    "text_width",
]

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


# Helvetica advance widths in thousandths of an em, by character class; close enough to size
# the legend's fixed cells with a little room to spare.
_NARROW: Final = frozenset("ijl.,:;'!|()[] ")
_WIDE: Final = frozenset("mwMW")


def text_width(text: str, size: float, *, bold: bool = False) -> float:
    """Return roughly how many points wide ``text`` is in Helvetica at ``size``, a little generous."""
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
