"""A whole folder of maps at once (``convert`` and ``check``): every file argmap recognises, in order.

Files are found recursively and taken in sorted order, so runs are repeatable; hidden files and
folders are left out. A file is read when its suffix and content say which format it is in (see
``argmap.formats.detect``); anything else is skipped, not failed. A bad file is reported in one
located line and the run goes on. A progress bar is drawn only when stderr is a terminal.
"""

from __future__ import annotations

import os
import shutil
import sys
import time
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, TYPE_CHECKING, Final

from attrs import define, field

from argmap._text import terminal_safe
from argmap.errors import ArgmapError, InvalidMapError

if TYPE_CHECKING:
    from argmap.model import ArgumentMap

__all__ = ["Batch", "Progress", "candidates", "one_line", "run_batch"]

_REDRAW: Final = 0.1  # seconds between progress redraws: enough for the eye, cheap for the run


def one_line(error: BaseException, file: str) -> str:
    """Return an error as one line that names the file (the first problem of many, with a count)."""
    if isinstance(error, InvalidMapError) and error.problems:
        first = error.problems[0]
        more = len(error.problems) - 1
        text = str(first) + (f" (and {more} more problem{'s' if more > 1 else ''})" if more else "")
    else:
        text = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
    return text if text.startswith(file) else f"{file}: {text}"


def candidates(folder: Path, exclude: Path | None = None) -> Iterator[Path]:
    """Yield the files under ``folder`` whose suffix some format uses, sorted, hidden ones left out."""
    from argmap.formats import SNIFFED, SUFFIXES  # noqa: PLC0415

    suffixes = {*SUFFIXES, *SNIFFED}
    skip = exclude.resolve() if exclude is not None else None
    for top, folders, files in os.walk(folder):
        here = Path(top)
        folders[:] = sorted(
            name for name in folders if not name.startswith(".") and (here / name).resolve() != skip
        )
        for name in sorted(files):
            path = here / name
            if not name.startswith(".") and path.suffix.lower() in suffixes:
                yield path


@define
class Progress:
    """A one-line progress bar on a terminal; nothing at all on a pipe or file."""

    total: int
    stream: IO[str] = field(factory=lambda: sys.stderr)
    enabled: bool | None = None
    """Draw the bar; None (the default) draws it when ``stream`` is a terminal."""
    _drawn: float = 0.0

    def __attrs_post_init__(self) -> None:
        if self.enabled is None:
            isatty = getattr(self.stream, "isatty", None)
            self.enabled = bool(isatty is not None and isatty())

    def show(self, done: int, name: str) -> None:
        """Redraw the bar for ``done`` of ``total`` files, the current one named."""
        now = time.monotonic()
        if not self.enabled or (now - self._drawn < _REDRAW and done < self.total):
            return
        self._drawn = now
        columns = shutil.get_terminal_size((80, 24)).columns
        width = 24
        filled = width * done // max(self.total, 1)
        head = f"[{'#' * filled}{'-' * (width - filled)}] {done}/{self.total} "
        room = max(columns - len(head) - 1, 0)
        shown = terminal_safe(name)
        if len(shown) > room:
            shown = "\u2026" + shown[len(shown) - room + 1 :] if room > 1 else ""
        self.stream.write(f"\r{head}{shown}\x1b[K")
        self.stream.flush()

    def clear(self) -> None:
        """Remove the bar, so that what follows starts on a clean line."""
        if self.enabled and self._drawn:
            self.stream.write("\r\x1b[K")
            self.stream.flush()


@define
class Batch:
    """What happened to each file of a folder."""

    done: list[str] = field(factory=list)
    skipped: list[str] = field(factory=list)
    failed: dict[str, list[str]] = field(factory=dict)
    """Each failed file and its problems, one located line each."""
    warnings: list[str] = field(factory=list)
    """What the readers and writers could not keep, one line each, naming the file."""


def _read(path: Path, from_format: str | None) -> ArgumentMap | None:
    from argmap.formats import SNIFFED, SUFFIXES, detect, loads, read_map_text  # noqa: PLC0415

    file = str(path)
    text = read_map_text(file)
    name = detect(path, text)
    if from_format is not None:
        suffix = path.suffix.lower()
        if name not in {None, from_format}:
            return None
        if name is None and from_format not in SNIFFED.get(suffix, (SUFFIXES.get(suffix),)):
            return None
        name = from_format
    if name is None:
        return None
    return loads(text, format=name, file=file)


def run_batch(
    folder: Path,
    action: Callable[[Path, ArgumentMap], list[str]],
    *,
    from_format: str | None = None,
    exclude: Path | None = None,
    progress_stream: IO[str] | None = None,
) -> Batch:
    """Read every map under ``folder`` and hand it to ``action``, which returns its problems (if any).

    A file that cannot be read, or whose action raises an ArgmapError or returns problems,
    is failed; the rest go on.
    """
    files = list(candidates(folder, exclude))
    batch = Batch()
    progress = Progress(len(files), progress_stream or sys.stderr)
    for number, path in enumerate(files, 1):
        shown = str(path.relative_to(folder)) if path.is_relative_to(folder) else str(path)
        progress.show(number - 1, shown)
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            try:
                argument_map = _read(path, from_format)
                problems = None if argument_map is None else action(path, argument_map)
            except ArgmapError as error:
                batch.failed[str(path)] = [one_line(error, str(path))]
            except Exception as error:  # noqa: BLE001  # one file's surprise must not stop a corpus
                reason = f"internal error: {type(error).__name__}: {error} (please report it)"
                batch.failed[str(path)] = [one_line(RuntimeError(reason), str(path))]
            else:
                if argument_map is None:
                    batch.skipped.append(str(path))
                elif problems:
                    batch.failed[str(path)] = problems
                else:
                    batch.done.append(str(path))
        batch.warnings += [one_line(Warning(str(warning.message)), str(path)) for warning in caught]
    progress.show(len(files), "")
    progress.clear()
    return batch
