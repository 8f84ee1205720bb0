"""The standalone page in a real browser (Debian chromium via Playwright), opened from file://.

Switching evidence, lines and semantics must change the statuses exactly as ``argmap.evaluate``
predicts; the switches work from the keyboard; nothing is fetched; and a map whose every text is
an injection attempt runs nothing. Screenshots go to ARGMAP_TEST_ARTIFACTS when it is set.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest

import argmap
from argmap.model import ArgumentMap
from argmap.standalone.page import html

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "widgets"))
from browser import CHROMIUM, launch  # the one place that knows how chromium starts here

ROOT = Path(__file__).resolve().parents[2]
LOCAL = ("file:", "data:", "blob:")

pytestmark = [
    pytest.mark.browser,
    pytest.mark.requires_dot,
    pytest.mark.skipif(
        not CHROMIUM.exists(),
        reason=f"no chromium at {CHROMIUM} (run scripts/browser_test_setup.sh, or set ARGMAP_CHROMIUM)",
    ),
]


@pytest.fixture(scope="module")
def browser():
    """One headless chromium for the module."""
    playwright_api = pytest.importorskip(
        "playwright.sync_api", reason="playwright is not installed (dev extra)"
    )
    with playwright_api.sync_playwright() as playwright:
        launched = launch(playwright)
        try:
            yield launched
        finally:
            launched.close()


class Opened:
    """A page opened from a file, with every request and dialog it caused."""

    def __init__(self, browser, path: Path, *, width: int = 1400, height: int = 900) -> None:
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        self.page = browser.new_page(viewport={"width": width, "height": height})
        # Every request passes through here; anything not local is refused and counted.
        self.page.route("**/*", self._route)
        self.page.on("dialog", lambda dialog: (self.dialogs.append(dialog.message), dialog.dismiss()))
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.goto(path.as_uri())
        self.page.wait_for_selector("[data-argmap-page][data-argmap-ready]", timeout=15_000)
        failed = self.page.get_attribute("[data-argmap-page]", "data-argmap-ready")
        assert failed == "", self.page.inner_text("[data-argmap-page]")

    def _route(self, route) -> None:
        url = route.request.url
        self.requests.append(url)
        if url.startswith(LOCAL):
            route.continue_()
        else:
            route.abort()

    def remote(self) -> list[str]:
        """Return the requests that were not for the file itself or data/blob URLs."""
        return [url for url in self.requests if not url.startswith(LOCAL)]

    def statuses(self) -> dict[str, str]:
        """Return each statement node's status as the SVG shows it."""
        return self.page.evaluate(
            """() => Object.fromEntries([...document.querySelectorAll(".argmap-x-map g[data-argmap-id]")]
                .map((g) => [g.getAttribute("data-argmap-id"), g.getAttribute("data-status")]))"""
        )

    def wait_for_statuses(self, expected: dict[str, str]) -> None:
        """Wait until the SVG shows ``expected``; on timeout, fail with the difference."""
        script = """(expected) => Object.entries(expected).every(([id, status]) =>
            document.querySelector(`.argmap-x-map g[data-argmap-id="${CSS.escape(id)}"]`)
                ?.getAttribute("data-status") === status)"""
        try:
            self.page.wait_for_function(script, arg=expected, timeout=5_000)
        except Exception:  # noqa: BLE001  # Playwright's timeout: say what differs instead
            shown = self.statuses()
            wrong = {
                id_: (shown.get(id_), status) for id_, status in expected.items() if shown.get(id_) != status
            }
            pytest.fail(f"statuses differ from argmap.evaluate's (shown, expected): {wrong}")

    def screenshot(self, tmp_path: Path, name: str) -> None:
        """Keep a picture of the page where the artifacts go."""
        folder = Path(os.environ.get("ARGMAP_TEST_ARTIFACTS") or tmp_path)
        folder.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=str(folder / name))


def expected(argument_map: ArgumentMap, **options) -> dict[str, str]:
    """Return every statement's status as Python computes it."""
    evaluation = argmap.evaluate(argument_map, **options)
    return {id_: str(status.value) for id_, status in evaluation.statuses.items()}


def notebook_explorer(argument_map: ArgumentMap, *, off: list[str], selected: str):
    """Return the notebook's Explorer in the same state, whose traits the page must show."""
    explorer_module = pytest.importorskip("argmap.widgets.explorer", reason="needs the notebook extra")
    explorer = explorer_module.Explorer(argument_map, off=off)
    explorer.selected = selected
    return explorer


def words(text: str) -> str:
    """Return ``text`` with runs of white space as one space (the page wraps text in boxes)."""
    return " ".join(text.split())


@pytest.fixture(scope="module")
def alliance() -> ArgumentMap:
    """The example map."""
    return argmap.load(ROOT / "examples" / "alliance.yaml")


@pytest.fixture
def alliance_file(alliance, tmp_path) -> Path:
    """The example map's page, written to a file."""
    path = tmp_path / "alliance.html"
    path.write_text(html(alliance), encoding="utf-8")
    return path


def test_switching_evidence_changes_statuses_as_python_predicts(browser, alliance, alliance_file, tmp_path):
    """From file://, switch a line, a piece of evidence, the semantics: the SVG follows argmap.evaluate."""
    opened = Opened(browser, alliance_file)
    shown = opened.statuses()
    assert set(shown) == {s.id for s in alliance.statements}
    opened.wait_for_statuses(expected(alliance))

    opened.page.click("[data-argmap-line='l-no-arms']")
    after_line = expected(alliance, off=["l-no-arms"])
    assert after_line != expected(alliance)  # the switch must matter for the test to mean anything
    opened.wait_for_statuses(after_line)
    assert "falls" not in opened.page.inner_text(".argmap-x-position[data-argmap-position='p-alliance']")
    opened.page.locator(".argmap-x-map g[data-argmap-id='p-alliance']").dispatch_event("click")
    notebook = notebook_explorer(alliance, off=["l-no-arms"], selected="p-alliance")
    explanation = opened.page.locator(".argmap-x-explanation-text")
    explanation.filter(has_text=notebook.explanation.split("\n", 1)[0]).wait_for(timeout=5_000)
    assert words(explanation.inner_text()) == words(notebook.explanation)
    assert words(opened.page.inner_text(".argmap-x-explanation h4")) == words(notebook.explanation_title)
    assert words(notebook.verdict["summary"]) in words(opened.page.inner_text(".argmap-x-verdict"))

    evidence = next(
        e.id for e in alliance.evidence if expected(alliance, off=["l-no-arms", e.id]) != after_line
    )
    opened.page.click(f".argmap-x-switches :is(input, button)[data-argmap-evidence='{evidence}']")
    opened.wait_for_statuses(expected(alliance, off=["l-no-arms", evidence]))

    opened.page.select_option("select[aria-label='semantics']", "df-quad")
    opened.wait_for_statuses(expected(alliance, off=["l-no-arms", evidence], semantics="df-quad"))
    strengths = argmap.evaluate(alliance, off=["l-no-arms", evidence], semantics="df-quad").strengths
    for position in alliance.positions:
        row = opened.page.locator(
            f".argmap-x-position[data-argmap-position='{position.id}'] .argmap-x-strength"
        )
        assert row.first.inner_text() == f"{strengths[position.id]:.2f}", position.id

    opened.page.click("button.argmap-x-all-on")
    opened.wait_for_statuses(expected(alliance, semantics="df-quad"))

    opened.page.select_option("select[aria-label='detail']", "outline")
    opened.page.wait_for_function(
        "(n) => document.querySelectorAll('.argmap-x-map g[data-argmap-id]').length < n",
        arg=len(alliance.statements),
    )
    shown = opened.statuses()
    assert "q-alliance" in shown
    assert not set(shown) & {e.id for e in alliance.evidence}
    opened.wait_for_statuses(
        {id_: s for id_, s in expected(alliance, semantics="df-quad").items() if id_ in shown}
    )
    opened.screenshot(tmp_path, "page-df-quad.png")

    opened.page.select_option("select[aria-label='detail']", "full")
    opened.page.wait_for_function(
        "(n) => document.querySelectorAll('.argmap-x-map g[data-argmap-id]').length === n",
        arg=len(alliance.statements),
    )
    opened.page.click(f".argmap-x-switches :is(input, button)[data-argmap-evidence='{evidence}']")
    opened.wait_for_statuses(expected(alliance, off=[evidence], semantics="df-quad"))
    opened.page.click("button.argmap-x-reset")  # back to how the page opened: grounded, all on
    opened.wait_for_statuses(expected(alliance))
    assert opened.page.input_value("select[aria-label='semantics']") == "grounded"
    busy = opened.page.locator(".argmap-x-busy")
    if busy.count():  # every change was answered: nothing shows as pending
        opened.page.wait_for_function("() => document.querySelector('.argmap-x-busy').hidden")
    assert opened.remote() == []
    assert opened.errors == []


def test_switches_work_from_the_keyboard(browser, alliance, alliance_file):
    """Tab reaches an evidence switch; Space switches it off and the statuses follow."""
    opened = Opened(browser, alliance_file)
    page = opened.page
    target = None
    for _ in range(400):
        page.keyboard.press("Tab")
        target = page.evaluate("() => document.activeElement?.getAttribute('data-argmap-evidence')")
        if target:
            break
    assert target, "no evidence switch is reachable with Tab"
    page.keyboard.press("Space")
    opened.wait_for_statuses(expected(alliance, off=[target]))
    page.keyboard.press("Space")
    opened.wait_for_statuses(expected(alliance))


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
    "</script><script>window.__pwned=10</script><!--<script>",
    "\u2028\u2029</style><script>window.__pwned=11</script>",
    "' onmouseover='window.__pwned=12",
]


def hostile_map() -> ArgumentMap:
    """A map whose every text field, and many ids, is an injection attempt."""
    texts = iter(range(10_000))

    def x(tag: str) -> str:
        return f"{tag} {PAYLOADS[next(texts) % len(PAYLOADS)]}"

    b = ArgumentMap.build(x("map title"), description=x("description"))
    b.question("q</script><script>window.__pwned=20</script>", x("question"), note=x("note"))
    yes = b.position("p-yes<script>window.__pwned=22</script>", x("position"), note=x("note"))
    no = b.position("p-no' onmouseover='window.__pwned=23", x("position"))
    src = b.source(
        "s<svg onload=window.__pwned=24>",
        x("source title"),
        author=x("author"),
        url="https://evil.invalid/?q=</script><script>window.__pwned=25</script>",
    )
    c1 = b.claim("c1</text><script>window.__pwned=26</script>", x("claim"), note=x("note"))
    c2 = b.claim("c2", x("claim"), assumed=True)
    b.pro([c1], yes, id="a-yes<img src=x onerror=window.__pwned=27>", title=x("argument title"))
    b.con([c2], yes, id="a-against", title=x("argument title"))
    b.pro([c2], no, id="a-no", title=x("argument title"))
    for i in range(4):
        b.evidence(
            f"ev{i}<img src=x onerror=window.__pwned=3{i}>",
            x("quote"),
            source=src,
            speaker=x("speaker"),
            locator=x("locator"),
            supports=c1 if i % 2 else c2,
        )
    b.undercut(c2, "a-yes<img src=x onerror=window.__pwned=27>")
    b.line("l-hostile<script>window.__pwned=41</script>", x("line title"), ["a-no", "a-against"])
    return b.finish()


def test_a_hostile_map_runs_nothing_and_shows_its_text_as_text(browser, tmp_path):
    """Work every control of a hostile map's page: no script of the map runs, no dialog, no request."""
    hostile = hostile_map()
    path = tmp_path / "hostile.html"
    path.write_text(html(hostile), encoding="utf-8")
    opened = Opened(browser, path)
    page = opened.page
    opened.wait_for_statuses(expected(hostile))
    switches = page.locator(".argmap-x-switches :is(input, button)[data-argmap-evidence]")
    assert switches.count() == len(hostile.evidence)
    for index in range(switches.count()):
        switches.nth(index).click()
    page.locator("[data-argmap-line]").first.click()
    for node in page.locator(".argmap-x-map g[data-argmap-id]").all():
        node.dispatch_event("click")
        node.hover()
    page.click("button.argmap-x-critical-toggle")
    page.select_option("select[aria-label='semantics']", "df-quad")
    page.click("button.argmap-x-reset")
    opened.wait_for_statuses(expected(hostile))
    opened.screenshot(tmp_path, "page-hostile.png")
    assert page.evaluate("() => window.__pwned") is None
    assert opened.dialogs == []
    assert opened.remote() == []
    assert opened.errors == []
    assert page.title() == hostile.title
    assert hostile.title in page.inner_text(".argmap-x-title")
    assert (
        page.locator("[data-argmap-page] script, [data-argmap-page] iframe, [data-argmap-page] img").count()
        == 0
    )


def test_the_page_inside_a_sandboxed_frame_works_and_stays_inside(browser, alliance, tmp_path):
    """Two pages in iframe srcdoc on one host page: each evaluates on its own; the host is untouched."""
    from argmap.standalone.page import iframe  # noqa: PLC0415

    host = tmp_path / "host.html"
    first = iframe(html(alliance), height="700px")
    second = iframe(html(alliance, off=["l-no-arms"]), height="700px")
    host.write_text(f"<!DOCTYPE html><html><body>{first}{second}</body></html>", encoding="utf-8")
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    remote: list[str] = []
    page.on("request", lambda request: None if request.url.startswith(LOCAL) else remote.append(request.url))
    page.goto(host.as_uri())
    frames = [page.frame_locator("iframe.argmap-frame").nth(i) for i in range(2)]
    for frame in frames:
        frame.locator("[data-argmap-page][data-argmap-ready='']").wait_for(timeout=15_000)
    node = ".argmap-x-map g[data-argmap-id='p-alliance']"
    before, after = expected(alliance)["p-alliance"], expected(alliance, off=["l-no-arms"])["p-alliance"]
    assert before != after
    assert frames[0].locator(node).get_attribute("data-status") == before
    assert frames[1].locator(node).get_attribute("data-status") == after
    frames[0].locator("[data-argmap-line='l-no-arms']").click()
    frames[0].locator(f"{node}[data-status='{after}']").wait_for(timeout=5_000)
    frames[1].locator("[data-argmap-line='l-no-arms']").click()
    frames[1].locator(f"{node}[data-status='{before}']").wait_for(timeout=5_000)
    assert frames[0].locator(node).get_attribute("data-status") == after
    assert remote == []
    leaked = page.evaluate("() => JSON.stringify(Object.keys(window).filter((k) => /argmap/i.test(k)))")
    assert json.loads(leaked) == []  # the frames' scripts left nothing in the host page


@pytest.mark.slow
def test_a_300_statement_page_agrees_with_python(browser, tmp_path):
    """A generated map of 300 statements: switches and a semantics change still follow argmap.evaluate."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        from bench_toggle import generated_map  # noqa: PLC0415
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    big = generated_map(300, seed=3)
    path = tmp_path / "big.html"
    path.write_text(html(big), encoding="utf-8")
    opened = Opened(browser, path)
    opened.wait_for_statuses(expected(big))
    off: list[str] = []
    for evidence in [e.id for e in big.evidence][::25]:
        opened.page.click(f".argmap-x-switches :is(input, button)[data-argmap-evidence='{evidence}']")
        off.append(evidence)
        opened.wait_for_statuses(expected(big, off=off))
    opened.page.select_option("select[aria-label='semantics']", "df-quad")
    opened.wait_for_statuses(expected(big, off=off, semantics="df-quad"))
    assert opened.remote() == []
    assert opened.errors == []
