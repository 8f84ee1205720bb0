"""Tests of the shipped examples (argmap.examples) and of what the flagship map must contain.

The content tests encode the expert review of issue 10: each defect it found in the earlier map
is a test here, so that a later edit cannot bring it back.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import argmap.examples
import argmap.formats
from argmap.errors import ArgmapError
from argmap.formats.source_text import check_quotes, source_reader
from argmap.model import ArgumentMap, Claim, Evidence, Position
from argmap.model.lint import lint

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "examples" / "alliance.yaml"
POSITIONS = ["p-alliance", "p-beyond-alliance", "p-partnership"]

# The article's named lines: line id -> (its position-level argument, stance, answer, a speaker behind it).
NAMED_LINES = {
    "l-shared-threats": ("a-shared-threats", "pro", "p-alliance", "Ian Storey"),
    "l-power-disparity": ("a-power-disparity", "con", "p-alliance", "Alexander Gabuev"),
    "l-no-arms": ("a-no-arms", "pro", "p-partnership", "Vassily Kashin"),
    "l-exceed-alliance": ("a-own-account", "pro", "p-beyond-alliance", "Joint statement, 2021"),
}

# Evidence the map must quote: id -> (a phrase of the quote, a phrase of the speaker).
REQUIRED_EVIDENCE = {
    "ev-storey-threats": ("shared threat perceptions", "Ian Storey"),
    "ev-gabuev-supplanted": ("easily be supplanted", "Alexander Gabuev"),
    "ev-gabuev-technology": ("5G systems", "Alexander Gabuev"),
    "ev-kashin-no-arms": ("not arming Russia", "Vassily Kashin"),
    "ev-kashin-game-changer": ("game changer", "Vassily Kashin"),
    "ev-us-sanctions-warning": ("severe sanctions", "Luna Pham (author)"),
    "ev-no-material-support": ("almost no material support", "Luna Pham (author)"),
    "ev-statement-2021": ("such as those formed during the Cold War", "Joint statement, 2021"),
    "ev-highest-level": ("highest level in their history", "Joint statement, 2021"),
    "ev-official-label": (
        "comprehensive partnership and strategic interaction",
        "Ministry of Foreign Affairs",
    ),
    "ev-no-limits": ("“no limits”", "Luna Pham (author)"),
    "ev-no-forbidden-areas": ("“no forbidden areas”", "Luna Pham (author)"),
    "ev-putin-not-necessary": ("it is not necessary", "Vladimir Putin"),
    "ev-putin-technology": ("sharing of technologies", "Vladimir Putin"),
    "ev-trade": ("US$140.7 billion", "Luna Pham (author)"),
    "ev-oil": ("86.3 million tons", "Luna Pham (author)"),
    "ev-investment": ("79 joint projects", "Luna Pham (author)"),
    "ev-42-meetings": ("42 times", "Luna Pham (author)"),
    "ev-visits": ("22 times", "Luna Pham (author)"),
    "ev-icc-trip": ("International Criminal Court", "Luna Pham (author)"),
    "ev-rhetorical-support": ("abstained from a U.N. resolution", "Luna Pham (author)"),
    "ev-position-paper": ("neither condemns Russia’s aggression", "Luna Pham (author)"),
    "ev-fence-sitting": ("sitting on the fence", "Luna Pham (author)"),
    "ev-arms-gap": ("gap in the global arms market", "Luna Pham (author)"),
    "ev-defense-news-arms-market": ("Russia’s customers", "Defense News"),
    "ev-chong-junior": ("junior partner", "Ian Chong"),
    "ev-chong-liability": ("potential liability", "Ian Chong"),
    "ev-soviet-influence": ("influence the Soviets once had", "Luna Pham (author)"),
    "ev-treaty-2001": ("Treaty of Good-Neighborliness", "Luna Pham (author)"),
    "ev-watson": ("from bed to bed", "Thomas J. Watson"),
}

# Every paragraph of the article that carries a reason for or against an answer (the review's list
# and the rest of the article read paragraph by paragraph); scene-setting and the Chiang family
# story beyond the Soviet influence it shows (¶9–¶11, ¶13, ¶15–¶20) carry none.
ARGUMENT_PARAGRAPHS = {
    4, 5, 6, 12, 14, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 34, 35, 36, 37, 38, 39, 40,
    41, 42, 44, 45, 46, 47, 48, 49, 50, 51, 52, 54, 55, 56, 57, 59, 61,
}  # fmt: skip


@pytest.fixture(scope="module")
def alliance() -> ArgumentMap:
    """The flagship example, read from the repository's examples/ folder."""
    return argmap.formats.load(EXAMPLE)


def evidence_behind(argument_map: ArgumentMap, statement_id: str) -> set[str]:
    """Return the evidence ids that support ``statement_id``, directly or through supported claims."""
    found: set[str] = set()
    todo = [statement_id]
    while todo:
        current = todo.pop()
        for argument in argument_map.pro(current):
            for premise in argument.premises:
                if isinstance(argument_map.statement(premise), Evidence):
                    found.add(premise)
                else:
                    todo.append(premise)
    return found


# -- the packaged example -------------------------------------------------------------------------


def test_the_packaged_example_equals_the_file():
    """argmap.examples.load("alliance") is the map in examples/alliance.yaml."""
    assert argmap.examples.names() == ("alliance",)
    assert argmap.examples.load("alliance") == argmap.formats.load(EXAMPLE)


def test_the_packaged_example_is_a_symlink_loaded_from_examples():
    """The package ships a relative symlink, and loads through it from examples/ so ../seeds resolves."""
    link = REPO / "argmap" / "examples" / "alliance.yaml"
    assert link.is_symlink()
    assert str(link.readlink()) == "../../examples/alliance.yaml"
    assert argmap.examples.path("alliance").samefile(EXAMPLE)
    assert argmap.examples.path("alliance").parent.name == "examples"
    loaded = argmap.examples.load("alliance")
    assert loaded.origin is not None
    assert loaded.origin.file == str(argmap.examples.path("alliance"))
    assert check_quotes(loaded, root=REPO) == ()


def test_an_unknown_example_name_suggests_a_known_one():
    """A misspelt name raises an argmap error naming the close match, and no path outside is read."""
    with pytest.raises(ArgmapError, match=r"unknown example: 'aliance' \(did you mean 'alliance'\?\)"):
        argmap.examples.load("aliance")
    with pytest.raises(ArgmapError, match="unknown example"):
        argmap.examples.path("../examples/alliance")


# -- the whole map --------------------------------------------------------------------------------


def test_the_map_is_lint_clean(alliance):
    """`argmap lint` finds nothing, the opt-in speaker-words check against the article included."""
    assert lint(alliance, speaker_words=True, read=source_reader(alliance, root=REPO)) == ()


def test_the_question_has_three_competing_answers(alliance):
    """One question, answered by three alternatives: each argued for, none marked compatible."""
    assert alliance.title == "Alliance or not?"
    (question,) = alliance.questions
    assert question.id == "q-alliance"
    assert question.compatible is False
    assert [p.id for p in alliance.positions_of("q-alliance")] == POSITIONS
    for position in POSITIONS:
        assert alliance.pro(position), f"{position} has no support"
    assert alliance.con("p-alliance")
    assert alliance.con("p-beyond-alliance")


def test_the_map_covers_the_article_and_stays_a_seminar_diagram(alliance):
    """Every argument-bearing paragraph is quoted, and the map stays well under a hundred statements."""
    quoted = {int(str(e.locator).removeprefix("¶")) for e in alliance.evidence}
    assert quoted >= ARGUMENT_PARAGRAPHS, sorted(ARGUMENT_PARAGRAPHS - quoted)
    assert 40 <= len(alliance.statements) <= 75


def test_every_evidence_item_has_speaker_paragraph_and_weight(alliance):
    """Every evidence item quotes the article, names its speaker and a ¶N paragraph, and has a weight."""
    for evidence in alliance.evidence:
        assert evidence.source == "pham-2023"
        assert evidence.speaker, evidence.id
        assert evidence.locator is not None
        assert re.fullmatch(r"¶\d+", evidence.locator), evidence.id
        assert evidence.weight is not None, evidence.id
        assert evidence.id.startswith("ev-")
        assert alliance.pro(evidence.id) == ()  # evidence is never concluded, only quoted
        assert [a.id for a in alliance.arguments if evidence.id in a.premises], (
            f"{evidence.id} bears on nothing"
        )


def test_reported_speech_is_attributed_to_the_reporter(alliance):
    """A sentence in which the author reports someone names her as the speaker, "reporting" them."""
    for evidence_id, reported in [
        ("ev-kashin-no-arms", "Vassily Kashin"),
        ("ev-storey-threats", "Ian Storey"),
        ("ev-analysts-disparity", "unnamed analysts"),
        ("ev-no-limits", "Xi Jinping and Vladimir Putin"),
        ("ev-no-forbidden-areas", "Xi Jinping and Vladimir Putin"),
    ]:
        assert alliance.statement(evidence_id).speaker.startswith(f"Luna Pham (author), reporting {reported}")
    # Where only a few words are the other speaker's, the note says which.
    for evidence_id in ("ev-storey-threats", "ev-no-limits", "ev-no-forbidden-areas"):
        assert "only “" in (alliance.statement(evidence_id).note or "").lower(), evidence_id


@pytest.mark.parametrize("evidence_id", sorted(REQUIRED_EVIDENCE))
def test_the_articles_argument_bearing_passages_are_quoted(alliance, evidence_id):
    """Each passage the review lists is an evidence item, quoting the right words of the right speaker."""
    phrase, speaker = REQUIRED_EVIDENCE[evidence_id]
    evidence = alliance.statement(evidence_id)
    assert isinstance(evidence, Evidence)
    assert phrase in evidence.quote
    assert evidence.speaker is not None
    assert speaker in evidence.speaker


def test_every_reasoned_argument_has_a_title(alliance):
    """An argument with a claim among its premises has a title, shown on its junction."""
    for argument in alliance.arguments:
        if not all(isinstance(alliance.statement(p), Evidence) for p in argument.premises):
            assert argument.title, argument.id


def test_every_argument_belongs_to_exactly_one_line(alliance):
    """The lines partition the arguments, so switching a line off never touches another line."""
    for argument in alliance.arguments:
        assert len(alliance.lines_of(argument.id)) == 1, argument.id


def test_no_claim_counts_twice_for_one_conclusion(alliance):
    """No statement is a premise of two arguments with the same stance on the same conclusion."""
    uses: dict[tuple[str, str, str], str] = {}
    for argument in alliance.arguments:
        for premise in argument.premises:
            key = (premise, argument.stance, argument.conclusion)
            assert key not in uses, (uses.get(key), argument.id)
            uses[key] = argument.id


# -- the named lines ------------------------------------------------------------------------------


@pytest.mark.parametrize("line_id", sorted(NAMED_LINES))
def test_the_named_lines_reach_an_answer_on_the_sources_the_article_names(alliance, line_id):
    """Each named line holds its argument on an answer, every premise backed by the named source."""
    argument_id, stance, answer, speaker = NAMED_LINES[line_id]
    line = alliance.line(line_id)
    assert argument_id in line.arguments
    argument = alliance.argument(argument_id)
    assert (argument.stance, argument.conclusion) == (stance, answer)
    assert isinstance(alliance.statement(answer), Position)
    behind = set().union(*(evidence_behind(alliance, p) for p in argument.premises))
    for premise in argument.premises:
        assert evidence_behind(alliance, premise), f"{argument_id}: premise {premise} has no evidence"
    assert any(speaker in str(alliance.statement(e).speaker) for e in behind), (line_id, behind)
    # The line holds, for each premise, an argument that brings evidence or reasons to it.
    for premise in argument.premises:
        assert any(alliance.argument(a).conclusion == premise for a in line.arguments), premise


def test_power_disparity_is_separate_from_diverging_interests_and_not_undercut_by_a_confirmation(
    alliance,
):
    """The asymmetry and "neither would fight the other's war" are two arguments; no Chong undercut."""
    disparity = alliance.argument("a-power-disparity")
    assert disparity.premises == ("c-asymmetry", "c-disparity-bars-alliance")
    assert disparity.undercutters == ()
    assert alliance.argument("a-no-mutual-defence").premises == ("c-no-mutual-defence",)
    assert alliance.argument("a-no-mutual-defence").conclusion == "p-alliance"
    # Both of Chong's readings make Russia the weaker side ("whichever claim proves to be true").
    for reading in ("c-junior-partner", "c-weak-russia-liability"):
        (argument,) = [a for a in alliance.arguments if reading in a.premises]
        assert (argument.stance, argument.conclusion) == ("pro", "c-asymmetry")


def test_the_2021_sentence_is_kept_whole_and_read_as_a_claim_to_exceed_an_alliance(alliance):
    """One quote holds the whole sentence; Putin's "not necessary" backs the same claim."""
    sentence = alliance.statement("ev-statement-2021").quote
    assert sentence.startswith("While not being a military and political alliance, such as those formed")
    assert sentence.endswith("exceed this form of interstate interaction.")
    assert {"ev-statement-2021", "ev-putin-not-necessary"} <= evidence_behind(alliance, "c-own-account")
    own_account = alliance.argument("a-own-account")
    assert own_account.premises == ("c-own-account",)
    assert own_account.conclusion == "p-beyond-alliance"
    # The undercutter attacks the step from the self-description to the answer, with the conduct.
    assert own_account.undercutters == ("c-limits-shown",)
    assert evidence_behind(alliance, "c-limits-shown") == {"ev-limits-apparent"}


def test_the_no_arms_line_states_its_warrant_and_rests_on_evidence_about_arms(alliance):
    """Why arming Russia is the test is a premise; no arms-market quote stands in for the facts."""
    no_arms = alliance.argument("a-no-arms")
    assert no_arms.premises == ("c-no-arms", "c-arms-decisive")
    assert evidence_behind(alliance, "c-arms-decisive") == {"ev-kashin-game-changer"}
    behind = evidence_behind(alliance, "c-no-arms")
    assert {"ev-no-material-support", "ev-kashin-no-arms", "ev-us-sanctions-warning"} <= behind
    assert not {e for e in behind if "market" in e or "defense" in e}
    assert alliance.argument("a-why-no-arms").premises == ("c-beijing-calculates", "c-arms-costly")


def test_the_articles_conclusion_is_a_statement_with_its_baseline(alliance):
    """The article's "roles have now reversed" is a claim: the Soviet Union led then, China does now."""
    assert isinstance(alliance.statement("c-roles-reversed"), Claim)
    (reversal,) = alliance.pro("c-roles-reversed")
    assert reversal.premises == ("c-soviet-once-senior", "c-asymmetry")
    assert {"ev-soviet-influence", "ev-soviet-aid"} <= evidence_behind(alliance, "c-soviet-once-senior")
    (not_equals,) = alliance.con("p-beyond-alliance")
    assert not_equals.premises == ("c-roles-reversed",)


def test_the_1980_remark_counts_as_an_opinion(alliance):
    """Watson's "bed to bed" is a weak quote backing Kashin's claim, noted as an opinion, not a fact."""
    watson = alliance.statement("ev-watson")
    assert watson.weight is not None
    assert watson.weight <= 0.3  # the header's scale: a remark that only points the same way
    assert "opinion" in (watson.note or "")
    assert [a.conclusion for a in alliance.arguments if "ev-watson" in a.premises] == ["c-beijing-calculates"]


def test_claims_add_no_words_the_review_flagged(alliance):
    """No claim says what the article does not: "arm's length", "record", "not loyalty", "fickle"."""
    for claim in alliance.claims:
        for phrase in ("arm's length", "record", "loyalty", "fickle"):
            assert phrase not in claim.text, (claim.id, phrase)
