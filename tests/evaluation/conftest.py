"""Load this folder's ``strategies.py`` and ``oracle.py`` as ``evaluation_*`` modules.

``tests/strategies.py`` already takes the module name ``strategies``; a second module of that name
would shadow it (or be shadowed) depending on which test imports first.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

for _NAME, _FILE in (("evaluation_strategies", "strategies.py"), ("evaluation_oracle", "oracle.py")):
    if _NAME not in sys.modules:
        _spec = importlib.util.spec_from_file_location(_NAME, Path(__file__).resolve().parent / _FILE)
        assert _spec is not None
        assert _spec.loader is not None
        _module = importlib.util.module_from_spec(_spec)
        sys.modules[_NAME] = _module
        _spec.loader.exec_module(_module)
