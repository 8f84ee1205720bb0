"""argmap's Dung semantics against the ICCMA reference solutions, through maps read from ICCMA files."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pytest

from argmap.evaluation import NamedFramework, Status, evaluate, extensions
from argmap.formats import iccma

DATA = Path(__file__).resolve().parents[1] / "data" / "iccma"
CORPUS = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpora" / "iccma"

# Every reference solution is checked; big instances and those with many extensions to
# enumerate are marked slow.
SLOW_ARGS = 5000
MANY_EXTENSIONS = 100


def _manifest() -> list[dict[str, str]]:
    manifest = CORPUS / "MANIFEST.tsv"
    if not manifest.is_file():
        return []
    with manifest.open(newline="") as stream:
        return list(csv.DictReader(stream, delimiter="\t"))


def _load(path: Path, dialect: str):
    return iccma.loads(path.read_text(), file=str(path), dialect=dialect)


def _renamer(argument_map, dialect: str):
    """Map the solutions' argument names (i23: the numbers 1..N) to the map's statement ids."""
    if dialect != "i23":
        return lambda name: name
    ids = [s.id for s in argument_map.statements]
    return lambda name: ids[int(name) - 1]


def _framework(argument_map) -> NamedFramework:
    return NamedFramework(
        arguments=[s.id for s in argument_map.statements],
        attacks=[(a.premises[0], a.conclusion) for a in argument_map.arguments],
    )


def _summary(argument_map, extension_list):
    """Return what evaluate() reports for preferred/stable: IN in every labelling, OUT in every one."""
    total = len(extension_list)
    attackers = {s.id: set() for s in argument_map.statements}
    for a in argument_map.arguments:
        attackers[a.conclusion].add(a.premises[0])
    statuses = {}
    for s in argument_map.statements:
        ins = sum(s.id in e for e in extension_list)
        outs = sum(bool(attackers[s.id] & e) for e in extension_list)
        if total and ins == total:
            statuses[s.id] = Status.IN
        elif total and outs == total:
            statuses[s.id] = Status.OUT
        else:
            statuses[s.id] = Status.UNDECIDED
    return statuses


def _params(*, enumerating: bool = False):
    rows = _manifest()
    if not rows:
        return [pytest.param(None, id="corpus-absent")]
    params = []
    for row in rows:
        marks = [pytest.mark.corpus]
        many = enumerating and max(int(row["n_PR"] or 0), int(row["n_ST"] or 0)) > MANY_EXTENSIONS
        if int(row["n_args"]) > SLOW_ARGS or many:
            marks.append(pytest.mark.slow)
        params.append(pytest.param(row, id=row["path"].rsplit("/", 1)[-1], marks=marks))
    return params


@pytest.mark.parametrize("row", _params())
def test_grounded_matches_the_reference(row):
    """Statements IN under grounded semantics are exactly the reference grounded extension."""
    if row is None:
        pytest.skip("../shared/corpora/iccma is not beside this clone")
    path = CORPUS / row["path"]
    solution = json.loads(
        (CORPUS / "solutions" / "computed" / (row["path"].removeprefix("instances/") + ".json")).read_text()
    )
    argument_map = _load(path, row["format"])
    rename = _renamer(argument_map, row["format"])
    ev = evaluate(argument_map, "grounded")
    accepted = {sid for sid, status in ev.statuses.items() if status is Status.IN}
    assert accepted == {rename(name) for name in solution["GR"]}
    assert all(status in (Status.IN, Status.OUT, Status.UNDECIDED) for status in ev.statuses.values())


@pytest.mark.parametrize("semantics", ["preferred", "stable"])
@pytest.mark.parametrize("row", _params(enumerating=True))
def test_preferred_and_stable_match_the_reference(row, semantics):
    """Preferred and stable extensions equal the reference lists; evaluate() summarises them alike."""
    if row is None:
        pytest.skip("../shared/corpora/iccma is not beside this clone")
    key = "PR" if semantics == "preferred" else "ST"
    solution = json.loads(
        (CORPUS / "solutions" / "computed" / (row["path"].removeprefix("instances/") + ".json")).read_text()
    )
    if solution.get(key) is None:
        pytest.skip(f"no reference {key} for this instance: {solution.get(key + '_note', 'not computed')}")
    argument_map = _load(CORPUS / row["path"], row["format"])
    rename = _renamer(argument_map, row["format"])
    expected = sorted((frozenset(rename(n) for n in ext) for ext in solution[key]), key=sorted)
    found = sorted(extensions(_framework(argument_map), semantics), key=sorted)
    assert found == expected
    ev = evaluate(argument_map, semantics)
    assert dict(ev.statuses) == _summary(argument_map, expected)


_EXTENSION = re.compile(r"in\(([^)]+)\)")


def _upstream(path: Path) -> list[frozenset[str]]:
    return [frozenset(_EXTENSION.findall(line)) for line in path.read_text().splitlines() if line.strip()]


@pytest.mark.parametrize("name", ["input0001", "nixon", "triciclo"])
def test_bundled_assat_instances_match_their_upstream_solutions(name):
    """The bundled ASSAT instances (MIT) agree with the grounded, preferred and stable solutions they ship."""
    argument_map = iccma.loads((DATA / f"{name}.dl").read_text(), file=f"{name}.dl", dialect="apx")
    (grounded,) = _upstream(DATA / f"{name}.dl.grounded") or [frozenset()]
    ev = evaluate(argument_map, "grounded")
    assert {sid for sid, s in ev.statuses.items() if s is Status.IN} == grounded
    for semantics in ("preferred", "stable"):
        expected = sorted(_upstream(DATA / f"{name}.dl.{semantics}"), key=sorted)
        assert sorted(extensions(_framework(argument_map), semantics), key=sorted) == expected
        assert dict(evaluate(argument_map, semantics).statuses) == _summary(argument_map, expected)


def test_switching_an_argument_off_is_deleting_it():
    """Switching an abstract argument off gives the labels of the framework without it."""
    text = "arg(a). arg(b). arg(c). att(a,b). att(b,c)."
    argument_map = iccma.loads(text, dialect="apx")
    assert evaluate(argument_map, "grounded").status("c") is Status.IN
    ev = evaluate(argument_map, "grounded", off={"a"})
    assert [ev.status(s).value for s in "abc"] == ["off", "in", "out"]
