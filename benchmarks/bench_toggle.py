"""Time a toggle in the Explorer's kernel side against evaluation alone and against re-rendering.

A toggle is measured from assigning ``explorer.off`` to the update message being encoded as JSON
(re-evaluation, the delta of what changed, trait updates, the bytes the kernel would put on the
wire), in wall time and in CPU time of this process (the machine is noisy: CPU time is steadier).
Beside it, in the same run on the same maps: ``argmap.evaluate`` alone (the floor a toggle cannot
go under), the widget's own share (the same toggles with evaluation results taken from a cache:
the delta, the trait updates, the message), and what a toggle would cost if it re-rendered the SVG
through Graphviz
(``argmap.rendering.render(map, evaluation).svg``; ``--renders 0`` skips it, it takes minutes at 5,000).

    .venv/bin/python benchmarks/bench_toggle.py            # alliance, 100, 1000, 5000 statements
    .venv/bin/python benchmarks/bench_toggle.py --sizes 1000 5000 --toggles 41 --renders 0

Targets: at most 8 ms per toggle at 5,000 statements (issue 9), sending only what changed; at
least 10x faster than re-rendering.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import statistics
import sys
import time
from pathlib import Path

import comm
from comm.base_comm import BaseComm

import argmap
from argmap.evaluation import evaluate
from argmap.model import ArgumentMap
from argmap.rendering import render
from argmap.widgets import explorer as explorer_module
from argmap.widgets.explorer import Explorer

ROOT = Path(__file__).resolve().parents[1]


class WireComm(BaseComm):
    """A comm that serialises each message as the kernel session would, and keeps its size."""

    def __init__(self, *args, **kwargs):
        self.bytes_sent = 0
        self.keys_sent: list[list[str]] = []
        super().__init__(*args, **kwargs)

    def publish_msg(self, msg_type, data=None, metadata=None, buffers=None, **keys):
        """Encode the message to JSON; nothing is sent anywhere."""
        del buffers, keys
        self.bytes_sent += len(json.dumps({"msg_type": msg_type, "data": data, "metadata": metadata}))
        if data and data.get("method") == "update":
            self.keys_sent.append(sorted(data["state"]))


def generated_map(statements: int, seed: int = 1) -> ArgumentMap:
    """Return a random but reproducible map with about ``statements`` statements.

    Two positions answer one question; claims form layers beneath them (each supporting or
    opposing one statement of the layer above, some linked, some undercut); about 45 % of the
    statements are evidence at the leaves.
    """
    rng = random.Random(seed)
    builder = ArgumentMap.build(f"Generated map, {statements} statements")
    builder.question("q", "Generated question?")
    source = builder.source("src", "A generated source")
    layer = [builder.position("p-yes", "Yes"), builder.position("p-no", "No")]
    count = 3
    claims_wanted = max(int(statements * 0.55) - count, 4)
    all_claims: list[str] = []
    while len(all_claims) < claims_wanted:
        next_layer = []
        for parent in layer:
            for _ in range(rng.randint(2, 4)):
                if len(all_claims) >= claims_wanted:
                    break
                claim = f"c{len(all_claims)}"
                if rng.random() < 0.7:
                    builder.claim(claim, f"Claim {claim} supports {parent}.", supports=parent)
                else:
                    builder.claim(claim, f"Claim {claim} opposes {parent}.", opposes=parent)
                all_claims.append(claim)
                next_layer.append(claim)
        layer = next_layer or layer
    linked: list[set[str]] = []
    for _ in range(max(len(all_claims) // 10, 1)):
        conclusion, first, second = rng.sample(all_claims, 3)
        builder.con([first, second], conclusion, id=f"a-linked-{len(linked)}")
        linked.append({conclusion, first, second})
    for _ in range(max(len(all_claims) // 15, 1)):
        target = rng.randrange(len(linked))
        # An argument's own premise or conclusion cannot undercut it: draw again (the draws of
        # maps that never hit one stay as they were, so their timings stay comparable).
        undercutter = rng.choice(all_claims)
        while undercutter in linked[target]:
            undercutter = rng.choice(all_claims)
        builder.undercut(undercutter, f"a-linked-{target}")
    evidence_wanted = statements - len(all_claims) - count
    for index in range(evidence_wanted):
        builder.evidence(
            f"ev{index}",
            f"Quote number {index}, said by someone.",
            source=source,
            speaker=f"Speaker {index % 17}",
            weight=round(rng.uniform(0.3, 0.9), 2),
            supports=rng.choice(all_claims),
        )
    return builder.finish()


def median_ms(samples: list[float]) -> float:
    """Return the median of ``samples`` (seconds) in milliseconds; NaN when there are none."""
    return statistics.median(samples) * 1000 if samples else float("nan")


def timed(action) -> tuple[float, float]:
    """Return the wall time and the CPU time of this process that ``action()`` took, in seconds."""
    wall, cpu = time.perf_counter(), time.process_time()
    action()
    return time.perf_counter() - wall, time.process_time() - cpu


WHOLE = {"svg", "statuses", "strengths", "argument_states", "evidence"}
"""Traits a toggle must never send: the picture, or every status (deltas go in ``changes``)."""


def bench(
    name: str, argument_map: ArgumentMap, toggles: int, renders: int, semantics: str
) -> dict[str, object]:
    """Measure toggles, evaluation alone and re-renders on one map; return one row of the table."""
    started = time.perf_counter()
    explorer = Explorer(argument_map, semantics=semantics)
    first_display = time.perf_counter() - started
    wire: WireComm = explorer.comm
    evidence = [e.id for e in argument_map.evidence]
    rng = random.Random(7)
    picks = [rng.choice(evidence) for _ in range(toggles)]

    toggle_wall, toggle_cpu = [], []
    sent_before = wire.bytes_sent
    for pick in picks:
        wanted = [] if explorer.off else [pick]
        wire.keys_sent.clear()
        wall, cpu = timed(lambda wanted=wanted: setattr(explorer, "off", wanted))
        toggle_wall.append(wall)
        toggle_cpu.append(cpu)
        sent = set().union(*wire.keys_sent)
        if sent & WHOLE:
            sys.exit(f"{name}: a toggle sent {sorted(sent & WHOLE)} whole")
    bytes_per_toggle = (wire.bytes_sent - sent_before) / toggles

    evaluate_wall, evaluate_cpu = [], []
    evaluations = {}
    for index, pick in enumerate(picks):
        wanted = [] if index % 2 else [pick]
        result: list = []
        wall, cpu = timed(
            lambda wanted=wanted, result=result: result.append(
                evaluate(argument_map, semantics=semantics, off=wanted)
            )
        )
        evaluations[tuple(wanted)] = result[0]
        evaluate_wall.append(wall)
        evaluate_cpu.append(cpu)

    for key in [(), *((pick,) for pick in picks)]:
        if key not in evaluations:
            evaluations[key] = evaluate(argument_map, semantics=semantics, off=key)

    # The widget's share: the same toggles, each evaluation taken from the cache just filled.
    def cached(argument_map, semantics="grounded", off=()):
        del argument_map, semantics
        return evaluations[tuple(off)]

    widget_cpu = []
    real_evaluate, explorer_module.evaluate = explorer_module.evaluate, cached
    try:
        for pick in picks:
            wanted = [] if explorer.off else [pick]
            widget_cpu.append(timed(lambda wanted=wanted: setattr(explorer, "off", wanted))[1])
    finally:
        explorer_module.evaluate = real_evaluate

    render_times = []
    for pick in picks[:renders]:
        evaluation = evaluate(argument_map, semantics=semantics, off=[pick])
        wall, _cpu = timed(lambda evaluation=evaluation: render(argument_map, evaluation).svg)
        render_times.append(wall)
    toggle = median_ms(toggle_wall)
    rerender = median_ms(render_times)
    return {
        "map": name,
        "statements": len(argument_map.statements),
        "first display ms": first_display * 1000,
        "toggle ms": toggle,
        "toggle CPU ms": median_ms(toggle_cpu),
        "evaluate ms": median_ms(evaluate_wall),
        "evaluate CPU ms": median_ms(evaluate_cpu),
        "widget CPU ms": median_ms(widget_cpu),
        "re-render ms": rerender,
        "speed-up": rerender / toggle,
        "KB per toggle": bytes_per_toggle / 1024,
        "n": f"{toggles}/{len(render_times)}",
    }


def main() -> int:
    """Run the benchmark and print a table of medians."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[100, 1000, 5000])
    parser.add_argument("--toggles", type=int, default=15, help="toggles per map (median reported)")
    parser.add_argument(
        "--renders", type=int, default=5, help="re-renders per map (median reported; 0 skips them)"
    )
    parser.add_argument("--semantics", default="grounded")
    args = parser.parse_args()

    comm.create_comm = WireComm
    maps = [("alliance", argmap.load(ROOT / "examples" / "alliance.yaml"))]
    maps += [(f"generated-{size}", generated_map(size)) for size in args.sizes]
    rows = []
    for name, argument_map in maps:
        renders = args.renders if len(argument_map.statements) <= 1000 else min(args.renders, 2)
        rows.append(bench(name, argument_map, args.toggles, renders, args.semantics))
        row = rows[-1]
        print(
            f"{row['map']:<16} {row['statements']:>6} statements  toggle {row['toggle ms']:8.2f} ms"
            f" (CPU {row['toggle CPU ms']:.2f})  evaluate {row['evaluate ms']:.2f} ms"
            f"  widget CPU {row['widget CPU ms']:.2f} ms"
            f"  re-render {row['re-render ms']:9.1f} ms",
            file=sys.stderr,
        )
    header = [
        "map",
        "statements",
        "first display ms",
        "toggle ms",
        "toggle CPU ms",
        "evaluate ms",
        "evaluate CPU ms",
        "widget CPU ms",
        "re-render ms",
        "speed-up",
        "KB per toggle",
        "n",
    ]
    print(f"semantics: {args.semantics}; medians; n = toggles/re-renders timed")
    print("| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header))
    for row in rows:
        cells = []
        for key in header:
            value = row[key]
            if isinstance(value, float):
                cells.append(
                    "–"
                    if math.isnan(value)  # not measured
                    else f"x{value:.0f}"
                    if key == "speed-up"
                    else f"{value:.1f}"
                    if value >= 10
                    else f"{value:.2f}"
                )
            else:
                cells.append(str(value))
        print("| " + " | ".join(cells) + " |")
    for row in rows:
        if row["statements"] == 5000:
            verdict = "meets" if row["toggle ms"] <= 8 else "MISSES"
            print(f"target (<= 8 ms per toggle at 5,000 statements, wall): {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
