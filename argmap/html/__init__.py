"""Standalone interactive HTML: the explorer without Python, evaluated in the browser.

``argmap.html.data.page_data`` is the map as the browser-side evaluator reads it
(``argmap/html/static/evaluate.js``, which agrees exactly with ``argmap.evaluate``).
``argmap.html(argument_map)`` returns the page (this package is callable, the same as
``argmap.html.html``); ``iframe(page)`` wraps it for a notebook cell or a web page.
"""

from __future__ import annotations

import importlib
import sys
import types
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from argmap.html.page import html, iframe

__all__ = ["html", "iframe"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        return getattr(importlib.import_module("argmap.html.page"), name)
    raise AttributeError(f"module 'argmap.html' has no attribute {name!r}")


class _CallablePackage(types.ModuleType):
    """This package, callable as the ``html`` function it exports.

    ``argmap.html`` is both this package and the function: importing ``argmap.html.page`` makes
    Python set the package as the attribute ``argmap.html``, so the package itself must answer
    ``argmap.html(argument_map)``.
    """

    def __call__(self, *args: Any, **kwargs: Any) -> str:
        from argmap.html.page import html  # noqa: PLC0415

        return html(*args, **kwargs)


sys.modules[__name__].__class__ = _CallablePackage
