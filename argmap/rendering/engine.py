"""Find the Graphviz layout engine and run it: the only module that starts a process.

Resolution for ``engine="auto"`` (the default): the ``ARGMAP_DOT`` environment variable if set,
then the embedded engine from the ``graphviz-pure`` wheel, then a system ``dot``. The embedded
engine comes first because it gives the same SVG on every machine; it cannot write PDF, for which
``auto`` uses a system ``dot``. ``engine="embedded"`` and ``engine="system"`` ask for one only.

The engine runs in its own process group, killed on a timeout, on Ctrl-C and SIGTERM, and (on
Linux) when argmap itself is killed; its output is checked complete before it is returned.
"""

from __future__ import annotations

import contextlib
import ctypes
import functools
import os
import shutil
import signal
import subprocess
import sys
import sysconfig
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Final

from argmap._text import suggest
from argmap.errors import GraphvizNotFoundError, RenderError

__all__ = ["ENGINES", "FORMATS", "TIMEOUT", "check_output", "find_engine", "layout"]

ENGINES: Final = ("auto", "embedded", "system")
FORMATS: Final = ("svg", "png", "pdf")
TIMEOUT: Final = 120.0
"""Seconds a layout may take before it is stopped; a 5,000-statement map needs about a minute."""

_EMBEDDED: Final = "graphviz-pure"
_PR_SET_PDEATHSIG: Final = 1
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
        raise RenderError(
            f"render: unknown engine: {engine!r}{suggest(engine, ENGINES)} (use one of {', '.join(ENGINES)})"
        )
    if engine == "auto":
        override = os.environ.get("ARGMAP_DOT")
        if override:
            # Absolute: a bare relative name ("x", "./x") would be looked up on PATH when run.
            path = Path(override).absolute()
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


def _pdf_engine(executable: Path, engine: str) -> Path:
    """Return the engine that writes PDF: the embedded one cannot, so ``auto`` falls back to ``dot``."""
    if not executable.name.startswith(_EMBEDDED):
        return executable
    if engine != "auto":
        raise RenderError(
            "render: the embedded engine cannot write PDF (use engine='auto' or 'system' /"
            " --engine auto with Graphviz installed, or save as .svg or .png)"
        )
    system = _system()
    if system is None:
        raise RenderError(
            "render: the embedded engine cannot write PDF and no system Graphviz `dot` was found"
            " (install Graphviz, e.g. `apt-get install graphviz`, or save as .svg or .png)"
        )
    return system


@functools.cache
def _prctl() -> Callable[..., int] | None:
    """Return libc's ``prctl``, looked up once in the parent (the child must not load libraries)."""
    try:
        function: Callable[..., int] = ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):
        return None
    return function


def _death_signal() -> Callable[[], None] | None:
    """Return what the child runs before exec so the kernel kills it when argmap dies, if safe.

    Only on Linux, and only with no other thread running: code between fork and exec in a
    threaded process (a Jupyter kernel) could deadlock. The process group covers the rest.
    """
    if not sys.platform.startswith("linux") or threading.active_count() > 1:
        return None
    prctl = _prctl()
    if prctl is None:
        return None

    def die_with_parent() -> None:
        prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)

    return die_with_parent


def _run(command: list[str], data: bytes, timeout: float) -> tuple[int, bytes, bytes]:
    """Run ``command`` on ``data`` in its own process group, which is killed if anything goes wrong.

    The group is killed on a timeout and on any exception here, including the KeyboardInterrupt
    or SystemExit that SIGINT and SIGTERM raise in the command line; on Linux, in a process with
    one thread (the command line), the child also dies with its parent if argmap is killed outright.
    """
    process = subprocess.Popen(  # a Graphviz executable, found above, no shell
        command,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=os.name == "posix",
        preexec_fn=_death_signal(),  # noqa: PLW1509  # one prctl call, single-threaded only
    )
    try:
        stdout, stderr = process.communicate(data, timeout=timeout)
    except BaseException:
        _kill(process)
        raise
    return process.returncode, stdout, stderr


def _kill(process: subprocess.Popen[bytes]) -> None:
    with contextlib.suppress(OSError):
        if os.name == "posix":
            os.killpg(process.pid, signal.SIGKILL)
        else:
            process.kill()
    with contextlib.suppress(Exception):
        process.communicate(timeout=5)


_PNG_END: Final = b"IEND\xaeB`\x82"


def check_output(output: bytes, fmt: str) -> str | None:
    """Return what is wrong with an engine's ``output`` in ``fmt``, or None when it is complete.

    Checked before anything is written, so a truncated picture never replaces a good file.
    """
    if fmt == "svg":
        try:
            text = output.decode("utf-8")
        except UnicodeDecodeError as error:
            return f"the SVG is not UTF-8 (byte {error.start})"
        if "<svg" not in text[:2000] or not text.rstrip().endswith("</svg>"):
            return "the SVG is incomplete (no <svg> element, or it does not end with </svg>)"
    elif fmt == "png":
        if not output.startswith(b"\x89PNG\r\n\x1a\n") or not output.endswith(_PNG_END):
            return "the PNG is incomplete"
    elif fmt == "pdf" and (not output.startswith(b"%PDF-") or b"%%EOF" not in output[-1024:]):
        return "the PDF is incomplete"
    return None


def layout(dot: str, fmt: str = "svg", *, engine: str = "auto", timeout: float = TIMEOUT) -> bytes:
    """Run Graphviz on ``dot`` and return the output in ``fmt`` (svg, png or pdf), checked complete."""
    if fmt not in FORMATS:
        raise RenderError(f"render: unknown output format: {fmt!r} (use one of {', '.join(FORMATS)})")
    executable = find_engine(engine)
    if fmt == "pdf":
        executable = _pdf_engine(executable, engine)
    try:
        returncode, stdout, stderr = _run([str(executable), f"-T{fmt}"], dot.encode("utf-8"), timeout)
    except subprocess.TimeoutExpired:
        raise RenderError(
            f"render: Graphviz ({executable}) took longer than {timeout:g} s and was stopped"
            " (split the map or leave out the legend, or allow more time: --timeout SECONDS,"
            " render(..., timeout=SECONDS))"
        ) from None
    except OSError as error:
        raise GraphvizNotFoundError(
            f"render: cannot run Graphviz: {executable}: {error.strerror} ({_INSTALL_HINT})"
        ) from None
    if returncode < 0:
        name = signal.Signals(-returncode).name if -returncode in signal.valid_signals() else -returncode
        raise RenderError(
            f"render: Graphviz ({executable.name}) was killed by signal {name} before it finished"
            " (was it stopped, or out of memory? nothing was written)"
        )
    if returncode != 0 or not stdout:
        message = stderr.decode("utf-8", "replace").strip().splitlines()
        detail = "; ".join(line for line in message if line)[-500:] or f"exit status {returncode}"
        raise RenderError(
            f"render: Graphviz ({executable.name}) failed: {detail}"
            " (this is a bug in argmap if the map loads: please report it with the map)"
        )
    problem = check_output(stdout, fmt)
    if problem is not None:
        raise RenderError(
            f"render: Graphviz ({executable.name}) gave bad output: {problem}; nothing was written"
        )
    return stdout
