"""Rendering is deterministic across processes: the same map gives the same DOT and SVG bytes.

Each run is a fresh interpreter with its own PYTHONHASHSEED, so any order that comes from hashing
(sets, dicts filled from sets) would show up as a difference between the runs.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "alliance.yaml"

SCRIPT = """\
import hashlib, sys
import argmap
from argmap.rendering import render
argument_map = argmap.load(sys.argv[1])
for semantics in (None, "grounded", "df-quad"):
    diagram = render(argument_map, semantics, off=["ev-trade"] if semantics else (), engine="embedded")
    print(hashlib.sha256(diagram.dot.encode()).hexdigest(), hashlib.sha256(diagram.svg.encode()).hexdigest())
"""


def run(seed: str) -> str:
    """Render the example in a fresh interpreter with ``PYTHONHASHSEED=seed``; return the digests."""
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(EXAMPLE)],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "PYTHONHASHSEED": seed},
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.mark.requires_dot
@pytest.mark.usefixtures("embedded", "alliance")
def test_dot_and_svg_bytes_do_not_depend_on_the_hash_seed():
    """Two processes with different hash seeds write byte-identical DOT and SVG of the example."""
    first, second = run("1"), run("4242")
    assert len(first.splitlines()) == 3
    assert first == second
