"""``plgen render`` with the writer's file operations instrumented from outside, for the kill tests.

Run as ``python tests/emit/paused_render.py render ...`` (the arguments of
``plgen``). The production writer has no test hooks: this script swaps the
``os`` module the writer and its atomic writes see for a proxy whose ``replace``, ``unlink``,
``rmdir`` and ``write`` count their calls, then runs ``plgen.cli.main``.

- ``PAUSED_RENDER_AT=replace:3`` prints ``paused before replace 3: <path>``
  to stderr just before the 3rd ``os.replace`` and sleeps, so a test can
  SIGKILL the process at exactly that moment.
- ``PAUSED_RENDER_TRACE=1`` prints every call (``replace 3 <path>``) instead.
- ``PAUSED_RENDER_FAIL=write:28:5`` makes the 5th ``os.write`` fail with errno
  28 (ENOSPC): a disk that fills up half-way through a render.
"""

from __future__ import annotations

import os
import sys
import time

import plgen.emit.atomic as atomic
import plgen.emit.writer as writer


class _Os:
    def __getattr__(self, name: str):
        return getattr(os, name)


def _instrument() -> _Os:
    proxy = _Os()
    counts: dict[str, int] = {}
    pause = os.environ.get("PAUSED_RENDER_AT", "")
    trace = bool(os.environ.get("PAUSED_RENDER_TRACE"))
    fail = os.environ.get("PAUSED_RENDER_FAIL", "")

    def wrap(op: str):
        real = getattr(os, op)

        def call(*args, **kwargs):
            n = counts[op] = counts.get(op, 0) + 1
            where = "" if op == "write" else str(args[-1] if op == "replace" else args[0])
            if trace and op != "write":
                print(f"{op} {n} {where}", file=sys.stderr, flush=True)
            if pause == f"{op}:{n}":
                print(f"paused before {op} {n}: {where}", file=sys.stderr, flush=True)
                time.sleep(600)
            if fail:
                fail_op, code, at = fail.split(":")
                if fail_op == op and n >= int(at):
                    raise OSError(int(code), os.strerror(int(code)), where or None)
            return real(*args, **kwargs)

        return call

    for op in ("replace", "unlink", "rmdir", "write"):
        setattr(proxy, op, wrap(op))
    return proxy


if __name__ == "__main__":
    writer.os = atomic.os = _instrument()  # the writer removes stale files; atomic writes and replaces
    from plgen.cli import main

    main(args=sys.argv[1:], prog_name="plgen")
