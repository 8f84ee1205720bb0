"""Benchmark the public API on ICCMA files: ``argmap.load(path)`` + ``argmap.evaluate(m)`` (grounded).

Run from the repository root::

    .venv/bin/python benchmarks/bench_public_api.py --peer-python /tmp/benchvenv/bin/python

The anchor is formal-argumentation (its ``parse_af`` + ``grounded_extension``), measured in the
same run on the same files; install it into a throwaway venv outside the repository
(``python -m venv /tmp/benchvenv && /tmp/benchvenv/bin/pip install formal-argumentation``), never
into the project's. Both sides start from the file's path, so both read it. Each side runs in
its own process: times are medians of several runs (wall and CPU), and peak memory is the
largest amount of Python memory allocated during one run (tracemalloc, after imports), plus the
process's maximum resident size. Targets (issue 9): argmap at least 5x faster, peak memory no
more than the peer's.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
INSTANCES = ROOT / ".." / "shared" / "corpora" / "iccma" / "instances" / "i23-iccma23"
SIZES = ("1000", "10000", "50000")
WARMUP = 3


def _argmap_run() -> tuple[Callable[[str], Any], Callable[[Any], int]]:
    import argmap  # noqa: PLC0415

    def run(path: str) -> Any:
        return argmap.evaluate(argmap.load(path))

    def accepted(result: Any) -> int:
        return sum(1 for status in result.statuses.values() if status.name == "IN")

    return run, accepted


def _peer_run() -> tuple[Callable[[str], Any], Callable[[Any], int]]:
    from argumentation.core.dung import grounded_extension  # type: ignore[import-not-found]  # noqa: PLC0415
    from argumentation.interop.iccma import parse_af  # type: ignore[import-not-found]  # noqa: PLC0415

    def run(path: str) -> Any:
        return grounded_extension(parse_af(Path(path).read_text(encoding="utf-8")))

    return run, len


def child(side: str, path: str, runs: int) -> dict[str, Any]:
    """Measure one side on one file in this process; return the numbers as a dict."""
    import resource  # noqa: PLC0415

    run, count = _argmap_run() if side == "argmap" else _peer_run()
    # Imports and first-use set-up happen outside the measurement; so does counting the
    # accepted arguments (the cross-check below), which is no part of reading and evaluating.
    accepted = count(run(path))
    # Both sides get the same warm-up: the first runs in a fresh process pay for caches and
    # allocator growth that a session reading several files pays once.
    for _ in range(WARMUP):
        run(path)
    walls: list[float] = []
    cpus: list[float] = []
    for _ in range(runs):
        wall, cpu = time.perf_counter(), time.process_time()
        run(path)
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    tracemalloc.start()
    run(path)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return {
        "wall": statistics.median(walls),
        "cpu": statistics.median(cpus),
        "peak": peak,
        "maxrss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
        "accepted": accepted,
    }


def measure(python: str, side: str, path: Path, runs: int) -> dict[str, Any]:
    """Run ``child`` in a fresh process of ``python`` and return its numbers."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [
        python,
        str(Path(__file__).resolve()),
        "--child",
        side,
        "--instance",
        str(path),
        "--runs",
        str(runs),
    ]
    output = subprocess.run(command, capture_output=True, text=True, check=True, env=env)
    return dict(json.loads(output.stdout.strip().splitlines()[-1]))


def main(argv: list[str] | None = None) -> int:
    """Print the table, or (with --child) measure one side and print its numbers as JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--peer-python", help="a Python with formal-argumentation installed")
    parser.add_argument("--runs", type=int, default=15, help="runs per measurement (median)")
    parser.add_argument("--sizes", default=",".join(SIZES), help="admbuster sizes")
    parser.add_argument("--child", choices=["argmap", "peer"], help=argparse.SUPPRESS)
    parser.add_argument("--instance", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(child(args.child, args.instance, args.runs)))
        return 0
    if not INSTANCES.is_dir():
        print(f"ICCMA corpus not found at {INSTANCES}")
        return 1
    if args.peer_python is None:
        print("no --peer-python: measuring argmap alone (install formal-argumentation in a throwaway venv)")
    header = [
        "instance",
        "argmap ms (cpu)",
        "peer ms (cpu)",
        "speed-up wall (cpu)",
        "argmap peak MB",
        "peer peak MB",
    ]
    rows: list[list[str]] = []
    for size in args.sizes.split(","):
        path = INSTANCES / f"admbuster_{size}.af"
        own = measure(sys.executable, "argmap", path, args.runs)
        row = [path.stem, f"{own['wall'] * 1e3:.1f} ({own['cpu'] * 1e3:.1f})"]
        if args.peer_python:
            peer = measure(args.peer_python, "peer", path, args.runs)
            if peer["accepted"] != own["accepted"]:
                print(
                    f"warning: {path.name}: grounded sizes differ:"
                    f" argmap {own['accepted']}, peer {peer['accepted']}"
                )
            row += [
                f"{peer['wall'] * 1e3:.1f} ({peer['cpu'] * 1e3:.1f})",
                f"{peer['wall'] / own['wall']:.1f}x ({peer['cpu'] / own['cpu']:.1f}x)",
                f"{own['peak'] / 1e6:.1f} (rss {own['maxrss_kb'] / 1e3:.0f})",
                f"{peer['peak'] / 1e6:.1f} (rss {peer['maxrss_kb'] / 1e3:.0f})",
            ]
        else:
            row += ["—", "—", f"{own['peak'] / 1e6:.1f} (rss {own['maxrss_kb'] / 1e3:.0f})", "—"]
        rows.append(row)
    widths = [max(len(r[k]) for r in [header, *rows]) for k in range(len(header))]
    print(
        "\nargmap.load(path) + argmap.evaluate(m) (grounded)"
        " vs formal-argumentation parse_af + grounded_extension"
        "\n(medians; peak = tracemalloc peak of one run after imports, rss = process maximum resident size)"
    )
    for row in [header, *rows]:
        print("  ".join(cell.rjust(width) for cell, width in zip(row, widths, strict=True)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
