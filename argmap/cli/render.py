"""``argmap render MAP [-o OUT] ...``: draw a map as SVG, PNG, PDF or DOT."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from argmap.cli._common import about, add_map_argument, add_off_argument, count, read_map, say
from argmap.errors import ArgmapError

if TYPE_CHECKING:
    from argmap.rendering import Diagram

WATCH_INTERVAL: Final = 0.3
"""Seconds between two looks at the map's modification time and size under ``--watch``."""


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
    details = _details()
    parser.add_argument(
        "--detail",
        choices=details,
        default=details[0],
        help="how much to draw: full (every statement), compact (for a slide: evidence folded into its"
        " claims), outline (question, positions, argument titles, claims)"
        f" (default: {details[0]})",
    )
    parser.add_argument(
        "--watch",
        action="store_true",
        help="keep running and draw OUT again whenever MAP is saved; a mistake is reported and the last"
        " good picture kept; Ctrl-C stops (needs -o)",
    )
    parser.set_defaults(run=run)


def _details() -> tuple[str, ...]:
    import argmap.rendering  # noqa: PLC0415

    # Detail levels arrive with the rendering's DETAILS; without them there is one level.
    return tuple(getattr(argmap.rendering, "DETAILS", None) or _metrics_details())


def _metrics_details() -> tuple[str, ...]:
    from argmap.rendering import metrics  # noqa: PLC0415

    return tuple(getattr(metrics, "DETAILS", ("full",)))


def run(args: argparse.Namespace) -> int:
    """Render the map as asked (again on every save with ``--watch``); returns 0."""
    if args.watch:
        if not args.output:
            raise ArgmapError(
                "render --watch: name the picture to keep up to date with -o OUT (e.g. -o map.svg)"
            )
        return _watch(args)
    diagram = _draw(args)
    if args.output:
        diagram.save(args.output)
    else:
        sys.stdout.write(diagram.svg)
    for note in diagram.notes:
        say(f"argmap: note: {note}", file=sys.stderr)
    return 0


def _draw(args: argparse.Namespace) -> Diagram:
    from argmap.rendering import render  # noqa: PLC0415

    argument_map = read_map(args.map, args.from_format)
    with about(args.map, "--off"):
        return render(
            argument_map,
            args.semantics,
            off=args.off,
            theme=args.theme,
            direction=args.direction,
            legend=args.legend,
            engine=args.engine,
            timeout=args.timeout,
            max_statements=args.max_statements,
            detail=args.detail,
        )


def _state(path: str) -> tuple[int, int] | None:
    try:
        status = Path(path).stat()
    except OSError:
        return None
    return status.st_mtime_ns, status.st_size


def _watch(args: argparse.Namespace) -> int:
    """Draw OUT now and after every change to MAP (polled: no extra dependency), until Ctrl-C."""
    from argmap.rendering import SAVE_FORMATS  # noqa: PLC0415

    kind = Path(args.output).suffix.lower().lstrip(".")
    if kind not in SAVE_FORMATS:
        # No save of the map can mend this: say so now rather than on every save.
        raise ArgmapError(
            f"render --watch: {args.output}: unknown format: {kind or '(no suffix)'!r}"
            f" (name the file {', '.join('.' + name for name in SAVE_FORMATS)})"
        )
    say(f"argmap: watching {args.map}; drawing {args.output} on every save (Ctrl-C stops)", file=sys.stderr)
    seen: tuple[int, int] | None = (-1, -1)  # no file has this state: the first look draws
    drawn: bytes | None = None
    try:
        while True:
            state = _state(args.map)
            if state != seen:
                seen = state
                drawn = _redraw(args, drawn)
            time.sleep(WATCH_INTERVAL)
    except KeyboardInterrupt:
        say("argmap: stopped watching", file=sys.stderr)
        return 0


def _redraw(args: argparse.Namespace, drawn: bytes | None) -> bytes | None:
    """Draw OUT if MAP's bytes changed; report a mistake and keep the last good picture. Returns the bytes."""
    try:
        content = Path(args.map).read_bytes()
    except OSError as error:
        say(
            f"argmap: error: {args.map}: cannot read the map: {error.strerror} (waiting for it)",
            file=sys.stderr,
        )
        return drawn
    if content == drawn:
        return drawn
    try:
        diagram = _draw(args)
        diagram.save(args.output)
    except ArgmapError as error:
        say(f"argmap: error: {error}", file=sys.stderr)
        say(f"argmap: {args.output} keeps the last good picture; waiting for the next save", file=sys.stderr)
        return content
    for note in diagram.notes:
        say(f"argmap: note: {note}", file=sys.stderr)
    say(f"argmap: {time.strftime('%H:%M:%S')} drew {args.output}", file=sys.stderr)
    return content
