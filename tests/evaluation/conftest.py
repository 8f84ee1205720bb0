"""Load this folder's ``strategies.py`` as ``evaluation_strategies``.

``tests/strategies.py`` already takes the module name ``strategies``; a second module of that name
would shadow it (or be shadowed) depending on which test imports first.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

_NAME = "evaluation_strategies"
if _NAME not in sys.modules:
    _spec = importlib.util.spec_from_file_location(_NAME, Path(__file__).resolve().parent / "strategies.py")
    assert _spec is not None
    assert _spec.loader is not None
    _module = importlib.util.module_from_spec(_spec)
    sys.modules[_NAME] = _module
    _spec.loader.exec_module(_module)
