"""`argmap render --watch`: the picture follows every save, survives mistakes, and Ctrl-C ends it cleanly."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from argmap.cli import main

MAP = """\
argmap: 1
title: {title}
statements:
  - id: q
    question: Which should we drink?
  - id: tea
    position: Tea
    answers: q
"""


def _wait(condition: Callable[[], bool], seconds: float = 30) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return False


def _save(path: Path, text: str) -> None:
    # Editors often save within one second; the size (and nanosecond mtime) still changes.
    path.write_text(text, encoding="utf-8")


@pytest.mark.skipif(sys.platform == "win32", reason="SIGINT to a child process is POSIX")
def test_watch_redraws_on_every_save_keeps_the_last_good_picture_and_stops_on_ctrl_c(tmp_path: Path):
    """Two edits redraw OUT; a broken save is reported, located, and OUT kept; SIGINT exits 0."""
    source = tmp_path / "map.yaml"
    out = tmp_path / "map.dot"
    _save(source, MAP.format(title="First"))
    command = [sys.executable, "-m", "argmap", "render", "--watch", str(source), "-o", str(out)]
    with subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=tmp_path
    ) as process:
        try:
            assert _wait(lambda: out.exists() and "First" in out.read_text(encoding="utf-8"))
            _save(source, MAP.format(title="Second"))
            assert _wait(lambda: "Second" in out.read_text(encoding="utf-8"))
            _save(source, MAP.format(title="Third, longer"))
            assert _wait(lambda: "Third, longer" in out.read_text(encoding="utf-8"))
            good = out.read_bytes()
            _save(source, MAP.format(title="Broken") + "  - id: tea\n    claim: again\n")
            time.sleep(1.0)  # three looks at the file at least
            assert out.read_bytes() == good
            _save(source, MAP.format(title="Mended"))
            assert _wait(lambda: "Mended" in out.read_text(encoding="utf-8"))
        finally:
            process.send_signal(signal.SIGINT)
            stdout, stderr = process.communicate(timeout=30)
    assert process.returncode == 0, stderr
    assert "Traceback" not in stderr
    assert f"{source}:9:9: duplicate id 'tea'" in stderr
    assert "keeps the last good picture" in stderr
    assert stderr.count(f"drew {out}") == 4
    assert stderr.rstrip().endswith("argmap: stopped watching")
    assert stdout == ""
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "map.dot",
        "map.yaml",
    ]


def test_watch_needs_an_output_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    """Without -o, or with a suffix no picture has, nothing can be kept up to date: exit 1 at once."""
    source = tmp_path / "map.yaml"
    source.write_text(MAP.format(title="T"), encoding="utf-8")
    assert main(["render", "--watch", str(source)]) == 1
    assert "-o OUT" in capsys.readouterr().err
    assert main(["render", "--watch", str(source), "-o", str(tmp_path / "map.jpg")]) == 1
    assert "unknown format: 'jpg'" in capsys.readouterr().err
    assert not (tmp_path / "map.jpg").exists()


def test_a_map_that_is_not_there_yet_is_waited_for(tmp_path: Path, monkeypatch, capsys):
    """A missing map (an editor's save by rename) is reported once and drawn once it appears."""
    import argmap.cli.render as render_command  # noqa: PLC0415

    source = tmp_path / "map.yaml"
    out = tmp_path / "map.dot"
    looks = iter(range(100))

    def sleep(_seconds: float) -> None:
        step = next(looks)
        if step == 2:
            source.write_text(MAP.format(title="Arrived"), encoding="utf-8")
        if step == 5:
            raise KeyboardInterrupt

    monkeypatch.setattr(render_command.time, "sleep", sleep)
    assert main(["render", "--watch", str(source), "-o", str(out)]) == 0
    err = capsys.readouterr().err
    assert err.count("cannot read the map") == 1
    assert "Arrived" in out.read_text(encoding="utf-8")
