"""Faults around rendering and writing: each time the previous output is intact and the message says why.

Graphviz is replaced by small shell scripts (ARGMAP_DOT) that crash, get killed, hang or write
bad output; the disk is filled, made read-only or made immutable.
"""

from __future__ import annotations

import errno
import json
import os
import shutil
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from argmap.errors import ArgmapError, GraphvizNotFoundError, RenderError
from argmap.formats import dump
from argmap.rendering import render

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="shell-script stand-ins for Graphviz")

OLD = b"<svg>the previous, good picture</svg>\n"


def fake_engine(folder: Path, body: str, name: str = "fake-dot") -> Path:
    """Write an executable shell script that stands in for Graphviz; return its path."""
    script = folder / name
    script.write_text(f"#!/bin/sh\n{body}\n", encoding="utf-8")
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    return script


@pytest.fixture
def previous(tmp_path: Path) -> Path:
    """An existing output file that a failed render must leave exactly as it is."""
    target = tmp_path / "out" / "map.svg"
    target.parent.mkdir()
    target.write_bytes(OLD)
    return target


def assert_intact(target: Path) -> None:
    """The previous file is unchanged and no temporary file is left beside it."""
    assert target.read_bytes() == OLD
    assert sorted(p.name for p in target.parent.iterdir()) == [target.name]


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("cat >/dev/null; echo 'Error: out of cheese' >&2; exit 3", r"failed: Error: out of cheese"),
        ("cat >/dev/null; kill -SEGV $$", r"killed by signal SIGSEGV before it finished"),
        (
            "cat >/dev/null; printf '<?xml version=\"1.0\"?><svg><g>'; kill -KILL $$",
            r"killed by signal SIGKILL",
        ),
        ('cat >/dev/null; printf \'<?xml version="1.0"?>\\n<svg width="1"><g>\'', r"the SVG is incomplete"),
        ("cat >/dev/null; printf '\\377\\376<svg></svg>'", r"the SVG is not UTF-8"),
    ],
    ids=["crash", "segfault", "killed-mid-render", "truncated", "not-utf8"],
)
def test_a_failing_engine_leaves_the_previous_file(maps, tmp_path, monkeypatch, previous, *, body, message):
    """Crash, signal, truncated or non-UTF-8 output: a RenderError that says so; nothing written."""
    monkeypatch.setenv("ARGMAP_DOT", str(fake_engine(tmp_path, body)))
    with pytest.raises(RenderError, match=message):
        render(maps.relations()).save(previous)
    assert_intact(previous)


def test_a_truncated_png_is_refused(maps, tmp_path, monkeypatch, previous):
    """PNG output that stops before its end chunk is not written either."""
    png = previous.with_suffix(".png")
    png.write_bytes(OLD)
    previous.unlink()
    monkeypatch.setenv(
        "ARGMAP_DOT", str(fake_engine(tmp_path, "cat >/dev/null; printf '\\211PNG\\r\\n\\032\\nabc'"))
    )
    with pytest.raises(RenderError, match="the PNG is incomplete"):
        render(maps.relations()).save(png)
    assert_intact(png)


def test_a_missing_engine_leaves_the_previous_file(maps, tmp_path, monkeypatch, previous):
    """No Graphviz at all: the error says how to get one; the old picture stays."""
    monkeypatch.setenv("ARGMAP_DOT", str(tmp_path / "no-such-dot"))
    with pytest.raises(GraphvizNotFoundError, match="ARGMAP_DOT does not name an executable"):
        render(maps.relations()).save(previous)
    assert_intact(previous)


def test_a_relative_argmap_dot_is_run_from_the_working_directory(maps, tmp_path, monkeypatch):
    """ARGMAP_DOT=./x (or x) names a file in the working directory, not a command on PATH."""
    real = shutil.which("graphviz-pure") or str(Path(sys.executable).with_name("graphviz-pure"))
    if not Path(real).is_file():
        pytest.skip("graphviz-pure is not installed")
    fake_engine(tmp_path, f'exec "{real}" "$@"', name="x")
    monkeypatch.chdir(tmp_path)
    for value in ("./x", "x"):
        monkeypatch.setenv("ARGMAP_DOT", value)
        assert "<svg" in render(maps.relations()).svg


def test_a_read_only_folder_is_a_clear_error(maps, monkeypatch, previous):
    """Writing into a folder argmap may not write to says so; the old file stays."""
    if os.geteuid() == 0:  # root writes anywhere: refuse the temporary file as a read-only folder would
        real_open = os.open

        def refuse(path, flags, *args, **kwargs):
            if str(path).endswith(".tmp"):
                raise PermissionError(errno.EACCES, "Permission denied", str(path))
            return real_open(path, flags, *args, **kwargs)

        monkeypatch.setattr(os, "open", refuse)
    else:
        previous.parent.chmod(0o555)
    try:
        with pytest.raises(ArgmapError, match="cannot write here: Permission denied"):
            render(maps.relations()).save(previous.with_suffix(".dot"))
    finally:
        previous.parent.chmod(0o755)
    assert_intact(previous)


def test_a_full_disk_is_a_clear_error(maps, monkeypatch, previous):
    """ENOSPC while writing: 'the disk is full', the old file stays and the temporary file is gone."""

    def full(_fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(ArgmapError, match=r"No space left on device.*the disk is full"):
        render(maps.relations()).save(previous.with_suffix(".dot"))
    monkeypatch.undo()
    previous.with_suffix(".dot").unlink(missing_ok=True)
    assert_intact(previous)


def test_an_immutable_file_is_a_clear_error(maps, previous):
    """A file marked immutable (chattr +i) cannot be replaced: the error says so; it stays."""
    if shutil.which("chattr") is None:
        pytest.skip("no chattr here")
    dot = previous.with_suffix(".dot")
    dot.write_bytes(OLD)
    if subprocess.run(["chattr", "+i", str(dot)], check=False, capture_output=True).returncode != 0:
        pytest.skip("this file system or user cannot mark files immutable")
    try:
        with pytest.raises(ArgmapError, match=r"cannot write: Operation not permitted.*immutable"):
            render(maps.relations()).save(dot)
    finally:
        subprocess.run(["chattr", "-i", str(dot)], check=False)
    assert dot.read_bytes() == OLD
    assert sorted(p.name for p in previous.parent.iterdir()) == ["map.dot", "map.svg"]


def _wait_for(path: Path, seconds: float = 10) -> str:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if path.is_file() and path.read_text(encoding="utf-8").strip():
            return path.read_text(encoding="utf-8").strip()
        time.sleep(0.02)
    pytest.fail(f"{path} was not written in {seconds} s")


def _gone(pid: int, seconds: float = 5) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return True
        # A zombie is gone for our purposes: it runs nothing and holds no memory.
        status = Path(f"/proc/{pid}/status")
        if status.is_file() and "State:\tZ" in status.read_text(encoding="utf-8"):
            return True
        time.sleep(0.05)
    return False


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="parent-death signal is Linux only")
@pytest.mark.parametrize("how", [signal.SIGKILL, signal.SIGTERM], ids=["SIGKILL", "SIGTERM"])
def test_the_layout_process_dies_with_argmap(maps, tmp_path, how):
    """Killing `argmap render` (SIGKILL or SIGTERM) ends the Graphviz process it started."""
    pid_file = tmp_path / "engine.pid"
    engine = fake_engine(tmp_path, f"echo $$ > {pid_file}; exec sleep 60")
    map_file = tmp_path / "map.yaml"
    dump(maps.relations(), map_file)
    out = tmp_path / "map.svg"
    out.write_bytes(OLD)
    argmap = subprocess.Popen(
        [sys.executable, "-m", "argmap", "render", str(map_file), "-o", str(out)],
        env={**os.environ, "ARGMAP_DOT": str(engine)},
        stderr=subprocess.PIPE,
    )
    child = int(_wait_for(pid_file))
    argmap.send_signal(how)
    _, err = argmap.communicate(timeout=10)
    assert argmap.returncode != 0
    assert b"Traceback" not in err
    gone = _gone(child)
    if not gone:
        os.kill(child, signal.SIGKILL)  # our own stand-in, still running: end it before failing
    assert gone, "the layout process outlived argmap"
    assert out.read_bytes() == OLD


def test_a_killed_convert_leaves_the_previous_output(tmp_path, maps):
    """SIGKILL at any moment of `argmap convert` leaves the previous output whole (written atomically)."""
    big = tmp_path / "big.yaml"
    m = maps.relations()
    dump(m, big)
    out = tmp_path / "out.json"
    out.write_bytes(OLD)
    for delay in (0.05, 0.2, 0.4):
        convert = subprocess.Popen([sys.executable, "-m", "argmap", "convert", str(big), "-o", str(out)])
        time.sleep(delay)
        convert.kill()
        convert.wait(timeout=10)
        data = out.read_bytes()
        assert data == OLD or json.loads(data)["title"] == m.title
        out.write_bytes(OLD)
