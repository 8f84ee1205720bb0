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
for detail in ("full", "compact", "outline"):
    for semantics in (None, "grounded", "df-quad"):
        off = ["ev-trade"] if semantics else ()
        diagram = render(argument_map, semantics, off=off, engine="embedded", detail=detail)
        dot, svg = diagram.dot.encode(), diagram.svg.encode()
        print(detail, hashlib.sha256(dot).hexdigest(), hashlib.sha256(svg).hexdigest())
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
    """Processes with different hash seeds write byte-identical DOT and SVG of the example, at every level."""
    first, second = run("1"), run("4242")
    assert len(first.splitlines()) == 9
    assert first == second
