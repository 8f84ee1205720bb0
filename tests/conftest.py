"""Shared test set-up: hypothesis profiles, the shared corpora, the golden-file switch."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

REPO = Path(__file__).resolve().parents[1]
SHARED = (REPO / ".." / "shared").resolve()

# quick: a local edit-test loop (HYPOTHESIS_PROFILE=quick); ci: the thorough run CI makes.
settings.register_profile("quick", max_examples=10, deadline=None)
settings.register_profile("default", max_examples=60, deadline=None)
settings.register_profile("ci", max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("ci" if os.environ.get("CI") else os.environ.get("HYPOTHESIS_PROFILE", "default"))


def pytest_addoption(parser: pytest.Parser) -> None:
    """Add ``--update-golden``: rewrite golden files instead of comparing against them."""
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="rewrite tests/golden files from the current output (look at the new SVGs first)",
    )


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    """Whether golden files are being rewritten in this run."""
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture(scope="session")
def repo() -> Path:
    """The repository root."""
    return REPO


@pytest.fixture(scope="session")
def shared() -> Path:
    """The read-only ../shared folder; tests that need it skip where it is absent (a user's clone)."""
    if not SHARED.is_dir():
        pytest.skip("../shared (corpora, seeds) is not beside this clone; CI always has it")
    return SHARED


@pytest.fixture
def embedded() -> str:
    """The embedded engine's name for render() and --engine; skips without graphviz-pure."""
    from argmap.errors import ArgmapError  # noqa: PLC0415
    from argmap.rendering.engine import find_engine  # noqa: PLC0415

    try:
        find_engine("embedded")
    except ArgmapError:
        pytest.skip("graphviz-pure is not installed")
    return "embedded"


@pytest.fixture
def system_dot() -> str:
    """The system engine's name for render() and --engine; skips without a system dot."""
    if shutil.which("dot") is None:
        pytest.skip("no system Graphviz `dot` on PATH")
    return "system"
