"""Tests of argmap.cli: exit codes, messages and written files, calling main() directly."""

from __future__ import annotations

import json
import os
import pathlib
import shutil
import subprocess
import sys

import pytest

import argmap
import argmap.cli
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


def _modules_after(argv: list[str], tmp_path) -> set[str]:
    """Run the command line in a fresh interpreter and return the argmap modules it imported."""
    code = (
        "import sys, argmap.cli\n"
        "try:\n"
        f"    argmap.cli.main({argv!r})\n"
        "except SystemExit:\n"
        "    pass\n"
        "print(' '.join(sorted(m for m in sys.modules if m.startswith('argmap'))), file=sys.stderr)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, cwd=tmp_path
    )
    return set(done.stderr.split())


def test_help_imports_no_command(tmp_path):
    """`argmap --help` builds its parser without importing any command, evaluation or rendering."""
    modules = _modules_after(["--help"], tmp_path)
    assert "argmap.cli" in modules
    assert not any(m.startswith(("argmap.evaluation", "argmap.rendering", "argmap.cli.")) for m in modules)


def test_render_imports_rendering_but_not_evaluation(good_map, tmp_path):
    """`argmap render MAP -o x.dot` loads only what drawing needs: no evaluation, no other command."""
    modules = _modules_after(["render", str(good_map), "-o", str(tmp_path / "x.dot")], tmp_path)
    assert (tmp_path / "x.dot").is_file()
    assert "argmap.rendering.dot" in modules
    assert "argmap.cli.render" in modules
    assert not any(m.startswith("argmap.evaluation") for m in modules)
    assert {"argmap.cli.evaluate", "argmap.cli.check", "argmap.cli.lint"}.isdisjoint(modules)


def test_every_command_is_listed_with_the_help_its_module_gives():
    """The help lines argmap --help shows without importing a command are the commands' own."""
    parser = argmap.cli.build_parser()
    (subparsers,) = [a for a in parser._actions if a.dest == "command"]
    helps = {action.dest: action.help for action in subparsers._choices_actions}
    assert helps == {name: summary for name, (_, summary) in argmap.cli.COMMANDS.items()}
    assert "lint" in helps


def test_a_mistyped_command_is_a_usage_error(capsys):
    """An unknown command exits 2 and lists the commands."""
    with pytest.raises(SystemExit) as caught:
        main(["rendr", "x.yaml"])
    assert caught.value.code == 2
    assert "invalid choice: 'rendr'" in capsys.readouterr().err


def test_convert_refuses_to_overwrite_its_input(good_map, tmp_path, capsys):
    """`convert m.yaml -o m.yaml` (or through a link) exits 1 and leaves the map as it was."""
    before = good_map.read_bytes()
    assert main(["convert", str(good_map), "-o", str(good_map)]) == 1
    assert "refusing to overwrite it" in capsys.readouterr().err
    same = tmp_path / "sub" / ".." / good_map.name
    (tmp_path / "sub").mkdir()
    assert main(["convert", str(good_map), "-o", str(same), "--to", "json"]) == 1
    assert good_map.read_bytes() == before
    capsys.readouterr()


@pytest.mark.parametrize("kind", ["folder", "symlink", "device"])
def test_output_that_is_not_a_regular_file_is_refused(good_map, tmp_path, capsys, kind):
    """-o naming a folder, a symlink or a device node is an error; it is never replaced by a file."""
    if kind == "folder":
        target = tmp_path / "out.json"
        target.mkdir()
    elif kind == "symlink":
        (tmp_path / "real.json").write_text("keep", encoding="utf-8")
        target = tmp_path / "out.json"
        target.symlink_to(tmp_path / "real.json")
    else:
        target = pathlib.Path(os.devnull)
    assert main(["convert", str(good_map), "-o", str(target), "--to", "json"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "Traceback" not in err
    assert {"folder": "is a folder", "symlink": "symbolic link", "device": "not a regular file"}[kind] in err
    if kind == "symlink":
        assert target.is_symlink()
        assert (tmp_path / "real.json").read_text(encoding="utf-8") == "keep"
    elif kind == "device":
        assert pathlib.Path(os.devnull).is_char_device()


@pytest.mark.skipif(not pathlib.Path("/dev/full").exists(), reason="no /dev/full on this system")
def test_stdout_on_a_full_disk_is_one_line_and_exit_1(good_map):
    """Output to /dev/full fails with a one-line error and exit 1, no traceback."""
    with pathlib.Path("/dev/full").open("w") as full:
        done = subprocess.run(
            [sys.executable, "-m", "argmap", "convert", str(good_map)],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            check=False,
        )
    assert done.returncode == 1
    assert done.stderr.startswith("argmap: error: cannot write the output: No space left on device")
    assert done.stderr.count("\n") == 1


HOSTILE_MAP = """\
argmap: 1
title: "Tea \\e]0;pwned\\a or \\e[2J coffee?"
sources:
  - id: s
    title: "Notes \\e[31m"
    path: notes.txt
statements:
  - id: q
    question: "Which \\u202eevil\\u202c should we drink?"
  - id: "tea\\e[1m"
    position: "Tea \\e[2J\\e[H"
    answers: q
  - id: ev
    quote: "Tea \\e]8;;http://x\\e\\\\calms"
    source: s
    supports: "tea\\e[1m"
"""


@pytest.fixture
def hostile_map(tmp_path):
    """A map whose title, ids, text and source text carry terminal escape and bidi sequences."""
    (tmp_path / "notes.txt").write_text(
        "Notes\n\nTea \x1b[5m calms, \x1b]0;x\x07 mostly.\n", encoding="utf-8"
    )
    path = tmp_path / "hostile.yaml"
    path.write_text(HOSTILE_MAP, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "argv",
    [
        ["evaluate"],
        ["evaluate", "--json"],
        ["explain", "q", "tea\x1b[1m"],
        ["explain", "--json", "tea\x1b[1m"],
        ["check"],
        ["critical"],
        ["lint"],
    ],
    ids=lambda argv: " ".join(argv)[:20],
)
def test_terminal_sequences_from_a_map_are_escaped(hostile_map, capsys, argv):
    r"""No escape, control or bidi character of the map reaches the terminal raw; they show as \x1b etc."""
    main([argv[0], str(hostile_map), *argv[1:]])
    out, err = capsys.readouterr()
    for text in (out, err):
        assert "\x1b" not in text
        assert "\x07" not in text
        assert "\u202e" not in text
    assert "\\x1b" in out + err or "\\u001b" in out + err


def test_json_output_stays_exact_json(hostile_map, capsys):
    """Escaping for the terminal keeps --json output valid JSON holding exactly the map's text."""
    assert main(["evaluate", "--json", str(hostile_map)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert "tea\x1b[1m" in data["statements"]


def test_critical_rejects_a_negative_limit(good_map, capsys):
    """`critical --limit -5` is a usage error (exit 2), not silently zero items."""
    with pytest.raises(SystemExit) as caught:
        main(["critical", str(good_map), "--limit", "-5"])
    assert caught.value.code == 2
    assert "must be 0 or more" in capsys.readouterr().err


def test_an_unknown_off_id_names_the_file(good_map, capsys):
    """--off with an id the map lacks exits 1 naming the map file and the closest id."""
    assert main(["evaluate", str(good_map), "--off", "evv"]) == 1
    err = capsys.readouterr().err
    assert str(good_map) in err
    assert "'evv'" in err
    assert "did you mean 'ev'?" in err
