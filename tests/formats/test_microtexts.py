"""argmap.formats.microtexts: the arggraph XML corpus, own fixtures, located errors, hostile XML, writing."""

from __future__ import annotations

import contextlib
import json
import time
import warnings
from collections import Counter
from pathlib import Path

import attrs
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

import argmap
from argmap.errors import ArgmapError, FormatError, ParseError
from argmap.formats import Limits, microtexts
from argmap.formats.microtexts import EXTENSION, MicrotextsWarning, looks_like
from argmap.model import ArgumentMap, Claim, Position
from tests.strategies import argument_maps

DATA = Path(__file__).resolve().parents[1] / "data" / "microtexts"
SHARED = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpora"
CORPUS = SHARED / "microtexts" / "en"
AIF_CORPUS = SHARED / "aif" / "microtexts"


def _corpus() -> list[Path]:
    return sorted(CORPUS.glob("*.xml")) if CORPUS.is_dir() else []


FILES = _corpus()


def _read(path: Path) -> ArgumentMap:
    """Load a file, allowing the warnings about the relations read approximately."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", MicrotextsWarning)
        return argmap.load(path)


def _elements(argument_map: ArgumentMap) -> list[list[str]]:
    return argument_map.extensions[EXTENSION]["elements"]


@pytest.mark.corpus
def test_the_corpus_counts_equal_its_source_note():
    """112 graphs; 576 EDUs and ADUs (451 pro, 125 opp); 1,040 edges by type, as SOURCE.md counts them."""
    if not FILES:
        pytest.skip("../shared/corpora/microtexts is not beside this clone")
    maps = [_read(path) for path in FILES]
    assert len(maps) == 112
    records = [record for m in maps for record in _elements(m)]
    tags = Counter(record[0] for record in records)
    roles = Counter(record[2] for record in records if record[0] == "adu")
    edges = Counter(record[4] for record in records if record[0] == "edge")
    assert (tags["edu"], tags["adu"], tags["edge"]) == (576, 576, 1040)
    assert (roles["pro"], roles["opp"]) == (451, 125)
    assert edges == {"seg": 576, "sup": 263, "reb": 108, "und": 63, "add": 21, "exa": 9}
    # In the model: one statement per ADU, one central claim per text; sup, exa and reb are
    # arguments, and so are the 5 undercuts of undercuts; the other 58 undercuts (one of them
    # linked, with 2 units) are undercutters.
    assert sum(len(m.statements) for m in maps) == 576
    assert all(len(m.positions) == 1 for m in maps)
    arguments = [a for m in maps for a in m.arguments]
    assert Counter(a.stance for a in arguments) == {"pro": 263 + 9, "con": 108 + 5}
    assert sum(a.scheme == "example" for a in arguments) == 9
    assert sum(len(a.undercutters) for a in arguments) == 58 + 1
    assert sum(len(a.premises) - 1 for a in arguments) == 21 - 1  # the 21st add joins an undercut


@pytest.mark.corpus
def test_every_corpus_file_is_written_back_byte_for_byte():
    """dumps(loads(xml)) is the file itself, and so is the round trip through argmap's YAML."""
    if not FILES:
        pytest.skip("../shared/corpora/microtexts is not beside this clone")
    for path in FILES:
        text = path.read_text(encoding="utf-8")
        m = _read(path)
        with warnings.catch_warnings():
            warnings.simplefilter("error", MicrotextsWarning)
            assert microtexts.dumps(m) == text, path.name
            again = argmap.loads(argmap.dumps(m, format="yaml"), format="yaml")
            assert again == m, path.name
            assert microtexts.dumps(again) == text, path.name


@pytest.mark.corpus
def test_every_corpus_file_evaluates():
    """Every text evaluates; unsupported units are assumed, so most central claims stand."""
    if not FILES:
        pytest.skip("../shared/corpora/microtexts is not beside this clone")
    statuses: Counter[str] = Counter()
    for path in FILES:
        m = _read(path)
        supported = {a.conclusion for a in m.arguments if a.is_pro}
        assert all(s.assumed == (s.id not in supported) for s in m.statements), path.name
        statuses[argmap.evaluate(m).status(m.positions[0].id).value] += 1
    assert sum(statuses.values()) == 112
    assert statuses["in"] > 56


def test_the_fixture_reads_as_documented():
    """A joint of two EDUs, example support, linked premises, undercuts and the central claim."""
    with pytest.warns(MicrotextsWarning) as caught:
        m = argmap.load(DATA / "tea.xml")
    assert [str(w.message) for w in caught] == [
        (
            "argmap cannot hold a linked undercut (add onto und): each of its premises is read as an"
            " undercutter of its own: 'c4'"
        ),
        (
            "argmap cannot hold an undercut of an undercut: each is read as a con argument against the"
            " undercutting unit: 'c6'"
        ),
    ]
    assert m.title == "tea"
    assert [(type(s).__name__, s.id) for s in m.statements[:2]] == [("Position", "a1"), ("Claim", "a2")]
    assert m.statement("a1").label == "We should drink tea, not coffee."
    assert m.statement("a8").label == 'Calm <matters> & "counts" ]]>'
    shapes = {a.id: (a.premises, a.stance, a.conclusion, a.undercutters, a.scheme) for a in m.arguments}
    assert shapes == {
        "c1": (("a2", "a8"), "pro", "a1", (), None),
        "c2": (("a3",), "pro", "a2", (), "example"),
        "c3": (("a4",), "con", "a1", ("a5", "a6"), None),
        "c6": (("a7",), "con", "a5", (), None),
        "c8": (("a9",), "pro", "a8", (), None),
    }
    assumed = {s.id for s in m.statements if s.assumed}
    assert assumed == {"a3", "a4", "a5", "a6", "a7", "a9"}
    roles = {r[1]: r[2] for r in _elements(m) if r[0] == "adu"}
    assert roles == dict.fromkeys(["a1", "a2", "a3", "a5", "a6", "a8", "a9"], "pro") | {
        "a4": "opp",
        "a7": "opp",
    }


def test_the_fixture_is_written_back_as_it_was():
    """Joints, several EDUs to one unit, CDATA splitting and every edge come back byte for byte."""
    text = (DATA / "tea.xml").read_text(encoding="utf-8")
    m = _read(DATA / "tea.xml")
    assert microtexts.dumps(m) == text
    assert argmap.loads(argmap.dumps(m, format="json"), format="json") == m


def test_an_edited_text_is_written_into_its_segment():
    """Changing a unit's text changes only its EDU; ids, roles and edges stay as read."""
    text = (DATA / "tea.xml").read_text(encoding="utf-8")
    m = _read(DATA / "tea.xml")
    statements = tuple(attrs.evolve(s, text="Tea soothes.") if s.id == "a2" else s for s in m.statements)
    edited = attrs.evolve(m, statements=statements)
    with warnings.catch_warnings():
        warnings.simplefilter("error", MicrotextsWarning)
        written = microtexts.dumps(edited)
    assert written == text.replace("Tea calms the nerves.", "Tea soothes.")


def test_a_changed_structure_is_written_afresh_with_stored_roles():
    """A map whose arguments changed is rebuilt from the model, keeping the roles read before."""
    m = _read(DATA / "tea.xml")
    changed = attrs.evolve(m, arguments=tuple(a for a in m.arguments if a.id != "c8"))
    with pytest.warns(MicrotextsWarning, match=r"no place for assumptions .*'a8'"):
        written = microtexts.dumps(changed)
    back = _read_text(written)
    assert [s.id for s in back.statements] == [s.id for s in m.statements]
    assert {a.id for a in back.arguments} == {"c1", "c2", "c3", "c6"}
    roles = {r[1]: r[2] for r in _elements(back) if r[0] == "adu"}
    assert roles["a4"] == "opp"
    assert roles["a7"] == "opp"


def _read_text(text: str) -> ArgumentMap:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", MicrotextsWarning)
        return microtexts.loads(text)


def test_any_map_is_written_with_what_arggraph_can_hold(repo: Path):
    """The example map: what arggraph cannot hold is left out with warnings; the rest reads back.

    Its question, titles, lines and sources are named in warnings; its claims and the support,
    rebuttal and undercut between them read back the same.
    """
    m = argmap.load(repo / "examples" / "alliance.yaml")
    with pytest.warns(MicrotextsWarning) as caught:
        written = microtexts.dumps(m)
    messages = " | ".join(str(w.message) for w in caught)
    for lost in ("questions", "argument titles", "lines of argument", "sources", "the map's description"):
        assert f"no place for {lost}" in messages
    back = _read_text(written)
    assert [s.id for s in back.statements] == [s.id for s in m.statements if s.kind != "question"]

    def shape(x: ArgumentMap) -> set[tuple[object, ...]]:
        return {(a.id, a.premises, a.stance, a.conclusion, a.undercutters) for a in x.arguments}

    assert shape(back) == shape(m)
    assert microtexts.dumps(back) == written  # what was written once is kept exactly


def test_roles_are_derived_from_the_central_claim_when_not_stored():
    """Without stored roles, a support keeps its conclusion's side and an attack takes the other."""
    m = ArgumentMap.build("Roles")
    thesis = m.position("t", "Thesis")
    m.claim("s", "Support", supports=thesis, assumed=True)
    attack = m.claim("r", "Rebuttal", opposes=thesis, assumed=True)
    m.claim("rr", "Counter-rebuttal", opposes=attack, assumed=True)
    written = microtexts.dumps(m.finish())
    back = _read_text(written)
    roles = {r[1]: r[2] for r in _elements(back) if r[0] == "adu"}
    assert roles == {"t": "pro", "s": "pro", "r": "opp", "rr": "pro"}


def test_a_map_with_nothing_to_write_is_refused():
    """A map of questions only has no unit for arggraph: a FormatError that says so."""
    m = ArgumentMap.build("Only a question")
    m.question("q", "Why?")
    with pytest.raises(FormatError, match=r"needs at least one unit"):
        microtexts.dumps(m.finish())


def test_looks_like_reads_only_the_root_element():
    """The root after the declaration, comments, PIs and a DOCTYPE decides, in linear time."""
    assert looks_like(
        "<?xml version='1.0'?>\n<!-- c -->\n<!DOCTYPE arggraph SYSTEM 'a.dtd'>\n<arggraph id='x'>"
    )
    assert looks_like("\ufeff<arggraph/>")
    assert looks_like('<!DOCTYPE arggraph [<!ENTITY a "b">]><arggraph>')  # loads refuses the entity
    assert not looks_like("<arggraphs/>")
    assert not looks_like("<graph><arggraph/></graph>")
    assert not looks_like("<!-- unclosed")
    assert not looks_like("")
    start = time.process_time()
    assert not looks_like("<!--a-->" * 8000 + "!")  # a backtracking pattern takes hours on this
    assert time.process_time() - start < 1


def test_a_corpus_file_is_detected_from_its_content(tmp_path: Path):
    """An .xml file is read as microtexts because its root is arggraph."""
    path = tmp_path / "t.xml"
    path.write_text((DATA / "tea.xml").read_text(encoding="utf-8"), encoding="utf-8")
    assert argmap.formats.format_for(path, path.read_text(encoding="utf-8")) == "microtexts"


HOSTILE = {
    "entity expansion": (
        (
            '<?xml version="1.0"?>\n<!DOCTYPE arggraph [\n <!ENTITY a "aaaaaaaaaa">\n'
            ' <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">\n]>\n'
            '<arggraph id="x"><edu id="e1">&b;</edu></arggraph>'
        ),
        "the document declares the entity 'a'",
    ),
    "external entity": (
        (
            '<!DOCTYPE arggraph [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n'
            '<arggraph id="x"><edu id="e1">&x;</edu></arggraph>'
        ),
        "the document declares the entity 'x'",
    ),
    "parameter entity": (
        '<!DOCTYPE arggraph [<!ENTITY % x SYSTEM "http://localhost:1/x.dtd"> %x;]>\n<arggraph id="x"/>',
        "the document declares the entity 'x'",
    ),
    "undeclared entity": ('<arggraph id="x"><edu id="e1">&x;</edu></arggraph>', "undefined entity"),
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_xml_is_refused_before_anything_is_expanded_or_fetched(name: str):
    """Entity declarations are refused where they stand; nothing is fetched (no network here)."""
    text, message = HOSTILE[name]
    start = time.process_time()
    with pytest.raises(ParseError, match=message) as caught:
        microtexts.loads(text, file="h.xml")
    assert time.process_time() - start < 1
    assert str(caught.value).startswith("h.xml:")


def test_an_external_dtd_is_never_fetched():
    """A DOCTYPE naming a DTD by URL is read without fetching it (the reader knows the DTD)."""
    text = (
        '<!DOCTYPE arggraph SYSTEM "http://localhost:1/arggraph.dtd">\n<arggraph id="x">'
        '<edu id="e1">t</edu><adu id="a1" type="pro"/><edge id="c1" src="e1" trg="a1" type="seg"/></arggraph>'
    )
    assert microtexts.loads(text).statement("a1").label == "t"


def _graph(*elements: str) -> str:
    """An arggraph with one element per line, from line 2 on, indented two spaces."""
    return '<arggraph id="x">\n' + "".join(f"  {element}\n" for element in elements) + "</arggraph>"


MISTAKES = {
    "no-text": (
        '<arggraph id="x">\n  <edu id="e1">t</edu>\n  <adu id="a1" type="pro"/>\n</arggraph>',
        "m.xml:3:3: ADU 'a1' has no text: no EDU is segmented into it (join an <edu> to it with a seg edge)",
    ),
    "unknown-target": (
        _graph('<adu id="a1" type="pro"/>', '<edge id="c1" src="a1" trg="a9" type="sup"/>'),
        "m.xml:3:3: edge 'c1': trg 'a9' is no element of this graph",
    ),
    "support-onto-edge": (
        _graph(
            '<edu id="e1">t</edu>',
            '<adu id="a1" type="pro"/>',
            '<edge id="c1" src="e1" trg="a1" type="seg"/>',
            '<edge id="c2" src="a1" trg="c1" type="sup"/>',
        ),
        "m.xml:5:3: edge 'c2' of type sup has trg 'c1', a seg (a sup edge joins adu to adu)",
    ),
    "duplicate-id": (
        '<arggraph id="x">\n  <edu id="e1">t</edu>\n  <adu id="e1" type="pro"/>\n</arggraph>',
        "m.xml:3:3: id 'e1' is used twice (first on line 2; give each element its own id)",
    ),
    "bad-role": (
        '<arggraph id="x">\n  <adu id="a1" type="con"/>\n</arggraph>',
        "m.xml:2:3: ADU 'a1' has type 'con' (must be pro or opp: proponent or opponent)",
    ),
    "bad-edge-type": (
        _graph('<adu id="a1" type="pro"/>', '<edge id="c1" src="a1" trg="a1" type="att"/>'),
        "m.xml:3:3: edge 'c1' has type 'att' (must be one of seg, sup, exa, add, reb, und)",
    ),
    "missing-attribute": (
        '<arggraph id="x">\n  <adu id="a1"/>\n</arggraph>',
        "m.xml:2:3: <adu> has no type attribute (the arggraph DTD requires it)",
    ),
    "wrong-root": (
        "<graph/>",
        "m.xml:1:1: the root element is <graph>, not <arggraph> (this is not arggraph XML)",
    ),
    "nested": (
        '<arggraph id="x">\n  <edu id="e1">t <b>u</b></edu>\n</arggraph>',
        "m.xml:2:18: <b> inside <edu> (arggraph elements hold no other elements)",
    ),
    "unknown-element": (
        '<arggraph id="x">\n  <note/>\n</arggraph>',
        "m.xml:2:3: unknown element <note> (an arggraph holds only edu, joint, adu, edge)",
    ),
    "no-adu": (
        '<arggraph id="x">\n</arggraph>',
        "m.xml:1:1: arggraph 'x' has no <adu> (an argument needs at least one unit)",
    ),
    "unclosed": (
        '<arggraph id="x">\n  <edu id="e1">t</edu>\n',
        "m.xml:3:1: not well-formed XML: no element found (check the tags and quotes)",
    ),
}


@pytest.mark.parametrize("name", sorted(MISTAKES))
def test_a_mistake_is_one_located_message(name: str):
    """Each mistake names the element, its line:column and the fix."""
    text, message = MISTAKES[name]
    with pytest.raises(ParseError) as caught:
        microtexts.loads(text, file="m.xml")
    assert str(caught.value) == message


def test_a_self_support_is_located_at_its_edge():
    """A model problem (a unit supporting itself) points at the edge's line in the file."""
    text = _graph(
        '<edu id="e1">t</edu>',
        '<adu id="a1" type="pro"/>',
        '<edge id="c0" src="e1" trg="a1" type="seg"/>',
        '<edge id="c1" src="a1" trg="a1" type="sup"/>',
    )
    with pytest.raises(argmap.errors.InvalidMapError) as caught:
        microtexts.loads(text, file="m.xml")
    [problem] = caught.value.problems
    assert str(problem.location) == "m.xml:5:3"


def test_limits_bound_the_elements_and_the_size():
    """More elements than Limits.max_items, or more text than max_bytes, is refused at once."""
    text = (DATA / "tea.xml").read_text(encoding="utf-8")
    with pytest.raises(ParseError, match=r"t\.xml:5:3: the graph has more than 2 elements"):
        microtexts.loads(text, file="t.xml", limits=Limits(max_items=2))
    with pytest.raises(ParseError, match=r"more than the limit of 100 "):
        microtexts.loads(text, limits=Limits(max_bytes=100))


# Where the AIFdb conversion of the corpus differs from the original XML (checked by hand).
AIF_DIFFERS = {
    "micro_b025": "two segments split at another word ('industry, and' / 'conventional medicine')",
    "micro_d07": "two segments split at another dash ('offices' / '– in Japan')",
    "micro_k011": "the AIF edges join other units than the XML's (a conversion error upstream)",
}


@pytest.mark.corpus
def test_the_xml_and_its_aif_version_have_the_same_structure():
    """Each text's arggraph and its AIFdb nodeset give the same statements and relations by text.

    The 110 nodesets are compared; the three that AIFdb converted differently are listed with the
    difference. Undercuts of undercuts (5 in the corpus) are compared as AIF's reader keeps them:
    outside the model, since an undercut cannot be a premise or a conclusion there.
    """
    try:
        from argmap.formats import aif  # noqa: PLC0415
    except ImportError:
        pytest.skip("argmap.formats.aif (the AIF reader) does not exist yet")
    if not FILES or not AIF_CORPUS.is_dir():
        pytest.skip("../shared/corpora/microtexts or aif/microtexts is not beside this clone")
    names = json.loads((AIF_CORPUS / "aif2arggraph.json").read_text(encoding="utf-8"))
    same: list[str] = []
    different: list[str] = []
    for nodeset, micro in sorted(names.items()):
        aif_path = AIF_CORPUS / f"{nodeset}.json"
        if not aif_path.is_file():
            continue
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            from_aif = aif.loads(aif_path.read_text(encoding="utf-8"), file=str(aif_path))
        from_xml = _read(CORPUS / f"{micro}.xml")
        nested = _nested_undercuts(from_xml)
        from_xml = attrs.evolve(
            from_xml, arguments=tuple(a for a in from_xml.arguments if a.id not in nested)
        )
        (same if _structure(from_aif) == _structure(from_xml) else different).append(micro)
    assert len(same) == 110 - len(AIF_DIFFERS)
    assert different == sorted(AIF_DIFFERS)


def _nested_undercuts(m: ArgumentMap) -> set[str]:
    edges = {r[1]: r for r in _elements(m) if r[0] == "edge"}
    return {ident for ident, r in edges.items() if r[4] == "und" and edges[r[3]][4] == "und"}


def _structure(m: ArgumentMap) -> tuple[Counter[str], Counter[tuple[object, ...]]]:
    """Statement texts and relations named by texts: what two readers of one text must agree on."""

    def text(statement_id: str) -> str:
        return " ".join(m.statement(statement_id).label.split())

    texts = Counter(text(s.id) for s in m.statements)
    relations: Counter[tuple[object, ...]] = Counter()
    for a in m.arguments:
        premises = tuple(sorted(text(p) for p in a.premises))
        relations[(premises, a.stance, text(a.conclusion))] += 1
        for undercutter in a.undercutters:
            relations[("undercut", text(undercutter), premises, text(a.conclusion))] += 1
    return texts, relations


def test_statement_kinds_follow_the_central_claim():
    """Only the one unit that bears on nothing is a Position."""
    m = _read(DATA / "tea.xml")
    assert [s.id for s in m.statements if isinstance(s, Position)] == ["a1"]
    assert all(isinstance(s, Claim) for s in m.statements[1:])


def _shape(m: ArgumentMap) -> set[tuple[object, ...]]:
    return {(a.id, a.premises, a.stance, a.conclusion, a.undercutters) for a in m.arguments}


@given(argument_maps())
def test_any_map_reads_back_with_its_units_and_relations(argument_map: ArgumentMap) -> None:
    """Property: every statement but questions, and every argument not touching one, reads back."""
    questions = {q.id for q in argument_map.questions}
    assume(len(questions) < len(argument_map.statements))
    texts = [argument_map.title] + [getattr(s, "quote", None) or s.label for s in argument_map.statements]
    if any(microtexts._NOT_XML.search(text) for text in texts):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", MicrotextsWarning)
            with pytest.raises(FormatError, match=r"control character"):
                microtexts.dumps(argument_map)
        return
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", MicrotextsWarning)
        written = microtexts.dumps(argument_map)
        back = microtexts.loads(written)
    kept = [s for s in argument_map.statements if s.id not in questions]
    assert [s.id for s in back.statements] == [s.id for s in kept]
    assert [s.label for s in back.statements] == [getattr(s, "quote", None) or s.label for s in kept]
    touching = {
        a.id for a in argument_map.arguments if questions & {a.conclusion, *a.premises, *a.undercutters}
    }
    assert _shape(back) == {shape for shape in _shape(argument_map) if shape[0] not in touching}
    assert microtexts.dumps(back) == written


@given(st.text(max_size=300))
def test_any_text_gives_a_map_or_an_argmap_error(text: str) -> None:
    """Random text never raises anything but an ArgmapError."""
    with contextlib.suppress(ArgmapError), warnings.catch_warnings():
        warnings.simplefilter("ignore", MicrotextsWarning)
        microtexts.loads(text, limits=Limits(max_items=50))


_PIECES = st.sampled_from(
    [
        '"',
        "'",
        "<",
        ">",
        "/>",
        "]]>",
        "<![CDATA[",
        'type="und"',
        'type="add"',
        'trg="c1"',
        'src="a1"',
        "&",
        "\n",
    ]
)


@given(st.data())
def test_a_mutated_graph_reads_and_round_trips_or_gives_an_argmap_error(data: st.DataObject) -> None:
    """The fixture with a few characters changed is read and written back exactly, or refused."""
    text = (DATA / "tea.xml").read_text(encoding="utf-8")
    for _ in range(data.draw(st.integers(1, 4))):
        at = data.draw(st.integers(0, len(text)))
        cut = data.draw(st.integers(0, 8))
        text = text[:at] + data.draw(_PIECES | st.text(max_size=3)) + text[at + cut :]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", MicrotextsWarning)
        try:
            m = microtexts.loads(text)
        except ArgmapError:
            return
        assert microtexts.loads(microtexts.dumps(m)) == m


def test_converting_a_malformed_file_writes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    """`argmap convert` on a bad arggraph exits 1 with the located message and creates no file."""
    from argmap.cli import main  # noqa: PLC0415

    bad = tmp_path / "bad.xml"
    bad.write_text(_graph('<adu id="a1" type="pro"/>'), encoding="utf-8")
    out = tmp_path / "out.yaml"
    assert main(["convert", str(bad), str(out)]) == 1
    assert f"{bad}:2:3: ADU 'a1' has no text" in capsys.readouterr().err
    assert not out.exists()
