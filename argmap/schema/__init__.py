"""The JSON Schema of the argmap map format, shipped with the package."""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

__all__ = ["SCHEMA_FILE", "load_schema"]

SCHEMA_FILE = "argmap-1.schema.json"


def load_schema() -> dict[str, Any]:
    """Return the JSON Schema for ``argmap: 1`` files, as parsed JSON."""
    text = resources.files(__package__).joinpath(SCHEMA_FILE).read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return data
