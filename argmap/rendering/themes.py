"""Themes: every colour and line style a rendered map uses, by name.

The default theme is built on the Okabe–Ito palette, which stays distinguishable under the
common colour-vision deficiencies. Nothing in a theme changes a node's size: themes (and
statuses) only recolour, so maps in different themes share one layout.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

from attrs import define

__all__ = ["OKABE_ITO", "THEMES", "KindStyle", "StatusStyle", "Theme", "get_theme"]

OKABE_ITO: Final = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
}


@define(frozen=True, kw_only=True)
class KindStyle:
    """How one kind of statement looks: its box, fill, border, text and caption colours."""

    shape: str
    rounded: bool
    fill: str
    border: str
    text: str
    caption: str
    """Colour of the small caption above the text (QUESTION, CLAIM, ...)."""


@define(frozen=True, kw_only=True)
class StatusStyle:
    """How one evaluation status marks a statement: badge colours and the node's border."""

    colour: str
    badge_fill: str
    badge_text: str
    line: str
    """Border line style: solid, dashed or dotted (so status survives grayscale printing)."""


@define(frozen=True, kw_only=True)
class Theme:
    """A complete set of colours for a map."""

    name: str
    background: str
    text: str
    muted: str
    kinds: Mapping[str, KindStyle]
    pro: str
    con: str
    undercut: str
    answers: str
    inactive: str
    """Colour of edges whose argument does not apply, and of switched-off statements."""
    off_fill: str
    statuses: Mapping[str, StatusStyle]
    bar_fill: str
    bar_empty: str
    legend_fill: str
    legend_border: str


_DEFAULT = Theme(
    name="default",
    background="#FFFFFF",
    text="#1A1A1A",
    muted="#5F6368",
    kinds={
        "question": KindStyle(
            shape="box", rounded=True, fill="#0B4F7C", border="#0B4F7C", text="#FFFFFF", caption="#CFE6F5"
        ),
        "position": KindStyle(
            shape="box", rounded=True, fill="#DCEEFB", border="#0072B2", text="#0B2F4A", caption="#0072B2"
        ),
        "claim": KindStyle(
            shape="box", rounded=False, fill="#FFFFFF", border="#4D4D4D", text="#1A1A1A", caption="#5F6368"
        ),
        "evidence": KindStyle(
            shape="note", rounded=False, fill="#FFF6DA", border="#B07A00", text="#3B2F00", caption="#8A6100"
        ),
    },
    pro=OKABE_ITO["bluish_green"],
    con=OKABE_ITO["vermillion"],
    undercut="#B0468A",  # Okabe–Ito reddish purple, darkened to read as a line on white
    answers="#7A7A7A",
    inactive="#B3B3B3",
    off_fill="#EEEEEE",
    statuses={
        "in": StatusStyle(colour="#007A5A", badge_fill="#D5F2E8", badge_text="#00573F", line="solid"),
        "out": StatusStyle(colour="#C24F00", badge_fill="#FBE1D3", badge_text="#8F3A00", line="dashed"),
        "undecided": StatusStyle(colour="#B07A00", badge_fill="#FCEFC7", badge_text="#6B4A00", line="dotted"),
        "off": StatusStyle(colour="#8C8C8C", badge_fill="#E6E6E6", badge_text="#4D4D4D", line="dashed"),
    },
    bar_fill="#0072B2",
    bar_empty="#D9D9D9",
    legend_fill="#F7F7F7",
    legend_border="#D0D0D0",
)

_DARK = Theme(
    name="dark",
    background="#1E1F22",
    text="#ECECEC",
    muted="#A8ABB0",
    kinds={
        "question": KindStyle(
            shape="box", rounded=True, fill="#1F5F8B", border="#56B4E9", text="#FFFFFF", caption="#BFE1F7"
        ),
        "position": KindStyle(
            shape="box", rounded=True, fill="#1D3A4F", border="#56B4E9", text="#E3F2FC", caption="#8CCBF0"
        ),
        "claim": KindStyle(
            shape="box", rounded=False, fill="#2B2D31", border="#9A9DA3", text="#ECECEC", caption="#A8ABB0"
        ),
        "evidence": KindStyle(
            shape="note", rounded=False, fill="#3A3220", border="#E6B84D", text="#F5E9C8", caption="#E6B84D"
        ),
    },
    pro="#2BC79A",
    con="#FF8A3D",
    undercut="#E39BC4",
    answers="#8E9196",
    inactive="#5C5F64",
    off_fill="#2A2A2A",
    statuses={
        "in": StatusStyle(colour="#2BC79A", badge_fill="#17453A", badge_text="#8FF0D2", line="solid"),
        "out": StatusStyle(colour="#FF8A3D", badge_fill="#4D2A14", badge_text="#FFC39C", line="dashed"),
        "undecided": StatusStyle(colour="#F0C94D", badge_fill="#4A3D12", badge_text="#F8E39A", line="dotted"),
        "off": StatusStyle(colour="#7A7D82", badge_fill="#333538", badge_text="#B5B8BD", line="dashed"),
    },
    bar_fill="#F0E442",
    bar_empty="#5A5D63",
    legend_fill="#26282B",
    legend_border="#45484D",
)

_PRINT = Theme(
    name="print",
    background="#FFFFFF",
    text="#000000",
    muted="#404040",
    kinds={
        "question": KindStyle(
            shape="box", rounded=True, fill="#303030", border="#000000", text="#FFFFFF", caption="#D9D9D9"
        ),
        "position": KindStyle(
            shape="box", rounded=True, fill="#E0E0E0", border="#000000", text="#000000", caption="#303030"
        ),
        "claim": KindStyle(
            shape="box", rounded=False, fill="#FFFFFF", border="#000000", text="#000000", caption="#404040"
        ),
        "evidence": KindStyle(
            shape="note", rounded=False, fill="#F2F2F2", border="#404040", text="#000000", caption="#404040"
        ),
    },
    pro="#000000",
    con="#404040",
    undercut="#606060",
    answers="#808080",
    inactive="#B0B0B0",
    off_fill="#FFFFFF",
    statuses={
        "in": StatusStyle(colour="#000000", badge_fill="#000000", badge_text="#FFFFFF", line="solid"),
        "out": StatusStyle(colour="#000000", badge_fill="#FFFFFF", badge_text="#000000", line="dashed"),
        "undecided": StatusStyle(colour="#000000", badge_fill="#D0D0D0", badge_text="#000000", line="dotted"),
        "off": StatusStyle(colour="#909090", badge_fill="#F0F0F0", badge_text="#606060", line="dashed"),
    },
    bar_fill="#303030",
    bar_empty="#D0D0D0",
    legend_fill="#FFFFFF",
    legend_border="#808080",
)

THEMES: Final[Mapping[str, Theme]] = {theme.name: theme for theme in (_DEFAULT, _DARK, _PRINT)}
"""The themes by name; ``default`` is light and colour-blind safe, ``print`` is grayscale."""


def get_theme(name: str) -> Theme:
    """Return the theme called ``name``; RenderError lists the known ones."""
    from argmap._text import suggest  # noqa: PLC0415  # only matters on a typo
    from argmap.errors import RenderError  # noqa: PLC0415

    try:
        return THEMES[name]
    except KeyError:
        raise RenderError(
            f"render: unknown theme: {name!r}{suggest(name, THEMES)} (use one of {', '.join(THEMES)})"
        ) from None
