"""DF-QuAD strengths: the formulas by hand, cycles, and the principles over generated maps."""

from __future__ import annotations

import pytest
from evaluation_strategies import evaluation_maps
from hypothesis import given
from hypothesis import strategies as st

from argmap.evaluation import Status, critical, evaluate
from argmap.evaluation.dfquad import MAX_ITERATIONS
from argmap.model import ArgumentMap


def _claim_with(weights_for: list[float | None], weights_against: list[float | None]) -> ArgumentMap:
    m = ArgumentMap.build("t")
    c = m.claim("c", "C")
    src = m.source("s", "S")
    for k, w in enumerate(weights_for):
        m.evidence(f"for{k}", "q", source=src, weight=w, supports=c)
    for k, w in enumerate(weights_against):
        m.evidence(f"against{k}", "q", source=src, weight=w, opposes=c)
    return m.finish()


def test_notes_worked_example() -> None:
    """Support 0.8 against attack 0.4 on a 0.5 claim gives 0.70 (notes §5).

    Without the supporter it is 0.30, without the attacker 0.90.
    """
    argument_map = _claim_with([0.8], [0.4])
    assert evaluate(argument_map, "df-quad").strength("c") == pytest.approx(0.70)
    assert evaluate(argument_map, "df-quad", off={"for0"}).strength("c") == pytest.approx(0.30)
    assert evaluate(argument_map, "df-quad", off={"against0"}).strength("c") == pytest.approx(0.90)


def test_default_evidence_does_not_saturate() -> None:
    """Unweighted evidence lifts an unset claim to 0.8 with one item and 0.92 with two."""
    assert evaluate(_claim_with([None], []), "df-quad").strength("c") == pytest.approx(0.8)
    two = _claim_with([None, None], [])
    assert evaluate(two, "df-quad").strength("c") == pytest.approx(0.92)
    assert evaluate(two, "df-quad", off={"for1"}).strength("c") == pytest.approx(0.8)


def test_linked_premises_pass_the_weakest_and_undercuts_scale() -> None:
    """A linked argument carries weight x weakest premise x (1 - undercutter) for each undercutter."""
    m = ArgumentMap.build("t")
    src = m.source("s", "S")
    m.evidence("p1", "q", source=src, weight=0.9)
    m.evidence("p2", "q", source=src, weight=0.4)
    m.evidence("u", "q", source=src, weight=0.5)
    m.claim("c", "C", base_score=0.2)
    m.pro(["p1", "p2"], "c", id="a", weight=0.5)
    m.undercut("u", "a")
    ev = evaluate(m.finish(), "df-quad")
    carried = 0.5 * 0.4 * (1 - 0.5)
    assert ev.strength("c") == pytest.approx(0.2 + 0.8 * carried)
    assert ev.arguments["a"] == "applicable"


def test_off_statement_has_strength_zero_and_status_off() -> None:
    """A switched-off statement has strength 0 and status off; statuses read strengths around 0.5."""
    ev = evaluate(_claim_with([0.8], [0.4]), "df-quad", off={"against0"})
    assert ev.strength("against0") == 0.0
    assert ev.status("against0") is Status.OFF
    assert ev.status("c") is Status.IN
    assert evaluate(_claim_with([0.8], [0.4]), "df-quad", off={"for0"}).status("c") is Status.OUT
    assert evaluate(_claim_with([], []), "df-quad").status("c") is Status.UNDECIDED


def test_grounded_has_no_strengths() -> None:
    """Qualitative semantics report no strength."""
    ev = evaluate(_claim_with([0.8], []))
    assert ev.strength("c") is None
    assert not ev.strengths


def test_cycle_converges_to_a_fixpoint() -> None:
    """A support cycle is iterated to a fixpoint that satisfies the DF-QuAD equations."""
    m = ArgumentMap.build("t")
    m.claim("a", "A", base_score=0.3, supports="b")
    m.claim("b", "B", base_score=0.6, supports="a")
    ev = evaluate(m.finish(), "df-quad")
    a, b = ev.strength("a"), ev.strength("b")
    assert ev.converged
    assert a == pytest.approx(0.3 + 0.7 * b, abs=1e-7)
    assert b == pytest.approx(0.6 + 0.4 * a, abs=1e-7)


def test_non_convergence_is_reported() -> None:
    """An attack cycle that oscillates is reported as not converged, with a note."""
    m = ArgumentMap.build("t")
    m.claim("a", "A", base_score=1.0, opposes="b")
    m.claim("b", "B", base_score=1.0, opposes="a")
    ev = evaluate(m.finish(), "df-quad")
    assert not ev.converged
    assert str(MAX_ITERATIONS) in ev.notes[0]
    assert all(0.0 <= v <= 1.0 for v in ev.strengths.values())


def test_explanation_shows_what_moved_the_strength() -> None:
    """The explanation gives the strength, the base score and each argument's contribution."""
    text = str(evaluate(_claim_with([0.8], [0.4]), "df-quad").explain("c"))
    assert text.startswith("c has strength 0.70 (base score 0.50).")
    assert "Argument for0.pro.c for it carries 0.80" in text
    assert "Argument against0.con.c against it carries 0.40" in text


def test_verdict_and_critical_under_df_quad() -> None:
    """The strongest position leads; critical ranks evidence by how far it moves a position."""
    m = ArgumentMap.build("t")
    m.question("q", "Q?")
    yes, no = m.position("yes", "Yes"), m.position("no", "No")
    src = m.source("s", "S")
    m.evidence("big", "q", source=src, weight=0.9, supports=yes)
    m.evidence("small", "q", source=src, weight=0.2, supports=no)
    argument_map = m.finish()
    verdict = evaluate(argument_map, "df-quad").verdict
    assert verdict.leader == "yes"
    assert [p.strength for p in verdict.positions] == pytest.approx([0.95, 0.6])
    items = critical(argument_map, "df-quad")
    assert [i.evidence_id for i in items] == ["big", "small"]
    assert items[0].leader_after == "no"
    assert items[0].delta == pytest.approx(-0.45)


@given(data=st.data())
def test_strengths_stay_in_the_unit_interval(data: st.DataObject) -> None:
    """Every strength lies in [0, 1], cycles included."""
    argument_map = data.draw(evaluation_maps())
    off = data.draw(st.frozensets(st.sampled_from([s.id for s in argument_map.statements]), max_size=3))
    ev = evaluate(argument_map, "df-quad", off=off)
    assert set(ev.strengths) == {s.id for s in argument_map.statements}
    assert all(0.0 <= v <= 1.0 for v in ev.strengths.values())


@given(data=st.data())
def test_removing_a_supporter_never_raises_a_strength(data: st.DataObject) -> None:
    """On acyclic maps, switching off a statement whose only argument supports c never raises c."""
    argument_map = data.draw(evaluation_maps(acyclic=True))
    candidates = []
    for s in argument_map.statements:
        uses = [a for a in argument_map.arguments if s.id in a.premises or s.id in a.undercutters]
        if len(uses) == 1 and uses[0].is_pro and s.id in uses[0].premises:
            candidates.append((s.id, uses[0].conclusion))
    if not candidates:
        return
    supporter, conclusion = data.draw(st.sampled_from(candidates))
    before = evaluate(argument_map, "df-quad").strength(conclusion)
    after = evaluate(argument_map, "df-quad", off={supporter}).strength(conclusion)
    assert before is not None
    assert after is not None
    assert after <= before + 1e-12
