"""The ``evaluate``, ``explain`` and ``critical`` subcommands, run through ``argmap.cli.main``."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import argmap.cli
from argmap.evaluation import critical, evaluate
from argmap.formats import dump, load
from argmap.model import ArgumentMap


@pytest.fixture
def map_file(tmp_path: Path) -> Path:
    """A small map on disk: two positions, evidence on each side, a linked rebuttal."""
    m = ArgumentMap.build("Alliance or not?")
    m.question("q", "Is it an alliance?")
    yes, no = m.position("yes", "An alliance"), m.position("no", "A partnership")
    src = m.source("pham", "The article")
    threats = m.claim("c-threats", "They share threats", supports=yes)
    m.evidence("ev-storey", "shared threat perceptions", source=src, weight=0.7, supports=threats)
    no_arms = m.claim("c-no-arms", "No arms", supports=no)
    m.evidence("ev-kashin", "no arms", source=src, supports=no_arms)
    m.con(no_arms, yes, id="a-no-arms")
    path = tmp_path / "map.yaml"
    dump(m.finish(), path)
    return path


def test_evaluate_prints_a_table_and_the_verdict(map_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The default output lists every statement with its status, then the verdict sentence."""
    assert argmap.cli.main(["evaluate", str(map_file)]) == 0
    out = capsys.readouterr().out
    evaluation = evaluate(load(map_file))
    assert out.startswith("Alliance or not? — grounded\n\nid         kind      status")
    for key in ("q", "yes", "no", "ev-kashin"):
        status = evaluation.status(key)
        assert re.search(rf"^{key} +\w+ +{status.value} \({status.reading}\) ", out, re.MULTILINE)
    assert out.rstrip().endswith(evaluation.verdict.text)


def test_evaluate_json_has_exactly_the_documented_shape(
    map_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--json prints semantics, off, statements (status, strength) and the verdict, nothing else."""
    assert argmap.cli.main(["evaluate", str(map_file), "--off", "ev-kashin", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert list(data) == ["semantics", "off", "statements", "verdict"]
    assert data["semantics"] == "grounded"
    assert data["off"] == ["ev-kashin"]
    assert data["statements"]["ev-kashin"] == {"status": "off", "strength": None}
    assert data["statements"]["yes"] == {"status": "in", "strength": None}
    assert data["statements"]["no"] == {"status": "out", "strength": None}
    assert data["verdict"]["leader"] == "yes"


def test_evaluate_df_quad_json_has_strengths(map_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Under df-quad every statement has a strength."""
    assert argmap.cli.main(["evaluate", str(map_file), "--semantics", "df-quad", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["statements"]["ev-storey"]["strength"] == pytest.approx(0.7)
    assert all(isinstance(s["strength"], float) for s in data["statements"].values())


def test_unknown_off_id_exits_1_with_a_message(map_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """An unknown id in --off is an error, not ignored."""
    assert argmap.cli.main(["evaluate", str(map_file), "--off", "ev-kashn"]) == 1
    assert "did you mean 'ev-kashin'" in capsys.readouterr().err


def test_explain_prints_the_chain(map_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Explain prints the plain-English reasons, down to the evidence."""
    assert argmap.cli.main(["explain", str(map_file), "yes"]) == 0
    out = capsys.readouterr().out
    evaluation = evaluate(load(map_file))
    assert out.startswith(str(evaluation.explain("yes")))
    assert "a-no-arms" in out
    assert argmap.cli.main(["explain", str(map_file), "yes", "no", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [d["status"] for d in data] == [evaluation.status("yes").value, evaluation.status("no").value]


def test_critical_lists_decisive_evidence(map_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Critical ranks the evidence whose removal alone changes the verdict."""
    assert argmap.cli.main(["critical", str(map_file)]) == 0
    out = capsys.readouterr().out
    items = critical(load(map_file))
    assert items
    assert out.splitlines() == [f"{rank}. {item.text}" for rank, item in enumerate(items, 1)]
    assert argmap.cli.main(["critical", str(map_file), "--json", "--limit", "1"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [d["evidence"] for d in data] == [items[0].evidence_id]
