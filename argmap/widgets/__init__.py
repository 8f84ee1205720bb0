"""Notebook widgets: the Explorer and the ``%%argmap`` cell magic (needs ``argmap[notebook]``).

The widget libraries are imported on first use of ``Explorer``, so ``%load_ext argmap`` and
``import argmap.widgets`` work without them and a missing extra is reported where it is needed.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from argmap.widgets.explorer import Explorer

__all__ = ["Explorer"]


def __getattr__(name: str) -> Any:
    if name == "Explorer":
        return importlib.import_module("argmap.widgets.explorer").Explorer
    raise AttributeError(f"module 'argmap.widgets' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted([*globals(), *__all__])
