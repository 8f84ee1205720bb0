"""The standalone page (argmap.html, `argmap html`): one file, nothing fetched, text kept as data.

What the page does in a browser is in test_page_browser.py; here, what it holds.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import subprocess
import sys
import zlib
from html.parser import HTMLParser
from pathlib import Path

import pytest

import argmap
from argmap.errors import ArgmapError, EvaluationError, UnknownIdError
from argmap.model import ArgumentMap
from argmap.rendering import DETAILS
from argmap.standalone.page import ALL_DETAILS_UP_TO, html, iframe

ROOT = Path(__file__).resolve().parents[2]
ALLIANCE = ROOT / "examples" / "alliance.yaml"

pytestmark = pytest.mark.requires_dot


class Page(HTMLParser):
    """The page's elements, their attributes, and the text of each <script> by its id or type."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self._script: dict[str, str | None] | None = None
        self._text: list[str] = []
        self.feed(text)
        self.close()

    def handle_starttag(self, tag, attrs):
        """Note the element; start collecting a script's text."""
        self.tags.append((tag, dict(attrs)))
        if tag == "script":
            self._script, self._text = dict(attrs), []

    def handle_endtag(self, tag):
        """Keep a script's text when it ends."""
        if tag == "script" and self._script is not None:
            self.scripts.append((self._script, "".join(self._text)))
            self._script = None

    def handle_data(self, data):
        """Collect text inside a script."""
        if self._script is not None:
            self._text.append(data)

    def script(self, id_: str) -> str:
        """Return the text of the one script with this id."""
        (text,) = [text for attrs, text in self.scripts if attrs.get("id") == id_]
        return text

    def payload(self) -> dict:
        """Return the page's embedded JSON."""
        return json.loads(self.script("argmap-page-data"))


def svg_of(picture: str) -> str:
    """Return the text of a deflated, base64-coded picture or script."""
    return zlib.decompress(base64.b64decode(picture)).decode("utf-8")


@pytest.fixture(scope="module")
def alliance() -> ArgumentMap:
    """The example map."""
    return argmap.load(ALLIANCE)


@pytest.fixture(scope="module")
def alliance_page(alliance) -> str:
    """The example map's page, with the defaults."""
    return html(alliance)


def hostile_map() -> ArgumentMap:
    """A map whose every text tries to end the page's script or style, or to run its own."""
    bad = "</script><script>window.__pwned=1</script><!--<script> \u2028\u2029 </style> & javascript:x()"
    m = ArgumentMap.build(f"Map {bad}", description=bad)
    q = m.question("q", f"Question {bad}?")
    yes = m.position("yes", f"Yes {bad}")
    m.position("no", f"No {bad}")
    claim = m.claim("c</script>", f"Claim {bad}", supports=yes)
    src = m.source(
        "s", f"Source {bad}", url="https://evil.invalid/?q=</script><script>window.__pwned=2</script>"
    )
    m.evidence("ev<!--", f"Quote {bad}", source=src, speaker=bad, supports=claim)
    m.line("l<script>", f"Line {bad}", [f"{claim}.pro.yes"])
    del q
    return m.finish()


def test_the_page_is_one_file_that_fetches_nothing(alliance_page):
    """No element loads anything: no src, no href, no <link>; the policy forbids every request."""
    page = Page(alliance_page)
    loading = [(tag, attrs) for tag, attrs in page.tags if {"src", "href"} & set(attrs) or tag == "link"]
    assert loading == []
    (policy,) = [
        attrs["content"] for tag, attrs in page.tags if attrs.get("http-equiv") == "Content-Security-Policy"
    ]
    assert "default-src 'none'" in policy
    assert "connect-src" not in policy  # falls back to 'none'
    assert not re.search(r"https?:", policy)
    types = sorted(str(attrs.get("type")) for attrs, _ in page.scripts)
    assert types == ["application/json", "module", "text/plain", "text/plain"]


def test_only_the_bootstrap_may_run_inline(alliance_page):
    """The policy allows the one inline script by its hash; an injected inline script would not match."""
    page = Page(alliance_page)
    (bootstrap,) = [text for attrs, text in page.scripts if attrs.get("type") == "module"]
    digest = base64.b64encode(hashlib.sha256(bootstrap.encode("utf-8")).digest()).decode("ascii")
    policy = next(a["content"] for _, a in page.tags if a.get("http-equiv") == "Content-Security-Policy")
    assert f"script-src 'sha256-{digest}' blob:;" in policy
    assert "unsafe-inline" not in policy.split("script-src", 1)[1].split(";", 1)[0]


def test_the_page_holds_the_explorer_and_the_evaluator_unchanged(alliance_page):
    """The notebook's explorer.js and the evaluator run as they are, not a copy that could drift."""
    page = Page(alliance_page)
    explorer = (ROOT / "argmap" / "widgets" / "static" / "explorer.js").read_text(encoding="utf-8")
    evaluator = (ROOT / "argmap" / "standalone" / "static" / "evaluate.js").read_text(encoding="utf-8")
    assert svg_of(page.script("argmap-explorer-js")) == explorer
    assert svg_of(page.script("argmap-evaluate-js")) == evaluator


def test_the_payload_holds_the_map_the_switches_and_a_picture_per_level(alliance, alliance_page):
    """The JSON has the map, the switch panel, and one picture per detail level, laid out with all on."""
    payload = Page(alliance_page).payload()
    assert payload["argmap_html"] == 1
    assert [s["id"] for s in payload["data"]["statements"]] == [s.id for s in alliance.statements]
    assert payload["start"] == {"semantics": "grounded", "off": [], "detail": "full"}
    traits = payload["traits"]
    assert traits["title"] == alliance.title
    assert {item["id"] for item in traits["evidence"]} == {e.id for e in alliance.evidence}
    assert [g["id"] for g in traits["groups"] if g["line"]] == [line.id for line in alliance.lines]
    assert set(traits["labels"]) == {s.id for s in alliance.statements}
    assert {"grounded", "df-quad"} <= set(traits["semantics_options"])
    assert traits["detail_options"] == list(payload["pictures"])
    assert traits["detail_options"][0] == "full"
    everything_on = argmap.render(alliance, argmap.evaluate(alliance)).svg
    assert svg_of(payload["pictures"]["full"]) == everything_on[everything_on.find("<svg") :]
    for detail, picture in payload["pictures"].items():
        svg = svg_of(picture)
        assert svg.startswith("<svg"), detail
        drawn = set(re.findall(r'data-argmap-id="([^"]+)"', svg))
        assert drawn <= {s.id for s in alliance.statements}
        assert {"q-alliance", "p-alliance"} <= drawn, detail


def test_the_page_opens_with_the_semantics_and_switches_asked_for(alliance):
    """Semantics, switched-off ids (in declaration order, as the explorer keeps them) and the title."""
    evidence = alliance.evidence[0].id
    page = html(alliance, semantics="df-quad", off={"l-no-arms", evidence}, title="Seminar 3")
    payload = Page(page).payload()
    order = [s.id for s in alliance.statements] + [a.id for a in alliance.arguments]
    order += [line.id for line in alliance.lines]
    assert payload["start"]["semantics"] == "df-quad"
    assert payload["start"]["off"] == sorted({"l-no-arms", evidence}, key=order.index)
    assert "<title>Seminar 3</title>" in page
    assert Page(html(alliance, off=evidence)).payload()["start"]["off"] == [evidence]


def test_hostile_text_cannot_leave_its_script_element():
    """Map text with </script>, <!--, U+2028 and & stays inside the JSON and reads back unchanged."""
    hostile = hostile_map()
    page = html(hostile, off=["ev<!--"])
    parsed = Page(page)
    assert len(parsed.scripts) == 4  # nothing in the map opened or closed a script element
    data = parsed.script("argmap-page-data")
    for forbidden in ("</", "<!--", "<script", "\u2028", "\u2029", "&"):
        assert forbidden not in data
    payload = json.loads(data)
    assert payload["traits"]["title"] == hostile.title
    assert [s["label"] for s in payload["data"]["statements"]] == [s.label for s in hostile.statements]
    assert payload["start"]["off"] == ["ev<!--"]
    title = re.search(r"<title>(.*?)</title>", page, re.DOTALL)
    assert title is not None
    assert "<" not in title.group(1)


def test_the_same_map_gives_the_same_page(alliance):
    """Deterministic: byte for byte, for an equal map read again."""
    assert html(alliance, off="l-no-arms") == html(argmap.load(ALLIANCE), off="l-no-arms")


def test_the_alliance_page_is_under_300_kb(alliance_page):
    """Small enough to e-mail to a class."""
    size = len(alliance_page.encode("utf-8"))
    print(f"alliance page: {size:,} bytes")
    assert size < 300_000


def generated_map(statements: int, seed: int = 1) -> ArgumentMap:
    """Return a reproducible map of about ``statements`` statements (benchmarks/bench_toggle.py's)."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        from bench_toggle import generated_map as make  # noqa: PLC0415
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    made: ArgumentMap = make(statements, seed)
    return made


@pytest.mark.slow
def test_a_1000_statement_page_is_under_3_mb():
    """A 1,000-statement page, with every detail level, stays under 3 MB."""
    big = generated_map(1000)
    assert len(big.statements) == 1000
    page = html(big)
    size = len(page.encode("utf-8"))
    print(f"1,000-statement page: {size:,} bytes")
    assert size < 3_000_000
    assert len(big.statements) <= ALL_DETAILS_UP_TO
    assert list(Page(page).payload()["pictures"]) == list(DETAILS)


def test_a_map_past_the_limit_gets_only_the_level_asked_for(alliance, monkeypatch):
    """Above ALL_DETAILS_UP_TO statements the page holds one picture, and offers only that level."""
    monkeypatch.setattr("argmap.standalone.page.ALL_DETAILS_UP_TO", len(alliance.statements) - 1)
    payload = Page(html(alliance, detail="compact")).payload()
    assert list(payload["pictures"]) == ["compact"]
    assert payload["traits"]["detail_options"] == ["compact"]
    assert payload["start"]["detail"] == "compact"


def test_bad_options_are_refused_with_what_to_use_instead(alliance):
    """Unknown semantics, ids and detail levels raise ArgmapErrors with a suggestion."""
    with pytest.raises(EvaluationError, match=r"'groundd'.*did you mean 'grounded'"):
        html(alliance, semantics="groundd")
    with pytest.raises(UnknownIdError, match=r"'l-no-arm'.*did you mean 'l-no-arms'"):
        html(alliance, off=["l-no-arm"])
    with pytest.raises(ArgmapError, match="'ful'"):
        html(alliance, detail="ful")


def test_argmap_html_is_the_page_function():
    """``argmap.html`` is the page function, whatever was imported before it."""
    import argmap.standalone.page  # noqa: PLC0415

    assert argmap.html is argmap.standalone.page.html
    code = (
        "import argmap.standalone.page, argmap; m = argmap.examples.load('alliance'); page = argmap.html(m);"
        " print(page == argmap.standalone.page.html(m), page.startswith('<!DOCTYPE html>'))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.split() == ["True", "True"]


def test_iframe_escapes_the_page_into_its_srcdoc(alliance_page):
    """The frame's srcdoc holds the whole page, escaped, and nothing else."""
    frame = iframe(alliance_page, height="500px", title='A "map"')
    assert frame.startswith('<iframe class="argmap-frame" sandbox="allow-scripts" title="A &quot;map&quot;"')
    srcdoc = re.search(r'srcdoc="([^"]*)"', frame)
    assert srcdoc is not None
    assert "<" not in srcdoc.group(1)
    from html import unescape  # noqa: PLC0415

    assert unescape(srcdoc.group(1)) == alliance_page
    with pytest.raises(ArgmapError, match="not a CSS length"):
        iframe(alliance_page, height="1px; background: url(http://evil.invalid/)")


# -- the command line ------------------------------------------------------------------------------


def run_cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run ``argmap ARGS`` in a fresh interpreter."""
    return subprocess.run(
        [sys.executable, "-m", "argmap", *args], capture_output=True, text=True, cwd=cwd, check=False
    )


def test_cli_writes_the_page(tmp_path, alliance):
    """`argmap html MAP -o OUT` writes the same page as argmap.html, and only it."""
    out = tmp_path / "alliance.html"
    result = run_cli(
        "html", str(ALLIANCE), "-o", str(out), "--off", "l-no-arms", "-s", "df-quad", cwd=tmp_path
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == result.stderr == ""
    assert out.read_text(encoding="utf-8") == html(alliance, off=["l-no-arms"], semantics="df-quad")
    assert [p.name for p in tmp_path.iterdir()] == ["alliance.html"]  # no temporary file left


def test_cli_writes_to_stdout_without_o(tmp_path):
    """With no -o the page goes to stdout."""
    result = run_cli("html", str(ALLIANCE), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("<!DOCTYPE html>")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--off", "ev-kashin-no-arm"],
            r"--off: .*'ev-kashin-no-arm'.*alliance\.yaml.*did you mean 'ev-kashin-no-arms'",
        ),
        (["-s", "groundd"], r"'groundd'.*did you mean 'grounded'"),
        (["-o", "map.svg"], r"map\.svg: an HTML page needs a name ending in \.html"),
    ],
)
def test_cli_errors_are_one_line_without_a_traceback(tmp_path, args, message):
    """Bad options: exit 1, one line saying what to do, nothing written."""
    result = run_cli("html", str(ALLIANCE), *args, cwd=tmp_path)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert re.search(message, result.stderr), result.stderr
    assert list(tmp_path.iterdir()) == []


def test_cli_names_the_line_and_column_of_a_bad_map(tmp_path):
    """A broken map is reported at its line and column."""
    bad = tmp_path / "bad.yaml"
    bad.write_text("argmap: 1\ntitle: t\nstatements:\n  - id: c\n    claim: C\n    supports: nowhere\n")
    result = run_cli("html", str(bad), "-o", str(tmp_path / "bad.html"), cwd=tmp_path)
    assert result.returncode == 1
    assert re.search(r"bad\.yaml:\d+:\d+: .*nowhere", result.stderr), result.stderr
    assert not (tmp_path / "bad.html").exists()
