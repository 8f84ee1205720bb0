"""``argmap check`` reads source texts only inside the map's folder (or --root), and never echoes others."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from argmap.cli import main
from argmap.formats import load
from argmap.formats.source_text import check_quotes

SECRET = "TOP-SECRET-TOKEN-4242"  # noqa: S105  # the text that must never be printed

MAP = """\
argmap: 1
title: Exfiltration attempt
sources:
  - id: s
    title: Notes
    path: {path}
statements:
  - id: c
    claim: Something
  - id: ev
    quote: "{quote}"
    source: s
    supports: c
"""


def write_map(folder: Path, path: str, quote: str = "a quote that is not there") -> Path:
    """Write a map whose only source names ``path``; return the map's path."""
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / "map.yaml"
    target.write_text(MAP.format(path=path, quote=quote), encoding="utf-8")
    return target


@pytest.fixture
def secret(tmp_path: Path) -> Path:
    """A file outside the map's folder whose text must never be printed."""
    path = tmp_path / "secrets" / "shadow"
    path.parent.mkdir()
    path.write_text(f"root:{SECRET}:19000:0:99999:7:::\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("how", ["dotdot", "absolute", "symlink"])
def test_a_source_outside_the_maps_folder_is_refused_and_not_echoed(tmp_path, secret, capsys, how):
    """../../secret, /abs/secret and a symlink out of the folder: exit 1, a reason, no secret text."""
    folder = tmp_path / "maps" / "deep"
    if how == "dotdot":
        path = "../../secrets/shadow"
    elif how == "absolute":
        path = str(secret)
    else:
        folder.mkdir(parents=True)
        (folder / "notes.txt").symlink_to(secret)
        path = "notes.txt"
    map_path = write_map(folder, path, quote=f"root:{SECRET[:-1]}")
    assert main(["check", str(map_path)]) == 1
    out, err = capsys.readouterr()
    assert SECRET not in out + err
    assert SECRET[:8] not in out + err
    assert "outside the folder source texts are read from" in err
    assert "--root" in err
    assert "Traceback" not in err


@pytest.mark.skipif(not Path("/proc/self/environ").exists(), reason="no /proc on this system")
def test_proc_self_environ_is_never_read(tmp_path, capsys, monkeypatch):
    """`path: /proc/self/environ` is refused: the environment never reaches the output."""
    monkeypatch.setenv("ARGMAP_TEST_SECRET", SECRET)
    map_path = write_map(tmp_path, "/proc/self/environ", quote="ARGMAP_TEST_SECRET=x")
    assert main(["check", str(map_path)]) == 1
    out, err = capsys.readouterr()
    assert SECRET not in out + err
    assert "outside the folder" in err


def test_root_widens_the_allowed_folder(tmp_path, capsys):
    """With --root naming a folder that holds the text, a source beside the map's folder is read."""
    (tmp_path / "texts").mkdir()
    (tmp_path / "texts" / "a.txt").write_text("Alpha beta gamma.\n", encoding="utf-8")
    map_path = write_map(tmp_path / "maps", "../texts/a.txt", quote="beta gamma")
    assert main(["check", str(map_path)]) == 1
    capsys.readouterr()
    assert main(["check", str(map_path), "--root", str(tmp_path)]) == 0
    assert "1 quotes verified" in capsys.readouterr().out


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_a_fifo_or_device_as_source_is_refused_without_hanging(tmp_path, capsys):
    """A FIFO (or /dev/zero through a link) inside the folder is not a regular file: refused at once."""
    os.mkfifo(tmp_path / "pipe.txt")
    map_path = write_map(tmp_path, "pipe.txt")
    assert main(["check", str(map_path)]) == 1
    assert "not a regular file" in capsys.readouterr().err
    map_path = write_map(tmp_path / "inner", "/dev/zero")
    assert main(["check", str(map_path), "--root", "/"]) == 1
    assert "/dev/zero: not a regular file" in capsys.readouterr().err


def test_a_huge_source_is_refused_by_size(tmp_path):
    """A source text over the size cap is reported with its size, not read."""
    (tmp_path / "big.txt").write_text("word " * 1000, encoding="utf-8")
    map_path = write_map(tmp_path, "big.txt", quote="word word")
    (finding,) = check_quotes(load(map_path), limit=1000)
    assert finding.kind == "source-unreadable"
    assert "5,000 bytes, more than the 1,000 a source text may have" in finding.message
    assert check_quotes(load(map_path)) == ()
