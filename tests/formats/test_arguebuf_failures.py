"""Known failures of the arguebuf library on the shared corpora, each a test that argmap passes.

arguebuf (recap-utr/arguebuf-python) is the closest peer: a Python library that loads AIF, Argdown
JSON, SADFace and more into one graph model. On these corpora it turns Argdown undercuts into
support, crashes on Argdown's (nested) groups, and does not detect SADFace documents, failing on
the minimal one with ``KeyError: 'notes'`` (see ../shared/corpora/*/SOURCE.md). The Araucaria
scheme names it loses are tested with the AIF reader (tests/formats/test_aif.py).
"""

from __future__ import annotations

import json
import shutil
import warnings
from pathlib import Path

import pytest

import argmap
from argmap.formats import argdown, format_for, sadface
from argmap.model import ArgumentMap

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpora"
ARGDOWN = SHARED / "argdown"
SADFACE = SHARED / "sadface"

pytestmark = pytest.mark.corpus


def _need(path: Path) -> Path:
    if not path.exists():
        pytest.skip(f"{path.relative_to(SHARED.parent)} is not beside this clone")
    return path


def _load(path: Path) -> ArgumentMap:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", argdown.ArgdownWarning)
        return argmap.load(path)


def _undercuts(m: ArgumentMap) -> set[tuple[str, str]]:
    """(undercutter's title, undercut argument's title) pairs, named as the Argdown tools name them."""
    return {
        (u.removeprefix("<").removesuffix(">"), a.title or a.id) for a in m.arguments for u in a.undercutters
    }


# -- Argdown undercuts stay undercuts -----------------------------------------------------------


def test_argdown_undercuts_are_undercuts_as_in_the_official_export():
    """legalisation-softdrugs' two `_>` undercuts are undercutters, as Argdown's own JSON says.

    arguebuf reads them as support. Here neither undercutter is a premise of a pro argument for the
    argument it undercuts, and the pairs equal the `undercut` relations of the official export.
    """
    source = _need(ARGDOWN / "examples" / "legalisation-softdrugs.argdown")
    export = json.loads(
        _need(ARGDOWN / "exports" / "json" / "legalisation-softdrugs.json").read_text("utf-8")
    )
    official = {(r["from"], r["to"]) for r in export["relations"] if r["relationType"] == "undercut"}
    assert len(official) == 2
    m = _load(source)
    assert _undercuts(m) == official
    undercutters = {u for a in m.arguments for u in a.undercutters}
    assert not any(undercutters & set(a.premises) for a in m.arguments if a.is_pro)


def test_argdown_undercuts_survive_writing_and_reading_back():
    """Written back to Argdown, the undercuts are `_>` lines and read back as the same undercutters."""
    m = _load(_need(ARGDOWN / "examples" / "legalisation-softdrugs.argdown"))
    written = argmap.dumps(m, format="argdown")
    assert written.count("_> <") == 2
    assert argmap.loads(written, format="argdown") == m


def test_an_undercut_changes_the_evaluation_not_the_support():
    """An undercut stops the argument applying; read as support it would hold the conclusion up."""
    text = (
        "[Legal]: Cannabis should be legal.\n"
        "  <+ <Analogy>: Alcohol is legal, so cannabis should be.\n"
        "    <_ <Different>: Alcohol is culturally embedded.\n"
    )
    m = argmap.loads(text, format="argdown")
    [argument] = m.arguments
    assert (argument.stance, argument.undercutters) == ("pro", ("<Different>",))
    assert argmap.evaluate(m).status("Legal").value == "out"
    assert argmap.evaluate(m, off="<Different>").status("Legal").value == "in"


# -- Argdown groups do not crash, and nest -------------------------------------------------------

NESTED = {
    "argdown-primer": ARGDOWN / "examples" / "argdown-primer.argdown",
    "veggie_debate": ARGDOWN / "fixtures" / "argdown-core__veggie_debate.argdown",
    "Populism": ARGDOWN / "examples" / "Populism-Core-Argument-Argdown-Example.argdown",
}
EXPORTS = {
    "argdown-primer": ARGDOWN / "exports" / "json" / "argdown-primer.json",
    "veggie_debate": ARGDOWN / "exports" / "json-fixtures" / "argdown-core__veggie_debate.json",
    "Populism": ARGDOWN / "exports" / "json" / "Populism-Core-Argument-Argdown-Example.json",
}


def _groups(nodes: list[dict[str, object]]) -> list[dict[str, object]]:
    """Every group of the official map, nested ones included (a stack, not recursion)."""
    found: list[dict[str, object]] = []
    stack = list(nodes)
    while stack:
        node = stack.pop()
        if node.get("type") == "group-map-node":
            found.append(node)
            stack.extend(node.get("children", []))  # type: ignore[arg-type]
    return found


@pytest.mark.parametrize("name", sorted(NESTED))
def test_nested_argdown_groups_become_lines_of_argument(name: str):
    """Each group of the official map that holds arguments is a line with (at least) those arguments.

    arguebuf crashes on these files' nested groups. A nested heading is a line of its own.
    """
    m = _load(_need(NESTED[name]))
    export = json.loads(_need(EXPORTS[name]).read_text("utf-8"))
    groups = _groups(export["map"]["nodes"])
    nested = any(group.get("level", 1) != 1 for group in groups)
    assert nested == (name != "Populism")  # Populism has one level of headings, the others two
    checked = 0
    for group in groups:
        children = group.get("children", [])
        arguments = {c["title"] for c in children if c["type"] == "argument-map-node"}  # type: ignore[union-attr,index]
        if not arguments:
            continue
        line = m.line(f"# {group['title']}")
        assert arguments <= {m.argument(a).title for a in line.arguments}, group["title"]
        checked += 1
    assert checked >= 2


def test_every_argdown_file_with_groups_loads():
    """Every example and fixture that the official tools parse loads (headings and all), without a crash."""
    files = sorted(_need(ARGDOWN / "examples").glob("*.argdown")) + sorted(
        p for p in _need(ARGDOWN / "fixtures").iterdir() if "lexer-relations" not in p.name
    )
    loaded = [_load(path) for path in files]
    assert len(loaded) == 19
    assert sum(len(m.lines) for m in loaded) >= 40


# -- SADFace is detected, including the minimal document ------------------------------------------


@pytest.mark.parametrize("name", ["hangback/data.json", "minimal/minimal.json"])
def test_sadface_documents_are_detected_by_content(name: str, tmp_path: Path):
    """A SADFace .json file is told from argmap JSON and AIF by its content, with no format named.

    arguebuf does not detect SADFace, and its SADFace loader fails on the minimal document (no
    `notes` in metadata.core) with KeyError 'notes'.
    """
    path = _need(SADFACE / name)
    copy = tmp_path / "any-name.json"
    shutil.copyfile(path, copy)
    text = copy.read_text(encoding="utf-8")
    assert format_for(copy, text) == "sadface"
    m = argmap.load(copy)
    assert sadface.EXTENSION in m.extensions
    assert sadface.dumps(m) == text
    assert "notes" not in json.loads(text)["metadata"]["core"] or name.startswith("hangback")
