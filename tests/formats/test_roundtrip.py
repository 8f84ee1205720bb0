"""Round trips of the native formats (argmap.formats.yaml and .json) and the shipped JSON Schema."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import jsonschema
import pytest
from hypothesis import given

import argmap
from argmap.schema import load_schema

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from strategies import argument_maps


@given(argument_maps())
def test_yaml_round_trip_is_lossless(argument_map):
    """Loading the YAML dump of any valid map gives back an equal map."""
    assert argmap.loads(argmap.dumps(argument_map, format="yaml"), format="yaml") == argument_map


@given(argument_maps())
def test_json_round_trip_is_lossless(argument_map):
    """Loading the JSON dump of any valid map gives back an equal map."""
    assert argmap.loads(argmap.dumps(argument_map, format="json"), format="json") == argument_map


@given(argument_maps())
def test_dumps_validate_against_the_shipped_schema(argument_map):
    """Every JSON dump is valid under argmap-1.schema.json."""
    jsonschema.validate(json.loads(argmap.dumps(argument_map, format="json")), load_schema())


def test_schema_is_a_valid_draft_2020_12_schema():
    """The shipped schema itself is well-formed JSON Schema."""
    jsonschema.Draft202012Validator.check_schema(load_schema())


def test_schema_rejects_what_the_loader_rejects():
    """A statement with two kinds, an argument with no stance and a bad URL fail the schema too."""
    schema = load_schema()
    bad = [
        {"argmap": 1, "title": "t", "statements": [{"id": "a", "claim": "x", "question": "y"}]},
        {"argmap": 1, "title": "t", "arguments": [{"id": "a", "premises": ["x"]}]},
        {"argmap": 1, "title": "t", "sources": [{"id": "s", "title": "x", "url": "javascript:alert(1)"}]},
        {"argmap": 2, "title": "t"},
    ]
    for data in bad:
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(data, schema)


def test_file_round_trip_keeps_unicode_multiline_and_order(tmp_path):
    """dump() then load() through a file keeps curly quotes, dashes, line breaks and declaration order."""
    m = argmap.ArgumentMap.build("Alliance – or not?", description="Line one\nLine two\n")
    m.question("q", "Is it an “alliance”?")
    for name in ("zeta", "alpha", "mid"):
        m.position(name, f"Position {name}\nsecond line")
    original = m.finish()
    for suffix in (".yaml", ".json"):
        path = tmp_path / f"map{suffix}"
        argmap.dump(original, path)
        loaded = argmap.load(path)
        assert loaded == original
        assert [s.id for s in loaded.statements] == ["q", "zeta", "alpha", "mid"]
