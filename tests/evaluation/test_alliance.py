"""The alliance example under every semantics: what its lines of argument decide, and how firmly.

These are the "done when" checks of the rebuilt example (issue 10): each of the four named lines
visibly moves a position's strength under df-quad; the no-arms line decides the grounded verdict;
at most one position stands with any single line off; and the verdict is no more confident than
the article, which hedges ("may", "seems", "almost").
"""

from __future__ import annotations

from pathlib import Path

import attrs
import pytest

from argmap.evaluation import Status, evaluate
from argmap.formats import load
from argmap.model import ArgumentMap, Position

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "alliance.yaml"
POSITIONS = ("p-alliance", "p-beyond-alliance", "p-partnership")
FOUR_LINES = ("l-shared-threats", "l-power-disparity", "l-no-arms", "l-exceed-alliance")

VISIBLE = 0.05
"""A strength change a reader sees: 5 pixels on a 100-pixel strength bar."""
NOT_CONVINCING = 0.5
"""The margin Carneades' "clear and convincing" standard asks for (carneades.ALPHA)."""
NEAR_CERTAIN = 0.8
"""A strength the article's "may", "seems" and "almost" do not reach."""


@pytest.fixture(scope="module")
def alliance() -> ArgumentMap:
    """The example map shipped in examples/."""
    return load(EXAMPLE)


def standing(argument_map: ArgumentMap, semantics: str, off: tuple[str, ...] = ()) -> list[str]:
    """Return the positions that stand."""
    evaluation = evaluate(argument_map, semantics, off=off)
    return [p for p in POSITIONS if evaluation.status(p) is Status.IN]


def test_with_everything_on_the_articles_reading_stands_alone(alliance: ArgumentMap) -> None:
    """Grounded: the partnership with limits stands, on the no-arms line; the rivals fall."""
    evaluation = evaluate(alliance)
    assert [evaluation.status(p) for p in POSITIONS] == [Status.OUT, Status.OUT, Status.IN]
    assert evaluation.verdict.leader == "p-partnership"
    assert evaluation.arguments["a-no-arms"] == "applicable"
    # The limits shown since the invasion undercut the shared threats and the parties' own account.
    for undercut in ("a-shared-threats", "a-own-account", "a-no-limits"):
        assert evaluation.arguments[undercut] == "inapplicable", undercut
    # No arms undercuts reading diplomatic cover as the conduct of an ally.
    assert evaluation.arguments["a-diplomatic-cover"] == "inapplicable"


def test_switching_off_the_no_arms_line_changes_the_grounded_verdict(alliance: ArgumentMap) -> None:
    """Without the no-arms line nothing stands: the partnership loses its case, the alliance is open."""
    before, after = evaluate(alliance), evaluate(alliance, off={"l-no-arms"})
    assert before.verdict.leader == "p-partnership"
    assert after.verdict.leader is None
    assert standing(alliance, "grounded", ("l-no-arms",)) == []
    assert after.status("c-no-arms") is Status.OUT
    assert after.arguments["a-no-arms"] == "inapplicable"
    # The shared threats (0.6) and "neither would fight the other's war" (0.6) defeat each other.
    assert after.status("p-alliance") is Status.UNDECIDED
    assert after.status("p-beyond-alliance") is Status.OUT


@pytest.mark.parametrize("line", [line for line in FOUR_LINES if line != "l-no-arms"])
def test_the_other_named_lines_do_not_decide_the_grounded_verdict(alliance: ArgumentMap, line: str) -> None:
    """Switching off any other named line leaves the partnership standing: no-arms outweighs them."""
    assert evaluate(alliance, off={line}).verdict.leader == "p-partnership"


@pytest.mark.parametrize("semantics", ["grounded", "preferred", "stable", "carneades"])
def test_at_most_one_position_stands_with_any_single_line_off(alliance: ArgumentMap, semantics: str) -> None:
    """The positions are alternatives: whatever line is off, at most one of them stands."""
    for off in [(), *((line.id,) for line in alliance.lines)]:
        assert len(standing(alliance, semantics, off)) <= 1, (semantics, off)


@pytest.mark.parametrize("line", FOUR_LINES)
def test_each_named_line_visibly_moves_a_strength_under_df_quad(alliance: ArgumentMap, line: str) -> None:
    """DF-QuAD: switching off each of the four named lines moves some position by a visible amount."""
    before = evaluate(alliance, "df-quad")
    after = evaluate(alliance, "df-quad", off={line})
    moves = {p: abs((after.strength(p) or 0.0) - (before.strength(p) or 0.0)) for p in POSITIONS}
    assert max(moves.values()) >= VISIBLE, moves


def test_df_quad_is_no_more_confident_than_the_article(alliance: ArgumentMap) -> None:
    """DF-QuAD: the article's reading leads, short of near certainty and not by a convincing margin."""
    evaluation = evaluate(alliance, "df-quad")
    strengths = sorted(((evaluation.strength(p) or 0.0), p) for p in POSITIONS)
    (runner_up, _), (best, leader) = strengths[-2], strengths[-1]
    assert leader == "p-partnership"
    assert best < NEAR_CERTAIN
    assert best - runner_up < NOT_CONVINCING


def with_standard(argument_map: ArgumentMap, standard: str) -> ArgumentMap:
    """Return the map with every position held to the proof standard ``standard``."""
    statements = tuple(
        attrs.evolve(s, standard=standard) if isinstance(s, Position) else s for s in argument_map.statements
    )
    return attrs.evolve(argument_map, statements=statements)


def test_carneades_verdict_is_a_preponderance_not_clear_and_convincing(alliance: ArgumentMap) -> None:
    """Carneades: the partnership wins on the preponderance of evidence, not under a stricter standard."""
    assert standing(alliance, "carneades") == ["p-partnership"]
    assert standing(with_standard(alliance, "cce"), "carneades") == []
    assert standing(with_standard(alliance, "brd"), "carneades") == []


def test_carneades_needs_the_no_arms_line_too(alliance: ArgumentMap) -> None:
    """Carneades: without the no-arms line, no answer outweighs its rivals and its rebuttals."""
    assert standing(alliance, "carneades", ("l-no-arms",)) == []
