"""Start-up of the command line: wall and CPU time of `argmap` commands, and what they import.

Each command runs in a fresh process several times; the table gives medians of wall time and of
the child's CPU time (user + system), side by side, since this machine is noisy, and the least
CPU time of the runs (the steadiest figure when other work competes for the machine). With
``--imports`` it also lists, per command, how many argmap modules the process imported and the
cumulative ``-X importtime`` of ``argmap.cli`` and of the heavy packages (evaluation, rendering).

Run: ``.venv/bin/python benchmarks/bench_cli.py [--runs 15] [--imports] [--map PATH]``; to compare
with another checkout, run it there too with ``PYTHONPATH=<checkout>`` and the same ``--map``.
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "examples" / "alliance.yaml"


def commands(out: str, example: Path) -> dict[str, list[str]]:
    """The commands timed, by name (each an argv after ``python -m argmap``)."""
    return {
        "--help": ["--help"],
        "render --help": ["render", "--help"],
        "check": ["check", str(example)],
        "evaluate": ["evaluate", str(example)],
        "render -o x.svg": ["render", str(example), "-o", out],
        "render -o x.dot": ["render", str(example), "-o", out.replace(".svg", ".dot")],
    }


def timed(argv: list[str]) -> tuple[float, float]:
    """Run ``python -m argmap argv`` once; return its wall and CPU seconds."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "argmap", *argv],
        check=False,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def imports(argv: list[str]) -> tuple[int, dict[str, float]]:
    """Return how many argmap modules ``argv`` imports and the cumulative ms of a few of them."""
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "argmap", *argv],
        check=False,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
    )
    count = 0
    cumulative: dict[str, float] = {}
    for line in done.stderr.splitlines():
        match = re.match(r"import time:\s+(\d+) \|\s+(\d+) \|(\s*)(\S+)", line)
        if not match:
            continue
        name = match.group(4)
        if name == "argmap" or name.startswith("argmap."):
            count += 1
        if name in {"argmap", "argmap.cli", "argmap.evaluation", "argmap.rendering", "argmap.formats"}:
            cumulative[name] = int(match.group(2)) / 1000
    return count, cumulative


def main() -> None:
    """Print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--imports", action="store_true", help="also list what each command imports")
    parser.add_argument("--map", type=Path, default=EXAMPLE, help="the map to use (default: the example)")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        out = str(Path(folder) / "x.svg")
        header = f"{'command':<18} {'wall ms':>8} {'cpu ms':>8} {'cpu min':>8}"
        print(f"{header}   (medians of {options.runs}, and the least CPU)")
        for name, argv in commands(out, options.map).items():
            timed(argv)  # warm the page cache and bytecode
            runs = [timed(argv) for _ in range(options.runs)]
            wall = statistics.median(run[0] for run in runs) * 1000
            cpu = statistics.median(run[1] for run in runs) * 1000
            least = min(run[1] for run in runs) * 1000
            print(f"{name:<18} {wall:8.1f} {cpu:8.1f} {least:8.1f}")
        if options.imports:
            print("\ncommand            argmap modules  cumulative import ms")
            for name, argv in commands(out, options.map).items():
                count, cumulative = imports(argv)
                parts = ", ".join(f"{key} {value:.1f}" for key, value in sorted(cumulative.items()))
                print(f"{name:<18} {count:>14}  {parts}")


if __name__ == "__main__":
    main()
