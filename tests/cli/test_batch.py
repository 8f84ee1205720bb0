"""`argmap convert` and `argmap check` on folders: every map recognised, bad ones reported, a summary."""

from __future__ import annotations

import io
import json
import os
import pty
import select
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from argmap.cli import main
from argmap.cli._batch import Progress
from argmap.formats import load

TEA = """\
argmap: 1
title: Tea or coffee?
statements:
  - id: q
    question: Which should we drink?
  - id: tea
    position: Tea
    answers: q
  - id: calm
    claim: Tea calms.
    supports: tea
"""
KIALO = "Discussion Title: Tea?\n\n1. Tea is best.\n1.1. Pro: It calms.\n1.2. Con: It stains.\n"
ARGDOWN = "[Tea]: Tea is best.\n  + [Calm]: Tea calms.\n"


def _tree(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """A folder as people have them: maps in three formats, notes, a bad map, a JSON that is no map."""
    folder = tmp_path / "in"
    (folder / "sub" / "deeper").mkdir(parents=True)
    (folder / ".hidden").mkdir()
    (folder / "tea.yaml").write_text(TEA, encoding="utf-8")
    (folder / "sub" / "debate.txt").write_text(KIALO, encoding="utf-8")
    (folder / "sub" / "notes.txt").write_text("Just notes.\n", encoding="utf-8")
    (folder / "sub" / "deeper" / "tea.argdown").write_text(ARGDOWN, encoding="utf-8")
    (folder / "sub" / "deeper" / "broken.json").write_text('{"argmap": 1, "title": "t",}', encoding="utf-8")
    (folder / "sub" / "export.json").write_text(json.dumps({"relations": [], "map": {}}), encoding="utf-8")
    (folder / "picture.svg").write_text("<svg/>", encoding="utf-8")
    (folder / ".hidden" / "secret.yaml").write_text(TEA, encoding="utf-8")
    return folder


def test_a_folder_is_converted_tree_for_tree_past_a_bad_file(
    corpus: Path, capsys: pytest.CaptureFixture[str]
):
    """Every recognised map is written under OUT in the same tree; the bad one is one located line; exit 1."""
    before = _tree(corpus)
    out = corpus.parent / "out"
    assert main(["convert", str(corpus), str(out), "--to", "json"]) == 1
    captured = capsys.readouterr()
    assert sorted(_tree(out)) == ["sub/debate.json", "sub/deeper/tea.json", "tea.json"]
    for name in ("sub/debate.json", "sub/deeper/tea.json", "tea.json"):
        assert load(out / name).title
    assert load(out / "tea.json") == load(corpus / "tea.yaml")
    assert _tree(corpus) == before  # inputs untouched
    failed = [line for line in captured.err.splitlines() if line.startswith("argmap: failed: ")]
    broken = corpus / "sub/deeper/broken.json"
    reason = (
        "Expecting property name enclosed in double quotes (JSON needs double quotes and no trailing commas)"
    )
    assert failed == [f"argmap: failed: {broken}:1:28: {reason}"]
    assert "\r" not in captured.err  # no progress bar on a pipe
    assert captured.out == (
        f"converted 3 maps from {corpus} into {out} (json); failed 1;"
        " skipped 2 files in no format argmap reads\n"
    )


def test_converting_twice_gives_the_same_bytes_and_never_writes_into_the_input(corpus: Path):
    """Deterministic output; OUT inside IN is not read back as input; IN as OUT is refused."""
    out = corpus / "converted"
    main(["convert", str(corpus), str(out), "--to", "yaml"])
    first = _tree(out)
    main(["convert", str(corpus), str(out), "--to", "yaml"])
    assert _tree(out) == first
    assert "converted/tea.yaml" not in first
    before = _tree(corpus)
    assert main(["convert", str(corpus), str(corpus), "--to", "yaml"]) == 1
    assert _tree(corpus) == before


def test_two_inputs_for_one_output_fail_the_second_not_the_first(tmp_path: Path, capsys):
    """tea.yaml and tea.json both become tea.argdown: the first wins, the second is reported."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "tea.yaml").write_text(TEA, encoding="utf-8")
    (folder / "tea.json").write_text('{"argmap": 1, "title": "Tea in JSON"}', encoding="utf-8")
    out = tmp_path / "out"
    assert main(["convert", str(folder), str(out), "--to", "argdown"]) == 1
    err = capsys.readouterr().err
    assert f"{folder / 'tea.yaml'}: would overwrite {out / 'tea.argdown'}, already converted from" in err
    assert load(out / "tea.argdown").title == "Tea in JSON"


def test_a_folder_needs_a_target_folder_and_a_format(corpus: Path, capsys):
    """Without OUT or --to the command says what to add; with a file as OUT it refuses."""
    assert main(["convert", str(corpus)]) == 1
    assert "argmap convert" in capsys.readouterr().err
    target = corpus.parent / "file.yaml"
    target.write_text(TEA, encoding="utf-8")
    assert main(["convert", str(corpus), str(target), "--to", "json"]) == 1
    assert "is a file; name a folder" in capsys.readouterr().err
    assert target.read_text(encoding="utf-8") == TEA


def test_from_reads_every_file_of_a_shared_suffix_as_that_format(tmp_path: Path, capsys):
    """--from json reads a .json map that has lost its header: it fails with the native reader's words."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "no-header.json").write_text('{"title": "t"}', encoding="utf-8")
    assert main(["convert", str(folder), str(tmp_path / "out"), "--to", "yaml"]) == 1
    assert "no maps found" in capsys.readouterr().err
    assert main(["convert", str(folder), str(tmp_path / "out"), "--to", "yaml", "--from", "json"]) == 1
    assert "start the file with `argmap: 1`" in capsys.readouterr().err


def test_check_a_folder_lists_each_problem_located_and_sums_up(corpus: Path, capsys):
    """Maps without quotes are ok, the broken one fails with its place; exit 1."""
    assert main(["check", str(corpus)]) == 1
    captured = capsys.readouterr()
    assert f"{corpus / 'sub/deeper/broken.json'}:1:28: " in captured.err
    assert captured.out == (
        f"{corpus}: checked 4 maps: ok 3 (0 quotes verified), with problems 1; skipped 2 files in no format"
        " argmap reads\n"
    )
    (corpus / "sub" / "deeper" / "broken.json").unlink()
    assert main(["check", str(corpus)]) == 0


def test_a_single_file_of_no_known_format_says_how_to_name_one(tmp_path: Path, capsys):
    """`convert export.json` cannot tell what it is: exit 1, the keys, --from; nothing written."""
    export = tmp_path / "export.json"
    export.write_text(json.dumps({"relations": [], "map": {}}), encoding="utf-8")
    assert main(["convert", str(export), str(tmp_path / "out.yaml")]) == 1
    err = capsys.readouterr().err
    assert "'map', 'relations'" in err
    assert "--from FORMAT" in err
    assert "Traceback" not in err
    assert not (tmp_path / "out.yaml").exists()


def test_in_out_positional_and_graphml(tmp_path: Path):
    """`convert IN OUT --to graphml` writes GraphML; OUT's suffix alone says so too."""
    source = tmp_path / "tea.yaml"
    source.write_text(TEA, encoding="utf-8")
    assert main(["convert", str(source), str(tmp_path / "a.xml"), "--to", "graphml"]) == 0
    assert main(["convert", str(source), str(tmp_path / "b.graphml")]) == 0
    for name in ("a.xml", "b.graphml"):
        assert ET.parse(tmp_path / name).getroot().tag.endswith("graphml")  # noqa: S314


def test_progress_is_drawn_on_a_terminal_and_cleared():
    """On a terminal: one line redrawn in place, the file named, and wiped at the end."""

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    stream = Terminal()
    progress = Progress(3, stream)
    progress.show(0, "first.yaml")
    progress.show(3, "")
    progress.clear()
    text = stream.getvalue()
    assert text.startswith("\r[------------------------] 0/3 first.yaml\x1b[K")
    assert "\r[########################] 3/3 \x1b[K" in text
    assert text.endswith("\r\x1b[K")
    piped = io.StringIO()
    Progress(3, piped).show(1, "x")
    assert piped.getvalue() == ""


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_the_real_command_draws_progress_on_a_tty_only(corpus: Path, tmp_path: Path):
    """Run as a program with stderr on a pseudo-terminal: the bar appears; on a pipe it does not."""
    command = [sys.executable, "-m", "argmap", "convert", str(corpus), str(tmp_path / "o1"), "--to", "yaml"]
    leader, follower = pty.openpty()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=follower)
    os.close(follower)
    seen = b""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        ready, _, _ = select.select([leader], [], [], 0.5)
        if ready:
            try:
                chunk = os.read(leader, 4096)
            except OSError:
                break
            if not chunk:
                break
            seen += chunk
        elif process.poll() is not None:
            break
    os.close(leader)
    assert process.wait(timeout=60) == 1
    assert b"\r[" in seen
    assert b"/6 " in seen
    piped = subprocess.run(
        [*command[:-3], str(tmp_path / "o2"), "--to", "yaml"], capture_output=True, check=False, timeout=60
    )
    assert b"\r" not in piped.stderr
    assert piped.stdout.startswith(b"converted 3 maps")


@pytest.mark.corpus
def test_the_aif_corpus_converts_whole(shared: Path, tmp_path: Path, capsys):
    """Every AIF nodeset of ../shared/corpora/aif becomes a JSON map; the source texts are skipped."""
    folder = shared / "corpora" / "aif"
    if not folder.is_dir():
        pytest.skip("../shared/corpora/aif is absent")
    from argmap.formats import FORMATS  # noqa: PLC0415

    if "aif" not in FORMATS:
        pytest.skip("the AIF reader is not registered yet")
    nodesets = sorted(p for p in folder.rglob("*.json") if p.name != "aif2arggraph.json")
    assert main(["convert", str(folder), str(tmp_path / "out"), "--to", "json"]) == 0
    written = sorted((tmp_path / "out").rglob("*.json"))
    assert len(written) == len(nodesets)
    assert f"converted {len(nodesets)} maps" in capsys.readouterr().out


def test_from_names_the_format_of_a_file_whose_suffix_says_nothing(tmp_path: Path, capsys):
    """`--from yaml` reads map.dat; without it the error lists the suffixes argmap knows."""
    source = tmp_path / "map.dat"
    source.write_text(TEA, encoding="utf-8")
    assert main(["evaluate", str(source)]) == 1
    assert "unknown format: '.dat'" in capsys.readouterr().err
    assert main(["evaluate", str(source), "--from", "yaml"]) == 0
    assert "Tea" in capsys.readouterr().out
    assert main(["convert", str(source), "--from", "yaml", "--to", "argdown"]) == 0
    assert "[tea]: Tea" in capsys.readouterr().out


def test_a_readers_warning_is_one_plain_line(tmp_path: Path, capsys):
    """What a format cannot hold is said as `argmap: warning: file:line:column: ...`, not Python's report."""
    source = tmp_path / "lonely.argdown"
    source.write_text("[Tea]: Tea is best.\n\n<Alone>: An argument for nothing.\n", encoding="utf-8")
    assert main(["convert", str(source), "--to", "yaml"]) == 0
    err = capsys.readouterr().err
    assert err.startswith(f"argmap: warning: {source}:3:1: <Alone> supports or attacks nothing")
    assert "Warning:" not in err
    assert len(err.splitlines()) == 1


@pytest.mark.corpus
def test_check_reads_the_whole_microtexts_corpus(shared: Path, capsys):
    """Every arggraph file of ../shared/corpora/microtexts is a map; the DTD and notes are skipped."""
    folder = shared / "corpora" / "microtexts"
    if not folder.is_dir():
        pytest.skip("../shared/corpora/microtexts is absent")
    from argmap.formats import FORMATS  # noqa: PLC0415

    if "microtexts" not in FORMATS:
        pytest.skip("the microtexts reader is not registered yet")
    texts = len(list(folder.rglob("*.xml")))
    assert main(["check", str(folder)]) == 0
    captured = capsys.readouterr()
    assert captured.out.startswith(f"{folder}: checked {texts} maps: ok {texts} ")
    assert all(line.startswith("argmap: warning: ") for line in captured.err.splitlines())


def test_a_folder_that_cannot_be_made_fails_that_file_only(corpus: Path, tmp_path: Path, capsys):
    """A file where OUT needs a folder: that map fails with the reason; the others are written."""
    out = tmp_path / "out"
    out.mkdir()
    (out / "sub").write_text("a file, not a folder\n", encoding="utf-8")
    assert main(["convert", str(corpus), str(out), "--to", "yaml"]) == 1
    err = capsys.readouterr().err
    assert f"argmap: failed: {corpus / 'sub/debate.txt'}: cannot make the folder {out / 'sub'}: " in err
    assert "internal error" not in err
    assert (out / "tea.yaml").is_file()
