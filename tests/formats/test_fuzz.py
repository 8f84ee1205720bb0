"""Fuzzing every reader of this package: whatever the text, only an ArgmapError may escape.

Bounded here (the profile's examples, small inputs); ``scripts/fuzz.py`` runs the same
properties with a large budget.
"""

from __future__ import annotations

import contextlib
import json
import re
import warnings
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import argmap
from argmap.errors import ArgmapError
from argmap.formats import Limits, dumps, loads
from argmap.formats import argdown as argdown_format
from argmap.formats.argdown import ArgdownWarning

EXAMPLE = (Path(__file__).resolve().parents[2] / "argmap" / "examples").glob("*.yaml")
SEEDS = [path.read_text(encoding="utf-8") for path in sorted(EXAMPLE)][:2] or [
    "argmap: 1\ntitle: t\nstatements:\n  - id: q\n    question: Q?\n"
]
ARGDOWN = Path(__file__).resolve().parents[1] / "data" / "argdown"
ARGDOWN_SEEDS = [path.read_text(encoding="utf-8") for path in sorted(ARGDOWN.glob("*.argdown"))] or [
    "[Tea]: Tea is best.\n  + [Calm]: Tea calms.\n"
]
FORMATS = ["yaml", "json", "apx", "tgf", "i23", "argdown", "kialo", "aif"]
SMALL = Limits(max_bytes=200_000, max_items=2_000, max_nodes=50_000)

# What maps are made of, so that random text reaches past the first syntax check.
ATOMS = st.sampled_from(
    [
        "argmap: 1\n",
        "title: t\n",
        "statements:\n",
        "arguments:\n",
        "sources:\n",
        "lines:\n",
        "  - ",
        "id: ",
        "claim: ",
        "quote: ",
        "source: ",
        "supports: ",
        "opposes: ",
        "premises: [",
        "]",
        "{",
        "}",
        "pro: ",
        "con: ",
        "weight: ",
        "&a ",
        "*a",
        "!!str ",
        "!x ",
        "? ",
        "---\n",
        "\t",
        "\n",
        "'",
        '"',
        ":",
        ",",
        "-",
        "#",
        "%",
        "\ufeff",
        "\r\n",
        "yes",
        "null",
        "1e5",
        "0x1F",
        "1:30",
        "9" * 80,
        "arg(a). ",
        "att(a,b). ",
        "p af 3\n",
        "1 2\n",
        "# x\n",
        # Argdown
        "===\n",
        "[T]: ",
        "<A>: ",
        "[T]",
        "<A>",
        "\n  + ",
        "\n  - ",
        "\n  _ ",
        "\n  +> ",
        "\n  -> ",
        "\n  >< ",
        "\n    <_ ",
        "(1) ",
        "(2) ",
        "\n----\n",
        "\n-- rule --\n",
        "{kind: evidence}",
        "{kind: position, answers: T}",
        "{id: T}",
        "{weight: 2}",
        "{premises: [T]}",
        "#tag ",
        "# H\n",
        "<!-- ",
        "-->",
        "/* ",
        "*/",
        "// ",
        "**",
        "\\",
        "#(",
        "(",
        ")",
    ]
)


def _read(text: str, form: str) -> None:
    # An ArgdownWarning (something the model cannot hold, read anyway) is an outcome, not a failure.
    with contextlib.suppress(ArgmapError), warnings.catch_warnings():
        warnings.simplefilter("ignore", ArgdownWarning)
        loads(text, format=form, limits=SMALL)


@pytest.mark.parametrize("form", FORMATS)
@given(text=st.text(max_size=300))
def test_any_text_gives_a_map_or_an_argmap_error(form: str, text: str) -> None:
    """Random text never raises anything but an ArgmapError."""
    _read(text, form)


@pytest.mark.parametrize("form", FORMATS)
@given(parts=st.lists(ATOMS | st.text(max_size=5), max_size=40))
def test_map_shaped_text_gives_a_map_or_an_argmap_error(form: str, parts: list[str]) -> None:
    """Text assembled from the pieces maps are made of never raises anything but an ArgmapError."""
    _read("".join(parts), form)


@st.composite
def _mutated(draw: st.DrawFn) -> tuple[str, str]:
    form = draw(st.sampled_from(["yaml", "json"]))
    seed = draw(st.sampled_from(SEEDS))
    text = seed if form == "yaml" else dumps(loads(seed), format="json")
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(text)))
        cut = draw(st.integers(0, 8))
        text = text[:at] + draw(ATOMS | st.text(max_size=3)) + text[at + cut :]
    return form, text


@given(case=_mutated())
@settings(suppress_health_check=[HealthCheck.too_slow])
def test_a_mutated_map_gives_a_map_or_an_argmap_error(case: tuple[str, str]) -> None:
    """A real map with a few characters changed never raises anything but an ArgmapError."""
    form, text = case
    _read(text, form)


@st.composite
def _mutated_argdown(draw: st.DrawFn) -> str:
    text = draw(st.sampled_from(ARGDOWN_SEEDS))
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(text)))
        cut = draw(st.integers(0, 8))
        text = text[:at] + draw(ATOMS | st.text(max_size=3)) + text[at + cut :]
    return text


@given(text=_mutated_argdown())
@settings(suppress_health_check=[HealthCheck.too_slow])
def test_a_mutated_argdown_map_gives_a_map_or_an_argmap_error(text: str) -> None:
    """A real Argdown map with a few characters changed never raises anything but an ArgmapError."""
    _read(text, "argdown")


KIALO = Path(__file__).resolve().parents[1] / "data" / "kialo"
KIALO_SEEDS = [path.read_text(encoding="utf-8") for path in sorted(KIALO.glob("*.txt"))] or [
    "Discussion Title: Tea?\n\n1. Tea.\n1.1. Pro: It calms.\n"
]
KIALO_ATOMS = st.sampled_from(
    [
        "\n",
        "1.",
        "1.1. ",
        "1.2.1. ",
        "Pro: ",
        "Con: ",
        "-> See ",
        "1.1.",
        "\\(",
        "[a](https://e.org/x)",
        "](",
        "\\",
    ]
)


@st.composite
def _mutated_kialo(draw: st.DrawFn) -> str:
    text = draw(st.sampled_from(KIALO_SEEDS))
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(text)))
        cut = draw(st.integers(0, 8))
        text = text[:at] + draw(KIALO_ATOMS | st.text(max_size=3)) + text[at + cut :]
    return text


@given(text=_mutated_kialo())
@settings(suppress_health_check=[HealthCheck.too_slow])
def test_a_mutated_kialo_export_reads_and_round_trips_or_gives_an_argmap_error(text: str) -> None:
    """A Kialo export with a few characters changed is read, and written back to the same map, or refused."""
    try:
        argument_map = loads(text, format="kialo", limits=SMALL)
    except ArgmapError:
        return
    assert loads(dumps(argument_map, format="kialo"), format="kialo") == argument_map


_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(
            st.sampled_from(["id", "claim", "quote", "source", "pro", "premises", "weight", "x"])
            | st.text(max_size=4),
            inner,
            max_size=4,
        )
    ),
    max_leaves=20,
)


@given(
    statements=st.lists(_JSON, max_size=5),
    arguments=st.lists(_JSON, max_size=3),
    extra=st.dictionaries(st.text(max_size=6), _JSON, max_size=2),
    form=st.sampled_from(["yaml", "json"]),
)
def test_wrongly_typed_data_gives_a_map_or_an_argmap_error(statements, arguments, extra, form) -> None:
    """Well-formed JSON/YAML of the wrong shape never raises anything but an ArgmapError."""
    data = {"argmap": 1, "title": "t", "statements": statements, "arguments": arguments, **extra}
    text = json.dumps(data)  # JSON is YAML too
    _read(text, form)


@given(
    raw=st.binary(max_size=200),
    suffix=st.sampled_from([".yaml", ".json", ".apx", ".tgf", ".af", ".argdown"]),
)
def test_any_bytes_in_a_file_give_an_argmap_error(
    tmp_path_factory: pytest.TempPathFactory, raw: bytes, suffix: str
) -> None:
    """Bytes in any encoding (or none) as a map file never raise anything but an ArgmapError."""
    path = tmp_path_factory.mktemp("fuzz") / f"map{suffix}"
    path.write_bytes(raw)
    with contextlib.suppress(ArgmapError), warnings.catch_warnings():
        warnings.simplefilter("ignore", ArgdownWarning)
        argmap.load(path, limits=SMALL)


# The Argdown reader's linear scans against the regular expressions that define them (which took
# quadratic time on hostile lines): on short text they must agree exactly.
_STRONG = re.compile(r"(?<![\w\\])(\*\*|__)(?=\S)(.+?)(?<=\S)\1(?!\w)")
_EMPHASIS = re.compile(r"(?<![\w\\*])([*_])(?=[^\s*_])(.+?)(?<=[^\s\\])\1(?![\w*])")
_DASHES = re.compile(r"-{2,}(?:\s+(.*?))?\s*(?:-{2,})?\s*")
_TAG = re.compile(r"(?<![\w\\&])#(?:\(([^)]*)\)|([\w-]+))")


@given(text=st.text(alphabet=st.sampled_from(list("*_ a.\\\n")), max_size=30) | st.text(max_size=20))
def test_argdown_emphasis_is_removed_as_the_regular_expressions_define(text: str) -> None:
    """Strong emphasis, then emphasis, then backslash escapes are removed, as the definitions say."""
    expected = re.sub(r"\\(.)", r"\1", _EMPHASIS.sub(r"\2", _STRONG.sub(r"\2", text)))
    assert argdown_format._plain(text) == expected


@given(tail=st.text(alphabet=st.sampled_from(list("- ax\t\u3000")), max_size=14))
def test_argdown_inference_lines_are_read_as_the_regular_expression_defines(tail: str) -> None:
    """`-- rule --`, bare dashes and what is not an inference line, as the definition says."""
    line = f"--{tail}".strip()
    match = _DASHES.fullmatch(line)
    assert argdown_format._inference_line(line) == (None if match is None else (match.group(1),))


@given(text=st.text(alphabet=st.sampled_from(list("#()a &\\_-")), max_size=20))
def test_argdown_tags_are_found_as_the_regular_expression_defines(text: str) -> None:
    """`#tag` and `#(a tag)`, and none after a backslash, word or ampersand, as the definition says."""
    expected = [(m.group(1) or m.group(2) or "").strip() for m in _TAG.finditer(text)]
    assert argdown_format._tags(text) == expected
