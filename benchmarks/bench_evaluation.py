"""Benchmark evaluation: grounded on generated maps and ICCMA instances, toggles, peer libraries.

Run from the repository root::

    .venv/bin/python benchmarks/bench_evaluation.py            # argmap only
    PYTHONPATH=. /tmp/benchvenv/bin/python benchmarks/bench_evaluation.py   # with the peers

The peers (python-argumentation, formal-argumentation) belong in a throwaway venv, never in
.venv or pyproject; the script says when they are absent. All times are medians; ratios are
against anchors measured in the same run, which is what to compare across machines.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from argmap.evaluation import evaluate
from argmap.evaluation.dung import grounded_labelling
from argmap.evaluation.framework import compile_map
from argmap.model import Argument, ArgumentMap, Claim, Evidence, Position, Question, Source

ROOT = Path(__file__).resolve().parents[1]
ICCMA = ROOT / ".." / "shared" / "corpora" / "iccma" / "instances"
INSTANCES = [
    "apx-aspartix-tests/traffic11.apx",
    "apx-assat-unittests/input0001.dl",
    "i23-iccma23/admbuster_1000.af",
    "i23-iccma23/admbuster_8000.af",
    "i23-iccma23/admbuster_10000.af",
    "i23-iccma23/admbuster_50000.af",
]
PEER_BUDGET = 10.0  # seconds: a peer slower than this on one instance is skipped on larger ones


def median_time(function: Callable[[], Any], repeat: int) -> float:
    """Return the median wall time of ``function`` over ``repeat`` runs, in seconds."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def repeats_for(seconds: float) -> int:
    """Return how many runs to take after a probe run of ``seconds``."""
    if seconds < 0.01:
        return 21
    if seconds < 0.1:
        return 9
    return 5 if seconds < 1.0 else 3


def timed(function: Callable[[], Any]) -> float:
    """Probe once, then return the median over a number of runs that suits the probe."""
    probe = median_time(function, 1)
    return median_time(function, repeats_for(probe))


def generated_map(n: int, seed: int = 1) -> ArgumentMap:
    """Return a map of ``n`` statements shaped like a seminar map: evidence under claims under positions.

    Two positions answer one question; 40 % of the rest are claims that support or rebut an
    earlier claim or position (10 % with two linked premises), 60 % are evidence supporting a
    claim; 5 % of claims undercut an argument and 2 % rebut a claim back (cycles).
    """
    rng = random.Random(seed)
    statements: list[Any] = [
        Question(id="q", text="Question"),
        Position(id="p0", text="Position 0", answers="q"),
        Position(id="p1", text="Position 1", answers="q"),
    ]
    arguments: list[Argument] = []
    claims = ["p0", "p1"]
    for k in range(n - 3):
        if k < 10 or rng.random() < 0.4:
            cid = f"c{k}"
            statements.append(Claim(id=cid, text=f"claim {k}"))
            target = rng.choice(claims)
            premises: tuple[str, ...] = (cid,)
            if rng.random() < 0.1 and len(claims) > 3:
                other = rng.choice(claims)
                if other not in (cid, target):
                    premises = (cid, other)
            stance = "pro" if rng.random() < 0.6 else "con"
            arguments.append(
                Argument(id=f"a{len(arguments)}", conclusion=target, premises=premises, stance=stance)
            )
            if rng.random() < 0.05 and arguments:
                victim = rng.randrange(len(arguments))
                a = arguments[victim]
                if cid not in a.premises and a.conclusion != cid:
                    arguments[victim] = Argument(
                        id=a.id,
                        conclusion=a.conclusion,
                        premises=a.premises,
                        stance=a.stance,
                        undercutters=(*a.undercutters, cid),
                    )
            if rng.random() < 0.02 and target not in ("p0", "p1"):
                arguments.append(
                    Argument(id=f"a{len(arguments)}", conclusion=cid, premises=(target,), stance="con")
                )
            claims.append(cid)
        else:
            eid = f"e{k}"
            statements.append(
                Evidence(id=eid, quote=f"quote {k}", source="s", weight=rng.choice([None, 0.4, 0.8]))
            )
            target = rng.choice(claims[2:])
            arguments.append(Argument(id=f"a{len(arguments)}", conclusion=target, premises=(eid,)))
    return ArgumentMap(
        title="generated",
        sources=(Source(id="s", title="Source"),),
        statements=tuple(statements),
        arguments=tuple(arguments),
    )


def parse_framework(path: Path) -> tuple[list[str], list[tuple[str, str]]]:
    """Read an apx or i23 file into argument names and attack pairs (a tiny local parser)."""
    text = path.read_text()
    if path.suffix == ".af":
        lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
        count = int(lines[0].split()[2])
        attacks = []
        for line in lines[1:]:
            x, y = line.split()
            attacks.append((x, y))
        return [str(i) for i in range(1, count + 1)], attacks
    names: list[str] = []
    attacks = []
    for raw in text.replace("\n", " ").split("."):
        fact = raw.strip()
        if fact.startswith("arg("):
            names.append(fact[4:-1].strip())
        elif fact.startswith("att("):
            x, y = fact[4:-1].split(",")
            attacks.append((x.strip(), y.strip()))
    return names, attacks


def ms(seconds: float | None) -> str:
    """Format seconds as milliseconds."""
    return "—" if seconds is None else f"{seconds * 1000:.3f}"


def table(title: str, header: list[str], rows: list[list[str]]) -> None:
    """Print a plain-text table."""
    widths = [max(len(str(r[k])) for r in [header, *rows]) for k in range(len(header))]
    print(f"\n{title}")
    print("  ".join(h.rjust(w) for h, w in zip(header, widths, strict=True)))
    for row in rows:
        print("  ".join(str(c).rjust(w) for c, w in zip(row, widths, strict=True)))


def bench_generated(sizes: list[int]) -> None:
    """Grounded on generated maps: compile once, full evaluation, propagation alone, a toggle."""
    rows = []
    anchor: float | None = None
    for n in sizes:
        argument_map = generated_map(n)
        start = time.perf_counter()
        compiled = compile_map(argument_map)
        compile_s = time.perf_counter() - start
        evidence = [s.id for s in argument_map.evidence]
        full = timed(lambda m=argument_map: evaluate(m))
        propagate = timed(lambda c=compiled: grounded_labelling(c.succ, c.indeg))
        middle = evidence[len(evidence) // 2]
        toggle = timed(lambda m=argument_map, e=middle: evaluate(m, off={e}))
        anchor = anchor if anchor is not None else propagate / n
        rows.append(
            [
                f"{n:,}",
                f"{len(argument_map.arguments):,}",
                f"{len(compiled.succ):,}",
                ms(compile_s),
                ms(propagate),
                ms(full),
                ms(toggle),
                f"{propagate / n / anchor:.2f}",
            ]
        )
    table(
        "Grounded on generated maps (ms; 'per-stmt' = propagation time per statement relative to the"
        " smallest map: ~1 means linear growth)",
        ["statements", "arguments", "nodes", "compile", "propagate", "evaluate", "toggle", "per-stmt"],
        rows,
    )


def bench_toggles() -> None:
    """Re-evaluation after one toggle on a 1,000-statement map, per semantics."""
    argument_map = generated_map(1000)
    evidence = [s.id for s in argument_map.evidence]
    rows = []
    grounded_s = 0.0
    for semantics in ("grounded", "df-quad"):
        evaluate(argument_map, semantics)  # compile and plan once, as a live widget would
        cycle = iter(evidence * 1000)

        def toggle(semantics: str = semantics, cycle: Any = cycle) -> None:
            evaluate(argument_map, semantics, off={next(cycle)})

        seconds = timed(toggle)
        grounded_s = grounded_s or seconds
        rows.append([semantics, ms(seconds), f"{seconds / grounded_s:.2f}"])
    table(
        "One toggle on a 1,000-statement map (ms; target < 5 ms)",
        ["semantics", "toggle", "vs grounded"],
        rows,
    )


def peers() -> dict[str, Callable[[list[str], list[tuple[str, str]]], Callable[[], Any]]]:
    """Return the peer libraries that are installed, each as build(names, attacks) -> run."""
    found: dict[str, Callable[[list[str], list[tuple[str, str]]], Callable[[], Any]]] = {}
    try:
        from argumentation.core.dung import (  # type: ignore[import-not-found]  # noqa: PLC0415
            ArgumentationFramework,
            grounded_extension,
        )

        def formal(names: list[str], attacks: list[tuple[str, str]]) -> Callable[[], Any]:
            af = ArgumentationFramework(arguments=frozenset(names), defeats=frozenset(attacks))
            return lambda: grounded_extension(af)

        found["formal-argumentation"] = formal
    except ImportError:
        print("formal-argumentation is not installed here (pip install it into a throwaway venv to compare)")
    try:
        from py_arg.abstract_argumentation_classes.abstract_argumentation_framework import (  # type: ignore[import-not-found]  # noqa: PLC0415
            AbstractArgumentationFramework,
        )
        from py_arg.abstract_argumentation_classes.argument import Argument as PyArgArgument  # noqa: PLC0415
        from py_arg.abstract_argumentation_classes.defeat import Defeat  # noqa: PLC0415
        from py_arg.algorithms.semantics.get_grounded_extension import get_grounded_extension  # noqa: PLC0415

        def pyarg(names: list[str], attacks: list[tuple[str, str]]) -> Callable[[], Any]:
            objects = {name: PyArgArgument(name) for name in names}
            defeats = [Defeat(objects[x], objects[y]) for x, y in attacks]
            af = AbstractArgumentationFramework("af", list(objects.values()), defeats)
            return lambda: get_grounded_extension(af)

        found["python-argumentation"] = pyarg
    except ImportError:
        print("python-argumentation is not installed here (pip install it into a throwaway venv to compare)")
    return found


def bench_iccma() -> None:
    """Grounded on ICCMA instances: argmap's labelling, argmap via a map, and the peers."""
    if not ICCMA.is_dir():
        print(f"\nICCMA corpus not found at {ICCMA}; skipping the instance table")
        return
    available = peers()
    skipped: set[str] = set()
    rows = []
    for name in INSTANCES:
        path = ICCMA / name
        if not path.is_file():
            continue
        names, attacks = parse_framework(path)
        position = {a: i for i, a in enumerate(names)}
        succ: list[list[int]] = [[] for _ in names]
        indeg = [0] * len(names)
        for x, y in attacks:
            succ[position[x]].append(position[y])
            indeg[position[y]] += 1
        ours = timed(lambda s=succ, d=indeg: grounded_labelling(s, d))
        as_map = ArgumentMap(
            title=name,
            statements=tuple(Claim(id=a, text=a) for a in names),
            arguments=tuple(
                Argument(id=f"{x}->{y}", conclusion=y, premises=(x,), stance="con")
                for x, y in attacks
                if x != y
            ),
        )
        evaluate(as_map)
        via_map = timed(lambda m=as_map: evaluate(m))
        row = [Path(name).stem, f"{len(names):,}", f"{len(attacks):,}", ms(ours), ms(via_map)]
        for peer, build in available.items():
            if peer in skipped:
                row += ["skipped", ""]
                continue
            run = build(names, attacks)
            probe = median_time(run, 1)
            seconds = probe if probe > PEER_BUDGET / 3 else median_time(run, repeats_for(probe))
            if probe > PEER_BUDGET:
                skipped.add(peer)
            row += [ms(seconds), f"{seconds / ours:.1f}×"]
        rows.append(row)
    header = ["instance", "args", "attacks", "argmap", "as map"]
    for peer in available:
        header += [peer, "ratio"]
    table(
        "Grounded on ICCMA instances (ms; 'argmap' = labelling on integer adjacency, 'as map' = evaluate()"
        " on the instance read as a map; ratio = peer / argmap)",
        header,
        rows,
    )


def main(argv: list[str] | None = None) -> int:
    """Run the benchmarks and print the tables."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,1000,10000,50000,100000", help="generated map sizes")
    parser.add_argument("--no-iccma", action="store_true", help="skip the ICCMA instances")
    args = parser.parse_args(argv)
    print(f"Python {sys.version.split()[0]}")
    bench_generated([int(s) for s in args.sizes.split(",")])
    bench_toggles()
    if not args.no_iccma:
        bench_iccma()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
