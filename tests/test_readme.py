"""The README's examples are whole and true: every YAML map in it loads, checks and evaluates."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

import argmap

REPO = Path(__file__).resolve().parents[1]
ARTICLE = REPO / "seeds" / "000_d9dd02f9c0532d33.txt"
BLOCKS = re.findall(r"```yaml\n(.*?)```", (REPO / "README.md").read_text(encoding="utf-8"), re.DOTALL)


def test_the_readme_has_a_yaml_map():
    """The extraction below found something to test."""
    assert BLOCKS


@pytest.mark.parametrize("text", BLOCKS, ids=lambda text: text.splitlines()[1][:40])
def test_a_yaml_map_pasted_from_the_readme_loads_checks_and_evaluates(text, tmp_path):
    """Pasted into a file beside a copy of the article, as the README says, the map is complete."""
    path = tmp_path / "map.yaml"
    path.write_text(text, encoding="utf-8")
    for source in re.findall(r"^\s+path: (\S+)", text, re.MULTILINE):
        (tmp_path / source).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(ARTICLE, tmp_path / source)
    argument_map = argmap.load(path)
    assert argmap.check(argument_map) == ()
    evaluation = argmap.evaluate(argument_map)
    assert set(evaluation.statuses) == {s.id for s in argument_map.statements}


def test_a_map_copied_away_from_its_source_text_says_which_source_it_cannot_read(tmp_path):
    """Without the text beside it, check names the source; the map still loads."""
    path = tmp_path / "map.yaml"
    path.write_text(BLOCKS[0], encoding="utf-8")
    findings = argmap.check(argmap.load(path))
    assert findings
    assert {finding.kind for finding in findings} == {"source-unreadable"}
    assert "pham" in findings[0].message
