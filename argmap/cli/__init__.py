"""The ``argmap`` command line: verbs as subcommands, exit 0 ok, 1 bad input, 2 usage error."""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence
from typing import Final

from argmap.errors import ArgmapError

__all__ = ["main"]

# Each name is a module in this package with ``register(subparsers)``; order is the help's order.
COMMANDS: Final = ("check", "convert", "evaluate", "render")


def build_parser() -> argparse.ArgumentParser:
    """Return the parser with every subcommand registered."""
    parser = argparse.ArgumentParser(
        prog="argmap",
        description="Argument maps: check, evaluate and render them.",
    )
    from argmap import __version__  # noqa: PLC0415  # the front door imports nothing of the CLI

    parser.add_argument("--version", action="version", version=f"argmap {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name in COMMANDS:
        module = importlib.import_module(f"argmap.cli.{name}")
        module.register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        status: int = args.run(args)
    except ArgmapError as error:
        print(f"argmap: error: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # `argmap ... | head` closed the pipe early; that is the reader's choice, not an error.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    return status
