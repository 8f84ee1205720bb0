"""The Explorer in a real browser: JupyterLab + Debian chromium + Playwright (argmap.widgets).

Runs the example notebook in JupyterLab, clicks an evidence switch and then the same evidence's
node in the map, and checks that a claim's status class in the SVG and the verdict text change.
Then shows a map whose every text field (and many ids) is an injection attempt, works every
control, and checks that nothing ran, nothing was fetched, and the text shows as text.
Needs /usr/bin/chromium (or ARGMAP_CHROMIUM); ``scripts/browser_test_setup.sh`` installs it.
Screenshots go to ARGMAP_TEST_ARTIFACTS if set, else to pytest's temporary folder (never the
repository's build/, which ``python -m build`` uses).
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path(os.environ.get("ARGMAP_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
LAB_SETTINGS = {
    "@jupyterlab/notebook-extension:tracker": {"autoStartDefaultKernel": True, "windowingMode": "none"},
    "@jupyterlab/apputils-extension:notification": {"fetchNews": "false", "checkForUpdates": False},
}

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.requires_dot,
    pytest.mark.skipif(
        not CHROMIUM.exists(),
        reason=f"no chromium at {CHROMIUM} (run scripts/browser_test_setup.sh, or set ARGMAP_CHROMIUM)",
    ),
]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def lab(tmp_path):
    """Start JupyterLab on a random port with a token and fresh Jupyter dirs; yield (url, token, dir)."""
    pytest.importorskip("jupyterlab", reason="JupyterLab is not installed (dev extra)")
    root = tmp_path / "root"
    shutil.copytree(ROOT / "examples", root / "examples", ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    if (ROOT / "seeds").is_dir():
        shutil.copytree(ROOT / "seeds", root / "seeds")
    settings = tmp_path / "labsettings"
    settings.mkdir()
    (settings / "overrides.json").write_text(json.dumps(LAB_SETTINGS), encoding="utf-8")
    port = _free_port()
    token = secrets.token_hex(16)
    bin_dir = str(Path(sys.executable).parent)
    env = {
        **os.environ,
        "JUPYTER_CONFIG_DIR": str(tmp_path / "cfg"),
        "JUPYTER_DATA_DIR": str(tmp_path / "data"),
        "JUPYTER_RUNTIME_DIR": str(tmp_path / "rt"),
        "JUPYTER_PLATFORM_DIRS": "1",
        "PATH": bin_dir + os.pathsep + os.environ.get("PATH", ""),
    }
    command = [
        sys.executable,
        "-m",
        "jupyterlab",
        "--no-browser",
        "--ip=127.0.0.1",
        f"--port={port}",
        f"--IdentityProvider.token={token}",
        f"--ServerApp.root_dir={root}",
        "--ServerApp.port_retries=0",
        "--LabApp.news_url=None",
        f"--LabApp.app_settings_dir={settings}",
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
    ]
    if os.geteuid() == 0:
        command.append("--allow-root")
    log = (tmp_path / "jupyterlab.log").open("wb")
    server = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT, cwd=root)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            if server.poll() is not None:
                pytest.fail(f"JupyterLab exited with {server.returncode}; log: {tmp_path / 'jupyterlab.log'}")
            try:
                with urllib.request.urlopen(f"{url}/api/status?token={token}", timeout=2) as response:  # noqa: S310
                    if response.status == 200:
                        break
            except (urllib.error.URLError, OSError):
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"JupyterLab did not answer within 60 s; log: {tmp_path / 'jupyterlab.log'}")
            time.sleep(0.25)
        yield url, token, root
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        log.close()


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


def _artifact_dir(tmp_path: Path) -> Path:
    """Return the folder for screenshots: ARGMAP_TEST_ARTIFACTS if set, else pytest's tmp dir."""
    chosen = os.environ.get("ARGMAP_TEST_ARTIFACTS")
    if not chosen:
        return tmp_path
    target = Path(chosen)
    target.mkdir(parents=True, exist_ok=True)
    return target


def test_clicks_restyle_the_map_and_the_verdict(lab, tmp_path):
    """Unticking a switch, then clicking the evidence node, flips a claim's status class and the verdict."""
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (dev extra)")
    from argmap.rendering import STATUS_MARKS  # noqa: PLC0415

    url, token, _root = lab
    first, evidence, claim, status_on, status_off = _pick_toggle()
    started = time.monotonic()
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1500, "height": 1000})
            _run_all(page, url, token, "examples/alliance.ipynb")
            failures = page.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']")
            texts = [failures.nth(i).inner_text() for i in range(failures.count())]
            assert not [t for t in texts if "Error" in t], texts
            explorer = page.locator(".argmap-x").first
            node = explorer.locator(f".argmap-x-map [data-argmap-id='{claim}']")
            node.wait_for(state="attached", timeout=30_000)
            verdict = explorer.locator(".argmap-x-verdict-text")
            switch = explorer.locator(f".argmap-x-switches input[data-argmap-evidence='{evidence}']")
            assert switch.is_checked(), f"{evidence} should start switched on"
            first_node = explorer.locator(f".argmap-x-map [data-argmap-id='{first}']")
            explorer.locator(f".argmap-x-switches input[data-argmap-evidence='{first}']").click()
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
            assert not switch.is_checked()
            assert STATUS_MARKS[status_off] in node.locator("text").all_text_contents(), "the badge follows"
            page.wait_for_function(
                "([el, text]) => el.textContent !== text", arg=[verdict.element_handle(), verdict_on]
            )
            verdict_off = verdict.inner_text()
            assert verdict_off != verdict_on
            shot_off = _artifact_dir(tmp_path) / "explorer-switch-off.png"
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
            assert switch.is_checked(), "clicking the evidence node switches it back on"
            assert f"argmap-status-{status_off}" not in node.get_attribute("class")
            explanation = explorer.locator(".argmap-x-explanation-text").inner_text()
            assert explanation.strip(), "clicking a node shows its explanation"
            shot_on = _artifact_dir(tmp_path) / "explorer-node-on.png"
            explorer.screenshot(path=str(shot_on))

            # No re-layout: the same SVG element, the claim's box where it was, its text restored.
            assert svg.evaluate("el => el.argmapFirstDrawn === true"), "a toggle must restyle, not redraw"
            box_after = node.evaluate(
                "el => { const b = el.getBBox(); return [b.x, b.y, b.width, b.height]; }"
            )
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
            explorer.locator(".argmap-x-verdict .argmap-x-bar-fill").first.wait_for(
                state="detached", timeout=30_000
            )

            # A line of argument is switched off with one click, and back on with another.
            line = _pick_line()
            if line is not None:
                verdict_reset = verdict.inner_text()
                line_switch = explorer.locator(f".argmap-x-switches input[data-argmap-line='{line}']")
                line_switch.click()
                page.wait_for_function(
                    "([el, text]) => el.textContent !== text", arg=[verdict.element_handle(), verdict_reset]
                )
                assert not line_switch.is_checked()
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
            shot_gradual = _artifact_dir(tmp_path) / "explorer-df-quad-critical.png"
            gradual.screenshot(path=str(shot_gradual))
            switchable = ".argmap-x-critical-item[data-argmap-kind='evidence'], [data-argmap-kind='line']"
            top = gradual.locator(switchable).first
            top_id = top.get_attribute("data-argmap-part")
            top.click()
            gradual_switch = gradual.locator(
                f".argmap-x-switches input[data-argmap-evidence='{top_id}'],"
                f" .argmap-x-switches input[data-argmap-line='{top_id}']"
            )
            page.wait_for_function("el => !el.checked", arg=gradual_switch.element_handle(), timeout=10_000)
        finally:
            browser.close()
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
    nbformat = pytest.importorskip("nbformat", reason="nbformat is not installed (dev extra)")
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [nbformat.v4.new_code_cell(HOSTILE_CELL)]
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    path = root / "hostile.ipynb"
    nbformat.write(notebook, path)
    return path


def _run_all(page, url: str, token: str, name: str) -> None:
    """Open a notebook in JupyterLab, run all cells, and wait until every code cell has run."""
    page.goto(f"{url}/lab/tree/{name}?token={token}")
    page.wait_for_function(
        """() => [...document.querySelectorAll('.jp-StatusBar-TextItem')]
            .some(e => /ipykernel\\) \\| Idle/.test(e.textContent))""",
        timeout=90_000,
    )
    page.get_by_role("menuitem", name="Run", exact=True).click()
    page.get_by_role("menuitem", name="Run All Cells", exact=True).click()
    # Every code cell has run once Run All is done: "[n]:" prompts, none "[ ]:" or "[*]:".
    page.wait_for_function(
        """() => {
            const prompts = [...document.querySelectorAll('.jp-CodeCell .jp-InputArea-prompt')]
                .map(p => p.textContent);
            return prompts.length > 0 && prompts.every(t => /\\[\\d+\\]/.test(t));
        }""",
        timeout=120_000,
    )


def test_hostile_text_shows_as_text_and_runs_nothing(lab, tmp_path):
    """Every text field and many ids an injection attempt: nothing runs or loads, text stays text."""
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (dev extra)")
    url, token, root = lab
    _hostile_notebook(root)
    requests: list[str] = []
    dialogs: list[str] = []
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1500, "height": 1000})
            page.on("request", lambda request: requests.append(request.url))
            page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
            _run_all(page, url, token, "hostile.ipynb")
            failures = page.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']")
            texts = [failures.nth(i).inner_text() for i in range(failures.count())]
            assert not [t for t in texts if "Error" in t], texts
            explorer = page.locator(".argmap-x").first
            explorer.locator(".argmap-x-map svg g[data-argmap-id]").first.wait_for(timeout=30_000)

            # Work every control, so that every piece of hostile text is drawn somewhere.
            title = explorer.locator(".argmap-x-title").inner_text()
            assert title == f"map title {PAYLOADS[0]}", "the title is shown as text, verbatim"
            explorer.locator(".argmap-x-switches input[data-argmap-line]").first.click()
            for index in range(2):
                explorer.locator(".argmap-x-switches input[data-argmap-evidence]").nth(index).click()
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
            explorer.screenshot(path=str(_artifact_dir(tmp_path) / "explorer-hostile.png"))

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
        finally:
            browser.close()
    served = url.split("//", 1)[1]
    foreign = [r for r in requests if r.split(":", 1)[0] in {"http", "https"} and f"//{served}/" not in r]
    assert foreign == [], foreign
