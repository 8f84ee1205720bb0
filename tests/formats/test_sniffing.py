"""Formats told apart by content where suffixes are shared: .json, .yaml, .txt and .xml."""

from __future__ import annotations

import itertools
import json
import time
from collections.abc import Callable
from pathlib import Path

import pytest

import argmap
from argmap.errors import ArgmapError, UnsupportedFormatError
from argmap.formats import FORMATS, UndetectedFormatError, _suffix, detect, format_for

AIF = {
    "nodes": [
        {"nodeID": "1", "text": "Tea calms.", "type": "I"},
        {"nodeID": "2", "text": "Default Inference", "type": "RA"},
        {"nodeID": "3", "text": "Drink tea.", "type": "I"},
    ],
    "edges": [{"edgeID": "1", "fromID": "1", "toID": "2"}, {"edgeID": "2", "fromID": "2", "toID": "3"}],
    "locutions": [],
}
SADFACE = {
    "edges": [],
    "metadata": {"core": {"id": "235bfdee", "version": "0.2"}},
    "nodes": [],
    "resources": [],
}
ARGDOWN_EXPORT = {"arguments": {}, "map": {}, "relations": [], "sections": [], "statements": {}, "tags": []}
ARGGRAPH = """<?xml version='1.0' encoding='UTF-8'?>
<!-- the first text of the corpus -->
<!DOCTYPE arggraph SYSTEM "arggraph.dtd">
<arggraph id="micro_b001" topic_id="waste_separation" stance="pro">
  <edu id="e1"><![CDATA[Separate your rubbish.]]></edu>
</arggraph>
"""


@pytest.fixture
def every_format_registered(monkeypatch: pytest.MonkeyPatch) -> None:
    """AIF, SADFace and microtexts registered (on an existing module without a predicate of its own).

    The dispatch is then tested with the fallback predicates whether or not those readers exist yet.
    """
    for name in ("aif", "sadface", "microtexts"):
        monkeypatch.setitem(FORMATS, name, "yaml")


def test_native_json_is_json_wherever_its_header_is():
    """`"argmap": 1` first is recognised without parsing; anywhere else after a parse."""
    assert format_for("m.json", '\ufeff {"argmap": 1, "title": "t"}') == "json"
    assert format_for("m.json", json.dumps({"title": "t", "statements": [], "argmap": 1})) == "json"
    assert detect("m.json", json.dumps({"title": "t", "argmap": 1})) == "json"


@pytest.mark.usefixtures("every_format_registered")
@pytest.mark.parametrize(
    "data",
    [AIF, {"AIF": AIF}, {"aif": AIF}, {"nodes": [], "edges": AIF["edges"]}],
    ids=["plain", "AIF-wrapper", "aif-wrapper", "edges-only"],
)
def test_aif_json_is_told_from_native_json(data: object):
    """AIFdb's nodes/edges (or its wrappers) are AIF, by content alone."""
    assert format_for("nodeset1.json", json.dumps(data)) == "aif"
    assert detect("nodeset1.json", json.dumps(data, indent=2)) == "aif"


@pytest.mark.usefixtures("every_format_registered")
def test_aifdb_layout_is_recognised_without_a_second_parse_unless_a_key_rules_it_out(
    monkeypatch: pytest.MonkeyPatch,
):
    """AIFdb's layout (nodes first, with a nodeID) is AIF at once; an argmap key sends it to the full look."""
    parsed: list[str] = []
    real = json.loads
    monkeypatch.setattr(json, "loads", lambda text, **kw: parsed.append(text) or real(text, **kw))
    assert format_for("nodeset1.json", json.dumps(AIF)) == "aif"
    assert parsed == []
    assert format_for("m.json", json.dumps({**AIF, "argmap": 1, "title": "t"})) == "json"
    assert len(parsed) == 1


@pytest.mark.usefixtures("every_format_registered")
def test_sadface_is_told_from_aif_though_both_have_nodes_and_edges():
    """SADFace's metadata (or a sadface key, or edges with source_id) marks it, the empty document too."""
    assert format_for("data.json", json.dumps(SADFACE)) == "sadface"
    assert format_for("data.json", json.dumps({"sadface": {}})) == "sadface"
    edges = [{"id": "e", "source_id": "a", "target_id": "b"}]
    assert format_for("data.json", json.dumps({"edges": edges, "nodes": []})) == "sadface"


def test_an_unregistered_format_is_skipped_not_guessed(monkeypatch: pytest.MonkeyPatch):
    """While a reader is missing, its files are not taken for another format."""
    monkeypatch.delitem(FORMATS, "aif", raising=False)
    monkeypatch.delitem(FORMATS, "sadface", raising=False)
    with pytest.raises(UndetectedFormatError):
        format_for("nodeset1.json", json.dumps(AIF))
    assert detect("data.json", json.dumps(SADFACE)) is None


def test_json_of_no_known_format_names_its_keys_and_the_from_flag():
    """An Argdown JSON export is not a map: the error lists its keys, the formats and --from."""
    with pytest.raises(UnsupportedFormatError) as caught:
        format_for("export.json", json.dumps(ARGDOWN_EXPORT))
    message = str(caught.value)
    assert message.startswith("export.json: unknown format: '.json' content: a JSON object with the keys")
    assert "'relations'" in message
    assert "--from FORMAT" in message
    assert "argmap convert --help lists them" in message
    assert detect("export.json", json.dumps(ARGDOWN_EXPORT)) is None
    with pytest.raises(UndetectedFormatError, match="a JSON list is not an argmap map"):
        format_for("x.json", "[1, 2]")


def test_json_that_could_be_a_map_goes_to_the_native_reader_for_its_message(tmp_path: Path):
    """No header, or no JSON at all: the native reader says what is wrong, where; a folder skips it."""
    assert format_for("m.json", '{"title": "t"}') == "json"
    assert detect("m.json", '{"title": "t"}') is None
    assert format_for("m.json", '{"title": "t",}') == "json"
    broken = tmp_path / "m.json"
    broken.write_text('{"title": "t", "statements": []', encoding="utf-8")
    with pytest.raises(ArgmapError, match=r"m\.json:1:\d+: "):
        argmap.load(broken)


def test_hostile_json_is_sniffed_cheaply():
    """Huge numbers and deep nesting cost nothing in the sniffing; the reader reports them."""
    long_number = '{"title": "t", "n": ' + "7" * 1_000_000 + "}"
    deep = '{"title": "t", "d": ' + "[" * 100_000 + "]" * 100_000 + "}"
    started = time.perf_counter()
    assert format_for("m.json", deep) == "json"
    with pytest.raises(UndetectedFormatError):
        format_for("m.json", long_number)
    assert time.perf_counter() - started < 2


@pytest.mark.usefixtures("every_format_registered")
def test_xml_is_microtexts_only_with_an_arggraph_root():
    """The root element decides, after the declaration, comments and DOCTYPE."""
    assert format_for("micro_b001.xml", ARGGRAPH) == "microtexts"
    with pytest.raises(UndetectedFormatError, match=r"its root element is <lkif>.*<arggraph>"):
        format_for("case.xml", "<?xml version='1.0'?>\n<lkif/>")
    with pytest.raises(UndetectedFormatError, match="does not start with an XML element"):
        format_for("case.xml", "just words")


@pytest.mark.usefixtures("every_format_registered")
def test_many_xml_comments_cost_nothing():
    """A prolog of thousands of comments (a lazy regular expression would backtrack for ever) is read once."""
    started = time.perf_counter()
    with pytest.raises(UndetectedFormatError, match="does not start with an XML element"):
        format_for("x.xml", "<!--a-->" * 8000 + "!")
    assert format_for("x.xml", "<!--a-->" * 8000 + "<arggraph/>") == "microtexts"
    assert time.perf_counter() - started < 1


def test_yaml_and_txt_are_told_apart_as_before():
    """Carneades' top-level keys, Kialo's first line; the suffix alone when there is no text."""
    assert format_for("case.yml", "meta:\n  title: T\nissues:\n  i1: {}\n") == "carneades"
    assert format_for("m.yaml", "argmap: 1\nmeta: x\n") == "yaml"
    assert format_for("m.yaml", "title: t\n") == "yaml"
    assert detect("m.yaml", "title: t\n") is None
    assert format_for("k.txt", "Discussion Title: T\n\n1. A.\n") == "kialo"
    assert detect("notes.txt", "Some notes.\n") is None
    assert format_for("m.json") == "json"
    with pytest.raises(UnsupportedFormatError, match=r"unknown format: '\.docx'"):
        format_for("m.docx", "")


def _corpus_files(shared: Path, pattern: str) -> list[Path]:
    files = sorted((shared / "corpora").glob(pattern))
    if not files:
        pytest.skip(f"no {pattern} in ../shared/corpora")
    return files


@pytest.mark.corpus
@pytest.mark.parametrize("predicates", ["fallback", "own"])
def test_every_shared_corpus_file_is_recognised_for_what_it_is(
    shared: Path, predicates: str, monkeypatch: pytest.MonkeyPatch
):
    """AIF, SADFace, microtexts, Kialo and Carneades files by content; exports and solutions are no maps.

    Both with the registry's fallback predicates and with each reader's own ``looks_like``.
    """
    for name in ("aif", "sadface", "microtexts"):
        if predicates == "fallback":
            monkeypatch.setitem(FORMATS, name, "yaml")
        elif name not in FORMATS:
            pytest.skip(f"the {name} reader is not registered yet")
    expected = {
        "aif/*/nodeset*.json": "aif",
        "aif/arguebuf-6064/*.json": "aif",
        "sadface/*/*.json": "sadface",
        "microtexts/en/*.xml": "microtexts",
        "kialo/*.txt": "kialo",
        "carneades/yaml/*.yml": "carneades",
        "argdown/exports/json/*.json": None,
        "iccma/solutions/**/*.json": None,
        "aif/*/nodeset*.txt": None,
        "aif/microtexts/aif2arggraph.json": None,
    }
    for pattern, name in expected.items():
        for path in _corpus_files(shared, pattern):
            text = path.read_text(encoding="utf-8-sig")
            assert detect(path, text) == name, path


@pytest.mark.corpus
@pytest.mark.usefixtures("every_format_registered")
def test_sniffing_the_aif_corpus_is_cheap(shared: Path):
    """Telling every AIF file apart costs well under the time to read them as JSON twice."""
    files = [p for p in _corpus_files(shared, "aif/*/*.json") if p.name != "aif2arggraph.json"]
    texts = [p.read_text(encoding="utf-8") for p in files]

    def best_of_three(work: Callable[[], object]) -> float:
        times = []
        for _ in range(3):
            started = time.perf_counter()
            work()
            times.append(time.perf_counter() - started)
        return min(times)  # the least disturbed by whatever else the machine runs

    parse = best_of_three(lambda: [json.loads(text) for text in texts])
    sniff = best_of_three(lambda: [format_for("x.json", text) for text in texts])
    assert {format_for("x.json", text) for text in texts} == {"aif"}
    assert sniff < 3 * parse + 0.1


def test_the_suffix_is_the_one_pathlib_gives():
    """format_for reads the suffix without building a Path; it is Path's suffix for every shape of path."""
    parts = ["", ".", "..", "a", "b.json", ".json", "a.", "x.tar.gz", "..json", "A.YAML", " .txt"]
    for count in range(1, 4):
        for combo in itertools.product(parts, repeat=count):
            for path in ("/".join(combo), "/".join(combo) + "/", "/" + "/".join(combo)):
                assert _suffix(path) == Path(path).suffix.lower(), path
                assert _suffix(Path(path)) == Path(path).suffix.lower(), path
