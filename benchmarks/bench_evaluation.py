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
import contextlib
import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from argmap.errors import EvaluationError
from argmap.evaluation import Status, evaluate, grounded
from argmap.evaluation import compiled as framework_module
from argmap.evaluation.compiled import CompiledMap, compile_map
from argmap.evaluation.dung import grounded_labelling
from argmap.formats import iccma
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


LAST_CPU: list[float] = [0.0]
"""The median CPU time of the last ``median_time`` call (this machine is noisy: compare both)."""


def median_time(function: Callable[[], Any], repeat: int) -> float:
    """Return the median wall time of ``function`` over ``repeat`` runs, in seconds.

    The median process CPU time of the same runs is left in ``LAST_CPU[0]``.
    """
    times = []
    cpu = []
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        function()
        times.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    LAST_CPU[0] = statistics.median(cpu)
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


def parse_framework(text: str, suffix: str) -> tuple[list[str], list[tuple[str, str]]]:
    """Read an apx or i23 text into argument names and attack pairs (a tiny shared parser)."""
    if suffix == ".af":
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


def ms_cpu(seconds: float | None) -> str:
    """Format a wall time and the CPU time just measured as ``wall/cpu`` milliseconds."""
    return "—" if seconds is None else f"{seconds * 1000:.3f}/{LAST_CPU[0] * 1000:.3f}"


def table(title: str, header: list[str], rows: list[list[str]]) -> None:
    """Print a plain-text table."""
    widths = [max(len(str(r[k])) for r in [header, *rows]) for k in range(len(header))]
    print(f"\n{title}")
    print("  ".join(h.rjust(w) for h, w in zip(header, widths, strict=True)))
    for row in rows:
        print("  ".join(str(c).rjust(w) for c, w in zip(row, widths, strict=True)))


def fresh_compile(argument_map: ArgumentMap) -> CompiledMap:
    """Compile a map as compile_map() does on first use, bypassing its cache.

    Older versions paused the garbage collector around compiling; where the framework module
    still has that helper, it is used, so a before/after comparison measures what users got.
    """
    paused = getattr(framework_module, "paused_gc", contextlib.nullcontext)
    with paused():
        return CompiledMap(argument_map)


def bench_generated(sizes: list[int]) -> None:
    """Grounded on generated maps: compiling, propagation alone, a full evaluation, a toggle."""
    rows = []
    for n in sizes:
        argument_map = generated_map(n)
        compiled = compile_map(argument_map)
        compile_s = timed(lambda m=argument_map: fresh_compile(m))
        compile_col = ms_cpu(compile_s)
        evidence = [s.id for s in argument_map.evidence]
        full = timed(lambda m=argument_map: evaluate(m))
        full_col = ms_cpu(full)
        propagate = timed(lambda c=compiled: grounded_labelling(c.succ, c.indeg))
        propagate_col = ms_cpu(propagate)
        middle = evidence[len(evidence) // 2]
        toggle = timed(lambda m=argument_map, e=middle: evaluate(m, off={e}))
        rows.append(
            [
                f"{n:,}",
                f"{len(argument_map.arguments):,}",
                f"{len(compiled.succ):,}",
                compile_col,
                propagate_col,
                full_col,
                ms_cpu(toggle),
                f"{compile_s / n * 1e6:.2f}",
                f"{propagate / n * 1e6:.2f}",
                f"{full / n * 1e6:.2f}",
            ]
        )
    table(
        "Grounded on generated maps (ms, medians, wall/CPU; the last three columns are µs of wall"
        " time per statement: constant means linear growth)",
        [
            "statements",
            "arguments",
            "nodes",
            "compile",
            "propagate",
            "evaluate",
            "toggle",
            "compile/st",
            "propagate/st",
            "evaluate/st",
        ],
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
        rows.append([semantics, ms_cpu(seconds), f"{seconds / grounded_s:.2f}"])
    table(
        "One toggle on a 1,000-statement map (ms, wall/CPU; target < 5 ms)",
        ["semantics", "toggle", "vs grounded"],
        rows,
    )


PeerRun = Callable[[str, Path], Callable[[], Any]]


def peers() -> dict[str, PeerRun]:
    """Return the installed peers, each as prepare(text, path) -> run; run() parses ``text`` and labels it."""
    found: dict[str, PeerRun] = {}
    try:
        from argumentation.core.dung import (  # type: ignore[import-not-found]  # noqa: PLC0415
            grounded_extension,
        )
        from argumentation.interop import iccma as formal_iccma  # type: ignore[import-not-found]  # noqa: PLC0415

        def formal(text: str, path: Path) -> Callable[[], Any]:
            # Its own readers: parse_af (i23), parse_apx, parse_tgf; each builds the framework.
            reader = {".af": formal_iccma.parse_af, ".tgf": formal_iccma.parse_tgf}.get(
                path.suffix, formal_iccma.parse_apx
            )
            return lambda: grounded_extension(reader(text))

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

        def pyarg(text: str, path: Path) -> Callable[[], Any]:
            # Its ICCMA 2023 reader takes `#` name lines for attacks, so all its inputs go
            # through the shared tiny parser, timed with the rest.
            def run() -> Any:
                names, attacks = parse_framework(text, path.suffix)
                objects = {name: PyArgArgument(name) for name in names}
                defeats = [Defeat(objects[x], objects[y]) for x, y in attacks]
                return get_grounded_extension(
                    AbstractArgumentationFramework("af", list(objects.values()), defeats)
                )

            return run

        found["python-argumentation"] = pyarg
    except ImportError:
        print("python-argumentation is not installed here (pip install it into a throwaway venv to compare)")
    return found


def bench_iccma(pyarg_max: int) -> None:
    """Grounded on ICCMA instances, from the file's text to the labels, for argmap and the peers."""
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
        text = path.read_text()
        dialect = iccma.detect(text)
        framework = iccma.load_framework(text, dialect=dialect)
        expected = len(grounded(framework))
        succ: list[list[int]] = [[] for _ in range(len(framework.arguments) + 1)]
        indeg = [0] * len(succ)
        indeg[0] = 1  # node 0 is no argument: a phantom attacker keeps it undecided
        numbers = framework.attack_numbers
        for x, y in zip(numbers[0::2], numbers[1::2], strict=True):
            succ[x].append(y)
            indeg[y] += 1
        label_only = timed(lambda s=succ, d=indeg: grounded_labelling(s, d))
        fast = timed(lambda t=text, d=dialect: grounded(iccma.load_framework(t, dialect=d)))

        def via_map(t: str = text, d: str = dialect) -> Any:
            return evaluate(iccma.loads(t, dialect=d))

        in_map = sum(status is Status.IN for status in via_map().statuses.values())
        as_map = timed(via_map)
        args = len(framework.arguments)
        row = [Path(name).stem, f"{args:,}", f"{len(framework.attack_numbers) // 2:,}"]
        row += [ms(label_only), ms(fast), ms(as_map)]
        faster: float | None = None
        for peer, prepare in available.items():
            if peer in skipped or (peer == "python-argumentation" and args > pyarg_max):
                row += ["skipped", ""]
                continue
            run = prepare(text, path)
            result = run()
            if len(result) != expected or in_map != expected:
                sizes = f"argmap {expected}, via map {in_map}, {peer} {len(result)}"
                print(f"warning: {path.name}: the grounded extensions differ in size: {sizes}")
            probe = median_time(run, 1)
            seconds = probe if probe > PEER_BUDGET / 3 else median_time(run, repeats_for(probe))
            if probe > PEER_BUDGET:
                skipped.add(peer)
            faster = seconds if faster is None else min(faster, seconds)
            row += [ms(seconds), f"{seconds / fast:.1f}×"]
        rows.append(row)
    header = ["instance", "args", "attacks", "label only", "argmap", "argmap via map"]
    for peer in available:
        header += [peer, "ratio"]
    table(
        "Grounded on ICCMA instances, from the file's text to the grounded labels (ms, medians).\n"
        "'label only' = argmap's propagation on ready integer attack lists (no parsing);\n"
        "'argmap' = iccma.load_framework(text) + evaluation.grounded(); 'argmap via map' =\n"
        "iccma.loads(text) (a full ArgumentMap) + evaluate(). formal-argumentation: its own reader\n"
        "(argumentation.interop.iccma.parse_af / parse_apx) + grounded_extension; python-argumentation:\n"
        "the shared tiny parser in this script + building its framework + get_grounded_extension.\n"
        "ratio = peer / 'argmap'; everyone starts from the same str already read from disk.",
        header,
        rows,
    )


def cycles_map(pairs: int) -> ArgumentMap:
    """Return a map of ``pairs`` independent pairs of claims that rebut each other."""
    statements = []
    arguments = []
    for k in range(pairs):
        statements += [
            Claim(id=f"a{k}", text=f"A{k}", assumed=True),
            Claim(id=f"b{k}", text=f"B{k}", assumed=True),
        ]
        arguments += [
            Argument(id=f"x{k}", conclusion=f"b{k}", premises=(f"a{k}",), stance="con"),
            Argument(id=f"y{k}", conclusion=f"a{k}", premises=(f"b{k}",), stance="con"),
        ]
    return ArgumentMap(title="cycles", statements=tuple(statements), arguments=tuple(arguments))


def chain_map(length: int) -> ArgumentMap:
    """Return a map of ``length`` claims in a row, each rebutting its neighbours (one connected part)."""
    statements = [Claim(id=f"c{k}", text=f"C{k}", assumed=True) for k in range(length)]
    arguments = []
    for k in range(length - 1):
        arguments += [
            Argument(id=f"x{k}", conclusion=f"c{k + 1}", premises=(f"c{k}",), stance="con"),
            Argument(id=f"y{k}", conclusion=f"c{k}", premises=(f"c{k + 1}",), stance="con"),
        ]
    return ArgumentMap(title="chain", statements=tuple(statements), arguments=tuple(arguments))


def bench_preferred(pairs: list[int]) -> None:
    """Preferred and stable on independent two-cycles (2**pairs labellings), and on a seminar map."""
    rows = []
    cases = [(f"{k} independent 2-cycles", cycles_map(k)) for k in pairs]
    cases.append(("chain of 25 rebutting claims", chain_map(25)))
    cases.append(("generated map, 60 statements", generated_map(60)))
    for name, argument_map in cases:
        for semantics in ("preferred", "stable"):

            def run(m: ArgumentMap = argument_map, s: str = semantics) -> str:
                try:
                    try:
                        ev = evaluate(m, s, timeout=None)
                    except TypeError:  # a version without the timeout option
                        ev = evaluate(m, s)
                except EvaluationError as error:
                    return f"error: {str(error)[:50]}"
                return str(getattr(ev, "extensions", "?"))

            start, start_cpu = time.perf_counter(), time.process_time()
            outcome = run()
            first, first_cpu = time.perf_counter() - start, time.process_time() - start_cpu
            if first < 1.0:
                first = median_time(run, repeats_for(first))
                first_cpu = LAST_CPU[0]
            rows.append([name, semantics, f"{first * 1000:.1f}/{first_cpu * 1000:.1f}", outcome])
    table(
        "Preferred/stable statuses of a map (ms, wall/CPU, one run if over 1 s; labellings counted)",
        ["map", "semantics", "time", "labellings"],
        rows,
    )


def main(argv: list[str] | None = None) -> int:
    """Run the benchmarks and print the tables."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,1000,10000,50000,100000", help="generated map sizes")
    parser.add_argument("--no-iccma", action="store_true", help="skip the ICCMA instances")
    parser.add_argument("--pairs", default="10,30", help="independent 2-cycles for preferred/stable")
    parser.add_argument("--no-preferred", action="store_true", help="skip preferred/stable")
    parser.add_argument(
        "--pyarg-max-args",
        type=int,
        default=1000,
        metavar="N",
        help="run python-argumentation only on instances of at most N arguments (it takes ~90 s at 1,000)",
    )
    args = parser.parse_args(argv)
    print(f"Python {sys.version.split()[0]}")
    bench_generated([int(s) for s in args.sizes.split(",")])
    bench_toggles()
    if not args.no_preferred:
        bench_preferred([int(k) for k in args.pairs.split(",")])
    if not args.no_iccma:
        bench_iccma(args.pyarg_max_args)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
