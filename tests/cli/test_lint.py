"""``argmap lint``: exit codes, one line per finding, and the opt-in speaker-words check."""

from __future__ import annotations

from pathlib import Path

import pytest

from argmap.cli import main

DATA = Path(__file__).resolve().parents[1] / "data" / "lint"
EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "alliance.yaml"


def test_cli_exit_codes_and_output(capsys: pytest.CaptureFixture[str]) -> None:
    """`argmap lint`: 0 and a summary when clean, 1 and one line per finding, 2 on a usage error."""
    clean = DATA / "clean.yaml"
    assert main(["lint", str(clean)]) == 0
    assert capsys.readouterr().out == f"{clean}: clean: 5 statements, 2 arguments reviewed\n"

    lone = DATA / "lone-position.yaml"
    assert main(["lint", str(lone)]) == 1
    captured = capsys.readouterr()
    assert captured.out.splitlines() == [
        (
            f"{lone}:4:5: question 'q' has one position, 'tea', which competes with nothing (add the rival"
            " answers the source weighs, with `answers: q`) [lone-position]"
        ),
        (
            f"{lone}:9:5: position 'water' answers no question, so it competes with nothing (add"
            " `answers: <question id>`, e.g. `answers: q`) [lone-position]"
        ),
    ]
    assert captured.err == f"argmap: 2 finding(s) in {lone}\n"

    words = DATA / "speaker-words.yaml"
    assert main(["lint", str(words)]) == 0
    assert main(["lint", "--speaker-words", str(words)]) == 1
    capsys.readouterr()

    with pytest.raises(SystemExit) as usage:
        main(["lint"])
    assert usage.value.code == 2  # argparse's usage-error status


def test_cli_speaker_words_notes_a_source_it_cannot_read(capsys: pytest.CaptureFixture[str]) -> None:
    """Outside the folder source texts may be read from, the check falls back to the quote's own marks."""
    assert main(["lint", "--speaker-words", str(EXAMPLE)]) == 0
    err = capsys.readouterr().err
    assert "argmap: note: " in err
    assert "--speaker-words looked only inside the quotes" in err
    assert main(["lint", "--speaker-words", "--root", str(EXAMPLE.parents[1]), str(EXAMPLE)]) == 0
    assert capsys.readouterr().err == ""
    chef = DATA / "speaker-source.yaml"
    assert main(["lint", "--speaker-words", str(chef)]) == 1
    assert "'ev-chef'" in capsys.readouterr().out


def test_cli_reports_an_unreadable_map_as_an_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A map that does not load is an error (exit 1), not a finding."""
    broken = tmp_path / "broken.yaml"
    broken.write_text("argmap: 1\n", encoding="utf-8")
    assert main(["lint", str(broken)]) == 1
    assert "argmap: error:" in capsys.readouterr().err
