"""A Sphinx directive that embeds a live argument map from its file: ``.. argmap:: maps/alliance.yaml``.

Add ``"argmap.standalone.sphinx"`` to ``extensions`` in ``conf.py``. In reStructuredText::

    .. argmap:: maps/alliance.yaml
       :semantics: df-quad
       :off: l-no-arms, ev-kashin
       :height: 720px

and in MyST Markdown (with ``myst_parser``), the same options in a fenced block whose info string
is ``{argmap} maps/alliance.yaml``. The path is relative to the document (or, starting with
``/``, to the source folder). Each map is a standalone page (``argmap.html()``) in a sandboxed
``<iframe srcdoc>``: several maps on one page keep their own state and ids, and nothing is
fetched. ``:static:`` embeds only the picture, as an SVG image with the statuses of the given
semantics and switches, for pages that must not run scripts. Other builders than HTML skip it.
"""

from __future__ import annotations

import base64
from typing import Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util.docutils import SphinxDirective

from argmap.errors import ArgmapError
from argmap.formats import load
from argmap.rendering.labels import web_text
from argmap.standalone.page import iframe

__all__ = ["ArgmapDirective", "setup"]


def _ids(value: str | None) -> list[str]:
    return [part.strip() for part in (value or "").split(",") if part.strip()]


class ArgmapDirective(SphinxDirective):
    """``.. argmap:: PATH``: the map in PATH, live (the explorer) or as a static picture."""

    required_arguments = 1
    final_argument_whitespace = True
    option_spec: ClassVar[dict[str, Any]] = {
        "semantics": directives.unchanged_required,
        "off": directives.unchanged,
        "detail": directives.unchanged_required,
        "interactive": directives.flag,
        "static": directives.flag,
        "height": directives.unchanged_required,
        "title": directives.unchanged_required,
    }

    def run(self) -> list[nodes.Node]:
        """Read the map, build its page or picture, and return it as raw HTML."""
        if "static" in self.options and "interactive" in self.options:
            raise self.error("argmap: give :static: or :interactive:, not both")
        relative, path = self.env.relfn2path(self.arguments[0], self.env.docname)
        self.env.note_dependency(relative)
        semantics = self.options.get("semantics", "grounded")
        off = _ids(self.options.get("off"))
        detail = self.options.get("detail", "full")
        try:
            argument_map = load(path)
            title = self.options.get("title", argument_map.title)
            if "static" in self.options:
                text = _picture(argument_map, semantics=semantics, off=off, detail=detail, title=title)
            else:
                from argmap.standalone.page import html  # noqa: PLC0415

                page = html(argument_map, semantics=semantics, off=off, detail=detail, title=title)
                text = iframe(page, height=self.options.get("height", "680px"), title=title)
        except ArgmapError as error:
            raise self.error(f"argmap: {relative}: {error}") from None
        except OSError as error:
            raise self.error(f"argmap: cannot read {relative}: {error.strerror or error}") from None
        node = nodes.raw("", f'<div class="argmap-embed">{text}</div>\n', format="html")
        self.set_source_info(node)
        return [node]


def _picture(argument_map: Any, *, semantics: str, off: list[str], detail: str, title: str) -> str:
    """Return the map as an ``<img>`` of its SVG with the statuses, the verdict as its text."""
    from argmap.evaluation import evaluate  # noqa: PLC0415
    from argmap.rendering import render  # noqa: PLC0415

    evaluation = evaluate(argument_map, semantics=semantics, off=off)
    svg = render(argument_map, evaluation, detail=detail).svg
    # As an image the SVG runs nothing and its ids cannot clash with another map's on the page.
    data = base64.b64encode(svg.encode("utf-8")).decode("ascii")
    alt = f"{title}. {evaluation.verdict.text}"
    return (
        f'<figure class="argmap-static"><img src="data:image/svg+xml;base64,{data}"'
        f' alt="{web_text(alt)}" style="max-width: 100%; height: auto"></figure>'
    )


def setup(app: Any) -> dict[str, Any]:
    """Register the ``argmap`` directive (Sphinx runs this for the extension ``argmap.standalone.sphinx``)."""
    app.add_directive("argmap", ArgmapDirective)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
