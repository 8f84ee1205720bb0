"""Quote verification: does every evidence quote occur, verbatim, in its source's local text copy?

Only sources with a ``path`` can be checked; evidence quoting a source without one is skipped.
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
from pathlib import Path
from typing import TYPE_CHECKING, Final, Literal

from attrs import define

if TYPE_CHECKING:
    from argmap.errors import Location
    from argmap.model.argument_map import ArgumentMap
    from argmap.model.sources import Source
    from argmap.model.statements import Evidence

__all__ = ["FindingKind", "QuoteFinding", "check_quotes"]

FindingKind = Literal["missing-quote", "wrong-locator", "source-unreadable"]

_PARAGRAPH: Final = re.compile(r"¶\s*(\d+)")
# Candidate windows for the closest passage have the quote's word count, give or take this many.
_WINDOW_SLACK: Final = 1
# How many of the windows sharing most words with the quote are compared character by character.
_CANDIDATES: Final = 40


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
    """How alike ``closest`` and the quote are, from 0 to 1 (difflib's ratio)."""
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
        a 13 KB article takes milliseconds, not a second.
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
        starts = list(range(len(scores)))
        if max(scores) > 0:
            starts = sorted(heapq.nlargest(_CANDIDATES, starts, key=lambda first: (scores[first], -first)))
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


def _base(argument_map: ArgumentMap, base: Path | None) -> Path:
    if base is not None:
        return base
    if argument_map.origin is not None and argument_map.origin.file:
        # Deliberately not resolved: a relative path is read from where the map file was addressed.
        return Path(argument_map.origin.file).parent
    return Path()


def _read(path: Path) -> _Text | str:
    """Return the source's text, or the reason it cannot be read."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        return error.strerror or type(error).__name__
    try:
        return _Text.of(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        return "not UTF-8 text"


def _where(argument_map: ArgumentMap, path: tuple[str, ...]) -> Location | None:
    return argument_map.origin.locate(path) if argument_map.origin is not None else None


def _prefix(location: Location | None) -> str:
    return f"{location}: " if location is not None else ""


def check_quotes(argument_map: ArgumentMap, *, base: Path | None = None) -> tuple[QuoteFinding, ...]:
    """Check every evidence quote against its source's local text; return the findings, in map order.

    A source's ``path`` is read as UTF-8, relative to ``base``, which defaults to the directory of
    the map file as it was addressed (symlinks are not resolved) or, for a map built in code, the
    working directory. Evidence whose source has no ``path`` is skipped. A file that cannot be read
    is reported as a ``source-unreadable`` finding for each quote it should confirm, never raised.
    An empty result means every checkable quote was found where its locator says.
    """
    root = _base(argument_map, base)
    texts: dict[str, _Text | str] = {}
    findings: list[QuoteFinding] = []
    for evidence in argument_map.evidence:
        source = argument_map.source(evidence.source)
        if source.path is None:
            continue
        if source.id not in texts:
            texts[source.id] = _read(root / source.path)
        text = texts[source.id]
        if isinstance(text, str):
            findings.append(_unreadable(argument_map, evidence, source, root, text))
            continue
        finding = _check(argument_map, evidence, source, text)
        if finding is not None:
            findings.append(finding)
    return tuple(findings)


def _unreadable(
    argument_map: ArgumentMap, evidence: Evidence, source: Source, root: Path, reason: str
) -> QuoteFinding:
    location = _where(argument_map, ("sources", source.id, "path"))
    file = root / str(source.path)
    return QuoteFinding(
        evidence_id=evidence.id,
        kind="source-unreadable",
        message=(
            f"{_prefix(location)}evidence {evidence.id!r} cannot be checked: the text of source"
            f" {source.id!r} cannot be read: {file}: {reason} (fix the source's path, which is"
            " relative to the map file)"
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
            f' (closest passage: "{closest}"; fix the quote or its locator)'
        ),
        location=location,
        closest=closest,
        ratio=ratio,
        paragraph=paragraph,
    )
