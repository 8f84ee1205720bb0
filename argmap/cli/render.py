"""``argmap render MAP [-o OUT] ...``: draw a map as SVG, PNG, PDF or DOT."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from argmap.cli._common import about, add_map_argument, add_off_argument, count, read_map, say


def seconds(value: str) -> float:
    """Parse ``--timeout``: a number of seconds above 0."""
    try:
        number = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {value!r}") from None
    if not number > 0 or number == float("inf"):
        raise argparse.ArgumentTypeError(f"must be a number of seconds above 0, not {value}")
    return number


def register(subparsers: Any) -> None:
    """Add the ``render`` subcommand."""
    from argmap.rendering import DIRECTIONS, ENGINES, THEMES  # noqa: PLC0415  # keeps --help fast
    from argmap.rendering.diagram import MAX_STATEMENTS  # noqa: PLC0415
    from argmap.rendering.engine import TIMEOUT  # noqa: PLC0415

    parser = subparsers.add_parser(
        "render",
        help="draw a map as SVG, PNG, PDF or DOT",
        description="Draw a map. The format follows the output's suffix; with no -o, SVG goes to stdout.",
    )
    add_map_argument(parser)
    parser.add_argument("-o", "--output", metavar="OUT", help="file to write (.svg, .png, .pdf or .dot)")
    parser.add_argument(
        "--semantics",
        "-s",
        metavar="S",
        help="evaluate and mark which statements stand (e.g. grounded, df-quad)",
    )
    add_off_argument(parser)
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
        help="Graphviz to use: the embedded graphviz-pure, the system dot (needed for PDF), or auto"
        " (default: the embedded one, the system dot for PDF)",
    )
    parser.add_argument(
        "--timeout",
        type=seconds,
        default=TIMEOUT,
        metavar="SECONDS",
        help=f"stop Graphviz after this long (default: {TIMEOUT:g})",
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
    """Render the map as asked; returns 0."""
    from argmap.rendering import render  # noqa: PLC0415

    argument_map = read_map(args.map)
    with about(args.map, "--off"):
        diagram = render(
            argument_map,
            args.semantics,
            off=args.off,
            theme=args.theme,
            direction=args.direction,
            legend=args.legend,
            engine=args.engine,
            timeout=args.timeout,
            max_statements=args.max_statements,
        )
    if args.output:
        diagram.save(args.output)
    else:
        sys.stdout.write(diagram.svg)
    for note in diagram.notes:
        say(f"argmap: note: {note}", file=sys.stderr)
    return 0
