"""Standalone interactive HTML: the explorer without Python, evaluated in the browser.

``argmap.html(argument_map)`` (``argmap.standalone.page.html``) returns the page;
``iframe(page)`` wraps it for a notebook cell or a web page. ``argmap.standalone.data.page_data``
is the map as the browser-side evaluator reads it (``static/evaluate.js``, which agrees exactly
with ``argmap.evaluate``); ``argmap.standalone.sphinx`` is the Sphinx/MyST directive.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from argmap.standalone.page import html, iframe

__all__ = ["html", "iframe"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        return getattr(importlib.import_module("argmap.standalone.page"), name)
    raise AttributeError(f"module 'argmap.standalone' has no attribute {name!r}")
