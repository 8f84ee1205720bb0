"""``argmap check MAP``: validate a map and verify every quote against its source's local text."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from argmap.cli._common import add_map_argument, read_map


def register(subparsers: Any) -> None:
    """Add the ``check`` subcommand."""
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "check",
        help="validate a map and verify its quotes",
        description=(
            "Validate MAP (ids, references, values) and check that every evidence quote occurs verbatim"
            " in its source's local text (the source's `path`). Exit 0 when clean, 1 otherwise."
        ),
    )
    add_map_argument(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Check the map; print one line per finding."""
    from argmap.model.quotes import check_quotes  # noqa: PLC0415

    argument_map = read_map(args.map)
    findings = check_quotes(argument_map)
    for finding in findings:
        print(finding.message, file=sys.stderr)
    evidence = len(argument_map.evidence)
    if findings:
        print(f"argmap: {len(findings)} problem(s) in {args.map}", file=sys.stderr)
        return 1
    print(
        f"{args.map}: ok: {len(argument_map.statements)} statements, {len(argument_map.arguments)} arguments,"
        f" {evidence} quotes verified"
    )
    return 0
