"""Tests for argmap.rendering.labels: the one place user text is escaped for DOT and SVG."""

from __future__ import annotations

import html
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from argmap.rendering import labels

# Text that hits every branch of the escapes: markup, quotes, backslashes, CR/LF/tab, controls,
# bidi overrides, no-break spaces, non-ASCII letters and long runs of plain words.
TRICKY = st.text(
    alphabet=st.sampled_from(
        [
            *"ab ZY.-&<>\"'\\\n\r\t",
            "\x00",
            "\x1b",
            "\x85",
            "\u202e",
            "\u2066",
            "\xa0",
            "\u200d",
            "é",
            "“",
            "😀",
        ]
    ),
    max_size=60,
) | st.text(max_size=60)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("<script>", "&#60;script&#62;"),
        ("a & b", "a &#38; b"),
        ("&amp;", "&#38;amp;"),
        ("say \"hi\" 'there'", "say &#34;hi&#34; &#39;there&#39;"),
        ("]]>", "]]&#62;"),
        ("C:\\N", "C:&#92;&#92;N"),
        ("ليس تحالفا", "ليس تحالفا"),
        ("😀", "😀"),
    ],
)
def test_html_text_escapes_markup_and_keeps_unicode(text, expected):
    """Markup characters become entities (backslashes doubled for Graphviz); other text is kept."""
    assert labels.html_text(text) == expected


def test_clean_drops_characters_xml_cannot_hold_and_bidi_overrides():
    """Control characters, lone surrogates and bidi overrides are removed; tabs become spaces."""
    assert labels.clean("a\x00b\x1bc\u202ed\ud800e\tf") == "abcde f"


def test_escstring_survives_graphviz_backslash_rules():
    """A tooltip has no raw quote, ampersand, angle bracket or newline; backslashes are quadrupled."""
    value = labels.escstring('a "q" & <b>\nline \\N')
    assert value == '"a &#34;q&#34; &#38; &#60;b&#62;&#10;line \\\\\\\\N"'


def test_id_attr_turns_unsafe_characters_into_entities():
    """An id reaches the SVG as numeric entities for every character Graphviz would reinterpret."""
    assert labels.id_attr('a\\"<&') == '"a&#92;&#34;&#60;&#38;"'


def test_dot_id_keeps_plain_ids_and_encodes_others():
    """Plain ids are their own DOT names; ids Graphviz would mangle get a reversible hex name."""
    assert labels.dot_id("ev-storey.pro.c-x") == '"ev-storey.pro.c-x"'
    assert labels.dot_id("a\\b") == '"argmap-x-615c62"'
    assert labels.dot_id("a\\b") != labels.dot_id("a\\\\b")


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://example.org/a?b=1&c=2", "https://example.org/a?b=1&amp;c=2"),
        ('http://example.org/"><script>', "http://example.org/%22%3E%3Cscript%3E"),
        ("https://example.org/a\\b c", "https://example.org/a%5Cb%20c"),
        ("javascript:alert(1)", None),
        ("file:///etc/passwd", None),
        ("data:text/html,<b>", None),
        ("https://", None),
        (None, None),
    ],
)
def test_safe_url_allows_only_http_and_encodes_the_rest(url, expected):
    """Only http(s) URLs survive, percent-encoded, with & written as an entity."""
    assert labels.safe_url(url) == expected


def test_wrap_keeps_the_authors_line_breaks_and_splits_long_words():
    """Paragraphs stay separate and a word longer than the width is broken."""
    assert labels.wrap("one two\n\nthree", 20) == ["one two", "three"]
    assert labels.wrap("x" * 25, 10) == ["x" * 10, "x" * 10, "x" * 5]


def test_shorten_cuts_at_a_word_and_marks_the_cut():
    """Long text ends with an ellipsis at a word boundary; a giant word is cut inside."""
    assert labels.shorten("short", 10) == "short"
    assert labels.shorten("the quick brown fox jumps", 16) == "the quick brown…"
    assert labels.shorten("y" * 5000, 20) == "y" * 19 + "…"


def reference_clean(text):
    """``clean`` as specified: CR and tab normalised, every unsafe character removed."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    return labels._UNSAFE.sub("", text)  # the definition the fast path must keep


def reference_wrap(text, width):
    """``wrap`` as specified: greedy lines per paragraph, whitespace runs folded to one space."""
    pattern = re.compile(rf"\S.{{0,{width - 1}}}(?=\s|$)|\S{{{width}}}")
    lines = []
    for paragraph in reference_clean(text).split("\n"):
        lines += [line.rstrip() for line in pattern.findall(" ".join(paragraph.split()))]
    return lines


@given(TRICKY)
def test_fast_paths_give_what_the_escapes_are_defined_to_give(text):
    """The shortcuts for plain text change no output: each escape equals its slow definition."""
    cleaned = reference_clean(text)
    entities = {ord(c): f"&#{ord(c)};" for c in "&<>\"'\\\n"}
    assert labels.clean(text) == cleaned
    body = cleaned.replace("&", "&#38;").replace('"', "&#34;").replace("<", "&#60;").replace(">", "&#62;")
    assert labels.escstring(text) == '"' + body.replace("\n", "&#10;").replace("\\", "\\\\\\\\") + '"'
    as_id = reference_clean(labels.svg_id(text))
    assert labels.id_attr(text) == '"' + as_id.translate(entities) + '"'
    assert labels.html_text(text) == cleaned.translate({**entities, ord("\\"): "&#92;&#92;"})
    assert labels.xml_attr(text) == html.escape(as_id, quote=True)
    for width in (1, 5, 28):
        wrapped = reference_wrap(text, width)
        assert labels.wrap(text, width) == wrapped
        assert labels.html_lines(text, width) == [labels.html_text(line) for line in wrapped]
    if labels.plain(text):
        assert labels.escstring(text) == labels.id_attr(text) == f'"{text}"'
        if text and "\\" not in text:  # the renderer then writes the id itself as the DOT name
            assert labels.dot_id(text) == f'"{text}"'
        assert labels.xml_attr(text) == labels.html_text(text) == text


@given(st.text(max_size=12), st.text(max_size=12))
def test_different_ids_never_share_an_svg_id(first, second):
    """Ids that differ only in characters SVG cannot hold (NUL, controls, bidi) still differ in the SVG."""
    if first != second:
        assert labels.id_attr(first) != labels.id_attr(second)
        assert labels.xml_attr(first) != labels.xml_attr(second)


def test_ids_differing_by_nul_or_bidi_get_distinct_svg_ids():
    r"""'a', 'a\x00' and 'a\u202e' are three SVG ids, each free of the character SVG cannot hold."""
    ids = ["a", "a\x00", "a\u202e", "a\t"]
    written = [labels.id_attr(key) for key in ids]
    assert len(set(written)) == len(ids)
    assert written[0] == '"a"'
    assert all("\x00" not in w and "\u202e" not in w for w in written)


def test_tooltips_are_capped_below_what_graphviz_reads():
    """A 100,000-character tooltip of characters escaped to entities stays under 16,384 characters."""
    quoted = labels.escstring("&" * 100_000)
    assert len(quoted) < 16_384
    assert quoted.endswith('…"')
