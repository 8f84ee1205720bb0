"""Finish Graphviz's SVG: add the ``data-*`` attributes and classes Graphviz cannot write itself.

Graphviz writes each node and edge as ``<g id="<model id>" class="node argmap-...">``; this adds
``data-argmap-id``, ``data-kind``, ``data-status``, ``data-evidence-id``, ``data-argument-id``,
``data-from`` and ``data-to`` to those groups, escaped, in a fixed order, and writes their ``id``
and ``class`` without Graphviz's ``&#45;`` for hyphens.

With ``badges=True`` (a map drawn with statuses) it also classes the drawn parts of each statement
node's header, so that a browser can restyle them without matching text or colours:
``argmap-caption`` (the kind's caption), ``argmap-badge`` and ``argmap-badge-text`` (the status
badge's cell and text), ``argmap-bar`` (each strength bar cell) and ``argmap-strength`` (the
figure). Graphviz cannot give these an id or class of their own: an ``ID`` on an HTML-like cell
reaches the SVG only as a link wrapper repeating the node's tooltip. Graphviz writes one element
per line, the header's in a fixed order, so they are found by their place. Nothing else changes.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from typing import Final

from argmap.rendering.dot import BAR_SEGMENTS
from argmap.rendering.labels import xml_attr

__all__ = ["add_data_attributes", "fit_to_width"]

_HEAD: Final = r'<g id="([^"]*)" class="((?:node|edge|graph|cluster)[^"]*)"'
_GROUP: Final = re.compile(_HEAD)
# The same, or a node header's caption with its badge: the caption's text line, the badge's cell
# and text, then optionally the strength bar's cells and figure. Each group ends just after a tag
# name, where a class goes in. The legend has the same lines, so a header is classed only right
# after the head of a statement node with a badge (Graphviz draws a node's parts inside its group).
_GROUP_OR_HEADER: Final = re.compile(
    _HEAD + r"|<text ([^\n]*\n<polygon )([^\n]*\n<text )([^\n]*\n)"
    rf"((?:<polygon [^\n]*\n){{{BAR_SEGMENTS}}}<text )?"
)
_BAR: Final = '<polygon class="argmap-bar" '
# A compact card's evidence cell: Graphviz writes a cell with an ID and a tooltip as a link
# group ``a_<ID>``, its status mark (when drawn) the first text inside.
_CELL: Final = re.compile(r'<g id="a_([^"]*)">(<a [^\n]*>\n)(<text )?')
_HREF: Final = re.compile(' xlink:href="#"')
_SIZE: Final = re.compile(r'<svg width="([\d.]+)pt" height="([\d.]+)pt"')


def fit_to_width(svg: str) -> str:
    """Return ``svg`` sized to fill the width of whatever holds it, its height following the viewBox.

    For notebooks: a map laid out thousands of points wide then shows whole in its cell, the
    question at the top in view. Files keep Graphviz's absolute size.
    """
    return _SIZE.sub('<svg width="100%" style="max-width:100%;height:auto"', svg, count=1)


def add_data_attributes(
    svg: str, data: Mapping[str, str], *, badges: bool = False, rows: Mapping[str, str] | None = None
) -> str:
    """Return ``svg`` with each element's data attributes (``Drawing.data``) added to its ``<g>`` tag.

    ``badges`` says the map was drawn with statuses: the header parts are classed too. ``rows``
    (``Drawing.rows``) are the compact cards' evidence cells: each link group Graphviz writes
    for one becomes ``<g id="<evidence id>" class="argmap-evidence-row ...">`` with the
    evidence's data attributes, its status mark (if any) ``<text class="argmap-row-mark">``.
    """
    if rows:
        svg = _CELL.sub(lambda match: _cell(match, rows), svg)
    # Our classes are letters and hyphens, written plainly so that they can be found by text
    # search too; there are few distinct class lists, so each is rewritten once.
    class_lists: dict[str, str] = {}
    badge_next = False  # the last group opened is a statement node's, with a badge drawn

    def replace(match: re.Match[str]) -> str:
        nonlocal badge_next
        key = match.group(1)
        if key is None:  # a caption with a badge (only with badges=True)
            if not badge_next:
                return match.group(0)
            badge_next = False
            caption, badge, badge_text, bar = match.group(3, 4, 5, 6)
            header = (
                f'<text class="argmap-caption" {caption}class="argmap-badge" {badge}'
                f'class="argmap-badge-text" {badge_text}'
            )
            if bar is not None:
                header += bar.replace("<polygon ", _BAR)[:-6] + '<text class="argmap-strength" '
            return header
        classes = match.group(2)
        if "&" in key:
            # Graphviz writes "-" as "&#45;" (as no entity ends in "&#45;", this is exact).
            key = key.replace("&#45;", "-")
            if "&" in key:
                key = html.unescape(key)
        written = class_lists.get(classes)
        if written is None:
            written = class_lists[classes] = classes.replace("&#45;", "-")
        extra = data.get(key, "")
        # (Escaped user text cannot hold a quote, so these tests see only our own attributes.)
        badge_next = extra.startswith(" data-argmap-id=") and 'data-status="none"' not in extra
        # The check is labels.plain, written out: this runs for every element.
        if not key.isprintable() or "&" in key or "<" in key or ">" in key or '"' in key or "'" in key:
            key = xml_attr(key)
        return f'<g id="{key}" class="{written}"{extra}'

    return (_GROUP_OR_HEADER if badges else _GROUP).sub(replace, svg)


def _cell(match: re.Match[str], rows: Mapping[str, str]) -> str:
    key = match.group(1)
    if "&" in key:
        key = html.unescape(key)
    extra = rows.get(key)
    if extra is None:
        return match.group(0)
    if not key.isprintable() or "&" in key or "<" in key or ">" in key or '"' in key or "'" in key:
        key = xml_attr(key)
    text = match.group(3)
    mark = (
        '<text class="argmap-row-mark" '
        if text is not None and 'data-status="none"' not in extra
        else text or ""
    )
    link = _HREF.sub("", match.group(2), count=1)
    return f'<g id="{key}"{extra}>{link}{mark}'
