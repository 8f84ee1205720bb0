"""The Sphinx/MyST directive: docs/site-example builds, embeds live maps, and fetches nothing."""

from __future__ import annotations

import base64
import html
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import argmap

ROOT = Path(__file__).resolve().parents[2]
SITE = ROOT / "docs" / "site-example"
CHROMIUM = Path(os.environ.get("ARGMAP_CHROMIUM", "/usr/bin/chromium"))
LOCAL = ("file:", "data:", "blob:", "about:")

pytestmark = [
    pytest.mark.requires_dot,
    pytest.mark.skipif(
        subprocess.run([sys.executable, "-c", "import sphinx, myst_parser"], check=False).returncode != 0,
        reason="sphinx and myst-parser are not installed (dev extra)",
    ),
]


def build(source: Path, out: Path) -> subprocess.CompletedProcess[str]:
    """Run ``sphinx-build -b html -W`` (warnings are errors) on ``source``."""
    return subprocess.run(
        [sys.executable, "-m", "sphinx", "-b", "html", "-W", "-q", "-E", str(source), str(out)],
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    """The example site, copied away from the repository and built; returns the output folder."""
    work = tmp_path_factory.mktemp("site")
    shutil.copytree(SITE, work / "src", ignore=shutil.ignore_patterns("_build"))
    result = build(work / "src", work / "out")
    assert result.returncode == 0, result.stderr
    return work / "out"


def frames(page: str) -> list[str]:
    """Return the pages held in the argmap iframes of a built HTML page."""
    return [
        html.unescape(doc) for doc in re.findall(r'<iframe class="argmap-frame"[^>]* srcdoc="([^"]*)"', page)
    ]


def payload(page: str) -> dict:
    """Return the JSON an argmap page embeds."""
    match = re.search(
        r'<script type="application/json" id="argmap-page-data">(.*?)</script>', page, re.DOTALL
    )
    assert match is not None
    return json.loads(match.group(1))


def test_the_site_map_is_the_example_map():
    """The site's copy of the map cannot drift from the example."""
    assert (SITE / "maps" / "alliance.yaml").read_bytes() == (
        ROOT / "examples" / "alliance.yaml"
    ).read_bytes()


def test_rst_directive_embeds_a_live_map_and_a_static_picture(site):
    """``.. argmap::`` gives a live page in a sandboxed frame; ``:static:`` an SVG picture of the statuses."""
    index = (site / "index.html").read_text(encoding="utf-8")
    (live,) = frames(index)
    assert 'sandbox="allow-scripts"' in index
    data = payload(live)
    assert data["start"] == {"semantics": "grounded", "off": [], "detail": "full"}
    (picture,) = re.findall(
        r'<figure class="argmap-static"><img src="data:image/svg\+xml;base64,([^"]+)"', index
    )
    svg = base64.b64decode(picture).decode("utf-8")
    alliance = argmap.load(SITE / "maps" / "alliance.yaml")
    evaluation = argmap.evaluate(alliance, semantics="df-quad", off="l-no-arms")
    shown = dict(re.findall(r'<g [^>]*data-argmap-id="([^"]+)"[^>]*data-status="([^"]+)"', svg))
    assert set(shown) == {s.id for s in alliance.statements}
    assert shown == {id_: status.value for id_, status in evaluation.statuses.items()}
    assert html.escape(evaluation.verdict.text, quote=True) in index


def test_myst_directive_takes_the_same_options(site):
    """The MyST fenced form, with :off: and :height:, embeds a page that opens with that line off."""
    myst = (site / "myst.html").read_text(encoding="utf-8")
    (live,) = frames(myst)
    assert payload(live)["start"]["off"] == ["l-no-arms"]
    assert "height: 640px" in myst


def test_the_built_site_loads_nothing_from_the_network(site):
    """No page of the site loads a script, style, image or frame from anywhere but the site itself."""
    pages = sorted(site.rglob("*.html"))
    assert pages
    for path in pages:
        text = path.read_text(encoding="utf-8")
        for document in [text, *frames(text)]:
            loads = re.findall(
                r'<(?:script|link|img|iframe)\b[^>]*\b(?:src|href)="((?:https?:)?//[^"]*)"', document
            )
            assert loads == [], (path.name, loads)


def test_a_bad_directive_fails_the_build_naming_the_document_and_the_fix(tmp_path):
    """A missing file or an unknown id is an error at the directive's line, with a suggestion."""
    source = tmp_path / "src"
    (source / "maps").mkdir(parents=True)
    shutil.copy(SITE / "maps" / "alliance.yaml", source / "maps" / "alliance.yaml")
    (source / "conf.py").write_text('extensions = ["argmap.standalone.sphinx"]\n', encoding="utf-8")
    (source / "index.rst").write_text(
        "Title\n=====\n\n.. argmap:: maps/alliance.yaml\n   :off: l-no-arm\n\n.. argmap:: maps/none.yaml\n\n"
        ".. argmap:: maps/alliance.yaml\n   :static:\n   :interactive:\n",
        encoding="utf-8",
    )
    result = build(source, tmp_path / "out")
    assert result.returncode != 0
    assert re.search(r"index\.rst:4: .*'l-no-arm'.*did you mean 'l-no-arms'", result.stderr), result.stderr
    assert re.search(r"index\.rst:7: .*maps/none\.yaml", result.stderr), result.stderr
    assert re.search(r"index\.rst:9: .*give :static: or :interactive:, not both", result.stderr), (
        result.stderr
    )
    assert "Traceback" not in result.stderr


@pytest.mark.browser
@pytest.mark.skipif(not CHROMIUM.exists(), reason=f"no chromium at {CHROMIUM} (set ARGMAP_CHROMIUM)")
def test_the_built_site_shows_both_live_maps_offline(site):
    """Opened from file://, each frame of the site shows its map; no request leaves the machine."""
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (dev extra)")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=["--headless", "--no-sandbox"]
        )
        try:
            page = browser.new_page(viewport={"width": 1300, "height": 900})
            remote: list[str] = []
            page.on("request", lambda r: None if r.url.startswith(LOCAL) else remote.append(r.url))
            for name in ("index.html", "myst.html"):
                page.goto((site / name).as_uri())
                frame = page.frame_locator("iframe.argmap-frame").first
                frame.locator("[data-argmap-page][data-argmap-ready='']").wait_for(timeout=15_000)
                assert frame.locator(".argmap-x-map g[data-argmap-id]").count() > 0
            assert remote == []
        finally:
            browser.close()
