"""Reading ICCMA frameworks (apx, tgf, i23) as argument maps."""

from __future__ import annotations

import csv
import gc
from pathlib import Path

import pytest

from argmap.errors import ParseError
from argmap.formats import iccma
from argmap.model import Claim

DATA = Path(__file__).resolve().parents[1] / "data"
CORPUS = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpora" / "iccma"
CARNEADES_TGF = DATA / "carneades" / "tgf"


def _attacks(argument_map):
    return [(a.premises[0], a.conclusion) for a in argument_map.arguments]


def test_apx_arguments_become_claims_and_attacks_con_arguments():
    """Each arg fact is an assumed claim with no pro argument; each att fact a one-premise con argument."""
    m = iccma.loads("arg(a).\narg(b).\narg(c).\natt(a,b).\natt(b,c).\n", dialect="apx")
    assert [s.id for s in m.statements] == ["a", "b", "c"]
    assert all(isinstance(s, Claim) and s.text == s.id and s.assumed for s in m.statements)
    assert [(a.id, a.stance) for a in m.arguments] == [("a->b", "con"), ("b->c", "con")]
    assert _attacks(m) == [("a", "b"), ("b", "c")]
    assert all(not m.pro(s.id) for s in m.statements)


def test_apx_allows_comments_spacing_and_several_facts_per_line():
    """ASPARTIX `%` comments, blanks and several facts on one line are read."""
    m = iccma.loads("% a comment\narg( a ). arg(b).  % trailing\n\n att( a , b ) .\n", dialect="apx")
    assert [s.id for s in m.statements] == ["a", "b"]
    assert _attacks(m) == [("a", "b")]


def test_repeated_facts_count_once():
    """An argument or attack stated twice is one argument or attack: the framework is a set."""
    m = iccma.loads("arg(a). arg(a). arg(b). att(a,b). att(a,b).", dialect="apx")
    assert len(m.statements) == 2
    assert len(m.arguments) == 1


def test_apx_bad_fact_points_at_line_and_column():
    """A line that is not a fact raises ParseError at its line and column with the syntax to use."""
    with pytest.raises(ParseError) as caught:
        iccma.loads("arg(a).\n  argument(b).\n", file="x.apx", dialect="apx")
    assert (caught.value.location.file, caught.value.location.line, caught.value.location.column) == (
        "x.apx",
        2,
        3,
    )
    assert "arg(a)." in str(caught.value)


def test_apx_attack_on_undeclared_argument_is_an_error():
    """An attack naming an argument never declared raises ParseError naming it and its line."""
    with pytest.raises(ParseError, match=r"x\.apx:3:1: .*'c'.*arg\(c\)"):
        iccma.loads("arg(a).\narg(b).\natt(a,c).\n", file="x.apx", dialect="apx")


def test_tgf_nodes_then_edges():
    """TGF lists arguments (with optional labels) up to `#`, then attacks `a b`."""
    m = iccma.loads("a\nb The b argument\n#\na b\nb a\n", dialect="tgf")
    assert [(s.id, s.text) for s in m.statements] == [("a", "a"), ("b", "The b argument")]
    assert _attacks(m) == [("a", "b"), ("b", "a")]


def test_tgf_edge_with_one_end_is_an_error():
    """A TGF edge line with one name raises ParseError at that line."""
    with pytest.raises(ParseError, match=r"t\.tgf:4:1: an attack needs two arguments"):
        iccma.loads("a\nb\n#\na\n", file="t.tgf", dialect="tgf")


def test_i23_numbers_arguments_without_names():
    """Without a name per argument the ids are the numbers 1..N, in order."""
    m = iccma.loads("p af 3\n# a remark\n1 2\n2 3\n", dialect="i23")
    assert [s.id for s in m.statements] == ["1", "2", "3"]
    assert _attacks(m) == [("1", "2"), ("2", "3")]


def test_i23_one_comment_per_argument_names_them():
    """Exactly N `# name` lines name arguments 1..N in order; the names become the ids."""
    m = iccma.loads("p af 3\n# x\n# y\n# z\n1 2\n3 1\n", dialect="i23")
    assert [s.id for s in m.statements] == ["x", "y", "z"]
    assert _attacks(m) == [("x", "y"), ("z", "x")]


def test_i23_numbers_are_read_as_numbers():
    """`01` and `1` name the same argument, and blank lines are allowed."""
    m = iccma.loads("p af 2\n\n01 2\n  \n2 1\n", dialect="i23")
    assert _attacks(m) == [("1", "2"), ("2", "1")]
    assert iccma.loads("p af 2\n01 2\n2 1 \n# c\n", dialect="i23") == iccma.loads(
        "p af 2\n1 2\n2 1\n", dialect="i23"
    )


def test_i23_duplicate_names_fall_back_to_numbers():
    """Comment lines that do not name each argument uniquely are plain comments."""
    m = iccma.loads("p af 2\n# x\n# x\n1 2\n", dialect="i23")
    assert [s.id for s in m.statements] == ["1", "2"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("1 2\n", r"f\.af:1:1: the first line must be the header `p af N`"),
        ("p af 2\n1 3\n", r"f\.af:2:3: argument number out of range: 3 \(.*1\.\.2\)"),
        ("p af 2\n1 x\n", r"f\.af:2:1: an attack line is two argument numbers"),
        ("# only\n", r"f\.af:1:1: no `p af N` header"),
    ],
)
def test_i23_errors_point_at_the_line(text, message):
    """Malformed ICCMA 2023 text raises ParseError with file:line:column and a fix."""
    with pytest.raises(ParseError, match=message):
        iccma.loads(text, file="f.af", dialect="i23")


def test_names_holding_the_separator_get_numbered_attack_ids():
    """An argument name containing `->` would make attack ids ambiguous, so attacks are numbered."""
    m = iccma.loads("arg(a->b). arg(c). att(a->b,c).", dialect="apx")
    assert [a.id for a in m.arguments] == ["attack-1"]
    assert _attacks(m) == [("a->b", "c")]


def test_numbered_attack_ids_never_collide_with_a_claim():
    """With `->` in a name, attacks are numbered under a prefix that no argument's name starts with."""
    m = iccma.loads("arg(a->b). arg(attack-1). arg(attack--2). att(a->b,attack-1).", dialect="apx")
    assert [a.id for a in m.arguments] == ["attack---1"]
    assert _attacks(m) == [("a->b", "attack-1")]


def test_detect_dialect():
    """The dialect is recognised from the first meaningful line."""
    assert iccma.detect("% c\narg(a).\n") == "apx"
    assert iccma.detect("p af 1\n") == "i23"
    assert iccma.detect("a\n#\n") == "tgf"


def test_title_comes_from_the_file_name():
    """The map is titled by its file name, and described by its size."""
    m = iccma.loads("arg(a).", file="/x/y/nixon.apx", dialect="apx")
    assert m.title == "nixon.apx"
    assert m.description == "Abstract argumentation framework (apx): 1 arguments, 0 attacks."


def test_self_attack_is_a_con_argument_from_a_claim_to_itself():
    """A self-attack `att(a,a)` becomes the con argument `a->a` (a statement may rebut itself)."""
    m = iccma.loads("arg(a).\natt(a,a).\n", file="s.apx", dialect="apx")
    assert _attacks(m) == [("a", "a")]
    assert m.con("a")[0].id == "a->a"


@pytest.mark.parametrize("path", sorted(DATA.glob("iccma/*.dl")), ids=lambda p: p.name)
def test_bundled_assat_instances_parse(path):
    """The bundled ASSAT instances (MIT) read with one claim per arg fact and one con argument per att."""
    text = path.read_text()
    m = iccma.loads(text, file=str(path), dialect="apx")
    assert len(m.statements) == text.count("arg(")
    assert len(m.arguments) == text.count("att(")


@pytest.mark.parametrize("path", sorted(CARNEADES_TGF.glob("*.tgf")), ids=lambda p: p.name)
def test_carneades_tgf_frameworks_parse(path):
    """Carneades' TGF frameworks (MPL, bundled) read with every node and edge."""
    text = path.read_text()
    m = iccma.loads(text, file=str(path), dialect="tgf")
    nodes, _, edges = text.partition("#")
    assert len(m.statements) == len(nodes.split())
    assert len(m.arguments) == len([line for line in edges.splitlines() if line.strip()])


def _manifest() -> list[dict[str, str]]:
    manifest = CORPUS / "MANIFEST.tsv"
    if not manifest.is_file():
        return []
    with manifest.open(newline="") as stream:
        return list(csv.DictReader(stream, delimiter="\t"))


@pytest.mark.corpus
@pytest.mark.parametrize(
    "row", _manifest() or [None], ids=lambda r: r["path"].split("/")[-1] if r else "absent"
)
def test_every_corpus_instance_parses_with_its_manifest_counts(row):
    """Every instance in ../shared/corpora/iccma reads with the argument and attack counts of MANIFEST.tsv."""
    if row is None:
        pytest.skip("../shared/corpora/iccma is not beside this clone")
    path = CORPUS / row["path"]
    m = iccma.loads(path.read_text(), file=str(path), dialect=row["format"])
    assert len(m.statements) == int(row["n_args"])
    assert len(m.arguments) == int(row["n_atts"])


# -- the lean reader: load_framework, and the whole-text fast paths both readers share


def _as_framework(argument_map):
    """The framework a map read by loads() stands for: its ids, and its attacks by id."""
    return [s.id for s in argument_map.statements], sorted(
        {(a.premises[0], a.conclusion) for a in argument_map.arguments}
    )


def _framework_of(text, dialect):
    af = iccma.load_framework(text, dialect=dialect)
    return list(af.arguments), sorted(set(af.attacks))


@pytest.mark.parametrize(
    ("text", "dialect"),
    [
        ("p af 3\n# x\n# y\n# z\n1 2\n3 1\n", "i23"),
        ("p af 3\n1 2\n2 3\n3 3\n", "i23"),
        ("p af 3\n1 2\n2 3", "i23"),  # no final line break
        ("p af 3\r\n# x\r\n# y\r\n# z\r\n1 2\r\n3 1\r\n", "i23"),  # CRLF
        ("p af 2\n\n01 2\n  \n2 1\n", "i23"),  # blank lines, a leading zero
        ("p af 2\n1\t2\n2 1 \n# c\n", "i23"),  # a tab, a trailing blank, a comment after the attacks
        ("p af 2\n# x\n1 2\n# y\n", "i23"),  # name lines on both sides of the attacks
        ("p af 2\n#  x \n# y\t\n1 2\n", "i23"),  # names with blanks around them
        ("p af 2\n# a b\n# c\n1 2\n", "i23"),  # a name with a blank inside is a comment: numbers
        ("p af 2\n# x->y\n# z\n1 2\n", "i23"),  # a name holding the separator: numbers
        ("p af 0\n", "i23"),
        ("arg(a).\narg(b).\natt(a,b).\natt(b,a).\n", "apx"),
        ("% c\narg( a ). arg(b).  % trailing\n\n att( a , b ) .\n", "apx"),
        ("arg(a). arg(a). arg(b). att(a,b). att(a,b).", "apx"),
        ("a\nb The b argument\n#\na b\nb a\n", "tgf"),
    ],
)
def test_load_framework_reads_what_loads_reads(text, dialect):
    """load_framework gives the arguments (in order) and attacks of the map loads() builds, on any path."""
    assert _framework_of(text, dialect) == _as_framework(iccma.loads(text, dialect=dialect))


def test_load_framework_numbers_attacks_from_one():
    """Attacks come as argument numbers 1..N, attacker and target alternating, in file order, repeats kept."""
    af = iccma.load_framework("arg(x). arg(y). att(y,x). att(x,x). att(y,x).")
    assert af.dialect == "apx"
    assert af.arguments == ("x", "y")
    assert af.attack_numbers == (2, 1, 1, 1, 2, 1)
    assert af.attacks == (("y", "x"), ("x", "x"), ("y", "x"))


@pytest.mark.parametrize(
    ("text", "dialect", "message"),
    [
        ("1 2\n", "i23", r"f:1:1: the first line must be the header `p af N`"),
        ("p af 2\n1 3\n", "i23", r"f:2:3: argument number out of range: 3"),
        ("p af 2\n0 1\n", "i23", r"f:2:1: argument number out of range: 0"),
        ("p af 2\n1 2 3\n4\n", "i23", r"f:2:1: an attack line is two argument numbers"),
        ("p af 2\n1 +2\n", "i23", r"f:2:1: an attack line is two argument numbers"),
        ("arg(a).\n  argument(b).\n", "apx", r"f:2:3: not an ASPARTIX fact"),
        ("arg(a).\narg(\nb).\n", "apx", r"f:2:1: not an ASPARTIX fact"),
        ("arg(a).\narg(b).\natt(a,c).\n", "apx", r"f:3:1: .*'c'.*arg\(c\)"),
    ],
)
def test_load_framework_reports_errors_as_loads_does(text, dialect, message):
    """Bad text raises the same ParseError, with line and column, from both readers."""
    for read in (iccma.loads, iccma.load_framework):
        with pytest.raises(ParseError, match=message):
            read(text, file="f", dialect=dialect)


def test_readers_leave_the_garbage_collector_as_they_found_it():
    """Reading never switches the cyclic collector on or off: it is process-wide state."""
    was = gc.isenabled()
    try:
        for enabled in (True, False):
            gc.enable() if enabled else gc.disable()
            iccma.loads("p af 2\n1 2\n")
            iccma.load_framework("p af 2\n1 2\n")
            with pytest.raises(ParseError):
                iccma.load_framework("p af 2\n1 9\n")
            assert gc.isenabled() is enabled
    finally:
        gc.enable() if was else gc.disable()


@pytest.mark.corpus
@pytest.mark.parametrize(
    "row", _manifest() or [None], ids=lambda r: r["path"].split("/")[-1] if r else "absent"
)
def test_every_corpus_instance_reads_the_same_through_load_framework(row):
    """Every corpus instance gives load_framework the arguments and attacks loads() gives the map."""
    if row is None:
        pytest.skip("../shared/corpora/iccma is not beside this clone")
    text = (CORPUS / row["path"]).read_text()
    af = iccma.load_framework(text, dialect=row["format"])
    assert len(af.arguments) == int(row["n_args"])
    assert len(set(af.attacks)) == int(row["n_atts"])
    assert _framework_of(text, row["format"]) == _as_framework(iccma.loads(text, dialect=row["format"]))
