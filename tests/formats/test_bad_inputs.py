"""Bad input gives one exact, located message: the corpus in tests/data/bad, limits, special files."""

from __future__ import annotations

import json
import os
import sys
import time
import warnings
from pathlib import Path

import pytest
import yaml

import argmap
from argmap.errors import ArgmapError, FormatError, InvalidMapError, ParseError
from argmap.formats import Limits, argdown, iccma
from argmap.formats import yaml as yaml_format

BAD = Path(__file__).resolve().parents[1] / "data" / "bad"
CASES = sorted(p.name for p in BAD.iterdir() if p.is_file() and p.suffix != ".expected")


def test_the_corpus_covers_every_reader():
    """At least 65 bad files, spread over native YAML and JSON, the ICCMA dialects and Argdown."""
    assert len(CASES) >= 65
    suffixes = {Path(name).suffix for name in CASES}
    assert {".yaml", ".json", ".apx", ".tgf", ".af", ".i23", ".argdown"} <= suffixes
    assert sum(name.endswith(".argdown") for name in CASES) >= 10
    assert all((BAD / f"{name}.expected").is_file() for name in CASES)


@pytest.mark.parametrize("name", CASES)
def test_bad_file_gives_its_exact_message(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each file raises an ArgmapError whose text is exactly the one in `<file>.expected`."""
    monkeypatch.chdir(BAD)
    expected = (BAD / f"{name}.expected").read_text(encoding="utf-8")
    with pytest.raises(ArgmapError) as caught:
        argmap.load(name)
    assert f"{caught.value}\n" == expected


YAML_CASES = [name for name in CASES if name.endswith(".yaml")]


@pytest.mark.parametrize("name", YAML_CASES)
def test_pure_python_yaml_gives_the_same_message(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Without libyaml, PyYAML's own parser gives the same message, line and column."""
    monkeypatch.chdir(BAD)
    monkeypatch.setattr(yaml_format, "USE_LIBYAML", False)
    expected = (BAD / f"{name}.expected").read_text(encoding="utf-8")
    with pytest.raises(ArgmapError) as caught:
        argmap.load(name)
    assert f"{caught.value}\n" == expected


# The same mistakes written in YAML and in JSON: each problem is located at the offending token.
SAME_MISTAKES = [
    (
        {"statements": [{"id": "tea", "position": "Tea"}, {"id": "c", "claim": "C", "supports": "tee"}]},
        "tee",
        "concludes unknown statement 'tee'",
    ),
    (
        {"statements": [{"id": "tea", "claim": "Tea"}, {"id": "tea", "claim": "Again"}]},
        "tea",  # the second one
        "duplicate id 'tea'",
    ),
    (
        {
            "sources": [{"id": "s", "title": "S"}],
            "statements": [{"id": "e", "quote": "Q", "source": "s", "weight": 1.5}],
        },
        "1.5",
        "weight must be a number in [0, 1], got 1.5",
    ),
    ({"statements": [{"id": "c", "claim": "C", "colour": "red"}]}, "red", "unknown key 'colour'"),
    ({"statements": [{"id": 7, "claim": "C"}]}, "7", "id must be text, got 7"),
]


def _position(text: str, token: str, *, last: bool) -> tuple[int, int]:
    index = text.rfind(token) if last else text.find(token)
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


@pytest.mark.parametrize(("data", "token", "message"), SAME_MISTAKES)
@pytest.mark.parametrize("form", ["yaml", "json", "json-compact"])
def test_yaml_and_json_locate_the_same_mistake_exactly(data, token, message, form) -> None:
    """A mistake is reported at the line:column where its value starts, in YAML and in JSON alike."""
    document = {"argmap": 1, "title": "t", **data}
    if form == "yaml":
        text = yaml.safe_dump(document, sort_keys=False)
        quoted = token
    else:
        text = json.dumps(document, indent=None if form == "json-compact" else 2)
        quoted = json.dumps(token) if token.isalpha() else token
    with pytest.raises(InvalidMapError) as caught:
        argmap.loads(text, format="yaml" if form == "yaml" else "json", file="m")
    [problem] = caught.value.problems
    assert message in problem.message
    expected = _position(text, f" {quoted}", last=True)
    assert problem.location is not None
    assert (problem.location.line, problem.location.column) == (expected[0], expected[1] + 1)


def test_billion_laughs_fails_fast_with_one_line() -> None:
    """The 300-byte exponential alias file is refused at its first alias, in one line."""
    text = (BAD / "yaml-billion-laughs.yaml").read_text()
    assert len(text.encode()) < 400
    with pytest.raises(ParseError) as caught:
        argmap.loads(text, file="laughs.yaml")
    assert "\n" not in str(caught.value)
    assert str(caught.value).startswith("laughs.yaml:2:8: an alias (*a)")


def test_deep_nesting_is_located_not_a_recursion_error() -> None:
    """Lists nested 100,000 deep in YAML or JSON are a ParseError at the level past the limit."""
    for form, text in (
        ("yaml", "argmap: 1\ntitle: " + "[" * 100_000 + "]" * 100_000),
        ("json", '{"argmap": 1, "title": ' + "[" * 100_000 + "]" * 100_000 + "}"),
    ):
        with pytest.raises(ParseError, match=r"nested more than 64 levels deep"):
            argmap.loads(text, format=form)


def test_limits_are_configurable() -> None:
    """Nesting, size, count and number length each have a limit that the caller can change."""
    text = "argmap: 1\ntitle: t\nstatements:\n  - id: c\n    claim: C\n    note: [[[x]]]\n"
    with pytest.raises(ParseError, match=r"<string>:6:13: nested more than 5 levels"):
        argmap.loads(text, limits=Limits(max_depth=5))
    with pytest.raises(ParseError, match=r"more than the limit of 10 \("):
        argmap.loads(text, limits=Limits(max_bytes=10))
    two = "argmap: 1\ntitle: t\nstatements:\n  - id: c\n    claim: C\n  - id: d\n    claim: D\n"
    with pytest.raises(
        ParseError, match=r"<string>:1:1: the map lists 2 sources, statements, arguments and lines"
    ):
        argmap.loads(two, limits=Limits(max_items=1))
    with pytest.raises(ParseError, match=r"declares 3 arguments, more than the limit of 2"):
        iccma.loads("p af 3\n1 2\n", limits=Limits(max_items=2))
    with pytest.raises(ParseError, match=r"a number 4 characters long \(at most 3"):
        argmap.loads("argmap: 1\ntitle: t\ndescription: 1234\n", limits=Limits(max_digits=3))


def test_iccma_header_is_refused_before_allocating() -> None:
    """`p af 999999999999` fails at once on both ICCMA paths, naming the limit."""
    for read in (iccma.loads, iccma.load_framework):
        with pytest.raises(ParseError, match=r"f\.af:1:1: the framework declares 999,999,999,999 arguments"):
            read("p af 999999999999\n", file="f.af", dialect="i23")


def test_a_folder_is_not_a_map(tmp_path: Path) -> None:
    """A folder given as the map is refused with what to do."""
    with pytest.raises(FormatError, match=r"is a folder, not a map file"):
        argmap.load(tmp_path)


@pytest.mark.skipif(sys.platform == "win32", reason="FIFOs and /dev/zero are POSIX")
def test_fifo_and_devices_are_refused_without_opening(tmp_path: Path) -> None:
    """A FIFO (which would block) and /dev/zero (which never ends) are refused before reading."""
    fifo = tmp_path / "map.yaml"
    os.mkfifo(fifo)
    with pytest.raises(FormatError, match=r"is not a regular file"):
        argmap.load(fifo)
    if Path("/dev/zero").exists():
        with pytest.raises(FormatError, match=r"is not a regular file"):
            argmap.load("/dev/zero", format="yaml")


def test_a_file_over_the_size_limit_is_refused(tmp_path: Path) -> None:
    """A map file larger than Limits.max_bytes is refused from its size, before it is read."""
    path = tmp_path / "big.yaml"
    path.write_text("argmap: 1\ntitle: t\n" + "# padding\n" * 100)
    with pytest.raises(
        FormatError, match=r"big\.yaml: the map is 1,019 bytes long, more than the limit of 100"
    ):
        argmap.load(path, limits=Limits(max_bytes=100))


def test_an_empty_argdown_file_is_an_empty_map() -> None:
    """Argdown allows an empty file (as its own tools do): a valid map with nothing in it, not an error."""
    for text in ("", "\n\n", "// only a comment\n"):
        empty = argmap.loads(text, format="argdown", file="e.argdown")
        assert (empty.title, empty.statements, empty.arguments) == ("Argdown map", (), ())


def test_argdown_relations_nested_a_thousand_deep_are_read_without_recursion() -> None:
    """Each indented relation is one more level of a list, not of the call stack: a chain of 1,000."""
    text = "[S0]: s\n" + "".join(f"{'  ' * (level + 1)}+ [S{level + 1}]: s\n" for level in range(1000))
    chain = argmap.loads(text, format="argdown")
    assert len(chain.statements) == 1001
    assert chain.arguments[-1].premises == ("S1000",)
    assert chain.arguments[-1].conclusion == "S999"


def test_argdown_obeys_the_item_limit_at_the_first_item_past_it() -> None:
    """Statements, arguments and relations beyond Limits.max_items are a ParseError at the first one over."""
    text = "[A]: a\n  + [B]: b\n  - <C>: c\n\n[D]: d\n"
    with pytest.raises(ParseError) as caught:
        argmap.loads(text, format="argdown", file="m.argdown", limits=Limits(max_items=3))
    assert str(caught.value).startswith(
        "m.argdown:3:3: the file has 6 statements, arguments and relations, more than the limit of 3 ("
    )
    assert len(argmap.loads(text, format="argdown", limits=Limits(max_items=6)).statements) == 4
    many = "".join(f"[S{number}]: statement {number}\n\n" for number in range(2_001))
    with pytest.raises(ParseError, match=r"big\.argdown:4001:1: the file has 2,001 statements"):
        argdown.loads(many, file="big.argdown", limits=Limits(max_items=2_000))


@pytest.mark.parametrize(
    "block",
    [
        "{x: " + "[" * 100_000 + "]" * 100_000 + "}",  # was a RecursionError
        "{base_score: " + "9" * 5_000 + "}",  # was a ValueError from int()
        "{a: &a [1], b: *a}",
    ],
    ids=["deep", "long-number", "alias"],
)
def test_an_argdown_data_block_beyond_the_limits_is_ignored_with_a_warning(block: str) -> None:
    """A data block nested too deep, with a 5,000-digit number or an alias is ignored, located and short."""
    with pytest.warns(argdown.ArgdownWarning, match=r"^d\.argdown:1:1: the data block ") as caught:
        read = argmap.loads(f"[A]: a {block}\n", format="argdown", file="d.argdown")
    assert read.statements[0].text == "a"
    assert all(len(str(warning.message)) < 200 for warning in caught)


def test_an_empty_argdown_tag_is_no_line_and_no_crash() -> None:
    """`#()` (an empty tag) was an AttributeError; it names no line of argument."""
    read = argmap.loads("<A>: a #() #(calm)\n  +> [B]: b\n", format="argdown")
    assert [(line.id, line.arguments) for line in read.lines] == [("#calm", ("A",))]


# Lines that cost quadratic time in the Argdown reader's regular expressions: 100-200 KB of each
# took 20 s to over a minute; now each takes milliseconds. The bound leaves a margin of 50 times.
QUADRATIC = {
    "emphasis": "[A]: " + "*a " * 40_000,
    "tag": "[A]: " + " #(" * 40_000,
    "inference-rule": "<A>\n\n(1) a\n-- a" + "-" * 40_000 + "x\n(2) b",
    "data-block": "[A]: a " + "{a: b} " * 40_000 + "}",
}


@pytest.mark.parametrize("name", sorted(QUADRATIC))
def test_argdown_lines_built_to_backtrack_are_read_in_linear_time(name: str) -> None:
    """A long line of unclosed emphasis, tags, dashes or braces is read without backtracking.

    A hang guard, not a performance target: about 0.06 s CPU each, against 10-60 s before.
    """
    start = time.process_time()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", argdown.ArgdownWarning)  # the data block case warns
        read = argmap.loads(QUADRATIC[name] + "\n", format="argdown")
    assert time.process_time() - start < 5
    assert read.statements


def test_every_registered_reader_has_bad_inputs():
    """A reader added to argmap.formats.FORMATS must bring its own files to tests/data/bad/."""
    from argmap.formats import FORMATS, SUFFIXES  # noqa: PLC0415

    covered = {SUFFIXES.get(Path(name).suffix) for name in CASES}
    # A .txt file is Kialo by its first line, not by its suffix.
    covered |= {"kialo" for name in CASES if name.startswith("kialo-") and name.endswith(".txt")}
    # AIF shares .json with the native format; its content tells them apart.
    covered |= {"aif" for name in CASES if name.startswith("aif-") and name.endswith(".json")}
    covered |= {"microtexts" for name in CASES if name.startswith("microtexts-") and name.endswith(".xml")}
    covered |= {"sadface" for name in CASES if name.startswith("sadface-") and name.endswith(".json")}
    if any((BAD / "carneades").iterdir()):
        covered.add("carneades")
    missing = sorted(set(FORMATS) - covered)
    assert not missing, f"no bad inputs in tests/data/bad/ for: {missing}"
