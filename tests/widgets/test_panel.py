"""Tests for argmap.widgets._panel: what the Explorer's panels show, as plain data."""

from __future__ import annotations

from pathlib import Path

import pytest

import argmap
from argmap.evaluation import critical, evaluate
from argmap.model import ArgumentMap
from argmap.widgets._panel import (
    READING,
    critical_data,
    evidence_items,
    explanation_title,
    group_items,
    in_words,
    line_of_argument,
    palette_data,
    part_names,
    short_speaker,
    shorten,
    statement_labels,
    verdict_data,
    verdicts_data,
)

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def alliance():
    """The example map of the seminar notebook."""
    return argmap.load(ROOT / "examples" / "alliance.yaml")


def test_shorten_cuts_at_a_word_and_flattens_whitespace():
    """Long quotes are cut at a word boundary with an ellipsis; line breaks become spaces."""
    text = "Moscow could easily be supplanted,\n since most of what it supplies China with could be bought"
    short = shorten(text, 40)
    assert short == "Moscow could easily be supplanted…"
    assert len(short) <= 40
    assert shorten("no  change\n") == "no change"


def test_short_speaker_drops_the_affiliation():
    """The switch shows the speaker's name; the affiliation is in the tooltip."""
    assert short_speaker("Alexander Gabuev, Carnegie Endowment") == "Alexander Gabuev"
    assert short_speaker("Defense News") == "Defense News"
    assert short_speaker("") == ""


def test_line_of_argument_is_the_argument_reaching_a_position():
    """Evidence belongs to the first argument (breadth first) whose conclusion is a position."""
    builder = ArgumentMap.build("Tea")
    builder.question("q", "Which?")
    builder.position("tea", "Tea")
    source = builder.source("s", "A survey")
    builder.claim("calm", "Tea calms.")
    builder.claim("doubt", "The survey was small.")
    builder.pro("calm", "tea", id="a-calm")
    builder.evidence("ev-calm", "Calmer, 8 in 10.", source=source, supports="calm")
    builder.evidence("ev-small", "Only 20 answered.", source=source, supports="doubt")
    builder.undercut("doubt", "a-calm")
    argument_map = builder.finish()
    assert line_of_argument(argument_map, "ev-calm") == "a-calm"
    assert line_of_argument(argument_map, "ev-small") == "a-calm"  # via an undercutter
    assert line_of_argument(argument_map, "tea") is None


def test_unconnected_evidence_gets_its_own_group():
    """Evidence that reaches no position is listed under 'Not connected to a position'."""
    builder = ArgumentMap.build("Loose ends")
    builder.question("q", "Why?")
    builder.position("p", "Because.")
    source = builder.source("s", "A source")
    builder.claim("c", "A claim on its own.")
    builder.evidence("ev", "A quote.", source=source, supports="c")
    items = evidence_items(builder.finish())
    assert [(item["id"], item["group"], item["group_label"]) for item in items] == [
        ("ev", "", "Not connected to a position")
    ]


def test_evidence_items_carry_label_speaker_and_full_quote(alliance):
    """Each switch has a short label (the paraphrase if any), speaker, and the full quote and source."""
    items = {item["id"]: item for item in evidence_items(alliance)}
    for evidence in alliance.evidence:
        item = items[evidence.id]
        assert item["label"] == shorten(evidence.text or evidence.quote, 72)
        assert item["quote"] == evidence.quote
        assert item["title"].startswith(evidence.quote)
        if evidence.locator:
            assert evidence.locator in item["title"]
        assert item["speaker"] == short_speaker(evidence.speaker)


def test_verdict_data_labels_positions_and_flags_gradual(alliance):
    """The verdict panel gets each position's label, status, strength (if gradual), a sentence."""
    evaluation = evaluate(alliance)
    grounded = verdict_data(alliance, evaluation)
    assert grounded["gradual"] is False
    question = alliance.statement(evaluation.verdict.question)
    assert [(p["id"], p["status"], p["strength"]) for p in grounded["positions"]] == [
        (p.id, evaluation.statuses[p.id].value, None) for p in alliance.positions if p.answers == question.id
    ]
    for position in grounded["positions"]:
        assert position["label"] == alliance.statement(position["id"]).label
        assert repr(position["id"]) not in grounded["summary"]
    assert grounded["text"] == evaluation.verdict.text
    assert "contested" not in grounded["summary"]
    gradual = verdict_data(alliance, evaluate(alliance, semantics="df-quad"))
    assert gradual["gradual"] is True
    assert all(isinstance(p["strength"], float) for p in gradual["positions"])


def test_verdict_summary_names_positions_by_their_text():
    """The verdict sentence names the positions as a reader knows them, not by id."""
    argument_map = _tea_map()
    summary = verdict_data(argument_map, evaluate(argument_map))["summary"]
    assert "‘Tea’" in summary
    assert "'tea'" not in summary
    assert "'coffee'" not in summary
    gradual = verdict_data(argument_map, evaluate(argument_map, semantics="df-quad"))
    assert "‘Tea’ 0." in gradual["summary"], gradual["summary"]
    assert "tea 0." not in gradual["summary"]


def test_critical_data_keeps_the_ranking(alliance):
    """The bar chart rows keep critical()'s order, with the evidence label and the change."""
    ranking = critical(alliance, semantics="df-quad")
    rows = critical_data(alliance, ranking)
    assert [row["id"] for row in rows] == [item.id for item in ranking]
    assert [row["kind"] for row in rows] == [item.kind for item in ranking]
    assert rows[0]["delta"] == ranking[0].delta
    assert rows[0]["text"] == in_words(ranking[0].text, part_names(alliance))
    for row, item in zip(rows, ranking, strict=True):
        assert item.id not in row["text"], "parts are named by their words, not ids"
        assert row["label"] != item.id


def test_palette_matches_the_renderer_marks():
    """The browser restyles with the renderer's own colours and badge texts, per theme."""
    from argmap.rendering import STATUS_MARKS, THEMES  # noqa: PLC0415

    for name, theme in THEMES.items():
        palette = palette_data(name)
        assert palette["marks"] == dict(STATUS_MARKS)
        assert palette["statuses"]["off"]["colour"] == theme.statuses["off"].colour
        assert palette["kinds"]["evidence"]["fill"] == theme.kinds["evidence"].fill


def _tea_map() -> ArgumentMap:
    """Two positions; a titled line of argument for tea, an untitled argument against coffee."""
    builder = ArgumentMap.build("Tea or coffee?")
    builder.question("q", "Which should we drink?")
    builder.position("tea", "Tea")
    builder.position("coffee", "Coffee")
    source = builder.source("s", "A survey")
    builder.claim("calm", "Tea calms.")
    builder.claim("jitters", "Coffee gives the jitters.")
    builder.pro("calm", "tea", id="a-calm", title="Calm drinkers")
    builder.con("jitters", "coffee", id="a-jitters")
    builder.evidence("ev-calm", "Tea calms 8 in 10 drinkers.", source=source, supports="calm")
    builder.evidence("ev-jitters", "Half of coffee drinkers feel jittery.", source=source, supports="jitters")
    builder.line("l-calm", "Tea calms", ["a-calm"], note="The survey's first finding.")
    builder.line("l-empty", "A line with no evidence", ["a-jitters"])
    return builder.finish()


def test_evidence_under_a_line_is_grouped_by_the_line():
    """Evidence feeding a line's argument is listed under the line's title; lines come first."""
    items = {item["id"]: item for item in evidence_items(_tea_map())}
    assert (items["ev-calm"]["group"], items["ev-calm"]["group_label"]) == ("l-calm", "Tea calms")
    assert items["ev-jitters"]["group"] == "l-empty"  # l-empty lists a-jitters


def test_groups_list_every_line_with_its_switch_then_the_other_groups():
    """Each line is a group with its own switch (even with no evidence); the tooltip names its arguments."""
    builder = ArgumentMap.build("Loose")
    builder.question("q", "Why?")
    builder.position("p", "Because.")
    source = builder.source("s", "A source")
    builder.claim("c", "A claim.")
    builder.pro("c", "p", id="a-c", title="The claim's case")
    builder.claim("d", "Another claim.")
    builder.pro("d", "p", id="a-d")
    builder.evidence("ev-c", "Quote c.", source=source, supports="c")
    builder.line("l-d", "The other case", ["a-d"], note="Nothing quoted yet.")
    groups = group_items(builder.finish())
    assert groups == [
        {
            "id": "l-d",
            "label": "The other case",
            "line": True,
            "title": "The other case: switches off a-d\nNothing quoted yet.",
        },
        {"id": "a-c", "label": "For “Because.”: The claim's case", "line": False, "title": ""},
    ]


def test_group_label_without_a_title_names_the_first_premise():
    """Without a title (see the groups test for one), an argument's group is named by its first premise."""
    builder = ArgumentMap.build("No lines")
    builder.question("q", "Why?")
    builder.position("p", "Because.")
    source = builder.source("s", "A source")
    builder.claim("c", "A claim that is long enough to be cut somewhere along the way.")
    builder.pro("c", "p", id="a-c")
    builder.evidence("ev-c", "Quote c.", source=source, supports="c")
    label = evidence_items(builder.finish())[0]["group_label"]
    assert label == "For “Because.”: A claim that is long enough to be cut somewhere…"


def test_explanation_title_names_the_statement_in_words():
    """The heading uses the statement's label and the legend's words, never an id or 'contested'."""
    argument_map = _tea_map()
    assert explanation_title(argument_map, "tea", "in") == "Why does ‘Tea’ stand?"
    assert explanation_title(argument_map, "tea", "out") == "Why does ‘Tea’ fall?"
    assert explanation_title(argument_map, "calm", "undecided") == "Why is ‘Tea calms.’ open?"
    assert explanation_title(argument_map, "ev-calm", "off") == "Why is ‘Tea calms 8 in 10 drinkers.’ off?"
    assert READING == {"in": "stands", "out": "falls", "undecided": "open", "off": "off"}


def test_part_names_give_labels_titles_and_premises():
    """Statements are named by their quoted label, titled parts by title, untitled arguments by a premise."""
    m = ArgumentMap.build("t")
    m.question("q", "Tea or coffee?")
    tea = m.position("tea", "Tea", answers="q")
    calm = m.claim("calm", "Tea calms the nerves of most drinkers in a busy office, says the survey.")
    warm = m.claim("warm", "Tea is warm.")
    m.pro([calm, warm], tea, id="a-tea", title="Calm and warm")
    m.claim("c2", "A second reason.", supports=tea)
    m.claim("7", "Seven.", supports=tea)
    m.line("l-tea", "The case for tea", ["a-tea"])
    names = part_names(m.finish())
    assert names["tea"] == "‘Tea’"
    assert names["calm"].startswith("‘Tea calms the nerves")
    assert names["calm"].endswith("…’")
    assert len(names["calm"]) <= 50
    assert names["a-tea"] == "“Calm and warm”"
    assert names["c2.pro.tea"] == "from ‘A second reason.’"
    assert names["l-tea"] == "“The case for tea”"
    assert "7" not in names, "an id that reads as a number is never replaced"


def test_in_words_replaces_ids_and_keeps_the_rest():
    """Ids become words wherever they stand; quotes around an id and brackets after a title give way."""
    names = {"p-a": "‘Alliance’", "a-x": "“Arms”", "c.pro.p": "from ‘China’"}
    assert in_words("p-a falls.", names) == "‘Alliance’ falls."
    assert in_words("'p-a' no longer leads; (p-a)", names) == "‘Alliance’ no longer leads; (‘Alliance’)"
    assert in_words("argument “Arms” (a-x) applies", names) == "argument “Arms” applies"
    assert in_words("argument c.pro.p for it", names) == "argument from ‘China’ for it"
    assert in_words("p-ab and xp-a stay", names) == "p-ab and xp-a stay", "only whole ids"
    assert in_words("weight 0.7 against 0.6\n  - p-a", names) == "weight 0.7 against 0.6\n  - ‘Alliance’"
    assert in_words("", names) == ""
    assert in_words("p-a", {}) == "p-a"


def test_verdicts_data_has_one_entry_per_question(alliance):
    """Every question's verdict, in order, each naming its question by its text."""
    evaluation = evaluate(alliance)
    rows = verdicts_data(alliance, evaluation)
    assert [row["question"] for row in rows] == [v.question for v in evaluation.verdicts]
    assert rows[0] == verdict_data(alliance, evaluation)
    for row in rows:
        if row["question"]:
            assert row["question_label"] == alliance.statement(row["question"]).label


def test_statement_labels_are_short(alliance):
    """One label per statement, in map order, at most 60 characters on one line."""
    labels = statement_labels(alliance)
    assert list(labels) == [s.id for s in alliance.statements]
    assert all(len(label) <= 60 and "\n" not in label for label in labels.values())


def test_in_words_says_open_for_undecided():
    """The panels call the third status "open", as the legend does, wherever an engine said "undecided"."""
    text = "what argues for it and against it are both undecided; “Arms” is undecided: p-undecided."
    assert (
        in_words(text, {}) == "what argues for it and against it are both open; “Arms” is open: p-undecided."
    )
    assert in_words("it is contested.", {"x": "‘X’"}) == "it is open."


def test_explanations_of_the_example_use_the_legend_words(alliance):
    """Every explanation of the example, in words, says stands/falls/open/off and never undecided."""
    evaluation = evaluate(alliance, off=["ev-kashin-game-changer"])
    names = part_names(alliance)
    for statement in alliance.statements:
        text = in_words(str(evaluation.explain(statement.id)), names)
        assert "undecided" not in text
        assert "contested" not in text
