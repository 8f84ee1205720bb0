"""``argmap convert IN -o OUT``: translate a map between the formats argmap reads and writes."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from argmap.cli._common import read_map
from argmap.errors import ArgmapError


def register(subparsers: Any) -> None:
    """Add the ``convert`` subcommand."""
    from argmap.formats import WRITABLE  # noqa: PLC0415

    parser: argparse.ArgumentParser = subparsers.add_parser(
        "convert",
        help="translate a map to another format",
        description=(
            "Read MAP in any format argmap reads and write it in one it writes (YAML, JSON, Argdown, Kialo)."
        ),
    )
    parser.add_argument("map", metavar="MAP", help="the map to read")
    parser.add_argument("-o", "--output", metavar="OUT", help="the file to write (default: stdout)")
    parser.add_argument(
        "--to", choices=WRITABLE, help="the format to write (default: from OUT's suffix, else yaml)"
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Convert the map; the output file is written atomically and never over the input."""
    from argmap._io import same_file  # noqa: PLC0415
    from argmap.formats import dump, dumps  # noqa: PLC0415

    if args.output and same_file(args.map, args.output):
        raise ArgmapError(
            f"convert: {args.output}: is the map being read; refusing to overwrite it"
            " (write to another file, then rename it if you mean to replace the original)"
        )
    argument_map = read_map(args.map)
    if args.output:
        dump(argument_map, args.output, format=args.to)
    else:
        sys.stdout.write(dumps(argument_map, format=args.to or "yaml"))
    return 0
