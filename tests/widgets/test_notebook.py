"""The example notebook examples/alliance.ipynb runs top to bottom, headless (nbclient)."""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest

nbformat = pytest.importorskip("nbformat", reason="nbformat is not installed (dev extra)")
nbclient = pytest.importorskip("nbclient", reason="nbclient is not installed (dev extra)")
pytest.importorskip("ipykernel", reason="ipykernel is not installed (dev extra)")
pytest.importorskip("anywidget", reason="the notebook extra (anywidget) is not installed")

pytestmark = [pytest.mark.slow, pytest.mark.requires_dot]

NOTEBOOK = Path(__file__).resolve().parents[2] / "examples" / "alliance.ipynb"
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


@pytest.fixture(scope="module")
def executed():
    """The notebook after a headless run from its own folder, with widget state stored."""
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    client = nbclient.NotebookClient(
        notebook,
        timeout=180,
        kernel_name="python3",
        resources={"metadata": {"path": str(NOTEBOOK.parent)}},
        store_widget_state=True,
    )
    client.execute()
    return notebook


def test_notebook_is_committed_without_outputs():
    """The committed notebook carries no outputs or execution counts (small diffs, no stale state)."""
    notebook = json.loads(NOTEBOOK.read_text(encoding="utf-8"))
    for cell in notebook["cells"]:
        if cell["cell_type"] == "code":
            assert cell["outputs"] == [], cell["source"]
            assert cell["execution_count"] is None


def test_notebook_runs_without_errors(executed):
    """Every code cell runs; no error output and nothing written to stderr but the kernel's warnings."""
    for cell in executed.cells:
        if cell.cell_type != "code":
            continue
        for output in cell.outputs:
            assert output.output_type != "error", f"{output.get('ename')}: {output.get('evalue')}"
            if output.output_type == "stream" and output.name == "stderr":
                assert "Traceback" not in output.text, output.text


def test_explorers_display_as_widgets_after_a_static_picture(executed):
    """Each explorer shows its static picture (HTML, SVG) for viewers with no widgets, then the view."""
    pairs = [
        (cell.outputs[index - 1].data, output.data)
        for cell in executed.cells
        if cell.cell_type == "code"
        for index, output in enumerate(cell.outputs)
        if output.output_type in {"execute_result", "display_data"} and WIDGET_VIEW in output.data
    ]
    assert len(pairs) >= 3  # the explorer, the df-quad explorer, the %%argmap one
    for static, data in pairs:
        assert static["text/html"].startswith('<div class="argmap-x-static"')
        assert "<svg" in static["text/html"]
        assert data["text/plain"].startswith("<Explorer ")
    assert "widgets" in executed.metadata


def _literal_what_ifs(notebook) -> list[list[str]]:
    """Return each ``explorer.off = [...]`` (the alliance explorer's) whose value is a list of strings."""
    found = []
    for cell in notebook.cells:
        if cell.cell_type != "code" or cell.source.lstrip().startswith("%"):
            continue
        for node in ast.walk(ast.parse(cell.source)):
            if not isinstance(node, ast.Assign) or not isinstance(node.value, ast.List):
                continue
            target = node.targets[0]
            on_explorer = isinstance(target, ast.Attribute) and isinstance(target.value, ast.Name)
            if on_explorer and target.value.id == "explorer" and target.attr == "off":
                value = ast.literal_eval(node.value)
                if value and all(isinstance(item, str) for item in value):
                    found.append(value)
    return found


def test_what_ifs_report_the_verdicts_evaluate_gives(executed):
    """Each what-if written out as a list of ids prints the verdict evaluate() gives for it."""
    import argmap  # noqa: PLC0415
    from argmap.evaluation import evaluate  # noqa: PLC0415

    alliance = argmap.examples.load("alliance")
    text = "\n".join(
        output.get("text", "")
        for cell in executed.cells
        if cell.cell_type == "code"
        for output in cell.outputs
        if output.output_type == "stream"
    )
    what_ifs = _literal_what_ifs(executed)
    assert what_ifs, "the notebook switches something off by id"
    for off in what_ifs:
        assert evaluate(alliance, off=off).verdict.text in text, off


def test_nbconvert_without_widget_state_shows_the_svg(executed):
    """Where no widget state or frontend exists, nbconvert's HTML shows each explorer's picture."""
    exporters = pytest.importorskip("nbconvert", reason="nbconvert is not installed")
    notebook = nbformat.reads(nbformat.writes(executed), as_version=4)
    notebook.metadata.pop("widgets", None)
    body, _resources = exporters.HTMLExporter().from_notebook_node(notebook)
    assert "application/vnd.jupyter.widget-view+json" not in body.split("<body", 1)[1]
    assert body.count('class="jp-RenderedSVG jp-OutputArea-output jp-OutputArea-executeResult"') >= 1
    assert body.count('<div class="argmap-x-static"') >= 3
