"""Finish Graphviz's SVG: add the ``data-*`` attributes Graphviz cannot write itself.

Graphviz writes each node and edge as ``<g id="<model id>" class="node argmap-...">``; this adds
``data-argmap-id``, ``data-kind``, ``data-status``, ``data-evidence-id``, ``data-argument-id``,
``data-from`` and ``data-to`` to those groups, escaped, in a fixed order, and writes their ``id``
and ``class`` without Graphviz's ``&#45;`` for hyphens. Nothing else changes.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from typing import Final

from argmap.rendering.labels import xml_attr

__all__ = ["add_data_attributes"]

_GROUP: Final = re.compile(r'<g id="([^"]*)" class="(node|edge|graph)([^"]*)"')


def add_data_attributes(svg: str, data: Mapping[str, tuple[tuple[str, str], ...]]) -> str:
    """Return ``svg`` with each element's data attributes added to its ``<g>`` tag."""

    def replace(match: re.Match[str]) -> str:
        key = match.group(1)
        if "&" in key:
            key = html.unescape(key)
        # Our classes are letters and hyphens, which Graphviz writes as "&#45;".
        classes = (match.group(2) + match.group(3)).replace("&#45;", "-")
        # Graphviz writes "-" as "&#45;"; written plainly, the classes can be found by text search too.
        pairs = data.get(key)
        extra = "".join([f' {name}="{xml_attr(value)}"' for name, value in pairs]) if pairs else ""
        return f'<g id="{xml_attr(key)}" class="{classes}"{extra}'

    return _GROUP.sub(replace, svg)
