"""Tests of argmap.formats.yaml (and the shared reader in argmap.formats._native)."""

from __future__ import annotations

import textwrap

import pytest

import argmap
from argmap.errors import InvalidMapError, ParseError, UnsupportedFormatError

FIVE_MISTAKES = textwrap.dedent(
    """\
    argmap: 1
    title: Five mistakes
    sources:
      - id: pham
        title: An article
        url: ftp://example.org/article
    statements:
      - id: q
        question: Alliance or not?
      - id: yes
        position: A de facto alliance
        answers: q
      - id: yes
        claim: A second statement with the same id
      - id: ev-1
        quote: "no material support"
        source: pham
        weight: 1.5
    arguments:
      - id: a-1
        pro: yess
        premises: [ev-1]
      - id: a-2
        con: q
        premises: []
    """
)


def test_five_mistakes_are_reported_together_with_lines_and_columns():
    """One InvalidMapError lists every mistake in the file, each at its own line:column."""
    with pytest.raises(InvalidMapError) as caught:
        argmap.loads(FIVE_MISTAKES, file="five.yaml")
    problems = caught.value.problems
    assert len(problems) == 5, str(caught.value)
    found = {(p.location.line, p.location.column): p.message for p in problems}
    assert "ftp://example.org/article" in found[(6, 10)]
    assert "duplicate id 'yes'" in found[(13, 9)]
    assert "weight must be a number in [0, 1], got 1.5" in found[(18, 13)]
    assert "did you mean 'yes'?" in found[(21, 10)]
    assert "has no premises" in found[(25, 15)]
    message = str(caught.value)
    assert message.startswith("five.yaml: 5 problems in the map:")
    assert "five.yaml:21:10: argument 'a-1' concludes unknown statement 'yess'" in message


def test_yes_and_no_stay_text():
    """YAML 1.1 booleans (yes, no, on, off) are read as the ids and text the author wrote."""
    argument_map = argmap.loads(
        "argmap: 1\ntitle: t\nstatements:\n  - id: yes\n    position: no\n  - id: off\n    claim: on\n"
    )
    assert [s.id for s in argument_map.statements] == ["yes", "off"]
    assert argument_map.statement("yes").label == "no"


def test_syntax_error_points_at_line_and_column():
    """A YAML syntax error becomes a ParseError with file:line:column and a hint."""
    with pytest.raises(ParseError) as caught:
        argmap.loads("argmap: 1\ntitle: [unclosed\nstatements: []\n", file="bad.yaml")
    assert caught.value.location.file == "bad.yaml"
    assert caught.value.location.line == 3
    assert str(caught.value).startswith("bad.yaml:3:")


def test_python_tags_are_refused():
    """Loading is safe: a tag that would construct a Python object is a ParseError, never run."""
    with pytest.raises((ParseError, InvalidMapError)) as caught:
        argmap.loads("argmap: 1\ntitle: !!python/object/apply:os.system ['true']\n", file="evil.yaml")
    assert "evil.yaml:2" in str(caught.value)


def test_duplicate_keys_are_an_error_not_a_silent_overwrite():
    """A key given twice in one mapping is reported where the second one stands."""
    with pytest.raises(ParseError, match=r"dup.yaml:3:1: duplicate key 'title'"):
        argmap.loads("argmap: 1\ntitle: a\ntitle: b\n", file="dup.yaml")


def test_unknown_key_suggests_the_nearest():
    """A misspelt key names the key it probably meant."""
    with pytest.raises(InvalidMapError, match=r"unknown key 'qoute' \(did you mean 'quote'\?\)"):
        argmap.loads(
            "argmap: 1\ntitle: t\nsources: [{id: s, title: S}]\n"
            "statements:\n  - id: e\n    quote: x\n    qoute: y\n    source: s\n"
        )


def test_missing_version_is_explained():
    """A file without `argmap: 1` says how to start one."""
    with pytest.raises(InvalidMapError, match=r"start the file with `argmap: 1`"):
        argmap.loads("title: t\n")


def test_statement_needs_exactly_one_kind():
    """A statement with no kind key, or two, is reported with the keys that would fix it."""
    with pytest.raises(InvalidMapError, match=r"needs exactly one of question:, position:, claim: or quote:"):
        argmap.loads("argmap: 1\ntitle: t\nstatements:\n  - id: x\n    text: hi\n")


def test_empty_file_is_a_parse_error():
    """An empty file is a ParseError, not a crash."""
    with pytest.raises(ParseError, match="empty"):
        argmap.loads("", file="empty.yaml")


def test_json_errors_carry_line_and_column():
    """JSON syntax errors and model problems in JSON point at line:column too."""
    with pytest.raises(ParseError, match=r"m.json:2:"):
        argmap.loads('{"argmap": 1,\n "title": }', format="json", file="m.json")
    text = (
        '{\n  "argmap": 1,\n  "title": "t",\n  "statements": [\n'
        '    {"id": "c", "claim": "x", "base_score": 7}\n  ]\n}\n'
    )
    with pytest.raises(InvalidMapError, match=r"m.json:5:\d+: 'c': base_score must be a number in \[0, 1\]"):
        argmap.loads(text, format="json", file="m.json")


def test_unknown_suffix_lists_known_formats(tmp_path):
    """A file with an unknown suffix names the suffixes argmap reads."""
    path = tmp_path / "map.argdn"
    path.write_text("x", encoding="utf-8")
    with pytest.raises(UnsupportedFormatError, match=r"unknown format: '.argdn' \(must be one of \["):
        argmap.load(path)


def test_missing_file_is_a_format_error(tmp_path):
    """A path that does not exist is an ArgmapError naming the path, not an OSError."""
    with pytest.raises(argmap.ArgmapError, match="cannot read the map"):
        argmap.load(tmp_path / "nope.yaml")


def test_shorthand_and_explicit_arguments_agree():
    """`supports:` on a statement builds the same argument as an explicit entry with the derived id."""
    head = "argmap: 1\ntitle: t\nstatements:\n  - id: p\n    position: P\n  - id: c\n    claim: C\n"
    short = argmap.loads(head + "    supports: p\n")
    long = argmap.loads(
        "argmap: 1\ntitle: t\nstatements:\n  - id: p\n    position: P\n  - id: c\n    claim: C\n"
        "arguments:\n  - id: c.pro.p\n    pro: p\n    premise: c\n"
    )
    assert short == long


def test_dump_is_readable_yaml():
    """Dumped YAML keeps unicode unescaped, indents list items and writes id lists on one line."""
    m = argmap.ArgumentMap.build("Alliance or not?")
    yes = m.position("yes", "Ties “exceed” an alliance – de facto")
    m.con(["c-a", "c-b"], yes, id="a-1")
    m.claim("c-a", "A")
    m.claim("c-b", "B")
    text = argmap.dumps(m.finish())
    assert "“exceed”" in text
    assert "  - id: yes\n" in text
    assert "premises: [c-a, c-b]" in text


def test_typo_in_shorthand_points_at_its_line():
    """A misspelt id under `supports:` is reported where it is written, not at the top of the file."""
    head = "argmap: 1\ntitle: t\nstatements:\n  - id: tea\n    position: Tea\n"
    text = head + "  - id: c\n    claim: C\n    supports: tee\n"
    with pytest.raises(
        InvalidMapError, match=r"m.yaml:8:15: argument 'c.pro.tee' concludes unknown statement 'tee'"
    ):
        argmap.loads(text, file="m.yaml")


def test_typo_in_an_argument_without_id_points_at_its_line():
    """An argument written without an id still has its problems located at its own keys."""
    head = "argmap: 1\ntitle: t\nstatements:\n  - id: tea\n    position: Tea\n"
    text = head + "arguments:\n  - pro: tee\n    premise: tea\n"
    with pytest.raises(InvalidMapError, match=r"m.yaml:7:10: argument 'tea.pro.tee' concludes unknown"):
        argmap.loads(text, file="m.yaml")
