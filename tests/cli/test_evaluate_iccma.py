"""``argmap evaluate`` on ICCMA files: the framework fast path prints what the map path prints."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

import argmap.cli
from argmap.cli import evaluate as evaluate_command

DATA = Path(__file__).resolve().parents[1] / "data"
CORPUS = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpora" / "iccma"


def _corpus_files() -> list[Path]:
    manifest = CORPUS / "MANIFEST.tsv"
    if not manifest.is_file():
        return []
    with manifest.open(newline="") as stream:
        rows = list(csv.DictReader(stream, delimiter="\t"))
    return [CORPUS / row["path"] for row in rows if int(row["n_args"]) <= 1000]


def _outputs(
    path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> tuple[str, str]:
    assert argmap.cli.main(["evaluate", str(path)]) == 0
    fast = capsys.readouterr().out
    with monkeypatch.context() as patch:
        patch.setattr(evaluate_command, "_framework_statuses", lambda _path, **_: None)
        assert argmap.cli.main(["evaluate", str(path)]) == 0
    return fast, capsys.readouterr().out


@pytest.mark.parametrize(
    "path",
    [*sorted((DATA / "iccma").glob("*.dl")), *_corpus_files()],
    ids=lambda p: p.name,
)
def test_iccma_output_is_the_same_without_a_map(
    path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """For apx and i23 files the fast path prints, byte for byte, what evaluating the map prints."""
    fast, via_map = _outputs(path, monkeypatch, capsys)
    assert fast == via_map
    assert " — grounded\n\nid " in fast


def test_fast_path_is_taken_and_falls_back(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A well-formed .af is read without a map; a broken one is reported by the map reader's error."""
    good = tmp_path / "g.af"
    good.write_text("p af 3\n1 2\n2 3\n")
    assert evaluate_command._framework_statuses(str(good)) is not None
    assert argmap.cli.main(["evaluate", str(good)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("g.af — grounded\n\n")
    assert "1   claim  in (stands)  1" in out
    assert "2   claim  out (falls)  2" in out
    assert "3   claim  in (stands)  3" in out
    bad = tmp_path / "b.af"
    bad.write_text("p af 2\n1 3\n")
    assert evaluate_command._framework_statuses(str(bad)) is None
    assert argmap.cli.main(["evaluate", str(bad)]) == 1
    assert "b.af:2:3: argument number out of range: 3" in capsys.readouterr().err


def test_other_options_take_the_map_path(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """--off, --json and other semantics evaluate the map, as before."""
    path = tmp_path / "n.apx"
    path.write_text("arg(a). arg(b). att(a,b). att(b,a).")
    assert argmap.cli.main(["evaluate", str(path), "--off", "a"]) == 0
    assert "b   claim  in (stands)" in capsys.readouterr().out
    assert argmap.cli.main(["evaluate", str(path), "-s", "preferred"]) == 0
    assert "— preferred" in capsys.readouterr().out
