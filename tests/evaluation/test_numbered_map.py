"""A map read from an ICCMA file stays numbered; evaluating it by numbers gives the full path's answers."""

from __future__ import annotations

import csv
import pickle
from pathlib import Path

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import argmap
from argmap.evaluation import Status, evaluate
from argmap.evaluation.grounded_map import evaluate_grounded
from argmap.evaluation.labelling import FrozenMap
from argmap.evaluation.numbered import NumberedExplainer
from argmap.formats import iccma
from argmap.model import Argument, ArgumentMap, Claim, Off
from argmap.model.numbered import NumberedMap

DATA = Path(__file__).resolve().parents[1] / "data" / "iccma"
CORPUS = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpora" / "iccma"
SLOW_ARGS = 5000
SLOW_ATTACKS = 20000  # dense: one open argument's explanation runs to megabytes
EXPLAINED = 3  # statements explained per corpus instance, from each end


def _corpus():
    manifest = CORPUS / "MANIFEST.tsv"
    if not manifest.is_file():
        return [pytest.param(None, id="corpus-absent")]
    with manifest.open(newline="") as stream:
        rows = list(csv.DictReader(stream, delimiter="\t"))
    return [
        pytest.param(
            row,
            id=row["path"].rsplit("/", 1)[-1],
            marks=[pytest.mark.corpus, *([pytest.mark.slow] if _slow(row) else [])],
        )
        for row in rows
    ]


def _slow(row: dict[str, str]) -> bool:
    return int(row["n_args"]) > SLOW_ARGS or int(row["n_atts"]) > SLOW_ATTACKS


def _eager(m: ArgumentMap) -> ArgumentMap:
    """Return the map built the ordinary way, every value through the model's validators."""
    return ArgumentMap(
        title=m.title,
        description=m.description,
        statements=tuple(Claim(id=s.id, text=s.label, assumed=True) for s in m.statements),
        arguments=tuple(
            Argument(id=a.id, conclusion=a.conclusion, premises=a.premises, stance="con") for a in m.arguments
        ),
    )


def _assert_fast_is_full(m: NumberedMap, *, explain_all: bool = True) -> None:
    assert m.numbered is not None
    fast = evaluate(m)
    assert isinstance(fast.explainer, NumberedExplainer)  # the numbered path was taken
    full = evaluate_grounded(m, Off())
    assert fast == full
    assert list(fast.statuses.items()) == list(full.statuses.items())
    assert list(fast.arguments.items()) == list(full.arguments.items())
    assert fast.verdicts == full.verdicts
    assert (fast.notes, fast.off, fast.strengths) == (full.notes, full.off, full.strengths)
    ids = list(full.statuses)
    if not explain_all and len(ids) > 2 * EXPLAINED:
        ids = ids[:EXPLAINED] + ids[-EXPLAINED:]
    for sid in ids:
        assert fast.explain(sid) == full.explain(sid)


@pytest.mark.parametrize("name", ["input0001", "nixon", "triciclo"])
def test_bundled_instances_evaluate_by_numbers_as_the_full_path_does(name):
    """On the bundled ASSAT instances the numbered path gives every status, state and explanation."""
    m = iccma.loads((DATA / f"{name}.dl").read_text(), file=f"{name}.dl", dialect="apx")
    assert isinstance(m, NumberedMap)
    _assert_fast_is_full(m)


@pytest.mark.parametrize("row", _corpus())
def test_corpus_instances_evaluate_by_numbers_as_the_full_path_does(row):
    """On every ICCMA corpus instance, read with argmap.load, fast and full paths agree."""
    if row is None:
        pytest.skip("../shared/corpora/iccma is not beside this clone")
    m = argmap.load(CORPUS / row["path"], format=row["format"])
    assert isinstance(m, NumberedMap)
    assert len(m.numbered[0]) == int(row["n_args"])
    _assert_fast_is_full(m, explain_all=False)


# Names as ICCMA writes them, plus ones holding the separator (the attacks are then numbered).
_NAMES = st.lists(
    st.sampled_from(["a", "b", "c", "d", "e", "x->y", "attack-1", "f", "g"]),
    min_size=1,
    max_size=9,
    unique=True,
)


@st.composite
def _frameworks(draw: st.DrawFn) -> tuple[list[str], list[tuple[str, str]]]:
    names = draw(_NAMES)
    # Self-attacks and repeated attacks included.
    attacks = draw(st.lists(st.tuples(st.sampled_from(names), st.sampled_from(names)), max_size=20))
    return names, attacks


def _apx(names: list[str], attacks: list[tuple[str, str]]) -> str:
    return "".join(f"arg({n}).\n" for n in names) + "".join(f"att({a},{b}).\n" for a, b in attacks)


@given(_frameworks())
def test_random_frameworks_evaluate_by_numbers_as_the_full_path_does(framework):
    """Self-attacks, repeated attacks and names holding `->`: the numbered path still agrees."""
    m = iccma.loads(_apx(*framework), dialect="apx")
    _assert_fast_is_full(m)


@given(_frameworks())
def test_a_numbered_map_equals_the_map_built_the_ordinary_way(framework):
    """Same statements (assumed claims), arguments, ids and description; equal, same hash, either side."""
    m = iccma.loads(_apx(*framework), dialect="apx")
    eager = _eager(iccma.loads(_apx(*framework), dialect="apx"))
    assert type(eager) is ArgumentMap
    assert m == eager
    assert eager == m
    assert not m != eager  # noqa: SIM202  # __ne__ is its own method
    assert hash(m) == hash(eager)
    assert repr(m).removeprefix("NumberedMap") == repr(eager).removeprefix("ArgumentMap")
    assert all(s.assumed for s in m.statements)


def test_parts_are_built_on_first_use_and_lookups_work_first():
    """Nothing is built by reading or evaluating; a lookup builds the parts on its own."""
    m = iccma.loads("p af 3\n# a\n# b\n# c\n1 2\n2 3\n1 2\n", dialect="i23")
    ev = evaluate(m)
    assert [s.value for s in ev.statuses.values()] == ["in", "out", "in"]
    assert m.description == "Abstract argumentation framework (i23): 3 arguments, 2 attacks."
    with pytest.raises(AttributeError):
        ArgumentMap.__dict__["statements"].__get__(m, ArgumentMap)  # still unbuilt
    assert m.con("b")[0].id == "a->b"
    assert m.statement("c") == Claim(id="c", text="c", assumed=True)
    assert "b->c" in m
    assert m.find_problems() == []
    assert dict(ev.arguments) == {"a->b": "applicable", "b->c": "inapplicable"}


def test_a_numbered_map_pickles_as_numbers_and_unpickles_equal():
    """Pickling keeps the numbers (nothing is built); the copy equals the original, built or not."""
    m = iccma.loads("arg(a). arg(b). arg(c). att(a,b). att(b,c). att(c,c).", dialect="apx")
    copy = pickle.loads(pickle.dumps(m))  # noqa: S301  # our own object, just made
    assert isinstance(copy, NumberedMap)
    assert copy.numbered == m.numbered
    assert copy == m
    built = pickle.loads(pickle.dumps(attrs.evolve(m)))  # noqa: S301  # our own object, just made
    assert built == m


def test_evolve_makes_a_map_with_the_change_and_the_ordinary_path():
    """attrs.evolve works; the result holds its parts, so evaluation takes the ordinary path."""
    m = iccma.loads("arg(a). arg(b). att(a,b).", dialect="apx")
    renamed = attrs.evolve(m, title="renamed")
    assert renamed.title == "renamed"
    assert renamed.statements == m.statements
    assert renamed.numbered is None
    ev = evaluate(renamed)
    assert ev.explainer is None or not isinstance(ev.explainer, NumberedExplainer)
    assert ev == evaluate(m)
    fewer = attrs.evolve(m, arguments=())
    assert evaluate(fewer).status("b") is Status.IN


def test_off_and_other_semantics_take_the_ordinary_path():
    """Switching something off, or another semantics, evaluates the built map."""
    m = iccma.loads("arg(a). arg(b). arg(c). att(a,b). att(b,c).", dialect="apx")
    ev = evaluate(m, off="a")
    assert [ev.status(s).value for s in "abc"] == ["off", "in", "out"]
    assert not isinstance(ev.explainer, NumberedExplainer)
    assert dict(evaluate(m, "preferred").statuses) == dict(evaluate(m).statuses)


def test_a_numbered_evaluation_pickles_and_explains_after_unpickling():
    """The lazy argument states and explainer pickle; the copy compares equal and explains alike."""
    m = iccma.loads("arg(a). arg(b). arg(c). att(a,b). att(b,c). att(c,a).", dialect="apx")
    ev = evaluate(m)
    ev.explain("a")  # the explainer has run once: its cached evaluation is dropped by pickling
    copy = pickle.loads(pickle.dumps(ev))  # noqa: S301  # our own object, just made
    assert copy == ev
    assert isinstance(copy.arguments, FrozenMap)
    assert copy.arguments == ev.arguments
    assert hash(copy.arguments) == hash(ev.arguments)
    assert copy.explain("b") == ev.explain("b")
    assert str(copy.explain("c")).startswith("c is open")


def test_tgf_labels_become_texts_and_the_paths_agree():
    """A tgf label is the claim's text (the id stays the name); fast and full paths agree."""
    m = iccma.loads("1 First\n2 Second\n3\n#\n1 2\n2 3\n3 3\n", dialect="tgf")
    assert [(s.id, s.label) for s in m.statements] == [("1", "First"), ("2", "Second"), ("3", "3")]
    _assert_fast_is_full(m)
