"""``argmap check MAP``: validate a map (or a folder of maps) and verify each quote against its source."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from argmap.cli._common import add_map_argument, read_map, say

if TYPE_CHECKING:
    from argmap.model import ArgumentMap


def register(subparsers: Any) -> None:
    """Add the ``check`` subcommand."""
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "check",
        help="validate a map and verify its quotes",
        description=(
            "Validate MAP (ids, references, values) and check that every evidence quote occurs verbatim"
            " in its source's local text (the source's `path`, relative to MAP). Source texts are read"
            " only from MAP's folder, or from the folder --root names, and only regular UTF-8 files of"
            " at most 16 MiB. MAP may be a folder: every map in it (recursively) is checked, and a summary"
            " ends the report. Exit 0 when clean, 1 otherwise."
        ),
    )
    add_map_argument(parser, folder=True)
    parser.add_argument(
        "--root",
        metavar="DIR",
        help="the folder source texts may be read from (default: MAP's folder), e.g. the project's folder",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Check the map; print one line per finding."""
    from argmap.formats.source_text import check_quotes  # noqa: PLC0415

    if Path(args.map).is_dir():
        return _check_folder(args)
    argument_map = read_map(args.map, args.from_format)
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


def _check_folder(args: argparse.Namespace) -> int:
    from argmap.cli._batch import run_batch  # noqa: PLC0415
    from argmap.formats import readable_formats  # noqa: PLC0415
    from argmap.formats.source_text import check_quotes  # noqa: PLC0415

    folder = Path(args.map)
    quotes = 0

    def check(path: Path, argument_map: ArgumentMap) -> list[str]:
        nonlocal quotes
        findings = check_quotes(argument_map, root=args.root)
        quotes += len(argument_map.evidence) if not findings else 0
        return [
            finding.message if str(path) in finding.message else f"{path}: {finding.message}"
            for finding in findings
        ]

    batch = run_batch(folder, check, from_format=args.from_format)
    for line in batch.warnings:
        say(f"argmap: warning: {line}", file=sys.stderr)
    for lines in batch.failed.values():
        for line in lines:
            say(line, file=sys.stderr)
    maps = len(batch.done) + len(batch.failed)
    say(
        f"{folder}: checked {maps} map{'' if maps == 1 else 's'}: ok {len(batch.done)}"
        f" ({quotes} quotes verified), with problems {len(batch.failed)}; skipped {len(batch.skipped)} file"
        f"{'' if len(batch.skipped) == 1 else 's'} in no format argmap reads"
    )
    if not maps:
        say(
            f"argmap: no maps found in {folder} (argmap reads {', '.join(readable_formats())})",
            file=sys.stderr,
        )
        return 1
    return 1 if batch.failed else 0
