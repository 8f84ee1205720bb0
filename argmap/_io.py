"""Atomic file writes: a failed write leaves no file behind and never clobbers an existing one."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from argmap.errors import ArgmapError

__all__ = ["write_atomic"]


def write_atomic(path: str | os.PathLike[str], data: bytes | str) -> Path:
    """Write ``data`` to ``path`` all at once and return the path.

    The data goes to a temporary file in the target's directory, which then replaces the target
    in one ``os.replace``; on any failure the temporary file is removed and the target is left as
    it was. ``str`` data is written as UTF-8, unchanged (no newline translation). A new file gets
    the permissions an ordinary ``open(path, "w")`` would give it.
    """
    target = Path(path)
    payload = data.encode("utf-8") if isinstance(data, str) else bytes(data)
    directory = target.parent if str(target.parent) else Path()
    try:
        fd, temp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    except OSError as error:
        raise ArgmapError(
            f"{target}: cannot write here: {error.strerror} (check that the folder exists and is writable)"
        ) from None
    try:
        with os.fdopen(fd, "wb") as stream:
            stream.write(payload)
            stream.flush()
            os.fsync(stream.fileno())
        _copy_mode(target, Path(temp_name))
        Path(temp_name).replace(target)
    except BaseException:
        with contextlib.suppress(OSError):
            Path(temp_name).unlink()
        raise
    return target


def _read_umask() -> int:
    # os.umask can only be read by setting it; done once at import, before any threads write.
    umask = os.umask(0o022)
    os.umask(umask)
    return umask


_UMASK = _read_umask()


def _copy_mode(target: Path, temp: Path) -> None:
    # mkstemp creates 0600; keep an existing file's mode, else the default a new file would get.
    try:
        mode = target.stat().st_mode & 0o7777
    except FileNotFoundError:
        mode = 0o666 & ~_UMASK
    temp.chmod(mode)
