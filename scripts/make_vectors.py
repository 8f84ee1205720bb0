"""Write the agreement vectors of the browser-side evaluator: Python's answers, frozen as JSON.

Each file in tests/standalone/vectors/ (gzipped JSON, ``NAME.json.gz``) holds one map (its page
data, and the map itself so that the answers can be recomputed), and cases: an ``off`` set, a
semantics and its options, and what ``argmap.evaluate``, ``argmap.critical`` and the Explorer's
panels give for them. Node and Chromium run argmap/standalone/static/evaluate.js on every case and
must agree exactly; tests/standalone/test_vectors.py recomputes every answer from the stored maps, so
the files cannot go stale.

    .venv/bin/python scripts/make_vectors.py             # recompute the answers, same maps
    .venv/bin/python scripts/make_vectors.py --new-maps  # draw the random maps afresh, then recompute

The random maps are drawn once by tests/evaluation/strategies.py (hypothesis, derandomized) and
stored; recomputing never redraws them.
"""

from __future__ import annotations

import argparse
import gzip
import importlib.util
import json
import random
import sys
from pathlib import Path
from typing import Any, Final

import argmap
from argmap.evaluation import critical, evaluate
from argmap.model import ArgumentMap, Claim, Evidence, Position, Question, Source
from argmap.model.arguments import Argument
from argmap.model.lines import Line
from argmap.standalone.data import page_data
from argmap.widgets._panel import (
    critical_data,
    explanation_title,
    in_words,
    part_names,
    verdict_data,
    verdicts_data,
)

ROOT: Final = Path(__file__).resolve().parents[1]
VECTORS: Final = ROOT / "tests" / "standalone" / "vectors"
ALLIANCE: Final = "examples/alliance.yaml"
SEED: Final = 20261202
SUFFIX: Final = ".json.gz"

VARIANTS: Final[tuple[tuple[str, dict[str, str]], ...]] = (
    ("grounded", {}),
    ("preferred", {}),
    ("preferred", {"mode": "credulous"}),
    ("stable", {}),
    ("stable", {"mode": "credulous"}),
    ("df-quad", {}),
    ("carneades", {}),
    ("carneades", {"thresholds": "gordon-walton"}),
)
"""Every semantics, with each option value the evaluator takes."""
RANDOM_MAPS: Final = 40
BIG_RANDOM_MAPS: Final = 8


def _options(semantics: str, options: dict[str, str]) -> dict[str, Any]:
    if semantics in {"preferred", "stable"}:
        return {**options, "timeout": None}
    return dict(options)


def expected(
    argument_map: ArgumentMap,
    semantics: str,
    off: list[str],
    options: dict[str, str],
    *,
    explain: list[str] | None = None,
    with_critical: bool = False,
) -> dict[str, Any]:
    """Return what Python gives for one case; ``explain`` None explains every statement."""
    evaluation = evaluate(argument_map, semantics, off, **_options(semantics, options))
    ids = [s.id for s in argument_map.statements] if explain is None else explain
    answer: dict[str, Any] = {
        # Lists in declaration order (the page data's order), to keep the files small.
        "statuses": [status.value for status in evaluation.statuses.values()],
        "strengths": list(evaluation.strengths.values()),
        "arguments": list(evaluation.arguments.values()),
        "verdicts": [verdict.to_data() for verdict in evaluation.verdicts],
        "notes": list(evaluation.notes),
        "converged": evaluation.converged,
        "extensions": evaluation.extensions,
        "explanations": {sid: str(evaluation.explain(sid)) for sid in ids},
    }
    if explain is None:
        answer["explanation_data"] = {sid: evaluation.explain(sid).to_data() for sid in ids[:1]}
    if with_critical:
        items = critical(argument_map, semantics, off, **_options(semantics, options))
        answer["critical"] = [
            {
                "id": item.id,
                "kind": item.kind,
                "label": item.label,
                "changes": list(item.changes),
                "delta": item.delta,
                "leader_before": item.leader_before,
                "leader_after": item.leader_after,
                "text": item.text,
            }
            for item in items
        ]
        if not options and semantics in {"grounded", "df-quad"}:
            answer["critical_data"] = critical_data(argument_map, items)
    if not options and (explain is None or with_critical):
        # What the Explorer's traits hold (it passes no options), for one selected statement.
        selected = ids[0] if ids else ""
        answer["explorer"] = {
            "selected": selected,
            "verdict": verdict_data(argument_map, evaluation),
            "verdicts": verdicts_data(argument_map, evaluation),
            "explanation": in_words(str(evaluation.explain(selected)), part_names(argument_map))
            if selected
            else "",
            "explanation_title": (
                explanation_title(argument_map, selected, evaluation.status(selected).value)
                if selected
                else ""
            ),
        }
    return answer


def _error(argument_map: ArgumentMap, semantics: str, off: list[str], options: dict[str, str]) -> str:
    try:
        evaluate(argument_map, semantics, off, **options)
    except argmap.ArgmapError as error:
        return str(error)
    raise AssertionError(f"expected an error for {semantics} {off} {options}")


def alliance_cases(argument_map: ArgumentMap) -> list[dict[str, Any]]:
    """Return the alliance map's cases: nothing off, each line off, each evidence off, random sets."""
    rng = random.Random(SEED)  # noqa: S311  # reproducible test data, not secrets
    everything = [s.id for s in argument_map.statements] + [a.id for a in argument_map.arguments]
    everything += [line.id for line in argument_map.lines]
    positions = [p.id for p in argument_map.positions]
    off_sets: list[tuple[list[str], bool]] = [([], True)]
    off_sets += [([line.id], False) for line in argument_map.lines]
    off_sets += [([e.id], False) for e in argument_map.evidence]
    off_sets += [(rng.sample(everything, rng.randint(1, 6)), False) for _ in range(12)]
    statement_ids = [s.id for s in argument_map.statements]
    cases = []
    for off, whole in off_sets:
        for semantics, options in VARIANTS:
            explain = None if whole else [rng.choice(positions), rng.choice(statement_ids)]
            with_critical = whole or (len(off) == 1 and off[0].startswith("l-") and not options)
            cases.append({"semantics": semantics, "off": off, **options})
            cases[-1]["expected"] = expected(
                argument_map, semantics, off, options, explain=explain, with_critical=with_critical
            )
    return cases


def error_cases(argument_map: ArgumentMap) -> list[dict[str, Any]]:
    """Return cases whose evaluation fails, with Python's message."""
    some = argument_map.statements[-1].id
    wrong = [
        ("grounded", [some + "x"], {}),
        ("grounded", ["nothing-like-any-id"], {}),
        ("groundd", [], {}),
        ("preferred", [], {"mode": "sure"}),
    ]
    return [
        {"semantics": s, "off": off, **options, "error": _error(argument_map, s, off, options)}
        for s, off, options in wrong
    ]


def map_cases(argument_map: ArgumentMap, rng: random.Random, off_sets: int = 2) -> list[dict[str, Any]]:
    """Return a small map's cases: every variant with nothing off and with random off sets."""
    everything = [s.id for s in argument_map.statements] + [a.id for a in argument_map.arguments]
    everything += [line.id for line in argument_map.lines]
    statement_ids = [s.id for s in argument_map.statements]
    sets = [[]] + [rng.sample(everything, rng.randint(1, min(3, len(everything)))) for _ in range(off_sets)]
    cases = []
    for k, off in enumerate(sets):
        for semantics, options in VARIANTS:
            case: dict[str, Any] = {"semantics": semantics, "off": off, **options}
            explain = None if k == 0 else rng.sample(statement_ids, min(3, len(statement_ids)))
            case["expected"] = expected(
                argument_map, semantics, off, options, explain=explain, with_critical=k == 0
            )
            cases.append(case)
    return cases


def text_map() -> ArgumentMap:
    """Return a map whose texts test quoting, shortening and number formatting in both languages."""
    q = Question(id="q's", text="Does   a\nquestion\twith “quotes” and 'apostrophes' shorten well? " * 2)
    long_label = "Ünïcödé 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 text, with astral characters 😀 and a word that is very long indeed " * 2
    statements = [
        q,
        Position(id='p-"yes"', text="Yes, <script>alert(1)</script> stays text", answers="q's"),
        Position(id="p-no", text=long_label, answers="q's", base_score=0.125),
        Claim(id="c-\u00e9t\u00e9", text="A claim\u2028with a line separator", base_score=0.375),
        Claim(id="c-both'\"", text="Both quote marks in the id", assumed=True),
        Evidence(id="ev-1", quote="javascript:alert(1)", source="s", weight=0.625, text="A paraphrase"),
        Evidence(id="ev-2", quote="x" * 90, source="s", weight=0.875),
        Evidence(id="ev-3", quote="An even weight", source="s", weight=0.5),
        # An integer-like id (as ICCMA's) and one with a backslash, a bidi override and a bell.
        Claim(id="1", text="A claim whose id reads as a number", assumed=True),
        Claim(id="c-\\back\u202eslash\x07", text="Odd characters in the id", base_score=0.625),
    ]
    arguments = [
        Argument(id="a-1", conclusion='p-"yes"', premises=("c-été",), weight=0.125, title="T" * 70),
        Argument(id="a-2", conclusion="c-été", premises=("ev-1", "ev-2"), weight=0.375),
        Argument(id="a-3", conclusion="p-no", premises=("c-both'\"",), weight=0.125),
        Argument(id="a-4", conclusion='p-"yes"', premises=("ev-3",), stance="con", weight=0.125),
        Argument(id="a-5", conclusion="p-no", premises=("ev-2",), undercutters=("ev-3",), weight=1e-05),
        Argument(id="a-6", conclusion="c-\\back\u202eslash\x07", premises=("1",), stance="con"),
        Argument(id="2", conclusion='p-"yes"', premises=("c-\\back\u202eslash\x07",), weight=0.875),
    ]
    return ArgumentMap(
        title="Texts",
        sources=(Source(id="s", title="A source"),),
        statements=tuple(statements),
        arguments=tuple(arguments),
        lines=(Line(id="l-1", title="A line", arguments=("a-1", "a-2")),),
    )


def structures_map() -> ArgumentMap:
    """Return a map with what random draws lack: several questions, proof standards, schemes."""
    statements = [
        Question(id="q1", text="First question", standard="cce"),
        Position(id="p1a", text="Answer A", answers="q1"),
        Position(id="p1b", text="Answer B", answers="q1", base_score=0.4),
        Position(id="p1c", text="Answer C", answers="q1", standard="se"),
        Question(id="q2", text="Compatible question", compatible=True, standard="pe"),
        Position(id="p2a", text="Also this", answers="q2"),
        Position(id="p2b", text="And that", answers="q2", standard="dv"),
        Question(id="q3", text="Third question", standard="brd"),
        Position(id="p3a", text="Assumed answer", answers="q3", assumed=True),
        Position(id="p3b", text="Argued answer", answers="q3"),
        Position(id="p3c", text="Another assumed answer", answers="q3", assumed=True),
        Position(id="loose1", text="A position answering nothing", standard="dv"),
        Position(id="loose2", text="Another loose position"),
        Claim(id="c1", text="Claim one"),
        Claim(id="c2", text="Claim two", base_score=0.7),
        Claim(id="c3", text="Claim three"),
        Claim(id="c4", text="Claim four", standard="cce"),
        Claim(id="c5", text="Claim five, in a loop"),
        Claim(id="c6", text="Claim six, in the loop"),
        Claim(id="c7", text="An assumption", assumed=True, base_score=0.9),
        Evidence(id="e1", quote="one", source="s", weight=0.8),
        Evidence(id="e2", quote="two", source="s"),
        Evidence(id="e3", quote="three", source="s", weight=0.3),
        Evidence(id="e4", quote="four", source="s", weight=0.55),
        Evidence(id="e5", quote="five", source="s", weight=0.95),
        Evidence(id="e6", quote="six", source="s", weight=0.2),
    ]

    def argument(aid: str, conclusion: str, premises: tuple[str, ...], **more: Any) -> Argument:
        return Argument(id=aid, conclusion=conclusion, premises=premises, **more)

    arguments = [
        argument("a-c1", "c1", ("e1", "c5"), scheme="convergent"),
        argument("a-p1a", "p1a", ("c1",), title="For A", undercutters=("c6",)),
        argument("a-p1b", "p1b", ("c2", "c3"), weight=0.6, title="For B, linked"),
        argument("a-c2", "c2", ("e2",)),
        argument("a-c3", "c3", ("e3",), scheme="Cumulative "),
        argument("a-c4", "c4", ("e4", "c7"), scheme="cumulative"),
        argument("a-against-p1a", "p1a", ("c4",), stance="con", weight=0.7),
        argument("a-p1c", "p1c", ("e5", "c3"), scheme="factorized"),
        argument("a-p2a", "p2a", ("e5",)),
        argument("a-p2b", "p2b", ("e6",)),
        argument("a-against-p2b", "p2b", ("e3",), stance="con"),
        argument("a-p3b", "p3b", ("c2",), weight=0.9),
        argument("a-p3a", "p3a", ("e6",), weight=0.2),
        argument("a-loose1", "loose1", ("e1",)),
        argument("a-loose2", "loose2", ("c4",)),
        argument("a-against-loose1", "loose1", ("c2",), stance="con", weight=0.8),
        argument("a-q2", "q2", ("e3",)),
        argument("a-c5", "c5", ("c6",)),
        argument("a-c6", "c6", ("c5",)),
        argument("a-against-c4", "c4", ("e6",), stance="con", scheme="linked"),
    ]
    return ArgumentMap(
        title="Structures",
        sources=(Source(id="s", title="A source"),),
        statements=tuple(statements),
        arguments=tuple(arguments),
        lines=(
            Line(id="l-a", title="For A", arguments=("a-c1", "a-p1a")),
            Line(id="l-b", title="For B", arguments=("a-p1b", "a-c2", "a-c3")),
        ),
    )


def draw_maps(
    count: int, *, keep: Any = None, tries: int | None = None, fresh: bool = False, **shape: Any
) -> list[ArgumentMap]:
    """Draw ``count`` distinct random maps with the evaluation tests' strategy, derandomized.

    ``keep(map)`` chooses which drawn maps count (default: those with two arguments or more);
    ``fresh`` draws different maps on every call instead.
    """
    from hypothesis import HealthCheck, Phase, given, settings  # noqa: PLC0415

    spec = importlib.util.spec_from_file_location(
        "strategies", ROOT / "tests" / "evaluation" / "strategies.py"
    )
    assert spec is not None  # noqa: S101
    assert spec.loader is not None  # noqa: S101
    strategies = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(strategies)
    drawn: list[ArgumentMap] = []
    wanted = keep or (lambda argument_map: len(argument_map.arguments) >= 2)  # noqa: PLR2004

    @settings(
        derandomize=not fresh,
        max_examples=tries or count * 3,
        database=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
        deadline=None,
    )
    @given(strategies.evaluation_maps(**shape))
    def collect(argument_map: ArgumentMap) -> None:
        if len(drawn) < count and argument_map not in drawn and wanted(argument_map):
            drawn.append(argument_map)

    collect()
    return drawn[:count]


def _damped(argument_map: ArgumentMap) -> bool:
    """Return whether DF-QuAD settles this map's cycles only with damping (or not at all)."""
    notes = evaluate(argument_map, "df-quad").notes
    return any("damping" in note for note in notes)


def vector_file(
    name: str, argument_map: ArgumentMap, cases: list[dict[str, Any]], **where: Any
) -> dict[str, Any]:
    """Return one vector file's content."""
    return {"name": name, **where, "data": page_data(argument_map), "cases": cases}


def read(path: Path) -> dict[str, Any]:
    """Return one vector file's content."""
    content: dict[str, Any] = json.loads(gzip.decompress(path.read_bytes()).decode("utf-8"))
    return content


def stored() -> dict[str, Path]:
    """Return the vector files by name."""
    return {path.name.removesuffix(SUFFIX): path for path in sorted(VECTORS.glob(f"*{SUFFIX}"))}


def stored_maps() -> dict[str, ArgumentMap]:
    """Return the maps stored in the vector files (random and text maps), by file name."""
    maps = {}
    for name, path in stored().items():
        content = read(path)
        if "map" in content:
            maps[name] = argmap.loads(content["map"], format="json")
    return maps


def framework_map(pairs: int, *, odd: bool) -> ArgumentMap:
    """Return an abstract framework as a map: mutual attacks, and with ``odd`` odd cycles.

    ``pairs`` two-cycles give 2**pairs preferred labellings: counts past 2**53 test the
    arithmetic and the thousands separators.
    """
    claims = [Claim(id=f"a{k}", text=f"Argument {k}", assumed=True) for k in range(2 * pairs + 6)]
    attacks = [(f"a{2 * k}", f"a{2 * k + 1}") for k in range(pairs)]
    attacks += [(f"a{2 * k + 1}", f"a{2 * k}") for k in range(pairs)]
    extra = 2 * pairs
    attacks += [(f"a{extra}", f"a{extra + 1}"), (f"a{extra + 1}", f"a{extra + 2}"), ("a0", f"a{extra + 3}")]
    if odd:
        attacks += [(f"a{extra + 2}", f"a{extra}"), (f"a{extra + 4}", f"a{extra + 4}")]
    attacks.append((f"a{extra + 3}", f"a{extra + 5}"))
    arguments = [Argument(id=f"{x}->{y}", conclusion=y, premises=(x,), stance="con") for x, y in attacks]
    return ArgumentMap(title="Framework", statements=tuple(claims), arguments=tuple(arguments))


def fixed_maps() -> dict[str, ArgumentMap]:
    """Return the maps written by hand here, by file name."""
    return {
        "texts": text_map(),
        "structures": structures_map(),
        "framework-odd": framework_map(3, odd=True),
        "framework-many": framework_map(55, odd=False),
    }


def build(maps: dict[str, ArgumentMap]) -> dict[str, dict[str, Any]]:
    """Return every vector file's content by file name; ``maps`` holds the drawn maps."""
    maps = {**maps, **fixed_maps()}
    files: dict[str, dict[str, Any]] = {}
    # Read as text, as a page holds it: no file name in error messages (nor the reader's paths).
    alliance = argmap.loads((ROOT / ALLIANCE).read_text(encoding="utf-8"))
    cases = alliance_cases(alliance) + error_cases(alliance)
    files["alliance"] = vector_file("alliance", alliance, cases, source=ALLIANCE)
    for name in sorted(maps):
        argument_map = maps[name]
        rng = random.Random(f"{SEED}-{name}")  # noqa: S311  # reproducible, not secret
        off_sets = 8 if name == "structures" else 2
        files[name] = vector_file(
            name,
            argument_map,
            map_cases(argument_map, rng, off_sets),
            map=argmap.dumps(argument_map, format="json"),
        )
    return files


def new_maps() -> dict[str, ArgumentMap]:
    """Return freshly drawn random maps, by file name."""
    maps: dict[str, ArgumentMap] = {}
    for k, argument_map in enumerate(draw_maps(RANDOM_MAPS)):
        maps[f"random-{k:02d}"] = argument_map
    for k, argument_map in enumerate(draw_maps(BIG_RANDOM_MAPS, max_statements=16, max_arguments=24)):
        maps[f"random-big-{k:02d}"] = argument_map
    # Cycles that DF-QuAD settles only with damping: rare in plain draws, so searched for.
    for k, argument_map in enumerate(
        draw_maps(2, keep=_damped, tries=4000, max_statements=6, max_arguments=10)
    ):
        maps[f"cycle-damped-{k:02d}"] = argument_map
    return maps


def dump(content: dict[str, Any]) -> bytes:
    """Return a vector file's bytes: JSON in a stable key order, a line per case, gzipped alike."""
    head = {key: value for key, value in content.items() if key != "cases"}
    lines = [json.dumps(case, ensure_ascii=False, sort_keys=True) for case in content["cases"]]
    text = json.dumps(head, ensure_ascii=False, sort_keys=True)[:-1]
    text += ', "cases": [\n' + ",\n".join(lines) + "\n]}\n"
    return gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0)


def main(argv: list[str] | None = None) -> int:
    """Write the vector files."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--new-maps", action="store_true", help="draw the random maps afresh")
    args = parser.parse_args(argv)
    maps = (
        new_maps()
        if args.new_maps or not any(name.startswith("random-") for name in stored())
        else stored_maps()
    )
    VECTORS.mkdir(parents=True, exist_ok=True)
    files = build(maps)
    for name, path in stored().items():
        if name not in files:
            path.unlink()
    total = 0
    for name, content in files.items():
        (VECTORS / f"{name}{SUFFIX}").write_bytes(dump(content))
        total += len(content["cases"])
    size = sum(path.stat().st_size for path in stored().values())
    sys.stdout.write(f"{len(files)} vector files, {total} cases, {size / 1e6:.1f} MB in {VECTORS}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
