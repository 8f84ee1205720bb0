"""Tests for argmap.widgets._panel: what the Explorer's panels show, as plain data."""

from __future__ import annotations

from pathlib import Path

import pytest

import argmap
from argmap.evaluation import critical, evaluate
from argmap.model import ArgumentMap
from argmap.widgets._panel import (
    critical_data,
    evidence_items,
    line_of_argument,
    palette_data,
    short_speaker,
    shorten,
    verdict_data,
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


def test_line_of_argument_is_the_argument_reaching_a_position(alliance):
    """Evidence belongs to the first argument (breadth first) whose conclusion is a position."""
    assert line_of_argument(alliance, "ev-kashin-no-arms") == "a-no-arms"
    assert line_of_argument(alliance, "ev-us-sanctions-warning") == "a-no-arms"
    assert line_of_argument(alliance, "ev-storey-threats") == "a-shared-threats"
    assert line_of_argument(alliance, "ev-chong-junior") == "a-power-disparity"  # via an undercutter
    assert line_of_argument(alliance, "p-alliance") is None


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
    rhetorical = items["ev-rhetorical-support"]
    assert rhetorical["label"].startswith("China echoed the “special military operation” framing")
    assert rhetorical["quote"] == alliance.statement("ev-rhetorical-support").quote
    assert rhetorical["title"].startswith(rhetorical["quote"])
    assert "¶48" in rhetorical["title"]
    assert items["ev-kashin-no-arms"]["group_label"].startswith("Against “A de facto alliance")


def test_verdict_data_labels_positions_and_flags_gradual(alliance):
    """The verdict panel gets each position's label, status and (gradual only) strength."""
    grounded = verdict_data(alliance, evaluate(alliance))
    assert grounded["gradual"] is False
    assert [(p["id"], p["status"], p["strength"]) for p in grounded["positions"]] == [
        ("p-alliance", "out", None),
        ("p-partnership", "in", None),
    ]
    assert grounded["positions"][0]["label"] == "A de facto alliance, whatever they call it."
    gradual = verdict_data(alliance, evaluate(alliance, semantics="df-quad"))
    assert gradual["gradual"] is True
    assert all(isinstance(p["strength"], float) for p in gradual["positions"])


def test_critical_data_keeps_the_ranking(alliance):
    """The bar chart rows keep critical()'s order, with the evidence label and the change."""
    ranking = critical(alliance, semantics="df-quad")
    rows = critical_data(alliance, ranking)
    assert [row["id"] for row in rows] == [item.evidence_id for item in ranking]
    assert rows[0]["delta"] == ranking[0].delta
    assert rows[0]["text"] == ranking[0].text


def test_palette_matches_the_renderer_marks():
    """The browser restyles with the renderer's own colours and badge texts, per theme."""
    from argmap.rendering import STATUS_MARKS, THEMES  # noqa: PLC0415

    for name, theme in THEMES.items():
        palette = palette_data(name)
        assert palette["marks"] == dict(STATUS_MARKS)
        assert palette["statuses"]["off"]["colour"] == theme.statuses["off"].colour
        assert palette["kinds"]["evidence"]["fill"] == theme.kinds["evidence"].fill
