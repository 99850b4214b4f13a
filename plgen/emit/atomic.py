"""Atomic writes: a file gets its new bytes whole or keeps its old ones, whatever happens (a kill, a crash).

Each file is written to ``.<file>.plgen-tmp`` beside it, fsynced, and ``os.replace``d over the target. A
render's files are written and fsynced several at a time, and replaced only once all are on disk.
"""

from __future__ import annotations

import os
from pathlib import Path, PurePosixPath

TMP = ".plgen-tmp"  # suffix of a file being written: ".<name>.plgen-tmp" beside it


def tmp_name(relative: PurePosixPath) -> PurePosixPath:
    return relative.parent / f".{relative.name}{TMP}"


def fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_tmp(path: Path, data: bytes, sync: bool) -> Path:
    """``data`` in ``.<name>.plgen-tmp`` beside ``path`` (fsynced if ``sync``); returns the temporary file."""
    tmp = path.with_name(f".{path.name}{TMP}")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW | os.O_CLOEXEC, 0o666)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
        if sync:
            os.fsync(fd)
    except BaseException as exc:
        if isinstance(exc, OSError) and exc.filename is None:
            exc.filename = str(path)  # os.write names no file: say which one could not be written
        os.close(fd)
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    os.close(fd)
    return tmp


def atomic_write(path: Path, data: bytes) -> None:
    """``path`` gets ``data`` whole or keeps what it had: temp file, fsync, ``os.replace``."""
    os.replace(write_tmp(path, data, sync=True), path)


SYNC_WORKERS = 16  # files in flight at once: creating and fsyncing them waits on the disk, and the journal commits many together


def _fsync_path(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC)
    try:
        os.fsync(fd)  # flushes the file's data and metadata, whichever descriptor wrote them
    finally:
        os.close(fd)


def _together(task, items: list) -> list:
    """``task`` over ``items``, several at a time (each waits on the disk, not the CPU); re-raises the first error."""
    if len(items) < 2:
        return [task(item) for item in items]
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(min(SYNC_WORKERS, len(items)), thread_name_prefix="plgen-write") as pool:
        return list(pool.map(task, items))


def fsync_all(paths: list[Path]) -> None:
    """fsync every file or folder of ``paths``, together."""
    _together(_fsync_path, paths)


def atomic_write_all(files: list[tuple[Path, bytes]]) -> None:
    """Each path gets its data whole or keeps what it had, as ``atomic_write`` does for one, with the waits together.

    Every temporary file is written and fsynced (several at a time), and only once all are on disk is each
    ``os.replace``d over its target: no target is ever replaced by bytes that are not on disk, so a kill or a
    crash at any moment leaves every file with either its old or its new bytes, as one file at a time did.
    If one cannot be written, none is replaced and the temporary files are removed.
    """
    written: list[Path] = []

    def write(item: tuple[Path, bytes]) -> Path:
        tmp = write_tmp(item[0], item[1], sync=True)
        written.append(tmp)  # list.append is atomic: the threads share it safely
        return tmp

    try:
        temporaries = _together(write, files)
    except BaseException:
        for tmp in written:
            try:
                os.unlink(tmp)
            except OSError:
                pass
        raise
    for tmp, (path, _) in zip(temporaries, files):
        os.replace(tmp, path)
