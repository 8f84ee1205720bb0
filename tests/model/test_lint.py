"""``argmap.model.lint``: each finding on a small map, with its exact message (the CLI: tests/cli)."""

from __future__ import annotations

from pathlib import Path

import pytest

from argmap.formats import load
from argmap.formats.source_text import source_reader
from argmap.model import ArgumentMap
from argmap.model.lint import KINDS, lint

DATA = Path(__file__).resolve().parents[1] / "data" / "lint"
EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "alliance.yaml"

# fixture -> the findings `lint(..., speaker_words=True)` reports, as "line:column: message [kind]".
EXPECTED = {
    "clean": [],
    "duplicate-argument": [
        (
            "15:15: shorthand argument 'calm.pro.tea' (`supports:` on 'calm') repeats argument 'a-calm':"
            " same premises, both pro 'tea' (delete the shorthand from 'calm'; 'a-calm' already says it)"
            " [duplicate-argument]"
        ),
        (
            "26:5: argument 'a-both-again' repeats argument 'a-both': same premises, both pro 'coffee'"
            " (keep one of them, and merge their weights, titles and notes into it) [duplicate-argument]"
        ),
    ],
    "double-counting": [
        (
            "24:15: statement 'calm' is a premise of 2 arguments pro 'tea': 'a-calm' and 'a-calm-and-cheap',"
            " so one reason is counted 2 times (keep 'calm' in one of them, or merge them into one argument)"
            " [double-counting]"
        ),
    ],
    "lone-position": [
        (
            "4:5: question 'q' has one position, 'tea', which competes with nothing (add the rival answers"
            " the source weighs, with `answers: q`) [lone-position]"
        ),
        (
            "9:5: position 'water' answers no question, so it competes with nothing (add `answers: <question"
            " id>`, e.g. `answers: q`) [lone-position]"
        ),
    ],
    "compatible-rivals": [
        (
            "6:17: question 'q' says compatible: true, but the map argues its positions as rivals: 'calm'"
            " argues for 'tea' ('calm.pro.tea') and against 'coffee' ('calm.con.coffee') (delete"
            " `compatible: true` so its positions compete, or make the arguments agree) [compatible-rivals]"
        ),
    ],
    "unsupported-claim": [
        (
            "12:5: claim 'calm' has no argument for it and is not marked assumed (support it with evidence"
            " or an argument, or add `assumed: true` if the map takes it as given) [unsupported-claim]"
        ),
    ],
    "undercutter-supports": [
        (
            "23:19: statement 'decaf' undercuts 'a-calm' (pro 'tea') but is also a premise of"
            " 'decaf.pro.tea', which is pro 'tea' too: it cannot both weaken and strengthen that case"
            " (drop one of the two roles) [undercutter-supports]"
        ),
    ],
    "speaker-words": [
        (
            "19:14: evidence 'ev-reported': words inside quotation marks in the quote: 1 of 12, so most"
            " of the quote is not C. Chef's own words (name the writer as speaker, e.g. 'B. Writer,"
            " reporting C. Chef', or quote only the words inside the marks) [speaker-words]"
        ),
    ],
}


def findings(name: str, *, speaker_words: bool = True) -> list[str]:
    """Return the fixture's findings as "line:column: message [kind]"."""
    path = DATA / f"{name}.yaml"
    return [
        f"{p.location.line}:{p.location.column}: {p.message} [{p.kind}]"
        for p in lint(load(path), speaker_words=speaker_words)
        if p.location is not None
    ]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_finding_has_its_exact_message_and_place(name: str) -> None:
    """Each fixture map yields exactly the expected findings, at the line and column of the culprit."""
    assert findings(name) == EXPECTED[name]


def test_every_kind_has_a_fixture() -> None:
    """Every kind of finding the module documents is shown by a fixture."""
    shown = {line.rsplit("[", 1)[1].rstrip("]") for lines in EXPECTED.values() for line in lines}
    assert shown == set(KINDS)


def test_the_speaker_words_check_is_opt_in() -> None:
    """Without speaker_words, a quote mostly in the writer's words is not reported."""
    assert findings("speaker-words", speaker_words=False) == []


def test_speaker_words_reads_the_marks_around_the_quote_in_its_source() -> None:
    """With the source's text, reported speech without marks in the quote is caught too."""
    path = DATA / "speaker-source.yaml"
    argument_map = load(path)
    assert lint(argument_map, speaker_words=True) == ()  # no marks inside either quote
    (finding,) = lint(argument_map, speaker_words=True, read=source_reader(argument_map))
    assert str(finding) == (
        f"{path}:20:14: evidence 'ev-chef': words inside quotation marks in the source: 0 of 13, so most"
        " of the quote is not C. Chef's own words (name the writer as speaker, e.g. 'B. Writer,"
        " reporting C. Chef', or quote only the words inside the marks)"
    )


def test_findings_carry_the_offending_id_and_file() -> None:
    """A finding names its id and file, so an editor can jump to it."""
    path = DATA / "unsupported-claim.yaml"
    (finding,) = lint(load(path))
    assert finding.id == "calm"
    assert finding.location is not None
    assert finding.location.file == str(path)
    assert str(finding).startswith(f"{path}:12:5: claim 'calm' has no argument for it")


def test_a_map_built_in_python_is_linted_without_locations() -> None:
    """A map with no file still gets its findings, with no location."""
    m = ArgumentMap.build("t")
    m.question("q", "Which?")
    m.position("tea", "Tea", answers="q")
    (finding,) = lint(m.finish())
    assert finding.kind == "lone-position"
    assert finding.location is None


def test_the_review_is_deterministic_and_ordered_by_place() -> None:
    """Two runs give the same findings, in file order."""
    argument_map = load(DATA / "duplicate-argument.yaml")
    first, second = lint(argument_map), lint(argument_map)
    assert first == second
    lines = [p.location.line for p in first if p.location is not None]
    assert lines == sorted(lines)


def test_the_example_map_is_clean() -> None:
    """The flagship map passes the review, the opt-in check included, against the article's text."""
    alliance = load(EXAMPLE)
    assert lint(alliance, speaker_words=True, read=source_reader(alliance, root=EXAMPLE.parents[1])) == ()
