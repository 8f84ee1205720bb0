"""The Explorer in a real browser: JupyterLab 4 + Debian chromium + Playwright (argmap.widgets).

Runs the example notebook in JupyterLab, clicks an evidence switch and then the same evidence's
node in the map, and checks that a claim's status class in the SVG and the verdict text change.
Shows a map whose every text field (and many ids) is an injection attempt, works every control,
and checks that nothing ran, nothing was fetched, and the text shows as text. Then, on a notebook
of one explorer of the example (issue 12): every node's status after a click is what
``argmap.evaluate`` predicts, a click never pans, the changed list and flashes, selection and
hover outlines (computed style), the keyboard, the filter box, a line's switch, the layout at
800/1280/1600 px, contrast in JupyterLab Dark, and the detail levels.
One server and one chromium per module; the DOM is the one argmap/widgets/static/explorer.js
draws. Needs /usr/bin/chromium (or ARGMAP_CHROMIUM); ``scripts/browser_test_setup.sh``
installs it. Screenshots go to ARGMAP_TEST_ARTIFACTS if set, else to pytest's temporary folder
(never the repository's build/, which ``python -m build`` uses).
"""

from __future__ import annotations

import re
import sys
import time
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
import browser

pytestmark = browser.MARKS
ROOT = browser.ROOT


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """One JupyterLab server for the module, with the examples copied into its root."""
    work = tmp_path_factory.mktemp("lab")
    root = work / "root"
    browser.copy_examples(root)
    with browser.jupyter_server("lab", root, work) as server:
        yield server


@pytest.fixture(scope="module")
def chromium():
    """One headless chromium for the module (a fresh context per test)."""
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (dev extra)")
    with sync_api.sync_playwright() as playwright:
        launched = browser.launch(playwright)
        yield launched
        launched.close()


@pytest.fixture
def page(chromium, lab):
    """A fresh page at 1280 x 1000 px; kernels started by the test are shut down after it."""
    context = chromium.new_context(viewport={"width": 1280, "height": 1000})
    context.set_default_timeout(15_000)
    yield context.new_page()
    context.close()
    lab.close_sessions()


def _pick_toggle():
    """Return (first, evidence, claim, status on, status off) for the click test.

    With ``first`` switched off, switching ``evidence`` off too changes ``claim``'s status and the
    verdict. (In the alliance map no single quote changes the verdict: the no-arms claim rests on
    two quotes, so the test switches one off first.)
    """
    import argmap  # noqa: PLC0415
    from argmap.evaluation import evaluate  # noqa: PLC0415

    argument_map = argmap.load(ROOT / "examples" / "alliance.yaml")
    evidence = [e.id for e in argument_map.evidence]
    claims = [c.id for c in argument_map.claims]
    for first in evidence:
        before = evaluate(argument_map, off={first})
        for second in evidence:
            if second == first:
                continue
            after = evaluate(argument_map, off={first, second})
            if after.verdict.text == before.verdict.text:
                continue
            for claim in claims:
                if after.statuses[claim] != before.statuses[claim]:
                    return first, second, claim, before.statuses[claim].value, after.statuses[claim].value
    pytest.fail("no pair of evidence in examples/alliance.yaml changes both a claim and the verdict")
    return None  # unreachable; pytest.fail raises


def _verdict_positions() -> int:
    """Return how many positions the verdict panel of the example lists (those of its first question)."""
    import argmap  # noqa: PLC0415
    from argmap.evaluation import evaluate  # noqa: PLC0415

    return len(evaluate(argmap.load(ROOT / "examples" / "alliance.yaml")).verdict.positions)


def _pick_line():
    """Return a line of argument of the example whose switching off changes the grounded verdict."""
    import argmap  # noqa: PLC0415
    from argmap.evaluation import evaluate  # noqa: PLC0415

    argument_map = argmap.load(ROOT / "examples" / "alliance.yaml")
    before = evaluate(argument_map).verdict.text
    return next(
        (
            line.id
            for line in argument_map.lines
            if evaluate(argument_map, off=[line.id]).verdict.text != before
        ),
        None,
    )


def test_clicks_restyle_the_map_and_the_verdict(lab, page, tmp_path):
    """Unticking a switch, then clicking the evidence node, flips a claim's status class and the verdict."""
    from argmap.rendering import STATUS_MARKS  # noqa: PLC0415

    first, evidence, claim, status_on, status_off = _pick_toggle()
    started = time.monotonic()
    page.set_viewport_size({"width": 1500, "height": 1000})
    browser.run_all(page, lab, "examples/alliance.ipynb")
    assert not browser.error_outputs(page)
    explorer = page.locator(".argmap-x").first
    node = explorer.locator(f".argmap-x-map [data-argmap-id='{claim}']")
    node.wait_for(state="attached", timeout=30_000)
    verdict = explorer.locator(".argmap-x-verdict-text").first
    switch = browser.evidence_switch(explorer, evidence)
    assert browser.pressed(switch), f"{evidence} should start switched on"
    first_node = explorer.locator(f".argmap-x-map [data-argmap-id='{first}']")
    browser.evidence_switch(explorer, first).click()
    page.wait_for_function(
        "el => el.classList.contains('argmap-status-off')",
        arg=first_node.element_handle(),
        timeout=10_000,
    )
    assert f"argmap-status-{status_on}" in node.get_attribute("class")
    verdict_on = verdict.inner_text()
    svg = explorer.locator(".argmap-x-map svg")
    svg.evaluate("el => { el.argmapFirstDrawn = true; }")  # gone if the SVG were replaced
    box_on = node.evaluate("el => { const b = el.getBBox(); return [b.x, b.y, b.width, b.height]; }")
    badge_on = node.locator("text").all_text_contents()
    assert STATUS_MARKS[status_on] in badge_on

    switch.scroll_into_view_if_needed()
    clicked = time.monotonic()
    switch.click()
    page.wait_for_function(
        "([el, cls]) => el.classList.contains(cls)",
        arg=[node.element_handle(), f"argmap-status-{status_off}"],
        timeout=10_000,
    )
    click_to_restyle = time.monotonic() - clicked
    assert not browser.pressed(switch)
    assert STATUS_MARKS[status_off] in node.locator("text").all_text_contents(), "the badge follows"
    page.wait_for_function(
        "([el, text]) => el.textContent !== text", arg=[verdict.element_handle(), verdict_on]
    )
    verdict_off = verdict.inner_text()
    assert verdict_off != verdict_on
    shot_off = browser.artifact_dir(tmp_path) / "explorer-switch-off.png"
    explorer.screenshot(path=str(shot_off))

    evidence_node = explorer.locator(f".argmap-x-map [data-argmap-id='{evidence}']")
    evidence_node.scroll_into_view_if_needed()
    evidence_node.click()
    page.wait_for_function(
        "([el, cls]) => el.classList.contains(cls)",
        arg=[node.element_handle(), f"argmap-status-{status_on}"],
        timeout=10_000,
    )
    page.wait_for_function(
        "([el, text]) => el.textContent === text", arg=[verdict.element_handle(), verdict_on]
    )
    assert browser.pressed(switch), "clicking the evidence node switches it back on"
    assert f"argmap-status-{status_off}" not in node.get_attribute("class")
    explanation = explorer.locator(".argmap-x-explanation-text").inner_text()
    assert explanation.strip(), "clicking a node shows its explanation"
    shot_on = browser.artifact_dir(tmp_path) / "explorer-node-on.png"
    explorer.screenshot(path=str(shot_on))

    # No re-layout: the same SVG element, the claim's box where it was, its text restored.
    assert svg.evaluate("el => el.argmapFirstDrawn === true"), "a toggle must restyle, not redraw"
    box_after = node.evaluate("el => { const b = el.getBBox(); return [b.x, b.y, b.width, b.height]; }")
    assert box_after == box_on
    assert node.locator("text").all_text_contents() == badge_on

    # The semantics selector re-evaluates (DF-QuAD draws strength bars); Reset goes back.
    explorer.locator("select[aria-label='semantics']").select_option("df-quad")
    explorer.locator(".argmap-x-verdict .argmap-x-bar-fill").nth(1).wait_for(timeout=30_000)
    page.wait_for_function(
        "el => [...el.querySelectorAll('text')]"
        ".some(t => /^Status \\(df-quad semantics\\):?$/.test(t.textContent))",
        arg=explorer.locator(".argmap-x-map").element_handle(),
        timeout=30_000,
    )
    explorer.locator("button.argmap-x-reset").click()
    page.wait_for_function(
        "el => el.value === 'grounded'",
        arg=explorer.locator("select[aria-label='semantics']").element_handle(),
        timeout=30_000,
    )
    explorer.locator(".argmap-x-verdict .argmap-x-bar-fill").first.wait_for(state="detached", timeout=30_000)

    # A line of argument is switched off with one click, and back on with another.
    line = _pick_line()
    if line is not None:
        verdict_reset = verdict.inner_text()
        line_switch = browser.line_switch(explorer, line)
        line_switch.click()
        page.wait_for_function(
            "([el, text]) => el.textContent !== text", arg=[verdict.element_handle(), verdict_reset]
        )
        assert not browser.pressed(line_switch)
        line_switch.click()
        page.wait_for_function(
            "([el, text]) => el.textContent === text", arg=[verdict.element_handle(), verdict_reset]
        )

    # The other explorer in the notebook (DF-QuAD) draws strength bars and the critical chart.
    gradual = page.locator(".argmap-x").nth(1)
    gradual.scroll_into_view_if_needed()
    positions = _verdict_positions()
    assert gradual.locator(".argmap-x-verdict .argmap-x-bar-fill").count() == positions
    assert gradual.locator(".argmap-x-critical-item").count() > 0
    shot_gradual = browser.artifact_dir(tmp_path) / "explorer-df-quad-critical.png"
    gradual.screenshot(path=str(shot_gradual))
    switchable = ".argmap-x-critical-item[data-argmap-kind='evidence'], [data-argmap-kind='line']"
    top = gradual.locator(switchable).first
    top_id = top.get_attribute("data-argmap-part")
    top.click()
    gradual_switch = gradual.locator(f".argmap-x-switches button[data-argmap-id='{top_id}']")
    page.wait_for_function(
        "el => el.getAttribute('aria-pressed') === 'false'",
        arg=gradual_switch.element_handle(),
        timeout=10_000,
    )
    print(
        f"\nbrowser test: with {first} off, {evidence} off -> {claim} {status_on} -> {status_off};"
        f" click to restyle {click_to_restyle * 1000:.0f} ms; driver {time.monotonic() - started:.1f} s"
        f"\nscreenshots: {shot_off} {shot_on} {shot_gradual}"
    )


# Each payload, if it ran, would set window.__pwned or fetch from evil.invalid.
PAYLOADS = [
    "<script>window.__pwned=1</script>",
    '<img src=x onerror="window.__pwned=2">',
    '"><svg onload="window.__pwned=3"></svg>',
    "javascript:window.__pwned=4",
    '</text><foreignObject><body onload="window.__pwned=5"></body></foreignObject><text>',
    "<style>@import url(http://evil.invalid/x.css);</style>",
    '<a href="javascript:window.__pwned=7">click</a>',
    "]]><script>window.__pwned=8</script><![CDATA[",
    '<iframe src="http://evil.invalid/"></iframe>',
    "\u202eevil\u202c {{7*7}} ${7*7} &amp; &lt;b&gt;",
    '<image href="http://evil.invalid/i.png"/>',
    "' onmouseover='window.__pwned=12",
]

HOSTILE_CELL = f"""\
from argmap.model import ArgumentMap
from argmap.widgets import Explorer

P = {PAYLOADS!r}
n = iter(range(10_000))
def x(tag):
    return f"{{tag}} {{P[next(n) % len(P)]}}"

b = ArgumentMap.build(x("map title"), description=x("description"))
q = b.question('q"><img src=x onerror=window.__pwned=21>', x("question"), note=x("note"))
yes = b.position("p-yes<script>window.__pwned=22</script>", x("position"), note=x("note"))
no = b.position("p-no' onmouseover='window.__pwned=23", x("position"))
src = b.source(
    "s<svg onload=window.__pwned=24>", x("source title"), author=x("author"), publisher=x("publisher"),
    date=x("date"), url="https://evil.invalid/?q=<script>window.__pwned=25</script>",
)
c1 = b.claim("c1</text><script>window.__pwned=26</script>", x("claim"), note=x("note"))
c2 = b.claim("c2", x("claim"), assumed=True)
b.pro([c1], yes, id="a-yes<img src=x onerror=window.__pwned=27>", title=x("argument title"), note=x("note"))
b.con([c2], yes, id="a-against", title=x("argument title"))
b.pro([c2], no, id="a-no", title=x("argument title"))
for i in range(4):
    b.evidence(
        f"ev{{i}}<img src=x onerror=window.__pwned=3{{i}}>", x("quote"), source=src, speaker=x("speaker"),
        locator=x("locator"), text=x("paraphrase"), note=x("note"), supports=c1 if i % 2 else c2,
    )
b.undercut(c2, "a-yes<img src=x onerror=window.__pwned=27>")
b.line("l-hostile<script>window.__pwned=41</script>", x("line title"), ["a-no", "a-against"], note=x("note"))
hostile = b.finish()
print("hostile map built:", len(hostile.statements), "statements")
Explorer(hostile, show_critical=True)
"""


def _hostile_notebook(root: Path) -> Path:
    return browser.write_notebook(root / "hostile.ipynb", HOSTILE_CELL)


def test_hostile_text_shows_as_text_and_runs_nothing(lab, page, tmp_path):
    """Every text field and many ids an injection attempt: nothing runs or loads, text stays text."""
    _hostile_notebook(lab.root)
    requests: list[str] = []
    dialogs: list[str] = []
    page.set_viewport_size({"width": 1500, "height": 1000})
    page.on("request", lambda request: requests.append(request.url))
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    browser.run_all(page, lab, "hostile.ipynb")
    assert not browser.error_outputs(page)
    explorer = page.locator(".argmap-x").first
    explorer.locator(".argmap-x-map svg g[data-argmap-id]").first.wait_for(timeout=30_000)

    # Work every control, so that every piece of hostile text is drawn somewhere.
    title = explorer.locator(".argmap-x-title").inner_text()
    assert title == f"map title {PAYLOADS[0]}", "the title is shown as text, verbatim"
    explorer.locator(".argmap-x-switches button[data-argmap-line]").first.click()
    for index in range(2):
        explorer.locator(".argmap-x-switches button[data-argmap-evidence]").nth(index).click()
    nodes = explorer.locator(".argmap-x-map svg g[data-argmap-id]")
    for index in range(nodes.count()):
        nodes.nth(index).hover()
    claim = explorer.locator(".argmap-x-map svg g[data-kind='claim']").first
    claim.click()
    page.wait_for_function(
        "el => el.textContent.length > 20",
        arg=explorer.locator(".argmap-x-explanation-text").element_handle(),
        timeout=10_000,
    )
    explorer.locator("select[aria-label='semantics']").select_option("df-quad")
    explorer.locator(".argmap-x-verdict .argmap-x-bar-fill").first.wait_for(timeout=30_000)
    if explorer.locator(".argmap-x-critical-item").count():
        explorer.locator(".argmap-x-critical-item").first.click()
    page.wait_for_timeout(500)
    explorer.screenshot(path=str(browser.artifact_dir(tmp_path) / "explorer-hostile.png"))

    assert page.evaluate("() => window.__pwned") is None, "a payload ran"
    assert dialogs == []
    dangerous = explorer.evaluate(
        """el => [...el.querySelectorAll(
                'script, foreignObject, iframe, img, image, style, object, embed')]
            .map(e => e.outerHTML)
            .concat([...el.querySelectorAll('*')].flatMap(e => [...e.attributes]
                .filter(a => /^on/i.test(a.name)
                    || (/(^|:)(href|src|action)$/i.test(a.name) && /^\\s*javascript:/i.test(a.value)))
                .map(a => `${e.tagName} ${a.name}=${a.value}`)))"""
    )
    assert dangerous == [], dangerous
    shown = explorer.inner_text()
    assert "<script>window.__pwned=1</script>" in shown, "hostile text is shown as text"
    assert "{{7*7}}" in shown
    served = lab.url.split("//", 1)[1]
    foreign = [r for r in requests if r.split(":", 1)[0] in {"http", "https"} and f"//{served}/" not in r]
    assert foreign == [], foreign


# -- the explorer for a person (issue 12, part 3), on a notebook of one explorer ----------------

EXPLORER_CELL = """\
import argmap
alliance = argmap.examples.load("alliance")
explorer = argmap.Explorer(alliance)
explorer
"""


# Whether a node's centre is inside the visible part of the map pane.
CENTRE_IN_VIEW = """el => {
    const n = el.getBoundingClientRect(), p = el.closest('.argmap-x-map').getBoundingClientRect();
    const [cx, cy] = [n.left + n.width / 2, n.top + n.height / 2];
    return cx >= p.left && cx <= p.right && cy >= p.top && cy <= p.bottom;
}"""
VISIBLE_SWITCHES = """([el, n]) =>
    [...el.querySelectorAll('button.argmap-x-switch')].filter(b => b.offsetParent).length === n"""


def _alliance():
    import argmap  # noqa: PLC0415

    return argmap.examples.load("alliance")


def _open_explorer(page, lab, name: str, *cells: str):
    """Write and run a notebook of ``cells`` (default: an explorer of the example); return its explorer."""
    browser.write_notebook(lab.root / name, *(cells or (EXPLORER_CELL,)))
    browser.run_all(page, lab, name)
    assert not browser.error_outputs(page)
    explorer = page.locator(browser.EXPLORER).first
    explorer.locator(browser.NODES).first.wait_for(timeout=30_000)
    # The static picture shown with the widget (for nbconvert and viewers) hides once the view is live.
    static = page.locator(".argmap-x-static")
    assert not any(static.nth(i).is_visible() for i in range(static.count())), "the static picture shows too"
    return explorer


def test_switch_restyles_as_python_predicts_without_panning(lab, page, tmp_path):
    """A switch and a node click restyle every node as evaluate() says, list what changed, never pan."""
    argument_map = _alliance()
    evidence, changed = browser.pick_evidence(argument_map)
    assert changed, "some evidence of the example must change another statement's status"
    explorer = _open_explorer(page, lab, "predict.ipynb")
    assert browser.node_statuses(explorer) == {
        key: value
        for key, value in browser.predicted(argument_map).items()
        if key in browser.node_statuses(explorer)
    }
    pane = explorer.locator(".argmap-x-map")
    pane.evaluate("el => { el.scrollTop = el.scrollHeight / 3; el.scrollLeft = el.scrollWidth / 4; }")
    # Playwright scrolls what it clicks into view; do that first, so that only the explorer could pan.
    browser.evidence_switch(explorer, evidence).scroll_into_view_if_needed()
    before = browser.scroll_positions(explorer)

    browser.evidence_switch(explorer, evidence).click()
    off = browser.predicted(argument_map, off=[evidence])
    browser.wait_for_statuses(page, explorer, off)
    assert not browser.pressed(browser.evidence_switch(explorer, evidence))
    page.wait_for_timeout(300)  # a late scrollIntoView would land here
    assert browser.scroll_positions(explorer) == before, "a click on a switch panned the map"

    listed = explorer.locator(".argmap-x-changed")
    listed.locator("button.argmap-x-changed-item").first.wait_for(timeout=10_000)
    items = listed.locator("button.argmap-x-changed-item")
    ids = {items.nth(i).get_attribute("data-argmap-id") for i in range(items.count())}
    if len(changed) <= 12:
        assert changed <= ids <= changed | {evidence}, (ids, changed)
        assert str(len(ids)) in listed.inner_text()
    flashed = explorer.evaluate(
        "el => [...el.querySelectorAll('.argmap-x-map .argmap-x-flash')]"
        ".map(n => n.getAttribute('data-argmap-id'))"
    )
    assert set(flashed) & changed, "the statements that changed flash"
    browser.screenshot(page, explorer, browser.artifact_dir(tmp_path) / "lab-light-1280-changed.png")

    # A changed statement in the list brings it into view in the map, and marks it.
    target = min(changed)
    items = listed.locator(f"button.argmap-x-changed-item[data-argmap-id='{target}']")
    items.click()
    node = explorer.locator(f".argmap-x-map g[data-argmap-id='{target}']")
    page.wait_for_function("el => el.classList.contains('argmap-x-selected')", arg=node.element_handle())
    page.wait_for_timeout(600)  # smooth scrolling, if any
    assert node.evaluate(CENTRE_IN_VIEW), f"{target} is not brought into the map's view"

    # Clicking the evidence node in the map switches it back on, without panning either.
    evidence_node = explorer.locator(f".argmap-x-map g[data-argmap-id='{evidence}']")
    evidence_node.scroll_into_view_if_needed()
    before = browser.scroll_positions(explorer)
    evidence_node.click()
    browser.wait_for_statuses(page, explorer, browser.predicted(argument_map))
    page.wait_for_timeout(300)
    assert browser.scroll_positions(explorer) == before, "a click on a node panned the map"
    assert browser.pressed(browser.evidence_switch(explorer, evidence))


def test_selection_and_hover_outlines_show(lab, page):
    """Clicking a claim and hovering evidence mark node and switch; the computed style shows it."""
    argument_map = _alliance()
    explorer = _open_explorer(page, lab, "outlines.ipynb")
    page.mouse.move(2, 2)
    claim = next(c.id for c in argument_map.claims if not c.assumed)
    node = explorer.locator(f".argmap-x-map g[data-argmap-id='{claim}']")
    node.scroll_into_view_if_needed()
    plain = node.evaluate(browser.STYLE_SIGNATURE_JS)
    node.click()
    page.wait_for_function("el => el.classList.contains('argmap-x-selected')", arg=node.element_handle())
    page.mouse.move(2, 2)
    page.wait_for_timeout(250)  # transitions
    selected = node.evaluate(browser.STYLE_SIGNATURE_JS)
    assert selected != plain, f"the selected node looks the same: {plain}"
    assert explorer.locator(".argmap-x-map .argmap-x-selected").count() >= 1

    evidence = argument_map.evidence[0].id
    evidence_node = explorer.locator(f".argmap-x-map g[data-argmap-id='{evidence}']")
    row = browser.evidence_switch(explorer, evidence)
    evidence_node.scroll_into_view_if_needed()
    unhovered_node = evidence_node.evaluate(browser.STYLE_SIGNATURE_JS)
    row.scroll_into_view_if_needed()
    unhovered_row = row.evaluate("el => getComputedStyle(el).backgroundColor + getComputedStyle(el).outline")
    evidence_node.hover()
    page.wait_for_function("el => el.classList.contains('argmap-x-hover')", arg=row.element_handle())
    page.wait_for_timeout(250)
    hovered_node = evidence_node.evaluate(browser.STYLE_SIGNATURE_JS)
    assert hovered_node != unhovered_node, "hovering a node shows no outline"
    hovered_row = row.evaluate("el => getComputedStyle(el).backgroundColor + getComputedStyle(el).outline")
    assert hovered_row != unhovered_row, "hovering a node does not mark its switch"
    page.mouse.move(2, 2)
    row.hover()
    page.wait_for_function(
        "el => el.classList.contains('argmap-x-hover')", arg=evidence_node.element_handle()
    )


def test_keyboard_reaches_and_toggles_switches_and_nodes(lab, page):
    """Tab reaches a switch, Space and Enter toggle it (aria-pressed flips); nodes are buttons too."""
    argument_map = _alliance()
    explorer = _open_explorer(page, lab, "keyboard.ipynb")
    roles = explorer.evaluate(
        """el => [...el.querySelectorAll('.argmap-x-map g[data-argmap-id]')].map(n => [
            n.getAttribute('data-argmap-id'), n.getAttribute('tabindex'), n.getAttribute('role'),
            n.getAttribute('data-kind'), n.getAttribute('aria-pressed')])"""
    )
    assert roles
    assert all(tab == "0" and role == "button" for _id, tab, role, _kind, _pressed in roles), roles[:3]
    assert all(pressed in {"true", "false"} for _id, _t, _r, kind, pressed in roles if kind == "evidence")

    explorer.locator("input.argmap-x-filter").focus()
    for _ in range(20):
        page.keyboard.press("Tab")
        focused = page.evaluate(
            "() => document.activeElement.matches('button.argmap-x-switch')"
            " ? document.activeElement.getAttribute('data-argmap-evidence') : null"
        )
        if focused:
            break
    assert focused, "Tab from the filter box never reaches an evidence switch"
    switch = browser.evidence_switch(explorer, focused)
    assert browser.pressed(switch)
    page.keyboard.press("Space")
    browser.wait_for_statuses(page, explorer, browser.predicted(argument_map, off=[focused]))
    assert not browser.pressed(switch)
    page.keyboard.press("Enter")
    browser.wait_for_statuses(page, explorer, browser.predicted(argument_map))
    assert browser.pressed(switch)

    node = explorer.locator(f".argmap-x-map g[data-argmap-id='{focused}']")
    node.focus()
    page.keyboard.press("Enter")
    browser.wait_for_statuses(page, explorer, browser.predicted(argument_map, off=[focused]))
    assert node.get_attribute("aria-pressed") == "false"
    assert not browser.pressed(switch)
    page.keyboard.press("Space")
    browser.wait_for_statuses(page, explorer, browser.predicted(argument_map))

    # An item of the critical-evidence list is a button too: Enter switches its part off.
    explorer.locator("button.argmap-x-critical-toggle").click()
    items = explorer.locator(".argmap-x-critical-item[data-argmap-kind='evidence']")
    items.first.wait_for(timeout=30_000)
    item = items.first
    assert (item.get_attribute("tabindex"), item.get_attribute("role")) == ("0", "button")
    part = item.get_attribute("data-argmap-part")
    item.focus()
    page.keyboard.press("Enter")
    browser.wait_for_statuses(page, explorer, browser.predicted(argument_map, off=[part]))
    assert not browser.pressed(browser.evidence_switch(explorer, part))


def test_filter_box_filters_switches(lab, page):
    """Typing a speaker's name leaves only the switches that mention it; clearing brings all back."""
    argument_map = _alliance()
    explorer = _open_explorer(page, lab, "filter.ipynb")
    rows = explorer.locator(".argmap-x-switches button.argmap-x-switch")
    total = rows.count()
    assert total == len(argument_map.evidence)
    speaker = next(e.speaker for e in argument_map.evidence if e.speaker and "Kashin" in e.speaker)
    needle = "kashin"
    expected = {e.id for e in argument_map.evidence if needle in (e.speaker or "").lower()}
    box = explorer.locator("input.argmap-x-filter[type=search]")
    box.fill(needle)
    page.wait_for_function(
        VISIBLE_SWITCHES,
        arg=[explorer.element_handle(), len(expected)],
        timeout=5_000,
    )
    shown = {
        rows.nth(i).get_attribute("data-argmap-evidence") for i in range(total) if rows.nth(i).is_visible()
    }
    assert shown == expected, f"filter {needle!r} ({speaker}) shows {sorted(shown)}"
    box.fill("")
    page.wait_for_function(
        VISIBLE_SWITCHES,
        arg=[explorer.element_handle(), total],
        timeout=5_000,
    )


def test_line_switch_turns_a_whole_line_off_and_on(lab, page):
    """One click on a line's switch: every statement as evaluate(off=[line]) says; another: back."""
    argument_map = _alliance()
    line = _pick_line() or argument_map.lines[0].id
    explorer = _open_explorer(page, lab, "line.ipynb")
    switch = browser.line_switch(explorer, line)
    assert browser.pressed(switch)
    switch.click()
    browser.wait_for_statuses(page, explorer, browser.predicted(argument_map, off=[line]))
    assert not browser.pressed(switch)
    group = explorer.locator(f"fieldset.argmap-x-group[data-argmap-group='{line}']")
    assert "argmap-x-line-off" in (group.get_attribute("class") or "")
    switch.click()
    browser.wait_for_statuses(page, explorer, browser.predicted(argument_map))
    assert browser.pressed(switch)


def _layout(explorer):
    return explorer.evaluate(
        """el => {
            const box = s => { const r = el.querySelector(s).getBoundingClientRect();
                return {x: r.left, y: r.top, w: r.width, h: r.height}; };
            return { width: el.getBoundingClientRect().width,
                     stacked: el.classList.contains('argmap-x-stacked'),
                     map: box('.argmap-x-map'), switches: box('.argmap-x-switches'),
                     side: box('.argmap-x-side'),
                     oneColumn: el.classList.contains('argmap-x-one-column'),
                     resize: ['.argmap-x-body', '.argmap-x-map']
                        .map(s => getComputedStyle(el.querySelector(s)).resize) };
        }"""
    )


def _smallest_text(explorer) -> tuple[float, str]:
    """Return the smallest font size on screen (CSS px) of statement text in the map, and that text.

    The kind's small-caps caption ("CLAIM") is a tag, not text to read, and is not counted.
    """
    size, text = explorer.evaluate(
        """el => [...el.querySelectorAll('.argmap-x-map g[data-argmap-id] text:not(.argmap-caption)')]
            .filter(t => t.textContent.trim())
            .map(t => { const m = t.getScreenCTM();
                return [parseFloat(getComputedStyle(t).fontSize) * Math.hypot(m.a, m.b), t.textContent]; })
            .reduce((a, b) => (b[0] < a[0] ? b : a), [Infinity, ''])"""
    )
    return float(size), str(text)


def test_layout_stacks_below_900_px_and_reads_at_10_px(lab, page, tmp_path):
    """At 800 px the map sits above the switches; wide, side by side; body resizable; text >= 10 px."""
    argument_map = _alliance()
    explorer = _open_explorer(page, lab, "layout.ipynb")
    seen = {}
    for width in (800, 1280, 1600):
        page.set_viewport_size({"width": width, "height": 1000})
        # The ResizeObserver's class follows the width; wait for it rather than a fixed time.
        page.wait_for_function(
            "el => el.classList.contains('argmap-x-stacked') === (el.getBoundingClientRect().width < 900)",
            arg=explorer.element_handle(),
            timeout=5_000,
        )
        page.wait_for_timeout(100)
        layout = _layout(explorer)
        seen[width] = layout
        assert layout["stacked"] == (layout["width"] < 900), layout
        if layout["stacked"]:
            assert layout["map"]["y"] + layout["map"]["h"] <= layout["switches"]["y"] + 1, layout
            assert layout["map"]["w"] >= 0.9 * layout["width"], layout
        else:
            assert layout["switches"]["x"] + layout["switches"]["w"] <= layout["map"]["x"] + 1, layout
            assert layout["map"]["x"] + layout["map"]["w"] <= layout["side"]["x"] + 1, layout
        assert layout["oneColumn"] == (layout["width"] < 560), layout
        if layout["oneColumn"]:  # switches and side panel one above the other, full width
            first, second = sorted((layout["switches"], layout["side"]), key=lambda b: b["y"])
            assert first["y"] + first["h"] <= second["y"] + 1, layout
            assert min(first["w"], second["w"]) >= 0.9 * layout["width"], layout
        assert {"vertical", "both"} & set(layout["resize"]), "the map pane is resizable"
        if width in (800, 1280):
            browser.screenshot(page, explorer, browser.artifact_dir(tmp_path) / f"lab-light-{width}.png")
    assert seen[800]["stacked"], seen[800]
    assert not seen[1600]["stacked"], seen[1600]
    # On open, the question is in view and the statement text is at least 10 CSS px.
    question = next(s.id for s in argument_map.statements if type(s).__name__ == "Question")
    node = explorer.locator(f".argmap-x-map g[data-argmap-id='{question}']")
    assert node.evaluate(CENTRE_IN_VIEW), "the question is not in view on open"
    smallest, text = _smallest_text(explorer)
    assert smallest >= 9.95, f"the default zoom draws statement text at {smallest:.1f} px: {text!r}"


DARK_CELLS = (
    EXPLORER_CELL,
    """\
failing = argmap.Explorer(alliance)
# The banner as an evaluation error shows it (``error`` is read-only for users).
failing.set_trait("error", "Evaluation failed: a test message in the error banner")
failing
""",
)


def test_dark_theme_is_readable(lab, page, tmp_path):
    """In JupyterLab Dark, verdict, explanation, switches, error banner and legend contrast >= 4.5:1."""
    lab.set_theme("JupyterLab Dark")
    try:
        explorer = _open_explorer(page, lab, "dark.ipynb", *DARK_CELLS)
        assert page.evaluate("() => document.body.dataset.jpThemeLight") == "false", "the dark theme is on"
        claim = next(c.id for c in _alliance().claims if not c.assumed)
        explorer.locator(f".argmap-x-map g[data-argmap-id='{claim}']").click()
        explorer.locator(".argmap-x-explanation-text").wait_for()
        failing = page.locator(browser.EXPLORER).nth(1)
        banner = failing.locator(".argmap-x-error")
        banner.wait_for(state="visible", timeout=10_000)
        checks = {
            "verdict": explorer.locator(".argmap-x-verdict-text").first,
            "position": explorer.locator(".argmap-x-position").first,
            "explanation": explorer.locator(".argmap-x-explanation-text"),
            "switch": explorer.locator("button.argmap-x-switch").first,
            "title": explorer.locator(".argmap-x-title"),
            "error": banner,
        }
        ratios = {name: locator.evaluate(browser.CONTRAST_JS) for name, locator in checks.items()}
        legend = explorer.evaluate(
            f"""el => {{ const contrast = {browser.SVG_CONTRAST_JS};
                return [...el.querySelectorAll('.argmap-x-map svg text')]
                    .filter(t => !t.closest('g.node, g.edge, g.cluster') && t.textContent.trim())
                    .map(contrast); }}"""
        )
        for width in (800, 1280):
            page.set_viewport_size({"width": width, "height": 1000})
            page.wait_for_timeout(400)
            browser.screenshot(page, explorer, browser.artifact_dir(tmp_path) / f"lab-dark-{width}.png")
        banner.screenshot(path=str(browser.artifact_dir(tmp_path) / "lab-dark-error.png"))
    finally:
        lab.set_theme("JupyterLab Light")
    low = {name: r for name, r in ratios.items() if r["ratio"] < 4.5}
    assert not low, f"text under 4.5:1 in the dark theme: {low}"
    assert legend, "the map has a legend"
    # Words need 4.5:1; the legend's line samples and +/− marks are graphics, which need 3:1 (WCAG 1.4.11).
    low_legend = [r for r in legend if r["ratio"] < (4.5 if re.search(r"\w", r["text"]) else 3)]
    assert not low_legend, f"legend text under 4.5:1 (symbols under 3:1): {low_legend[:5]}"


def test_detail_levels_redraw_the_map_and_keep_statuses(lab, page, tmp_path):
    """The detail selector redraws the picture at each level; statuses still follow evaluate()."""
    argument_map = _alliance()
    evidence, _changed = browser.pick_evidence(argument_map)
    explorer = _open_explorer(page, lab, "detail.ipynb")
    select = explorer.locator("select[aria-label='detail']")
    options = select.evaluate("el => [...el.options].map(o => o.value)")
    assert {"full", "compact", "outline"} <= set(options), options
    browser.evidence_switch(explorer, evidence).click()
    off = browser.predicted(argument_map, off=[evidence])
    browser.wait_for_statuses(page, explorer, off)
    counts = {"full": len(browser.node_statuses(explorer))}
    for level in ("compact", "outline", "full"):
        svg = explorer.locator(".argmap-x-map svg")
        svg.evaluate("el => { el.argmapOld = true; }")
        select.select_option(level)
        page.wait_for_function(
            "el => { const s = el.querySelector('.argmap-x-map svg'); return s && !s.argmapOld; }",
            arg=explorer.element_handle(),
            timeout=30_000,
        )
        explorer.locator(browser.NODES).first.wait_for(timeout=30_000)
        browser.wait_for_statuses(page, explorer, off)
        shown = browser.node_statuses(explorer)
        assert shown, f"no statement nodes at detail {level}"
        assert all(off[key] == value for key, value in shown.items())
        counts[level] = len(shown)
        kinds = explorer.evaluate(
            "el => [...el.querySelectorAll('.argmap-x-map g[data-argmap-id]')]"
            ".map(n => n.getAttribute('data-kind'))"
        )
        if level == "outline":
            assert "evidence" not in kinds, "the outline shows no evidence"
        browser.screenshot(page, explorer, browser.artifact_dir(tmp_path) / f"lab-detail-{level}.png")
    assert counts["outline"] < counts["full"], counts
    assert counts["compact"] <= counts["full"], counts
    assert not browser.pressed(browser.evidence_switch(explorer, evidence)), "switches survive a redraw"


def test_words_are_labels_and_one_name_per_status(lab, page):
    """Verdict, changed list and explanation name statements by label, and statuses as the legend does."""
    argument_map = _alliance()
    evidence, _changed = browser.pick_evidence(argument_map)
    explorer = _open_explorer(page, lab, "words.ipynb")
    browser.evidence_switch(explorer, evidence).click()
    off = browser.predicted(argument_map, off=[evidence])
    browser.wait_for_statuses(page, explorer, off)
    explorer.locator(".argmap-x-changed button.argmap-x-changed-item").first.wait_for()
    position = next(p.id for p in argument_map.positions if off[p.id] in {"out", "undecided"})
    node = explorer.locator(f".argmap-x-map g[data-argmap-id='{position}']")
    node.scroll_into_view_if_needed()
    node.click()
    explanation = explorer.locator(".argmap-x-explanation")
    page.wait_for_function("el => el.textContent.length > 40", arg=explanation.element_handle())
    heading = explanation.locator("h4").inner_text()
    assert heading.startswith("Why"), heading
    assert {"out": "fall", "undecided": "open"}[off[position]] in heading, heading
    ids = sorted(
        {s.id for s in argument_map.statements}
        | {a.id for a in argument_map.arguments}
        | {line.id for line in argument_map.lines},
        key=len,
        reverse=True,
    )
    for name, selector in (
        ("verdict", ".argmap-x-verdict"),
        ("changed list", ".argmap-x-changed"),
        ("explanation", ".argmap-x-explanation"),
    ):
        text = explorer.locator(selector).inner_text()
        named = [i for i in ids if re.search(rf"(?<![\w-]){re.escape(i)}(?![\w-])", text)]
        assert not named, f"the {name} names ids instead of labels: {named[:5]}\n{text[:300]}"
    shown = (
        explorer.inner_text().lower()
        + " ".join(explorer.locator(".argmap-x-map svg text").all_text_contents()).lower()
    )
    assert "open" in shown, "an open statement is called open"
    for word in ("undecided", "contested"):
        assert word not in shown, f"the explorer says {word!r}; the legend's words are stands/falls/open/off"
