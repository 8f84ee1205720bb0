"""AIF JSON: the shared corpora, exact round trips, edits, wrappers, located errors and limits."""

from __future__ import annotations

import itertools
import json
import subprocess
import sys
import time
import warnings
from collections import Counter
from pathlib import Path, PurePath
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import argmap
from argmap.errors import ArgmapError, FormatError, ParseError
from argmap.formats import Limits, aif, dumps, loads
from argmap.formats.aif import AifWarning
from argmap.model import Argument, Claim, Evidence

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpora" / "aif"
CORPORA = ("araucaria", "arguebuf-6064", "microtexts", "qt30", "us2016")


def _corpus(name: str) -> list[Path]:
    folder = SHARED / name
    return (
        sorted(p for p in folder.glob("*.json") if p.name != "aif2arggraph.json") if folder.is_dir() else []
    )


ALL = [path for name in CORPORA for path in _corpus(name)]
NO_CORPUS = "../shared/corpora/aif is not beside this clone"

# From the SOURCE.md of each corpus folder: files; nodes by type; edges; locutions; RA nodes with
# two or more I-node premises; RA nodes with a named scheme; edges from a CA to an RA or CA (undercuts).
SOURCE_COUNTS = {
    "araucaria": (53, {"I": 445, "RA": 205, "CA": 38, "L": 36, "YA": 36}, 708, 333, 110, 93, 0),
    "arguebuf-6064": (2, {"I": 18, "L": 16, "YA": 14, "RA": 10, "TA": 8, "MA": 3}, 70, 26, None, None, None),
    "microtexts": (110, {"I": 566, "RA": 268, "CA": 167}, 891, 0, 17, None, 61),
    "qt30": (4, {"L": 150, "YA": 109, "I": 69, "TA": 69, "MA": 18, "RA": 15, "CA": 6}, 438, 97, 4, 0, None),
    "us2016": (
        4,
        {"L": 171, "YA": 126, "I": 77, "TA": 64, "RA": 22, "CA": 12, "MA": 7},
        493,
        18,
        9,
        None,
        None,
    ),
}

# What the model holds of each corpus: statements, pro and con arguments, linked pro arguments,
# arguments with a scheme, undercutters. The rest of each file is kept in extensions["aif"].
MODEL_COUNTS = {
    "araucaria": (445, 205, 38, 110, 93, 0),
    "arguebuf-6064": (18, 10, 0, 0, 0, 0),
    "microtexts": (566, 268, 106, 17, 9, 57),
    "qt30": (69, 15, 6, 4, 0, 0),
    "us2016": (77, 21, 12, 9, 1, 0),
}


def _text(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def _same_json(a: Any, b: Any) -> bool:
    """Equal as JSON data, key order included."""
    return json.dumps(a, ensure_ascii=False) == json.dumps(b, ensure_ascii=False)


def _exactly(document: Any) -> None:
    """Assert that reading ``document`` and writing it back gives the same JSON, with no warning."""
    text = json.dumps(document)
    with warnings.catch_warnings():
        warnings.simplefilter("error", AifWarning)
        written = aif.dumps(aif.loads(text))
    assert _same_json(json.loads(written), document)


# -- the corpora -------------------------------------------------------------------------------


@pytest.mark.corpus
def test_the_corpus_is_present_or_the_tests_say_why():
    """The shared AIF corpora hold the 173 maps their SOURCE notes list."""
    if not ALL:
        pytest.skip(NO_CORPUS)
    assert {name: len(_corpus(name)) for name in CORPORA} == {
        name: counts[0] for name, counts in SOURCE_COUNTS.items()
    }


@pytest.mark.corpus
@pytest.mark.parametrize("path", ALL, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_every_corpus_file_is_written_back_exactly(path: Path):
    """AIF -> argmap -> AIF gives every node, edge, scheme, text and field back, in order, silently."""
    text = _text(path)
    argument_map = argmap.load(path)
    assert argument_map.title == path.stem
    with warnings.catch_warnings():
        warnings.simplefilter("error", AifWarning)
        written = argmap.dumps(argument_map, format="aif")
    assert _same_json(json.loads(written), json.loads(text))
    assert aif.loads(written, file=str(path)) == argument_map
    evaluation = argmap.evaluate(argument_map)
    assert set(evaluation.statuses) == {s.id for s in argument_map.statements}


@pytest.mark.corpus
@pytest.mark.parametrize(
    "path",
    [*ALL, Path(__file__).parents[1] / "data" / "aif" / "tea.json"],
    ids=lambda p: f"{p.parent.name}/{p.stem}",
)
def test_the_reader_builds_what_the_validating_classes_build(path: Path):
    """Built with model._bulk.trusted (no validators, no walk of the extension): the classes' own map."""
    text = _text(path)
    fast = aif.loads(text, file=str(path))
    checked = aif._load(text, str(path), Limits(), checked=True)
    assert fast == checked
    assert _same_json(fast.extensions, checked.extensions)
    assert [type(s) for s in fast.statements] == [type(s) for s in checked.statements]
    assert (
        [type(a) for a in fast.arguments]
        == [type(a) for a in checked.arguments]
        == [Argument] * len(fast.arguments)
    )
    for derived in ("_statement_index", "_argument_index", "_source_index", "_line_index", "_pro", "_con"):
        assert getattr(fast, derived) == getattr(checked, derived), derived
    assert fast.origin == checked.origin


def test_the_title_comes_from_the_file_name_as_pathlib_reads_it():
    """The reader finds the file's name without building a PurePath; it is PurePath's name for any path."""
    parts = ["", ".", "..", "a", "b.json", ".json", "c.aif", " d .json", "e\\f.json"]
    for count in range(1, 4):
        for combo in itertools.product(parts, repeat=count):
            for file in ("/".join(combo), "/".join(combo) + "/", "/" + "/".join(combo)):
                assert aif._file_name(file) == PurePath(file).name, file
    assert aif.loads(json.dumps(TEA), file="maps/tea.json/").title == "tea"
    assert aif.loads(json.dumps(TEA), file="maps/.").title == "maps"


@pytest.mark.corpus
@pytest.mark.parametrize("name", CORPORA)
def test_counts_equal_the_source_notes(name: str):
    """Nodes by type, edges, locutions, linked RAs and named schemes equal SOURCE.md, after a round trip."""
    paths = _corpus(name)
    if not paths:
        pytest.skip(NO_CORPUS)
    _, types, edges, locutions, linked, schemes, undercuts = SOURCE_COUNTS[name]
    found_types: Counter[str] = Counter()
    found = Counter[str]()
    model = Counter[str]()
    for path in paths:
        argument_map = aif.loads(_text(path), file=str(path))
        document = json.loads(aif.dumps(argument_map))
        by_id = {node["nodeID"]: node for node in document["nodes"]}
        found_types.update(node["type"] for node in document["nodes"])
        found["edges"] += len(document["edges"])
        found["locutions"] += len(document.get("locutions", []))
        premises = Counter(
            edge["toID"]
            for edge in document["edges"]
            if by_id[edge["fromID"]]["type"] == "I" and by_id[edge["toID"]]["type"] == "RA"
        )
        found["linked"] += sum(count >= 2 for count in premises.values())
        found["undercuts"] += sum(
            by_id[edge["fromID"]]["type"] == "CA" and by_id[edge["toID"]]["type"] in {"RA", "CA"}
            for edge in document["edges"]
        )
        found["schemes"] += sum(
            node["type"] == "RA" and bool(node.get("scheme")) and node["scheme"] != "Default Inference"
            for node in document["nodes"]
        )
        model["statements"] += len(argument_map.statements)
        model["pro"] += sum(a.is_pro for a in argument_map.arguments)
        model["con"] += sum(not a.is_pro for a in argument_map.arguments)
        model["linked"] += sum(a.is_pro and len(a.premises) > 1 for a in argument_map.arguments)
        model["schemes"] += sum(a.scheme is not None for a in argument_map.arguments)
        model["undercutters"] += sum(len(a.undercutters) for a in argument_map.arguments)
    assert dict(found_types) == types
    assert (found["edges"], found["locutions"]) == (edges, locutions)
    if linked is not None:
        assert found["linked"] == linked
    if schemes is not None:
        assert found["schemes"] == schemes
    if undercuts is not None:
        assert found["undercuts"] == undercuts
    statements, pro, con, model_linked, model_schemes, undercutters = MODEL_COUNTS[name]
    assert (model["statements"], model["pro"], model["con"]) == (statements, pro, con)
    assert (model["linked"], model["schemes"], model["undercutters"]) == (
        model_linked,
        model_schemes,
        undercutters,
    )


@pytest.mark.corpus
def test_araucaria_scheme_names_are_kept_exactly():
    """Every named RA scheme reaches the argument as written (arguebuf 2.7 maps 53 of 93 to Default)."""
    paths = _corpus("araucaria")
    if not paths:
        pytest.skip(NO_CORPUS)
    expected: Counter[str] = Counter()
    kept: Counter[str] = Counter()
    for path in paths:
        document = json.loads(_text(path))
        argument_map = aif.loads(_text(path))
        for node in document["nodes"]:
            if node["type"] == "RA" and node.get("scheme"):
                expected[node["scheme"]] += 1
                kept[argument_map.argument(f"ra-{node['nodeID']}").scheme or ""] += 1
    assert kept == expected
    assert sum(expected.values()) == 93
    # The CamelCase names arguebuf loses, each kept here.
    lost_by_arguebuf = {"CauseToEffect": 19, "VerbalClassification": 8, "PracticalReasoning": 8}
    assert all(kept[name] == count for name, count in lost_by_arguebuf.items())
    assert {"ExpertOpinion", "PositionToKnow", "EstablishedRule", "FearAppeal"} <= set(kept)


@pytest.mark.corpus
def test_a_map_with_text_only_schemes_and_dialogue_reads_as_the_analyst_drew_it():
    """Nodeset 127: RA text 'Example' is a scheme; L and YA nodes are kept; basic premises are assumed."""
    path = SHARED / "araucaria" / "nodeset127.json"
    if not path.is_file():
        pytest.skip(NO_CORPUS)
    argument_map = argmap.load(path)
    kinds = Counter(node["type"] for node in argument_map.extensions["aif"]["document"]["nodes"])
    assert kinds["L"] == kinds["YA"] > 0
    premises = {p for a in argument_map.arguments for p in a.premises}
    concluded = {a.conclusion for a in argument_map.arguments if a.is_pro}
    for statement in argument_map.statements:
        assert statement.assumed == (statement.id in premises - concluded)
    evaluation = argmap.evaluate(argument_map)
    assert set(evaluation.statuses) == {s.id for s in argument_map.statements}


@pytest.mark.corpus
def test_microtexts_undercuts_become_undercutters():
    """Nodeset 6365: CA onto RA undercuts its inference; a CA onto that CA stays in the AIF kept."""
    path = SHARED / "microtexts" / "nodeset6365.json"
    if not path.is_file():
        pytest.skip(NO_CORPUS)
    argument_map = argmap.load(path)
    undercut = argument_map.argument("ra-119967")
    assert (undercut.premises, undercut.conclusion, undercut.undercutters) == (
        ("i-119963",),
        "i-119962",
        ("i-119964",),
    )
    assert not argument_map.has_argument("ca-119968")  # the undercut is no argument of its own
    kept = argument_map.extensions["aif"]
    assert kept["document"]["nodes"][7] == json.loads(_text(path))["nodes"][7]  # CA 119969, as written
    assert 7 not in kept["arguments"].values()
    assert kept["undercuts"] == [[6, "ra-119967", ["i-119964"]]]  # CA 119968


# -- reading and writing, on small documents -------------------------------------------------------

TEA: dict[str, Any] = {
    "nodes": [
        {"nodeID": "1", "text": "Tea calms.", "type": "I", "timestamp": "2024-01-01 10:00:00"},
        {"nodeID": "2", "text": "Drink tea.", "type": "I", "timestamp": "2024-01-01 10:00:01"},
        {"nodeID": "3", "text": "RA", "type": "RA", "scheme": "PracticalReasoning", "schemeID": "28"},
        {"nodeID": "4", "text": "Tea costs money.", "type": "I"},
        {"nodeID": "5", "text": "Default Conflict", "type": "CA"},
        {"nodeID": "6", "text": "Calm is not always wanted.", "type": "I"},
        {"nodeID": "7", "text": "Default Conflict", "type": "CA"},
        {"nodeID": "8", "text": "Speaker: tea calms", "type": "L"},
        {"nodeID": "9", "text": "Asserting", "type": "YA"},
        {"nodeID": "10", "text": "Tea soothes.", "type": "I"},
        {"nodeID": "11", "text": "Default Rephrase", "type": "MA"},
    ],
    "edges": [
        {"edgeID": "1", "fromID": "1", "toID": "3", "formEdgeID": None},
        {"edgeID": "2", "fromID": "3", "toID": "2", "formEdgeID": None},
        {"edgeID": "3", "fromID": "4", "toID": "5", "formEdgeID": None},
        {"edgeID": "4", "fromID": "5", "toID": "2", "formEdgeID": None},
        {"edgeID": "5", "fromID": "6", "toID": "7", "formEdgeID": None},
        {"edgeID": "6", "fromID": "7", "toID": "3", "formEdgeID": None},
        {"edgeID": "7", "fromID": "8", "toID": "9", "formEdgeID": None},
        {"edgeID": "8", "fromID": "9", "toID": "1", "formEdgeID": None},
        {"edgeID": "9", "fromID": "10", "toID": "11", "formEdgeID": None},
        {"edgeID": "10", "fromID": "11", "toID": "1", "formEdgeID": None},
    ],
    "locutions": [{"nodeID": "8", "personID": "1", "timestamp": "2024-01-01 10:00:00"}],
}


def _tea() -> argmap.ArgumentMap:
    return aif.loads(json.dumps(TEA), file="tea.json")


def test_ra_ca_and_undercut_become_pro_con_and_undercutters():
    """RA -> pro with its scheme, CA -> con, CA onto RA -> undercutter; ids from nodeIDs."""
    tea = _tea()
    assert tea.title == "tea"
    assert [s.id for s in tea.statements] == ["i-1", "i-2", "i-4", "i-6", "i-10"]
    assert tea.arguments == (
        Argument(
            id="ra-3",
            conclusion="i-2",
            premises=("i-1",),
            scheme="PracticalReasoning",
            undercutters=("i-6",),
        ),
        Argument(id="ca-5", conclusion="i-2", premises=("i-4",), stance="con"),
    )
    # Premises and undercutters that nothing supports are taken as given; the rest must be earned.
    assert [s.id for s in tea.statements if s.assumed] == ["i-1", "i-4", "i-6"]
    _exactly(TEA)


def test_wrappers_are_read_and_written_back():
    """{"AIF": ...} and OVA's {"aif": ..., "OVA": ...} give the same map and come back as they were."""
    plain = _tea()
    for wrapped in ({"AIF": TEA}, {"analysis": {"txt": "x"}, "aif": TEA, "OVA": {"firstname": "A"}}):
        argument_map = aif.loads(json.dumps(wrapped), file="tea.json")
        assert argument_map.statements == plain.statements
        assert argument_map.arguments == plain.arguments
        _exactly(wrapped)


def test_odd_shapes_are_kept_not_read_as_arguments():
    """Blank I-nodes, self-support, dangling and duplicate edges, int ids and unknown types survive."""
    document = {
        "nodes": [
            {"nodeID": 1, "text": "A", "type": "I"},
            {"nodeID": 2, "text": "  ", "type": "I"},
            {"nodeID": 3, "text": "Default Inference", "type": "RA"},  # from a blank I-node
            {"nodeID": 4, "text": "Default Inference", "type": "RA"},  # A supports A
            {"nodeID": 5, "type": "PA"},
            {"nodeID": "6 b", "text": "B", "type": "I"},
            {"nodeID": 7, "text": "Default Inference", "type": "RA"},
        ],
        "edges": [
            {"edgeID": 1, "fromID": 2, "toID": 3},
            {"edgeID": 2, "fromID": 3, "toID": 1},
            {"edgeID": 3, "fromID": 1, "toID": 4},
            {"edgeID": 4, "fromID": 4, "toID": 1},
            {"edgeID": 5, "fromID": 1, "toID": 99},
            {"edgeID": 6, "fromID": 1, "toID": 7},
            {"edgeID": 7, "fromID": 1, "toID": 7},
            {"edgeID": 8, "fromID": 7, "toID": "6 b"},
        ],
        "participants": [{"participantID": 1, "firstname": "A"}],
    }
    argument_map = aif.loads(json.dumps(document))
    assert [s.id for s in argument_map.statements] == ["i-1", "i-6_b"]
    assert [(a.id, a.premises, a.conclusion) for a in argument_map.arguments] == [("ra-7", ("i-1",), "i-6_b")]
    _exactly(document)


def test_an_edited_map_is_written_with_new_ids_and_warns_of_dropped_dialogue():
    """Added parts get the next nodeIDs and edgeIDs; deleting a claim drops its kept edges, with a warning."""
    tea = _tea()
    added = Claim(id="c-new", text="Tea is cheap.", assumed=True)
    rebuttal = Argument(id="a-new", conclusion="i-4", premises=("c-new",), stance="con")
    edited = attrs.evolve(
        tea,
        statements=(*tea.statements, added),
        arguments=(*tea.arguments, rebuttal),
    )
    with warnings.catch_warnings():
        warnings.simplefilter("error", AifWarning)
        document = json.loads(aif.dumps(edited))
    assert document["nodes"][-2:] == [
        {"nodeID": "12", "text": "Tea is cheap.", "type": "I"},
        {"nodeID": "13", "text": "Default Conflict", "type": "CA"},
    ]
    assert document["edges"][-2:] == [
        {"edgeID": "11", "fromID": "12", "toID": "13", "formEdgeID": None},
        {"edgeID": "12", "fromID": "13", "toID": "4", "formEdgeID": None},
    ]
    back = aif.loads(json.dumps(document), file="tea.json")
    assert back.argument("ca-13").premises == ("i-12",)
    # Deleting i-1 (and the argument it was the premise of) leaves the YA and MA edges into it dangling.
    without = attrs.evolve(
        tea,
        statements=tuple(s for s in tea.statements if s.id not in {"i-1", "i-6"}),
        arguments=(tea.argument("ca-5"),),
    )
    with pytest.warns(AifWarning, match=r"edges that touch a deleted node .* \(8, 10\)"):
        document = json.loads(aif.dumps(without))
    assert [node["nodeID"] for node in document["nodes"]] == ["2", "4", "5", "8", "9", "10", "11"]
    assert [edge["edgeID"] for edge in document["edges"]] == ["3", "4", "7", "9"]


def test_a_changed_scheme_and_undercut_are_written_as_they_now_are():
    """A new scheme replaces the old name (and its schemeID); a removed undercutter removes its CA."""
    tea = _tea()
    changed = attrs.evolve(
        tea,
        arguments=(
            attrs.evolve(tea.argument("ra-3"), scheme="ExpertOpinion", undercutters=()),
            tea.argument("ca-5"),
        ),
    )
    with pytest.warns(AifWarning, match=r"assumed \(AIF implies it from the structure\) \(i-6\)"):
        document = json.loads(aif.dumps(changed))  # i-6 undercuts nothing now: no longer a premise
    ra = next(node for node in document["nodes"] if node["nodeID"] == "3")
    assert ra == {"nodeID": "3", "text": "RA", "type": "RA", "scheme": "ExpertOpinion"}
    assert "7" not in {node["nodeID"] for node in document["nodes"]}
    assert aif.loads(json.dumps(document)).argument("ra-3").scheme == "ExpertOpinion"


def test_a_native_map_is_written_as_plain_aif_and_read_back_in_the_same_shape():
    """The example map: I/RA/CA nodes, one CA per undercutter; what AIF cannot hold is named in a warning."""
    example = argmap.load(Path(__file__).resolve().parents[2] / "examples" / "alliance.yaml")
    with pytest.warns(
        AifWarning, match=r"the title \('Alliance or not\?'\).*position \(written as an I-node\)"
    ):
        text = aif.dumps(example)
    document = json.loads(text)
    assert list(document) == ["nodes", "edges", "locutions"]
    assert {node["type"] for node in document["nodes"]} == {"I", "RA", "CA"}
    back = aif.loads(text)

    def shape(argument_map: argmap.ArgumentMap) -> list[tuple[int, str, int]]:
        return sorted((len(a.premises), a.stance, len(a.undercutters)) for a in argument_map.arguments)

    assert (len(back.statements), shape(back)) == (len(example.statements), shape(example))

    def written(argument_map: argmap.ArgumentMap, ident: str) -> str:
        statement = argument_map.statement(ident)
        return statement.quote if isinstance(statement, Evidence) else statement.label

    for argument in example.arguments:
        conclusion = written(example, argument.conclusion)
        premises = sorted(written(example, p) for p in argument.premises)
        assert any(
            written(back, a.conclusion) == conclusion
            and sorted(written(back, p) for p in a.premises) == premises
            for a in back.arguments
        ), argument.id
    with warnings.catch_warnings():
        warnings.simplefilter("error", AifWarning)
        assert aif.dumps(back) == text


def test_the_native_formats_keep_what_aif_needs_to_come_back():
    """AIF -> argmap YAML -> argmap -> AIF is still exact."""
    for fmt in ("yaml", "json"):
        kept = loads(dumps(_tea(), format=fmt), format=fmt)
        assert kept == _tea()
        assert _same_json(json.loads(aif.dumps(kept)), TEA)


def test_a_foreign_extension_is_refused_with_what_to_do():
    """extensions['aif'] that the reader did not write cannot be merged: a FormatError says so."""
    broken = attrs.evolve(_tea(), extensions={"aif": {"document": {"nodes": [{"id": "x"}], "edges": []}}})
    with pytest.raises(FormatError, match=r"extensions\['aif'\] is not what argmap's AIF reader keeps"):
        aif.dumps(broken)


# -- hypothesis: any document of AIF's shape comes back exactly ------------------------------------

node_ids = st.one_of(st.integers(0, 30), st.sampled_from(["1", "2", "3", "10", "a b", "x", "", "ra-1"]))
node_types = st.sampled_from(["I", "I", "I", "RA", "RA", "CA", "CA", "MA", "PA", "L", "YA", "TA", "X"])
node_texts = st.one_of(st.text(max_size=12), st.sampled_from(["Default Inference", "RA", "Expert Opinion"]))
extras = st.dictionaries(
    st.sampled_from(["timestamp", "scheme", "schemeID", "x"]),
    st.one_of(st.none(), st.text(max_size=5), st.integers(-5, 5), st.lists(st.integers(0, 3), max_size=2)),
    max_size=2,
)


@st.composite
def aif_documents(draw: st.DrawFn) -> dict[str, Any]:
    """Draw a document with unique nodeIDs, any edges between them (and to nowhere), any extra fields."""
    ids = draw(st.lists(node_ids, max_size=10, unique_by=str))
    nodes = []
    for node_id in ids:
        node: dict[str, Any] = {"nodeID": node_id}
        kind = draw(node_types)
        fields = draw(extras)
        fields.pop("text", None)
        node |= (
            {"text": draw(node_texts), "type": kind}
            if draw(st.booleans())
            else {"type": kind, "text": draw(node_texts)}
        )
        node |= {k: v for k, v in fields.items() if k not in node}
        nodes.append(node)
    ends = st.sampled_from([*ids, "nowhere"]) if ids else st.just("nowhere")
    edges = [
        {"edgeID": index, "fromID": draw(ends), "toID": draw(ends)}
        for index in range(draw(st.integers(0, 14)))
    ]
    document: dict[str, Any] = {"nodes": nodes, "edges": edges}
    if draw(st.booleans()):
        document["locutions"] = []
    return {"AIF": document} if draw(st.booleans()) else document


@given(document=aif_documents())
def test_any_aif_document_comes_back_exactly(document: dict[str, Any]):
    """AIF -> argmap -> AIF is exact, and AIF -> argmap -> argmap JSON -> argmap -> AIF too."""
    argument_map = aif.loads(json.dumps(document))
    with warnings.catch_warnings():
        warnings.simplefilter("error", AifWarning)
        assert _same_json(json.loads(aif.dumps(argument_map)), document)
        via_json = loads(dumps(argument_map, format="json"), format="json")
        assert _same_json(json.loads(aif.dumps(via_json)), document)
    statements = {s.id for s in argument_map.statements}
    for argument in argument_map.arguments:
        assert {argument.conclusion, *argument.premises, *argument.undercutters} <= statements


# -- mistakes and limits -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{"nodes": [], "edges": [],}', r"^m\.json:1:27: Expecting property name enclosed in double quotes"),
        ("[]", r"^m\.json:1:1: an AIF document is a JSON object with 'nodes' and 'edges', not a list"),
        ('{"AIF": {"nodes": []}}', r"^m\.json:1:9: an AIF document needs a list of 'edges', found none"),
        (
            '{"nodes": [], "edges": {}}',
            r"^m\.json:1:24: an AIF document needs a list of 'edges', found an object",
        ),
        (
            '{"nodes": [{"nodeID": true, "type": "I"}], "edges": []}',
            r"^m\.json:1:12: node #0 has nodeID true",
        ),
        ('{"nodes": [{"nodeID": "1", "type": 5}], "edges": []}', r"node '1' has type 5, not text"),
        ('{"nodes": [], "edges": [1]}', r"^m\.json:1:25: edge #0 is a number, not an object"),
        ('{"nodes": [], "edges": [{"fromID": 1, "toID": [2]}]}', r"edge #0 has toID \[2\], not a string"),
        ('{"nodes": [], "edges": [], "x": -Infinity}', r"^m\.json:1:33: -Infinity is not a JSON number"),
        ('{"nodes": [], "edges": [], "t": "NaN", "x": NaN}', r"^m\.json:1:45: NaN is not a JSON number"),
        ('{"nodes": [], "edges": [], "x": {"y": 1, "y": 2}}', r"^m\.json:1:42: duplicate key 'y'"),
    ],
)
def test_malformed_documents_give_located_errors(text: str, message: str):
    """Each mistake is a ParseError at file:line:column that says what to do."""
    with pytest.raises(ParseError, match=message):
        aif.loads(text, file="m.json")


def test_limits_bound_size_items_depth_and_numbers():
    """Bytes, nodes and edges, nesting and number length each have a limit with a located error."""
    text = json.dumps(TEA)
    with pytest.raises(ParseError, match=r"more than the limit of 100 \("):
        aif.loads(text, limits=Limits(max_bytes=100))
    with pytest.raises(
        ParseError, match=r"^<string>:1:1: the map lists 21 nodes and edges, more than the limit of 20"
    ):
        aif.loads(text, limits=Limits(max_items=20))
    deep = (
        '{"nodes": [{"nodeID": "1", "type": "X", "x": ' + "[" * 100_000 + "]" * 100_000 + '}], "edges": []}'
    )
    with pytest.raises(ParseError, match=r"^<string>:1:\d+: nested more than 64 levels deep"):
        aif.loads(deep)
    with pytest.raises(ParseError, match=r"nested more than 5 levels deep"):
        aif.loads(
            '{"nodes": [{"nodeID": "1", "type": "X", "x": [[[1]]]}], "edges": []}', limits=Limits(max_depth=5)
        )
    with pytest.raises(ParseError, match=r"^<string>:1:23: a number 70 characters long"):
        aif.loads('{"nodes": [{"nodeID": ' + "7" * 70 + ', "type": "I", "text": "a"}], "edges": []}')


def test_looks_like_tells_aif_from_other_json():
    """AIF documents and their wrappers are recognised; argmap, SADFace and other JSON are not."""
    assert aif.looks_like(TEA)
    assert aif.looks_like({"AIF": {}})
    assert aif.looks_like({"nodes": [], "edges": []})
    assert aif.looks_like({"edges": [{"fromID": "1", "toID": "2"}]})
    assert not aif.looks_like({"argmap": 1, "nodes": [{"nodeID": 1}]})
    assert not aif.looks_like({"metadata": {}, "nodes": [], "edges": []})
    assert not aif.looks_like({"nodes": [{"id": "1"}], "edges": [{"source_id": "1"}]})
    assert not aif.looks_like([TEA])
    assert not aif.looks_like("nodes")


def test_a_bad_file_gives_an_error_and_convert_writes_nothing(tmp_path: Path):
    """`argmap convert` on a malformed AIF file exits 1 with the located error and creates no output."""
    bad = tmp_path / "bad.json"
    bad.write_text('{"nodes": [{"nodeID": "1", "type": "I"}], "edges": []}\n', encoding="utf-8")
    out = tmp_path / "out.yaml"
    result = subprocess.run(
        [sys.executable, "-m", "argmap", "convert", str(bad), str(out)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert f"{bad}:1:12: I-node '1' has no 'text'" in result.stderr
    assert "Traceback" not in result.stderr
    assert not out.exists()
    with pytest.raises(ArgmapError):
        argmap.load(bad)


@st.composite
def _mutated(draw: st.DrawFn) -> str:
    text = json.dumps(TEA, indent=1)
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(text)))
        cut = draw(st.integers(0, 6))
        insert = draw(
            st.sampled_from(['"', ",", "{", "}", "[", "]", ":", "null", "1", '"I"', '"CA"', '"RA"', ""])
        )
        text = text[:at] + insert + text[at + cut :]
    return text


@given(text=_mutated())
def test_a_mutated_document_gives_a_map_that_comes_back_or_a_located_error(text: str):
    """Whatever a few edits do to a valid document: an exact round trip, or a ParseError with a line."""
    try:
        argument_map = aif.loads(text, file="m.json")
    except ParseError as error:
        located = error.location
        argument_map = None
    if argument_map is None:
        assert located is not None
        assert located.line is not None
        return
    with warnings.catch_warnings():
        warnings.simplefilter("error", AifWarning)
        assert _same_json(json.loads(aif.dumps(argument_map)), json.loads(text))


DATA = Path(__file__).resolve().parents[1] / "data" / "aif"


def test_a_json_file_is_recognised_as_aif_and_converted_both_ways(tmp_path: Path):
    """`argmap.load` tells AIF from argmap's JSON by content; `argmap convert` goes to YAML and back."""
    source = DATA / "tea.json"
    assert argmap.formats.format_for(source, source.read_text(encoding="utf-8")) == "aif"
    assert argmap.load(source) == aif.loads(source.read_text(encoding="utf-8"), file=str(source))
    middle, back = tmp_path / "tea.yaml", tmp_path / "back.json"
    for command in ([str(source), str(middle)], [str(middle), str(back), "--to", "aif"]):
        result = subprocess.run(
            [sys.executable, "-m", "argmap", "convert", *command], capture_output=True, text=True, check=False
        )
        assert result.returncode == 0, result.stderr
    assert _same_json(
        json.loads(back.read_text(encoding="utf-8")), json.loads(source.read_text(encoding="utf-8"))
    )


def test_node_ids_that_clash_get_numbered_ids_in_linear_time():
    """Node ids that differ only in white space get `~2`, `~3`...; 5,000 of them are read at once.

    A hang guard, not a performance target: a fraction of a second, where a rescan per id took minutes.
    """
    document = {
        "nodes": [{"nodeID": f"a{' ' * (k + 1)}b", "text": "t", "type": "I"} for k in range(5_000)],
        "edges": [],
    }
    start = time.process_time()
    argument_map = aif.loads(json.dumps(document))
    assert time.process_time() - start < 10
    assert [s.id for s in argument_map.statements[:3]] == ["i-a_b", "i-a_b~2", "i-a_b~3"]
    _exactly(document)


@given(document=aif_documents(), data=st.data())
def test_an_edited_map_is_written_as_aif_that_reads_back(document: dict[str, Any], data: st.DataObject):
    """Delete statements and arguments, add a claim with a pro and a con: the AIF written reads back.

    Every statement comes back with its text, every argument between statements that stayed with its
    premises, stance and conclusion, and the nodes outside the model (dialogue, MA, ...) are all kept.
    """
    argument_map = aif.loads(json.dumps(document))
    ids = [s.id for s in argument_map.statements]
    gone = set(data.draw(st.lists(st.sampled_from(ids), unique=True)) if ids else [])
    arguments = [
        attrs.evolve(a, undercutters=[u for u in a.undercutters if u not in gone])
        for a in argument_map.arguments
        if a.conclusion not in gone and not gone & set(a.premises) and data.draw(st.booleans())
    ]
    statements = [s for s in argument_map.statements if s.id not in gone]
    statements.append(Claim(id="c-added", text="Added.", assumed=True))
    if statements[:-1]:
        arguments += [
            Argument(id="a-pro", conclusion=statements[0].id, premises=["c-added"]),
            Argument(id="a-con", conclusion=statements[0].id, premises=["c-added"], stance="con"),
        ]
    edited = attrs.evolve(argument_map, statements=tuple(statements), arguments=tuple(arguments))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", AifWarning)
        written = aif.dumps(edited)
    back = aif.loads(written)

    def texts(m: argmap.ArgumentMap) -> Counter[str]:
        return Counter(s.label for s in m.statements)

    def relations(m: argmap.ArgumentMap) -> Counter[tuple[object, ...]]:
        label = {s.id: s.label for s in m.statements}
        return Counter(
            (tuple(sorted(label[p] for p in a.premises)), a.stance, label[a.conclusion]) for a in m.arguments
        )

    assert texts(back) == texts(edited)
    assert not relations(edited) - relations(back)
    out = json.loads(written)
    kept = out.get("AIF", out)["nodes"]
    original = document.get("AIF", document)["nodes"]
    outside = [n for n in original if n["type"] not in {"I", "RA", "CA"}]
    assert all(node in kept for node in outside)
