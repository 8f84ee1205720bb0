"""Tests for argmap.cli.render: the ``argmap render`` subcommand, called through cli.main."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from argmap.cli import main
from argmap.formats import dump


@pytest.fixture
def map_file(tmp_path, statuses_map):
    """A map with every status written as a YAML map file."""
    path = tmp_path / "four-day.yaml"
    dump(statuses_map, path)
    return path


@pytest.mark.requires_dot
def test_render_writes_svg_to_stdout(map_file, capsys, embedded):
    """With no -o, the SVG goes to stdout and parses as XML."""
    assert main(["render", str(map_file), "--engine", embedded]) == 0
    out = capsys.readouterr().out
    assert ET.fromstring(out.encode("utf-8")).tag  # noqa: S314  # our own output, checked == "{http://www.w3.org/2000/svg}svg"


@pytest.mark.requires_dot
def test_render_options_reach_the_picture(map_file, tmp_path, embedded):
    """--semantics, --off, --theme, --direction and --no-legend all shape the output."""
    out = tmp_path / "map.svg"
    args = ["render", str(map_file), "-o", str(out), "--semantics", "grounded", "--off", "ev-sleep"]
    args += ["--theme", "print", "--direction", "LR", "--no-legend", "--engine", embedded]
    assert main(args) == 0
    svg = out.read_text(encoding="utf-8")
    assert 'data-argmap-id="ev-sleep"' in svg
    assert "argmap-status-off" in svg
    assert "argmap-theme-print" in svg
    assert "argmap-direction-LR" in svg
    assert "supports" not in svg


def test_render_dot_needs_no_engine(map_file, tmp_path, monkeypatch):
    """-o x.dot writes DOT even when no Graphviz engine can be found."""
    monkeypatch.setenv("ARGMAP_DOT", str(tmp_path / "missing"))
    out = tmp_path / "map.dot"
    assert main(["render", str(map_file), "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8").startswith('digraph "argmap" {')


def test_render_bad_input_exits_1_without_output(map_file, tmp_path, capsys):
    """An unknown id in --off exits 1 with a one-line error, no traceback and no file."""
    out = tmp_path / "map.svg"
    assert main(["render", str(map_file), "-o", str(out), "--off", "ev-sleeep"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("argmap: error: --off: cannot switch off 'ev-sleeep': no such id in ")
    assert f"{map_file} (did you mean 'ev-sleep'?)" in err
    assert "Traceback" not in err
    assert not out.exists()


def test_render_missing_engine_exits_1_and_keeps_the_old_file(map_file, tmp_path, monkeypatch, capsys):
    """When no engine can run, the command fails cleanly and an existing output is kept."""
    monkeypatch.setenv("ARGMAP_DOT", str(tmp_path / "missing"))
    out = tmp_path / "map.svg"
    out.write_text("old", encoding="utf-8")
    assert main(["render", str(map_file), "-o", str(out)]) == 1
    assert "ARGMAP_DOT does not name an executable" in capsys.readouterr().err
    assert out.read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["four-day.yaml", "map.svg"]


def test_render_rejects_unknown_choices(map_file):
    """Unknown themes, directions and engines are usage errors (exit 2)."""
    for option, value in (("--theme", "neon"), ("--direction", "up"), ("--engine", "fast")):
        with pytest.raises(SystemExit) as stop:
            main(["render", str(map_file), option, value])
        assert stop.value.code == 2


@pytest.mark.usefixtures("embedded")
def test_short_semantics_option_and_timeout(map_file, tmp_path):
    """`render -s grounded --timeout 30` marks statuses, like --semantics does."""
    out = tmp_path / "map.dot"
    assert main(["render", str(map_file), "-s", "grounded", "--timeout", "30", "-o", str(out)]) == 0
    assert "argmap-status-in" in out.read_text(encoding="utf-8")


@pytest.mark.parametrize("value", ["0", "-1", "soon", "inf"])
def test_timeout_must_be_a_positive_number(map_file, value, capsys):
    """--timeout takes seconds above 0; anything else is a usage error."""
    with pytest.raises(SystemExit) as stop:
        main(["render", str(map_file), "--timeout", value])
    assert stop.value.code == 2
    assert "--timeout" in capsys.readouterr().err


def test_the_timeout_hint_names_the_option(map_file, tmp_path, monkeypatch, capsys):
    """A layout that takes too long is stopped, and the message names --timeout."""
    slow = tmp_path / "slow-dot"
    slow.write_text("#!/bin/sh\nexec sleep 10\n", encoding="utf-8")
    slow.chmod(0o755)
    monkeypatch.setenv("ARGMAP_DOT", str(slow))
    assert main(["render", str(map_file), "--timeout", "0.2", "-o", str(tmp_path / "m.svg")]) == 1
    err = capsys.readouterr().err
    assert "took longer than 0.2 s" in err
    assert "--timeout SECONDS" in err


def test_an_unknown_suffix_names_the_file(map_file, tmp_path, capsys):
    """-o map.jpg exits 1 with the file's name and the formats argmap writes."""
    out = tmp_path / "map.jpg"
    assert main(["render", str(map_file), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert f"{out}: unknown format: 'jpg'" in err
    assert not out.exists()


@pytest.mark.requires_dot
def test_a_huge_statement_renders_to_a_small_png_with_a_note(tmp_path, capsys, embedded):
    """A 100,000-character statement: a bounded PNG, and a note saying its text was cut."""
    path = tmp_path / "huge.yaml"
    path.write_text(
        "argmap: 1\ntitle: Huge\nstatements:\n  - id: c-huge\n    claim: " + "word " * 20_000 + "\n",
        encoding="utf-8",
    )
    out = tmp_path / "huge.png"
    assert main(["render", str(path), "-o", str(out), "--engine", embedded]) == 0
    assert out.stat().st_size < 2_000_000
    err = capsys.readouterr().err
    assert "argmap: note: the text of 'c-huge' is longer than 600 characters" in err


def test_detail_levels_reach_the_picture(map_file, tmp_path, capsys):
    """--detail outline leaves the evidence out of the DOT, full keeps it; an unknown level is refused."""
    pictures = {}
    for level in ("full", "compact", "outline"):
        out = tmp_path / f"{level}.dot"
        assert main(["render", str(map_file), "-o", str(out), "--detail", level]) == 0
        pictures[level] = out.read_text(encoding="utf-8")
    assert "ev-sleep" in pictures["full"]
    assert "ev-sleep" not in pictures["outline"]
    assert "c-rest" in pictures["outline"]
    assert len(set(pictures.values())) == 3
    with pytest.raises(SystemExit) as caught:
        main(["render", str(map_file), "--detail", "tiny"])
    assert caught.value.code == 2
    assert "invalid choice: 'tiny'" in capsys.readouterr().err
