"""Atomic writes: a file gets its new bytes whole or keeps its old ones, whatever happens (a kill, a crash).

Each file is written to ``.<file>.plgen-tmp`` beside it, fsynced, and ``os.replace``d over the target. A
render's files are all written first, made durable together, and replaced only once all are on disk.

"Together" is one ``syncfs(2)`` per filesystem on Linux: "Linux waits for I/O completions, and thus sync() or
syncfs() provide the same guarantees as fsync() called on every file in the system or filesystem respectively"
(man-pages 6.8, sync(2); it reports EIO and ENOSPC of any file written there). One call for a fleet's 14,000
files instead of 14,000 fsyncs: 2.1 s -> 0.5 s on this project's machine. Elsewhere (no ``syncfs``), each file
is fsynced, several at a time.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import sys
from functools import cache
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


def write_tmp(path: Path | str, data: bytes, sync: bool) -> str:
    """``data`` in ``.<name>.plgen-tmp`` beside ``path`` (fsynced if ``sync``); returns the temporary file."""
    folder, name = os.path.split(path)
    tmp = os.path.join(folder, f".{name}{TMP}")
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


@cache
def _syncfs():
    """libc's ``syncfs`` (Linux), or None."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or None, use_errno=True)
        syncfs = libc.syncfs
    except (OSError, AttributeError):
        return None
    syncfs.argtypes, syncfs.restype = [ctypes.c_int], ctypes.c_int
    return syncfs


def sync_filesystems(paths: list[Path] | list[str]) -> bool:
    """Make every change on the filesystems holding ``paths`` durable, one ``syncfs`` each; False without syncfs."""
    syncfs = _syncfs()
    if syncfs is None:
        return False
    devices: dict[int, Path | str] = {}
    for path in paths:
        devices.setdefault(os.stat(path).st_dev, path)
    for path in devices.values():
        fd = os.open(path, os.O_RDONLY | os.O_CLOEXEC)
        try:
            if syncfs(fd) != 0:
                code = ctypes.get_errno()
                raise OSError(code, os.strerror(code), str(path))
        finally:
            os.close(fd)
    return True


def _together(task, items: list) -> list:
    """``task`` over ``items``, several at a time (each waits on the disk, not the CPU); re-raises the first error."""
    if len(items) < 2:
        return [task(item) for item in items]
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(min(SYNC_WORKERS, len(items)), thread_name_prefix="plgen-write") as pool:
        return list(pool.map(task, items))


def fsync_all(paths: list[Path]) -> None:
    """fsync every file or folder of ``paths``, together."""
    if paths and not sync_filesystems(paths):
        _together(_fsync_path, paths)


def atomic_write_all(files: list[tuple[Path | str, bytes]]) -> None:
    """Each path gets its data whole or keeps what it had, as ``atomic_write`` does for one, with the waits together.

    Every temporary file is written and made durable (one ``syncfs``, or fsynced several at a time), and only once all are on disk is each
    ``os.replace``d over its target: no target is ever replaced by bytes that are not on disk, so a kill or a
    crash at any moment leaves every file with either its old or its new bytes, as one file at a time did.
    If one cannot be written, none is replaced and the temporary files are removed.
    """
    written: list[str] = []
    one_sync = _syncfs() is not None

    def write(item: tuple[Path | str, bytes]) -> str:
        tmp = write_tmp(item[0], item[1], sync=not one_sync)
        written.append(tmp)  # list.append is atomic: the threads share it safely
        return tmp

    try:
        if one_sync:
            temporaries = [write(item) for item in files]
            sync_filesystems(sorted({os.path.dirname(tmp) for tmp in temporaries}))
        else:
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
