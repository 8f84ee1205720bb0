"""``argmap check MAP``: validate a map and verify every quote against its source's local text."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from argmap.cli._common import add_map_argument, read_map, say


def register(subparsers: Any) -> None:
    """Add the ``check`` subcommand."""
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "check",
        help="validate a map and verify its quotes",
        description=(
            "Validate MAP (ids, references, values) and check that every evidence quote occurs verbatim"
            " in its source's local text (the source's `path`, relative to MAP). Source texts are read"
            " only from MAP's folder, or from the folder --root names, and only regular UTF-8 files of"
            " at most 16 MiB. Exit 0 when clean, 1 otherwise."
        ),
    )
    add_map_argument(parser)
    parser.add_argument(
        "--root",
        metavar="DIR",
        help="the folder source texts may be read from (default: MAP's folder), e.g. the project's folder",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Check the map; print one line per finding."""
    from argmap.formats.source_text import check_quotes  # noqa: PLC0415

    argument_map = read_map(args.map)
    findings = check_quotes(argument_map, root=args.root)
    for finding in findings:
        say(finding.message, file=sys.stderr)
    evidence = len(argument_map.evidence)
    if findings:
        say(f"argmap: {len(findings)} problem(s) in {args.map}", file=sys.stderr)
        return 1
    say(
        f"{args.map}: ok: {len(argument_map.statements)} statements, {len(argument_map.arguments)} arguments,"
        f" {evidence} quotes verified"
    )
    return 0
