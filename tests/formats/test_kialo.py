"""Kialo text exports: the shared corpus, own fixtures, located errors, limits and writing back."""

from __future__ import annotations

import contextlib
import time
import warnings
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import argmap
from argmap.errors import FormatError, ParseError, UnsupportedFormatError
from argmap.formats import Limits, format_for, kialo
from argmap.formats.kialo import NOTE_PREFIX, QUESTION_ID, KialoWarning
from argmap.model import Argument, ArgumentMap, Claim, Evidence, Position, Question, Source

DATA = Path(__file__).resolve().parents[1] / "data" / "kialo"
SHARED = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpora" / "kialo"

# From ../shared/corpora/kialo/SOURCE.md: claim lines (with the thesis), Pro, Con, `-> See` links,
# and distinct claim nodes (the thesis and every claim that is not a `-> See` link).
COUNTS = {
    "should-hate-speech-be-illegal-6148": (106, 42, 63, 1, 105),
    "should-hate-speech-be-legally-protected-10134": (545, 196, 348, 33, 512),
    "free-speech-on-the-internet-should-internet-companies-deny-service-to-white-supremacists-2867": (
        965,
        534,
        430,
        126,
        839,
    ),
}


def _corpus() -> list[Path]:
    return sorted(SHARED.glob("*.txt")) if SHARED.is_dir() else []


CORPUS = _corpus()


def _number(statement_id: str) -> str:
    assert statement_id.startswith("k-")
    return statement_id.removeprefix("k-")


def _see_links(argument_map: ArgumentMap) -> list[Argument]:
    """The arguments read from `-> See` lines: their premise is not numbered under their conclusion."""
    return [
        a
        for a in argument_map.arguments
        if _number(a.premises[0]).rpartition(".")[0] != _number(a.conclusion)
    ]


@pytest.mark.corpus
def test_the_corpus_is_present_or_the_tests_say_why():
    """The shared corpus has its three Kialo exports."""
    if not CORPUS:
        pytest.skip("../shared/corpora/kialo is not beside this clone")
    assert [p.stem for p in CORPUS] == sorted(COUNTS)


@pytest.mark.corpus
@pytest.mark.parametrize("stem", sorted(COUNTS), ids=lambda stem: stem[-5:])
def test_every_corpus_file_matches_the_source_counts_and_evaluates(stem: str):
    """Claims, Pro, Con, `-> See` links and distinct claims equal SOURCE.md; grounded evaluates it."""
    path = SHARED / f"{stem}.txt"
    if not path.is_file():
        pytest.skip("../shared/corpora/kialo is not beside this clone")
    m = argmap.load(path)
    claims, pro, con, see, distinct = COUNTS[stem]
    stances = Counter(a.stance for a in m.arguments)
    assert len(m.arguments) + 1 == claims
    assert (stances["pro"], stances["con"]) == (pro, con)
    assert len(_see_links(m)) == see
    assert len(m.statements) - 1 == distinct
    assert isinstance(m.statements[0], Question)
    assert [s.id for s in m.statements if isinstance(s, Position)] == ["k-1"]
    assert all(isinstance(s, Claim) for s in m.statements[2:])
    # Every distinct URL is one source, and no claim text keeps Markdown link syntax.
    text = path.read_text(encoding="utf-8")
    assert len(m.sources) == len({s.url for s in m.sources})
    escaped = {s.url: str(s.url).replace("[", "\\[").replace("]", "\\]") for s in m.sources}
    assert all(f"]({url})" in text for url in escaped.values())
    texts = " ".join(s.text for s in m.statements if isinstance(s, Claim | Position))
    assert not any(f"]({s.url})" in texts for s in m.sources)
    evaluation = argmap.evaluate(m, "grounded")
    assert set(evaluation.statuses) == {s.id for s in m.statements}


@pytest.mark.corpus
@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.stem[-5:])
def test_every_corpus_file_is_written_back_as_it_was(path: Path):
    """Dumps gives the export back (line endings aside) and it reads back to the same map."""
    m = argmap.load(path)
    with warnings.catch_warnings():
        warnings.simplefilter("error", KialoWarning)
        written = kialo.dumps(m)
    assert kialo.loads(written) == m
    original = path.read_text(encoding="utf-8").replace("\r\n", "\n")
    assert written.rstrip("\n") == original.rstrip("\n")


def test_a_txt_file_is_kialo_when_it_starts_with_the_title():
    """Only the first line tells a Kialo export from any other .txt file."""
    assert format_for("x.txt", "Discussion Title: T\n\n1. A.\n") == "kialo"
    assert format_for("x.txt", "\ufeffDiscussion Title: T\n") == "kialo"
    with pytest.raises(UnsupportedFormatError, match=r"unknown format: '\.txt'"):
        format_for("x.txt", "Some notes.\nDiscussion Title: T\n")
    with pytest.raises(UnsupportedFormatError):
        format_for("x.txt")


def test_the_fixture_reads_as_documented():
    """Title, question, thesis, stances, a multi-line claim, links, escapes and cross-links."""
    m = argmap.load(DATA / "tea.txt")
    assert m.title == "Should offices serve tea instead of coffee?"
    question, thesis = m.statements[0], m.statements[1]
    assert isinstance(question, Question)
    assert (question.id, question.text) == (QUESTION_ID, m.title)
    assert isinstance(thesis, Position)
    assert (thesis.id, thesis.answers) == ("k-1", QUESTION_ID)
    by_id = {s.id: s for s in m.statements}
    calm = by_id["k-1.1"]
    assert isinstance(calm, Claim)
    assert calm.text == "Tea calms the mind (mostly), as a small trial reported."
    assert calm.note is not None
    assert calm.note.startswith(NOTE_PREFIX)
    assert "[small trial](https://example.org/tea-trial)" in calm.note
    alert = by_id["k-1.2"]
    assert isinstance(alert, Claim)
    assert alert.text == (
        "Coffee keeps people alert through long meetings.\n"
        "This claim was written over\n"
        "two lines in the export."
    )
    citation = by_id["k-1.3.1"]
    assert isinstance(citation, Claim)
    assert citation.text == "Small studies overstate effects [citation needed]."
    # Two links to one URL are one source, titled by the first link's text.
    assert m.sources == (
        Source(id="k-source-1", title="small trial", url="https://example.org/tea-trial"),
        Source(id="k-source-2", title="review", url="https://example.org/review"),
    )
    # `-> See` lines reuse the claim they name, forwards and backwards: no statement is repeated.
    assert [(a.premises[0], a.stance, a.conclusion) for a in m.arguments] == [
        ("k-1.1", "pro", "k-1"),
        ("k-1.1.1", "con", "k-1.1"),
        ("k-1.3.1", "pro", "k-1.1.1"),
        ("k-1.1.2", "pro", "k-1.1"),
        ("k-1.2", "con", "k-1"),
        ("k-1.2.1", "con", "k-1.2"),
        ("k-1.1.2", "pro", "k-1.2"),
        ("k-1.3", "pro", "k-1"),
        ("k-1.3.1", "pro", "k-1.3"),
    ]
    assert len(by_id) == len(m.statements) == 9
    # Premises that nothing supports are assumptions; the rest are not.
    assert {s.id for s in m.statements if s.assumed} == {"k-1.1.2", "k-1.2.1", "k-1.3.1"}


def test_the_fixture_evaluates_and_a_leaf_can_be_switched_off():
    """Leaves stand as assumptions; switching the cited study off lets the attack on 1.1 through."""
    m = argmap.load(DATA / "tea.txt")
    before = argmap.evaluate(m)
    assert before.status("k-1.3.1").value == "in"
    assert before.status("k-1.1.1").value == "in"
    after = argmap.evaluate(m, off=["k-1.1.2", "k-1.3.1"])
    assert after.status("k-1.3.1").value == "off"
    assert after.status("k-1.1").value == "out"


@pytest.mark.parametrize("path", sorted(DATA.glob("*.txt")), ids=lambda p: p.stem)
def test_the_fixtures_are_written_back_exactly(path: Path):
    """Dumps writes an export read from Kialo back as it was."""
    m = argmap.load(path)
    assert kialo.dumps(m) == path.read_text(encoding="utf-8")
    assert kialo.loads(kialo.dumps(m)) == m


def test_a_thesis_alone_is_a_map():
    """The smallest export: a title and a thesis."""
    m = argmap.load(DATA / "one-claim.txt")
    assert [(s.id, s.kind) for s in m.statements] == [(QUESTION_ID, "question"), ("k-1", "position")]
    assert m.arguments == ()


def test_crlf_and_a_bom_read_like_plain_text():
    """Kialo's own files end lines with CRLF; a BOM is ignored."""
    text = (DATA / "tea.txt").read_text(encoding="utf-8")
    assert kialo.loads("\ufeff" + text.replace("\n", "\r\n")) == kialo.loads(text)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "<string>:1:1: a Kialo export starts with 'Discussion Title: ...'"),
        ("1. Tea.\n", "<string>:1:1: a Kialo export starts with 'Discussion Title: ...'"),
        ("Discussion Title: T\n\n", "<string>:2:1: the discussion has no thesis (write it as '1. <thesis>'"),
        (
            (
                "Discussion Title: T\n1. Tea.\n1.1. Pro: A.\n1.1.1. Con: -> See 1.2.\n"
                "1.2. Pro: B.\n1.2.1. Con: -> See 1.1.\n"
            ),
            None,
        ),
        (
            "Discussion Title: T\n1. Tea.\n1.1. Pro: A.\n1.2. Pro: -> See 1.1.\n1.3. Pro: -> See 1.1.\n",
            "<string>:4:1: claim 1.2. repeats the pro link from claim 1.1. to its parent",
        ),
        (
            (
                "Discussion Title: T\n1. Tea.\n1.1. Pro: A.\n"
                "1.1.1. Con: -> See 1.1.2.\n1.1.2. Con: -> See 1.1.1.\n"
            ),
            "<string>:5:20: '-> See' links form a cycle: 1.1.1. -> 1.1.2. -> 1.1.1.",
        ),
    ],
)
def test_mistakes_are_located(text: str, message: str | None):
    """Each mistake names file:line(:column), what is wrong and how to fix it; a See-DAG is fine."""
    if message is None:
        m = kialo.loads(text)
        assert len(_see_links(m)) == 2
        return
    with pytest.raises(ParseError) as caught:
        kialo.loads(text)
    assert str(caught.value).startswith(message)


def test_limits_bound_the_claims_and_the_size():
    """More claims than max_items, or more text than max_bytes, is refused with the limit named."""
    text = (DATA / "tea.txt").read_text(encoding="utf-8")
    with pytest.raises(ParseError, match=r"^<string>:6:1: the discussion has more than 3 claims .*max_items"):
        kialo.loads(text, limits=Limits(max_items=3))
    with pytest.raises(ParseError, match=r"more than the limit of 100 .*max_bytes"):
        kialo.loads(text, limits=Limits(max_bytes=100))
    with pytest.raises(ParseError, match=r"max_bytes"):
        argmap.formats.loads(text, format="kialo", limits=Limits(max_bytes=100))
    # Ten claim lines and two sources: twelve items.
    with pytest.raises(ParseError, match=r"has 12 claims and sources, more than the limit of 11"):
        kialo.loads(text, limits=Limits(max_items=11))
    assert kialo.loads(text, limits=Limits(max_items=12)).title.startswith("Should")


def _tree() -> ArgumentMap:
    return ArgumentMap(
        title="Tea?",
        statements=(
            Question(id="q", text="Tea?"),
            Position(id="tea", text="Drink tea.", answers="q"),
            Claim(id="calm", text="Tea calms (a bit).", assumed=True),
            Claim(id="bitter", text="-> See 1.1.\n2. Tea is bitter.", assumed=True),
        ),
        arguments=(
            Argument(id="calm.pro.tea", premises=("calm",), stance="pro", conclusion="tea"),
            Argument(id="bitter.con.tea", premises=("bitter",), stance="con", conclusion="tea"),
            Argument(id="bitter.con.calm", premises=("bitter",), stance="con", conclusion="calm"),
        ),
    )


def test_a_tree_from_another_format_is_written_and_read_back_with_kialo_ids():
    """Any tree under one position is written; texts and stances come back, renumbered."""
    written = kialo.dumps(_tree())
    assert written.splitlines()[:4] == [
        "Discussion Title: Tea?",
        "",
        "1. Drink tea.",
        "1.1. Pro: Tea calms \\(a bit\\).",
    ]
    back = kialo.loads(written)
    assert [(s.id, getattr(s, "text", None)) for s in back.statements] == [
        ("k-question", "Tea?"),
        ("k-1", "Drink tea."),
        ("k-1.1", "Tea calms (a bit)."),
        ("k-1.2", "-> See 1.1.\n2. Tea is bitter."),
    ]
    # Lines come in the map's order (each after its parent); the second link to 'bitter' is a See.
    assert [a.id for a in back.arguments] == ["k-1.1.pro.k-1", "k-1.2.con.k-1", "k-1.2.con.k-1.1"]
    assert written.splitlines()[4:] == [
        "1.2. Con: \\-> See 1.1.",
        "2\\. Tea is bitter.",
        "1.1.1. Con: -> See 1.2.",
    ]


def test_a_map_that_names_a_child_before_its_parent_is_written_in_tree_order():
    """Kialo needs a parent's line first: the map's order is kept only where it allows that."""
    m = _tree()
    m = ArgumentMap(title=m.title, statements=m.statements, arguments=(m.arguments[2], *m.arguments[:2]))
    written = kialo.dumps(m)
    assert written.splitlines()[2:] == [
        "1. Drink tea.",
        "1.1. Pro: Tea calms \\(a bit\\).",
        "1.1.1. Con: \\-> See 1.1.",
        "2\\. Tea is bitter.",
        "1.2. Con: -> See 1.1.1.",
    ]
    assert [a.stance for a in kialo.loads(written).arguments] == ["pro", "con", "con"]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda m: ArgumentMap(
                title=m.title,
                statements=m.statements,
                arguments=(
                    *m.arguments,
                    Argument(id="both", premises=("calm", "bitter"), stance="pro", conclusion="tea"),
                ),
            ),
            "'both': Kialo has no linked premises",
        ),
        (
            lambda m: ArgumentMap(
                title=m.title,
                statements=m.statements,
                arguments=(
                    Argument(
                        id="calm.pro.tea",
                        premises=("calm",),
                        stance="pro",
                        conclusion="tea",
                        undercutters=("bitter",),
                    ),
                    *m.arguments[1:],
                ),
            ),
            "'calm.pro.tea': Kialo has no undercuts",
        ),
        (
            lambda m: ArgumentMap(
                title=m.title,
                statements=(*m.statements, Position(id="coffee", text="Coffee.", answers="q")),
                arguments=m.arguments,
            ),
            "a Kialo export has one thesis, but the map has 2 positions",
        ),
        (
            lambda m: ArgumentMap(
                title=m.title,
                sources=(Source(id="s", title="S"),),
                statements=(*m.statements, Evidence(id="e", quote="Q.", source="s")),
                arguments=m.arguments,
            ),
            "'e': Kialo has no evidence statements",
        ),
        (
            lambda m: ArgumentMap(
                title=m.title,
                statements=(*m.statements, Claim(id="alone", text="Alone.")),
                arguments=m.arguments,
            ),
            "a Kialo export is one tree under the thesis 'tea', but 'alone' cannot be reached from it",
        ),
    ],
)
def test_what_kialo_cannot_hold_is_refused(change, message: str):
    """Linked premises, undercuts, a second thesis, evidence and loose claims raise a FormatError."""
    with pytest.raises(FormatError) as caught:
        kialo.dumps(change(_tree()))
    assert str(caught.value).startswith(message)


def test_what_kialo_has_no_place_for_is_left_out_with_a_warning():
    """Weights, notes and a question text other than the title are named in a KialoWarning."""
    m = _tree()
    m = ArgumentMap(
        title="Tea or not?",
        statements=(
            m.statements[0],
            m.statements[1],
            Claim(id="calm", text="Calm.", note="n"),
            m.statements[3],
        ),
        arguments=(
            Argument(id="calm.pro.tea", premises=("calm",), stance="pro", conclusion="tea", weight=0.5),
            *m.arguments[1:],
        ),
    )
    with pytest.warns(KialoWarning) as caught:
        kialo.dumps(m)
    messages = [str(w.message) for w in caught]
    assert "'q': Kialo has no questions: only the map title is written" in messages
    assert "'calm': Kialo has no notes (left out)" in messages
    assert "'calm.pro.tea': Kialo has no argument weights (left out)" in messages
    assert "'calm': Kialo has no assumptions (assumed: true when read back)" in messages


def test_load_and_dump_reach_the_format_by_name(tmp_path: Path):
    """argmap.dump with format='kialo' writes a file argmap.load reads back by its first line."""
    m = argmap.load(DATA / "tea.txt")
    target = tmp_path / "out.txt"
    argmap.formats.dump(m, target, format="kialo")
    assert argmap.load(target) == m


@pytest.mark.parametrize(
    "text",
    [
        "Discussion Title: T\n1. A.\n1.1. Pro: B.\n"
        + "".join(f"1.{i}. Con: -> See 1.{i + 1}.\n" for i in range(2, 20_000))
        + "1.20000. Pro: C.\n",
        "Discussion Title: T\n1. " + "[" * 500_000 + "\n",
        "Discussion Title: T\n1. " + "[a](http://x" * 50_000 + "\n",
        "Discussion Title: T\n1. " + "\\" * 500_000 + "\n",
    ],
    ids=["see-chain", "brackets", "open-links", "backslashes"],
)
def test_texts_built_to_be_slow_are_read_in_linear_time(text: str):
    """A long chain of `-> See` lines and long lines of brackets or backslashes are no hang.

    A hang guard, not a performance target: well under a second each, against minutes before.
    """
    start = time.process_time()
    with contextlib.suppress(ParseError):
        kialo.dumps(kialo.loads(text))
    assert time.process_time() - start < 5


# -- the fast reader builds what the checked construction builds ----------------------------------


def _same_map(fast: ArgumentMap, checked: ArgumentMap) -> None:
    assert fast == checked
    assert [type(s) for s in fast.statements] == [type(s) for s in checked.statements]
    assert fast.origin is not None
    assert checked.origin is not None
    assert dict(fast.origin.locations) == dict(checked.origin.locations)


@pytest.mark.corpus
@pytest.mark.parametrize("path", [*CORPUS, *sorted(DATA.glob("*.txt"))], ids=lambda p: p.stem[-12:])
def test_the_reader_builds_what_the_validating_classes_build(path: Path):
    """Without validators (model._bulk.trusted) the reader gives the map the model's classes give."""
    text = path.read_text(encoding="utf-8")
    fast = kialo.loads(text, file=str(path))
    checked = kialo._load(text, str(path), Limits(), checked=True)
    _same_map(fast, checked)


# Pieces of Kialo text that links, escapes and `-> See` lines are made of.
_RAW = st.lists(
    st.sampled_from(["[", "]", "(", ")", "\\", "a", " ", "-", ">", ".", "1", ":", "/", "é", "\u00a0"])
    | st.sampled_from(
        ["](", "https://", "http://x.org", "[a](https://e.com/(b))", "[l](http://h/p)", "-> See"]
    ),
    max_size=12,
).map("".join)


@given(first=_RAW, second=_RAW)
@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
def test_a_claim_keeps_its_kialo_text_exactly_when_writing_its_text_would_differ(first: str, second: str):
    """The note is there exactly when the escaped plain text is not the text as written (links above all)."""
    document = f"Discussion Title: T\n\n1. Thesis.\n1.1. Pro: {first}\n1.2. Con: {second}\n"
    try:
        m = kialo.loads(document)
    except ParseError:
        return  # e.g. a blank claim, or one that reads as a `-> See` line to an unknown claim
    _same_map(m, kialo._load(document, None, Limits(), checked=True))
    by_id = {s.id: s for s in m.statements}
    for number, written in (("1.1", first), ("1.2", second)):
        claim = by_id.get(f"k-{number}")
        if claim is None:  # a `-> See` line: an argument from another claim
            continue
        assert isinstance(claim, Claim)
        raw = written.strip()
        text, _ = kialo._plain(raw)
        assert claim.text == text
        assert claim.note == (NOTE_PREFIX + raw if kialo._escape(text) != raw else None)


@given(url=st.from_regex(kialo._PLAIN_URL, fullmatch=True))
@settings(max_examples=200)
def test_a_url_the_reader_takes_without_the_check_passes_the_check(url: str):
    """The shortcut for plain URLs only takes URLs that a Source accepts."""
    if url.isascii():
        assert Source(id="s", title="s", url=url).url == url
