"""Benchmark loading native maps: ``argmap.load`` of YAML and JSON against plain parsers of the same file.

Run from the repository root::

    .venv/bin/python benchmarks/bench_load.py                 # 5,000 statements
    .venv/bin/python benchmarks/bench_load.py --sizes 500,5000,20000

Anchors, measured in the same run on the same file: a plain pure-Python ``yaml.safe_load``
(``yaml.SafeLoader``, PyYAML without libyaml) for YAML and ``json.load`` for JSON. The targets
(issue 9): YAML at most 0.4x the anchor, JSON at most 8x. Medians of several runs; CPU time is
printed beside wall time because this machine is shared.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from argmap.formats import dumps, load, loads


def generated_data(n: int, seed: int = 1) -> dict[str, Any]:
    """Return ``argmap: 1`` data for a map of ``n`` statements, shaped like a seminar map.

    A question, two positions, then 40 % claims (supporting or opposing an earlier claim, some
    through a named two-premise argument) and 60 % quotes from one of 20 sources, each with a
    speaker, a locator and a note now and then.
    """
    rng = random.Random(seed)
    sources = [
        {"id": f"s{k}", "title": f"Source number {k}", "author": "A. Author", "date": "2024-05-0{k % 9 + 1}"}
        for k in range(20)
    ]
    statements: list[dict[str, Any]] = [
        {"id": "q", "question": "Which way should the seminar decide?"},
        {"id": "p0", "position": "The first way, for reasons given below.", "answers": "q"},
        {"id": "p1", "position": "The second way, for other reasons.", "answers": "q"},
    ]
    arguments: list[dict[str, Any]] = []
    claims = ["p0", "p1"]
    for k in range(n - 3):
        if k < 10 or rng.random() < 0.4:
            entry: dict[str, Any] = {
                "id": f"c{k}",
                "claim": f"Claim {k}: a sentence of ordinary length here.",
            }
            if rng.random() < 0.15 and len(claims) > 3:
                conclusion, other = rng.sample(claims, 2)
                arguments.append(
                    {
                        "id": f"a{k}",
                        "pro" if rng.random() < 0.6 else "con": conclusion,
                        "premises": [f"c{k}", other],
                        "scheme": "expert opinion",
                    }
                )
            else:
                entry["supports" if rng.random() < 0.6 else "opposes"] = rng.choice(claims)
            if rng.random() < 0.2:
                entry["note"] = "A remark by the author,\nover two lines."
            statements.append(entry)
            claims.append(f"c{k}")
        else:
            statements.append(
                {
                    "id": f"e{k}",
                    "quote": f"Quoted words number {k}, as the source has them, with some more words.",
                    "source": f"s{rng.randrange(20)}",
                    "speaker": "Someone Quoted",
                    "locator": f"p. {rng.randrange(1, 300)}",
                    "weight": rng.choice([0.4, 0.8, 1]),
                    "supports": rng.choice(claims[2:]),
                }
            )
    return {
        "argmap": 1,
        "title": "A generated map",
        "sources": sources,
        "statements": statements,
        "arguments": arguments,
    }


def measured(function: Callable[[], Any], runs: int) -> tuple[float, float]:
    """Return the median wall and CPU time of ``function`` over ``runs`` runs, in seconds."""
    walls: list[float] = []
    cpus: list[float] = []
    for _ in range(runs):
        wall, cpu = time.perf_counter(), time.process_time()
        function()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return statistics.median(walls), statistics.median(cpus)


def main(argv: list[str] | None = None) -> int:
    """Write the generated maps to a temporary folder, time the loads, print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="5000", help="statements per map, comma-separated")
    parser.add_argument("--runs", type=int, default=5, help="runs per measurement (median)")
    args = parser.parse_args(argv)
    print(f"Python {sys.version.split()[0]}, PyYAML {yaml.__version__}, libyaml: {yaml.__with_libyaml__}")
    header = ["statements", "format", "bytes", "anchor ms (cpu)", "argmap ms (cpu)", "ratio (cpu)", "target"]
    rows: list[list[str]] = []
    with tempfile.TemporaryDirectory() as folder:
        for n in (int(s) for s in args.sizes.split(",")):
            data = generated_data(n)
            argument_map = loads(json.dumps(data), format="json")
            for name, anchor, target in (
                ("yaml", lambda p: yaml.load(p.read_text(encoding="utf-8"), Loader=yaml.SafeLoader), 0.4),
                ("json", lambda p: json.loads(p.read_text(encoding="utf-8")), 8.0),
            ):
                path = Path(folder) / f"map{n}.{name}"
                path.write_text(dumps(argument_map, format=name), encoding="utf-8")
                anchor_wall, anchor_cpu = measured(lambda a=anchor, p=path: a(p), args.runs)
                own_wall, own_cpu = measured(lambda p=path: load(p), args.runs)
                rows.append(
                    [
                        f"{n:,}",
                        name,
                        f"{path.stat().st_size:,}",
                        f"{anchor_wall * 1e3:.1f} ({anchor_cpu * 1e3:.1f})",
                        f"{own_wall * 1e3:.1f} ({own_cpu * 1e3:.1f})",
                        f"{own_wall / anchor_wall:.2f}x ({own_cpu / anchor_cpu:.2f}x)",
                        f"<= {target}x",
                    ]
                )
    widths = [max(len(row[k]) for row in [header, *rows]) for k in range(len(header))]
    print(
        "\nargmap.load of a native map vs the plain parser of the same file"
        " (medians; YAML anchor: pure-Python yaml.SafeLoader; JSON anchor: json.loads of the file's text)"
    )
    for row in [header, *rows]:
        print("  ".join(cell.rjust(width) for cell, width in zip(row, widths, strict=True)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
