"""The alliance example map: what switching off the no-arms evidence does, under each semantics."""

from __future__ import annotations

from pathlib import Path

import pytest

from argmap.evaluation import Status, critical, evaluate
from argmap.formats import load
from argmap.model import ArgumentMap

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "alliance.yaml"
NO_ARMS = {"ev-kashin-no-arms", "ev-no-material-support"}


@pytest.fixture(scope="module")
def alliance() -> ArgumentMap:
    """The example map shipped in examples/."""
    return load(EXAMPLE)


def test_with_all_evidence_the_partnership_reading_stands(alliance: ArgumentMap) -> None:
    """With every piece of evidence on, p-partnership stands and p-alliance falls to a-no-arms."""
    ev = evaluate(alliance)
    assert ev.status("p-partnership") is Status.IN
    assert ev.status("p-alliance") is Status.OUT
    assert ev.status("c-exceeds") is Status.OUT
    assert ev.arguments["a-no-arms"] == "applicable"
    assert ev.verdict.leader == "p-partnership"
    assert ev.explain("p-alliance").summary == "p-alliance falls: it is rebutted by a-no-arms, which applies."


def test_switching_off_the_no_arms_evidence_reinstates_the_alliance(alliance: ArgumentMap) -> None:
    """Without the no-arms evidence, a-no-arms falls and both positions stand: none leads.

    c-no-arms loses its support and a-diplomatic-cover, no longer undercut, applies again.
    """
    before, after = evaluate(alliance), evaluate(alliance, off=NO_ARMS)
    changed = {s for s in before.statuses if before.statuses[s] is not after.statuses[s]}
    assert changed == {"p-alliance", "c-no-arms", *NO_ARMS}
    assert after.status("c-no-arms") is Status.OUT
    assert after.status("p-alliance") is Status.IN
    assert after.status("p-partnership") is Status.IN
    assert after.arguments["a-no-arms"] == "inapplicable"
    assert after.arguments["a-diplomatic-cover"] == "applicable"
    assert after.verdict.leader is None


def test_one_no_arms_item_is_critical_once_the_other_is_off(alliance: ArgumentMap) -> None:
    """No single item decides the grounded verdict; with one no-arms item off, the other does."""
    assert critical(alliance) == ()
    items = critical(alliance, off={"ev-no-material-support"})
    assert [(i.evidence_id, i.changes, i.leader_after) for i in items] == [
        ("ev-kashin-no-arms", ("p-alliance",), None)
    ]


def test_df_quad_moves_the_balance_visibly(alliance: ArgumentMap) -> None:
    """Under df-quad p-partnership leads throughout; p-alliance gains clearly without the no-arms evidence."""
    before = evaluate(alliance, "df-quad")
    after = evaluate(alliance, "df-quad", off=NO_ARMS)
    assert before.verdict.leader == after.verdict.leader == "p-partnership"
    gain = (after.strength("p-alliance") or 0.0) - (before.strength("p-alliance") or 0.0)
    assert gain > 0.1


def test_preferred_and_stable_agree_with_grounded_here(alliance: ArgumentMap) -> None:
    """The map has no contested cycle, so preferred and stable give the grounded statuses."""
    grounded = evaluate(alliance, off=NO_ARMS).statuses
    assert dict(evaluate(alliance, "preferred", off=NO_ARMS).statuses) == dict(grounded)
    assert dict(evaluate(alliance, "stable", off=NO_ARMS).statuses) == dict(grounded)
