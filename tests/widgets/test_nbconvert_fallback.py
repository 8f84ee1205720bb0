"""The explorer's static fallback: a notebook exported with nbconvert shows its maps, offline.

Executes examples/alliance.ipynb and exports it to HTML with nbconvert's defaults
(``jupyter nbconvert --to html --execute``), opens the file from disk in chromium with every
request that is not a file aborted (and counted), and checks that each explorer's output shows
the map: an <svg> with the statements' nodes, each with the status class ``argmap.evaluate`` gives,
at a non-zero size, and a verdict that names a position.
nbconvert's template loads the widget manager from a CDN, so with the network off the widget
cannot render; the static representation must show instead of an empty output.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
import browser

pytestmark = browser.MARKS

# Cells that display an explorer: the widget, the df-quad one, and the %%argmap cell magic.
EXPLORER_CELLS = ("argmap.Explorer(alliance)", 'semantics="df-quad", show_critical=True', "%%argmap mini")


@pytest.fixture(scope="module")
def exported(tmp_path_factory) -> Path:
    """The example notebook, executed and exported by ``jupyter nbconvert --to html --execute``."""
    pytest.importorskip("nbconvert", reason="nbconvert is not installed (dev extra)")
    root = tmp_path_factory.mktemp("nbconvert")
    browser.copy_examples(root)
    result = subprocess.run(
        [sys.executable, "-m", "jupyter", "nbconvert", "--to", "html", "--execute", "alliance.ipynb"],
        cwd=root / "examples",
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        env=browser.kernel_env(),
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return root / "examples" / "alliance.html"


def test_exported_html_shows_every_explorer_map_offline(exported, tmp_path):
    """Opened from disk with the network blocked, each explorer cell shows its map with statuses."""
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (dev extra)")
    import argmap  # noqa: PLC0415

    argument_map = argmap.load(browser.ROOT / "examples" / "alliance.yaml")
    statements = {s.id for s in argument_map.statements}
    positions = [p.text[:20] for p in argument_map.positions]
    blocked: list[str] = []

    def block(route):
        if route.request.url.startswith("file:"):
            route.continue_()
        else:
            blocked.append(route.request.url)
            route.abort()

    with sync_api.sync_playwright() as playwright:
        chromium = browser.launch(playwright)
        try:
            page = chromium.new_page(viewport={"width": 1280, "height": 1000})
            page.route("**/*", block)
            page.goto(exported.as_uri(), wait_until="load")
            page.wait_for_timeout(1500)  # let the (blocked) widget loader give up
            cells = page.locator(".jp-CodeCell")
            sources = [cells.nth(i).locator(".jp-InputArea").inner_text() for i in range(cells.count())]
            # The picture first, so that a failure below still leaves it to look at.
            shot = browser.artifact_dir(tmp_path) / "nbconvert-offline.png"
            first = cells.nth(next((i for i, t in enumerate(sources) if EXPLORER_CELLS[0] in t), 0))
            first.scroll_into_view_if_needed()
            page.screenshot(path=str(shot))
            found = []
            for wanted in EXPLORER_CELLS:
                index = next((i for i, text in enumerate(sources) if wanted in text), None)
                assert index is not None, f"no cell with {wanted!r} in the exported notebook"
                output = cells.nth(index).locator(".jp-OutputArea")
                svg = output.locator("svg").first
                assert svg.count() == 1, f"the output of the cell with {wanted!r} shows no <svg> map"
                svg.scroll_into_view_if_needed()
                box = svg.bounding_box()
                assert box is not None, f"the map of {wanted!r} is not displayed"
                assert box["width"] > 100, f"the map of {wanted!r} is {box['width']:.0f} px wide"
                assert box["height"] > 100, f"the map of {wanted!r} is {box['height']:.0f} px high"
                assert svg.is_visible()
                drawn = svg.evaluate(
                    """el => [...el.querySelectorAll('[data-argmap-id]')].map(n => [
                        n.getAttribute('data-argmap-id'),
                        [...n.classList].filter(c => c.startsWith('argmap-status-')),
                    ])"""
                )
                ids = {node_id for node_id, _ in drawn}
                unstyled = [node_id for node_id, classes in drawn if len(classes) != 1]
                assert ids, f"the map of {wanted!r} has no statement nodes"
                assert not unstyled, f"nodes without one status class in {wanted!r}: {unstyled[:5]}"
                if "mini" not in wanted:
                    # The picture shows the statuses evaluate() gives when the explorer was displayed.
                    semantics = "df-quad" if "df-quad" in wanted else "grounded"
                    expected = browser.predicted(argument_map, semantics=semantics)
                    wrong = {
                        node_id: classes
                        for node_id, classes in drawn
                        if classes != [f"argmap-status-{expected[node_id]}"]
                    }
                    assert not wrong, (
                        f"statuses unlike evaluate() in {wanted!r}: {dict(list(wrong.items())[:5])}"
                    )
                    verdict = output.locator(".argmap-x-static-verdict").first.inner_text()
                    assert any(p in verdict for p in positions), f"no verdict naming a position: {verdict!r}"
                    assert ids <= statements
                    assert len(ids) >= len(statements) // 2, f"{len(ids)} of {len(statements)} nodes"
                found.append(f"{wanted!r}: {len(ids)} nodes, {box['width']:.0f}x{box['height']:.0f} px")
        finally:
            chromium.close()
    print(f"\nnbconvert fallback: {found}; {len(blocked)} non-file requests blocked: {blocked[:5]}; {shot}")
