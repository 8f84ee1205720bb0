"""The ``argmap`` command line: verbs as subcommands, exit 0 ok, 1 bad input, 2 usage error.

Only the module of the command being run is imported: ``argmap --help`` and ``argmap render``
never load evaluation, and nothing loads rendering but ``render``.
"""

from __future__ import annotations

import argparse
import importlib
import os
import signal
import sys
import threading
import warnings
from collections.abc import Sequence
from typing import Final

from argmap._text import terminal_safe
from argmap.errors import ArgmapError

__all__ = ["COMMANDS", "build_parser", "main"]

COMMANDS: Final = {
    "check": ("check", "validate a map and verify its quotes"),
    "convert": ("convert", "translate a map to another format"),
    "evaluate": ("evaluate", "show which statements stand, fall or are open"),
    "explain": ("evaluate", "say why statements have their status"),
    "critical": ("evaluate", "list the evidence whose removal alone changes the verdict"),
    "html": ("html", "write a map as one interactive HTML page"),
    "lint": ("lint", "report what a careful reader would question in a map"),
    "render": ("render", "draw a map as SVG, PNG, PDF or DOT"),
}
"""Each command's module in this package (it has ``register(subparsers)``) and its help line."""


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """Return the parser; only ``command``'s module is imported (every module when it is None).

    The other commands get a placeholder with their help line, enough for ``argmap --help``
    and for argparse to tell a command from a typo.
    """
    parser = argparse.ArgumentParser(
        prog="argmap",
        description="Argument maps: check, evaluate and render them.",
    )
    from argmap import __version__  # noqa: PLC0415  # the front door imports nothing of the CLI

    parser.add_argument("--version", action="version", version=f"argmap {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    registered: set[str] = set()
    for name, (module_name, summary) in COMMANDS.items():
        if name in registered:
            continue
        if command is None or COMMANDS.get(command, ("",))[0] == module_name:
            module = importlib.import_module(f"argmap.cli.{module_name}")
            module.register(subparsers)
            registered.update(key for key, (owner, _) in COMMANDS.items() if owner == module_name)
        else:
            subparsers.add_parser(name, help=summary, add_help=False)
            registered.add(name)
    return parser


def _command(argv: Sequence[str]) -> str | None:
    # The top-level options take no value, so the first other word names the command.
    return next((word for word in argv if not word.startswith("-")), "")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    words = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser(_command(words))
    args = parser.parse_args(words)
    if threading.current_thread() is threading.main_thread():
        # SIGTERM then unwinds like Ctrl-C: a running layout process is killed, nothing half-written.
        previous = signal.signal(signal.SIGTERM, _terminate)
    else:
        previous = None
    try:
        with warnings.catch_warnings():
            # A reader's warning (what a format cannot hold) is one plain line, not Python's report.
            warnings.simplefilter("always")
            warnings.showwarning = _show_warning
            status: int = args.run(args)
        sys.stdout.flush()
    except ArgmapError as error:
        print(terminal_safe(f"argmap: error: {error}"), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # `argmap ... | head` closed the pipe early; that is the reader's choice, not an error.
        _silence_stdout()
        return 0
    except OSError as error:
        # Writing failed past every check (stdout on a full disk, a vanished folder): one line.
        what = f"{error.filename}" if error.filename else "cannot write the output"
        print(terminal_safe(f"argmap: error: {what}: {error.strerror or error}"), file=sys.stderr)
        _silence_stdout()
        return 1
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)
    return status


def _show_warning(message: Warning | str, *_: object, **__: object) -> None:
    print(terminal_safe(f"argmap: warning: {message}"), file=sys.stderr)


def _terminate(signum: int, _frame: object) -> None:
    raise SystemExit(128 + signum)


def _silence_stdout() -> None:
    # The interpreter flushes stdout at exit; with nowhere to go, it would print a second error.
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
