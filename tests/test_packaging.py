"""The wheel ships what argmap needs at run time, and nothing from the test corpora."""

from __future__ import annotations

import subprocess
import sys
import zipfile

import pytest


@pytest.fixture(scope="module")
def wheel_names(tmp_path_factory, repo) -> list[str]:
    """Build the wheel once; return the names of the files in it."""
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(out),
            str(repo),
        ],
        check=True,
        capture_output=True,
    )
    (wheel,) = out.glob("argmap-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        return archive.namelist()


@pytest.mark.slow
def test_wheel_contains_package_data(wheel_names):
    """py.typed, the JSON Schema, the example map and the widget's ESM are in the wheel."""
    for name in (
        "argmap/py.typed",
        "argmap/schema/argmap-1.schema.json",
        "argmap/examples/alliance.yaml",
        "argmap/widgets/static/explorer.js",
        "argmap/widgets/static/explorer.css",
    ):
        assert name in wheel_names, f"{name} missing from the wheel"


@pytest.mark.slow
def test_wheel_ships_no_tests_corpora_or_seeds(wheel_names):
    """Corpora, tests and the seed article stay out of the wheel (licences differ)."""
    leaked = [n for n in wheel_names if n.startswith(("tests/", "seeds/", "benchmarks/")) or "corpora" in n]
    assert leaked == []
