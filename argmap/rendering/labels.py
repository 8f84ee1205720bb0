r"""Every escape between user text and DOT/SVG lives here, plus wrapping text to a readable width.

Graphviz reads user text in three places, each with its own rules (measured on graphviz-pure
16.1 and Debian's dot 2.43, which agree):

* HTML-like labels: XML entities are decoded, *then* backslash escapes (``\N`` = node name) are
  applied, so a literal backslash is written ``&#92;&#92;``.
* escString attributes (``tooltip``): entities pass through to the SVG, and a literal backslash
  needs four backslashes in the DOT source.
* ``id`` attributes: entities pass through to the SVG verbatim, so every unsafe character is
  written as a numeric entity.

Characters that XML 1.0 forbids, lone surrogates, and explicit bidi overrides (which could
reorder the text around them) are removed from user text before any of this.

>>> html_text('<b>"Tom & Jerry"</b>')
'&#60;b&#62;&#34;Tom &#38; Jerry&#34;&#60;/b&#62;'
>>> wrap("Moscow and Beijing share threat perceptions.", 20)
['Moscow and Beijing', 'share threat', 'perceptions.']
"""

from __future__ import annotations

import functools
import html
import re
from typing import Final
from urllib.parse import quote, urlsplit

from argmap._text import shorten as _shorten

__all__ = [
    "clean",
    "dot_id",
    "escstring",
    "html_attr",
    "html_block",
    "html_lines",
    "html_text",
    "id_attr",
    "plain",
    "safe_url",
    "shorten",
    "svg_id",
    "web_document",
    "web_text",
    "wrap",
    "xml_attr",
]

# XML 1.0 forbids C0 controls except tab/newline/CR; C1 controls and bidi overrides are removed
# so that user text cannot reorder or hide the text around it (right-to-left text itself is kept).
_UNSAFE_CHARS: Final = (
    "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufffe\uffff"
)
_UNSAFE: Final = re.compile(f"[{_UNSAFE_CHARS}]")
_DIRTY: Final = re.compile(f"[\r\t]|{_UNSAFE.pattern}")
_PLAIN_ID: Final = re.compile(r'[^"\\&<>\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]+')
# Everything a URL may keep as it is; the rest is percent-encoded (quotes, <, >, backslash, spaces).
_URL_SAFE: Final = "/:?#[]@!$&'()*+,;=%~-._"


def clean(text: str) -> str:
    r"""Return ``text`` without characters that cannot appear in SVG; tabs and CR become spaces.

    >>> clean("a\tb\r\nc\x00d\u202eé")
    'a b\ncdé'
    """
    # Printable text (no control, format or separator character but the space) has nothing to
    # remove; checking that is several times faster than the search, and true of most text.
    if text.isprintable() or not _DIRTY.search(text):
        return text
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    return _UNSAFE.sub("", text)


TOOLTIP_LIMIT: Final = 2000
"""The most characters of a tooltip: escaped (five characters for some), it stays well under the
16,384 characters Graphviz 2.43 reads in one quoted string."""
_URL_LIMIT: Final = 4000

_ENTITIES: Final = {ord(char): f"&#{ord(char)};" for char in "&<>\"'\\\n"}
# In HTML-like labels Graphviz decodes entities *before* expanding backslash escapes.
_HTML_ENTITIES: Final = {**_ENTITIES, ord("\\"): "&#92;&#92;"}
_SPECIAL: Final = re.compile("[&<>\"'\\\\\n]")


def _markup_free(text: str) -> bool:
    """Return whether ``text`` has none of the characters the escapes here replace, but newlines."""
    # Six substring tests are several times faster than one regular expression search.
    return not ("&" in text or "<" in text or ">" in text or '"' in text or "'" in text or "\\" in text)


def plain(text: str) -> bool:
    """Return whether no function here changes ``text`` (checking is much cheaper than escaping).

    On big maps almost every id and most text pass; this runs several times per node and edge.
    Printable text has no control, format or separator character but the space; some text that
    is not printable (a no-break space) is plain too, and is merely escaped the slower way.
    """
    return text.isprintable() and _markup_free(text)


def html_text(text: str) -> str:
    """Escape user text for an HTML-like label: every character that could be markup is an entity."""
    if plain(text):
        return text
    text = clean(text)
    return text.translate(_HTML_ENTITIES) if _SPECIAL.search(text) else text


def web_text(text: str) -> str:
    """Escape user text for a web page, as element text or a quoted attribute (not a Graphviz label).

    >>> web_text('<b title="x">Tom & Jerry</b>\u202e')
    '&lt;b title=&quot;x&quot;&gt;Tom &amp; Jerry&lt;/b&gt;'
    """
    return html.escape(clean(text), quote=True)


def web_document(document: str) -> str:
    """Escape a whole page of ours for an ``<iframe srcdoc>``, every character kept."""
    # Not web_text: the page's data holds the map's text exactly, and cleaning would change it.
    return html.escape(document, quote=True)


@functools.lru_cache(maxsize=256)
def html_attr(value: str) -> str:
    """Escape a value for an attribute inside an HTML-like label (colours, sizes: ours, not users')."""
    return clean(value).translate(_HTML_ENTITIES)


def escstring(text: str) -> str:
    r"""Return a quoted DOT escString (``tooltip``) that shows ``text`` literally, cut to ``TOOLTIP_LIMIT``.

    >>> escstring('say "hi" & \\N')
    '"say &#34;hi&#34; &#38; \\\\\\\\N"'
    """
    if len(text) > TOOLTIP_LIMIT:
        text = text[: TOOLTIP_LIMIT - 1] + "…"
    if _markup_free(text):
        # Tooltips are lines of mostly plain text: the newlines are the only thing to escape.
        body = text.replace("\n", "&#10;") if "\n" in text else text
        if body.isprintable():
            return f'"{body}"'
    body = clean(text)
    body = body.replace("&", "&#38;").replace('"', "&#34;").replace("<", "&#60;").replace(">", "&#62;")
    body = body.replace("\n", "&#10;").replace("\\", "\\\\\\\\")
    return f'"{body}"'


def svg_id(value: str) -> str:
    r"""Return the SVG ``id`` of a model id: the id itself, unless it holds characters SVG cannot.

    XML cannot hold NUL and most control characters, and bidi overrides are removed from every
    text; removing them could give two ids one SVG id. Such an id is written as ``argmap-x-``
    and the hex of its UTF-8 bytes instead, like its DOT name.

    >>> svg_id("c-x"), svg_id("a\x00")
    ('c-x', 'argmap-x-6100')
    """
    if value.isprintable() or not _DIRTY.search(value):
        return value
    return f"argmap-x-{value.encode('utf-8', 'surrogatepass').hex()}"


def id_attr(value: str) -> str:
    """Return a quoted DOT ``id``/``class`` value that reaches the SVG as exactly ``svg_id(value)``."""
    if plain(value):
        return f'"{value}"'
    value = clean(svg_id(value))
    return '"' + (value.translate(_ENTITIES) if _SPECIAL.search(value) else value) + '"'


@functools.lru_cache(maxsize=8192)
def xml_attr(value: str) -> str:
    """Escape a value for an attribute written straight into the SVG (the ``data-*`` attributes).

    >>> xml_attr('a"<b>&')
    'a&quot;&lt;b&gt;&amp;'
    """
    value = clean(svg_id(value))
    return html.escape(value, quote=True) if _SPECIAL.search(value) else value


def dot_id(name: str) -> str:
    """Return the DOT node name for a model id: the id itself, quoted, when Graphviz keeps it intact.

    Ids with characters that Graphviz would reinterpret (backslash, quotes, ``&``, ``<``, ``>``,
    control characters) get a name derived from their UTF-8 bytes; the SVG still carries the exact
    model id through the ``id`` attribute.

    >>> dot_id("c-threats")
    '"c-threats"'
    >>> dot_id('a"b')
    '"argmap-x-612262"'
    """
    if _PLAIN_ID.fullmatch(name):
        return f'"{name}"'
    return f'"argmap-x-{name.encode("utf-8", "surrogatepass").hex()}"'


def safe_url(url: str | None) -> str | None:
    """Return ``url`` percent-encoded and entity-escaped for a DOT ``URL``, or None unless http(s).

    >>> safe_url("https://example.org/a b?x=1&y=2")
    'https://example.org/a%20b?x=1&amp;y=2'
    >>> safe_url("javascript:alert(1)") is None
    True
    """
    if not url:
        return None
    parts = urlsplit(url.strip())
    if parts.scheme.lower() not in {"http", "https"} or not parts.netloc:
        return None
    encoded = quote(clean(url.strip()), safe=_URL_SAFE)
    if len(encoded) > _URL_LIMIT:
        return None  # no link rather than a string Graphviz cannot read
    # Debian's dot 2.43 writes URLs into the SVG unescaped: an entity here keeps its SVG well-formed.
    return encoded.replace("&", "&amp;")


def wrap(text: str, width: int) -> list[str]:
    """Wrap ``text`` into lines of at most ``width`` characters, keeping the author's line breaks.

    Greedy, like ``textwrap.wrap`` without its hyphen rules, and several times faster on big maps.
    """
    return _wrap_clean(clean(text), width)


def _wrap_clean(text: str, width: int) -> list[str]:
    if "\n" not in text:
        return _wrap_paragraph(text, width)
    lines: list[str] = []
    for paragraph in text.split("\n"):
        lines += _wrap_paragraph(paragraph, width)
    return lines


def _wrap_paragraph(text: str, width: int) -> list[str]:
    # Printable text has no whitespace but the space: it needs folding only for doubled,
    # leading or trailing spaces. Folding costs more than the check, and most text needs none.
    if not text.isprintable() or "  " in text or text[:1] == " " or text[-1:] == " ":
        text = " ".join(text.split())
    # Greedy: each line ends at the last space that fits, else cuts a too-long word.
    lines = []
    start, end = 0, len(text)
    while end - start > width:
        cut = text.rfind(" ", start, start + width + 1)
        if cut < 0:
            lines.append(text[start : start + width])
            start += width
        else:
            lines.append(text[start:cut])
            start = cut + 1
    if start < end:
        lines.append(text[start:])
    return lines


def html_lines(text: str, width: int) -> list[str]:
    """Return ``text`` wrapped to ``width`` and escaped for an HTML-like label, one entry per line."""
    text = clean(text)
    lines = _wrap_clean(text, width)
    if _markup_free(text):
        return lines
    return [line.translate(_HTML_ENTITIES) if _SPECIAL.search(line) else line for line in lines]


def shorten(text: str, limit: int) -> str:
    """Return ``text`` cleaned for SVG, on one line, cut at a word boundary to ``limit`` characters.

    >>> shorten("shared threat perceptions lie at the core", 20)
    'shared threat…'
    """
    return _shorten(clean(text), limit)


def html_block(
    text: str,
    width: int,
    *,
    limit: int | None = None,
    bold: bool = False,
    italic: bool = False,
    underline: bool = False,
) -> str:
    """Return ``text`` shortened, wrapped and escaped, its lines joined by ``<BR/>``."""
    if limit is not None:
        text = shorten(text, limit)
    lines = html_lines(text, width) or [" "]
    opening = ("<B>" if bold else "") + ("<I>" if italic else "") + ("<U>" if underline else "")
    if not opening:
        return "<BR/>".join(lines)
    closing = ("</U>" if underline else "") + ("</I>" if italic else "") + ("</B>" if bold else "")
    return opening + f"{closing}<BR/>{opening}".join(lines) + closing
