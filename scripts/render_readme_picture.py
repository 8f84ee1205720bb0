"""Regenerate the README's picture: ``docs/alliance.svg`` and ``docs/alliance.png``.

The example map, evaluated with grounded semantics, drawn with the embedded engine so the files
are the same on every machine. Run from anywhere: ``.venv/bin/python scripts/render_readme_picture.py``.
"""

from __future__ import annotations

from pathlib import Path

from argmap.evaluation import evaluate
from argmap.formats import load
from argmap.rendering import render

REPO = Path(__file__).resolve().parents[1]


def main() -> None:
    """Render the example map into docs/ as SVG and PNG."""
    argument_map = load(REPO / "examples" / "alliance.yaml")
    diagram = render(argument_map, evaluate(argument_map, "grounded"), engine="embedded")
    docs = REPO / "docs"
    docs.mkdir(exist_ok=True)
    for suffix in ("svg", "png"):
        path = diagram.save(docs / f"alliance.{suffix}")
        print(f"wrote {path.relative_to(REPO)}")


if __name__ == "__main__":
    main()
