"""Tests for argmap.widgets.explorer: the Explorer's traits, observers and messages, with no browser."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

pytest.importorskip("anywidget", reason="the notebook extra (anywidget) is not installed")

import comm
from comm.base_comm import BaseComm

import argmap
from argmap.errors import EvaluationError
from argmap.evaluation import critical, evaluate
from argmap.widgets.explorer import Explorer

pytestmark = pytest.mark.requires_dot

ROOT = Path(__file__).resolve().parents[2]
NO_ARMS = ["ev-kashin-no-arms", "ev-no-material-support"]
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


class RecordingComm(BaseComm):
    """A comm that keeps every message the widget sends, as a kernel would forward them."""

    def __init__(self, *args, **kwargs):
        self.sent = []
        super().__init__(*args, **kwargs)

    def publish_msg(self, msg_type, data=None, metadata=None, buffers=None, **keys):
        """Record the message instead of sending it."""
        del metadata, buffers, keys
        self.sent.append((msg_type, data))


@pytest.fixture
def recording(monkeypatch):
    """Make widgets open RecordingComms; return a function giving the update messages' keys."""
    comms = []

    def create(*args, **kwargs):
        created = RecordingComm(*args, **kwargs)
        comms.append(created)
        return created

    monkeypatch.setattr(comm, "create_comm", create)

    def updates(explorer):
        sent = explorer.comm.sent
        return [
            sorted(data["state"]) for kind, data in sent if kind == "comm_msg" and data["method"] == "update"
        ]

    return updates


@pytest.fixture(scope="module")
def alliance():
    """The example map of the seminar notebook."""
    return argmap.load(ROOT / "examples" / "alliance.yaml")


@pytest.fixture
def explorer(alliance):
    """A fresh Explorer on the alliance map, grounded semantics, everything on."""
    return Explorer(alliance)


def _expected(argument_map, semantics="grounded", off=()):
    evaluation = evaluate(argument_map, semantics=semantics, off=off)
    return {key: status.value for key, status in evaluation.statuses.items()}, evaluation


def test_statuses_follow_off_as_grounded_semantics_says(explorer, alliance):
    """Switching off the no-arms evidence lets the alliance position stand, as the map intends."""
    assert explorer.statuses["p-alliance"] == "out"
    assert explorer.statuses["p-partnership"] == "in"
    before = dict(explorer.verdict)
    explorer.off = NO_ARMS
    statuses, evaluation = _expected(alliance, off=NO_ARMS)
    assert explorer.statuses == statuses
    assert explorer.statuses["ev-kashin-no-arms"] == "off"
    assert explorer.statuses["p-alliance"] == "in"
    assert explorer.evaluation == evaluation
    assert explorer.verdict["text"] == evaluation.verdict.text
    assert explorer.verdict["text"] != before["text"]
    assert {p["id"]: p["status"] for p in explorer.verdict["positions"]} == {
        "p-alliance": "in",
        "p-partnership": statuses["p-partnership"],
    }


def test_switching_back_on_restores_the_first_evaluation(explorer):
    """Toggling evidence off and on again gives back the same evaluation (nothing accumulates)."""
    first = explorer.evaluation
    explorer.toggle("ev-kashin-no-arms")
    assert explorer.off == ["ev-kashin-no-arms"]
    explorer.toggle("ev-kashin-no-arms")
    assert explorer.off == []
    assert explorer.evaluation == first


def test_observers_fire_once_per_change(explorer):
    """A notebook observing statuses, evaluation and verdict hears each toggle exactly once."""
    heard = []
    explorer.observe(lambda change: heard.append(change["name"]), names=["statuses", "evaluation", "verdict"])
    explorer.off = NO_ARMS
    assert sorted(heard) == ["evaluation", "statuses", "verdict"]


def test_semantics_change_re_evaluates(explorer, alliance):
    """Choosing another semantics re-evaluates; gradual semantics fill in strengths for the bars."""
    explorer.semantics = "df-quad"
    statuses, evaluation = _expected(alliance, semantics="df-quad")
    assert explorer.statuses == statuses
    assert explorer.strengths == dict(evaluation.strengths)
    assert explorer.verdict["gradual"] is True
    assert all(0.0 <= p["strength"] <= 1.0 for p in explorer.verdict["positions"])
    explorer.semantics = "grounded"
    assert explorer.strengths == {}
    assert explorer.verdict["gradual"] is False


def test_every_offered_semantics_evaluates(explorer, alliance):
    """Each semantics in the selector gives the statuses evaluate() gives."""
    for semantics in explorer.semantics_options:
        explorer.semantics = semantics
        assert explorer.statuses == _expected(alliance, semantics=semantics)[0], semantics


def test_unknown_id_in_off_raises_and_changes_nothing(explorer):
    """A typo in off raises EvaluationError naming the id and a close match; the state is kept."""
    before = explorer.evaluation
    with pytest.raises(EvaluationError, match=r"'ev-kashin-no-arm'.*did you mean 'ev-kashin-no-arms'"):
        explorer.off = ["ev-kashin-no-arm"]
    assert explorer.off == []
    assert explorer.evaluation == before


def test_unknown_semantics_raises(explorer):
    """An unknown semantics raises EvaluationError listing the choices."""
    with pytest.raises(EvaluationError, match="unknown semantics: 'groundd'"):
        explorer.semantics = "groundd"
    assert explorer.semantics == "grounded"


def test_off_is_kept_in_map_order_without_duplicates(explorer):
    """Off is normalised: declaration order, each id once, so the state reads the same either way."""
    explorer.off = ["ev-no-material-support", "ev-kashin-no-arms", "ev-no-material-support"]
    assert explorer.off == NO_ARMS


def test_a_toggle_sends_statuses_not_a_new_svg(recording, alliance):
    """After the first display, a toggle syncs statuses and the verdict; the SVG is never resent."""
    explorer = Explorer(alliance)
    svg = explorer.svg
    explorer.comm.sent.clear()
    explorer.off = NO_ARMS
    updates = recording(explorer)
    assert updates, "a toggle must send an update"
    sent = set().union(*updates)
    assert "svg" not in sent
    assert {"off", "statuses", "verdict"} <= sent
    assert explorer.svg == svg


def test_browser_change_is_applied_like_a_python_one(recording, alliance):
    """An update from the browser (set_state) re-evaluates and sends the new statuses back."""
    explorer = Explorer(alliance)
    explorer.comm.sent.clear()
    explorer.set_state({"off": list(reversed(NO_ARMS))})
    assert explorer.off == NO_ARMS
    assert explorer.statuses["p-alliance"] == "in"
    assert "statuses" in set().union(*recording(explorer))


def test_browser_evaluation_error_is_shown_not_raised(explorer, monkeypatch):
    """If evaluation fails for a choice made in the browser, the widget shows why and keeps its state."""
    import argmap.widgets.explorer as module  # noqa: PLC0415

    real = module.evaluate

    def refuse_stable(argument_map, semantics="grounded", off=()):
        if semantics == "stable":
            raise EvaluationError("evaluate: too many statements for stable semantics: 5001 (use grounded)")
        return real(argument_map, semantics=semantics, off=off)

    monkeypatch.setattr(module, "evaluate", refuse_stable)
    explorer.set_state({"semantics": "stable"})
    assert explorer.semantics == "grounded"
    assert "too many statements" in explorer.error
    with pytest.raises(EvaluationError, match="too many statements"):
        explorer.semantics = "stable"
    assert explorer.semantics == "grounded"
    explorer.off = NO_ARMS
    assert explorer.error == ""


def test_browser_sending_an_unknown_id_is_shown_and_undone(recording, alliance):
    """A stale id from the browser does not raise in the kernel: the error is shown, the state resent."""
    explorer = Explorer(alliance)
    explorer.comm.sent.clear()
    explorer.set_state({"off": ["ev-gone"]})
    assert explorer.off == []
    assert "no statement 'ev-gone'" in explorer.error
    assert ["off"] in recording(explorer)


def test_clicking_a_statement_explains_it(explorer):
    """Selecting a statement (as a click in the map does) fills in its plain-English explanation."""
    explorer.set_state({"selected": "p-alliance"})
    assert explorer.explanation == str(explorer.evaluation.explain("p-alliance"))
    assert explorer.explanation
    explorer.off = NO_ARMS
    assert explorer.explanation == str(explorer.evaluation.explain("p-alliance"))
    explorer.selected = "no-such-statement"
    assert explorer.selected == ""
    assert explorer.explanation == ""


def test_reset_and_all_on(alliance):
    """Reset returns to the starting switches and semantics; all on clears off."""
    explorer = Explorer(alliance, off=["ev-watson"], semantics="preferred")
    explorer.off = NO_ARMS
    explorer.semantics = "grounded"
    explorer._handle_msg(
        {"content": {"data": {"method": "custom", "content": {"action": "reset"}}}, "buffers": []}
    )
    assert explorer.off == ["ev-watson"]
    assert explorer.semantics == "preferred"
    explorer.all_on()
    assert explorer.off == []
    assert explorer.statuses == _expected(alliance, semantics="preferred")[0]


def test_critical_evidence_is_computed_when_shown(explorer, alliance):
    """The critical-evidence chart holds the ranking from evaluation.critical, only while shown."""
    assert explorer.critical == []
    explorer.show_critical = True
    ranking = critical(alliance, semantics="grounded", off=())
    assert [row["id"] for row in explorer.critical] == [item.evidence_id for item in ranking]
    assert [row["changes"] for row in explorer.critical] == [list(item.changes) for item in ranking]
    explorer.off = NO_ARMS
    ranking = critical(alliance, semantics="grounded", off=NO_ARMS)
    assert [row["id"] for row in explorer.critical] == [item.evidence_id for item in ranking]
    explorer.show_critical = False
    assert explorer.critical == []


def test_svg_carries_the_ids_the_browser_restyles(explorer, alliance):
    """Every statement has a node tagged with its id in the SVG, and evidence nodes say so."""
    svg = explorer.svg
    assert svg.startswith("<svg")
    for statement in alliance.statements:
        assert f'data-argmap-id="{statement.id}"' in svg, statement.id
    for evidence in alliance.evidence:
        assert f'data-evidence-id="{evidence.id}"' in svg, evidence.id


def test_svg_has_the_badge_and_colours_the_browser_restyles(explorer):
    """Each statement node draws its status badge with the palette's text, which the browser swaps."""
    from argmap.rendering import STATUS_MARKS  # noqa: PLC0415

    svg = html.unescape(explorer.svg)
    nodes = re.findall(r'<g id="[^"]*" class="node argmap-node[^>]*>(.*?)</g>\n</g>', svg, re.DOTALL)
    assert len(nodes) == len(explorer.argument_map.statements)
    for node in nodes:
        assert sum(f">{mark}<" in node for mark in STATUS_MARKS.values()) == 1
    palette = explorer.palette
    assert palette["marks"] == dict(STATUS_MARKS)
    assert palette["statuses"]["in"]["badge_fill"].lower() in svg


def test_switch_panel_lists_each_evidence_once_grouped(explorer, alliance):
    """The switch panel lists every evidence item once, with speaker, full quote and a group."""
    items = explorer.evidence
    assert sorted(item["id"] for item in items) == sorted(e.id for e in alliance.evidence)
    by_id = {item["id"]: item for item in items}
    kashin = by_id["ev-kashin-no-arms"]
    assert kashin["speaker"] == "Vassily Kashin"
    assert kashin["quote"] in kashin["title"]
    assert "The Limits Of A Russia-China Partnership" in kashin["title"]
    assert by_id["ev-no-material-support"]["group"] == kashin["group"] == "a-no-arms"
    groups = [item["group"] for item in items]
    # groups are contiguous: once a group ends it does not come back
    seen = []
    for group in groups:
        if not seen or seen[-1] != group:
            assert group not in seen, f"group {group} is split"
            seen.append(group)


def test_new_structure_is_laid_out_again(explorer, alliance):
    """Setting a map with another structure re-renders the SVG and drops ids it no longer has."""
    import attrs  # noqa: PLC0415

    explorer.off = ["ev-watson", *NO_ARMS]
    svg = explorer.svg
    smaller = attrs.evolve(
        alliance,
        statements=[s for s in alliance.statements if s.id != "ev-watson"],
        arguments=[a for a in alliance.arguments if "ev-watson" not in a.premises],
    )
    explorer.argument_map = smaller
    assert explorer.svg != svg
    assert 'data-argmap-id="ev-watson"' not in explorer.svg
    assert explorer.off == NO_ARMS
    assert explorer.statuses == _expected(smaller, off=NO_ARMS)[0]


def test_display_bundle_has_widget_view_and_static_fallbacks(explorer):
    """The display bundle has the widget view plus an SVG with current statuses and a text summary."""
    explorer.off = NO_ARMS
    data, _metadata = explorer._repr_mimebundle_()
    assert data[WIDGET_VIEW]["model_id"] == explorer.model_id
    svg = html.unescape(data["image/svg+xml"])
    assert (
        'class="node argmap-node argmap-evidence argmap-status-off" data-argmap-id="ev-kashin-no-arms"' in svg
    )
    assert 'argmap-position argmap-status-in" data-argmap-id="p-alliance"' in svg
    assert explorer.verdict["text"] in data["text/plain"]
    assert "Alliance or not?" in data["text/plain"]


def test_ipython_formatter_sees_all_three(explorer):
    """IPython's display formatter yields the widget view, SVG and plain text for an Explorer."""
    from IPython.core.formatters import DisplayFormatter  # noqa: PLC0415

    data, _metadata = DisplayFormatter().format(explorer)
    assert {WIDGET_VIEW, "image/svg+xml", "text/plain"} <= set(data)


def test_repr_is_cheap_and_informative(explorer):
    """Repr names the map, its size, how many statements are off and the semantics."""
    explorer.off = NO_ARMS
    size = len(explorer.argument_map.statements)
    assert repr(explorer) == f"<Explorer 'Alliance or not?': {size} statements, 2 off, grounded>"


def test_state_carries_the_esm_and_css(explorer):
    """The widget's state ships its own ESM and CSS (no CDN): the files inside the package."""
    state = explorer.get_state()
    esm = (ROOT / "argmap" / "widgets" / "static" / "explorer.js").read_text(encoding="utf-8")
    assert state["_esm"] == esm
    assert "export default" in esm
    assert re.search(r"^\s*import\b|\bimport\(", esm, re.MULTILINE) is None, "the ESM imports nothing"
    fetched = esm.replace('"http://www.w3.org/1999/xlink"', "")  # a namespace name, never fetched
    assert "http://" not in fetched
    assert "https://" not in fetched
    assert "url(" not in state["_css"]


def test_any_set_of_switches_matches_evaluate(alliance):
    """Whatever is switched off, in any order, the explorer shows exactly what evaluate() says."""
    from hypothesis import given, settings  # noqa: PLC0415
    from hypothesis import strategies as st  # noqa: PLC0415

    explorer = Explorer(alliance)
    evidence = [e.id for e in alliance.evidence]

    @settings(max_examples=40, deadline=None)
    @given(
        off=st.lists(st.sampled_from(evidence), unique=True),
        semantics=st.sampled_from(["grounded", "df-quad"]),
    )
    def check(off, semantics):
        explorer.semantics = semantics
        explorer.off = off
        statuses, evaluation = _expected(alliance, semantics=semantics, off=off)
        assert explorer.statuses == statuses
        assert explorer.strengths == dict(evaluation.strengths)
        assert explorer.verdict["text"] == evaluation.verdict.text
        assert sorted(explorer.off) == sorted(off)

    check()
