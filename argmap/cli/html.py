"""``argmap html MAP [-o OUT.html] ...``: write a map as one interactive page that works offline."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from argmap.cli._common import about, add_map_argument, add_off_argument, count, read_map
from argmap.errors import ArgmapError

SUFFIXES = (".html", ".htm")


def register(subparsers: Any) -> None:
    """Add the ``html`` subcommand."""
    from argmap.rendering import DETAILS, THEMES  # noqa: PLC0415  # keeps --help fast
    from argmap.rendering.diagram import MAX_STATEMENTS  # noqa: PLC0415

    parser = subparsers.add_parser(
        "html",
        help="write a map as one interactive HTML page",
        description="Write one self-contained HTML page: the map, its evidence switches, the verdict"
        " and the explanations, re-evaluated in the browser; no server, no network. With no -o, the"
        " page goes to stdout.",
    )
    add_map_argument(parser)
    parser.add_argument("-o", "--output", metavar="OUT", help="the page to write (.html)")
    parser.add_argument(
        "--semantics",
        "-s",
        metavar="S",
        default="grounded",
        help="the semantics the page opens with (default: grounded; the reader can switch)",
    )
    add_off_argument(parser)
    parser.add_argument(
        "--detail",
        choices=list(DETAILS),
        default=DETAILS[0],
        help=f"how much of the map to draw at first; the reader can switch (default: {DETAILS[0]})",
    )
    parser.add_argument("--title", metavar="TEXT", help="the page's title (default: the map's title)")
    parser.add_argument(
        "--theme", choices=list(THEMES), default="default", help="colour theme (default: default)"
    )
    parser.add_argument(
        "--max-statements",
        type=count,
        default=MAX_STATEMENTS,
        metavar="N",
        help=f"refuse maps with more statements than this (default: {MAX_STATEMENTS:,})",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Write the page as asked; returns 0."""
    from argmap._io import write_atomic  # noqa: PLC0415
    from argmap.standalone.page import html  # noqa: PLC0415

    if args.output and Path(args.output).suffix.lower() not in SUFFIXES:
        raise ArgmapError(f"{args.output}: an HTML page needs a name ending in .html (e.g. map.html)")
    argument_map = read_map(args.map, args.from_format)
    with about(args.map, "--off"):
        page = html(
            argument_map,
            semantics=args.semantics,
            off=args.off,
            detail=args.detail,
            title=args.title,
            theme=args.theme,
            max_statements=args.max_statements,
        )
    if args.output:
        write_atomic(args.output, page)
    else:
        sys.stdout.write(page)
    return 0
