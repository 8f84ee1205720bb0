"""Safe file writes and bounded reads: nothing half-written, nothing replaced that is not a file.

``write_atomic`` never leaves a partial file: the data goes to a temporary file beside the
target, which then replaces it in one ``os.replace``. It refuses targets that are not regular
files (folders, device nodes, FIFOs, symbolic links), so ``-o /dev/null`` or ``-o link.svg``
never turns into a regular file. ``read_text_within`` reads a text file named by a map only if
it is a regular file inside an allowed folder and not too big.
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import stat
from pathlib import Path
from typing import Final

from argmap.errors import ArgmapError

__all__ = ["MAX_SOURCE_BYTES", "ReadRefused", "read_text_within", "same_file", "write_atomic"]

MAX_SOURCE_BYTES: Final = 16 * 1024 * 1024
"""The largest source text a map may name (16 MiB); a bigger file is refused, not read."""

_FLAGS: Final = (
    os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NOFOLLOW", 0)
)
_HINTS: Final = {
    errno.ENOSPC: "the disk is full: free some space and try again",
    errno.EDQUOT: "the disk quota is used up: free some space and try again",
    errno.EROFS: "the file system is read-only: write somewhere else",
    errno.EACCES: "no permission: check that the folder and the file are writable",
    errno.EPERM: "not permitted: is the file immutable or the folder sticky? write somewhere else",
}


def _refusal(target: Path) -> str | None:
    """Return why ``target`` must not be replaced by a regular file, or None when it may be."""
    try:
        info = target.lstat()
    except FileNotFoundError:
        return None
    except OSError as error:
        return f"cannot look at it: {error.strerror}"
    if stat.S_ISLNK(info.st_mode):
        return (
            "is a symbolic link; argmap does not replace links (write to the file it points to, or remove it)"
        )
    if stat.S_ISDIR(info.st_mode):
        return "is a folder (name a file inside it, e.g. map.svg)"
    if not stat.S_ISREG(info.st_mode):
        return "is not a regular file (a device, FIFO or socket); argmap writes regular files only"
    return None


def _refuse(target: Path) -> None:
    refusal = _refusal(target)
    if refusal is not None:
        raise ArgmapError(f"{target}: {refusal}")


def _problem(target: Path, error: OSError) -> ArgmapError:
    hint = _HINTS.get(error.errno or 0, "nothing was written; the previous file, if any, is unchanged")
    return ArgmapError(f"{target}: cannot write: {error.strerror or error} ({hint})")


def write_atomic(path: str | os.PathLike[str], data: bytes | str) -> Path:
    """Write ``data`` to ``path`` all at once and return the path.

    On any failure the temporary file is removed and the target is left as it was; the error is
    an ArgmapError saying what happened. ``str`` data is written as UTF-8, unchanged (no newline
    translation). A replaced file keeps its mode; a new file gets the mode ``open(path, "w")``
    would give it.
    """
    target = Path(path)
    _refuse(target)
    payload = data.encode("utf-8") if isinstance(data, str) else bytes(data)
    directory = target.parent if str(target.parent) else Path()
    temp = directory / f".{target.name}.{secrets.token_hex(4)}.tmp"
    try:
        # Created 0666 less the umask, like open(path, "w"): no need to read the process umask.
        fd = os.open(temp, _FLAGS, 0o666)
    except OSError as error:
        raise ArgmapError(
            f"{target}: cannot write here: {error.strerror} (check that the folder exists and is writable)"
        ) from None
    try:
        with os.fdopen(fd, "wb") as stream:
            stream.write(payload)
            stream.flush()
            os.fsync(stream.fileno())
        with contextlib.suppress(FileNotFoundError):
            temp.chmod(target.stat().st_mode & 0o7777)
        # Checked again just before the swap: the target may have changed while we wrote.
        _refuse(target)
        temp.replace(target)
    except OSError as error:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise _problem(target, error) from None
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise
    return target


def same_file(first: str | os.PathLike[str], second: str | os.PathLike[str]) -> bool:
    """Return whether two paths name the same existing file (through links and ``..`` too)."""
    try:
        return Path(first).samefile(second)
    except OSError:
        return Path(first).resolve() == Path(second).resolve()


class ReadRefused(ArgmapError):  # noqa: N818  # the reason is the message
    """A file named by a map was not read: outside the allowed folder, not a file, too big."""


def read_text_within(
    path: str | os.PathLike[str], root: str | os.PathLike[str], *, limit: int = MAX_SOURCE_BYTES
) -> str:
    """Return the UTF-8 text of ``path`` if it is a regular file inside ``root``, at most ``limit`` bytes.

    ``path`` is resolved (symbolic links and ``..`` followed) before it is compared with the
    resolved ``root``, so a link cannot lead outside. Raises ReadRefused with the reason, which
    never includes any of the file's text.
    """
    base = Path(root).resolve()
    try:
        real = Path(path).resolve(strict=True)
    except OSError as error:
        raise ReadRefused(error.strerror or type(error).__name__) from None
    if not real.is_relative_to(base):
        raise ReadRefused(f"outside the folder source texts are read from ({base})")
    flags = (
        os.O_RDONLY
        | getattr(os, "O_CLOEXEC", 0)
        | getattr(os, "O_NONBLOCK", 0)
        | getattr(os, "O_NOFOLLOW", 0)
    )
    try:
        fd = os.open(real, flags)
    except OSError as error:
        raise ReadRefused(error.strerror or type(error).__name__) from None
    with os.fdopen(fd, "rb") as stream:
        info = os.fstat(stream.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise ReadRefused("not a regular file (a device, FIFO or folder); name a text file")
        if info.st_size > limit:
            raise ReadRefused(f"{info.st_size:,} bytes, more than the {limit:,} a source text may have")
        raw = stream.read(limit + 1)
    if len(raw) > limit:
        raise ReadRefused(f"more than the {limit:,} bytes a source text may have")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ReadRefused("not UTF-8 text (save it as UTF-8)") from None
