"""Tests of the shipped examples (argmap.examples) and of what the flagship map must contain."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import argmap.examples
import argmap.formats
from argmap.errors import ArgmapError
from argmap.evaluation import evaluate
from argmap.model import ArgumentMap, Evidence, Position
from argmap.model.quotes import check_quotes

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "examples" / "alliance.yaml"

# The four lines the article turns on: argument id -> (stance, conclusion).
FOUR_LINES = {
    "a-shared-threats": ("pro", "p-alliance"),
    "a-power-disparity": ("con", "p-alliance"),
    "a-no-arms": ("con", "p-alliance"),
    "a-alliance-disclaimed": ("pro", "p-partnership"),
}

# Evidence the map must quote: id -> (a phrase of the quote, a phrase of the speaker).
REQUIRED_EVIDENCE = {
    "ev-storey-threats": ("shared threat perceptions", "Ian Storey"),
    "ev-gabuev-supplanted": ("easily be supplanted", "Alexander Gabuev"),
    "ev-kashin-no-arms": ("not arming Russia", "Vassily Kashin"),
    "ev-us-sanctions-warning": ("severe sanctions", "Luna Pham (author)"),
    "ev-no-material-support": ("almost no material support", "Luna Pham (author)"),
    "ev-statement-not-alliance": ("not being a military and political alliance", "Joint statement, 2021"),
    "ev-statement-exceeds": ("exceed this form of interstate interaction", "Joint statement, 2021"),
    "ev-no-limits": ("“no limits”", "Luna Pham (author)"),
    "ev-no-forbidden-areas": ("“no forbidden areas”", "Luna Pham (author)"),
    "ev-putin-not-necessary": ("it is not necessary", "Vladimir Putin"),
    "ev-putin-technology": ("sharing of technologies", "Vladimir Putin"),
    "ev-trade": ("US$140.7 billion", "Luna Pham (author)"),
    "ev-oil": ("86.3 million tons", "Luna Pham (author)"),
    "ev-42-meetings": ("42 times", "Luna Pham (author)"),
    "ev-icc-trip": ("International Criminal Court", "Luna Pham (author)"),
    "ev-rhetorical-support": ("abstained from a U.N. resolution", "Luna Pham (author)"),
    "ev-position-paper": ("neither condemns Russia’s aggression", "Luna Pham (author)"),
    "ev-defense-news-arms-market": ("Russia’s customers", "Defense News"),
    "ev-chong-junior": ("junior partner", "Ian Chong"),
    "ev-chong-liability": ("potential liability", "Ian Chong"),
    "ev-border-conflict": ("border conflict in 1969", "Luna Pham (author)"),
    "ev-treaty-2001": ("Treaty of Good-Neighborliness", "Luna Pham (author)"),
    "ev-watson": ("from bed to bed", "Thomas J. Watson"),
}

NO_ARMS_EVIDENCE = ("ev-kashin-no-arms", "ev-no-material-support")


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
    assert check_quotes(loaded) == ()


def test_an_unknown_example_name_suggests_a_known_one():
    """A misspelt name raises an argmap error naming the close match, and no path outside is read."""
    with pytest.raises(ArgmapError, match=r"unknown example: 'aliance' \(did you mean 'alliance'\?\)"):
        argmap.examples.load("aliance")
    with pytest.raises(ArgmapError, match="unknown example"):
        argmap.examples.path("../examples/alliance")


def test_the_question_has_two_rival_positions(alliance):
    """One question, "Alliance or not?", answered by a de facto alliance and a partnership with limits."""
    assert alliance.title == "Alliance or not?"
    assert [q.id for q in alliance.questions] == ["q-alliance"]
    assert [p.id for p in alliance.positions_of("q-alliance")] == ["p-alliance", "p-partnership"]
    for position in ("p-alliance", "p-partnership"):
        assert alliance.pro(position), f"{position} has no support"
        assert alliance.con(position), f"{position} has no rebuttal"


def test_the_map_stays_readable_in_a_diagram(alliance):
    """The map is a seminar-size diagram, not a transcript of the article."""
    assert 25 <= len(alliance.statements) <= 50


def test_at_least_twenty_evidence_items_each_with_speaker_and_paragraph(alliance):
    """Every evidence item quotes the article, names its speaker and a ¶N paragraph, and has a weight."""
    assert len(alliance.evidence) >= 20
    for evidence in alliance.evidence:
        assert evidence.source == "pham-2023"
        assert evidence.speaker, evidence.id
        assert evidence.locator is not None
        assert re.fullmatch(r"¶\d+", evidence.locator), evidence.id
        assert evidence.weight is not None, evidence.id
        assert evidence.id.startswith("ev-")
        assert alliance.pro(evidence.id) == ()  # evidence is never concluded, only quoted


def test_the_source_points_at_the_seed_article(alliance):
    """The one source is the article, with its local copy for quote checks and no unconfirmed URL."""
    (source,) = alliance.sources
    assert source.id == "pham-2023"
    assert source.author == "Luna Pham"
    assert source.publisher == "Eurasia Review"
    assert source.path == "../seeds/000_d9dd02f9c0532d33.txt"
    assert source.url is None


@pytest.mark.parametrize("evidence_id", sorted(REQUIRED_EVIDENCE))
def test_the_articles_argument_bearing_passages_are_quoted(alliance, evidence_id):
    """Each passage the issue lists is an evidence item, quoting the right words of the right speaker."""
    phrase, speaker = REQUIRED_EVIDENCE[evidence_id]
    evidence = alliance.statement(evidence_id)
    assert isinstance(evidence, Evidence)
    assert phrase in evidence.quote
    assert evidence.speaker is not None
    assert speaker in evidence.speaker
    assert alliance.pro(evidence_id) == ()
    used = [a for a in alliance.arguments if evidence_id in a.premises or evidence_id in a.undercutters]
    assert used, f"{evidence_id} bears on nothing"


@pytest.mark.parametrize("argument_id", sorted(FOUR_LINES))
def test_the_four_lines_are_arguments_with_premises_and_evidence(alliance, argument_id):
    """Each of the four lines is a named argument on a position, every premise backed by evidence."""
    argument = alliance.argument(argument_id)
    stance, conclusion = FOUR_LINES[argument_id]
    assert (argument.stance, argument.conclusion) == (stance, conclusion)
    assert isinstance(alliance.statement(conclusion), Position)
    assert argument.premises
    for premise in argument.premises:
        assert evidence_behind(alliance, premise), f"{argument_id}: premise {premise} has no evidence"


def test_each_line_rests_on_the_sources_the_article_names(alliance):
    """Storey backs the threats line, Gabuev the disparity line, Kashin and the sanctions the arms line."""

    def speakers(argument_id: str) -> set[str]:
        ids = set().union(*(evidence_behind(alliance, p) for p in alliance.argument(argument_id).premises))
        return {str(alliance.statement(i).speaker) for i in ids}

    assert any("Ian Storey" in s for s in speakers("a-shared-threats"))
    assert any("Alexander Gabuev" in s for s in speakers("a-power-disparity"))
    no_arms = set().union(*(evidence_behind(alliance, p) for p in alliance.argument("a-no-arms").premises))
    assert {"ev-kashin-no-arms", "ev-us-sanctions-warning", "ev-no-material-support"} <= no_arms
    assert alliance.argument("a-shared-threats").premises == ("c-shared-threats", "c-military-cooperation")
    assert alliance.argument("a-power-disparity").premises == ("c-asymmetry", "c-no-mutual-defence")
    assert alliance.argument("a-no-arms").premises == ("c-no-arms", "c-self-interest")


def test_the_exceed_alliance_language_cuts_both_ways(alliance):
    """The 2021 statement disclaims an alliance; its "exceed" half undercuts that; the limits undercut it."""
    disclaimed = alliance.argument("a-alliance-disclaimed")
    assert disclaimed.undercutters == ("c-exceeds",)
    assert evidence_behind(alliance, "c-alliance-disclaimed") >= {"ev-statement-not-alliance"}
    (exceeds,) = alliance.pro("c-exceeds")
    assert exceeds.id == "a-exceeds"
    assert exceeds.premises == ("ev-statement-exceeds",)
    assert exceeds.undercutters == ("c-limits-shown",)
    assert "ev-limits-apparent" in evidence_behind(alliance, "c-limits-shown")
    assert [a.id for a in alliance.undercut_by("c-limits-shown")] == [
        "a-exceeds",
        "a-no-limits",
        "a-no-limits-denies-limits",
    ]
    # Both halves come from the same sentence, ¶41.
    assert alliance.statement("ev-statement-not-alliance").locator == "¶41"
    assert alliance.statement("ev-statement-exceeds").locator == "¶41"
    assert alliance.argument("a-exceeds-alliance").premises == ("c-exceeds",)
    assert alliance.argument("a-exceeds-alliance").conclusion == "p-alliance"


def test_chongs_two_readings_bear_on_different_sides(alliance):
    """Chong's junior-partner reading undercuts the disparity line; the liability one backs p-partnership."""
    assert alliance.argument("a-power-disparity").undercutters == ("c-junior-partner",)
    assert evidence_behind(alliance, "c-junior-partner") == {"ev-chong-junior"}
    assert evidence_behind(alliance, "c-weak-russia-liability") == {"ev-chong-liability"}
    assert alliance.argument("a-liability").premises == ("c-weak-russia-liability",)
    assert alliance.argument("a-liability").conclusion == "p-partnership"


def statuses(
    argument_map: ArgumentMap, semantics: str = "grounded", off: tuple[str, ...] = ()
) -> dict[str, str]:
    """Return the status of every statement and the applicability of every argument, by id."""
    evaluation = evaluate(argument_map, semantics, off)
    labels = {statement_id: status.value for statement_id, status in evaluation.statuses.items()}
    return labels | dict(evaluation.arguments)


def test_with_all_evidence_the_partnership_stands_and_the_alliance_falls(alliance):
    """All evidence on: the no-arms line defeats p-alliance; p-partnership stands; "exceed" is undercut."""
    labels = statuses(alliance)
    assert labels["p-partnership"] == "in"
    assert labels["p-alliance"] == "out"
    assert labels["a-no-arms"] == "applicable"
    assert labels["a-shared-threats"] == "applicable"
    assert labels["c-exceeds"] == "out"
    assert labels["a-alliance-disclaimed"] == "applicable"
    assert labels["a-power-disparity"] == "inapplicable"


def test_switching_off_the_no_arms_evidence_lets_the_alliance_stand(alliance):
    """Without the no-arms quotes, a-no-arms no longer applies and p-alliance stands."""
    labels = statuses(alliance, off=NO_ARMS_EVIDENCE)
    assert labels["c-no-arms"] == "out"
    assert labels["a-no-arms"] == "inapplicable"
    assert labels["a-diplomatic-cover"] == "applicable"
    assert labels["p-alliance"] == "in"


def test_switching_off_the_limits_revives_the_exceed_undercut(alliance):
    """Without any evidence of limits, "exceed an alliance" stands and undercuts the disclaimer."""
    labels = statuses(alliance, off=(*NO_ARMS_EVIDENCE, "ev-limits-apparent"))
    assert labels["c-limits-shown"] == "out"
    assert labels["c-exceeds"] == "in"
    assert labels["a-alliance-disclaimed"] == "inapplicable"
    assert labels["p-partnership"] == "out"
    assert labels["p-alliance"] == "in"


def test_carneades_weighs_the_limits_above_the_shared_threats(alliance):
    """Under Carneades the positions compete: without the no-arms evidence the limits still win."""
    assert statuses(alliance, "carneades")["p-partnership"] == "in"
    assert statuses(alliance, "carneades", NO_ARMS_EVIDENCE)["p-partnership"] == "in"
    turned = statuses(alliance, "carneades", (*NO_ARMS_EVIDENCE, "ev-limits-apparent"))
    assert (turned["p-alliance"], turned["p-partnership"]) == ("in", "out")
