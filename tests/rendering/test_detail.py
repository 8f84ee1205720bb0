"""Detail levels (full, compact, outline), pictures that fit a slide or a notebook cell, no warnings."""

from __future__ import annotations

import re
import subprocess
import xml.etree.ElementTree as ET

import pytest

from argmap.errors import ArgmapError, RenderError
from argmap.evaluation import evaluate
from argmap.rendering import DETAILS, STATUS_MARKS, THEMES, render, to_dot
from argmap.rendering.engine import find_engine
from argmap.rendering.labels import svg_id

SVG = "{http://www.w3.org/2000/svg}"
XLINK_TITLE = "{http://www.w3.org/1999/xlink}title"
SLIDE = (1920, 1080)
STATUS_PARTS = {"argmap-badge", "argmap-badge-text", "argmap-bar", "argmap-strength", "argmap-row-mark"}


def parse(svg):
    """Parse SVG text as XML (it must be well-formed) and return the root."""
    return ET.fromstring(svg.encode("utf-8"))  # noqa: S314  # our own output, checked


def by_id(root):
    """Return every group of the SVG by its id."""
    return {g.get("id"): g for g in root.iter(f"{SVG}g") if g.get("id")}


def layout(svg):
    """Return where everything is drawn: each node's and evidence cell's shapes and text positions."""
    root = parse(svg)
    placed = {}
    for key, g in by_id(root).items():
        classes = g.get("class", "").split()
        if classes[:1] != ["node"] and "argmap-evidence-row" not in classes:
            continue
        spots = []
        for element in g.iter():
            tag = element.tag.removeprefix(SVG)
            if element.get("class") in STATUS_PARTS:
                continue  # what a status draws (a badge, a mark) may come and go; nothing else moves
            if tag in {"polygon", "path", "polyline"}:
                spots.append(element.get("points") or element.get("d"))
            elif tag == "text":
                spots.append((element.get("x"), element.get("y")))
        placed[key] = spots
    return root.get("viewBox"), placed


def smallest_text_px(svg, width=SLIDE[0], height=SLIDE[1]):
    """Return the smallest text in px once the picture is scaled to fit ``width`` × ``height`` px."""
    root = parse(svg)
    _, _, box_width, box_height = (float(v) for v in root.get("viewBox").split())
    scale = min(width / box_width, height / box_height)
    sizes = [float(t.get("font-size")) for t in root.iter(f"{SVG}text")]
    return min(sizes) * scale


@pytest.mark.parametrize("wrong", ["compcat", "Full", "", "summary"])
def test_an_unknown_detail_level_is_refused_with_the_levels(maps, wrong):
    """An unknown level is an ArgmapError naming the levels (and the near one on a typo)."""
    with pytest.raises(RenderError) as raised:
        render(maps.relations(), detail=wrong)
    message = str(raised.value)
    assert repr(wrong) in message
    assert all(level in message for level in DETAILS)
    if wrong == "compcat":
        assert "did you mean 'compact'" in message
    assert isinstance(raised.value, ArgmapError)


def test_levels_are_exported_and_kept_by_the_diagram(maps):
    """DETAILS lists the levels, full first (the default); a diagram says its level."""
    assert DETAILS == ("full", "compact", "outline")
    assert render(maps.relations()).detail == "full"
    for level in DETAILS:
        assert render(maps.relations(), detail=level).detail == level


def test_outline_draws_the_skeleton_only(alliance):
    """Outline: question, positions, claims and argument titles; no evidence, no sources."""
    dot = to_dot(alliance, detail="outline")
    drawn = set(re.findall(r'^\s+"([^"]+)" \[', dot, re.MULTILINE))
    skeleton = {s.id for s in (*alliance.questions, *alliance.positions, *alliance.claims)}
    assert skeleton <= drawn
    assert not {e.id for e in alliance.evidence} & drawn
    assert "EVIDENCE" not in dot
    assert alliance.sources[0].title not in dot
    titled = [a for a in alliance.arguments if a.title]
    assert titled
    assert all(f'id="arg:{a.id}"' in dot for a in titled)


def test_compact_collapses_evidence_into_its_claim_card(alliance):
    """Compact: no evidence node; each claim card counts its evidence and names who said it, where."""
    dot = to_dot(alliance, detail="compact")
    drawn = set(re.findall(r'^\s+"([^"]+)" \[', dot, re.MULTILINE))
    assert not {e.id for e in alliance.evidence} & drawn
    storey = next(e for e in alliance.evidence if e.id == "ev-storey-threats")
    host = next(a.conclusion for a in alliance.arguments if storey.id in a.premises)
    card = re.search(rf'^\s+"{host}" \[.*$', dot, re.MULTILINE).group(0)
    supporting = [a for a in alliance.arguments if a.conclusion == host and a.premises[0].startswith("ev-")]
    assert f"EVIDENCE {len(supporting)}" in card
    assert storey.locator in card
    assert "Ian Storey" in card
    assert storey.quote[:30] not in card.split("TOOLTIP=")[0]  # quotes only in tooltips


def test_compact_names_each_source_once_under_the_legend(alliance):
    """The source's title is in the heading once, never on a card."""
    dot = to_dot(alliance, detail="compact")
    title = alliance.sources[0].title
    heading = re.search(r"^  graph \[.*$", dot, re.MULTILINE).group(0)
    assert heading.count(title) == 1
    cards = dot.replace(heading, "")
    assert title not in re.sub(r'TOOLTIP="[^"]*"|tooltip="[^"]*"', "", cards)


def test_compact_numbers_sources_when_there_are_several(maps):
    """With several sources, each row says which one ([1], [2]) and the heading lists them so."""
    argument_map = maps.lines(40)
    dot = to_dot(argument_map, detail="compact")
    assert "Sources: [1] " in dot
    assert "[2] " in dot
    assert re.search(r"\[[12]\] ¶\d+", dot)


def test_compact_draws_each_line_of_argument_as_a_titled_cluster(alliance):
    """Every line with an argument drawn is a visible cluster that carries its title."""
    dot = to_dot(alliance, detail="compact")
    for line in alliance.lines:
        if all(all(p.startswith("ev-") for p in alliance.argument(a).premises) for a in line.arguments):
            continue  # a line of evidence alone has nothing left to draw
        assert f'id="line:{line.id}"' in dot
        cluster = re.search(rf'graph \[[^\n]*id="line:{re.escape(line.id)}"[^\n]*\]', dot).group(0)
        assert line.title.replace("'", "&#39;") in cluster or line.title in cluster
        assert "argmap-line" in cluster
        assert "filled" in cluster


@pytest.mark.requires_dot
@pytest.mark.parametrize("level", DETAILS)
@pytest.mark.parametrize("semantics", [None, "grounded", "df-quad"])
@pytest.mark.parametrize("engine_fixture", ["embedded", "system_dot"])
def test_every_drawn_statement_keeps_its_svg_id(alliance, level, semantics, engine_fixture, request):
    """Each level keeps the SVG contract for what it draws; compact evidence is a cell on its host's card."""
    engine = request.getfixturevalue(engine_fixture)
    evaluation = evaluate(alliance, semantics) if semantics else None
    root = parse(render(alliance, evaluation, detail=level, engine=engine).svg)
    groups = by_id(root)
    for statement in (*alliance.questions, *alliance.positions, *alliance.claims):
        node = groups[svg_id(statement.id)]
        assert node.get("class").split()[:2] == ["node", "argmap-node"]
        assert node.get("data-argmap-id") == statement.id
        status = evaluation.status(statement.id).value if evaluation else "none"
        assert node.get("data-status") == status
    for item in alliance.evidence:
        found = groups.get(svg_id(item.id))
        if level == "full":
            assert "argmap-evidence" in found.get("class").split()
        elif level == "outline":
            assert found is None
        else:
            status = evaluation.status(item.id).value if evaluation else "none"
            assert found.get("class").split() == ["argmap-evidence-row", f"argmap-status-{status}"]
            assert found.get("data-evidence-id") == item.id
            assert found.get("data-status") == status
            host = groups[found.get("data-host-id")]
            assert found in list(host.iter(f"{SVG}g")), "the cell is drawn inside its host's card"
            tooltip = next(found.iter(f"{SVG}a")).get(XLINK_TITLE)
            assert tooltip.startswith(f"Evidence {item.id}")
            assert re.split('[“”"]', item.quote)[0][:30] in tooltip
            marks = [t for t in found.iter(f"{SVG}text") if t.get("class") == "argmap-row-mark"]
            if evaluation is None:
                assert marks == []
            else:
                [mark] = marks
                assert mark.text == STATUS_MARKS[status][0]
                assert mark.get("fill").lower() == THEMES["default"].statuses[status].colour.lower()


@pytest.mark.requires_dot
@pytest.mark.parametrize("level", DETAILS)
def test_switching_off_moves_nothing_at_any_level(alliance, embedded, level):
    """At every level the same nodes sit in the same places with and without off."""
    evidence = [s.id for s in alliance.evidence]
    # Unevaluated, switching something off adds the legend's "off" row: compare off with off.
    plain = layout(render(alliance, off=evidence[:1], detail=level, engine=embedded).svg)
    for off in (evidence[::3], ["l-no-arms"], ["a-no-arms", "c-no-arms"]):
        assert layout(render(alliance, off=off, detail=level, engine=embedded).svg) == plain, off
    evaluated = layout(render(alliance, evaluate(alliance), detail=level, engine=embedded).svg)
    for off in (evidence[:1], evidence, ["l-no-arms", "l-close-ties"]):
        other = render(alliance, evaluate(alliance, off=off), detail=level, engine=embedded).svg
        assert layout(other) == evaluated, off


@pytest.mark.requires_dot
@pytest.mark.parametrize("semantics", [None, "grounded", "df-quad"])
@pytest.mark.parametrize("engine_fixture", ["embedded", "system_dot"])
def test_compact_example_on_a_slide_has_no_text_under_9_px(alliance, semantics, engine_fixture, request):
    """The example, compact, scaled to fit 1920 × 1080 px, draws no text smaller than 9 px."""
    engine = request.getfixturevalue(engine_fixture)
    svg = render(alliance, semantics, detail="compact", engine=engine).svg
    assert smallest_text_px(svg) >= 9  # the floor


@pytest.mark.requires_dot
def test_the_notebook_picture_fits_its_cell_and_files_keep_their_size(maps, embedded, tmp_path):
    """In a notebook the SVG scales to the cell width; .svg, save() and pipe() keep absolute sizes."""
    diagram = render(maps.relations(), "grounded", engine=embedded)
    bundle = diagram._repr_mimebundle_()
    shown = parse(bundle["image/svg+xml"])
    assert shown.get("width") == "100%"
    assert shown.get("height") is None
    assert "max-width:100%" in shown.get("style").replace(" ", "")
    assert "height:auto" in shown.get("style").replace(" ", "")
    assert shown.get("viewBox") == parse(diagram.svg).get("viewBox")
    assert bundle["text/plain"] == diagram.summary
    for svg in (diagram.svg, diagram.pipe("svg").decode(), diagram.save(tmp_path / "m.svg").read_text()):
        root = parse(svg)
        assert re.fullmatch(r"[\d.]+pt", root.get("width"))
        assert re.fullmatch(r"[\d.]+pt", root.get("height"))
    # The notebook's picture differs from the file's in its size only.
    assert re.sub(r"<svg [^>]*>", "", bundle["image/svg+xml"]) == re.sub(r"<svg [^>]*>", "", diagram.svg)


def engine_warnings(dot, executable):
    """Return what Graphviz writes to stderr laying out ``dot``, but the embedded engine's font notice."""
    done = subprocess.run(  # a Graphviz executable found by argmap
        [str(executable), "-Tsvg"], input=dot.encode("utf-8"), capture_output=True, check=False
    )
    assert done.returncode == 0
    # graphviz-pure has no font files: it says once that it estimates the width of any non-ASCII
    # text (every status mark is); that notice is about the engine, not about the picture.
    lines = [
        line
        for line in done.stderr.decode("utf-8", "replace").splitlines()
        if "no value for width of non-ASCII character" not in line
    ]
    return "\n".join(lines)


@pytest.mark.requires_dot
@pytest.mark.parametrize("level", DETAILS)
@pytest.mark.parametrize("engine_fixture", ["embedded", "system_dot"])
def test_graphviz_gives_no_warnings_at_any_level(alliance, maps, level, engine_fixture, request):
    """The legend's and the cards' fixed-size cells hold their text: Graphviz warns of nothing."""
    executable = find_engine(request.getfixturevalue(engine_fixture))
    cases = [
        (alliance, None),
        (alliance, evaluate(alliance)),
        (alliance, evaluate(alliance, "df-quad")),
        (maps.statuses(), evaluate(maps.statuses(), off=["ev-sleep"])),
        (maps.relations(), None),
        (maps.lines(60), evaluate(maps.lines(60))),
    ]
    for argument_map, evaluation in cases:
        for theme in ("default", "dark"):
            dot = to_dot(argument_map, evaluation, detail=level, theme=theme)
            assert engine_warnings(dot, executable) == "", (argument_map.title, evaluation)


def test_a_quote_ending_in_quotation_marks_has_no_doubled_closing_mark(alliance):
    """A quote drawn with its own quotation marks inside gets single inner ones, never ””."""
    labels = re.sub(r'tooltip="[^"]*"', "", to_dot(alliance))
    assert "””" not in labels
    assert "”&#34;" not in labels
    assert "‘no limits’”" in labels


@pytest.mark.parametrize("level", DETAILS)
def test_dot_is_deterministic_at_every_level(alliance, maps, level):
    """The same map gives the same DOT at every level, run after run."""
    for argument_map in (alliance, maps.lines(60)):
        evaluation = evaluate(argument_map)
        first = to_dot(argument_map, evaluation, detail=level)
        assert to_dot(argument_map, evaluate(argument_map), detail=level) == first


@pytest.mark.requires_dot
@pytest.mark.parametrize("level", ["compact", "outline"])
def test_hostile_text_is_escaped_at_every_level(maps, embedded, level):
    """Titles, speakers, locators, sources and line titles stay text in compact and outline."""
    text = "<b>\"Tom\" & 'Jerry'</b> \\N ]]> \u202eevil"
    argument_map = maps.hostile(text)
    svg = render(argument_map, "grounded", detail=level, engine=embedded).svg
    root = parse(svg)
    assert "<b>" not in svg
    assert "\u202e" not in svg
    drawn = "\n".join("".join(t.itertext()) for t in root.iter(f"{SVG}text"))
    assert '<b>"Tom" &' in drawn
    line = by_id(root)["line:l"]
    assert "argmap-line" in line.get("class").split()
    assert '<b>"Tom" &' in "".join("".join(t.itertext()) for t in line.iter(f"{SVG}text"))
    if level == "compact":
        assert "Source: " in drawn  # the footnote, with the hostile source's author and title
        cell = by_id(root)["e"]
        assert cell.get("data-source-id") == "s"
        assert "Tom" in next(cell.iter(f"{SVG}a")).get(XLINK_TITLE)


@pytest.mark.parametrize("level", ["compact", "outline"])
def test_example_map_dot_matches_golden_per_level(alliance, golden, level):
    """The example's DOT at each reduced level, evaluated, is the one looked at and kept."""
    golden(f"alliance-{level}.dot", to_dot(alliance, evaluate(alliance), detail=level))


@pytest.mark.requires_dot
@pytest.mark.parametrize("engine_fixture", ["embedded", "system_dot"])
def test_compact_evidence_cells_carry_odd_ids_exactly(engine_fixture, request):
    """Evidence ids with markup, spaces, backslashes, accents or NUL keep one exact SVG id each."""
    from argmap.model import ArgumentMap  # noqa: PLC0415

    builder = ArgumentMap.build("Odd ids")
    builder.question("q", "Why?")
    claim = builder.claim("c", "Because.", supports=builder.position("p", "So."))
    source = builder.source("s", "A source")
    odd = ['e&<"x', "e a", "e\\n", "ev-é", "e#1", "e\x00z", "e\x00\u202ez"]
    for key in odd:
        builder.evidence(key, f"quote {key}", source=source, supports=claim, locator="¶1")
    svg = render(
        builder.finish(), "grounded", detail="compact", engine=request.getfixturevalue(engine_fixture)
    ).svg
    assert "xlink:href" not in svg  # the cells' placeholder links are taken out
    cells = [g for g in parse(svg).iter(f"{SVG}g") if "argmap-evidence-row" in g.get("class", "")]
    assert [g.get("id") for g in cells] == [svg_id(key) for key in odd]
    assert len({g.get("id") for g in cells}) == len(odd)


@pytest.mark.parametrize("level", DETAILS)
def test_the_legend_explains_statuses_at_every_level(alliance, level):
    """Evaluated, every level's legend shows each status's mark and the border's meaning."""
    heading = re.search(r"^  graph \[.*$", to_dot(alliance, evaluate(alliance), detail=level), re.MULTILINE)
    for mark in STATUS_MARKS.values():
        assert mark in heading.group(0)
    assert "border: solid stands, dashed falls or off, dotted open" in heading.group(0)
    plain = re.search(r"^  graph \[.*$", to_dot(alliance, detail=level), re.MULTILINE).group(0)
    assert STATUS_MARKS["in"] not in plain  # nothing evaluated, nothing to explain
