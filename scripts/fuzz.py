"""Fuzz argmap's readers for a long time: the suite's fuzz properties with a large example budget.

Run from the repository root (hypothesis is a test dependency)::

    .venv/bin/python scripts/fuzz.py                      # 20,000 examples per property
    .venv/bin/python scripts/fuzz.py --examples 200000    # overnight
    .venv/bin/python scripts/fuzz.py -k mutated           # only properties whose name has "mutated"
    .venv/bin/python scripts/fuzz.py --format argdown     # per-format properties for Argdown only

Each property must only ever see an ``ArgmapError`` (or a map); anything else is a bug, and
hypothesis prints the smallest input that shows it. Every example also runs under a wall-clock
bound (``--timeout`` seconds), so a hang is reported as a failure instead of stalling the run.
Found examples are kept in ``.hypothesis/`` and replayed first next time.
"""

from __future__ import annotations

import argparse
import signal
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]


class Hang(Exception):  # noqa: N818  # the name is what it reports
    """One example ran past the time bound."""


@contextmanager
def bounded(seconds: float) -> Iterator[None]:
    """Raise Hang in the block after ``seconds`` of wall time (POSIX; unbounded elsewhere)."""
    if not hasattr(signal, "SIGALRM"):
        yield
        return

    def alarm(signum: int, frame: Any) -> None:
        del signum, frame
        raise Hang(f"an example ran for more than {seconds} s")

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def main(argv: list[str] | None = None) -> int:
    """Run every fuzz property of tests/formats/test_fuzz.py with the given budget."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=20_000, help="examples per property")
    parser.add_argument("--timeout", type=float, default=10.0, help="seconds one example may take")
    parser.add_argument("-k", default="", help="run only properties whose name contains this")
    parser.add_argument(
        "--format", default="", help="in properties run once per format, run only this one (e.g. argdown)"
    )
    args = parser.parse_args(argv)

    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(ROOT / "tests" / "formats"))
    from hypothesis import HealthCheck, settings  # noqa: PLC0415

    # A profile, loaded before the properties are decorated, so their own settings build on it.
    settings.register_profile(
        "fuzz", max_examples=args.examples, deadline=None, suppress_health_check=list(HealthCheck)
    )
    settings.load_profile("fuzz")
    import test_fuzz  # type: ignore[import-not-found]  # noqa: PLC0415

    properties: list[tuple[str, Callable[..., Any]]] = [
        (name, function)
        for name, function in vars(test_fuzz).items()
        if name.startswith("test_") and hasattr(function, "hypothesis") and args.k in name
    ]
    failures = 0
    for name, prop in properties:
        inner = prop.hypothesis.inner_test

        def timed(*a: Any, inner: Callable[..., Any] = inner, **k: Any) -> None:
            with bounded(args.timeout):
                inner(*a, **k)

        prop.hypothesis.inner_test = timed
        runs = _runs(name, prop, args.format)
        start = time.perf_counter()
        for label, call in runs:
            print(f"{label} ...", end=" ", flush=True)
            try:
                call()
            except Exception as error:  # noqa: BLE001  # report every property, then fail
                failures += 1
                print(f"FAILED: {type(error).__name__}: {error}")
            else:
                print(f"ok ({time.perf_counter() - start:.0f} s)")
    print(f"{len(properties)} properties, {failures} failed")
    return 1 if failures else 0


def _runs(name: str, prop: Callable[..., Any], only: str = "") -> list[tuple[str, Callable[[], None]]]:
    """Return the calls that run ``prop``: one per format (or only ``only``) where it is parametrized."""
    import inspect  # noqa: PLC0415
    import tempfile  # noqa: PLC0415

    parameters = inspect.signature(prop).parameters
    for mark in getattr(prop, "pytestmark", []):
        if mark.name == "parametrize" and mark.args[0] == "form":
            forms = [form for form in mark.args[1] if not only or form == only]
            return [(f"{name}[{form}]", lambda form=form: prop(form=form)) for form in forms]
    if "tmp_path_factory" in parameters:

        class _Factory:
            def mktemp(self, prefix: str) -> Path:
                return Path(tempfile.mkdtemp(prefix=prefix))

        return [(name, lambda: prop(tmp_path_factory=_Factory()))]
    return [(name, prop)]


if __name__ == "__main__":
    raise SystemExit(main())
