"""Argdown as an authoring format: reading and writing ``.argdown`` files."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import warnings
from collections import Counter
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import argmap
from argmap.errors import ArgmapError, ParseError
from argmap.formats import argdown, format_for
from argmap.formats.argdown import CONTRADICTORY, ArgdownWarning
from argmap.model import Argument, ArgumentMap, Claim, Line, Position, Question, resolve_off
from tests.strategies import argument_maps

DATA = Path(__file__).resolve().parents[1] / "data" / "argdown"
SHARED = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpora" / "argdown"
BUNDLED = sorted(DATA.glob("*.argdown"))

# Files the official toolchain itself reports parser errors for (SOURCE.md), or (lexer-argument)
# loses the conclusion after an inference line that carries a data block: its counts are not a
# reference. They must still import.
NOT_A_REFERENCE = {"argdown-core__lexer-lists", "argdown-core__lexer-argument", "ArgVu__demo"}
# A lexer-only snippet of bare relation symbols: the full Argdown pipeline fails on it too.
NEGATIVE = {"argdown-core__lexer-relations"}


def quiet_loads(text: str, file: str | None = None) -> ArgumentMap:
    """Read Argdown text, ignoring the warnings about what the model cannot hold."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ArgdownWarning)
        return argdown.loads(text, file=file)


def quiet_parse(text: str, file: str | None = None) -> argdown.Document:
    """Parse Argdown text, ignoring the warnings about what the model cannot hold."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ArgdownWarning)
        return argdown.parse(text, file=file)


def quiet_load(path: Path) -> ArgumentMap:
    """Load an Argdown file, ignoring the warnings about what the model cannot hold."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ArgdownWarning)
        return argmap.load(path)


# -- reading ----------------------------------------------------------------------------------


def test_statements_keep_their_titles_as_ids_and_arguments_get_titles():
    """[Title]: text is a claim with the title as id; <Title>: text is a titled argument."""
    m = argdown.loads(
        "[Tea]: Tea is the better drink.\n"
        "  + [Calm]: Tea calms.\n"
        "  - <Jitters>: Caffeine gives some people the jitters.\n"
        "  + A cup is cheap.\n"
    )
    assert [(s.id, s.label) for s in m.statements] == [
        ("Tea", "Tea is the better drink."),
        ("Calm", "Tea calms."),
        ("<Jitters>", "Caffeine gives some people the jitters."),
        ("Untitled 1", "A cup is cheap."),
    ]
    jitters = m.argument("Jitters")
    assert (jitters.title, jitters.premises, jitters.stance, jitters.conclusion) == (
        "Jitters",
        ("<Jitters>",),
        "con",
        "Tea",
    )
    assert m.argument("Calm.pro.Tea").premises == ("Calm",)
    assert m.title == "Argdown map"


def test_relations_read_the_same_in_both_directions():
    """`+ [B]` under [A] and `+> [A]` under [B] are the same support; likewise for attacks."""
    incoming = argdown.loads("[A]: a\n  + [B]: b\n  - [C]: c\n")
    outgoing = argdown.loads("[A]: a\n\n[B]: b\n  +> [A]\n\n[C]: c\n  -> [A]\n")
    explicit = argdown.loads("[A]: a\n  <+ [B]: b\n  <- [C]: c\n")

    def shape(m: ArgumentMap) -> set[tuple[str, str, str]]:
        return {(a.premises[0], a.stance, a.conclusion) for a in m.arguments}

    assert shape(incoming) == shape(outgoing) == shape(explicit) == {("B", "pro", "A"), ("C", "con", "A")}


def test_undercuts_stay_undercuts():
    """`_>` attacks the inference: the argument gets an undercutter; nothing rebuts its conclusion.

    arguebuf turns Argdown undercuts into support; argmap keeps them.
    """
    m = argdown.loads(
        "[Rain]: It will rain.\n"
        "  + <Forecast>: The forecast says so.\n"
        "    <_ [Broken]: The forecast model is broken.\n"
    )
    forecast = m.argument("Forecast")
    assert forecast.undercutters == ("Broken",)
    assert [a.id for a in m.arguments] == ["Forecast"]
    assert m.undercut_by("Broken") == (forecast,)
    assert "_> <Forecast>" in argdown.dumps(m)


def test_the_corpus_undercuts_stay_undercuts():
    """Both undercuts of the soft-drugs debate attack the official toolchain's targets, as undercuts."""
    m = quiet_load(DATA / "legalisation-softdrugs.argdown")
    undercut = {(a.id, u) for a in m.arguments for u in a.undercutters}
    assert undercut == {
        ("Alcohol and tobacco analogy", "<Poor reason>"),
        ("Argument from addiction", "<Addiction no reason to ban>"),
    }
    # Nothing was turned into support or rebuttal of those arguments' conclusions.
    assert not [a for a in m.arguments if a.premises[0] in {"<Poor reason>", "<Addiction no reason to ban>"}]


def test_contradictories_become_a_pair_of_marked_rebuttals_and_write_back_as_such():
    """`><` is two con arguments, one each way, with scheme 'contradictory'; export writes `><` again."""
    m = argdown.loads("[Up]: Prices rise.\n  >< [Down]: Prices fall.\n")
    assert [(a.premises, a.stance, a.conclusion, a.scheme) for a in m.arguments] == [
        (("Up",), "con", "Down", CONTRADICTORY),
        (("Down",), "con", "Up", CONTRADICTORY),
    ]
    text = argdown.dumps(m)
    assert "  >< [Down]" in text
    assert text.count("><") == 1
    assert argdown.loads(text) == m


def test_premise_conclusion_structures_give_linked_premises_and_the_rule_as_scheme():
    """(1) (2) ---- (3): one argument whose premises are linked; intermediate conclusions chain."""
    m = argdown.loads(
        "<Socrates>: An old syllogism.\n\n"
        "(1) [Men]: All men are mortal.\n"
        "(2) [Man]: Socrates is a man.\n"
        "-- Modus Barbara {uses: [1, 2]} --\n"
        "(3) [Mortal]: Socrates is mortal.\n"
        "----\n"
        "(4) [Dies]: Socrates will die.\n"
    )
    final = m.argument("Socrates")
    assert (final.title, final.premises, final.conclusion, final.stance) == (
        "Socrates",
        ("Mortal",),
        "Dies",
        "pro",
    )
    step = m.argument("Socrates (3)")
    assert (step.premises, step.conclusion, step.scheme) == (("Men", "Man"), "Mortal", "Modus Barbara")
    assert final.scheme is None
    assert {s.id for s in m.statements if s.assumed} == {"Men", "Man"}


def test_multi_line_inference_rules_are_read_whole():
    """An inference rule over several lines between `--` lines is one scheme, without its data."""
    m = argdown.loads("<A>\n\n(1) [P]: p\n--\nModus ponens,\nstrengthened {x: 1}\n--\n(2) [Q]: q\n")
    assert m.argument("A").scheme == "Modus ponens, strengthened"


def test_headings_and_tags_become_lines_of_argument():
    """A heading's arguments are a line (id '# Heading'); a tag on arguments is a line (id '#tag').

    Argdown nests the Ethics group in the Health group; lines do not nest, and argmap says so.
    """
    with pytest.warns(ArgdownWarning, match=r"6:1: groups nest \('Ethics' in 'Health'\)"):
        m = argdown.loads(
            "# Health\n\n[Eat meat]: Eating meat is fine.\n"
            "  - <Cholesterol>: Meat raises cholesterol. #health\n\n"
            "## Ethics\n\n[Eat meat]\n  - <Suffering>: Animals suffer. #ethics #(animal welfare)\n"
        )
    assert m.title == "Health"
    assert [(line.id, line.title, line.arguments) for line in m.lines] == [
        ("# Health", "Health", ("Cholesterol",)),
        ("# Ethics", "Ethics", ("Suffering",)),
        ("#health", "health", ("Cholesterol",)),
        ("#ethics", "ethics", ("Suffering",)),
        ("#animal welfare", "animal welfare", ("Suffering",)),
    ]
    # Switching a heading's line off switches off its arguments, as for any line.
    assert resolve_off(m, {"# Ethics"}).arguments == {"Suffering"}
    assert resolve_off(m, {"#health", "#ethics"}).arguments == {"Cholesterol", "Suffering"}


def test_an_argument_is_in_the_group_of_its_definition_as_in_argdown():
    """The first definition or reconstruction decides; a later mention does not, unless it says isInGroup.

    A title only ever referenced is in the group of its first reference.
    """
    m = argdown.loads(
        "# One\n\n[C]: c\n  + <Defined>: defined here.\n  + <Referenced>\n  + <Moved>: moved later.\n\n"
        "# Two\n\n[C]\n  + <Defined>\n  + <Referenced>\n  + <Moved> {isInGroup: true}\n\n"
        "<Reconstructed>\n\n(1) [P]: p\n----\n(2) [C]\n\n"
        "# Three\n\n<Reconstructed>: described here, reconstructed under Two.\n  +> [C]\n"
    )
    assert [(line.id, line.arguments) for line in m.lines] == [
        ("# One", ("Defined", "Referenced")),
        ("# Two", ("Moved", "Reconstructed")),
    ]


def test_shallow_headings_are_not_groups_and_isgroup_says_otherwise():
    """Two levels up from the deepest heading are groups (groupDepth); `{isGroup: ...}` overrides."""
    text = (
        "# Top\n\n[C]: c\n  + <A>: a.\n\n## Middle\n\n[C]\n  + <B>: b.\n\n"
        "### Deep {isGroup: false}\n\n[C]\n  + <D>: d.\n"
    )
    m = argdown.loads(text)
    # Top (level 1) is not a group, so <A> is in none; Deep is no group, so <D> is drawn in Middle.
    assert [(line.id, line.arguments) for line in m.lines] == [("# Middle", ("B", "D"))]
    assert argdown.parse(text).group_of(0) is None
    with pytest.warns(ArgdownWarning, match=r"10:1: groups nest \('Middle' in 'Top' and 1 more\)"):
        deeper = argdown.loads("===\ngroup: {groupDepth: 3}\n===\n\n" + text.replace(" {isGroup: false}", ""))
    assert [line.id for line in deeper.lines] == ["# Top", "# Middle", "# Deep"]


def test_regroup_in_the_front_matter_replaces_the_headings():
    """`group: regroup:` makes the groups, as in the greenspan example; headings then make none."""
    m = quiet_loads(
        "===\ngroup:\n  regroup:\n    - title: Pros\n      arguments: [A, B]\n"
        "      children: [{title: Strong, arguments: [B]}]\n===\n\n"
        "# Heading\n\n[C]: c\n  + <A>: a.\n  + <B>: b.\n  - <D>: d.\n"
    )
    assert [(line.id, line.arguments) for line in m.lines] == [("# Pros", ("A",)), ("# Strong", ("B",))]


def test_an_argument_in_several_lines_is_written_so_argdown_draws_it_in_the_first():
    """The first line names it with isInGroup; later ones with in_line, which argmap alone reads."""
    m = argdown.loads("[C]: c\n  + <A>: a.\n  + <B>: b.\n")
    m = attrs.evolve(
        m,
        lines=(
            Line(id="l1", title="First", arguments=("A",)),
            Line(id="l2", title="Second", arguments=("B", "A")),
        ),
    )
    text = argdown.dumps(m)
    assert "# First" in text
    assert '<A> {"isInGroup": true}' in text
    assert '<B> {"isInGroup": true}\n\n<A> {"in_line": true}' in text
    assert argdown.loads(text) == m
    document = argdown.parse(text)
    assert [document.sections[document.arguments[t].section].title for t in ("A", "B")] == ["First", "Second"]


def test_nested_groups_import_without_crashing():
    """Nested headings (groups in the Argdown map) become one line per heading; arguebuf crashes on them."""
    m = quiet_load(DATA / "greenspan-schefczyk_hardwrap.argdown")
    headings = [line for line in m.lines if line.id.startswith("# ")]
    assert len(headings) >= 2
    assert all(m.has_argument(a) for line in m.lines for a in line.arguments)


def test_front_matter_gives_title_and_description_and_wins_over_headings():
    """`title:` and `description:` in the front matter are the map's; the first heading is not its title."""
    with pytest.warns(ArgdownWarning, match=r"6:1: 1 group\(s\) \('Drinks'\) hold no argument"):
        m = argdown.loads(
            "===\ntitle: Tea or coffee?\ndescription: A kitchen debate.\n===\n\n# Drinks\n\n[Tea]: Tea.\n"
        )
    assert (m.title, m.description) == ("Tea or coffee?", "A kitchen debate.")


def test_data_blocks_carry_argmap_fields():
    """Kinds, answers, weights, notes and ids in {...} become the model's fields."""
    m = argdown.loads(
        "[Q]: What to drink? {kind: question}\n\n"
        "[Tea]: Tea. {kind: position, answers: Q, base_score: 0.7}\n"
        "  + <Calm>: Tea calms. {weight: 0.4, note: From experience.}\n"
    )
    assert isinstance(m.statement("Q"), Question)
    tea = m.statement("Tea")
    assert isinstance(tea, Position)
    assert (tea.answers, tea.base_score) == ("Q", 0.7)
    calm = m.argument("Calm")
    assert (calm.weight, calm.note) == (0.4, "From experience.")
    assert m.positions_of("Q") == (tea,)


def test_unsupported_premises_are_assumed_so_the_map_evaluates_sensibly():
    """A premise nothing supports is assumed; a supported one is not; a data block can say otherwise."""
    m = argdown.loads(
        "[Q]: Tea or not? {kind: question}\n\n"
        "[Tea]: Drink tea. {kind: position, answers: Q}\n"
        "  + [Calm]: Tea calms.\n"
        "    + [Study]: A study found so.\n"
        "  + [Cheap]: Tea is cheap. {assumed: false}\n"
    )
    assumed = {s.id: s.assumed for s in m.statements}
    assert assumed == {"Q": False, "Tea": False, "Calm": False, "Study": True, "Cheap": False}
    # The assumed premise stands and carries the position; the one marked unassumed does not stand.
    evaluation = argmap.evaluate(m)
    assert [evaluation.status(s).value for s in ("Study", "Calm", "Tea", "Cheap")] == [
        "in",
        "in",
        "in",
        "out",
    ]


def test_comments_are_ignored_and_do_not_break_a_relation_tree():
    """Line, block and HTML comments are dropped; a comment-only line does not end a paragraph."""
    m = argdown.loads(
        "// a line comment\n[A]: a <!-- inline --> text /* block */\n  <!-- between -->\n  + [B]: b\n"
        "<!--\n[Hidden]: not read\n-->\n"
    )
    assert [s.id for s in m.statements] == ["A", "B"]
    assert m.statement("A").label == "a text"
    assert m.arguments[0].conclusion == "A"


def test_windows_line_endings_read_like_unix_ones():
    """CRLF files give the same map as LF files."""
    text = "[A]: a\n  + [B]: b\n\n<X>\n\n(1) [B]\n----\n(2) [C]: c\n"
    assert argdown.loads(text.replace("\n", "\r\n")) == argdown.loads(text)


# -- warnings: what plain Argdown says that the model cannot hold ---------------------------------


def test_an_attack_on_a_reconstructed_argument_warns_and_is_read_as_an_undercut():
    """Argdown does not say which premise a sketched attack hits; argmap undercuts and says so."""
    text = "<A>\n\n(1) [P]: p\n----\n(2) [C]: c\n\n[D]: d\n  -> <A>\n"
    with pytest.warns(ArgdownWarning, match=r"8:3: an attack on the reconstructed argument <A> names none"):
        m = argdown.loads(text)
    assert m.argument("A").undercutters == ("D",)


def test_an_argument_that_concludes_nothing_warns():
    """An argument with no relation and no reconstruction keeps its description as a claim, and warns."""
    with pytest.warns(ArgdownWarning, match="<Lonely> supports or attacks nothing"):
        m = argdown.loads("<Lonely>: A thought on its own.\n")
    assert m.statement("<Lonely>").label == "A thought on its own."
    assert m.arguments == ()


def test_a_support_of_a_reconstructed_argument_warns_that_it_is_dropped():
    """Support for a whole reconstructed argument has no place in the model: dropped, with a warning."""
    with pytest.warns(ArgdownWarning, match="drops it"):
        m = argdown.loads("<A>\n\n(1) [P]: p\n----\n(2) [C]: c\n\n[D]: d\n  +> <A>\n")
    assert [a.id for a in m.arguments] == ["A"]


def test_a_second_text_for_one_statement_warns_and_the_first_is_kept():
    """Argdown lets one title carry several texts (an equivalence class); the model keeps one."""
    with pytest.warns(
        ArgdownWarning, match=r"3:1: \[A\] is given a second, different text; argmap keeps the first"
    ):
        m = argdown.loads("[A]: First words.\n\n[A]: Other words.\n")
    assert m.statement("A").label == "First words."


# -- errors --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "where", "what"),
    [
        ("===\ntitle: x\n[A]: a\n", "m.argdown:1:1", "never closes (end it with a line '===')"),
        ("===\ntitle: [x\n===\n", "m.argdown:2:10", "the front matter is not valid YAML"),
        ("[A]: a\n\n  + [B]: b\n", "m.argdown:3:3", "the relation '+' has nothing to relate to"),
        ("<A>\n\n(1) [P]: p\n(2) [C]: c\n", "m.argdown:3:1", "must end with an inference line"),
        ("[A]: a {kind: belief}\n", "m.argdown:1:1", "kind must be one of"),
        ("[A]: a {kind: evidence}\n", "m.argdown:1:1", "names no source (add source:"),
        ("[A]: a\n  + <B>: b {weight: 3}\n", "m.argdown:2:3", "weight must be a number in [0, 1]"),
    ],
)
def test_malformed_files_give_a_located_error_with_the_fix(text: str, where: str, what: str):
    """Each mistake gives a ParseError at file:line:column saying what is wrong and how to fix it."""
    with pytest.raises(ParseError) as caught:
        argdown.loads(text, file="m.argdown")
    assert str(caught.value).startswith(f"{where}: ")
    assert what in str(caught.value)


def test_reference_problems_come_back_located_at_the_statement():
    """A data block naming an unknown question is reported at the statement that names it."""
    with pytest.raises(ArgmapError) as caught:
        argdown.loads("[Q]: q\n\n[P]: p {kind: position, answers: Qq}\n", file="m.argdown")
    assert "m.argdown:3:1: position 'P' answers unknown id 'Qq'" in str(caught.value)


def test_load_reads_the_suffix_and_a_bad_file_writes_nothing(tmp_path: Path):
    """`.argdown` and `.ad` load through argmap.load; a bad file raises and leaves the folder as it was."""
    good = tmp_path / "tea.argdown"
    good.write_text("[Tea]: Tea.\n  + [Calm]: Calm.\n", encoding="utf-8")
    assert format_for(good) == "argdown"
    assert format_for("x.ad") == "argdown"
    assert argmap.load(good).argument("Calm.pro.Tea").conclusion == "Tea"
    bad = tmp_path / "bad.argdown"
    bad.write_text("+ [Calm]: Calm.\n", encoding="utf-8")
    before = sorted(p.name for p in tmp_path.iterdir())
    with pytest.raises(ParseError, match=r"bad\.argdown:1:1: the relation"):
        argmap.load(bad)
    assert sorted(p.name for p in tmp_path.iterdir()) == before


# -- writing and round trips ----------------------------------------------------------------------


def test_export_writes_native_argdown_for_what_argdown_has():
    """Relations, titled arguments with linked premises and undercuts use Argdown's own syntax."""
    m = argdown.loads(
        "[C]: c\n  + [A]: a\n\n"
        "<Both>\n\n(1) [A]\n(2) [B]: b\n-- Conjunction --\n(3) [C]\n\n"
        "[U]: u\n  _> <Both>\n"
    )
    text = argdown.dumps(m)
    assert "[A]\n  +> [C]" in text
    assert "<Both>\n\n(1) [A]\n(2) [B]\n-- Conjunction --\n(3) [C]" in text
    assert "[U]\n  _> <Both>" in text
    assert argdown.loads(text) == m


def test_export_keeps_what_argdown_cannot_say_in_data_blocks():
    """Sources in the front matter, evidence as a statement with the quote as text, the rest in {...}."""
    builder = ArgumentMap.build("Alliance?")
    question = builder.question("q", "Alliance or not?")
    yes = builder.position("yes", "An alliance", answers=question)
    source = builder.source("pham", "The Limits", author="Luna Pham")
    builder.evidence(
        "ev", "China has refrained from selling weapons", source=source, locator="¶52", opposes=yes
    )
    m = builder.finish()
    text = argmap.dumps(m, format="argdown")
    assert 'sources: [{"id": "pham", "title": "The Limits", "author": "Luna Pham"}]' in text
    quote = "[ev]: China has refrained from selling weapons"
    assert f'{quote} {{"kind": "evidence", "source": "pham", "locator": "¶52"}}' in text
    assert '[yes]: An alliance {"kind": "position", "answers": "q"}' in text
    assert argdown.loads(text) == m


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.stem)
def test_bundled_examples_round_trip_exactly(path: Path):
    """Argdown -> map -> Argdown -> map gives the same map for the bundled examples."""
    m = quiet_load(path)
    assert quiet_loads(argdown.dumps(m)) == m


# Characters Argdown gives a meaning to: brackets, relation symbols, tags, comments, data blocks, escapes.
_words = (
    st.text(alphabet="ab XY.,?!'<>[]+-_#/*{}\\:()@=\t", min_size=1, max_size=14).map(str.strip).filter(bool)
)
_ids = st.text(alphabet="ab-XY 1<>[]+_#/*{}\\:()@!=", min_size=1, max_size=9).map(str.strip).filter(bool)


@st.composite
def argdown_shaped_maps(draw: st.DrawFn) -> ArgumentMap:
    """Maps as Argdown writes them: titled arguments, plain relations, contradictories, lines."""
    names = draw(st.lists(_ids, min_size=2, max_size=7, unique=True))
    statements = [Claim(id=name, text=draw(_words), assumed=draw(st.booleans())) for name in names]
    arguments: list[Argument] = []
    used: set[str] = set(names)
    for index in range(draw(st.integers(0, 6))):
        conclusion = draw(st.sampled_from(names))
        others = [n for n in names if n != conclusion]
        shape = draw(st.sampled_from(["relation", "titled", "contradictory"]))
        if shape == "contradictory":
            first = draw(st.sampled_from(others))
            pair = [
                Argument(id=f"{a}.con.{b}", premises=(a,), conclusion=b, stance="con", scheme=CONTRADICTORY)
                for a, b in ((first, conclusion), (conclusion, first))
            ]
            if not {p.id for p in pair} & used:
                arguments += pair
                used |= {p.id for p in pair}
            continue
        premises = tuple(draw(st.lists(st.sampled_from(others), min_size=1, max_size=3, unique=True)))
        stance = draw(st.sampled_from(["pro", "con"]))
        if shape == "relation":
            argument = Argument(
                id=f"{premises[0]}.{stance}.{conclusion}",
                premises=premises[:1],
                conclusion=conclusion,
                stance=stance,
            )
        else:
            rest = [n for n in others if n not in premises]
            argument = Argument(
                id=f"a{index}",
                title=draw(st.none() | _words),
                premises=premises,
                conclusion=conclusion,
                stance=stance,
                undercutters=tuple(draw(st.lists(st.sampled_from(rest), max_size=2, unique=True)))
                if rest
                else (),
                weight=draw(st.none() | st.floats(0, 1)),
                scheme=draw(st.none() | _words),
            )
        if argument.id not in used:
            arguments.append(argument)
            used.add(argument.id)
    lines = []
    if arguments:
        for index in range(draw(st.integers(0, 2))):
            members = draw(st.lists(st.sampled_from([a.id for a in arguments]), min_size=1, unique=True))
            lines.append(Line(id=f"line {index}", title=draw(_words), arguments=tuple(members)))
    return ArgumentMap(
        title=draw(_words), statements=tuple(statements), arguments=tuple(arguments), lines=tuple(lines)
    )


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(argdown_shaped_maps())
def test_argdown_shaped_maps_round_trip_exactly(m: ArgumentMap):
    """Maps with titles, relations, contradictories and lines read back equal, without a warning."""
    text = argdown.dumps(m)
    with warnings.catch_warnings():
        warnings.simplefilter("error", ArgdownWarning)  # an exported map reads back without loss
        assert argdown.loads(text) == m


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(argument_maps())
def test_any_map_round_trips_exactly(m: ArgumentMap):
    """Any valid map reads back equal: unicode, controls, numbers YAML 1.1 would read as text."""
    with warnings.catch_warnings():
        warnings.simplefilter("error", ArgdownWarning)
        assert argdown.loads(argdown.dumps(m)) == m


# -- the real corpus ------------------------------------------------------------------------------


def _corpus_files() -> list[Path]:
    if not SHARED.is_dir():
        return []
    return sorted((SHARED / "examples").glob("*.argdown")) + sorted((SHARED / "fixtures").iterdir())


def _reference(path: Path) -> dict[str, object] | None:
    for folder in ("json", "json-fixtures"):
        candidate = SHARED / "exports" / folder / f"{path.stem}.json"
        if candidate.is_file():
            return json.loads(candidate.read_text(encoding="utf-8"))  # type: ignore[no-any-return]
    return None


CORPUS = _corpus_files()


@pytest.mark.corpus
def test_the_corpus_is_present_or_the_tests_say_why():
    """The shared corpus has its 20 Argdown files (6 examples, 14 fixtures)."""
    if not CORPUS:
        pytest.skip("../shared/corpora/argdown is not beside this clone")
    assert len(CORPUS) == 20


@pytest.mark.corpus
@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.stem)
def test_every_corpus_file_imports_and_matches_the_official_counts(path: Path):
    """Statements, arguments and relations (by type) equal the official toolchain's JSON export."""
    text = path.read_text(encoding="utf-8")
    if path.stem in NEGATIVE:
        with pytest.raises(ParseError, match=r":1:1: the relation '\+' has nothing to relate to"):
            argdown.loads(text, file=path.name)
        return
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ArgdownWarning)
        document = argdown.parse(text, file=path.name)
    m = quiet_loads(text, file=path.name)
    argmap.evaluate(m)
    reference = _reference(path)
    assert reference is not None
    if path.stem in NOT_A_REFERENCE:
        return
    assert list(document.statements) == list(reference["statements"])  # type: ignore[arg-type]
    assert list(document.arguments) == list(reference["arguments"])  # type: ignore[arg-type]
    relations = reference["relations"]
    assert isinstance(relations, list)
    assert Counter(r.type for r in document.relations) == Counter(r["relationType"] for r in relations)
    assert {(r.source, r.target, r.type) for r in document.relations} == {
        (r["from"], r["to"], r["relationType"]) for r in relations
    }
    # Texts equal Argdown's own (emphasis and escapes removed), except that links keep their URL.
    for title, ec in reference["statements"].items():  # type: ignore[attr-defined]
        texts = [member["text"] for member in ec["members"] if member.get("text", "").strip()]
        if texts and "](" not in document.statements[title].text:
            assert document.statements[title].text == " ".join(texts[0].split())
    # The map holds every statement, every argument with a conclusion, and every undercut.
    for title in document.statements:
        assert m.has_statement(title)
    titled = {a.title for a in m.arguments}
    for title, argument in document.arguments.items():
        if argument.steps:
            assert title in titled
    undercuts = sum(len(a.undercutters) for a in m.arguments if not a.id.endswith(")"))
    assert undercuts >= Counter(r["relationType"] for r in relations)["undercut"]


@pytest.mark.corpus
@pytest.mark.parametrize("path", [p for p in CORPUS if p.stem not in NEGATIVE], ids=lambda p: p.stem)
def test_every_corpus_file_round_trips_through_argdown(path: Path):
    """Every corpus map written as Argdown reads back equal."""
    m = quiet_loads(path.read_text(encoding="utf-8"), file=path.name)
    assert quiet_loads(argdown.dumps(m)) == m


@pytest.mark.corpus
def test_bundled_copies_match_the_shared_corpus():
    """tests/data/argdown holds the shared corpus files unmodified."""
    if not SHARED.is_dir():
        pytest.skip("../shared/corpora/argdown is not beside this clone")
    for path in BUNDLED:
        assert path.read_bytes() == (SHARED / "examples" / path.name).read_bytes()


REPOSITORY = Path(__file__).resolve().parents[2]
# Where scripts/test installs @argdown/cli (gitignored).
INSTALLED_CLI = REPOSITORY / ".cache" / "argdown-cli" / "node_modules" / ".bin" / "argdown"


def _official_cli() -> str | None:
    """Return the official `argdown` command: $ARGDOWN_CLI, scripts/test's install, or `argdown` on PATH."""
    if os.environ.get("ARGDOWN_CLI"):
        return os.environ["ARGDOWN_CLI"]
    return str(INSTALLED_CLI) if INSTALLED_CLI.is_file() else shutil.which("argdown")


def _section_titles(sections: list[dict[str, Any]]) -> dict[str, str]:
    """Map the section ids of an official JSON export to their titles, nested sections included."""
    titles: dict[str, str] = {}
    for section in sections:
        titles[section["id"]] = section["title"]
        titles |= _section_titles(section.get("children", []))
    return titles


@pytest.mark.slow
@pytest.mark.corpus
def test_the_official_toolchain_reads_the_export_as_argmap_does(tmp_path: Path):
    """@argdown/cli reads every export, alliance.yaml's too, as argmap does: statements to sections.

    Statements, arguments, relations, premise-conclusion structures and each argument's section
    (the group a line is) equal argmap's reading, and argmap reads the export back to the same map.

    Needs the npm package @argdown/cli: scripts/test installs it into .cache/argdown-cli; ARGDOWN_CLI
    may point at another `argdown` command. All files go through one CLI call (Node starts once).
    """
    cli = _official_cli()
    if cli is None:
        pytest.skip(
            "the official Argdown toolchain is not installed (run scripts/test, or npm install"
            " @argdown/cli and set ARGDOWN_CLI)"
        )
    sources = [p for p in CORPUS if p.stem not in NEGATIVE] or BUNDLED
    exported = tmp_path / "in"
    exported.mkdir()
    maps = {path.stem: quiet_loads(path.read_text(encoding="utf-8"), file=path.name) for path in sources}
    maps["alliance"] = argmap.load(REPOSITORY / "examples" / "alliance.yaml")
    for stem, m in maps.items():
        (exported / f"{stem}.argdown").write_text(argdown.dumps(m), encoding="utf-8")
    out = tmp_path / "out"
    result = subprocess.run(
        [cli, "json", f"{exported}/*.argdown", str(out)],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert "At " not in result.stdout + result.stderr, result.stdout + result.stderr
    assert result.returncode == 0, result.stdout + result.stderr
    for stem, m in maps.items():
        text = (exported / f"{stem}.argdown").read_text(encoding="utf-8")
        with warnings.catch_warnings():
            warnings.simplefilter("error", ArgdownWarning)  # the export reads back without loss
            assert argdown.loads(text) == m
        document = argdown.parse(text)
        official = json.loads((out / f"{stem}.json").read_text(encoding="utf-8"))
        section_titles = _section_titles(official["sections"])
        for title, argument in official["arguments"].items():
            section = document.arguments[title].section
            ours = None if section is None else document.sections[section].title
            assert section_titles.get(argument.get("section") or "") == ours, (stem, title)
        # Each line is a heading whose group holds the arguments first placed in that line.
        grouped = {t: section_titles.get(a.get("section") or "") for t, a in official["arguments"].items()}
        assert sum(1 for group in grouped.values() if group) == len(
            {a for ln in m.lines for a in ln.arguments}
        )
        assert list(document.statements) == list(official["statements"])
        assert list(document.arguments) == list(official["arguments"])
        assert Counter((r.source, r.target, r.type) for r in document.relations) == Counter(
            (r["from"], r["to"], r["relationType"]) for r in official["relations"]
        )
        for title, argument in official["arguments"].items():
            pcs = argument.get("pcs") or []
            if pcs:
                step = document.arguments[title].steps[-1]
                assert step.premises == [s["title"] for s in pcs if s.get("role") == "premise"]
                assert step.conclusion == pcs[-1]["title"]


def _official_groups(nodes: list[dict[str, Any]], parent: str | None = None) -> dict[str, str | None]:
    """Map each statement and argument node of an official map to its group's title (None at the root)."""
    placed: dict[str, str | None] = {}
    for node in nodes:
        if node["type"] == "group-map-node":
            placed |= _official_groups(node.get("children", []), node["title"])
        else:
            placed[("[{}]" if node["type"] == "statement-map-node" else "<{}>").format(node["title"])] = (
                parent
            )
    return placed


WITH_MAP = [p for p in CORPUS if (_reference(p) or {}).get("map")]


@pytest.mark.corpus
@pytest.mark.parametrize("path", WITH_MAP, ids=lambda p: p.stem)
def test_groups_are_the_official_maps_groups(path: Path):
    """Every statement and argument is in the group the official map draws it in; lines hold its arguments.

    Sections by Argdown's rules: the first definition or reconstruction under a heading decides,
    `isInGroup` moves, `groupDepth` leaves shallow headings out, `group: regroup:` replaces headings.
    """
    reference = _reference(path)
    assert reference is not None
    text = path.read_text(encoding="utf-8")
    document = quiet_parse(text, file=path.name)
    m = quiet_loads(text, file=path.name)

    def group(index: int | None) -> str | None:
        found = document.group_of(index)
        return None if found is None else document.sections[found].title

    official = _official_groups(reference["map"]["nodes"])  # type: ignore[index]
    ours = {f"[{t}]": group(ec.section) for t, ec in document.statements.items()}
    ours |= {f"<{t}>": group(a.section) for t, a in document.arguments.items()}
    assert {name: ours[name] for name in official} == official
    # The map: one line per group, holding exactly the group's arguments that argmap keeps.
    kept = {a.title for a in m.arguments if a.title is not None}
    expected: dict[str, set[str]] = {}
    for name, title in official.items():
        if title is not None and name.startswith("<") and name[1:-1] in kept:
            expected.setdefault(title, set()).add(name[1:-1])
    lines = {line.title: line for line in m.lines if line.id.startswith("# ")}
    assert set(lines) == set(expected)
    for title, members in expected.items():
        in_map = {m.argument(a).title for a in lines[title].arguments} & {n[1:-1] for n in official}
        assert in_map == members, title


@pytest.mark.slow
def test_groups_follow_the_official_rules_on_the_edge_cases():
    """Files written to test Argdown's group rules get the groups the official map draws.

    The rules: definition before reference, reconstruction, isInGroup, isGroup, groupDepth,
    `group: sections:` and `group: regroup:`. Runs tests/data/argdown/official_map.js (one Node call)
    against the @argdown/node package that @argdown/cli installs.
    """
    cli = _official_cli()
    node = shutil.which("node")
    if cli is None or node is None:
        pytest.skip("the official Argdown toolchain is not installed (run scripts/test)")
    files = sorted((DATA / "groups").glob("*.argdown")) + BUNDLED
    result = subprocess.run(
        [node, str(DATA / "official_map.js"), shutil.which(cli) or cli, *map(str, files)],
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    official = json.loads(result.stdout)
    for path in files:
        document = quiet_parse(path.read_text(encoding="utf-8"), file=path.name)

        def group(index: int | None, document: argdown.Document = document) -> str | None:
            found = document.group_of(index)
            return None if found is None else document.sections[found].title

        ours = {f"[{t}]": group(ec.section) for t, ec in document.statements.items()}
        ours |= {f"<{t}>": group(a.section) for t, a in document.arguments.items()}
        expected = official[path.name]
        assert expected, path.name
        assert {name: ours[name] for name in expected} == expected, path.name
