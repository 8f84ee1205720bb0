"""``argmap render MAP [-o OUT] ...``: draw a map as SVG, PNG, PDF or DOT."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from argmap.cli._common import add_map_argument, id_list, read_map


def register(subparsers: Any) -> None:
    """Add the ``render`` subcommand."""
    from argmap.rendering import DIRECTIONS, ENGINES, THEMES  # noqa: PLC0415  # keeps --help fast

    parser = subparsers.add_parser(
        "render",
        help="draw a map as SVG, PNG, PDF or DOT",
        description="Draw a map. The format follows the output's suffix; with no -o, SVG goes to stdout.",
    )
    add_map_argument(parser)
    parser.add_argument("-o", "--output", metavar="OUT", help="file to write (.svg, .png, .pdf or .dot)")
    parser.add_argument(
        "--semantics", metavar="S", help="evaluate and mark which statements stand (e.g. grounded, df-quad)"
    )
    parser.add_argument(
        "--off",
        metavar="ID,...",
        type=id_list,
        default=[],
        help="statements to switch off (comma-separated ids)",
    )
    parser.add_argument(
        "--theme", choices=list(THEMES), default="default", help="colour theme (default: default)"
    )
    parser.add_argument(
        "--direction",
        choices=list(DIRECTIONS),
        default="TB",
        help="where the question sits (default: TB, top)",
    )
    parser.add_argument("--no-legend", dest="legend", action="store_false", help="leave out the legend")
    parser.add_argument(
        "--engine",
        choices=list(ENGINES),
        default="auto",
        help="Graphviz to use: the embedded graphviz-pure, the system dot (needed for PDF), or auto",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Render the map as asked; returns 0."""
    from argmap.rendering import render  # noqa: PLC0415

    argument_map = read_map(args.map)
    diagram = render(
        argument_map,
        args.semantics,
        off=args.off,
        theme=args.theme,
        direction=args.direction,
        legend=args.legend,
        engine=args.engine,
    )
    if args.output:
        diagram.save(args.output)
    else:
        sys.stdout.write(diagram.svg)
    return 0
