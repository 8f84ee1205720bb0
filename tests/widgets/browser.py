"""Shared helpers for the real-browser tests and benchmarks: a Jupyter server, chromium, notebooks.

Imported by tests/widgets/test_*_browser.py, test_nbconvert_fallback.py and
benchmarks/bench_browser.py (each puts this folder on ``sys.path``). Nothing here is a test.
Chromium is Debian's (/usr/bin/chromium, or ARGMAP_CHROMIUM); Playwright drives it through
``executable_path`` and never downloads a browser.
"""

from __future__ import annotations

import contextlib
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
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

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
# A fresh workspace would ask which kernel to use and offer news; both block every click.
# windowingMode "none" keeps every cell in the DOM, so that locators find outputs off screen.
LAB_SETTINGS = {
    "@jupyterlab/notebook-extension:tracker": {"autoStartDefaultKernel": True, "windowingMode": "none"},
    "@jupyterlab/apputils-extension:notification": {"fetchNews": "false", "checkForUpdates": False},
}
THEME_PLUGIN = "@jupyterlab/apputils-extension:themes"

MARKS = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.requires_dot,
    pytest.mark.skipif(
        not CHROMIUM.exists(),
        reason=f"no chromium at {CHROMIUM} (run scripts/browser_test_setup.sh, or set ARGMAP_CHROMIUM)",
    ),
]


def free_port() -> int:
    """Return a TCP port on 127.0.0.1 that was free a moment ago."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def artifact_dir(fallback: Path) -> Path:
    """Return the folder for screenshots: ARGMAP_TEST_ARTIFACTS if set, else ``fallback`` (a tmp dir)."""
    chosen = os.environ.get("ARGMAP_TEST_ARTIFACTS")
    if not chosen:
        return fallback
    target = Path(chosen)
    target.mkdir(parents=True, exist_ok=True)
    return target


@dataclass(frozen=True)
class Server:
    """A running Jupyter server: its base URL, token, root folder and app ("lab" or "notebook")."""

    url: str
    token: str
    root: Path
    app: str

    def api(self, path: str, method: str = "GET", body: object = None) -> Any:
        """Call the server's REST API with the token; return the decoded JSON answer (None if empty)."""
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(  # noqa: S310 (our own loopback server)
            f"{self.url}{path}",
            data=data,
            method=method,
            headers={"Authorization": f"token {self.token}", "Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
            text = response.read().decode()
        return json.loads(text) if text.strip() else None

    def page_url(self, name: str) -> str:
        """Return the URL that opens notebook ``name`` (relative to the root) in this app."""
        if self.app == "lab":
            # ?reset: open only this notebook, not the ones an earlier page left in the workspace.
            return f"{self.url}/lab/tree/{name}?reset&token={self.token}"
        return f"{self.url}/notebooks/{name}?token={self.token}"

    def close_sessions(self) -> None:
        """Shut down every kernel session, so that finished tests leave no kernel running."""
        for session in self.api("/api/sessions") or []:
            self.api(f"/api/sessions/{session['id']}", method="DELETE")

    def set_theme(self, theme: str) -> None:
        """Make ``theme`` (e.g. "JupyterLab Dark") the theme of pages opened from now on."""
        raw = json.dumps({"theme": theme})
        self.api(f"/lab/api/settings/{THEME_PLUGIN}", method="PUT", body={"raw": raw})


def copy_examples(root: Path) -> None:
    """Copy examples/ (and seeds/, which the example's quotes are checked against) under ``root``."""
    shutil.copytree(ROOT / "examples", root / "examples", ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    if (ROOT / "seeds").is_dir():
        shutil.copytree(ROOT / "seeds", root / "seeds")


def kernel_env(**extra: str) -> dict[str, str]:
    """Return this process's environment with this interpreter's ``bin/`` first on PATH (graphviz-pure)."""
    path = str(Path(sys.executable).parent) + os.pathsep + os.environ.get("PATH", "")
    return {**os.environ, "PATH": path, **extra}


@contextlib.contextmanager
def jupyter_server(app: str, root: Path, workdir: Path) -> Iterator[Server]:
    """Run JupyterLab (``app="lab"``) or Notebook 7 (``"notebook"``) on a random port; stop it after.

    Fresh Jupyter config, data and runtime folders under ``workdir``, a random token, the settings
    overrides above, and this interpreter's ``bin/`` first on PATH so the kernel finds graphviz-pure.
    """
    pytest.importorskip("jupyterlab", reason="JupyterLab is not installed (dev extra)")
    if app == "notebook":
        pytest.importorskip("notebook", reason="Notebook 7 is not installed (dev extra)")
    settings = workdir / "appsettings"
    settings.mkdir(parents=True, exist_ok=True)
    (settings / "overrides.json").write_text(json.dumps(LAB_SETTINGS), encoding="utf-8")
    port = free_port()
    token = secrets.token_hex(16)
    env = kernel_env(
        JUPYTER_CONFIG_DIR=str(workdir / "cfg"),
        JUPYTER_DATA_DIR=str(workdir / "data"),
        JUPYTER_RUNTIME_DIR=str(workdir / "rt"),
        JUPYTER_PLATFORM_DIRS="1",
    )
    app_class = "LabApp" if app == "lab" else "JupyterNotebookApp"
    command = [
        sys.executable,
        "-m",
        "jupyterlab" if app == "lab" else "notebook",
        "--no-browser",
        "--ip=127.0.0.1",
        f"--port={port}",
        f"--IdentityProvider.token={token}",
        f"--ServerApp.root_dir={root}",
        "--ServerApp.port_retries=0",
        f"--{app_class}.app_settings_dir={settings}",
        f"--{app_class}.user_settings_dir={workdir / 'usersettings'}",
        f"--{app_class}.workspaces_dir={workdir / 'workspaces'}",
    ]
    if app == "lab":
        command += [
            "--LabApp.news_url=None",
            "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
        ]
    if os.geteuid() == 0:
        command.append("--allow-root")
    log_path = workdir / f"{app}.log"
    with log_path.open("wb") as log:
        process = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT, cwd=root)
        server = Server(f"http://127.0.0.1:{port}", token, root, app)
        try:
            deadline = time.monotonic() + 60
            while True:
                if process.poll() is not None:
                    pytest.fail(f"Jupyter {app} exited with {process.returncode}; log: {log_path}")
                with contextlib.suppress(urllib.error.URLError, OSError):
                    if server.api("/api/status") is not None:
                        break
                if time.monotonic() > deadline:
                    pytest.fail(f"Jupyter {app} did not answer within 60 s; log: {log_path}")
                time.sleep(0.25)
            yield server
        finally:
            process.terminate()
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def write_notebook(path: Path, *cells: str) -> Path:
    """Write a notebook of code ``cells`` (Python 3 kernel) to ``path``; return the path."""
    nbformat = pytest.importorskip("nbformat", reason="nbformat is not installed (dev extra)")
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [nbformat.v4.new_code_cell(source) for source in cells]
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(notebook, path)
    return path


def launch(playwright: Any, **options: Any) -> Any:
    """Launch Debian's chromium headless through Playwright."""
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, **options)


def wait_for_kernel(server: Server, name: str, timeout: float = 90) -> None:
    """Wait until the kernel of notebook ``name`` is idle with the page connected to it.

    A "Run All" sent while the kernel is still starting is silently dropped, and JupyterLab's own
    idle indicator says idle before the kernel is there; the server's session list does not.
    """
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with contextlib.suppress(urllib.error.URLError, OSError):
            for session in server.api("/api/sessions") or []:
                kernel = session.get("kernel") or {}
                if (
                    session.get("path", "").endswith(name)
                    and kernel.get("execution_state") == "idle"
                    and kernel.get("connections", 0) >= 1
                ):
                    return
        time.sleep(0.25)
    pytest.fail(f"the kernel of {name} was not idle within {timeout:.0f} s")


def run_all(page: Any, server: Server, name: str) -> None:
    """Open notebook ``name`` in the server's app, run all cells, wait until every code cell ran."""
    page.goto(server.page_url(name))
    if server.app == "lab":
        page.wait_for_function(
            """() => [...document.querySelectorAll('.jp-StatusBar-TextItem')]
                .some(e => /ipykernel\\) \\| Idle/.test(e.textContent))""",
            timeout=90_000,
        )
    wait_for_kernel(server, name)
    page.locator(".jp-Notebook .jp-CodeCell").first.wait_for(timeout=30_000)
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


def error_outputs(page: Any) -> list[str]:
    """Return the text of every stderr or error output on the page that names an error."""
    failures = page.locator(
        ".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr'],"
        " .jp-OutputArea-output[data-mime-type='application/vnd.jupyter.error']"
    )
    texts = [failures.nth(i).inner_text() for i in range(failures.count())]
    return [t for t in texts if "Error" in t]


# The WCAG 2 contrast ratio of an element's text colour against the first opaque background
# behind it (walking up the ancestors); alpha of the text is blended onto that background.
CONTRAST_JS = """el => {
    const parse = c => {
        const m = c.match(/[\\d.]+/g).map(Number);
        return [m[0], m[1], m[2], m.length > 3 ? m[3] : 1];
    };
    let node = el, bg = null;
    while (node && node.nodeType === 1) {
        const c = parse(getComputedStyle(node).backgroundColor);
        if (c[3] > 0.5) { bg = c; break; }
        node = node.parentElement;
    }
    bg = bg || [255, 255, 255, 1];
    const fg = parse(getComputedStyle(el).color);
    const mixed = [0, 1, 2].map(i => fg[i] * fg[3] + bg[i] * (1 - fg[3]));
    const channel = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
    const lum = rgb => { const [r, g, b] = rgb.map(channel); return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
    const [a, b] = [lum(mixed), lum(bg)].sort((x, y) => y - x);
    const background = `rgb(${bg.slice(0, 3).join(",")})`;
    return { ratio: (a + 0.05) / (b + 0.05), color: getComputedStyle(el).color, background };
}"""

# The same for SVG text: its fill against the last opaque shape painted under its centre (SVG
# paints in document order), else the nearest opaque CSS background behind the SVG.
SVG_CONTRAST_JS = """(text) => {
    const parse = c => {
        const m = (c.match(/[\\d.]+/g) || []).map(Number);
        return m.length < 3 ? null : [m[0], m[1], m[2], m.length > 3 ? m[3] : 1];
    };
    const svg = text.ownerSVGElement;
    const r = text.getBoundingClientRect();
    const [x, y] = [r.left + r.width / 2, r.top + r.height / 2];
    let bg = null;
    for (const shape of svg.querySelectorAll('polygon, rect, path, ellipse')) {
        if (shape.compareDocumentPosition(text) & Node.DOCUMENT_POSITION_PRECEDING) break;
        const style = getComputedStyle(shape);
        const fill = style.fill === 'none' ? null : parse(style.fill);
        if (!fill || Number(style.fillOpacity) < 0.5 || fill[3] < 0.5) continue;
        const b = shape.getBoundingClientRect();
        if (x >= b.left && x <= b.right && y >= b.top && y <= b.bottom) bg = fill;
    }
    let node = svg;
    while (!bg && node && node.nodeType === 1) {
        const c = parse(getComputedStyle(node).backgroundColor);
        if (c && c[3] > 0.5) bg = c;
        node = node.parentElement;
    }
    bg = bg || [255, 255, 255, 1];
    const fg = parse(getComputedStyle(text).fill) || [0, 0, 0, 1];
    const channel = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
    const lum = rgb => { const [a, b, c] = rgb.map(channel); return 0.2126 * a + 0.7152 * b + 0.0722 * c; };
    const [hi, lo] = [lum(fg.slice(0, 3)), lum(bg.slice(0, 3))].sort((p, q) => q - p);
    return { ratio: (hi + 0.05) / (lo + 0.05), text: text.textContent,
             fill: getComputedStyle(text).fill, background: `rgb(${bg.slice(0, 3).join(",")})` };
}"""

# -- the explorer, as explorer-contract.md (H2) describes its DOM ------------------------------

EXPLORER = ".argmap-x"
NODES = ".argmap-x-map g[data-argmap-id]"


def node_statuses(explorer: Any) -> dict[str, str]:
    """Return statement id -> the status the map shows (``data-status``) for every node drawn."""
    return dict(
        explorer.evaluate(
            """el => [...el.querySelectorAll('.argmap-x-map g[data-argmap-id]')]
                .map(n => [n.getAttribute('data-argmap-id'), n.getAttribute('data-status')])"""
        )
    )


def wait_for_statuses(page: Any, explorer: Any, expected: dict[str, str], timeout: float = 15_000) -> None:
    """Wait until every node drawn shows the status in ``expected`` (class and ``data-status``)."""
    page.wait_for_function(
        """([el, expected]) => {
            const nodes = [...el.querySelectorAll('.argmap-x-map g[data-argmap-id]')];
            return nodes.length > 0 && nodes.every(n => {
                const want = expected[n.getAttribute('data-argmap-id')];
                return want === undefined || (n.getAttribute('data-status') === want
                    && n.classList.contains('argmap-status-' + want));
            });
        }""",
        arg=[explorer.element_handle(), expected],
        timeout=timeout,
    )


def predicted(argument_map: Any, off: Any = (), semantics: str = "grounded") -> dict[str, str]:
    """Return statement id -> status value as ``argmap.evaluate`` predicts it."""
    from argmap.evaluation import evaluate  # noqa: PLC0415

    evaluation = evaluate(argument_map, semantics=semantics, off=list(off))
    return {key: status.value for key, status in evaluation.statuses.items()}


def evidence_switch(explorer: Any, evidence_id: str) -> Any:
    """Return the switch of one piece of evidence."""
    return explorer.locator(
        f".argmap-x-switches button.argmap-x-switch[data-argmap-evidence='{evidence_id}']"
    )


def line_switch(explorer: Any, line_id: str) -> Any:
    """Return the switch of one line of argument."""
    return explorer.locator(f".argmap-x-switches button.argmap-x-line-switch[data-argmap-line='{line_id}']")


def pressed(locator: Any) -> bool:
    """Whether a switch is on (``aria-pressed="true"``)."""
    return locator.get_attribute("aria-pressed") == "true"


def scroll_positions(explorer: Any) -> dict[str, float]:
    """Return the map pane's scroll offsets and every scrolled ancestor's, to see that nothing panned."""
    return dict(
        explorer.evaluate(
            """el => {
                const pane = el.querySelector('.argmap-x-map');
                const out = [['map.top', pane.scrollTop], ['map.left', pane.scrollLeft]];
                let node = el.parentElement, depth = 0;
                while (node) {
                    if (node.scrollTop || node.scrollLeft) {
                        out.push([`up${depth}.top`, node.scrollTop], [`up${depth}.left`, node.scrollLeft]);
                    }
                    node = node.parentElement;
                    depth += 1;
                }
                out.push(['window', window.scrollY]);
                return out;
            }"""
        )
    )


# What makes an outline visible: the group's and its first drawn shape's computed style.
STYLE_SIGNATURE_JS = """el => {
    const shape = el.querySelector('polygon, path, ellipse, rect');
    const g = getComputedStyle(el);
    const s = shape ? getComputedStyle(shape) : {};
    return [g.outlineStyle, g.outlineWidth, g.outlineColor, g.filter, g.opacity,
            s.stroke, s.strokeWidth, s.filter, s.outlineStyle, s.outlineWidth].join(' | ');
}"""


def pick_evidence(argument_map: Any) -> tuple[str, set[str]]:
    """Return the evidence whose switching off changes the most other statuses, and those statements."""
    before = predicted(argument_map)
    best: tuple[str, set[str]] | None = None
    for evidence in argument_map.evidence:
        after = predicted(argument_map, off=[evidence.id])
        changed = {key for key in after if after[key] != before.get(key) and key != evidence.id}
        if best is None or len(changed) > len(best[1]):
            best = (evidence.id, changed)
    assert best is not None, "the map has no evidence"
    return best


def screenshot(page: Any, explorer: Any, path: Path) -> Path:
    """Save what the user sees with the explorer's top at the top of its scroll pane (header included)."""
    explorer.evaluate("el => el.scrollIntoView({block: 'start'})")
    page.wait_for_timeout(150)
    page.screenshot(path=str(path))
    return path
