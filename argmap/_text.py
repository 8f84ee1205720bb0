"""Text helpers every layer shares: "did you mean" suggestions, shortening, terminal-safe printing."""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable
from typing import Final

__all__ = ["shorten", "suggest", "terminal_safe"]

_ELLIPSIS: Final = "…"
_LATIN1: Final = 0xFF


def suggest(value: object, known: Iterable[str]) -> str:
    """Return `` (did you mean 'x'?)`` for the closest known id, or ``""`` when none is close."""
    close = difflib.get_close_matches(str(value), list(known), n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""


def shorten(text: str, limit: int = 60) -> str:
    r"""Return ``text`` on one line, cut at a word boundary to at most ``limit`` characters.

    >>> shorten("China has not  armed\nRussia.", 20)
    'China has not armed…'
    """
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    cut = flat[: max(limit - 1, 1)]
    space = cut.rfind(" ")
    # A cut inside a word reads as a typo; back up to the word boundary unless that loses most.
    if flat[len(cut)] != " " and space > limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:.-–—") + _ELLIPSIS


# C0 and C1 controls, DEL, and the bidi/format characters that reorder or hide text on a terminal.
_UNSAFE: Final = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]")


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    return f"\\x{code:02x}" if code <= _LATIN1 else f"\\u{code:04x}"


def terminal_safe(text: object) -> str:
    r"""Return ``text`` with control, escape and bidi characters shown as escapes, never executed.

    Newlines and tabs are kept; a map's text cannot retitle, clear or reorder the terminal.

    >>> terminal_safe("ok\x1b]0;pwned\x07 \u202eevil")
    'ok\\x1b]0;pwned\\x07 \\u202eevil'
    """
    value = str(text)
    if value.isprintable():
        return value
    escaped = _UNSAFE.sub(_escape, value)
    # Other unprintable code points (unassigned, private use) are harmless; surrogates are not.
    return "".join(f"\\u{ord(c):04x}" if unicodedata.category(c) == "Cs" else c for c in escaped)
