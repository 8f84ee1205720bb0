"""Finish Graphviz's SVG: add the ``data-*`` attributes Graphviz cannot write itself.

Graphviz writes each node and edge as ``<g id="<model id>" class="node argmap-...">``; this adds
``data-argmap-id``, ``data-kind``, ``data-status``, ``data-evidence-id``, ``data-argument-id``,
``data-from`` and ``data-to`` to those groups, escaped, in a fixed order. Nothing else changes.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from typing import Final

from argmap.rendering.labels import xml_attr

__all__ = ["add_data_attributes"]

_GROUP: Final = re.compile(r'<g id="([^"]*)" class="(node|edge)([^"]*)">')


def add_data_attributes(svg: str, data: Mapping[str, tuple[tuple[str, str], ...]]) -> str:
    """Return ``svg`` with each element's data attributes added to its ``<g>`` tag."""

    def replace(match: re.Match[str]) -> str:
        pairs = data.get(html.unescape(match.group(1)))
        if not pairs:
            return match.group(0)
        extra = "".join(f' {name}="{xml_attr(value)}"' for name, value in pairs)
        return match.group(0)[:-1] + extra + ">"

    return _GROUP.sub(replace, svg)
