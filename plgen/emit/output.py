"""Errors about ``--out``: one located line, exit 2 (a link or file in the way, permissions, a full disk, a held lock)."""

from __future__ import annotations

import errno
from pathlib import Path

from plgen.errors import PlgenError


class OutputError(PlgenError):
    """``--out`` cannot be written as asked (a link or file in the way, permissions, a full disk, a held lock)."""

    exit_code = 2


def os_error(exc: OSError, where: Path, done: str) -> OutputError:
    hints = {
        errno.ENOSPC: "free some space",
        errno.EDQUOT: "free some space",
        errno.EFBIG: "free some space or raise the file size limit",
        errno.EACCES: "fix its permissions or render with --out elsewhere",
        errno.EPERM: "fix its permissions or render with --out elsewhere",
        errno.EROFS: "render with --out on a writable file system",
    }
    hint = hints.get(exc.errno, "fix it or render with --out elsewhere")
    return OutputError(f"{exc.filename or where}: {exc.strerror or exc} ({hint}); {done}")
