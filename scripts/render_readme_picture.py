"""Regenerate the README's pictures: ``docs/alliance.svg`` and ``.png``, and their compact versions.

The example map, evaluated with grounded semantics, drawn with the embedded engine so the files
are the same on every machine: in full, and at the compact detail level (the map for a slide).
Run from anywhere: ``.venv/bin/python scripts/render_readme_picture.py``.
"""

from __future__ import annotations

from pathlib import Path

from argmap.evaluation import evaluate
from argmap.formats import load
from argmap.rendering import render

REPO = Path(__file__).resolve().parents[1]


def main() -> None:
    """Render the example map into docs/ as SVG and PNG, in full and compact."""
    argument_map = load(REPO / "examples" / "alliance.yaml")
    evaluation = evaluate(argument_map, "grounded")
    docs = REPO / "docs"
    docs.mkdir(exist_ok=True)
    for detail, name in (("full", "alliance"), ("compact", "alliance-compact")):
        diagram = render(argument_map, evaluation, engine="embedded", detail=detail)
        for suffix in ("svg", "png"):
            path = diagram.save(docs / f"{name}.{suffix}")
            print(f"wrote {path.relative_to(REPO)}")


if __name__ == "__main__":
    main()
