"""Tests of argmap.cli: exit codes, messages and written files, calling main() directly."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

import argmap
from argmap.cli import main

GOOD = """\
argmap: 1
title: Tea or coffee?
sources:
  - id: s
    title: Notes
    path: notes.txt
statements:
  - id: q
    question: Which should we drink?
  - id: tea
    position: Tea
    answers: q
  - id: ev
    quote: Tea “calms” – mostly.
    source: s
    locator: ¶2
    supports: tea
"""


@pytest.fixture
def good_map(tmp_path):
    """Write a small valid map and its source text; return the map's path."""
    (tmp_path / "notes.txt").write_text("Notes on drinks\n\nTea   “calms” –\tmostly.\n", encoding="utf-8")
    path = tmp_path / "map.yaml"
    path.write_text(GOOD, encoding="utf-8")
    return path


def test_check_clean_map_exits_zero(good_map, capsys):
    """A valid map whose quotes all occur in the source exits 0 and says what was verified."""
    assert main(["check", str(good_map)]) == 0
    assert "1 quotes verified" in capsys.readouterr().out


def test_check_changed_quote_exits_one_naming_id_file_and_line(good_map, capsys):
    """One changed character in a quote exits 1 and names the evidence id, the file and its line."""
    good_map.write_text(GOOD.replace("Tea “calms”", "Tea “calmz”"), encoding="utf-8")
    assert main(["check", str(good_map)]) == 1
    err = capsys.readouterr().err
    assert f"{good_map}:14:" in err
    assert "'ev'" in err
    assert "Traceback" not in err


def test_check_invalid_map_lists_every_problem(tmp_path, capsys):
    """A map with reference errors exits 1 and lists each with its place; no traceback."""
    path = tmp_path / "bad.yaml"
    path.write_text("argmap: 1\ntitle: t\narguments:\n  - pro: x\n    premise: y\n", encoding="utf-8")
    assert main(["check", str(path)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("argmap: error: ")
    assert f"{path}:4:" in err
    assert "Traceback" not in err


def test_usage_error_exits_two(capsys):
    """A missing argument is a usage error: exit 2."""
    with pytest.raises(SystemExit) as caught:
        main(["check"])
    assert caught.value.code == 2
    capsys.readouterr()


def test_convert_writes_json_that_loads_back(good_map, tmp_path):
    """Convert -o map.json writes the same map in JSON."""
    out = tmp_path / "map.json"
    assert main(["convert", str(good_map), "-o", str(out)]) == 0
    assert argmap.load(out) == argmap.load(good_map)


def test_failed_convert_leaves_no_file_and_keeps_an_existing_one(tmp_path, capsys):
    """Bad input writes nothing: no new file, and an existing output is left as it was."""
    bad = tmp_path / "bad.yaml"
    bad.write_text("argmap: 1\ntitle: [\n", encoding="utf-8")
    out = tmp_path / "out.json"
    assert main(["convert", str(bad), "-o", str(out)]) == 1
    assert not out.exists()
    out.write_text("precious", encoding="utf-8")
    assert main(["convert", str(bad), "-o", str(out)]) == 1
    assert out.read_text(encoding="utf-8") == "precious"
    assert list(tmp_path.glob(".out.json.*")) == []
    capsys.readouterr()


def test_python_dash_m_and_console_script_run():
    """`python -m argmap` works; so does the installed `argmap` script."""
    result = subprocess.run(
        [sys.executable, "-m", "argmap", "--version"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0
    assert result.stdout.startswith("argmap ")
    script = shutil.which("argmap") or str(__import__("pathlib").Path(sys.executable).with_name("argmap"))
    result = subprocess.run([script, "--help"], capture_output=True, text=True, check=False)
    assert result.returncode == 0
    assert "check" in result.stdout


def test_convert_into_a_missing_folder_is_an_error_not_a_traceback(good_map, tmp_path, capsys):
    """Writing into a folder that does not exist exits 1 with a message naming the path."""
    out = tmp_path / "no-such-folder" / "map.json"
    assert main(["convert", str(good_map), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert "no-such-folder" in err
    assert "cannot write here" in err
