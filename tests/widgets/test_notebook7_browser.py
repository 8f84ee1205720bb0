"""The Explorer in Notebook 7 (the classic-style notebook app), in headless chromium.

Opens a notebook of one explorer of the example map in Notebook 7, runs it, then: a switch click
restyles every node as ``argmap.evaluate`` predicts and never pans the map, the changed list
appears, the keyboard reaches and toggles a switch, and the panes stack at 800 px. Screenshots
at 800 and 1280 px go to ARGMAP_TEST_ARTIFACTS (else pytest's temporary folder).
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
import browser

pytestmark = browser.MARKS

CELL = """\
import argmap
alliance = argmap.examples.load("alliance")
explorer = argmap.Explorer(alliance)
explorer
"""


@pytest.fixture(scope="module")
def notebook7(tmp_path_factory):
    """One Notebook 7 server for the module, with a notebook of one explorer in its root."""
    work = tmp_path_factory.mktemp("notebook7")
    root = work / "root"
    browser.copy_examples(root)
    browser.write_notebook(root / "explorer.ipynb", CELL)
    with browser.jupyter_server("notebook", root, work) as server:
        yield server


@pytest.fixture
def explorer_page(notebook7):
    """A chromium page at 1280 x 1000 px with the explorer notebook run; yields (page, explorer)."""
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (dev extra)")
    with sync_api.sync_playwright() as playwright:
        chromium = browser.launch(playwright)
        try:
            page = chromium.new_page(viewport={"width": 1280, "height": 1000})
            browser.run_all(page, notebook7, "explorer.ipynb")
            assert not browser.error_outputs(page)
            explorer = page.locator(browser.EXPLORER).first
            explorer.locator(browser.NODES).first.wait_for(timeout=30_000)
            static = page.locator(".argmap-x-static")
            assert not any(static.nth(i).is_visible() for i in range(static.count())), "static picture shows"
            yield page, explorer
        finally:
            chromium.close()
            notebook7.close_sessions()


def _alliance():
    import argmap  # noqa: PLC0415

    return argmap.examples.load("alliance")


def test_notebook7_switch_keyboard_and_layout(explorer_page, tmp_path):
    """Click and keyboard restyle as evaluate() predicts, no pan, changed list, stacked at 800 px."""
    page, explorer = explorer_page
    argument_map = _alliance()
    shown = browser.node_statuses(explorer)
    assert shown
    everything_on = browser.predicted(argument_map)
    assert shown == {key: everything_on[key] for key in shown}

    evidence, changed = browser.pick_evidence(argument_map)
    explorer.locator(".argmap-x-map").evaluate("el => { el.scrollTop = el.scrollHeight / 3; }")
    browser.evidence_switch(explorer, evidence).scroll_into_view_if_needed()  # Playwright's own scroll
    before = browser.scroll_positions(explorer)
    browser.evidence_switch(explorer, evidence).click()
    browser.wait_for_statuses(page, explorer, browser.predicted(argument_map, off=[evidence]))
    assert not browser.pressed(browser.evidence_switch(explorer, evidence))
    page.wait_for_timeout(300)
    assert browser.scroll_positions(explorer) == before, "a click on a switch panned the map"
    items = explorer.locator(".argmap-x-changed button.argmap-x-changed-item")
    items.first.wait_for(timeout=10_000)
    listed = {items.nth(i).get_attribute("data-argmap-id") for i in range(items.count())}
    assert listed & changed, (listed, changed)
    browser.screenshot(page, explorer, browser.artifact_dir(tmp_path) / "notebook7-light-1280.png")

    switch = browser.evidence_switch(explorer, evidence)
    switch.focus()
    page.keyboard.press("Space")
    browser.wait_for_statuses(page, explorer, everything_on)
    assert browser.pressed(switch)
    page.keyboard.press("Tab")
    focused = page.evaluate("() => document.activeElement.getAttribute('data-argmap-evidence')")
    assert focused, "Tab moves from one switch to the next"
    page.keyboard.press("Enter")
    browser.wait_for_statuses(page, explorer, browser.predicted(argument_map, off=[focused]))
    assert not browser.pressed(browser.evidence_switch(explorer, focused))

    page.set_viewport_size({"width": 800, "height": 1000})
    page.wait_for_function("el => el.classList.contains('argmap-x-stacked')", arg=explorer.element_handle())
    boxes = explorer.evaluate(
        """el => ['.argmap-x-map', '.argmap-x-switches'].map(s => {
            const r = el.querySelector(s).getBoundingClientRect(); return [r.top, r.bottom]; })"""
    )
    assert boxes[0][1] <= boxes[1][0] + 1, f"the map is not above the switches at 800 px: {boxes}"
    browser.screenshot(page, explorer, browser.artifact_dir(tmp_path) / "notebook7-light-800.png")
