"""Benchmark importing other tools' maps: every AIF file in the corpus and the largest Kialo export.

Run from the repository root::

    .venv/bin/python benchmarks/bench_import.py --peer-python /tmp/arguebuf-venv/bin/python

The peer is arguebuf (recap-utr/arguebuf-python), measured in the same run on the same files;
install it into a throwaway venv outside the repository (``python -m venv /tmp/arguebuf-venv &&
/tmp/arguebuf-venv/bin/pip install arguebuf``), never into the project's. Both sides start from
the file's path and detect the format themselves: argmap with ``argmap.load(path)``, arguebuf with
``arguebuf.load.file(path)``. Each side runs in its own process, after the same warm-up; the two
take turns for ``--rounds`` rounds, so that a busy machine slows both alike. Times are medians
(of the runs in a round, then of the rounds), wall and CPU. Target (issue 13): argmap at least 3x
faster.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
CORPORA = ROOT / ".." / "shared" / "corpora"
WARMUP = 2


def workloads() -> dict[str, list[str]]:
    """Return each workload's files: all AIF JSON maps, and the largest Kialo export."""
    aif = sorted(str(path) for path in (CORPORA / "aif").glob("*/*.json") if path.name != "aif2arggraph.json")
    kialo = sorted((CORPORA / "kialo").glob("*.txt"), key=lambda path: path.stat().st_size)
    return {"aif (all files)": aif, "kialo (largest)": [str(kialo[-1])] if kialo else []}


def _argmap_run() -> tuple[Callable[[str], Any], Callable[[Any], int]]:
    import argmap  # noqa: PLC0415

    def count(argument_map: Any) -> int:
        return len(argument_map.statements)

    return argmap.load, count


def _peer_run() -> tuple[Callable[[str], Any], Callable[[Any], int]]:
    import arguebuf  # type: ignore[import-not-found]  # noqa: PLC0415

    def count(graph: Any) -> int:
        return len(graph.atom_nodes)

    return arguebuf.load.file, count


def child(side: str, files: list[str], runs: int) -> dict[str, Any]:
    """Measure one side reading ``files`` in this process; return the numbers as a dict."""
    warnings.simplefilter("ignore")  # arguebuf warns about nodes it drops; that is not timed
    load, count = _argmap_run() if side == "argmap" else _peer_run()
    statements = sum(count(load(path)) for path in files)
    for _ in range(WARMUP):
        for path in files:
            load(path)
    walls: list[float] = []
    cpus: list[float] = []
    for _ in range(runs):
        wall, cpu = time.perf_counter(), time.process_time()
        for path in files:
            load(path)
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return {"wall": statistics.median(walls), "cpu": statistics.median(cpus), "statements": statements}


def measure(python: str, side: str, files: list[str], runs: int) -> dict[str, Any]:
    """Run ``child`` in a fresh process of ``python`` and return its numbers."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [python, str(Path(__file__).resolve()), "--child", side, "--runs", str(runs), *files]
    output = subprocess.run(command, capture_output=True, text=True, check=True, env=env)
    return dict(json.loads(output.stdout.strip().splitlines()[-1]))


def _median(turns: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "wall": statistics.median(turn["wall"] for turn in turns),
        "cpu": statistics.median(turn["cpu"] for turn in turns),
        "statements": turns[0]["statements"],
    }


def main(argv: list[str] | None = None) -> int:
    """Print the table, or (with --child) measure one side and print its numbers as JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--peer-python", help="a Python with arguebuf installed")
    parser.add_argument("--runs", type=int, default=11, help="runs per measurement (median)")
    parser.add_argument("--rounds", type=int, default=3, help="turns each side takes (median)")
    parser.add_argument("--only", choices=["aif", "kialo"], help="measure one workload only")
    parser.add_argument("--child", choices=["argmap", "peer"], help=argparse.SUPPRESS)
    parser.add_argument("files", nargs="*", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(child(args.child, args.files, args.runs)))
        return 0
    loads = {
        name: files
        for name, files in workloads().items()
        if files and (args.only is None or name.startswith(args.only))
    }
    if not loads:
        print(f"corpora not found under {CORPORA}")
        return 1
    if args.peer_python is None:
        print("no --peer-python: measuring argmap alone (install arguebuf in a throwaway venv)")
    header = ["workload", "files", "argmap ms (cpu)", "arguebuf ms (cpu)", "speed-up wall (cpu)"]
    rows: list[list[str]] = []
    for name, files in loads.items():
        turns: dict[str, list[dict[str, Any]]] = {"argmap": [], "peer": []}
        for _ in range(args.rounds):
            turns["argmap"].append(measure(sys.executable, "argmap", files, args.runs))
            if args.peer_python:
                turns["peer"].append(measure(args.peer_python, "peer", files, args.runs))
        own = _median(turns["argmap"])
        row = [name, str(len(files)), f"{own['wall'] * 1e3:.1f} ({own['cpu'] * 1e3:.1f})"]
        if args.peer_python:
            peer = _median(turns["peer"])
            row += [
                f"{peer['wall'] * 1e3:.1f} ({peer['cpu'] * 1e3:.1f})",
                f"{peer['wall'] / own['wall']:.1f}x ({peer['cpu'] / own['cpu']:.1f}x)",
            ]
            if name.startswith("aif") and peer["statements"] != own["statements"]:
                print(f"note: {name}: statements argmap {own['statements']}, arguebuf {peer['statements']}")
        else:
            row += ["—", "—"]
        rows.append(row)
    widths = [max(len(r[k]) for r in [header, *rows]) for k in range(len(header))]
    print(
        "\nargmap.load(path) vs arguebuf.load.file(path), every file of the workload per run"
        f"\n(medians of {args.rounds} rounds of {args.runs} runs after {WARMUP} warm-up runs,"
        " each side in its own process, taking turns)"
    )
    for row in [header, *rows]:
        print("  ".join(cell.rjust(width) for cell, width in zip(row, widths, strict=True)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
