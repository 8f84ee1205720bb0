"""Quote verification: does every evidence quote occur, verbatim, in its source's local text copy?

The model reads no files: the caller passes ``read``, which returns a source's text (see
``argmap.formats.source_text`` for the reader that keeps to the map's folder). Only sources with
a ``path`` can be checked; evidence quoting a source without one is skipped.
Whitespace is the only thing normalised (runs of it collapse to one space, on both sides), so curly
quotes, dashes and every other character must match the source exactly. A locator of the form
``¶N`` names a paragraph: paragraphs are the non-blank lines of the source, counted from 1 (the
title line is ¶1); other locators (pages, timestamps) are not checked.
"""

from __future__ import annotations

import bisect
import difflib
import heapq
import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Final, Literal

from attrs import define

from argmap._text import shorten
from argmap.errors import ArgmapError

if TYPE_CHECKING:
    from argmap.errors import Location
    from argmap.model.argument_map import ArgumentMap
    from argmap.model.sources import Source
    from argmap.model.statements import Evidence

__all__ = ["FindingKind", "QuoteFinding", "SourceReader", "check_quotes"]

SourceReader = Callable[["Source"], str]
"""Returns the text of a source that has a ``path``, or raises an ArgmapError saying why not."""

FindingKind = Literal["missing-quote", "wrong-locator", "source-unreadable"]

_PARAGRAPH: Final = re.compile(r"¶\s*(\d+)")
# Candidate windows for the closest passage have the quote's word count, give or take this many.
_WINDOW_SLACK: Final = 1
# How many of the windows sharing most words with the quote are compared character by character.
_CANDIDATES: Final = 40
# A quote longer than this many characters is compared with the windows by its first words.
_COMPARED: Final = 600
_COMPARED_WORDS: Final = 60
# Characters of the closest passage shown in a message (the finding keeps it whole).
_SHOWN: Final = 300


@define(frozen=True, kw_only=True)
class QuoteFinding:
    """One evidence quote that could not be confirmed in its source, with what to fix."""

    evidence_id: str
    kind: FindingKind
    message: str
    """``<file>:<line>:<col>: <what is wrong> (<how to fix>)``; no place for a map built in code."""
    location: Location | None = None
    """Where in the map file the evidence (or, for an unreadable file, the source's path) is written."""
    closest: str | None = None
    """The source passage most like the quote, whitespace-normalised (the quote, for a wrong locator)."""
    ratio: float | None = None
    """How alike ``closest`` and the quote are, from 0 to 1 (difflib's ratio; by words for a long quote)."""
    paragraph: int | None = None
    """The paragraph where the quote (or the closest passage) starts."""


def normalise(text: str) -> str:
    r"""Collapse every run of whitespace to one space and trim the ends; nothing else changes.

    >>> normalise("  “no   limits”\n\t  said  ")
    '“no limits” said'
    """
    return " ".join(text.split())


@define(frozen=True)
class _Text:
    """A source's text, whitespace-normalised, with where each paragraph starts in it."""

    text: str
    paragraphs: tuple[str, ...]
    starts: tuple[int, ...]

    @classmethod
    def of(cls, raw: str) -> _Text:
        paragraphs = tuple(normalise(line) for line in raw.splitlines() if line.strip())
        starts: list[int] = []
        offset = 0
        for paragraph in paragraphs:
            starts.append(offset)
            offset += len(paragraph) + 1  # the space that joins it to the next
        return cls(" ".join(paragraphs), paragraphs, tuple(starts))

    def paragraph_at(self, offset: int) -> int:
        """Return the 1-based paragraph holding ``offset`` of the normalised text."""
        return max(1, bisect.bisect_right(self.starts, offset))

    def closest(self, quote: str) -> tuple[str, float, int]:
        """Return the passage most like ``quote``, its ratio and paragraph (windows of similar length).

        Windows start at word boundaries and span the quote's word count, give or take one. Only
        the windows sharing the most words with the quote are compared character by character, so
        a 13 KB article takes milliseconds, not a second. A quote longer than a few hundred
        characters is compared by its opening words (``_closest_by_words``): linear in the lengths.
        """
        spans = [match.span() for match in re.finditer(r"\S+", self.text)]
        if not spans:
            return ("", 0.0, 1)
        words = [self.text[begin:end] for begin, end in spans]
        quote_words = set(quote.split())
        size = min(len(quote.split()), len(words))
        hits = [word in quote_words for word in words]
        # Shared words in the window starting at each word, by a running sum.
        scores = [sum(hits[:size])]
        for first in range(1, len(words) - size + 1):
            scores.append(scores[-1] - hits[first - 1] + hits[first + size - 1])
        starts = sorted(
            heapq.nlargest(_CANDIDATES, range(len(scores)), key=lambda first: (scores[first], -first))
        )
        if len(quote) > _COMPARED:
            return self._closest_by_words(quote, words, spans, starts, size)
        matcher = difflib.SequenceMatcher(autojunk=False)
        matcher.set_seq2(quote)  # the quote is fixed; difflib indexes it once
        best = ("", -1.0, 1)
        for first in starts:
            for count in range(max(1, size - _WINDOW_SLACK), size + _WINDOW_SLACK + 1):
                last = min(first + count, len(spans)) - 1
                window = self.text[spans[first][0] : spans[last][1]]
                matcher.set_seq1(window)
                # The cheap upper bounds skip windows that cannot beat the best so far.
                if matcher.real_quick_ratio() <= best[1] or matcher.quick_ratio() <= best[1]:
                    continue
                ratio = matcher.ratio()
                if ratio > best[1]:
                    best = (window, ratio, self.paragraph_at(spans[first][0]))
        return best

    def _closest_by_words(
        self, quote: str, words: list[str], spans: list[tuple[int, int]], starts: list[int], size: int
    ) -> tuple[str, float, int]:
        """Return ``closest`` for a long quote: windows compared word by word, on the quote's opening.

        Character by character, difflib's time grows with the product of the lengths (minutes for
        a 100 KB quote); a few dozen words of the opening pick the passage as well.
        """
        head = quote.split()[:_COMPARED_WORDS]
        matcher = difflib.SequenceMatcher(autojunk=False)
        matcher.set_seq2(head)
        best = ("", -1.0, 1)
        for first in starts:
            matcher.set_seq1(words[first : first + len(head)])
            if matcher.real_quick_ratio() <= best[1] or matcher.quick_ratio() <= best[1]:
                continue
            ratio = matcher.ratio()
            if ratio > best[1]:
                last = min(first + size, len(spans)) - 1
                best = (
                    self.text[spans[first][0] : spans[last][1]],
                    ratio,
                    self.paragraph_at(spans[first][0]),
                )
        return best


def _where(argument_map: ArgumentMap, path: tuple[str, ...]) -> Location | None:
    return argument_map.origin.locate(path) if argument_map.origin is not None else None


def _prefix(location: Location | None) -> str:
    return f"{location}: " if location is not None else ""


def check_quotes(argument_map: ArgumentMap, read: SourceReader) -> tuple[QuoteFinding, ...]:
    """Check every evidence quote against its source's local text; return the findings, in map order.

    ``read`` gives the text of each source with a ``path``. Evidence whose source has no ``path``
    is skipped. A source whose text cannot be read is one ``source-unreadable`` finding (at the
    first quote it should confirm), never raised. An empty result means every checkable quote was
    found where its locator says.
    """
    texts: dict[str, _Text | None] = {}
    findings: list[QuoteFinding] = []
    for evidence in argument_map.evidence:
        source = argument_map.source(evidence.source)
        if source.path is None:
            continue
        if source.id not in texts:
            try:
                texts[source.id] = _Text.of(read(source))
            except ArgmapError as error:
                texts[source.id] = None
                findings.append(_unreadable(argument_map, evidence, source, str(error)))
        text = texts[source.id]
        if text is None:
            continue
        finding = _check(argument_map, evidence, source, text)
        if finding is not None:
            findings.append(finding)
    return tuple(findings)


def _unreadable(argument_map: ArgumentMap, evidence: Evidence, source: Source, reason: str) -> QuoteFinding:
    location = _where(argument_map, ("sources", source.id, "path"))
    quotes = sum(1 for e in argument_map.evidence if e.source == source.id)
    what = (
        f"evidence {evidence.id!r}" if quotes == 1 else f"{quotes} quotes, from evidence {evidence.id!r} on,"
    )
    return QuoteFinding(
        evidence_id=evidence.id,
        kind="source-unreadable",
        message=(
            f"{_prefix(location)}{what} cannot be checked: the text of source {source.id!r} cannot be"
            f" read: {reason} (fix the source's path, which is relative to the map file; a text outside"
            " the map's folder needs --root, or root= in Python)"
        ),
        location=location,
    )


def _check(argument_map: ArgumentMap, evidence: Evidence, source: Source, text: _Text) -> QuoteFinding | None:
    quote = normalise(evidence.quote)
    wanted = _PARAGRAPH.fullmatch(evidence.locator.strip()) if evidence.locator else None
    if wanted is not None:
        number = int(wanted.group(1))
        if 1 <= number <= len(text.paragraphs) and quote in text.paragraphs[number - 1]:
            return None
    offset = text.text.find(quote)
    if offset >= 0:
        if wanted is None:
            return None
        first = text.paragraph_at(offset)
        last = text.paragraph_at(offset + len(quote) - 1)
        location = _where(argument_map, ("statements", evidence.id, "locator"))
        if first == last:
            actual, fix = f"¶{first}", f"change the locator to ¶{first}"
        else:
            actual, fix = f"¶{first}\u2013¶{last}", "quote from one paragraph, or split the quote"
        return QuoteFinding(
            evidence_id=evidence.id,
            kind="wrong-locator",
            message=(
                f"{_prefix(location)}evidence {evidence.id!r} quote is not in {wanted.group(0)} of source"
                f" {source.id!r} but in {actual} ({fix})"
            ),
            location=location,
            closest=quote,
            ratio=1.0,
            paragraph=first,
        )
    closest, ratio, paragraph = text.closest(quote)
    location = _where(argument_map, ("statements", evidence.id, "quote"))
    return QuoteFinding(
        evidence_id=evidence.id,
        kind="missing-quote",
        message=(
            f"{_prefix(location)}evidence {evidence.id!r} quote not found in source {source.id!r}"
            f' (closest passage: "{shorten(closest, _SHOWN)}"; fix the quote or its locator)'
        ),
        location=location,
        closest=closest,
        ratio=ratio,
        paragraph=paragraph,
    )
