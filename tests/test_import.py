"""`import argmap` stays light: heavy and optional dependencies load only when used."""

from __future__ import annotations

import json
import subprocess
import sys

HEAVY = ["yaml", "graphviz", "ipywidgets", "anywidget", "traitlets", "IPython", "playwright", "jsonschema"]


def loaded_after(code: str) -> list[str]:
    """Run ``code`` in a fresh interpreter; return the heavy modules it left imported."""
    listing = f"sorted(m for m in sys.modules if m.split('.')[0] in {HEAVY!r})"
    probe = f"import sys, json\n{code}\nprint(json.dumps({listing}))"
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    return json.loads(result.stdout.splitlines()[-1])


def test_import_argmap_loads_no_heavy_dependency():
    """A bare import pulls in none of PyYAML, graphviz, ipywidgets, anywidget, traitlets, playwright."""
    assert loaded_after("import argmap") == []


def test_yaml_is_imported_when_a_map_is_read():
    """PyYAML arrives with the first map read, not before."""
    assert "yaml" in loaded_after("import argmap; argmap.loads('argmap: 1\\ntitle: t\\n')")


def test_evaluating_and_rendering_to_dot_load_no_widget_code():
    """Evaluation and DOT emission need neither widgets nor the graphviz Python package."""
    code = (
        "import argmap\n"
        "m = argmap.ArgumentMap.build('t'); m.question('q', 'Q?'); m.position('p', 'P')\n"
        "argument_map = m.finish()\n"
        "argmap.render(argument_map, argmap.evaluate(argument_map)).dot\n"
    )
    loaded = loaded_after(code)
    assert not {"ipywidgets", "anywidget", "traitlets", "graphviz", "playwright"} & set(loaded)
