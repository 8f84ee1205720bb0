"""argmap.formats.sadface: the SADFace examples, an own fixture, exact round trips, located errors."""

from __future__ import annotations

import contextlib
import json
import warnings
from pathlib import Path

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import argmap
from argmap.errors import ArgmapError, InvalidMapError, ParseError
from argmap.formats import Limits, sadface
from argmap.formats.sadface import DEFAULT_TITLE, EXTENSION, SadfaceWarning, looks_like
from argmap.model import ArgumentMap, Claim
from tests.strategies import argument_maps

DATA = Path(__file__).resolve().parents[1] / "data" / "sadface"
SHARED = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpora" / "sadface"
HANGBACK = SHARED / "hangback" / "data.json"
MINIMAL = SHARED / "minimal" / "minimal.json"
TEA = DATA / "tea.json"


def _shared(path: Path) -> Path:
    if not path.is_file():
        pytest.skip("../shared/corpora/sadface is not beside this clone")
    return path


def _read(path: Path) -> ArgumentMap:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", SadfaceWarning)
        return argmap.load(path)


def _short(ident: str) -> str:
    return ident[-4:]


@pytest.mark.corpus
def test_hangback_has_the_counts_of_its_source_note():
    """6 nodes (4 atoms, a support and a conflict scheme), 5 edges; metadata.core kept whole."""
    path = _shared(HANGBACK)
    m = argmap.load(path)
    document = json.loads(path.read_text(encoding="utf-8"))
    assert (len(document["nodes"]), len(document["edges"])) == (6, 5)
    assert len(m.statements) == 4
    assert all(isinstance(s, Claim) for s in m.statements)
    assert [(a.stance, len(a.premises)) for a in m.arguments] == [("pro", 2), ("con", 1)]
    assert m.title == "Hangback Example"
    assert m.description is not None
    assert m.description.startswith("An example SADFace document")
    stored = m.extensions[EXTENSION]["document"]
    assert stored["metadata"] == document["metadata"]
    assert stored["resources"] == []
    assert [e["id"] for e in stored["edges"]] == [e["id"] for e in document["edges"]]
    # The two premises and the rebuttal are taken as given; the claim they bear on is not.
    assert {s.text[:20] for s in m.statements if s.assumed} == {
        "The 'Hang Back' camp",
        "The 'Hang Back' adve",
        "Road users have a re",
    }
    statuses = argmap.evaluate(m).statuses
    assert sorted(status.value for status in statuses.values()) == ["in", "in", "out", "out"]


@pytest.mark.corpus
def test_the_minimal_document_is_an_empty_map():
    """The smallest valid document (no nodes, no title in metadata.core) reads as an empty map."""
    m = argmap.load(_shared(MINIMAL))
    assert (m.title, m.description, m.statements, m.arguments) == (DEFAULT_TITLE, None, (), ())
    assert m.extensions[EXTENSION]["document"]["metadata"]["core"]["analyst_name"] == "A User"


@pytest.mark.corpus
@pytest.mark.parametrize("name", ["hangback", "minimal"])
def test_each_example_is_written_back_byte_for_byte(name: str):
    """dumps(loads(document)) is the file itself, directly and through argmap's YAML and JSON."""
    path = _shared(HANGBACK if name == "hangback" else MINIMAL)
    text = path.read_text(encoding="utf-8")
    m = argmap.load(path)
    with warnings.catch_warnings():
        warnings.simplefilter("error", SadfaceWarning)
        assert sadface.dumps(m) == text
        for native in ("yaml", "json"):
            again = argmap.loads(argmap.dumps(m, format=native), format=native)
            assert again == m
            assert sadface.dumps(again) == text


def test_the_fixture_reads_as_documented():
    """Support, rebuttal, a linked undercut (warned), a named scheme with linked premises."""
    with pytest.warns(SadfaceWarning, match=r"undercuts with several atoms together: .*: '.*0103'$"):
        m = argmap.load(TEA)
    assert (m.title, m.description) == ("Tea or coffee?", "Whether offices should serve tea — a fixture.")
    shapes = [
        (
            _short(a.id),
            tuple(map(_short, a.premises)),
            a.stance,
            _short(a.conclusion),
            tuple(map(_short, a.undercutters)),
            a.scheme,
        )
        for a in m.arguments
    ]
    assert shapes == [
        ("0101", ("0002",), "pro", "0001", (), None),
        ("0102", ("0003",), "con", "0001", ("0004", "0005"), None),
        ("0104", ("0006", "0007"), "pro", "0002", (), "Argument from Expert Opinion"),
    ]
    assert {_short(s.id) for s in m.statements if s.assumed} == {"0003", "0004", "0005", "0006", "0007"}
    assert m.statement("0f6a6c0e-2b7d-4b86-8d0e-6f5a2a1e0006").label == "Dr. Smørgås studies calm."
    [evidence] = m.evidence  # the atom that quotes the resource
    assert (_short(evidence.id), evidence.quote, evidence.text) == (
        "0002",
        "Tea calms.",
        "Tea calms the nerves.",
    )
    [source] = m.sources
    assert (source.id, evidence.source, source.title) == (
        "3e2d1c0b-0000-4000-8000-000000000001",
        source.id,
        "Tea calms. Coffee wakes.",  # no title in the resource's metadata: the start of its content
    )


def test_the_fixture_is_written_back_byte_for_byte():
    """Escapes, a user metadata block, node metadata, sources and resources all come back."""
    text = TEA.read_text(encoding="utf-8")
    m = _read(TEA)
    assert sadface.dumps(m) == text


def test_edited_texts_title_and_description_are_written_into_the_document():
    """Changing texts, the title or the description changes only those values in the document."""
    text = TEA.read_text(encoding="utf-8")
    m = _read(TEA)
    calm = "0f6a6c0e-2b7d-4b86-8d0e-6f5a2a1e0002"
    statements = tuple(attrs.evolve(s, text="Tea soothes.") if s.id == calm else s for s in m.statements)
    edited = attrs.evolve(m, statements=statements, title="Tea?", description="Edited.")
    with warnings.catch_warnings():
        warnings.simplefilter("error", SadfaceWarning)
        written = sadface.dumps(edited)
    expected = json.loads(text)
    expected["nodes"][2]["text"] = "Tea soothes."
    expected["metadata"]["core"]["title"] = "Tea?"
    expected["metadata"]["core"]["description"] = "Edited."
    assert json.loads(written) == expected
    assert _read_text(written) == attrs.evolve(edited, extensions=_read_text(written).extensions)


def _read_text(text: str) -> ArgumentMap:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", SadfaceWarning)
        return sadface.loads(text)


def test_a_changed_structure_is_written_afresh():
    """A map whose arguments changed is written from the model; it reads back to the same shape."""
    m = _read(TEA)
    changed = attrs.evolve(m, arguments=m.arguments[:2])
    with pytest.warns(SadfaceWarning, match=r"assumptions that reading back would not derive"):
        written = sadface.dumps(changed)
    back = _read_text(written)
    assert [(s.id, s.label) for s in back.statements] == [(s.id, s.label) for s in m.statements]
    assert [(a.id, a.premises, a.stance, a.conclusion, a.undercutters) for a in back.arguments] == [
        (a.id, a.premises, a.stance, a.conclusion, a.undercutters) for a in changed.arguments
    ]


def test_any_map_is_written_with_what_sadface_can_hold(repo: Path):
    """The example map: kinds, titles, lines and sources are named in warnings; its relations read back."""
    m = argmap.load(repo / "examples" / "alliance.yaml")
    with pytest.warns(SadfaceWarning) as caught:
        written = sadface.dumps(m)
    messages = " | ".join(str(w.message) for w in caught)
    for lost in (
        "questions and positions",
        "argument titles",
        "lines of argument",
        "speakers and locators",
        "weights",
    ):
        assert f"no place for {lost}" in messages
    document = json.loads(written)
    assert looks_like(document)
    assert document["metadata"]["core"]["title"] == m.title
    back = _read_text(written)
    assert [(s.id, s.label) for s in back.statements] == [(s.id, s.label) for s in m.statements]
    assert [(e.id, e.quote, e.source) for e in back.evidence] == [
        (e.id, e.quote, e.source) for e in m.evidence
    ]
    assert back.sources == m.sources  # each source is a resource, its fields in the resource's metadata
    shape = {(a.id, a.premises, a.stance, a.conclusion, a.undercutters) for a in m.arguments}
    assert {(a.id, a.premises, a.stance, a.conclusion, a.undercutters) for a in back.arguments} == shape
    assert sadface.dumps(back) == written
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", SadfaceWarning)
        assert sadface.dumps(m) == written  # deterministic: derived UUIDs, no timestamps


def test_looks_like_tells_sadface_from_aif_and_argmap():
    """SADFace has metadata.core, source_id edges or atom/scheme nodes; AIF and argmap do not."""
    assert looks_like({"edges": [], "metadata": {"core": {}}, "nodes": [], "resources": []})
    assert looks_like({"edges": [{"id": "e", "source_id": "a", "target_id": "b"}], "nodes": []})
    assert looks_like({"nodes": [{"id": "a", "type": "atom", "text": "A"}]})
    assert not looks_like({"nodes": [{"nodeID": "1", "type": "I", "text": "A"}], "edges": []})
    assert not looks_like({"argmap": 1, "metadata": {"core": {}}})
    assert not looks_like([{"metadata": {"core": {}}}])
    assert not looks_like("sadface")


A = '{"id": "a", "type": "atom", "text": "A"}'
B = '{"id": "b", "type": "atom", "text": "B"}'
S = '{"id": "s", "type": "scheme", "name": "support"}'


def _edge(ident: str, source: str, target: str) -> str:
    return f'{{"id": "{ident}", "source_id": "{source}", "target_id": "{target}"}}'


# Each document is written one node or edge per line, so every location is easy to check by eye.
MISTAKES: dict[str, tuple[list[str], str]] = {
    "not-json": (
        ['{"nodes": [,]}'],
        "1:12: Expecting value (JSON needs double quotes and no trailing commas)",
    ),
    "not-object": (["[1, 2]"], "1:1: a SADFace document is a JSON object with nodes, edges and metadata"),
    "nodes-not-list": (['{"nodes": {}}'], "1:1: 'nodes' must be a list of objects (write \"nodes\": [...])"),
    "node-without-id": (
        ['{"nodes": [{"type": "atom", "text": "A"}]}'],
        "1:1: node #1 has no usable id, got None (give it a string id without spaces)",
    ),
    "unknown-type": (
        ['{"nodes": [', '  {"id": "a", "type": "claim", "text": "A"}', "]}"],
        "2:4: node 'a' has type 'claim' (must be \"atom\" or \"scheme\")",
    ),
    "atom-without-text": (
        ['{"nodes": [', '  {"id": "a", "type": "atom", "text": " "}', "]}"],
        "2:4: atom 'a' has no text (write it under \"text\")",
    ),
    "duplicate-node": (
        ['{"nodes": [', f"  {A},", '  {"id": "a", "type": "atom", "text": "B"}', "]}"],
        "2:4: node id 'a' is used twice (give each node its own id)",
    ),
    "unknown-end": (
        ['{"nodes": [', f"  {A}", '], "edges": [', f"  {_edge('e', 'a', 'b')}", "]}"],
        "4:4: edge 'e' joins unknown node 'b' (check source_id and target_id)",
    ),
    "atom-to-atom": (
        ['{"nodes": [', f"  {A},", f"  {B}", '], "edges": [', f"  {_edge('e', 'a', 'b')}", "]}"],
        "5:4: edge 'e' joins two atoms (atoms relate only through a scheme node: add one)",
    ),
    "scheme-without-premise": (
        ['{"nodes": [', f"  {A},", f"  {S}", '], "edges": [', f"  {_edge('e', 's', 'a')}", "]}"],
        "3:4: scheme 's' has no atom leading into it (add an edge from its premise)",
    ),
    "scheme-two-conclusions": (
        [
            '{"nodes": [',
            f"  {A},",
            f"  {B},",
            '  {"id": "c", "type": "atom", "text": "C"},',
            f"  {S}",
            '], "edges": [',
            f"  {_edge('e1', 'a', 's')},",
            f"  {_edge('e2', 's', 'b')},",
            f"  {_edge('e3', 's', 'c')}",
            "]}",
        ],
        "5:4: scheme 's' leads to 2 nodes (a scheme concludes exactly one)",
    ),
    "support-onto-scheme": (
        [
            '{"nodes": [',
            f"  {A},",
            f"  {B},",
            f"  {S},",
            '  {"id": "t", "type": "scheme", "name": "support"}',
            '], "edges": [',
            f"  {_edge('e1', 'a', 's')},",
            f"  {_edge('e2', 's', 't')},",
            f"  {_edge('e3', 'b', 't')},",
            f"  {_edge('e4', 't', 'a')}",
            "]}",
        ],
        (
            "4:4: scheme 's' (support) leads to scheme 't': only a conflict scheme can attack another"
            " scheme (an undercut)"
        ),
    ),
    "nan": (['{"nodes": [], "x": NaN}'], "1:1: NaN is not JSON (write a number or null)"),
}


@pytest.mark.parametrize("name", sorted(MISTAKES))
def test_a_mistake_is_one_located_message(name: str):
    """Each mistake names the node or edge, the line:column of its id and the fix."""
    lines, message = MISTAKES[name]
    with pytest.raises(ParseError) as caught:
        sadface.loads("\n".join(lines), file="s.json")
    assert str(caught.value) == f"s.json:{message}"


def test_a_self_support_is_located_at_its_scheme():
    """A model problem (an atom supporting itself) points at the scheme's id in the file."""
    lines = ['{"nodes": [', f"  {A},", f"  {S}", '], "edges": [', f"  {_edge('e1', 'a', 's')},"]
    lines += [f"  {_edge('e2', 's', 'a')}", "]}"]
    with pytest.raises(InvalidMapError) as caught:
        sadface.loads("\n".join(lines), file="s.json")
    [problem] = caught.value.problems
    assert str(problem.location) == "s.json:3:4"


def test_limits_bound_size_items_depth_and_numbers():
    """Size, nodes and edges, nesting and number length each have a limit, named in the message."""
    text = TEA.read_text(encoding="utf-8")
    with pytest.raises(ParseError, match=r"the map lists 21 nodes and edges, more than the limit of 20"):
        sadface.loads(text, limits=Limits(max_items=20))
    with pytest.raises(ParseError, match=r"more than the limit of 100 "):
        sadface.loads(text, limits=Limits(max_bytes=100))
    with pytest.raises(ParseError, match=r"nested more than 4 levels deep"):
        sadface.loads(text, limits=Limits(max_depth=4))
    deep = '{"nodes": [], "metadata": {"core": {}, "x": ' + "[" * 100_000 + "]" * 100_000 + "}}"
    with pytest.raises(ParseError, match=r"nested more than 64 levels deep"):
        sadface.loads(deep)
    with pytest.raises(ParseError, match=r"a number 5,000 characters long"):
        sadface.loads('{"nodes": [], "x": ' + "9" * 5_000 + "}")


def test_a_sadface_file_is_detected_from_its_content(tmp_path: Path):
    """A .json SADFace file loads as SADFace without naming the format."""
    path = tmp_path / "doc.json"
    path.write_text(TEA.read_text(encoding="utf-8"), encoding="utf-8")
    assert argmap.formats.format_for(path, path.read_text(encoding="utf-8")) == "sadface"


def _shape(m: ArgumentMap) -> set[tuple[object, ...]]:
    return {(a.id, a.premises, a.stance, a.conclusion, a.undercutters) for a in m.arguments}


@given(argument_maps())
def test_any_map_reads_back_with_its_statements_and_relations(argument_map: ArgumentMap) -> None:
    """Property: ids, texts, relations and pro schemes read back; writing again gives the same text."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", SadfaceWarning)
        written = sadface.dumps(argument_map)
        back = sadface.loads(written)
        assert sadface.dumps(back) == written
    assert [(s.id, s.label) for s in back.statements] == [(s.id, s.label) for s in argument_map.statements]
    assert [(e.id, e.quote, e.source) for e in back.evidence] == [
        (e.id, e.quote, e.source) for e in argument_map.evidence
    ]
    assert back.sources == argument_map.sources
    assert _shape(back) == _shape(argument_map)
    schemes = {
        a.id: a.scheme for a in argument_map.arguments if a.is_pro and a.scheme not in {"support", "conflict"}
    }
    assert {a.id: a.scheme for a in back.arguments if a.is_pro} == {
        a.id: schemes.get(a.id) for a in argument_map.arguments if a.is_pro
    }
    assert (back.title, back.description) == (argument_map.title, argument_map.description)


@given(st.text(max_size=300))
def test_any_text_gives_a_map_or_an_argmap_error(text: str) -> None:
    """Random text never raises anything but an ArgmapError."""
    with contextlib.suppress(ArgmapError), warnings.catch_warnings():
        warnings.simplefilter("ignore", SadfaceWarning)
        sadface.loads(text, limits=Limits(max_items=50))


_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.text(max_size=6)
    | st.sampled_from(["atom", "scheme", "conflict"]),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4), inner, max_size=3),
    max_leaves=8,
)


@given(st.data())
def test_a_mutated_document_reads_and_round_trips_or_gives_an_argmap_error(data: st.DataObject) -> None:
    """The fixture with a value replaced anywhere is read and written back exactly, or refused."""
    document = json.loads(TEA.read_text(encoding="utf-8"))
    for _ in range(data.draw(st.integers(1, 3))):
        node = document
        while isinstance(node, dict | list) and node and data.draw(st.booleans()):
            key = data.draw(st.sampled_from(sorted(node) if isinstance(node, dict) else range(len(node))))
            parent, node = node, node[key]
        if node is not document:
            parent[key] = data.draw(_VALUES)
    text = json.dumps(document, indent=4)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", SadfaceWarning)
        try:
            m = sadface.loads(text)
        except ArgmapError:
            return
        assert sadface.loads(sadface.dumps(m)) == m


def test_converting_a_malformed_document_writes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    """`argmap convert` on a bad SADFace document exits 1 with the located message and creates no file."""
    from argmap.cli import main  # noqa: PLC0415

    bad = tmp_path / "bad.json"
    lines = ['{"metadata": {"core": {}}, "nodes": [', f"  {A},", f"  {S}", '], "edges": []}']
    bad.write_text("\n".join(lines), encoding="utf-8")
    out = tmp_path / "out.yaml"
    assert main(["convert", str(bad), str(out)]) == 1
    assert f"{bad}:3:4: scheme 's' has no atom leading into it" in capsys.readouterr().err
    assert not out.exists()
