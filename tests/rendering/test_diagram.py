"""Tests for argmap.rendering.diagram and engine: render(), Diagram, saving, display, engine errors."""

from __future__ import annotations

import os
import stat
import subprocess
import sys

import pytest

from argmap.errors import ArgmapError, GraphvizNotFoundError, RenderError, UnsupportedFormatError
from argmap.evaluation import evaluate
from argmap.rendering import Diagram, engine, render


def test_render_returns_a_diagram_with_dot_and_summary(maps):
    """render() builds DOT at once and a text summary; no engine is needed for either."""
    diagram = render(maps.statuses(), "grounded", off=["ev-sleep"])
    assert isinstance(diagram, Diagram)
    assert diagram.dot.startswith('digraph "argmap" {')
    assert diagram.summary.splitlines()[0] == (
        "Argument map 'Four-day week?': 1 question, 2 positions, 5 claims, 2 evidence items, 8 arguments."
    )
    assert "Statuses under grounded semantics:" in diagram.summary
    assert repr(diagram).startswith("<Diagram Argument map 'Four-day week?'")


def test_render_with_a_semantics_name_equals_render_with_its_evaluation(maps):
    """Naming a semantics evaluates with the given off set, exactly as passing the evaluation does."""
    argument_map = maps.statuses()
    named = render(argument_map, "df-quad", off=["ev-sleep"])
    given = render(argument_map, evaluate(argument_map, "df-quad", off=["ev-sleep"]))
    assert named.dot == given.dot


@pytest.mark.requires_dot
@pytest.mark.parametrize("suffix", ["svg", "png", "dot"])
def test_save_writes_the_format_its_suffix_names(maps, tmp_path, suffix, embedded):
    """save() picks svg, png or dot from the suffix and writes exactly that."""
    target = tmp_path / f"map.{suffix}"
    assert render(maps.relations(), engine=embedded).save(target) == target
    data = target.read_bytes()
    expected = {"svg": b"<?xml", "png": b"\x89PNG", "dot": b'digraph "argmap"'}[suffix]
    assert data.startswith(expected)
    assert [p.name for p in tmp_path.iterdir()] == [target.name]


@pytest.mark.requires_dot
@pytest.mark.system_dot
def test_save_pdf_with_the_system_engine(maps, tmp_path, system_dot):
    """The system Graphviz writes PDF."""
    target = render(maps.relations(), engine=system_dot).save(tmp_path / "map.pdf")
    assert target.read_bytes().startswith(b"%PDF")


@pytest.mark.requires_dot
def test_pdf_with_the_embedded_engine_fails_cleanly_and_keeps_the_old_file(maps, tmp_path, embedded):
    """The embedded engine has no PDF: the error says what to do, and an existing file is untouched."""
    target = tmp_path / "map.pdf"
    target.write_bytes(b"old")
    with pytest.raises(RenderError, match=r"cannot write PDF.*--engine auto"):
        render(maps.relations(), engine=embedded).save(target)
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["map.pdf"]


@pytest.mark.usefixtures("embedded")
def test_pdf_with_auto_falls_back_to_the_system_dot(maps, tmp_path, monkeypatch):
    """`auto` finds the embedded engine first, but asks a system dot for PDF; none found is an error."""
    log = tmp_path / "called"
    dot = fake_engine(tmp_path, f"cat >/dev/null; echo \"$@\" > {log}; printf '%%PDF-1.4\\n%%%%EOF\\n'")
    monkeypatch.setattr(engine, "_system", lambda: dot)
    assert render(maps.relations(), engine="auto").pipe("pdf").startswith(b"%PDF-1.4")
    assert log.read_text(encoding="utf-8").strip() == "-Tpdf"
    monkeypatch.setattr(engine, "_system", lambda: None)
    with pytest.raises(RenderError, match="no system Graphviz `dot` was found"):
        render(maps.relations(), engine="auto").pipe("pdf")


def test_unknown_suffix_is_refused_before_anything_is_written(maps, tmp_path):
    """An unknown suffix raises UnsupportedFormatError listing the formats, and writes nothing."""
    with pytest.raises(UnsupportedFormatError, match="'jpg'"):
        render(maps.relations()).save(tmp_path / "map.jpg")
    assert list(tmp_path.iterdir()) == []


def test_missing_engine_leaves_no_file(maps, tmp_path, monkeypatch):
    """With ARGMAP_DOT pointing nowhere, saving fails with a fix and leaves neither file nor temp file."""
    monkeypatch.setenv("ARGMAP_DOT", str(tmp_path / "nowhere" / "dot"))
    target = tmp_path / "map.svg"
    with pytest.raises(GraphvizNotFoundError, match=r"ARGMAP_DOT does not name an executable.*unset it"):
        render(maps.relations()).save(target)
    assert list(tmp_path.iterdir()) == []


def fake_engine(tmp_path, body):
    """Write an executable shell script that stands in for Graphviz."""
    script = tmp_path / "fake-dot"
    script.write_text(f"#!/bin/sh\n{body}\n", encoding="utf-8")
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    return script


@pytest.mark.skipif(sys.platform == "win32", reason="shell-script stand-in for Graphviz")
def test_graphviz_failure_is_a_render_error_with_its_message(maps, tmp_path, monkeypatch):
    """A failing engine becomes a RenderError quoting Graphviz's message; nothing is written."""
    monkeypatch.setenv(
        "ARGMAP_DOT", str(fake_engine(tmp_path, "echo 'Error: syntax error in line 3' >&2; exit 1"))
    )
    target = tmp_path / "out" / "map.svg"
    target.parent.mkdir()
    target.write_text("keep me", encoding="utf-8")
    with pytest.raises(RenderError, match=r"Graphviz .* failed: Error: syntax error in line 3"):
        render(maps.relations()).save(target)
    assert target.read_text(encoding="utf-8") == "keep me"
    assert [p.name for p in target.parent.iterdir()] == ["map.svg"]


@pytest.mark.skipif(sys.platform == "win32", reason="shell-script stand-in for Graphviz")
def test_graphviz_timeout_is_a_render_error(maps, tmp_path, monkeypatch):
    """A layout that takes too long is stopped and reported with what to do."""
    monkeypatch.setenv("ARGMAP_DOT", str(fake_engine(tmp_path, "exec sleep 5")))
    with pytest.raises(RenderError, match=r"took longer than 0\.2 s and was stopped .*--timeout SECONDS"):
        engine.layout(render(maps.relations()).dot, "svg", timeout=0.2)


@pytest.mark.requires_dot
def test_mimebundle_has_svg_and_text(maps, embedded):
    """In notebooks a diagram shows as SVG with a plain-text summary."""
    bundle = render(maps.relations(), engine=embedded)._repr_mimebundle_()
    assert set(bundle) == {"image/svg+xml", "text/plain"}
    assert bundle["image/svg+xml"].lstrip().startswith("<?xml")
    assert bundle["text/plain"].startswith("Argument map 'School uniforms?'")


def test_mimebundle_without_an_engine_is_text_with_a_hint(maps, monkeypatch, tmp_path):
    """With no usable engine the display falls back to text saying why, instead of an error."""
    monkeypatch.setenv("ARGMAP_DOT", str(tmp_path / "missing"))
    bundle = render(maps.relations())._repr_mimebundle_()
    assert list(bundle) == ["text/plain"]
    assert "(no picture: render: ARGMAP_DOT does not name an executable" in bundle["text/plain"]


def test_engine_resolution_order(monkeypatch, tmp_path):
    """ARGMAP_DOT wins, then the embedded engine in the scripts folder, then a system dot."""
    script = fake_engine(tmp_path, "exit 0")
    monkeypatch.setenv("ARGMAP_DOT", str(script))
    assert engine.find_engine() == script
    monkeypatch.delenv("ARGMAP_DOT")
    monkeypatch.setattr(engine, "_embedded", lambda: tmp_path / "graphviz-pure")
    monkeypatch.setattr(engine, "_system", lambda: tmp_path / "dot")
    assert engine.find_engine() == tmp_path / "graphviz-pure"
    assert engine.find_engine("system") == tmp_path / "dot"
    monkeypatch.setattr(engine, "_embedded", lambda: None)
    assert engine.find_engine() == tmp_path / "dot"
    monkeypatch.setattr(engine, "_system", lambda: None)
    with pytest.raises(GraphvizNotFoundError, match=r"no Graphviz engine found.*pip install"):
        engine.find_engine()
    with pytest.raises(GraphvizNotFoundError, match="apt-get install graphviz"):
        engine.find_engine("system")
    with pytest.raises(RenderError, match="unknown engine: 'fast'"):
        engine.find_engine("fast")


def test_embedded_engine_is_found_off_path(embedded):
    """graphviz-pure is found in the venv's scripts folder even when that folder is not on PATH."""
    env = {k: v for k, v in os.environ.items() if k != "ARGMAP_DOT"}
    env["PATH"] = "/nonexistent"
    code = "from argmap.rendering.engine import find_engine; print(find_engine('embedded').name)"
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "graphviz-pure"
    assert embedded == "embedded"


def test_to_graphviz_hands_over_the_dot(maps):
    """to_graphviz() returns a graphviz.Source holding exactly our DOT."""
    pytest.importorskip("graphviz")
    diagram = render(maps.relations())
    assert diagram.to_graphviz().source == diagram.dot


def test_errors_are_argmap_errors(maps):
    """Bad options raise ArgmapError subclasses, never a dependency's exception."""
    with pytest.raises(ArgmapError):
        render(maps.relations(), engine="fast")
    with pytest.raises(ArgmapError):
        render(maps.relations(), "no-such-semantics")


def _claims(count):
    from argmap.model import ArgumentMap  # noqa: PLC0415

    m = ArgumentMap.build("Many claims")
    for k in range(count):
        m.claim(f"c-{k}", f"Claim {k}.", assumed=True)
    return m.finish()


def test_a_map_past_the_statement_limit_is_refused_at_once_saying_why():
    """A huge map gets a one-line RenderError before any DOT is written or Graphviz started."""
    from argmap.rendering.diagram import MAX_STATEMENTS  # noqa: PLC0415

    with pytest.raises(RenderError, match=r"has 10,001 statements, more than the 10,000 .*--max-statements"):
        render(_claims(MAX_STATEMENTS + 1))
    assert render(_claims(12), max_statements=12).dot.count("c-11") >= 1
    with pytest.raises(RenderError, match="has 12 statements, more than the 11"):
        render(_claims(12), max_statements=11)


def test_the_cli_takes_max_statements(tmp_path):
    """`--max-statements N` raises or lowers the limit; a refusal writes nothing."""
    from argmap.cli import main  # noqa: PLC0415
    from argmap.formats import dump  # noqa: PLC0415

    path = tmp_path / "m.yaml"
    dump(_claims(3), path)
    assert main(["render", str(path), "-o", str(tmp_path / "m.dot"), "--max-statements", "3"]) == 0
    assert main(["render", str(path), "-o", str(tmp_path / "x.dot"), "--max-statements", "2"]) == 1
    assert not (tmp_path / "x.dot").exists()
