"""Crash-safe file writes: every write is whole or absent, never torn.

A write that fails because the disk is full (or the file too large, or the
file system read-only) raises ``DiskFullError``, a ``VoyagerError`` that says
what to do; what was written before stays as it was.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from voyager.errors import VoyagerError

_NO_ROOM = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EROFS}


class DiskFullError(VoyagerError, OSError):
    """A write the disk had no room for; the message names the file and what to do."""


@contextlib.contextmanager
def _room_for(path: Path) -> Iterator[None]:
    try:
        yield
    except OSError as exc:
        if exc.errno not in _NO_ROOM:
            raise
        raise DiskFullError(
            exc.errno,
            f"cannot write {path}: {os.strerror(exc.errno or 0)}. Nothing written before was "
            "lost: free some space (or choose another folder), then resume the run",
        ) from exc


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` so a crash leaves either the old or the new file.

    Write a temporary file beside it, fsync it, rename it over the target and
    fsync the folder so the rename itself survives a power cut.
    """
    with _room_for(path):
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(text)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        _fsync_dir(path.parent)


def write_json(path: Path, data: Any) -> None:
    write_atomic(path, json.dumps(data, indent=2, sort_keys=True) + "\n")


def read_json(path: Path, default: Any = None) -> Any:
    if not path.exists():
        return default
    return json.loads(path.read_text(encoding="utf-8"))


def append_line(path: Path, line: str) -> int:
    """Append one line, fsynced; returns the file size after the write.

    A line the disk had no room for is cut back off, so the file never ends torn.
    """
    data = (line.rstrip("\n") + "\n").encode("utf-8")
    with _room_for(path):
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        try:
            size = os.fstat(fd).st_size
            try:
                view = memoryview(data)
                while view:
                    view = view[os.write(fd, view) :]
                os.fsync(fd)
            except OSError:
                with contextlib.suppress(OSError):
                    os.ftruncate(fd, size)
                raise
            return size + len(data)
        finally:
            os.close(fd)


def truncate(path: Path, size: int) -> None:
    """Cut ``path`` back to ``size`` bytes (drops lines written after a checkpoint)."""
    if path.exists() and path.stat().st_size > size:
        with path.open("r+b") as handle:
            handle.truncate(size)
            os.fsync(handle.fileno())


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
