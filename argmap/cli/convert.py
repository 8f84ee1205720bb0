"""``argmap convert IN [OUT]``: translate a map, or a folder of maps, from one format to another."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from argmap.cli._common import add_from_argument, read_map, say
from argmap.errors import ArgmapError

if TYPE_CHECKING:
    from argmap.model import ArgumentMap


def register(subparsers: Any) -> None:
    """Add the ``convert`` subcommand."""
    from argmap.formats import WRITABLE  # noqa: PLC0415

    parser: argparse.ArgumentParser = subparsers.add_parser(
        "convert",
        help="translate a map to another format",
        description=(
            "Read IN in any format argmap reads and write it in one it writes. The formats come from the"
            " suffixes and, where a suffix is shared (.json, .yaml, .txt, .xml), from the content; --from and"
            " --to name them. IN may be a folder: every map in it (recursively) is converted into the"
            " folder OUT, in the same tree; bad files are reported and skipped, and the exit code is 1 if"
            " any failed."
        ),
    )
    parser.add_argument("map", metavar="IN", help="the map to read, or a folder of maps")
    parser.add_argument(
        "out", metavar="OUT", nargs="?", help="the file (or folder) to write (default: stdout)"
    )
    parser.add_argument("-o", "--output", metavar="OUT", help="the same as OUT")
    add_from_argument(parser)
    parser.add_argument(
        "--to",
        choices=WRITABLE,
        metavar="FORMAT",
        help="the format to write (default: from OUT's suffix, else yaml); one of: " + ", ".join(WRITABLE),
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Convert the map (or folder); output files are written atomically and never over an input."""
    from argmap._io import same_file  # noqa: PLC0415
    from argmap.formats import dump, dumps  # noqa: PLC0415

    if args.out and args.output and args.out != args.output:
        raise ArgmapError(f"convert: two outputs given, {args.out} and -o {args.output} (give one)")
    output = args.out or args.output
    if Path(args.map).is_dir():
        return _convert_folder(args, output)
    if output and same_file(args.map, output):
        raise ArgmapError(
            f"convert: {output}: is the map being read; refusing to overwrite it"
            " (write to another file, then rename it if you mean to replace the original)"
        )
    argument_map = read_map(args.map, args.from_format)
    if output:
        dump(argument_map, output, format=args.to)
    else:
        sys.stdout.write(dumps(argument_map, format=args.to or "yaml"))
    return 0


def _convert_folder(args: argparse.Namespace, output: str | None) -> int:
    from argmap._io import same_file  # noqa: PLC0415
    from argmap.cli._batch import run_batch  # noqa: PLC0415
    from argmap.formats import dump, suffix_for  # noqa: PLC0415

    source = Path(args.map)
    if not output or not args.to:
        raise ArgmapError(
            f"convert: {source} is a folder: name the folder to write into and the format,"
            f" e.g. argmap convert {source} converted --to yaml"
        )
    target = Path(output)
    if target.exists() and not target.is_dir():
        raise ArgmapError(f"convert: {target}: is a file; name a folder to write the converted maps into")
    if target.exists() and same_file(source, target):
        raise ArgmapError(
            f"convert: {target}: is the folder being read; refusing to write into it (name another folder)"
        )
    suffix = suffix_for(args.to)
    written: dict[Path, Path] = {}

    def convert(path: Path, argument_map: ArgumentMap) -> list[str]:
        out = target / path.relative_to(source).with_suffix(suffix)
        if out in written:
            return [
                f"{path}: would overwrite {out}, already converted from {written[out]} (rename one of them)"
            ]
        if out.exists() and same_file(path, out):
            return [f"{path}: {out} is this map itself; refusing to overwrite it"]
        try:
            out.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            return [f"{path}: cannot make the folder {out.parent}: {error.strerror} (nothing written)"]
        dump(argument_map, out, format=args.to)
        written[out] = path
        return []

    batch = run_batch(source, convert, from_format=args.from_format, exclude=target)
    for line in batch.warnings:
        say(f"argmap: warning: {line}", file=sys.stderr)
    for lines in batch.failed.values():
        for line in lines:
            say(f"argmap: failed: {line}", file=sys.stderr)
    say(
        f"converted {len(batch.done)} map{'' if len(batch.done) == 1 else 's'} from {source} into {target}"
        f" ({args.to}); failed {len(batch.failed)}; skipped {len(batch.skipped)} file"
        f"{'' if len(batch.skipped) == 1 else 's'} in no format argmap reads"
    )
    if not batch.done and not batch.failed:
        say(f"argmap: no maps found in {source} (argmap reads {_readable()})", file=sys.stderr)
        return 1
    return 1 if batch.failed else 0


def _readable() -> str:
    from argmap.formats import readable_formats  # noqa: PLC0415

    return ", ".join(readable_formats())
