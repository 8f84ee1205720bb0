"""The agreement vectors in headless Chromium: one page, one loop over every case, results back.

The same checks as Node (tests/standalone/node/check_vectors.mjs, a plain script) run against the
evaluator loaded as the page loads it: the classic script form (``evaluator_source(module=False)``)
and, for a spot check, the ES module form. Nothing may be fetched.
"""

from __future__ import annotations

import gzip
import json
import sys
from pathlib import Path

import pytest

import argmap
from argmap.standalone.data import evaluator_source, page_data

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "widgets"))
from browser import CHROMIUM, launch  # the one place that knows how chromium starts here

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
VECTORS = HERE / "vectors"
CHECK = HERE / "node" / "check_vectors.mjs"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.skipif(
        not CHROMIUM.exists(),
        reason=f"no chromium at {CHROMIUM} (run scripts/browser_test_setup.sh, or set ARGMAP_CHROMIUM)",
    ),
]


@pytest.fixture(scope="module")
def page():
    """A blank page in headless Chromium that may fetch nothing; the requests it tried are listed."""
    playwright_api = pytest.importorskip(
        "playwright.sync_api", reason="playwright is not installed (dev extra)"
    )
    with playwright_api.sync_playwright() as playwright:
        chromium = launch(playwright)
        try:
            opened = chromium.new_page()
            tried: list[str] = []
            opened.route("**/*", lambda route: (tried.append(route.request.url), route.abort()))
            opened.set_content("<!doctype html><html><head><title>vectors</title></head><body></body></html>")
            opened.tried = tried
            yield opened
        finally:
            chromium.close()


def test_chromium_agrees_with_python_on_every_vector(page):
    """Chromium runs every case in one page, fetching nothing and leaving the page as it was."""
    files = [
        json.loads(gzip.decompress(path.read_bytes()).decode("utf-8"))
        for path in sorted(VECTORS.glob("*.json.gz"))
    ]
    page.add_script_tag(content=evaluator_source(module=False))
    page.add_script_tag(content=CHECK.read_text(encoding="utf-8"))
    summary = page.evaluate(
        """files => {
            const started = performance.now();
            const summary = argmapCheckVectors(argmapEvaluate, files);
            summary.ms = performance.now() - started;
            summary.body = document.body.innerHTML;
            return summary;
        }""",
        files,
    )
    total = sum(len(content["cases"]) for content in files)
    assert summary["cases"] == total
    assert summary["failed"] == 0, json.dumps(summary["failures"][:5], indent=1, ensure_ascii=False)
    assert summary["maxDiff"] <= 1e-9
    assert summary["body"] == "", "the evaluator must not touch the page"
    assert page.tried == []
    sys.stdout.write(f"\nchromium: {summary['cases']} cases agree in {summary['ms']:.0f} ms\n")


def test_module_form_loads_in_chromium_and_agrees(page):
    """The ES module form loads as a <script type=module> and gives Python's answers."""
    data = page_data(argmap.loads((ROOT / "examples" / "alliance.yaml").read_text(encoding="utf-8")))
    module = evaluator_source() + "\nglobalThis.argmapModule = { evaluate, explorerState };\n"
    page.add_script_tag(content=module, type="module")
    page.wait_for_function("() => globalThis.argmapModule !== undefined")
    got = page.evaluate(
        """data => {
            const result = argmapModule.evaluate(data, { off: ["l-no-arms"], semantics: "df-quad" });
            return { statuses: result.statuses, strengths: result.strengths, text: result.verdict.text };
        }""",
        data,
    )
    python = argmap.evaluate(
        argmap.loads((ROOT / "examples" / "alliance.yaml").read_text(encoding="utf-8")),
        "df-quad",
        off="l-no-arms",
    )
    assert got["statuses"] == {sid: status.value for sid, status in python.statuses.items()}
    assert got["strengths"] == dict(python.strengths)
    assert got["text"] == python.verdict.text
    assert page.tried == []
