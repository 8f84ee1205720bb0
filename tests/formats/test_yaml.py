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
    """A YAML syntax error becomes a ParseError at file:line:column; an unclosed list, where it opens."""
    with pytest.raises(ParseError) as caught:
        argmap.loads("argmap: 1\ntitle: [unclosed\nstatements: []\n", file="bad.yaml")
    assert (
        str(caught.value)
        == "bad.yaml:2:8: this list in [brackets] is never closed (add the closing ']', or a comma)"
    )


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
    assert "  - id: 'yes'\n" in text  # quoted, so that YAML 1.1 readers do not read a boolean
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


def test_text_fields_keep_the_text_as_written():
    """Unquoted values YAML could read as numbers stay the text the author wrote."""
    text = textwrap.dedent(
        """\
        argmap: 1
        title: 010
        sources:
          - id: s
            title: 2024.10
            date: 2024.10
        statements:
          - id: e
            quote: 1e3
            source: s
            locator: 1:30
            speaker: 0x1F
            note: 007
        """
    )
    m = argmap.loads(text)
    assert m.title == "010"
    assert (m.source("s").title, m.source("s").date) == ("2024.10", "2024.10")
    evidence = m.statement("e")
    assert (evidence.quote, evidence.locator, evidence.speaker, evidence.note) == (
        "1e3",
        "1:30",
        "0x1F",
        "007",
    )


def test_numbers_stay_numbers_where_the_schema_wants_numbers():
    """Weights and scores are read as numbers, in YAML 1.2's decimal forms."""
    m = argmap.loads(
        "argmap: 1\ntitle: t\nsources: [{id: s, title: S}]\n"
        "statements:\n  - {id: e, quote: Q, source: s, weight: .5}\n  - {id: c, claim: C, base_score: 1}\n"
    )
    assert m.statement("e").weight == 0.5
    assert m.statement("c").base_score == 1


@pytest.mark.parametrize("form", ["yaml", "json"])
@pytest.mark.parametrize(("written", "shown"), [("true", "true"), ("2", "2"), ('"1"', "'1'")])
def test_only_the_number_1_is_format_version_1(form, written, shown):
    """`argmap: true` (which Python equates with 1), 2 or "1" is not version 1."""
    text = f"argmap: {written}\ntitle: t\n" if form == "yaml" else f'{{"argmap": {written}, "title": "t"}}'
    with pytest.raises(InvalidMapError, match=rf"argmap: {shown} \(start the file with `argmap: 1`\)"):
        argmap.loads(text, format=form)


def test_json_duplicate_keys_are_rejected_like_yaml_ones():
    """A key twice in one JSON object is a ParseError at the second, as in YAML."""
    text = '{"argmap": 1,\n "title": "t",\n "title": "u"}'
    with pytest.raises(
        ParseError, match=r"m\.json:3:2: duplicate key 'title' in one mapping \(first at line 2\)"
    ):
        argmap.loads(text, format="json", file="m.json")


@pytest.mark.parametrize("ident", ["5", '""', "[a]"])
def test_an_argument_id_that_is_not_text_is_an_error_not_replaced(ident):
    """`id: 5` or `id: ""` on an argument is reported; no derived id silently takes its place."""
    text = (
        "argmap: 1\ntitle: t\nstatements:\n  - {id: a, claim: A}\n  - {id: b, claim: B}\n"
        f"arguments:\n  - id: {ident}\n    pro: b\n    premises: [a]\n"
    )
    with pytest.raises(InvalidMapError, match=r"<string>:7:9: an argument's id (must be text|is empty)"):
        argmap.loads(text)


@pytest.mark.parametrize("group", ["sources", "statements"])
def test_numeric_ids_are_reported_alike_for_sources_and_statements(group):
    """A number as id is the same error, with the same fix, for a source and a statement."""
    entry = "{id: 12, title: T}" if group == "sources" else "{id: 12, claim: C}"
    with pytest.raises(InvalidMapError, match=r"id must be text, got 12 \(write it in quotes: id: '12'\)"):
        argmap.loads(f"argmap: 1\ntitle: t\n{group}:\n  - {entry}\n")


def test_evidence_without_source_gets_one_message():
    """A quote with no source is reported once: no second complaint about an empty id."""
    with pytest.raises(InvalidMapError) as caught:
        argmap.loads("argmap: 1\ntitle: t\nstatements:\n  - id: e\n    quote: Q\n")
    assert [p.message for p in caught.value.problems] == ["missing 'source' (add `source: ...`)"]


def test_duplicate_id_names_both_places():
    """A duplicate id is reported where it is repeated and says where the first one is."""
    text = "argmap: 1\ntitle: t\nstatements:\n  - id: c\n    claim: C\n  - id: c\n    claim: D\n"
    with pytest.raises(
        InvalidMapError, match=r"m\.yaml:6:9: duplicate id 'c': already used by the statement at m\.yaml:4:9"
    ):
        argmap.loads(text, file="m.yaml")


def test_tab_error_says_to_replace_it():
    """A tab in the indentation is reported at its line with the fix."""
    with pytest.raises(
        ParseError, match=r"m\.yaml:4:1: a tab character in the indentation \(replace the tab with spaces\)"
    ):
        argmap.loads("argmap: 1\ntitle: t\nstatements:\n\t- id: c\n", file="m.yaml")


@pytest.mark.parametrize(
    "word", ["yes", "no", "on", "off", "y", "n", "null", "true", "False", "~", "010", "1:30", "1e5", ".5"]
)
def test_dumped_ids_read_back_as_text_in_yaml_1_1(word):
    """Ids that YAML 1.1 (or argmap) would read as booleans, nulls or numbers are dumped in quotes."""
    import yaml  # noqa: PLC0415

    m = argmap.ArgumentMap.build("t")
    m.claim(word, "A claim")
    text = argmap.dumps(m.finish())
    assert yaml.safe_load(text)["statements"][0]["id"] == word
    assert argmap.loads(text).statements[0].id == word
