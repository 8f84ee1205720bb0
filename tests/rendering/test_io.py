"""Tests for argmap._io.write_atomic (kept with the rendering tests, which own the module)."""

from __future__ import annotations

import errno
import os
import re
import stat
import subprocess
import sys

import pytest

from argmap._io import ReadRefused, read_text_within, same_file, write_atomic
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
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(type(target), "replace", refuse)
    with pytest.raises(ArgmapError, match=r"No space left on device.*disk is full"):
        write_atomic(target, "new")
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["map.svg"]


def test_missing_directory_raises_and_creates_nothing(tmp_path):
    """Writing into a directory that does not exist is an ArgmapError that creates nothing."""
    with pytest.raises(ArgmapError, match="cannot write here"):
        write_atomic(tmp_path / "no" / "map.svg", "x")
    assert list(tmp_path.iterdir()) == []


def test_importing_changes_no_process_state(tmp_path):
    """No umask is read or set at import (or on write): a new file still gets open()'s mode."""
    code = (
        "import os, sys\n"
        "def forbidden(*_args):\n"
        "    raise AssertionError('os.umask must not be called')\n"
        "os.umask(0o027)\n"
        "os.umask = forbidden\n"
        "from argmap._io import write_atomic\n"
        "print(oct(write_atomic(sys.argv[1], 'x').stat().st_mode & 0o777))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path / "new.txt")], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == oct(0o666 & ~0o027)


@pytest.mark.parametrize("kind", ["folder", "symlink", "dangling-symlink", "fifo"])
def test_a_target_that_is_not_a_regular_file_is_refused(tmp_path, kind):
    """Folders, symlinks (even dangling ones) and FIFOs are never replaced by a regular file."""
    target = tmp_path / "out.svg"
    if kind == "folder":
        target.mkdir()
    elif kind == "symlink":
        (tmp_path / "real.svg").write_text("keep", encoding="utf-8")
        target.symlink_to(tmp_path / "real.svg")
    elif kind == "dangling-symlink":
        target.symlink_to(tmp_path / "nowhere.svg")
    else:
        os.mkfifo(target)
    with pytest.raises(ArgmapError, match=f"^{re.escape(str(target))}: "):
        write_atomic(target, "new")
    assert target.is_symlink() or target.is_dir() or stat.S_ISFIFO(target.lstat().st_mode)
    assert not (tmp_path / "nowhere.svg").exists()
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")) == []


def test_same_file_sees_through_links_and_dots(tmp_path):
    """same_file is true for one file named two ways, false for two files or a missing one."""
    a = tmp_path / "a.yaml"
    a.write_text("x", encoding="utf-8")
    (tmp_path / "link.yaml").symlink_to(a)
    assert same_file(a, tmp_path / "link.yaml")
    assert same_file(a, tmp_path / "." / "a.yaml")
    assert not same_file(a, tmp_path / "b.yaml")


def test_read_text_within_keeps_to_its_folder(tmp_path):
    """Inside the folder: read. Outside, through .. or a link, a FIFO, too big, not UTF-8: refused."""
    root = tmp_path / "root"
    root.mkdir()
    (root / "ok.txt").write_text("\ufeffhello", encoding="utf-8")
    (tmp_path / "secret.txt").write_text("secret", encoding="utf-8")
    (root / "link.txt").symlink_to(tmp_path / "secret.txt")
    os.mkfifo(root / "fifo.txt")
    (root / "latin.txt").write_bytes("caf\xe9".encode("latin-1"))
    assert read_text_within(root / "ok.txt", root) == "hello"
    cases = {
        root / ".." / "secret.txt": "outside the folder",
        root / "link.txt": "outside the folder",
        root / "fifo.txt": "not a regular file",
        root / "latin.txt": "not UTF-8",
        root / "missing.txt": "No such file",
    }
    for path, reason in cases.items():
        with pytest.raises(ReadRefused, match=reason) as caught:
            read_text_within(path, root)
        assert "secret" not in str(caught.value).replace("secret.txt", "")
    with pytest.raises(ReadRefused, match="more than the 3 a source text may have"):
        read_text_within(root / "ok.txt", root, limit=3)
