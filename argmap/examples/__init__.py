"""Example maps shipped with argmap, loaded by name.

>>> from argmap import examples
>>> examples.names()
('alliance',)
>>> alliance = examples.load("alliance")
>>> [position.id for position in alliance.positions_of("q-alliance")]
['p-alliance', 'p-beyond-alliance', 'p-partnership']

In a source checkout each example here is a symlink into the repository's ``examples/`` folder, and
is loaded from there, so that its sources' relative paths (``../seeds/...``) are read from where the
map file really sits. An installed wheel holds plain copies; the quoted articles are not shipped
with it, so a quote check there reports them as unreadable.
"""

from __future__ import annotations

import difflib
import os
from pathlib import Path
from typing import TYPE_CHECKING, Final

from argmap.errors import ArgmapError

if TYPE_CHECKING:
    from argmap.model import ArgumentMap

__all__ = ["load", "names", "path"]

# absolute(), not resolve(): this folder as imported, with no symlink followed.
_HERE: Final = Path(__file__).absolute().parent
_SUFFIX: Final = ".yaml"


def names() -> tuple[str, ...]:
    """Return the names of the shipped examples, sorted."""
    return tuple(
        sorted(
            entry.name.removesuffix(_SUFFIX)
            for entry in _HERE.iterdir()
            if entry.name.endswith(_SUFFIX) and not entry.name.startswith(".")
        )
    )


def path(name: str) -> Path:
    """Return the file of example ``name``: the symlink's target in a checkout, else the packaged copy.

    The link's target is joined to this folder lexically, without resolving any other symlink, so
    the path stays the one a user would type (``.../examples/alliance.yaml``).
    """
    known = names()
    if name not in known:
        close = difflib.get_close_matches(name, known, n=1)
        hint = f"did you mean {close[0]!r}?" if close else f"choose one of {list(known)}"
        raise ArgmapError(f"argmap.examples: unknown example: {name!r} ({hint})")
    packaged = _HERE / f"{name}{_SUFFIX}"
    if packaged.is_symlink():
        # normpath folds the link's "../.." into the folder's path without touching the disk.
        return Path(os.path.normpath(_HERE / packaged.readlink()))
    return packaged


def load(name: str) -> ArgumentMap:
    """Return the example map called ``name`` (see ``names()``)."""
    from argmap.formats import load as load_file  # noqa: PLC0415  # `import argmap` needs no PyYAML

    return load_file(path(name))
