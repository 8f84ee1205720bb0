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
from argmap.errors import EvaluationError, UnknownIdError
from argmap.evaluation import critical, evaluate
from argmap.widgets._panel import critical_data, in_words, part_names
from argmap.widgets.explorer import Explorer

pytestmark = pytest.mark.requires_dot

ROOT = Path(__file__).resolve().parents[2]
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


def _positions(evaluation, argument_map):
    return {p.id: evaluation.statuses[p.id] for p in argument_map.positions}


@pytest.fixture(scope="module")
def no_arms(alliance):
    """Evidence ids (one, else two) whose switching off changes a position's status under grounded.

    Found from the map, not written down: the example map is revised by hand.
    """
    before = _positions(evaluate(alliance), alliance)
    evidence = [e.id for e in alliance.evidence]
    for first in evidence:
        if _positions(evaluate(alliance, off=[first]), alliance) != before:
            return [first]
    for index, first in enumerate(evidence):
        for second in evidence[index + 1 :]:
            if _positions(evaluate(alliance, off=[first, second]), alliance) != before:
                return [first, second]
    pytest.fail("no one or two pieces of evidence of examples/alliance.yaml change a position's status")
    return []


@pytest.fixture(scope="module")
def other(alliance, no_arms):
    """An evidence id not in ``no_arms``."""
    return next(e.id for e in alliance.evidence if e.id not in no_arms)


def _expected(argument_map, semantics="grounded", off=()):
    evaluation = evaluate(argument_map, semantics=semantics, off=off)
    return {key: status.value for key, status in evaluation.statuses.items()}, evaluation


def test_statuses_follow_off_as_grounded_semantics_says(explorer, alliance, no_arms):
    """Switching evidence off gives exactly evaluate()'s statuses and verdict; a position moves."""
    before = {p["id"]: p["status"] for p in explorer.verdict["positions"]}
    explorer.off = no_arms
    statuses, evaluation = _expected(alliance, off=no_arms)
    assert explorer.statuses == statuses
    assert all(explorer.statuses[id_] == "off" for id_ in no_arms)
    assert explorer.evaluation == evaluation
    assert explorer.verdict["text"] == evaluation.verdict.text
    after = {p["id"]: p["status"] for p in explorer.verdict["positions"]}
    assert after == {p.id: statuses[p.id] for p in alliance.positions}
    assert after != before


def test_switching_back_on_restores_the_first_evaluation(explorer, other):
    """Toggling evidence off and on again gives back the same evaluation (nothing accumulates)."""
    first = explorer.evaluation
    explorer.toggle(other)
    assert explorer.off == [other]
    explorer.toggle(other)
    assert explorer.off == []
    assert explorer.evaluation == first


def test_observers_fire_once_per_change(explorer, no_arms):
    """A notebook observing statuses, evaluation and verdict hears each toggle exactly once."""
    heard = []
    explorer.observe(lambda change: heard.append(change["name"]), names=["statuses", "evaluation", "verdict"])
    explorer.off = no_arms
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


def test_unknown_id_in_off_raises_and_changes_nothing(explorer, other):
    """A typo in off raises UnknownIdError naming the id and a close match; the state is kept."""
    before = explorer.evaluation
    typo = other[:-1]
    with pytest.raises(UnknownIdError, match=rf"Explorer.off: .*'{typo}'.*did you mean '{other}'"):
        explorer.off = [typo]
    assert explorer.off == []
    assert explorer.evaluation == before


def test_unknown_semantics_raises(explorer):
    """An unknown semantics raises EvaluationError listing the choices."""
    with pytest.raises(EvaluationError, match="unknown semantics: 'groundd'"):
        explorer.semantics = "groundd"
    assert explorer.semantics == "grounded"


def test_off_is_kept_in_map_order_without_duplicates(explorer, alliance):
    """Off is normalised: statements, arguments, lines, each in declaration order, each id once."""
    first, second = alliance.evidence[0].id, alliance.evidence[1].id
    argument = alliance.arguments[0].id
    wanted = [second, argument, first, second]
    if alliance.lines:
        wanted.insert(0, alliance.lines[0].id)
    explorer.off = wanted
    assert explorer.off == [first, second, argument, *([alliance.lines[0].id] if alliance.lines else [])]


def test_a_toggle_sends_only_what_changed(recording, alliance, no_arms):
    """After the first display, a toggle sends one update: the statuses that changed, never all or the SVG."""
    explorer = Explorer(alliance)
    svg = explorer.svg
    before = evaluate(alliance)
    explorer.comm.sent.clear()
    explorer.off = no_arms
    updates = recording(explorer)
    assert len(updates) == 1, "a toggle is one message"
    sent = set(updates[0])
    assert {"off", "changes", "verdict"} <= sent
    assert not sent & {"svg", "statuses", "argument_states", "evidence"}
    after = evaluate(alliance, off=no_arms)
    state = next(data["state"] for kind, data in explorer.comm.sent if kind == "comm_msg")
    changed = {key: value.value for key, value in after.statuses.items() if before.statuses[key] != value}
    assert state["changes"]["statuses"] == changed
    assert set(no_arms) <= set(changed)
    assert {p.id for p in alliance.positions} & set(changed)
    assert len(changed) < len(alliance.statements) / 2
    changed_arguments = {k: v for k, v in after.arguments.items() if before.arguments[k] != v}
    assert state["changes"]["argument_states"] == changed_arguments
    assert explorer.svg == svg


def _merge_updates(held, sent):
    """Apply the update messages in ``sent`` to ``held`` as the browser does: whole dicts, then deltas."""
    for kind, data in sent:
        if kind != "comm_msg" or data["method"] != "update":
            continue
        state = data["state"]
        for name, value in list(held.items()):
            current = dict(state[name]) if name in state else value
            current.update(state.get("changes", {}).get(name, {}))
            held[name] = current


@pytest.mark.usefixtures("recording")
def test_deltas_rebuild_the_whole_state_a_browser_holds(alliance, no_arms, other):
    """Every delta merged into the first state gives the current statuses; a full request gets them whole."""
    explorer = Explorer(alliance, semantics="df-quad")
    opened = next(data["state"] for kind, data in explorer.comm.sent if kind == "comm_open")
    held = {name: dict(opened.get(name, {})) for name in ("statuses", "strengths", "argument_states")}
    _merge_updates(held, explorer.comm.sent)
    explorer.comm.sent.clear()
    for off in (no_arms, [other], [], [other, *no_arms]):
        explorer.off = off
    explorer.semantics = "grounded"  # strengths disappear: their keys change, so they are sent whole
    explorer.off = no_arms
    _merge_updates(held, explorer.comm.sent)
    expected = evaluate(alliance, off=no_arms)
    assert held["statuses"] == {key: status.value for key, status in expected.statuses.items()}
    assert held["strengths"] == {}
    assert held["argument_states"] == dict(expected.arguments)
    full = explorer.get_state()
    assert full["statuses"] == held["statuses"]


def test_description_change_draws_the_map_again(explorer, alliance):
    """The picture shows the description, so a map differing only there is drawn again."""
    import attrs  # noqa: PLC0415

    svg = explorer.svg
    explorer.argument_map = attrs.evolve(alliance, description="A seminar version, revised.")
    assert explorer.svg != svg
    assert "A seminar version, revised." in html.unescape(explorer.svg)
    explorer.argument_map = alliance
    assert explorer.svg == svg


def test_off_takes_any_iterable_and_one_id(explorer, no_arms, other):
    """Off accepts a set, a tuple, a generator or one id as a str (never its characters)."""
    explorer.off = set(no_arms)
    assert explorer.off == no_arms
    explorer.off = other
    assert explorer.off == [other]
    explorer.off = (x for x in reversed(no_arms))
    assert explorer.off == no_arms
    explorer.off = frozenset()
    assert explorer.off == []
    assert Explorer(explorer.argument_map, off={other}).off == [other]


def test_off_takes_lines_and_arguments_as_evaluate_does(explorer, alliance):
    """A line's id switches off all its arguments, an argument's id that argument: as evaluate() says."""
    if not alliance.lines:
        pytest.skip("examples/alliance.yaml has no lines of argument yet")
    before = _positions(explorer.evaluation, alliance)
    moved = None
    for line in alliance.lines:
        explorer.off = {line.id}
        statuses, evaluation = _expected(alliance, off=[line.id])
        assert explorer.statuses == statuses, line.id
        assert explorer.argument_states == dict(evaluation.arguments)
        assert all(explorer.argument_states[a] == "inapplicable" for a in line.arguments), line.id
        if _positions(evaluation, alliance) != before:
            moved = line.id
    assert moved, "switching off some line of argument changes a position's status under grounded"
    argument = alliance.lines[0].arguments[0]
    explorer.off = [argument]
    assert explorer.argument_states[argument] == "inapplicable"
    assert explorer.statuses == _expected(alliance, off=[argument])[0]
    with pytest.raises(UnknownIdError, match=r"did you mean"):
        explorer.off = [alliance.lines[0].id + "x"]


def test_browser_change_is_applied_like_a_python_one(recording, alliance, no_arms):
    """An update from the browser (set_state) re-evaluates and sends the new statuses back."""
    explorer = Explorer(alliance)
    explorer.comm.sent.clear()
    explorer.set_state({"off": list(reversed(no_arms))})
    assert explorer.off == no_arms
    assert explorer.statuses == _expected(alliance, off=no_arms)[0]
    assert "changes" in set().union(*recording(explorer))
    assert set(no_arms) <= set(explorer.changes["statuses"])


def test_browser_evaluation_error_is_shown_not_raised(explorer, monkeypatch, no_arms):
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
    explorer.off = no_arms
    assert explorer.error == ""


def test_browser_sending_an_unknown_id_is_shown_and_undone(recording, alliance):
    """A stale id from the browser does not raise in the kernel: the error is shown, the state resent."""
    explorer = Explorer(alliance)
    explorer.comm.sent.clear()
    explorer.set_state({"off": ["ev-gone"]})
    assert explorer.off == []
    assert "cannot switch off 'ev-gone': no such id" in explorer.error
    assert ["off"] in recording(explorer)


def test_clicking_a_statement_explains_it(explorer, no_arms):
    """Selecting a statement (as a click in the map does) fills in its plain-English explanation."""
    position = explorer.argument_map.positions[0]
    explorer.set_state({"selected": position.id})
    names = part_names(explorer.argument_map)
    assert explorer.explanation == in_words(str(explorer.evaluation.explain(position.id)), names)
    assert explorer.explanation.startswith(f"‘{position.label[:20]}")
    assert position.label[:20] in explorer.explanation_title
    assert explorer.explanation_title.startswith("Why ")
    explorer.off = no_arms
    assert explorer.explanation == in_words(str(explorer.evaluation.explain(position.id)), names)
    explorer.selected = "no-such-statement"
    assert explorer.selected == ""
    assert explorer.explanation == ""
    assert explorer.explanation_title == ""


def test_reset_and_all_on(alliance, no_arms, other):
    """Reset returns to the starting switches and semantics; all on clears off."""
    explorer = Explorer(alliance, off=[other], semantics="preferred")
    explorer.off = no_arms
    explorer.semantics = "grounded"
    explorer._handle_msg(
        {"content": {"data": {"method": "custom", "content": {"action": "reset"}}}, "buffers": []}
    )
    assert explorer.off == [other]
    assert explorer.semantics == "preferred"
    explorer.all_on()
    assert explorer.off == []
    assert explorer.statuses == _expected(alliance, semantics="preferred")[0]


def test_critical_evidence_is_computed_when_shown(explorer, alliance, no_arms):
    """The critical-evidence chart holds the ranking from evaluation.critical, only while shown."""
    assert explorer.critical == []
    explorer.show_critical = True
    kinds = ("evidence", "assumption", "line")
    ranking = critical(alliance, semantics="grounded", off=(), kinds=kinds)
    assert ranking, "something in the example is critical"
    assert [row["id"] for row in explorer.critical] == [item.id for item in ranking]
    assert [row["changes"] for row in explorer.critical] == [list(item.changes) for item in ranking]
    assert {row["kind"] for row in explorer.critical} <= set(kinds)
    explorer.off = no_arms
    ranking = critical(alliance, semantics="grounded", off=no_arms, kinds=kinds)
    assert [row["id"] for row in explorer.critical] == [item.id for item in ranking]
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
    for item in items:
        evidence = alliance.statement(item["id"])
        assert item["quote"] == evidence.quote
        assert item["title"].startswith(evidence.quote)
        assert alliance.source(evidence.source).title in item["title"]
        if evidence.speaker:
            assert item["speaker"]
            assert evidence.speaker.startswith(item["speaker"])
    group_ids = [group["id"] for group in explorer.groups]
    assert [line.id for line in alliance.lines] == group_ids[: len(alliance.lines)]
    assert {item["group"] for item in items} <= set(group_ids)
    groups = [item["group"] for item in items]
    # groups are contiguous: once a group ends it does not come back
    seen = []
    for group in groups:
        if not seen or seen[-1] != group:
            assert group not in seen, f"group {group} is split"
            seen.append(group)


def test_new_structure_is_laid_out_again(explorer, alliance, no_arms, other):
    """Setting a map with another structure re-renders the SVG and drops ids it no longer has."""
    import attrs  # noqa: PLC0415

    explorer.off = [other, *no_arms]
    svg = explorer.svg
    gone = {a.id for a in alliance.arguments if other in a.premises}
    smaller = attrs.evolve(
        alliance,
        statements=[s for s in alliance.statements if s.id != other],
        arguments=[a for a in alliance.arguments if a.id not in gone],
        lines=[
            attrs.evolve(line, arguments=[a for a in line.arguments if a not in gone])
            for line in alliance.lines
            if set(line.arguments) - gone
        ],
    )
    explorer.argument_map = smaller
    assert explorer.svg != svg
    assert f'data-argmap-id="{other}"' not in explorer.svg
    assert explorer.off == no_arms
    assert explorer.statuses == _expected(smaller, off=no_arms)[0]


def test_display_bundle_is_the_widget_view_and_a_text_summary(explorer, no_arms):
    """The widget's own bundle has the view and a text summary; the picture is not in it (no copy)."""
    explorer.off = no_arms
    data, _metadata = explorer._repr_mimebundle_()
    assert data[WIDGET_VIEW]["model_id"] == explorer.model_id
    assert explorer.verdict["text"] in data["text/plain"]
    assert explorer.argument_map.title in data["text/plain"]
    assert "image/svg+xml" not in data


def test_static_picture_shows_the_current_statuses_and_verdict(explorer, no_arms):
    """The static HTML holds the map's SVG with the current statuses, scaled to its cell, and the verdict."""
    explorer.off = no_arms
    block = explorer.static_html()
    assert block.startswith(f'<div class="argmap-x-static" data-argmap-static="{explorer.model_id}"')
    assert explorer.static_id == explorer.model_id
    svg = html.unescape(block)
    for id_ in no_arms:
        assert f'class="node argmap-node argmap-evidence argmap-status-off" data-argmap-id="{id_}"' in svg
    for position in explorer.argument_map.positions:
        status = explorer.statuses[position.id]
        assert f'argmap-position argmap-status-{status}" data-argmap-id="{position.id}"' in svg
    tag = re.search(r"<svg\b[^>]*>", block).group()
    assert 'width="100%"' in tag
    assert re.search(r"max-width:min\(100%,[0-9.]+pt\)", tag), "scaled down to the cell, never up"
    assert "viewBox=" in tag
    assert "height=" not in tag.replace("height:auto", "")
    assert html.escape(explorer.verdict["summary"]) in block
    assert "<?xml" not in block
    assert "<script" not in block


def test_static_picture_escapes_the_map_text(alliance):
    """A title with markup is text in the static HTML, never markup."""
    import attrs  # noqa: PLC0415

    hostile = attrs.evolve(alliance, title="<script>alert(1)</script> & co")
    block = Explorer(hostile).static_html()
    assert "<script" not in block
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; co" in block


def test_display_shows_the_picture_then_the_widget(explorer):
    """Displayed in IPython, an Explorer gives two outputs: the static picture, then the widget view."""
    from IPython.core.formatters import DisplayFormatter  # noqa: PLC0415
    from IPython.core.interactiveshell import InteractiveShell  # noqa: PLC0415

    shown = []
    shell = InteractiveShell.instance()
    original = shell.display_pub.publish
    shell.display_pub.publish = lambda data, **_kwargs: shown.append(data)
    try:
        data, _metadata = DisplayFormatter().format(explorer)
    finally:
        shell.display_pub.publish = original
    assert data == {}, "the explorer displays itself"
    assert len(shown) == 2
    static, view = shown
    assert set(static) == {"text/html", "text/plain"}
    assert static["text/html"].startswith('<div class="argmap-x-static"')
    assert "<svg" in static["text/html"]
    assert set(view) == {WIDGET_VIEW, "text/plain"}
    assert view[WIDGET_VIEW]["model_id"] == explorer.model_id


def test_repr_is_cheap_and_informative(explorer, no_arms):
    """Repr names the map, its size, how many statements are off and the semantics."""
    explorer.off = no_arms
    size = len(explorer.argument_map.statements)
    title = explorer.argument_map.title
    assert repr(explorer) == f"<Explorer {title!r}: {size} statements, {len(no_arms)} off, grounded>"


def test_state_carries_the_esm_and_css(explorer):
    """The widget's state ships its own ESM and CSS (no CDN): the files inside the package."""
    state = explorer.get_state()
    esm = (ROOT / "argmap" / "widgets" / "static" / "explorer.js").read_text(encoding="utf-8")
    assert state["_esm"] == esm
    assert "export default" in esm
    assert re.search(r"^\s*import\b|\bimport\(", esm, re.MULTILINE) is None, "the ESM imports nothing"
    fetched = esm.replace('"http://www.w3.org/1999/xlink"', "")  # namespace names, never fetched
    fetched = fetched.replace('"http://www.w3.org/2000/svg"', "")
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


def test_the_ui_never_says_contested(alliance, no_arms):
    """One word per status: "open", never "contested", in the view's code and in what it is sent."""
    esm = (ROOT / "argmap" / "widgets" / "static" / "explorer.js").read_text(encoding="utf-8")
    assert "contested" not in esm
    explorer = Explorer(alliance, show_critical=True)
    for semantics in ("grounded", "preferred", "df-quad"):
        explorer.semantics = semantics
        for off in ([], no_arms):
            explorer.off = off
            for statement in (*alliance.positions, *alliance.claims[:3]):
                explorer.selected = statement.id
                sent = repr((explorer.verdict, explorer.explanation_title, explorer.explanation))
                assert "contested" not in sent, (semantics, off, statement.id)
            assert "contested" not in repr(explorer.critical)


def test_detail_levels_are_offered_and_redraw_the_picture(explorer, no_arms):
    """``detail`` takes the renderer's levels; a new level lays the map out again, statuses stay."""
    from argmap.rendering import DETAILS  # noqa: PLC0415

    assert explorer.detail == "full"
    assert explorer.detail_options == list(DETAILS)
    explorer.off = no_arms
    statuses = dict(explorer.statuses)
    full = explorer.svg
    explorer.detail = "compact"
    assert explorer.svg != full
    assert 'class="argmap-evidence-row' in explorer.svg
    assert explorer.statuses == statuses
    assert 'class="argmap-evidence-row' in explorer.static_svg()
    explorer.detail = "outline"
    assert all(f'data-argmap-id="{id_}"' not in explorer.svg for id_ in no_arms), "outline draws no evidence"
    explorer.detail = "full"
    assert explorer.svg == full


def test_unknown_detail_is_refused_with_a_suggestion(explorer):
    """A misspelt level raises from Python, naming the levels, and is shown (not raised) from the browser."""
    from argmap.errors import RenderError  # noqa: PLC0415

    with pytest.raises(RenderError, match="did you mean 'compact'"):
        explorer.detail = "compakt"
    assert explorer.detail == "full"
    explorer.set_state({"detail": "huge"})
    assert explorer.detail == "full"
    assert "unknown detail 'huge'" in explorer.error


def test_detail_is_taken_at_creation(alliance):
    """``Explorer(map, detail=...)`` draws that level from the start."""
    explorer = Explorer(alliance, detail="outline")
    assert explorer.detail == "outline"
    assert "argmap-evidence" not in explorer.svg


def test_switching_semantics_keeps_the_layout(explorer, alliance):
    """One layout serves every semantics: switching to a gradual one re-evaluates, Graphviz is not run."""
    from argmap import rendering  # noqa: PLC0415

    svg = explorer.svg
    calls = []
    real = rendering.render

    def counting(*args, **kwargs):
        calls.append(kwargs)
        return real(*args, **kwargs)

    rendering.render = counting
    try:
        explorer.semantics = "df-quad"
        assert explorer.strengths, "a gradual semantics sends strengths"
        explorer.semantics = "grounded"
    finally:
        rendering.render = real
    assert calls == []
    assert explorer.svg == svg
    assert explorer.statuses == _expected(alliance)[0]


def test_a_verdict_per_question():
    """Each question gets its verdict, named by its text; ``verdict`` stays the first one."""
    m = argmap.ArgumentMap.build("Two questions")
    m.question("q-tea", "Tea or not?")
    tea = m.position("p-tea", "Drink tea", answers="q-tea")
    m.position("p-no-tea", "No tea", answers="q-tea")
    m.question("q-milk", "Milk in it?")
    milk = m.position("p-milk", "With milk", answers="q-milk")
    m.claim("c-calm", "Tea calms.", supports=tea)
    m.claim("c-soft", "Milk softens it.", supports=milk)
    explorer = Explorer(m.finish())
    verdicts = explorer.verdicts
    assert [v["question"] for v in verdicts] == ["q-tea", "q-milk"]
    assert [v["question_label"] for v in verdicts] == ["Tea or not?", "Milk in it?"]
    assert verdicts[0] == explorer.verdict
    assert [p["id"] for p in verdicts[1]["positions"]] == ["p-milk"]
    assert verdicts[1]["text"] == explorer.evaluation.verdicts[1].text
    assert "‘Milk in it?’" in verdicts[1]["summary"]
    assert "'q-milk'" not in verdicts[1]["summary"]


def test_labels_name_every_statement(explorer, alliance):
    """``labels`` gives every statement's label, shortened, for the changed list and screen readers."""
    assert list(explorer.labels) == [s.id for s in alliance.statements]
    for statement in alliance.statements:
        label = explorer.labels[statement.id]
        assert len(label) <= 60
        assert label.rstrip("…") in " ".join(statement.label.split())


def test_each_browser_request_is_answered(explorer, no_arms):
    """The browser counts its requests; ``answered`` catches up once each is handled, errors included."""
    explorer.set_state({"off": no_arms, "request": 1})
    assert explorer.answered == 1
    assert explorer.off == no_arms
    explorer.set_state({"semantics": "nonsense", "request": 2})
    assert explorer.error
    assert explorer.answered == 2
    explorer.set_state({"selected": "p-alliance"})
    assert explorer.answered == 2, "a change that does not count itself leaves answered alone"


def test_the_panels_name_parts_by_their_words_not_ids(explorer, alliance, no_arms):
    """Explanations, the critical list and the verdict say a statement's text or a title, never a bare id."""
    ids = [s.id for s in alliance.statements] + [a.id for a in alliance.arguments]
    explorer.show_critical = True
    explorer.off = no_arms
    texts = [explorer.verdict["summary"]]
    for position in alliance.positions:
        explorer.selected = position.id
        texts.append(explorer.explanation)
        assert explorer.explanation.startswith(f"‘{position.label[:12]}")
    texts += [row["text"] for row in explorer.critical] + [row["label"] for row in explorer.critical]
    assert explorer.critical
    pattern = re.compile(r"(?<![\w.-])(" + "|".join(map(re.escape, ids)) + r")(?![\w-])")
    for text in texts:
        assert pattern.search(text) is None, (pattern.search(text), text[:300])


def test_off_takes_a_set_from_the_constructor(alliance, no_arms):
    """``Explorer(map, off=set)`` and ``explorer.off = set`` work as ``evaluate(off=set)`` does."""
    explorer = Explorer(alliance, off=set(no_arms))
    assert explorer.statuses == _expected(alliance, off=no_arms)[0]
    explorer.off = frozenset()
    assert explorer.off == []


def test_the_critical_ranking_follows_the_statuses(recording, alliance, no_arms):
    """With the critical panel open, statuses go to the browser first; the slow ranking comes after."""
    explorer = Explorer(alliance, show_critical=True)
    explorer.comm.sent.clear()
    explorer.set_state({"off": no_arms, "request": 1})
    sent = recording(explorer)
    first = next(index for index, keys in enumerate(sent) if "changes" in keys)
    assert "critical" not in sent[first]
    assert {"verdict", "verdicts", "changes"} <= set(sent[first])
    later = [index for index, keys in enumerate(sent) if "critical" in keys]
    assert later
    assert later[0] > first
    assert "answered" in sent[-1], "the browser stops waiting once the ranking is there"
    assert explorer.critical == critical_data(
        alliance,
        critical(alliance, off=no_arms, kinds=("evidence", "assumption", "line")),
        part_names(alliance),
    )


def test_the_view_talks_to_its_host_only_through_the_model():
    """explorer.js reads and writes traits through the model and reaches no other global.

    A page with no kernel (argmap.html) drives the same file with a model of its own.
    """
    esm = (ROOT / "argmap" / "widgets" / "static" / "explorer.js").read_text(encoding="utf-8")
    code = re.sub(r"//[^\n]*|/\*.*?\*/", "", esm, flags=re.DOTALL)
    for forbidden in (
        "window.",
        "globalThis",
        "fetch(",
        "XMLHttpRequest",
        "WebSocket",
        "localStorage",
        "Jupyter",
    ):
        assert forbidden not in code, forbidden
    used = set(re.findall(r"\bmodel\.(\w+)\(", code))
    assert used == {"get", "set", "save_changes", "on", "off", "send"}
    sent = re.findall(r"model\.send\((.*?)\)\)?;", code)
    assert sent == ['{ action: "reset" }'], sent
    # Every trait the view reads is one the widget syncs.
    read = set(re.findall(r'model\.get\("(\w+)"\)', code))
    synced = {
        name for name in Explorer.class_trait_names() if Explorer.class_traits()[name].metadata.get("sync")
    }
    assert read <= synced, read - synced
