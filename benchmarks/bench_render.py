"""Render time for generated maps of 10 to 5,000 statements: argmap's own work against Graphviz's layout.

argmap's share is model → DOT (``build``) plus the SVG post-processing; Graphviz's is the layout
run of the embedded engine. Each is the median of several runs; the target is an argmap share
under 5 % of the total at 1,000 statements. Each size is drawn twice: plain (no statuses) and
evaluated under DF-QuAD, whose nodes carry a status badge and a strength bar that the SVG
finishing also classes (the evaluation itself is not timed: it is not rendering).

``--detail`` draws at another level (``compact``, ``outline``, or ``all`` for each in turn).
``--example`` measures the example map instead, at each level under grounded semantics: its size
in points, the smallest text in px once scaled to fit a 1920 × 1080 slide, and the render time.

Run: ``.venv/bin/python benchmarks/bench_render.py [--sizes 10,100,1000,5000] [--engine embedded]
[--detail full|compact|outline|all] [--example]``
"""

from __future__ import annotations

import argparse
import random
import re
import statistics
import time
from pathlib import Path

from argmap.evaluation import evaluate
from argmap.formats import load
from argmap.model import ArgumentMap
from argmap.rendering import DETAILS, engine, labels
from argmap.rendering.dot import build
from argmap.rendering.svg import add_data_attributes

WORDS = [
    "alliance",
    "partnership",
    "threat",
    "trade",
    "energy",
    "sanctions",
    "military",
    "treaty",
    "border",
    "summit",
    "cooperation",
    "limits",
    "support",
    "weapons",
    "market",
    "rival",
    "interests",
    "history",
    "security",
    "economy",
    "pressure",
]


def sentence(rng, low=6, high=16):
    """A random sentence of plausible length."""
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(low, high))).capitalize() + "."


def generated_map(size, seed=1):
    """A map of ``size`` statements: a question, two positions, a claim tree and evidence leaves.

    Two fifths of the statements are evidence; one argument in six has two linked premises and
    one in ten is undercut, as in hand-made maps.
    """
    rng = random.Random(seed)
    m = ArgumentMap.build(f"Generated map of {size} statements")
    m.question("q", "Is the partnership an alliance?")
    targets = [m.position("p1", "A de facto alliance."), m.position("p2", "A partnership with limits.")]
    source = m.source("src", "A long analysis article", author="A. Writer", url="https://example.org/a")
    claims = []
    count = 3
    while count < size:
        conclusion = rng.choice(targets)
        if rng.random() < 0.4 and claims:
            conclusion = rng.choice(claims)
            statement = m.evidence(
                f"ev-{count}",
                sentence(rng, 10, 30),
                source=source,
                speaker="Someone, some institute",
                locator=f"¶{count}",
                weight=round(rng.random(), 2),
            )
        else:
            statement = m.claim(f"c-{count}", sentence(rng))
            claims.append(statement)
        count += 1
        if rng.random() < 1 / 6 and count < size:
            partner = m.claim(f"c-{count}", sentence(rng))
            count += 1
            premises = [statement, partner]
        else:
            premises = [statement]
        stance = m.pro if rng.random() < 0.65 else m.con
        argument = stance(premises, conclusion, id=f"a-{count}")
        if rng.random() < 0.1 and claims and claims[0] not in premises and claims[0] != conclusion:
            m.undercut(claims[0], argument)
        if statement in claims and rng.random() < 0.5:
            targets.append(statement)
    return m.finish()


def median_time(function, runs):
    """Return (median seconds, last result) of calling ``function`` ``runs`` times, each cold.

    argmap's small caches (theme colours, data attribute values) are emptied before every run,
    so each run costs what a first render costs.
    """
    times = []
    result = None
    for _ in range(runs):
        labels.html_attr.cache_clear()
        labels.xml_attr.cache_clear()
        start = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def example(levels, engine_name):
    """Print the example map's size, smallest text on a 1920 × 1080 slide and render time per level."""
    argument_map = load(Path(__file__).resolve().parents[1] / "examples" / "alliance.yaml")
    evaluation = evaluate(argument_map, "grounded")
    print(
        f"{'detail':>8} {'width pt':>9} {'height pt':>9} {'smallest pt':>11}"
        f" {'px on slide':>11} {'render s':>9}"
    )
    for level in levels:

        def draw(d=level):
            drawing = build(argument_map, evaluation, detail=d)
            raw = engine.layout(drawing.dot, "svg", engine=engine_name).decode("utf-8")
            return add_data_attributes(raw, drawing.data, badges=drawing.badges, rows=drawing.rows)

        seconds, svg = median_time(draw, 5)
        width, height = (
            float(v) for v in re.search(r'viewBox="[\d.]+ [\d.]+ ([\d.]+) ([\d.]+)"', svg).groups()
        )
        smallest = min(float(v) for v in re.findall(r'font-size="([\d.]+)"', svg))
        scale = min(1920 / width, 1080 / height)
        print(
            f"{level:>8} {width:>9.0f} {height:>9.0f} {smallest:>11.1f}"
            f" {smallest * scale:>11.2f} {seconds:>9.3f}"
        )


def main():
    """Print a table: size, argmap's times, Graphviz's time, and argmap's share of the total.

    ``DOT share`` is model → DOT against the layout (the issue's measure); ``argmap share`` adds
    the SVG finishing (data attributes), which argmap also does.
    """
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10,100,1000,5000")
    parser.add_argument("--engine", default="embedded", choices=engine.ENGINES)
    parser.add_argument("--detail", default="full", choices=(*DETAILS, "all"))
    parser.add_argument("--example", action="store_true", help="measure examples/alliance.yaml")
    args = parser.parse_args()
    levels = DETAILS if args.detail == "all" else (args.detail,)
    if args.example:
        example(levels, args.engine)
        return
    sizes = [int(s) for s in args.sizes.split(",")]
    print(f"engine: {engine.find_engine(args.engine)}")
    print(
        f"{'statements':>10} {'detail':>8} {'drawn':>9} {'runs':>4} {'model->DOT s':>12} {'SVG finish s':>12}"
        f" {'graphviz s':>11} {'DOT share':>10} {'argmap share':>13}"
    )
    for size in sizes:
        argument_map = generated_map(size)
        runs = 7 if size <= 100 else 5 if size <= 1000 else 3
        for level in levels:
            for drawn, evaluation in (("plain", None), ("df-quad", evaluate(argument_map, "df-quad"))):
                own, drawing = median_time(
                    lambda m=argument_map, e=evaluation, d=level: build(m, e, detail=d), runs
                )
                layout, raw = median_time(
                    lambda d=drawing: engine.layout(d.dot, "svg", engine=args.engine), runs
                )
                post, _ = median_time(
                    lambda r=raw, d=drawing: add_data_attributes(
                        r.decode("utf-8"), d.data, badges=d.badges, rows=d.rows
                    ),
                    runs,
                )
                dot_share = own / (own + layout)
                share = (own + post) / (own + post + layout)
                times = f"{own:>12.4f} {post:>12.4f} {layout:>11.4f}"
                print(f"{size:>10} {level:>8} {drawn:>9} {runs:>4} {times} {dot_share:>10.1%} {share:>13.1%}")


if __name__ == "__main__":
    main()
