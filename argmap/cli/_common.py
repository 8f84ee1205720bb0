"""What the subcommands share: reading a map and a list of ids from the command line."""

from __future__ import annotations

import argparse

from argmap.model import ArgumentMap


def add_map_argument(parser: argparse.ArgumentParser) -> None:
    """Add the MAP positional argument."""
    parser.add_argument(
        "map", metavar="MAP", help="a map file (.yaml, .yml, .json, or any format argmap reads)"
    )


def read_map(path: str) -> ArgumentMap:
    """Load the map a command was given."""
    from argmap.formats import load  # noqa: PLC0415  # keeps `argmap --help` fast

    return load(path)


def id_list(value: str) -> list[str]:
    """Split ``a,b , c`` into ids, dropping empty entries."""
    return [part.strip() for part in value.split(",") if part.strip()]
