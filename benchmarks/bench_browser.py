"""Time the Explorer in a real browser: JupyterLab 4 + Debian chromium, driven by Playwright.

Three measurements, each a median:

* click → last status class changed: a MutationObserver on the explorer records when each node's
  ``argmap-status-*`` class changes; a click is timed from the switch's click() to the last such
  change, once the map shows the statuses ``argmap.evaluate`` predicts (the kernel's round trip,
  the delta's transfer and the browser's restyle together). Alliance map and a 1,000-statement
  map generated as bench_toggle.py does.
* semantics switch at 1,000 statements: from choosing df-quad (then grounded, alternately) in the
  selector to every node showing the predicted status with the explorer no longer busy; and whether
  the busy indicator showed.
* first display of the 1,000-statement explorer: from running its cell to the map's nodes in the
  DOM, beside the kernel's share and Graphviz's share of it (the layout binary's run, timed in the
  kernel).

    .venv/bin/python benchmarks/bench_browser.py                 # 10 clicks per map, 4 switches, 3 displays
    .venv/bin/python benchmarks/bench_browser.py --clicks 20 --size 1000

Targets (issue 12): click ≤ 30 ms (alliance), ≤ 50 ms (1,000 statements); semantics switch ≤ 1 s;
Graphviz the dominant part of the first display. Needs chromium (``scripts/browser_test_setup.sh``).
"""

from __future__ import annotations

import argparse
import random
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "widgets"))
sys.path.insert(0, str(ROOT / "benchmarks"))

import browser  # noqa: E402  (tests/widgets/browser.py: the server and chromium helpers)
from bench_toggle import generated_map  # noqa: E402

import argmap  # noqa: E402

SETUP = """\
import sys, time
sys.path.insert(0, {benchmarks!r})
import argmap
from argmap.rendering import engine
from bench_toggle import generated_map

alliance = argmap.examples.load("alliance")
big = generated_map({size})
graphviz_seconds = []
_run = engine._run

def _timed_run(*args, **kwargs):
    started = time.perf_counter()
    try:
        return _run(*args, **kwargs)
    finally:
        graphviz_seconds.append(time.perf_counter() - started)

engine._run = _timed_run
print("ready")
"""
SMALL = "small = argmap.Explorer(alliance)\nsmall\n"
BIG = """\
graphviz_seconds.clear()
started = time.perf_counter()
large = argmap.Explorer(big)
kernel_ms = (time.perf_counter() - started) * 1000
print(f"kernel_ms={kernel_ms:.1f} graphviz_ms={sum(graphviz_seconds) * 1000:.1f}")
large
"""

# One click, timed in the page: nothing of the harness runs on the page's thread while the kernel
# answers and the view restyles (Playwright's own polling and selector queries would, and delay it).
# A MutationObserver notes the time of every change of a node's status class; the click is done
# when every node shows the expected status; a quiet 250 ms more catches any straggler.
CLICK_JS = """async (el, [id, expected]) => {
    const status = c => (c || '').split(/\\s+/).filter(x => x.startsWith('argmap-status-')).sort().join(' ');
    const nodes = [...el.querySelectorAll('.argmap-x-map g[data-argmap-id]')];
    const matches = () => nodes.every(n => {
        const want = expected[n.getAttribute('data-argmap-id')];
        return want === undefined || n.getAttribute('data-status') === want;
    });
    let last = null, done;
    const finished = new Promise(resolve => { done = resolve; });
    const observer = new MutationObserver(records => {
        const now = performance.now();
        if (records.some(r => r.target.matches && r.target.matches('g[data-argmap-id]')
                && status(r.oldValue) !== status(r.target.getAttribute('class')))) last = now;
        if (matches()) done();
    });
    const watch = {subtree: true, attributes: true, attributeFilter: ['class'], attributeOldValue: true};
    observer.observe(el, watch);
    const button = el.querySelector(`button.argmap-x-switch[data-argmap-evidence="${CSS.escape(id)}"]`);
    const started = performance.now();
    button.click();
    await Promise.race([finished, new Promise(resolve => setTimeout(resolve, 60000))]);
    await new Promise(resolve => setTimeout(resolve, 250));
    observer.disconnect();
    return matches() && last !== null ? last - started : null;
}"""

# Resolves when every node shows the expected status, the verdict is drawn for the new semantics
# and the explorer is not busy.
SWITCH_JS = """async (el, [semantics, expected]) => {
    const select = el.querySelector("select[aria-label='semantics']");
    const busy = el.querySelector('.argmap-x-busy');
    let busyShown = false;
    const started = performance.now();
    select.value = semantics;
    select.dispatchEvent(new Event('change', {bubbles: true}));
    const done = () => {
        // A gradual semantics draws strength bars in the verdict; the others none.
        const bars = el.querySelector('.argmap-x-verdict .argmap-x-bar-fill') !== null;
        if (bars !== (semantics === 'df-quad')) return false;
        const nodes = [...el.querySelectorAll('.argmap-x-map g[data-argmap-id]')];
        return el.getAttribute('aria-busy') !== 'true' && nodes.length > 0 && nodes.every(n => {
            const want = expected[n.getAttribute('data-argmap-id')];
            return want === undefined || n.getAttribute('data-status') === want;
        });
    };
    while (true) {
        await new Promise(r => requestAnimationFrame(r));
        if (busy && !busy.hidden && busy.getBoundingClientRect().width > 0) busyShown = true;
        if (performance.now() - started > 100 && done()) break;
        if (performance.now() - started > 60000) return {ms: null, busyShown};
    }
    return {ms: performance.now() - started, busyShown};
}"""


def median(values: list[float]) -> float:
    """Return the median, NaN when there are no values."""
    return statistics.median(values) if values else float("nan")


def time_clicks(explorer, argument_map, clicks: int, seed: int = 7) -> list[float]:
    """Click ``clicks`` evidence switches (off, then back on, in pairs); return ms to the last restyle."""
    rng = random.Random(seed)
    picks = rng.sample([e.id for e in argument_map.evidence], (clicks + 1) // 2)
    handle = explorer.element_handle()
    samples = []
    for pick in picks:
        for off in ([pick], []):
            if len(samples) >= clicks:
                break
            elapsed = handle.evaluate(CLICK_JS, [pick, browser.predicted(argument_map, off=off)])
            if elapsed is None:
                sys.exit(f"clicking {pick}: the map never showed the statuses evaluate() predicts")
            samples.append(elapsed)
    return samples


def run_cell(page, index: int) -> None:
    """Run code cell ``index`` on its own (select it, Shift+Enter)."""
    cell = page.locator(".jp-Notebook .jp-CodeCell").nth(index)
    cell.locator(".jp-InputArea-prompt").click()
    page.keyboard.press("Escape")
    page.keyboard.press("Shift+Enter")


def time_first_display(page, index: int) -> tuple[float, float, float]:
    """Re-run the big explorer's cell; return (browser ms to nodes drawn, kernel ms, Graphviz ms)."""
    cell = page.locator(".jp-Notebook .jp-CodeCell").nth(index)
    cell.evaluate("el => { for (const s of el.querySelectorAll('.argmap-x-map svg')) s.argmapOld = true; }")
    started = page.evaluate("() => performance.now()")
    run_cell(page, index)
    drawn = page.wait_for_function(
        """el => { const s = el.querySelector('.argmap-x-map svg');
            const drawn = s && !s.argmapOld && s.querySelector('g[data-argmap-id]');
            return drawn ? performance.now() : false; }""",
        arg=cell.element_handle(),
        timeout=120_000,
        polling="raf",
    ).json_value()
    output = cell.locator(".jp-OutputArea")
    page.wait_for_function(
        "el => /graphviz_ms=\\d/.test(el.textContent)", arg=output.element_handle(), timeout=120_000
    )
    text = output.inner_text()
    kernel = float(re.search(r"kernel_ms=([\d.]+)", text).group(1))
    graphviz = float(re.search(r"graphviz_ms=([\d.]+)", text).group(1))
    return drawn - started, kernel, graphviz


def main() -> int:
    """Start JupyterLab, run the benchmark notebook in chromium, print a table of medians."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clicks", type=int, default=10, help="clicks per map (median reported)")
    parser.add_argument("--switches", type=int, default=4, help="semantics switches (df-quad, grounded, ...)")
    parser.add_argument("--displays", type=int, default=3, help="first displays of the big explorer")
    parser.add_argument("--size", type=int, default=1000, help="statements in the generated map")
    args = parser.parse_args()
    if not browser.CHROMIUM.exists():
        sys.exit(f"no chromium at {browser.CHROMIUM} (scripts/browser_test_setup.sh, or ARGMAP_CHROMIUM)")
    from playwright.sync_api import sync_playwright  # noqa: PLC0415

    alliance = argmap.examples.load("alliance")
    big = generated_map(args.size)
    rows: list[tuple[str, str, float, str, str]] = []
    with tempfile.TemporaryDirectory(prefix="argmap-bench-browser-") as scratch:
        work = Path(scratch)
        root = work / "root"
        root.mkdir()
        setup = SETUP.format(benchmarks=str(ROOT / "benchmarks"), size=args.size)
        browser.write_notebook(root / "bench.ipynb", setup, SMALL, BIG)
        with browser.jupyter_server("lab", root, work) as server, sync_playwright() as playwright:
            chromium = browser.launch(playwright)
            page = chromium.new_page(viewport={"width": 1600, "height": 1000})
            started = time.perf_counter()
            browser.run_all(page, server, "bench.ipynb")
            print(f"notebook ran in {time.perf_counter() - started:.1f} s", file=sys.stderr)
            explorers = page.locator(browser.EXPLORER)
            small, large = explorers.nth(0), explorers.nth(1)
            for explorer in (small, large):
                explorer.locator(browser.NODES).first.wait_for(timeout=120_000)

            clicks = time_clicks(small, alliance, args.clicks)
            rows.append(
                ("click → last status class", "alliance", median(clicks), f"n={len(clicks)}", "≤ 30 ms")
            )
            print(f"alliance clicks: {[round(c, 1) for c in clicks]}", file=sys.stderr)
            clicks = time_clicks(large, big, args.clicks)
            rows.append(
                (
                    "click → last status class",
                    f"{args.size} st.",
                    median(clicks),
                    f"n={len(clicks)}",
                    "≤ 50 ms",
                )
            )
            print(f"{args.size} clicks: {[round(c, 1) for c in clicks]}", file=sys.stderr)

            switches, busy = [], []
            for index in range(args.switches):
                semantics = "df-quad" if index % 2 == 0 else "grounded"
                expected = browser.predicted(big, semantics=semantics)
                result = large.evaluate(SWITCH_JS, [semantics, expected])
                print(f"switch to {semantics}: {result}", file=sys.stderr)
                if result["ms"] is not None:
                    switches.append(result["ms"])
                busy.append(result["busyShown"])
            rows.append(
                (
                    "semantics switch",
                    f"{args.size} st.",
                    median(switches),
                    f"n={len(switches)}, busy shown {sum(busy)}/{len(busy)}",
                    "≤ 1000 ms",
                )
            )

            displays = [time_first_display(page, 2) for _ in range(args.displays)]
            print(f"first displays (browser, kernel, graphviz ms): {displays}", file=sys.stderr)
            shown, kernel, graphviz = (median([d[i] for d in displays]) for i in range(3))
            rows.append(("first display", f"{args.size} st.", shown, f"n={len(displays)}", "report"))
            rows.append(
                ("  of which kernel (Explorer())", f"{args.size} st.", kernel, f"{kernel / shown:.0%}", "")
            )
            rows.append(
                (
                    "  of which Graphviz layout",
                    f"{args.size} st.",
                    graphviz,
                    f"{graphviz / shown:.0%}",
                    "dominant",
                )
            )
            chromium.close()
            server.close_sessions()

    print("| measurement | map | median ms | n / share | target |")
    print("|---|---|---|---|---|")
    for what, where, value, note, target in rows:
        print(f"| {what} | {where} | {value:.1f} | {note} | {target} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
