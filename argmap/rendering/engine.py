"""Find the Graphviz layout engine and run it: the only module that starts a process.

Resolution for ``engine="auto"`` (the default): the ``ARGMAP_DOT`` environment variable if set,
then the embedded engine from the ``graphviz-pure`` wheel, then a system ``dot``. The embedded
engine comes first because it gives the same SVG on every machine. ``engine="embedded"`` and
``engine="system"`` ask for one of them only.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sysconfig
from pathlib import Path
from typing import Final

from argmap.errors import GraphvizNotFoundError, RenderError

__all__ = ["ENGINES", "FORMATS", "TIMEOUT", "find_engine", "layout"]

ENGINES: Final = ("auto", "embedded", "system")
FORMATS: Final = ("svg", "png", "pdf")
TIMEOUT: Final = 120.0
"""Seconds a layout may take before it is stopped; a 5,000-statement map needs about a minute."""

_EMBEDDED: Final = "graphviz-pure"
_INSTALL_HINT: Final = (
    "reinstall argmap with `pip install --force-reinstall graphviz-pure`, install Graphviz"
    " (e.g. `apt-get install graphviz`), or set ARGMAP_DOT to a dot executable"
)


def _embedded() -> Path | None:
    name = _EMBEDDED + (".exe" if os.name == "nt" else "")
    # An unactivated venv's scripts folder is not on PATH, so look there first.
    candidate = Path(sysconfig.get_path("scripts")) / name
    if candidate.is_file():
        return candidate
    found = shutil.which(_EMBEDDED)
    return Path(found) if found else None


def _system() -> Path | None:
    found = shutil.which("dot")
    return Path(found) if found else None


def find_engine(engine: str = "auto") -> Path:
    """Return the path of the Graphviz executable to run for ``engine``."""
    if engine not in ENGINES:
        raise RenderError(f"render: unknown engine: {engine!r} (use one of {', '.join(ENGINES)})")
    if engine == "auto":
        override = os.environ.get("ARGMAP_DOT")
        if override:
            path = Path(override)
            if not (path.is_file() and os.access(path, os.X_OK)):
                raise GraphvizNotFoundError(
                    f"render: ARGMAP_DOT does not name an executable: {override!r}"
                    " (point it at a dot or graphviz-pure binary, or unset it)"
                )
            return path
        found = _embedded() or _system()
        if found is None:
            raise GraphvizNotFoundError(f"render: no Graphviz engine found ({_INSTALL_HINT})")
        return found
    if engine == "embedded":
        found = _embedded()
        if found is None:
            raise GraphvizNotFoundError(
                "render: the embedded engine graphviz-pure is not installed"
                " (`pip install graphviz-pure`, or use engine='system')"
            )
        return found
    found = _system()
    if found is None:
        raise GraphvizNotFoundError(
            "render: no system Graphviz `dot` on PATH"
            " (install Graphviz, e.g. `apt-get install graphviz`, or use engine='embedded')"
        )
    return found


def layout(dot: str, fmt: str = "svg", *, engine: str = "auto", timeout: float = TIMEOUT) -> bytes:
    """Run Graphviz on ``dot`` and return the output in ``fmt`` (svg, png or pdf)."""
    if fmt not in FORMATS:
        raise RenderError(f"render: unknown output format: {fmt!r} (use one of {', '.join(FORMATS)})")
    executable = find_engine(engine)
    if fmt == "pdf" and executable.name.startswith(_EMBEDDED):
        raise RenderError(
            "render: the embedded engine cannot write PDF"
            " (install Graphviz and use engine='system' / --engine system, or save as .svg or .png)"
        )
    try:
        done = subprocess.run(
            [str(executable), f"-T{fmt}"],
            input=dot.encode("utf-8"),
            capture_output=True,
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise RenderError(
            f"render: Graphviz ({executable}) took longer than {timeout:g} s"
            " (split the map, switch off the legend, or pass a larger timeout)"
        ) from None
    except OSError as error:
        raise GraphvizNotFoundError(
            f"render: cannot run Graphviz: {executable}: {error.strerror} ({_INSTALL_HINT})"
        ) from None
    if done.returncode != 0 or not done.stdout:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        detail = "; ".join(line for line in message if line)[-500:] or f"exit status {done.returncode}"
        raise RenderError(
            f"render: Graphviz ({executable.name}) failed: {detail}"
            " (this is a bug in argmap if the map loads: please report it with the map)"
        )
    return done.stdout
