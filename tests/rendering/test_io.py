"""Tests for argmap._io.write_atomic (kept with the rendering tests, which own the module)."""

from __future__ import annotations

import os

import pytest

from argmap._io import write_atomic
from argmap.errors import ArgmapError


def test_writes_text_as_utf8_and_bytes_as_is(tmp_path):
    """Text is written as UTF-8 without newline translation; bytes are written unchanged."""
    write_atomic(tmp_path / "a.txt", "é\r\nx")
    write_atomic(tmp_path / "b.bin", b"\x00\xff")
    assert (tmp_path / "a.txt").read_bytes() == "é\r\nx".encode()
    assert (tmp_path / "b.bin").read_bytes() == b"\x00\xff"


def test_replaces_an_existing_file_and_keeps_its_mode(tmp_path):
    """An existing file is replaced whole, keeping its permissions; no temp file is left."""
    target = tmp_path / "map.svg"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o640)
    write_atomic(target, "new")
    assert target.read_text(encoding="utf-8") == "new"
    assert target.stat().st_mode & 0o777 == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["map.svg"]


def test_new_file_gets_ordinary_permissions(tmp_path):
    """A new file gets the mode open() would give it, not the temp file's 0600."""
    umask = os.umask(0o022)
    os.umask(umask)
    target = write_atomic(tmp_path / "new.txt", "x")
    assert target.stat().st_mode & 0o777 == 0o666 & ~umask


def test_failure_leaves_the_old_file_and_no_temp_file(tmp_path, monkeypatch):
    """If the final replace fails, the old file is untouched and the temp file is removed."""
    target = tmp_path / "map.svg"
    target.write_text("old", encoding="utf-8")

    def refuse(*_args):
        raise OSError("disk full")

    monkeypatch.setattr(type(target), "replace", refuse)
    with pytest.raises(OSError, match="disk full"):
        write_atomic(target, "new")
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["map.svg"]


def test_missing_directory_raises_and_creates_nothing(tmp_path):
    """Writing into a directory that does not exist is an ArgmapError that creates nothing."""
    with pytest.raises(ArgmapError, match="cannot write here"):
        write_atomic(tmp_path / "no" / "map.svg", "x")
    assert list(tmp_path.iterdir()) == []
