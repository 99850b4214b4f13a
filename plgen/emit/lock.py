"""The lock, ``<out>/.plgen.lock``: renders into one ``--out`` take turns (``flock``: exclusive to write, shared to check).

A second render waits up to ``PLGEN_LOCK_TIMEOUT`` seconds (default 60) and then stops, having written
nothing. The kernel drops the lock when its holder dies, so a killed render never leaves it stuck.
"""

from __future__ import annotations

import errno
import fcntl
import os
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from plgen.emit.output import OutputError, os_error

LOCK = ".plgen.lock"
LOCK_TIMEOUT = "PLGEN_LOCK_TIMEOUT"
DEFAULT_LOCK_TIMEOUT = 60.0


def lock_timeout() -> float:
    value = os.environ.get(LOCK_TIMEOUT)
    if value is None:
        return DEFAULT_LOCK_TIMEOUT
    try:
        return max(0.0, float(value))
    except ValueError:
        raise OutputError(f"{LOCK_TIMEOUT}={value!r}: not a number of seconds (unset it for the default, {DEFAULT_LOCK_TIMEOUT:g})") from None


@contextmanager
def locked(out: Path, exclusive: bool = True) -> Iterator[None]:
    """Hold ``<out>/.plgen.lock``: exclusive to write, shared to read (``--check``).

    A shared lock is only taken if the lock file exists: ``--check`` creates nothing.
    """
    path = out / LOCK
    flags = (os.O_RDWR | os.O_CREAT) if exclusive else os.O_RDONLY
    try:
        fd = os.open(path, flags | os.O_NOFOLLOW | os.O_CLOEXEC, 0o666)
    except FileNotFoundError as exc:
        if exclusive:
            raise os_error(exc, path, "nothing was written") from None
        yield
        return
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise OutputError(f"{path}: is a symbolic link; plgen's lock file must be a plain file (remove the link); nothing was written") from None
        raise os_error(exc, path, "nothing was written") from None
    try:
        mode = fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH
        try:
            fcntl.flock(fd, mode | fcntl.LOCK_NB)
        except BlockingIOError:
            timeout = lock_timeout()
            print(f"waiting for another plgen render to finish with {out}/ (lock {path}, up to {timeout:g} s)", file=sys.stderr, flush=True)
            deadline = time.monotonic() + timeout
            while True:
                time.sleep(0.05)
                try:
                    fcntl.flock(fd, mode | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() >= deadline:
                        raise OutputError(
                            f"{path}: another plgen render held this lock for {timeout:g} s; nothing was written "
                            f"(let it finish, or set {LOCK_TIMEOUT} to wait longer)"
                        ) from None
        yield
    finally:
        os.close(fd)
