"""One self-contained HTML page: the notebook explorer, evaluating in the browser, with no kernel.

The page holds the map's SVG (laid out once here, per detail level), the map's data as JSON, the
explorer's own script and the browser-side evaluator (pictures and scripts deflated, in base64:
a page a fifth the size). A small bootstrap (``static/page.js``) gives the explorer a stand-in for
the notebook's widget model whose derived values come from the evaluator, so the page is the
explorer a reader knows from the notebook. Nothing is fetched: a Content-Security-Policy forbids
every request, and the scripts are started from ``blob:`` URLs made of the page's own text, which
works from ``file://`` too.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import zlib
from collections.abc import Iterable
from pathlib import Path
from typing import Any, Final

from argmap._text import suggest
from argmap.errors import ArgmapError, EvaluationError, RenderError
from argmap.evaluation import evaluate
from argmap.model import ArgumentMap
from argmap.model.off import resolve_off
from argmap.rendering import DETAILS, render
from argmap.rendering.diagram import MAX_STATEMENTS
from argmap.rendering.labels import web_document, web_text
from argmap.standalone.data import evaluator_source, page_data
from argmap.widgets._panel import evidence_items, group_items, id_order, palette_data, statement_labels

__all__ = ["ALL_DETAILS_UP_TO", "PAGE_VERSION", "html", "iframe"]

_STATIC: Final = Path(__file__).parent / "static"
_EXPLORER: Final = Path(__file__).parents[1] / "widgets" / "static"
LAYOUT_SEMANTICS: Final = "grounded"
"""The semantics every picture is laid out under, as in the notebook explorer (no strength bars)."""
PAGE_VERSION: Final = 1
"""The version of the JSON the page embeds (``argmap_html``)."""
ALL_DETAILS_UP_TO: Final = 1000
"""Maps with at most this many statements get a picture per detail level (1.2 MB at 1,000);
larger ones only the level asked for, which keeps the page about 0.8 MB per 1,000 statements."""
_LENGTH: Final = re.compile(r"\d+(?:\.\d+)?(?:px|em|rem|vh|%)")
_ESCAPES: Final = str.maketrans(
    {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
)


def html(
    argument_map: ArgumentMap,
    *,
    semantics: str = "grounded",
    off: str | Iterable[str] = (),
    detail: str = "full",
    title: str | None = None,
    theme: str = "default",
    max_statements: int | None = MAX_STATEMENTS,
) -> str:
    """Return a standalone HTML page exploring ``argument_map``, as a string.

    The page opens with ``semantics`` and ``off`` (ids of statements, arguments or lines of
    argument switched off), drawn at ``detail``; ``title`` names the browser tab (the map's title
    by default). Show it in a notebook with ``IPython.display.HTML(iframe(page))``.
    """
    data = page_data(argument_map)
    offered = [entry["name"] for entry in data["semantics"]]
    if semantics not in offered:
        raise EvaluationError(
            f"unknown semantics {semantics!r}{suggest(semantics, offered)};"
            f" the page evaluates in the browser with one of: {', '.join(offered)}"
        )
    resolve_off(argument_map, off)  # an unknown id fails here, with a suggestion
    ids = id_order(argument_map)
    start_off = sorted(set([off] if isinstance(off, str) else off), key=ids.__getitem__)
    details = _details(argument_map, detail)
    payload = {
        "argmap_html": PAGE_VERSION,
        "data": data,
        "start": {"semantics": semantics, "off": start_off, "detail": detail},
        "traits": {
            "title": argument_map.title,
            "palette": palette_data(theme),
            "evidence": evidence_items(argument_map),
            "groups": group_items(argument_map),
            "labels": statement_labels(argument_map),
            "semantics_options": offered,
            "detail_options": details,
        },
        "pictures": _pictures(argument_map, details, theme=theme, max_statements=max_statements),
    }
    return _page(payload, title if title is not None else argument_map.title)


def iframe(page: str, *, height: str = "680px", title: str = "argument map") -> str:
    """Return an ``<iframe>`` holding ``page`` (from ``html``) for a notebook cell or a web page.

    The frame is sandboxed (scripts run, but cannot reach the page around it), so two maps on
    one page cannot disturb each other or their host. ``height`` is a CSS length, e.g. ``720px``.
    """
    if not _LENGTH.fullmatch(height):
        raise ArgmapError(f"iframe height {height!r} is not a CSS length; write it like 720px, 40em or 80vh")
    return (
        f'<iframe class="argmap-frame" sandbox="allow-scripts" title="{web_text(title)}"'
        f' style="width: 100%; height: {web_text(height)}; border: 0"'
        f' srcdoc="{web_document(page)}"></iframe>'
    )


def _details(argument_map: ArgumentMap, detail: str) -> list[str]:
    """Return the detail levels to draw, in the renderer's order: all of them if the map is small."""
    levels: list[str] = list(DETAILS)
    if detail not in levels:
        raise RenderError(
            f"unknown detail level {detail!r}{suggest(detail, levels)}; use one of: {', '.join(levels)}"
        )
    if len(argument_map.statements) > ALL_DETAILS_UP_TO:
        return [detail]
    return levels


def _pictures(
    argument_map: ArgumentMap, details: list[str], *, theme: str, max_statements: int | None
) -> dict[str, str]:
    """Lay the map out once per detail level, as the notebook explorer does.

    Each picture is drawn under grounded semantics with everything switched on, whatever the
    semantics: the explorer restyles statuses on top and draws strength bars itself. Each SVG is
    stored deflated and in base64, a sixth of its size.
    """
    everything_on = evaluate(argument_map, semantics=LAYOUT_SEMANTICS)
    pictures: dict[str, str] = {}
    for level in details:
        svg = render(
            argument_map, everything_on, theme=theme, detail=level, max_statements=max_statements
        ).svg
        pictures[level] = _packed(svg[svg.find("<svg") :])
    return pictures


def _json_for_script(value: object) -> str:
    """Return ``value`` as JSON that cannot end or open a ``<script>`` element, or break a JS line."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=False)
    return text.translate(_ESCAPES)


def _packed(text: str) -> str:
    """Return ``text`` deflated and in base64: a third to a fifth of its size, and no ``<`` to escape."""
    return base64.b64encode(zlib.compress(text.encode("utf-8"), 9)).decode("ascii")


def _page(payload: dict[str, Any], title: str) -> str:
    explorer_js = _packed((_EXPLORER / "explorer.js").read_text(encoding="utf-8"))
    evaluate_js = _packed(evaluator_source(module=True))
    page_js = (_STATIC / "page.js").read_text(encoding="utf-8")
    if "</script" in page_js.lower() or "<!--" in page_js:
        raise RenderError("page.js cannot be embedded in a <script> element (it holds '</script' or '<!--')")
    css = "\n".join(
        (
            (_EXPLORER / "explorer.css").read_text(encoding="utf-8"),
            (_STATIC / "page.css").read_text(encoding="utf-8"),
        )
    )
    if "</style" in css.lower():
        raise RenderError("the page's CSS cannot be embedded in a <style> element (it holds '</style')")
    # Only the bootstrap runs inline, allowed by its hash; it starts the other two from blob: URLs.
    digest = base64.b64encode(hashlib.sha256(page_js.encode("utf-8")).digest()).decode("ascii")
    policy = (
        "default-src 'none'; "
        f"script-src 'sha256-{digest}' blob:; "
        "style-src 'unsafe-inline'; "
        "img-src data:; "
        "base-uri 'none'; form-action 'none'"
    )
    return "".join(
        (
            "<!DOCTYPE html>\n",
            '<html lang="en">\n<head>\n<meta charset="utf-8">\n',
            f'<meta http-equiv="Content-Security-Policy" content="{web_text(policy)}">\n',
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n',
            '<meta name="generator" content="argmap">\n',
            f"<title>{web_text(title)}</title>\n",
            f"<style>\n{css}</style>\n</head>\n<body>\n",
            '<main class="argmap-page" data-argmap-page>\n',
            '<noscript><p class="argmap-page-noscript">',
            "This argument map needs JavaScript to show.</p></noscript>\n",
            "</main>\n",
            f'<script type="application/json" id="argmap-page-data">{_json_for_script(payload)}</script>\n',
            f'<script type="text/plain" id="argmap-evaluate-js">{evaluate_js}</script>\n',
            f'<script type="text/plain" id="argmap-explorer-js">{explorer_js}</script>\n',
            f'<script type="module">{page_js}</script>\n',
            "</body>\n</html>\n",
        )
    )
