"""``argmap lint MAP``: a structural review of a map, each finding at file:line:column with the fix."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any

from argmap.cli._common import add_map_argument, read_map, say
from argmap.errors import ArgmapError

if TYPE_CHECKING:
    from argmap.model import Source


def register(subparsers: Any) -> None:
    """Add the ``lint`` subcommand."""
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "lint",
        help="report what a careful reader would question in a map",
        description=(
            "Review MAP's structure: the same premises and conclusion in two arguments, one premise"
            " counted in several arguments for the same conclusion, positions that compete with nothing"
            " or are marked compatible although argued as rivals, claims with no support that are not"
            " marked assumed, and undercutters that also support the conclusion they weaken. Each"
            " finding is printed at its file:line:column with the fix, followed by its kind in"
            " brackets. Exit 0 when clean, 1 with findings, 2 on a usage error."
        ),
    )
    add_map_argument(parser)
    parser.add_argument(
        "--speaker-words",
        action="store_true",
        help="also report evidence whose quote is mostly not its speaker's own words (most of it"
        " outside quotation marks in its source's text, or, where that cannot be read, in the quote)",
    )
    parser.add_argument(
        "--root",
        metavar="DIR",
        help="the folder source texts may be read from for --speaker-words (default: MAP's folder),"
        " as for `argmap check`",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Lint the map; print one line per finding."""
    from argmap.model.lint import lint  # noqa: PLC0415  # keeps `argmap --help` fast

    argument_map = read_map(args.map, args.from_format)
    read = None
    unread: list[str] = []
    if args.speaker_words:
        from argmap.formats.source_text import source_reader  # noqa: PLC0415

        reader = source_reader(argument_map, root=args.root)

        def read(source: Source) -> str:
            try:
                return reader(source)
            except ArgmapError as error:
                unread.append(f"argmap: note: {error}; --speaker-words looked only inside the quotes")
                raise

    findings = lint(argument_map, speaker_words=args.speaker_words, read=read)
    for note in unread:
        say(note, file=sys.stderr)
    for finding in findings:
        where = finding.location if finding.location is not None else args.map
        say(f"{where}: {finding.message} [{finding.kind}]")
    if findings:
        say(f"argmap: {len(findings)} finding(s) in {args.map}", file=sys.stderr)
        return 1
    say(
        f"{args.map}: clean: {len(argument_map.statements)} statements,"
        f" {len(argument_map.arguments)} arguments reviewed"
    )
    return 0
