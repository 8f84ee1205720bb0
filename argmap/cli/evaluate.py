"""``argmap evaluate``, ``explain`` and ``critical``: statuses, their reasons, the evidence that decides."""

from __future__ import annotations

import argparse
from itertools import compress
from pathlib import Path
from typing import TYPE_CHECKING, Any

from argmap._text import shorten
from argmap.cli._common import about, add_map_argument, add_off_argument, count, json_text, read_map, say
from argmap.errors import ArgmapError

if TYPE_CHECKING:
    from argmap.evaluation import Evaluation, Status

__all__ = ["register"]


def _add_common(parser: argparse.ArgumentParser, semantics: str) -> None:
    add_map_argument(parser)
    parser.add_argument(
        "--semantics",
        "-s",
        default="grounded",
        metavar="S",
        help=f"how to evaluate: {semantics} (default: grounded)",
    )
    add_off_argument(parser)
    parser.add_argument("--json", action="store_true", help="print JSON instead of text")


def register(subparsers: Any) -> None:
    """Add the evaluate, explain and critical subcommands."""
    from argmap.evaluation import SEMANTICS  # noqa: PLC0415  # only when one of these commands runs

    semantics = ", ".join(SEMANTICS)
    parser = subparsers.add_parser(
        "evaluate",
        help="show which statements stand, fall or are open",
        description="Evaluate a map: every statement's status (stands, falls, open or off) and the verdict.",
    )
    _add_common(parser, semantics)
    parser.set_defaults(run=run_evaluate)

    parser = subparsers.add_parser(
        "explain",
        help="say why statements have their status",
        description="Explain the status of statements: the premises, rebuttals and undercutters"
        " that decided it.",
    )
    add_ids = parser.add_argument
    _add_common(parser, semantics)
    add_ids("ids", nargs="+", metavar="ID", help="the statements to explain")
    parser.set_defaults(run=run_explain)

    parser = subparsers.add_parser(
        "critical",
        help="list the evidence whose removal alone changes the verdict",
        description="List the evidence whose removal alone changes the verdict or a position's status,"
        " ranked (under df-quad also the largest movers of a position's strength).",
    )
    _add_common(parser, semantics)
    parser.add_argument("--limit", type=count, default=None, metavar="N", help="show at most N items")
    parser.set_defaults(run=run_critical)


def _evaluation(args: argparse.Namespace) -> tuple[Any, Evaluation]:
    from argmap.evaluation import evaluate  # noqa: PLC0415

    argument_map = read_map(args.map, args.from_format)
    with about(args.map, "--off"):
        return argument_map, evaluate(argument_map, semantics=args.semantics, off=args.off)


def _table(rows: list[tuple[str, ...]]) -> list[str]:
    # Cells are escaped before they are measured, so a column stays aligned on the terminal.
    from argmap._text import terminal_safe  # noqa: PLC0415

    rows = [tuple(terminal_safe(cell) for cell in row) for row in rows]
    widths = [max(len(row[k]) for row in rows) for k in range(len(rows[0]))]
    return ["  ".join(cell.ljust(widths[k]) for k, cell in enumerate(row)).rstrip() for row in rows]


def _framework_statuses(path: str, given: str | None = None) -> tuple[str, list[tuple[str, Status]]] | None:
    """Return the title and grounded statuses of an ICCMA framework, or None to read it as a map.

    For apx and i23 files, whose claims' texts are their names (a tgf label needs the map):
    no map of 10^5 claims is built only to be printed. Any problem returns None, and the map
    path reads the file again and reports it.
    """
    from argmap.evaluation import Status, grounded  # noqa: PLC0415
    from argmap.formats import format_for, iccma  # noqa: PLC0415  # keeps `argmap --help` fast

    try:
        dialect = given or format_for(path)
        if dialect not in ("apx", "i23"):
            return None
        text = Path(path).read_bytes().decode("utf-8-sig")
        framework = iccma.load_framework(text, file=path, dialect=dialect)
        extension = grounded(framework)
    except (ArgmapError, OSError, UnicodeDecodeError):
        return None
    names = framework.arguments
    inside = [False, *(name in extension for name in names)]  # by argument number
    numbers = framework.attack_numbers
    defeated = set(compress(numbers[1::2], map(inside.__getitem__, numbers[0::2])))
    statuses = [
        (name, Status.IN if inside[k] else Status.OUT if k in defeated else Status.UNDECIDED)
        for k, name in enumerate(names, 1)
    ]
    return framework.title, statuses


def run_evaluate(args: argparse.Namespace) -> int:
    """Print every statement's status, then the verdict."""
    fast = None
    if not args.json and not args.off and args.semantics == "grounded":
        fast = _framework_statuses(args.map, given=args.from_format)
    if fast is not None:
        title, statuses = fast
        claims: list[tuple[str, ...]] = [("id", "kind", "status", "text")]
        claims += [(name, "claim", f"{s.value} ({s.reading})", shorten(name, 50)) for name, s in statuses]
        say(f"{title} — grounded\n")
        for line in _table(claims):
            print(line)  # already escaped
        say()
        return 0
    argument_map, evaluation = _evaluation(args)
    if args.json:
        print(json_text(evaluation.to_data()))
        return 0
    gradual = bool(evaluation.strengths)
    header: tuple[str, ...] = ("id", "kind", "status", "strength") if gradual else ("id", "kind", "status")
    rows: list[tuple[str, ...]] = [(*header, "text")]
    for statement in argument_map.statements:
        status = evaluation.statuses[statement.id]
        row: tuple[str, ...] = (statement.id, statement.kind, f"{status.value} ({status.reading})")
        if gradual:
            row = (*row, f"{evaluation.strengths[statement.id]:.3f}")
        rows.append((*row, shorten(statement.label, 50)))
    say(f"{argument_map.title} — {evaluation.semantics}", end="")
    say(f", off: {', '.join(sorted(evaluation.off))}" if evaluation.off else "")
    say()
    for line in _table(rows):
        print(line)  # already escaped
    say()
    for verdict in evaluation.verdicts:
        say(verdict.text)
    for note in evaluation.notes:
        say(f"note: {note}")
    return 0


def run_explain(args: argparse.Namespace) -> int:
    """Print why each named statement has its status."""
    _, evaluation = _evaluation(args)
    with about(args.map, "explain"):
        explanations = [evaluation.explain(statement_id) for statement_id in args.ids]
    if args.json:
        print(json_text([e.to_data() for e in explanations]))
        return 0
    say("\n\n".join(str(e) for e in explanations))
    for note in evaluation.notes:
        say(f"note: {note}")
    return 0


def run_critical(args: argparse.Namespace) -> int:
    """Print the evidence whose removal alone changes the verdict, ranked."""
    from argmap.evaluation import critical  # noqa: PLC0415

    argument_map = read_map(args.map, args.from_format)
    with about(args.map, "--off"):
        items = critical(argument_map, semantics=args.semantics, off=args.off)
    if args.limit is not None:
        items = items[: args.limit]
    if args.json:
        data = [
            {
                "evidence": item.evidence_id,
                "changes": list(item.changes),
                "delta": item.delta,
                "leader_before": item.leader_before,
                "leader_after": item.leader_after,
                "text": item.text,
            }
            for item in items
        ]
        print(json_text(data))
        return 0
    if not items:
        say(f"No single piece of evidence changes the verdict or a position's status under {args.semantics}.")
        return 0
    for rank, item in enumerate(items, start=1):
        say(f"{rank}. {item.text}")
    return 0
